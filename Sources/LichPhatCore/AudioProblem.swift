/// How bad a problem is: an `error` keeps the file off the air; a `warning` is worth a look.
public enum Severity: String, Codable, Sendable, Hashable, Comparable {
    case warning, error
    public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
}

/// Something wrong with one audio file, with the figures behind it.
/// `code` is stable (scripts may rely on it); the message comes from ``Messages``.
public enum AudioProblem: Sendable, Hashable, Codable {
    case unreadable(UnreadableReason, detail: String)
    case truncated(declared: Double?, real: Double?)
    case empty
    case durationTooShort(Double, min: Double)
    case durationTooLong(Double, max: Double)
    /// Below `min_sample_rate` (`min`): a warning, as a telephone recording still plays; below the
    /// `sample_rate_floor` (`floor`) an error.
    case sampleRateLow(Int, min: Int, floor: Int = 0)
    case tooManyChannels(Int, max: Int)
    case loudnessOff(Double, target: Double, tolerance: Double)
    case truePeakHigh(Double, limit: Double)
    case deadAirHead(Double, max: Double)
    case deadAirTail(Double, max: Double)
    case longSilence(Double, max: Double)
    case clipping(runs: Int)
    case duplicate(of: String)
    case nameNotNFC
    case nameUnsafe(characters: String)
    case unsupportedFormat(String)
    case mp3WithoutSeekTag(declared: Double?, real: Double?)
    case samplesOutOfRange(count: Int, peak: Double)

    public var code: String {
        switch self {
        case .unreadable(.corrupt, _): "corrupt"
        case .unreadable: "unreadable"
        case .truncated: "truncated"
        case .empty: "empty"
        case .durationTooShort: "duration-too-short"
        case .durationTooLong: "duration-too-long"
        case .sampleRateLow: "sample-rate-low"
        case .tooManyChannels: "too-many-channels"
        case .loudnessOff: "loudness-off-target"
        case .truePeakHigh: "true-peak-high"
        case .deadAirHead: "dead-air-head"
        case .deadAirTail: "dead-air-tail"
        case .longSilence: "long-silence"
        case .clipping: "clipping"
        case .duplicate: "duplicate"
        case .nameNotNFC: "name-not-nfc"
        case .nameUnsafe: "name-unsafe"
        case .unsupportedFormat: "unsupported-format"
        case .mp3WithoutSeekTag: "mp3-no-seek-tag"
        case .samplesOutOfRange: "out-of-range"
        }
    }

    /// Decoded samples above this (+12 dBFS, times full scale) mean damaged frames.
    public static let damagedPeak = 3.981

    public var severity: Severity {
        switch self {
        case let .sampleRateLow(rate, _, floor):
            rate < floor ? .error : .warning
        // More than +12 dBFS is no mix too hot: frames are damaged, and the file must not air.
        case let .samplesOutOfRange(_, peak):
            peak > Self.damagedPeak ? .error : .warning
        case .unreadable, .truncated, .empty, .durationTooShort, .durationTooLong,
             .tooManyChannels, .unsupportedFormat:
            .error
        case .loudnessOff, .truePeakHigh, .deadAirHead, .deadAirTail, .longSilence,
             .clipping, .duplicate, .nameNotNFC, .nameUnsafe, .mp3WithoutSeekTag:
            .warning
        }
    }

    /// Every stable code, for documentation and the JSON Schema.
    public static let allCodes: [String] = [
        "unreadable", "corrupt", "truncated", "empty", "duration-too-short", "duration-too-long",
        "sample-rate-low", "too-many-channels", "loudness-off-target", "true-peak-high",
        "dead-air-head", "dead-air-tail", "long-silence", "clipping", "duplicate",
        "name-not-nfc", "name-unsafe", "unsupported-format", "mp3-no-seek-tag", "out-of-range",
    ]
}
