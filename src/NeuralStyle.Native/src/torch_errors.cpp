#include "torch_errors.hpp"

#include <c10/util/Exception.h>

#include <cstring>

namespace nsf {
namespace {

// libtorch reports a failed host allocation as a plain c10::Error.
bool mentions_out_of_memory(const char* message) {
    return std::strstr(message, "out of memory") != nullptr ||
           std::strstr(message, "can't allocate memory") != nullptr;
}

}  // namespace

int32_t report_current_torch_exception(nsf_error* error) noexcept {
    try {
        throw;
    } catch (const c10::OutOfMemoryError& e) {
        write_error(error, NSF_OUT_OF_MEMORY, e.what_without_backtrace());
        return NSF_OUT_OF_MEMORY;
    } catch (const c10::Error& e) {
        // what() carries a multi-line C++ backtrace that is noise to a user.
        const char* message = e.what_without_backtrace();
        const nsf_status status =
            mentions_out_of_memory(message) ? NSF_OUT_OF_MEMORY : NSF_INTERNAL;
        write_error(error, status, message);
        return status;
    } catch (...) {
        // Still inside a handler, so the generic classifier can rethrow it again.
        return report_current_exception(error);
    }
}

}  // namespace nsf
