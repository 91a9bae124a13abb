/*
 * NeuralStyle Farm native engine (libnsf_native.so): a narrow C ABI over
 * libtorch. Images are decoded and encoded by libnsf_image.so (nsf_image.h),
 * which this library neither needs nor loads.
 *
 * Rules of the boundary:
 *  - No C++ exception crosses it. Every export that can fail returns an
 *    nsf_status and, on failure, copies a message into the caller-owned
 *    nsf_error (which needs no freeing).
 *  - No tensor crosses it. Images are caller-owned float32 buffers, RGB planar
 *    (channel, row, column) with values in [0, 1].
 *  - Every handle is created by an nsf_*_create/compute/blend export and freed
 *    by the matching nsf_*_free export, exactly once, by the caller. Models
 *    and targets are read-only once created and may be shared by concurrent calls.
 *  - Layers are indices into torchvision's vgg19().features (0..36):
 *    conv1_1 = 0, relu1_1 = 1, ..., pool5 = 36. Names are the managed side's job.
 */
#ifndef NSF_NATIVE_H
#define NSF_NATIVE_H

#include "nsf_common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped whenever a signature or struct layout below changes.
 * 2: images and canvases moved to libnsf_image.so; nsf_runtime_set_threads. */
#define NSF_ABI_VERSION 2

typedef enum nsf_pooling { NSF_POOLING_MAX = 0, NSF_POOLING_AVG = 1 } nsf_pooling;
typedef enum nsf_optimizer { NSF_OPTIMIZER_LBFGS = 0, NSF_OPTIMIZER_ADAM = 1 } nsf_optimizer;

/* ---- runtime ------------------------------------------------------------ */

NSF_API int32_t nsf_abi_version(void);

/* Writes a NUL-terminated JSON object into buffer (capacity bytes):
 * {"abi":2,"torch":"1.13.1","cuda_available":false,"cuda_devices":0,
 *  "threads":2,"blas":"/path/of/the/libblas/that/provides/sgemm_","blas_threads":2}.
 * threads is what a computation started on the calling thread uses; blas_threads
 * is OpenBLAS's own count, or -1 when the BLAS is not OpenBLAS.
 * Returns the length needed including the NUL; nothing is written past capacity
 * (a buffer too small for the whole object receives "": retry with the returned size). */
NSF_API int32_t nsf_runtime_info(char* buffer, int32_t capacity);

/* Sets the number of threads libtorch uses inside one operation (at::set_num_threads)
 * for every later computation in this process, whichever thread starts it
 * (libtorch keeps the count per thread; each torch export applies it to its
 * caller). threads: 1..1024. OpenBLAS's own pool is left as it is (see
 * blas_threads): its size changes the bits of matrix products. */
NSF_API int32_t nsf_runtime_set_threads(int32_t threads, nsf_error* error);

/* ---- model -------------------------------------------------------------- */

typedef struct nsf_model nsf_model;

/* Builds the first conv_count (1..16) convolutions of VGG-19 on device ("cpu",
 * "cuda", "cuda:N"). weights[i] points to float32 [out, in, 3, 3] and biases[i]
 * to float32 [out] of the i-th convolution, in torchvision's shapes. The
 * buffers are copied; the caller keeps ownership. Free with nsf_model_free. */
NSF_API int32_t nsf_model_create(const char* device, int32_t conv_count,
                                 const float* const* weights, const float* const* biases,
                                 nsf_model** out_model, nsf_error* error);
NSF_API void nsf_model_free(nsf_model* model);

/* ---- targets ------------------------------------------------------------ */

typedef struct nsf_targets nsf_targets;

/* Feature maps of image [3, height, width] at each content layer (the P^l).
 * layers: distinct indices, each reachable with the model's conv_count.
 * Keeps a reference to nothing but its own tensors; free with nsf_targets_free. */
