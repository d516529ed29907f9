#!/usr/bin/env bash
# Builds benchmarks/target/benchmarks.jar, runs the JMH benchmarks single-threaded with the GC
# profiler, optionally runs the same workloads in PyTorch (float64, then float32), and prints one
# table (report.py).
#
# Settings (environment variables; defaults suit a 2-core machine, about 25 minutes in all):
#   FORKS=1 WARMUP=3 WARMUP_TIME=2s ITER=5 TIME=2s   JMH -f, -wi, -w, -i, -r
#   BENCH='dev\.neurogen\.benchmarks\.'              JMH benchmark regexp, e.g. 'Mnist.*train'
#   JVM_ARGS=''                                      extra flags for the forked JVMs
#   JMH_ARGS=''                                      extra JMH options, e.g. '-p optimizer=plain,adam'
#   JAVA=java                                        the JDK to benchmark (also runs JMH)
#   TORCH=auto                                       auto: run pytorch_bench.py if torch imports; 0: never
#   PYTHON=/usr/bin/python3                          interpreter for pytorch_bench.py (Debian python3-torch)
#   TORCH_ONLY=''                                    regexp on Tiny/Digits/Mnist for the PyTorch runs
#   SKIP_BUILD=0                                     1: reuse the existing jar
#   OUT=benchmarks/target/results                    where jmh.json, jmh.log, report.txt go
#                                                    (benchmarks/target/compilation with PRINT_COMPILATION=1)
#   PRINT_COMPILATION=0                              1: add -XX:+PrintCompilation, save the log as
#                                                    compilation.log and check it (compile_check.py)
#                                                    instead of printing the (perturbed) table
# Examples:
#   smoke run:          FORKS=1 WARMUP=1 WARMUP_TIME=1s ITER=1 TIME=1s benchmarks/run.sh
#   JIT check of W3:    PRINT_COMPILATION=1 BENCH=Mnist WARMUP=1 WARMUP_TIME=1s ITER=1 TIME=2s benchmarks/run.sh
#   one benchmark:      BENCH='Mnist.*trainGenerated' TORCH=0 benchmarks/run.sh
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
FORKS=${FORKS:-1}
WARMUP=${WARMUP:-3}
WARMUP_TIME=${WARMUP_TIME:-2s}
ITER=${ITER:-5}
TIME=${TIME:-2s}
BENCH=${BENCH:-'dev\.neurogen\.benchmarks\.'}
JVM_ARGS=${JVM_ARGS:-}
JMH_ARGS=${JMH_ARGS:-}
JAVA=${JAVA:-java}
TORCH=${TORCH:-auto}
PYTHON=${PYTHON:-/usr/bin/python3}
TORCH_ONLY=${TORCH_ONLY:-}
SKIP_BUILD=${SKIP_BUILD:-0}
PRINT_COMPILATION=${PRINT_COMPILATION:-0}
if [[ $PRINT_COMPILATION == 1 ]]; then
  OUT=${OUT:-$HERE/target/compilation}
else
  OUT=${OUT:-$HERE/target/results}
fi
JAR=$HERE/target/benchmarks.jar

if [[ $SKIP_BUILD != 1 ]]; then
  echo "building $JAR ..." >&2
  # clean: Maven does not recompile unchanged sources when only the processor changed, so the
  # generated networks would be stale
  (cd "$ROOT" && mvn -B -q -DskipTests -pl benchmarks -am clean package)
fi
mkdir -p "$OUT"

USER_JVM_ARGS=$JVM_ARGS
if [[ $PRINT_COMPILATION == 1 ]]; then
  JVM_ARGS="$JVM_ARGS -XX:+PrintCompilation"
fi
JMH_CMD=("$JAVA" -jar "$JAR" "$BENCH" -t 1 -f "$FORKS" -wi "$WARMUP" -w "$WARMUP_TIME"
  -i "$ITER" -r "$TIME" -prof gc -rf json -rff "$OUT/jmh.json")
if [[ -n $JMH_ARGS ]]; then
  read -r -a extra <<< "$JMH_ARGS"
  JMH_CMD+=("${extra[@]}")
