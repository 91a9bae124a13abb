using NeuralStyle.Engine.Layers;
using NeuralStyle.Engine.Tests.Support;
using NeuralStyle.Engine.Weights;

namespace NeuralStyle.Engine.Tests.Weights;

/// <summary>scripts/convert-torchvision-weights.py: a torchvision-style .pth becomes the safetensors nsf reads.</summary>
public sealed class TorchvisionConversionTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public void A_torchvision_checkpoint_converts_to_the_same_feature_tensors()
    {
        var original = _directory.File("random.safetensors");
        RandomVgg19Weights.Write(original, 11);
        var checkpoint = _directory.File("vgg19.pth");
        // A torchvision-like state_dict: the feature tensors plus a classifier the converter must drop.
        PythonReference.Run("-c", $$"""
            import sys, torch
            sys.path.insert(0, "{{Path.GetDirectoryName(RepositoryPaths.Reference)}}")
            import nsf_reference as r
            state = {k: torch.from_numpy(v.copy()) for k, v in r.load_safetensors("{{original}}").items()}
            state["classifier.0.weight"] = torch.zeros(8, 8)
            torch.save(state, "{{checkpoint}}")
            """);
        var converted = _directory.File("converted.safetensors");

        var output = PythonReference.Run(Path.Combine(RepositoryPaths.Root, "scripts", "convert-torchvision-weights.py"), checkpoint, converted);

        Assert.Contains("32 tensors", output);
        var a = Vgg19Weights.Load(original, 16);
        var b = Vgg19Weights.Load(converted, 16);
        for (var i = 0; i < VggLayers.Convolutions.Count; i++)
        {
            Assert.Equal(a.Weights[i], b.Weights[i]);
            Assert.Equal(a.Biases[i], b.Biases[i]);
        }
        Assert.DoesNotContain("classifier.0.weight", SafetensorsFile.Open(converted).Entries.Keys);
    }

    public void Dispose() => _directory.Dispose();
}
