namespace NeuralStyle.Farm.Gateway.Store;

/// <summary>A row of <c>renders</c>: one render by key, shared by every sweep that needs it.</summary>
internal sealed class RenderRow
{
    public string RenderKey { get; init; } = "";

    public string RenderJson { get; init; } = "";

    public string BatchKey { get; init; } = "";

    public string Status { get; init; } = "";

    /// <summary>Dispatches so far; the attempt number of the latest dispatch, which events must carry to count.</summary>
    public int Attempts { get; init; }

    /// <summary>Retryable failures so far (a dispatch lost to a restart or a vanished worker is not one).</summary>
    public int Failures { get; init; }

    public string? BatchId { get; init; }

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
}
