#!/usr/bin/env bash
# A city server at scale (issue 20): a synthetic province of N communes (default 168, TP.HCM's
# count since the 2025 reorganisation), each a copy of one of the three shipped stations with its
# own id and name, its own library folder (hard links of the demo library: 18 files each) or,
# with SHARED=1, one shared library; four weeks planned and approved (2026-W45..W48); a month of
# play logs written from those plans (what a playout would log). Then, release build:
#   - planning every station's next week (2026-W49), one `lichphat plan` each;
#   - the month's roll-up of every station (`lichphat audit`), from the plans and from the play logs
#     (wall time and peak memory, GNU time);
#   - the server (a city account and a commune operator, HTTP Basic) under 20 concurrent clients
#     for 20 s each (wrk): the city dashboard, one commune's week page, its API week call.
#
#   bash Benchmarks/province.sh [N]            NATIONAL=1 skips the server and the approvals (3,321 communes)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-168}
bash scripts/setup.sh time wrk >/dev/null
swift build -c release --product lichphat >/dev/null
BIN=$PWD/.build/release/lichphat
WORK=${BENCH_DIR:-/tmp/lichphat-province-$N}
rm -rf "$WORK"; mkdir -p "$WORK/Schedules" "$WORK/Audio"
# One audio catalog for every command and the server, as on a city server.
export XDG_CACHE_HOME="$WORK/cache"
echo "== machine: $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GB, $(uname -sr); $N communes; library: ${SHARED:+shared}${SHARED:-one folder each}"
python3 - "$WORK" "$N" "${SHARED:-}" <<'PY'
import os, re, sys
work, n, shared = sys.argv[1], int(sys.argv[2]), sys.argv[3]
shapes = [open(f"Schedules/{s}.yaml", encoding="utf-8").read() for s in ("nam-sach", "hai-duong", "ngo-quyen")]
if shared:
    os.symlink(os.path.abspath("Audio"), f"{work}/Audio/chung")
for k in range(n):
    sid = f"xa-{k:04d}"
    text = shapes[k % 3]
    text = re.sub(r"station: \{id: [a-z-]+, name: \"[^\"]*\"", f"station: {{id: {sid}, name: \"Đài truyền thanh xã Thử {k}\"", text, count=1)
    text = re.sub(r"^audio: .*$", f"audio: ../Audio/{'chung' if shared else sid}", text, count=1, flags=re.M)
    open(f"{work}/Schedules/{sid}.yaml", "w", encoding="utf-8").write(text)
    if not shared:
        for root, dirs, files in os.walk("Audio"):
            rel = os.path.relpath(root, "Audio")
            os.makedirs(os.path.join(work, "Audio", sid, rel), exist_ok=True)
            for f in files:
                os.link(os.path.join(root, f), os.path.join(work, "Audio", sid, rel, f))
PY
cd "$WORK"
"$BIN" scan Audio --quick >/dev/null   # the audio catalog, as on the server
export LICHPHAT_NOW=2026-11-01T09:00:00+07:00
t0=$(date +%s.%N)
for f in Schedules/*.yaml; do "$BIN" plan "$f" --week 2026-W45 --weeks 4 >/dev/null 2>&1 || "$BIN" plan "$f" --week 2026-W45 --weeks 4 --allow-shortfall >/dev/null 2>&1; done
echo "setup: 4 weeks planned for each of $N communes in $(echo "$(date +%s.%N) - $t0" | bc) s"
if [ -z "${NATIONAL:-}" ]; then
  t0=$(date +%s.%N)
  for d in Schedules/xa-*/2026-W4[5-8]; do "$BIN" approve "$d" --by "Lãnh đạo xã" >/dev/null; done
  echo "setup: $((N * 4)) weeks approved in $(echo "$(date +%s.%N) - $t0" | bc) s"
