import CEbur128
import Foundation
import Testing
import TestSupport
@testable import LichPhatAudio
import LichPhatCore

/// LichPhat measures loudness and true peak itself (K-weighting, gating, a polyphase interpolator
/// run eight samples at a time) so that it is fast and a long file can be measured in stretches on
/// several cores. libebur128 is the reference it must agree with: integrated loudness within
/// 0.1 LU, true peak within 0.2 dB (issue 8); in fact they agree to a few hundredths.
@Suite("Own loudness and true peak agree with libebur128")
struct MeasureAgreementTests {
    struct Reference { var integrated: Double?; var range: Double?; var truePeak: Double? }

    /// libebur128's figures for interleaved `samples`, as LichPhat used to take them (histogram mode)
    /// or exact (block lists).
    static func libebur128(_ samples: [Float], rate: Int, channels: Int, histogram: Bool = false) -> Reference {
        var mode = EBUR128_MODE_I.rawValue | EBUR128_MODE_LRA.rawValue | EBUR128_MODE_TRUE_PEAK.rawValue
        if histogram { mode |= EBUR128_MODE_HISTOGRAM.rawValue }
        var st = ebur128_init(UInt32(channels), UInt(rate), Int32(mode))
        defer { ebur128_destroy(&st) }
        samples.withUnsafeBufferPointer { p in
            // In uneven pieces, like a decoder delivers them.
            var at = 0, piece = 1000
            while at < samples.count / channels {
                let n = min(piece, samples.count / channels - at)
                ebur128_add_frames_float(st, p.baseAddress! + at * channels, n)
                at += n; piece = piece * 7 % 9973 + 100
            }
        }
        var i = 0.0, r = 0.0, peak = 0.0
        ebur128_loudness_global(st, &i)
        ebur128_loudness_range(st, &r)
        for c in 0..<channels {
            var p = 0.0
            ebur128_true_peak(st, UInt32(c), &p)
            peak = max(peak, p)
        }
        return Reference(integrated: i.isFinite && i > -70 ? i : nil, range: r,
                         truePeak: peak > 0 ? 20 * log10(peak) : nil)
    }

    /// LichPhat's analyzer over the same samples, in pieces of `piece` frames.
    static func ours(_ samples: [Float], rate: Int, channels: Int, piece: Int = 4096) -> Analyzer.Result {
        let a = Analyzer(sampleRate: rate, channels: channels, policy: AudioPolicy())
        var copy = samples
        copy.withUnsafeMutableBufferPointer { p in
            var at = 0
            let frames = samples.count / channels
            while at < frames {
                let n = min(piece, frames - at)
                a.add(p.baseAddress! + at * channels, frames: n)
                at += n
            }
        }
        return a.finish()
    }

    /// The same samples measured as `stretches` stretches, each warmed on the second before it, and merged.
    static func inStretches(_ samples: [Float], rate: Int, channels: Int, stretches: Int) -> Analyzer.Result {
        let frames = samples.count / channels
        let policy = AudioPolicy()
        let plan = StretchPlan(frames: Int64(frames), alignment: Analyzer.alignment(sampleRate: rate), preroll: Int64(rate), count: stretches)
        var copy = samples
        let parts = plan.stretches.enumerated().map { k, s in
            let a = Analyzer(sampleRate: rate, channels: channels, policy: policy)
            copy.withUnsafeMutableBufferPointer { p in
                a.preroll(p.baseAddress! + Int(s.warmFrom) * channels, frames: Int(s.start - s.warmFrom))
                a.add(p.baseAddress! + Int(s.start) * channels, frames: Int(s.end - s.start))
            }
            return a.part(last: k == plan.stretches.count - 1)
        }
        return Analyzer.merge(parts, sampleRate: rate)
    }

