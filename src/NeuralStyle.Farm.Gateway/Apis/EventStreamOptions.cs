namespace NeuralStyle.Farm.Gateway.Apis;

/// <summary>Settings of the live event streams (Server-Sent Events); configure with <c>services.Configure&lt;EventStreamOptions&gt;</c>.</summary>
public sealed class EventStreamOptions
{
    /// <summary>
    /// Silence after which the stream sends a <c>: keep-alive</c> comment, so proxies and clients
    /// that time out idle connections keep a quiet stream open. Default 15 s; zero or less sends none.
    /// </summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);
}
