// Grid pages: a plain 8-bit sRGB pixel buffer we draw into directly; libvips
// only renders text masks and encodes the PNG.
#include "errors.hpp"
#include "nsf_image.h"
#include "vips_util.hpp"

#include <algorithm>
#include <cmath>
#include <memory>

// Owned by the caller from nsf_canvas_create until nsf_canvas_free.
struct nsf_canvas {
    int width = 0, height = 0;
    std::vector<uint8_t> rgb;  // interleaved, row-major
};

namespace nsf {
namespace {

uint8_t channel(int32_t value, const char* name) {
    if (value < 0 || value > 255)
        fail(NSF_INVALID_ARGUMENT,
             std::string(name) + " must be 0..255, got " + std::to_string(value));
    return static_cast<uint8_t>(value);
}

// Intersection of [x, x + w) x [y, y + h) with the canvas.
struct Clip {
    int x0, y0, x1, y1;
    bool empty() const { return x0 >= x1 || y0 >= y1; }
};
Clip clip(const nsf_canvas& c, int64_t x, int64_t y, int64_t w, int64_t h) {
    return {static_cast<int>(std::clamp<int64_t>(x, 0, c.width)),
            static_cast<int>(std::clamp<int64_t>(y, 0, c.height)),
            static_cast<int>(std::clamp<int64_t>(x + w, 0, c.width)),
            static_cast<int>(std::clamp<int64_t>(y + h, 0, c.height))};
}

struct Mask {
    int width = 0, height = 0;
    std::vector<uint8_t> alpha;
};

// Lays text out with Pango via vips_text. vips_text always parses Pango
// markup, so the text is escaped to be drawn literally.
Mask render_text(const char* text, const char* font, int32_t max_width) {
    require_not_null(text, "text");
    require_not_null(font, "font");
    if (max_width < 0) fail(NSF_INVALID_ARGUMENT, "max_width must be >= 0");
    Mask mask;
    if (*text == '\0') return mask;
    ensure_vips();
    std::unique_ptr<gchar, void (*)(void*)> escaped(g_markup_escape_text(text, -1), g_free);
    VipsImage* raw = nullptr;
    const int rc = max_width > 0 ? vips_text(&raw, escaped.get(), "font", font, "width", max_width,
                                             "dpi", 72, nullptr)
                                 : vips_text(&raw, escaped.get(), "font", font, "dpi", 72, nullptr);
    if (rc != 0) fail_vips(NSF_INTERNAL, "cannot render text");
    ImagePtr image(raw);
    mask.width = image->Xsize;
    mask.height = image->Ysize;
    size_t size = 0;
    void* pixels = vips_image_write_to_memory(image.get(), &size);
    if (pixels == nullptr) fail_vips(NSF_INTERNAL, "cannot render text");
    const uint8_t* bytes = static_cast<const uint8_t*>(pixels);
    mask.alpha.assign(bytes, bytes + size);
    g_free(pixels);
    if (mask.alpha.size() != static_cast<size_t>(mask.width) * mask.height)
        fail(NSF_INTERNAL, "text mask has an unexpected layout");
    return mask;
}

}  // namespace
}  // namespace nsf

