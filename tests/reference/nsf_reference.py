#!/usr/bin/python3
"""Independent PyTorch reference for NeuralStyle Farm (Gatys et al. 2016).

Self-contained (stdlib + numpy + torch + PIL); imports nothing from the project.
Used by the loss-agreement tests (run with --dtype float64) and by the
benchmarks (default --dtype float32).

Network
-------
VGG-19 ``features`` exactly as torchvision: cfg
[64,64,M,128,128,M,256,256,256,256,M,512,512,512,512,M,512,512,512,512,M],
3x3 convolutions with zero padding 1, ReLU (never in place), 2x2/stride-2
pooling ('max' or 'avg').  Weights are read from a safetensors file with keys
``features.{i}.weight`` [out,in,3,3] and ``features.{i}.bias`` [out] for the
conv indices i in {0,2,5,7,10,12,14,16,19,21,23,25,28,30,32,34}.
Layer names by feature index:
  conv1_1=0 relu1_1=1 conv1_2=2 relu1_2=3 pool1=4
  conv2_1=5 relu2_1=6 conv2_2=7 relu2_2=8 pool2=9
  conv3_1=10 relu3_1=11 ... conv3_4=16 relu3_4=17 pool3=18
  conv4_1=19 relu4_1=20 ... conv4_4=25 relu4_4=26 pool4=27
  conv5_1=28 relu5_1=29 ... conv5_4=34 relu5_4=35 pool5=36
(conv = output of the convolution before ReLU, relu = after ReLU,
pool = after pooling).  The forward pass stops at the deepest requested layer.

Input
-----
x is the RGB image in [0,1], shape [1,3,H,W] (PIL, converted to RGB, /255).
Network input is (x - mean) / std, mean=(0.485,0.456,0.406),
std=(0.229,0.224,0.225).  No resizing happens here: content and init must
have the same size; the style image may have any size.

Losses (F = feature map of layer l reshaped to N x M, N channels, M = H*W)
------
  content layer:  C_l = 1/2 * sum (F - P)^2     (P = content image's features)
  L_content = sum_l C_l   over the content layers
  style target:   A~_l = F_s F_s^T / M_s        (M_s = H*W of the style image's layer)
  style layer:    E_l = 1/(4 N^2) * sum (G/M - A~_l)^2,  G = F F^T
                  (= 1/(4 N^2 M^2) * sum (G - A)^2 of the paper when M = M_s)
  L_style = sum_l w_l E_l,  w_l given (default 1/L each, summing to 1)
  L_tv = sum (x[:,:,i+1,:] - x[:,:,i,:])^2 + sum (x[:,:,:,j+1] - x[:,:,:,j])^2
         on the [0,1] image x
  total = alpha * L_content + beta * L_style + tv_weight * L_tv

Optimisation
------------
The variable is x itself (no clamping while optimising; the final image is
clamped to [0,1]).
  lbfgs: torch.optim.LBFGS([x], lr=lr, max_iter=1, history_size=100,
         tolerance_grad=1e-7, tolerance_change=1e-9, line_search_fn=None),
         one .step(closure) per iteration.
  adam:  torch.optim.Adam([x], lr=lr), one .step() per iteration.
Iteration k in the trace reports the losses of the image after k updates:
the closure evaluations give iterations 0..N-1, one extra evaluation at the
end gives N.  "seconds" is wall time since the optimisation started (after
model load and target computation), taken once the loss values are known.

Trace JSON (engine contract)
----------------------------
{"settings": {...}, "weights_sha256": "<hex>",
 "iterations": [{"iteration": k, "total": .., "content": .., "style": ..,
                 "tv": .., "content_layers": {name: C_l},
                 "style_layers": {name: E_l}, "seconds": ..}, ...]}
content/style/tv and the per-layer values are unweighted; total is weighted.

Example:
  /usr/bin/python3 tests/reference/nsf_reference.py --weights vgg19.safetensors \
      --content c.png --style s.png --iterations 100 --report trace.json --out out.png
"""

import argparse
import hashlib
import json
import struct
import sys
import time

import numpy as np
import torch
import torch.nn.functional as TF
from PIL import Image

IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)
VGG19_CFG = [64, 64, "M", 128, 128, "M", 256, 256, 256, 256, "M",
             512, 512, 512, 512, "M", 512, 512, 512, 512, "M"]
DEFAULT_CONTENT_LAYERS = ["relu4_2"]
DEFAULT_STYLE_LAYERS = ["relu1_1", "relu2_1", "relu3_1", "relu4_1", "relu5_1"]
DTYPES = {"float32": torch.float32, "float64": torch.float64}


# --------------------------------------------------------------------------
# Safetensors
# --------------------------------------------------------------------------

def load_safetensors(path):
    """Read a safetensors file into {name: numpy array}.

    Format: 8-byte little-endian u64 header length n, then n bytes of JSON
    {name: {"dtype", "shape", "data_offsets": [begin, end]}} (plus an optional
    "__metadata__" entry), then the data buffer; offsets are relative to the
    start of the data buffer.  F32/F64 are returned as is, F16 and BF16 are
    widened to float32 (BF16 by shifting its 16 bits into the top half of a
    float32).
    """
    with open(path, "rb") as f:
        blob = f.read()
    if len(blob) < 8:
        raise ValueError(f"{path}: too short for a safetensors file")
    (header_len,) = struct.unpack("<Q", blob[:8])
    if 8 + header_len > len(blob):
        raise ValueError(f"{path}: header length {header_len} exceeds file size")
    header = json.loads(blob[8:8 + header_len].decode("utf-8"))
    data = memoryview(blob)[8 + header_len:]
    itemsize = {"F32": 4, "F64": 8, "F16": 2, "BF16": 2}
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        dtype, shape = info["dtype"], [int(s) for s in info["shape"]]
        begin, end = (int(o) for o in info["data_offsets"])
        if dtype not in itemsize:
            raise ValueError(f"{path}: tensor {name}: unsupported dtype {dtype}")
        count = int(np.prod(shape, dtype=np.int64))
        if end - begin != count * itemsize[dtype] or end > len(data) or begin < 0:
            raise ValueError(f"{path}: tensor {name}: bad data_offsets {begin}..{end}")
        raw = data[begin:end]
        if dtype == "F32":
            arr = np.frombuffer(raw, dtype="<f4").astype(np.float32)
        elif dtype == "F64":
            arr = np.frombuffer(raw, dtype="<f8").astype(np.float64)
        elif dtype == "F16":
            arr = np.frombuffer(raw, dtype="<f2").astype(np.float32)
        else:  # BF16
            bits = np.frombuffer(raw, dtype="<u2").astype(np.uint32) << 16
            arr = bits.view(np.float32)
        tensors[name] = arr.reshape(shape)
    return tensors


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# --------------------------------------------------------------------------
# VGG-19
# --------------------------------------------------------------------------

def vgg19_layer_names():
    """Names of the 37 entries of torchvision's vgg19.features, by index."""
    names, block, conv = [], 1, 0
    for v in VGG19_CFG:
        if v == "M":
            names.append(f"pool{block}")
            block, conv = block + 1, 0
        else:
            conv += 1
            names += [f"conv{block}_{conv}", f"relu{block}_{conv}"]
    return names


LAYER_NAMES = vgg19_layer_names()
LAYER_INDEX = {n: i for i, n in enumerate(LAYER_NAMES)}


