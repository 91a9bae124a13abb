using NeuralStyle.Farm.Worker;

namespace NeuralStyle.Cli.Hosting;

/// <summary>What <c>nsf serve</c> or <c>nsf gateway</c> was asked to host.</summary>
/// <param name="Urls">Where to listen, as ASP.NET Core's <c>--urls</c> (several separated by ';').</param>
/// <param name="DataDirectory">The database and blob store.</param>
/// <param name="ApiKeys">Keys that may submit and cancel.</param>
/// <param name="DefaultWeights">Weights for specs that name none; null: specs must name theirs.</param>
/// <param name="Workers">The workers to host beside the gateway; null for the gateway alone (which then never loads libtorch).</param>
internal sealed record FarmHostSettings(string Urls, string DataDirectory, IReadOnlyList<string> ApiKeys, string? DefaultWeights, WorkerOptions? Workers)
{
    /// <summary>Most renders in one batch; null: the gateway's default.</summary>
    public int? MaxBatchSize { get; init; }

    /// <summary>Least severe log level written to stderr (nsf sweep keeps the terminal for its own progress).</summary>
    public Microsoft.Extensions.Logging.LogLevel LogLevel { get; init; } = Microsoft.Extensions.Logging.LogLevel.Information;
}
