// The optimisation loop: evaluates the objective once per iteration for the
// whole batch, reports, then lets the chosen optimiser update every item.
#include "torch_errors.hpp"
#include "lbfgs.hpp"
#include "losses.hpp"
#include "model.hpp"
#include "targets.hpp"

#include <ATen/core/grad_mode.h>
#include <ATen/ops/empty.h>
#include <ATen/ops/nan_to_num.h>
#include <ATen/ops/zeros_like.h>
#include <c10/core/InferenceMode.h>
#include <torch/optim/adam.h>

#include <chrono>
#include <cmath>
#include <cstring>
#include <memory>

namespace nsf {
namespace {

void check_weights(const float* values, int64_t count, const char* name) {
    require_not_null(values, name);
    for (int64_t i = 0; i < count; ++i)
        if (!std::isfinite(values[i]) || values[i] < 0.0f)
            fail(NSF_INVALID_ARGUMENT,
                 std::string(name) + "[" + std::to_string(i) + "] must be finite and >= 0");
}

void check_targets(const nsf_model& model, const nsf_targets* targets, bool style,
                   const nsf_render_options& o) {
    if (targets == nullptr) return;
    const char* what = style ? "style targets" : "content targets";
    if (targets->style != style)
        fail(NSF_INVALID_ARGUMENT,
             std::string(what) + " were computed as " + (style ? "content" : "style") + " targets");
    if (targets->pooling != o.pooling)
        fail(NSF_INVALID_ARGUMENT,
             std::string(what) + " were computed with other pooling than options.pooling");
    if (targets->device != model.device)
        fail(NSF_INVALID_ARGUMENT, std::string(what) + " live on another device than the model");
    if (!style && (targets->height != o.height || targets->width != o.width))
        fail(NSF_INVALID_ARGUMENT, "content targets were computed at " +
                                       std::to_string(targets->width) + "x" +
                                       std::to_string(targets->height) + " but options ask for " +
                                       std::to_string(o.width) + "x" + std::to_string(o.height));
    // Re-checks reachability and size at the generated image's resolution.
    checked_layers(model, targets->layers.data(), static_cast<int32_t>(targets->layers.size()),
                   o.height, o.width, what);
}

void check_options(const nsf_model& model, const nsf_targets* content, const nsf_targets* style,
                   const nsf_render_options& o) {
    require_positive(o.batch, "options.batch");
    require_positive(o.height, "options.height");
    require_positive(o.width, "options.width");
    require_positive(o.iterations, "options.iterations");
    if (o.optimizer != NSF_OPTIMIZER_LBFGS && o.optimizer != NSF_OPTIMIZER_ADAM)
        fail(NSF_INVALID_ARGUMENT, "options.optimizer must be 0 (L-BFGS) or 1 (Adam), got " +
                                       std::to_string(o.optimizer));
    pooling_or_throw(o.pooling);
    if (!std::isfinite(o.learning_rate) || o.learning_rate <= 0.0f)
        fail(NSF_INVALID_ARGUMENT, "options.learning_rate must be finite and > 0");
    if (o.optimizer == NSF_OPTIMIZER_LBFGS)
        require_positive(o.lbfgs_history, "options.lbfgs_history");
    if (o.snapshot_every < 0) fail(NSF_INVALID_ARGUMENT, "options.snapshot_every must be >= 0");
    check_weights(o.content_weights, o.batch, "options.content_weights");
    check_weights(o.style_weights, o.batch, "options.style_weights");
    check_weights(o.tv_weights, o.batch, "options.tv_weights");
    const int64_t style_layers = style == nullptr ? 0 : static_cast<int64_t>(style->layers.size());
    if (style_layers > 0)
        check_weights(o.style_layer_weights, o.batch * style_layers, "options.style_layer_weights");
    check_targets(model, content, false, o);
    check_targets(model, style, true, o);
}

at::Tensor to_device(const float* values, std::vector<int64_t> shape, c10::Device device) {
    at::Tensor host = at::empty(shape, at::kFloat);
    if (host.numel() > 0) std::memcpy(host.data_ptr<float>(), values, sizeof(float) * host.numel());
    return host.to(device);
}

void copy_clamped(const at::Tensor& x, float* destination) {
    at::NoGradGuard no_grad;
    // nan_to_num first: clamp keeps NaN, and a diverged run must still hand back pixels.
    const at::Tensor host =
        x.detach().nan_to_num(0.0, 1.0, 0.0).clamp(0.0, 1.0).to(at::kCPU).contiguous();
    std::memcpy(destination, host.data_ptr<float>(), sizeof(float) * host.numel());
}

class Render {
public:
    Render(const nsf_model& model, const nsf_targets* content, const nsf_targets* style,
           const nsf_render_options& o, float* image, nsf_progress_callback callback,
           void* user_data)
        : o_(o),
          image_(image),
          callback_(callback),
          user_data_(user_data),
          start_(std::chrono::steady_clock::now()),
          objective_(model, content, style, o.pooling,
                     to_device(o.content_weights, {o.batch}, model.device),
                     to_device(o.style_weights, {o.batch}, model.device),
                     to_device(o.tv_weights, {o.batch}, model.device),
                     to_device(o.style_layer_weights,
                               {o.batch,
                                style == nullptr ? 0 : static_cast<int64_t>(style->layers.size())},
                               model.device)) {
        at::NoGradGuard no_grad;
        x_ = image_to_device(image, o.batch, o.height, o.width, model.device);
        x_.set_requires_grad(true);
        // Allocated once; backward accumulates into it after each zero_().
        x_.mutable_grad() = at::zeros_like(x_);
        lc_ = objective_.content_layer_count();
        ls_ = objective_.style_layer_count();
        const size_t b = static_cast<size_t>(o.batch);
        totals_.resize(b * 4);
        content_layers_.resize(b * static_cast<size_t>(lc_));
        style_layers_.resize(b * static_cast<size_t>(ls_));
        if (o.snapshot_every > 0) snapshot_.resize(static_cast<size_t>(x_.numel()));
    }

