using System.CommandLine;

namespace NeuralStyle.Cli.Farm;

/// <summary>The options every client command shares: <c>--gateway URL</c> and <c>--api-key KEY</c>.</summary>
internal sealed class GatewayClientOptions
{
    public GatewayClientOptions()
    {
        Gateway = new Option<string>("--gateway")
        {
            Description = "the gateway's URL (also $NSF_GATEWAY)",
            DefaultValueFactory = _ => FarmClient.DefaultGatewayUrl,
        };
        Gateway.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string>();
            if (!(Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            {
                result.AddError($"--gateway '{text}' is not an http:// or https:// URL");
            }
        });
        ApiKey = new Option<string?>("--api-key")
        {
            Description = "API key sent as X-Api-Key (needed to submit or cancel on a gateway reached beyond loopback) [default: $NSF_API_KEY]",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("NSF_API_KEY") is { Length: > 0 } key ? key : null,
        };
    }

    public Option<string> Gateway { get; }

    public Option<string?> ApiKey { get; }

    public void AddTo(Command command)
    {
        command.Options.Add(Gateway);
        command.Options.Add(ApiKey);
    }

    public FarmClient Client(ParseResult parse) => new(new Uri(parse.GetValue(Gateway)!), parse.GetValue(ApiKey));
}
