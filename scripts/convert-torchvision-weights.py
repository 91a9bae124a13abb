#!/usr/bin/python3
"""Converts a torchvision VGG-19 checkpoint (.pth, e.g. vgg19-dcbb9e9d.pth) to the
safetensors file nsf reads: only the `features.{i}.weight/.bias` tensors, float32.

  scripts/convert-torchvision-weights.py vgg19-dcbb9e9d.pth vgg19.safetensors

Needs Debian's python3-torch (scripts/install-deps installs it). Writes the
output atomically (a temporary file renamed into place).
"""
import hashlib
import json
import os
import sys

import torch


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    source, target = sys.argv[1], sys.argv[2]
    state = torch.load(source, map_location="cpu")
    if isinstance(state, dict) and "state_dict" in state:
        state = state["state_dict"]
    tensors = {k: v for k, v in state.items() if k.startswith("features.") and k.endswith((".weight", ".bias"))}
    if not tensors:
        sys.exit(f"{source}: no features.* tensors; is it a torchvision VGG checkpoint?")
    header, blobs, offset = {"__metadata__": {"format": "pt", "source": os.path.basename(source)}}, [], 0
    for name in sorted(tensors, key=lambda k: (int(k.split(".")[1]), k)):
        data = tensors[name].detach().to(torch.float32).contiguous().numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    encoded = json.dumps(header).encode()
    encoded += b" " * (-len(encoded) % 8)  # data starts 8-byte aligned
    temporary = target + ".tmp"
    with open(temporary, "wb") as f:
        f.write(len(encoded).to_bytes(8, "little"))
        f.write(encoded)
        for blob in blobs:
            f.write(blob)
    os.replace(temporary, target)
    with open(target, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    print(f"wrote {target}: {len(tensors)} tensors, sha256 {digest}")


if __name__ == "__main__":
    main()
