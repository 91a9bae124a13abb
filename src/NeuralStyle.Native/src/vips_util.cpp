// libvips start-up and error translation, plus plain file output.
#include "vips_util.hpp"

#include "errors.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <mutex>

namespace nsf {

void ensure_vips() {
    static std::once_flag once;
    static bool ok = false;
    std::call_once(once, [] {
        ok = VIPS_INIT("nsf_native") == 0;
        if (ok) vips_cache_set_max(0);
    });
    if (!ok) fail_vips(NSF_INTERNAL, "libvips failed to start");
    // The error buffer is process-wide: start each operation without an earlier one's text.
    vips_error_clear();
}

void fail_vips(nsf_status status, const std::string& context) {
    char* text = vips_error_buffer_copy();
    std::string detail = text != nullptr ? text : "";
    g_free(text);
    while (!detail.empty() && (detail.back() == '\n' || detail.back() == ' ')) detail.pop_back();
    fail(status, detail.empty() ? context : context + ": " + detail);
}

void write_file(const char* path, const std::vector<uint8_t>& bytes) {
    std::FILE* file = std::fopen(path, "wb");
    if (file == nullptr)
        fail(NSF_IO_ERROR, std::string("cannot write '") + path + "': " + std::strerror(errno));
    const bool written = std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size();
    const int write_errno = errno;
    const bool closed = std::fclose(file) == 0;
    if (!written || !closed)
        fail(NSF_IO_ERROR, std::string("cannot write '") + path +
                               "': " + std::strerror(written ? errno : write_errno));
}

}  // namespace nsf
