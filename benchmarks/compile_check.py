#!/usr/bin/env python3
"""Checks a -XX:+PrintCompilation log for generated methods that C2 did not compile.

Lists every method of the generated network classes (dev/neurogen/benchmarks/*Impl in the
benchmarks jar, plus HandWrittenMlp for comparison) with its bytecode size from javap and the
highest tier that HotSpot's log shows for it (4 = C2, 1-3 = C1, % = on-stack replacement), and
flags what keeps generated code slow:
  - "COMPILE SKIPPED" lines (the compiler gave up, e.g. out of nodes or too many loops);
  - methods above HugeMethodLimit (8000 bytecode bytes), which HotSpot never JIT-compiles;
  - methods compiled by C1 but never by C2 in the whole run (hot enough to compile, yet left at
    the lower tier; check that the run was long enough before worrying);
  - methods above FreqInlineSize (325 bytes), which C2 does not inline into a hot caller.
A method that never appears was not hot (or is huge). Drivers that run once per batch (trainStep,
pass, backwardBlock on W3) legitimately stay at C1 in a short run: their loops are in callees. A
small method listed as C1 only may also run as C2 code inlined into a C2-compiled caller (check
with -XX:+UnlockDiagnosticVMOptions -XX:+PrintInlining). Exit status 1 if anything of the first two
kinds concerns a generated class. Python standard library only; needs javap on PATH.
"""

import argparse
import re
import subprocess
import sys
import zipfile

HUGE_METHOD_LIMIT = 8000
FREQ_INLINE_SIZE = 325
COMPILE_LINE = re.compile(
    r"^\s*\d+\s+\d+\s(?P<attrs>.*?)\s+(?P<cls>[\w.$/]+)::(?P<method>[\w$<>]+)"
    r"(?:\s+@\s+\d+)?\s+\((?P<size>\d+) bytes\)(?P<rest>.*)$")


def generated_classes(jar):
    with zipfile.ZipFile(jar) as z:
        names = [n for n in z.namelist()
                 if re.fullmatch(r"dev/neurogen/benchmarks/\w+Impl\.class", n)]
    return sorted(n[:-len(".class")].replace("/", ".") for n in names)


def bytecode_sizes(jar, classes):
    """{class: {method name: largest bytecode size among its overloads}} from javap -c."""
    out = subprocess.run(["javap", "-p", "-c", "-cp", jar] + classes,
                         check=True, capture_output=True, text=True).stdout
    sizes, cls, method, last = {}, None, None, 0

    def close():
        if cls and method:
            sizes[cls][method] = max(sizes[cls].get(method, 0), last)

    for line in out.splitlines():
        header = re.match(r"^(?:public |private |protected |)(?:final )?class (\S+)", line)
        if header and not line.startswith(" "):
            close()
            cls, method, last = header.group(1), None, 0
            sizes[cls] = {}
            continue
        m = re.match(r"^  \S.*?([\w$.]+)\(.*\);$", line) or re.match(r"^  (static) \{\};$", line)
        if m:
            close()
            name = m.group(1)
            method = "<clinit>" if name == "static" else "<init>" if name == cls else name
            last = 0
            continue
        ins = re.match(r"^\s+(\d+): \w+", line)
        if ins and method:
            last = int(ins.group(1)) + 1  # approximate: the last instruction is usually 1 byte
    close()
    return sizes


def parse_log(path, classes):
    """{(class, method): {"tiers": set, "osr": set, "skipped": [lines], "deopt": n}}."""
    seen = {}
    skipped_all = []
    with open(path, errors="replace") as f:
        for line in f:
            if "COMPILE SKIPPED" in line:
                skipped_all.append(line.rstrip())
            m = COMPILE_LINE.match(line)
            if not m:
                continue
            cls = m.group("cls").replace("/", ".")
            if cls not in classes:
                continue
            info = seen.setdefault((cls, m.group("method")),
                                   {"tiers": set(), "osr": set(), "skipped": [], "deopt": 0})
            attrs, rest = m.group("attrs"), m.group("rest")
            tier = re.search(r"(\d)\s*$", attrs)
            level = int(tier.group(1)) if tier else 4  # no tier column without tiered compilation
            if "made not entrant" in rest or "made zombie" in rest:
                info["deopt"] += "made not entrant" in rest and level == 4
                continue
            if "COMPILE SKIPPED" in rest:
                info["skipped"].append(line.rstrip())
                continue
            (info["osr"] if "%" in attrs else info["tiers"]).add(level)
    return seen, skipped_all


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("log", help="JMH output of a run with -jvmArgsAppend -XX:+PrintCompilation")
    parser.add_argument("--jar", required=True, help="benchmarks.jar")
    args = parser.parse_args()

    generated = generated_classes(args.jar)
    reference = ["dev.neurogen.benchmarks.HandWrittenMlp"]
    sizes = bytecode_sizes(args.jar, generated + reference)
    seen, skipped_all = parse_log(args.log, set(sizes))
    if not seen:
        sys.exit(f"no compilation of a network class found in {args.log}; was -XX:+PrintCompilation on?")

    problems = []
    for cls in generated + reference:
        is_generated = cls in generated
        if not any(c == cls for c, _ in seen):
            print(f"{cls}: no compilations in this log (not exercised by the benchmarks that ran)")
            print()
            continue
        print(f"{cls}{'' if is_generated else ' (reference, not checked)'}")
        print(f"  {'method':28s} {'bytes':>6s}  {'C1/C2 tiers':12s} {'OSR':6s} notes")
        for method, size in sorted(sizes.get(cls, {}).items(), key=lambda kv: -kv[1]):
            info = seen.get((cls, method), {"tiers": set(), "osr": set(), "skipped": [], "deopt": 0})
            notes = []
            if info["skipped"]:
                notes.append("COMPILE SKIPPED")
            if size > HUGE_METHOD_LIMIT:
                notes.append(f"HUGE (> {HUGE_METHOD_LIMIT}): never JIT-compiled")
            if info["tiers"] and 4 not in info["tiers"] and 4 not in info["osr"]:
                notes.append("C1 only")
            if not info["tiers"] and not info["osr"]:
                notes.append("not compiled (not hot?)")
            if size > FREQ_INLINE_SIZE and (info["tiers"] or info["osr"]):
                notes.append(f"> {FREQ_INLINE_SIZE}: not inlined")
            if info["deopt"]:
                notes.append(f"C2 code deoptimised {info['deopt']}x")
            tiers = ",".join(map(str, sorted(info["tiers"]))) or "-"
            osr = ",".join(map(str, sorted(info["osr"]))) or "-"
            print(f"  {method:28s} {size:6d}  {tiers:12s} {osr:6s} {'; '.join(notes)}")
            if is_generated and (info["skipped"] or size > HUGE_METHOD_LIMIT):
                problems.append(f"{cls}::{method}: {'; '.join(notes)}")
            for line in info["skipped"]:
                print(f"      {line.strip()}")
        print()
    print(f"COMPILE SKIPPED lines in the whole log: {len(skipped_all)}")
    for line in skipped_all[:20]:
        print(f"  {line.strip()}")
    if problems:
        print("PROBLEMS in generated code:")
        for p in problems:
            print(f"  {p}")
        sys.exit(1)
    print("No generated method was skipped by the JIT or too large to compile.")


if __name__ == "__main__":
    main()
