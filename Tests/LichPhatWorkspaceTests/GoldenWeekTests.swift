import Foundation
import Testing
import LichPhatCore
import LichPhatFormats
import LichPhatWorkspace
import TestSupport

/// The determinism promise, kept by the shipped example: each week under `Schedules/` is
/// re-planned from its station file and the demo library and compared byte for byte.
/// When a change is meant to change them, re-record with
/// `LICHPHAT_RECORD_GOLDEN=1 swift test --filter GoldenWeek` and review the diff.
@Suite("The shipped weeks are reproduced byte for byte")
struct GoldenWeekTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
    static let shipped = [("nam-sach", "2026-W48"), ("hai-duong", "2026-W48"), ("ngo-quyen", "2026-W48")]

    @Test("Re-planned shipped weeks equal the committed files", arguments: shipped)
    func replan(station: String, week: String) throws {
        let record = ProcessInfo.processInfo.environment["LICHPHAT_RECORD_GOLDEN"] == "1"
        let scratch = Fixtures(prefix: "lichphat-golden-"); defer { scratch.remove() }
        let ws = Workspace(catalog: .at(scratch.path("catalog.sqlite")), lang: .vi)
        let loaded = try ws.loadStation(Self.repository + "/Schedules/\(station).yaml")
        let w = try #require(ISOWeek(week))
        // History from the committed weeks before it, as `plan` reads it.
        let plan = try #require(ws.plan(loaded, from: w).first)
        #expect(plan.compliant)
        if station == "nam-sach" {   // the README's example: a real week, no session more than 10 % empty
            #expect(plan.idle.isEmpty, "\(plan.idle.map { "\($0.instance.date) \($0.instance.template.id): \($0.unused) ms" })")
        }
        let committed = loaded.weeksFolder + "/" + week
        // Written beside the committed week's folder, at the same depth, so playlists' relative paths match.
        let beside = Self.repository + "/Schedules/.golden-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: beside) }
        // Recording writes the week anew as its first revision (its history says when it was recorded).
        if record { try? FileManager.default.removeItem(atPath: committed) }
        let written = try ws.write(plan, of: loaded, weeksFolder: record ? loaded.weeksFolder : beside, lang: .vi)
        if record { return }
        // history.json says when it was written: the rest is compared byte for byte, the history by its content.
        let names = try FileManager.default.contentsOfDirectory(atPath: written.folder).filter { $0 != "history.json" }.sorted()
        #expect(try FileManager.default.contentsOfDirectory(atPath: committed).filter { !$0.hasPrefix(".") && $0 != "approval.json" && $0 != "history.json" }.sorted() == names)
        let history = WeekFolder.history(of: committed)
        #expect(history.revisions.count == 1 && history.current?.kind == .plan && history.current?.number == 1)
        #expect(history.current?.hash == WeekFolder.sha256(try Data(contentsOf: URL(fileURLWithPath: committed + "/schedule.json"))))
        #expect(history.current?.hash == written.revision.hash)
        for name in names {
            let fresh = try Data(contentsOf: URL(fileURLWithPath: written.folder + "/" + name))
            let old = try Data(contentsOf: URL(fileURLWithPath: committed + "/" + name))
            #expect(fresh == old, "\(station)/\(week)/\(name) differs from the committed file; if the change is meant, re-record (see GoldenWeekTests)")
        }
        // Values, not sentences: planned with English words the week's schedule.json is the same bytes,
        // and what it found reads back as the plan's findings.
        let english = Self.repository + "/Schedules/.golden-en-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: english) }
        let inEnglish = try ws.write(plan, of: loaded, weeksFolder: english, lang: .en)
        #expect(try Data(contentsOf: URL(fileURLWithPath: inEnglish.folder + "/schedule.json")) == Data(contentsOf: URL(fileURLWithPath: committed + "/schedule.json")))
        let doc = try #require(ScheduleDocument.read(folder: committed))
        #expect(doc.problems.map(\.finding) == plan.findings.map { Optional($0) } && doc.problems.allSatisfy { $0.message == nil })
        // And an independent reading finds no airing that overlaps the previous one or leaves a gap.
        let json = try Data(contentsOf: URL(fileURLWithPath: committed + "/schedule.json"))
        #expect(try IndependentCheck.gaps(in: json).isEmpty)
    }
}
