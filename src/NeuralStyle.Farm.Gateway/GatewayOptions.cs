namespace NeuralStyle.Farm.Gateway;

/// <summary>Settings of the gateway (configuration section <c>Farm</c>, or the options of nsf serve/gateway).</summary>
public sealed record GatewayOptions
{
    /// <summary>Directory of the database and the blob store.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>API keys that may submit and cancel; empty: none configured (allowed only on loopback).</summary>
    public IReadOnlyList<string> ApiKeys { get; init; } = [];

    /// <summary>Largest image upload.</summary>
    public long MaxImageBytes { get; init; } = 64L << 20;

    /// <summary>Largest weights upload (VGG-19 is about 548 MB).</summary>
    public long MaxWeightsBytes { get; init; } = 2L << 30;

    /// <summary>Most decoded pixels of an uploaded image.</summary>
    public long MaxImagePixels { get; init; } = 40_000_000;

    /// <summary>Most renders one sweep may expand to unless the submission asks for fewer.</summary>
    public int MaxRenders { get; init; } = 1000;

    /// <summary>Attempts at a render whose failures are retryable before it fails for good.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Most renders in one batch (compatible renders are optimised together).</summary>
    public int MaxBatchSize { get; init; } = 4;

    /// <summary>A weights file registered at start and used by specs that name none; null: specs must name weights.</summary>
    public string? DefaultWeightsPath { get; init; }

    /// <summary>A worker silent this long is shown gone.</summary>
    public TimeSpan WorkerTimeout { get; init; } = TimeSpan.FromSeconds(15);
}
