/*
 * What libnsf_image.so and libnsf_native.so share: the export macro, the
 * status codes and the caller-owned error struct. Both libraries follow the
 * same rules at the boundary (see nsf_image.h and nsf_native.h).
 */
#ifndef NSF_COMMON_H
#define NSF_COMMON_H

#include <stdint.h>

#if defined(NSF_BUILDING)
#define NSF_API __attribute__((visibility("default")))
#else
#define NSF_API
#endif

typedef enum nsf_status {
    NSF_OK = 0,
    NSF_INVALID_ARGUMENT = 1,   /* a bad parameter: the message names it */
    NSF_DEVICE_UNAVAILABLE = 2, /* e.g. cuda:0 asked of a CPU-only build */
    NSF_IMAGE_UNREADABLE = 3,   /* missing, unreadable or undecodable image file */
    NSF_IMAGE_TOO_LARGE = 4,    /* header says more pixels than the caller allows */
    NSF_IO_ERROR = 5,           /* writing a file failed */
    NSF_CANCELLED = 6,          /* the progress callback asked to stop */
    NSF_OUT_OF_MEMORY = 7,
    NSF_INTERNAL = 8            /* anything else; the message says what */
} nsf_status;

#define NSF_ERROR_MESSAGE_CAPACITY 1024

/* Caller-owned; filled only when an export returns something other than NSF_OK. */
typedef struct nsf_error {
    int32_t status;
    char message[NSF_ERROR_MESSAGE_CAPACITY]; /* NUL-terminated, truncated if longer */
} nsf_error;

#endif /* NSF_COMMON_H */
