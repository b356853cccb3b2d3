import Foundation
import Testing
import LichPhatCore
import LichPhatText
import LichPhatFormats
import LichPhatWorkspace
import TestSupport

/// A station folder for workspace tests: Audio/ with short tones, Schedules/<id>.yaml.
struct Station {
    let fx = Fixtures(prefix: "lichphat-ws-")
    var path: String { fx.path("Schedules/xa.yaml") }
    var weeks: String { fx.path("Schedules/xa") }

    init(audio: [String: Double], items: String, rules: String = "", extra: String = "") {
        for (name, seconds) in audio { fx.tone("Audio/" + name, seconds: seconds, rate: 8000) }
        try! FileManager.default.createDirectory(atPath: fx.path("Schedules"), withIntermediateDirectories: true)
        let text = """
        station: {id: xa, name: "Xã Thử"}
        audio: ../Audio
        policy: {loudness_tolerance: 40, min_sample_rate: 8000}
        sessions:
          - {id: sang, name: "Buổi sáng", days: daily, start: "06:00", length: 1m}
        items:
        \(items)
        rules:
        \(rules.isEmpty ? "  []" : rules)
        \(extra)
        """
        try! text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}

let workspace = Workspace(catalog: .none, lang: .en, now: { Date(timeIntervalSince1970: 1_795_000_000) })

@Suite("Workspace: item ids")
struct ItemIDTests {
    @Test("An item listed by itself whose id a folder's file also gives is an error naming both lines, in either order (was added twice)")
    func explicitAndFolder() throws {
        for order in [0, 1] {
            let entries = ["  - {id: tin-1, title: \"Tin một\", file: tin/tin 1.wav}", "  - {folder: tin/, tags: [tin]}"]
            let s = Station(audio: ["tin/tin 1.wav": 2, "tin/tin 2.wav": 2],
                            items: (order == 0 ? entries : entries.reversed()).joined(separator: "\n"))
            defer { s.fx.remove() }
            #expect {
                _ = try workspace.loadStation(s.path)
            } throws: { error in
                guard case let .stationFile(_, errors) = error as? WorkspaceError else { return false }
                return errors.count == 1 && errors[0].line != nil && errors[0].message.contains("tin-1")
                    && errors[0].message.contains("tin/tin 1.wav") && errors[0].message.contains("line")
            }
        }
    }

    @Test("Two files of one folder that give the same id: one item, and a warning naming both files (was silent)")
    func folderClash() throws {
        let s = Station(audio: ["tin/Tin 1.wav": 2, "tin/tin-1.wav": 3, "tin/tin 2.wav": 2], items: "  - {folder: tin/, tags: [tin]}")
        defer { s.fx.remove() }
        let loaded = try workspace.loadStation(s.path)
        #expect(loaded.station.items.map(\.id).sorted() == ["tin-1", "tin-2"])
        let clashes = loaded.warnings.compactMap { w -> (String, String)? in
            if case let .folderIDClash(_, line, id, kept, dropped) = w, id == "tin-1", line > 0 { return (kept, dropped) } else { return nil }
        }
        #expect(clashes.count == 1)
        #expect(Set([clashes.first?.0, clashes.first?.1]) == Set(["tin/Tin 1.wav", "tin/tin-1.wav"]))
        let text = loaded.warnings.map { WorkspaceMessages.text($0, .vi) }.joined()
        #expect(text.contains("tin/Tin 1.wav") && text.contains("tin/tin-1.wav") && text.contains("xa.yaml:"))
    }
}

@Suite("Workspace: check agrees with plan")
struct CheckAgreesTests {
    @Test("The capacity table uses the planner's eligibility: an item allowed on Saturdays only gives a rule one airing, not seven")
    func tableAndVerdict() throws {
        let s = Station(audio: ["nq/a.wav": 5, "tin/t.wav": 3],
                        items: "  - {id: a, title: A, file: nq/a.wav, tags: [nq], days: [sat]}\n  - {folder: tin/, tags: [tin]}",
                        rules: "  - {id: nq, name: NQ, tags: [nq], per_week: {min: 2, max: 3}}")
        defer { s.fx.remove() }
        let loaded = try workspace.loadStation(s.path)
        let result = workspace.check(loaded, week: ISOWeek("2026-W48")!)
        let row = try #require(result.capacity.first)
        #expect(row.sessions == 1)          // the old table counted the rule's 7 sessions
        #expect(row.mostAirings == 1)
        #expect(row.mostAirings < row.rule.perWeek.min)
        #expect(!result.plan.shortfalls.isEmpty)
        #expect(workspace.plan(loaded, from: ISOWeek("2026-W48")!).first?.shortfalls == result.plan.shortfalls)
    }

