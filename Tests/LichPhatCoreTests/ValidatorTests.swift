import Testing
@testable import LichPhatCore
import LichPhatText

@Suite("Judging audio facts against the policy")
struct ValidatorTests {
    let policy = AudioPolicy()

    func facts(duration: Double = 60, rate: Int = 44100, channels: Int = 1) -> AudioFacts {
        AudioFacts(container: "WAV", encoding: "PCM 16-bit", sampleRate: rate, channels: channels,
                   frames: Int64(duration * Double(rate)), size: 1000)
    }

    func codes(_ f: AudioFacts, path: String = "a.wav", policy: AudioPolicy? = nil) -> [String] {
        AudioValidator.problems(path: path, facts: f, policy: policy ?? self.policy).map(\.code)
    }

    @Test("A sound file breaks no rule")
    func clean() {
        var f = facts()
        f.loudness = Loudness(integrated: -16.5, range: 4, truePeak: -2)
        f.silence = Silence(head: 0.2, tail: 0.5, longest: 1)
        f.clippedRuns = 0
        #expect(codes(f).isEmpty)
    }

    @Test("Each bound gives its own code, at the right severity")
    func bounds() {
        #expect(codes(facts(duration: 0.5)) == ["duration-too-short"])
        #expect(codes(facts(duration: 4 * 3600)) == ["duration-too-long"])
        #expect(codes(facts(rate: 11025)) == ["sample-rate-low"])
        let phone = AudioValidator.problems(path: "a.wav", facts: facts(rate: 8000), policy: AudioPolicy())
        #expect(phone.map(\.severity) == [.warning])                       // 8 kHz plays: a warning
        #expect(AudioValidator.problems(path: "a.wav", facts: facts(rate: 6000), policy: AudioPolicy()).map(\.severity) == [.error])
        #expect(Messages.text(phone[0], .vi).contains("vẫn phát được"))
        var policy = AudioPolicy()
        try? policy.set("sample_rate_floor", to: "16000")
        #expect(AudioValidator.problems(path: "a.wav", facts: facts(rate: 8000), policy: policy).map(\.severity) == [.error])
        #expect(codes(facts(channels: 6)) == ["too-many-channels"])
        var f = facts()
        f.loudness = Loudness(integrated: -25, range: 3, truePeak: 0.5)
        f.silence = Silence(head: 2.5, tail: 3, longest: 7)
        f.clippedRuns = 4
        #expect(codes(f) == ["loudness-off-target", "true-peak-high", "dead-air-head", "dead-air-tail", "long-silence", "clipping"])
        #expect(AudioValidator.problems(path: "a.wav", facts: f, policy: policy).allSatisfy { $0.severity == .warning })
        var loud = policy; loud.loudnessTarget = -24; loud.truePeakLimit = 1
        f.silence = nil; f.clippedRuns = nil
        #expect(codes(f, policy: loud).isEmpty)
    }

    @Test("Reading defects come first and stop the measurement checks")
    func defects() {
        let broken = AudioFacts(size: 10, defects: [.unreadable(.corrupt, detail: "x")])
        #expect(codes(broken) == ["corrupt"])
        var cut = facts(duration: 0.2); cut.declaredFrames = 44100 * 60; cut.defects = [.truncated]
        let problems = AudioValidator.problems(path: "a.wav", facts: cut, policy: policy)
        #expect(problems.map(\.code) == ["truncated", "duration-too-short"])
        #expect(problems[0].severity == .error)
        #expect(codes(AudioFacts(container: "M4A", size: 10, defects: [.unsupported(format: "M4A")])) == ["unsupported-format"])
        #expect(codes(facts(duration: 0)) == ["empty"])
    }

    @Test("NFD names and characters playout systems choke on")
    func names() {
        let nfd = "tiêm chủng".decomposedStringWithCanonicalMapping
        #expect(!AudioValidator.isNFC(nfd))
        #expect(AudioValidator.isNFC(AudioValidator.nfc(nfd)))
        #expect(AudioValidator.nameProblems("Audio/\(nfd).mp3").map(\.code) == ["name-not-nfc"])
        #expect(AudioValidator.nameProblems("Audio/tiêm chủng.mp3").isEmpty)
        let unsafe = AudioValidator.nameProblems("Audio/bản tin: số 1?.mp3")
        #expect(unsafe.map(\.code) == ["name-unsafe"])
        #expect(Messages.text(unsafe[0], .en).contains(": ?"))
        #expect(AudioValidator.nameProblems("Audio/bản tin #1.mp3").map(\.code) == [])  // '#' only matters at the start
        #expect(AudioValidator.nameProblems("Audio/#1.mp3").map(\.code) == ["name-unsafe"])
    }

    @Test("Duplicates point at each other")
    func duplicates() {
        let d = DuplicateFinder.duplicates([("b", 1), ("a", 1), ("c", 2), ("d", nil)])
        #expect(d == ["a": "b", "b": "a"])
    }

