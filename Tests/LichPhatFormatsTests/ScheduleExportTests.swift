import Foundation
import Testing
import LichPhatCore
@testable import LichPhatFormats

func samplePlan(compliant: Bool = true) -> Plan {
    let m = 60_000
    var items = [
        Item(id: "nhac-hieu", title: "Nhạc hiệu", file: "nhac-hieu/nhạc hiệu.mp3", length: 20_500),
        Item(id: "vov", title: "Tiếp sóng VOV1", length: 5 * m, sessions: ["chieu"], priority: 1),
        Item(id: "nq57", title: "Nghị quyết 57, phần 1; \"đột phá\"", file: "nq57/nghị quyết 57.mp3", length: 3 * m + 500, tags: ["nq57"]),
        Item(id: "cds", title: "Chuyển đổi số", file: "chuyen-doi-so/cds.mp3", length: 4 * m, tags: ["chuyen-doi-so"]),
        Item(id: "tin", title: "Tin xã", file: "tin-tuc/tin xã.mp3", length: 2 * m, tags: ["tin-tuc"]),
    ]
    if !compliant { items[3].length = 40 * m }
    let station = Station(id: "nam-sach", name: "Đài truyền thanh xã Nam Sách",
        sessions: [SessionTemplate(id: "sang", name: "Buổi sáng", days: Set(Weekday.allCases), start: 6 * 60 * m, length: 15 * m, open: ["nhac-hieu"]),
                   SessionTemplate(id: "chieu", name: "Buổi chiều", days: [.mon, .thu], start: 17 * 60 * m, length: 20 * m)],
        items: items,
        rules: [QuotaRule(id: "nq57", name: "Tuyên truyền NQ57", tags: ["nq57"], perWeek: Quota(min: 1, max: 2)),
                QuotaRule(id: "cds", name: "Chuyển đổi số", tags: ["chuyen-doi-so"], perWeek: Quota(min: 1, max: 1), days: [.thu], sessions: ["chieu"])],
        fill: ["tin-tuc"])
    return Planner(station: station, seed: 3).plan(ISOWeek("2026-W48")!)
}

@Suite("Schedule exports")
struct ScheduleExportTests {
    let export = ScheduleExport(plan: samplePlan(), audioFolder: "/srv/radio/Audio",
                                weekFolder: "/srv/radio/Schedules/nam-sach/2026-W48", lang: .vi)