    @Test("check plans with the history plan uses: the weeks already written")
    func history() throws {
        // One item that may air once a fortnight: with last week written, this week cannot have it.
        let s = Station(audio: ["nq/a.wav": 5], items: "  - {id: a, title: A, file: nq/a.wav, tags: [nq]}",
                        rules: "  - {id: nq, name: NQ, tags: [nq], per_week: {min: 1, max: 1}}", extra: "repeat_gap: 168h")
        defer { s.fx.remove() }
        let loaded = try workspace.loadStation(s.path)
        let w47 = ISOWeek("2026-W47")!, w48 = ISOWeek("2026-W48")!
        #expect(workspace.check(loaded, week: w48).plan.shortfalls.isEmpty)
        let first = try #require(workspace.plan(loaded, from: w47).first)
        // Last week's airing was on Sunday: a 168 h gap rules out every session of the next week but Sunday's.
        _ = try workspace.write(first, of: loaded, lang: .en)
        let checked = workspace.check(loaded, week: w48)
        let planned = try #require(workspace.plan(loaded, from: w48).first)
        #expect(checked.plan.shortfalls == planned.shortfalls)
        #expect(checked.plan.sessions.flatMap(\.airings).map(\.start) == planned.sessions.flatMap(\.airings).map(\.start))
    }
}

@Suite("Workspace: approvals are checked")
struct ApprovalTests {
    @Test("A week whose schedule.json changed after approval reads as modified: in its state, in check, and in the audit")
    func modified() throws {
        let s = Station(audio: ["nq/a.wav": 5, "tin/t.wav": 3],
                        items: "  - {id: a, title: A, file: nq/a.wav, tags: [nq]}\n  - {folder: tin/, tags: [tin]}",
                        rules: "  - {id: nq, name: NQ, tags: [nq], per_week: {min: 1, max: 2}}")
        defer { s.fx.remove() }
        let loaded = try workspace.loadStation(s.path)
        let w = ISOWeek("2026-W48")!
        let written = try workspace.write(try #require(workspace.plan(loaded, from: w).first), of: loaded, lang: .vi)
        #expect(workspace.state(ofWeek: written.folder) == .draft)
        let approval = try workspace.approve(folder: written.folder, by: "Nguyễn Văn A").approval
        #expect(approval.at == "2026-11-18T18:06:40+07:00")   // the injected clock, on the station's zone
        #expect(workspace.state(ofWeek: written.folder) == .approved(approval))
        #expect(workspace.check(loaded, week: w).state == .approved(approval))
        let audited = try workspace.audit([loaded], period: AuditPeriod("2026-11")!)
        #expect(audited[0].weeks.first { $0.week == w }?.approval == .approved)
        #expect(audited[0].weeks.first { $0.week == ISOWeek("2026-W46")! }?.approval == ApprovalState.none)

        // Someone edits the approved schedule by hand.
        let json = written.folder + "/schedule.json"
        var text = try String(contentsOfFile: json, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"A\"", with: "\"A (sửa)\"")
        try text.write(toFile: json, atomically: true, encoding: .utf8)
        #expect(workspace.state(ofWeek: written.folder) == .modified(approval))
        #expect(workspace.check(loaded, week: w).state == .modified(approval))
        let again = try workspace.audit([loaded], period: AuditPeriod("2026-11")!)
        let week = try #require(again[0].weeks.first { $0.week == w })
        #expect(week.approval == .modified && week.unapproved)
        let doc = AuditOutput.json(again, lang: .vi)
        #expect(doc.contains("\"approval\": \"modified\""))
        #expect(AuditOutput.table(again, lang: .vi).contains("đã sửa sau khi duyệt"))
        #expect(AuditOutput.html(again).contains("đã sửa sau khi duyệt"))
        #expect {
            _ = try workspace.approve(folder: written.folder, by: "B").approval
        } throws: { ($0 as? WorkspaceError).map { if case .alreadyApproved = $0 { true } else { false } } ?? false }
    }

