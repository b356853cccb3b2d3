import CEbur128
import Foundation
import LichPhatCore

/// Measures decoded audio as it streams past: EBU R128 loudness (libebur128), silence,
/// clipping, and a hash of the samples. One analyzer per file; not shared between threads.
final class Analyzer {
    let sampleRate: Int
    let channels: Int
    private let loudness: UnsafeMutablePointer<ebur128_state>?

    // Silence: blocks of 20 ms, a block is silent when its peak is below the threshold.
    private let blockFrames: Int
    private let silenceLevel: Float
    private var blockPeak: Float = 0
    private var framesInBlock = 0
    private var blockIndex = 0
    private var firstLoudBlock: Int?
    private var lastLoudBlock: Int?
    private var longestInnerSilentBlocks = 0

    // Clipping: runs of `clipRun` consecutive samples at full scale, per channel.
    private let clipLevel: Float = 0.9999
    private let clipRun: Int
    private var clipCounts: [Int]
    private(set) var clippedRuns = 0

    private var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    private(set) var frames: Int64 = 0

    // Decoded samples are not trusted: a damaged file can decode to NaN, infinity or values far
    // beyond full scale. Non-finite samples are counted and replaced by silence before measuring;
    // finite samples beyond full scale are counted (and hashed clamped).
    private(set) var nonFiniteSamples = 0
    private(set) var firstNonFiniteFrame: Int64?
    private(set) var outOfRangeSamples = 0
    private(set) var largestSample: Float = 0

    init(sampleRate: Int, channels: Int, policy: AudioPolicy) {
        self.sampleRate = sampleRate
        self.channels = channels
        let mode = Int32(EBUR128_MODE_I.rawValue | EBUR128_MODE_LRA.rawValue
            | EBUR128_MODE_TRUE_PEAK.rawValue | EBUR128_MODE_HISTOGRAM.rawValue)
        loudness = ebur128_init(UInt32(channels), UInt(sampleRate), mode)
        blockFrames = max(1, sampleRate / 50)
        silenceLevel = Float(pow(10, policy.silenceThreshold / 20))
        clipRun = max(1, policy.clipRunLength)
        clipCounts = Array(repeating: 0, count: channels)
    }

    deinit {
        var state = loudness
        if state != nil { ebur128_destroy(&state) }
    }

    func add(_ samples: UnsafeMutablePointer<Float>, frames n: Int) {
        guard n > 0 else { return }
        let ch = channels
        var h = hash
        for f in 0..<n {
            var peak: Float = 0
            for c in 0..<ch {
                var x = samples[f * ch + c]
                var a = abs(x)
                if !a.isFinite {
                    // NaN or infinity: counted, and measured as silence.
                    nonFiniteSamples += 1
                    if firstNonFiniteFrame == nil { firstNonFiniteFrame = frames + Int64(f) }
                    x = 0; a = 0
                    samples[f * ch + c] = 0
                } else if a > 1 {
                    outOfRangeSamples += 1
                    if a > largestSample { largestSample = a }
                }
                if a > peak { peak = a }
                if a >= clipLevel {
                    clipCounts[c] += 1
                    if clipCounts[c] == clipRun { clippedRuns += 1 }
                } else {
                    clipCounts[c] = 0
                }
                let q = Int32(Swift.max(-1, Swift.min(1, x)) * 32767)
                h = (h ^ UInt64(UInt32(bitPattern: q))) &* 0x100_0000_01b3
            }
            if peak > blockPeak { blockPeak = peak }
            framesInBlock += 1
            if framesInBlock == blockFrames { closeBlock() }
        }
        hash = h
        if let loudness { ebur128_add_frames_float(loudness, samples, n) }
        frames += Int64(n)
    }

    private func closeBlock() {
        if blockPeak >= silenceLevel {
            if let last = lastLoudBlock {
                longestInnerSilentBlocks = max(longestInnerSilentBlocks, blockIndex - last - 1)
            } else {
                firstLoudBlock = blockIndex
            }
            lastLoudBlock = blockIndex
        }
        blockIndex += 1
        blockPeak = 0
        framesInBlock = 0
    }

    /// The measures, once every frame has been added.
    func finish() -> (loudness: Loudness, silence: Silence, clippedRuns: Int, hash: UInt64) {
        if framesInBlock > 0 { closeBlock() }
        let rate = Double(sampleRate)
        let duration = Double(frames) / rate
        let block = Double(blockFrames) / rate
        let silence: Silence
        if let first = firstLoudBlock, let last = lastLoudBlock {
            silence = Silence(head: Double(first) * block,
                              tail: max(0, duration - Double(last + 1) * block),
                              longest: Double(longestInnerSilentBlocks) * block)
        } else {
            silence = Silence(head: duration, tail: duration, longest: 0)
        }
        return (measuredLoudness(), silence, clippedRuns, hash ^ UInt64(frames))
    }

    private func measuredLoudness() -> Loudness {
        guard let loudness else { return Loudness(integrated: nil, range: nil, truePeak: nil) }
        var integrated = 0.0, range = 0.0
        let iOK = ebur128_loudness_global(loudness, &integrated) == EBUR128_SUCCESS.rawValue
        let rOK = ebur128_loudness_range(loudness, &range) == EBUR128_SUCCESS.rawValue
        var peak = 0.0
        for c in 0..<channels {
            var p = 0.0
            if ebur128_true_peak(loudness, UInt32(c), &p) == EBUR128_SUCCESS.rawValue { peak = max(peak, p) }
        }
        func finite(_ v: Double, _ ok: Bool) -> Double? { ok && v.isFinite ? v : nil }
        let tp = peak > 0 ? 20 * log10(peak) : nil
        // Below the absolute gate (−70 LUFS) there is no programme to measure.
        let lufs = finite(integrated, iOK).flatMap { $0 > -70 ? $0 : nil }
        return Loudness(integrated: lufs, range: lufs == nil ? nil : finite(range, rOK), truePeak: tp)
    }
}
