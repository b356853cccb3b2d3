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

        // A synthetic voice is peaky: brought to the target by gain alone, its peaks would pass the
        // limit. So: gain to the target, a look-ahead peak limiter under the true-peak limit, measured
        // again, and adjusted (a few rounds) until both hold.
        let before = measure(voice, sampleRate: sampleRate, channels: channels, policy: policy)
        var gain = (before.integrated.map { policy.loudnessTarget - $0 }) ?? 0
        var ceiling = policy.truePeakLimit - 0.7
        let padding = [Float](repeating: 0, count: Int(pause * Double(sampleRate)) * channels)
        var samples: [Float] = []
        var after: (integrated: Double?, truePeak: Double?) = (nil, nil)
        var reached = false
        func shape() -> (integrated: Double?, truePeak: Double?) {
            let factor = Float(pow(10, gain / 20))
            var shaped = voice.map { $0 * factor }
            limit(&shaped, channels: channels, ceiling: Float(pow(10, ceiling / 20)), sampleRate: sampleRate)
            samples = padding + shaped + padding
            return measure(samples, sampleRate: sampleRate, channels: channels, policy: policy)
        }
        for _ in 0..<12 {
            after = shape()
            guard let l = after.integrated, let p = after.truePeak else { break }
            let loudOK = abs(l - policy.loudnessTarget) <= 0.5, peakOK = p <= policy.truePeakLimit
            if loudOK && peakOK { reached = true; break }
            // Inter-sample peaks stand above the samples the limiter holds: lower its ceiling by
            // what passed, and bring the level back with gain.
            if !peakOK { ceiling -= (p - policy.truePeakLimit) + 0.2 }
            if !loudOK { gain += policy.loudnessTarget - l }
            gain = min(gain, 30)
        }
        // Never past the limit: if the rounds did not settle, less gain until the peak is under it.
        while !reached, let p = after.truePeak, p > policy.truePeakLimit, gain > -60 {
            gain -= (p - policy.truePeakLimit) + 0.1
            after = shape()
        }
        let limitedByPeak = !reached

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
                      loudness: after.integrated, truePeak: after.truePeak, limitedByPeak: limitedByPeak)
    }

    /// A look-ahead peak limiter: each frame's gain is the smallest any frame within the next 5 ms
    /// needs to stay under `ceiling` (so the gain is down before a peak arrives), released over 80 ms.
    static func limit(_ x: inout [Float], channels: Int, ceiling: Float, sampleRate: Int) {
        let frames = x.count / channels
        guard frames > 0 else { return }
        var need = [Float](repeating: 1, count: frames)
        for n in 0..<frames {
            var peak: Float = 0
            for c in 0..<channels { peak = max(peak, abs(x[n * channels + c])) }
            if peak > ceiling { need[n] = ceiling / peak }
        }
        let look = max(1, sampleRate / 200)
        let release = Float(exp(-1 / (0.08 * Double(sampleRate))))
        var env: Float = 1
        // Sliding minimum of `need` over [n, n + look] (a monotonic queue of indices).
        var queue: [Int] = []
        var head = 0
        var next = 0
        for n in 0..<frames {
            while next < frames, next <= n + look {
                while queue.count > head, need[queue[queue.count - 1]] >= need[next] { queue.removeLast() }
                queue.append(next)
                next += 1
            }
            while queue[head] < n { head += 1 }
            let target = need[queue[head]]
            env = target < env ? target : min(target, env * release + (1 - release) * target)
            for c in 0..<channels { x[n * channels + c] *= env }
        }
    }

    static func measure(_ samples: [Float], sampleRate: Int, channels: Int, policy: AudioPolicy) -> (integrated: Double?, truePeak: Double?) {
        let analyzer = Analyzer(sampleRate: sampleRate, channels: channels, policy: policy)
        var copy = samples
        copy.withUnsafeMutableBufferPointer { analyzer.add($0.baseAddress!, frames: samples.count / channels) }
        let loudness = analyzer.finish().loudness
        return (loudness.integrated, loudness.truePeak)
    }
}
