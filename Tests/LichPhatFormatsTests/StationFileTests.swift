import Foundation
import Testing
import LichPhatCore
@testable import LichPhatFormats

@Suite("Station files")
struct StationFileTests {
    let good = """
    station: {id: nam-sach, name: "Đài truyền thanh xã Nam Sách", timezone: Asia/Ho_Chi_Minh}
    audio: ../Audio
    policy: {loudness_target: -18}
    sessions:
      - {id: sang, name: "Buổi sáng", days: daily, start: "06:00", length: 30m, open: [nhac-hieu]}
      - {id: chieu, name: "Buổi chiều", days: [mon, tue, wed, thu, fri], start: "17:00", length: 45m}
    items:
      - {id: nhac-hieu, title: "Nhạc hiệu", file: nhac-hieu.mp3}
      - {id: vov, title: "Tiếp sóng VOV1", relay: true, length: 15m, url: "http://127.0.0.1:8000/vov"}
      - {id: tb, title: "Thông báo", file: thong-bao/tb.mp3, from: 2026-11-20, until: 2026-11-29, per_week: {min: 3}}
      - {folder: tin-tuc/, tags: [tin-tuc]}
    rules:
      - {id: cds, name: "Chuyển đổi số", tags: [chuyen-doi-so], per_week: {min: 1, max: 1}, days: [thu], sessions: [chieu]}
    fill: [tin-tuc]
    repeat_gap: 20h
    """

    func parse(_ text: String) -> Result<StationFile, ConfigErrors> {
        StationFileReader.parse(text, path: "/srv/Schedules/x.yaml", lang: .en)
    }

    @Test("max_unused: a share of the session, 10 % by default; anything else is an error with its line")
    func maxUnused() throws {
        #expect(try parse(good).get().maxUnusedPermille == 100)
        #expect(try parse(good + "\nmax_unused: 5%").get().maxUnusedPermille == 50)
        #expect(try parse(good + "\nmax_unused: 2.5").get().maxUnusedPermille == 25)
        for bad in ["150%", "-1%", "nhiều", "1e400%"] {
            guard case let .failure(e) = parse(good + "\nmax_unused: \(bad)") else { Issue.record("accepted \(bad)"); continue }
            #expect(e.errors.count == 1 && e.errors.first?.line == 16, "\(bad)")
            #expect(e.errors.first?.message.contains("max_unused") == true)
        }
    }

    @Test("Every documented key is read")
    func reads() throws {
        let f = try parse(good).get()
        #expect(f.id == "nam-sach" && f.name == "Đài truyền thanh xã Nam Sách")
        #expect(f.audioFolder == "/srv/Schedules/../Audio")
        #expect(f.policy.loudnessTarget == -18)
        #expect(f.sessions.map(\.id) == ["sang", "chieu"])
        #expect(f.sessions[0].days.count == 7 && f.sessions[1].days == [.mon, .tue, .wed, .thu, .fri])
        #expect(f.sessions[0].start == 6 * 3_600_000 && f.sessions[1].length == 45 * 60_000)
        #expect(f.sessions[0].open == ["nhac-hieu"])
        #expect(f.items.count == 4)
        #expect(f.relayURLs["vov"] == "http://127.0.0.1:8000/vov")
        guard case let .item(tb, _) = f.items[2] else { Issue.record("item expected"); return }
        #expect(tb.from == CivilDate(year: 2026, month: 11, day: 20) && tb.perWeek == Quota(min: 3))
        guard case let .folder(path, template, _) = f.items[3] else { Issue.record("folder expected"); return }
        #expect(path == "tin-tuc/" && template.tags == ["tin-tuc"])
        #expect(f.rules[0].days == [.thu] && f.rules[0].sessions == ["chieu"] && f.rules[0].perWeek == Quota(min: 1, max: 1))
        #expect(f.fill == ["tin-tuc"] && f.repeatGap == 20 * 3_600_000)
    }

    @Test("A misspelt key: line, column and a suggestion")
    func unknownKey() throws {
        let text = good.replacingOccurrences(of: "per_week: {min: 3}", with: "per_wek: {min: 3}")
        guard case let .failure(errors) = parse(text) else { Issue.record("expected errors"); return }
        let e = try #require(errors.errors.first)
        #expect(e.line == 10)
        #expect(e.message.contains("per_wek") && e.message.contains("Did you mean “per_week”"))
        #expect(e.description.hasPrefix("/srv/Schedules/x.yaml:10:"))
    }

    @Test("Every problem is reported at once, each where it is")
    func manyErrors() {
        let text = """
        station: {id: "Nam Sách"}
        sessions:
          - {id: sang, start: "6h", length: 30m, open: [nhac-hieux]}
          - {id: sang, start: "23:50", length: 30m}
        items:
          - {id: a, title: A}
          - {id: b, relay: true}
          - {id: c, file: c.mp3, days: [funday], sessions: [toi]}
        rules:
          - {id: r, tags: [x], per_week: {min: 3, max: 1}}
        """
        guard case let .failure(errors) = parse(text) else { Issue.record("expected errors"); return }
        let all = errors.errors.map(\.description).joined(separator: "\n")
        for fragment in ["station.id", "is not a time", "used twice", "past midnight", "needs a file", "needs a length",
                         "funday", "“toi” is not in sessions", "max is below min", "nhac-hieux"] {
            #expect(all.contains(fragment), "missing: \(fragment)\n\(all)")
        }
        #expect(errors.errors.allSatisfy { $0.line != nil })
    }

    @Test("Broken YAML says where")
    func brokenYAML() {
        guard case let .failure(errors) = parse("station: {id: x\nsessions: [") else { Issue.record("expected errors"); return }
        #expect(errors.errors.first?.message.hasPrefix("Invalid YAML") == true)
        #expect(errors.errors.first?.line != nil)
    }

    @Test("Ids from Vietnamese file names")
    func slugs() {
        #expect(Slug.make("Tin xã Nam Sách") == "tin-xa-nam-sach")
        #expect(Slug.make("chuyển đổi số số 2 - bình dân học vụ số") == "chuyen-doi-so-so-2-binh-dan-hoc-vu-so")
        #expect(Slug.make("Đường điện".decomposedStringWithCanonicalMapping) == "duong-dien")
    }
}
