#include "model.hpp"

#include "torch_errors.hpp"
#include "runtime.hpp"

#include <ATen/core/grad_mode.h>
#include <ATen/ops/avg_pool2d.h>
#include <ATen/ops/conv2d.h>
#include <ATen/ops/empty.h>
#include <ATen/ops/isfinite.h>
#include <ATen/ops/max_pool2d.h>
#include <ATen/ops/tensor.h>

#include <array>
#include <cmath>
#include <cstring>
#include <memory>

namespace nsf {

namespace {

// torchvision's configuration "E"; 0 marks a 2x2 pooling.
constexpr int kConfig[] = {64,  64,  0,   128, 128, 0,   256, 256, 256, 256, 0,
                           512, 512, 512, 512, 0,   512, 512, 512, 512, 0};

std::array<LayerInfo, kLayerCount> build_table() {
    std::array<LayerInfo, kLayerCount> table{};
    int index = 0, convs = 0, pools = 0, block = 1, in_block = 0, channels = 3;
    for (int entry : kConfig) {
        if (entry == 0) {
            ++pools;
            table[index++] = {LayerKind::Pool, convs, pools, channels,
                              "pool" + std::to_string(block)};
            ++block;
            in_block = 0;
            continue;
        }
        ++convs;
        ++in_block;
        channels = entry;
        const std::string suffix = std::to_string(block) + "_" + std::to_string(in_block);
        table[index++] = {LayerKind::Conv, convs, pools, channels, "conv" + suffix};
        table[index++] = {LayerKind::Relu, convs, pools, channels, "relu" + suffix};
    }
    return table;
}

const std::array<LayerInfo, kLayerCount>& table() {
    static const std::array<LayerInfo, kLayerCount> instance = build_table();
    return instance;
}

// Input channels of convolution i (0-based), for the weight shapes.
int conv_input_channels(int conv) {
    int seen = 0, channels = 3;
    for (int entry : kConfig) {
        if (entry == 0) continue;
        if (seen++ == conv) return channels;
        channels = entry;
    }
    return channels;
}

int conv_output_channels(int conv) {
    int seen = 0;
    for (int entry : kConfig)
        if (entry != 0 && seen++ == conv) return entry;
    return 0;
}

}  // namespace

const LayerInfo& layer_info(int index) {
    return table().at(static_cast<size_t>(index));
}

int pooling_or_throw(int32_t pooling) {
    if (pooling != NSF_POOLING_MAX && pooling != NSF_POOLING_AVG)
        fail(NSF_INVALID_ARGUMENT,
             "pooling must be 0 (max) or 1 (avg), got " + std::to_string(pooling));
    return pooling;
}

int64_t layer_height(int index, int64_t height) {
    return height >> layer_info(index).pools_before;
}
int64_t layer_width(int index, int64_t width) {
    return width >> layer_info(index).pools_before;
}

std::vector<int> checked_layers(const nsf_model& model, const int32_t* layers, int32_t count,
                                int64_t height, int64_t width, const char* what) {
    require_not_null(layers, what);
    require_positive(count, "layer_count");
    std::vector<int> out;
    for (int32_t i = 0; i < count; ++i) {
        const int32_t layer = layers[i];
        if (layer < 0 || layer >= kLayerCount)
            fail(NSF_INVALID_ARGUMENT, std::string(what) + ": layer index " +
                                           std::to_string(layer) + " is outside 0..36");
        const LayerInfo& info = layer_info(layer);
        for (int seen : out)
            if (seen == layer)
                fail(NSF_INVALID_ARGUMENT, std::string(what) + ": layer " + info.name + " (" +
                                               std::to_string(layer) + ") is listed twice");
        if (info.convs_needed > model.conv_count())
            fail(NSF_INVALID_ARGUMENT, std::string(what) + ": layer " + info.name + " (" +
                                           std::to_string(layer) + ") needs " +
                                           std::to_string(info.convs_needed) +
                                           " convolutions but the model was created with " +
                                           std::to_string(model.conv_count()));
        if (layer_height(layer, height) < 1 || layer_width(layer, width) < 1)
            fail(NSF_INVALID_ARGUMENT, std::string(what) + ": a " + std::to_string(width) + "x" +
                                           std::to_string(height) +
                                           " image is too small to reach layer " + info.name);
        out.push_back(layer);
    }
    return out;
}

std::vector<at::Tensor> extract_features(const nsf_model& model, const at::Tensor& x, int pooling,
                                         const std::vector<int>& layers) {
    std::vector<at::Tensor> out(layers.size());
    int deepest = -1;
    for (int layer : layers) deepest = std::max(deepest, layer);
    if (deepest < 0) return out;

    auto slot_of = [&](int index) {
        for (size_t i = 0; i < layers.size(); ++i)
            if (layers[i] == index) return static_cast<int>(i);
        return -1;
    };

    // Same op order as torchvision + a Normalize step, so results match a
    // PyTorch reference bit for bit on the same libtorch.
    at::Tensor h = x.sub(model.mean).div(model.std);
    int conv = 0;
    for (int index = 0; index <= deepest; ++index) {
        switch (layer_info(index).kind) {
            case LayerKind::Conv:
                h = at::conv2d(h, model.weights[conv], model.biases[conv], /*stride=*/1,
                               /*padding=*/1);
                ++conv;
                break;
            case LayerKind::Relu:
                // In place saves a buffer, but only when nobody kept the
                // pre-ReLU output (conv{b}_{i} requested alongside relu{b}_{i}).
                h = slot_of(index - 1) >= 0 ? h.relu() : h.relu_();
                break;
            case LayerKind::Pool:
                h = pooling == NSF_POOLING_MAX ? at::max_pool2d(h, {2, 2}, {2, 2})
                                               : at::avg_pool2d(h, {2, 2}, {2, 2});
                break;
        }
        const int slot = slot_of(index);
        if (slot >= 0) out[static_cast<size_t>(slot)] = h;
    }
    return out;
}

at::Tensor image_to_device(const float* image, int64_t batch, int64_t height, int64_t width,
                           c10::Device device) {
    at::Tensor host = at::empty({batch, 3, height, width}, at::kFloat);
    std::memcpy(host.data_ptr<float>(), image, static_cast<size_t>(host.numel()) * sizeof(float));
    if (!at::isfinite(host).all().item<bool>())
        fail(NSF_INVALID_ARGUMENT, "image contains NaN or infinite values");
    return host.to(device);
}

}  // namespace nsf

