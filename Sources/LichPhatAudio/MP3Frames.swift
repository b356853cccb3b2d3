/// The structure of an MPEG audio stream, found by walking its frame headers without decoding.
///
/// This is how LichPhat knows an MP3's real length even when libsndfile guesses (no
/// Xing/Info/VBRI header) or believes a header that a truncated copy no longer honours.
public struct MP3Structure: Sendable, Hashable {
    public var version: String          // "MPEG-1", "MPEG-2", "MPEG-2.5"
    public var layer: Int               // 1, 2 or 3
    public var sampleRate: Int
    public var channels: Int
    public var samplesPerFrame: Int
    /// Audio frames found (the Xing/Info frame, which carries no audio, is not counted).
    public var frameCount: Int
    /// Bytes of audio frames found.
    public var audioBytes: Int
    /// Bitrate of the first audio frame, bits per second (what length-guessing players use).
    public var firstBitrate: Int
    public var seekTag: SeekTag?
    /// The last frame runs past the end of the file.
    public var lastFrameCut: Bool
    /// Bytes between frames that are not frames (damage).
    public var junkBytes: Int

    public enum SeekTag: Sendable, Hashable {
        /// A Xing or Info header; LAME adds encoder delay and padding (gapless playback).
        case xing(frames: Int?, bytes: Int?, encoderDelay: Int, padding: Int)
        case vbri(frames: Int)
    }

    /// Samples per channel a gapless decoder (libmpg123) plays.
    public var playedSamples: Int64 {
        var n = Int64(frameCount) * Int64(samplesPerFrame)
        if case let .xing(_, _, delay, padding)? = seekTag { n -= Int64(delay + padding) }
        return max(0, n)
    }

    /// Samples per channel the header promises: the tag's frame count, or, without a tag,
    /// the constant-bitrate guess players make from the file size.
    public var declaredSamples: Int64 {
        switch seekTag {
        case let .xing(frames?, _, delay, padding)?:
            return max(0, Int64(frames) * Int64(samplesPerFrame) - Int64(delay + padding))
        case let .vbri(frames)?:
            return Int64(frames) * Int64(samplesPerFrame)
        default:
            guard firstBitrate > 0 else { return playedSamples }
            let seconds = Double(audioBytes) * 8 / Double(firstBitrate)
            return Int64((seconds * Double(sampleRate)).rounded())
        }
    }

    /// The stream stops before its tag says it should, or mid-frame.
    public var isTruncated: Bool {
        if lastFrameCut { return true }
        switch seekTag {
        case let .xing(frames?, _, _, _)?: return frames > frameCount + 1
        case let .vbri(frames)?: return frames > frameCount + 1
        default: return false
        }
    }
}

public enum MP3Frames {
    /// True when `bytes` start like an MPEG audio file (an ID3v2 tag or a frame header).
    public static func looksLikeMP3(_ bytes: UnsafeRawBufferPointer) -> Bool {
        if bytes.count >= 3, bytes[0] == 0x49, bytes[1] == 0x44, bytes[2] == 0x33 { return true } // "ID3"
        guard bytes.count >= 4, let h = Header(bytes, at: 0) else { return false }
        return h.length <= bytes.count ? Header(bytes, at: h.length) != nil || h.length == bytes.count : true
    }

