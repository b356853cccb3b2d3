import Foundation

/// The few RIFF/WAVE header facts libsndfile does not pass on.
enum WAVHeader {
    /// Frames the `data` chunk's size promises, when `b` (the file's first bytes) is a RIFF/WAVE
    /// header whose `fmt ` and `data` chunks are in it; nil otherwise (or for a streaming header
    /// whose size field is 0 or 0xFFFFFFFF).
    static func promisedFrames(_ b: [UInt8]) -> Int64? {
        guard b.count >= 12, b.starts(with: Array("RIFF".utf8)), Array(b[8..<12]) == Array("WAVE".utf8) else { return nil }
        func le32(_ i: Int) -> Int64 { Int64(b[i]) | Int64(b[i + 1]) << 8 | Int64(b[i + 2]) << 16 | Int64(b[i + 3]) << 24 }
        var pos = 12
        var blockAlign: Int64?
        while pos + 8 <= b.count {
            let id = String(decoding: b[pos..<pos + 4], as: UTF8.self)
            let size = le32(pos + 4)
            if id == "fmt ", pos + 22 <= b.count { blockAlign = Int64(b[pos + 20]) | Int64(b[pos + 21]) << 8 }
            if id == "data" {
                guard let align = blockAlign, align > 0, size > 0, size != 0xFFFF_FFFF else { return nil }
                return size / align
            }
            pos += 8 + Int(size) + Int(size & 1)
        }
        return nil
    }
}