extern "C" {

// *out_canvas is the caller's to free with nsf_canvas_free.
NSF_API int32_t nsf_canvas_create(int32_t width, int32_t height, int32_t r, int32_t g, int32_t b,
                                  nsf_canvas** out_canvas, nsf_error* error) {
    return nsf::guard(error, [&] {
        nsf::require_not_null(out_canvas, "out_canvas");
        *out_canvas = nullptr;
        nsf::require_positive(width, "width");
        nsf::require_positive(height, "height");
        const uint8_t colour[3] = {nsf::channel(r, "r"), nsf::channel(g, "g"),
                                   nsf::channel(b, "b")};
        auto canvas = std::make_unique<nsf_canvas>();
        canvas->width = width;
        canvas->height = height;
        canvas->rgb.resize(static_cast<size_t>(width) * static_cast<size_t>(height) * 3);
        for (size_t i = 0; i < canvas->rgb.size(); ++i) canvas->rgb[i] = colour[i % 3];
        *out_canvas = canvas.release();
    });
}

// Frees a canvas from nsf_canvas_create; NULL is ignored.
NSF_API void nsf_canvas_free(nsf_canvas* canvas) {
    delete canvas;
}

// rgb is borrowed for the call only.
NSF_API int32_t nsf_canvas_draw_image(nsf_canvas* canvas, const float* rgb, int32_t width,
                                      int32_t height, int32_t x, int32_t y, nsf_error* error) {
    return nsf::guard(error, [&] {
        nsf::require_not_null(canvas, "canvas");
        nsf::require_not_null(rgb, "rgb");
        nsf::require_positive(width, "width");
        nsf::require_positive(height, "height");
        const nsf::Clip c = nsf::clip(*canvas, x, y, width, height);
        const size_t plane = static_cast<size_t>(width) * static_cast<size_t>(height);
        for (int cy = c.y0; cy < c.y1; ++cy)
            for (int cx = c.x0; cx < c.x1; ++cx) {
                const size_t src =
                    static_cast<size_t>(cy - y) * width + static_cast<size_t>(cx - x);
                uint8_t* dst = &canvas->rgb[(static_cast<size_t>(cy) * canvas->width + cx) * 3];
                for (size_t ch = 0; ch < 3; ++ch) {
                    const float v = rgb[ch * plane + src];
                    const float clamped = v > 0.0f ? (v < 1.0f ? v : 1.0f) : 0.0f;
                    dst[ch] = static_cast<uint8_t>(std::nearbyint(clamped * 255.0f));
                }
            }
    });
}

// Draws into the canvas; nothing is allocated or retained.
NSF_API int32_t nsf_canvas_fill_rect(nsf_canvas* canvas, int32_t x, int32_t y, int32_t width,
                                     int32_t height, int32_t r, int32_t g, int32_t b,
                                     nsf_error* error) {
    return nsf::guard(error, [&] {
        nsf::require_not_null(canvas, "canvas");
        if (width < 0 || height < 0)
            nsf::fail(NSF_INVALID_ARGUMENT, "width and height must be >= 0");
        const uint8_t colour[3] = {nsf::channel(r, "r"), nsf::channel(g, "g"),
                                   nsf::channel(b, "b")};
        const nsf::Clip c = nsf::clip(*canvas, x, y, width, height);
        for (int cy = c.y0; cy < c.y1; ++cy)
            for (int cx = c.x0; cx < c.x1; ++cx)
                std::copy(colour, colour + 3,
                          &canvas->rgb[(static_cast<size_t>(cy) * canvas->width + cx) * 3]);
    });
}

// text and font are borrowed for the call; nothing to free.
NSF_API int32_t nsf_canvas_measure_text(const char* text, const char* font, int32_t max_width,
                                        int32_t* out_width, int32_t* out_height, nsf_error* error) {
    return nsf::guard(error, [&] {
        nsf::require_not_null(out_width, "out_width");
        nsf::require_not_null(out_height, "out_height");
        const nsf::Mask mask = nsf::render_text(text, font, max_width);
        *out_width = mask.width;
        *out_height = mask.height;
    });
}

// text and font are borrowed for the call; the mask is freed before returning.
NSF_API int32_t nsf_canvas_draw_text(nsf_canvas* canvas, const char* text, const char* font,
                                     int32_t max_width, int32_t x, int32_t y, int32_t r, int32_t g,
                                     int32_t b, nsf_error* error) {
    return nsf::guard(error, [&] {
        nsf::require_not_null(canvas, "canvas");
        const int colour[3] = {nsf::channel(r, "r"), nsf::channel(g, "g"), nsf::channel(b, "b")};
        const nsf::Mask mask = nsf::render_text(text, font, max_width);
        const nsf::Clip c = nsf::clip(*canvas, x, y, mask.width, mask.height);
        // The antialiased mask is the text's alpha: blend in 8-bit sRGB, rounded.
        for (int cy = c.y0; cy < c.y1; ++cy)
            for (int cx = c.x0; cx < c.x1; ++cx) {
                const int a = mask.alpha[static_cast<size_t>(cy - y) * mask.width + (cx - x)];
                if (a == 0) continue;
                uint8_t* dst = &canvas->rgb[(static_cast<size_t>(cy) * canvas->width + cx) * 3];
                for (int ch = 0; ch < 3; ++ch)
                    dst[ch] =
                        static_cast<uint8_t>((colour[ch] * a + dst[ch] * (255 - a) + 127) / 255);
            }
    });
}

// Keys, values and canvas are borrowed; the canvas stays the caller's.
NSF_API int32_t nsf_canvas_write_png(const nsf_canvas* canvas, const char* path,
                                     const char* const* text_keys, const char* const* text_values,
                                     int32_t text_count, nsf_error* error) {
    return nsf::guard(error, [&] {
        nsf::require_not_null(canvas, "canvas");
        nsf::require_not_null(path, "path");
        nsf::write_file(path, nsf::encode_png(canvas->rgb.data(), canvas->width, canvas->height,
                                              text_keys, text_values, text_count));
    });
}

}  // extern "C"
