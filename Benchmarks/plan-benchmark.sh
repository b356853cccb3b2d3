#!/usr/bin/env bash
# Planner benchmark: bash Benchmarks/plan-benchmark.sh
# Release build of lichphat-bench: one 300-item station-week (median of 21 runs), and
# 200 stations × 4 weeks with history, every export rendered in memory; peak memory from getrusage.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build -c release --product lichphat-bench >/dev/null
echo "| task | measured | target |"
echo "|---|---|---|"
.build/release/lichphat-bench