fi
# A month of play logs, from the plans: every airing of November as planned.
python3 - <<'PY'
import glob, json, os
lines = 0
for station in sorted(glob.glob("Schedules/xa-*/")):
    rows = []
    for week in sorted(glob.glob(station + "2026-W4[5-8]/schedule.json")):
        doc = json.load(open(week, encoding="utf-8"))
        for s in doc["sessions"]:
            for a in s["airings"]:
                if a["start"].startswith("2026-11"):
                    rows.append(f'{a["start"]},{a["item"]},{a.get("file") or ""},{a["duration"]:.3f},ok\n')
    with open(station + "nhat-ky-phat-2026-11.csv", "w", encoding="utf-8") as out:
        out.write("start,item,file,played,status\n")
        out.writelines(rows)
    lines += len(rows)
print(f"setup: {lines} play-log lines for November")
PY
echo "== planning every commune's next week (2026-W49): one lichphat plan each"
export LICHPHAT_NOW=2026-11-28T09:00:00+07:00
/usr/bin/time -f "%e s wall, %M KB peak (the largest one process)" bash -c "for f in Schedules/*.yaml; do \"$BIN\" plan \"\$f\" --week 2026-W49 >/dev/null 2>&1 || \"$BIN\" plan \"\$f\" --week 2026-W49 --allow-shortfall >/dev/null; done"
args=(); logs=()
for f in Schedules/*.yaml; do args+=("$f"); done
for f in Schedules/xa-*/nhat-ky-phat-2026-11.csv; do logs+=(--asrun "$f"); done
echo "== the month's roll-up from the plans: lichphat audit (all $N) --period 2026-11"
/usr/bin/time -f "%e s wall, %M KB peak" "$BIN" audit "${args[@]}" --period 2026-11 --format json --out plans.json >/dev/null 2>time.txt || true
tail -1 time.txt
echo "== the month's roll-up from the play logs: lichphat audit (all $N) --period 2026-11 --asrun (each)"
/usr/bin/time -f "%e s wall, %M KB peak" "$BIN" audit "${args[@]}" "${logs[@]}" --period 2026-11 --format json --out logs.json >/dev/null 2>time.txt || true
tail -1 time.txt
[ -n "${NATIONAL:-}" ] && exit 0
export LICHPHAT_NOW=2026-12-01T09:00:00+07:00
echo "city-pass-1234" | "$BIN" user add so --role city --password-stdin --root Schedules >/dev/null
echo "op-pass-12345" | "$BIN" user add op --role operator --station xa-0000 --password-stdin --root Schedules >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
/usr/bin/time -f "%M KB peak (server)" -o server-time.txt "$BIN" serve --root Schedules --port "$port" >serve.log 2>&1 &
server=$!
trap 'pkill -P $server 2>/dev/null || true' EXIT
city="Authorization: Basic $(printf 'so:city-pass-1234' | base64)"
op="Authorization: Basic $(printf 'op:op-pass-12345' | base64)"
base="http://127.0.0.1:$port"
for _ in $(seq 1 600); do curl -s -o /dev/null -H "$city" "$base/api/stations" && break; sleep 0.5; done
t0=$(date +%s.%N); curl -s -o /dev/null -H "$city" "$base/city"; echo "first /city (every station loaded): $(echo "$(date +%s.%N) - $t0" | bc) s"
curl -s -o /dev/null -H "$op" "$base/stations/xa-0000/weeks/2026-W48"
echo "== city dashboard: wrk -t1 -c20 -d20s $base/city"
wrk -t1 -c20 -d20s --timeout 10s --latency -H "$city" "$base/city" | grep -E "Latency|50%|99%|Requests/sec|requests in|Non-2xx|errors"
echo "== a commune's week page: wrk -t1 -c20 -d20s $base/stations/xa-0000/weeks/2026-W48"
wrk -t1 -c20 -d20s --latency -H "$op" "$base/stations/xa-0000/weeks/2026-W48" | grep -E "Latency|50%|99%|Requests/sec|requests in|Non-2xx|errors"
echo "== its API week: wrk -t1 -c20 -d20s $base/api/stations/xa-0000/weeks/2026-W48"
wrk -t1 -c20 -d20s --latency -H "$op" "$base/api/stations/xa-0000/weeks/2026-W48" | grep -E "Latency|50%|99%|Requests/sec|requests in|Non-2xx|errors"
pkill -INT -P $server; wait $server 2>/dev/null || true   # GNU time passes no signal on: stop the server itself
cat server-time.txt
