import Foundation
import LichPhatCore

/// The length of an Ogg Vorbis file from its pages alone, for `--quick`: the stream's format from
/// its first page, its length from the granule position of its last page. Opening the file with
/// libsndfile would also build the decoder (codebooks), which is most of a quick scan's time.
/// Only a file that ends cleanly is answered here — one stream, the last page complete, ending
/// the file and marked end-of-stream; anything else goes to libsndfile, which finds how much plays.
enum OggPages {
    struct Page {
        var flags: UInt8
        var granule: Int64
        var serial: UInt32
        var dataStart: Int
        var end: Int
    }

    /// The page starting at `at`, when it is whole within `b`.
    static func page(_ b: UnsafeRawBufferPointer, at i: Int) -> Page? {
        guard i >= 0, i + 27 <= b.count, b[i] == 0x4F, b[i + 1] == 0x67, b[i + 2] == 0x67, b[i + 3] == 0x53, b[i + 4] == 0 else { return nil }
        let segments = Int(b[i + 26])
        guard i + 27 + segments <= b.count else { return nil }
        var body = 0
        for k in 0..<segments { body += Int(b[i + 27 + k]) }
        let end = i + 27 + segments + body
        guard end <= b.count else { return nil }
        var granule: UInt64 = 0
        for k in 0..<8 { granule |= UInt64(b[i + 6 + k]) << (8 * UInt64(k)) }
        var serial: UInt32 = 0
        for k in 0..<4 { serial |= UInt32(b[i + 14 + k]) << (8 * UInt32(k)) }
        return Page(flags: b[i + 5], granule: Int64(bitPattern: granule), serial: serial, dataStart: i + 27 + segments, end: end)
    }

    /// Sample rate, channels and length of a cleanly ended Ogg Vorbis file; nil for anything else.
    static func quickFacts(path: String, head: [UInt8], size: Int64) -> AudioFacts? {
        let first: Page?
        var rate = 0, channels = 0
        first = head.withUnsafeBytes { b in
            guard let p = page(b, at: 0), p.flags & 0x02 != 0, p.dataStart + 30 <= p.end else { return nil }
            let d = p.dataStart
            // Identification header: 0x01 "vorbis", version (4), channels (1), rate (4), …
            guard b[d] == 0x01, MP3Frames.matches(b, at: d + 1, "vorbis") else { return nil }
            channels = Int(b[d + 11])
            rate = Int(MP3Frames.le32(b, d + 12))
            return p
        }
        guard let first, rate > 0, channels > 0 else { return nil }
        // The last pages: read the tail and find the page that ends the file.
        let tailLength = Int(min(size, 65_536))
        guard let tail = readTail(path, count: tailLength, size: size) else { return nil }
        let last: Page? = tail.withUnsafeBytes { b in
            var i = b.count - 27
            while i >= 0 {
                if b[i] == 0x4F, let p = page(b, at: i), p.end == b.count { return p }
                i -= 1
            }
            return nil
        }
        guard let last, last.serial == first.serial, last.flags & 0x04 != 0, last.granule >= 0,
              last.granule <= Int64(rate) * 86_400 else { return nil }
        return AudioFacts(container: "OGG", encoding: "Vorbis", sampleRate: rate, channels: channels,
                          frames: last.granule, size: size)
    }

    private static func readTail(_ path: String, count: Int, size: Int64) -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buf = [UInt8](repeating: 0, count: count)
        let got = buf.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, off_t(size) - off_t(count)) }
        return got == count ? buf : nil
    }
}
