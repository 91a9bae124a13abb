using System.Text.Json.Serialization;

namespace NeuralStyle.Engine.Sweeps;

/// <summary>
/// Where a sweep's render stands: the farm's words (<c>queued</c>, <c>running</c>, <c>succeeded</c>,
/// <c>failed</c>, <c>cancelled</c>), the same in sweep.json, the HTTP API and the events. Manifests
/// written before the farm said <c>pending</c> and <c>done</c>; those still read (<see cref="RenderStatusJsonConverter"/>).
/// </summary>
[JsonConverter(typeof(RenderStatusJsonConverter))]
public enum RenderStatus
{
    /// <summary>Not rendered yet.</summary>
    Queued,

    /// <summary>Being rendered now.</summary>
    Running,

    /// <summary>Rendered; its image is in renders/.</summary>
    Succeeded,

    /// <summary>Failed; the record says why. Running the sweep again retries it.</summary>
    Failed,

    /// <summary>Interrupted; running the sweep again renders it.</summary>
    Cancelled,
}
