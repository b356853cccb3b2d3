import CSampleRate
import CSndFile
import Foundation
import LichPhatCore

/// Renders a session into one audio file, for platforms that take one file per slot: each
/// piece read from its original (never changed), cut at its cue, at its gain, converted to the
/// output's rate and channels, and laid back to back, each exactly its planned length.
public enum Renderer {
    public enum Format: String, Sendable, CaseIterable {
        case mp3, wav
    }

    /// One airing to render.
    public struct Piece: Sendable {
        public var path: String
        /// dB.
        public var gain: Double
        /// Where to start in the file, ms (nil: its start).
        public var cueIn: Int?
        /// The planned length, ms: the piece takes exactly this long in the output.
        public var length: Int
        public init(path: String, gain: Double, cueIn: Int?, length: Int) {
            self.path = path; self.gain = gain; self.cueIn = cueIn; self.length = length
        }
    }

    public enum Failure: Error, Sendable {
        case unreadable(path: String, detail: String)
        case cannotWrite(path: String, detail: String)
    }

    /// The output's sample rate: 44.1 kHz, what every platform plays.
    public static let sampleRate = 44_100

    /// What was written: its length in frames, and its integrated loudness (LUFS) and true peak
    /// (dBTP) as measured on the samples written, before any encoding.
    public struct Output: Sendable {
        public var frames: Int
        public var loudness: Double?
        public var truePeak: Double?
    }

