using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.Weights;

namespace NeuralStyle.Engine.Tests.Support;

/// <summary>
/// Shared inputs for engine tests: random VGG-19 weights (seed 7) and small PNGs made from the
/// example photographs, written once per test run at exactly the sizes the tests render at.
/// </summary>
public sealed class EngineFixture : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public EngineFixture()
    {
        WeightsPath = _directory.File("vgg19-random-7.safetensors");
        RandomVgg19Weights.Write(WeightsPath, seed: 7);
        Content64 = Resized("chelsea.jpg", "content64.png", 64, 48);
        Style64 = Resized("brick.jpg", "style64.png", 64, 64);
        Init64 = Resized("coffee.jpg", "init64.png", 64, 48);
        Content32 = Resized("chelsea.jpg", "content32.png", 32, 24);
        Style32 = Resized("brick.jpg", "style32.png", 32, 32);
        Style2_32 = Resized("gravel.jpg", "style2_32.png", 32, 32);
    }

    public string WeightsPath { get; }

    public string Content64 { get; }

    public string Style64 { get; }

    public string Init64 { get; }

    public string Content32 { get; }

    public string Style32 { get; }

    public string Style2_32 { get; }

    public string Directory => _directory.Path;

    private string Resized(string example, string name, int width, int height)
    {
        var image = ImageFile.Read(Path.Combine(RepositoryPaths.Examples, example), width, height);
        var path = _directory.File(name);
        ImageFile.WritePng(path, image, new Dictionary<string, string>());
        return path;
    }

    public void Dispose() => _directory.Dispose();
}