fi
# the VECTOR_API networks need the incubator module in every fork (a command-line
# -jvmArgsAppend replaces the @Fork annotation's, so it is always passed here)
JVM_ARGS="--add-modules=jdk.incubator.vector $JVM_ARGS"
if [[ -n ${JVM_ARGS// /} ]]; then
  JMH_CMD+=(-jvmArgsAppend "${JVM_ARGS# }")
fi

use_torch=0
if [[ $PRINT_COMPILATION != 1 && $TORCH != 0 ]] && "$PYTHON" -c 'import torch' 2>/dev/null; then
  use_torch=1
fi

# The header makes a pasted table self-describing: machine, JDK, exact commands.
{
  echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
  cpuinfo() { grep -m1 "^$1" /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'; }
  echo "machine: $(nproc) CPUs, $(cpuinfo 'model name') (family $(cpuinfo 'cpu family')," \
    "model $(cpuinfo 'model'), $(cpuinfo 'cpu MHz') MHz), SIMD:" \
    "$(grep -m1 '^flags' /proc/cpuinfo | tr ' ' '\n' | grep -E '^(avx|avx2|fma|avx512f)$' | tr '\n' ' ')$(grep -qw avx512f /proc/cpuinfo || echo '(no AVX-512)')"
  echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min load average at start)"
  echo "jdk:     $("$JAVA" -version 2>&1 | tr '\n' ' ' | sed 's/ *$//');" \
    "$("$JAVA" -XX:+PrintFlagsFinal -version 2>/dev/null | awk '$2 ~ /^(UseAVX|MaxVectorSize|UseFMA)$/ {printf "%s=%s ", $2, $4}' | sed 's/ *$//')"
  echo "run:     FORKS=$FORKS WARMUP=$WARMUP WARMUP_TIME=$WARMUP_TIME ITER=$ITER TIME=$TIME BENCH='$BENCH' JVM_ARGS='$USER_JVM_ARGS'${JMH_ARGS:+ JMH_ARGS='$JMH_ARGS'} TORCH=$TORCH${TORCH_ONLY:+ TORCH_ONLY='$TORCH_ONLY'}$([[ $PRINT_COMPILATION == 1 ]] && echo ' PRINT_COMPILATION=1') benchmarks/run.sh"
  echo "jmh:     $(printf '%q ' "${JMH_CMD[@]}" | sed "s#$ROOT/##g; s/ *$//")"
  if [[ $use_torch == 1 ]]; then
    echo "pytorch: $PYTHON benchmarks/pytorch_bench.py --warmup $WARMUP_TIME --time $TIME --rounds $ITER${TORCH_ONLY:+ --only '$TORCH_ONLY'}"
  fi
} > "$OUT/header.txt"
cat "$OUT/header.txt" >&2

if [[ $PRINT_COMPILATION == 1 ]]; then
  # Keep the thousands of compilation lines out of the console; they all go to the log.
  set +e
  "${JMH_CMD[@]}" 2>&1 | tee "$OUT/compilation.log" | grep -vE '^ +[0-9]+ +[0-9]+ '
  status=${PIPESTATUS[0]}
  set -e
  [[ $status == 0 ]] || exit "$status"
  echo
  echo "PrintCompilation log: $OUT/compilation.log"
  grep -n 'COMPILE SKIPPED' "$OUT/compilation.log" || echo "(no COMPILE SKIPPED lines)"
  echo
  python3 "$HERE/compile_check.py" "$OUT/compilation.log" --jar "$JAR" | tee "$OUT/compile_check.txt"
  exit "${PIPESTATUS[0]}"
fi

"${JMH_CMD[@]}" 2>&1 | tee "$OUT/jmh.log"

TORCH_ARGS=()
if [[ $use_torch == 1 ]]; then
  echo "running PyTorch workloads ..." >&2
  "$PYTHON" "$HERE/pytorch_bench.py" --warmup "$WARMUP_TIME" --time "$TIME" --rounds "$ITER" \
    --only "$TORCH_ONLY" --out "$OUT/pytorch.json"
  TORCH_ARGS=(--torch "$OUT/pytorch.json")
fi

echo
python3 "$HERE/report.py" "$OUT/jmh.json" --header "$OUT/header.txt" "${TORCH_ARGS[@]}" \
  | tee "$OUT/report.txt"
