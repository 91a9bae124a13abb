// Small RAII and error helpers over the libvips C API (chosen over vips-cpp
// so that failures are plain return codes we translate ourselves).
#pragma once

#include "nsf_common.h"

#include <vips/vips.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace nsf {

// Starts libvips once per process (thread-safe) and disables its operation
// cache, which would otherwise serve a stale image when a file is rewritten.
// libvips' GLib warnings are kept, never printed; each call starts with none.
void ensure_vips();

struct VipsUnref {
    void operator()(VipsImage* image) const noexcept {
        if (image != nullptr) g_object_unref(image);
    }
};
using ImagePtr = std::unique_ptr<VipsImage, VipsUnref>;

// Throws status with "context: <vips error text> (libvips warned: ...)" and
// clears vips' error buffer and the warnings kept since ensure_vips().
[[noreturn]] void fail_vips(nsf_status status, const std::string& context);

// Encodes interleaved 8-bit RGB as PNG, then appends one text chunk per pair.
std::vector<uint8_t> encode_png(const uint8_t* rgb, int width, int height, const char* const* keys,
                                const char* const* values, int32_t count);

// Writes bytes to path (no temp file: the caller does temp + rename).
void write_file(const char* path, const std::vector<uint8_t>& bytes);

}  // namespace nsf
