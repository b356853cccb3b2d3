import Foundation
import Testing
import LichPhatCore
@testable import LichPhatFormats

@Suite("Station file: whole entries added, replaced and removed in its own text")
struct StationFileEntryEditTests {
    let text = """
    # Đài xã Thử
    station: {id: xa, name: "Đài xã Thử"}
    sessions:
      - {id: sang, name: "Buổi sáng", days: daily, start: "06:00", length: 30m, open: [nhac-hieu]}
    items:
      - {id: nhac-hieu, title: "Nhạc hiệu", file: nhac-hieu.mp3}   # giữ nguyên
      # Thông báo của UBND
      - id: tb
        title: "Thông báo"
        # bản cũ
        file: tb.mp3
      - {folder: tin/, tags: [tin]}

    rules:
      - {id: nq57, name: "NQ57", tags: [nq57], per_week: {min: 1, max: 2}}
    fill: [tin]
    """

    func marks(_ t: String) throws -> [String: (line: Int, column: Int)] {
        switch StationFileReader.parse(t, path: "xa.yaml", lang: .en) {
        case .success(let f): return f.marks
        case .failure(let e): Issue.record("\(e.errors)"); throw e
        }
    }

    @Test("A new entry goes after the list's last entry, at its indentation; every other line is as it was")
    func add() throws {
        let entry = [StationFileEdit.Pair("id", .plain("tb-dien")), .init("title", .quoted("Lịch cắt điện \"thứ Bảy\" # 2")),
                     .init("file", .quoted("thong-bao/lịch cắt điện.ogg")), .init("days", .list([.plain("wed"), .plain("thu")])),
                     .init("per_week", .map([.init("min", .plain("2")), .init("max", .plain("3"))]))]
        let out = try StationFileEdit.put(text, block: "items", replacing: nil, marks: marks(text), entry: entry).get()
        var lines = text.components(separatedBy: "\n")
        let added = StationFileEdit.entryLines(entry, indent: 2)
        lines.insert(contentsOf: added, at: 12)
        #expect(out == lines.joined(separator: "\n"))
        guard case .success(let f) = StationFileReader.parse(out, path: "xa.yaml", lang: .en) else { Issue.record("does not read"); return }
        guard case .item(let i, _)? = f.items.first(where: { if case .item(let i, _) = $0 { i.id == "tb-dien" } else { false } }) else { Issue.record("no item"); return }
        #expect(i.title == "Lịch cắt điện \"thứ Bảy\" # 2" && i.file == "thong-bao/lịch cắt điện.ogg" && i.days == [.wed, .thu] && i.perWeek == Quota(min: 2, max: 3))
        // A long entry is broken after a comma, continuation lines under its first key.
        #expect(added.count == 2 && added.allSatisfy { $0.count <= 100 } && added[1].hasPrefix("     "), "\(added)")
    }

    @Test("A value cannot become YAML syntax: quotes, backslashes, newlines, a plain value with a colon are quoted and read back as given")
    func quoting() throws {
        for title in ["a\"b", "c\\d", "line\nbreak", "x: y", "#no", "tab\there", "\u{7}bell", "[list]", "{map}"] {
            let entry = [StationFileEdit.Pair("id", .plain("q")), .init("title", .quoted(title)), .init("file", .plain("a: b"))]
            let out = try StationFileEdit.put(text, block: "items", replacing: nil, marks: marks(text), entry: entry).get()
            guard case .success(let f) = StationFileReader.parse(out, path: "xa.yaml", lang: .en),
                  case .item(let i, _)? = f.items.first(where: { if case .item(let i, _) = $0 { i.id == "q" } else { false } }) else {
                Issue.record("“\(title)” did not read back"); continue
            }
            #expect(i.title == title && i.file == "a: b")
        }
    }