    @Test("Approving a folder without a schedule is 'not found'; a second writer of a week is told it is busy")
    func errors() throws {
        let fx = Fixtures(); defer { fx.remove() }
        #expect {
            _ = try workspace.approve(folder: fx.path("2026-W48"), by: "A").approval
        } throws: { ($0 as? WorkspaceError)?.kind == .notFound }
    }
}

@Suite("Workspace: audit reads only the period")
struct AuditPeriodTests {
    @Test("Weeks outside the period are not read, so they raise no 'outside the period' notes (was one per airing)")
    func weeksOutside() throws {
        let s = Station(audio: ["nq/a.wav": 5, "tin/t.wav": 3],
                        items: "  - {id: a, title: A, file: nq/a.wav, tags: [nq]}\n  - {folder: tin/, tags: [tin]}",
                        rules: "  - {id: nq, name: NQ, tags: [nq], per_week: {min: 1, max: 2}}")
        defer { s.fx.remove() }
        let loaded = try workspace.loadStation(s.path)
        for plan in workspace.plan(loaded, from: ISOWeek("2026-W44")!, count: 6) { _ = try workspace.write(plan, of: loaded, lang: .vi) }
        let audits = try workspace.audit([loaded], period: AuditPeriod(from: CivilDate("2026-11-16")!, to: CivilDate("2026-11-29")!))
        #expect(audits[0].issues.filter { $0.kind == .outsidePeriod }.isEmpty, "\(audits[0].issues)")
        #expect(audits[0].weeks.map(\.week.description) == ["2026-W47", "2026-W48"])
        #expect(audits[0].weeks.allSatisfy { $0.rules[0].count >= 1 })
    }
}

@Suite("Workspace: what a killed writer left")
struct LeftoverTests {
    @Test("An upload's temporary file left by a process that died is removed before the next write; one of a living process is left alone")
    func uploads() throws {
        let s = Station(audio: ["tin/a.wav": 2], items: "  - {folder: tin/, tags: [tin]}")
        defer { s.fx.remove() }
        let dead = Process()
        dead.executableURL = URL(fileURLWithPath: "/bin/true")
        try dead.run(); dead.waitUntilExit()
        let stale = s.fx.path("Audio/tin/.upload-\(dead.processIdentifier)-7")
        let living = s.fx.path("Audio/tin/.upload-1-7")     // init never dies
        for p in [stale, living] { try Data(repeating: 1, count: 4096).write(to: URL(fileURLWithPath: p)) }
        let loaded = try workspace.loadStation(s.path)
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: s.fx.path("Audio/tin/a.wav"))))
        _ = try workspace.addAudio(to: loaded, folder: "tin", name: "b.wav", bytes: bytes)
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(FileManager.default.fileExists(atPath: living))
        #expect(FileManager.default.fileExists(atPath: s.fx.path("Audio/tin/b.wav")))
    }
}

@Suite("Workspace: temporary folders")
struct TemporaryFolderTests {
    @Test("The spool of a server on a read-only root is a new folder only its user can open, never a fixed name another user could prepare in /tmp")
    func privateFolder() throws {
        let a = try #require(Workspace.privateTemporaryFolder(named: "lichphat-test"))
        let b = try #require(Workspace.privateTemporaryFolder(named: "lichphat-test"))
        defer { try? FileManager.default.removeItem(atPath: a); try? FileManager.default.removeItem(atPath: b) }
        #expect(a != b)
        for path in [a, b] {
            var st = stat()
            #expect(lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR && (st.st_mode & 0o777) == 0o700)
        }
    }
}

