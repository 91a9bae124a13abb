// Image files through libvips: header-only probing (to refuse huge images
// before decoding them), decoding to the engine's float planar layout, PNG output.
#include "errors.hpp"
#include "nsf_image.h"
#include "vips_util.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cmath>
#include <cstring>

namespace nsf {
namespace {

// The formats the contract promises; anything else libvips could open
// (SVG, PDF, HEIF, ...) is refused rather than silently supported.
bool supported_loader(const char* loader) {
    for (const char* prefix : {"VipsForeignLoadJpeg", "VipsForeignLoadPng", "VipsForeignLoadWebp",
                               "VipsForeignLoadTiff"})
        if (std::strncmp(loader, prefix, std::strlen(prefix)) == 0) return true;
    return false;
}

struct Opened {
    ImagePtr image;
    int width = 0, height = 0;  // after EXIF orientation
};

// Opens lazily (libvips reads only the header here) and enforces max_pixels.
Opened open_checked(const char* path, int64_t max_pixels, VipsAccess access) {
    require_not_null(path, "path");
    require_positive(max_pixels, "max_pixels");
    ensure_vips();
    const std::string where = std::string("cannot read image '") + path + "'";
    struct stat info {};
    if (stat(path, &info) != 0)
        fail(NSF_IMAGE_UNREADABLE, where + (errno == ENOENT || errno == ENOTDIR
                                                ? ": file does not exist"
                                                : std::string(": ") + std::strerror(errno)));
    if (S_ISDIR(info.st_mode)) fail(NSF_IMAGE_UNREADABLE, where + ": it is a directory");

    const char* loader = vips_foreign_find_load(path);
    if (loader == nullptr) fail_vips(NSF_IMAGE_UNREADABLE, where);
    if (!supported_loader(loader))
        fail(NSF_IMAGE_UNREADABLE,
             where + ": unsupported format (only JPEG, PNG, WebP and TIFF are accepted)");

    Opened out;
    // fail_on=error: a truncated file is an error, not a half-grey picture.
    out.image.reset(
        vips_image_new_from_file(path, "access", access, "fail_on", VIPS_FAIL_ON_ERROR, nullptr));
    if (!out.image) fail_vips(NSF_IMAGE_UNREADABLE, where);
    out.width = vips_image_get_width(out.image.get());
    out.height = vips_image_get_height(out.image.get());
    if (vips_image_get_orientation_swap(out.image.get())) std::swap(out.width, out.height);
    const int64_t pixels = static_cast<int64_t>(out.width) * out.height;
    if (pixels > max_pixels)
        fail(NSF_IMAGE_TOO_LARGE,
             std::string("image '") + path + "' is " + std::to_string(out.width) + "x" +
                 std::to_string(out.height) + " = " + std::to_string(pixels) +
                 " pixels, more than the limit of " + std::to_string(max_pixels));
    return out;
}

// Replaces image by the output of a vips operation, or throws.
template <class Op>
void apply(ImagePtr& image, const std::string& where, Op op) {
    VipsImage* next = nullptr;
    if (op(image.get(), &next) != 0) fail_vips(NSF_IMAGE_UNREADABLE, where);
    image.reset(next);
}

// Any decoded image -> 8-bit sRGB, 3 bands, no alpha, at its own size.
void to_srgb8(ImagePtr& image, const std::string& where) {
    apply(image, where,
          [](VipsImage* in, VipsImage** out) { return vips_autorot(in, out, nullptr); });

    const bool wide = image->BandFmt == VIPS_FORMAT_USHORT;
    const VipsInterpretation tagged = image->Type;
    if (wide && (tagged == VIPS_INTERPRETATION_MULTIBAND || tagged == VIPS_INTERPRETATION_B_W ||
                 tagged == VIPS_INTERPRETATION_sRGB)) {
        // 16-bit data tagged as 8-bit kinds would be clipped, not scaled, to 8 bits. CMYK and
        // other real colour spaces keep their tag: colour conversion knows how to read them.
        const VipsInterpretation type =
            image->Bands >= 3 ? VIPS_INTERPRETATION_RGB16 : VIPS_INTERPRETATION_GREY16;
        apply(image, where, [type](VipsImage* in, VipsImage** out) {
            return vips_copy(in, out, "interpretation", type, nullptr);
        });
    }
    // An embedded profile (Display P3, Adobe RGB, a CMYK press profile) says what the numbers
    // mean; without one, the tagged colour space is taken at its word.
    bool converted = false;
    if (vips_image_get_typeof(image.get(), VIPS_META_ICC_NAME) != 0) {
        VipsImage* next = nullptr;
        if (vips_icc_transform(image.get(), &next, "srgb", "embedded", TRUE, "depth", 8,
                               nullptr) == 0) {
            image.reset(next);
            converted = true;
        } else {
            vips_error_clear();  // a broken profile falls back to the tagged colour space
        }
    }
    if (!converted)
        apply(image, where, [](VipsImage* in, VipsImage** out) {
            return vips_colourspace(in, out, VIPS_INTERPRETATION_sRGB, nullptr);
        });
    if (vips_image_hasalpha(image.get())) {
        // After conversion, so the background is sRGB white whatever the source's colour space.
        const double white = image->BandFmt == VIPS_FORMAT_USHORT ? 65535.0 : 255.0;
        const std::vector<double> background(static_cast<size_t>(image->Bands - 1), white);
        VipsArrayDouble* colour =
            vips_array_double_new(background.data(), static_cast<int>(background.size()));
        VipsImage* next = nullptr;
        const int rc =
            vips_flatten(image.get(), &next, "background", colour, "max_alpha", white, nullptr);
        vips_area_unref(VIPS_AREA(colour));
        if (rc != 0) fail_vips(NSF_IMAGE_UNREADABLE, where);
        image.reset(next);
    }
    if (image->BandFmt != VIPS_FORMAT_UCHAR)
        apply(image, where,
              [](VipsImage* in, VipsImage** out) { return vips_cast_uchar(in, out, nullptr); });
    if (image->Bands < 3) {
        apply(image, where, [](VipsImage* in, VipsImage** out) {
            return vips_extract_band(in, out, 0, nullptr);
        });
        apply(image, where, [](VipsImage* in, VipsImage** out) {
            VipsImage* grey[3] = {in, in, in};
            return vips_bandjoin(grey, out, 3, nullptr);
        });
    } else if (image->Bands > 3) {
        apply(image, where, [](VipsImage* in, VipsImage** out) {
            return vips_extract_band(in, out, 0, "n", 3, nullptr);
        });
    }
}

std::vector<uint8_t> to_rgb8(const float* rgb, int32_t width, int32_t height) {
    require_not_null(rgb, "rgb");
    require_positive(width, "width");
    require_positive(height, "height");
    const size_t plane = static_cast<size_t>(width) * static_cast<size_t>(height);
    std::vector<uint8_t> out(plane * 3);
    for (size_t c = 0; c < 3; ++c)
        for (size_t i = 0; i < plane; ++i) {
            const float v = rgb[c * plane + i];
            const float clamped = v > 0.0f ? (v < 1.0f ? v : 1.0f) : 0.0f;  // NaN -> 0
            // nearbyint: round half to even, as torch.round on the same float.
            out[i * 3 + c] = static_cast<uint8_t>(std::nearbyint(clamped * 255.0f));
        }
    return out;
}

}  // namespace
}  // namespace nsf

