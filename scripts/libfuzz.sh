#!/usr/bin/env bash
# libFuzzer on the pure parsers: the MP3 frame walker, the WAV header reader, the Ogg page reader, text decoding
# with the CSV reader of play logs, the station-file reader, and the web server's multipart/form-data body parser
# (with its boundary and parameter readers). Each is compiled with -sanitize=fuzzer,address from its
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
  [ogg]="Sources/LichPhatAudio/OggPages.swift Sources/LichPhatAudio/MP3Frames.swift"
  [csv]="Sources/LichPhatFormats/CSVReader.swift Sources/LichPhatFormats/TextInput.swift"
  [multipart]="Sources/LichPhatWeb/MultipartForm.swift"
)

# The station-file reader stands on Yams (Swift over the C libyaml) and LichPhatCore: both are
# built here as modules with the same sanitizers, from the sources SwiftPM resolved.
build_station() {
  local yams
  yams=$(swift package show-dependencies --format json 2>/dev/null |
         python3 -c 'import json,sys
def walk(d):
    for x in d["dependencies"]:
        if x["identity"].lower()=="yams": print(x["path"]); raise SystemExit
        walk(x)
walk(json.load(sys.stdin))')
  [ -d "$yams/Sources/CYaml" ] || { swift package resolve >/dev/null; yams=.build/checkouts/Yams; }
  local m="$out/modules"; mkdir -p "$m"
  for c in "$yams"/Sources/CYaml/src/*.c; do
    clang -O1 -fsanitize=fuzzer-no-link,address -DYAML_DECLARE_STATIC -I "$yams/Sources/CYaml/include" \
      -c "$c" -o "$m/$(basename "$c" .c).o"
  done
  swiftc -O -parse-as-library -sanitize=fuzzer,address -module-name Yams -wmo -DSWIFT_PACKAGE -Xcc -DYAML_DECLARE_STATIC -I "$yams/Sources/CYaml/include" \
    -emit-module -emit-module-path "$m/Yams.swiftmodule" -c "$yams"/Sources/Yams/*.swift -o "$m/Yams.o"
  swiftc -O -parse-as-library -sanitize=fuzzer,address -module-name LichPhatCore -wmo \
    -emit-module -emit-module-path "$m/LichPhatCore.swiftmodule" -c Sources/LichPhatCore/*.swift -o "$m/LichPhatCore.o"
  swiftc -O -parse-as-library -sanitize=fuzzer,address -module-name Fuzzstation -Xcc -DYAML_DECLARE_STATIC -I "$m" -I "$yams/Sources/CYaml/include" \
    Sources/LichPhatFormats/{StationFile,PolicyFile,YAMLProblem,TextInput,StationClock,TextFields,TextEscaping}.swift Fuzz/station.swift \
    "$m"/*.o -o "$out/fuzz-station"
}

status=0
for name in ${LIBFUZZ_TARGETS:-mp3 wav ogg csv station multipart}; do
  if [ "$name" = station ]; then
    build_station >"$out/build-$name.log" 2>&1 || {
      cat "$out/build-$name.log" >&2; echo "libFuzzer target $name did not build" >&2; exit 1; }
  else
  # shellcheck disable=SC2086
  swiftc -O -parse-as-library -sanitize=fuzzer,address -module-name Fuzz${name} \
    ${sources[$name]} "Fuzz/$name.swift" -o "$out/fuzz-$name" 2>"$out/build-$name.log" || {
      cat "$out/build-$name.log" >&2; echo "libFuzzer target $name did not build" >&2; exit 1; }
  fi
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
