#!/usr/bin/env bash
# The web app under load (issue 9): 20 concurrent clients for 30 s on the week page and on
# GET /api/stations/{station}/weeks/{week}, logged in with HTTP Basic as a script would be,
# then planning a week through the API ten times. Release build; wrk from Debian.
#
#   bash Benchmarks/web-load.sh [path/to/lichphat]   (default .build/release/lichphat)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-.build/release/lichphat}")
command -v wrk >/dev/null || bash scripts/setup.sh wrk
work=$(mktemp -d); trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
cp -r Schedules Audio "$work/"
echo "bench-password" | "$bin" user add bench --role leader --full-name "Bench" --password-stdin --root "$work/Schedules" >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$bin" serve --root "$work/Schedules" --port "$port" --cache "$work/catalog.sqlite" >"$work/serve.log" 2>&1 &
server=$!
auth="Authorization: Basic $(printf 'bench:bench-password' | base64)"
for _ in $(seq 1 300); do curl -s -o /dev/null -H "$auth" "http://127.0.0.1:$port/api/stations" && break; sleep 0.2; done
base="http://127.0.0.1:$port"
week=2026-W48
curl -s -o /dev/null -H "$auth" "$base/stations/nam-sach/weeks/$week"    # measure the library once
echo "== machine: $(nproc) cores, $(uname -sr); lichphat: $bin"
echo "== week page: wrk -t1 -c20 -d30s $base/stations/nam-sach/weeks/$week"
wrk -t1 -c20 -d30s --latency -H "$auth" "$base/stations/nam-sach/weeks/$week"
echo "== API week: wrk -t1 -c20 -d30s $base/api/stations/nam-sach/weeks/$week"
wrk -t1 -c20 -d30s --latency -H "$auth" "$base/api/stations/nam-sach/weeks/$week"
echo "== planning through the API: POST $base/api/stations/nam-sach/weeks/2026-W50/plan, 10 times (seconds each)"
for _ in $(seq 1 10); do
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "$auth" -H 'Content-Type: application/json' -d '{}' \
       "$base/api/stations/nam-sach/weeks/2026-W50/plan"
done
