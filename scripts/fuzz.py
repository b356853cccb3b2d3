#!/usr/bin/env python3
"""Fuzzes lichphat with damaged audio, station files and play logs (issue 11), and its web server
with damaged requests.

    python3 scripts/fuzz.py LICHPHAT [--seconds 120] [--seed 57] [--keep DIR]

Starts from inputs it synthesises (audio: WAV 8/16/24/32-float, FLAC, OGG, MP3 CBR/VBR with and
without Xing/ID3 tags, written by ffmpeg from a generated tone; the shipped station file and play
log), mutates them with a fixed seed, and runs the program on each. A run fails on: death by
signal, a run over 20 s, an exit code outside the documented ones (0-4), JSON output that does
not parse when JSON was asked for, a scanned file missing from the report, a crash dump
(backtrace) on stderr. Failing inputs are kept (--keep) to reproduce. Prints one line of figures
per kind and exits 1 when anything failed.

The last quarter of the time (at least 20 s) goes to `lichphat serve` on two copies of the demo
(Schedules/ and Audio/), one without accounts and one with two, started at the beginning so they
are up by then: multipart uploads (library, audit), page forms, JSON API bodies, junk cookies,
Authorization, If-Match and Idempotency-Key headers, odd paths, methods and broken HTTP syntax,
from a generator of their own seeded from --seed. After every request each server must answer
GET /api/stations with 200 within 5 s and must not have restarted its worker (a new worker pid,
the supervisor's restart line, <root>/.lichphat/crash.log); a 5xx other than a 500 with a JSON or
HTML body, or no answer within 20 s, fails too. The request (and the nine before it) is kept as
server-N.http (raw bytes: nc 127.0.0.1 PORT < server-N.http) with server-N.txt saying what
happened. At the end both must stop on SIGTERM, and no upload may have landed outside the
station's audio folder.
"""
import argparse
import base64
import http.client
import json
import math
import os
import random
import shutil
import signal
import socket
import string
import struct
import subprocess
import sys
import tempfile
import time
import urllib.parse

# The demo week 2026-W48 is still to come on this clock, whatever today is (lichphat refuses to
# plan a week that has ended unless told --past).
os.environ.setdefault("LICHPHAT_NOW", "2026-11-01T09:00:00+07:00")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TIMEOUT = 20
DOCUMENTED = {0, 1, 2, 3, 4}