    static func sine(_ seconds: Double, rate: Int, channels: Int, frequency: Double, amplitude: Double, phase: Double = 0) -> [Float] {
        let n = Int(seconds * Double(rate))
        var out = [Float](); out.reserveCapacity(n * channels)
        for i in 0..<n {
            for c in 0..<channels {
                // Channels a little apart, so a stereo file is not two copies.
                let g = 1 - 0.25 * Double(c)
                out.append(Float(g * amplitude * sin(2 * .pi * frequency * Double(i) / Double(rate) + phase)))
            }
        }
        return out
    }

    /// Speech-like bursts: noise switched on and off, levels changing, some quiet stretches.
    static func bursts(_ seconds: Double, rate: Int, channels: Int) -> [Float] {
        var noise = Fixtures.noise(seconds, rate: rate, channels: channels, amplitude: 1)
        let frames = noise.count / channels
        for f in 0..<frames {
            let t = Double(f) / Double(rate)
            let level = [0.5, 0.02, 0.25, 0, 0.8, 0.1][Int(t * 1.3) % 6]
            for c in 0..<channels { noise[f * channels + c] *= Float(level) }
        }
        return noise
    }

    static func check(_ name: String, _ samples: [Float], rate: Int, channels: Int) {
        let exact = libebur128(samples, rate: rate, channels: channels)
        let histogram = libebur128(samples, rate: rate, channels: channels, histogram: true)
        let mine = ours(samples, rate: rate, channels: channels).loudness
        let label = "\(name) \(rate) Hz ×\(channels)"
        #expect((exact.integrated == nil) == (mine.integrated == nil), "\(label): integrated \(String(describing: mine.integrated)) vs \(String(describing: exact.integrated))")
        if let a = mine.integrated, let b = exact.integrated, let h = histogram.integrated {
            #expect(abs(a - b) < 0.01, "\(label): integrated \(a) vs libebur128 \(b)")
            #expect(abs(a - h) < 0.1, "\(label): integrated \(a) vs libebur128 (histogram) \(h)")
        }
        if let a = mine.range, let b = exact.range {
            #expect(abs(a - b) < 0.01, "\(label): range \(a) vs libebur128 \(b)")
        }
        #expect((exact.truePeak == nil) == (mine.truePeak == nil), "\(label): true peak presence")
        if let a = mine.truePeak, let b = exact.truePeak {
            #expect(abs(a - b) < 0.2, "\(label): true peak \(a) vs libebur128 \(b)")
            #expect(abs(a - b) < 0.01, "\(label): true peak \(a) vs libebur128 \(b) (same filter)")
        }
    }

    @Test("Sines at several frequencies and phases, mono and stereo, 8 to 48 kHz", arguments: [8000, 11025, 16000, 22050, 32000, 44100, 48000])
    func sines(rate: Int) {
        for channels in [1, 2] {
            for (frequency, phase) in [(100.0, 0.0), (997.0, 0.3), (Double(rate) / 4, .pi / 4), (Double(rate) * 0.45, 1.0)] {
                let amplitude = frequency > 1000 ? 0.9 : 0.25
                Self.check("sine \(frequency) Hz", Self.sine(4.5, rate: rate, channels: channels, frequency: frequency, amplitude: amplitude, phase: phase),
                           rate: rate, channels: channels)
            }
        }
    }

    @Test("Noise, bursts with quiet gaps, clipping and six channels")
    func otherSignals() {
        for (rate, channels) in [(8000, 1), (44100, 1), (44100, 2), (48000, 2)] {
            Self.check("noise", Fixtures.noise(7, rate: rate, channels: channels, amplitude: 0.4), rate: rate, channels: channels)
            Self.check("bursts", Self.bursts(20, rate: rate, channels: channels), rate: rate, channels: channels)
            // A sine driven 6 dB past full scale and clipped.
            let clipped = Self.sine(5, rate: rate, channels: channels, frequency: 440, amplitude: 2).map { max(-1, min(1, $0)) }
            Self.check("clipped", clipped, rate: rate, channels: channels)
        }
        // L, R, C, LFE (not counted), Ls, Rs (weighted 1.41).
        Self.check("5.1 noise", Fixtures.noise(5, rate: 48000, channels: 6, amplitude: 0.2), rate: 48000, channels: 6)
        Self.check("quad noise", Fixtures.noise(5, rate: 48000, channels: 4, amplitude: 0.2), rate: 48000, channels: 4)
    }

