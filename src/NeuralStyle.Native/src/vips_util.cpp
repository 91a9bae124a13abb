// libvips start-up and error translation, plus plain file output.
#include "vips_util.hpp"

#include "errors.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <mutex>

namespace nsf {

namespace {

// libvips reports recoverable trouble (a truncated scan, a bad tile) as GLib warnings in its
// "VIPS" domain, often from its worker threads, and GLib would print them raw on stderr. They
// are kept here instead and appended to the message of a call that fails; a call that succeeds
// drops them. Process-wide like vips' own error buffer (a worker thread's warning belongs to
// the call that started the work), and bounded: a hostile file can warn once per tile.
constexpr size_t kWarningsCapacity = 1024;
std::mutex warnings_mutex;
std::string warnings;
size_t warnings_dropped = 0;

void keep_warning(const gchar* /*domain*/, GLogLevelFlags /*level*/, const gchar* message,
                  gpointer /*data*/) {
    try {
        const std::lock_guard<std::mutex> lock(warnings_mutex);
        const std::string text = message != nullptr ? message : "";
        if (text.empty() || warnings.find(text) != std::string::npos) return;
        if (warnings.size() + text.size() > kWarningsCapacity) {
            ++warnings_dropped;
            return;
        }
        if (!warnings.empty()) warnings += "; ";
        warnings += text;
    } catch (...) {
        // Out of memory while keeping a warning: losing the warning is the right outcome.
    }
}

void clear_warnings() {
    const std::lock_guard<std::mutex> lock(warnings_mutex);
    warnings.clear();
    warnings_dropped = 0;
}

// " (libvips warned: ...)" for the warnings kept since the call started, or "".
std::string take_warnings() {
    const std::lock_guard<std::mutex> lock(warnings_mutex);
    std::string text;
    if (!warnings.empty()) {
        text = " (libvips warned: " + warnings;
        if (warnings_dropped > 0) text += "; and " + std::to_string(warnings_dropped) + " more";
        text += ")";
    }
    warnings.clear();
    warnings_dropped = 0;
    return text;
}

}  // namespace

void ensure_vips() {
    static std::once_flag once;
    static bool ok = false;
    std::call_once(once, [] {
        // Before start-up, so that no warning of libvips reaches the terminal unasked. Info and
        // debug stay GLib's: printed only when G_MESSAGES_DEBUG asks for them.
        g_log_set_handler("VIPS",
                          static_cast<GLogLevelFlags>(G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING |
                                                      G_LOG_LEVEL_MESSAGE | G_LOG_FLAG_FATAL |
                                                      G_LOG_FLAG_RECURSION),
                          keep_warning, nullptr);
        ok = VIPS_INIT("nsf_image") == 0;
        if (ok) vips_cache_set_max(0);
    });
    if (!ok) fail_vips(NSF_INTERNAL, "libvips failed to start");
    // The error buffer is process-wide: start each operation without an earlier one's text.
    vips_error_clear();
    clear_warnings();
}

void fail_vips(nsf_status status, const std::string& context) {
    char* text = vips_error_buffer_copy();
    std::string detail = text != nullptr ? text : "";
    g_free(text);
    while (!detail.empty() && (detail.back() == '\n' || detail.back() == ' ')) detail.pop_back();
    fail(status, (detail.empty() ? context : context + ": " + detail) + take_warnings());
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
