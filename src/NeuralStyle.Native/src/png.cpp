// PNG encoding with text chunks. libvips 8.14 (libpng saver) writes
// "png-comment-N-KEY" metadata as zTXt, which is Latin-1 by definition, so
// UTF-8 values come back garbled; we add tEXt/iTXt chunks ourselves instead.
#include "errors.hpp"
#include "vips_util.hpp"

#include <zlib.h>

#include <cstring>

namespace nsf {

namespace {

void put_u32(std::vector<uint8_t>& out, uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<uint8_t>(v >> shift));
}

uint32_t get_u32(const uint8_t* p) {
    return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3];
}

bool valid_utf8(const std::string& s) {
    size_t i = 0;
    while (i < s.size()) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
        if (extra < 0 || i + static_cast<size_t>(extra) >= s.size()) return false;
        for (int k = 1; k <= extra; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += static_cast<size_t>(extra) + 1;
    }
    return true;
}

// PNG keywords: 1-79 printable Latin-1 characters, no leading, trailing or
// doubled spaces. We accept the ASCII subset.
void check_keyword(const std::string& key) {
    bool ok = !key.empty() && key.size() <= 79 && key.front() != ' ' && key.back() != ' ' &&
              key.find("  ") == std::string::npos;
    for (char c : key) ok = ok && c >= 0x20 && c <= 0x7E;
    if (!ok)
        fail(NSF_INVALID_ARGUMENT, "invalid PNG text key '" + key +
                                       "': need 1-79 printable ASCII characters without "
                                       "leading, trailing or double spaces");
}

// tEXt when the value is plain ASCII (readable by every tool), else iTXt,
// the only chunk that carries UTF-8.
std::vector<uint8_t> text_chunk(const std::string& key, const std::string& value) {
    bool ascii = true;
    for (char c : value) ascii = ascii && ((c >= 0x20 && c <= 0x7E) || c == '\n');
    const char* type = ascii ? "tEXt" : "iTXt";
    std::vector<uint8_t> body(type, type + 4);
    body.insert(body.end(), key.begin(), key.end());
    body.push_back(0);
    if (!ascii) {
        const uint8_t itxt_fields[] = {0 /*uncompressed*/, 0 /*method*/, 0 /*no language*/,
                                       0 /*no translated keyword*/};
        body.insert(body.end(), itxt_fields, itxt_fields + 4);
    }
    body.insert(body.end(), value.begin(), value.end());

    std::vector<uint8_t> chunk;
    put_u32(chunk, static_cast<uint32_t>(body.size() - 4));
    chunk.insert(chunk.end(), body.begin(), body.end());
    put_u32(chunk, static_cast<uint32_t>(crc32(0L, body.data(), static_cast<uInt>(body.size()))));
    return chunk;
}

}  // namespace

std::vector<uint8_t> encode_png(const uint8_t* rgb, int width, int height, const char* const* keys,
                                const char* const* values, int32_t count) {
    if (count < 0) fail(NSF_INVALID_ARGUMENT, "text_count must be >= 0");
    std::vector<std::vector<uint8_t>> chunks;
    for (int32_t i = 0; i < count; ++i) {
        require_not_null(keys, "text_keys");
        require_not_null(values, "text_values");
        if (keys[i] == nullptr || values[i] == nullptr)
            fail(NSF_INVALID_ARGUMENT, "text key/value " + std::to_string(i) + " is NULL");
        const std::string key = keys[i], value = values[i];
        check_keyword(key);
        if (!valid_utf8(value))
            fail(NSF_INVALID_ARGUMENT, "PNG text value for '" + key + "' is not valid UTF-8");
        chunks.push_back(text_chunk(key, value));
    }

    ensure_vips();
    const size_t size = static_cast<size_t>(width) * static_cast<size_t>(height) * 3;
    ImagePtr image(vips_image_new_from_memory(rgb, size, width, height, 3, VIPS_FORMAT_UCHAR));
    if (!image) fail_vips(NSF_INTERNAL, "cannot wrap pixels for PNG encoding");
    void* buffer = nullptr;
    size_t length = 0;
    if (vips_pngsave_buffer(image.get(), &buffer, &length, "strip", TRUE, nullptr) != 0)
        fail_vips(NSF_INTERNAL, "PNG encoding failed");
    std::vector<uint8_t> png(static_cast<uint8_t*>(buffer), static_cast<uint8_t*>(buffer) + length);
    g_free(buffer);

    // Text chunks go just before IEND, which ends every valid PNG.
    size_t at = 8;
    while (at + 12 <= png.size() && std::memcmp(&png[at + 4], "IEND", 4) != 0)
        at += 12 + get_u32(&png[at]);
    if (at + 12 > png.size()) fail(NSF_INTERNAL, "PNG encoder produced no IEND chunk");
    for (const auto& chunk : chunks) {
        png.insert(png.begin() + static_cast<std::ptrdiff_t>(at), chunk.begin(), chunk.end());
        at += chunk.size();
    }
    return png;
}

}  // namespace nsf