    @Test("A sine at fs/4 sampled 45° from its crests, samples at full scale: true peak +3.0 dBTP")
    func interSamplePeak() throws {
        for rate in [44100, 48000] {
            let samples = Self.sine(3, rate: rate, channels: 1, frequency: Double(rate) / 4, amplitude: 2.0.squareRoot(), phase: .pi / 4)
            #expect(samples.prefix(100).allSatisfy { abs(abs($0) - 1) < 1e-6 })
            let tp = try #require(Self.ours(samples, rate: rate, channels: 1).loudness.truePeak)
            #expect(abs(tp - 3.01) < 0.2, "true peak \(tp) dBTP")
            let reference = try #require(Self.libebur128(samples, rate: rate, channels: 1).truePeak)
            #expect(abs(tp - reference) < 0.01)
        }
    }

    @Test("Digital silence and near silence: no loudness, no true peak, the whole file silent")
    func silence() {
        let r = Self.ours(Fixtures.silence(5, rate: 44100, channels: 2), rate: 44100, channels: 2)
        #expect(r.loudness.integrated == nil && r.loudness.range == nil && r.loudness.truePeak == nil)
        #expect(r.silence == Silence(head: 5, tail: 5, longest: 0))
        Self.check("digital silence", Fixtures.silence(5, rate: 22050, channels: 1), rate: 22050, channels: 1)
        // A file of only digital silence: no loudness, no peak, all of it dead air (an error by the policy).
        let fx = Fixtures(); defer { fx.remove() }
        let file = AudioInspector.inspect(path: fx.write("silence.flac", .flac, rate: 16000, samples: Fixtures.silence(4, rate: 16000)),
                                          depth: .full, policy: AudioPolicy())
        #expect(file.loudness == Loudness(integrated: nil, range: nil, truePeak: nil))
        #expect(file.silence == Silence(head: 4, tail: 4, longest: 0) && file.frames == 64000)
        // −80 dBFS: below the absolute gate; still has a peak.
        let quiet = Self.sine(5, rate: 44100, channels: 1, frequency: 1000, amplitude: 1e-4)
        Self.check("−80 dBFS sine", quiet, rate: 44100, channels: 1)
        #expect(Self.ours(quiet, rate: 44100, channels: 1).loudness.integrated == nil)
        // Long digital silence after a tone must not slow the filter down or change its figures.
        Self.check("tone then silence", Self.sine(3, rate: 48000, channels: 2, frequency: 1000, amplitude: 0.3)
                       + Fixtures.silence(30, rate: 48000, channels: 2), rate: 48000, channels: 2)
    }

    static func same(_ a: Analyzer.Result, _ b: Analyzer.Result) -> Bool {
        func close(_ x: Double?, _ y: Double?) -> Bool { x == y || (x != nil && y != nil && abs(x! - y!) < 1e-9) }
        return close(a.loudness.integrated, b.loudness.integrated) && close(a.loudness.range, b.loudness.range)
            && a.loudness.truePeak == b.loudness.truePeak && a.silence == b.silence && a.hash == b.hash
            && a.frames == b.frames && a.clippedRuns == b.clippedRuns
    }

    @Test("Pieces of any size give the same figures")
    func pieces() {
        let s = Self.bursts(8, rate: 44100, channels: 2)
        let whole = Self.ours(s, rate: 44100, channels: 2, piece: 100_000)
        for piece in [7, 441, 4410, 8192, 10_000] {
            let r = Self.ours(s, rate: 44100, channels: 2, piece: piece)
            #expect(Self.same(r, whole), "piece \(piece): \(r) vs \(whole)")
        }
        let short = Array(s.prefix(44100 * 2))
        #expect(Self.same(Self.ours(short, rate: 44100, channels: 2, piece: 1), Self.ours(short, rate: 44100, channels: 2)))
    }

