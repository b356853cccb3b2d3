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
