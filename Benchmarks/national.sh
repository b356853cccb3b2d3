#!/usr/bin/env bash
# A national roll-up, simulated (issue 20): every commune-level unit of the country (3,321 since
# the 2025 reorganisation) as a station on one disk, each a copy of one of the three shipped
# stations with its own id, sharing one audio library; November 2026's four weeks planned for the
# three shapes by `lichphat plan` and copied to every commune with its id (planning each of them
# is measured by Benchmarks/province.sh); a month of play logs from those plans. Then the month's
# roll-up of every station in one `lichphat audit` run, from the plans and from the play logs
# (wall time and peak memory, GNU time). Release build.
#
#   bash Benchmarks/national.sh [N]   (default 3321)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-3321}
bash scripts/setup.sh time >/dev/null
swift build -c release --product lichphat >/dev/null
BIN=$PWD/.build/release/lichphat
WORK=${BENCH_DIR:-/tmp/lichphat-national-$N}
rm -rf "$WORK"; mkdir -p "$WORK/Schedules" "$WORK/shapes"
ln -s "$PWD/Audio" "$WORK/Audio"
export XDG_CACHE_HOME="$WORK/cache" LICHPHAT_NOW=2026-11-01T09:00:00+07:00
echo "== machine: $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GB; $N communes, one shared library"
for s in nam-sach hai-duong ngo-quyen; do
  cp "Schedules/$s.yaml" "$WORK/shapes/$s.yaml"
  "$BIN" plan "$WORK/shapes/$s.yaml" --week 2026-W45 --weeks 4 >/dev/null 2>&1 || "$BIN" plan "$WORK/shapes/$s.yaml" --week 2026-W45 --weeks 4 --allow-shortfall >/dev/null
done
python3 - "$WORK" "$N" <<'PY'
import json, os, re, sys
work, n = sys.argv[1], int(sys.argv[2])
shapes = ["nam-sach", "hai-duong", "ngo-quyen"]
texts = {s: open(f"{work}/shapes/{s}.yaml", encoding="utf-8").read() for s in shapes}
weeks = {s: {w: open(f"{work}/shapes/{s}/{w}/schedule.json", encoding="utf-8").read() for w in ("2026-W45", "2026-W46", "2026-W47", "2026-W48")} for s in shapes}
lines = 0
for k in range(n):
    shape, sid, name = shapes[k % 3], f"xa-{k:04d}", f"Đài truyền thanh xã Thử {k}"
    text = re.sub(r"station: \{id: [a-z-]+, name: \"[^\"]*\"", f"station: {{id: {sid}, name: \"{name}\"", texts[shape], count=1)
    open(f"{work}/Schedules/{sid}.yaml", "w", encoding="utf-8").write(text)
    rows = []
    for w, doc in weeks[shape].items():
        os.makedirs(f"{work}/Schedules/{sid}/{w}", exist_ok=True)
        d = json.loads(doc)
        d["station"]["id"], d["station"]["name"] = sid, name
        open(f"{work}/Schedules/{sid}/{w}/schedule.json", "w", encoding="utf-8").write(json.dumps(d, ensure_ascii=False, indent=2) + "\n")
        for s in d["sessions"]:
            for a in s["airings"]:
                if a["start"].startswith("2026-11"):
                    rows.append(f'{a["start"]},{a["item"]},{a.get("file") or ""},{a["duration"]:.3f},ok\n')
    with open(f"{work}/Schedules/{sid}/nhat-ky-phat-2026-11.csv", "w", encoding="utf-8") as out:
        out.write("start,item,file,played,status\n")
        out.writelines(rows)
    lines += len(rows)
print(f"setup: {n} stations, {n * 4} weeks, {lines} play-log lines for November")
PY
cd "$WORK"
"$BIN" scan Audio/ --quick >/dev/null
args=(); logs=()
for f in Schedules/*.yaml; do args+=("$f"); done
for f in Schedules/xa-*/nhat-ky-phat-2026-11.csv; do logs+=(--asrun "$f"); done
echo "== the month's roll-up from the plans: lichphat audit (all $N) --period 2026-11"
/usr/bin/time -f "%e s wall, %M KB peak" "$BIN" audit "${args[@]}" --period 2026-11 --format json --out plans.json >/dev/null 2>time.txt || true
tail -2 time.txt; ls -la plans.json 2>/dev/null | awk '{print $5 " bytes of JSON"}'
echo "== the month's roll-up from the play logs: lichphat audit (all $N) --period 2026-11 --asrun (each)"
/usr/bin/time -f "%e s wall, %M KB peak" "$BIN" audit "${args[@]}" "${logs[@]}" --period 2026-11 --format json --out logs.json >/dev/null 2>time.txt || true
tail -2 time.txt; ls -la logs.json 2>/dev/null | awk '{print $5 " bytes of JSON"}'
