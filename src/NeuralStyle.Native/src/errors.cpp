#include "errors.hpp"

#include <cstring>
#include <new>

namespace nsf {

void fail(nsf_status status, const std::string& message) {
    throw Failure(status, message);
}

void require_positive(int64_t value, const char* name) {
    if (value <= 0)
        fail(NSF_INVALID_ARGUMENT,
             std::string(name) + " must be positive (got " + std::to_string(value) + ")");
}

// Copies message NUL-terminated; when it must be cut, the cut lands on a
// UTF-8 character boundary so the managed side never decodes half a character.
void write_error(nsf_error* error, nsf_status status, const char* message) noexcept {
    if (error == nullptr) return;
    error->status = status;
    size_t length = std::strlen(message);
    if (length >= NSF_ERROR_MESSAGE_CAPACITY) {
        length = NSF_ERROR_MESSAGE_CAPACITY - 1;
        while (length > 0 && (static_cast<unsigned char>(message[length]) & 0xC0) == 0x80) --length;
    }
    std::memcpy(error->message, message, length);
    error->message[length] = '\0';
}

int32_t report_current_exception(nsf_error* error) noexcept {
    nsf_status status = NSF_INTERNAL;
    try {
        throw;
    } catch (const Failure& e) {
        status = e.status();
        write_error(error, status, e.what());
    } catch (const std::bad_alloc&) {
        status = NSF_OUT_OF_MEMORY;
        write_error(error, status, "out of memory");
    } catch (const std::exception& e) {
        write_error(error, status, e.what());
    } catch (...) {
        write_error(error, status, "unknown internal error");
    }
    return status;
}

}  // namespace nsf
