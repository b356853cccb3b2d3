#!/usr/bin/env bash
# Audit benchmark: a year of play logs for 200 stations (two sessions a day, about 15 airings
# each: about 2 million lines), audited by `lichphat audit` in one run (release build).
#
#   bash Benchmarks/audit-benchmark.sh [STATIONS]
#
# Each station is a copy of Schedules/nam-sach.yaml on the demo library with its own id and
# its own play log (ISO times, file paths, played seconds, two clusters on alternate days).
# Prints wall time and peak memory (GNU time).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-200}
bash scripts/setup.sh time
swift build -c release --product lichphat >/dev/null
BIN=$PWD/.build/release/lichphat
WORK=${BENCH_DIR:-/tmp/lichphat-audit-bench}
rm -rf "$WORK"; mkdir -p "$WORK/Schedules" "$WORK/logs"
ln -s "$PWD/Audio" "$WORK/Audio"
"$BIN" scan Audio --quick --format json --no-cache > "$WORK/audio.json"
python3 - "$WORK" "$N" <<'PY'
import datetime, json, os, sys
work, n = sys.argv[1], int(sys.argv[2])
station = open("Schedules/nam-sach.yaml", encoding="utf-8").read()
audio = json.load(open(f"{work}/audio.json", encoding="utf-8"))
files = sorted((os.path.relpath(f["path"], "Audio"), f["duration"]) for f in audio["files"])
lines = 0
for k in range(n):
    sid = f"xa-{k:03d}"
    open(f"{work}/Schedules/{sid}.yaml", "w", encoding="utf-8").write(
        station.replace("id: nam-sach", f"id: {sid}").replace("xã Nam Sách", f"xã Thử {k}"))
    with open(f"{work}/logs/{sid}.csv", "w", encoding="utf-8") as out:
        out.write("start,file,played,status,device\n")
        day = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone(datetime.timedelta(hours=7)))
        for d in range(365):
            for hour in (6, 17):
                t = day + datetime.timedelta(days=d, hours=hour)
                for i in range(15):
                    f, length = files[(d * 31 + hour + i * 7 + k) % len(files)]
                    out.write(f"{t.isoformat()},{f},{length:.1f},ok,cum-{1 + (d + i) % 2}\n")
                    t += datetime.timedelta(seconds=length + 1)
                    lines += 1
print(f"{lines} lines in {n} play logs", file=sys.stderr)
PY
cd "$WORK"
args=()
for f in Schedules/*.yaml; do args+=("$f"); done
for f in logs/*.csv; do args+=(--asrun "$f"); done
"$BIN" scan Audio --quick >/dev/null   # the audio catalog, as on an operator's machine
/usr/bin/time -f "%e s wall, %M KB peak" "$BIN" audit "${args[@]}" --period 2026 --format json --out report.json --force 2> time.txt || true
tail -1 time.txt
ls -la report.json | awk '{print $5 " bytes of JSON"}'
