import CSndFile
import Foundation

/// Audio fixtures written with libsndfile into a fresh temporary folder. The test that makes
/// one removes it in its own scope (`defer { fx.remove() }`), after any program it ran has
/// finished, never in a `deinit` that could run while a subprocess still reads the files.
public final class Fixtures: @unchecked Sendable {
    public let folder: String

    public init(prefix: String = "lichphat-tests-") {
        folder = NSTemporaryDirectory() + prefix + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    /// Removes the folder and everything in it.
    public func remove() { try? FileManager.default.removeItem(atPath: folder) }

    public func path(_ name: String) -> String { folder + "/" + name }

    public enum Kind: Sendable {
        case wav16, wav24, wavFloat, flac, flac24, ogg, mp3
        public var format: Int32 {
            switch self {
            case .wavFloat: Int32(SF_FORMAT_WAV | SF_FORMAT_FLOAT)
            case .wav16: Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_16)
            case .wav24: Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_24)
            case .flac: Int32(SF_FORMAT_FLAC | SF_FORMAT_PCM_16)
            case .flac24: Int32(SF_FORMAT_FLAC | SF_FORMAT_PCM_24)
            case .ogg: Int32(SF_FORMAT_OGG | SF_FORMAT_VORBIS)
            case .mp3: Int32(SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III)
            }
        }
    }

    /// Writes interleaved `samples` and returns the path.
    @discardableResult
    public func write(_ name: String, _ kind: Kind, rate: Int, channels: Int = 1, samples: [Float]) -> String {
        let p = path(name)
        var info = SF_INFO(frames: 0, samplerate: Int32(rate), channels: Int32(channels), format: kind.format, sections: 0, seekable: 0)
        guard let f = sf_open(p, Int32(SFM_WRITE), &info) else {
            fatalError("cannot write \(name): \(String(cString: sf_strerror(nil)))")
        }
        sf_command(f, Int32(SFC_SET_CLIPPING), nil, Int32(SF_TRUE))
        _ = samples.withUnsafeBufferPointer { sf_writef_float(f, $0.baseAddress, sf_count_t(samples.count / channels)) }
        sf_close(f)
        return p
    }

    /// A lossless copy of `source` in another container (16-bit samples copied as they are),
    /// as a conversion tool would make it.
    @discardableResult
    public func convert(_ source: String, to name: String, _ kind: Kind) -> String {
        var inInfo = SF_INFO()
        let input = sf_open(source, Int32(SFM_READ), &inInfo)!
        var samples = [Int16](repeating: 0, count: Int(inInfo.frames) * Int(inInfo.channels))
        _ = sf_readf_short(input, &samples, inInfo.frames)
        sf_close(input)
        let p = path(name)
        var info = SF_INFO(frames: 0, samplerate: inInfo.samplerate, channels: inInfo.channels, format: kind.format, sections: 0, seekable: 0)
        let output = sf_open(p, Int32(SFM_WRITE), &info)!
        _ = sf_writef_short(output, samples, inInfo.frames)
        sf_close(output)
        return p
    }

    /// Writes raw bytes.
    @discardableResult
    public func bytes(_ name: String, _ data: [UInt8]) -> String {
        let p = path(name)
        FileManager.default.createFile(atPath: p, contents: Data(data))
        return p
    }

    /// The first `fraction` of a file's bytes, as a new file.
    @discardableResult
    public func truncate(_ source: String, to name: String, fraction: Double) -> String {
        let data = FileManager.default.contents(atPath: source)!
        return bytes(name, Array(data.prefix(Int(Double(data.count) * fraction))))
    }

    /// A 440 Hz tone at half scale, `seconds` long, in any libsndfile format; folders are made.
    @discardableResult
    public func tone(_ name: String, seconds: Double = 3, rate: Int32 = 44100,
                     format: Int32 = Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_16)) -> String {
        let p = path(name)
        try? FileManager.default.createDirectory(atPath: (p as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        var info = SF_INFO(frames: 0, samplerate: rate, channels: 1, format: format, sections: 0, seekable: 0)
        let f = sf_open(p, Int32(SFM_WRITE), &info)!
        let n = Int(seconds * Double(rate))
        let samples = (0..<n).map { Float(0.5 * sin(2 * Double.pi * 440 * Double($0) / Double(rate))) }
        _ = sf_writef_float(f, samples, sf_count_t(n))
        sf_close(f)
        return p
    }

    // MARK: Signals

    /// A sine of `seconds` at `amplitude` (1 = full scale), the same on every channel.
    public static func tone(_ seconds: Double, rate: Int, channels: Int = 1, frequency: Double = 1000, amplitude: Double = 0.1) -> [Float] {
        let n = Int(seconds * Double(rate))
        var out = [Float](); out.reserveCapacity(n * channels)
        for i in 0..<n {
            let v = Float(amplitude * sin(2 * .pi * frequency * Double(i) / Double(rate)))
            for _ in 0..<channels { out.append(v) }
        }
        return out
    }

    /// Deterministic white noise at `amplitude`: audio a lossless coder cannot shrink, like music.
    public static func noise(_ seconds: Double, rate: Int, channels: Int = 1, amplitude: Float = 0.3) -> [Float] {
        var x: UInt64 = 0x9E37_79B9_7F4A_7C15
        return (0..<Int(seconds * Double(rate)) * channels).map { _ in
            x ^= x << 13; x ^= x >> 7; x ^= x << 17
            return (Float(x >> 40) / Float(1 << 24) * 2 - 1) * amplitude
        }
    }

    public static func silence(_ seconds: Double, rate: Int, channels: Int = 1) -> [Float] {
        [Float](repeating: 0, count: Int(seconds * Double(rate)) * channels)
    }
}

/// An MP3 with its Xing/Info frame removed: what many old encoders and broken tools leave.
public func strippingSeekTag(_ bytes: [UInt8]) -> [UInt8] {
    // Find "Xing" or "Info", then the frame sync before it, then the next frame.
    let tags: [[UInt8]] = [Array("Xing".utf8), Array("Info".utf8)]
    guard let at = (0..<(bytes.count - 4)).first(where: { i in tags.contains { Array(bytes[i..<i + 4]) == $0 } }) else { return bytes }
    guard let start = (0..<at).reversed().first(where: { bytes[$0] == 0xFF && bytes[$0 + 1] & 0xE0 == 0xE0 }) else { return bytes }
    guard let next = ((at + 4)..<(bytes.count - 1)).first(where: { bytes[$0] == 0xFF && bytes[$0 + 1] & 0xE0 == 0xE0 && bytes[$0 + 1] == bytes[start + 1] }) else { return bytes }
    return Array(bytes[..<start]) + Array(bytes[next...])
}
