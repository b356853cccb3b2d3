import CSndFile
import Foundation
import Synchronization
public import LichPhatCore

/// Reads one file and states its ``AudioFacts``. Never writes to the file.
public enum AudioInspector {
    /// Extensions that promise audio: such a file that cannot be read is an error, not skipped.
    public static let audioExtensions: Set<String> = [
        "mp3", "wav", "ogg", "oga", "opus", "flac", "aif", "aiff", "m4a", "aac", "wma",
    ]

    public enum Depth: Sendable { case quick, full }

    /// The facts about `path`. `quick` reads headers (and an MP3's frame headers) only.
    /// With `cores` above 1, a long file that can be read from any point (WAV, FLAC, OGG, a sound
    /// MP3) is measured in that many stretches at once. With `hashBytes`, an MP3's ``AudioFacts/contentHash``
    /// is taken from the bytes read for its frames (the scanner wants it for files whose size another shares).
    public static func inspect(path: String, depth: Depth, policy: AudioPolicy, cores: Int = 1, hashBytes: Bool = false) -> AudioFacts {
        let head: [UInt8]
        let size: Int64
        do {
            (head, size) = try readHead(path, count: 64 * 1024)
        } catch {
            return AudioFacts(size: 0, defects: [.unreadable(.ioError, detail: error.detail)])
        }
        if let other = unsupportedFormat(head, path: path) {
            return AudioFacts(container: other, size: size, defects: [.unsupported(format: other)])
        }
        let isMP3 = head.withUnsafeBytes { MP3Frames.looksLikeMP3($0) } || path.lowercased().hasSuffix(".mp3")
        if depth == .quick, head.starts(with: Array("OggS".utf8)), let facts = quickOggVorbis(path: path, head: head, size: size) {
            return facts
        }
        if isMP3 {
            return inspectMP3(path: path, size: size, depth: depth, policy: policy, cores: cores, hashBytes: hashBytes)
        }
        return inspectWithSndFile(path: path, head: head, size: size, depth: depth, policy: policy, cores: cores)
    }

    // MARK: - Ogg Vorbis, quick

    /// Sample rate, channels and length of an Ogg Vorbis file that ends cleanly — one stream, its
    /// last page whole, ending the file and marked end-of-stream — from its pages alone. Opening it
    /// with libsndfile would also build the decoder's codebooks, most of a quick scan's time. Nil
    /// for anything else: libsndfile then finds how much of it plays.
    static func quickOggVorbis(path: String, head: [UInt8], size: Int64) -> AudioFacts? {
        guard let start = head.withUnsafeBytes(OggPages.vorbisStart) else { return nil }
        let count = Int(min(size, 65_536))
        guard let tail = try? readTail(path, count: count, size: size),
              let last = tail.withUnsafeBytes(OggPages.lastPage),
              last.serial == start.serial, last.isLast, last.granule >= 0, last.granule <= Int64(start.rate) * 86_400 else { return nil }
        return AudioFacts(container: "OGG", encoding: "Vorbis", sampleRate: start.rate, channels: start.channels,
                          frames: last.granule, size: size)
    }

