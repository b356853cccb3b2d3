import Foundation
import Testing
import LichPhatCore
@testable import LichPhatFormats
import LichPhatText

@Suite("Audit input and reports")
struct AuditIOTests {
    let station = samplePlan().station
    var resolver: ItemResolver { ItemResolver(station: station, audioFolder: "/srv/radio/Audio") }
    let time = LogTime(timeZone: "Asia/Ho_Chi_Minh")

    func file(_ text: String) -> String {
        let p = NSTemporaryDirectory() + "lichphat-log-\(UUID().uuidString).csv"
        try! text.write(toFile: p, atomically: true, encoding: .utf8)
        return p
    }

    func local(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Int = 0) -> Int {
        CivilDate(year: y, month: m, day: d).daysSinceEpoch * 86_400_000 + ((h * 60 + mi) * 60 + s) * 1000
    }

    @Test("Times: ISO 8601 with or without an offset, and dd/MM/yyyy in station time")
    func times() {
        #expect(time.parse("2026-11-23T06:00:05+07:00") == local(2026, 11, 23, 6, 0, 5))
        #expect(time.parse("2026-11-22T23:00:00Z") == local(2026, 11, 23, 6, 0))
        #expect(time.parse("2026-11-23 06:00") == local(2026, 11, 23, 6, 0))
        #expect(time.parse("23/11/2026 17:05:30") == local(2026, 11, 23, 17, 5, 30))
        #expect(time.parse("2026-11-23T06:00:00.250+0700") == local(2026, 11, 23, 6, 0) + 250)
        for bad in ["hôm qua", "2026-13-01 06:00", "23/11/2026", "2026-11-23T25:00", ""] { #expect(time.parse(bad) == nil, "\(bad)") }
    }

    @Test("Play log: ids, relative paths, NFD names, unique file names; bad lines reported with their line")
    func playLog() {
        let nfd = "nq57/nghị quyết 57.mp3".decomposedStringWithCanonicalMapping
        let p = file("""
        start,item,file,played,status,device
        2026-11-23T06:00:00+07:00,nhac-hieu,,20.5,ok,cum-1
        23/11/2026 17:00:00,,\(nfd),180,ok,cum-1
        2026-11-24T06:00:00+07:00,,/srv/radio/Audio/tin-tuc/tin xã.mp3,,ok,
        2026-11-24T06:05:00+07:00,,tin xã.mp3,,failed,
        2026-11-25T06:00:00+07:00,,khong-co.mp3,,ok,
        hôm qua,nhac-hieu,,,ok,
        2026-11-26T06:00:00+07:00,nhac-hieu,,nhiều,ok,
        """)
        let r = PlayLogReader.read(path: p, resolver: resolver, time: time)
        #expect(r.records.map(\.item) == ["nhac-hieu", "nq57", "tin"])
        #expect(r.records[0].played == 20_500 && r.records[0].device == "cum-1")
        #expect(r.records[1].start == local(2026, 11, 23, 17, 0))
        let issues = r.issues.map { "\($0.kind.rawValue)@\($0.source!.line)" }
        #expect(issues == ["unknown-item@6", "malformed@7", "malformed@8"])
        #expect(r.skipped == 3 && r.lines == 7)
        #expect(AuditMessages.issue(r.issues[1], .vi).hasPrefix(p + ":7: dòng không hợp lệ"))
    }

    @Test("Platform event logs: a start and the next stop of a record on a device make one airing")
    func platformLog() {
        let p = file("""
        record_id,device_id,event_type,time
        nq57,loa-01,created,2026-11-20 10:00:00
        nq57,loa-01,playback started,2026-11-23 17:00:00
        nq57,loa-02,playback started,2026-11-23 17:00:01
        nq57,loa-01,stopped,2026-11-23 17:01:12
        nq57,loa-02,stopped,2026-11-23 17:03:01
        cds,loa-01,file error,2026-11-26 17:00:00
        """)
        let r = PlayLogReader.read(path: p, resolver: resolver, time: time)
        #expect(r.records.count == 2)
        #expect(r.records.first { $0.device == "loa-01" }?.played == 72_000)
        #expect(r.records.first { $0.device == "loa-02" }?.played == 180_000)
        #expect(r.issues.count == 1 && r.issues[0].malformed == .playbackError(event: "file error", record: "cds"))
        #expect(AuditMessages.issue(r.issues[0], .vi).contains("lỗi phát: file error (cds)"))
    }

    @Test("A hand-made schedule in the shape of schedule.csv reads back as the plan")
    func scheduleCSV() throws {
        let plan = samplePlan()
        let export = ScheduleExport(plan: plan, audioFolder: "/srv/radio/Audio", weekFolder: "/srv/w", lang: .vi)
        let p = file(export.csv())
        let r = PlanReader.read(path: p, resolver: resolver, time: time)
        let expected = plan.sessions.flatMap(\.airings)
        #expect(r.records.map(\.item) == expected.map(\.item))
        #expect(r.records.map(\.start) == expected.map(\.start))  // the CSV carries exact times
        #expect(r.records.map(\.length) == expected.map(\.length))
        #expect(r.weeks == [plan.week] && r.issues.isEmpty)
    }

    @Test("Reports: JSON with the schema's keys, CSV for Excel, HTML with a chart per rule")
    func reports() throws {
        let plan = samplePlan()
        let records = plan.sessions.flatMap { s in s.airings.map { AiringRecord(item: $0.item, start: $0.start, length: $0.length, session: s.instance.template.id, source: SourceRef(file: "p", line: 1)) } }
        let period = AuditPeriod(from: CivilDate(year: 2026, month: 11, day: 23), to: CivilDate(year: 2026, month: 11, day: 29))
        let a = Auditor(station: plan.station, period: period).audit(planned: records, aired: nil, approvals: [:])
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(AuditOutput.json([a], lang: .vi).utf8)) as? [String: Any])
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../schemas/audit.schema.json")
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        for key in schema["required"] as? [String] ?? [] { #expect(doc[key] != nil, "\(key)") }
        #expect(doc["basis"] as? String == "plans" && doc["compliant"] as? Bool == true)
        #expect((doc["reconciliation"] as? [String: Any])?["unapprovedWeeks"] as? [String] == ["2026-W48"])
        let csv = AuditOutput.csv([a, a], lang: .vi)
        #expect(csv.hasPrefix("\u{FEFF}Đài,Tuần"))
        #expect(csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 1 + 2 * (2 + 2))
        let html = AuditOutput.html([a])
        #expect(html.contains("BÁO CÁO KẾT QUẢ TUYÊN TRUYỀN") && html.contains("Người lập báo cáo"))
        #expect(html.components(separatedBy: "<svg").count - 1 == plan.station.rules.count)
        #expect(html.contains(AuditOutput.esc(AuditMessages.verdict(a, .vi))))
        // Items with their own quota get a column in the week tables.
        let notice = Item(id: "tb", title: "Thông báo tiêm chủng", file: "tb.wav", length: 45_000, perWeek: Quota(min: 3))
        var withNotice = plan.station
        withNotice.items.append(notice)
        let b = Auditor(station: withNotice, period: period).audit(planned: records, aired: nil, approvals: [:])
        #expect(AuditOutput.html([b]).contains("<th>Thông báo tiêm chủng<br><span class=\"band\">tối thiểu 3 lượt/tuần</span></th>"))
        #expect(AuditOutput.html([b]).contains("<td class=\"under\">0 lượt, 0,0 phút</td>"))
        #expect(AuditOutput.table([b], lang: .vi).contains("tb"))
        let set = try #require(try JSONSerialization.jsonObject(with: Data(AuditOutput.json([a, a], lang: .en).utf8)) as? [String: Any])
        #expect((set["stations"] as? [Any])?.count == 2 && (set["rollup"] as? [Any])?.count == 4)
        #expect(AuditOutput.html([a, a]).contains("Tổng hợp theo đài"))
    }
}

