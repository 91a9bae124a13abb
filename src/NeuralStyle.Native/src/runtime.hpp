#pragma once

#include <c10/core/Device.h>

namespace nsf {

// Parses "cpu", "cuda" or "cuda:N" strictly and checks the device exists.
// Throws NSF_INVALID_ARGUMENT for a malformed string and
// NSF_DEVICE_UNAVAILABLE for a CUDA device this process cannot use.
c10::Device parse_device(const char* text);

// Makes the calling thread use the thread count set by nsf_runtime_set_threads
// (nothing before that call). libtorch keeps the count per thread (OpenMP): a
// thread that ran libtorch code before the setting changed would otherwise
// keep the old count, and the managed side runs renders on pool threads.
void apply_threads();

}  // namespace nsf