    /// The last `count` bytes of a file of `size` bytes.
    static func readTail(_ path: String, count: Int, size: Int64) throws(IOError) -> [UInt8] {
        let fd: Int32
        do { fd = try MappedFile.openRegular(path).fd } catch { throw IOError(detail: error.detail) }
        defer { close(fd) }
        var buf = [UInt8](repeating: 0, count: count)
        let got = buf.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, off_t(size) - off_t(count)) }
        guard got == count else { throw IOError(detail: got < 0 ? String(cString: strerror(errno)) : "the file got shorter") }
        return buf
    }

    // MARK: - MP3

    static func inspectMP3(path: String, size: Int64, depth: Depth, policy: AudioPolicy, cores: Int = 1, hashBytes: Bool = false) -> AudioFacts {
        let walked: MP3Structure?, bytesHash: UInt64?
        do {
            (walked, bytesHash) = try MappedFile.withBytes(of: path) { bytes, readUpTo in
                (MP3Frames.walk(bytes, readUpTo: readUpTo), hashBytes ? MappedFile.hash(bytes, readUpTo: readUpTo) : nil)
            }
        } catch {
            return AudioFacts(size: size, defects: [.unreadable(.ioError, detail: error.detail)])
        }
        guard let s = walked else {
            return AudioFacts(container: "MP3", size: size,
                              defects: [.unreadable(.corrupt, detail: "no MPEG audio frames found")])
        }
        var facts = AudioFacts(container: "MP3", encoding: "\(s.version) Layer \(["I", "II", "III"][s.layer - 1])",
                               sampleRate: s.sampleRate, channels: s.channels,
                               frames: s.playedSamples, size: size)
        facts.contentHash = bytesHash
        if s.isTruncated {
            facts.defects.append(.truncated)
            facts.declaredFrames = s.declaredSamples
        } else if s.seekTag == nil {
            facts.defects.append(.mp3WithoutSeekTag)
            facts.declaredFrames = s.declaredSamples
        }
        // Damage inside the stream beyond a stray byte or two.
        if s.junkBytes > 1024 || (s.audioBytes > 0 && Double(s.junkBytes) > 0.01 * Double(s.audioBytes)) {
            facts.defects.append(.unreadable(.corrupt, detail: "\(s.junkBytes) bytes of damaged data between frames"))
        }
        guard depth == .full else { return facts }
        do {
            let source = try MPG123Source(path: path)
            let measured: Measured
            // A sound MPEG-1 stream of known length (no damage, not cut) can be measured in stretches:
            // libmpg123 decodes it from any frame exactly as from the start. (MPEG-2 and 2.5 streams,
            // one granule a frame, can come out a rounding error apart after a seek: one pass.)
            if cores > 1, facts.defects.isEmpty, s.junkBytes == 0, s.version == "MPEG-1", let frames = facts.frames,
               let m = try analyseInStretches(source: source, seekable: true, frames: frames, policy: policy, count: cores,
                                          open: { try? MPG123Source(path: path) }) {
                measured = m
            } else {
                measured = try analyse(source, policy: policy)
            }
            apply(measured, to: &facts)
            // The decoder is the last word on length (the walk agrees to the frame when the file is sound).
            if let walked = facts.frames, abs(walked - measured.frames) > Int64(s.samplesPerFrame) {
                facts.frames = measured.frames
            }
            if measured.stoppedBy != nil, !facts.defects.contains(.truncated) {
                facts.declaredFrames = facts.declaredFrames ?? facts.frames
                facts.frames = measured.frames
                facts.defects.append(.truncated)
            }
        } catch {
            facts.defects.append(.unreadable(.corrupt, detail: error.detail))
        }
        return facts
    }

    // MARK: - libsndfile

    static func inspectWithSndFile(path: String, head: [UInt8], size: Int64, depth: Depth, policy: AudioPolicy, cores: Int = 1) -> AudioFacts {
        let source: SndFileSource
        do { source = try SndFileSource(path: path) } catch {
            return AudioFacts(size: size, defects: [.unreadable(.notAudio, detail: error.detail)])
        }
        let names = source.formatNames
        // A cut OGG can make libsndfile read a length from a broken last page: trillions of
        // seconds. Such a length is no length at all.
        let declared: Int64? = source.declaredFrames >= 0 && source.declaredFrames <= Int64(max(0, source.sampleRate)) * 86_400
            ? source.declaredFrames : nil
        var facts = AudioFacts(container: names.container, encoding: names.encoding,
                               sampleRate: source.sampleRate, channels: source.channels,
                               frames: declared, size: size)
        // A WAV whose data chunk promises more than the file holds: libsndfile quietly shortens it.
        if let promised = WAVHeader.promisedFrames(head), promised > source.declaredFrames {
            facts.defects.append(.truncated)
            facts.declaredFrames = promised
        }
        if depth == .quick {
            if declared == nil || !source.lastFrameReadable() {
                facts.defects.append(.truncated)
                facts.declaredFrames = declared
                if let readable = SndFileSource.readableFrames(path: path, declared: source.declaredFrames,
                                                               deadline: Deadline(seconds: policy.decodeTimeLimit)) {
                    facts.frames = readable
                } else {
                    facts.defects.append(.unreadable(.corrupt, detail: DecodeError.timedOut(policy.decodeTimeLimit).detail))
                }
            }
            return facts
        }
        do {
            let measured: Measured
            if cores > 1, !facts.defects.contains(.truncated), let declared,
               let m = try analyseInStretches(source: source, seekable: source.isSeekable, frames: declared, policy: policy, count: cores,
                                          open: { try? SndFileSource(path: path) }) {
                measured = m
            } else {
                measured = try analyse(source, policy: policy)
            }
            apply(measured, to: &facts)
            if (declared.map { measured.frames < $0 } ?? true || measured.stoppedBy != nil), !facts.defects.contains(.truncated) {
                facts.defects.append(.truncated)
                facts.declaredFrames = declared
            }
            facts.frames = measured.frames
        } catch {
            // Not one frame decodes: nothing plays, whatever the header says.
            facts.declaredFrames = facts.declaredFrames ?? declared
            facts.frames = nil
            facts.defects.append(.unreadable(.corrupt, detail: error.detail))
        }
        return facts
    }

    // MARK: - Measuring

    /// A file's measures, and where decoding stopped short if it did.
    struct Measured {
        var result: Analyzer.Result
        var sampleRate: Int
        /// The decoder's words when it failed after some audio: the file is cut there.
        var stoppedBy: String?

        init(_ r: Analyzer.Result, sampleRate: Int, stoppedBy: String?) {
            result = r
            self.sampleRate = sampleRate
            self.stoppedBy = stoppedBy
        }

        var frames: Int64 { result.frames }
        /// Seconds into the file of the first sample that is not a number.
        var firstNonFinite: Double? { result.firstNonFiniteFrame.map { Double($0) / Double(sampleRate) } }
    }

    /// Decodes `source` to its end and measures it. Gives up (throws) when decoding runs past
    /// `policy.decodeTimeLimit`: a damaged file must not hold up a whole library.
    static func analyse(_ source: any PCMSource, policy: AudioPolicy) throws(DecodeError) -> Measured {
        guard source.sampleRate > 0, source.sampleRate <= 768_000, source.channels > 0, source.channels <= 64 else {
            throw DecodeError(detail: "impossible format: \(source.sampleRate) Hz, \(source.channels) channels")
        }
        let analyzer = Analyzer(sampleRate: source.sampleRate, channels: source.channels, policy: policy)
        let blockFrames = 8192
        let buffer = UnsafeMutablePointer<Float>.allocate(capacity: blockFrames * source.channels)
        defer { buffer.deallocate() }
        let deadline = Deadline(seconds: policy.decodeTimeLimit)
        var stopped: String?
        while true {
            let n: Int
            do { n = try source.read(into: buffer, frames: blockFrames) } catch {
                // A decoder that fails after some audio has found where a cut file stops playing:
                // what came before is the playable part. Failing before any audio is corruption.
                guard analyzer.frames > 0 else { throw error }
                stopped = error.detail
                break
            }
            if n <= 0 { break }
            analyzer.add(buffer, frames: min(n, blockFrames))
            if deadline.passed { throw DecodeError.timedOut(policy.decodeTimeLimit) }
        }
        return Measured(analyzer.finish(), sampleRate: source.sampleRate, stoppedBy: stopped)
    }

    /// Files at least this long are worth measuring in stretches.
    static let stretchMinimumSeconds = 60

    /// Measures a sound file of `frames` frames in `count` stretches on as many threads, each
    /// reading its own stretch (and the second before it, to warm up). Nil when the file is short,
    /// cannot seek, or any stretch does not read exactly as planned (a damaged file is measured
    /// in one pass instead, which finds where it stops). Throws when decoding runs past the policy's time limit.
    static func analyseInStretches(source: any PCMSource, seekable: Bool, frames: Int64, policy: AudioPolicy, count: Int,
                                   open: @escaping @Sendable () -> (any SeekablePCMSource)?) throws(DecodeError) -> Measured? {
        let rate = source.sampleRate, channels = source.channels
        guard seekable, rate > 0, rate <= 768_000, channels > 0, channels <= 64,
              frames >= Int64(rate) * Int64(Self.stretchMinimumSeconds) else { return nil }
        let plan = StretchPlan(frames: frames, alignment: Analyzer.alignment(sampleRate: rate), preroll: Int64(rate), count: count)
        guard plan.stretches.count > 1 else { return nil }
        let deadline = Deadline(seconds: policy.decodeTimeLimit)
        let last = plan.stretches.count - 1
        let parts = Mutex([Analyzer.Part?](repeating: nil, count: plan.stretches.count))
        Threads.run(plan.stretches.count) { k in
            let stretch = plan.stretches[k]
            guard let s = open(), s.sampleRate == rate, s.channels == channels,
                  s.seek(to: stretch.warmFrom) else { return }
            let a = Analyzer(sampleRate: rate, channels: channels, policy: policy)
            let block = 8192
            let buffer = UnsafeMutablePointer<Float>.allocate(capacity: block * channels)
            defer { buffer.deallocate() }
            func read(_ wanted: Int64, into feed: (UnsafeMutablePointer<Float>, Int) -> Void) -> Bool {
                var left = wanted
                while left > 0 {
                    guard !deadline.passed, let n = try? s.read(into: buffer, frames: Int(min(Int64(block), left))), n > 0 else { return false }
                    feed(buffer, n)
                    left -= Int64(n)
                }
                return true
            }
            guard read(stretch.start - stretch.warmFrom, into: { a.preroll($0, frames: $1) }),
                  read(stretch.end - stretch.start, into: { a.add($0, frames: $1) }) else { return }
            // The last stretch must end where the file ends.
            if k == last, (try? s.read(into: buffer, frames: 1)) != 0 { return }
            let part = a.part(last: k == last)
            parts.withLock { $0[k] = part }
        }
        if deadline.passed { throw DecodeError.timedOut(policy.decodeTimeLimit) }
        let done = parts.withLock { $0 }
        guard done.allSatisfy({ $0 != nil }) else { return nil }
        let r = Analyzer.merge(done.map { $0! }, sampleRate: rate)
        return Measured(r, sampleRate: rate, stoppedBy: nil)
    }

    static func apply(_ m: Measured, to facts: inout AudioFacts) {
        let r = m.result
        facts.loudness = r.loudness
        facts.silence = r.silence
        facts.clippedRuns = r.clippedRuns
        facts.audioHash = r.hash
        facts.measured = true
        if r.nonFiniteSamples > 0 {
            let at = m.firstNonFinite.map { String(format: "%.2f", $0) } ?? "?"
            facts.defects.append(.unreadable(.corrupt, detail: "\(r.nonFiniteSamples) decoded samples are not numbers (NaN or infinite), the first at \(at) s"))
        }
        if r.outOfRangeSamples > 0 {
            facts.defects.append(.outOfRange(samples: r.outOfRangeSamples, peak: Double(r.largestSample)))
        }
    }

    // MARK: - Sniffing formats LichPhat does not play

    /// "AAC", "M4A" or "WMA" when the bytes (or, failing that, the name) say so.
    static func unsupportedFormat(_ head: [UInt8], path: String) -> String? {
        if head.count >= 8, head[4] == 0x66, head[5] == 0x74, head[6] == 0x79, head[7] == 0x70 { return "M4A" } // ....ftyp
        let asf: [UInt8] = [0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11]
        if head.starts(with: asf) { return "WMA" }
        if head.count >= 2, head[0] == 0xFF, head[1] & 0xF6 == 0xF0 { return "AAC" }  // ADTS: layer bits 00
        if head.starts(with: Array("ADIF".utf8)) { return "AAC" }
        let ext = (path as NSString).pathExtension.lowercased()
        if ["m4a", "aac", "wma"].contains(ext), !head.isEmpty,
           !head.withUnsafeBytes({ MP3Frames.looksLikeMP3($0) }),
           !head.starts(with: Array("RIFF".utf8)), !head.starts(with: Array("OggS".utf8)),
           !head.starts(with: Array("fLaC".utf8)) {
            return ext.uppercased()
        }
        return nil
    }

    // MARK: - Bytes

    struct IOError: Error { var detail: String }

    static func readHead(_ path: String, count: Int) throws(IOError) -> ([UInt8], Int64) {
        let fd: Int32, size: Int
        do { (fd, size) = try MappedFile.openRegular(path) } catch { throw IOError(detail: error.detail) }
        defer { close(fd) }
        let want = min(count, size)
        var buf = [UInt8](repeating: 0, count: want)
        let got = buf.withUnsafeMutableBytes { pread(fd, $0.baseAddress, want, 0) }
        guard got >= 0 else { throw IOError(detail: String(cString: strerror(errno))) }
        buf.removeLast(want - got)
        return (buf, Int64(size))
    }
}

extension DecodeError: CustomStringConvertible { var description: String { detail } }

extension DecodeError {
    static func timedOut(_ seconds: Double) -> DecodeError {
        DecodeError(detail: "decoding did not finish within \(Int(seconds)) s")
    }
}

/// Runs `count` pieces of work on their own threads (the last on the caller's) and waits for all:
/// unlike a nested `concurrentPerform`, the pieces really run at once.
enum Threads {
    static func run(_ count: Int, _ work: @escaping @Sendable (Int) -> Void) {
        guard count > 1 else { if count == 1 { work(0) }; return }
        let group = DispatchGroup()
        for k in 0..<(count - 1) {
            group.enter()
            let t = Thread { work(k); group.leave() }
            t.stackSize = 1 << 20
            t.start()
        }
        work(count - 1)
        group.wait()
    }
}

/// A point in time after which long work gives up.
struct Deadline {
    let end: ContinuousClock.Instant
    init(seconds: Double) {
        let s = seconds.isFinite ? Swift.max(0, Swift.min(seconds, 86_400)) : 86_400
        end = .now + .milliseconds(Int64(s * 1000))
    }
    var passed: Bool { ContinuousClock.now >= end }
}
