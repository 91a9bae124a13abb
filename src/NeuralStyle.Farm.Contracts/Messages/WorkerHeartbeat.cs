using System.Text.Json.Serialization;

namespace NeuralStyle.Farm.Contracts.Messages;

/// <summary>Event from a worker: it is alive, what it holds and what it runs. Sent every few seconds and on change.</summary>
/// <param name="Worker">Its name, unique in the farm (host, process id, slot).</param>
/// <param name="Device">cpu or cuda:N.</param>
/// <param name="Slots">Batches it runs at once (1 today: one engine per device).</param>
/// <param name="Running">Keys of the renders it runs now.</param>
/// <param name="LoadedWeights">SHA-256 of the weights on its device; null when none is loaded.</param>
/// <param name="LoadedConvolutions">Convolutions of VGG-19 loaded.</param>
/// <param name="CachedTargets">Feature targets in its cache.</param>
/// <param name="CachedTargetBytes">Their bytes.</param>
/// <param name="IterationsPerSecond">Recent optimiser speed.</param>
/// <param name="Threads">Intra-op threads of its engine.</param>
/// <param name="MemoryBytes">Memory its device has for renders (the engine's budget); null when unknown.</param>
/// <param name="Stopping">True when it takes no new renders (shutting down).</param>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
public sealed record WorkerHeartbeat(string Worker, string Device, int Slots, IReadOnlyList<string> Running,
    string? LoadedWeights, int LoadedConvolutions, int CachedTargets, long CachedTargetBytes,
    double IterationsPerSecond, int Threads, long? MemoryBytes, bool Stopping);
