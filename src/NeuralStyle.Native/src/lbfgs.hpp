// torch.optim.LBFGS(max_iter=1, line_search_fn=None) run independently for
// every batch item: each item has its own flat vector, history, direction,
// step, H_diag and previous gradient, as if each had its own optimiser.
#pragma once

#include <ATen/core/Tensor.h>

#include <deque>
#include <vector>

namespace nsf {

class BatchLbfgs {
public:
    BatchLbfgs(int64_t batch, double learning_rate, int history_size);

    // One optimiser.step(closure) per item, the closure having already been
    // evaluated: params is the [B, ...] leaf being optimised (updated in
    // place) and grad its gradient at the current point.
    void step(const at::Tensor& params, const at::Tensor& grad);

private:
    struct Item {
        int64_t n_iter = 0;
        at::Tensor d, prev_flat_grad, q;
        float t = 0.0f;
        float h_diag = 1.0f;
        std::deque<at::Tensor> old_dirs, old_stps;  // y and s pairs, oldest first
        std::deque<float> ro;
        std::vector<float> al;
        at::Tensor spare_y, spare_s;  // recycled buffers: no allocation once the history is full
    };
    void step_item(Item& item, at::Tensor x, const at::Tensor& flat_grad);

    double lr_;
    size_t history_size_;
    std::vector<Item> items_;
};

}  // namespace nsf
