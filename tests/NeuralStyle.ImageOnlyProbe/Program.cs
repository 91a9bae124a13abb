using System.Text.Json;
using NeuralStyle.Engine.Grids;
using NeuralStyle.Engine.Images;
using NeuralStyle.Engine.Settings;
using NeuralStyle.Engine.Sweeps;

// Usage: NeuralStyle.ImageOnlyProbe DIRECTORY
// Writes gradient.png and grid.png into DIRECTORY through the engine's image path only, then
// prints one JSON object: what it read back and every file mapped into this process.
if (args.Length != 1 || !Directory.Exists(args[0]))
{
    Console.Error.WriteLine("usage: NeuralStyle.ImageOnlyProbe EXISTING_DIRECTORY");
    return 2;
}
var directory = args[0];

const int Width = 48;
const int Height = 32;
var pixels = new float[3 * Width * Height];
for (var i = 0; i < Width * Height; i++)
{
    pixels[i] = (float)(i % Width) / (Width - 1);
    pixels[(Width * Height) + i] = (float)(i / Width) / (Height - 1);
    pixels[(2 * Width * Height) + i] = 0.5f;
}
var source = Path.Combine(directory, "gradient.png");
ImageFile.WritePng(source, new RgbImage(Width, Height, pixels), new Dictionary<string, string> { ["nsf:probe"] = "image only" });

var (width, height) = ImageFile.Probe(source);
var read = ImageFile.Read(source, width, height);
// 8-bit PNG: every value comes back within half a step of 1/255.
var roundTrips = read.Pixels.Zip(pixels).All(p => Math.Abs(p.First - p.Second) <= 0.5f / 255 + 1e-6f);

var columns = new SweepAxis("seed", [SettingValue.Of("1"), SettingValue.Of("2")]);
var page = new GridPage(0, source, [source], [], null, columns);
GridCell[] cells =
[
    new(0, 0, "k0", RenderStatus.Succeeded, source, null),
    new(0, 1, "k1", RenderStatus.Failed, null, "failed on purpose"),
];
var grid = Path.Combine(directory, "grid.png");
ComparisonGrid.Write(grid, "grid.png", page, cells, "image-only probe", "no libtorch here");

// The path is the sixth field of a mapping; anonymous mappings have none.
var mapped = File.ReadLines("/proc/self/maps")
    .Select(line => line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries))
    .Where(fields => fields.Length == 6 && fields[5].StartsWith('/'))
    .Select(fields => fields[5].Trim())
    .Distinct()
    .Order(StringComparer.Ordinal)
    .ToArray();

Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
{
    ["width"] = width,
    ["height"] = height,
    ["round_trips"] = roundTrips,
    ["grid"] = grid,
    ["mapped"] = mapped,
}));
return 0;
