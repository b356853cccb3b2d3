import Foundation
import LichPhatCore

/// Measures decoded audio as it streams past: EBU R128 loudness (ITU-R BS.1770 K-weighting,
/// 400 ms gating blocks, 3 s blocks for the range), true peak (4× polyphase interpolation, the
/// filter libebur128 uses, run eight samples at a time), silence, clipping, and a hash of the samples.
///
/// One analyzer measures one stretch of a file and is not shared between threads. A long file can
/// be measured in stretches on several cores: each stretch starts on a boundary of both the 100 ms
/// loudness sub-blocks and the 20 ms silence blocks (``alignment(sampleRate:)``), is warmed up on the audio just
/// before it (``preroll(_:frames:)``: filter state, interpolator history, clipping runs), and the
/// ``Part``s are merged in order by ``merge(_:sampleRate:)``: the same
/// figures as one pass, to rounding.
final class Analyzer {
    let sampleRate: Int
    let channels: Int

    /// Frames in a 100 ms loudness sub-block (libebur128's rounding) and in a 20 ms silence block.
    let subBlockFrames: Int
    let silenceBlockFrames: Int
    static func subBlockFrames(_ rate: Int) -> Int { max(1, (rate + 5) / 10) }
    static func silenceBlockFrames(_ rate: Int) -> Int { max(1, rate / 50) }

    /// Frames a stretch boundary must be a multiple of, at `rate`.
    static func alignment(sampleRate rate: Int) -> Int { lcm(subBlockFrames(rate), silenceBlockFrames(rate)) }

    // K-weighting: one 4th-order filter, channels in pairs (SIMD2<Double>).
    private let k: KWeighting
    private let pairs: Int
    private let pairState: UnsafeMutablePointer<SIMD2<Double>>   // 4 per pair: v1…v4
    private let pairWeight: UnsafeMutablePointer<SIMD2<Double>>
    private var subBlockPosition = 0
    private var subBlockSum = 0.0
    private(set) var subBlocks: [Double] = []

    // De-interleaved samples, one plane per channel, each led by `history` samples of the last block.
    private static let history = 12
    private static let capacity = 8192
    private let planes: UnsafeMutablePointer<Float>
    private var planeStride: Int { Self.history + Self.capacity }
    private var truePeak: Float = 0
    private var samplePeak: Float = 0

    // Silence: a block is silent when its peak is below the threshold.
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
    private let clipCounts: UnsafeMutablePointer<Int>
    private(set) var clippedRuns = 0