    /// Walks the frames of `bytes`. Returns nil when no MPEG audio stream is found.
    /// `readUpTo` hears, now and then, how far the walk has come (the bytes before are not read again).
    public static func walk(_ bytes: UnsafeRawBufferPointer, readUpTo: (Int) -> Void = { _ in }) -> MP3Structure? {
        var pos = skipID3v2(bytes)
        let end = audioEnd(bytes)
        guard let (firstPos, first) = findStream(bytes, from: pos, end: end) else { return nil }
        pos = firstPos

        var s = MP3Structure(version: first.versionName, layer: first.layer, sampleRate: first.sampleRate,
                             channels: first.channels, samplesPerFrame: first.samplesPerFrame,
                             frameCount: 0, audioBytes: 0, firstBitrate: first.bitrate,
                             seekTag: nil, lastFrameCut: false, junkBytes: 0)
        if let tag = seekTag(bytes, frameAt: pos, header: first) {
            s.seekTag = tag
            pos += first.length
            if let next = Header(bytes, at: pos) { s.firstBitrate = next.bitrate }
        }
        while pos + 4 <= end {
            if let h = Header(bytes, at: pos), h.sameStream(as: first) {
                if pos + h.length > end { s.lastFrameCut = true; break }
                s.frameCount += 1
                s.audioBytes += h.length
                pos += h.length
                if s.frameCount & 0xFFF == 0 { readUpTo(pos) }
                continue
            }
            // Not a frame: look for the next one (damage in the middle of the stream).
            guard let (next, _) = findStream(bytes, from: pos + 1, end: end, like: first) else {
                s.junkBytes += end - pos
                break
            }
            s.junkBytes += next - pos
            pos = next
        }
        if pos < end, end - pos < 4, !s.lastFrameCut, s.frameCount > 0 {
            s.junkBytes += end - pos  // a few stray bytes at the end
        }
        return s.frameCount > 0 || s.seekTag != nil ? s : nil
    }

    // MARK: - Headers

    struct Header {
        var version: Int     // 1, 2, or 25 (MPEG-2.5)
        var layer: Int
        var bitrate: Int     // bits per second
        var sampleRate: Int
        var padding: Int
        var channels: Int
        var protected: Bool

        /// The tables below in one flat array (one look-up, no nested arrays), kbit/s.
        static let bitrateTable: [Int] = bitrates.flatMap { $0 }

        static let bitrates: [[Int]] = [
            [32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448], // MPEG-1 L1
            [32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],    // MPEG-1 L2
            [32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],     // MPEG-1 L3
            [32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],    // MPEG-2/2.5 L1
            [8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],         // MPEG-2/2.5 L2, L3
        ]

        init?(_ b: UnsafeRawBufferPointer, at i: Int) {
            guard i >= 0, i + 4 <= b.count, b[i] == 0xFF, b[i + 1] & 0xE0 == 0xE0 else { return nil }
            let b1 = b[i + 1], b2 = b[i + 2], b3 = b[i + 3]
            switch (b1 >> 3) & 3 { case 3: version = 1; case 2: version = 2; case 0: version = 25; default: return nil }
            switch (b1 >> 1) & 3 { case 1: layer = 3; case 2: layer = 2; case 3: layer = 1; default: return nil }
            protected = b1 & 1 == 0
            let bi = Int(b2 >> 4), si = Int((b2 >> 2) & 3)
            guard bi != 0, bi != 15, si != 3 else { return nil } // free format and reserved values
            let table = version == 1 ? layer - 1 : (layer == 1 ? 3 : 4)
            bitrate = Self.bitrateTable[table * 14 + bi - 1] * 1000
            let base = si == 0 ? 44100 : (si == 1 ? 48000 : 32000)
            sampleRate = version == 1 ? base : (version == 2 ? base / 2 : base / 4)
            padding = Int((b2 >> 1) & 1)
            channels = (b3 >> 6) == 3 ? 1 : 2
        }

        var samplesPerFrame: Int { layer == 1 ? 384 : (layer == 3 && version != 1 ? 576 : 1152) }

        var length: Int {
            switch layer {
            case 1: return (12 * bitrate / sampleRate + padding) * 4
            case 3 where version != 1: return 72 * bitrate / sampleRate + padding
            default: return 144 * bitrate / sampleRate + padding
            }
        }

        var versionName: String { version == 1 ? "MPEG-1" : (version == 2 ? "MPEG-2" : "MPEG-2.5") }

        func sameStream(as o: Header) -> Bool {
            version == o.version && layer == o.layer && sampleRate == o.sampleRate
        }

        /// Bytes of Layer III side information after the header.
        var sideInfoSize: Int {
            version == 1 ? (channels == 1 ? 17 : 32) : (channels == 1 ? 9 : 17)
        }
    }

    // MARK: - Finding the stream