class Fuzzer:
    def __init__(self, exe, seconds, seed, keep):
        self.exe = os.path.abspath(exe)
        self.deadline = time.monotonic() + seconds
        self.budget = seconds
        self.rng = random.Random(seed)
        self.seed = seed
        self.keep = keep
        self.work = tempfile.mkdtemp(prefix="lichphat-fuzz-")
        self.cache = os.path.join(self.work, "catalog.sqlite")
        self.stats = {}
        self.failures = []

    # -- running -----------------------------------------------------------------------------

    def run(self, kind, args, inputs, want_json=False, check=None):
        s = self.stats.setdefault(kind, {"inputs": 0, "runs": 0, "crashes": 0, "hangs": 0, "bad": 0, "slowest": 0.0})
        s["inputs"] += len(inputs)
        s["runs"] += 1
        t0 = time.monotonic()
        try:
            p = subprocess.run([self.exe] + args, capture_output=True, timeout=TIMEOUT, cwd=self.work,
                               env=dict(os.environ, LANG="C.UTF-8"))
        except subprocess.TimeoutExpired:
            s["hangs"] += 1
            return self.fail(kind, "hang (over %d s)" % TIMEOUT, args, inputs)
        s["slowest"] = max(s["slowest"], time.monotonic() - t0)
        if p.returncode < 0:
            s["crashes"] += 1
            return self.fail(kind, "killed by signal %d" % -p.returncode, args, inputs, p.stderr)
        err = p.stderr.decode("utf-8", "replace")
        if p.returncode not in DOCUMENTED:
            s["crashes" if p.returncode == 70 else "bad"] += 1
            return self.fail(kind, "exit code %d" % p.returncode, args, inputs, p.stderr)
        if "Backtrace" in err or "Fatal error" in err or "\x00" in err:
            s["crashes"] += 1
            return self.fail(kind, "crash dump or NUL bytes on stderr", args, inputs, p.stderr)
        doc = None
        if want_json and p.returncode in (0, 1):
            try:
                doc = json.loads(p.stdout)
            except ValueError as e:
                s["bad"] += 1
                return self.fail(kind, "output is not JSON (%s)" % e, args, inputs, p.stdout[:400])
        if check:
            problem = check(p, doc)
            if problem:
                s["bad"] += 1
                return self.fail(kind, problem, args, inputs, p.stderr)
        return p

    def fail(self, kind, what, args, inputs, detail=b""):
        kept = []
        if self.keep:
            os.makedirs(self.keep, exist_ok=True)
            for f in inputs:
                dest = os.path.join(self.keep, "%s-%d-%s" % (kind, len(self.failures), os.path.basename(f)))
                shutil.copyfile(f, dest)
                kept.append(dest)
        self.failures.append((kind, what, args, kept))
        tail = detail.decode("utf-8", "replace")[-300:] if isinstance(detail, bytes) else str(detail)[-300:]
        print("FAIL %s: %s: lichphat %s\n     %s" % (kind, what, " ".join(args[:6]), tail.strip().replace("\n", "\n     ")),
              file=sys.stderr)
        return None

    def time_left(self, share_end):
        return time.monotonic() < min(share_end, self.deadline)

    # -- audio -------------------------------------------------------------------------------

    def tone_wav(self, path, rate=22050, seconds=1.5, channels=1):
        n = int(rate * seconds)
        frames = bytearray()
        for i in range(n):
            v = int(12000 * math.sin(2 * math.pi * 440 * i / rate) * (1 if (i // 2000) % 3 else 0.2))
            frames += struct.pack("<h", v) * channels
        with open(path, "wb") as f:
            f.write(b"RIFF" + struct.pack("<I", 36 + len(frames)) + b"WAVEfmt ")
            f.write(struct.pack("<IHHIIHH", 16, 1, channels, rate, rate * 2 * channels, 2 * channels, 16))
            f.write(b"data" + struct.pack("<I", len(frames)) + frames)

    def audio_seeds(self):
        base = os.path.join(self.work, "tone.wav")
        stereo = os.path.join(self.work, "tone2.wav")
        self.tone_wav(base)
        self.tone_wav(stereo, rate=44100, seconds=1.2, channels=2)
        seeds = {"wav16.wav": open(base, "rb").read()}
        recipes = {
            "wav8.wav": ["-c:a", "pcm_u8"],
            "wav24.wav": ["-c:a", "pcm_s24le"],
            "wavf32.wav": ["-c:a", "pcm_f32le"],
            "flac.flac": ["-c:a", "flac"],
            "ogg.ogg": ["-c:a", "libvorbis", "-q:a", "2"],
            "cbr.mp3": ["-c:a", "libmp3lame", "-b:a", "64k"],
            "vbr.mp3": ["-c:a", "libmp3lame", "-q:a", "5"],
            "noxing.mp3": ["-c:a", "libmp3lame", "-b:a", "48k", "-write_xing", "0"],
            "id3.mp3": ["-c:a", "libmp3lame", "-b:a", "64k", "-metadata", "title=Bản tin", "-id3v2_version", "3",
                        "-write_id3v1", "1"],
        }
        for name, codec in recipes.items():
            out = os.path.join(self.work, name)
            src = stereo if name in ("flac.flac", "vbr.mp3") else base
            r = subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", src] + codec + [out], capture_output=True)
            if r.returncode == 0:
                seeds[name] = open(out, "rb").read()
            else:
                print("note: ffmpeg could not write %s (%s)" % (name, r.stderr.decode()[-120:]), file=sys.stderr)
        # A float WAV holding NaN and huge values, as a damaged editor export would.
        f32 = bytearray(seeds.get("wavf32.wav", b""))
        if f32:
            data = f32.find(b"data") + 8
            for k, v in ((400, float("nan")), (401, float("inf")), (900, 1e30), (901, -70000.0)):
                struct.pack_into("<f", f32, data + 4 * k, v)
            seeds["wavnan.wav"] = bytes(f32)
        return seeds

    def mutate_audio(self, name, b, seeds):
        r = self.rng
        b = bytearray(b)
        how = r.choice(["flip", "flips", "truncate", "zero", "chunk0", "chunkhuge", "dup", "remove", "concat", "splice", "byte"])
        if how == "flip" and b:
            i = r.randrange(len(b)); b[i] ^= 1 << r.randrange(8)
        elif how == "flips":
            for _ in range(r.randint(2, 60)):
                i = r.randrange(len(b)); b[i] ^= 1 << r.randrange(8)
        elif how == "byte" and b:
            b[r.randrange(min(len(b), 4096))] = r.randrange(256)
        elif how == "truncate":
            cut = r.choice([r.randrange(max(1, len(b))), len(b) // 100, len(b) // 2, len(b) * 99 // 100, r.randrange(64)])
            b = b[:cut]
        elif how == "zero" and b:
            i = r.randrange(len(b)); n = r.randint(1, 4096); b[i:i + n] = bytes(len(b[i:i + n]))
        elif how in ("chunk0", "chunkhuge"):
            value = 0 if how == "chunk0" else r.choice([0xFFFFFFFF, 0x7FFFFFFF, 0x80000000, len(b) * 10])
            for tag in (b"RIFF", b"data", b"fmt ", b"LIST"):
                i = b.find(tag)
                if i >= 0 and i + 8 <= len(b) and r.random() < 0.7:
                    struct.pack_into("<I", b, i + 4, value)
            if b[:4] == b"OggS" or b[:4] == b"fLaC" or b[:3] == b"ID3":
                for _ in range(4):
                    i = r.randrange(len(b)); b[i:i + 4] = b"\xff\xff\xff\xff"[:len(b[i:i + 4])]
        elif how == "dup" and b:
            i = r.randrange(len(b)); n = r.randint(1, 8192); b[i:i] = b[i:i + n]
        elif how == "remove" and b:
            i = r.randrange(len(b)); n = r.randint(1, 8192); del b[i:i + n]
        elif how == "concat":
            b += seeds[r.choice(sorted(seeds))]
        elif how == "splice" and b:
            other = seeds[r.choice(sorted(seeds))]
            i = r.randrange(len(b)); j = r.randrange(max(1, len(other)))
            b = b[:i] + other[j:j + r.randint(1, 20000)]
        return bytes(b), how

    def fuzz_audio(self, until):
        seeds = self.audio_seeds()
        folder = os.path.join(self.work, "audio")
        n = 0
        while self.time_left(until):
            shutil.rmtree(folder, ignore_errors=True)
            os.makedirs(folder)
            files = []
            for k in range(25):
                name = self.rng.choice(sorted(seeds))
                data, how = self.mutate_audio(name, seeds[name], seeds)
                p = os.path.join(folder, "%04d-%s-%s" % (n, how, name))
                n += 1
                with open(p, "wb") as f:
                    f.write(data)
                files.append(p)
            # One batch on every core (a bad file must not take the others down), then each file
            # alone quickly, as a newcomer would try them.
            def all_reported(p, doc):
                if doc is None:
                    return None
                got = {os.path.basename(f["path"]) for f in doc.get("files", [])}
                missing = [os.path.basename(f) for f in files if os.path.basename(f) not in got]
                return "files missing from the report: %s" % missing[:3] if missing else None
            self.run("audio", ["scan", "--format", "json", "--no-cache", "--jobs", "2", folder], files, True, all_reported)
            for p in files[:3]:
                self.run("audio", ["scan", "--quick", "--format", "json", "--no-cache", p], [p], True)

    # -- station files -----------------------------------------------------------------------

    def mutate_yaml(self, text):
        r = self.rng
        if not text:
            return text, "none"     # a cut left nothing: every mutation below needs a character
        lines = text.split("\n")
        how = r.choice(["delete-key", "dup-key", "rename-key", "wrong-type", "huge", "negative", "bad-time",
                        "empty-list", "junk", "tab", "bom", "crlf", "delete-line", "dup-line", "swap", "cut"])
        keys = ["id", "name", "start", "length", "days", "file", "tags", "per_week", "min", "max", "sessions",
                "open", "close", "repeat_gap", "from", "until", "priority", "relay", "folder", "timezone", "audio"]
        k = r.choice(keys)
        if how == "delete-key":
            text = text.replace(k + ": ", "", 1)
        elif how == "dup-key":
            i = text.find(k + ":")
            if i >= 0:
                j = text.find(",", i)
                text = text[:j] + ", " + text[i:j] + text[j:] if j > 0 else text
        elif how == "rename-key":
            text = text.replace(k + ":", k[:-1] + "x:", 1)
        elif how == "wrong-type":
            text = text.replace(k + ": ", k + ": " + r.choice(["[1, 2]", "{a: b}", "true", "null", "''", "-", "~"]) + " #", 1)
        elif how == "huge":
            v = r.choice(["1e300", "1e16", "9223372036854775807", "9223372036854775s", "99999999999999999999", "1e400",
                          "inf", ".nan", "0x7fffffff", "1000000000", "50"])
            for key in ("length", "repeat_gap", "min", "max", "priority"):
                if r.random() < 0.4:
                    text = text.replace(key + ": ", key + ": " + v + " #", 1)
            text = text.replace(k + ": ", k + ": " + v + " #", 1)
        elif how == "negative":
            text = text.replace(k + ": ", k + ": -" , 1)
        elif how == "bad-time":
            text = text.replace('"06:00"', r.choice(['"24:00"', '"6"', '"06:60"', '"-1:00"', '"23:59"', '"0600"', "06:00:00"]), 1)
        elif how == "empty-list":
            text = text.replace(k + ": [", k + ": [] #[", 1)
        elif how == "junk":
            junk = r.choice(["\u0000", "\ufffd", "\u202e", "đ̛̣", "\U0001F600", "\\", "\"", "'", "{", "}", "[", "&a", "*a", "!!binary",
                             "%", "@", "`", "\u200b", "\x1b[31m"])
            i = r.randrange(len(text)); text = text[:i] + junk + text[i:]
        elif how == "tab":
            text = text.replace("\n  ", "\n\t", r.randint(1, 3))
        elif how == "bom":
            return "\ufeff" + text, how
        elif how == "crlf":
            text = text.replace("\n", r.choice(["\r\n", "\r"]))
        elif how == "delete-line":
            del lines[r.randrange(len(lines))]; text = "\n".join(lines)
        elif how == "dup-line":
            i = r.randrange(len(lines)); lines.insert(i, lines[i]); text = "\n".join(lines)
        elif how == "swap":
            i, j = r.randrange(len(lines)), r.randrange(len(lines)); lines[i], lines[j] = lines[j], lines[i]; text = "\n".join(lines)
        elif how == "cut":
            text = text[:r.randrange(len(text))]
        return text, how

    def fuzz_stations(self, until):
        base = open(os.path.join(ROOT, "Schedules", "nam-sach.yaml"), encoding="utf-8").read()
        folder = os.path.join(self.work, "stations")
        os.makedirs(folder, exist_ok=True)
        link = os.path.join(self.work, "Audio")
        if not os.path.exists(link):
            os.symlink(os.path.join(ROOT, "Audio"), link)
        n = 0
        while self.time_left(until):
            text = base
            hows = []
            for _ in range(self.rng.randint(1, 3)):
                text, how = self.mutate_yaml(text)
                hows.append(how)
            p = os.path.join(folder, "%04d-%s.yaml" % (n, "-".join(hows)))
            n += 1
            enc = "utf-16" if self.rng.random() < 0.05 else "utf-8"
            with open(p, "w", encoding=enc, newline="", errors="surrogatepass") as f:
                f.write(text)
            command = self.rng.choice([["check", p, "--week", "2026-W48"],
                                       ["plan", p, "--week", "2026-W48", "--out", os.path.join(self.work, "weeks")]])
            self.run("station", command + ["--lang", self.rng.choice(["vi", "en"])], [p])

    # -- play logs ---------------------------------------------------------------------------

    def mutate_log(self, data):
        r = self.rng
        text = data.decode("utf-8-sig", "replace")
        lines = text.split("\n")
        if len(lines) < 3 or not text:
            return data, "none"
        how = r.choice(["bad-date", "drop-column", "quotes", "nul", "long-field", "utf16", "cp1258", "empty",
                        "bom-only", "cr", "header-only", "played", "shuffle", "cut", "extra-columns"])
        if how == "bad-date":
            for _ in range(r.randint(1, 20)):
                i = r.randrange(1, len(lines)); lines[i] = lines[i].replace("2026-11", r.choice(["2026-13", "20261", "9999-99", "", "hôm qua"]), 1)
        elif how == "drop-column":
            col = r.randrange(5)
            lines = [",".join(c for k, c in enumerate(l.split(",")) if k != col) for l in lines]
        elif how == "quotes":
            for _ in range(r.randint(1, 10)):
                i = r.randrange(len(lines)); j = r.randrange(len(lines[i]) + 1); lines[i] = lines[i][:j] + '"' + lines[i][j:]
        elif how == "nul":
            i = r.randrange(len(text)); return (text[:i] + "\x00" * r.randint(1, 5) + text[i:]).encode(), how
        elif how == "long-field":
            i = r.randrange(1, len(lines)); lines[i] = lines[i] + "," + "x" * 100_000
            j = r.randrange(1, len(lines)); lines[j] = "a" * 100_000 + lines[j]
        elif how == "utf16":
            return text.encode(r.choice(["utf-16", "utf-16-le", "utf-16-be"])), how
        elif how == "cp1258":
            return text.encode("cp1258", errors="replace"), how
        elif how == "empty":
            return b"", how
        elif how == "bom-only":
            return b"\xef\xbb\xbf", how
        elif how == "cr":
            return text.replace("\n", "\r").encode(), how
        elif how == "header-only":
            return (lines[0] + "\n").encode(), how
        elif how == "played":
            v = r.choice(["inf", "Infinity", "1e400", "9.3e15", "-1", "nan", "1e308", "0x10", "١٢"])
            for _ in range(r.randint(1, 10)):
                i = r.randrange(1, len(lines)); parts = lines[i].split(",")
                if len(parts) > 2:
                    parts[2] = v; lines[i] = ",".join(parts)
        elif how == "shuffle":
            body = lines[1:]; r.shuffle(body); lines = lines[:1] + body
        elif how == "cut":
            return text.encode()[:r.randrange(len(text.encode()))], how
        elif how == "extra-columns":
            lines = [l + ",x,y" for l in lines]
        return "\n".join(lines).encode(), how

    def fuzz_logs(self, until):
        base = open(os.path.join(ROOT, "Schedules", "nam-sach", "nhat-ky-phat-2026-11.csv"), "rb").read()
        station = os.path.join(ROOT, "Schedules", "nam-sach.yaml")
        folder = os.path.join(self.work, "logs")
        os.makedirs(folder, exist_ok=True)
        n = 0
        while self.time_left(until):
            data, how = self.mutate_log(base)
            if self.rng.random() < 0.3:
                data, how2 = self.mutate_log(data if how not in ("utf16", "cp1258", "nul") else base)
                how += "-" + how2
            p = os.path.join(folder, "%04d-%s.csv" % (n, how))
            n += 1
            with open(p, "wb") as f:
                f.write(data)
            fmt = self.rng.choice(["json", "json", "csv", "table"])
            self.run("playlog", ["audit", station, "--period", "2026-11", "--asrun", p, "--format", fmt], [p], fmt == "json")

    def main(self):
        start = time.monotonic()
        # The web server gets the last quarter (at least 20 s); it starts now, so that copying the
        # demo and the first measuring of its audio are done by then.
        web = min(self.budget, max(20.0, self.budget * 0.25))
        cli = self.budget - web
        server = ServerFuzz(self)
        try:
            server.start()
            # Audio gets half the rest: it has the most ways to go wrong.
            self.fuzz_audio(start + cli * 0.5)
            self.fuzz_stations(start + cli * 0.75)
            self.fuzz_logs(start + cli)
            print("Fuzzing (seed %d, %.0f s):" % (self.seed, time.monotonic() - start))
            for kind, s in self.stats.items():
                print("  %-8s %5d inputs in %4d runs: %d crashes, %d hangs, %d bad outputs; slowest run %.1f s"
                      % (kind, s["inputs"], s["runs"], s["crashes"], s["hangs"], s["bad"], s["slowest"]))
            server.run(start + self.budget)
        finally:
            for srv in server.servers:
                srv.stop()
            for _ in range(3):      # a worker that was still writing may leave a file behind at first
                shutil.rmtree(self.work, ignore_errors=True)
                if not os.path.exists(self.work):
                    break
                time.sleep(1)
        if self.failures:
            print("%d failing runs%s" % (len(self.failures), (": inputs kept in " + self.keep) if self.keep else ""))
            return 1
        return 0


RESTARTED = ("Máy chủ gặp lỗi và đã được khởi động lại", "The server hit a fault and was started again")
CRASHED = ("Program crashed", "Fatal error", "Backtracing from", "\U0001F4A3")    # the worker's backtrace, if it gets through
REQUEST_TIMEOUT = 20    # s for one fuzz request's answer
PROBE_TIMEOUT = 5       # s for GET /api/stations after each
ACCOUNT = ("fuzzleader", "fuzz-leader-password-57")   # the probe's and the valid requests' login: never fuzzed
FORM_ACCOUNT = ("fuzzform", "fuzz-form-password-57")  # the one the login form is fuzzed with (may be throttled)
ESCAPE = "zzesc"        # in every path-like upload name: a file named so outside the library is a failure
TRACE = os.environ.get("LICHPHAT_FUZZ_TRACE")   # a file to list every request's server, status, time and mutations in


class Server:
    """One `lichphat serve` (the supervisor and its worker) on a copy of the demo."""

    def __init__(self, fz, name, accounts):
        self.fz, self.name, self.accounts = fz, name, accounts
        self.home = os.path.join(fz.work, "serve-" + name)
        self.root = os.path.join(self.home, "Schedules")
        self.crash_log = os.path.join(self.root, ".lichphat", "crash.log")
        self.port = None
        self.proc = None
        self.worker = None
        self.dead = False       # a failure was recorded that ends this server's part
        self.requests = 0
        self.err_path = os.path.join(fz.work, "serve-%s.stderr" % name)

    def prepare(self):
        # Schedules/ and Audio/ as shipped, without what a run of the real tree left in .lichphat
        # (accounts, a crash log, the upload spool).
        for sub in ("Schedules", "Audio"):
            shutil.copytree(os.path.join(ROOT, sub), os.path.join(self.home, sub), symlinks=True,
                            ignore=shutil.ignore_patterns(".lichphat"))
        env = dict(os.environ, LANG="C.UTF-8")
        if self.accounts:
            for (who, password), role in ((ACCOUNT, "leader"), (FORM_ACCOUNT, "operator")):
                r = subprocess.run([self.fz.exe, "user", "add", who, "--role", role, "--password-stdin", "--root", self.root],
                                   input=(password + "\n").encode(), capture_output=True, env=env, timeout=60)
                if r.returncode != 0:
                    raise RuntimeError("lichphat user add %s: %s" % (who, r.stderr.decode("utf-8", "replace")[-300:]))

    def start(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        env = dict(os.environ, LANG="C.UTF-8")
        env.pop("LICHPHAT_SERVE_SINGLE", None)
        self.err = open(self.err_path, "wb")
        # A catalog of its own in the work folder: with --no-cache every GET /api/stations measures
        # all the demo's audio again (3-20 s in a debug build), too slow to ask after each request.
        self.proc = subprocess.Popen([self.fz.exe, "serve", "--root", self.root, "--port", str(self.port),
                                      "--cache", os.path.join(self.home, "catalog.sqlite")],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self.err,
                                     cwd=self.home, env=env)

    def children(self):
        kids = []
        try:
            for task in os.listdir("/proc/%d/task" % self.proc.pid):
                with open("/proc/%d/task/%s/children" % (self.proc.pid, task)) as f:
                    kids += [int(k) for k in f.read().split()]
        except OSError:
            pass
        return kids

    def stderr_text(self):
        try:
            with open(self.err_path, "rb") as f:
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""

    def probe(self):
        """GET /api/stations: (ok, what) — 200 within PROBE_TIMEOUT s."""
        t0 = time.monotonic()
        headers = {"Connection": "close"}
        if self.accounts:
            headers["Authorization"] = "Basic " + base64.b64encode(("%s:%s" % ACCOUNT).encode()).decode()
        try:
            c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=PROBE_TIMEOUT)
            c.request("GET", "/api/stations", headers=headers)
            r = c.getresponse()
            body = r.read()
            c.close()
        except (OSError, http.client.HTTPException) as e:
            return False, "GET /api/stations: %s" % (e.__class__.__name__ + (": %s" % e if str(e) else ""))
        took = time.monotonic() - t0
        if r.status != 200:
            return False, "GET /api/stations answered %d: %s" % (r.status, body[:200].decode("utf-8", "replace"))
        if took > PROBE_TIMEOUT:
            return False, "GET /api/stations took %.1f s" % took
        return True, "ok"

    def wait_ready(self, limit):
        """Polls until the server answers (the first answer measures the demo's audio)."""
        while time.monotonic() < limit:
            if self.proc.poll() is not None:
                return "exited with %d before answering" % self.proc.returncode
            ok, _ = self.probe()
            if ok:
                kids = self.children()
                self.worker = kids[0] if kids else None
                return None
            time.sleep(0.3)
        return "no answer to GET /api/stations after %.0f s" % (limit - self.started_at)

    def health(self):
        """What is wrong with the server now, or None: it exited, its worker was restarted (a new
        pid, the restart line, a crash log), or it does not answer GET /api/stations."""
        if self.proc.poll() is not None:
            return "the server exited (code %d)" % self.proc.returncode
        kids = self.children()
        if self.worker is not None and kids and self.worker not in kids:
            return "the worker was restarted (pid %d, now %s)" % (self.worker, kids)
        if os.path.exists(self.crash_log):
            return "crash.log was written"
        err = self.stderr_text()
        if any(line in err for line in RESTARTED):
            return "the server says it was restarted"
        if any(sign in err for sign in CRASHED):
            return "a crash report on the server's stderr"
        ok, what = self.probe()
        if not ok:
            # A restart takes a moment to show: look again before naming the cause.
            time.sleep(1.5)
            if os.path.exists(self.crash_log) or any(line in self.stderr_text() for line in RESTARTED):
                return "the worker crashed (crash.log written): " + what
            return what
        return None

    def rss(self):
        """The worker's resident memory in MB (None when it cannot be read)."""
        try:
            with open("/proc/%d/status" % (self.worker or 0)) as f:
                return next(int(l.split()[1]) // 1024 for l in f if l.startswith("VmRSS:"))
        except (OSError, StopIteration, ValueError):
            return None

    def stop(self):
        """SIGTERM (the supervisor passes it on); None when both ended, else what went wrong."""
        if self.proc is None or self.proc.poll() is not None:
            return None
        worker = self.children()
        self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            for k in worker:
                try:
                    os.kill(k, signal.SIGKILL)
                except OSError:
                    pass
            return "did not stop within 15 s of SIGTERM"
        finally:
            self.err.close()
        for k in worker:
            for _ in range(20):
                if not os.path.exists("/proc/%d" % k):
                    break
                time.sleep(0.1)
            else:
                os.kill(k, signal.SIGKILL)
                return "its worker (pid %d) outlived it after SIGTERM" % k
        if code != 0:
            return "exited with %d after SIGTERM" % code
        return None


class Request:
    """One request as bytes, with what was done to it."""

    def __init__(self, method, target, headers, body=b"", how=""):
        self.method, self.target, self.headers, self.body, self.how = method, target, headers, body, how
        self.raw = None
        self.half_close = False     # the body is cut short of its length: say so by closing our side

    def build(self):
        if self.raw is None:
            head = self.method + b" " + self.target + b" HTTP/1.1\r\n"
            head += b"".join(k + b": " + v + b"\r\n" for k, v in self.headers)
            self.raw = head + b"\r\n" + self.body
        return self.raw

    def describe(self):
        def show(b, n=300):
            t = repr(b[:n])[2:-1]
            return t + ("… (%d bytes)" % len(b) if len(b) > n else "")
        lines = ["method:  " + show(self.method), "target:  " + show(self.target, 2000), "mutations: " + self.how, "headers:"]
        lines += ["  " + show(k, 200) + ": " + show(v, 2000) for k, v in self.headers]
        lines.append("body: %d bytes%s" % (len(self.body), " (our side closed after it)" if self.half_close else ""))
        return "\n".join(lines)


class ServerFuzz:
    """Mutated requests to two `lichphat serve`: one as shipped (no accounts: every route answers
    without a login) and one with accounts (Authorization and the session are read on every
    request). After each request both must still answer GET /api/stations with 200 within 5 s,
    without having restarted their worker; a 5xx other than a 500 with a JSON or HTML body, or
    a request left unanswered for 20 s, is a failure too."""

    def __init__(self, fz):
        self.fz = fz
        # Its own generator: the requests do not depend on how many CLI runs came before.
        self.rng = random.Random(fz.seed * 7919 + 5)
        self.servers = [Server(fz, "open", False), Server(fz, "accounts", True)]
        self.recent = []
        self.stats = {"requests": 0, "5xx": 0, "no answer": 0, "repeats": 0, "statuses": {}, "slowest": 0.0, "slowest how": ""}
        self.seen = {}
        self.token = "".join(self.rng.choice(string.ascii_letters + string.digits + "-_") for _ in range(43))
        self.session = None
        self.airings, self.items, self.slots, self.revision = [], [], [], "0" * 64
        self.wav = b""

    # -- set-up -------------------------------------------------------------------------------

    def start(self):
        """Copies the demo and starts both servers (in the background: they come up while the
        other phases run)."""
        for srv in self.servers:
            try:
                srv.prepare()
                srv.start()
            except (OSError, RuntimeError, subprocess.SubprocessError) as e:
                self.failure(srv, "could not be started: %s" % e, None)
            srv.started_at = time.monotonic()
        self.wav = self.small_wav()

    def small_wav(self):
        path = os.path.join(self.fz.work, "upload.wav")
        self.fz.tone_wav(path, rate=8000, seconds=0.4)
        with open(path, "rb") as f:
            return f.read()

    def learn(self, srv):
        """The demo week's airing ids, items, slots and revision, for requests that get past the
        first checks."""
        headers = {"Connection": "close"}
        if srv.accounts:
            headers["Authorization"] = "Basic " + base64.b64encode(("%s:%s" % ACCOUNT).encode()).decode()
        try:
            c = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30)
            c.request("GET", "/api/stations/nam-sach/weeks/2026-W48", headers=headers)
            r = c.getresponse()
            doc = json.loads(r.read())
            self.revision = (r.getheader("ETag") or '"%s"' % ("0" * 64)).strip('"')
            c.close()
        except (OSError, ValueError, http.client.HTTPException):
            return
        for session in doc.get("sessions", []):
            self.slots.append("%s.%s" % (session.get("date"), session.get("id")))
            for a in session.get("airings", []):
                self.airings.append(a.get("id", ""))
                self.items.append(a.get("item", ""))
        self.items = sorted(set(self.items))

    def login(self, srv):
        """A session cookie of the accounts server (the form, as a browser posts it)."""
        body = urllib.parse.urlencode({"name": ACCOUNT[0], "password": ACCOUNT[1], "csrf": self.token, "next": "/"}).encode()
        try:
            c = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30)
            c.request("POST", "/login", body=body, headers={
                "Content-Type": "application/x-www-form-urlencoded", "Cookie": "lichphat_form=" + self.token, "Connection": "close"})
            r = c.getresponse()
            r.read()
            for value in r.headers.get_all("Set-Cookie") or []:
                if value.startswith("lichphat_session="):
                    self.session = value.split(";")[0].split("=", 1)[1]
            c.close()
        except (OSError, http.client.HTTPException):
            pass

    # -- the run ------------------------------------------------------------------------------

    def run(self, until):
        t0 = time.monotonic()
        for srv in self.servers:
            if srv.dead:
                continue
            problem = srv.wait_ready(max(until, time.monotonic() + 20))
            if problem:
                self.failure(srv, "did not start: " + problem, None)
        live = [s for s in self.servers if not s.dead]
        if live:
            self.learn(live[0])
        if not self.servers[1].dead:
            self.login(self.servers[1])
        while time.monotonic() < until:
            live = [s for s in self.servers if not s.dead]
            if not live:
                break
            srv = live[0] if len(live) == 1 or self.rng.random() < 0.6 else live[1]
            req = self.make(srv)
            self.send(srv, req)
        # At the end: still answering, nothing restarted, and nothing written outside the library.
        for srv in self.servers:
            if not srv.dead:
                problem = srv.health()
                if problem:
                    last = next((r for name, r in reversed(self.recent) if name == srv.name), None)
                    self.failure(srv, "at the end: " + problem, last)
        self.check_escapes()
        memory = ", ".join("%s worker %d MB" % (srv.name, srv.rss()) for srv in self.servers if srv.rss() is not None)
        for srv in self.servers:
            problem = srv.stop()
            if problem:
                self.failure(srv, problem, None)
        s = self.stats
        statuses = ", ".join("%s %d" % (k, v) for k, v in sorted(s["statuses"].items()))
        dead = [srv.name for srv in self.servers if srv.dead]
        verdict = "no crash, still answering" if not dead else "FAILED (" + ", ".join(dead) + ")"
        if s["5xx"] or s["no answer"]:
            verdict += "; %d bad 5xx, %d unanswered%s" % (s["5xx"], s["no answer"], " (%d repeats not kept)" % s["repeats"] if s["repeats"] else "")
        print("  server   %5d requests in %4.0f s (%s): %s; slowest answer %.1f s (%s)%s"
              % (s["requests"], time.monotonic() - t0, statuses, verdict, s["slowest"], s["slowest how"],
                 "; at the end " + memory if memory else ""))

    def send(self, srv, req):
        raw = req.build()
        srv.requests += 1
        self.stats["requests"] += 1
        self.recent = (self.recent + [(srv.name, req)])[-10:]
        t0 = time.monotonic()
        status, headers, body, error = self.exchange(srv.port, raw, req.half_close, req.method == b"HEAD")
        took = time.monotonic() - t0
        if took > self.stats["slowest"]:
            self.stats["slowest"], self.stats["slowest how"] = took, req.how
        key = "%dxx" % (status // 100) if status else (error or "none")
        self.stats["statuses"][key] = self.stats["statuses"].get(key, 0) + 1
        if TRACE:
            with open(TRACE, "a", encoding="utf-8") as f:
                f.write("%s\t%s\t%.2f\t%s\t%r %r\t%r\n" % (srv.name, status or error, took, req.how, req.method[:10], req.target[:100],
                                                        body[:160]))
        # The week's revision now, so that later writes are not all refused as stale.
        tag = headers.get("etag", "").strip('"') if status == 200 else ""
        if len(tag) == 64 and all(c in string.hexdigits for c in tag):
            self.revision = tag
        if error == "timeout":
            self.stats["no answer"] += 1
            self.failure(srv, "no answer within %d s" % REQUEST_TIMEOUT, req, dead=False,
                         sig=(srv.name, "timeout", req.method, req.target.split(b"?")[0]))
            return self.after(srv, req)
        if status and status >= 500:
            kind = headers.get("content-type", "")
            fine = status == 500 and ("json" in kind or "html" in kind) and (body.strip() or req.method == b"HEAD")
            if not fine:
                self.stats["5xx"] += 1
                sig = (srv.name, status, kind, req.method, req.target.split(b"?")[0])
                self.failure(srv, "answered %d (%s) %r" % (status, kind or "no Content-Type", body[:200]), req, dead=False, sig=sig)
        self.after(srv, req, error)

    def after(self, srv, req, error=None):
        problem = srv.health()
        if problem:
            if error:
                problem = "the connection ended (%s), then %s" % (error, problem)
            self.failure(srv, problem, req)

    def exchange(self, port, raw, half_close, head):
        """Sends raw bytes, reads one answer: (status, headers, body, error)."""
        deadline = time.monotonic() + REQUEST_TIMEOUT
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=REQUEST_TIMEOUT)
        except OSError as e:
            return None, {}, b"", "connect: %s" % e.__class__.__name__
        buf = b""
        try:
            try:
                s.sendall(raw)
                if half_close:
                    s.shutdown(socket.SHUT_WR)
            except OSError:
                pass    # the server may answer (413, 400) and close before reading it all
            while True:
                status, headers, rest = None, {}, b""
                while b"\r\n\r\n" not in buf:
                    s.settimeout(max(0.1, deadline - time.monotonic()))
                    d = s.recv(65536)
                    if not d:
                        return None, {}, buf, "closed without an answer" if not buf else "closed mid-answer"
                    buf += d
                head_bytes, rest = buf.split(b"\r\n\r\n", 1)
                lines = head_bytes.split(b"\r\n")
                parts = lines[0].split(b" ", 2)
                try:
                    status = int(parts[1])
                except (IndexError, ValueError):
                    return None, {}, buf, "garbled status line %r" % lines[0][:80]
                for line in lines[1:]:
                    k, _, v = line.partition(b":")
                    headers[k.strip().lower().decode("latin-1")] = v.strip().decode("latin-1")
                if 100 <= status < 200:
                    buf = rest
                    continue
                break
            if head or status in (204, 304):
                return status, headers, b"", None
            if headers.get("content-length", "").isdigit():
                n = int(headers["content-length"])
                while len(rest) < n:
                    s.settimeout(max(0.1, deadline - time.monotonic()))
                    d = s.recv(65536)
                    if not d:
                        break
                    rest += d
                return status, headers, rest[:n], None
            if "chunked" in headers.get("transfer-encoding", ""):
                while not rest.endswith(b"0\r\n\r\n"):
                    s.settimeout(max(0.1, deadline - time.monotonic()))
                    d = s.recv(65536)
                    if not d:
                        break
                    rest += d
                return status, headers, rest, None
            while True:
                s.settimeout(max(0.1, deadline - time.monotonic()))
                d = s.recv(65536)
                if not d:
                    return status, headers, rest, None
                rest += d
        except socket.timeout:
            return None, {}, buf, "timeout"
        except ConnectionResetError:
            return None, {}, buf, "reset"
        except OSError as e:
            return None, {}, buf, e.__class__.__name__
        finally:
            s.close()

    def failure(self, srv, what, req, dead=True, sig=None):
        """Records a failure with the request before it (and the nine before that) kept. The same
        kind of answer on the same route is kept twice, then only counted."""
        if sig is not None:
            self.seen[sig] = self.seen.get(sig, 0) + 1
            if self.seen[sig] > 2:
                self.stats["repeats"] += 1
                return
        n = len(self.fz.failures)
        kept = []
        if self.fz.keep and req is not None:
            os.makedirs(self.fz.keep, exist_ok=True)
            stem = os.path.join(self.fz.keep, "server-%d" % n)
            with open(stem + ".http", "wb") as f:
                f.write(req.build())
            with open(stem + ".body", "wb") as f:
                f.write(req.body)
            crash = ""
            if os.path.exists(srv.crash_log):
                with open(srv.crash_log, "rb") as f:
                    crash = f.read().decode("utf-8", "replace")
            with open(stem + ".txt", "w", encoding="utf-8") as f:
                f.write("%s (server %s, %s)\n\n%s\n\nReplay: nc 127.0.0.1 PORT < %s.http (against lichphat serve%s on a copy of the demo)\n"
                        % (what, srv.name, "accounts fuzzleader and fuzzform" if srv.accounts else "no accounts",
                           req.describe(), os.path.basename(stem), " with accounts" if srv.accounts else ""))
                f.write("\n--- the server's stderr (last 3000 characters)\n" + srv.stderr_text()[-3000:])
                if crash:
                    f.write("\n--- crash.log\n" + crash)
            earlier = [r for _, r in self.recent[:-1]]
            if earlier:
                with open(stem + "-before.http", "wb") as f:
                    for r in earlier:
                        f.write(b"=== " + r.how.encode() + b"\n" + r.build() + b"\n")
            kept = [stem + ".http", stem + ".txt"]
        self.fz.failures.append(("server", what, [srv.name], kept))
        print("FAIL server (%s): %s\n     %s" % (srv.name, what, (req.describe() if req else "").replace("\n", "\n     ")[:1500]),
              file=sys.stderr)
        if dead:
            srv.dead = True

    def check_escapes(self):
        """An upload named with ../ or an absolute path must stay in the station's audio folder:
        nothing named with ESCAPE anywhere in the work folder but there, nor in any folder above."""
        audio = tuple(os.path.join(srv.home, "Audio") + os.sep for srv in self.servers)
        found = []
        for folder, dirs, files in os.walk(self.fz.work):
            for name in files + dirs:
                p = os.path.join(folder, name)
                if ESCAPE in name and not p.startswith(audio) and os.sep + ".lichphat" + os.sep + "spool" not in p:
                    found.append(p)
        above = os.path.dirname(self.fz.work)
        while True:
            try:
                found += [os.path.join(above, n) for n in os.listdir(above) if ESCAPE in n]
            except OSError:
                pass
            if above == os.path.dirname(above):
                break
            above = os.path.dirname(above)
        for p in found:
            self.failure(self.servers[0], "an upload was written outside the station's audio folder: " + p, None, dead=False)

    # -- requests -----------------------------------------------------------------------------

    def borrow(self, mutate, *args):
        """One of the other phases' mutators, drawing from this phase's generator."""
        saved, self.fz.rng = self.fz.rng, self.rng
        try:
            return mutate(*args)
        finally:
            self.fz.rng = saved

    def junk(self):
        """A short nasty value."""
        r = self.rng
        pool = [b"", b" ", b"\x00", b"\xff\xfe", b"\xc3\x28", b"\xe2\x82", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"%", b"%G1", b"%zz",
                b"%C3%28", b"%00", b"%ff%fe", b"%2e%2e%2f", b"../", b"..\\", b"\\", b"\"", b"'", b"\r", b"\n", b"\t", b"\x1b[31m",
                "đ̛̣".encode(), "\u202e".encode(), "\U0001F600".encode(), b"\xef\xbb\xbf", b"=", b"==", b";", b",", b"[", b"]", b"[]",
                b"{", b"}", b"+", b"&", b"?", b"#", b"*", b"-1", b"0", b"1e400", b"18446744073709551616", b"9223372036854775807",
                b"NaN", b"null", b"true", b"2026-W53", b"2026-13-45", "Nguyễn Văn An".encode(), "lịch".encode("utf-16"), b"\x7f",
                b"\x80\x81\x82", bytes(range(1, 32))]
        v = r.choice(pool)
        if r.random() < 0.15:
            v = v * r.choice([100, 1000, 20000])
        elif r.random() < 0.3:
            v = r.choice(pool) + v + r.choice(pool)
        return v

    def long_value(self):
        r = self.rng
        return r.choice([b"a", b"%41", "ắ".encode(), b"%", b"\xff", b"x&"]) * r.choice([300, 5000, 70000, 300000])

    def mutate_bytes(self, b, many=False):
        r = self.rng
        b = bytearray(b)
        for _ in range(r.randint(1, 12 if many else 3)):
            if not b:
                b += self.junk()
                continue
            how = r.randrange(6)
            i = r.randrange(len(b))
            if how == 0:
                b[i] ^= 1 << r.randrange(8)
            elif how == 1:
                b[i:i] = self.junk()
            elif how == 2:
                del b[i:i + r.randint(1, 64)]
            elif how == 3:
                b[i:i] = b[i:i + r.randint(1, 256)]
            elif how == 4:
                b[i] = r.choice([0, 0x0A, 0x0D, 0x22, 0x25, 0x3B, 0x3D, 0x5B, 0x5D, 0x80, 0xC3, 0xFF])
            else:
                b = b[:i]
        return bytes(b)

    def auth_headers(self, srv, how):
        """Valid credentials (so the request reaches its route) or junk (Authorization parsed)."""
        r = self.rng
        h = []
        x = r.random()
        if srv.accounts and x < 0.7:
            h.append((b"Authorization", b"Basic " + base64.b64encode(("%s:%s" % ACCOUNT).encode())))
        elif srv.accounts and x < 0.8 and self.session:
            h.append((b"Cookie", b"lichphat_session=" + self.session.encode()))
        elif x < (0.8 if srv.accounts else 0.25) or srv.accounts:
            how.append("auth")
            h.append((b"Authorization", self.junk_authorization()))
            if r.random() < 0.1:
                h.append((b"Authorization", self.junk_authorization()))
        return h

    def junk_authorization(self):
        r = self.rng
        name = r.choice([b"an", b"lan", b"admin", b"", b"x" * 300, "Nguyễn".encode(), b"\xff\xfe", b"a\x00b", FORM_ACCOUNT[0].encode(),
                         FORM_ACCOUNT[0].upper().encode(), b" " + FORM_ACCOUNT[0].encode(), b"\xe2\x80\xae"])
        password = r.choice([b"", b"x", FORM_ACCOUNT[1].encode(), b":", b"::::", b"\xff" * 80, b"p" * 100, self.junk()])
        pair = name + r.choice([b":", b"", b"::", b"\x00:"]) + password
        if ACCOUNT[0].encode() in pair.lower():
            pair = b"an:x"
        b64 = base64.b64encode(pair)
        choices = [
            b"Basic " + b64,
            b"Basic " + b64.rstrip(b"="),
            b"Basic " + b64 + b"===",
            b"Basic " + self.mutate_bytes(b64),
            b"Basic " + b"!!!" + b64,
            b"Basic " + base64.b64encode(self.junk()),
            b"Basic " + base64.b64encode(b"no colon at all"),
            b"Basic " + base64.b64encode(b"\xc3\x28\xa0\xa1:\xe2\x28\xa1"),
            b"Basic " + base64.b64encode(b"u:" + b"p" * r.choice([1000, 40000])),
            b"Basic " + b"A" * r.choice([1, 2, 3, 5, 4097, 60000]),
            b"Basic " + base64.urlsafe_b64encode(b"\xfb\xff:\xfe\xff"),
            b"Basic", b"Basic ", b"basic " + b64, b"BASIC " + b64, b"Basic  " + b64, b"Basic\t" + b64,
            b"Basic " + b64 + b" " + b64, b"Basic =", b"Basic ====", b"Basic \x80\x81",
            b"Bearer " + self.junk(), b"Bearer", b"Bearer " + b"e" * 10000, b"Digest username=\"x\"",
            self.junk(), b"\xff\xfe\xfd", b"Basic " + "ắ".encode() * 10,
        ]
        return r.choice(choices)

    def cookie_header(self, how, csrf_ok):
        """The form token cookie (when the form's token should match), with junk cookies around it."""
        r = self.rng
        cookies = []
        if csrf_ok:
            cookies.append(b"lichphat_form=" + self.token.encode())
        if r.random() < 0.35:
            how.append("cookies")
            for _ in range(r.randint(1, 4)):
                name = r.choice([b"lichphat_session", b"lichphat_form", b"lichphat_flash", b"lang", b"", b"=", b"lichphat_session ",
                                 b"LANG", self.junk()])
                value = r.choice([
                    self.junk(), b"en", b"vi", b"EN", b"xx", b"",
                    b"1" + self.junk(), b"0" + self.junk(), b"1%E1%BB%9D", b"1%C3%28", b"0%", b"1" + b"%41" * 2000, b"1%00%00",
                    b"\"quoted\"", b"a=b=c", self.token.encode()[:42], self.token.encode() + b"x", b"-" * 43, b"\xc3\xa9" * 22,
                    b"x" * r.choice([1, 43, 8000]),
                ])
                cookies.append(name + b"=" + value)
            if r.random() < 0.2:
                cookies.append(r.choice([b";;;;", b"=", b"a", b"a==b", b"; ", b"\xff=\xfe", b"x=1; " * 500]))
        if not cookies:
            return []
        r.shuffle(cookies)
        sep = r.choice([b"; ", b"; ", b";", b" ; ", b";;"])
        if r.random() < 0.1:
            return [(b"Cookie", c) for c in cookies]     # several Cookie lines
        return [(b"Cookie", sep.join(cookies))]

    def week_write_headers(self, how):
        r = self.rng
        h = []
        if r.random() < 0.45:
            how.append("if-match")
            h.append((b"If-Match", r.choice([
                b'"' + self.revision.encode() + b'"', self.revision.encode(), b'W/"' + self.revision.encode() + b'"', b"*", b'""', b'"',
                b'"' + b"0" * 64 + b'"', b'"' + b"g" * 64 + b'"', b'"' + self.revision.encode().upper() + b'"', b'"' + b"a" * 10000 + b'"',
                b'"' + self.revision.encode() + b'", "' + self.revision.encode() + b'"', self.junk(), b'"' + "ắ".encode() * 32 + b'"'])))
        if r.random() < 0.45:
            how.append("idempotency")
            h.append((b"Idempotency-Key", r.choice([b"k-%d" % r.randrange(5), b"", self.junk(), b"x" * r.choice([200, 9000]),
                                                    b"\xff\xfe", "khóa".encode(), b"a b", b"../../etc"])))
            if r.random() < 0.1:
                h.append((b"Idempotency-Key", b"second"))
        return h

    def make(self, srv):
        r = self.rng
        how = []
        kind = r.choices(["multipart", "form", "json", "get", "path", "raw"], [25, 24, 20, 14, 11, 6])[0]
        if kind == "multipart":
            req = self.make_multipart(how)
        elif kind == "form":
            req = self.make_form(how)
        elif kind == "json":
            req = self.make_json(how)
        elif kind == "get":
            req = self.make_get(how)
        elif kind == "path":
            req = self.make_path(how)
        else:
            req = r.choice([self.make_get, self.make_form, self.make_json, self.make_path])(how)
        csrf_ok = getattr(req, "csrf_ok", False)
        headers = [(b"Host", b"127.0.0.1:%d" % srv.port)]
        if r.random() < 0.05:
            headers = r.choice([[], [(b"Host", self.junk())], headers + [(b"Host", b"other.example")], [(b"Host", b"[::1]:1")]])
            how.append("host")
        headers += self.auth_headers(srv, how)
        headers += self.cookie_header(how, csrf_ok)
        if r.random() < 0.05:
            how.append("origin")
            headers.append((b"Origin", r.choice([b"http://127.0.0.1:%d" % srv.port, b"http://evil.example", b"null", self.junk()])))
        if r.random() < 0.04:
            how.append("expect")
            headers.append((b"Expect", r.choice([b"100-continue", b"200-ok", self.junk()])))
        if r.random() < 0.04:
            how.append("accept")
            headers.append((b"Accept-Language", self.junk()))
            headers.append((b"Accept", self.junk()))
        req.headers = headers + req.headers
        self.frame(req, how)
        if kind == "raw":
            self.mangle(req, how)
        req.how = kind + ":" + ",".join(how)
        return req

    def frame(self, req, how):
        """Content-Length (or chunked), sometimes wrong; Connection: close."""
        r = self.rng
        body = req.body
        x = r.random()
        if x < 0.04:
            how.append("chunked")
            chunks, i = [], 0
            while i < len(body):
                n = r.randint(1, 70000)
                chunks.append(b"%x\r\n" % len(body[i:i + n]) + body[i:i + n] + b"\r\n")
                i += n
            enc = b"".join(chunks) + b"0\r\n\r\n"
            if r.random() < 0.4:
                enc = r.choice([enc[:-5], b"fffffffffffffffffff\r\n" + body, b"-1\r\n" + body, b"zz\r\n\r\n", enc.replace(b"\r\n", b"\n")])
            req.headers.append((b"Transfer-Encoding", r.choice([b"chunked", b"chunked", b"gzip, chunked", b"Chunked"])))
            if r.random() < 0.2:
                req.headers.append((b"Content-Length", b"%d" % len(body)))
            req.body = enc
            req.half_close = True
        elif x < 0.10:
            how.append("length")
            choice = r.randrange(6)
            if choice == 0 and body:
                req.headers.append((b"Content-Length", b"%d" % r.randrange(len(body))))
            elif choice == 1:
                req.headers.append((b"Content-Length", b"%d" % (len(body) + r.randint(1, 100000))))
                req.half_close = True
            elif choice == 2:
                req.headers += [(b"Content-Length", b"%d" % len(body)), (b"Content-Length", b"%d" % (len(body) + 1))]
            elif choice == 3:
                req.headers.append((b"Content-Length", r.choice([b"-1", b"99999999999999999999", b"1e3", b"", b" 5", b"0x10", b"+3"])))
                req.half_close = True
            elif choice == 4:
                pass    # no length: the body is the next request
            else:
                req.headers.append((b"Content-Length", b"%d" % len(body)))
                req.body = body[:r.randrange(len(body) + 1)]
                req.half_close = True
        elif body or req.method in (b"POST", b"PUT", b"PATCH"):
            req.headers.append((b"Content-Length", b"%d" % len(body)))
        req.headers.append((b"Connection", b"close"))

    def mangle(self, req, how):
        """The request's own syntax broken: line ends, header lines, sizes."""
        r = self.rng
        raw = req.build()
        head, _, body = raw.partition(b"\r\n\r\n")
        choice = r.randrange(11)
        how.append("raw%d" % choice)
        if choice == 0:
            head = head.replace(b"\r\n", b"\n")
        elif choice == 1:
            head = head.replace(b"\r\n", b"\r", r.randint(1, 3))
        elif choice == 2:
            head += b"\r\nX-Big: " + b"v" * r.choice([8000, 70000, 200000])
        elif choice == 3:
            head += b"".join(b"\r\nX-%d: %d" % (i, i) for i in range(r.choice([100, 1000, 5000])))
        elif choice == 4:
            head += b"\r\nNo colon here"
        elif choice == 5:
            head += b"\r\n continued folded line"
        elif choice == 6:
            head += b"\r\nX-Bytes: " + bytes(r.randrange(256) for _ in range(40))
        elif choice == 7:
            head += b"\r\nBad Name: x\r\n: empty\r\nX\x00Y: z"
        elif choice == 8:
            head = head.replace(b" HTTP/1.1", r.choice([b" HTTP/1.0", b" HTTP/2.0", b" HTTP/1.1 x", b"", b" HTTP/9.9", b" http/1.1"]), 1)
        elif choice == 9:
            req.raw = self.mutate_bytes(raw[:20000], many=True) + raw[20000:]
            req.half_close = True
            return
        else:
            req.raw = head + b"\r\n"     # the head never ends
            req.half_close = True
            return
        req.raw = head + b"\r\n\r\n" + body
        if choice in (1,):
            req.half_close = True

    # Page forms: the fields each route reads, and values that get past the first checks.
    def form_fields(self, route):
        r = self.rng
        airing = r.choice(self.airings or ["2026-11-23.sang.nhac-hieu"])
        item = r.choice(self.items or ["nhac-hieu"])
        common = [("revision", r.choice([self.revision, self.revision, "0" * 64, ""])), ("request", "fz-%d" % r.randrange(1 << 30))]
        fields = {
            "plan": [("allowShortfall", r.choice(["1", "0", ""])), ("past", r.choice(["1", "0"]))],
            "remove": [("airing", airing)],
            "pin": [("airing", airing), ("pinned", r.choice(["1", "0", "yes"]))],
            "add": [("slot", r.choice(self.slots or ["2026-11-23.sang"])), ("item", item)],
            "approve": [("by", r.choice(["Nguyễn Văn An", "", "x" * 300, "An\u202e"]))],
            "amend": [("item", item), ("times", r.choice(["1", "3", "", "0", "-1", "50", "9223372036854775807", "1e3", "٣"])),
                      ("from", r.choice(["2026-11-25 17:00", "2026-11-25T17:00", "", "2026-02-30 25:61", "hôm nay"])),
                      ("priority", r.choice(["1", "0"]))],
            "library/upload": [("folder", "thong-bao")],
            "logout": [],
            "login": [("name", r.choice([FORM_ACCOUNT[0], "an", ""])), ("password", r.choice([FORM_ACCOUNT[1], "x", ""])),
                      ("next", r.choice(["/", "//evil.example", "/\\evil", "/stations?x=\r\nSet-Cookie: a=b", "javascript:alert(1)", "/%0d%0a"]))],
        }[route]
        if route not in ("library/upload", "login", "logout"):
            fields += common
        return fields

    def make_form(self, how):
        r = self.rng
        route = r.choice(["plan", "remove", "pin", "add", "approve", "amend", "library/upload", "login", "login", "logout"])
        target = {"library/upload": b"/stations/nam-sach/library/upload", "login": b"/login", "logout": b"/logout"}.get(
            route, b"/stations/nam-sach/weeks/2026-W48/" + route.encode())
        csrf_ok = r.random() < 0.85
        pairs = [(k.encode(), v.encode()) for k, v in self.form_fields(route)]
        pairs.append((b"csrf", self.token.encode() if csrf_ok else r.choice([b"", self.token.encode()[:-1] + b"A", self.junk()])))
        r.shuffle(pairs)
        quote = lambda b: urllib.parse.quote_plus(b).encode()
        items = [quote(k) + b"=" + quote(v) for k, v in pairs]
        for _ in range(r.choice([0, 0, 1, 2, 4])):
            m = r.randrange(12)
            how.append("f%d" % m)
            i = r.randrange(len(items))
            if m == 0:
                items[i] = items[i].split(b"=")[0] + b"=" + self.junk()                      # raw bytes in a value
            elif m == 1:
                items[i] = self.junk() + b"=" + items[i].split(b"=", 1)[-1]                   # a junk key
            elif m == 2:
                items[i] = items[i].split(b"=")[0] + b"=" + self.long_value()
            elif m == 3:
                items.append(items[i])                                                        # a key twice
            elif m == 4:
                depth = r.choice([1, 2, 63, 64, 65, 200, 5000])
                items.append(items[i].split(b"=")[0] + b"[x]" * depth + b"=1")                 # nested keys
            elif m == 5:
                items.append(items[i].split(b"=")[0] + r.choice([b"[]", b"[0]", b"[1]", b"[99999999999999999999]", b"[-1]", b"[",
                                                                  b"]", b"[]]", b"[[]]", b"[a][]", b"[][a]", b"[0][0]"]) + b"=v")
            elif m == 6:
                items.insert(i, r.choice([b"", b"=", b"==", b"&", b"noequals", b"=v", b"%=%", b"%", b"a=%", b"a=%f", b"%zz=1"]))
            elif m == 7:
                items += [b"k%d=%d" % (j, j) for j in range(r.choice([100, 3000, 30000]))]
            elif m == 8:
                items[i] = self.mutate_bytes(items[i], many=True)
            elif m == 9:
                items[i] = items[i].replace(b"%", b"%25%", 1) + b"%C3%28%ED%A0%80%F4%90%80%80%C0%AF"
            elif m == 10:
                items[i] = items[i].replace(b"=", b"[]=", 1)                                   # an array where a string is read
            else:
                items = [b"%s[%s]=%s" % (b"a", it.split(b"=")[0], it.split(b"=", 1)[-1]) for it in items]
        body = r.choice([b"&", b"&", b"&", b";", b"&&"]).join(items)
        if r.random() < 0.05:
            how.append("cut")
            body = body[:r.randrange(len(body) + 1)]
        ctype = r.choices([b"application/x-www-form-urlencoded", b"application/x-www-form-urlencoded; charset=UTF-8",
                           None, b"multipart/form-data; boundary=x", b"text/plain", self.junk()], [80, 8, 4, 3, 2, 3])[0]
        headers = [(b"Content-Type", ctype)] if ctype is not None else []
        req = Request(b"POST", target, headers, body)
        req.csrf_ok = csrf_ok
        if route not in ("library/upload", "login", "logout"):
            req.headers += self.week_write_headers(how)
        return req

    def make_json(self, how):
        r = self.rng
        route = r.choice(["plan", "amend", "approve", "pin", "pin", "delete"])
        airing = r.choice(self.airings or ["2026-11-23.sang.nhac-hieu"]).encode()
        if r.random() < 0.15:
            airing = r.choice([b"%2e%2e", b"x" * 3000, b"%00", b"%ff", urllib.parse.quote(self.junk()).encode(), b"..", b"."])
            how.append("airing")
        target = {"pin": b"/api/stations/nam-sach/weeks/2026-W48/airings/" + airing + b"/pin",
                  "delete": b"/api/stations/nam-sach/weeks/2026-W48/airings/" + airing}.get(
            route, b"/api/stations/nam-sach/weeks/2026-W48/" + route.encode())
        item = r.choice(self.items or ["nhac-hieu"])
        pin = lambda: {"date": r.choice(["2026-11-23", "2026-11-24", "2026-13-45", "", "x" * 100]),
                       "session": r.choice(["sang", "chieu", "", "../x"]), "item": r.choice([item, "", "không-có"])}
        doc = {
            "plan": {"allowShortfall": r.choice([True, False]), "past": r.choice([True, False]), "seed": r.choice([0, 1, 57, 2**64 - 1]),
                     "pins": [pin() for _ in range(r.choice([0, 1, 3]))], "remove": [pin() for _ in range(r.choice([0, 1]))]},
            "amend": {"item": item, "times": r.choice([1, 2, 50]), "priority": r.choice([True, False]),
                      "from": r.choice(["2026-11-25T17:00", "2026-11-24 06:00"])},
            "approve": {"by": r.choice(["Nguyễn Văn An", "An"]), "revision": r.choice([self.revision, "0" * 64])},
            "pin": {"pinned": r.choice([True, False])},
            "delete": {},
        }[route]
        for _ in range(r.choice([0, 1, 1, 2, 3])):
            doc = self.mutate_json(doc, how)
        if isinstance(doc, bytes):
            body = doc
        else:
            try:
                body = json.dumps(doc, ensure_ascii=r.random() < 0.5).encode("utf-8", "surrogatepass")
            except (ValueError, OverflowError, RecursionError):
                body = b"{}"
        m = r.random()
        if m < 0.08:
            how.append("jbytes")
            body = self.mutate_bytes(body, many=True)
        elif m < 0.11:
            how.append("utf16")
            body = body.decode("utf-8", "replace").encode(r.choice(["utf-16", "utf-16-be", "utf-32"]))
        elif m < 0.13:
            how.append("bom")
            body = b"\xef\xbb\xbf" + body
        elif m < 0.15:
            how.append("empty")
            body = r.choice([b"", b" ", b"null", b"[]", b"\"\"", b"0", b"{", b"}", b"{}{}"])
        elif m < 0.17:
            how.append("deep")
            d = r.choice([100, 600, 5000, 60000])
            body = r.choice([b"[" * d + b"]" * d, b'{"a":' * d + b"1" + b"}" * d, b'{"pins":' + b"[" * d])
        elif m < 0.19:
            how.append("big")
            body = b'{"item": "' + b"a" * r.choice([65000, 66000, 200000]) + b'"}'
        ctype = r.choices([b"application/json", b"application/json; charset=utf-8", None, b"text/plain", self.junk(),
                           b"application/x-www-form-urlencoded"], [80, 5, 6, 3, 3, 3])[0]
        headers = [(b"Content-Type", ctype)] if ctype is not None else []
        headers += self.week_write_headers(how)
        return Request(b"DELETE" if route == "delete" else b"POST", target, headers, body)

    def mutate_json(self, doc, how):
        r = self.rng
        if not isinstance(doc, dict) or not doc:
            return doc
        key = r.choice(sorted(doc))
        m = r.randrange(9)
        how.append("j%d" % m)
        odd = [None, True, 0, -1, 1.5, 1e308, -0.0, 2**64, 2**63, -2**63 - 1, 10**30, "", "x", [], {}, [1, 2], {"a": 1},
               "\ud800", "\u0000", "ắ" * 1000, [None] * 3]
        if m == 0:
            doc[key] = r.choice(odd)                                 # a wrong type
        elif m == 1:
            del doc[key]
        elif m == 2:
            doc[r.choice(["extra", "", "\u0000", "pins", "ITEM", "times"])] = r.choice(odd)
        elif m == 3:
            doc = json.dumps(doc).encode()
            return doc.replace(b"}", b', "%s": 1}' % key.encode(), 1)  # the key twice
        elif m == 4:
            return json.dumps(doc).encode().replace(b": ", b": " + r.choice([b"1e400", b"-1e400", b"NaN", b"Infinity", b"-0",
                                                                              b"18446744073709551616", b"0x10", b"01", b"1.", b".5"]) + b" ,", 1)
        elif m == 5:
            doc[key] = {"nested": [doc.get(key)] * 3}
        elif m == 6:
            doc["pins"] = [{"date": "2026-11-23", "session": "sang", "item": "nhac-hieu"}] * r.choice([100, 2000])
        elif m == 7:
            doc["times"] = r.choice([10**6, 2**31, 2**63 - 1, -2**63, 0])
            doc.setdefault("item", r.choice(self.items or ["nhac-hieu"]))
        else:
            return json.dumps(doc).encode().replace(b'"', b'"\\' + r.choice([b"x", b"u12", b"ud800\\u0041", b"\xff", b"\x01"]), 1)
        return doc

    def multipart_body(self, route, how):
        """(content type, body) of an upload, then broken in some way."""
        r = self.rng
        boundary = r.choice([b"----WebKitFormBoundary7MA4YWxkTrZu0gW", b"X", b"AaB03x", b"a" * 70, b"=?'()+_,-./:", b"b-%d" % r.randrange(10**9)])
        parts = []
        if route in ("library", "upload"):
            parts.append(([(b"Content-Disposition", b'form-data; name="folder"')],
                          r.choice([b"thong-bao", b"", b"nhac", b"moi-%d" % r.randrange(100), b"../Schedules", b"../../" + ESCAPE.encode(),
                                    b"/tmp", b"nhac/../../..", b"\x00", "thông báo".encode(), b"a" * 300, b"."])))
            for k in range(r.choice([1, 1, 2, 3])):
                name = r.choice([b"fz-%d.wav" % r.randrange(10**9), b"fz-%d.mp3" % r.randrange(10**9), b"../" + ESCAPE.encode() + b"-%d.wav" % k,
                                 b"../../" + ESCAPE.encode() + b".wav", b"../../../../../../" + ESCAPE.encode() + b".wav",
                                 b"/tmp/" + ESCAPE.encode() + b".wav", b"..\\" + ESCAPE.encode() + b".wav", b"nhac/../../" + ESCAPE.encode() + b".wav",
                                 b"%2e%2e%2f" + ESCAPE.encode() + b".wav", b"", b".", b"..", b".hidden.wav", b"a\x00b.wav", b"\xff\xfe.wav",
                                 "bản tin %d.wav".encode() % r.randrange(1000), b"x" * 300 + b".wav", b"con.wav", b"a/b/c.wav", b"fz.WAV",
                                 b"fz-%d" % r.randrange(10**9), b"fz-%d.txt" % r.randrange(10**9)])
                data = r.choice([self.wav, self.wav, self.borrow(self.fz.mutate_audio, "x.wav", self.wav, {"x.wav": self.wav})[0], b"", self.junk()])
                parts.append(([(b"Content-Disposition", b'form-data; name="files"; filename="' + name + b'"'),
                               (b"Content-Type", r.choice([b"audio/wav", b"application/octet-stream", self.junk()]))], data))
            if route == "upload":
                parts.append(([(b"Content-Disposition", b'form-data; name="csrf"')], self.token.encode()))
        elif route == "audit":
            with open(os.path.join(ROOT, "Schedules", "nam-sach", "nhat-ky-phat-2026-11.csv"), "rb") as f:
                log = f.read()
            parts.append(([(b"Content-Disposition", b'form-data; name="period"')],
                          r.choice([b"2026-11", b"2026-Q4", b"2026", b"2026-H2", b"", b"9999-99", b"2026-W48", self.junk()])))
            if r.random() < 0.3:
                parts.append(([(b"Content-Disposition", b'form-data; name="from"')], r.choice([b"2026-11-01", b"2026-02-30", self.junk()])))
                parts.append(([(b"Content-Disposition", b'form-data; name="to"')], r.choice([b"2026-11-30", b"2025-01-01", self.junk()])))
            for _ in range(r.choice([0, 1, 1, 2])):
                data = log if r.random() < 0.5 else self.borrow(self.fz.mutate_log, log)[0]
                parts.append(([(b"Content-Disposition", b'form-data; name="asrun"; filename="' +
                                r.choice([b"log.csv", b"../log.csv", b"", b"a\x01b.csv", b"/etc/passwd", "nhật ký.csv".encode()]) + b'"')], data))
        else:   # the report page's logs
            parts.append(([(b"Content-Disposition", b'form-data; name="station"')], r.choice([b"nam-sach", b"", b"../x", self.junk()])))
            parts.append(([(b"Content-Disposition", b'form-data; name="files"; filename="nhat-ky-fz.csv"')], b"junk,log\n" + self.junk()))
            parts.append(([(b"Content-Disposition", b'form-data; name="csrf"')], self.token.encode()))

        # Structural damage, before serialising (none in two requests out of five: those reach the route).
        clean = r.random() < 0.4
        for _ in range(0 if clean else r.choice([0, 1, 1, 2, 3])):
            m = r.randrange(12)
            how.append("m%d" % m)
            i = r.randrange(len(parts))
            hdrs, data = parts[i]
            if m == 0:
                hdrs.append((b"X-High", b"\xc3\xa9\xff\xfe" + self.junk()))                          # header bytes >= 0x80
            elif m == 1:
                hdrs.append((b"X-Ctl", b"a\x00b\x01c\x7f\x1b"))
            elif m == 2:
                hdrs.append((b"X-Huge", b"h" * r.choice([1000, 17000, 70000])))
            elif m == 3:
                parts += [([(b"Content-Disposition", b'form-data; name="p%d"' % j)], b"v") for j in range(r.choice([200, 1001, 5000]))]
            elif m == 4:
                parts.append(parts[i])                                                              # duplicated names
            elif m == 5:
                hdrs[:1] = [(b"Content-Disposition", r.choice([
                    b'form-data; name=files; filename=a.wav', b'form-data; name="files"; filename="a.wav', b'form-data; name="files"; filename*=UTF-8\'\'%e1%ba%a1.wav',
                    b'form-data; filename="a.wav"', b'form-data; name="files"; filename="a\\"b.wav"', b'form-data; name="files"; filename="a.wav"; filename="b.wav"',
                    b'form-data;;;; name="files"', b'attachment; name="files"; filename="x.wav"', b'form-data; name=""; filename=""', b"", b";",
                    b'form-data; name="\xff"; filename="\xc3\xa9.wav"', b'FORM-DATA; NAME="files"; FILENAME="A.WAV"',
                    b'form-data; name="files"; filename="' + b"/" * 300 + b'"', b'form-data; name="folder"; filename="x"']))]
            elif m == 6:
                del hdrs[:]
            elif m == 7:
                parts[i] = (hdrs, data + self.junk() * 10)
            elif m == 8:
                parts[i] = (hdrs, data.replace(b"\r\n", b"\n") + b"\r\n--" + boundary)               # the delimiter inside a part
            elif m == 9:
                parts[i] = (hdrs + [(b"Content-Transfer-Encoding", b"base64"), (b"Content-Length", b"99999999999")], data)
            elif m == 10:
                hdrs.insert(0, (b"", b"no name"))
            else:
                hdrs[:] = [(k.lower() if r.random() < 0.5 else k.upper(), v) for k, v in hdrs]
        out = bytearray()
        if r.random() < 0.1:
            out += b"preamble junk\r\n" + self.junk() + b"\r\n"
        for hdrs, data in parts:
            out += b"--" + boundary + b"\r\n"
            for k, v in hdrs:
                out += k + (b": " if k else b"") + v + b"\r\n"
            out += b"\r\n" + data + b"\r\n"
        out += b"--" + boundary + b"--\r\n"
        if r.random() < 0.1:
            out += b"epilogue " + self.junk()
        body = bytes(out)
        # Damage to the bytes: line ends, truncation, a missing closing boundary, flips.
        m = 1.0 if clean else r.random() * 1.5
        if m < 0.08:
            how.append("lf")
            body = body.replace(b"\r\n", b"\n")
        elif m < 0.16:
            how.append("cut")
            body = body[:r.randrange(len(body) + 1)]
        elif m < 0.22:
            how.append("unclosed")
            body = body[:body.rfind(b"--" + boundary + b"--")]
        elif m < 0.30:
            how.append("bytes")
            body = self.mutate_bytes(body, many=True)
        elif m < 0.33:
            how.append("crlf-missing")
            body = body.replace(b"\r\n\r\n", b"\r\n", 1)
        # The Content-Type and its boundary.
        c = 0.0 if clean else r.random()
        quoted = b'"' + boundary + b'"'
        if c < 0.75:
            ctype = b"multipart/form-data; boundary=" + (boundary if r.random() < 0.8 else quoted)
        else:
            how.append("ctype")
            ctype = r.choice([
                b"multipart/form-data; boundary=", b'multipart/form-data; boundary=""', b'multipart/form-data; boundary="', b"multipart/form-data",
                b"multipart/form-data; boundary=" + b"L" * r.choice([71, 200, 5000]), b"multipart/form-data; boundary=\x80\xff",
                b"multipart/form-data; boundary=a\x00b", b"multipart/form-data; boundary=" + boundary + b"; boundary=other",
                b"multipart/form-data; boundary=other", b"Multipart/Form-Data;BOUNDARY=" + boundary, b"multipart/mixed; boundary=" + boundary,
                b"multipart/form-data; charset=utf-8; boundary=" + quoted + b"; x=\"", b"multipart/form-data; boundary=a b c",
                b"multipart/form-data; boundary=" + boundary + b" ", b"multipart/form-data; boundary=\"" + boundary + b"\\\"\"",
                b"multipart/form-data; boundary=;", b"multipart/form-data; =; ==; boundary", b"text/plain", b"", self.junk(),
                "multipart/form-data; boundary=ắ".encode()])
        return ctype, body

    def make_multipart(self, how):
        r = self.rng
        route = r.choices(["library", "audit", "upload", "reports"], [40, 30, 22, 8])[0]
        target = {"library": b"/api/stations/nam-sach/library", "audit": b"/api/stations/nam-sach/audit",
                  "upload": b"/stations/nam-sach/library/upload", "reports": b"/reports/logs"}[route]
        ctype, body = self.multipart_body(route, how)
        req = Request(b"POST", target, [(b"Content-Type", ctype)], body)
        req.csrf_ok = route in ("upload", "reports")
        return req

    def make_get(self, how):
        """Pages and API reads, with junk in the headers they read."""
        r = self.rng
        airing = r.choice(self.airings or ["x"]).encode()
        target = r.choice([
            b"/", b"/stations/nam-sach/weeks/2026-W48", b"/stations/nam-sach/weeks/2026-W48", b"/stations/nam-sach/library",
            b"/stations/nam-sach/library?q=" + urllib.parse.quote(self.junk()).encode(), b"/api/stations/nam-sach/weeks/2026-W48",
            b"/api/stations/nam-sach/weeks/2026-W48/history", b"/api/stations/nam-sach/library", b"/openapi.json", b"/reports",
            b"/stations/nam-sach/station", b"/stations/nam-sach/weeks/2026-W48/print", b"/login?next=" + urllib.parse.quote(self.junk()).encode(),
            b"/api/stations/nam-sach/weeks/2026-W48/files/schedule.json", b"/api/stations/nam-sach/weeks/2026-W48/files/schedule.csv",
            b"/api/stations/nam-sach/weeks/2026-W48/airings/" + airing,
            b"/audio/nam-sach/" + urllib.parse.quote("thong-bao/thông báo tiêm chủng.wav").encode(),
            b"/audio/nam-sach/" + urllib.parse.quote("nhac-hieu/nhạc hiệu đài.mp3").encode()])
        headers = []
        if target.startswith(b"/audio/") and r.random() < 0.7:
            how.append("range")
            headers.append((b"Range", r.choice([b"bytes=0-99", b"bytes=-0", b"bytes=99999999999999999999-", b"bytes=5-1", b"bytes=0-0,1-1,2-2",
                                                b"bytes=" + b"0-1," * 2000, b"bytes=-", b"bytes=--1", b"items=0-1", b"bytes=0-18446744073709551615",
                                                b"bytes= 1 - 2", self.junk()])))
            if r.random() < 0.3:
                headers.append((b"If-Range", self.junk()))
        if r.random() < 0.3:
            headers.append((b"If-None-Match", self.junk()))
            headers.append((b"If-Modified-Since", r.choice([b"Mon, 07 Dec 2026 03:44:13 GMT", b"yesterday", self.junk()])))
        if r.random() < 0.3:
            target += b"?lang=" + r.choice([b"en", b"vi", b"xx", b"", b"en&lang=vi", b"%ff", b"%00"])
        return Request(r.choice([b"GET", b"GET", b"GET", b"HEAD"]), target, headers)

    def make_path(self, how):
        """Odd paths and methods."""
        r = self.rng
        base = r.choice([b"/api/stations/nam-sach/weeks/2026-W48", b"/stations/nam-sach/weeks/2026-W48", b"/api/stations",
                         b"/audio/nam-sach/nhac/x.ogg", b"/api/stations/nam-sach/weeks/2026-W48/files/schedule.json", b"/reports/x.html",
                         b"/stations/nam-sach/weeks/2026-W48/playlists.zip", b"/api/stations/nam-sach/library", b"/login", b"/"])
        m = r.randrange(10)
        how.append("p%d" % m)
        if m == 0:
            i = r.randrange(1, len(base) + 1)
            path = base[:i] + r.choice([b"%00", b"%2e%2e", b"%2e%2e%2f", b"/..", b"/%2e%2e/%2e%2e/%2e%2e/etc/passwd", b"%ff%fe", b"%C3%28",
                                        b"%", b"%g0", b"//", b"/./", b"\\", b"%5c", b";x", b"#frag", b"%E2%80%AE", b"%ED%A0%80"]) + base[i:]
        elif m == 1:
            path = base + b"/" + b"a" * r.choice([255, 4096, 16000, 60000])
        elif m == 2:
            path = base + b"?" + b"&".join(b"k%d=%d" % (j, j) for j in range(r.choice([10, 1000, 5000])))
        elif m == 3:
            path = base.replace(b"nam-sach", r.choice([b"%6eam-sach", b"NAM-SACH", b"nam-sach%00", b"..", b"%2e%2e", b"nam%2fsach", b"x" * 300,
                                                      "nấm".encode(), b"\xff"]))
        elif m == 4:
            path = base.replace(b"2026-W48", r.choice([b"2026-W53", b"2026-W00", b"9999-W99", b"1999-W01", b"2026-w48", b"2026W48",
                                                      b"%32026-W48", b"2026-W4%38", b"-0001-W01", b"2026-W48x", b"\xd9\xa2026-W48"]))
        elif m == 5:
            path = r.choice([b"*", b"http://127.0.0.1/api/stations", b"//api/stations", b"", b"api/stations", b"/%", b"/?", b"/#",
                             b"http://[::1/", b"/audio/", b"/audio/nam-sach/", b"/audio/nam-sach/%2e%2e%2f%2e%2e%2fSchedules%2fnam-sach.yaml",
                             b"/audio/nam-sach/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd", b"/audio/%2e%2e/x", b"/audio/nam-sach/%00"])
        elif m == 6:
            path = base + b"\xc3\xa9\xff" + bytes([r.randrange(0x80, 0x100)])
        elif m == 7:
            path = self.mutate_bytes(base, many=True)
        elif m == 8:
            path = base + b"?lang=" + self.junk() + b"&q=" + self.long_value()[:20000]
        else:
            path = base
        method = r.choice([b"GET", b"HEAD", b"POST", b"PUT", b"DELETE", b"PATCH", b"OPTIONS", b"TRACE", b"CONNECT", b"PROPFIND",
                           b"BREW", b"get", b"G\x00T", b"X" * 300, b"", b"GET GET", b"M-SEARCH", b"\xffGET"])
        body = b""
        headers = []
        if method in (b"POST", b"PUT", b"PATCH") or r.random() < 0.1:
            body = r.choice([b"{}", b"a=1", self.junk()])
            headers.append((b"Content-Type", r.choice([b"application/json", b"application/x-www-form-urlencoded", b"multipart/form-data; boundary=x"])))
        return Request(method, path.replace(b" ", b"%20") if r.random() < 0.9 else path, headers, body)


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("lichphat")
    ap.add_argument("--seconds", type=float, default=120)
    ap.add_argument("--seed", type=int, default=57)
    ap.add_argument("--keep", help="folder to keep failing inputs in")
    args = ap.parse_args()
    sys.exit(Fuzzer(args.lichphat, args.seconds, args.seed, args.keep).main())
