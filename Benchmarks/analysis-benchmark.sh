#!/usr/bin/env bash
# Full-analysis benchmark (issue 8): `lichphat scan` (decode, integrated loudness, loudness range,
# true peak, silence, clipping, audio hash) against `ffmpeg -af ebur128=peak=true -f null -` once
# per file, the tool a station would otherwise use, in one run on this machine:
#   (a) 100 files of the demo library (copies, as in scan-benchmark.sh)
#   (b) four one-minute files: speech WAV 44.1 kHz mono, music FLAC 48 kHz 24-bit stereo,
#       pink noise WAV 44.1 kHz stereo, speech MP3 96 kbps
#   (c) one 30-minute 48 kHz stereo file (WAV 16-bit, FLAC 24-bit, MP3 128 kbps), --jobs 1 against --jobs 2
#   (d) peak memory (max RSS) scanning a 3-hour file (FLAC, MP3), against scanning a one-second file
# and the loudness and true peak each tool reports for (b).
#
#   bash Benchmarks/analysis-benchmark.sh
#
# Prints Markdown tables (Benchmarks/RESULTS.md keeps them). The page cache is warm for every tool.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh ffmpeg sox espeak-ng time
swift build -c release --product lichphat >/dev/null
BIN=$PWD/.build/release/lichphat
WORK=${BENCH_DIR:-/tmp/lichphat-analysis-bench}
rm -rf "$WORK"; mkdir -p "$WORK/lib" "$WORK/four" "$WORK/long" "$WORK/huge" "$WORK/tiny"

