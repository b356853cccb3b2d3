#!/usr/bin/env bash
# libFuzzer on the pure parsers: the MP3 frame walker, the WAV header reader, and text decoding
# with the CSV reader of play logs. Each is compiled with -sanitize=fuzzer,address from its
# sources alone and run for SECONDS (default 15) from its committed corpus (Fuzz/corpus/NAME).
# New inputs go to a scratch folder; a crash leaves its input in Fuzz/crashes/ and fails.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-15}
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
mkdir -p Fuzz/crashes
declare -A sources=(
  [mp3]="Sources/LichPhatAudio/MP3Frames.swift"
  [wav]="Sources/LichPhatAudio/WAVHeader.swift"
  [csv]="Sources/LichPhatFormats/CSVReader.swift Sources/LichPhatFormats/TextInput.swift"
)
status=0
for name in mp3 wav csv; do
  # shellcheck disable=SC2086
  swiftc -O -parse-as-library -sanitize=fuzzer,address -module-name Fuzz${name} \
    ${sources[$name]} "Fuzz/$name.swift" -o "$out/fuzz-$name" 2>"$out/build-$name.log" || {
      cat "$out/build-$name.log" >&2; echo "libFuzzer target $name did not build" >&2; exit 1; }
  mkdir -p "$out/corpus-$name"
  if "$out/fuzz-$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
       -artifact_prefix="Fuzz/crashes/$name-" -print_final_stats=1 \
       "$out/corpus-$name" "Fuzz/corpus/$name" >"$out/run-$name.log" 2>&1; then
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$out/run-$name.log" | grep -o '[0-9]*$' || echo "?")
    echo "  $name: $runs inputs in ${seconds} s, no crash"
  else
    tail -30 "$out/run-$name.log" >&2
    echo "  $name: CRASH (input kept in Fuzz/crashes/)" >&2
    status=1
  fi
done
exit $status
