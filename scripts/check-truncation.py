#!/usr/bin/env python3
"""Cut files against ffmpeg: LichPhat's playable length of a cut-short file must be the length
ffmpeg decodes from it, within 0.1 s, for every format and wherever the cut falls.

    python3 scripts/check-truncation.py LICHPHAT WORKDIR

Makes 9.25 s of noise with ffmpeg as FLAC (48 kHz, 24-bit, stereo), OGG Vorbis, WAV 16 and
24-bit, and MP3 with and without a Xing/LAME tag; cuts each with the first N bytes at 1 %, 50 %
and 99 % of its size, inside the header region (300 bytes) and on the first MP3 frame boundary
after the middle; then compares `lichphat scan --format json` (full and --quick) with the
duration ffmpeg decodes. A file of which ffmpeg decodes nothing must be an error without a
length (corrupt or unreadable); one it decodes must be `truncated` with that length (but an
MP3 without a Xing/LAME tag cut exactly between frames, which nothing can tell from a whole
file: its length must be right).
"""
import json, os, re, subprocess, sys

lichphat, work = sys.argv[1], sys.argv[2]
os.makedirs(work, exist_ok=True)
src = os.path.join(work, "src"); cut = os.path.join(work, "cut")
os.makedirs(src, exist_ok=True); os.makedirs(cut, exist_ok=True)

def ff(*args):
    subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", *args], check=True)

noise = ["-f", "lavfi", "-i", "anoisesrc=d=9.25:c=pink:r=48000:a=0.3:seed=57"]
ff(*noise, "-ac", "2", "-c:a", "flac", "-sample_fmt", "s32", "-bits_per_raw_sample", "24", f"{src}/a.flac")
ff(*noise, "-ac", "1", "-ar", "44100", "-c:a", "libvorbis", "-q:a", "4", f"{src}/a.ogg")
ff(*noise, "-ac", "1", "-ar", "44100", "-c:a", "pcm_s16le", f"{src}/a16.wav")
ff(*noise, "-ac", "2", "-c:a", "pcm_s24le", f"{src}/a24.wav")
ff(*noise, "-ac", "1", "-ar", "44100", "-c:a", "libmp3lame", "-b:a", "96k", f"{src}/xing.mp3")
ff(*noise, "-ac", "1", "-ar", "44100", "-c:a", "libmp3lame", "-b:a", "96k", "-write_xing", "0", f"{src}/plain.mp3")

def frame_boundary(data, start):
    for i in range(start, len(data) - 1):
        if data[i] == 0xFF and data[i + 1] & 0xE0 == 0xE0:
            return i
    return start

cases = []
for name in sorted(os.listdir(src)):
    data = open(os.path.join(src, name), "rb").read()
    stem, ext = os.path.splitext(name)
    points = {"1pct": len(data) // 100, "50pct": len(data) // 2, "99pct": len(data) * 99 // 100, "head": 300}
    if ext == ".mp3":
        points["frame"] = frame_boundary(data, len(data) // 2)
    for label, n in points.items():
        path = os.path.join(cut, f"{stem}-{label}{ext}")
        open(path, "wb").write(data[:n])
        cases.append(path)

def ffmpeg_length(path):
    r = subprocess.run(["ffmpeg", "-hide_banner", "-nostats", "-v", "error", "-i", path, "-f", "s16le", "-ac", "1", "-ar", "48000", "-"],
                       capture_output=True)
    return len(r.stdout) / 2 / 48000

def scan(quick):
    args = [lichphat, "scan", cut, "--format", "json", "--no-cache", "--lang", "en"] + (["--quick"] if quick else [])
    r = subprocess.run(args, capture_output=True, text=True)
    return {os.path.basename(f["path"]): f for f in json.loads(r.stdout)["files"]}

full, quick = scan(False), scan(True)
failures = 0
for path in cases:
    name = os.path.basename(path)
    expected = ffmpeg_length(path)
    for mode, result in (("full", full), ("quick", quick)):
        f = result.get(name)
        codes = [p["code"] for p in f["problems"]] if f else ["missing"]
        if name == "plain-frame.mp3":
            # An MP3 without a Xing/LAME tag carries no length of its own: cut exactly between two
            # frames it is indistinguishable from a whole file. Its length must still be right.
            got = f.get("duration") if f else None
            ok = got is not None and abs(got - expected) <= 0.1 and "corrupt" not in codes
        elif expected == 0:
            ok = f is not None and f.get("duration") in (None, 0) and any(c in ("corrupt", "unreadable", "empty") for c in codes)
            got = f"{codes}"
        else:
            got = f.get("duration") if f else None
            ok = got is not None and abs(got - expected) <= 0.1 and "truncated" in codes and "corrupt" not in codes
        print(f"  {'ok  ' if ok else 'FAIL'} {name:22} {mode:5} ffmpeg {expected:6.3f} s, lichphat {got} {'' if ok else codes}")
        failures += 0 if ok else 1
print(f"{len(cases)} cut files, {failures} failure(s)")
sys.exit(1 if failures else 0)