    private var hash: UInt64 = 0
    private var hashedSamples: Int64 = 0
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
        subBlockFrames = Self.subBlockFrames(sampleRate)
        silenceBlockFrames = Self.silenceBlockFrames(sampleRate)
        k = KWeighting(sampleRate: Double(sampleRate))
        pairs = (channels + 1) / 2
        pairState = .allocate(capacity: 4 * pairs)
        pairState.initialize(repeating: .zero, count: 4 * pairs)
        pairWeight = .allocate(capacity: pairs)
        let weights = Self.channelWeights(channels)
        for p in 0..<pairs {
            pairWeight[p] = SIMD2(weights[2 * p], 2 * p + 1 < channels ? weights[2 * p + 1] : 0)
        }
        // One more plane, all zeros, partners the last channel of an odd count.
        planes = .allocate(capacity: (channels + 1) * (Self.history + Self.capacity))
        planes.initialize(repeating: 0, count: (channels + 1) * (Self.history + Self.capacity))
        silenceLevel = Float(pow(10, policy.silenceThreshold / 20))
        clipRun = max(1, policy.clipRunLength)
        clipCounts = .allocate(capacity: channels)
        clipCounts.initialize(repeating: 0, count: channels)
    }

    deinit {
        pairState.deallocate()
        pairWeight.deallocate()
        planes.deallocate()
        clipCounts.deallocate()
    }

    /// BS.1770 channel weights for libebur128's default channel order: L, R, C, LFE (not counted),
    /// Ls, Rs (1.41); four channels are L, R, Ls, Rs; five L, R, C, Ls, Rs.
    static func channelWeights(_ channels: Int) -> [Double] {
        switch channels {
        case 4: return [1, 1, 1.41, 1.41]
        case 5: return [1, 1, 1, 1.41, 1.41]
        default: return (0..<channels).map { [1, 1, 1, 0, 1.41, 1.41][safe: $0] ?? 0 }
        }
    }

    // MARK: - Adding audio

    /// Measures `n` interleaved frames. Non-finite samples in `samples` are replaced by 0.
    func add(_ samples: UnsafeMutablePointer<Float>, frames n: Int) {
        var done = 0
        while done < n {
            let m = min(Self.capacity, n - done)
            consume(samples + done * channels, frames: m, measuring: true)
            done += m
        }
    }

    /// Feeds the audio just before this analyzer's stretch: it warms the filters, the interpolator's
    /// history and the clipping runs, and is not measured.
    func preroll(_ samples: UnsafeMutablePointer<Float>, frames n: Int) {
        var done = 0
        while done < n {
            let m = min(Self.capacity, n - done)
            consume(samples + done * channels, frames: m, measuring: false)
            done += m
        }
    }

    private func consume(_ s: UnsafeMutablePointer<Float>, frames n: Int, measuring: Bool) {
        interleavedPass(s, frames: n, measuring: measuring)
        if measuring {
            for c in 0..<channels { truePeakPass(planes + c * planeStride + Self.history, count: n) }
        }
        loudnessPass(frames: n, measuring: measuring)
        // Keep the last samples of each plane as the next block's history.
        let h = Self.history
        for c in 0..<channels {
            let plane = planes + c * planeStride
            plane.update(from: plane + n, count: h)   // the regions may overlap when n < h
        }
        if measuring { frames += Int64(n) }
    }

    /// Sanitises, de-interleaves, hashes and finds peaks, clipping and silence, one sample at a time.
    private func interleavedPass(_ s: UnsafeMutablePointer<Float>, frames n: Int, measuring: Bool) {
        let ch = channels, stride = planeStride, h0 = Self.history
        let planes = self.planes, clip = clipCounts, clipLevel = self.clipLevel, clipRun = self.clipRun
        var hash = self.hash
        var runs = 0, nonFinite = 0, outOfRange = 0
        var largest = largestSample, peak = samplePeak
        var bp = blockPeak, inBlock = framesInBlock
        let blockLength = silenceBlockFrames
        let frameMultiplier = Self.power(Self.hashMultiplier, Int64(ch))
        for f in 0..<n {
            var framePeak: Float = 0
            // The frame's part of the hash, Σ q_c·M^(ch−1−c), is added to h·M^ch once a frame:
            // the same polynomial as one sample at a time, with one multiply a frame on the chain.
            var frameHash: UInt64 = 0
            for c in 0..<ch {
                var x = s[f * ch + c]
                var a = x.magnitude
                if !a.isFinite {
                    // NaN or infinity: counted, and measured as silence.
                    if measuring {
                        nonFinite += 1
                        if firstNonFiniteFrame == nil { firstNonFiniteFrame = frames + Int64(f) }
                    }
                    x = 0; a = 0
                    s[f * ch + c] = 0
                } else if a > 1 {
                    outOfRange += 1
                    if a > largest { largest = a }
                }
                planes[c * stride + h0 + f] = x
                if a > framePeak { framePeak = a }
                if a >= clipLevel {
                    clip[c] += 1
                    if clip[c] == clipRun { runs += 1 }
                } else {
                    clip[c] = 0
                }
                // Quantised to 16 bits by the magic-number rounding (1.5·2²³ puts the rounded value in the
                // mantissa): no checked float-to-integer conversion on every sample.
                let q = (Swift.max(-1, Swift.min(1, x)) * 32767 + 12_582_912).bitPattern
                frameHash = frameHash &* Self.hashMultiplier &+ UInt64(q)
            }
            hash = hash &* frameMultiplier &+ frameHash
            guard measuring else { continue }
            if framePeak > bp { bp = framePeak }
            inBlock += 1
            if inBlock == blockLength {
                closeBlock(peak: bp)
                if bp > peak { peak = bp }
                bp = 0; inBlock = 0
            }
        }
        guard measuring else { return }
        if bp > peak { peak = bp }
        self.hash = hash
        hashedSamples += Int64(n * ch)
        clippedRuns += runs
        nonFiniteSamples += nonFinite
        outOfRangeSamples += outOfRange
        largestSample = largest
        samplePeak = peak
        blockPeak = bp
        framesInBlock = inBlock
    }

    private func closeBlock(peak: Float) {
        if peak >= silenceLevel {
            if let last = lastLoudBlock {
                longestInnerSilentBlocks = max(longestInnerSilentBlocks, blockIndex - last - 1)
            } else {
                firstLoudBlock = blockIndex
            }
            lastLoudBlock = blockIndex
        }
        blockIndex += 1
    }

    /// The largest magnitude among the three interpolated phases between samples (the fourth is the
    /// sample itself), eight output positions at a time. `x` is led by `history` earlier samples.
    private func truePeakPass(_ x: UnsafeMutablePointer<Float>, count n: Int) {
        let c = TruePeakFilter.coefficients
        let taps = TruePeakFilter.taps
        var peak = SIMD8<Float>(repeating: 0)
        var i = 0
        while i + 8 <= n {
            var y1 = SIMD8<Float>(repeating: 0), y2 = y1, y3 = y1
            for t in 0..<taps {
                let v = UnsafeRawPointer(x + (i - t)).loadUnaligned(as: SIMD8<Float>.self)
                // Multiply and add, not addingProduct: without FMA in the baseline instruction set
                // that becomes a library call per lane.
                y1 += c[t] * v
                y2 += c[taps + t] * v
                y3 += c[2 * taps + t] * v
            }
            // Squares compared instead of magnitudes: no branches, no generic calls.
            let m = y1 * y1
            var big = m
            let m2 = y2 * y2, m3 = y3 * y3
            big.replace(with: m2, where: m2 .> big)
            big.replace(with: m3, where: m3 .> big)
            peak.replace(with: big, where: big .> peak)
            i += 8
        }
        var p = peak.max().squareRoot()
        while i < n {
            var y1: Float = 0, y2: Float = 0, y3: Float = 0
            for t in 0..<taps {
                let v = x[i - t]
                y1 += c[t] * v; y2 += c[taps + t] * v; y3 += c[2 * taps + t] * v
            }
            p = Swift.max(p, y1.magnitude, y2.magnitude, y3.magnitude)
            i += 1
        }
        if p > truePeak { truePeak = p }
    }

    /// K-weights every channel and sums the squares into 100 ms sub-blocks.
    private func loudnessPass(frames n: Int, measuring: Bool) {
        let k = self.k
        let stride = planeStride, h0 = Self.history
        // Stretches of this block that end on sub-block boundaries.
        var ends: [Int] = []
        var pos = subBlockPosition, f = 0
        while f < n {
            let step = min(subBlockFrames - pos, n - f)
            f += step; pos += step
            if pos == subBlockFrames { pos = 0 }
            ends.append(f)
        }
        var energy = [Double](repeating: 0, count: ends.count)
        for p in 0..<pairs {
            let left = planes + (2 * p) * stride + h0
            let right = planes + (2 * p + 1) * stride + h0   // the zero plane when 2p + 1 == channels
            var v1 = pairState[4 * p], v2 = pairState[4 * p + 1], v3 = pairState[4 * p + 2], v4 = pairState[4 * p + 3]
            var start = 0
            for (j, end) in ends.enumerated() {
                var sum = SIMD2<Double>.zero
                for i in start..<end {
                    let x = SIMD2(Double(left[i]), Double(right[i]))
                    // v1 (the last v0) last: the chain from one frame to the next is one multiply and one subtract.
                    let v0 = (x - k.a4 * v4 - k.a3 * v3 - k.a2 * v2) - k.a1 * v1
                    let y = k.b0 * v0 + k.b1 * v1 + k.b2 * v2 + k.b3 * v3 + k.b4 * v4
                    sum += y * y
                    v4 = v3; v3 = v2; v2 = v1; v1 = v0
                }
                // Digital silence would decay the state into subnormal numbers, which are slow.
                let tiny = SIMD2<Double>(repeating: 1e-30)
                v1.replace(with: 0, where: v1 .< tiny .& v1 .> -tiny)
                v2.replace(with: 0, where: v2 .< tiny .& v2 .> -tiny)
                v3.replace(with: 0, where: v3 .< tiny .& v3 .> -tiny)
                v4.replace(with: 0, where: v4 .< tiny .& v4 .> -tiny)
                energy[j] += (sum * pairWeight[p]).sum()
                start = end
            }
            pairState[4 * p] = v1; pairState[4 * p + 1] = v2; pairState[4 * p + 2] = v3; pairState[4 * p + 3] = v4
        }
        guard measuring else { return }
        var start = 0
        for (j, end) in ends.enumerated() {
            subBlockSum += energy[j]
            subBlockPosition += end - start
            if subBlockPosition == subBlockFrames {
                subBlocks.append(subBlockSum)
                subBlockSum = 0
                subBlockPosition = 0
            }
            start = end
        }
    }

    // MARK: - Results

    /// Everything one stretch contributes to the file's measures.
    struct Part {
        var frames: Int64
        var subBlocks: [Double]
        var silenceBlocks: Int
        var firstLoudBlock: Int?
        var lastLoudBlock: Int?
        var longestInnerSilentBlocks: Int
        var clippedRuns: Int
        var hash: UInt64
        var hashedSamples: Int64
        var truePeak: Float
        var nonFiniteSamples: Int
        var firstNonFiniteFrame: Int64?
        var outOfRangeSamples: Int
        var largestSample: Float
    }

    /// This stretch's contribution. A stretch that is not the file's last ends on ``alignment(sampleRate:)``,
    /// so it leaves no unfinished block behind; the last one's unfinished silence block is closed.
    func part(last: Bool = true) -> Part {
        if last, framesInBlock > 0 {
            closeBlock(peak: blockPeak)
            framesInBlock = 0
            blockPeak = 0
        }
        return Part(frames: frames, subBlocks: subBlocks, silenceBlocks: blockIndex,
                    firstLoudBlock: firstLoudBlock, lastLoudBlock: lastLoudBlock,
                    longestInnerSilentBlocks: longestInnerSilentBlocks, clippedRuns: clippedRuns,
                    hash: hash, hashedSamples: hashedSamples, truePeak: Swift.max(truePeak, samplePeak),
                    nonFiniteSamples: nonFiniteSamples, firstNonFiniteFrame: firstNonFiniteFrame,
                    outOfRangeSamples: outOfRangeSamples, largestSample: largestSample)
    }

    struct Result {
        var loudness: Loudness
        var silence: Silence
        var clippedRuns: Int
        var hash: UInt64
        var frames: Int64
        var nonFiniteSamples: Int
        var firstNonFiniteFrame: Int64?
        var outOfRangeSamples: Int
        var largestSample: Float
    }

    /// The measures, once every frame has been added.
    func finish() -> Result { Self.merge([part()], sampleRate: sampleRate) }

    /// The measures of a file from its stretches' parts, in order.
    static func merge(_ parts: [Part], sampleRate: Int) -> Result {
        let blockFrames = silenceBlockFrames(sampleRate), subBlockFrames = subBlockFrames(sampleRate)
        var frames: Int64 = 0, subBlocks: [Double] = [], blocks = 0
        var first: Int?, last: Int?, longest = 0, clipped = 0
        var hash: UInt64 = 0, peak: Float = 0, nonFinite = 0, firstNonFinite: Int64?, outOfRange = 0, largest: Float = 0
        for p in parts {
            if let f = p.firstLoudBlock, let l = p.lastLoudBlock {
                if let previous = last { longest = max(longest, blocks + f - previous - 1) }
                if first == nil { first = blocks + f }
                last = blocks + l
            }
            longest = max(longest, p.longestInnerSilentBlocks)
            hash = hash &* power(hashMultiplier, p.hashedSamples) &+ p.hash
            if firstNonFinite == nil, let f = p.firstNonFiniteFrame { firstNonFinite = frames + f }
            frames += p.frames
            subBlocks += p.subBlocks
            blocks += p.silenceBlocks
            clipped += p.clippedRuns
            peak = max(peak, p.truePeak)
            nonFinite += p.nonFiniteSamples
            outOfRange += p.outOfRangeSamples
            largest = max(largest, p.largestSample)
        }
        let rate = Double(sampleRate)
        let duration = Double(frames) / rate
        let block = Double(blockFrames) / rate
        let silence: Silence
        if let first, let last {
            silence = Silence(head: Double(first) * block,
                              tail: max(0, duration - Double(last + 1) * block),
                              longest: Double(longest) * block)
        } else {
            silence = Silence(head: duration, tail: duration, longest: 0)
        }
        let gated = Gating(subBlocks: subBlocks, subBlockFrames: subBlockFrames)
        let integrated = gated.integrated()
        let tp: Double? = peak > 0 ? 20 * log10(Double(peak)) : nil
        let loudness = Loudness(integrated: integrated, range: integrated == nil ? nil : gated.range(), truePeak: tp)
        return Result(loudness: loudness, silence: silence, clippedRuns: clipped, hash: hash ^ UInt64(frames),
                      frames: frames, nonFiniteSamples: nonFinite, firstNonFiniteFrame: firstNonFinite,
                      outOfRangeSamples: outOfRange, largestSample: largest)
    }

    // MARK: - Hash

    /// A polynomial hash of the samples (quantised to 16 bits) in file order: h = h·M + q. Two
    /// stretches' hashes combine as h₁·M^(samples in the second) + h₂, so stretches measured apart
    /// hash the same as one pass.
    static let hashMultiplier: UInt64 = 0x100_0000_01b3

    static func power(_ base: UInt64, _ exponent: Int64) -> UInt64 {
        var result: UInt64 = 1, b = base, e = exponent
        while e > 0 {
            if e & 1 == 1 { result = result &* b }
            b = b &* b
            e >>= 1
        }
        return result
    }

    static func lcm(_ a: Int, _ b: Int) -> Int {
        var x = a, y = b
        while y != 0 { (x, y) = (y, x % y) }
        return a / x * b
    }
}

