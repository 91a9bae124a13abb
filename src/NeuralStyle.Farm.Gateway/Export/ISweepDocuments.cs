namespace NeuralStyle.Farm.Gateway.Export;

/// <summary>
/// A sweep's documents: its grid pages (stored as blobs) and the files <c>nsf sweep --out DIR</c>
/// writes (sweep.json, renders/, grid pages), as a directory or a zip. Thread-safe: every call
/// works in its own temporary directory.
/// </summary>
internal interface ISweepDocuments
{
    /// <summary>Lays out every grid page of <paramref name="sweep"/>, stores each in the blob store, and returns them in page order.</summary>
    Task<IReadOnlyList<NeuralStyle.Farm.Contracts.Api.GridPageView>> WriteGridsAsync(SweepDocument sweep, CancellationToken ct);

    /// <summary>Writes a zip of exactly what <see cref="WriteDirectoryAsync"/> writes to <paramref name="zip"/> (which may be a response body: written asynchronously).</summary>
    Task WriteArchiveAsync(SweepDocument sweep, Stream zip, CancellationToken ct);

    /// <summary>Writes sweep.json, renders/&lt;key&gt;.png and the grid pages into <paramref name="directory"/>, as <c>nsf sweep --out</c> does.</summary>
    Task WriteDirectoryAsync(SweepDocument sweep, string directory, CancellationToken ct);
}
