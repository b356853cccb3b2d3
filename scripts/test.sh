#!/usr/bin/env bash
# Set-up and the whole test suite: unit and end-to-end tests, then LichPhat's outputs checked
# with other tools (ffmpeg's loudness, Liquidsoap, an iCalendar parser, JSON Schema), the web
# app in a real browser and against its OpenAPI document, and fuzzing.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh ffmpeg liquidsoap espeak-ng chromium chromium-driver firefox-esr poppler-utils
if ! python3 -c "import icalendar, jsonschema" 2>/dev/null; then
  python3 -m pip install --quiet icalendar jsonschema 2>/dev/null || bash scripts/setup.sh python3-icalendar python3-jsonschema
fi
if ! python3 -c "import selenium, marionette_driver" 2>/dev/null || ! command -v schemathesis >/dev/null; then
  python3 -m pip install --quiet selenium schemathesis marionette_driver 2>/dev/null || bash scripts/setup.sh python3-selenium
fi
swift build --build-tests
swift test --skip-build
echo "Loudness of the demo library against ffmpeg's ebur128 filter:"
python3 scripts/check-loudness.py .build/debug/lichphat Audio
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
echo "Cut-short files against ffmpeg's decoded length (every format, cuts anywhere):"
python3 scripts/check-truncation.py .build/debug/lichphat "$work/truncation"
echo "Exports checked with Liquidsoap, icalendar, JSON Schema and Chromium:"
python3 scripts/check-exports.py .build/debug/lichphat "$work"
echo "The web app in Chromium (Selenium) and Firefox (Marionette), and its API against its OpenAPI document (schemathesis):"
python3 scripts/check-web.py .build/debug/lichphat "$work/web"
echo "Fuzzing with damaged audio, station files, play logs and requests to a live server (fixed seed, ${FUZZ_SECONDS:-120} s):"
python3 scripts/fuzz.py .build/debug/lichphat --seconds "${FUZZ_SECONDS:-120}" --seed 57 --keep "$work/fuzz-failures"
echo "libFuzzer on the pure parsers and the server's request parsers:"
bash scripts/libfuzz.sh "${LIBFUZZ_SECONDS:-15}"
