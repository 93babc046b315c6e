#!/usr/bin/env bash
# Runs dyad's cargo-fuzz targets one after the other for a fixed time each and prints a
# summary (runs, execs/s, coverage, crashes). See docs/fuzzing.md.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     # default: 600 s, every target
#
# Environment: FUZZ_RSS_MB (default 2048), FUZZ_TIMEOUT (seconds per input, default 10),
# FUZZ_MAX_LEN (bytes per input, default 8192), FUZZ_LOGS (default /tmp/fuzz-logs),
# FUZZ_JOBS (parallel fuzzing processes per target, default 1).
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
set -uo pipefail
cd "$(dirname "$0")/../fuzz"

SECONDS_EACH=${1:-600}
shift || true
ALL=(html warc gzip feed jsonl text pipeline dates numbers places)
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=("${ALL[@]}")
RSS=${FUZZ_RSS_MB:-2048}
TIMEOUT=${FUZZ_TIMEOUT:-10}
MAX_LEN=${FUZZ_MAX_LEN:-8192}
LOGS=${FUZZ_LOGS:-/tmp/fuzz-logs}
JOBS=${FUZZ_JOBS:-1}
mkdir -p "$LOGS"
# -jobs makes libFuzzer write each job's log to fuzz-<n>.log: only with several jobs.
PARALLEL=()
[ "$JOBS" -gt 1 ] && PARALLEL=(-jobs="$JOBS" -workers="$JOBS")

./gather_corpus.sh > /dev/null
# Debug assertions on (overflow checks), no sanitizer (safe Rust: ASan finds little and
# halves the speed).
BUILD=(+nightly fuzz build --release --debug-assertions --sanitizer none)
cargo "${BUILD[@]}" > "$LOGS/build.log" 2>&1 || { echo "build failed: $LOGS/build.log"; exit 2; }

summary=()
status=0
for t in "${TARGETS[@]}"; do
  mkdir -p "artifacts/$t" "corpus/$t"
  before=$(ls "artifacts/$t" | wc -l)
  log="$LOGS/$t.log"
  echo "fuzzing $t for ${SECONDS_EACH}s (log: $log)"
  cargo +nightly fuzz run --release --debug-assertions --sanitizer none "$t" "corpus/$t" -- \
    -max_total_time="$SECONDS_EACH" -rss_limit_mb="$RSS" -malloc_limit_mb="$RSS" \
    -timeout="$TIMEOUT" -max_len="$MAX_LEN" -print_final_stats=1 \
    -artifact_prefix="artifacts/$t/" "${PARALLEL[@]}" > "$log" 2>&1
  rc=$?
  after=$(ls "artifacts/$t" | wc -l)
  [ "$JOBS" -gt 1 ] && cat fuzz-*.log >> "$log" && rm -f fuzz-*.log
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | awk '{s+=$2} END {print s+0}')
  speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | awk '{s+=$2} END {print s+0}')
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | awk '{print $2}')
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | awk '{print $2}')
  corpus=$(ls "corpus/$t" | wc -l)
  found=$((after - before))
  [ "$found" -gt 0 ] || [ "$rc" -ne 0 ] && status=1
  summary+=("$(printf '%-9s %6ss %12s runs %8s exec/s  cov %6s  ft %7s  corpus %6s  new artifacts %s  rc %s' \
    "$t" "$SECONDS_EACH" "$runs" "$speed" "${cov:-?}" "${ft:-?}" "$corpus" "$found" "$rc")")
  echo "${summary[-1]}"
done
echo
echo "summary (artifacts in fuzz/artifacts/<target>/, logs in $LOGS/):"
printf '%s\n' "${summary[@]}" | tee "$LOGS/summary.txt"
exit $status
