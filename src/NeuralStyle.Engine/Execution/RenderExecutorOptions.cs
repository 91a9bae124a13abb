namespace NeuralStyle.Engine.Execution;

/// <summary>How a <see cref="RenderExecutor"/> runs its renders.</summary>
public sealed record RenderExecutorOptions
{
    /// <summary>
    /// True: a cancelled render's image as it stood is written as its result (nsf render keeps it).
    /// False: a cancelled render writes nothing more (a sweep records it cancelled; a farm reports it).
    /// </summary>
    public bool KeepCancelledRenders { get; init; }

    /// <summary>Progress carries <see cref="Rendering.RenderProgress.CurrentImage"/> every this many iterations (previews); 0: only save_every's images.</summary>
    public int ImageEvery { get; init; }

    /// <summary>Runs once on the executor's render thread before its first render: settings that belong to a thread (libtorch's thread count is process-wide: EngineRuntime.SetThreads).</summary>
    public Action? OnRenderThreadStart { get; init; }

    /// <summary>The render thread's name, for debuggers and dumps.</summary>
    public string ThreadName { get; init; } = "nsf-render";
}
