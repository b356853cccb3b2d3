/// `s` without leading and trailing spaces and tabs (no Foundation: this runs per field of every line).
func trimmed(_ s: String) -> String {
    let u = s.utf8
    guard let f = u.first, let l = u.last, f == 0x20 || f == 0x09 || l == 0x20 || l == 0x09 else { return s }
    return String(s.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
}

/// Two digits: `6` → `06`.
func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