    /// The first position at or after `from` where two consecutive frame headers agree
    /// (one header alone is too easily faked by random bytes).
    static func findStream(_ b: UnsafeRawBufferPointer, from: Int, end: Int, like ref: Header? = nil) -> (Int, Header)? {
        var i = max(0, from)
        while i + 4 <= end {
            if b[i] == 0xFF, let h = Header(b, at: i), ref.map(h.sameStream) ?? true {
                let next = i + h.length
                if next == end || next + 4 > end && ref != nil { return (i, h) }
                if let h2 = Header(b, at: next), h2.sameStream(as: h) { return (i, h) }
            }
            i += 1
        }
        return nil
    }

    static func skipID3v2(_ b: UnsafeRawBufferPointer) -> Int {
        var pos = 0
        while pos + 10 <= b.count, b[pos] == 0x49, b[pos + 1] == 0x44, b[pos + 2] == 0x33 {
            let size = (Int(b[pos + 6] & 0x7F) << 21) | (Int(b[pos + 7] & 0x7F) << 14)
                | (Int(b[pos + 8] & 0x7F) << 7) | Int(b[pos + 9] & 0x7F)
            let footer = b[pos + 5] & 0x10 != 0 ? 10 : 0
            pos += 10 + size + footer
        }
        return min(pos, b.count)
    }

    /// The end of the audio: the file's end less any ID3v1 and APEv2 tags.
    static func audioEnd(_ b: UnsafeRawBufferPointer) -> Int {
        var end = b.count
        if end >= 128, b[end - 128] == 0x54, b[end - 127] == 0x41, b[end - 126] == 0x47 { end -= 128 } // "TAG"
        if end >= 32, matches(b, at: end - 32, "APETAGEX") {
            let size = Int(le32(b, end - 32 + 12))
            let hasHeader = le32(b, end - 32 + 20) & 0x8000_0000 != 0
            end = max(0, end - size - (hasHeader ? 32 : 0))
        }
        return end
    }

    static func seekTag(_ b: UnsafeRawBufferPointer, frameAt pos: Int, header h: Header) -> MP3Structure.SeekTag? {
        guard h.layer == 3 else { return nil }
        let xing = pos + 4 + (h.protected ? 2 : 0) + h.sideInfoSize
        if matches(b, at: xing, "Xing") || matches(b, at: xing, "Info") {
            guard xing + 8 <= b.count else { return nil }
            let flags = be32(b, xing + 4)
            var p = xing + 8
            var frames: Int?, bytes: Int?
            if flags & 1 != 0, p + 4 <= b.count { frames = Int(be32(b, p)); p += 4 }
            if flags & 2 != 0, p + 4 <= b.count { bytes = Int(be32(b, p)); p += 4 }
            if flags & 4 != 0 { p += 100 }
            if flags & 8 != 0 { p += 4 }
            var delay = 0, padding = 0
            // LAME extension: 9-byte encoder string, ..., delay and padding 21 bytes in.
            if p + 24 <= b.count, b[p] >= 0x41, b[p] <= 0x5A {  // starts with a capital letter ("LAME", "Lavf", "Lavc")
                let d = p + 21
                delay = (Int(b[d]) << 4) | (Int(b[d + 1]) >> 4)
                padding = ((Int(b[d + 1]) & 0x0F) << 8) | Int(b[d + 2])
            }
            return .xing(frames: frames, bytes: bytes, encoderDelay: delay, padding: padding)
        }
        let vbri = pos + 4 + 32
        if matches(b, at: vbri, "VBRI"), vbri + 18 <= b.count {
            return .vbri(frames: Int(be32(b, vbri + 14)))
        }
        return nil
    }

    static func matches(_ b: UnsafeRawBufferPointer, at i: Int, _ text: StaticString) -> Bool {
        let n = text.utf8CodeUnitCount
        guard i >= 0, i + n <= b.count else { return false }
        let p = text.utf8Start
        for k in 0..<n where b[i + k] != p[k] { return false }
        return true
    }

    static func be32(_ b: UnsafeRawBufferPointer, _ i: Int) -> UInt32 {
        UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
    }

    static func le32(_ b: UnsafeRawBufferPointer, _ i: Int) -> UInt32 {
        UInt32(b[i + 3]) << 24 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 1]) << 8 | UInt32(b[i])
    }
}
