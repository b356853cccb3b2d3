import LichPhatCore
import Yams

/// The YAML library's complaints, reworded for an operator: where, and what to do, in the
/// operator's language; at most the offending line is quoted (never the whole file).
public enum YAMLProblem {
    static func describe(_ error: any Error, text: String, lang: Language) -> (line: Int?, column: Int?, message: String) {
        var line: Int?, column: Int?, problem = String(describing: error)
        if let e = error as? YamlError {
            switch e {
            case let .scanner(_, p, mark, _), let .parser(_, p, mark, _), let .composer(_, p, mark, _):
                (line, column, problem) = (mark.line, mark.column, p)
            case let .reader(p, offset, _, _):
                problem = p
                if let offset { line = text.utf8.prefix(offset).reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) } }
            default: break
            }
        }
        let first = String(problem.split(separator: "\n", maxSplits: 1).first ?? "")
        let vi = lang == .vi
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if first.contains("duplicated key") {
            // "… found the following duplicated key(s): 'station'." — find the second one.
            let key = first.split(separator: "'").dropFirst().first.map(String.init) ?? "?"
            let at = line ?? 1
            var hits: [Int] = []
            for (n, l) in lines.enumerated() where n + 1 >= at {
                let t = l.drop { $0 == " " || $0 == "-" || $0 == "{" }
                if t.hasPrefix(key + ":") || l.contains(", " + key + ":") || l.contains("{" + key + ":") { hits.append(n + 1) }
                if hits.count == 2 { break }
            }
            let second = hits.count == 2 ? hits[1] : at
            return (second, nil, vi ? "Khoá “\(key)” xuất hiện hai lần trong cùng một bảng (lần đầu ở dòng \(hits.first ?? at)). Hãy xoá hoặc gộp một trong hai."
                                    : "The key “\(key)” appears twice in one mapping (first at line \(hits.first ?? at)). Remove or merge one of them.")
        }
        if first.contains("nest") {
            return (line, column, vi ? "Các mục lồng nhau quá sâu; tệp trạm chỉ cần vài cấp (station, sessions, items, rules)."
                                     : "Nested too deeply; a station file needs only a few levels (station, sessions, items, rules).")
        }
        if first.contains("found character that cannot start any token"), let line, line >= 1, line <= lines.count,
           lines[line - 1].contains("\t") {
            return (line, column, vi ? "Dòng này thụt đầu dòng bằng phím Tab; YAML chỉ nhận dấu cách. Hãy thay Tab bằng dấu cách."
                                     : "This line is indented with a tab; YAML takes spaces only. Replace the tab with spaces.")
        }
        if first.contains("control characters") {
            return (line, column, vi ? "Dòng này có ký tự điều khiển (không in được, ví dụ NUL); hãy xoá nó hoặc gõ lại dòng."
                                     : "This line holds a control character (unprintable, e.g. NUL); delete it or type the line again.")
        }
        if first.contains("invalid") && (first.contains("UTF") || first.contains("utf") || first.contains("character")) {
            return (line, column, vi ? "Tệp có ký tự không đọc được (không phải UTF-8). Hãy lưu lại tệp với mã UTF-8."
                                     : "The file holds characters that cannot be read (not UTF-8). Save it again as UTF-8.")
        }
        var quoted = ""
        if let line, line >= 1, line <= lines.count {
            let l = lines[line - 1]
            quoted = " — “" + visible(l.count > 120 ? String(l.prefix(120)) + "…" : String(l)) + "”"
        }
        return (line, column, (vi ? "YAML không hợp lệ ở đây; hãy kiểm tra dấu hai chấm, ngoặc và thụt đầu dòng (chi tiết: " : "Invalid YAML here; check colons, brackets and indentation (detail: ")
                + visible(String(first.prefix(200))) + ")" + quoted)
    }

    /// `text` with control characters shown as U+XXXX, so a message never carries a NUL or an
    /// escape sequence to the terminal.
    public static func visible(_ text: String) -> String {
        var out = ""
        for u in text.unicodeScalars {
            if u.value < 0x20 && u != "\t" || u.value == 0x7F || (0x80..<0xA0).contains(u.value) {
                out += "U+" + String(u.value, radix: 16, uppercase: true).leftPadded(4)
            } else {
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}

extension String {
    func leftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}
