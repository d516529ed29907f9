#!/usr/bin/env python3
"""The three benchmark workloads in PyTorch, for comparison with the JMH run.

Single thread (torch.set_num_threads(1)), float64 and float32 (PyTorch's default precision, for
comparison with the float networks of FloatPrecisionBenchmark; --dtype picks one), the same shapes
as the Java benchmarks:
sigmoid hidden layers, a linear output with cross-entropy (PyTorch fuses log-softmax into
F.cross_entropy), plain SGD with the same learning rate. Inputs are uniform in [0, 1), labels
uniform, drawn once into a pool of 1024 samples that the loop cycles through, as in SamplePool.

  train:   one step on one batch = zero_grad + forward + cross_entropy + backward + SGD step
  predict: softmax(net(x)) for one sample (batch 1) under torch.no_grad()

Each figure is the median over ROUNDS timed rounds of TIME seconds after WARMUP seconds of the
same loop. Writes JSON (see --out) that report.py reads.
"""

import argparse
import itertools
import json
import statistics
import sys
import time

import torch
import torch.nn.functional as F

# (key used by report.py, layer sizes, batch size); keys match the JMH benchmark class prefixes.
WORKLOADS = [
    ("Tiny", [4, 8, 3], 1),
    ("Digits", [64, 32, 10], 16),
    ("Mnist", [784, 128, 64, 10], 32),
]
POOL = 1024
LEARNING_RATE = 1e-3
CALLS_PER_CLOCK_READ = 16


def seconds(text):
    """Parses a JMH-style duration: '2s', '500ms' or a plain number of seconds."""
    text = text.strip()
    if text.endswith("ms"):
        return float(text[:-2]) / 1000.0
    if text.endswith("s"):
        return float(text[:-1])
    return float(text)


DTYPE = torch.float64


def build(sizes):
    layers = []
    for l in range(1, len(sizes)):
        layers.append(torch.nn.Linear(sizes[l - 1], sizes[l]))
        if l < len(sizes) - 1:
            layers.append(torch.nn.Sigmoid())
    return torch.nn.Sequential(*layers).to(DTYPE)


def measure(step, samples_per_call, warmup, duration, rounds):
    """Samples/s of each round of calling step() for `duration` seconds, after a warm-up."""
    end = time.perf_counter() + warmup
    while time.perf_counter() < end:
        step()
    rates = []
    for _ in range(rounds):
        calls = 0
        start = time.perf_counter()
        end = start + duration
        while True:
            for _ in range(CALLS_PER_CLOCK_READ):
                step()
            calls += CALLS_PER_CLOCK_READ
            now = time.perf_counter()
            if now >= end:
                break
        rates.append(calls * samples_per_call / (now - start))
    return rates


def bench(key, sizes, batch, warmup, duration, rounds):
    generator = torch.Generator().manual_seed(7)
    torch.manual_seed(42)
    net = build(sizes)
    inputs = torch.rand(POOL, sizes[0], dtype=DTYPE, generator=generator)
    labels = torch.randint(0, sizes[-1], (POOL,), generator=generator)
    batches = itertools.cycle(
        [(inputs[s:s + batch].contiguous(), labels[s:s + batch].contiguous())
         for s in range(0, POOL - batch + 1, batch)])
    singles = itertools.cycle([inputs[s:s + 1].contiguous() for s in range(POOL)])
    optimizer = torch.optim.SGD(net.parameters(), lr=LEARNING_RATE)

    def train():
        x, y = next(batches)
        optimizer.zero_grad(set_to_none=True)
        loss = F.cross_entropy(net(x), y)
        loss.backward()
        optimizer.step()

    def predict():
        torch.softmax(net(next(singles)), dim=1)

    results = []
    rates = measure(train, batch, warmup, duration, rounds)
    results.append({"workload": key, "kind": "train", "batch": batch, "dtype": str(DTYPE), "rounds": rates})
    with torch.no_grad():  # the whole loop, so that the figure is the model, not the context manager
        rates = measure(predict, 1, warmup, duration, rounds)
    results.append({"workload": key, "kind": "infer", "batch": 1, "dtype": str(DTYPE), "rounds": rates})
    for r in results:
        r["samples_per_s"] = statistics.median(r["rounds"])
        print(f"pytorch {key:7s} {str(DTYPE)[6:]:7s} {r['kind']:6s} {r['samples_per_s']:14,.0f} samples/s "
              f"(rounds: {', '.join(f'{x:,.0f}' for x in r['rounds'])})", file=sys.stderr)
    for p in net.parameters():
        if not torch.isfinite(p).all():
            raise SystemExit(f"pytorch {key}: parameters became non-finite")
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warmup", default="2s", help="warm-up per benchmark (e.g. 2s, 500ms)")
    parser.add_argument("--time", default="2s", help="duration of one timed round")
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds; the median is reported")
    parser.add_argument("--only", default="", help="regular expression on Tiny/Digits/Mnist")
    parser.add_argument("--out", required=True, help="JSON file to write")
    parser.add_argument("--dtype", default="both", choices=["both", "float64", "float32"],
                        help="element type; both (the default) runs every workload in float64, then in "
                             "float32 (for comparison with precision = FLOAT)")
    args = parser.parse_args()
    global DTYPE

    import re
    torch.set_num_threads(1)
    results = []
    for dtype in (["float64", "float32"] if args.dtype == "both" else [args.dtype]):
        DTYPE = getattr(torch, dtype)
        for key, sizes, batch in WORKLOADS:
            if args.only and not re.search(args.only, key):
                continue
            results += bench(key, sizes, batch, seconds(args.warmup), seconds(args.time), args.rounds)
    with open(args.out, "w") as f:
        json.dump({
            "torch": torch.__version__,
            "threads": torch.get_num_threads(),
            "python": sys.version.split()[0],
            "results": results,
        }, f, indent=2)


if __name__ == "__main__":
    main()
