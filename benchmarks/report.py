#!/usr/bin/env python3
"""Prints the benchmark table from a JMH JSON result file (and optionally pytorch_bench.py's).

One row per workload and kind (train, infer). Throughput is in samples/s: a JMH train op is one
step on a batch, so its ops/s are multiplied by the benchmark's `batch` parameter; an infer op
is one single-sample predict. "+-" is JMH's 99.9% confidence half-width relative to the score
(blank when there were too few iterations to compute it). B/op is gc.alloc.rate.norm, bytes
allocated per JMH op (per training step, or per predict call). The ratio is generated /
hand-written from the same run. Python standard library only.
"""

import argparse
import json
import math
import re
import sys

WORKLOADS = {
    "Tiny": "W1 tiny 4-8-3",
    "Digits": "W2 digits 64-32-10",
    "Mnist": "W3 mnist 784-128-64-10",
}
ORDER = list(WORKLOADS)
BENCHMARK = re.compile(
    r"\.(\w+)Benchmark\.(train|predict)(GeneratedVector|GeneratedBaselineData|Generated|HandWritten|Baseline)$")
IMPLEMENTATIONS = {"Generated": "gen", "GeneratedVector": "vec", "HandWritten": "hand",
                   "GeneratedBaselineData": "genB", "Baseline": "base"}
# JMH 1.37's gc profiler counts the allocations of every thread in the forked JVM, including a few
# KB per iteration of its own; below this total per iteration a nonzero B/op is harness noise.
HARNESS_BYTES_PER_ITERATION = 16 * 1024


def duration_seconds(text):
    """JMH's "2 s" / "500 ms" / "100 us" in seconds."""
    value, unit = text.split()
    return float(value) * {"s": 1.0, "ms": 1e-3, "us": 1e-6, "ns": 1e-9, "min": 60.0}[unit]


def si(value):
    """3 significant digits with a k/M/G suffix: 4.62M, 812k, 16.1k."""
    if value is None or math.isnan(value):
        return "-"
    for factor, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= factor:
            return f"{value / factor:.3g}{suffix}"
    return f"{value:.3g}"


def load_jmh(path):
    """{(workload, kind): {"gen"|"hand": {"rate", "error", "bytes", "batch"}}}."""
    with open(path) as f:
        runs = json.load(f)
    table = {}
    meta = runs[0] if runs else {}
    for run in runs:
        match = BENCHMARK.search(run["benchmark"])
        if not match:
            continue
        workload, op, impl = match.groups()
        kind = "train" if op == "train" else "infer"
        samples = int(run.get("params", {}).get("batch", 1)) if kind == "train" else 1
        primary = run["primaryMetric"]
        if primary["scoreUnit"] != "ops/s":
            sys.exit(f"{run['benchmark']}: expected ops/s, got {primary['scoreUnit']}")
        score = primary["score"]
        error = primary.get("scoreError")
        if isinstance(error, str) or error is None or math.isnan(error):
            error = None
        norm = run.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
        ops_per_iteration = score * duration_seconds(run.get("measurementTime", "1 s"))
        table.setdefault((workload, kind), {})[IMPLEMENTATIONS[impl]] = {
            "rate": score * samples,
            "error": None if error is None else error / score,
            "bytes": None if norm is None else norm["score"],
            "batch": samples,
            "noise": norm is not None and norm["score"] * ops_per_iteration < HARNESS_BYTES_PER_ITERATION,
        }
    return table, meta


ROUND_TWO = re.compile(r"\.(FloatPrecision|BatchPrediction|ParallelTraining)Benchmark\.(\w+)$")


def load_round_two(path):
    """The float, batch-prediction and thread figures: {(class, method, params): (ops/s, error)}."""
    with open(path) as f:
        runs = json.load(f)
    found = {}
    for run in runs:
        match = ROUND_TWO.search(run["benchmark"])
        if not match:
            continue
        primary = run["primaryMetric"]
        if primary["scoreUnit"] != "ops/s":
            sys.exit(f"{run['benchmark']}: expected ops/s, got {primary['scoreUnit']}")
        error = primary.get("scoreError")
        if isinstance(error, str) or error is None or math.isnan(error):
            error = None
        params = tuple(sorted(run.get("params", {}).items()))
        found[(match.group(1), match.group(2), params)] = (primary["score"], error)
    return found


def cell(figure, scale=1.0):
    """A rate cell from a (ops/s, error) pair times scale (samples per op)."""
    if figure is None:
        return "-"
    score, error = figure
    text = si(score * scale)
    if error is not None:
        text += f" +-{100 * error / score:.0f}%"
    return text


