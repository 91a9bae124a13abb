/*
 * NeuralStyle Farm image library (libnsf_image.so): a narrow C ABI over
 * libvips for decoding, probing and encoding images and for drawing grid
 * pages. It depends on libvips (and zlib) only, never on libtorch, so a
 * process that only checks images and draws grids (the gateway) carries no
 * libtorch.
 *
 * Rules of the boundary (as in nsf_native.h):
 *  - No C++ exception crosses it. Every export that can fail returns an
 *    nsf_status and, on failure, copies a message into the caller-owned
 *    nsf_error (which needs no freeing).
 *  - Images are caller-owned float32 buffers, RGB planar (channel, row,
 *    column) with values in [0, 1].
 *  - A canvas is created by nsf_canvas_create and freed by nsf_canvas_free,
 *    exactly once, by the caller. One canvas must not be drawn on by two
 *    threads at once; distinct canvases may.
 */
#ifndef NSF_IMAGE_H
#define NSF_IMAGE_H

#include "nsf_common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped whenever a signature below changes. */
#define NSF_IMAGE_ABI_VERSION 1

NSF_API int32_t nsf_image_abi_version(void);

/* ---- images (libvips) --------------------------------------------------- */

/* Reads only the header: width and height after EXIF orientation. Fails with
 * NSF_IMAGE_TOO_LARGE, before decoding, when width*height > max_pixels (which
 * must be > 0). Formats other than JPEG, PNG, WebP, TIFF: NSF_IMAGE_UNREADABLE. */
NSF_API int32_t nsf_image_probe(const char* path, int64_t max_pixels, int32_t* out_width,
                                int32_t* out_height, nsf_error* error);

/* Decodes path (JPEG, PNG, WebP, TIFF), applies EXIF orientation, converts to
 * sRGB, flattens alpha onto white, and resizes with Lanczos3 to exactly
 * width x height (no resampling when already that size). Writes [3, h, w]. */
NSF_API int32_t nsf_image_read(const char* path, int64_t max_pixels, int32_t width,
                               int32_t height, float* out_rgb, nsf_error* error);

/* Encodes rgb [3, h, w] (values clamped to [0,1], rounded to 8 bits) as PNG
 * with one tEXt/iTXt chunk per key/value pair: tEXt for printable-ASCII
 * values, iTXt (UTF-8) otherwise. Keys: 1-79 printable ASCII characters. */
NSF_API int32_t nsf_image_write_png(const char* path, const float* rgb, int32_t width,
                                    int32_t height, const char* const* text_keys,
                                    const char* const* text_values, int32_t text_count,
                                    nsf_error* error);

/* ---- canvas (grid pages) ------------------------------------------------ */

typedef struct nsf_canvas nsf_canvas;

/* A width x height sRGB canvas filled with colour (r, g, b in 0..255). Free with nsf_canvas_free. */
NSF_API int32_t nsf_canvas_create(int32_t width, int32_t height, int32_t r, int32_t g, int32_t b,
                                  nsf_canvas** out_canvas, nsf_error* error);
NSF_API void nsf_canvas_free(nsf_canvas* canvas);

/* Pastes rgb [3, h, w] with its top-left corner at (x, y), clipped to the canvas. */
NSF_API int32_t nsf_canvas_draw_image(nsf_canvas* canvas, const float* rgb, int32_t width,
                                      int32_t height, int32_t x, int32_t y, nsf_error* error);

/* Fills a rectangle. */
NSF_API int32_t nsf_canvas_fill_rect(nsf_canvas* canvas, int32_t x, int32_t y, int32_t width,
                                     int32_t height, int32_t r, int32_t g, int32_t b,
                                     nsf_error* error);

/* Measures UTF-8 text in a Pango font description ("DejaVu Sans 11"), wrapped
 * at max_width pixels (0: no wrap). */
NSF_API int32_t nsf_canvas_measure_text(const char* text, const char* font, int32_t max_width,
                                        int32_t* out_width, int32_t* out_height, nsf_error* error);

/* Draws text as nsf_canvas_measure_text lays it out, top-left at (x, y). */
NSF_API int32_t nsf_canvas_draw_text(nsf_canvas* canvas, const char* text, const char* font,
                                     int32_t max_width, int32_t x, int32_t y, int32_t r, int32_t g,
                                     int32_t b, nsf_error* error);

/* Encodes the canvas as PNG with text chunks, as nsf_image_write_png. */
NSF_API int32_t nsf_canvas_write_png(const nsf_canvas* canvas, const char* path,
                                     const char* const* text_keys, const char* const* text_values,
                                     int32_t text_count, nsf_error* error);

#ifdef __cplusplus
}
#endif

#endif /* NSF_IMAGE_H */