/// ITU-R BS.1770 K-weighting (high shelf, then the RLB high-pass) as one 4th-order filter, with
/// libebur128's coefficients for any sample rate.
struct KWeighting {
    let b0, b1, b2, b3, b4: SIMD2<Double>
    let a1, a2, a3, a4: SIMD2<Double>

    init(sampleRate rate: Double) {
        var f0 = 1681.974450955533
        let g = 3.999843853973347
        var q = 0.7071752369554196
        var kk = tan(Double.pi * f0 / rate)
        let vh = pow(10, g / 20)
        let vb = pow(vh, 0.4996667741545416)
        let a0 = 1 + kk / q + kk * kk
        let pb = [(vh + vb * kk / q + kk * kk) / a0, 2 * (kk * kk - vh) / a0, (vh - vb * kk / q + kk * kk) / a0]
        let pa = [1, 2 * (kk * kk - 1) / a0, (1 - kk / q + kk * kk) / a0]
        f0 = 38.13547087602444
        q = 0.5003270373238773
        kk = tan(Double.pi * f0 / rate)
        let rb = [1.0, -2, 1]
        let ra = [1, 2 * (kk * kk - 1) / (1 + kk / q + kk * kk), (1 - kk / q + kk * kk) / (1 + kk / q + kk * kk)]
        func s(_ v: Double) -> SIMD2<Double> { SIMD2(repeating: v) }
        b0 = s(pb[0] * rb[0])
        b1 = s(pb[0] * rb[1] + pb[1] * rb[0])
        b2 = s(pb[0] * rb[2] + pb[1] * rb[1] + pb[2] * rb[0])
        b3 = s(pb[1] * rb[2] + pb[2] * rb[1])
        b4 = s(pb[2] * rb[2])
        a1 = s(pa[0] * ra[1] + pa[1] * ra[0])
        a2 = s(pa[0] * ra[2] + pa[1] * ra[1] + pa[2] * ra[0])
        a3 = s(pa[1] * ra[2] + pa[2] * ra[1])
        a4 = s(pa[2] * ra[2])
    }
}

