#!/usr/bin/env python3
"""Checks LichPhat's outputs with other people's tools.

    python3 scripts/check-exports.py LICHPHAT WORKDIR

Plans week 2026-W48 of every station file in Schedules/ into WORKDIR (the repository's own
Schedules/ is left alone), then: Liquidsoap 2 checks every schedule.liq; the `icalendar`
package parses every schedule.ics and its events are compared with schedule.json; every
schedule.json is validated against schemas/schedule.schema.json and the scan of Audio/
against schemas/scan.schema.json; every playlist entry must name an existing file.
Prints 'N passed, N failed' and exits non-zero on any failure.
"""
import glob, json, os, subprocess, sys
import icalendar, jsonschema

# The demo week 2026-W48 is still to come on this clock, whatever today is (lichphat refuses to
# plan a week that has ended unless told --past).
os.environ.setdefault("LICHPHAT_NOW", "2026-11-01T09:00:00+07:00")

lichphat, work = sys.argv[1], sys.argv[2]
passed = failed = 0

def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what)

schedule_schema = json.load(open("schemas/schedule.schema.json"))

def valid(doc, schema, what):
    try:
        jsonschema.validate(doc, schema)
        check(True, "")
    except jsonschema.ValidationError as e:
        check(False, f"{what}: {e.message}")

for station in sorted(glob.glob("Schedules/*.yaml")):
    sid = os.path.splitext(os.path.basename(station))[0]
    out = os.path.join(work, sid)
    r = subprocess.run([lichphat, "plan", station, "--week", "2026-W48", "--out", out], capture_output=True, text=True)
    check(r.returncode == 0, f"plan {station}: {r.stderr}")
    week = os.path.join(out, "2026-W48")
    doc = json.load(open(os.path.join(week, "schedule.json")))
    valid(doc, schedule_schema, f"{sid} schedule.json")
    liq = subprocess.run(["liquidsoap", "--check", "schedule.liq"], cwd=week, capture_output=True, text=True, timeout=120)
    check(liq.returncode == 0, f"{sid} liquidsoap --check: {liq.stdout}{liq.stderr}")
    cal = icalendar.Calendar.from_ical(open(os.path.join(week, "schedule.ics"), "rb").read())
    events = cal.walk("VEVENT")
    check(len(events) == len(doc["sessions"]), f"{sid}: {len(events)} events for {len(doc['sessions'])} sessions")
    for ev, s in zip(events, doc["sessions"]):
        check(ev.decoded("DTSTART").isoformat() == s["start"], f"{sid}: DTSTART {ev.decoded('DTSTART')} vs {s['start']}")
        check(ev.decoded("DTEND").isoformat() == s["end"], f"{sid}: DTEND {ev.decoded('DTEND')} vs {s['end']}")
        check(len(str(ev["DESCRIPTION"]).splitlines()) == len(s["airings"]), f"{sid}: description lines")
    for playlist in glob.glob(os.path.join(week, "*.m3u8")):
        for line in open(playlist, encoding="utf-8").read().splitlines():
            if line and not line.startswith("#"):
                check(os.path.exists(os.path.join(week, line)), f"{playlist}: {line} missing")

# With trim_silence (and max_dead_air short enough that the demo files have some to trim): the
# cue points are in schedule.json (valid against the schema) and Liquidsoap accepts cue_cut.
trim = os.path.join(work, "trim")
os.makedirs(os.path.join(trim, "Schedules"), exist_ok=True)
if not os.path.exists(os.path.join(trim, "Audio")):
    os.symlink(os.path.abspath("Audio"), os.path.join(trim, "Audio"))
text = open("Schedules/nam-sach.yaml", encoding="utf-8").read().replace("policy: {", "policy: {max_dead_air: 0.05, ", 1)
open(os.path.join(trim, "Schedules", "nam-sach.yaml"), "w", encoding="utf-8").write(text + "\ntrim_silence: true\n")
r = subprocess.run([lichphat, "plan", os.path.join(trim, "Schedules", "nam-sach.yaml"), "--week", "2026-W48", "--no-cache"], capture_output=True, text=True)
check(r.returncode == 0, f"plan with trim_silence: {r.stderr}")
week = os.path.join(trim, "Schedules", "nam-sach", "2026-W48")
doc = json.load(open(os.path.join(week, "schedule.json")))
cued = [a for s in doc["sessions"] for a in s["airings"] if "cueIn" in a]
check(len(cued) > 0 and all(abs(a["cueOut"] - a["cueIn"] - a["duration"]) < 0.0015 for a in cued), f"trim_silence: {len(cued)} airings with cue points, duration = cueOut − cueIn")
valid(doc, schedule_schema, "trim schedule.json")
liq = subprocess.run(["liquidsoap", "--check", "schedule.liq"], cwd=week, capture_output=True, text=True, timeout=120)
check(liq.returncode == 0 and "cue_cut(" in open(os.path.join(week, "schedule.liq"), encoding="utf-8").read(),
      f"trim liquidsoap --check: {liq.stdout}{liq.stderr}")
