#!/usr/bin/env bash
# Set-up and the whole test suite: unit and end-to-end tests, then loudness against ffmpeg.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh ffmpeg
swift build --build-tests
swift test --skip-build
echo "Loudness of the demo library against ffmpeg's ebur128 filter:"
python3 scripts/check-loudness.py .build/debug/lichphat Audio