/// The true-peak interpolator: a 49-tap Hann-windowed sinc for 4× oversampling split into its
/// phases (libebur128's filter). Phase 0 is the sample itself; phases 1–3 have 12 taps each,
/// tap t applying to the sample t places back.
enum TruePeakFilter {
    static let taps = 12

    /// Phases 1, 2 and 3, `taps` coefficients each, in one block that lives as long as the program.
    nonisolated(unsafe) static let coefficients: UnsafePointer<Float> = {
        let p = UnsafeMutablePointer<Float>.allocate(capacity: 3 * taps)
        let phases = make()
        for f in 1...3 { for t in 0..<taps { p[(f - 1) * taps + t] = phases[f][t] } }
        return UnsafePointer(p)
    }()

    static func make() -> [[Float]] {
        let length = 49, factor = 4
        var phases = [[Float]](repeating: [Float](repeating: 0, count: Self.taps), count: factor)
        for j in 0..<length {
            let m = Double(j) - Double(length - 1) / 2
            var c = 1.0
            if m.magnitude > 1e-6 { c = sin(m * .pi / Double(factor)) / (m * .pi / Double(factor)) }
            c *= 0.5 * (1 - cos(2 * .pi * Double(j) / Double(length - 1)))
            let f = j % factor, t = j / factor
            if f > 0, t < Self.taps { phases[f][t] = Float(c) }
        }
        return phases
    }
}

