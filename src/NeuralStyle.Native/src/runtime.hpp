#pragma once

#include <c10/core/Device.h>

namespace nsf {

// Parses "cpu", "cuda" or "cuda:N" strictly and checks the device exists.
// Throws NSF_INVALID_ARGUMENT for a malformed string and
// NSF_DEVICE_UNAVAILABLE for a CUDA device this process cannot use.
c10::Device parse_device(const char* text);

}  // namespace nsf
