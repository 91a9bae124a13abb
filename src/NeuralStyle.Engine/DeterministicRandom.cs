namespace NeuralStyle.Engine;

/// <summary>
/// A seeded generator whose sequence is fixed by this code alone (SplitMix64), unlike
/// <see cref="Random"/>, so that random weights and noise images are the same on every machine and runtime.
/// </summary>
public sealed class DeterministicRandom(long seed)
{
    private ulong _state = unchecked((ulong)seed);

    /// <summary>The next 64 random bits.</summary>
    public ulong NextBits()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextUniform() => (NextBits() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Standard normal (Box-Muller; one value per call, the partner is discarded for simplicity).</summary>
    public double NextNormal()
    {
        var u1 = 1.0 - NextUniform();
        var u2 = NextUniform();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
