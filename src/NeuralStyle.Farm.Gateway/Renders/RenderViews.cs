using NeuralStyle.Farm.Contracts;
using NeuralStyle.Farm.Contracts.Api;
using NeuralStyle.Farm.Contracts.Messages;
using NeuralStyle.Farm.Gateway.Export;
using NeuralStyle.Farm.Gateway.Store;

namespace NeuralStyle.Farm.Gateway.Renders;

/// <summary>Store rows as the API and the grid composer see them.</summary>
internal static class RenderViews
{
    /// <summary>A render by key (no cell position).</summary>
    public static RenderView Of(RenderRow row) => new(row.RenderKey, StatusWords.Render(row.Status))
    {
        Attempts = row.Attempts,
        Worker = row.Worker,
        Iteration = row.Iteration,
        TotalIterations = row.TotalIterations,
        Losses = LossesOf(row.LossesJson),
        Seconds = row.Seconds,
        BatchSize = row.BatchSize,
        ErrorCode = row.ErrorCode,
        Error = row.Error,
        ImageSha256 = row.ResultSha256,
        TraceSha256 = row.TraceSha256,
        Render = FarmJson.Deserialize<PortableRender>(row.RenderJson),
    };

    /// <summary>A cell of a sweep.</summary>
    public static RenderView Of(CellRow row) => new(row.RenderKey, StatusWords.Render(row.CellStatus))
    {
        Index = row.PointIndex,
        Page = row.Page,
        Row = row.GridRow,
        Column = row.GridColumn,
        Coordinates = CoordinatesOf(row.CoordinatesJson),
        Reused = row.Reused != 0,
        Attempts = row.Attempts,
        Worker = row.Worker,
        Iteration = row.Iteration,
        TotalIterations = row.TotalIterations,
        Losses = LossesOf(row.LossesJson),
        Seconds = row.Seconds,
        BatchSize = row.BatchSize,
        ErrorCode = row.Cancelled != 0 ? "cancelled" : row.ErrorCode,
        Error = row.Cancelled != 0 ? "the sweep was cancelled" : row.Error,
        ImageSha256 = row.ResultSha256,
        TraceSha256 = row.TraceSha256,
        Render = FarmJson.Deserialize<PortableRender>(row.RenderJson),
    };

    /// <summary>A cell for the grid composer and exporter.</summary>
    public static SweepDocumentCell CellOf(CellRow row)
    {
        var view = Of(row);
        return new SweepDocumentCell(row.PointIndex, row.Page, row.GridRow, row.GridColumn, view.Coordinates!, row.RenderKey, view.Render!,
            view.Status, view.Reused, row.ResultSha256, row.TraceSha256, view.Losses, row.Iteration, row.Seconds, row.BatchSize,
            view.ErrorCode, view.Error, row.Worker, row.Attempts);
    }

    public static IReadOnlyDictionary<string, string> CoordinatesOf(string json) =>
        FarmJson.Deserialize<Dictionary<string, string>>(json);

    private static RenderLosses? LossesOf(string? json) => json is null ? null : FarmJson.Deserialize<RenderLosses>(json);
}
