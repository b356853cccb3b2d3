/// What reading one audio file established, before any policy is applied.
///
/// Produced by the audio layer, stored in the catalog, judged by ``AudioValidator``.
/// Every measured value is optional: `nil` means "not measured" (quick scan) or
/// "cannot be measured" (silence has no loudness).
public struct AudioFacts: Codable, Sendable, Hashable {
    /// Container, e.g. `MP3`, `WAV`, `FLAC`, `OGG`.
    public var container: String?
    /// Encoding inside the container, e.g. `PCM 16-bit`, `MPEG-1 Layer III`, `Vorbis`.
    public var encoding: String?
    public var sampleRate: Int?
    public var channels: Int?
    /// Frames (samples per channel) that really play.
    public var frames: Int64?
    /// Frames the file's header claims, when that differs from what really plays.
    public var declaredFrames: Int64?
    /// File size in bytes.
    public var size: Int64
    public var loudness: Loudness?
    public var silence: Silence?
    /// Runs of consecutive samples at full scale.
    public var clippedRuns: Int?
    /// Hash of the decoded audio (full analysis), to find the same audio under two names.
    public var audioHash: UInt64?
    /// Hash of the file's bytes, computed only when another file has the same size.
    public var contentHash: UInt64?
    /// Findings made while reading: the file cannot be read, is cut short, ...
    public var defects: [ReadDefect]
    /// True when the file was decoded in full (loudness, silence, clipping measured).
    public var measured: Bool

    public init(container: String? = nil, encoding: String? = nil, sampleRate: Int? = nil,
                channels: Int? = nil, frames: Int64? = nil, declaredFrames: Int64? = nil,
                size: Int64, loudness: Loudness? = nil, silence: Silence? = nil,
                clippedRuns: Int? = nil, audioHash: UInt64? = nil,
                defects: [ReadDefect] = [], measured: Bool = false) {
        self.container = container; self.encoding = encoding; self.sampleRate = sampleRate
        self.channels = channels; self.frames = frames; self.declaredFrames = declaredFrames
        self.size = size; self.loudness = loudness; self.silence = silence
        self.clippedRuns = clippedRuns; self.audioHash = audioHash
        self.defects = defects; self.measured = measured
    }

    /// Real playing time in seconds.
    public var duration: Double? {
        guard let frames, let sampleRate, sampleRate > 0 else { return nil }
        return Double(frames) / Double(sampleRate)
    }

    /// Playing time the header claims, in seconds.
    public var declaredDuration: Double? {
        guard let declaredFrames, let sampleRate, sampleRate > 0 else { return nil }
        return Double(declaredFrames) / Double(sampleRate)
    }

    /// Average bitrate in bits per second over the real playing time.
    public var bitrate: Int? {
        guard let duration, duration > 0 else { return nil }
        let bps = Double(size) * 8 / duration
        return bps.isFinite && bps < 1e15 ? Int(bps.rounded()) : nil
    }

    /// True when the file can be played at all.
    public var isReadable: Bool {
        !defects.contains { if case .unreadable = $0 { return true }; if case .unsupported = $0 { return true }; return false }
    }
}

/// EBU R128 / ITU-R BS.1770 measures.
public struct Loudness: Codable, Sendable, Hashable {
    /// Integrated loudness, LUFS; nil for silence.
    public var integrated: Double?
    /// Loudness range, LU; nil when it cannot be measured.
    public var range: Double?
    /// True peak, dBTP; nil for digital silence.
    public var truePeak: Double?
    public init(integrated: Double?, range: Double?, truePeak: Double?) {
        self.integrated = integrated; self.range = range; self.truePeak = truePeak
    }
}

/// Silence ("dead air") found in a file, in seconds.
public struct Silence: Codable, Sendable, Hashable {
    public var head: Double
    public var tail: Double
    /// Longest silence strictly inside the audio (not counting head and tail).
    public var longest: Double
    public init(head: Double, tail: Double, longest: Double) {
        self.head = head; self.tail = tail; self.longest = longest
    }
}

/// A fact about a file found while reading it.
public enum ReadDefect: Codable, Sendable, Hashable {
    /// The file cannot be decoded. `detail` is the reader's own words (English, for the log).
    case unreadable(UnreadableReason, detail: String)
    /// The file stops before its header says it should.
    case truncated
    /// The format is one the playout chain does not take (AAC/M4A, WMA).
    case unsupported(format: String)
    /// An MP3 without a Xing/Info/VBRI header: players and libsndfile guess its length.
    case mp3WithoutSeekTag
    /// Decoded samples beyond full scale (a damaged stream, or a float file mixed too hot):
    /// how many, and the largest magnitude (1.0 = full scale).
    case outOfRange(samples: Int, peak: Double)
}

public enum UnreadableReason: String, Codable, Sendable, Hashable {
    /// Not an audio file at all, or not one any reader recognises.
    case notAudio
    /// Recognised as audio, but broken.
    case corrupt
    /// The file could not be opened (permissions, vanished, a folder).
    case ioError
}
