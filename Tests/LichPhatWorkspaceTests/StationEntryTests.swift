import Foundation
import Testing
import LichPhatCore
import LichPhatText
import LichPhatFormats
import LichPhatWorkspace
import TestSupport

@Suite("Workspace: station entries from fields")
struct StationEntryTests {
    func station() -> Station {
        Station(audio: ["nhac-hieu.wav": 2, "thong-bao/hop dan.wav": 3, "tin/tin 1.wav": 2],
                items: "  - {id: nhac-hieu, title: \"Nhạc hiệu\", file: nhac-hieu.wav}   # mở đầu\n  - {folder: tin/, tags: [tin]}",
                rules: "  - {id: tin, name: \"Tin\", tags: [tin], per_week: {min: 1}}", extra: "fill: [tin]")
    }
    func base(_ s: Station) throws -> String { try workspace.stationSource(workspace.loadStation(s.path)).sha256 }

    @Test("An item added from fields is written into the file (comments kept), reads back as given, and the previous version is kept")
    func addItem() throws {
        let s = station(); defer { s.fx.remove() }
        let loaded = try workspace.loadStation(s.path)
        let before = try String(contentsOfFile: s.path, encoding: .utf8)
        var x = workspace.itemDraft(loaded, file: "thong-bao/hop dan.wav")
        // Wed 2026-11-18 in Hà Nội: this week runs to Sunday the 22nd.
        #expect(x.id == "hop-dan" && x.title == "Hop dan" && x.tags == ["thong-bao"] && x.from == "2026-11-18" && x.until == "2026-11-22" && x.perWeekMin == "3")
        x.title = "Họp dân \"khu 3\""
        x.days = ["mon", "tue", "wed", "thu", "fri"]
        x.sessions = ["sang"]
        let after = try workspace.putEntry(loaded, .item(x), replacing: nil, base: try base(s))
        let item = try #require(after.station.item("hop-dan"))
        #expect(item.title == "Họp dân \"khu 3\"" && item.file == "thong-bao/hop dan.wav" && item.tags == ["thong-bao"]
                && item.from == CivilDate("2026-11-18") && item.until == CivilDate("2026-11-22") && item.days == [.mon, .tue, .wed, .thu, .fri]
                && item.sessions == ["sang"] && item.perWeek == Quota(min: 3, max: nil) && item.length != nil)
        let text = try String(contentsOfFile: s.path, encoding: .utf8)
        #expect(text.contains("# mở đầu") && text.contains("days: weekdays") && text.hasPrefix(before.components(separatedBy: "  - {folder: tin/")[0]))
        #expect(try FileManager.default.contentsOfDirectory(atPath: s.fx.path("Schedules/.history")).count == 1)
        // The draft now takes the next free id.
        #expect(workspace.itemDraft(after, file: "thong-bao/hop dan.wav").id == "hop-dan-2")
    }

    @Test("Each field's refusal names the field and says why; nothing is written")
    func refusals() throws {
        let s = station(); defer { s.fx.remove() }
        let loaded = try workspace.loadStation(s.path)
        let before = try String(contentsOfFile: s.path, encoding: .utf8)
        let b = try base(s)
        let good = workspace.itemDraft(loaded, file: "thong-bao/hop dan.wav")
        func refused(_ change: (inout ItemFields) -> Void) -> (String, FieldProblem)? {
            var x = good
            change(&x)
            do { _ = try workspace.putEntry(loaded, .item(x), replacing: nil, base: b); return nil } catch {
                if case let .badField(_, field, problem) = error { return (field, problem) }
                Issue.record("not a field's refusal: \(error)"); return nil
            }
        }
        #expect(refused { $0.id = "Họp Dân" }! == ("id", .badID))
        #expect(refused { $0.id = "nhac-hieu" }! == ("id", .idTaken))
        #expect(refused { $0.title = "  " }! == ("title", .badText(max: 200)))
        #expect(refused { $0.file = "../Schedules/xa.yaml" }! == ("file", .noSuchFile))
        #expect(refused { $0.file = "/etc/passwd" }! == ("file", .noSuchFile))
        #expect(refused { $0.file = "tin/tin 1.wav" }! == ("file", .fileInFolder(item: "tin-1", folder: "tin/")))
        #expect(refused { $0.from = "2026-02-30" }! == ("from", .badDate))
        #expect(refused { $0.until = "2026-11-01" }! == ("until", .untilBeforeFrom))
        #expect(refused { $0.days = ["mon", "funday"] }! == ("days", .badDay("funday")))
        #expect(refused { $0.sessions = ["toi"] }! == ("sessions", .unknownSession("toi")))
        #expect(refused { $0.perWeekMin = "ba" }! == ("per_week.min", .badNumber(0...1000)))
        #expect(refused { $0.perWeekMin = "3"; $0.perWeekMax = "2" }! == ("per_week.max", .maxBelowMin))
        #expect(refused { $0.priority = "101" }! == ("priority", .badNumber(0...100)))
        #expect(refused { $0.relay = true; $0.length = "" }! == ("length", .required))
        #expect(refused { $0.relay = true; $0.length = "25h" }! == ("length", .badLength(maxHours: 24)))
        #expect(refused { $0.relay = true; $0.length = "5m"; $0.url = "file:///etc/passwd" }! == ("url", .badURL))
        #expect(refused { $0.tags = ["thong bao"] }! == ("tags", .badID))
        #expect(try String(contentsOfFile: s.path, encoding: .utf8) == before)
        // The message says which item, which field, what to do.
        var x = good; x.perWeekMin = "ba"
        do { _ = try workspace.putEntry(loaded, .item(x), replacing: nil, base: b) } catch {
            let line = WorkspaceMessages.lines(error, .vi, front: .web).joined()
            #expect(line.contains("Mục “hop-dan”, ô “Tối thiểu mỗi tuần”: cần một số nguyên từ 0 đến 1000") && error.kind == .input && error.code == "bad-field")
        }
        // A stale base: the file changed since the form was drawn.
        #expect(throws: WorkspaceError.self) { try workspace.putEntry(loaded, .item(good), replacing: nil, base: "0" + b.dropFirst()) }
    }

    @Test("Sessions and rules: added, replaced (the id kept), removed; a session or item other entries name is not removed")
    func sessionsAndRules() throws {
        let s = station(); defer { s.fx.remove() }
        var loaded = try workspace.loadStation(s.path)
        var session = SessionFields()
        session.id = "chieu"; session.name = "Buổi chiều"; session.days = ["weekdays"]; session.start = "17:00"; session.length = "20m"; session.open = ["nhac-hieu"]
        loaded = try workspace.putEntry(loaded, .session(session), replacing: nil, base: try base(s))
        #expect(loaded.station.sessions.map(\.id) == ["sang", "chieu"] && loaded.station.sessions[1].open == ["nhac-hieu"]
                && loaded.station.sessions[1].days == [.mon, .tue, .wed, .thu, .fri] && loaded.station.sessions[1].start == 17 * 3_600_000)
        session.start = "23:50"
        #expect { try workspace.putEntry(loaded, .session(session), replacing: "chieu", base: try base(s)) } throws: { e in
            if case .badField(_, "length", .pastMidnight)? = e as? WorkspaceError { true } else { false }
        }
        session.start = "7:5"
        #expect { try workspace.putEntry(loaded, .session(session), replacing: "chieu", base: try base(s)) } throws: { e in
            if case .badField(_, "start", .badTime)? = e as? WorkspaceError { true } else { false }
        }
        var rule = RuleFields()
        rule.id = "cds"; rule.name = "Chuyển đổi số"; rule.tags = ["chuyen-doi-so"]; rule.perWeekMin = "1"; rule.perWeekMax = "1"; rule.days = ["thu"]; rule.sessions = ["chieu"]
        loaded = try workspace.putEntry(loaded, .rule(rule), replacing: nil, base: try base(s))
        rule.name = "CĐS"; rule.id = "something-else"
        loaded = try workspace.putEntry(loaded, .rule(rule), replacing: "cds", base: try base(s))
        #expect(loaded.station.rules.map(\.id) == ["tin", "cds"] && loaded.station.rules[1].name == "CĐS" && loaded.station.rules[1].days == [.thu])
        // The rule names the session, the session names the item: neither goes.
        #expect { try workspace.removeEntry(loaded, .session, id: "chieu", base: try base(s)) } throws: { e in
            if case .entryInUse(_, _, let by)? = e as? WorkspaceError { by == ["rule:cds"] } else { false }
        }
        #expect { try workspace.removeEntry(loaded, .item, id: "nhac-hieu", base: try base(s)) } throws: { e in
            if case .entryInUse(_, _, let by)? = e as? WorkspaceError { by == ["session:chieu"] } else { false }
        }
        // A folder's item is not an entry of its own; an unknown one is not found.
        #expect { try workspace.removeEntry(loaded, .item, id: "tin-1", base: try base(s)) } throws: { e in
            if case .cannotEditByForm? = e as? WorkspaceError { true } else { false }
        }
        #expect { try workspace.removeEntry(loaded, .rule, id: "none", base: try base(s)) } throws: { e in
            (e as? WorkspaceError)?.kind == .notFound
        }
        loaded = try workspace.removeEntry(loaded, .rule, id: "cds", base: try base(s))
        loaded = try workspace.removeEntry(loaded, .session, id: "chieu", base: try base(s))
        #expect(loaded.station.rules.map(\.id) == ["tin"] && loaded.station.sessions.map(\.id) == ["sang"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: s.fx.path("Schedules/.history")).count == 5)
    }

    @Test("A relay: a length and a stream address instead of a file")
    func relay() throws {
        let s = station(); defer { s.fx.remove() }
        let loaded = try workspace.loadStation(s.path)
        var x = ItemFields()
        x.id = "vov"; x.title = "Tiếp sóng VOV1"; x.relay = true; x.length = "5m"; x.url = "http://127.0.0.1:8000/vov1"; x.sessions = ["sang"]; x.priority = "1"
        let after = try workspace.putEntry(loaded, .item(x), replacing: nil, base: try base(s))
        #expect(after.station.item("vov")?.length == 300_000 && after.station.item("vov")?.file == nil && after.file.relayURLs["vov"] == "http://127.0.0.1:8000/vov1")
        #expect(workspace.entryFields(after, .item, id: "vov") == .item(x))
    }
}

@Suite("Workspace: a write that fails says why in the reader's language")
struct WriteFailureWordsTests {
    @Test("A full disk, a read-only disk, no permission: Vietnamese words, each with what to do")
    func words() {
        let full = WorkspaceMessages.lines(.cannotWrite(path: "Schedules/nam-sach.yaml", detail: "The operation couldn’t be completed. No space left on device"), .vi).joined()
        #expect(full == "Không ghi được Schedules/nam-sach.yaml: ổ đĩa đã đầy; giải phóng chỗ trống rồi làm lại.")
        #expect(WorkspaceMessages.lines(.cannotWrite(path: "x", detail: "Read-only file system"), .vi).joined().contains("ổ đĩa chỉ cho đọc"))
        #expect(WorkspaceMessages.lines(.cannotWrite(path: "x", detail: "Permission denied"), .en).joined() == "Cannot write x: no permission to write there.")
    }
}