@Suite("Workspace: words for each front end")
struct FrontWordsTests {
    @Test("A page never shows a command-line option or command; the command line names them")
    func flags() throws {
        let w = try #require(ISOWeek("2026-W48"))
        let revision = WeekRevision(number: 2, hash: String(repeating: "a", count: 64), kind: .amend, by: "", via: .cli, at: "2026-11-20T10:00:00+07:00")
        let errors: [WorkspaceError] = [
            .amendInPast(from: 1_795_000_000_000, now: 1_795_100_000_000), .weekPast(week: w),
            .weekApproved(week: w, approval: .init(by: "A", at: "2026-11-20T10:00:00+07:00", sha256: "", revision: 1, files: [:])),
            .weekEverApproved(week: w, revision: revision), .noSchedule(folder: "/srv/lichphat/Schedules/xa/2026-W48"),
        ]
        for e in [WorkspaceError.alreadyApproved(folder: "/srv/x/2026-W48", approval: .init(by: "A", at: "2026-11-20T10:00:00+07:00", sha256: ""))] {
            for lang in [Language.vi, .en] {
                let words = WorkspaceMessages.lines(e, lang, front: .web).joined(separator: " ")
                #expect(!words.contains("T10:00:00") && !words.contains("/srv/"), "\(words)")
            }
        }
        for e in errors {
            for lang in [Language.vi, .en] {
                let page = WorkspaceMessages.lines(e, lang, front: .web).joined(separator: " ")
                let cli = WorkspaceMessages.lines(e, lang).joined(separator: " ")
                #expect(!page.contains("--") && !page.contains("lichphat "), "\(page)")
                #expect(cli.contains("--") || cli.contains("lichphat "), "\(cli)")
                #expect(!page.contains("/srv/") && !cli.contains("/srv/"), "the server's folders stay out of the words")
                #expect(!page.contains("T10:00:00") && !cli.contains("T10:00:00"), "a time is said as people read it, not ISO: \(page)")
            }
        }
    }
}

@Suite("Workspace: a week as read")
struct WeekViewTests {
    @Test("A week read for a page carries the hash of the very bytes its schedule came from (the revision its forms name), nil when not planned")
    func hashOfWhatWasRead() throws {
        let st = Station(audio: ["tin/a.wav": 5], items: "  - {folder: tin/, tags: [tin]}", extra: "fill: [tin]")
        defer { st.fx.remove() }
        let loaded = try workspace.loadStation(st.path)
        let w = try #require(ISOWeek("2026-W48"))
        #expect(workspace.readWeek(loaded, week: w).hash == nil)
        _ = try workspace.planWeek(loaded, week: w, write: .commandLine, lang: .en)
        let view = workspace.readWeek(loaded, week: w)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: view.folder + "/schedule.json"))
        #expect(view.schedule != nil && view.hash == WeekFolder.sha256(bytes) && view.hash == workspace.history(loaded, week: w).current?.hash)
    }

    @Test("The to-do list: the running week without an approved plan first, then the coming week to plan or approve; a week changed after approval says so")
    func tasks() throws {
        let st = Station(audio: ["tin/a.wav": 5], items: "  - {folder: tin/, tags: [tin]}", extra: "fill: [tin]")
        defer { st.fx.remove() }
        let loaded = try workspace.loadStation(st.path)
        let this = workspace.thisWeek(of: loaded.station), next = workspace.nextWeek(of: loaded.station)
        #expect(workspace.tasks(loaded) == [.nothingApprovedAirs(week: this, planned: false), .plan(week: next)])
        _ = try workspace.planWeek(loaded, week: next, write: .commandLine, lang: .en)
        #expect(workspace.tasks(loaded).last == .approve(week: next, revision: 1))
        let folder = workspace.readWeek(loaded, week: next).folder
        _ = try workspace.approve(folder: folder, by: "Trần Thị B")
        #expect(!workspace.tasks(loaded).contains { if case .approve = $0 { true } else { false } })
        // Changed by hand after approval: urgent, before anything else about next week.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: folder + "/schedule.json"))
        try handle.seekToEnd(); try handle.write(contentsOf: Data(" ".utf8)); try handle.close()
        let tasks = workspace.tasks(loaded)
        #expect(tasks.contains(.changedAfterApproval(week: next)) && tasks.filter(\.urgent).count == 2 && tasks.prefix(2).allSatisfy(\.urgent))
    }
}

