import Foundation

/// Small edits made in the station file's own text, so its comments, order and style stay as
/// the operator wrote them: a rule's weekly minimum and maximum, a session's start and length.
/// Each edit is made inside the entry the reader marked (its line) and nowhere else.
public enum StationFileEdit {
    public struct RuleQuota: Sendable, Equatable { public var min: Int; public var max: Int?; public init(min: Int, max: Int?) { self.min = min; self.max = max } }
    public struct SessionTime: Sendable, Equatable { public var start: String; public var length: String; public init(start: String, length: String) { self.start = start; self.length = length } }

    /// The text with the edits made; nil (with the id) when an entry is not written in a way
    /// this can change (the operator then edits the file itself).
    public static func apply(_ text: String, marks: [String: (line: Int, column: Int)],
                             rules: [String: RuleQuota], sessions: [String: SessionTime],
                             items: [String: RuleQuota] = [:], titles: [String: String] = [:], fill: [String]? = nil) -> Result<String, FailedEdit> {
        var lines = text.components(separatedBy: "\n")
        func span(_ key: String) -> Range<Int>? {
            guard let line = marks[key]?.line, line >= 1, line <= lines.count else { return nil }
            let first = line - 1
            let indent = lines[first].prefix { $0 == " " }.count
            var end = first + 1
            while end < lines.count {
                let l = lines[end]
                let trimmed = l.drop { $0 == " " }
                let here = l.count - trimmed.count
                if !trimmed.isEmpty, !trimmed.hasPrefix("#"), here <= indent, trimmed.hasPrefix("-") || here == 0 { break }
                end += 1
            }
            return first..<end
        }
        /// Replaces the value after `key:` (the first one in the span after `after`), keeping the rest.
        func replace(_ key: String, with value: String, in range: Range<Int>, after: String? = nil) -> Bool {
            var seenAfter = after == nil
            for i in range {
                var l = lines[i]
                var from = l.startIndex
                if !seenAfter, let a = l.range(of: after! + ":") { seenAfter = true; from = a.upperBound }
                guard seenAfter, let k = l.range(of: key + ":", range: from..<l.endIndex) else { continue }
                // The value runs to the next "," or "}" (flow style) or the line's end / a comment.
                var v = k.upperBound
                while v < l.endIndex, l[v] == " " { v = l.index(after: v) }
                var e = v
                var quoted = false
                if e < l.endIndex, l[e] == "\"" { quoted = true; e = l.index(after: e); while e < l.endIndex, l[e] != "\"" { e = l.index(after: e) }; if e < l.endIndex { e = l.index(after: e) } }
                if !quoted { while e < l.endIndex, !",}#".contains(l[e]) { e = l.index(after: e) } }
                // Keep the spaces before a comment or the end.
                while e > v, l[l.index(before: e)] == " " { e = l.index(before: e) }
                l.replaceSubrange(v..<e, with: value)
                lines[i] = l
                return true
            }
            return false
        }
        for (id, q) in rules.sorted(by: { $0.key < $1.key }) {
            guard let range = span("rule:" + id), replace("min", with: String(q.min), in: range, after: "per_week") else { return .failure(FailedEdit(id: id)) }
            if let max = q.max {
                guard replace("max", with: String(max), in: range, after: "per_week") else { return .failure(FailedEdit(id: id)) }
            }
        }
        for (id, t) in sessions.sorted(by: { $0.key < $1.key }) {
            guard let range = span("session:" + id), replace("start", with: "\"\(t.start)\"", in: range),
                  replace("length", with: t.length, in: range) else { return .failure(FailedEdit(id: id)) }
        }
        // An item's own weekly quota (where it has one) and its title.
        for (id, q) in items.sorted(by: { $0.key < $1.key }) {
            guard let range = span("item:" + id), replace("min", with: String(q.min), in: range, after: "per_week") else { return .failure(FailedEdit(id: id)) }
            if let max = q.max {
                guard replace("max", with: String(max), in: range, after: "per_week") else { return .failure(FailedEdit(id: id)) }
            }
        }
        for (id, title) in titles.sorted(by: { $0.key < $1.key }) {
            let quoted = "\"" + title.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
            guard let range = span("item:" + id), replace("title", with: quoted, in: range) else { return .failure(FailedEdit(id: id)) }
        }
        // fill: [a, b] on its own top-level line.
        if let fill {
            guard let i = lines.firstIndex(where: { $0.hasPrefix("fill:") }) else { return .failure(FailedEdit(id: "fill")) }
            let comment = lines[i].range(of: " #").map { String(lines[i][$0.lowerBound...]) } ?? ""
            lines[i] = "fill: [" + fill.joined(separator: ", ") + "]" + comment
        }
        return .success(lines.joined(separator: "\n"))
    }