/// BS.1770-4 gating over 100 ms sub-block energies (K-weighted, channel-weighted sums of squares):
/// integrated loudness from 400 ms blocks every 100 ms, the loudness range (EBU Tech 3342) from
/// 3 s blocks every second, as libebur128 forms them.
struct Gating {
    let subBlocks: [Double]
    let subBlockFrames: Int

    private static let absoluteGate = pow(10, (-70 + 0.691) / 10)
    static func lufs(_ energy: Double) -> Double { 10 * log10(energy) - 0.691 }

    /// Mean-square energy of the blocks of `length` sub-blocks that start every `step` sub-blocks.
    private func blocks(length: Int, step: Int) -> [Double] {
        guard subBlocks.count >= length else { return [] }
        var out: [Double] = []
        out.reserveCapacity((subBlocks.count - length) / step + 1)
        let scale = 1 / Double(length * subBlockFrames)
        var start = 0
        while start + length <= subBlocks.count {
            var sum = 0.0
            for i in start..<(start + length) { sum += subBlocks[i] }
            out.append(sum * scale)
            start += step
        }
        return out
    }

    /// Integrated loudness, LUFS; nil below the absolute gate (nothing to measure).
    func integrated() -> Double? {
        let above = blocks(length: 4, step: 1).filter { $0 >= Self.absoluteGate }
        guard !above.isEmpty else { return nil }
        let relative = above.reduce(0, +) / Double(above.count) * 0.1
        let gated = above.filter { $0 >= relative }
        guard !gated.isEmpty else { return nil }
        let l = Self.lufs(gated.reduce(0, +) / Double(gated.count))
        return l.isFinite && l > -70 ? l : nil
    }

