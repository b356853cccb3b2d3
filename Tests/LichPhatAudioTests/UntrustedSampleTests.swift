import Foundation
import Testing
import TestSupport
@testable import LichPhatAudio
import LichPhatCore
import LichPhatText

/// Decoded samples are never trusted: a damaged stream or a float file can hold NaN, infinity
/// or values far beyond full scale. Each used to trap the analyzer (`Int32(x * 32767)`).
@Suite("Untrusted decoded samples")
struct UntrustedSampleTests {
    let policy = AudioPolicy()

    @Test("NaN and infinity in a float WAV: corrupt, with where; the rest is still measured")
    func nonFinite() {
        let fx = Fixtures(); defer { fx.remove() }
        var samples = Fixtures.tone(3, rate: 44100, amplitude: 0.3)
        samples[66150] = .nan            // 1.50 s
        samples[66151] = .infinity
        samples[100_000] = -.infinity
        let p = fx.write("nan.wav", .wavFloat, rate: 44100, samples: samples)
        let f = AudioInspector.inspect(path: p, depth: .full, policy: policy)
        #expect(f.frames == 132_300)
        #expect(f.measured)
        let corrupt = f.defects.compactMap { if case let .unreadable(.corrupt, d) = $0 { d } else { nil } }
        #expect(corrupt.count == 1)
        #expect(corrupt.first?.contains("3 decoded samples") == true)
        #expect(corrupt.first?.contains("1.50 s") == true)
        // Loudness of the tone, measured around the bad samples (which count as silence).
        let lufs = try? #require(f.loudness?.integrated)
        #expect(lufs.map { $0 > -20 && $0 < -10 } == true)
        let problems = AudioValidator.problems(path: p, facts: f, policy: policy)
        #expect(problems.first?.code == "corrupt")
        #expect(problems.first?.severity == .error)
    }

    @Test("Samples far beyond full scale (±100 000): an out-of-range error (damaged frames, never planned), no trap; a little over full scale is a warning")
    func beyondFullScale() {
        let fx = Fixtures(); defer { fx.remove() }
        var samples = Fixtures.tone(2, rate: 22050, amplitude: 0.2)
        for i in stride(from: 1000, to: 1010, by: 1) { samples[i] = 100_000 }
        samples[5000] = -70_000
        samples[6000] = Float.greatestFiniteMagnitude
        let p = fx.write("hot.wav", .wavFloat, rate: 22050, samples: samples)
        let f = AudioInspector.inspect(path: p, depth: .full, policy: policy)
        #expect(f.frames == 44100)
        #expect(f.isReadable)
        #expect(f.defects.contains { if case let .outOfRange(n, peak) = $0 { n == 12 && peak > 1e30 } else { false } })
        let problems = AudioValidator.problems(path: p, facts: f, policy: policy)
        let out = problems.first { $0.code == "out-of-range" }
        #expect(out?.severity == .error)
        #expect(out.map { Messages.text($0, .vi).contains("12 mẫu") && Messages.text($0, .vi).contains("không đưa vào lịch") } == true)
        #expect(AudioProblem.samplesOutOfRange(count: 3, peak: 1.5).severity == .warning)
        #expect(AudioProblem.samplesOutOfRange(count: 3, peak: 238_246).severity == .error)
        #expect(f.audioHash != nil)
    }

    @Test("A decode that runs past the policy's time limit is reported as corrupt, not waited for")
    func watchdog() {
        let fx = Fixtures(); defer { fx.remove() }
        let p = fx.write("long.wav", .wav16, rate: 48000, channels: 2, samples: Fixtures.tone(20, rate: 48000, channels: 2))
        var strict = policy
        strict.decodeTimeLimit = 0.000_001
        let f = AudioInspector.inspect(path: p, depth: .full, policy: strict)
        let corrupt = f.defects.compactMap { if case let .unreadable(.corrupt, d) = $0 { d } else { nil } }
        #expect(corrupt.first?.contains("did not finish") == true)
        // With the default limit the same file is sound.
        #expect(AudioInspector.inspect(path: p, depth: .full, policy: policy).isReadable)
    }

    @Test("decode_time_limit is a policy key with a range")
    func policyKey() throws {
        var p = AudioPolicy()
        try p.set("decode_time_limit", to: "90s")
        #expect(p.decodeTimeLimit == 90)
        #expect(throws: AudioPolicy.SetError.self) { try p.set("decode_time_limit", to: "0") }
        #expect(throws: AudioPolicy.SetError.self) { try p.set("decode_time_limit", to: "1e300") }
    }
}
