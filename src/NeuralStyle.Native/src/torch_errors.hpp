// libtorch's side of the error plumbing: only libnsf_native.so includes it.
#pragma once

#include "errors.hpp"
#include "runtime.hpp"

namespace nsf {

// As report_current_exception, and also tells libtorch's exceptions apart:
// c10::OutOfMemoryError and a c10::Error about a failed allocation are
// NSF_OUT_OF_MEMORY, any other c10::Error is NSF_INTERNAL without its backtrace.
int32_t report_current_torch_exception(nsf_error* error) noexcept;

// guard for exports that run libtorch code: it first applies the process's
// thread setting to the calling thread (see apply_threads), then runs body;
// NSF_OK, or the status of whatever either threw.
template <class Body>
int32_t torch_guard(nsf_error* error, Body&& body) noexcept {
    try {
        apply_threads();
        body();
        return NSF_OK;
    } catch (...) {
        return report_current_torch_exception(error);
    }
}

}  // namespace nsf