    @Test("Every problem has a message in both languages, with full diacritics in Vietnamese")
    func messages() {
        let all: [AudioProblem] = [
            .unreadable(.notAudio, detail: "x"), .unreadable(.corrupt, detail: "x"), .unreadable(.ioError, detail: "x"),
            .truncated(declared: 60, real: 22.3), .truncated(declared: 60, real: nil), .empty,
            .durationTooShort(0.5, min: 1), .durationTooLong(4000, max: 3600), .sampleRateLow(8000, min: 16000),
            .tooManyChannels(6, max: 2), .loudnessOff(-25, target: -16, tolerance: 3), .truePeakHigh(0.3, limit: -1),
            .deadAirHead(3, max: 2), .deadAirTail(3, max: 2), .longSilence(6, max: 5), .clipping(runs: 3),
            .duplicate(of: "x.mp3"), .nameNotNFC, .nameUnsafe(characters: "?"), .unsupportedFormat("M4A"),
            .mp3WithoutSeekTag(declared: 22.3, real: 60), .samplesOutOfRange(count: 12, peak: 3.5),
        ]
        #expect(Set(all.map(\.code)) == Set(AudioProblem.allCodes))
        for p in all {
            let vi = Messages.text(p, .vi), en = Messages.text(p, .en)
            #expect(!vi.isEmpty && !en.isEmpty && vi != en)
        }
        #expect(Messages.text(.truncated(declared: 60, real: 22.3), .vi).contains("22,3 giây"))
        #expect(Messages.text(.truncated(declared: 60, real: 22.3), .en).contains("22.3 s"))
        #expect(Messages.text(.empty, .vi).contains("âm thanh"))
    }
}

@Suite("Lengths and suggestions")
struct TextTests {
    @Test("Lengths as operators write them")
    func lengths() {
        #expect(DurationText.seconds("90") == 90)
        #expect(DurationText.seconds("90s") == 90)
        #expect(DurationText.seconds("30m") == 1800)
        #expect(DurationText.seconds("1h15m") == 4500)
        #expect(DurationText.seconds("-16") == -16)
        #expect(DurationText.seconds("2.5m") == 150)
        #expect(DurationText.seconds("abc") == nil)
        #expect(DurationText.seconds("15x") == nil)
        #expect(DurationText.seconds("") == nil)
    }

    @Test("Policy keys: set by name, a misspelling gets a suggestion")
    func policyKeys() throws {
        var p = AudioPolicy()
        try p.set("loudness_target", to: "-18")
        try p.set("max_dead_air", to: "3s")
        #expect(p.loudnessTarget == -18 && p.maxDeadAir == 3)
        #expect(throws: AudioPolicy.SetError.unknownKey("loudnes_target", suggestion: "loudness_target")) {
            try p.set("loudnes_target", to: "-18")
        }
        #expect(throws: AudioPolicy.SetError.badValue(key: "max_channels", value: "two")) {
            try p.set("max_channels", to: "two")
        }
        #expect(Suggest.closest(to: "zzzzzzzz", in: AudioPolicy.keys) == nil)
    }
}

@Suite("Numbers for people")
struct NumberTests {
    @Test("Decimal comma in Vietnamese, point in English, rounding half away from zero, no -0")
    func numbers() {
        #expect(Messages.number(-16.04, .vi) == "-16,0")
        #expect(Messages.number(-16.05, digits: 1, .en) == "-16.1")
        #expect(Messages.number(22.333, digits: 2, .vi) == "22,33")
        #expect(Messages.number(-0.04, .vi) == "0,0")
        #expect(Messages.number(7, digits: 0, .en) == "7")
        #expect(Messages.number(1.005, digits: 3, .en) == "1.005")
        #expect(Messages.clock(59.6) == "1:00" && Messages.clock(3725) == "1:02:05")
    }
}

@Suite("Loudness gain at playout")
struct LoudnessGainTests {
    @Test("The gain reaches the target, unless the true peak would pass the limit; silence and unmeasured files get none")
    func gain() {
        #expect(LoudnessGain.gain(integrated: -20, truePeak: -6, target: -16, peakLimit: -1) == .init(gain: 4, limitedByPeak: false))
        #expect(LoudnessGain.gain(integrated: -12.04, truePeak: -0.5, target: -16, peakLimit: -1) == .init(gain: -4, limitedByPeak: false))
        // A quiet file with a loud peak: +6 wanted, only +2.5 before the peak reaches -1 dBTP.
        #expect(LoudnessGain.gain(integrated: -22, truePeak: -3.5, target: -16, peakLimit: -1) == .init(gain: 2.5, limitedByPeak: true))
        #expect(LoudnessGain.gain(integrated: nil, truePeak: nil, target: -16, peakLimit: -1) == nil)
        #expect(LoudnessGain.gain(integrated: -.infinity, truePeak: nil, target: -16, peakLimit: -1) == nil)
        #expect(LoudnessGain.gain(integrated: -200, truePeak: -190, target: -16, peakLimit: -1)?.gain == 60)   // bounded
    }
}