@Suite("Play-log file names to items")
struct ResolverTests {
    let resolver = ItemResolver(station: Station(id: "x", name: "X", sessions: [], items: [
        Item(id: "tin-xa", title: "Tin xã", file: "xa/tin/tin.mp3", length: 1000),
        Item(id: "tin-huyen", title: "Tin huyện", file: "huyen/tin.mp3", length: 1000),
        Item(id: "nhac", title: "Nhạc", file: "nhac/nen.mp3", length: 1000),
    ], rules: []), audioFolder: "/srv/radio/Audio")

    @Test("The item whose path shares the longest tail with the logged path wins, whatever the dictionary order")
    func longestSuffix() {
        #expect(resolver.match(item: nil, file: "xa/tin/tin.mp3") == .item("tin-xa"))
        #expect(resolver.match(item: nil, file: "/srv/radio/Audio/huyen/tin.mp3") == .item("tin-huyen"))
        #expect(resolver.match(item: nil, file: "D:\\Radio\\xa\\tin\\tin.mp3") == .item("tin-xa"))
        #expect(resolver.match(item: nil, file: "/media/usb/tin/tin.mp3") == .item("tin-xa"))     // shares tin/tin.mp3
        #expect(resolver.match(item: nil, file: "/media/usb/huyen/tin.mp3") == .item("tin-huyen"))
        #expect(resolver.match(item: nil, file: "nen.mp3") == .item("nhac"))                       // a unique name
    }

