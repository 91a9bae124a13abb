using NeuralStyle.Farm.Contracts.Api;

namespace NeuralStyle.Farm.Gateway.Export;

/// <summary>Lays out a sweep's grid pages into the blob store and writes its files (the gateway-grids seam).</summary>
internal interface ISweepDocuments
{
    Task<IReadOnlyList<GridPageView>> WriteGridsAsync(SweepDocument sweep, CancellationToken ct);

    Task WriteArchiveAsync(SweepDocument sweep, Stream zip, CancellationToken ct);

    Task WriteDirectoryAsync(SweepDocument sweep, string directory, CancellationToken ct);
}
