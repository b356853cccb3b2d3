/// RFC 4180 CSV for Excel: BOM, CRLF, quotes where needed.
public enum CSV {
    public static func document(_ rows: [[String]]) -> String {
        "\u{FEFF}" + rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func field(_ s: String) -> String {
        let needsQuotes = s.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            || s.utf8.first == 0x20 || s.utf8.last == 0x20
        return needsQuotes ? "\"" + substituting(s, [0x22: "\"\""]) + "\"" : s
    }
}
