#!/usr/bin/env python3
"""Writes a demo play log for xã Nam Sách, November 2026, from its planned weeks.

    python3 scripts/make-demo-log.py > Schedules/nam-sach/nhat-ky-phat-2026-11.csv

Two loudspeaker clusters play every planned airing, with the deviations an audit must find:
week 46's NQ57 programme never aired (made up by a second one in week 47), the week 47
"Chuyển đổi số" column cut short on cluster 2, a late start, an airing nobody planned,
some times written dd/MM/yyyy, one file path in NFD form, and a malformed line.
Deterministic: the same plans give the same log.
"""
import csv, datetime, json, sys, unicodedata

weeks = ["2026-W45", "2026-W46", "2026-W47", "2026-W48"]
rows = []
for w in weeks:
    doc = json.load(open(f"Schedules/nam-sach/{w}/schedule.json", encoding="utf-8"))
    for s in doc["sessions"]:
        for a in s["airings"]:
            if a["file"] is None:
                continue  # relays are not in the player's log
            start = datetime.datetime.fromisoformat(a["start"])
            rows.append({"start": start, "file": a["file"], "item": a["item"], "played": a["duration"], "rules": a["rules"]})

out = []
nq57 = [r for r in rows if "nq57" in r["rules"]]
cds = [r for r in rows if "cds" in r["rules"]]
missed = nq57[1]                      # week 46's only NQ57 airing
makeup = dict(nq57[2]); makeup["start"] = nq57[2]["start"] + datetime.timedelta(days=1, minutes=-9 * 60 - 5)  # next morning, week 47
for r in rows:
    if r is missed:
        continue
    for device in ("cum-1", "cum-2"):
        played = r["played"]
        start = r["start"]
        if r is cds[2] and device == "cum-2":
            played = round(played * 0.4, 1)               # cut short on one cluster
        if r["start"].date() == cds[3]["start"].date() and r["start"].hour == cds[3]["start"].hour:
            start = start + datetime.timedelta(minutes=10)  # that session started 10 minutes late everywhere
        out.append((start, r["file"], played, device))
out.append((makeup["start"], makeup["file"], makeup["played"], "cum-1"))
out.append((makeup["start"], makeup["file"], makeup["played"], "cum-2"))
out.sort(key=lambda x: (x[0], x[3]))

w = csv.writer(sys.stdout, lineterminator="\r\n")
w.writerow(["start", "file", "played", "status", "device"])
for n, (start, f, played, device) in enumerate(out):
    when = start.strftime("%d/%m/%Y %H:%M:%S") if n % 7 == 3 else start.isoformat()
    if n == 10:
        f = unicodedata.normalize("NFD", f)
    w.writerow([when, f, played, "ok", device])
    if n == 25:
        w.writerow(["hôm qua", f, "abc", "ok", device])   # a malformed line
