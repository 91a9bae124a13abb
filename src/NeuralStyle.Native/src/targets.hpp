#pragma once

#include "nsf_native.h"

#include <ATen/core/Tensor.h>

#include <vector>

// Owned by the caller from nsf_targets_compute_* / nsf_targets_blend until
// nsf_targets_free. Holds only its own tensors (no reference to the model),
// is read-only afterwards and may be shared by concurrent renders.
struct nsf_targets {
    bool style = false;  // style targets hold Grams, content targets feature maps
    int pooling = NSF_POOLING_MAX;
    int64_t height = 0;  // of the image the targets were computed from
    int64_t width = 0;
    c10::Device device{c10::kCPU};
    std::vector<int> layers;  // feature indices, in the caller's order
    // content: P^l as [1, C, H, W]; style: A~^l = F F^T / M as [1, N, N]
    std::vector<at::Tensor> tensors;
};
