#include "losses.hpp"

#include "model.hpp"
#include "targets.hpp"

#include <ATen/core/grad_mode.h>
#include <ATen/ops/cat.h>
#include <ATen/ops/stack.h>
#include <ATen/ops/zeros.h>

#include <algorithm>

namespace nsf {

at::Tensor normalised_gram(const at::Tensor& features) {
    const int64_t b = features.size(0), n = features.size(1);
    const int64_t m = features.size(2) * features.size(3);
    const at::Tensor f = features.reshape({b, n, m});
    return f.bmm(f.transpose(1, 2)).div(static_cast<double>(m));
}

Objective::Objective(const nsf_model& model, const nsf_targets* content, const nsf_targets* style,
                     int pooling, at::Tensor content_weights, at::Tensor style_weights,
                     at::Tensor tv_weights, at::Tensor style_layer_weights)
    : model_(model),
      pooling_(pooling),
      alpha_(std::move(content_weights)),
      beta_(std::move(style_weights)),
      tv_weight_(std::move(tv_weights)),
      layer_weights_(std::move(style_layer_weights)) {
    auto slot = [this](int layer) {
        auto it = std::find(layers_.begin(), layers_.end(), layer);
        if (it != layers_.end()) return static_cast<size_t>(it - layers_.begin());
        layers_.push_back(layer);
        return layers_.size() - 1;
    };
    if (content != nullptr) {
        for (int layer : content->layers) content_slots_.push_back(slot(layer));
        content_targets_ = content->tensors;
    }
    if (style != nullptr) {
        for (int layer : style->layers) style_slots_.push_back(slot(layer));
        style_targets_ = style->tensors;
    }
}

Evaluation Objective::evaluate(const at::Tensor& x) const {
    const int64_t batch = x.size(0);
    const std::vector<at::Tensor> features = extract_features(model_, x, pooling_, layers_);
    const std::vector<int64_t> chw = {1, 2, 3};

    // Content: 1/2 sum (F - P)^2 per item and layer.
    std::vector<at::Tensor> content_terms;
    for (size_t i = 0; i < content_slots_.size(); ++i) {
        const at::Tensor diff = features[content_slots_[i]].sub(content_targets_[i]);
        content_terms.push_back(diff.pow(2).sum(chw).mul(0.5));
    }

    // Style: E = 1/(4 N^2) sum (G/M - A~)^2, which is the paper's
    // 1/(4 N^2 M^2) sum (G - A)^2 whenever style and generated sizes match.
    std::vector<at::Tensor> style_terms;
    for (size_t i = 0; i < style_slots_.size(); ++i) {
        const at::Tensor& f = features[style_slots_[i]];
        const double n = static_cast<double>(f.size(1));
        const at::Tensor diff = normalised_gram(f).sub(style_targets_[i]);
        style_terms.push_back(diff.pow(2).sum({1, 2}).mul(1.0 / (4.0 * n * n)));
    }

    // Squared anisotropic total variation of the [0, 1] image itself.
    const int64_t h = x.size(2), w = x.size(3);
    const at::Tensor dy = x.narrow(2, 1, h - 1).sub(x.narrow(2, 0, h - 1));
    const at::Tensor dx = x.narrow(3, 1, w - 1).sub(x.narrow(3, 0, w - 1));
    const at::Tensor tv = dy.pow(2).sum(chw).add(dx.pow(2).sum(chw));

    const at::Tensor zero = at::zeros({batch, 0}, x.options());
    const at::Tensor content_layers = content_terms.empty() ? zero : at::stack(content_terms, 1);
    const at::Tensor style_layers = style_terms.empty() ? zero : at::stack(style_terms, 1);
    const at::Tensor content = content_layers.sum(1);
    const at::Tensor style = style_layers.mul(layer_weights_).sum(1);

    Evaluation out;
    out.total = alpha_.mul(content).add(beta_.mul(style)).add(tv_weight_.mul(tv));
    at::NoGradGuard no_grad;
    out.packed = at::cat({out.total.unsqueeze(1), content.unsqueeze(1), style.unsqueeze(1),
                          tv.unsqueeze(1), content_layers, style_layers},
                         1);
    return out;
}

}  // namespace nsf
