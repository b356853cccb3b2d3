#!/usr/bin/env python3
"""Fuzzes lichphat with damaged audio, station files and play logs (issue 11).

    python3 scripts/fuzz.py LICHPHAT [--seconds 120] [--seed 57] [--keep DIR]

Starts from inputs it synthesises (audio: WAV 8/16/24/32-float, FLAC, OGG, MP3 CBR/VBR with and
without Xing/ID3 tags, written by ffmpeg from a generated tone; the shipped station file and play
log), mutates them with a fixed seed, and runs the program on each. A run fails on: death by
signal, a run over 20 s, an exit code outside the documented ones (0-4), JSON output that does
not parse when JSON was asked for, a scanned file missing from the report, a crash dump
(backtrace) on stderr. Failing inputs are kept (--keep) to reproduce. Prints one line of figures
per kind and exits 1 when anything failed.
"""
import argparse
import json
import math
import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile
import time

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
        # Audio gets half the time: it has the most ways to go wrong.
        self.fuzz_audio(start + self.budget * 0.5)
        self.fuzz_stations(start + self.budget * 0.75)
        self.fuzz_logs(start + self.budget)
        print("Fuzzing (seed %d, %.0f s):" % (args.seed, time.monotonic() - start))
        for kind, s in self.stats.items():
            print("  %-8s %5d inputs in %4d runs: %d crashes, %d hangs, %d bad outputs; slowest run %.1f s"
                  % (kind, s["inputs"], s["runs"], s["crashes"], s["hangs"], s["bad"], s["slowest"]))
        shutil.rmtree(self.work, ignore_errors=True)
        if self.failures:
            print("%d failing runs%s" % (len(self.failures), (": inputs kept in " + self.keep) if self.keep else ""))
            return 1
        return 0


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("lichphat")
    ap.add_argument("--seconds", type=float, default=120)
    ap.add_argument("--seed", type=int, default=57)
    ap.add_argument("--keep", help="folder to keep failing inputs in")
    args = ap.parse_args()
    sys.exit(Fuzzer(args.lichphat, args.seconds, args.seed, args.keep).main())
