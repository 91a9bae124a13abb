using System.Globalization;

namespace NeuralStyle.Engine.Memory;

/// <summary>
/// How much memory renders may still take on a device. For <c>cpu</c>: the least of the machine's
/// available memory (/proc/meminfo MemAvailable), the room left under this process's cgroup limit
/// (a Kubernetes pod's memory limit) and <c>NSF_MEMORY_LIMIT</c> when set. CUDA devices are not
/// read by this build: their renders are not checked.
/// </summary>
public static class DeviceMemory
{
    /// <summary>Environment variable that caps the memory renders may use (bytes, or with K, M, G suffix).</summary>
    public const string LimitVariable = "NSF_MEMORY_LIMIT";

    /// <summary>Bytes available to renders on <paramref name="device"/>, or null when it cannot be told.</summary>
    public static long? Available(string device)
    {
        if (device != "cpu")
        {
            return null;
        }
        return Budget()?.Bytes;
    }

    /// <summary>The CPU's bound and where it came from (" (NSF_MEMORY_LIMIT)", " (cgroup memory limit)", or "" for the machine's own): messages say which.</summary>
    internal static (long Bytes, string Source)? Budget()
    {
        (long Bytes, string Source)? least = null;
        foreach (var (bytes, source) in new[] { (ConfiguredLimit(), $" ({LimitVariable})"), (MemAvailable(), ""), (CgroupRoom(), " (cgroup memory limit)") })
        {
            if (bytes is { } b && (least is null || b < least.Value.Bytes))
            {
                least = (b, source);
            }
        }
        return least;
    }

    /// <summary>Parses "1073741824", "512M", "2G" (binary units).</summary>
    public static long? ParseBytes(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        text = text.Trim();
        var multiplier = char.ToUpperInvariant(text[^1]) switch
        {
            'K' => 1L << 10,
            'M' => 1L << 20,
            'G' => 1L << 30,
            _ => 1L,
        };
        var number = multiplier == 1 ? text : text[..^1];
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && value * multiplier < long.MaxValue
            ? (long)(value * multiplier)
            : throw new InvalidSettingException(LimitVariable, $"'{text}' is not a size in bytes (e.g. 8G, 512M)");
    }

    private static long? ConfiguredLimit() => ParseBytes(Environment.GetEnvironmentVariable(LimitVariable));

    private static long? MemAvailable()
    {
        foreach (var line in ReadLines("/proc/meminfo"))
        {
            if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return long.TryParse(parts[1], CultureInfo.InvariantCulture, out var kib) ? kib * 1024 : null;
            }
        }
        return null;
    }

    // cgroup v2: the process's group from /proc/self/cgroup ("0::/path"), its memory.max and memory.current.
    private static long? CgroupRoom()
    {
        var group = ReadLines("/proc/self/cgroup").FirstOrDefault(l => l.StartsWith("0::", StringComparison.Ordinal))?[3..];
        if (group is null)
        {
            return null;
        }
        var directory = Path.Combine("/sys/fs/cgroup", group.TrimStart('/'));
        var max = ReadLines(Path.Combine(directory, "memory.max")).FirstOrDefault();
        var current = ReadLines(Path.Combine(directory, "memory.current")).FirstOrDefault();
        return long.TryParse(max, CultureInfo.InvariantCulture, out var limit) && long.TryParse(current, CultureInfo.InvariantCulture, out var used)
            ? Math.Max(0, limit - used)
            : null;
    }

    private static IEnumerable<string> ReadLines(string path)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