    @Test("Stretches measured apart and merged: the figures of one pass", arguments: [2, 3, 7])
    func stretches(count: Int) throws {
        for (rate, channels) in [(48000, 2), (44100, 1), (11025, 2)] {
            var s = Self.bursts(40, rate: rate, channels: channels)
            // Runs of full-scale samples across where stretches meet (3 in a row make a clipping run:
            // 2 before and 1 after, and 4 before and 2 after), elsewhere too, and a NaN.
            let plan = StretchPlan(frames: Int64(s.count / channels), alignment: Analyzer.alignment(sampleRate: rate), preroll: Int64(rate), count: count)
            #expect(plan.stretches.count == (rate == 11025 ? 2 : count))   // 11025 Hz aligns on 22 s
            for (k, stretch) in plan.stretches.enumerated().dropFirst() {
                let before = k % 2 == 1 ? 2 : 4
                for f in (Int(stretch.start) - before)..<(Int(stretch.start) + before / 2) { s[f * channels] = 1 }
            }
            for f in 1000..<1010 { s[f * channels] = -1 }
            s[(s.count / channels / 3 + 5) * channels] = .nan
            let one = Self.ours(s, rate: rate, channels: channels)
            let merged = Self.inStretches(s, rate: rate, channels: channels, stretches: count)
            let label = "\(rate) Hz ×\(channels) in \(count)"
            let i1 = try #require(one.loudness.integrated), i2 = try #require(merged.loudness.integrated)
            #expect(abs(i1 - i2) < 1e-6, "\(label): \(i1) vs \(i2)")
            #expect(Self.same(one, merged), "\(label): \(one) vs \(merged)")
            #expect(one.clippedRuns == plan.stretches.count, "\(label): \(one.clippedRuns) clipping runs")
            #expect(one.nonFiniteSamples == 1 && merged.nonFiniteSamples == 1 && one.firstNonFiniteFrame == merged.firstNonFiniteFrame)
        }
    }
}

/// A long file on several cores: the same facts as one pass, and a damaged one still measured right.
@Suite("One long file on several cores")
struct LongFileTests {
    let policy = AudioPolicy()

    /// Equal facts, loudness to 1e-9 (sums taken in another order round differently).
    static func same(_ a: AudioFacts, _ b: AudioFacts) -> Bool {
        func close(_ x: Double?, _ y: Double?) -> Bool { x == y || (x != nil && y != nil && abs(x! - y!) < 1e-9) }
        guard close(a.loudness?.integrated, b.loudness?.integrated), close(a.loudness?.range, b.loudness?.range) else { return false }
        var a = a
        a.loudness = b.loudness.map { Loudness(integrated: $0.integrated, range: $0.range, truePeak: a.loudness?.truePeak) }
        return a == b
    }

    @Test("A long FLAC, WAV, OGG and MP3 measured in stretches: every fact as in one pass", arguments: [Fixtures.Kind.flac24, .wav16, .ogg, .mp3])
    func sameFacts(kind: Fixtures.Kind) throws {
        let fx = Fixtures(); defer { fx.remove() }
        let rate = kind == .mp3 ? 32000 : 16000   // MPEG-1: an MPEG-2 MP3 is measured in one pass
        var samples = MeasureAgreementTests.bursts(75, rate: rate, channels: 2)
        for i in 0..<(rate * 4) { samples[i] = 0 }                     // two seconds of dead air first
        let path = fx.write("long", kind, rate: rate, channels: 2, samples: samples)
        let one = AudioInspector.inspect(path: path, depth: .full, policy: policy, cores: 1)
        for cores in [2, 3, 5] {
            let many = AudioInspector.inspect(path: path, depth: .full, policy: policy, cores: cores)
            #expect(Self.same(many, one), "\(kind) on \(cores) cores:\n\(many)\nvs\n\(one)")
        }
        #expect(one.measured && one.audioHash != nil && one.loudness?.integrated != nil && (one.silence?.head ?? 0) >= 1.9)
        // The scanner gives a file holding most of the bytes every core.
        let scanned = LibraryScanner(depth: .full, policy: policy, jobs: 2)
            .scan(try LibraryScanner.collect([path]), catalog: nil).files.first?.facts
        #expect(scanned.map { Self.same($0, one) } == true)
    }

