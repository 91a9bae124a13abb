// Runtime facts and device selection: the only translation unit that asks
// libtorch about CUDA, so CPU and CUDA builds of libtorch compile the same code.
#include "runtime.hpp"

#include "nsf_native.h"
#include "torch_errors.hpp"

#include <ATen/Parallel.h>
#include <torch/cuda.h>
#include <torch/version.h>

#include <dlfcn.h>

#include <atomic>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <string>

namespace nsf {

c10::Device parse_device(const char* text) {
    require_not_null(text, "device");
    const std::string s(text);
    if (s == "cpu") return c10::Device(c10::kCPU);

    long index = 0;  // bare "cuda" means the first visible GPU
    if (s != "cuda") {
        const std::string prefix = "cuda:";
        const std::string digits = s.size() > prefix.size() ? s.substr(prefix.size()) : "";
        const bool well_formed = s.compare(0, prefix.size(), prefix) == 0 && !digits.empty() &&
                                 digits.size() <= 3 &&
                                 digits.find_first_not_of("0123456789") == std::string::npos;
        if (!well_formed)
            fail(NSF_INVALID_ARGUMENT,
                 "invalid device '" + s + "': expected \"cpu\", \"cuda\" or \"cuda:N\"");
        index = std::strtol(digits.c_str(), nullptr, 10);
    }
    if (!torch::cuda::is_available())
        fail(NSF_DEVICE_UNAVAILABLE,
             "device '" + s +
                 "' requested but this build of the engine has no CUDA support (or no GPU is "
                 "visible); use --device cpu");
    const long count = static_cast<long>(torch::cuda::device_count());
    if (index >= count)
        fail(NSF_DEVICE_UNAVAILABLE, "device '" + s + "' requested but only " +
                                         std::to_string(count) + " CUDA device(s) are visible");
    return c10::Device(c10::kCUDA, static_cast<c10::DeviceIndex>(index));
}

namespace {

constexpr int32_t kMaxThreads = 1024;

// 0 until nsf_runtime_set_threads: libtorch's own default stays untouched.
std::atomic<int32_t> wanted_threads{0};

// OpenBLAS runs its own thread pool beside libtorch's OpenMP threads, sized to
// every core by default. Reported, never changed: its thread count changes the
// bits of sgemm's results (measured: a 64 px render with OPENBLAS_NUM_THREADS
// 1 and 2 differs, with OMP_NUM_THREADS 1 and 2 it does not), and a render
// through the farm must equal the same render through `nsf render`. Looked up
// at run time because libblas.so.3 may be another BLAS, which has no such function.
using BlasGetThreads = int (*)();

int blas_threads() {
    const auto get =
        reinterpret_cast<BlasGetThreads>(dlsym(RTLD_DEFAULT, "openblas_get_num_threads"));
    return get != nullptr ? get() : -1;
}

// Which shared object really provides sgemm_: libblas.so.3 is usually a
// Debian alternatives symlink, so resolve it to tell OpenBLAS from the
// reference BLAS (a 10-50x difference in speed).
std::string blas_library() {
    void* symbol = dlsym(RTLD_DEFAULT, "sgemm_");
    Dl_info info{};
    if (symbol == nullptr || dladdr(symbol, &info) == 0 || info.dli_fname == nullptr) return "";
    char resolved[PATH_MAX];
    if (realpath(info.dli_fname, resolved) != nullptr) return resolved;
    return info.dli_fname;
}

std::string json_string(const std::string& s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c < 0x20) {
            static const char hex[] = "0123456789abcdef";
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 15];
        } else {
            out += static_cast<char>(c);
        }
    }
    return out + "\"";
}

}  // namespace

void apply_threads() {
    const int32_t wanted = wanted_threads.load(std::memory_order_relaxed);
    // set_num_threads also drops oneDNN's cached primitives: only when it changes something.
    if (wanted > 0 && at::get_num_threads() != wanted) at::set_num_threads(wanted);
}

}  // namespace nsf

extern "C" {

// Nothing allocated, nothing to free.
NSF_API int32_t nsf_abi_version(void) {
    return NSF_ABI_VERSION;
}

// The caller owns buffer; nothing is allocated that outlives the call.
NSF_API int32_t nsf_runtime_info(char* buffer, int32_t capacity) {
    try {
        nsf::apply_threads();  // report what a computation started here would use
        const bool cuda = torch::cuda::is_available();
        const std::string json =
            std::string("{\"abi\":") + std::to_string(NSF_ABI_VERSION) +
            ",\"torch\":" + nsf::json_string(TORCH_VERSION) +
            ",\"cuda_available\":" + (cuda ? "true" : "false") +
            ",\"cuda_devices\":" + std::to_string(cuda ? torch::cuda::device_count() : 0) +
            ",\"threads\":" + std::to_string(at::get_num_threads()) +
            ",\"blas\":" + nsf::json_string(nsf::blas_library()) +
            ",\"blas_threads\":" + std::to_string(nsf::blas_threads()) + "}";
        const int32_t needed = static_cast<int32_t>(json.size() + 1);
        // A cut-off JSON object is useless, so a short buffer gets "" and the
        // caller retries with the returned size.
        if (buffer != nullptr && capacity > 0) {
            if (capacity >= needed)
                std::memcpy(buffer, json.c_str(), json.size() + 1);
            else
                buffer[0] = '\0';
        }
        return needed;
    } catch (...) {
        if (buffer != nullptr && capacity > 0) buffer[0] = '\0';
        return 1;
    }
}

// Nothing allocated; the setting lives until the process ends or the next call.
NSF_API int32_t nsf_runtime_set_threads(int32_t threads, nsf_error* error) {
    return nsf::torch_guard(error, [&] {
        if (threads < 1 || threads > nsf::kMaxThreads)
            nsf::fail(NSF_INVALID_ARGUMENT, "threads must be 1.." +
                                                std::to_string(nsf::kMaxThreads) + ", got " +
                                                std::to_string(threads));
        nsf::wanted_threads.store(threads, std::memory_order_relaxed);
        at::set_num_threads(threads);
    });
}

}  // extern "C"