def rate(figure):
    return None if figure is None else figure[0]


def print_round_two(found):
    """Three tables on W3 (784-128-64-10): float against double, threads, batch prediction."""
    if not found:
        return
    get = lambda cls, method, **params: found.get((cls, method, tuple(sorted(params.items()))))
    batch = 32
    lines = []
    floats = [get("FloatPrecision", m) for m in
              ("doublePortableTrain", "floatPortableTrain", "doubleVectorTrain", "floatVectorTrain")]
    if any(floats):
        lines.append(f"Float precision, W3 training, batch {batch}, 1 thread (samples/s):")
        lines.append("")
        lines.append(render([
            ["code style", "", "double", "float", "float/double"],
            ["portable", f"train b{batch}", cell(floats[0], batch), cell(floats[1], batch),
             ratio(rate(floats[1]), rate(floats[0]))],
            ["Vector API", f"train b{batch}", cell(floats[2], batch), cell(floats[3], batch),
             ratio(rate(floats[3]), rate(floats[2]))]]))
        lines.append("")
    parallel = {}
    for (cls, method, params), figure in found.items():
        if cls == "ParallelTraining":
            p = dict(params)
            key = (p.get("workload", "?"), int(p.get("batch", 0)),
                   tuple((k, v) for k, v in params if k not in ("workload", "batch", "threads")))
            parallel.setdefault(key, {})[p.get("threads")] = figure
    if parallel:
        lines.append("Data-parallel training, portable code (samples/s; threads 0 = the network's own trainStep):")
        lines.append("")
        rows = [["workload", "", "trainStep", "1 thread", "2 threads", "2 threads / 1 thread"]]
        for (workload, b, rest), by_threads in sorted(parallel.items()):
            label = workload + "".join(f" {k}={v}" for k, v in rest if v != "default")
            rows.append([label, f"train b{b}", cell(by_threads.get("0"), b), cell(by_threads.get("1"), b),
                         cell(by_threads.get("2"), b), ratio(rate(by_threads.get("2")), rate(by_threads.get("1")))])
        lines.append(render(rows))
        lines.append("")
    predictions = [get("BatchPrediction", m) for m in
                   ("predictSingle", "predictBatch", "predictSingleVector", "predictBatchVector")]
    if any(predictions):
        lines.append(f"Batch prediction, W3 (samples/s; batch {batch} against one sample per call):")
        lines.append("")
        lines.append(render([
            ["code style", "", "predict b1", f"predict b{batch}", "ratio"],
            ["portable", "infer", cell(predictions[0]), cell(predictions[1]),
             ratio(rate(predictions[1]), rate(predictions[0]))],
            ["Vector API", "infer", cell(predictions[2]), cell(predictions[3]),
             ratio(rate(predictions[3]), rate(predictions[2]))]]))
        lines.append("")
    print()
    print("\n".join(lines).rstrip())


def load_torch(path):
    if not path:
        return {}, None
    with open(path) as f:
        data = json.load(f)
    # results without a dtype come from files written before float32 was added: float64
    return {(r["workload"], r["kind"], r.get("dtype", "torch.float64")): r["samples_per_s"]
            for r in data["results"]}, data


def cell_rate(entry):
    if not entry:
        return "-"
    text = si(entry["rate"])
    if entry["error"] is not None:
        text += f" +-{100 * entry['error']:.0f}%"
    return text


def cell_bytes(entry):
    if not entry or entry["bytes"] is None:
        return "-"
    text = f"{entry['bytes']:.1f}" if entry["bytes"] < 10 else f"{entry['bytes']:.0f}"
    return text + ("*" if entry["noise"] and entry["bytes"] >= 0.05 else "")


def ratio(a, b):
    if a is None or b is None or b == 0:
        return "-"
    return f"{a / b:.3g}x"