NSF_API int32_t nsf_targets_compute_content(nsf_model* model, const float* image,
                                            int32_t height, int32_t width, int32_t pooling,
                                            const int32_t* layers, int32_t layer_count,
                                            nsf_targets** out_targets, nsf_error* error);

/* Gram matrices of image [3, height, width] at each style layer, divided by
 * that layer's M (positions) so that images of other sizes compare:
 * A~ = F F^T / M_style. Free with nsf_targets_free. */
NSF_API int32_t nsf_targets_compute_style(nsf_model* model, const float* image,
                                          int32_t height, int32_t width, int32_t pooling,
                                          const int32_t* layers, int32_t layer_count,
                                          nsf_targets** out_targets, nsf_error* error);

/* A new style target whose Grams are sum_i weights[i] * parts[i] (several style
 * images blended). All parts must share layers (same order) and pooling;
 * weights must be finite and >= 0. Free with nsf_targets_free. */
NSF_API int32_t nsf_targets_blend(const nsf_targets* const* parts, const float* weights,
                                  int32_t count, nsf_targets** out_targets, nsf_error* error);
NSF_API void nsf_targets_free(nsf_targets* targets);

/* ---- render ------------------------------------------------------------- */

/* One optimisation of `batch` images that share size, targets and pooling;
 * each has its own weights. Arrays marked [B] have batch entries. */
typedef struct nsf_render_options {
    int32_t batch;                    /* B >= 1 */
    int32_t height, width;            /* of the generated image; must match content targets */
    int32_t iterations;               /* >= 1 optimiser updates */
    int32_t optimizer;                /* nsf_optimizer */
    int32_t pooling;                  /* nsf_pooling */
    float learning_rate;              /* > 0 */
    int32_t lbfgs_history;            /* L-BFGS history size, e.g. 100 */
    int32_t snapshot_every;           /* 0: never; else progress.image set at iterations 0, N, 2N, ... and the last */
    const float* content_weights;     /* [B] alpha */
    const float* style_weights;       /* [B] beta */
    const float* tv_weights;          /* [B] */
    const float* style_layer_weights; /* [B * style layer count] w_l, item-major: [b * count + l] */
} nsf_render_options;

/* Reported once per iteration: iteration 0 is the initial image, iteration k
 * the image after k updates. Pointers are valid only during the callback. */
typedef struct nsf_progress {
    int32_t iteration;
    int32_t batch;
    int32_t content_layer_count;
    int32_t style_layer_count;
    const float* total;          /* [B] alpha*content + beta*style + tv_weight*tv */
    const float* content;        /* [B] unweighted L_content */
    const float* style;          /* [B] unweighted L_style = sum_l w_l E_l */
    const float* tv;             /* [B] unweighted L_tv */
    const float* content_layers; /* [B * content_layer_count] 1/2 sum (F-P)^2, item-major */
    const float* style_layers;   /* [B * style_layer_count] E_l, item-major */
    const float* image;          /* [B, 3, H, W] clamped to [0,1], or NULL if not a snapshot */
    double seconds;              /* since the run started */
} nsf_progress;

/* Return 0 to go on, non-zero to stop (the run then returns NSF_CANCELLED). */
typedef int32_t (*nsf_progress_callback)(void* user_data, const nsf_progress* progress);

/* Optimises `image` in place: in, the initial images [B, 3, H, W]; out, the
 * results clamped to [0, 1] (also when cancelled: the image as it stood).
 * callback may be NULL. The targets are borrowed, not freed. content or style
 * may be NULL: that term is then absent (layer count 0, loss 0). All weights
 * must be finite and >= 0. */
NSF_API int32_t nsf_render_run(nsf_model* model, const nsf_targets* content,
                               const nsf_targets* style, const nsf_render_options* options,
                               float* image, nsf_progress_callback callback, void* user_data,
                               nsf_error* error);

#ifdef __cplusplus
}
#endif

#endif /* NSF_NATIVE_H */
