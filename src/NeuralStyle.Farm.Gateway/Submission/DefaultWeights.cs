using NeuralStyle.Engine;
using NeuralStyle.Engine.Weights;
using NeuralStyle.Farm.Gateway.Storage;

namespace NeuralStyle.Farm.Gateway.Submission;

/// <summary>
/// The weights a spec gets when it names none: <see cref="GatewayOptions.DefaultWeightsPath"/>,
/// checked and copied into the blob store once (at start, or at the first submission that needs it).
/// Thread-safe.
/// </summary>
internal sealed class DefaultWeights(GatewayOptions options, DirectoryBlobStore blobs)
{
    private readonly Lock _lock = new();
    private Task<string>? _registration;

    /// <summary>True when the gateway has default weights configured.</summary>
    public bool Configured => options.DefaultWeightsPath is not null;

    /// <summary>
    /// The SHA-256 of the default weights; <see cref="FarmRequestException"/> (invalid_sweep) when
    /// none are configured, weights_invalid when the configured file cannot be used.
    /// </summary>
    public async Task<string> Sha256Async(CancellationToken cancellationToken)
    {
        if (options.DefaultWeightsPath is not { } path)
        {
            throw new FarmRequestException(ErrorCode.InvalidSweep,
                "settings.weights: name weights (sha256: and the hash of an uploaded VGG-19 safetensors file); this gateway has no default weights");
        }
        Task<string> registration;
        lock (_lock)
        {
            // A failed registration is tried again by the next caller: the file may have been fixed.
            if (_registration is null || _registration.IsFaulted || _registration.IsCanceled)
            {
                _registration = Task.Run(() => RegisterAsync(path), CancellationToken.None);
            }
            registration = _registration;
        }
        return await registration.WaitAsync(cancellationToken);
    }

    private async Task<string> RegisterAsync(string path)
    {
        try
        {
            Vgg19Weights.Check(path, 1);
            // Hashed in place first: at every start but the first the blob is already held, and
            // reading the file once beats copying half a gigabyte to find that out.
            var sha256 = Vgg19Weights.HashOf(path);
            return await blobs.ContainsAsync(sha256, CancellationToken.None) ? sha256 : await blobs.PutFileAsync(path, CancellationToken.None);
        }
        catch (NeuralStyleException e)
        {
            // The operator's path stays on the gateway's machine.
            throw new FarmRequestException(e.Code,
                $"the gateway's default weights cannot be used: {e.Message.Replace(path, "(default weights file)", StringComparison.Ordinal)}");
        }
        catch (IOException e)
        {
            throw new FarmRequestException(ErrorCode.WeightsInvalid,
                $"the gateway's default weights cannot be read: {e.Message.Replace(path, "(default weights file)", StringComparison.Ordinal)}");
        }
    }
}
