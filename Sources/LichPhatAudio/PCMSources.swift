import CMpg123
import CSndFile
import Foundation

/// Decoded audio, read a block at a time as interleaved 32-bit floats in [-1, 1].
protocol PCMSource: AnyObject {
    var sampleRate: Int { get }
    var channels: Int { get }
    /// Reads up to `frames` frames into `buffer`; 0 at the end. Throws on a decoding error.
    func read(into buffer: UnsafeMutablePointer<Float>, frames: Int) throws(DecodeError) -> Int
}

struct DecodeError: Error { var detail: String }

/// A source that can start reading at any frame (for measuring a long file in stretches).
protocol SeekablePCMSource: PCMSource {
    /// Moves to `frame`; false when the file cannot.
    func seek(to frame: Int64) -> Bool
}

/// A file libsndfile opened (WAV, FLAC, OGG/Vorbis/Opus, AIFF, ...).
final class SndFileSource: SeekablePCMSource {
    private let handle: OpaquePointer
    let info: SF_INFO

    /// Opens `path` read-only. On failure returns libsndfile's own words.
    init(path: String) throws(DecodeError) {
        var info = SF_INFO()
        guard let h = sf_open(path, Int32(SFM_READ), &info) else {
            throw DecodeError(detail: String(cString: sf_strerror(nil)))
        }
        handle = h
        self.info = info
    }

    deinit { sf_close(handle) }

    var sampleRate: Int { Int(info.samplerate) }
    var channels: Int { Int(info.channels) }
    var declaredFrames: Int64 { Int64(info.frames) }
    var isSeekable: Bool { info.seekable != 0 }

    func read(into buffer: UnsafeMutablePointer<Float>, frames: Int) throws(DecodeError) -> Int {
        let n = Int(sf_readf_float(handle, buffer, sf_count_t(frames)))
        if n == 0, sf_error(handle) != 0 {
            throw DecodeError(detail: String(cString: sf_strerror(handle)))
        }
        return n
    }

    /// Moves to `frame`; false when the file cannot.
    func seek(to frame: Int64) -> Bool {
        sf_seek(handle, sf_count_t(frame), SEEK_SET) == sf_count_t(frame)
    }

    /// True when the last frame the header promises can really be read: a cheap
    /// check that a compressed file (FLAC, OGG) was not cut short.
    func lastFrameReadable() -> Bool {
        guard info.frames > 0, isSeekable else { return true }
        guard sf_seek(handle, info.frames - 1, SEEK_SET) >= 0 else { return false }
        var one = [Float](repeating: 0, count: max(1, channels))
        return sf_readf_float(handle, &one, 1) == 1
    }

    /// The number of frames of `path` that can really be read, found by binary search with seeks
    /// (about 20 for an hour of audio): the real length of a cut-short file without decoding it.
    /// Each probe opens the file afresh, because a decoder that hit the cut may refuse to seek again.
    static func readableFrames(path: String, declared: Int64, deadline: Deadline? = nil) -> Int64? {
        func readable(_ frame: Int64) -> Bool {
            guard let s = try? SndFileSource(path: path) else { return false }
            var one = [Float](repeating: 0, count: max(1, s.channels))
            return sf_seek(s.handle, sf_count_t(frame), SEEK_SET) >= 0 && sf_readf_float(s.handle, &one, 1) == 1
        }
        guard declared > 0, readable(0) else { return 0 }
        if readable(declared - 1) { return declared }
        var lo: Int64 = 0, hi = declared - 1   // `lo` readable, `hi` not
        while hi - lo > 1 {
            if deadline?.passed == true { return nil }
            let mid = lo + (hi - lo) / 2
            if readable(mid) { lo = mid } else { hi = mid }
        }
        return lo + 1
    }

