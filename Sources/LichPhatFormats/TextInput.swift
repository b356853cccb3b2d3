import Foundation

/// Bytes an operator hands over (a station file, a play log), turned into text the way a
/// spreadsheet or editor would have meant it: UTF-8 with or without a byte-order mark, or
/// UTF-16 with its mark (as Excel's "Unicode text" writes). Old-Mac CR line endings become LF.
public enum TextInput {
    public enum Encoding: Sendable, Equatable { case utf8, utf16LE, utf16BE }

    /// The encoding the bytes announce by their byte-order mark (UTF-8 when they announce none).
    public static func encoding(of bytes: [UInt8]) -> Encoding {
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE { return .utf16LE }
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF { return .utf16BE }
        return .utf8
    }

    /// UTF-8 bytes without a byte-order mark, with CRLF and lone CR line endings as LF.
    public static func utf8(_ bytes: [UInt8]) -> [UInt8] {
        var units: [UInt8]
        switch encoding(of: bytes) {
        case .utf8:
            units = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        case .utf16LE, .utf16BE:
            let le = encoding(of: bytes) == .utf16LE
            var code: [UInt16] = []
            code.reserveCapacity(bytes.count / 2)
            var i = 2
            while i + 1 < bytes.count {
                code.append(le ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]))
                i += 2
            }
            units = Array(String(decoding: code, as: UTF16.self).utf8)
        }
        guard units.contains(0x0D) else { return units }
        var out: [UInt8] = []
        out.reserveCapacity(units.count)
        var k = 0
        while k < units.count {
            if units[k] == 0x0D {
                out.append(0x0A)
                if k + 1 < units.count, units[k + 1] == 0x0A { k += 1 }
            } else {
                out.append(units[k])
            }
            k += 1
        }
        return out
    }

    public static func text(_ bytes: [UInt8]) -> String { String(decoding: utf8(bytes), as: UTF8.self) }

    /// The first line (1-based) holding bytes that are not UTF-8; nil when all of it is.
    public static func firstLineNotUTF8(_ bytes: [UInt8]) -> Int? {
        var line = 1, start = 0
        for i in 0...bytes.count {
            guard i == bytes.count || bytes[i] == 0x0A else { continue }
            if String(validating: bytes[start..<i], as: UTF8.self) == nil { return line }
            line += 1
            start = i + 1
        }
        return nil
    }
}
