namespace NeuralStyle.Engine.IO;

/// <summary>
/// The one way input files are opened. Only regular files are inputs (links followed): a FIFO
/// would block the open forever and a device such as /dev/zero never ends, so both are refused
/// from their metadata before anything is opened. Reading is bounded by a size limit checked
/// first, and again while reading in case the file grows.
/// </summary>
public static class InputFiles
{
    /// <summary>
    /// Throws the exception <paramref name="fail"/> makes (it receives a sentence about the file,
    /// starting with its quoted path) unless <paramref name="path"/> is an existing regular file of at
    /// most <paramref name="maxBytes"/> bytes; returns its size.
    /// </summary>
    public static long RequireRegularFile(string path, long maxBytes, Func<string, Exception> fail)
    {
        var (kind, size) = FileMetadata.Of(path);
        var problem = kind switch
        {
            FileKind.Missing => "does not exist",
            FileKind.Directory => "is a directory, not a file",
            FileKind.Unreadable => "cannot be read (permission denied)",
            FileKind.Other => "is not a regular file (a FIFO, device or socket); give a file",
            _ when size > maxBytes => $"is {Describe(size)}, over the limit of {Describe(maxBytes)}",
            _ => null,
        };
        return problem is null ? size : throw fail($"'{path}' {problem}");
    }

    /// <summary>Opens a checked regular file for reading (see <see cref="RequireRegularFile"/>).</summary>
    public static FileStream OpenRead(string path, long maxBytes, Func<string, Exception> fail)
    {
        RequireRegularFile(path, maxBytes, fail);
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw fail($"'{path}' cannot be read: {e.Message}");
        }
    }

    /// <summary>The whole file, at most <paramref name="maxBytes"/> bytes (a file that grows past it while read fails too).</summary>
    public static byte[] ReadAllBytes(string path, long maxBytes, Func<string, Exception> fail)
    {
        using var stream = OpenRead(path, maxBytes, fail);
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int read;
        while ((read = Read(stream, chunk, path, fail)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw fail($"'{path}' grew past the limit of {Describe(maxBytes)} while it was read");
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>Lower-case hex SHA-256 of the file, read in a stream and bounded as <see cref="ReadAllBytes"/>.</summary>
    public static string Sha256(string path, long maxBytes, Func<string, Exception> fail)
    {
        using var stream = OpenRead(path, maxBytes, fail);
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var chunk = new byte[1 << 16];
        long total = 0;
        int read;
        while ((read = Read(stream, chunk, path, fail)) > 0)
        {
            total += read;
            if (total > maxBytes)
            {
                throw fail($"'{path}' grew past the limit of {Describe(maxBytes)} while it was read");
            }
            hash.AppendData(chunk, 0, read);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>One read; an I/O error (a disk error, a file on a vanished mount) is the input's failure, not a crash.</summary>
    internal static int Read(Stream stream, Span<byte> buffer, string path, Func<string, Exception> fail)
    {
        try
        {
            return stream.Read(buffer);
        }
        catch (IOException e)
        {
            throw fail($"'{path}' cannot be read: {e.Message}");
        }
    }

    /// <summary>The whole file as UTF-8 text, bounded as <see cref="ReadAllBytes"/>.</summary>
    public static string ReadAllText(string path, long maxBytes, Func<string, Exception> fail) =>
        new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetString(ReadAllBytes(path, maxBytes, fail)).TrimStart('\uFEFF');

    /// <summary>"1.5 MiB", "512 bytes": sizes in messages.</summary>
    public static string Describe(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.#} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.#} MiB",
        >= 1L << 10 => $"{bytes / 1024.0:0.#} KiB",
        _ => $"{bytes} bytes",
    };
}
