import Foundation
import Testing
import TestSupport
@testable import LichPhatAudio
import LichPhatCore
import LichPhatText

@Suite("Reading and measuring audio files")
struct InspectorTests {
    let policy = AudioPolicy()

    func inspect(_ path: String, _ depth: AudioInspector.Depth = .full) -> AudioFacts {
        AudioInspector.inspect(path: path, depth: depth, policy: policy)
    }

    func codes(_ path: String, _ facts: AudioFacts) -> [String] {
        AudioValidator.problems(path: path, facts: facts, policy: policy).map(\.code)
    }

    @Test("WAV 16-bit mono at 8 kHz (a bulletin recorded over the phone): exact figures, and a low sample rate is a warning, not a refusal")
    func wav16Mono8k() {
        let fx = Fixtures(); defer { fx.remove() }
        let p = fx.write("tone.wav", .wav16, rate: 8000, samples: Fixtures.tone(3, rate: 8000))
        for depth in [AudioInspector.Depth.quick, .full] {
            let f = inspect(p, depth)
            #expect(f.container == "WAV")
            #expect(f.encoding == "PCM 16-bit")
            #expect(f.sampleRate == 8000)
            #expect(f.channels == 1)
            #expect(f.frames == 24000)
            #expect(f.duration == 3.0)
            #expect(f.size == 44 + 48000)
            #expect(f.bitrate == Int((Double(44 + 48000) * 8 / 3).rounded()))  // average over the whole file
            #expect(codes(p, f).contains("sample-rate-low"))
            let problems = AudioValidator.problems(path: p, facts: f, policy: AudioPolicy())
            #expect(problems.first { $0.code == "sample-rate-low" }?.severity == .warning)
            var strict = AudioPolicy(); strict.sampleRateFloor = 11_025    // a station may still refuse it
            #expect(AudioValidator.problems(path: p, facts: f, policy: strict).first { $0.code == "sample-rate-low" }?.severity == .error)
        }
        #expect(inspect(p, .quick).loudness == nil)
        #expect(inspect(p, .quick).measured == false)
    }