    /// Container and encoding names, like `WAV` and `PCM 16-bit`.
    var formatNames: (container: String, encoding: String) {
        let major = info.format & Int32(SF_FORMAT_TYPEMASK)
        let sub = info.format & Int32(SF_FORMAT_SUBMASK)
        let containers: [Int32: String] = [
            Int32(SF_FORMAT_WAV): "WAV", Int32(SF_FORMAT_AIFF): "AIFF", Int32(SF_FORMAT_AU): "AU",
            Int32(SF_FORMAT_FLAC): "FLAC", Int32(SF_FORMAT_OGG): "OGG", Int32(SF_FORMAT_MPEG): "MP3",
            Int32(SF_FORMAT_W64): "W64", Int32(SF_FORMAT_RF64): "RF64", Int32(SF_FORMAT_CAF): "CAF",
            Int32(SF_FORMAT_WAVEX): "WAV",
        ]
        let encodings: [Int32: String] = [
            Int32(SF_FORMAT_PCM_S8): "PCM 8-bit", Int32(SF_FORMAT_PCM_U8): "PCM 8-bit",
            Int32(SF_FORMAT_PCM_16): "PCM 16-bit", Int32(SF_FORMAT_PCM_24): "PCM 24-bit",
            Int32(SF_FORMAT_PCM_32): "PCM 32-bit", Int32(SF_FORMAT_FLOAT): "float 32-bit",
            Int32(SF_FORMAT_DOUBLE): "float 64-bit", Int32(SF_FORMAT_ULAW): "µ-law",
            Int32(SF_FORMAT_ALAW): "A-law", Int32(SF_FORMAT_IMA_ADPCM): "IMA ADPCM",
            Int32(SF_FORMAT_MS_ADPCM): "MS ADPCM", Int32(SF_FORMAT_GSM610): "GSM 6.10",
            Int32(SF_FORMAT_VORBIS): "Vorbis", Int32(SF_FORMAT_OPUS): "Opus",
            Int32(SF_FORMAT_MPEG_LAYER_I): "MPEG Layer I", Int32(SF_FORMAT_MPEG_LAYER_II): "MPEG Layer II",
            Int32(SF_FORMAT_MPEG_LAYER_III): "MPEG Layer III",
        ]
        return (containers[major] ?? String(format: "0x%06X", major), encodings[sub] ?? String(format: "0x%04X", sub))
    }
}

/// An MPEG audio file decoded by libmpg123 directly: gapless, quiet (nothing on stderr),
/// and to its real end even without a Xing header (where libsndfile stops at its guess).
final class MPG123Source: SeekablePCMSource {
    private let handle: OpaquePointer
    private(set) var sampleRate: Int
    private(set) var channels: Int
    private var scratch: [Float] = []

    private static let initialised: Bool = { mpg123_init(); return true }()

    init(path: String) throws(DecodeError) {
        _ = Self.initialised
        var err: Int32 = 0
        guard let h = mpg123_new(nil, &err) else { throw DecodeError(detail: "mpg123_new failed (\(err))") }
        let flags = MPG123_QUIET.rawValue | MPG123_FORCE_FLOAT.rawValue | MPG123_GAPLESS.rawValue
        mpg123_param2(h, Int32(MPG123_ADD_FLAGS.rawValue), Int(flags), 0)
        mpg123_param2(h, Int32(MPG123_RESYNC_LIMIT.rawValue), -1, 0)  // keep going through damage, as players do
        guard mpg123_open(h, path) == MPG123_OK.rawValue else {
            let detail = String(cString: mpg123_strerror(h))
            mpg123_delete(h)
            throw DecodeError(detail: detail)
        }
        var rate = 0, ch: Int32 = 0, enc: Int32 = 0
        guard mpg123_getformat(h, &rate, &ch, &enc) == MPG123_OK.rawValue else {
            let detail = String(cString: mpg123_strerror(h))
            mpg123_close(h); mpg123_delete(h)
            throw DecodeError(detail: detail)
        }
        // Fix the output format so a stream that changes mid-way is still read as floats.
        mpg123_format_none(h)
        mpg123_format(h, rate, ch, Int32(MPG123_ENC_FLOAT_32.rawValue))
        handle = h
        sampleRate = rate
        channels = Int(ch)
    }

    deinit {
        mpg123_close(handle)
        mpg123_delete(handle)
    }

    /// Moves to `frame` (counted as the gapless decoder plays them); libmpg123 decodes the frames
    /// just before it to fill the bit reservoir, so what follows is what a pass from the start gives.
    func seek(to frame: Int64) -> Bool {
        mpg123_seek(handle, off_t(frame), SEEK_SET) == off_t(frame)
    }

    func read(into buffer: UnsafeMutablePointer<Float>, frames: Int) throws(DecodeError) -> Int {
        let bytesWanted = frames * channels * MemoryLayout<Float>.size
        var done = 0
        while true {
            let rc = mpg123_read(handle, UnsafeMutableRawPointer(buffer).assumingMemoryBound(to: UInt8.self), bytesWanted, &done)
            if rc == MPG123_OK.rawValue || rc == MPG123_DONE.rawValue || done > 0 {
                return done / (channels * MemoryLayout<Float>.size)
            }
            if rc == MPG123_NEW_FORMAT.rawValue { continue }
            if rc == MPG123_NEED_MORE.rawValue { return 0 }
            throw DecodeError(detail: String(cString: mpg123_plain_strerror(rc)))
        }
    }
}