print(f"trim_silence: {len(cued)} airings cued, Liquidsoap {'accepts' if liq.returncode == 0 else 'REFUSES'} cue_cut")

# lichphat render: every session of the shipped week in one MP3; each file's length is the
# planned content's within 50 ms (ffprobe), its loudness within 1 LU of the station's target and
# its true peak under the limit (ffmpeg's ebur128); platform.json valid against its schema.
rendered = os.path.join(work, "render")
r = subprocess.run([lichphat, "render", "Schedules/nam-sach.yaml", "--week", "2026-W48", "--out", rendered, "--no-cache"],
                   capture_output=True, text=True, timeout=900)
check(r.returncode == 0, f"render: {r.stderr}")
if r.returncode == 0:
    plan_doc = json.load(open("Schedules/nam-sach/2026-W48/schedule.json"))
    target = -17.0   # nam-sach.yaml's loudness_target
    render_doc = json.load(open(os.path.join(rendered, "render.json")))
    worst_length = worst_lu = 0.0
    highest_peak = -99.0
    for f in render_doc["files"]:
        path = os.path.join(rendered, f["file"])
        planned = sum(a["duration"] for a in f["airings"])
        probed = float(subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", path],
                                      capture_output=True, text=True).stdout)
        out = subprocess.run(["ffmpeg", "-hide_banner", "-nostats", "-i", path, "-af", "ebur128=peak=true", "-f", "null", "-"],
                             capture_output=True, text=True).stderr
        integrated = float([l for l in out.splitlines() if "I:" in l][-1].split()[1])
        peak = float([l for l in out.splitlines() if "Peak:" in l][-1].split()[1])
        worst_length = max(worst_length, abs(probed - planned))
        worst_lu = max(worst_lu, abs(integrated - target))
        highest_peak = max(highest_peak, peak)
        check(abs(probed - planned) <= 0.05, f"{f['file']}: {probed:.3f} s for {planned:.3f} s planned")
        check(abs(integrated - target) <= 1.0, f"{f['file']}: {integrated} LUFS, target {target}")
        check(peak <= -1.0 + 0.2, f"{f['file']}: true peak {peak} dBTP")
    kit = json.load(open(os.path.join(rendered, "platform.json")))
    valid(kit, json.load(open("schemas/platform.schema.json")), "platform.json")
    print(f"render: {len(render_doc['files'])} files, lengths within {worst_length * 1000:.0f} ms of the plan, "
          f"loudness within {worst_lu:.1f} LU of {target}, true peak at most {highest_peak} dBTP; {len(kit['records'])} platform records")

# The audit of the demo month: JSON against its schema, and the printable report opened by a real
# browser (headless Chromium prints it to PDF; its text must read as the report).
audit_args = [lichphat, "audit", "Schedules/nam-sach.yaml", "--period", "2026-11", "--asrun", "Schedules/nam-sach/nhat-ky-phat-2026-11.csv"]
audit = subprocess.run(audit_args + ["--format", "json"], capture_output=True, text=True)
check(audit.returncode == 0, f"audit exit {audit.returncode}: {audit.stderr}")
valid(json.loads(audit.stdout), json.load(open("schemas/audit.schema.json")), "audit JSON")
report = os.path.join(work, "bao-cao.html")
subprocess.run(audit_args + ["--format", "html", "--out", report], capture_output=True)
pdf = os.path.join(work, "bao-cao.pdf")
browser = next((b for b in ("chromium", "chromium-browser", "google-chrome") if subprocess.run(["which", b], capture_output=True).returncode == 0), None)
check(browser is not None, "no Chromium to open the report")
if browser:
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", f"--print-to-pdf={pdf}", "file://" + os.path.abspath(report)],
                   capture_output=True, timeout=120)
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True).stdout
    for phrase in ["BÁO CÁO KẾT QUẢ TUYÊN TRUYỀN", "Đài truyền thanh xã Nam Sách ĐẠT", "Tuần 2026-W46", "Người lập báo cáo"]:
        check(phrase in text, f"the printed report lacks “{phrase}”")
    pages = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    check("Pages:" in pages and int(pages.split("Pages:")[1].split()[0]) <= 3, f"report pages: {pages}")

scan = subprocess.run([lichphat, "scan", "Audio", "--format", "json", "--quick", "--no-cache"], capture_output=True, text=True)
valid(json.loads(scan.stdout), json.load(open("schemas/scan.schema.json")), "scan JSON")

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