    @Test("An MPEG-1 MP3 read from the middle decodes as a pass from the start does (libmpg123 fills its bit reservoir first)")
    func mp3Stretches() throws {
        let fx = Fixtures(); defer { fx.remove() }
        let path = fx.write("long.mp3", .mp3, rate: 44100, channels: 2, samples: MeasureAgreementTests.bursts(70, rate: 44100, channels: 2))
        let facts = AudioInspector.inspect(path: path, depth: .quick, policy: policy)
        let frames = try #require(facts.frames)
        let one = try AudioInspector.analyse(try MPG123Source(path: path), policy: policy)
        for count in [2, 4] {
            let many = try #require(try AudioInspector.analyseInStretches(source: try MPG123Source(path: path), seekable: true, frames: frames,
                                                                      policy: policy, count: count, open: { try? MPG123Source(path: path) }))
            #expect(MeasureAgreementTests.same(many.result, one.result))
        }
        // An MPEG-2 stream (16 kHz) can decode a rounding error apart after a seek: measured in one pass, the same hash.
        let lsf = fx.write("lsf.mp3", .mp3, rate: 16000, channels: 2, samples: MeasureAgreementTests.bursts(70, rate: 16000, channels: 2))
        #expect(AudioInspector.inspect(path: lsf, depth: .full, policy: policy, cores: 2).audioHash
                == AudioInspector.inspect(path: lsf, depth: .full, policy: policy, cores: 1).audioHash)
    }

    @Test("The time limit holds for a file measured in stretches: an error, not a second try in one pass")
    func timeLimit() throws {
        let fx = Fixtures(); defer { fx.remove() }
        let path = fx.write("long.flac", .flac24, rate: 16000, channels: 2, samples: Fixtures.noise(70, rate: 16000, channels: 2))
        var strict = policy
        strict.decodeTimeLimit = 0.000_001
        #expect(throws: DecodeError.self) {
            try AudioInspector.analyseInStretches(source: try SndFileSource(path: path), seekable: true, frames: 70 * 16000,
                                                  policy: strict, count: 2, open: { try? SndFileSource(path: path) })
        }
        let facts = AudioInspector.inspect(path: path, depth: .full, policy: strict, cores: 2)
        #expect(facts.defects.contains { if case let .unreadable(.corrupt, detail) = $0 { detail.contains("did not finish") } else { false } })
    }

    @Test("A long FLAC cut short: the stretches do not read as planned, one pass finds the playable part")
    func cutShort() throws {
        let fx = Fixtures(); defer { fx.remove() }
        let rate = 16000
        let whole = fx.write("whole.flac", .flac24, rate: rate, channels: 2, samples: Fixtures.noise(80, rate: rate, channels: 2))
        let cut = fx.truncate(whole, to: "cut.flac", fraction: 0.6)
        let one = AudioInspector.inspect(path: cut, depth: .full, policy: policy, cores: 1)
        let two = AudioInspector.inspect(path: cut, depth: .full, policy: policy, cores: 2)
        #expect(Self.same(two, one))
        #expect(two.defects.contains(.truncated))
        let playable = try #require(two.duration)
        #expect(abs(playable - 48) < 1, "playable \(playable) s of 80")
    }
}

