#!/usr/bin/python3
"""Seconds per iteration: the NeuralStyle Farm engine against the PyTorch reference, same run.

Both sides render the same content and style images (written at exactly the
render size, so neither resamples) with the same random VGG-19 weights,
settings and thread count; runs are interleaved (engine, reference, engine,
...) so that machine noise hits both alike. Seconds per iteration come from
each trace: (seconds at the last iteration - seconds at iteration 0) / N, so
model loading, target computation and process start-up are excluded on both
sides. Prints the median per size and the ratio reference/engine (> 1: the
engine is faster).

  bench/engine_vs_reference.py [--sizes 128,256] [--iterations 10] [--repeats 3] [--threads 2]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NSF = os.path.join(ROOT, "nsf")
REFERENCE = os.path.join(ROOT, "tests", "reference", "nsf_reference.py")


def seconds_per_iteration(trace_path):
    with open(trace_path) as f:
        iterations = json.load(f)["iterations"]
    return (iterations[-1]["seconds"] - iterations[0]["seconds"]) / (len(iterations) - 1)


def write_input(example, size, path):
    image = Image.open(os.path.join(ROOT, "examples", example)).convert("RGB")
    image.thumbnail((size, size), Image.LANCZOS)
    image.save(path)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="128,256")
    parser.add_argument("--iterations", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--optimizer", default="lbfgs", choices=["lbfgs", "adam"])
    args = parser.parse_args()

    env = dict(os.environ, OMP_NUM_THREADS=str(args.threads))
    work = tempfile.mkdtemp(prefix="nsf-bench-")
    weights = os.path.join(work, "vgg19-random.safetensors")
    subprocess.run([NSF, "weights", "random", "--seed", "1", "--out", weights], check=True, env=env,
                   stdout=subprocess.DEVNULL)
    lr = "1" if args.optimizer == "lbfgs" else "0.02"
    print(f"{args.optimizer}, {args.iterations} iterations, {args.threads} threads, default layers, "
          f"{args.repeats} interleaved repeats; random VGG-19 weights")
    print(f"{'size':>6} {'engine s/it':>12} {'reference s/it':>15} {'ratio ref/engine':>17}")
    for size in [int(s) for s in args.sizes.split(",")]:
        content = os.path.join(work, f"content{size}.png")
        style = os.path.join(work, f"style{size}.png")
        write_input("chelsea.jpg", size, content)
        write_input("hubble.jpg", size, style)
        engine, reference = [], []
        for repeat in range(args.repeats):
            trace = os.path.join(work, f"engine{size}-{repeat}.json")
            subprocess.run([NSF, "render", "--content", content, "--style", style, "--weights", weights,
                            "--size", str(size), "--iterations", str(args.iterations), "--optimizer", args.optimizer,
                            "--learning-rate", lr, "--out", os.path.join(work, f"engine{size}.png"),
                            "--report", trace], check=True, env=env, stdout=subprocess.DEVNULL)
            engine.append(seconds_per_iteration(trace))
            trace = os.path.join(work, f"reference{size}-{repeat}.json")
            subprocess.run(["/usr/bin/python3", REFERENCE, "--content", content, "--style", style, "--weights", weights,
                            "--iterations", str(args.iterations), "--optimizer", args.optimizer, "--learning-rate", lr,
                            "--threads", str(args.threads), "--report", trace], check=True, env=env,
                           stdout=subprocess.DEVNULL)
            reference.append(seconds_per_iteration(trace))
        e, r = statistics.median(engine), statistics.median(reference)
        print(f"{size:>6} {e:>12.4f} {r:>15.4f} {r / e:>17.2f}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