    public struct FailedEdit: Error, Sendable, Equatable { public var id: String }
}

/// Whole entries of a station file's lists (`sessions:`, `items:`, `rules:`) added, replaced
/// and removed in the file's own text: every other line (comments, order, style) stays as it
/// was written. An entry is written in flow style on as few lines as read well, as the shipped
/// files are. An entry the reader did not mark at a line of its own (a whole list on one line,
/// a `-` alone on its line) is not changed here: the operator edits the file itself.
extension StationFileEdit {
    /// A value as written into a station file.
    public indirect enum Value: Sendable {
        /// Written as it is: ids, numbers, dates, lengths, `true`. Anything but a-z, 0-9, `-`,
        /// `_`, `.` is quoted instead, so a value can never become YAML syntax.
        case plain(String)
        /// Always in double quotes: titles, names, paths, times.
        case quoted(String)
        case list([Value])
        case map([Pair])

        public var written: String {
            switch self {
            case .plain(let s):
                let safe = !s.isEmpty && s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0) }
                return safe ? s : Value.quoted(s).written
            case .quoted(let s):
                var out = "\""
                for u in s.unicodeScalars {
                    switch u {
                    case "\\": out += "\\\\"
                    case "\"": out += "\\\""
                    case "\n": out += "\\n"
                    case "\t": out += "\\t"
                    default:
                        if u.value < 0x20 || u.value == 0x7F || (0x80...0x9F).contains(u.value) || u.value == 0x2028 || u.value == 0x2029 || u.value == 0xFEFF {
                            out += String(format: "\\u%04X", u.value)
                        } else { out.unicodeScalars.append(u) }
                    }
                }
                return out + "\""
            case .list(let values): return "[" + values.map(\.written).joined(separator: ", ") + "]"
            case .map(let pairs): return "{" + pairs.map { $0.key + ": " + $0.value.written }.joined(separator: ", ") + "}"
            }
        }
    }

    public struct Pair: Sendable {
        public var key: String
        public var value: Value
        public init(_ key: String, _ value: Value) { self.key = key; self.value = value }
    }

    /// The lines of one list entry: `- {key: value, …}`, broken after a comma before column 100,
    /// continuation lines under the first key.
    public static func entryLines(_ pairs: [Pair], indent: Int) -> [String] {
        let lead = String(repeating: " ", count: indent)
        var lines: [String] = []
        var line = lead + "- {"
        for (n, pair) in pairs.enumerated() {
            let part = pair.key + ": " + pair.value.written + (n == pairs.count - 1 ? "}" : ",")
            if n > 0, line.count + 1 + part.count > 100 {
                lines.append(line)
                line = String(repeating: " ", count: indent + 3) + part
            } else {
                line += (n > 0 ? " " : "") + part
            }
        }
        if pairs.isEmpty { line += "}" }
        lines.append(line)
        return lines
    }

    /// Adds the entry at the end of the list `block` (`items`, …), or, with `replacing` (a mark
    /// key such as `item:tb-dien`), puts it where that entry was: comment lines inside the old
    /// entry are kept above it, a comment after its last line stays after the new one.
    public static func put(_ text: String, block: String, replacing key: String?, marks: [String: (line: Int, column: Int)],
                           entry: [Pair]) -> Result<String, FailedEdit> {
        // A file with Windows line ends is edited as lines and written back with them.
        if text.contains("\r\n") {
            return put(text.replacingOccurrences(of: "\r\n", with: "\n"), block: block, replacing: key, marks: marks, entry: entry)
                .map { $0.replacingOccurrences(of: "\n", with: "\r\n") }
        }
        var lines = text.components(separatedBy: "\n")
        let failed = FailedEdit(id: key ?? block)
        if let key {
            guard let range = entrySpan(lines, marks[key]?.line) else { return .failure(failed) }
            let indent = lines[range.lowerBound].prefix { $0 == " " }.count
            var kept: [String] = [], trailing: String?
            for i in range {
                let trimmed = lines[i].drop { $0 == " " }
                if trimmed.hasPrefix("#") { kept.append(lines[i]); continue }
                if let c = comment(in: lines[i]) { trailing = c }
            }
            var new = entryLines(entry, indent: indent)
            if let trailing { new[new.count - 1] += "  " + trailing }
            lines.replaceSubrange(range, with: kept + new)
            return .success(lines.joined(separator: "\n"))
        }
        // A new entry: after the list's last entry, at its entries' indentation.
        guard let head = lines.firstIndex(where: { topKey($0) == block }) else {
            // No such list yet: it is added at the end of the file.
            while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
            lines += ["", block + ":"] + entryLines(entry, indent: 2) + [""]
            return .success(lines.joined(separator: "\n"))
        }
        let afterKey = valueText(lines[head], key: block)
        if afterKey == "[]" {
            lines[head] = block + ":" + (comment(in: lines[head]).map { "  " + $0 } ?? "")
        } else if !afterKey.isEmpty {
            return .failure(failed)   // the list is written on the key's line
        }
        var last = head, indent: Int?
        var i = head + 1
        while i < lines.count {
            let l = lines[i], trimmed = l.drop { $0 == " " }
            let here = l.count - trimmed.count
            if trimmed.isEmpty || trimmed.hasPrefix("#") { i += 1; continue }
            if here == 0 && !trimmed.hasPrefix("-") { break }
            if trimmed.hasPrefix("-"), indent == nil { indent = here }
            last = i
            i += 1
        }
        lines.insert(contentsOf: entryLines(entry, indent: indent ?? 2), at: last + 1)
        return .success(lines.joined(separator: "\n"))
    }

    /// Removes the entry (a mark key such as `rule:cds`) with its lines and the comments inside
    /// it; comments before and after it stay. An emptied list is written `key: []`.
    public static func remove(_ text: String, block: String, key: String, marks: [String: (line: Int, column: Int)]) -> Result<String, FailedEdit> {
        if text.contains("\r\n") {
            return remove(text.replacingOccurrences(of: "\r\n", with: "\n"), block: block, key: key, marks: marks)
                .map { $0.replacingOccurrences(of: "\n", with: "\r\n") }
        }
        var lines = text.components(separatedBy: "\n")
        guard let range = entrySpan(lines, marks[key]?.line) else { return .failure(FailedEdit(id: key)) }
        lines.removeSubrange(range)
        if let head = lines.firstIndex(where: { topKey($0) == block }), valueText(lines[head], key: block).isEmpty {
            var i = head + 1, entries = false
            while i < lines.count {
                let l = lines[i], trimmed = l.drop { $0 == " " }
                if !trimmed.isEmpty, !trimmed.hasPrefix("#") {
                    if l.count - trimmed.count == 0 && !trimmed.hasPrefix("-") { break }
                    entries = true; break
                }
                i += 1
            }
            if !entries { lines[head] = block + ": []" + (comment(in: lines[head]).map { "  " + $0 } ?? "") }
        }
        return .success(lines.joined(separator: "\n"))
    }

    /// The lines of the list entry that starts at `line` (1-based): its `-` line and every line
    /// under it, without the blank and comment lines that follow it. Nil unless the line starts
    /// with `-` (the entry has its lines to itself).
    static func entrySpan(_ lines: [String], _ line: Int?) -> Range<Int>? {
        guard let line, line >= 1, line <= lines.count else { return nil }
        let first = line - 1
        let start = lines[first].drop { $0 == " " }
        guard start.hasPrefix("-") else { return nil }
        let indent = lines[first].count - start.count
        var end = first + 1, lastContent = first
        while end < lines.count {
            let l = lines[end], trimmed = l.drop { $0 == " " }
            let here = l.count - trimmed.count
            if !trimmed.isEmpty, !trimmed.hasPrefix("#") {
                if here <= indent && (trimmed.hasPrefix("-") || here == 0) { break }
                lastContent = end
            }
            end += 1
        }
        return first..<(lastContent + 1)
    }

    /// `items` for a line `items:` or `items: []  # …` at the left margin.
    static func topKey(_ line: String) -> String? {
        guard let first = line.first, first != " ", first != "#", first != "-", let colon = line.firstIndex(of: ":") else { return nil }
        let key = String(line[..<colon])
        return key.contains(" ") ? nil : key
    }

    /// What follows `key:` on its line, without a comment.
    static func valueText(_ line: String, key: String) -> String {
        var rest = String(line.dropFirst(key.count + 1))
        if let c = rest.range(of: " #") ?? (rest.hasPrefix("#") ? rest.range(of: "#") : nil) { rest = String(rest[..<c.lowerBound]) }
        return rest.trimmingCharacters(in: .whitespaces)
    }

    /// A comment at the end of a line (`  # …`), outside quotes.
    static func comment(in line: String) -> String? {
        var inQuote: Character?
        var previous: Character = " "
        for (offset, c) in line.enumerated() {
            if let q = inQuote {
                if c == q && previous != "\\" { inQuote = nil }
            } else if c == "\"" || c == "'" {
                inQuote = c
            } else if c == "#", previous == " " || previous == "\t" {
                return String(line.dropFirst(offset))
            }
            previous = c
        }
        return nil
    }
}
