#include "targets.hpp"

#include "torch_errors.hpp"
#include "losses.hpp"
#include "model.hpp"

#include <ATen/core/grad_mode.h>

#include <cmath>
#include <memory>

namespace {

// Targets outlive this call and are later mixed with tensors that require
// grad, so they are computed under NoGradGuard rather than InferenceMode
// (inference tensors could not be saved for backward).
nsf_targets* compute(nsf_model* model, const float* image, int32_t height, int32_t width,
                     int32_t pooling, const int32_t* layers, int32_t layer_count, bool style) {
    nsf::require_not_null(model, "model");
    nsf::require_not_null(image, "image");
    nsf::require_positive(height, "height");
    nsf::require_positive(width, "width");
    auto targets = std::make_unique<nsf_targets>();
    targets->style = style;
    targets->pooling = nsf::pooling_or_throw(pooling);
    targets->height = height;
    targets->width = width;
    targets->device = model->device;
    targets->layers = nsf::checked_layers(*model, layers, layer_count, height, width,
                                          style ? "style layers" : "content layers");

    at::NoGradGuard no_grad;
    const at::Tensor x = nsf::image_to_device(image, 1, height, width, model->device);
    for (at::Tensor& f : nsf::extract_features(*model, x, pooling, targets->layers))
        targets->tensors.push_back(style ? nsf::normalised_gram(f) : f.clone());
    return targets.release();
}

}  // namespace

extern "C" {

// model and image are borrowed; *out_targets is the caller's to free with
// nsf_targets_free.
NSF_API int32_t nsf_targets_compute_content(nsf_model* model, const float* image, int32_t height,
                                            int32_t width, int32_t pooling, const int32_t* layers,
                                            int32_t layer_count, nsf_targets** out_targets,
                                            nsf_error* error) {
    return nsf::torch_guard(error, [&] {
        nsf::require_not_null(out_targets, "out_targets");
        *out_targets = nullptr;
        *out_targets = compute(model, image, height, width, pooling, layers, layer_count, false);
    });
}

// As nsf_targets_compute_content: *out_targets is freed with nsf_targets_free.
NSF_API int32_t nsf_targets_compute_style(nsf_model* model, const float* image, int32_t height,
                                          int32_t width, int32_t pooling, const int32_t* layers,
                                          int32_t layer_count, nsf_targets** out_targets,
                                          nsf_error* error) {
    return nsf::torch_guard(error, [&] {
        nsf::require_not_null(out_targets, "out_targets");
        *out_targets = nullptr;
        *out_targets = compute(model, image, height, width, pooling, layers, layer_count, true);
    });
}

// The parts stay owned by the caller; the result is a new, independent handle.
NSF_API int32_t nsf_targets_blend(const nsf_targets* const* parts, const float* weights,
                                  int32_t count, nsf_targets** out_targets, nsf_error* error) {
    return nsf::torch_guard(error, [&] {
        nsf::require_not_null(out_targets, "out_targets");
        *out_targets = nullptr;
        nsf::require_not_null(parts, "parts");
        nsf::require_not_null(weights, "weights");
        nsf::require_positive(count, "count");
        const nsf_targets* first = parts[0];
        for (int32_t i = 0; i < count; ++i) {
            const nsf_targets* part = parts[i];
            const std::string which = "parts[" + std::to_string(i) + "]";
            if (part == nullptr) nsf::fail(NSF_INVALID_ARGUMENT, which + " is NULL");
            if (!part->style)
                nsf::fail(NSF_INVALID_ARGUMENT, which +
                                                    " holds content targets; only style "
                                                    "targets can be blended");
            if (part->layers != first->layers)
                nsf::fail(NSF_INVALID_ARGUMENT, which + " has other style layers than parts[0]");
            if (part->pooling != first->pooling)
                nsf::fail(NSF_INVALID_ARGUMENT, which + " uses other pooling than parts[0]");
            if (part->device != first->device)
                nsf::fail(NSF_INVALID_ARGUMENT, which + " lives on another device than parts[0]");
            if (!std::isfinite(weights[i]) || weights[i] < 0.0f)
                nsf::fail(NSF_INVALID_ARGUMENT,
                          "weights[" + std::to_string(i) + "] must be finite and >= 0");
        }

        at::NoGradGuard no_grad;
        auto blended = std::make_unique<nsf_targets>(*first);  // copies metadata only...
        for (size_t l = 0; l < first->tensors.size(); ++l) {
            at::Tensor sum = first->tensors[l].mul(weights[0]);  // ...tensors are fresh
            for (int32_t i = 1; i < count; ++i) sum.add_(parts[i]->tensors[l], weights[i]);
            blended->tensors[l] = sum;
        }
        // Height/width describe one source image; a blend has none.
        blended->height = blended->width = 0;
        *out_targets = blended.release();
    });
}

// Frees targets from compute_* or blend; NULL is ignored.
NSF_API void nsf_targets_free(nsf_targets* targets) {
    delete targets;
}

}  // extern "C"