    /// Loudness range, LU.
    func range() -> Double? {
        // libebur128 takes its first 3 s block at 3 s and then one every second.
        let shortTerm = blocks(length: 30, step: 10).filter { $0 >= Self.absoluteGate }.sorted()
        guard !shortTerm.isEmpty else { return 0 }
        let relative = shortTerm.reduce(0, +) / Double(shortTerm.count) * 0.01
        let gated = shortTerm.drop { $0 < relative }
        guard !gated.isEmpty else { return 0 }
        let g = Array(gated)
        let high = g[Int(Double(g.count - 1) * 0.95 + 0.5)]
        let low = g[Int(Double(g.count - 1) * 0.1 + 0.5)]
        let r = Self.lufs(high) - Self.lufs(low)
        return r.isFinite ? r : nil
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}

/// How a file of `frames` frames is cut into `count` stretches measured apart: boundaries on
/// `alignment`, each stretch warmed on up to `preroll` frames before it.
struct StretchPlan: Sendable {
    struct Stretch: Sendable, Equatable {
        /// The first frame read to warm up (not measured), the first measured and the one after the last.
        var warmFrom, start, end: Int64
    }
    let stretches: [Stretch]

    init(frames: Int64, alignment: Int, preroll: Int64, count: Int) {
        let a = Int64(max(1, alignment))
        var bounds: [Int64] = [0]
        for k in 1..<max(1, count) {
            let b = (frames * Int64(k) / Int64(count) + a / 2) / a * a
            if b > bounds.last!, b < frames { bounds.append(b) }
        }
        bounds.append(frames)
        stretches = (1..<bounds.count).map { i in
            Stretch(warmFrom: max(0, bounds[i - 1] - preroll), start: bounds[i - 1], end: bounds[i])
        }
    }
}
