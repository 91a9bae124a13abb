using NeuralStyle.Engine.Layers;

namespace NeuralStyle.Engine.Tests.Layers;

public sealed class VggLayersTests
{
    [Theory]
    [InlineData("conv1_1", 0)]
    [InlineData("relu1_1", 1)]
    [InlineData("pool1", 4)]
    [InlineData("relu2_1", 6)]
    [InlineData("relu3_1", 11)]
    [InlineData("relu4_1", 20)]
    [InlineData("relu4_2", 22)]
    [InlineData("relu5_1", 29)]
    [InlineData("relu5_4", 35)]
    [InlineData("pool5", 36)]
    public void Names_map_to_torchvision_feature_indices(string name, int index) =>
        Assert.Equal(index, VggLayers.IndexOf(name, "style_layers"));

    [Fact]
    public void There_are_37_layers_and_16_convolutions_with_torchvision_shapes()
    {
        Assert.Equal(37, VggLayers.Names.Count);
        Assert.Equal(16, VggLayers.Convolutions.Count);
        Assert.Equal(new VggConvolution("conv3_1", 10, 128, 256), VggLayers.Convolutions[4]);
        Assert.Equal("features.34.weight", VggLayers.Convolutions[15].WeightKey);
    }

    [Fact]
    public void An_unknown_layer_names_the_setting_and_lists_the_valid_layers()
    {
        var error = Assert.Throws<InvalidSettingException>(() => VggLayers.IndexOf("relu6_1", "style_layers"));
        Assert.Equal("style_layers", error.Setting);
        Assert.Contains("relu6_1", error.Message);
        Assert.Contains("conv1_1, relu1_1, conv1_2", error.Message);
    }

    [Theory]
    [InlineData("relu1_1", 1)]
    [InlineData("conv2_1", 3)]
    [InlineData("relu4_2", 10)]
    [InlineData("relu5_1", 13)]
    [InlineData("pool5", 16)]
    public void Only_the_convolutions_up_to_the_deepest_layer_are_needed(string layer, int convolutions) =>
        Assert.Equal(convolutions, VggLayers.ConvolutionsNeededFor(VggLayers.IndexOf(layer, "layers")));
}
