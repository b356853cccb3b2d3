/// Columns padded by the width people see (combining marks take no space).
public enum TextTable {
    public static func render(header: [String], rows: [[String]], notes: [Int: [String]] = [:]) -> String {
        var widths = header.map(width)
        for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], width(c)) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in c + String(repeating: " ", count: widths[i] - width(c)) }
                .joined(separator: "  ").trimmingTrailingSpaces()
        }
        var out = line(header) + "\n" + widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
        for (i, r) in rows.enumerated() {
            out += line(r) + "\n"
            for n in notes[i] ?? [] { out += n + "\n" }
        }
        return out
    }

    /// Terminal columns: one per grapheme cluster (Vietnamese marks combine).
    public static func width(_ s: String) -> Int { s.count }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