@Suite("Workspace: library care")
struct LibraryCareTests {
    @Test("A file is removed only when nothing uses it (an item naming it, a week not yet over airing it); it is set aside, never destroyed; a path out of the library is refused")
    func remove() throws {
        let st = Station(audio: ["tin/a.wav": 5, "tin/b.wav": 5, "nhac-hieu.wav": 2, "le/c.wav": 3],
                         items: "  - {id: nhac-hieu, title: \"Nhạc hiệu\", file: nhac-hieu.wav}\n  - {folder: tin/, tags: [tin]}", extra: "fill: [tin]")
        defer { st.fx.remove() }
        try "Họp dân".write(toFile: st.fx.path("Audio/le/c.txt"), atomically: true, encoding: .utf8)
        let loaded = try workspace.loadStation(st.path)
        // Named by an item: refused, saying which.
        #expect(throws: WorkspaceError.self) { try workspace.removeAudio(from: loaded, path: "nhac-hieu.wav") }
        do { _ = try workspace.removeAudio(from: loaded, path: "nhac-hieu.wav") } catch {
            guard case .audioInUse(_, let use) = error else { Issue.record("\(error)"); return }
            #expect(use.items == ["nhac-hieu"] && use.weeks.isEmpty)
        }
        // Aired by next week's plan: refused, naming the week.
        let next = workspace.nextWeek(of: loaded.station)
        _ = try workspace.planWeek(loaded, week: next, write: .commandLine, lang: .en)
        let aired = Set(workspace.readWeek(loaded, week: next).schedule!.sessions.flatMap(\.airings).compactMap(\.file))
        let inUse = try #require(["tin/a.wav", "tin/b.wav"].first { aired.contains($0) })
        #expect(workspace.uses(of: inUse, in: loaded).weeks == [next])
        // Not used: set aside (with a notice's text beside it), gone from the library.
        #expect(try workspace.removeAudio(from: loaded, path: "le/c.wav") == "le/c.wav")
        #expect(!FileManager.default.fileExists(atPath: st.fx.path("Audio/le/c.wav")) && !FileManager.default.fileExists(atPath: st.fx.path("Audio/le/c.txt")))
        let setAside = try FileManager.default.subpathsOfDirectory(atPath: st.fx.path("Audio/.removed"))
        #expect(setAside.contains { $0.hasSuffix("le/c.wav") } && setAside.contains { $0.hasSuffix("le/c.txt") })
        for f in ["tin/a.wav", "tin/b.wav"] where !aired.contains(f) {
            #expect(try workspace.removeAudio(from: loaded, path: f) == f)
            #expect(!FileManager.default.fileExists(atPath: st.fx.path("Audio/" + f)))
            let kept = try FileManager.default.subpathsOfDirectory(atPath: st.fx.path("Audio/.removed"))
            #expect(kept.contains { $0.hasSuffix(f) })
        }
        for bad in ["../Schedules/xa.yaml", ".removed/x.wav", "/etc/passwd", "tin/khong-co.wav"] {
            #expect(throws: WorkspaceError.self) { try workspace.removeAudio(from: loaded, path: bad) }
        }
        #expect(FileManager.default.fileExists(atPath: st.path))
    }

