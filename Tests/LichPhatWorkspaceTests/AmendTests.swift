import Foundation
import Testing
import LichPhatCore
import LichPhatText
import LichPhatFormats
import LichPhatWorkspace
import TestSupport

@Suite("Mid-week notices: amending an approved week")
struct AmendTests {
    /// Two sessions a day, filled with 10 s news; a 5 s notice to add.
    func station() -> Station {
        let s = Station(audio: ["nhac-hieu.wav": 2, "tin/a.wav": 10, "tin/b.wav": 10, "tin/c.wav": 10, "tin/d.wav": 10, "thong-bao.wav": 5, "nq.wav": 6],
                        items: """
          - {id: nhac-hieu, title: "Nhạc hiệu", file: nhac-hieu.wav}
          - {id: thong-bao, title: "Thông báo họp dân", file: thong-bao.wav, from: 2026-12-31}
          - {id: nq, title: "NQ57", file: nq.wav, tags: [nq57]}
          - {folder: tin/, tags: [tin]}
        """, rules: "  - {id: nq57, name: NQ57, tags: [nq57], per_week: {min: 2, max: 3}}", extra: "fill: [tin]\nrepeat_gap: 1h")
        let text = try! String(contentsOfFile: s.path, encoding: .utf8).replacingOccurrences(of: """
          - {id: sang, name: "Buổi sáng", days: daily, start: "06:00", length: 1m}
        """, with: """
          - {id: sang, name: "Buổi sáng", days: daily, start: "06:00", length: 1m, open: [nhac-hieu]}
          - {id: chieu, name: "Buổi chiều", days: daily, start: "17:00", length: 1m, open: [nhac-hieu]}
        """)
        try! text.write(toFile: s.path, atomically: true, encoding: .utf8)
        return s
    }

    let week = ISOWeek(year: 2026, week: 48)
    /// Wednesday 2026-11-25 12:00, station time.
    let noon = CivilDate(year: 2026, month: 11, day: 25).daysSinceEpoch * 86_400_000 + 12 * 3_600_000

    @Test("Sessions before --from stay as they were; the notice goes first after the open items of the next sessions; quotas hold; revision 2 with the previous one and its approval kept; approval cleared")
    func amend() throws {
        let s = station(); defer { s.fx.remove() }
        // The notice is valid from the end of the year in the file: valid now, as a just-recorded one would be.
        try (try String(contentsOfFile: s.path, encoding: .utf8)).replacingOccurrences(of: ", from: 2026-12-31", with: "").write(toFile: s.path, atomically: true, encoding: .utf8)
        let loaded = try workspace.loadStation(s.path)
        let plan = try #require(workspace.plan(loaded, from: week).first)
        #expect(plan.compliant)
        let written = try workspace.write(plan, of: loaded, lang: .en)
        _ = try workspace.approve(folder: written.folder, by: "Nguyễn Văn An").approval
        let before = try #require(ScheduleDocument.read(folder: written.folder))

        let result = try workspace.amend(loaded, week: week, item: "thong-bao", times: 2, priority: true, from: noon, lang: .en)
        #expect(result.revision == 2)
        let after = try #require(ScheduleDocument.read(folder: written.folder))
        #expect(after.revision == 2 && after.compliant)
        // Before Wednesday noon: every session exactly as it was.
        for (a, b) in zip(before.sessions, after.sessions) where a.start < "2026-11-25T12" {
            #expect(a.airings.map(\.item) == b.airings.map(\.item) && a.airings.map(\.start) == b.airings.map(\.start), "\(a.date) \(a.id)")
        }
        // The next two sessions: Wednesday evening and Thursday morning, the notice right after the jingle.
        let added = after.sessions.filter { $0.airings.contains { $0.item == "thong-bao" } }
        #expect(added.map { "\($0.date) \($0.id)" } == ["2026-11-25 chieu", "2026-11-26 sang"])
        #expect(added.allSatisfy { $0.airings[0].item == "nhac-hieu" && $0.airings[1].item == "thong-bao" })
        // Said as what it is: added to the running week, at the head of the session (not "priority 1 item, in every session").
        #expect(added.allSatisfy { $0.airings[1].reason == "amend:first" })
        #expect(PlanMessages.reason(.amended(first: true), rules: [], .vi).contains("sửa lịch") && !PlanMessages.reason(.amended(first: true), rules: [], .vi).contains("mọi buổi"))
        #expect(result.changes.filter { $0.kind == .added }.count == 2)
        // The fill that made room is said; nothing counting toward a rule was taken out.
        #expect(result.changes.filter { $0.kind == .removed }.allSatisfy { $0.item.hasPrefix("a") || $0.item.hasPrefix("b") || $0.item.hasPrefix("c") || $0.item.hasPrefix("d") })
        // Revision 1 kept whole with its approval; the week must be approved again.
        #expect(FileManager.default.fileExists(atPath: written.folder + "/revisions/1/schedule.json"))
        #expect(FileManager.default.fileExists(atPath: written.folder + "/revisions/1/approval.json"))
        #expect(workspace.state(ofWeek: written.folder) == .draft)
        // A second amendment: revision 3, both earlier revisions kept.
        let again = try workspace.amend(loaded, week: week, item: "thong-bao", times: 1, priority: false, from: noon + 24 * 3_600_000, lang: .en)
        #expect(again.revision == 3)
        #expect(ScheduleDocument.read(folder: written.folder)?.sessions.flatMap(\.airings).filter { $0.item == "thong-bao" }.map(\.reason).sorted() == ["amend", "amend:first", "amend:first"])
        #expect(FileManager.default.fileExists(atPath: written.folder + "/revisions/1/schedule.json") && FileManager.default.fileExists(atPath: written.folder + "/revisions/2/schedule.json"))
    }

    @Test("A notice that cannot air as often as asked changes nothing and says why; an unknown item is refused")
    func refused() throws {
        let s = station(); defer { s.fx.remove() }
        let loaded = try workspace.loadStation(s.path)
        let written = try workspace.write(try #require(workspace.plan(loaded, from: week).first), of: loaded, lang: .en)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: written.folder + "/schedule.json"))
        // Valid only from 2026-12-31: nowhere this week.
        do {
            _ = try workspace.amend(loaded, week: week, item: "thong-bao", times: 1, priority: false, from: noon, lang: .en)
            Issue.record("amended")
        } catch {
            guard case .cannotAmend(_, let refusal, _) = error else { Issue.record("\(error)"); return }
            #expect(refusal.placed == 0 && refusal.needed == 1 && refusal.sessionsLeft == 9)
            #expect(WorkspaceMessages.lines(error, .en).joined().contains("cannot air 1 times in the rest of the week"))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: written.folder + "/schedule.json")) == bytes)
        #expect(throws: WorkspaceError.self) { try workspace.amend(loaded, week: week, item: "khong-co", priority: false, from: noon, lang: .en) }
        // Before the workspace's now (Wednesday 2026-11-18): what aired cannot change.
        #expect(throws: WorkspaceError.self) { try workspace.amend(loaded, week: week, item: "nq", priority: false, from: noon - 8 * 86_400_000, lang: .en) }
    }
}
