using NeuralStyle.Engine.Execution;

namespace NeuralStyle.Engine.Sweeps;

/// <summary>What one sweep run renders with: its records, the executor, where results go and who hears of them.</summary>
internal sealed record SweepRun(SweepState State, SweepRenderSink Sink, DirectoryRenderArtifacts Artifacts, RenderExecutor Executor);
