namespace NeuralStyle.Cli.Farm;

/// <summary>One dispatched Server-Sent Event.</summary>
/// <param name="Id">The last event id the stream had set when this event was dispatched (it carries over, as the spec says); null when none.</param>
/// <param name="Type">The <c>event:</c> field, or <c>message</c> when the event named none.</param>
/// <param name="Data">The <c>data:</c> lines joined with line feeds.</param>
internal sealed record ServerSentEvent(string? Id, string Type, string Data);
