/// Replaces ASCII bytes by strings (escaping for CSV, iCalendar, HTML): a single pass over
/// UTF-8, and no copy at all when nothing needs replacing.
func substituting(_ s: String, _ table: [UInt8: String]) -> String {
    guard s.utf8.contains(where: { table[$0] != nil }) else { return s }
    var out: [UInt8] = []
    out.reserveCapacity(s.utf8.count + 16)
    for b in s.utf8 {
        if let r = table[b] { out.append(contentsOf: r.utf8) } else { out.append(b) }
    }
    return String(decoding: out, as: UTF8.self)
}

/// `&`, `<`, `>`, `"` as HTML writes them.
let htmlEscapeTable: [UInt8: String] = [UInt8(ascii: "&"): "&amp;", UInt8(ascii: "<"): "&lt;", UInt8(ascii: ">"): "&gt;", UInt8(ascii: "\""): "&quot;"]

/// Text made safe inside HTML (`&`, `<`, `>`, `"`).
public func htmlEscaped(_ s: String) -> String { substituting(s, htmlEscapeTable) }
