#!/usr/bin/env bash
# Scan benchmark: lichphat against the tools an operator would otherwise use.
#
#   bash Benchmarks/scan-benchmark.sh [FILES] [FULL_FILES]
#
# Makes FILES (default 2000) files by copying the demo library under a scratch folder,
# then times, in one run on this machine, with the page cache warm for every tool:
#   1. `ffprobe` once per file (duration only)  vs  `lichphat scan --quick --no-cache` (cold catalog)
#   2. `lichphat scan --quick` with a filled catalog (warm rescan)
#   3. `ffmpeg -af ebur128=peak=true` once per file  vs  `lichphat scan` (full analysis) with
#      --jobs 1 and --jobs 2, on the first FULL_FILES (default 100) files
# and prints a Markdown table of seconds and ratios (Benchmarks/RESULTS.md keeps one).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-2000}
FULL=${2:-100}
bash scripts/setup.sh ffmpeg
swift build -c release --product lichphat >/dev/null
BIN=$PWD/.build/release/lichphat
WORK=${BENCH_DIR:-/tmp/lichphat-bench}
rm -rf "$WORK"; mkdir -p "$WORK/lib" "$WORK/full"
mapfile -t demo < <(find Audio -type f \( -name '*.mp3' -o -name '*.ogg' -o -name '*.wav' \) | sort)
for ((i = 0; i < N; i++)); do
  src=${demo[$((i % ${#demo[@]}))]}
  dir="$WORK/lib/$((i / 100))"; mkdir -p "$dir"
  cp "$src" "$dir/$i-$(basename "$src")"
done
mapfile -t files < <(find "$WORK/lib" -type f | sort)
for ((i = 0; i < FULL; i++)); do ln "${files[$i]}" "$WORK/full/"; done
cat "${files[@]}" > /dev/null   # warm the page cache for everyone

now() { date +%s.%N; }
secs() { python3 -c "print(f'{$2 - $1:.3f}')"; }

t0=$(now); for f in "${files[@]}"; do ffprobe -v error -show_entries format=duration -of csv=p=0 "$f" >/dev/null; done; t1=$(now)
ffprobe_s=$(secs "$t0" "$t1")
# lichphat's cold quick scan is under a second: three runs, the median kept (all three printed),
# so one stall of this shared machine does not decide the ratio.
quick_runs=()
for _ in 1 2 3; do
  t0=$(now); "$BIN" scan "$WORK/lib" --quick --no-cache --format json >/dev/null || true; t1=$(now)
  quick_runs+=("$(secs "$t0" "$t1")")
done
quick_s=$(printf '%s\n' "${quick_runs[@]}" | sort -n | sed -n 2p)
echo "quick scan, three cold runs: ${quick_runs[*]} s (median $quick_s s)" >&2
"$BIN" scan "$WORK/lib" --quick --cache "$WORK/catalog.sqlite" --format json >/dev/null || true
t0=$(now); "$BIN" scan "$WORK/lib" --quick --cache "$WORK/catalog.sqlite" --format json >/dev/null || true; t1=$(now)
warm_s=$(secs "$t0" "$t1")

mapfile -t full < <(find "$WORK/full" -type f | sort)
t0=$(now); for f in "${full[@]}"; do ffmpeg -nostats -hide_banner -i "$f" -af ebur128=peak=true -f null - 2>/dev/null; done; t1=$(now)
ffmpeg_s=$(secs "$t0" "$t1")
t0=$(now); "$BIN" scan "$WORK/full" --no-cache --jobs 1 --format json >/dev/null || true; t1=$(now)
full1_s=$(secs "$t0" "$t1")
t0=$(now); "$BIN" scan "$WORK/full" --no-cache --jobs 2 --format json >/dev/null || true; t1=$(now)
full2_s=$(secs "$t0" "$t1")
audio_min=$("$BIN" scan "$WORK/full" --quick --no-cache --format json | python3 -c "import json,sys; print(round(json.load(sys.stdin)['summary']['duration']/60))")

python3 - "$N" "$FULL" "$audio_min" "$ffprobe_s" "$quick_s" "$warm_s" "$ffmpeg_s" "$full1_s" "$full2_s" <<'PY'
import sys, platform, os
n, full, minutes = sys.argv[1:4]
ffprobe, quick, warm, ffmpeg, full1, full2 = map(float, sys.argv[4:])
print(f"Machine: {platform.machine()}, {os.cpu_count()} cores; {n} files (copies of the demo library); "
      f"full analysis on {full} of them ({minutes} minutes of audio).\n")
print("| task | other tool | lichphat | ratio | target |")
print("|---|---|---|---|---|")
print(f"| durations of {n} files, cold | ffprobe loop {ffprobe:.2f} s | `scan --quick --no-cache` {quick:.3f} s (median of 3) | {ffprobe/quick:.0f}× faster | ≥ 300× (issue 8) |")
print(f"| rescan of {n} unchanged files | – | `scan --quick` (catalog) {warm:.3f} s | – | < 0.2 s (issue 8) |")
print(f"| loudness + true peak, {full} files | ffmpeg ebur128 loop {ffmpeg:.2f} s | `scan --jobs 1` {full1:.2f} s | {ffmpeg/full1:.2f}× faster | ≥ 1.5× (issue 8) |")
print(f"| loudness + true peak, {full} files | ffmpeg ebur128 loop {ffmpeg:.2f} s | `scan --jobs 2` {full2:.2f} s | {ffmpeg/full2:.2f}× faster | ≥ 3× (issue 8) |")
PY