    @Test("A file is replaced by a new version only when the new one plays; the old one is kept aside")
    func replace() throws {
        let st = Station(audio: ["tin/a.wav": 5], items: "  - {folder: tin/, tags: [tin]}", extra: "fill: [tin]")
        defer { st.fx.remove() }
        st.fx.tone("new.wav", seconds: 8, rate: 8000)
        let loaded = try workspace.loadStation(st.path)
        let old = try Data(contentsOf: URL(fileURLWithPath: st.fx.path("Audio/tin/a.wav")))
        // Not audio: refused, the old one untouched, nothing left beside it.
        try Data("không phải âm thanh".utf8).write(to: URL(fileURLWithPath: st.fx.path("junk.wav")))
        do { _ = try workspace.replaceAudio(in: loaded, path: "tin/a.wav", source: .file(st.fx.path("junk.wav"))); Issue.record("junk taken") } catch {
            // Refused under the file's own name, never the hidden staging one.
            guard case .refusedAudio(let name, _) = error else { Issue.record("\(error)"); return }
            #expect(name == "a.wav")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: st.fx.path("Audio/tin/a.wav"))) == old)
        #expect(try FileManager.default.contentsOfDirectory(atPath: st.fx.path("Audio/tin")) == ["a.wav"])
        let added = try workspace.replaceAudio(in: loaded, path: "tin/a.wav", source: .file(st.fx.path("new.wav")))
        #expect(added.path == "tin/a.wav" && abs((added.file.facts.duration ?? 0) - 8) < 0.1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: st.fx.path("Audio/tin/a.wav"))) == Data(contentsOf: URL(fileURLWithPath: st.fx.path("new.wav"))))
        #expect(try FileManager.default.subpathsOfDirectory(atPath: st.fx.path("Audio/.replaced")).contains { $0.hasSuffix("tin/a.wav") })
        // Replaced again within the same second (a double click): both old versions are kept, none overwritten.
        _ = try workspace.replaceAudio(in: try workspace.loadStation(st.path), path: "tin/a.wav", source: .file(st.fx.path("new.wav")))
        #expect(try FileManager.default.subpathsOfDirectory(atPath: st.fx.path("Audio/.replaced")).filter { $0.hasSuffix("tin/a.wav") }.count == 2)
    }

    @Test("A new version of another length is refused while a week not yet over airs the file; a week whose schedule does not read holds every file; an NFD-named file is found by its NFC name")
    func guarded() throws {
        let st = Station(audio: ["tin/a.wav": 5], items: "  - {folder: tin/, tags: [tin]}", extra: "fill: [tin]")
        defer { st.fx.remove() }
        st.fx.tone("longer.wav", seconds: 9, rate: 8000)
        st.fx.tone("same.wav", seconds: 5, rate: 8000)
        var loaded = try workspace.loadStation(st.path)
        let next = workspace.nextWeek(of: loaded.station)
        _ = try workspace.planWeek(loaded, week: next, write: .commandLine, lang: .en)
        #expect(workspace.uses(of: "tin/a.wav", in: loaded).weeks == [next], "\(loaded.report.files.map(\.path))")
        do { _ = try workspace.replaceAudio(in: loaded, path: "tin/a.wav", source: .file(st.fx.path("longer.wav"))); Issue.record("replaced") } catch {
            guard case .replacementLength(_, let weeks, _, _) = error else { Issue.record("\(error)"); return }
            #expect(weeks == [next])
        }
        _ = try workspace.replaceAudio(in: loaded, path: "tin/a.wav", source: .file(st.fx.path("same.wav")))
        // A schedule that does not read: the week holds the file.
        let after = next.adding(weeks: 1)
        let broken = st.fx.path("Schedules/xa/\(after)")
        try FileManager.default.createDirectory(atPath: broken, withIntermediateDirectories: true)
        try Data("{\"not\": \"a schedule\"}".utf8).write(to: URL(fileURLWithPath: broken + "/schedule.json"))
        #expect(workspace.uses(of: "tin/khong-lien-quan.wav", in: loaded).weeks.contains(after))
        // NFD on disk, NFC in the library.
        let nfd = "tin/" + "họp dân.wav".decomposedStringWithCanonicalMapping
        try FileManager.default.copyItem(atPath: st.fx.path("same.wav"), toPath: st.fx.path("Audio/" + nfd))
        loaded = try workspace.loadStation(st.path)
        try FileManager.default.removeItem(atPath: broken + "/schedule.json")
        #expect(try workspace.renameAudio(in: loaded, path: "tin/họp dân.wav", to: "họp dân 2.wav") == "tin/họp dân 2.wav")
    }

    @Test("A file is renamed in its folder (its notice text too) unless it is used, the name is taken or not a plain audio name of the same kind")
    func rename() throws {
        let st = Station(audio: ["le/a.wav": 3, "le/b.wav": 3, "nhac-hieu.wav": 2],
                         items: "  - {id: nhac-hieu, title: \"Nhạc hiệu\", file: nhac-hieu.wav}", extra: "")
        defer { st.fx.remove() }
        try "Họp dân".write(toFile: st.fx.path("Audio/le/a.txt"), atomically: true, encoding: .utf8)
        let loaded = try workspace.loadStation(st.path)
        #expect(try workspace.renameAudio(in: loaded, path: "le/a.wav", to: "họp dân.wav") == "le/họp dân.wav")
        #expect(FileManager.default.fileExists(atPath: st.fx.path("Audio/le/họp dân.wav")) && FileManager.default.fileExists(atPath: st.fx.path("Audio/le/họp dân.txt")))
        #expect(!FileManager.default.fileExists(atPath: st.fx.path("Audio/le/a.wav")))
        for (path, name) in [("le/b.wav", "họp dân.wav"), ("le/b.wav", "b.mp3"), ("le/b.wav", "../b.wav"), ("nhac-hieu.wav", "x.wav")] {
            #expect(throws: WorkspaceError.self, "\(path) → \(name)") { try workspace.renameAudio(in: loaded, path: path, to: name) }
        }
        #expect(FileManager.default.fileExists(atPath: st.fx.path("Audio/le/b.wav")) && FileManager.default.fileExists(atPath: st.fx.path("Audio/nhac-hieu.wav")))
    }
}