    @Test("Replacing an entry keeps the comments inside it (above it) and after its last line; block style becomes flow style")
    func replace() throws {
        let entry = [StationFileEdit.Pair("id", .plain("tb")), .init("title", .quoted("Thông báo mới")), .init("file", .quoted("tb2.mp3"))]
        let out = try StationFileEdit.put(text, block: "items", replacing: "item:tb", marks: marks(text), entry: entry).get()
        #expect(out == text.replacingOccurrences(of: "  - id: tb\n    title: \"Thông báo\"\n    # bản cũ\n    file: tb.mp3\n",
                                                 with: "    # bản cũ\n  - {id: tb, title: \"Thông báo mới\", file: \"tb2.mp3\"}\n"))
        let kept = try StationFileEdit.put(text, block: "items", replacing: "item:nhac-hieu", marks: marks(text),
                                           entry: [.init("id", .plain("nhac-hieu")), .init("title", .quoted("Nhạc hiệu đài")), .init("file", .quoted("nhac-hieu.mp3"))]).get()
        #expect(kept.contains("  - {id: nhac-hieu, title: \"Nhạc hiệu đài\", file: \"nhac-hieu.mp3\"}  # giữ nguyên\n  # Thông báo của UBND\n"))
    }

    @Test("Removing an entry takes its lines only: the comment before the next entry stays; an emptied list is written []")
    func remove() throws {
        let out = try StationFileEdit.remove(text, block: "items", key: "item:nhac-hieu", marks: marks(text)).get()
        #expect(out == text.replacingOccurrences(of: "  - {id: nhac-hieu, title: \"Nhạc hiệu\", file: nhac-hieu.mp3}   # giữ nguyên\n", with: ""))
        let noRules = try StationFileEdit.remove(text, block: "rules", key: "rule:nq57", marks: marks(text)).get()
        #expect(noRules.contains("rules: []\nfill: [tin]"))
        guard case .success(let f) = StationFileReader.parse(noRules, path: "xa.yaml", lang: .en) else { Issue.record("does not read"); return }
        #expect(f.rules.isEmpty)
        // Adding to it again reopens the list.
        let again = try StationFileEdit.put(noRules, block: "rules", replacing: nil, marks: marks(noRules),
                                            entry: [.init("id", .plain("cds")), .init("name", .quoted("CĐS")), .init("tags", .list([.plain("cds")])),
                                                    .init("per_week", .map([.init("min", .plain("1"))]))]).get()
        #expect(again.contains("rules:\n  - {id: cds, name: \"CĐS\", tags: [cds], per_week: {min: 1}}\nfill: [tin]"))
        // A list the file does not have yet is added at its end.
        let noSessions = text.replacingOccurrences(of: "sessions:\n  - {id: sang, name: \"Buổi sáng\", days: daily, start: \"06:00\", length: 30m, open: [nhac-hieu]}\n", with: "")
        let added = try StationFileEdit.put(noSessions, block: "sessions", replacing: nil, marks: [:], entry: [.init("id", .plain("toi"))]).get()
        #expect(added.hasSuffix("fill: [tin]\n\nsessions:\n  - {id: toi}\n"))
    }

    @Test("An entry written inside a one-line list, or not at a line of its own, is not changed: the operator edits the file")
    func unusual() throws {
        let oneLine = text.replacingOccurrences(of: "rules:\n  - {id: nq57, name: \"NQ57\", tags: [nq57], per_week: {min: 1, max: 2}}",
                                                with: "rules: [{id: nq57, name: \"NQ57\", tags: [nq57], per_week: {min: 1, max: 2}}]")
        let m = try marks(oneLine)
        #expect(throws: StationFileEdit.FailedEdit.self) { try StationFileEdit.remove(oneLine, block: "rules", key: "rule:nq57", marks: m).get() }
        #expect(throws: StationFileEdit.FailedEdit.self) { try StationFileEdit.put(oneLine, block: "rules", replacing: nil, marks: m, entry: [.init("id", .plain("x"))]).get() }
        #expect(throws: StationFileEdit.FailedEdit.self) { try StationFileEdit.remove(text, block: "rules", key: "rule:none", marks: marks(text)).get() }
    }

    @Test("A file with Windows line ends: entries added and removed, the line ends kept")
    func crlf() throws {
        let windows = text.replacingOccurrences(of: "\n", with: "\r\n")
        let added = try StationFileEdit.put(windows, block: "rules", replacing: nil, marks: marks(windows),
                                            entry: [.init("id", .plain("cds")), .init("name", .quoted("CĐS")), .init("tags", .list([.plain("cds")])),
                                                    .init("per_week", .map([.init("min", .plain("1"))]))]).get()
        #expect(added.contains("\r\n  - {id: cds, name: \"CĐS\", tags: [cds], per_week: {min: 1}}\r\nfill: [tin]") && !added.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        let removed = try StationFileEdit.remove(windows, block: "rules", key: "rule:nq57", marks: marks(windows)).get()
        #expect(removed.contains("rules: []\r\nfill: [tin]"))
    }
}

