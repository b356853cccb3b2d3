import CSndFile
import Foundation
import Testing
import TestSupport

/// A station folder: Audio/ with synthesised files and a station file beside it.
final class StationFixture {
    let lib = Fixtures(prefix: "lichphat-cli-")
    var root: String { lib.folder }
    func remove() { lib.remove() }

    /// Short files at 16 kHz keep the debug-build analysis quick; sessions are a minute long.
    init(audio: [String: Double] = ["nhac-hieu.wav": 2, "nq57/a.wav": 6, "nq57/b.wav": 9,
                                    "cds/so-1.wav": 12, "tin/tin 1.wav": 4, "tin/tin 2.wav": 5]) {
        for (name, seconds) in audio {
            let dir = ((root + "/Audio/" + name) as NSString).deletingLastPathComponent
            try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            lib.tone("Audio/" + name, seconds: seconds, rate: 16000)
        }
        try! FileManager.default.createDirectory(atPath: root + "/Schedules", withIntermediateDirectories: true)
    }

    func station(_ extra: String = "", cdsLength: String? = nil, nhacHieu: String = "nhac-hieu.wav") -> String {
        let text = """
        station: {id: xa-thu, name: "Đài truyền thanh xã Thử"}
        audio: ../Audio
        policy: {loudness_tolerance: 40}
        sessions:
          - {id: sang, name: "Buổi sáng", days: daily, start: "06:00", length: 1m, open: [nhac-hieu]}
          - {id: chieu, name: "Buổi chiều", days: weekdays, start: "17:00", length: \(cdsLength ?? "1m")}
        items:
          - {id: nhac-hieu, title: "Nhạc hiệu", file: "\(nhacHieu)"}
          - {folder: nq57/, tags: [nq57]}
          - {folder: cds/, tags: [chuyen-doi-so]}
          - {folder: tin/, tags: [tin-tuc]}
        rules:
          - {id: nq57, name: "Tuyên truyền Nghị quyết 57-NQ/TW", tags: [nq57], per_week: {min: 1, max: 2}}
          - {id: cds, name: "Chuyên mục Chuyển đổi số", tags: [chuyen-doi-so], per_week: {min: 1, max: 1}, days: [thu], sessions: [chieu]}
        fill: [tin-tuc]
        \(extra)
        """
        let path = root + "/Schedules/xa-thu.yaml"
        try! text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    var week: String { root + "/Schedules/xa-thu/2026-W48" }
}

@Suite("lichphat plan, approve and check, end to end")
struct PlanCommandTests {
    @Test("Plans a week into its folder; the same inputs give byte-identical files")
    func plans() throws {
        let fx = StationFixture(); defer { fx.remove() }
        let station = fx.station()
        let r = try Run(["plan", station, "--week", "2026-W48", "--no-cache"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("đạt mọi chỉ tiêu"))
        let names = try FileManager.default.contentsOfDirectory(atPath: fx.week).sorted()
        #expect(names.contains("schedule.json") && names.contains("schedule.ics") && names.contains("schedule.liq"))
        #expect(names.filter { $0.hasSuffix(".m3u8") }.count == 12)
        let first = try names.map { try Data(contentsOf: URL(fileURLWithPath: fx.week + "/" + $0)) }
        #expect(try Run(["plan", station, "--week", "2026-11-25", "--no-cache"]).status == 0)
        let second = try names.map { try Data(contentsOf: URL(fileURLWithPath: fx.week + "/" + $0)) }
        #expect(first == second)
        // A playlist entry points at a real file.
        let playlist = try String(contentsOfFile: fx.week + "/2026-11-23_0600_sang.m3u8", encoding: .utf8)
        let entry = try #require(playlist.split(separator: "\n").first { !$0.hasPrefix("#") })
        #expect(FileManager.default.fileExists(atPath: fx.week + "/" + entry))
    }

    @Test("--explain tells why each airing is there; --weeks carries history")
    func explainAndWeeks() throws {
        let fx = StationFixture(); defer { fx.remove() }
        let r = try Run(["plan", fx.station(), "--week", "2026-W48", "--weeks", "2", "--explain", "--no-cache", "--lang", "en"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("meets the rule “Chuyên mục Chuyển đổi số”"))
        #expect(r.stdout.contains("fills the time left"))
        #expect(FileManager.default.fileExists(atPath: fx.root + "/Schedules/xa-thu/2026-W49/schedule.json"))
        // The two NQ57 programmes take turns.
        func nq57(_ week: String) throws -> String {
            let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: fx.root + "/Schedules/xa-thu/\(week)/schedule.json"))) as! [String: Any]
            let airings = (doc["sessions"] as! [[String: Any]]).flatMap { $0["airings"] as! [[String: Any]] }
            return airings.first { ($0["rules"] as! [String]).contains("nq57") }!["item"] as! String
        }
        #expect(try nq57("2026-W48") != nq57("2026-W49"))
    }

