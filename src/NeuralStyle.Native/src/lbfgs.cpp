#include "lbfgs.hpp"

#include <ATen/ops/abs.h>
#include <ATen/ops/empty_like.h>
#include <ATen/ops/mul.h>
#include <ATen/ops/neg.h>
#include <ATen/ops/sub.h>

namespace nsf {

namespace {
// torch.optim.LBFGS defaults. Python compares float32 0-dim tensors with
// Python floats, which casts the constant to float32; so do we.
constexpr float kToleranceGrad = 1e-7f;
constexpr float kToleranceChange = 1e-9f;
constexpr float kCurvatureMin = 1e-10f;
}  // namespace

BatchLbfgs::BatchLbfgs(int64_t batch, double learning_rate, int history_size)
    : lr_(learning_rate),
      history_size_(static_cast<size_t>(history_size)),
      items_(static_cast<size_t>(batch)) {}

void BatchLbfgs::step(const at::Tensor& params, const at::Tensor& grad) {
    // Work on the raw storage: the update is not part of the graph.
    const at::Tensor data = params.detach();
    for (size_t b = 0; b < items_.size(); ++b) {
        const int64_t i = static_cast<int64_t>(b);
        step_item(items_[b], data.select(0, i).view(-1), grad.select(0, i).reshape(-1));
    }
}

// Mirrors torch/optim/lbfgs.py step() for max_iter = 1. Scalars that Python
// keeps as float32 0-dim tensors are plain floats here: the same IEEE float
// arithmetic, so results agree bit for bit on CPU.
void BatchLbfgs::step_item(Item& s, at::Tensor x, const at::Tensor& flat_grad) {
    if (!s.q.defined()) s.q = at::empty_like(flat_grad);

    // Optimality: an item whose gradient vanished stops changing.
    at::abs_out(s.q, flat_grad);
    if (s.q.max().item<float>() <= kToleranceGrad) return;
    const float abs_sum = s.n_iter == 0 ? s.q.sum().item<float>() : 0.0f;

    ++s.n_iter;
    if (s.n_iter == 1) {
        s.d = flat_grad.neg();
        s.old_dirs.clear();
        s.old_stps.clear();
        s.ro.clear();
        s.h_diag = 1.0f;
    } else {
        at::Tensor y = s.spare_y.defined() ? s.spare_y : at::empty_like(flat_grad);
        at::Tensor st = s.spare_s.defined() ? s.spare_s : at::empty_like(flat_grad);
        s.spare_y = at::Tensor();
        s.spare_s = at::Tensor();
        at::sub_out(y, flat_grad, s.prev_flat_grad);
        at::mul_out(st, s.d, at::Scalar(s.t));
        const float ys = y.dot(st).item<float>();
        if (ys > kCurvatureMin) {
            if (s.old_dirs.size() == history_size_) {
                s.spare_y = s.old_dirs.front();
                s.spare_s = s.old_stps.front();
                s.old_dirs.pop_front();
                s.old_stps.pop_front();
                s.ro.pop_front();
            }
            s.old_dirs.push_back(y);
            s.old_stps.push_back(st);
            s.ro.push_back(1.0f / ys);
            s.h_diag = ys / y.dot(y).item<float>();
        } else {
            s.spare_y = y;
            s.spare_s = st;
        }

        // Two-loop recursion: d = -H g.
        const size_t num_old = s.old_dirs.size();
        if (s.al.size() < num_old) s.al.resize(num_old);  // Python preallocates history_size
        at::neg_out(s.q, flat_grad);
        for (size_t i = num_old; i-- > 0;) {
            s.al[i] = s.old_stps[i].dot(s.q).item<float>() * s.ro[i];
            s.q.add_(s.old_dirs[i], -s.al[i]);
        }
        at::mul_out(s.d, s.q, at::Scalar(s.h_diag));
        for (size_t i = 0; i < num_old; ++i) {
            const float be_i = s.old_dirs[i].dot(s.d).item<float>() * s.ro[i];
            s.d.add_(s.old_stps[i], s.al[i] - be_i);
        }
    }

    if (!s.prev_flat_grad.defined())
        s.prev_flat_grad = flat_grad.clone(at::MemoryFormat::Contiguous);
    else
        s.prev_flat_grad.copy_(flat_grad);

    // First step is scaled by the gradient's L1 norm, later ones use lr.
    if (s.n_iter == 1) {
        const float inverse = 1.0f / abs_sum;
        s.t = (inverse < 1.0f ? inverse : 1.0f) * static_cast<float>(lr_);
    } else {
        s.t = static_cast<float>(lr_);
    }

    // Not a descent direction: Python breaks before updating (state kept).
    const float gtd = flat_grad.dot(s.d).item<float>();
    if (gtd > -kToleranceChange) return;

    x.add_(s.d, s.t);
}

}  // namespace nsf
