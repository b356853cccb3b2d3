/// The station's rules for audio it will air. Every field has a documented default;
/// a station file or the command line may override any of them.
public struct AudioPolicy: Codable, Sendable, Hashable {
    /// Shortest acceptable file, seconds (default 1).
    public var minDuration: Double = 1
    /// Longest acceptable file, seconds (default 3 hours).
    public var maxDuration: Double = 3 * 3600
    /// Sample rate below which a file gets a warning, Hz (default 16 000: below it speech sounds
    /// like a telephone, but it plays).
    public var minSampleRate: Int = 16_000
    /// Sample rate below which a file is an error, Hz (default 8 000, the telephone's: below it
    /// speech is hard to understand on a loudspeaker).
    public var sampleRateFloor: Int = 8_000
    /// Most channels (default 2).
    public var maxChannels: Int = 2
    /// Integrated loudness target, LUFS (default −16, speech on small speakers).
    public var loudnessTarget: Double = -16
    /// How far from the target a file may be, LU (default 3).
    public var loudnessTolerance: Double = 3
    /// Highest acceptable true peak, dBTP (default −1).
    public var truePeakLimit: Double = -1
    /// Level below which audio counts as silence, dBFS (default −50).
    public var silenceThreshold: Double = -50
    /// Longest acceptable silence at the head or tail, seconds (default 2).
    public var maxDeadAir: Double = 2
    /// Longest acceptable silence inside, seconds (default 5).
    public var maxInnerSilence: Double = 5
    /// Consecutive full-scale samples that make a clipped run (default 3).
    public var clipRunLength: Int = 3
    /// Longest time decoding one file may take, seconds (default 60): a damaged file that
    /// decodes for ever is reported as corrupt instead of holding up the library.
    public var decodeTimeLimit: Double = 60

    public init() {}

    /// The keys a policy accepts, as written in YAML and on the command line.
    public static let keys: [String] = [
        "min_duration", "max_duration", "min_sample_rate", "sample_rate_floor", "max_channels",
        "loudness_target", "loudness_tolerance", "true_peak_limit",
        "silence_threshold", "max_dead_air", "max_inner_silence", "clip_run_length",
        "decode_time_limit",
    ]

    public enum SetError: Error, Equatable, Sendable {
        case unknownKey(String, suggestion: String?)
        case badValue(key: String, value: String)
    }

    /// Sets one field by its key (`loudness_target`) from text (`-18`, `90s`, `1h`).
    public mutating func set(_ key: String, to text: String) throws(SetError) {
        func number() throws(SetError) -> Double {
            if let d = DurationText.seconds(text) { return d }
            throw .badValue(key: key, value: text)
        }
        func integer() throws(SetError) -> Int {
            guard let i = Int(text.trimmingSpaces), i >= 0 else { throw .badValue(key: key, value: text) }
            return i
        }
        switch key {
        case "min_duration": minDuration = try number()
        case "max_duration": maxDuration = try number()
        case "min_sample_rate": minSampleRate = try integer()
        case "sample_rate_floor": sampleRateFloor = try integer()
        case "max_channels": maxChannels = try integer()
        case "loudness_target": loudnessTarget = try number()
        case "loudness_tolerance": loudnessTolerance = try number()
        case "true_peak_limit": truePeakLimit = try number()
        case "silence_threshold": silenceThreshold = try number()
        case "max_dead_air": maxDeadAir = try number()
        case "max_inner_silence": maxInnerSilence = try number()
        case "clip_run_length": clipRunLength = try integer()
        case "decode_time_limit":
            let v = try number()
            guard v > 0, v <= 86_400 else { throw .badValue(key: key, value: text) }
            decodeTimeLimit = v
        default: throw .unknownKey(key, suggestion: Suggest.closest(to: key, in: Self.keys))
        }
    }
}

extension String {
    var trimmingSpaces: Substring {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return s
    }
}

/// The gain that brings a file to a loudness target at playout without letting its true peak
/// pass a limit: the originals are never changed, the player applies it.
public enum LoudnessGain {
    public struct Result: Sendable, Hashable {
        /// dB to apply (negative: quieter), rounded to 0.1 dB.
        public var gain: Double
        /// The target could not be reached: the gain was lowered to keep the true peak under the limit.
        public var limitedByPeak: Bool
    }

    /// nil for silence or an unmeasured file.
    public static func gain(integrated: Double?, truePeak: Double?, target: Double, peakLimit: Double) -> Result? {
        guard let integrated, integrated.isFinite, target.isFinite else { return nil }
        var gain = target - integrated
        var limited = false
        if let truePeak, truePeak.isFinite, truePeak + gain > peakLimit {
            gain = peakLimit - truePeak
            limited = true
        }
        gain = max(-60, min(60, gain))
        return Result(gain: (gain * 10).rounded() / 10, limitedByPeak: limited)
    }
}