    void run() {
        std::unique_ptr<BatchLbfgs> lbfgs;
        std::unique_ptr<torch::optim::Adam> adam;
        if (o_.optimizer == NSF_OPTIMIZER_LBFGS)
            lbfgs = std::make_unique<BatchLbfgs>(o_.batch, o_.learning_rate, o_.lbfgs_history);
        else
            adam = std::make_unique<torch::optim::Adam>(
                std::vector<at::Tensor>{x_}, torch::optim::AdamOptions(o_.learning_rate));

        for (int32_t k = 0; k < o_.iterations; ++k) {
            at::AutoGradMode grad_on(true);
            x_.mutable_grad().zero_();
            const Evaluation e = objective_.evaluate(x_);
            e.total.sum().backward();
            report(k, e.packed);
            if (lbfgs) {
                at::NoGradGuard no_grad;
                lbfgs->step(x_, x_.grad());
            } else {
                adam->step();
            }
        }
        {
            // x_N only needs its losses.
            c10::InferenceMode inference;
            report(o_.iterations, objective_.evaluate(x_).packed);
        }
        copy_clamped(x_, image_);
    }

private:
    void report(int32_t iteration, const at::Tensor& packed) {
        // One transfer of all losses per iteration. (L-BFGS reads a few scalars per history pair
        // as torch.optim.LBFGS does; keeping those on the device is left for the GPU work.)
        const at::Tensor host = packed.to(at::kCPU).contiguous();
        const float* p = host.data_ptr<float>();
        const int64_t b_count = o_.batch, width = 4 + lc_ + ls_;
        for (int64_t b = 0; b < b_count; ++b) {
            const float* row = p + b * width;
            for (int c = 0; c < 4; ++c) totals_[c * b_count + b] = row[c];
            for (int l = 0; l < lc_; ++l) content_layers_[b * lc_ + l] = row[4 + l];
            for (int l = 0; l < ls_; ++l) style_layers_[b * ls_ + l] = row[4 + lc_ + l];
        }
        const bool snapshot = o_.snapshot_every > 0 &&
                              (iteration % o_.snapshot_every == 0 || iteration == o_.iterations);
        if (snapshot) copy_clamped(x_, snapshot_.data());
        if (callback_ == nullptr) return;

        nsf_progress progress{};
        progress.iteration = iteration;
        progress.batch = o_.batch;
        progress.content_layer_count = lc_;
        progress.style_layer_count = ls_;
        progress.total = totals_.data();
        progress.content = totals_.data() + b_count;
        progress.style = totals_.data() + 2 * b_count;
        progress.tv = totals_.data() + 3 * b_count;
        progress.content_layers = content_layers_.data();
        progress.style_layers = style_layers_.data();
        progress.image = snapshot ? snapshot_.data() : nullptr;
        progress.seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
        if (callback_(user_data_, &progress) != 0) {
            copy_clamped(x_, image_);
            fail(NSF_CANCELLED,
                 "cancelled by the progress callback at iteration " + std::to_string(iteration));
        }
    }

    const nsf_render_options& o_;
    float* image_;
    nsf_progress_callback callback_;
    void* user_data_;
    std::chrono::steady_clock::time_point start_;
    Objective objective_;
    at::Tensor x_;  // the optimisation variable itself, in [0, 1] space, never clamped in the loop
    int lc_ = 0, ls_ = 0;
    std::vector<float> totals_;  // total, content, style, tv; each [B]
    std::vector<float> content_layers_, style_layers_, snapshot_;
};

}  // namespace
}  // namespace nsf

extern "C" {

// Borrows model, targets and options for the duration of the call; image is
// the caller's buffer, overwritten with the (clamped) result.
NSF_API int32_t nsf_render_run(nsf_model* model, const nsf_targets* content,
                               const nsf_targets* style, const nsf_render_options* options,
                               float* image, nsf_progress_callback callback, void* user_data,
                               nsf_error* error) {
    return nsf::torch_guard(error, [&] {
        nsf::require_not_null(model, "model");
        nsf::require_not_null(options, "options");
        nsf::require_not_null(image, "image");
        nsf::check_options(*model, content, style, *options);
        nsf::Render(*model, content, style, *options, image, callback, user_data).run();
    });
}

}  // extern "C"