    @Test("WAV 24-bit stereo 48 kHz, FLAC and OGG: exact lengths")
    func otherContainers() {
        let fx = Fixtures(); defer { fx.remove() }
        let stereo = Fixtures.tone(2.5, rate: 48000, channels: 2)
        let w = fx.write("s.wav", .wav24, rate: 48000, channels: 2, samples: stereo)
        let fl = fx.write("s.flac", .flac, rate: 44100, channels: 2, samples: Fixtures.tone(4, rate: 44100, channels: 2))
        let og = fx.write("s.ogg", .ogg, rate: 22050, samples: Fixtures.tone(5, rate: 22050))
        let fw = inspect(w), ff = inspect(fl), fo = inspect(og)
        #expect(fw.encoding == "PCM 24-bit" && fw.channels == 2 && fw.frames == 120_000)
        #expect(ff.container == "FLAC" && ff.frames == 176_400 && ff.duration == 4.0)
        #expect(fo.container == "OGG" && fo.encoding == "Vorbis" && fo.frames == 110_250)
        for f in [fw, ff, fo] { #expect(f.defects.isEmpty) }
        #expect(inspect(og, .quick).frames == 110_250)
    }

    @Test("Loudness of a 1 kHz sine matches BS.1770: -3.01 LUFS at full scale per channel")
    func loudnessOfSine() throws {
        let fx = Fixtures(); defer { fx.remove() }
        // Mono at -20 dBFS peak: -23.0 LUFS. Stereo: +3 dB.
        let mono = inspect(fx.write("m.wav", .wav24, rate: 48000, samples: Fixtures.tone(10, rate: 48000, amplitude: 0.1)))
        let stereo = inspect(fx.write("st.wav", .wav24, rate: 48000, channels: 2, samples: Fixtures.tone(10, rate: 48000, channels: 2, amplitude: 0.1)))
        let lm = try #require(mono.loudness?.integrated), ls = try #require(stereo.loudness?.integrated)
        #expect(abs(lm - -23.0) < 0.1)
        #expect(abs(ls - -20.0) < 0.1)
        #expect(abs(try #require(mono.loudness?.truePeak) - -20.0) < 0.1)
        #expect(try #require(mono.loudness?.range) < 0.5)  // a steady tone has no range
        #expect(AudioValidator.problems(path: "m.wav", facts: mono, policy: policy).contains { $0.code == "loudness-off-target" })
    }

    @Test("Dead air at head and tail, and a long silence inside")
    func silences() throws {
        let fx = Fixtures(); defer { fx.remove() }
        let r = 16000
        let samples = Fixtures.silence(3, rate: r) + Fixtures.tone(2, rate: r) + Fixtures.silence(6, rate: r)
            + Fixtures.tone(2, rate: r) + Fixtures.silence(4, rate: r)
        let p = fx.write("gaps.flac", .flac, rate: r, samples: samples)
        let f = inspect(p)
        let s = try #require(f.silence)
        #expect(abs(s.head - 3) <= 0.02)
        #expect(abs(s.tail - 4) <= 0.02)
        #expect(abs(s.longest - 6) <= 0.04)
        let c = codes(p, f)
        #expect(c.contains("dead-air-head") && c.contains("dead-air-tail") && c.contains("long-silence"))
        // A clean tone has none of these.
        let clean = fx.write("clean.flac", .flac, rate: r, samples: Fixtures.tone(5, rate: r, amplitude: 0.5))
        let cf = inspect(clean)
        #expect(cf.silence == Silence(head: 0, tail: 0, longest: 0))
        #expect(!codes(clean, cf).contains { $0.hasPrefix("dead-air") || $0 == "long-silence" })
    }

    @Test("Pure silence has no loudness and no true peak (null, not -inf)")
    func pureSilence() {
        let fx = Fixtures(); defer { fx.remove() }
        let p = fx.write("quiet.wav", .wav16, rate: 44100, samples: Fixtures.silence(5, rate: 44100))
        let f = inspect(p)
        #expect(f.loudness == Loudness(integrated: nil, range: nil, truePeak: nil))
        #expect(f.silence?.head == 5)
        #expect(codes(p, f).contains("dead-air-head"))
    }

    @Test("Clipping is counted in runs; a clean tone has none")
    func clipping() {
        let fx = Fixtures(); defer { fx.remove() }
        let clipped = fx.write("clip.wav", .wav16, rate: 44100, samples: Fixtures.tone(1, rate: 44100, frequency: 100, amplitude: 1.6))
        let clean = fx.write("ok.wav", .wav16, rate: 44100, samples: Fixtures.tone(1, rate: 44100, frequency: 100, amplitude: 0.9))
        let fc = inspect(clipped)
        #expect((fc.clippedRuns ?? 0) >= 100)  // two runs per cycle, 100 cycles
        #expect(codes(clipped, fc).contains("clipping"))
        #expect(inspect(clean).clippedRuns == 0)
    }

    @Test("MP3 written by libsndfile: frame walk, decoder and source agree")
    func mp3Length() throws {
        let fx = Fixtures(); defer { fx.remove() }
        let p = fx.write("t.mp3", .mp3, rate: 44100, samples: Fixtures.tone(10, rate: 44100, amplitude: 0.3))
        let quick = inspect(p, .quick), full = inspect(p)
        #expect(quick.container == "MP3" && quick.encoding == "MPEG-1 Layer III")
        #expect(quick.frames == full.frames)  // the walk predicts exactly what the decoder plays
        #expect(abs(try #require(full.duration) - 10) < 0.06)
        #expect(full.defects.isEmpty)
    }

    @Test("MP3 without a Xing tag: the real length, flagged, where libsndfile guesses")
    func mp3WithoutXing() throws {
        let fx = Fixtures(); defer { fx.remove() }
        let src = fx.write("vbr.mp3", .mp3, rate: 24000, samples: Fixtures.tone(30, rate: 24000, frequency: 300, amplitude: 0.3))
        let stripped = strippingSeekTag(Array(FileManager.default.contents(atPath: src)!))
        let p = fx.bytes("noxing.mp3", stripped)
        let quick = inspect(p, .quick), full = inspect(p)
        #expect(abs(try #require(quick.duration) - 30) < 0.2)
        #expect(abs(try #require(full.duration) - 30) < 0.2)
        #expect(quick.defects.contains(.mp3WithoutSeekTag))
        #expect(codes(p, full).contains("mp3-no-seek-tag"))
        #expect(full.declaredDuration != nil)
    }

    @Test("Truncated MP3, FLAC and WAV are errors with their real length")
    func truncated() throws {
        let fx = Fixtures(); defer { fx.remove() }
        let tone = Fixtures.tone(20, rate: 22050, amplitude: 0.3)
        let mp3 = fx.truncate(fx.write("a.mp3", .mp3, rate: 22050, samples: tone), to: "a-cut.mp3", fraction: 0.5)
        let flac = fx.truncate(fx.write("a.flac", .flac, rate: 22050, samples: Fixtures.tone(20, rate: 22050, frequency: 3000, amplitude: 0.3) ), to: "a-cut.flac", fraction: 0.5)
        let wav = fx.truncate(fx.write("a.wav", .wav16, rate: 22050, samples: tone), to: "a-cut.wav", fraction: 0.5)
        for p in [mp3, flac, wav] {
            for depth in [AudioInspector.Depth.quick, .full] {
                let f = inspect(p, depth)
                #expect(f.defects.contains(.truncated), "\(p) \(depth)")
                let real = try #require(f.duration, "\(p) \(depth)")
                #expect(real > 5 && real < 15, "\(p) \(depth): \(real)")
                #expect(abs(try #require(f.declaredDuration) - 20) < 0.1)
                #expect(codes(p, f).first == "truncated")
            }
        }
    }

    @Test("A cut FLAC (48 kHz, 24-bit stereo) or OGG is truncated with its playable length, the same in quick and full scans (was corrupt: “lost sync”)",
          arguments: [0.01, 0.5, 0.99])
    func cutAnywhere(fraction: Double) throws {
        let fx = Fixtures(); defer { fx.remove() }
        let flac = fx.write("a.flac", .flac24, rate: 48000, channels: 2, samples: Fixtures.noise(9.25, rate: 48000, channels: 2))
        let ogg = fx.write("a.ogg", .ogg, rate: 44100, channels: 1, samples: Fixtures.noise(9.25, rate: 44100))
        for source in [flac, ogg] {
            let cut = fx.truncate(source, to: "cut-" + (source as NSString).lastPathComponent, fraction: fraction)
            let quick = inspect(cut, .quick), full = inspect(cut, .full)
            if source == ogg, fraction < 0.05 {
                // 1 % of this OGG is 900 bytes, inside the Vorbis headers: nothing plays (nor in ffmpeg).
                for f in [quick, full] { #expect(!f.isReadable && f.duration == nil, "\(f.defects)") }
                continue
            }
            for f in [quick, full] {
                #expect(f.defects.contains(.truncated), "\(cut) at \(fraction): \(f.defects)")
                #expect(!f.defects.contains { if case .unreadable = $0 { true } else { false } }, "\(cut) at \(fraction): \(f.defects)")
                // FLAC's header says 9.25 s; a cut OGG has no length of its own to tell.
                if source == flac { #expect(abs((f.declaredDuration ?? 0) - 9.25) < 0.05) }
            }
            let q = try #require(quick.duration), l = try #require(full.duration)
            #expect(abs(q - l) < 0.1, "\(cut) at \(fraction): quick \(q) s, full \(l) s")
            // Noise does not compress, so the playable part is close to the share of the bytes kept.
            #expect(abs(l - 9.25 * fraction) < 0.6, "\(cut) at \(fraction): \(l) s")
        }
    }

    @Test("Header-only WAV is empty; broken and fake files get clear reasons")
    func brokenFiles() {
        let fx = Fixtures(); defer { fx.remove() }
        let empty = fx.write("empty.wav", .wav16, rate: 44100, samples: [])
        #expect(codes(empty, inspect(empty)) == ["empty"])
        let noise = fx.bytes("broken.mp3", (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) & 0x7F })
        #expect(codes(noise, inspect(noise)) == ["corrupt"])
        let text = fx.bytes("notes.wav", Array("not audio at all\n".utf8))
        #expect(codes(text, inspect(text)) == ["unreadable"])
        let zero = fx.bytes("zero.ogg", [])
        #expect(codes(zero, inspect(zero)) == ["unreadable"])
        var m4a: [UInt8] = [0, 0, 0, 0x20] + Array("ftypM4A ".utf8)
        m4a += [UInt8](repeating: 0, count: 100)
        let aac = fx.bytes("song.m4a", m4a)
        let f = inspect(aac)
        #expect(codes(aac, f) == ["unsupported-format"])
        #expect(Messages.text(AudioValidator.problems(path: aac, facts: f, policy: policy)[0], .vi).contains("MP3"))
        // A WAV under a wrong extension is still audio.
        let disguised = fx.write("disguised.m4a", .wav16, rate: 44100, samples: Fixtures.tone(1, rate: 44100))
        #expect(inspect(disguised).container == "WAV")
    }

    @Test("Scanning never writes to audio files")
    func neverWrites() throws {
        let fx = Fixtures(); defer { fx.remove() }
        let p = fx.write("keep.mp3", .mp3, rate: 44100, samples: Fixtures.tone(3, rate: 44100))
        let before = FileManager.default.contents(atPath: p)
        let attrs = try FileManager.default.attributesOfItem(atPath: p)
        _ = inspect(p); _ = inspect(p, .quick)
        #expect(FileManager.default.contents(atPath: p) == before)
        #expect(try FileManager.default.attributesOfItem(atPath: p)[.modificationDate] as? Date == attrs[.modificationDate] as? Date)
    }
}