/// `--quick` reads an Ogg Vorbis file's length from its pages; libsndfile's length and the decoded
/// length are the reference, and a file that does not end cleanly goes to libsndfile.
@Suite("Ogg Vorbis lengths from the pages")
struct OggPagesTests {
    @Test("The same rate, channels and length as libsndfile and the decoder", arguments: [(8000, 1, 3.3), (22050, 2, 7.0), (44100, 1, 0.4), (48000, 2, 12.25)])
    func sameAsLibsndfile(rate: Int, channels: Int, seconds: Double) throws {
        let fx = Fixtures(); defer { fx.remove() }
        let path = fx.write("x.ogg", .ogg, rate: rate, channels: channels, samples: Fixtures.noise(seconds, rate: rate, channels: channels, amplitude: 0.2))
        let (head, size) = try AudioInspector.readHead(path, count: 65_536)
        let fromPages = try #require(AudioInspector.quickOggVorbis(path: path, head: head, size: size))
        let source = try SndFileSource(path: path)
        #expect(fromPages.sampleRate == rate && fromPages.channels == channels)
        #expect(fromPages.frames == source.declaredFrames)
        let full = AudioInspector.inspect(path: path, depth: .full, policy: AudioPolicy())
        #expect(fromPages.frames == full.frames && fromPages.encoding == full.encoding && fromPages.container == full.container)
        #expect(AudioInspector.inspect(path: path, depth: .quick, policy: AudioPolicy()) == fromPages)
    }

    @Test("A cut Ogg file is not answered from its pages: libsndfile finds how much of it plays")
    func cutFile() throws {
        let fx = Fixtures(); defer { fx.remove() }
        let path = fx.write("x.ogg", .ogg, rate: 22050, channels: 2, samples: Fixtures.noise(10, rate: 22050, channels: 2, amplitude: 0.2))
        for fraction in [0.5, 0.99] {
            let cut = fx.truncate(path, to: "cut-\(fraction).ogg", fraction: fraction)
            let (head, size) = try AudioInspector.readHead(cut, count: 65_536)
            #expect(AudioInspector.quickOggVorbis(path: cut, head: head, size: size) == nil)
            let quick = AudioInspector.inspect(path: cut, depth: .quick, policy: AudioPolicy())
            #expect(quick.defects.contains(.truncated), "\(fraction): \(quick)")
        }
        // Bytes after the last page: not a clean end either.
        var bytes = try #require(FileManager.default.contents(atPath: path))
        bytes.append(contentsOf: [0x4F, 0x67, 0x67, 0x53, 0, 0, 1, 2])
        let padded = fx.bytes("padded.ogg", Array(bytes))
        let (head, size) = try AudioInspector.readHead(padded, count: 65_536)
        #expect(AudioInspector.quickOggVorbis(path: padded, head: head, size: size) == nil)
    }
}

/// The audio hash is kept in users' catalogs: a change to how it is computed must come with a new
/// catalog key (LibraryScanner.measureKey), or copies measured before and after would not match.
@Suite("The audio hash stays what catalogs hold")
struct AudioHashTests {
    @Test("A fixed stereo signal hashes to the value catalogs keep (catalog key v3), in any pieces and stretches")
    func pinned() {
        let samples = MeasureAgreementTests.sine(70, rate: 8000, channels: 2, frequency: 440, amplitude: 0.5)
        let one = MeasureAgreementTests.ours(samples, rate: 8000, channels: 2)
        #expect(one.hash == AudioHashTests.value, "now \(one.hash)")
        #expect(MeasureAgreementTests.ours(samples, rate: 8000, channels: 2, piece: 333).hash == one.hash)
        #expect(MeasureAgreementTests.inStretches(samples, rate: 8000, channels: 2, stretches: 3).hash == one.hash)
        #expect(LibraryScanner(depth: .full, policy: AudioPolicy()).measureKey.hasPrefix("full;v3;"))
    }

    static let value: UInt64 = 11_873_124_564_162_059_136
}
