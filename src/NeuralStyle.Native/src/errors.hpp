// Error plumbing shared by every export of both libraries. Free of torch and
// vips headers: libnsf_image.so is built from it without libtorch, and
// libnsf_native.so adds libtorch's exception types in torch_errors.hpp.
#pragma once

#include "nsf_common.h"

#include <cstdint>

#include <stdexcept>
#include <string>

namespace nsf {

// The one exception type our own code throws; it carries the status the
// caller will see. Anything else that escapes is classified by
// report_current_exception().
class Failure : public std::runtime_error {
public:
    Failure(nsf_status status, const std::string& message)
        : std::runtime_error(message), status_(status) {}
    nsf_status status() const noexcept { return status_; }

private:
    nsf_status status_;
};

[[noreturn]] void fail(nsf_status status, const std::string& message);

// Copies message into *error (may be NULL), cut on a UTF-8 boundary if long.
void write_error(nsf_error* error, nsf_status status, const char* message) noexcept;

// Must be called from inside a catch block: rethrows the in-flight exception
// to classify it (Failure, std::bad_alloc, ...), fills *error (may be NULL)
// and returns the status. Knows no libtorch type: torch code uses
// report_current_torch_exception (torch_errors.hpp), which falls back to this.
int32_t report_current_exception(nsf_error* error) noexcept;

// Runs body; returns NSF_OK, or the status of whatever it threw. This is the
// only place exceptions are allowed to stop, so no exception crosses the C ABI.
// For exports that touch no libtorch; torch exports use torch_guard.
template <class Body>
int32_t guard(nsf_error* error, Body&& body) noexcept {
    try {
        body();
        return NSF_OK;
    } catch (...) {
        return report_current_exception(error);
    }
}

// Argument checks used by every export; they throw NSF_INVALID_ARGUMENT.
template <class T>
void require_not_null(const T* pointer, const char* name) {
    if (pointer == nullptr) fail(NSF_INVALID_ARGUMENT, std::string(name) + " must not be NULL");
}
void require_positive(int64_t value, const char* name);

}  // namespace nsf
