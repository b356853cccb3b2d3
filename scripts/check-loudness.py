#!/usr/bin/env python3
"""Compares LichPhat's loudness with ffmpeg's ebur128 filter on every file of a library.

    python3 scripts/check-loudness.py [LICHPHAT] [FOLDER]

Integrated loudness must agree within 0.1 LU (the issue's bar); loudness range and
true peak differences are printed for information. Exit 0 when all agree.
"""
import json, re, subprocess, sys

lichphat = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/lichphat"
folder = sys.argv[2] if len(sys.argv) > 2 else "Audio"
doc = json.loads(subprocess.run([lichphat, "scan", folder, "--no-cache", "--format", "json"],
                                capture_output=True, text=True).stdout)
worst = 0.0
bad = 0
print(f"{'file':60} {'lichphat':>9} {'ffmpeg':>8} {'ΔI':>6} {'ΔLRA':>6} {'ΔTP':>6}")
for f in doc["files"]:
    out = subprocess.run(["ffmpeg", "-nostats", "-hide_banner", "-i", f["path"], "-af", "ebur128=peak=true",
                          "-f", "null", "-"], capture_output=True, text=True).stderr
    summary = out[out.rfind("Summary:"):]
    i = float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1))
    lra = float(re.search(r"LRA:\s+(-?[\d.]+) LU", summary).group(1))
    tp = float(re.search(r"Peak:\s+(-?[\d.]+) dBFS", summary).group(1))
    mine = f["loudness"]
    di = abs(mine["integrated"] - i)
    worst = max(worst, di)
    if di > 0.1:
        bad += 1
    print(f"{f['path'][-60:]:60} {mine['integrated']:9.2f} {i:8.1f} {di:6.2f} {abs(mine['range'] - lra):6.2f} {abs(mine['truePeak'] - tp):6.2f}")
print(f"{len(doc['files'])} files, largest integrated-loudness difference {worst:.2f} LU (ffmpeg prints one decimal)")
sys.exit(1 if bad else 0)
