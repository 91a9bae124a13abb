using NeuralStyle.Farm.Contracts.Messages;

namespace NeuralStyle.Cli.Farm;

/// <summary>How a watched sweep is shown: bars on a terminal, lines otherwise.</summary>
internal interface ISweepWatchView
{
    /// <summary>The sweep as it stood when watching began: <paramref name="done"/> of <paramref name="total"/> cells finished.</summary>
    void OnWatching(string title, int done, int total);

    /// <summary>A worker began a render (a retry begins it again).</summary>
    void OnRenderStarted(string key, string cell, string worker, int attempt);

    /// <summary>A running render reached an iteration.</summary>
    void OnRenderProgressed(string key, string cell, RenderProgressed progress);

    /// <summary>A render reached its end (done, failed, cancelled); <paramref name="line"/> says which.</summary>
    void OnRenderFinished(string key, string line, int done, int total);

    /// <summary>A grid page was written.</summary>
    void OnGridWritten(string file);
}
