import Foundation
import Testing
import LichPhatCore
import LichPhatFormats
import LichPhatWorkspace
import TestSupport

@Suite("On air: which week airs, bulletins, CAP")
struct PlayoutTests {
    let week = ISOWeek(year: 2026, week: 48)

    func station(extra: String = "") -> Station {
        Station(audio: ["nhac-hieu.wav": 2, "tin/a.wav": 10, "tin/b.wav": 10, "thong-bao.wav": 5],
                items: """
          - {id: nhac-hieu, title: "Nhạc hiệu", file: nhac-hieu.wav}
          - {id: thong-bao, title: "Thông báo", file: thong-bao.wav}
          - {folder: tin/, tags: [tin]}
        """, extra: "fill: [tin]\nrepeat_gap: 1h\n" + extra)
    }

    func refusal(_ body: () throws -> Void) -> WorkspaceError.AirRefusal? {
        do { try body() } catch { if case .cannotAir(_, let why)? = error as? WorkspaceError { return why } }
        return nil
    }

    @Test("Not planned, not approved, approved, an amendment waiting (the approved revision airs), changed by hand after approval, a draft where the station allows it")
    func airWeek() throws {
        let s = station(); defer { s.fx.remove() }
        let loaded = try workspace.loadStation(s.path)
        #expect(refusal { _ = try workspace.airWeek(loaded, week: week) } == .notPlanned)
        let plan = try #require(workspace.plan(loaded, from: week).first)
        let written = try workspace.write(plan, of: loaded, lang: .en)
        #expect(refusal { _ = try workspace.airWeek(loaded, week: week) } == .notApproved)
        _ = try workspace.approve(folder: written.folder, by: "Nguyễn Văn An")
        let approved = try workspace.airWeek(loaded, week: week)
        #expect(approved.revision == 1 && !approved.draft && approved.waiting == nil)
        #expect(approved.plan.sessions.map(\.airings.count) == plan.sessions.map(\.airings.count))

        // An amendment clears the approval: revision 1 (approved) airs while revision 2 waits.
        let monday = week.monday.daysSinceEpoch * 86_400_000
        _ = try workspace.amend(loaded, week: week, item: "thong-bao", times: 1, priority: true, from: monday, lang: .en)
        let meanwhile = try workspace.airWeek(loaded, week: week)
        #expect(meanwhile.revision == 1 && meanwhile.waiting == 2)
        #expect(!meanwhile.plan.sessions.contains { $0.airings.contains { $0.item == "thong-bao" } })

        // Changed by hand after approval, with no approved revision kept: refused as such.
        let other = ISOWeek(year: 2026, week: 49)
        let p2 = try #require(workspace.plan(loaded, from: other).first)
        let w2 = try workspace.write(p2, of: loaded, lang: .en)
        _ = try workspace.approve(folder: w2.folder, by: "Nguyễn Văn An")
        let json = w2.folder + "/schedule.json"
        try (try String(contentsOfFile: json, encoding: .utf8) + " ").write(toFile: json, atomically: true, encoding: .utf8)
        #expect(refusal { _ = try workspace.airWeek(loaded, week: other) } == .changedAfterApproval)

        // A station that allows it airs a draft, said as one.
        let d = station(extra: "playout: {air_draft: true}"); defer { d.fx.remove() }
        let dl = try workspace.loadStation(d.path)
        _ = try workspace.write(try #require(workspace.plan(dl, from: week).first), of: dl, lang: .en)
        let draft = try workspace.airWeek(dl, week: week)
        #expect(draft.draft && draft.revision == 1)
    }

    func bulletinError(_ body: () throws -> Void) -> (String, WorkspaceError.BulletinProblem)? {
        do { try body() } catch { if case .badBulletin(let f, let p)? = error as? WorkspaceError { return (f, p) } }
        return nil
    }

    @Test("An emergency bulletin from a file: recorded with who and when, the audio copied byte for byte, its gain measured, airings from --repeat/--every/--until; a cancel stops what is left; each refusal names its field")
    func bulletins() throws {
        let s = station(); defer { s.fx.remove() }
        let loaded = try workspace.loadStation(s.path)
        let source = s.fx.path("Audio/thong-bao.wav")
        let actor = Actor(by: "lan", via: .web, role: .operator)
        let b = try workspace.addBulletin(loaded, BulletinRequest(level: "emergency", file: source, title: "Cảnh báo lũ", times: 3, every: "60m"), actor: actor)
        #expect(b.level == .emergency && b.by == "lan" && b.via == "web" && b.title == "Cảnh báo lũ")
        #expect(b.length == 5000 && b.gain != nil)
        let now = loaded.clock.now(workspace.now())
        #expect(b.airTimes == [now, now + 3_600_000, now + 7_200_000])
        let copy = workspace.bulletinFolder(loaded) + "/" + b.audio
        #expect(FileManager.default.contents(atPath: copy) == FileManager.default.contents(atPath: source))
        #expect(workspace.bulletins(loaded).map(\.id) == [b.id])

        // --until with --every and no count: as many as fit, until included.
        let until = try workspace.addBulletin(loaded, BulletinRequest(level: "khẩn cấp", file: source, every: "30m",
                                                                       until: loaded.clock.iso(now + 7_200_000)), actor: actor)
        #expect(until.level == .emergency && until.airTimes.count == 5)

        let cancelled = try workspace.cancelBulletin(loaded, id: b.id, actor: actor)
        // Cancelled at the moment of its first airing: none left (one on air plays to its end).
        #expect(cancelled.cancelled?.by == "lan" && cancelled.airTimes.isEmpty)
        #expect(throws: WorkspaceError.self) { try workspace.cancelBulletin(loaded, id: b.id, actor: actor) }
        #expect(throws: WorkspaceError.self) { try workspace.cancelBulletin(loaded, id: "../../etc/passwd", actor: actor) }

        #expect(bulletinError { _ = try workspace.addBulletin(loaded, BulletinRequest(level: "urgent", file: source), actor: actor) }?.0 == "level")
        #expect(bulletinError { _ = try workspace.addBulletin(loaded, BulletinRequest(level: "normal"), actor: actor) }?.1 == .noAudio)
        #expect(bulletinError { _ = try workspace.addBulletin(loaded, BulletinRequest(level: "normal", file: source, text: "x"), actor: actor) }?.1 == .fileAndText)
        #expect(bulletinError { _ = try workspace.addBulletin(loaded, BulletinRequest(level: "normal", file: source, times: 0), actor: actor) }?.0 == "times")
        #expect(bulletinError { _ = try workspace.addBulletin(loaded, BulletinRequest(level: "normal", file: source, times: 2, every: "5s"), actor: actor) }?.0 == "every")
        #expect(bulletinError { _ = try workspace.addBulletin(loaded, BulletinRequest(level: "normal", file: source, from: "2020-01-01 07:00"), actor: actor) }?.1 == .inPast)
        #expect(bulletinError { _ = try workspace.addBulletin(loaded, BulletinRequest(level: "normal", file: source, until: "hôm qua"), actor: actor) }?.0 == "until")
        #expect(bulletinError { _ = try workspace.addBulletin(loaded, BulletinRequest(level: "normal", file: s.path), actor: actor) }?.0 == "file")
        // A text that would take minutes to read and seconds of work to make is refused first.
        #expect(bulletinError { _ = try workspace.addBulletin(loaded, BulletinRequest(level: "normal", text: String(repeating: "0", count: 1_501)), actor: actor) }?.1
                == .textTooLong(characters: 1_501, limit: 1_500))
        // A gap no number can hold is refused, not a trap (a huge "1e300" once ended the server).
        #expect(bulletinError { _ = try workspace.addBulletin(loaded, BulletinRequest(level: "normal", file: source, times: 2, every: "1e300"), actor: actor) }?.0 == "every")
        // Repeats closer than the bulletin is long would hold the air: refused, nothing kept.
        #expect(bulletinError { _ = try workspace.addBulletin(loaded, BulletinRequest(level: "emergency", file: s.fx.path("Audio/tin/a.wav"), times: 3, every: "12s"), actor: actor) }?.1
                == .everyShorterThanBulletin(length: 10_000))
        #expect((try FileManager.default.contentsOfDirectory(atPath: workspace.bulletinFolder(loaded))).filter { !$0.hasPrefix(".") }.count == 4)
        // Nothing of the refused ones was kept.
        #expect(workspace.bulletins(loaded).count == 2)
    }

    @Test("A priority bulletin heads the next session, after its opening; the session's later airings follow it")
    func priority() throws {
        let s = station(); defer { s.fx.remove() }
        let text = try String(contentsOfFile: s.path, encoding: .utf8)
        try text.replacingOccurrences(of: "length: 1m}", with: "length: 1m, open: [nhac-hieu]}").write(toFile: s.path, atomically: true, encoding: .utf8)
        let loaded = try workspace.loadStation(s.path)
        let b = try workspace.addBulletin(loaded, BulletinRequest(level: "priority", file: s.fx.path("Audio/thong-bao.wav")), actor: .commandLine)
        // Now is Wednesday 2026-11-18 18:06: the next session is Thursday's 06:00.
        #expect(b.placed == Bulletin.Placement(week: "2026-W47", revision: 0, date: "2026-11-19", session: "sang"))
        let plan = try #require(workspace.plan(loaded, from: ISOWeek(year: 2026, week: 47)).first)
        let before = PlayoutTimeline(plan: plan)
        let after = PlayoutTimeline(plan: plan, bulletins: [(b, "/x.wav")])
        let thursday = after.entries.filter { $0.key.hasPrefix("2026-11-19.sang") || $0.item == b.id }
        #expect(thursday.first?.reason == .plan && thursday.dropFirst().first?.item == b.id)
        let shifted = zip(before.entries.filter { $0.key.hasPrefix("2026-11-19.sang") }, after.entries.filter { $0.key.hasPrefix("2026-11-19.sang") })
        #expect(shifted.dropFirst().allSatisfy { $1.start == $0.start + b.length })
        #expect(after.entries.filter { $0.key.hasPrefix("2026-11-20") } == before.entries.filter { $0.key.hasPrefix("2026-11-20") })
        // Where it stands: to air until its session ends, then aired or missed.
        #expect(workspace.state(of: b, loaded, aired: []) == .toAir)
        let later = Workspace(catalog: .none, lang: .en, now: { Date(timeIntervalSince1970: 1_795_000_000 + 86_400) })
        #expect(later.state(of: b, loaded, aired: []) == .missed)
        #expect(later.state(of: b, loaded, aired: [BulletinAiring(start: 0, played: 5000)]) == .aired)
        let normal = try workspace.addBulletin(loaded, BulletinRequest(level: "normal", file: s.fx.path("Audio/thong-bao.wav")), actor: .commandLine)
        #expect(workspace.state(of: normal, loaded, aired: []) == .toPlace)
        #expect(workspace.state(of: try workspace.cancelBulletin(loaded, id: normal.id, actor: .commandLine), loaded, aired: []) == .cancelled)
    }

    @Test("A priority bulletin in a written, approved week: a new revision of kind bulletin with it after the opening of the next session, its audio in the library, quotas held; the week still airs (authorised by its level), and the plans' audit does not take it for an unknown item")
    func priorityAmendment() throws {
        let s = station(); defer { s.fx.remove() }
        let text = try String(contentsOfFile: s.path, encoding: .utf8)
        try text.replacingOccurrences(of: "length: 1m}", with: "length: 1m, open: [nhac-hieu]}").write(toFile: s.path, atomically: true, encoding: .utf8)
        let loaded = try workspace.loadStation(s.path)
        let w47 = ISOWeek(year: 2026, week: 47)
        let written = try workspace.write(try #require(workspace.plan(loaded, from: w47).first), of: loaded, lang: .en)
        _ = try workspace.approve(folder: written.folder, by: "Nguyễn Văn An")
        let b = try workspace.addBulletin(loaded, BulletinRequest(level: "priority", file: s.fx.path("Audio/thong-bao.wav"), title: "Họp dân"), actor: .commandLine)
        #expect(b.placed == Bulletin.Placement(week: "2026-W47", revision: 2, date: "2026-11-19", session: "sang"))
        let h = workspace.history(loaded, week: w47)
        #expect(h.current?.kind == .bulletin && h.current?.number == 2)
        let doc = try #require(ScheduleDocument.read(folder: written.folder))
        let thursday = try #require(doc.sessions.first { $0.date == "2026-11-19" && $0.id == "sang" })
        #expect(thursday.airings.map(\.item).prefix(2) == ["nhac-hieu", b.id] && thursday.airings[1].reason == "bulletin")
        #expect(doc.compliant)
        #expect(FileManager.default.contents(atPath: loaded.audioFolder + "/ban-tin/xa-\(b.id).wav") == FileManager.default.contents(atPath: s.fx.path("Audio/thong-bao.wav")))
        let air = try workspace.airWeek(loaded, week: w47)
        #expect(air.revision == 2 && !air.draft && air.waiting == nil)
        let timeline = PlayoutTimeline(plan: air.plan, bulletins: [(b, "/x.wav")])
        #expect(timeline.entries.filter { $0.item == b.id }.map(\.reason) == [.bulletin])
        let audit = try #require(try workspace.audit([loaded], period: AuditPeriod.range(from: w47.monday, to: w47.sunday)!).first)
        #expect(!audit.issues.contains { $0.kind == .unknownItem })
        // The week stands approved everywhere it is asked: the audit, the to-do list, the approval's signer kept.
        #expect(audit.weeks.first?.approval == .approved)
        #expect(!workspace.tasks(loaded).contains { if case .nothingApprovedAirs = $0 { return true }; return false })
        #expect(workspace.readWeek(loaded, week: w47).state.approvedBy?.by == "Nguyễn Văn An")
    }

    func cap(_ type: String, id: String, urgency: String = "Immediate", severity: String = "Extreme", expires: String = "2026-11-19T20:00:00+07:00",
             references: String = "", resource: String = "", status: String = "Actual", description: String = "Lũ trên sông Thái Bình.") -> [UInt8] {
        Array("""
        <?xml version="1.0" encoding="UTF-8"?>
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
          <identifier>\(id)</identifier><sender>pctt@haiphong.gov.vn</sender><sent>2026-11-18T17:00:00+07:00</sent>
          <status>\(status)</status><msgType>\(type)</msgType><scope>Public</scope>\(references.isEmpty ? "" : "<references>\(references)</references>")
          <info><language>vi-VN</language><category>Met</category><event>Lũ</event>
            <urgency>\(urgency)</urgency><severity>\(severity)</severity><certainty>Observed</certainty>
            <expires>\(expires)</expires><headline>Cảnh báo lũ</headline><description>\(description)</description>\(resource)
          </info>
        </alert>
        """.utf8)
    }

    func capProblem(_ body: () throws -> Void) -> WorkspaceError.CAPProblem? {
        do { try body() } catch { if case .capRefused(_, let why)? = error as? WorkspaceError { return why } }
        return nil
    }

    @Test("CAP 1.2: an Alert airs at its level with its audio resource; the same again is nothing new; an Update replaces it; a Cancel stops it and airs nothing; expired, malformed, not CAP, not Actual are refused with why")
    func capImport() throws {
        let s = station(); defer { s.fx.remove() }
        let loaded = try workspace.loadStation(s.path)
        let resource = "<resource><resourceDesc>Bản tin</resourceDesc><mimeType>audio/x-wav</mimeType><uri>Audio/thong-bao.wav</uri></resource>"
        let name = s.fx.path("alert.xml")
        guard case .sent(let alert, let none) = try workspace.importCAP(loaded, bytes: cap("Alert", id: "A1", resource: resource), name: name, actor: .commandLine) else {
            Issue.record("not sent"); return
        }
        #expect(none.isEmpty && alert.level == .emergency && alert.cap?.identifier == "A1" && alert.length == 5000)
        // Hourly until it expires (2026-11-19 20:00): 26 airings from Wednesday 18:06:40.
        #expect(alert.airTimes.count == 26 && alert.every == 3_600_000, "\(alert.airTimes.count) \(alert.every) \(String(describing: alert.until))")
        guard case .repeated(let same) = try workspace.importCAP(loaded, bytes: cap("Alert", id: "A1", resource: resource), name: name, actor: .commandLine) else {
            Issue.record("imported twice"); return
        }
        #expect(same.id == alert.id)

        guard case .sent(let update, let replaced) = try workspace.importCAP(loaded, bytes: cap("Update", id: "A2", urgency: "Expected", severity: "Severe",
                                                                                                 references: "pctt@haiphong.gov.vn,A1,2026-11-18T17:00:00+07:00", resource: resource),
                                                                              name: name, actor: .commandLine) else { Issue.record("update"); return }
        #expect(replaced == [alert.id] && update.replaces == alert.id && update.level == .priority)
        #expect(try workspace.bulletin(loaded, id: alert.id).cancelled != nil)

        #expect(capProblem { _ = try workspace.importCAP(loaded, bytes: cap("Cancel", id: "A3", references: "pctt@haiphong.gov.vn,A2,x"), name: name, actor: .commandLine) }
                == .cancelMessage(cancelled: [update.id]))
        #expect(try workspace.bulletin(loaded, id: update.id).cancelled != nil)
        #expect(capProblem { _ = try workspace.importCAP(loaded, bytes: cap("Alert", id: "B1", expires: "2026-11-18T08:00:00+07:00", resource: resource), name: name, actor: .commandLine) }
                == .expired(at: "2026-11-18T08:00:00+07:00"))
        #expect(capProblem { _ = try workspace.importCAP(loaded, bytes: Array("<alert><identifier>x</identifier>".utf8), name: name, actor: .commandLine) }.map {
            if case .notXML = $0 { return true } else { return false } } == true)
        #expect(capProblem { _ = try workspace.importCAP(loaded, bytes: Array("<alert xmlns=\"urn:other\"><a/></alert>".utf8), name: name, actor: .commandLine) } == .notCAP)
        #expect(capProblem { _ = try workspace.importCAP(loaded, bytes: cap("Alert", id: "C1", resource: resource, status: "Exercise"), name: name, actor: .commandLine) }
                == .unsupportedStatus("Exercise"))
        #expect(capProblem { _ = try workspace.importCAP(loaded, bytes: Array("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><sender>x</sender></alert>".utf8), name: name, actor: .commandLine) }
                == .missing("identifier"))
        // An external entity is never fetched.
        let xxe = Array("<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>&e;</identifier></alert>".utf8)
        #expect(capProblem { _ = try workspace.importCAP(loaded, bytes: xxe, name: name, actor: .commandLine) } != nil)
        #expect(!workspace.bulletins(loaded).contains { $0.cap?.identifier.contains("root:") ?? false })
        #expect(workspace.bulletins(loaded).count == 2)
    }

    @Test("The playout's log names are its own: an upload under one is refused, nothing written")
    func reservedNames() throws {
        let s = station(); defer { s.fx.remove() }
        let loaded = try workspace.loadStation(s.path)
        let log = Array("start,item\n2026-11-18T06:00:00+07:00,nhac-hieu\n".utf8)
        for name in ["nhat-ky-phat-2026-11.csv", "nhat-ky-phat-2026-11-may-phat.csv", "nhat-ky-phat-2026-11-may-phat-3.csv"] {
            do { _ = try workspace.addPlayLog(to: loaded, name: name, bytes: log); Issue.record("\(name) was taken") } catch {
                guard case .reservedPlayLogName = error else { Issue.record("\(error)"); continue }
            }
            #expect(!FileManager.default.fileExists(atPath: loaded.weeksFolder + "/" + name))
        }
        #expect(try workspace.addPlayLog(to: loaded, name: "nhat-ky-loa-2026-11.csv", bytes: log).name == "nhat-ky-loa-2026-11.csv")
        #expect(PlayLogWriter.isPlayoutName("nhat-ky-phat-2026-11.csv") && !PlayLogWriter.isPlayoutName("nhat-ky-phat-2026-11-x.csv")
                && !PlayLogWriter.isPlayoutName("nhat-ky-phat-20a6-11.csv") && !PlayLogWriter.isPlayoutName("nhat-ky-phat-2026-11-may-phat-.csv"))
    }

    @Test("Bulletins' airings come from the play logs: LichPhat's own lines with reason bulletin")
    func airings() throws {
        let s = station(); defer { s.fx.remove() }
        let loaded = try workspace.loadStation(s.path)
        try FileManager.default.createDirectory(atPath: loaded.weeksFolder, withIntermediateDirectories: true)
        let t = CivilDate(year: 2026, month: 11, day: 18).daysSinceEpoch * 86_400_000 + 17 * 3_600_000
        try PlayLogWriter.append(PlayLogLine(start: t, end: t + 5000, item: "bt-1", file: "ban-tin/bt-1.wav", session: "", revision: 0, reason: .bulletin), folder: loaded.weeksFolder)
        try PlayLogWriter.append(PlayLogLine(start: t + 5000, end: t + 7000, item: "nhac-hieu", file: "nhac-hieu.wav", session: "sang", revision: 1, reason: .plan), folder: loaded.weeksFolder)
        #expect(workspace.bulletinAirings(loaded) == ["bt-1": [BulletinAiring(start: t, played: 5000)]])
        #expect(workspace.ownPlayLogs(of: loaded, period: AuditPeriod.range(from: CivilDate(year: 2026, month: 11, day: 1), to: CivilDate(year: 2026, month: 11, day: 30))!).count == 1)
        #expect(workspace.ownPlayLogs(of: loaded, period: AuditPeriod.range(from: CivilDate(year: 2026, month: 10, day: 1), to: CivilDate(year: 2026, month: 10, day: 31))!).isEmpty)
    }
}
