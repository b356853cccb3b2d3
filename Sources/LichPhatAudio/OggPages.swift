/// Ogg pages read from bytes, for `--quick`: an Ogg Vorbis file's format from its first page and
/// its length from the granule position of its last. Pure (no files): the libFuzzer target
/// `ogg` runs it on any bytes. ``AudioInspector`` uses it only for a file that ends cleanly.
enum OggPages {
    struct Page: Equatable {
        var flags: UInt8
        var granule: Int64
        var serial: UInt32
        var dataStart: Int
        var end: Int
        var isFirst: Bool { flags & 0x02 != 0 }
        var isLast: Bool { flags & 0x04 != 0 }
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

    /// A Vorbis stream's first page (the file's start): its serial number, sample rate and channels.
    static func vorbisStart(_ head: UnsafeRawBufferPointer) -> (serial: UInt32, rate: Int, channels: Int)? {
        guard let p = page(head, at: 0), p.isFirst, p.dataStart + 30 <= p.end else { return nil }
        let d = p.dataStart
        // Identification header: 0x01 "vorbis", version (4), channels (1), rate (4), …
        guard head[d] == 0x01, MP3Frames.matches(head, at: d + 1, "vorbis") else { return nil }
        let channels = Int(head[d + 11]), rate = Int(MP3Frames.le32(head, d + 12))
        guard rate > 0, channels > 0 else { return nil }
        return (p.serial, rate, channels)
    }

    /// The whole page that ends exactly where `tail` (the file's last bytes) ends.
    static func lastPage(_ tail: UnsafeRawBufferPointer) -> Page? {
        var i = tail.count - 27
        while i >= 0 {
            if tail[i] == 0x4F, let p = page(tail, at: i), p.end == tail.count { return p }
            i -= 1
        }
        return nil
    }
}
