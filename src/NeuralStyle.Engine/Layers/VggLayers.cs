using System.Collections.Frozen;

namespace NeuralStyle.Engine.Layers;

/// <summary>
/// The layers of VGG-19's feature extractor as torchvision numbers them:
/// <c>conv{b}_{i}</c> is a convolution's output before its ReLU, <c>relu{b}_{i}</c> after it,
/// <c>pool{b}</c> after the block's pooling. The index is the position in <c>vgg19().features</c>.
/// </summary>
public static class VggLayers
{
    private static readonly int[] ConvolutionsPerBlock = [2, 2, 4, 4, 4];
    private static readonly int[] ChannelsPerBlock = [64, 128, 256, 512, 512];

    /// <summary>Every layer name in network order.</summary>
    public static IReadOnlyList<string> Names { get; }

    /// <summary>The convolutions in network order: feature index and weight shape.</summary>
    public static IReadOnlyList<VggConvolution> Convolutions { get; }

    private static readonly FrozenDictionary<string, int> IndexByName;

    // Per feature index: the channels of that layer's output and the 2x2 poolings before it (a pool counts itself).
    private static readonly int[] ChannelsByIndex;
    private static readonly int[] PoolingsByIndex;

    static VggLayers()
    {
        var names = new List<string>();
        var convolutions = new List<VggConvolution>();
        var channels = new List<int>();
        var poolings = new List<int>();
        var inChannels = 3;
        for (var block = 1; block <= ConvolutionsPerBlock.Length; block++)
        {
            var outChannels = ChannelsPerBlock[block - 1];
            for (var i = 1; i <= ConvolutionsPerBlock[block - 1]; i++)
            {
                convolutions.Add(new VggConvolution($"conv{block}_{i}", names.Count, inChannels, outChannels));
                names.Add($"conv{block}_{i}");
                names.Add($"relu{block}_{i}");
                channels.AddRange([outChannels, outChannels]);
                poolings.AddRange([block - 1, block - 1]);
                inChannels = outChannels;
            }
            names.Add($"pool{block}");
            channels.Add(outChannels);
            poolings.Add(block);
        }
        Names = names;
        Convolutions = convolutions;
        ChannelsByIndex = [.. channels];
        PoolingsByIndex = [.. poolings];
        IndexByName = names.Select((name, index) => (name, index)).ToFrozenDictionary(p => p.name, p => p.index);
    }

    /// <summary>Feature index of a layer name; throws <see cref="InvalidSettingException"/> listing the valid names.</summary>
    public static int IndexOf(string name, string setting)
    {
        if (IndexByName.TryGetValue(name, out var index))
        {
            return index;
        }
        throw new InvalidSettingException(setting,
            $"unknown layer '{name}'. Valid layers: {string.Join(", ", Names)}");
    }

    /// <summary>How many convolutions the network needs to reach feature index <paramref name="deepestIndex"/>.</summary>
    public static int ConvolutionsNeededFor(int deepestIndex) =>
        Convolutions.Count(c => c.FeatureIndex <= deepestIndex);

    /// <summary>Channels of the feature map at feature index <paramref name="index"/>.</summary>
    public static int ChannelsAt(int index) => ChannelsByIndex[index];

    /// <summary>
    /// 2x2 poolings between the input and feature index <paramref name="index"/> (a pool layer counts
    /// itself): the layer's map is <c>H &gt;&gt; p</c> by <c>W &gt;&gt; p</c>, floored as the engine pools.
    /// </summary>
    public static int PoolingsBefore(int index) => PoolingsByIndex[index];
}