class Vgg19Features(torch.nn.Module):
    """torchvision vgg19.features with named taps; parameters are frozen."""

    def __init__(self, tensors, pooling="max", dtype=torch.float32):
        super().__init__()
        if pooling not in ("max", "avg"):
            raise ValueError(f"pooling must be 'max' or 'avg', not {pooling!r}")
        self.pooling = pooling
        self.convs = torch.nn.ModuleDict()
        in_ch = 3
        idx = 0
        for v in VGG19_CFG:
            if v == "M":
                idx += 1
                continue
            # Created in the target dtype, so float64 weights are never rounded through float32.
            conv = torch.nn.Conv2d(in_ch, v, kernel_size=3, padding=1, dtype=dtype)
            w = np.asarray(tensors[f"features.{idx}.weight"])
            b = np.asarray(tensors[f"features.{idx}.bias"])
            if tuple(w.shape) != (v, in_ch, 3, 3) or tuple(b.shape) != (v,):
                raise ValueError(f"features.{idx}: shape {w.shape}/{b.shape}, "
                                 f"expected {(v, in_ch, 3, 3)}/{(v,)}")
            with torch.no_grad():
                conv.weight.copy_(torch.from_numpy(w.astype(np.float64)))
                conv.bias.copy_(torch.from_numpy(b.astype(np.float64)))
            self.convs[str(idx)] = conv
            in_ch = v
            idx += 2
        self.to(dtype)
        self.requires_grad_(False)
        self.eval()

    def forward(self, x, layers):
        """x: normalised input [1,3,H,W]; returns {name: feature} for `layers`."""
        wanted = set(layers)
        for n in wanted:
            if n not in LAYER_INDEX:
                raise ValueError(f"unknown layer {n!r}")
        last = max(LAYER_INDEX[n] for n in wanted)
        out = {}
        h = x
        for i in range(last + 1):
            name = LAYER_NAMES[i]
            if name.startswith("conv"):
                h = self.convs[str(i)](h)
            elif name.startswith("relu"):
                h = torch.relu(h)  # not in place: conv outputs may be taps
            elif self.pooling == "max":
                h = TF.max_pool2d(h, kernel_size=2, stride=2)
            else:
                h = TF.avg_pool2d(h, kernel_size=2, stride=2)
            if name in wanted:
                out[name] = h
        return out


def load_model(weights_path, pooling="max", dtype=torch.float32):
    return Vgg19Features(load_safetensors(weights_path), pooling, dtype)


# --------------------------------------------------------------------------
# Images
# --------------------------------------------------------------------------

def load_image(path, dtype=torch.float32):
    """PNG/JPEG -> RGB tensor [1,3,H,W] in [0,1] (no resizing)."""
    with Image.open(path) as im:
        arr = np.asarray(im.convert("RGB"), dtype=np.float64) / 255.0
    return torch.from_numpy(arr).permute(2, 0, 1).unsqueeze(0).contiguous().to(dtype)


def save_image(x, path):
    """Clamp to [0,1], round to 8 bits, write with PIL."""
    arr = x.detach().clamp(0, 1)[0].permute(1, 2, 0).to(torch.float64).numpy()
    Image.fromarray(np.round(arr * 255.0).astype(np.uint8), "RGB").save(path)


def normalize(x):
    mean = torch.tensor(IMAGENET_MEAN, dtype=x.dtype).view(1, 3, 1, 1)
    std = torch.tensor(IMAGENET_STD, dtype=x.dtype).view(1, 3, 1, 1)
    return (x - mean) / std


# --------------------------------------------------------------------------
# Targets and losses
# --------------------------------------------------------------------------

def gram(feature):
    """feature [1,N,H,W] -> (G = F F^T [N,N], M = H*W)."""
    _, n, h, w = feature.shape
    f = feature.reshape(n, h * w)
    return f @ f.t(), h * w


def content_targets(model, content, layers):
    with torch.no_grad():
        feats = model(normalize(content), layers)
    return {n: feats[n].detach().clone() for n in layers}


def style_targets(model, style, layers):
    """A~_l = F_s F_s^T / M_s for each style layer."""
    with torch.no_grad():
        feats = model(normalize(style), layers)
    out = {}
    for n in layers:
        g, m = gram(feats[n])
        out[n] = (g / m).detach().clone()
    return out


def content_layer_loss(feature, target):
    return 0.5 * ((feature - target) ** 2).sum()


def style_layer_loss(feature, target_a):
    g, m = gram(feature)
    n = feature.shape[1]
    return ((g / m - target_a) ** 2).sum() / (4.0 * n * n)


def tv_loss(x):
    dy = x[:, :, 1:, :] - x[:, :, :-1, :]
    dx = x[:, :, :, 1:] - x[:, :, :, :-1]
    return (dy ** 2).sum() + (dx ** 2).sum()


