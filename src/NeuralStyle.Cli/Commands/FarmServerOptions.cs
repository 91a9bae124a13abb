using System.CommandLine;
using NeuralStyle.Cli.Hosting;
using NeuralStyle.Engine;
using NeuralStyle.Engine.IO;
using NeuralStyle.Engine.Settings;
using NeuralStyle.Engine.Weights;

namespace NeuralStyle.Cli.Commands;

/// <summary>The options nsf serve and nsf gateway share: where to listen, where the data lives, API keys, default weights.</summary>
internal sealed class FarmServerOptions
{
    public Option<string> Urls { get; } = new("--urls")
    {
        Description = "where to listen, as ASP.NET Core's --urls (several separated by ';'); beyond loopback API keys are required",
        DefaultValueFactory = _ => "http://127.0.0.1:5170",
    };

    public Option<string> Data { get; } = new("--data")
    {
        Description = "directory of the farm's database and blobs; started again on the same one, unfinished sweeps continue (also $NSF_DATA)",
        DefaultValueFactory = _ => FarmDataDirectory.Default,
    };

    public Option<string[]> ApiKeys { get; } = new("--api-key")
    {
        Description = "an API key that may submit and cancel (repeatable; also $NSF_API_KEYS, comma-separated, and configuration Farm:ApiKeys)",
    };

    public Option<string?> Weights { get; } = new("--weights")
    {
        Description = "VGG-19 weights used by specs that name none [default: the CLI's default weights file when it exists]",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Urls);
        command.Options.Add(Data);
        command.Options.Add(ApiKeys);
        command.Options.Add(Weights);
    }

    public IReadOnlyList<string> ApiKeysOf(ParseResult parse) =>
        [.. (parse.GetValue(ApiKeys) ?? [])
            .Concat((Environment.GetEnvironmentVariable("NSF_API_KEYS") ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Distinct(StringComparer.Ordinal)];

    /// <summary>--weights as given, else the CLI's default weights file when it exists, else none.</summary>
    public string? WeightsOf(ParseResult parse)
    {
        if (parse.GetValue(Weights) is not { } given)
        {
            return File.Exists(WeightsLocation.Default) ? WeightsLocation.Default : null;
        }
        // A weights file named but missing fails here, not when the first spec needs it.
        InputFiles.RequireRegularFile(given, SafetensorsFile.MaxFileBytes, problem => new WeightsFileException($"--weights {problem}"));
        return Path.GetFullPath(given);
    }
}