extern "C" {

// The model owns copies of the weights (the caller's buffers are not retained);
// *out_model is the caller's to free with nsf_model_free.
NSF_API int32_t nsf_model_create(const char* device, int32_t conv_count,
                                 const float* const* weights, const float* const* biases,
                                 nsf_model** out_model, nsf_error* error) {
    return nsf::torch_guard(error, [&] {
        nsf::require_not_null(out_model, "out_model");
        *out_model = nullptr;
        const c10::Device target = nsf::parse_device(device);
        if (conv_count < 1 || conv_count > nsf::kMaxConvs)
            nsf::fail(NSF_INVALID_ARGUMENT,
                      "conv_count must be 1..16, got " + std::to_string(conv_count));
        nsf::require_not_null(weights, "weights");
        nsf::require_not_null(biases, "biases");

        at::NoGradGuard no_grad;
        auto model = std::make_unique<nsf_model>();
        model->device = target;
        for (int i = 0; i < conv_count; ++i) {
            if (weights[i] == nullptr || biases[i] == nullptr)
                nsf::fail(NSF_INVALID_ARGUMENT,
                          "weights/biases of convolution " + std::to_string(i) + " are NULL");
            const int64_t out_c = nsf::conv_output_channels(i);
            const int64_t in_c = nsf::conv_input_channels(i);
            at::Tensor w = at::empty({out_c, in_c, 3, 3}, at::kFloat);
            at::Tensor b = at::empty({out_c}, at::kFloat);
            std::memcpy(w.data_ptr<float>(), weights[i], sizeof(float) * w.numel());
            std::memcpy(b.data_ptr<float>(), biases[i], sizeof(float) * b.numel());
            model->weights.push_back(w.to(target));
            model->biases.push_back(b.to(target));
        }
        model->mean = at::tensor({0.485f, 0.456f, 0.406f}).view({1, 3, 1, 1}).to(target);
        model->std = at::tensor({0.229f, 0.224f, 0.225f}).view({1, 3, 1, 1}).to(target);
        *out_model = model.release();
    });
}

// Frees a model from nsf_model_create; NULL is ignored. Targets computed
// with it own their tensors and stay valid.
NSF_API void nsf_model_free(nsf_model* model) {
    delete model;
}

}  // extern "C"