def losses(model, x, c_targets, s_targets, style_weights=None,
           content_weight=1.0, style_weight=1000.0, tv_weight=0.0):
    """All loss terms for image x ([0,1], [1,3,H,W]).

    Returns a dict of tensors: total (weighted), content, style, tv
    (unweighted), content_layers {name: C_l}, style_layers {name: E_l}.
    """
    c_layers, s_layers = list(c_targets), list(s_targets)
    if style_weights is None:
        style_weights = [1.0 / len(s_layers)] * len(s_layers) if s_layers else []
    feats = model(normalize(x), c_layers + s_layers)
    zero = x.new_zeros(())
    cl = {n: content_layer_loss(feats[n], c_targets[n]) for n in c_layers}
    sl = {n: style_layer_loss(feats[n], s_targets[n]) for n in s_layers}
    l_content = sum(cl.values(), zero)
    l_style = sum((w * sl[n] for w, n in zip(style_weights, s_layers)), zero)
    l_tv = tv_loss(x)
    total = content_weight * l_content + style_weight * l_style + tv_weight * l_tv
    return {"total": total, "content": l_content, "style": l_style, "tv": l_tv,
            "content_layers": cl, "style_layers": sl}


def losses_to_record(iteration, ls, seconds=None):
    rec = {"iteration": iteration,
           "total": float(ls["total"]),
           "content": float(ls["content"]),
           "style": float(ls["style"]),
           "tv": float(ls["tv"]),
           "content_layers": {n: float(v) for n, v in ls["content_layers"].items()},
           "style_layers": {n: float(v) for n, v in ls["style_layers"].items()}}
    if seconds is not None:
        rec["seconds"] = seconds
    return rec


# --------------------------------------------------------------------------
# Optimisation
# --------------------------------------------------------------------------

def render(model, content, style, init=None,
           content_layers=DEFAULT_CONTENT_LAYERS, style_layers=DEFAULT_STYLE_LAYERS,
           style_layer_weights=None, content_weight=1.0, style_weight=1000.0,
           tv_weight=0.0, optimizer="lbfgs", learning_rate=1.0, iterations=100,
           on_iteration=None):
    """Run the optimisation; returns (final image clamped to [0,1], records).

    content/style/init are [1,3,H,W] tensors in [0,1] of the model's dtype;
    init defaults to the content image and must have the content's size.
    records[k] holds the losses of the image after k updates, k = 0..iterations.
    on_iteration(record) is called as each record is made.
    Targets are computed here, before the clock starts.
    """
    content_layers, style_layers = list(content_layers), list(style_layers)
    if style_layer_weights is None:
        style_layer_weights = [1.0 / len(style_layers)] * len(style_layers)
    if len(style_layer_weights) != len(style_layers):
        raise ValueError("style_layer_weights must match style_layers in length")
    if init is None:
        init = content
    if tuple(init.shape) != tuple(content.shape):
        raise ValueError(f"init size {tuple(init.shape)} != content size {tuple(content.shape)}")
    if iterations < 0:
        raise ValueError("iterations must be >= 0")

    c_t = content_targets(model, content, content_layers)
    s_t = style_targets(model, style, style_layers)
    x = init.detach().clone().requires_grad_(True)

    if optimizer == "lbfgs":
        opt = torch.optim.LBFGS([x], lr=learning_rate, max_iter=1, history_size=100,
                                tolerance_grad=1e-7, tolerance_change=1e-9,
                                line_search_fn=None)
    elif optimizer == "adam":
        opt = torch.optim.Adam([x], lr=learning_rate)
    else:
        raise ValueError(f"optimizer must be 'lbfgs' or 'adam', not {optimizer!r}")

    records = []
    start = time.perf_counter()

    def evaluate(backward):
        ls = losses(model, x, c_t, s_t, style_layer_weights,
                    content_weight, style_weight, tv_weight)
        rec = losses_to_record(len(records), ls)  # float() waits for the values
        rec["seconds"] = time.perf_counter() - start
        records.append(rec)
        if on_iteration is not None:
            on_iteration(rec)
        if backward:
            opt.zero_grad()
            ls["total"].backward()
        return ls["total"]

    for k in range(iterations):
        if optimizer == "lbfgs":
            # With max_iter=1 and no line search, step() calls the closure
            # exactly once (at the current x) and then updates x.
            opt.step(lambda: evaluate(True))
        else:
            evaluate(True)
            opt.step()
        if len(records) != k + 1:
            raise RuntimeError(f"optimizer evaluated the closure {len(records) - k} times in step {k + 1}")
    with torch.no_grad():
        evaluate(False)  # losses after the final update (iteration N)
    return x.detach().clamp(0, 1), records


