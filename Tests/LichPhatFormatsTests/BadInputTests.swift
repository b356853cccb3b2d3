import Foundation
import Testing
import LichPhatCore
@testable import LichPhatFormats

/// Regression tests for the defects found by fuzzing (issue 11): each input here used to trap,
/// hang, pass silently or flood the terminal.
@Suite("Bad input: station files and play logs")
struct BadInputTests {
    func errors(_ text: String, lang: Language = .en) -> [ConfigError] {
        switch StationFileReader.parse(text, path: "x.yaml", lang: lang) {
        case .success: return []
        case let .failure(e): return e.errors
        }
    }

    let head = "station: {id: x, name: X}\n"

    @Test("Huge lengths, gaps and counts are errors with line, column and the allowed range")
    func hugeNumbers() {
        let cases: [(String, Int, String)] = [
            ("sessions:\n  - {id: s, start: \"06:00\", length: 1e16}\n", 3, "at most 24 hours"),
            ("sessions:\n  - {id: s, start: \"06:00\", length: 9223372036854775s}\n", 3, "at most 24 hours"),
            ("sessions:\n  - {id: s, start: \"06:00\", length: 25h}\n", 3, "at most 24 hours"),
            ("repeat_gap: 1e300\n", 2, "at most 168 hours"),
            ("repeat_gap: 169h\n", 2, "at most 168 hours"),
            ("items:\n  - {id: a, file: a.mp3, per_week: {min: 9223372036854775807}}\n", 3, "from 0 to 1000"),
            ("items:\n  - {id: a, file: a.mp3, per_week: {min: 1, max: 1001}}\n", 3, "from 0 to 1000"),
            ("items:\n  - {id: a, file: a.mp3, per_week: {min: -1}}\n", 3, "from 0 to 1000"),
            ("items:\n  - {id: a, relay: true, length: 1e16}\n", 3, "at most 24 hours"),
            ("items:\n  - {id: a, file: a.mp3, priority: 99999999999999999999}\n", 3, "from 0 to 100"),
        ]
        for (body, line, words) in cases {
            let e = errors(head + body)
            #expect(e.count == 1, "\(body): \(e.map(\.message))")
            #expect(e.first?.line == line, "\(body)")
            #expect(e.first?.column != nil, "\(body)")
            #expect(e.first?.message.contains(words) == true, "\(body): \(e.first?.message ?? "")")
        }
        // At the limits themselves all is well.
        #expect(errors(head + "sessions:\n  - {id: s, start: \"00:00\", length: 24h}\nrepeat_gap: 168h\n").isEmpty)
    }

    @Test("A station id is a plain name: “..”, “.” and slashes are refused")
    func plainIDs() {
        for id in ["..", ".", "a/b", ".hidden", "nam sach", String(repeating: "a", count: 65)] {
            let e = errors("station: {id: \"\(id)\", name: X}\n")
            #expect(e.count == 1 && e[0].message.contains("station.id"), "\(id)")
            #expect(e.first?.line == 1)
        }
        #expect(errors("station: {id: nam-sach_2, name: X}\n").isEmpty)
    }

    @Test("A missing start names the session's line")
    func missingStart() {
        let e = errors(head + "sessions:\n  - {id: s, length: 5m}\n", lang: .vi)
        #expect(e.count == 1)
        #expect(e[0].line == 3)
        #expect(e[0].message.contains("Thiếu giờ bắt đầu"))
    }

    @Test("A duplicated key quotes no context: one short line, where the second one is")
    func duplicateKey() {
        let big = head + "station: {id: y, name: Y}\n" + String(repeating: "# filler line of a long file\n", count: 20_000)
        for lang in Language.allCases {
            let e = errors(big, lang: lang)
            #expect(e.count == 1)
            #expect(e[0].line == 2)
            #expect(e[0].message.count < 300)
            #expect(e[0].message.contains("“station”"))
            #expect(!e[0].message.contains("filler"))
        }
    }

    @Test("YAML errors speak the operator's language and never name a C function")
    func yamlWording() {
        let deep = String(repeating: "[", count: 20_000)
        for text in [deep, "station: {id: x\n", "sessions:\n\t- {id: s}\n", "a: b: c\n"] {
            let vi = errors(text, lang: .vi)
            #expect(vi.count == 1)
            #expect(!vi[0].message.contains("yaml_"), "\(vi[0].message)")
            #expect(vi[0].message.count < 400)
            #expect(vi[0].message.unicodeScalars.contains { $0.value > 0x7F }, "Vietnamese: \(vi[0].message)")
        }
        #expect(errors("sessions:\n\t- {id: s}\n")[0].message.contains("tab"))
    }

    @Test("A station file in UTF-16 or with CR line endings reads as the UTF-8 one does")
    func encodings() throws {
        let text = head + "sessions:\n  - {id: s, start: \"06:00\", length: 15m}\n"
        let utf16 = [UInt8](text.data(using: .utf16)!)   // with its byte-order mark
        let cr = Array(text.replacingOccurrences(of: "\n", with: "\r").utf8)
        for bytes in [utf16, cr, [0xEF, 0xBB, 0xBF] + Array(text.utf8)] {
            let f = try StationFileReader.parse(bytes: bytes, path: "x.yaml", lang: .en).get()
            #expect(f.sessions.map(\.length) == [15 * 60_000])
        }
    }

    // MARK: Play logs