    @Test("M3U8: one entry per file airing, durations and relative paths that match the JSON")
    func m3u8() throws {
        let plan = export.plan
        for s in plan.sessions {
            let lines = export.m3u8(s).split(separator: "\n").map(String.init)
            #expect(lines.first == "#EXTM3U")
            let infos = lines.filter { $0.hasPrefix("#EXTINF:") }
            let paths = lines.filter { !$0.hasPrefix("#") }
            let files = s.airings.filter { $0.file != nil }
            #expect(infos.count == files.count && paths.count == files.count)
            for (info, a) in zip(infos, files) {
                let secs = Int(info.dropFirst(8).prefix { $0 != "," })!
                #expect(secs == Int((Double(a.length) / 1000).rounded(.up)))
                #expect(info.hasSuffix("," + a.title))
            }
            for (p, a) in zip(paths, files) { #expect(p == "../../../Audio/" + a.file!) }
            if s.airings.contains(where: { $0.file == nil }) { #expect(lines.contains { $0.hasPrefix("# Tiếp sóng") }) }
        }
        #expect(export.playlistName(plan.sessions[0]) == "2026-11-23_0600_sang.m3u8")
    }

    @Test("JSON: the schema's keys, ISO times with +07:00, seconds, and byte-identical output")
    func json() throws {
        let text = export.json()
        #expect(text == ScheduleExport(plan: samplePlan(), audioFolder: "/srv/radio/Audio", weekFolder: "/srv/radio/Schedules/nam-sach/2026-W48", lang: .vi).json())
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../schemas/schedule.schema.json")
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        for key in schema["required"] as? [String] ?? [] { #expect(doc[key] != nil, "\(key)") }
        let sessions = try #require(doc["sessions"] as? [[String: Any]])
        #expect(sessions[0]["start"] as? String == "2026-11-23T06:00:00+07:00")
        #expect(sessions[0]["length"] as? Double == 900)
        let first = try #require((sessions[0]["airings"] as? [[String: Any]])?.first)
        #expect(first["duration"] as? Double == 20.5 && first["file"] as? String == "nhac-hieu/nhạc hiệu.mp3")
        let relay = sessions.flatMap { $0["airings"] as? [[String: Any]] ?? [] }.first { $0["item"] as? String == "vov" }
        #expect(relay?["file"] is NSNull)
        #expect(doc["compliant"] as? Bool == true)
    }

    @Test("CSV: BOM, Vietnamese headers, one row per airing with the same columns")
    func csv() {
        let text = export.csv()
        #expect(text.hasPrefix("\u{FEFF}Ngày,Thứ,Buổi"))
        let rows = text.dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.count == 1 + export.plan.sessions.reduce(0) { $0 + $1.airings.count })
        #expect(rows[1].hasPrefix("23/11/2026,Thứ Hai,Buổi sáng,sang,06:00:00,nhac-hieu,"))
        #expect(rows.contains { $0.contains("\"Nghị quyết 57, phần 1; \"\"đột phá\"\"\"") })
    }

    @Test("iCalendar: one event per session, VTIMEZONE, CRLF, folded at 75 octets, escaped text")
    func ics() {
        let text = export.ics()
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        #expect(text.components(separatedBy: "BEGIN:VEVENT").count - 1 == export.plan.sessions.count)
        #expect(text.contains("BEGIN:VTIMEZONE\r\nTZID:Asia/Ho_Chi_Minh"))
        #expect(text.contains("TZOFFSETTO:+0700"))
        #expect(text.contains("DTSTART;TZID=Asia/Ho_Chi_Minh:20261123T060000"))
        #expect(text.contains("DTSTAMP:20261122T170000Z"))
        for line in text.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75) }
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("Nghị quyết 57\\, phần 1\\; \"đột phá\""))
    }

    @Test("Liquidsoap: one list of the session's files per session, switched at its weekday and time")
    func liquidsoap() {
        let text = export.liquidsoap()
        #expect(text.contains("s1 = amplify(override=\"liq_amplify\", 1., playlist.list(mode=\"normal\", loop=false, [\n    \"../../../Audio/nhac-hieu/nhạc hiệu.mp3\","))
        #expect(text.contains("({1w and 6h0m-6h15m}, s1)"))
        #expect(text.contains("({4w and 17h0m-17h20m}"))
        #expect(text.contains("radio = switch(track_sensitive=false, ["))
    }

    @Test("HTML: the printable week with its quota table and sign-off lines")
    func html() {
        let text = export.html()
        #expect(text.contains("<html lang=\"vi\">") && text.contains("@page { size: A4"))
        #expect(text.contains("LỊCH PHÁT SÓNG") && text.contains("Người lập") && text.contains("Duyệt"))
        #expect(text.contains("Thứ Năm, 26/11/2026"))
        #expect(text.contains("&quot;đột phá&quot;"))
        #expect(!text.contains("CHƯA ĐẠT"))
        let bad = ScheduleExport(plan: samplePlan(compliant: false), audioFolder: "/a", weekFolder: "/w", lang: .vi)
        #expect(bad.html().contains("LỊCH CHƯA ĐẠT CHỈ TIÊU"))
        #expect(bad.m3u8(bad.plan.sessions[0]).contains("NOT COMPLIANT"))
        #expect(bad.json().contains("\"compliant\": false"))
        #expect(bad.liquidsoap().contains("NOT COMPLIANT"))
        #expect(bad.ics().contains("SUMMARY:[CHƯA ĐẠT CHỈ TIÊU] "))
        #expect(bad.csv().components(separatedBy: "\r\n")[1].hasSuffix(",KHÔNG"))
        #expect(export.csv().components(separatedBy: "\r\n")[1].hasSuffix(",có"))
    }

    @Test("Week folders: written whole, an approved week refused, forced replacement keeps the approved one")
    func weekFolder() throws {
        let root = NSTemporaryDirectory() + "lichphat-week-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        let folder = root + "/2026-W48"
        try WeekFolder.write([("schedule.json", "{\"a\": 1}\n"), ("x.m3u8", "#EXTM3U\n")], to: folder, force: false)
        #expect(FileManager.default.contents(atPath: folder + "/x.m3u8") == Data("#EXTM3U\n".utf8))
        try WeekFolder.write([("schedule.json", "{\"a\": 2}\n")], to: folder, force: false)
        #expect(!FileManager.default.fileExists(atPath: folder + "/x.m3u8"))  // replaced whole
        let approval = try WeekFolder.approve(folder: folder, by: "Nguyễn Văn A")
        #expect(approval.sha256 == WeekFolder.sha256(Data("{\"a\": 2}\n".utf8)))
        #expect(WeekFolder.approval(in: folder)?.by == "Nguyễn Văn A")
        #expect(throws: WeekFolder.WriteError.self) { try WeekFolder.write([("schedule.json", "{}")], to: folder, force: false) }
        let moved = try #require(try WeekFolder.write([("schedule.json", "{\"a\": 3}\n")], to: folder, force: true))
        #expect(WeekFolder.approval(in: moved)?.by == "Nguyễn Văn A")
        #expect(WeekFolder.approval(in: folder) == nil)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root).filter { $0.contains(".tmp-") || $0.contains(".old-") }
        #expect(leftovers.isEmpty)
    }

    @Test("Each airing's gain is in schedule.json and applied by schedule.liq (amplify with liq_amplify); the M3U8 stays plain")
    func gains() throws {
        var plan = samplePlan()
        for k in plan.sessions.indices {
            for a in plan.sessions[k].airings.indices where plan.sessions[k].airings[a].file != nil {
                plan.sessions[k].airings[a].gain = plan.sessions[k].airings[a].item == "tin" ? -2.5 : 1.2
            }
        }
        let export = ScheduleExport(plan: plan, audioFolder: "/srv/radio/Audio", weekFolder: "/srv/radio/Schedules/nam-sach/2026-W48", lang: .vi)
        let liq = export.liquidsoap()
        #expect(liq.contains("amplify(override=\"liq_amplify\", 1., playlist.list("))
        #expect(liq.contains("\"annotate:liq_amplify=\\\"-2.5 dB\\\":../../../Audio/tin-tuc/tin xã.mp3\""))
        #expect(liq.contains("liq_amplify=\\\"+1.2 dB\\\""))
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(export.json().utf8)) as? [String: Any])
        let airings = (doc["sessions"] as? [[String: Any]] ?? []).flatMap { $0["airings"] as? [[String: Any]] ?? [] }
        #expect(airings.first { $0["item"] as? String == "tin" }?["gain"] as? Double == -2.5)
        #expect(airings.first { $0["item"] as? String == "vov" }?["gain"] is NSNull)
        #expect(!plan.sessions.map(export.m3u8).joined().contains("liq_amplify"))
    }

    @Test("History is read back from earlier weeks' schedule.json")
    func history() throws {
        let root = NSTemporaryDirectory() + "lichphat-hist-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        try WeekFolder.write(export.files(), to: root + "/2026-W48", force: false)
        let h = WeekFolder.history(in: root, before: ISOWeek("2026-W49")!, time: LogTime(timeZone: "Asia/Ho_Chi_Minh"))
        let planned = export.plan.sessions.flatMap(\.airings)
        #expect(h.airings.values.reduce(0) { $0 + $1.count } == planned.count)
        #expect(h.airings["nq57"]?.sorted() == planned.filter { $0.item == "nq57" }.map(\.start).sorted())
        #expect(WeekFolder.history(in: root, before: ISOWeek("2026-W48")!, time: LogTime(timeZone: "Asia/Ho_Chi_Minh")).airings.isEmpty)
    }
}
