namespace NeuralStyle.Engine.Rendering;

/// <summary>
/// Which iterations of one scale's optimisation bring an image back from the device: save_every's
/// snapshots (every <c>saveEvery</c> updates of the scale, counted from its start even when it
/// resumes part way) and a caller's images (every <c>imageEvery</c> iterations of the whole
/// render), each with the scale's last image. The native engine copies an image every k steps of
/// its own run; k is the largest step that lands on every wanted iteration, and the rest are dropped.
/// </summary>
/// <param name="SaveEvery">save_every; 0: none.</param>
/// <param name="ImageEvery">The caller's interval over the whole render; 0: none.</param>
/// <param name="Done">Updates of this scale done before this run of it (a resumed render).</param>
/// <param name="Offset">The render's iteration at this run's first report.</param>
/// <param name="Iterations">Updates this run makes.</param>
internal sealed record ImageSchedule(int SaveEvery, int ImageEvery, int Done, int Offset, int Iterations)
{
    /// <summary>The native engine's snapshot interval: 0 when no image is wanted.</summary>
    public int NativeEvery
    {
        get
        {
            var every = 0;
            if (SaveEvery > 0)
            {
                every = Gcd(Gcd(every, SaveEvery), Done % SaveEvery);
            }
            if (ImageEvery > 0)
            {
                every = Gcd(Gcd(every, ImageEvery), Offset % ImageEvery);
            }
            return every;
        }
    }

    /// <summary>True when save_every keeps the image of this run's <paramref name="step"/>.</summary>
    public bool SaveDue(int step) => SaveEvery > 0 && ((Done + step) % SaveEvery == 0 || step == Iterations);

    /// <summary>True when the caller asked for the image of this run's <paramref name="step"/>.</summary>
    public bool ImageDue(int step) => ImageEvery > 0 && ((Offset + step) % ImageEvery == 0 || step == Iterations);

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
