// VGG-19 feature extractor over raw ATen ops (no torch::nn), so that
// translation units only pay for the ATen headers they use.
#pragma once

#include "nsf_native.h"

#include <ATen/core/Tensor.h>

#include <string>
#include <vector>

// Owned by the caller from nsf_model_create until nsf_model_free. Read-only
// after creation, so concurrent calls may share one model.
struct nsf_model {
    c10::Device device{c10::kCPU};
    std::vector<at::Tensor> weights;  // [out, in, 3, 3] per convolution, on device
    std::vector<at::Tensor> biases;   // [out]
    at::Tensor mean, std;             // [1, 3, 1, 1] ImageNet statistics, on device
    int conv_count() const { return static_cast<int>(weights.size()); }
};

namespace nsf {

constexpr int kLayerCount = 37;  // torchvision vgg19().features has 37 modules
constexpr int kMaxConvs = 16;

enum class LayerKind { Conv, Relu, Pool };

struct LayerInfo {
    LayerKind kind;
    int convs_needed;  // convolutions up to and including this layer
    int pools_before;  // poolings up to and including this layer (spatial size / 2^n)
    int channels;      // channels of this layer's output
    std::string name;  // "conv4_2" etc., for messages only
};

const LayerInfo& layer_info(int index);
int pooling_or_throw(int32_t pooling);

// Copies and checks a caller's layer list: in range, no duplicates, reachable
// with the model's convolutions, and not pooled below one pixel at h x w.
std::vector<int> checked_layers(const nsf_model& model, const int32_t* layers, int32_t count,
                                int64_t height, int64_t width, const char* what);

// Spatial size of a layer's output for an h x w input.
int64_t layer_height(int index, int64_t height);
int64_t layer_width(int index, int64_t width);

// Runs x in [0, 1], [B, 3, H, W], through the network up to the deepest
// requested layer and returns one feature map per entry of layers, in order.
// Autograd follows whatever grad mode the caller set.
std::vector<at::Tensor> extract_features(const nsf_model& model, const at::Tensor& x, int pooling,
                                         const std::vector<int>& layers);

// Copies a caller's [batch, 3, h, w] float buffer to a tensor on device; rejects NaN and infinity.
at::Tensor image_to_device(const float* image, int64_t batch, int64_t height, int64_t width,
                           c10::Device device);

}  // namespace nsf
