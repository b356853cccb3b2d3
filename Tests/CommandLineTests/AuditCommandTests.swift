import Foundation
import TestSupport
import Testing

@Suite("lichphat audit, end to end")
struct AuditCommandTests {
    /// Plans November's last two weeks (W47 approved) and returns the fixture.
    func planned() throws -> (StationFixture, String) {
        let fx = StationFixture()
        let station = fx.station()
        #expect(try Run(["plan", station, "--week", "2026-W47", "--weeks", "2", "--no-cache"]).status == 0)
        #expect(try Run(["approve", fx.root + "/Schedules/xa-thu/2026-W47", "--by", "Trần Thị B"]).status == 0)
        return (fx, station)
    }

    /// The planned airings of a week, as a play log.
    func log(_ fx: StationFixture, weeks: [String], drop: (([String: Any]) -> Bool)? = nil) throws -> String {
        var lines = ["start,item,played,device"]
        for w in weeks {
            let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: fx.root + "/Schedules/xa-thu/\(w)/schedule.json"))) as! [String: Any]
            for s in doc["sessions"] as! [[String: Any]] {
                for a in s["airings"] as! [[String: Any]] where !(drop?(a) ?? false) {
                    lines.append("\(a["start"]!),\(a["item"]!),\(a["duration"]!),cum-1")
                }
            }
        }
        let path = fx.root + "/nhat-ky.csv"
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("From plans: compliant, exit 0, says its basis; the unapproved week is named")
    func fromPlans() throws {
        let (fx, station) = try planned(); defer { fx.remove() }
        defer { withExtendedLifetime(fx) {} }  // the fixture's folder lives as long as the test
        let r = try Run(["audit", station, "--from", "2026-11-16", "--to", "2026-11-29", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(doc["basis"] as? String == "plans" && doc["compliant"] as? Bool == true)
        #expect((doc["weeks"] as? [Any])?.count == 2)
        #expect((doc["reconciliation"] as? [String: Any])?["unapprovedWeeks"] as? [String] == ["2026-W48"])
    }

    @Test("From a play log that missed the column: exit 1, the week and the reconciliation")
    func fromLog() throws {
        let (fx, station) = try planned(); defer { fx.remove() }
        let path = try log(fx, weeks: ["2026-W47", "2026-W48"]) { a in
            (a["rules"] as? [String])?.contains("cds") == true && (a["start"] as? String)?.hasPrefix("2026-11-26") == true
        }
        let r = try Run(["audit", station, "--period", "2026-11", "--asrun", path, "--lang", "en"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("DID NOT MEET") && r.stdout.contains("from the play logs"))
        #expect(r.stdout.contains("Week 2026-W48 (23/11/2026–29/11/2026): “Chuyên mục Chuyển đổi số” 0 airings"))
        #expect(r.stdout.contains("1 planned but not aired"))
    }

    @Test("Reports go to --out atomically and are never overwritten without --force")
    func out() throws {
        let (fx, station) = try planned(); defer { fx.remove() }
        let report = fx.root + "/bao-cao.html"
        let weeks = ["--from", "2026-11-16", "--to", "2026-11-29"]
        let first = try Run(["audit", station, "--format", "html", "--out", report] + weeks)
        #expect(first.status == 0 && first.stdout.isEmpty)
        let html = try String(contentsOfFile: report, encoding: .utf8)
        #expect(html.contains("BÁO CÁO KẾT QUẢ TUYÊN TRUYỀN") && html.contains("<svg"))
        let again = try Run(["audit", station, "--format", "html", "--out", report] + weeks)
        #expect(again.status == 2 && again.stderr.contains("--force"))
        #expect(try Run(["audit", station, "--format", "csv", "--out", report, "--force"] + weeks).status == 0)
        #expect(FileManager.default.contents(atPath: report)?.starts(with: Data("\u{FEFF}Đài,Tuần".utf8)) == true)
        // The whole month has two weeks without plans: not compliant.
        #expect(try Run(["audit", station, "--period", "2026-11"]).status == 1)
    }

    @Test("Bad usage and bad input: exit 2 with a message")
    func usage() throws {
        let (fx, station) = try planned(); defer { fx.remove() }
        #expect(try Run(["audit", station, "--period", "2026-13"]).status == 2)
        #expect(try Run(["audit", station, "--from", "2026-11-30", "--to", "2026-11-01"]).status == 2)
        let missing = try Run(["audit", station, "--asrun", fx.root + "/khong-co.csv"])
        #expect(missing.status == 2 && missing.stderr.contains("khong-co.csv"))
    }

    @Test("Several stations: a section each and a roll-up; logs go to the station they name")
    func severalStations() throws {
        let (fx, station) = try planned(); defer { fx.remove() }
        let other = fx.root + "/Schedules/xa-khac.yaml"
        try String(contentsOfFile: station, encoding: .utf8)
            .replacingOccurrences(of: "id: xa-thu, name: \"Đài truyền thanh xã Thử\"", with: "id: xa-khac, name: \"Đài truyền thanh xã Khác\"")
            .write(toFile: other, atomically: true, encoding: .utf8)
        let r = try Run(["audit", station, other, "--period", "2026-11"])
        #expect(r.stdout.contains("Tổng hợp theo đài") && r.stdout.contains("Đài truyền thanh xã Khác"))
        #expect(r.status == 1)  // xã Khác has no plans: nothing aired
        let unclear = try Run(["audit", station, other, "--asrun", try log(fx, weeks: ["2026-W47"])])
        #expect(unclear.status == 2 && unclear.stderr.contains("xa-thu, xa-khac"))
    }
}