extern "C" {

// Nothing allocated, nothing to free.
NSF_API int32_t nsf_image_abi_version(void) {
    return NSF_IMAGE_ABI_VERSION;
}

// path is borrowed; the header-only image is released before returning.
NSF_API int32_t nsf_image_probe(const char* path, int64_t max_pixels, int32_t* out_width,
                                int32_t* out_height, nsf_error* error) {
    return nsf::guard(error, [&] {
        nsf::require_not_null(out_width, "out_width");
        nsf::require_not_null(out_height, "out_height");
        const nsf::Opened opened = nsf::open_checked(path, max_pixels, VIPS_ACCESS_SEQUENTIAL);
        *out_width = opened.width;
        *out_height = opened.height;
    });
}

// out_rgb is the caller's buffer of 3 * width * height floats; vips images and
// the decoded pixels are released before returning.
NSF_API int32_t nsf_image_read(const char* path, int64_t max_pixels, int32_t width, int32_t height,
                               float* out_rgb, nsf_error* error) {
    return nsf::guard(error, [&] {
        nsf::require_not_null(out_rgb, "out_rgb");
        nsf::require_positive(width, "width");
        nsf::require_positive(height, "height");
        if (static_cast<int64_t>(width) * height > max_pixels)
            nsf::fail(NSF_IMAGE_TOO_LARGE, "cannot resize to " + std::to_string(width) + "x" +
                                               std::to_string(height) +
                                               ": more pixels than the limit of " +
                                               std::to_string(max_pixels));
        // Random access: a 90-degree autorotation reads the source out of order.
        nsf::Opened opened = nsf::open_checked(path, max_pixels, VIPS_ACCESS_RANDOM);
        const std::string where = std::string("cannot decode image '") + path + "'";
        nsf::ImagePtr& image = opened.image;
        nsf::to_srgb8(image, where);

        if (image->Xsize != width || image->Ysize != height) {
            const double h_scale = static_cast<double>(width) / image->Xsize;
            const double v_scale = static_cast<double>(height) / image->Ysize;
            nsf::apply(image, where, [&](VipsImage* in, VipsImage** out) {
                return vips_resize(in, out, h_scale, "vscale", v_scale, "kernel",
                                   VIPS_KERNEL_LANCZOS3, nullptr);
            });
            // vips_resize rounds the output size; pin it to exactly width x height.
            if (image->Xsize != width || image->Ysize != height)
                nsf::apply(image, where, [&](VipsImage* in, VipsImage** out) {
                    return vips_embed(in, out, 0, 0, width, height, "extend", VIPS_EXTEND_COPY,
                                      nullptr);
                });
        }

        size_t size = 0;
        void* pixels = vips_image_write_to_memory(image.get(), &size);
        if (pixels == nullptr) nsf::fail_vips(NSF_IMAGE_UNREADABLE, where);
        std::unique_ptr<void, void (*)(void*)> owned(pixels, g_free);
        const size_t plane = static_cast<size_t>(width) * static_cast<size_t>(height);
        if (size != plane * 3) nsf::fail(NSF_INTERNAL, where + ": unexpected decoded size");
        const uint8_t* rgb = static_cast<const uint8_t*>(pixels);
        for (size_t i = 0; i < plane; ++i)
            for (size_t c = 0; c < 3; ++c) out_rgb[c * plane + i] = rgb[i * 3 + c] / 255.0f;
    });
}

// rgb, keys and values are borrowed for the call; the file is the caller's.
NSF_API int32_t nsf_image_write_png(const char* path, const float* rgb, int32_t width,
                                    int32_t height, const char* const* text_keys,
                                    const char* const* text_values, int32_t text_count,
                                    nsf_error* error) {
    return nsf::guard(error, [&] {
        nsf::require_not_null(path, "path");
        const std::vector<uint8_t> pixels = nsf::to_rgb8(rgb, width, height);
        nsf::write_file(path, nsf::encode_png(pixels.data(), width, height, text_keys, text_values,
                                              text_count));
    });
}

}  // extern "C"