    @Test("A name two items fit equally is reported as ambiguous, never guessed")
    func ambiguous() {
        #expect(resolver.match(item: nil, file: "tin.mp3") == .ambiguous(["tin-huyen", "tin-xa"]))
        #expect(resolver.match(item: nil, file: "/media/usb/khac/tin.mp3") == .ambiguous(["tin-huyen", "tin-xa"]))
        #expect(resolver.resolve(item: nil, file: "tin.mp3") == nil)
        #expect(resolver.match(item: nil, file: "khong-co.mp3") == .unknown)
        let log = "start,file\n2026-11-23T06:00:00+07:00,tin.mp3\n2026-11-23T06:01:00+07:00,xa/tin/tin.mp3\n"
        let r = PlayLogReader.read(bytes: Array(log.utf8), name: "log.csv", resolver: resolver,
                                   time: LogTime(timeZone: "Asia/Ho_Chi_Minh"))
        #expect(r.records.map(\.item) == ["tin-xa"])
        #expect(r.issues.map(\.kind) == [.ambiguousItem])
        #expect(r.issues.first.map { AuditMessages.issue($0, .vi) }?.contains("tin-huyen, tin-xa") == true)
        #expect(r.issues.first?.source?.line == 2)
    }
}

@Suite("Unreadable plan lines are worded in the operator's language")
struct PlanReaderWordingTests {
    @Test("A hand-made schedule without its columns, and a .json that is no schedule: reasons, in Vietnamese or English (were English only)")
    func wording() throws {
        let folder = NSTemporaryDirectory() + "lichphat-plans-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "Tên,Giờ\nA,06:00\n".write(toFile: folder + "/lich.csv", atomically: true, encoding: .utf8)
        try "{\"x\": 1}".write(toFile: folder + "/khac.json", atomically: true, encoding: .utf8)
        let station = Station(id: "x", name: "X", sessions: [], items: [], rules: [])
        let resolver = ItemResolver(station: station, audioFolder: "/a")
        let time = LogTime(timeZone: "Asia/Ho_Chi_Minh")
        let csv = PlanReader.read(path: folder + "/lich.csv", resolver: resolver, time: time)
        #expect(csv.issues.first?.malformed == .scheduleHeader)
        #expect(csv.issues.first.map { AuditMessages.issue($0, .vi) }?.contains("dòng tiêu đề cần cột Ngày/Date") == true)
        let json = PlanReader.read(path: folder + "/khac.json", resolver: resolver, time: time)
        #expect(json.issues.first.map { AuditMessages.issue($0, .vi) }?.contains("không phải schedule.json của LichPhat") == true)
        #expect(json.issues.first.map { AuditMessages.issue($0, .en) }?.contains("not a LichPhat schedule.json") == true)
    }
}

@Suite("Plans from bytes")
struct PlanBytesTests {
    @Test("A schedule CSV uploaded as bytes (UTF-16 from a spreadsheet too) reads exactly like the same file on disk")
    func bytes() throws {
        let plan = samplePlan()
        let csv = ScheduleExport(plan: plan, audioFolder: "/srv/radio/Audio", weekFolder: "/srv/w", lang: .vi).csv()
        let resolver = ItemResolver(station: plan.station, audioFolder: "/srv/radio/Audio")
        let time = LogTime(timeZone: "Asia/Ho_Chi_Minh")
        let utf8 = PlanReader.read(bytes: Array(csv.utf8), name: "lich.csv", resolver: resolver, time: time)
        #expect(utf8.records.count == plan.sessions.flatMap(\.airings).count)
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in csv.dropFirst().utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }   // without the UTF-8 BOM character
        let fromUTF16 = PlanReader.read(bytes: utf16, name: "lich.csv", resolver: resolver, time: time)
        #expect(fromUTF16.records.map(\.start) == utf8.records.map(\.start))
        #expect(fromUTF16.records.map(\.item) == utf8.records.map(\.item))
        let json = ScheduleExport(plan: plan, audioFolder: "/a", weekFolder: "/w", lang: .vi).json()
        #expect(PlanReader.read(bytes: Array(json.utf8), name: "schedule.json", resolver: resolver, time: time).records.count == utf8.records.count)
    }
}