    let station = samplePlan().station
    var resolver: ItemResolver { ItemResolver(station: station, audioFolder: "/srv/radio/Audio") }
    let time = LogTime(timeZone: "Asia/Ho_Chi_Minh")
    let log = "start,item,played\n2026-11-23T06:00:00+07:00,nq57,200\n2026-11-23T17:00:00+07:00,cds,240\n"

    func read(_ bytes: [UInt8]) -> PlayLogReader.Result {
        PlayLogReader.read(bytes: bytes, name: "log.csv", resolver: resolver, time: time)
    }

    @Test("Empty, byte-order-mark-only and header-only logs are input errors, not zero airings")
    func emptyLogs() {
        #expect(read([]).unusable == .empty)
        #expect(read([0xEF, 0xBB, 0xBF]).unusable == .empty)
        #expect(read(Array("\n\n  \n".utf8)).unusable == .empty)
        #expect(read(Array("start,item\n".utf8)).unusable == .headerOnly)
        #expect(read(Array("when,what\n2026-11-23,x\n".utf8)).unusable == .missingColumns(found: ["when", "what"]))
        #expect(read([0x41, 0x00, 0x42, 0x00]).unusable == .notText)
        // Windows-1258 (Excel's "CSV" on Vietnamese Windows): "nhạc" is n h a 0xF2 c, not UTF-8.
        let cp1258 = Array("start,file\n2026-11-23T06:00:00+07:00,nha".utf8) + [0xF2] + Array("c/bai.mp3\n".utf8)
        #expect(read(cp1258).unusable == .notUTF8(line: 2))
        #expect(PlayLogReader.Unusable.notUTF8(line: 2).message(file: "log.csv", .vi).contains("Windows-1258") &&
                PlayLogReader.Unusable.notUTF8(line: 2).message(file: "log.csv", .vi).contains("CSV UTF-8"))
        for u in [PlayLogReader.Unusable.empty, .headerOnly, .notText, .missingColumns(found: ["a"]), .nothingReadable(lines: 3), .notUTF8(line: 2)] {
            #expect(u.message(file: "log.csv", .vi).hasPrefix("log.csv"))
            #expect(u.message(file: "log.csv", .vi) != u.message(file: "log.csv", .en))
        }
    }

    @Test("CR line endings and UTF-16 with a byte-order mark read like the UTF-8 log")
    func encodingsOfLogs() {
        let plain = read(Array(log.utf8))
        #expect(plain.records.count == 2 && plain.unusable == nil)
        let cr = read(Array(log.replacingOccurrences(of: "\n", with: "\r").utf8))
        let le = read([UInt8](log.data(using: .utf16LittleEndian)!).withBOM(le: true))
        let be = read([UInt8](log.data(using: .utf16BigEndian)!).withBOM(le: false))
        for r in [cr, le, be] {
            #expect(r.records.map(\.item) == plain.records.map(\.item))
            #expect(r.records.map(\.start) == plain.records.map(\.start))
            #expect(r.records.map(\.played) == plain.records.map(\.played))
        }
    }

    @Test("played of inf, Infinity, 1e400 or beyond a day is a bad line, never a trap")
    func hugePlayed() {
        for v in ["inf", "Infinity", "1e400", "9.3e15", "-1", "nan", "86401"] {
            let r = read(Array("start,item,played\n2026-11-23T06:00:00+07:00,nq57,\(v)\n2026-11-23T17:00:00+07:00,cds,240\n".utf8))
            #expect(r.records.count == 1, "\(v)")
            #expect(r.issues.first?.kind == .malformed, "\(v)")
            #expect(r.issues.first?.source?.line == 2, "\(v)")
        }
        let all = read(Array("start,item,played\n2026-11-23T06:00:00+07:00,nq57,inf\n".utf8))
        #expect(all.unusable == .nothingReadable(lines: 1))
    }
}

extension Array where Element == UInt8 {
    func withBOM(le: Bool) -> [UInt8] { (le ? [0xFF, 0xFE] : [0xFE, 0xFF]) + self }
}

@Suite("Bad input: what messages echo")
struct EchoTests {
    @Test("A control character in a station file is named, never echoed raw (found by the fuzz script)")
    func controlCharacters() {
        for junk in ["\u{0}", "\u{1B}[31m", "\u{7F}"] {
            let text = "station: {id: x, name: X}\nsessions:\n  - {id: s, start: \"06:00\", length: 5m, name: a\(junk)b}\n"
            for lang in Language.allCases {
                guard case let .failure(e) = StationFileReader.parse(text, path: "x.yaml", lang: lang) else { continue }
                for m in e.errors.map(\.message) {
                    #expect(!m.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "\(m)")
                }
            }
        }
        #expect(YAMLProblem.visible("a\u{0}b\u{1B}") == "aU+0000bU+001B")
    }

    @Test("A value the file writes with a YAML escape (an id, a key, a day) is echoed with its control characters named")
    func escapedValues() {
        let cases = [
            "station: {id: \"x\\e[31m\", name: X}\n",
            "station: {id: x, name: X}\nsessions:\n  - {id: \"s\\x07\", start: \"06:00\", length: 5m, days: [\"mon\\0\"]}\n",
            "station: {id: x, name: X}\n\"k\\e\": 1\n",
        ]
        for text in cases {
            for lang in Language.allCases {
                guard case let .failure(e) = StationFileReader.parse(text, path: "x.yaml", lang: lang) else {
                    Issue.record("accepted: \(text)"); continue
                }
                let all = e.errors.map(\.message).joined(separator: "\n")
                #expect(!all.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || $0.value == 0x7F }, "\(all)")
                #expect(all.contains("U+00"), "\(all)")
            }
        }
    }
}
