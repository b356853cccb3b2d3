#!/usr/bin/env bash
# Set-up, release build, and the main job on the shipped example: plan week 2026-W48 of
# xã Nam Sách from Schedules/nam-sach.yaml and the demo library in Audio/.
# Outputs go to Schedules/nam-sach/2026-W48/ (the same files as shipped: planning is deterministic).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "Building lichphat (release; the first time takes a few minutes)…" >&2
if ! swift build -c release --product lichphat > .build-example.log 2>&1; then
  cat .build-example.log >&2
  echo "The build failed (log above)." >&2
  exit 2
fi
rm -f .build-example.log
# 2026-W48 has ended by now: --past plans it for the record (as shipped, it is unchanged).
.build/release/lichphat plan Schedules/nam-sach.yaml --week 2026-W48 --past "$@"
