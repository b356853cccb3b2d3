import CSndFile
import Foundation
public import LichPhatCore

/// A notice read aloud: espeak-ng's Vietnamese voice, brought to the loudness target (limited
/// by the true-peak limit), with a short pause at head and tail, written as 16-bit WAV.
public enum Speech {
    public struct Result: Sendable {
        public var path: String
        /// Seconds, pauses included.
        public var duration: Double
        /// The gain applied to espeak-ng's voice, dB, and the loudness and true peak it gave.
        public var gain: Double
        public var loudness: Double?
        public var truePeak: Double?
        public var limitedByPeak: Bool
    }

    public enum Failure: Error, Sendable {
        /// espeak-ng is not installed (Debian: espeak-ng).
        case noSpeechEngine
        /// espeak-ng ran but gave no audio (its own words).
        case engineFailed(String)
        /// The WAV could not be written.
        case cannotWrite(String)
        /// Nothing to say.
        case empty
    }

    /// Where espeak-ng is (nil when not installed).
    public static var engine: String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = String(dir) + "/espeak-ng"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// Speaks `words` (already normalised for reading) into a WAV at `temporary`; the caller moves
    /// it into place. `rate` is espeak-ng's words per minute.
    public static func render(words: String, rate: Int, policy: AudioPolicy, pause: Double = 0.5,
                              to temporary: String) throws(Failure) -> Result {
        guard !words.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .empty }
        guard let engine else { throw .noSpeechEngine }
        let raw = temporary + ".voice.wav"
        defer { unlink(raw) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: engine)
        p.arguments = ["-v", "vi", "-s", String(rate), "-w", raw, "--stdin"]
        let input = Pipe(), errors = Pipe()
        p.standardInput = input
        p.standardError = errors
        p.standardOutput = FileHandle.nullDevice
        do { try p.run() } catch { throw .engineFailed("\(error)") }
        input.fileHandleForWriting.write(Data(words.utf8))
        try? input.fileHandleForWriting.close()
        let said = errors.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw .engineFailed(String(decoding: said, as: UTF8.self)) }

        // The voice as samples.
        var info = SF_INFO()
        guard let input = sf_open(raw, Int32(SFM_READ), &info), info.channels > 0, info.samplerate > 0 else {
            throw .engineFailed("espeak-ng wrote no readable WAV")
        }
        let channels = Int(info.channels), sampleRate = Int(info.samplerate)
        var voice = [Float](repeating: 0, count: Int(info.frames) * channels)
        let got = voice.withUnsafeMutableBufferPointer { Int(sf_readf_float(input, $0.baseAddress, info.frames)) }
        sf_close(input)
        voice.removeLast(voice.count - got * channels)
        guard got > 0 else { throw .engineFailed("espeak-ng said nothing") }

        // Measured, brought to the target (never past the true-peak limit), padded with the pauses.
        let before = measure(voice, sampleRate: sampleRate, channels: channels, policy: policy)
        let g = LoudnessGain.gain(integrated: before.integrated, truePeak: before.truePeak,
                                  target: policy.loudnessTarget, peakLimit: policy.truePeakLimit)
        let gain = g?.gain ?? 0
        let factor = Float(pow(10, gain / 20))
        let padding = [Float](repeating: 0, count: Int(pause * Double(sampleRate)) * channels)
        var samples = padding
        samples.reserveCapacity(padding.count * 2 + voice.count)
        for s in voice { samples.append(max(-1, min(1, s * factor))) }
        samples += padding
        let after = measure(samples, sampleRate: sampleRate, channels: channels, policy: policy)

        var out = SF_INFO()
        out.samplerate = Int32(sampleRate)
        out.channels = Int32(channels)
        out.format = Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_16)
        guard let file = sf_open(temporary, Int32(SFM_WRITE), &out) else {
            throw .cannotWrite(String(cString: sf_strerror(nil)))
        }
        let frames = samples.count / channels
        let written = samples.withUnsafeBufferPointer { Int(sf_writef_float(file, $0.baseAddress, sf_count_t(frames))) }
        sf_close(file)
        guard written == frames else { throw .cannotWrite("wrote \(written) of \(frames) frames") }
        return Result(path: temporary, duration: Double(frames) / Double(sampleRate), gain: gain,
                      loudness: after.integrated, truePeak: after.truePeak, limitedByPeak: g?.limitedByPeak ?? false)
    }

    static func measure(_ samples: [Float], sampleRate: Int, channels: Int, policy: AudioPolicy) -> (integrated: Double?, truePeak: Double?) {
        let analyzer = Analyzer(sampleRate: sampleRate, channels: channels, policy: policy)
        var copy = samples
        copy.withUnsafeMutableBufferPointer { analyzer.add($0.baseAddress!, frames: samples.count / channels) }
        let loudness = analyzer.finish().loudness
        return (loudness.integrated, loudness.truePeak)
    }
}