    @Test("An impossible week: exit 3, the numbers, nothing written; --allow-shortfall writes it marked")
    func shortfall() throws {
        let fx = StationFixture(); defer { fx.remove() }
        let station = fx.station(cdsLength: "10s")
        let r = try Run(["plan", station, "--week", "2026-W48", "--no-cache", "--lang", "en"])
        #expect(r.status == 3)
        #expect(r.stdout.contains("Rule “Chuyên mục Chuyển đổi số” is 1 airing short"))
        #expect(r.stdout.contains("the shortest 0.2 min"))
        #expect(!FileManager.default.fileExists(atPath: fx.week))
        let forced = try Run(["plan", station, "--week", "2026-W48", "--no-cache", "--allow-shortfall"])
        #expect(forced.status == 3)
        let json = try String(contentsOfFile: fx.week + "/schedule.json", encoding: .utf8)
        #expect(json.contains("\"compliant\": false") && json.contains("\"code\": \"shortfall\""))
        let check = try Run(["check", station, "--week", "2026-W48", "--lang", "en"])
        #expect(check.status == 3)
    }

    @Test("An approved week is never planned whole again: the approved revision stays byte for byte; history lists who did what")
    func approval() throws {
        let fx = StationFixture(); defer { fx.remove() }
        let station = fx.station()
        let planned = try Run(["plan", station, "--week", "2026-W48", "--no-cache"])
        #expect(planned.status == 0 && planned.stdout.contains("bản 1 (lập lịch)"))
        // Planned again to the same week: no new revision.
        let again = try Run(["plan", station, "--week", "2026-W48", "--no-cache"])
        #expect(again.status == 0 && again.stdout.contains("không đổi: vẫn là bản 1"))
        let stale = try Run(["approve", fx.week, "--by", "Nguyễn Văn A", "--revision", "2"])
        #expect(stale.status == 1 && !FileManager.default.fileExists(atPath: fx.week + "/approval.json"))
        let approve = try Run(["approve", fx.week, "--by", "Nguyễn Văn A", "--revision", "1"])
        #expect(approve.status == 0 && approve.stdout.contains("Nguyễn Văn A") && approve.stdout.contains("bản 1"))
        #expect(try Run(["approve", fx.week, "--by", "B"]).status == 1)
        let schedule = try Data(contentsOf: URL(fileURLWithPath: fx.week + "/schedule.json"))
        let approval = try Data(contentsOf: URL(fileURLWithPath: fx.week + "/approval.json"))
        let refused = try Run(["plan", station, "--week", "2026-W48", "--no-cache"])
        #expect(refused.status == 4 && refused.stderr.contains("Nguyễn Văn A") && refused.stderr.contains("amend"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: fx.week + "/schedule.json")) == schedule)
        #expect(try Data(contentsOf: URL(fileURLWithPath: fx.week + "/approval.json")) == approval)
        #expect(try Run(["plan", station, "--week", "2026-W48", "--no-cache", "--force"]).status == 2)   // no such thing any more
        let history = try Run(["history", station, "--week", "2026-W48", "--format", "json", "--no-cache"])
        #expect(history.status == 0)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [String: Any])
        let revisions = try #require(doc["revisions"] as? [[String: Any]])
        #expect(revisions.count == 1 && revisions[0]["kind"] as? String == "plan" && revisions[0]["via"] as? String == "cli")
        #expect((revisions[0]["approved"] as? [String: Any])?["by"] as? String == "Nguyễn Văn A")
        #expect(try Run(["approve", fx.root + "/nowhere", "--by", "A"]).status == 2)
    }

