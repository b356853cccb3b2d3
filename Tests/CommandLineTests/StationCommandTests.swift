import Foundation
import TestSupport
import Testing

@Suite("lichphat station, end to end")
struct StationCommandTests {
    @Test("add (a notice from a library file in one step), set (only the options given), remove (refused while used): the page's checks, the same exit codes; comments kept")
    func station() throws {
        let fx = Fixtures(prefix: "lichphat-station-cli-"); defer { fx.remove() }
        fx.tone("Audio/nhac-hieu.wav", seconds: 2, rate: 8000)
        fx.tone("Audio/thong-bao/họp dân.wav", seconds: 3, rate: 8000)
        try FileManager.default.createDirectory(atPath: fx.path("Schedules"), withIntermediateDirectories: true)
        let path = fx.path("Schedules/xa.yaml")
        try """
        # Đài xã Thử
        station: {id: xa, name: "Xã Thử"}
        audio: ../Audio
        policy: {loudness_tolerance: 40, min_sample_rate: 8000}
        sessions:
          - {id: sang, name: "Buổi sáng", days: daily, start: "06:00", length: 1m, open: [nhac-hieu]}   # buổi chính
        items:
          - {id: nhac-hieu, title: "Nhạc hiệu", file: nhac-hieu.wav}
        rules: []
        """.write(toFile: path, atomically: true, encoding: .utf8)
        // 2026-11-01 (a Sunday): the notice airs today only.
        let added = try Run(["station", "add", path, "item", "--draft-from", "thong-bao/họp dân.wav", "--days", "weekdays,sun"])
        #expect(added.status == 0 && added.stdout.contains("Đã thêm mục “hop-dan”"), "\(added.stderr)")
        var text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("  - {id: hop-dan, title: \"Họp dân\", file: \"thong-bao/họp dân.wav\", tags: [thong-bao],")
                && text.contains("from: 2026-11-01, until: 2026-11-01") && text.contains("# buổi chính"), "\(text)")
        let set = try Run(["station", "set", path, "item", "hop-dan", "--max", "5", "--title", "Họp dân khu 3"])
        #expect(set.status == 0)
        text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("title: \"Họp dân khu 3\"") && text.contains("per_week: {min: 3, max: 5}") && text.contains("from: 2026-11-01"))
        // A field's refusal: exit 2, the field named, nothing written.
        let bad = try Run(["station", "set", path, "item", "hop-dan", "--min", "9"])
        let unchanged = try String(contentsOfFile: path, encoding: .utf8)
        #expect(bad.status == 2 && bad.stderr.contains("“Tối đa mỗi tuần”: nhỏ hơn tối thiểu") && unchanged == text)
        // An option the kind does not have, or a new id on set: usage errors.
        #expect(try Run(["station", "set", path, "rule", "x", "--start", "06:00"]).status == 2)
        #expect(try Run(["station", "set", path, "item", "hop-dan", "--id", "khac"]).status == 2)
        // Unknown entry: not found (exit 2 with its words); in use: conflict (exit 1).
        let none = try Run(["station", "remove", path, "rule", "khong-co"])
        #expect(none.status != 0 && none.stderr.contains("không có chỉ tiêu “khong-co”"))
        let used = try Run(["station", "remove", path, "item", "nhac-hieu"])
        #expect(used.status != 0 && used.stderr.contains("buổi “sang” còn dùng nó"))
        let gone = try Run(["station", "remove", path, "item", "hop-dan"])
        let after = try String(contentsOfFile: path, encoding: .utf8)
        #expect(gone.status == 0 && !after.contains("hop-dan"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: fx.path("Schedules/.history")).count == 3)
    }
}