# (a) 100 demo files
mapfile -t demo < <(find Audio -type f \( -name '*.mp3' -o -name '*.ogg' -o -name '*.wav' \) | sort)
for ((i = 0; i < 100; i++)); do
  src=${demo[$((i % ${#demo[@]}))]}
  cp "$src" "$WORK/lib/$i-$(basename "$src")"
done

# (b) four one-minute files
text="Thực hiện Nghị quyết 57 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia. Ủy ban nhân dân xã thông báo lịch tiêm chủng cho trẻ em dưới năm tuổi vào sáng thứ bảy tại trạm y tế xã. "
espeak-ng -v vi -w "$WORK/speech-raw.wav" "$text$text$text$text$text$text"
sox "$WORK/speech-raw.wav" -r 44100 -c 1 -b 16 "$WORK/four/speech.wav" trim 0 60
sox "Audio/nhac/nhạc nền mùa gặt.ogg" -r 48000 -b 24 -c 2 "$WORK/four/music.flac" remix 1 1v0.8 trim 0 60
sox -n -r 44100 -c 2 -b 16 "$WORK/four/pink.wav" synth 60 pinknoise gain -12
ffmpeg -v error -y -i "$WORK/four/speech.wav" -c:a libmp3lame -b:a 96k "$WORK/four/speech.mp3"

# (c) 30 minutes, 48 kHz stereo; (d) 3 hours
sox "Audio/nhac/nhạc nền buổi sáng.ogg" -r 48000 -c 2 -b 16 "$WORK/piece.wav" remix 1 1v0.9
sox $(for i in $(seq 12); do echo "$WORK/piece.wav"; done) "$WORK/long/long30.wav" trim 0 1800
sox "$WORK/long/long30.wav" -b 24 "$WORK/long/long30.flac"
ffmpeg -v error -y -i "$WORK/long/long30.wav" -c:a libmp3lame -b:a 128k "$WORK/long/long30.mp3"
sox "$WORK/long/long30.flac" "$WORK/long/long30.flac" "$WORK/long/long30.flac" "$WORK/long/long30.flac" \
    "$WORK/long/long30.flac" "$WORK/long/long30.flac" "$WORK/huge/long3h.flac"
ffmpeg -v error -y -i "$WORK/huge/long3h.flac" -c:a libmp3lame -b:a 128k "$WORK/huge/long3h.mp3"
sox -n -r 48000 -c 2 -b 16 "$WORK/tiny/one-second.wav" synth 1 sine 440 gain -12
rm -f "$WORK/piece.wav" "$WORK/speech-raw.wav"
find "$WORK" -type f -exec cat {} + > /dev/null   # warm the page cache for everyone

now() { date +%s.%N; }
secs() { python3 -c "print(f'{$2 - $1:.3f}')"; }
ffmpeg_loop() { local t0 t1; t0=$(now); for f in "$@"; do ffmpeg -nostats -hide_banner -i "$f" -af ebur128=peak=true -f null - 2>/dev/null; done; t1=$(now); secs "$t0" "$t1"; }
lichphat() { local jobs=$1; shift; local t0 t1; t0=$(now); "$BIN" scan "$@" --no-cache --jobs "$jobs" --format json >/dev/null || true; t1=$(now); secs "$t0" "$t1"; }

mapfile -t lib < <(find "$WORK/lib" -type f | sort)
mapfile -t four < <(find "$WORK/four" -type f | sort)
lib_ff=$(ffmpeg_loop "${lib[@]}"); lib_1=$(lichphat 1 "$WORK/lib"); lib_2=$(lichphat 2 "$WORK/lib")
four_ff=$(ffmpeg_loop "${four[@]}"); four_1=$(lichphat 1 "$WORK/four"); four_2=$(lichphat 2 "$WORK/four")
wav_ff=$(ffmpeg_loop "$WORK/long/long30.wav"); wav_1=$(lichphat 1 "$WORK/long/long30.wav"); wav_2=$(lichphat 2 "$WORK/long/long30.wav")
flac_ff=$(ffmpeg_loop "$WORK/long/long30.flac"); flac_1=$(lichphat 1 "$WORK/long/long30.flac"); flac_2=$(lichphat 2 "$WORK/long/long30.flac")
mp3_ff=$(ffmpeg_loop "$WORK/long/long30.mp3"); mp3_1=$(lichphat 1 "$WORK/long/long30.mp3"); mp3_2=$(lichphat 2 "$WORK/long/long30.mp3")
lib_min=$("$BIN" scan "$WORK/lib" --quick --no-cache --format json | python3 -c "import json,sys; print(round(json.load(sys.stdin)['summary']['duration']/60))")

rss() { /usr/bin/time -f %M "$BIN" scan "$@" --no-cache --format json 2>&1 >/dev/null | tail -1; }
rss_tiny=$(rss --jobs 1 "$WORK/tiny/one-second.wav")
rss_huge1=$(rss --jobs 1 "$WORK/huge/long3h.flac")
rss_huge2=$(rss --jobs 2 "$WORK/huge/long3h.flac")
rss_mp3=$(rss --jobs 2 "$WORK/huge/long3h.mp3")

"$BIN" scan "$WORK/four" --no-cache --format json > "$WORK/four.json"
for f in "${four[@]}"; do
  echo "== $(basename "$f")"
  ffmpeg -nostats -hide_banner -i "$f" -af ebur128=peak=true -f null - 2>&1 | grep -E "^\s+(I|Peak):" || true
done > "$WORK/four-ffmpeg.txt"

python3 - "$lib_min" "$lib_ff" "$lib_1" "$lib_2" "$four_ff" "$four_1" "$four_2" "$wav_ff" "$wav_1" "$wav_2" \
          "$flac_ff" "$flac_1" "$flac_2" "$rss_tiny" "$rss_huge1" "$rss_huge2" "$rss_mp3" "$WORK" "$mp3_ff" "$mp3_1" "$mp3_2" <<'PY'
import sys, os, platform, json, re
a = sys.argv[1:]
minutes = a[0]
lib_ff, lib_1, lib_2, four_ff, four_1, four_2, wav_ff, wav_1, wav_2, flac_ff, flac_1, flac_2 = map(float, a[1:13])
rss_tiny, rss1, rss2, rss_mp3 = (int(x) / 1024 for x in a[13:17])
work = a[17]
mp3_ff, mp3_1, mp3_2 = map(float, a[18:21])
print(f"Machine: {platform.machine()}, {os.cpu_count()} cores.\n")
print("| files | ffmpeg ebur128 loop | lichphat --jobs 1 | ratio | lichphat --jobs 2 | ratio | targets |")
print("|---|---|---|---|---|---|---|")
print(f"| (a) 100 demo files ({minutes} min) | {lib_ff:.2f} s | {lib_1:.2f} s | {lib_ff/lib_1:.2f}× | {lib_2:.2f} s | {lib_ff/lib_2:.2f}× | ≥ 1.5× / ≥ 3× |")
print(f"| (b) four one-minute files | {four_ff:.2f} s | {four_1:.2f} s | {four_ff/four_1:.2f}× | {four_2:.2f} s | {four_ff/four_2:.2f}× | ≥ 1.5× / ≥ 3× |")
print(f"| (c) 30 min 48 kHz stereo WAV | {wav_ff:.2f} s | {wav_1:.2f} s | {wav_ff/wav_1:.2f}× | {wav_2:.2f} s | {wav_ff/wav_2:.2f}× | jobs 2 ≥ 1.7× jobs 1: {wav_1/wav_2:.2f}× |")
print(f"| (c) 30 min 48 kHz stereo FLAC 24-bit | {flac_ff:.2f} s | {flac_1:.2f} s | {flac_ff/flac_1:.2f}× | {flac_2:.2f} s | {flac_ff/flac_2:.2f}× | jobs 2 ≥ 1.7× jobs 1: {flac_1/flac_2:.2f}× |")
print(f"| (c) 30 min 48 kHz stereo MP3 128 kbps | {mp3_ff:.2f} s | {mp3_1:.2f} s | {mp3_ff/mp3_1:.2f}× | {mp3_2:.2f} s | {mp3_ff/mp3_2:.2f}× | jobs 2 / jobs 1: {mp3_1/mp3_2:.2f}× |")
print()
print(f"(d) Peak memory (max RSS): scanning a one-second file {rss_tiny:.1f} MB; a 3-hour 48 kHz stereo FLAC "
      f"{rss1:.1f} MB with --jobs 1 (+{rss1-rss_tiny:.1f} MB), {rss2:.1f} MB with --jobs 2 (+{rss2-rss_tiny:.1f} MB); "
      f"the same 3 hours as a 128 kbps MP3 {rss_mp3:.1f} MB with --jobs 2 (+{rss_mp3-rss_tiny:.1f} MB).\n")
ours = {os.path.basename(f["path"]): f.get("loudness", {}) for f in json.load(open(f"{work}/four.json"))["files"]}
theirs, name = {}, None
for line in open(f"{work}/four-ffmpeg.txt"):
    if line.startswith("== "): name = line[3:].strip(); theirs[name] = {}
    elif m := re.match(r"\s+I:\s+(-?[\d.]+) LUFS", line): theirs[name]["I"] = float(m[1])
    elif m := re.match(r"\s+Peak:\s+(-?[\d.]+) dBFS", line): theirs[name]["TP"] = float(m[1])
print("| file (b) | integrated, ffmpeg / lichphat | true peak, ffmpeg / lichphat |")
print("|---|---|---|")
for n in sorted(ours):
    o, t = ours[n], theirs.get(n, {})
    print(f"| {n} | {t.get('I')} / {o.get('integrated')} LUFS | {t.get('TP')} / {o.get('truePeak')} dBTP |")
PY