    /// Writes `pieces` back to back into `path` (written whole or not at all).
    @discardableResult
    /// `truePeakLimit` (dBTP): a piece that would be written clearly above it whatever its
    /// input (a damaged or hot file, a gain that a cue or resampling defeated) is brought down
    /// whole to it. The gains already keep a sound file under it; the half decibel of slack
    /// leaves those pieces exactly at their planned loudness.
    public static func render(_ pieces: [Piece], to path: String, format: Format, truePeakLimit: Double? = nil) throws(Failure) -> Output {
        // The output has as many channels as the widest piece (mono pieces are doubled).
        var channels = 1
        for p in pieces {
            var info = SF_INFO()
            guard let f = sf_open(p.path, Int32(SFM_READ), &info) else {
                throw .unreadable(path: p.path, detail: String(cString: sf_strerror(nil)))
            }
            sf_close(f)
            channels = max(channels, min(2, Int(info.channels)))
        }
        var out = SF_INFO()
        out.samplerate = Int32(sampleRate)
        out.channels = Int32(channels)
        out.format = format == .mp3 ? Int32(SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III) : Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_16)
        let folder = (path as NSString).deletingLastPathComponent
        let temporary = (folder.isEmpty ? "." : folder) + "/.render-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).\(format.rawValue)"
        guard let file = sf_open(temporary, Int32(SFM_WRITE), &out) else {
            throw .cannotWrite(path: path, detail: String(cString: sf_strerror(nil)))
        }
        var closed = false
        defer { if !closed { sf_close(file) }; unlink(temporary) }
        if format == .mp3 {
            // Constant 128 kbit/s: what the loudspeaker platforms expect of an upload.
            var mode = Int32(SF_BITRATE_MODE_CONSTANT)
            _ = sf_command(file, Int32(SFC_SET_BITRATE_MODE), &mode, Int32(MemoryLayout<Int32>.size))
        }
        var total = 0
        // The session as it will sound, measured as the scan measures a file.
        let meter = Analyzer(sampleRate: sampleRate, channels: channels, policy: AudioPolicy())
        for p in pieces {
            var samples = try piece(p, channels: channels)
            if let limit = truePeakLimit { Self.limit(&samples, channels: channels, to: limit, slack: 0.5) }
            let frames = samples.count / channels
            if frames > 0 {
                var copy = samples   // the meter may work in place
                copy.withUnsafeMutableBufferPointer { meter.add($0.baseAddress!, frames: frames) }
            }
            let written = samples.withUnsafeBufferPointer { Int(sf_writef_float(file, $0.baseAddress, sf_count_t(frames))) }
            guard written == frames else { throw .cannotWrite(path: path, detail: "wrote \(written) of \(frames) frames") }
            total += frames
        }
        sf_close(file)
        closed = true
        guard rename(temporary, path) == 0 else { throw .cannotWrite(path: path, detail: String(cString: strerror(errno))) }
        let measured = meter.finish().loudness
        return Output(frames: total, loudness: measured.integrated, truePeak: measured.truePeak)
    }

    /// Brings `samples` down whole when their true peak (BS.1770, measured as the scan measures)
    /// is above `limit` dBTP.
    static func limit(_ samples: inout [Float], channels: Int, to limit: Double, slack: Double) {
        guard !samples.isEmpty else { return }
        let meter = Analyzer(sampleRate: sampleRate, channels: channels, policy: AudioPolicy())
        var copy = samples   // the meter may work in place
        copy.withUnsafeMutableBufferPointer { meter.add($0.baseAddress!, frames: $0.count / channels) }
        guard let peak = meter.finish().loudness.truePeak, peak > limit + slack else { return }
        let factor = Float(pow(10, (limit - peak) / 20) * 0.999)
        for i in samples.indices { samples[i] *= factor }
    }

    /// One piece as output frames: exactly its planned length at the output's rate.
    static func piece(_ p: Piece, channels: Int) throws(Failure) -> [Float] {
        var info = SF_INFO()
        guard let f = sf_open(p.path, Int32(SFM_READ), &info), info.samplerate > 0, info.channels > 0 else {
            throw .unreadable(path: p.path, detail: String(cString: sf_strerror(nil)))
        }
        defer { sf_close(f) }
        let rate = Int(info.samplerate), sourceChannels = Int(info.channels)
        if let cue = p.cueIn, cue > 0 { sf_seek(f, sf_count_t(Int64(cue) * Int64(rate) / 1000), SEEK_SET) }
        let wanted = (p.length * rate + 999) / 1000
        var source = [Float](repeating: 0, count: wanted * sourceChannels)
        let got = source.withUnsafeMutableBufferPointer { Int(sf_readf_float(f, $0.baseAddress, sf_count_t(wanted))) }
        // To the output's channels, at the piece's gain (clamped: a damaged file never overflows).
        let factor = Float(pow(10, p.gain / 20))
        var mixed = [Float](repeating: 0, count: wanted * channels)
        for i in 0..<max(0, got) {
            for c in 0..<channels {
                let s: Float
                if sourceChannels == channels { s = source[i * sourceChannels + c] }
                else if sourceChannels == 1 { s = source[i] }
                else if channels == 1 { s = (0..<sourceChannels).reduce(Float(0)) { $0 + source[i * sourceChannels + $1] } / Float(sourceChannels) }
                else { s = source[i * sourceChannels + min(c, sourceChannels - 1)] }
                mixed[i * channels + c] = s.isFinite ? max(-1, min(1, s * factor)) : 0
            }
        }
        let exact = Int((Int64(p.length) * Int64(sampleRate) + 500) / 1000)
        var output: [Float]
        if rate == sampleRate {
            output = mixed
        } else {
            output = [Float](repeating: 0, count: (exact + 64) * channels)
            var data = SRC_DATA()
            let capacity = output.count / channels
            let error: Int32 = mixed.withUnsafeBufferPointer { input in
                output.withUnsafeMutableBufferPointer { out in
                    data.data_in = input.baseAddress
                    data.input_frames = Int(wanted)
                    data.data_out = out.baseAddress
                    data.output_frames = capacity
                    data.src_ratio = Double(sampleRate) / Double(rate)
                    return src_simple(&data, Int32(SRC_SINC_MEDIUM_QUALITY), Int32(channels))
                }
            }
            guard error == 0 else { throw .unreadable(path: p.path, detail: String(cString: src_strerror(error))) }
            output.removeLast(output.count - Int(data.output_frames_gen) * channels)
        }
        // Exactly the planned length: cut, or padded with silence.
        if output.count > exact * channels { output.removeLast(output.count - exact * channels) }
        else if output.count < exact * channels { output += [Float](repeating: 0, count: exact * channels - output.count) }
        return output
    }
}
