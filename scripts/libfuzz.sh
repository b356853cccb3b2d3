#!/usr/bin/env bash
# libFuzzer on the pure parsers: the MP3 frame walker, the WAV header reader, the Ogg page reader, text decoding
# with the CSV reader of play logs, the station-file reader, and the web server's multipart/form-data body parser
# (with its boundary and parameter readers); and on what the web server takes from its dependencies to read a
# request: Hummingbird's URL-encoded form decoder (form) and Cookie header parser (cookie), and HummingbirdAuth's
# Basic Authorization parser (authorization). Each is compiled with -sanitize=fuzzer,address from its
# sources alone and run for SECONDS (default 15) from its committed corpus (Fuzz/corpus/NAME).
# New inputs go to a scratch folder; a crash leaves its input in Fuzz/crashes/ and fails.
# LIBFUZZ_TARGETS="form cookie" picks targets.
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

# The resolved checkout of a package (by its folder name under .build/checkouts, else as SwiftPM lists it).
checkout() {
  if [ -d ".build/checkouts/$1" ]; then echo ".build/checkouts/$1"; return; fi
  swift package show-dependencies --format json 2>/dev/null | python3 -c 'import json,sys
def walk(d):
    for x in d["dependencies"]:
        if x["path"].rstrip("/").split("/")[-1].lower()==sys.argv[1].lower(): print(x["path"]); raise SystemExit
        walk(x)
walk(json.load(sys.stdin))' "$1"
}

# Hummingbird stands on SwiftNIO (NIOCore, NIOPosix, NIOHTTP1 …): building it whole would take minutes. The
# parsers the server runs on request headers and form bodies need none of it: only the files that hold them,
# and the helpers they call, are compiled into the target, with Hummingbird's availability macro; HTTPTypes
# (the HTTPFields they read) and ExtrasBase64 (Basic's decoder) are built as modules, as Yams is for station.
hummingbird_flags=(-package-name fuzz -enable-experimental-feature "AvailabilityMacro=hummingbird 2.0:macOS 14.0, iOS 17.0, tvOS 17.0, visionOS 1.0")
build_http_modules() {
  local m="$out/http-modules" types b64
  [ -f "$m/HTTPTypes.o" ] && [ -f "$m/ExtrasBase64.o" ] && return 0
  mkdir -p "$m"
  types=$(checkout swift-http-types); b64=$(checkout swift-extras-base64)
  local macros=()
  for v in $(grep -o '"HTTPTypes [0-9.]*"' "$types/Package.swift" | grep -o '[0-9.]*'); do
    macros+=(-enable-experimental-feature "AvailabilityMacro=HTTPTypes $v:macOS 10.0")
  done
  swiftc -O -parse-as-library -sanitize=fuzzer,address -module-name HTTPTypes -wmo "${macros[@]}" \
    -enable-upcoming-feature InternalImportsByDefault -enable-upcoming-feature MemberImportVisibility \
    -emit-module -emit-module-path "$m/HTTPTypes.swiftmodule" -c "$types"/Sources/HTTPTypes/*.swift -o "$m/HTTPTypes.o"
  swiftc -O -parse-as-library -sanitize=fuzzer,address -module-name ExtrasBase64 -wmo \
    -enable-upcoming-feature InternalImportsByDefault -enable-experimental-feature Lifetimes \
    -enable-upcoming-feature LifetimeDependence -enable-experimental-feature SuppressedAssociatedTypesWithDefaults \
    -emit-module -emit-module-path "$m/ExtrasBase64.swiftmodule" -c "$b64"/Sources/ExtrasBase64/*.swift -o "$m/ExtrasBase64.o"
}

build_form() {
  local hb; hb=$(checkout hummingbird)/Sources
  swiftc -O -parse-as-library -sanitize=fuzzer,address -module-name Fuzzform "${hummingbird_flags[@]}" \
    "$hb"/Hummingbird/Codable/URLEncodedForm/{URLEncodedForm,URLEncodedFormNode,URLEncodedFormDecoder}.swift \
    "$hb"/Hummingbird/Utils/SplitStringSequences.swift "$hb"/HummingbirdCore/Utils/String+percentEncode.swift \
    Fuzz/form.swift -o "$out/fuzz-form"
}

build_cookie() {
  local hb; hb=$(checkout hummingbird)/Sources
  build_http_modules
  swiftc -O -parse-as-library -sanitize=fuzzer,address -module-name Fuzzcookie "${hummingbird_flags[@]}" -I "$out/http-modules" \
    "$hb"/Hummingbird/HTTP/{Cookie,Cookies}.swift "$hb"/Hummingbird/Utils/{SplitStringSequences,HTTPHeaderDateFormatStyle}.swift \
    Fuzz/cookie.swift "$out/http-modules/HTTPTypes.o" -o "$out/fuzz-cookie"
}

build_authorization() {
  local auth; auth=$(checkout hummingbird-auth)/Sources
  build_http_modules
  swiftc -O -parse-as-library -sanitize=fuzzer,address -module-name Fuzzauthorization -I "$out/http-modules" \
    "$auth"/HummingbirdAuth/BasicAuthentication.swift Fuzz/authorization.swift \
    "$out/http-modules/HTTPTypes.o" "$out/http-modules/ExtrasBase64.o" -o "$out/fuzz-authorization"
}

# A crash is libFuzzer's to report (it writes the input): Swift's own backtracer, under ASan, hung for
# minutes on a trap instead of letting the process end.
export SWIFT_BACKTRACE=enable=no

status=0
for name in ${LIBFUZZ_TARGETS:-mp3 wav ogg csv station multipart form cookie authorization}; do
  if [ "$name" = station ] || [ "$name" = form ] || [ "$name" = cookie ] || [ "$name" = authorization ]; then
    "build_$name" >"$out/build-$name.log" 2>&1 || {
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