    @Test("A running week: planning changes only sessions not yet begun, and again changes nothing; begun sessions keep what was written; a pinned opening item is not doubled")
    func runningWeek() throws {
        let fx = StationFixture(); defer { fx.remove() }
        let station = fx.station()
        #expect(try Run(["plan", station, "--week", "2026-W48", "--no-cache"]).status == 0)   // before the week (the tests' clock)
        func sessions() throws -> [[String: Any]] {
            let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: fx.week + "/schedule.json"))) as? [String: Any]
            return doc?["sessions"] as? [[String: Any]] ?? []
        }
        func ids(_ s: [String: Any]) -> [String] { (s["airings"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String } }
        let before = try sessions()
        // Wednesday 25/11 10:00: Monday, Tuesday and Wednesday morning have begun.
        let wednesday = ["LICHPHAT_NOW": "2026-11-25T10:00:00+07:00"]
        let first = try Run(["plan", station, "--week", "2026-W48", "--no-cache", "--seed", "7"], environment: wednesday)
        #expect(first.status == 0, "\(first.stderr)")
        let after = try sessions()
        for (a, b) in zip(before, after) where (a["start"] as? String ?? "") < "2026-11-25T10" {
            #expect(ids(a) == ids(b), "\(a["date"] ?? "") \(a["id"] ?? "") changed")
        }
        let again = try Run(["plan", station, "--week", "2026-W48", "--no-cache", "--seed", "7"], environment: wednesday)
        #expect(again.status == 0 && again.stdout.contains("không đổi"), "\(again.stdout)")
        #expect(try sessions().map(ids) == after.map(ids))
        for s in after { #expect(ids(s).filter { $0.hasSuffix("~2") }.isEmpty, "\(ids(s))") }
    }

    @Test("A running week's minimum counts what begun sessions aired: re-planned on Thursday, a rule of 7 a week is met (not a false shortfall) and its maximum not passed")
    func runningWeekQuotas() throws {
        let fx = StationFixture(); defer { fx.remove() }
        let station = fx.station()
        var text = try String(contentsOfFile: station, encoding: .utf8)
        text = text.replacingOccurrences(of: "rules:\n", with: "rules:\n  - {id: tin, name: \"Tin mỗi sáng\", tags: [tin-tuc], per_week: {min: 7, max: 7}, sessions: [sang]}\n")
        try text.write(toFile: station, atomically: true, encoding: .utf8)
        #expect(try Run(["plan", station, "--week", "2026-W48", "--no-cache"]).status == 0)
        let thursday = ["LICHPHAT_NOW": "2026-11-26T10:00:00+07:00"]
        let again = try Run(["plan", station, "--week", "2026-W48", "--no-cache", "--seed", "3"], environment: thursday)
        #expect(again.status == 0, "\(again.stdout) \(again.stderr)")
        let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: fx.week + "/schedule.json"))) as? [String: Any]
        let rule = (doc?["rules"] as? [[String: Any]])?.first { $0["id"] as? String == "tin" }
        #expect(rule?["count"] as? Int == 7 && rule?["status"] as? String == "ok", "\(String(describing: rule))")
    }

    @Test("Time moves one way: a week that has ended is planned only with --past, and is marked so")
    func pastWeek() throws {
        let fx = StationFixture(); defer { fx.remove() }
        let station = fx.station()
        let late = ["LICHPHAT_NOW": "2026-12-07T10:00:00+07:00"]
        let refused = try Run(["plan", station, "--week", "2026-W48", "--no-cache"], environment: late)
        #expect(refused.status == 2 && refused.stderr.contains("đã qua") && refused.stderr.contains("--past"))
        #expect(!FileManager.default.fileExists(atPath: fx.week + "/schedule.json"))
        let past = try Run(["plan", station, "--week", "2026-W48", "--no-cache", "--past"], environment: late)
        #expect(past.status == 0 && past.stdout.contains("lập sau khi tuần đã qua"))
        let history = try String(contentsOfFile: fx.week + "/history.json", encoding: .utf8)
        #expect(history.contains("\"afterTheFact\" : true"))
        // Written and ended: every session aired as written; planning it again changes nothing.
        let again = try Run(["plan", station, "--week", "2026-W48", "--no-cache", "--past", "--seed", "9"], environment: late)
        #expect(again.status == 0 && again.stdout.contains("không đổi: vẫn là bản 1"), "\(again.stdout)")
        #expect(try String(contentsOfFile: fx.week + "/history.json", encoding: .utf8) == history)
    }

    @Test("check --week W exits 3 exactly when plan --week W does, over stations that can and cannot be planned, with history")
    func checkAgreesWithPlan() throws {
        let fx = StationFixture(); defer { fx.remove() }
        let cases: [(extra: String, chieu: String?)] = [
            ("", nil),
            ("", "10s"),                                    // the column cannot fit on Thursday
            ("repeat_gap: 168h", nil),                      // one airing of an item per week
            ("repeat_gap: 168h", "20s"),
            ("", "13s"),                                    // exactly one minute-less session
        ]
        var seen = Set<Int32>()
        for (n, c) in cases.enumerated() {
            let station = fx.station(c.extra, cdsLength: c.chieu)
            for week in ["2026-W47", "2026-W48"] {
                let check = try Run(["check", station, "--week", week, "--no-cache"])
                let plan = try Run(["plan", station, "--week", week, "--no-cache"])
                #expect((check.status == 3) == (plan.status == 3), "case \(n) \(week): check \(check.status), plan \(plan.status)\n\(check.stdout)\n\(plan.stdout)")
                seen.insert(plan.status)
            }
        }
        #expect(seen.contains(0) && seen.contains(3), "the cases cover both outcomes: \(seen)")
    }

    @Test("check: a wrong key with line and suggestion (exit 2); a sound file (exit 0)")
    func check() throws {
        let fx = StationFixture(); defer { fx.remove() }
        let ok = try Run(["check", fx.station(), "--week", "2026-W48"])
        #expect(ok.status == 0 && ok.stdout.contains("Tệp trạm hợp lệ"))
        let bad = fx.station("repeat_gapp: 20h")
        let r = try Run(["check", bad, "--lang", "en"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("xa-thu.yaml:16:1: Unknown key “repeat_gapp”. Did you mean “repeat_gap”?"))
    }

    @Test("A missing or failing audio file is reported and never planned")
    func missingFile() throws {
        let fx = StationFixture(); defer { fx.remove() }
        let r = try Run(["plan", fx.station(nhacHieu: "khong-co.wav"), "--week", "2026-W48", "--no-cache", "--lang", "en"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Item “nhac-hieu” is not planned: no file “khong-co.wav”"))
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: fx.week + "/schedule.json"))) as? [String: Any])
        let airings = (doc["sessions"] as? [[String: Any]] ?? []).flatMap { $0["airings"] as? [[String: Any]] ?? [] }
        #expect(!airings.isEmpty && !airings.contains { $0["item"] as? String == "nhac-hieu" })
        // The file stores what was found, not the sentence: the item and the missing file, as values.
        #expect(compactJSON(doc["problems"]).contains(#""itemUnusable":{"item":"nhac-hieu","reason":{"missingFile":{"_0":"khong-co.wav"}}}"#))
    }

    @Test("A file stored under an NFD name is found by its NFC name, and the playlist uses the disk's spelling")
    func nfdFile() throws {
        let nfd = "nhạc hiệu".decomposedStringWithCanonicalMapping + ".wav"
        let fx = StationFixture(audio: ["nq57/a.wav": 6, "cds/so-1.wav": 12, "tin/tin 1.wav": 4, nfd: 2]); defer { fx.remove() }
        let r = try Run(["plan", fx.station(nhacHieu: "nhạc hiệu.wav"), "--week", "2026-W48", "--no-cache"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let playlist = try String(contentsOfFile: fx.week + "/2026-11-23_0600_sang.m3u8", encoding: .utf8)
        let entry = try #require(playlist.split(separator: "\n").first { !$0.hasPrefix("#") })
        #expect(FileManager.default.fileExists(atPath: fx.week + "/" + entry))
        #expect(Array(entry.unicodeScalars).count > Array(("../../../Audio/nhạc hiệu.wav").unicodeScalars).count)
    }
}

/// A JSON value written compactly with sorted keys, for comparing a part of a document.
func compactJSON(_ value: Any?) -> String {
    guard let value, let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]) else { return "" }
    return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\\/", with: "/")
}