# --------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------

def _names(s):
    return [t.strip() for t in s.split(",") if t.strip()]


def parse_args(argv=None):
    p = argparse.ArgumentParser(description="NeuralStyle Farm PyTorch reference (Gatys et al.)")
    p.add_argument("--weights", required=True, help="VGG-19 safetensors (torchvision keys)")
    p.add_argument("--content", required=True)
    p.add_argument("--style", required=True)
    p.add_argument("--init", default="content", help="'content' or an image path (content's size)")
    p.add_argument("--content-layers", default=",".join(DEFAULT_CONTENT_LAYERS))
    p.add_argument("--style-layers", default=",".join(DEFAULT_STYLE_LAYERS))
    p.add_argument("--style-layer-weights", default=None,
                   help="comma-separated; default equal weights summing to 1")
    p.add_argument("--content-weight", type=float, default=1.0)
    p.add_argument("--style-weight", type=float, default=1000.0)
    p.add_argument("--tv-weight", type=float, default=0.0)
    p.add_argument("--pooling", choices=["max", "avg"], default="max")
    p.add_argument("--optimizer", choices=["lbfgs", "adam"], default="lbfgs")
    p.add_argument("--learning-rate", type=float, default=1.0)
    p.add_argument("--iterations", type=int, default=100)
    p.add_argument("--dtype", choices=sorted(DTYPES), default="float32")
    p.add_argument("--threads", type=int, default=None)
    p.add_argument("--report", default=None, help="trace JSON path, '-' for stdout")
    p.add_argument("--out", default=None, help="result image path")
    p.add_argument("--progress", action="store_true", help="print each iteration to stderr")
    return p.parse_args(argv)


def main(argv=None):
    a = parse_args(argv)
    if a.threads is not None:
        torch.set_num_threads(a.threads)
    dtype = DTYPES[a.dtype]
    content_layers, style_layers = _names(a.content_layers), _names(a.style_layers)
    if a.style_layer_weights is None:
        sw = [1.0 / len(style_layers)] * len(style_layers)
    else:
        sw = [float(t) for t in _names(a.style_layer_weights)]

    settings = {
        "weights": a.weights, "content": a.content, "style": a.style, "init": a.init,
        "content_layers": content_layers, "style_layers": style_layers,
        "style_layer_weights": sw, "content_weight": a.content_weight,
        "style_weight": a.style_weight, "tv_weight": a.tv_weight,
        "pooling": a.pooling, "optimizer": a.optimizer,
        "learning_rate": a.learning_rate, "iterations": a.iterations,
        "dtype": a.dtype, "threads": torch.get_num_threads(),
    }

    model = load_model(a.weights, a.pooling, dtype)
    content = load_image(a.content, dtype)
    style = load_image(a.style, dtype)
    init = content if a.init == "content" else load_image(a.init, dtype)

    def progress(rec):
        if a.progress:
            print(f"iter {rec['iteration']:5d} total {rec['total']:.6g} content {rec['content']:.6g} "
                  f"style {rec['style']:.6g} tv {rec['tv']:.6g} t {rec['seconds']:.3f}s",
                  file=sys.stderr)

    result, records = render(model, content, style, init, content_layers, style_layers, sw,
                             a.content_weight, a.style_weight, a.tv_weight, a.optimizer,
                             a.learning_rate, a.iterations, on_iteration=progress)
    trace = {"settings": settings, "weights_sha256": sha256_file(a.weights),
             "iterations": records}
    text = json.dumps(trace, indent=1)
    if a.report == "-":
        print(text)
    elif a.report:
        with open(a.report, "w") as f:
            f.write(text + "\n")
    if a.out:
        save_image(result, a.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
