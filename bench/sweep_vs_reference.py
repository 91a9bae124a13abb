#!/usr/bin/python3
"""An 8-point alpha/beta sweep through the farm against 8 independent PyTorch-reference runs.

The farm side is one `nsf sweep` (VGG-19 loaded once, targets computed once,
compatible renders batched); the reference side is 8 separate runs of
tests/reference/nsf_reference.py, one per alpha/beta, as a user without the
farm would run them. Both use the same random VGG-19 weights, inputs (written
at exactly the render size), layers, optimiser, iterations and thread count.
Times are wall clock for the whole job, process start-up included. Prints both
and the ratio reference/farm (> 1: the farm is faster). The farm is measured
at --batch-size 1 and at the default 4 to show what batching buys.

  bench/sweep_vs_reference.py [--size 128] [--iterations 20] [--threads 2]
"""
import argparse
import os
import subprocess
import tempfile
import time

from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NSF = os.path.join(ROOT, "nsf")
REFERENCE = os.path.join(ROOT, "tests", "reference", "nsf_reference.py")
RATIOS = ["1e-6", "3e-6", "1e-5", "3e-5", "1e-4", "3e-4", "1e-3", "1e-2"]
STYLE_WEIGHT = 1000.0


def timed(command, env):
    start = time.perf_counter()
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=128)
    parser.add_argument("--iterations", type=int, default=20)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    args = parser.parse_args()

    env = dict(os.environ, OMP_NUM_THREADS=str(args.threads))
    work = tempfile.mkdtemp(prefix="nsf-sweep-bench-")
    weights = os.path.join(work, "vgg19-random.safetensors")
    subprocess.run([NSF, "weights", "random", "--seed", "1", "--out", weights], check=True, env=env, stdout=subprocess.DEVNULL)
    content, style = os.path.join(work, "content.png"), os.path.join(work, "style.png")
    for example, path in (("chelsea.jpg", content), ("hubble.jpg", style)):
        image = Image.open(os.path.join(ROOT, "examples", example)).convert("RGB")
        image.thumbnail((args.size, args.size), Image.LANCZOS)
        image.save(path)
    spec = os.path.join(work, "sweep.yaml")
    with open(spec, "w") as f:
        f.write(f"content: {content}\nstyle: {style}\n"
                f"settings: {{size: {args.size}, iterations: {args.iterations}, weights: {weights}, style_weight: {STYLE_WEIGHT}}}\n"
                f"axes:\n  alpha_beta: [{', '.join(RATIOS)}]\n")

    farm = {}
    for batch in (1, 4):
        farm[batch] = timed([NSF, "sweep", spec, "--batch-size", str(batch), "--out", os.path.join(work, f"farm-b{batch}")], env)
    reference = 0.0
    for ratio in RATIOS:
        reference += timed(["/usr/bin/python3", REFERENCE, "--content", content, "--style", style, "--weights", weights,
                            "--content-weight", str(float(ratio) * STYLE_WEIGHT), "--style-weight", str(STYLE_WEIGHT),
                            "--iterations", str(args.iterations), "--threads", str(args.threads),
                            "--out", os.path.join(work, f"reference-{ratio}.png")], env)

    print(f"8-point alpha/beta sweep, {args.size} px, {args.iterations} L-BFGS iterations, {args.threads} threads")
    print(f"  8 independent PyTorch reference runs: {reference:7.1f} s")
    for batch, seconds in farm.items():
        print(f"  nsf sweep, batch size {batch}:          {seconds:7.1f} s   ratio reference/farm {reference / seconds:5.2f}")


if __name__ == "__main__":
    main()