@Suite("lichphat library, end to end")
struct LibraryCommandTests {
    @Test("remove refuses a file in use (exit 1, naming the item) and sets an unused one aside; replace takes a playing new version, refuses one that does not play")
    func care() throws {
        let fx = StationFixture(audio: ["nhac-hieu.wav": 2, "nq57/a.wav": 6, "cds/so-1.wav": 12, "tin/tin 1.wav": 4, "le/thừa.wav": 3])
        defer { fx.remove() }
        let station = fx.station()
        let used = try Run(["library", "remove", station, "nhac-hieu.wav", "--no-cache"])
        #expect(used.status == 1 && used.stderr.contains("Chưa xoá “nhac-hieu.wav”") && used.stderr.contains("nhac-hieu"), "\(used.stderr)")
        let gone = try Run(["library", "remove", station, "le/thừa.wav", "--no-cache"])
        #expect(gone.status == 0 && gone.stdout.contains("Đã xoá “le/thừa.wav”"), "\(gone.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fx.root + "/Audio/le/thừa.wav"))
        let outside = try Run(["library", "remove", station, "../Schedules/xa-thu.yaml", "--no-cache"])
        #expect(outside.status == 2 && FileManager.default.fileExists(atPath: station))
        try Data("không phải âm thanh".utf8).write(to: URL(fileURLWithPath: fx.root + "/rac.wav"))
        let junk = try Run(["library", "replace", station, "tin/tin 1.wav", "--with", fx.root + "/rac.wav", "--no-cache"])
        #expect(junk.status == 2 && junk.stderr.contains("Không nhận tệp"), "\(junk.stderr)")
        let fresh = try Run(["library", "replace", station, "tin/tin 1.wav", "--with", fx.root + "/Audio/nq57/a.wav", "--no-cache"])
        #expect(fresh.status == 0 && fresh.stdout.contains("Đã thay “tin/tin 1.wav”"), "\(fresh.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: fx.root + "/Audio/tin/tin 1.wav")) == Data(contentsOf: URL(fileURLWithPath: fx.root + "/Audio/nq57/a.wav")))
        let renamed = try Run(["library", "rename", station, "tin/tin 1.wav", "tin một.wav", "--no-cache"])
        #expect(renamed.status == 0 && FileManager.default.fileExists(atPath: fx.root + "/Audio/tin/tin một.wav"), "\(renamed.stderr)")
        #expect(try Run(["library", "rename", station, "nhac-hieu.wav", "khac.wav", "--no-cache"]).status == 1)
    }
}
