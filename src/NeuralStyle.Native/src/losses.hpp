// The Gatys et al. objective, per batch item, as differentiable ATen ops.
#pragma once

#include <ATen/core/Tensor.h>

#include <vector>

struct nsf_model;
struct nsf_targets;

namespace nsf {

// [B, N, H, W] -> [B, N, N] = F F^T / M with M = H * W, so Grams of images of
// different sizes are comparable.
at::Tensor normalised_gram(const at::Tensor& features);

struct Evaluation {
    at::Tensor total;   // [B], differentiable: backward of total.sum() gives each item its gradient
    at::Tensor packed;  // [B, 4 + Lc + Ls] detached: total, content, style, tv, per-layer terms
};

class Objective {
public:
    // content/style may be NULL (that term is then absent). The per-item
    // weights are [B] tensors; style_layer_weights is [B, Ls]; all on device.
    Objective(const nsf_model& model, const nsf_targets* content, const nsf_targets* style,
              int pooling, at::Tensor content_weights, at::Tensor style_weights,
              at::Tensor tv_weights, at::Tensor style_layer_weights);

    // x: [B, 3, H, W] in [0, 1]. Records autograd iff grad mode is on and x requires grad.
    Evaluation evaluate(const at::Tensor& x) const;

    int content_layer_count() const { return static_cast<int>(content_slots_.size()); }
    int style_layer_count() const { return static_cast<int>(style_slots_.size()); }

private:
    const nsf_model& model_;
    int pooling_;
    std::vector<int> layers_;  // union of content and style layers, extracted once
    std::vector<size_t> content_slots_, style_slots_;  // positions in layers_
    std::vector<at::Tensor> content_targets_, style_targets_;
    at::Tensor alpha_, beta_, tv_weight_, layer_weights_;
};

}  // namespace nsf
