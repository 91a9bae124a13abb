namespace NeuralStyle.Farm.Gateway.Store;

/// <summary>A point of a sweep joined with its render: one grid cell.</summary>
internal sealed class CellRow
{
    public int PointIndex { get; init; }

    public int Page { get; init; }

    public int GridRow { get; init; }

    public int GridColumn { get; init; }

    public string CoordinatesJson { get; init; } = "{}";

    public int Reused { get; init; }

    /// <summary>1 when the sweep was cancelled while this cell's render was unfinished: the cell shows cancelled whatever the render does for other sweeps.</summary>
    public int Cancelled { get; init; }

    public string RenderKey { get; init; } = "";

    public string RenderJson { get; init; } = "";

    public string Status { get; init; } = "";

    public int Attempts { get; init; }

    public string? Worker { get; init; }

    public int? Iteration { get; init; }

    public int TotalIterations { get; init; }

    public string? LossesJson { get; init; }

    public double? Seconds { get; init; }

    public int? BatchSize { get; init; }

    public string? ResultSha256 { get; init; }

    public string? TraceSha256 { get; init; }

    public string? ErrorCode { get; init; }

    public string? Error { get; init; }

    /// <summary>The cell's status: the render's, or cancelled when the sweep gave it up.</summary>
    public string CellStatus => Cancelled != 0 ? StatusWords.Cancelled : Status;
}