def render(rows):
    widths = [max(len(r[c]) for r in rows) for c in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        cells = [row[0].ljust(widths[0]), row[1].ljust(widths[1])]
        cells += [row[c].rjust(widths[c]) for c in range(2, len(row))]
        lines.append("| " + " | ".join(cells) + " |")
        if n == 0:
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("jmh", help="JMH result file (-rf json -rff FILE)")
    parser.add_argument("--torch", help="JSON written by pytorch_bench.py")
    parser.add_argument("--header", help="text file printed above the table")
    args = parser.parse_args()

    jmh, meta = load_jmh(args.jmh)
    torch, torch_meta = load_torch(args.torch)
    if args.header:
        with open(args.header) as f:
            print(f.read().rstrip())
        print()
    if meta:
        print(f"JMH {meta.get('jmhVersion', '?')}, {meta.get('vmName', '')} {meta.get('vmVersion', '')}; "
              f"forks {meta.get('forks')}, warmup {meta.get('warmupIterations')} x {meta.get('warmupTime')}, "
              f"measurement {meta.get('measurementIterations')} x {meta.get('measurementTime')}, "
              f"threads {meta.get('threads')}, JVM args {meta.get('jvmArgs')}")
    if torch_meta:
        dtypes = sorted({k[2][6:] for k in torch}, reverse=True)
        print(f"PyTorch {torch_meta['torch']} (Python {torch_meta['python']}), "
              f"{torch_meta['threads']} thread, {' and '.join(dtypes)}; median of timed rounds")
    print("Throughput in samples/s (train: one SGD step on a batch; infer: predict of one sample); "
          "B/op = gc.alloc.rate.norm per step or per predict call.")
    print()

    header = ["workload", "", "generated", "hand-written", "gen/hand", "gen B/op", "hand B/op",
              "Vector API", "vec/hand", "vec B/op"]
    has32 = any(k[2] == "torch.float32" for k in torch)
    if torch:
        header += ["PyTorch", "best/PyTorch"] + (["PyTorch f32", "best/PyT f32"] if has32 else [])
    rows = [header]
    keys = sorted(set(jmh) | {k[:2] for k in torch},
                  key=lambda k: (ORDER.index(k[0]) if k[0] in ORDER else len(ORDER), k[0], k[1] != "train"))
    previous = None
    for workload, kind in keys:
        entry = jmh.get((workload, kind), {})
        gen, hand, vec = entry.get("gen"), entry.get("hand"), entry.get("vec")
        batch = (gen or hand or {}).get("batch", 1)
        label = WORKLOADS.get(workload, workload)
        row = [label if workload != previous else "",
               f"train b{batch}" if kind == "train" else "infer b1",
               cell_rate(gen), cell_rate(hand),
               ratio(gen and gen["rate"], hand and hand["rate"]),
               cell_bytes(gen), cell_bytes(hand),
               cell_rate(vec) if vec else "-", ratio(vec and vec["rate"], hand and hand["rate"]) if vec else "-",
               cell_bytes(vec) if vec else "-"]
        if torch:
            t = torch.get((workload, kind, "torch.float64"))
            best = max((e["rate"] for e in (gen, vec) if e), default=None)
            row += [si(t) if t else "-", ratio(best, t)]
            if has32:
                t32 = torch.get((workload, kind, "torch.float32"))
                row += [si(t32) if t32 else "-", ratio(best, t32)]
        rows.append(row)
        previous = workload
    round_two = load_round_two(args.jmh)
    if len(rows) == 1 and not round_two:
        sys.exit(f"no neurogen benchmark results in {args.jmh}")
    if len(rows) > 1:
        print(render(rows))
    baseline_rows = [["workload", "", "generated", "baseline", "gen/base", "gen B/op", "base B/op"]]
    previous = None
    for workload, kind in keys:
        entry = jmh.get((workload, kind), {})
        gen, base = entry.get("genB"), entry.get("base")
        if not gen and not base:
            continue
        batch = (gen or base)["batch"]
        baseline_rows.append([WORKLOADS.get(workload, workload) if workload != previous else "",
                              f"train b{batch}" if kind == "train" else "infer b1",
                              cell_rate(gen), cell_rate(base), ratio(gen and gen["rate"], base and base["rate"]),
                              cell_bytes(gen), cell_bytes(base)])
        previous = workload
    if len(baseline_rows) > 1:
        print()
        print("Against HandWrittenBaseline (the reference of issue 9's table), both on its data "
              "(ReferenceData, learning rate 0.1):")
        print()
        print(render(baseline_rows))
    if (any(r[5].endswith("*") or r[6].endswith("*") or r[9].endswith("*") for r in rows[1:])
            or any(r[5].endswith("*") or r[6].endswith("*") for r in baseline_rows[1:])):
        print(f"* under {HARNESS_BYTES_PER_ITERATION // 1024} KB per measured iteration in total: JMH's gc profiler "
              "counts all threads of the fork, including its own few KB per iteration, so at low op rates this is "
              "harness noise (HandWrittenMlpTest checks 0 bytes on the calling thread).")
    print_round_two(round_two)


if __name__ == "__main__":
    main()
