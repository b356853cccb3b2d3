#!/usr/bin/env bash
# Set-up, release build, and the main job on the shipped example: check the demo library.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build -c release --product lichphat 2>&1 | grep -vE '^\[[0-9]+/[0-9]+\]' >&2 || true
test -x .build/release/lichphat || { echo "The build failed." >&2; exit 2; }
.build/release/lichphat scan Audio "$@"
