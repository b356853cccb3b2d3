#!/usr/bin/env bash
# Set-up, release build, and the main job on the shipped example: plan week 2026-W48 of
# xã Nam Sách from Schedules/nam-sach.yaml and the demo library in Audio/.
# Outputs go to Schedules/nam-sach/2026-W48/ (the same files as shipped: planning is deterministic).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build -c release --product lichphat 2>&1 | grep -vE '^\[[0-9]+/[0-9]+\]|^Building|^Compiling|^Build complete' >&2 || true
test -x .build/release/lichphat || { echo "The build failed." >&2; exit 2; }
.build/release/lichphat plan Schedules/nam-sach.yaml --week 2026-W48 "$@"
