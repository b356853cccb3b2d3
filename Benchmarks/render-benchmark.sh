#!/usr/bin/env bash
# Rendering the shipped week (issue 10): lichphat render against ffmpeg concatenating the same
# files per session and normalising them with loudnorm, MP3 128 kbit/s at 44.1 kHz, one run each.
#
#   bash Benchmarks/render-benchmark.sh [path/to/lichphat]   (default .build/release/lichphat)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-.build/release/lichphat}")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
echo "== machine: $(nproc) cores; $("$bin" --version); $(ffmpeg -version | head -1)"
start=$(date +%s.%N)
"$bin" render Schedules/nam-sach.yaml --week 2026-W48 --out "$work/lichphat" --cache "$work/catalog.sqlite" >/dev/null
lich=$(echo "$(date +%s.%N) - $start" | bc)
python3 - "$work" <<'PY' > "$work/ffmpeg.sh"
import json, shlex, sys
work = sys.argv[1]
doc = json.load(open(f"{work}/lichphat/render.json"))
week = json.load(open("Schedules/nam-sach/2026-W48/schedule.json"))
files = {a["item"]: a["file"] for s in week["sessions"] for a in s["airings"] if a["file"]}
for f in doc["files"]:
    inputs = [f"Audio/{files[a['item']]}" for a in f["airings"]]
    args = ["ffmpeg", "-hide_banner", "-loglevel", "error", "-y"]
    for i in inputs: args += ["-i", i]
    chain = "".join(f"[{n}:a]aresample=44100,aformat=channel_layouts=mono[a{n}];" for n in range(len(inputs)))
    chain += "".join(f"[a{n}]" for n in range(len(inputs))) + f"concat=n={len(inputs)}:v=0:a=1,loudnorm=I=-17:TP=-1:LRA=11[out]"
    args += ["-filter_complex", chain, "-map", "[out]", "-ar", "44100", "-b:a", "128k", f"{work}/ffmpeg-{f['file']}"]
    print(" ".join(shlex.quote(a) for a in args))
PY
start=$(date +%s.%N)
bash "$work/ffmpeg.sh"
ff=$(echo "$(date +%s.%N) - $start" | bc)
n=$(ls "$work"/lichphat/*.mp3 | wc -l)
echo "lichphat render: $n files in ${lich} s"
echo "ffmpeg concat + loudnorm: $(ls "$work"/ffmpeg-*.mp3 | wc -l) files in ${ff} s"
echo "ratio (ffmpeg / lichphat): $(echo "scale=2; $ff / $lich" | bc)"
