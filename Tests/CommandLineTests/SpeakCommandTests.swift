import Foundation
import TestSupport
import Testing

@Suite("lichphat speak, end to end")
struct SpeakCommandTests {
    @Test("--show prints the text as it will be read; --out writes FILE.wav and FILE.txt once; bad options are usage errors")
    func speak() throws {
        let dir = NSTemporaryDirectory() + "lichphat-speak-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "Họp HĐND lúc 8:05 ngày 2/12.".write(toFile: dir + "/tb.txt", atomically: true, encoding: .utf8)
        let shown = try Run(["speak", dir + "/tb.txt", "--show"])
        #expect(shown.status == 0 && shown.stdout == "Họp Hội đồng nhân dân lúc tám giờ năm phút ngày hai tháng mười hai.\n")
        let made = try Run(["speak", dir + "/tb.txt", "--out", dir + "/hop.wav"])
        #expect(made.status == 0 && made.stdout.contains("Đã đọc thông báo vào") && made.stdout.contains("LUFS"), "\(made.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir + "/hop.wav") && FileManager.default.fileExists(atPath: dir + "/hop.txt"))
        let again = try Run(["speak", dir + "/tb.txt", "--out", dir + "/hop.wav"])
        #expect(again.status != 0 && again.stderr.contains("không ghi đè"))
        #expect(try Run(["speak", dir + "/tb.txt", "--out", dir + "/hop.mp3"]).status == 2)
        #expect(try Run(["speak", dir + "/tb.txt", "--out", dir + "/x.wav", "--rate", "5"]).status == 2)
        #expect(try Run(["speak", dir + "/khong-co.txt", "--out", dir + "/y.wav"]).status == 2)
        // A 100 KB text is refused at once, with the limit, instead of minutes of CPU and a huge WAV.
        try String(repeating: "Thông báo họp dân. ", count: 5_500).write(toFile: dir + "/dai.txt", atomically: true, encoding: .utf8)
        let long = try Run(["speak", dir + "/dai.txt", "--out", dir + "/dai.wav"])
        #expect(long.status == 2 && long.stderr.contains("6000 ký tự") && !FileManager.default.fileExists(atPath: dir + "/dai.wav"))
        // The station's own abbreviations (abbreviations: in its file) are read out, before the built-in ones;
        // a bad entry is an error with its line.
        try """
        station: {id: xa, name: "Xã Thử"}
        audio: .
        sessions:
          - {id: sang, name: "Sáng", days: daily, start: "06:00", length: 10m}
        items: []
        rules: []
        abbreviations: {KTXH: kinh tế xã hội, HTX: hợp tác xã}
        """.write(toFile: dir + "/xa.yaml", atomically: true, encoding: .utf8)
        try "Báo cáo KTXH của HTX Nam Sách, gọi 0912 345 678.".write(toFile: dir + "/ktxh.txt", atomically: true, encoding: .utf8)
        let own = try Run(["speak", dir + "/ktxh.txt", "--show", "--station", dir + "/xa.yaml"])
        #expect(own.status == 0 && own.stdout == "Báo cáo kinh tế xã hội của hợp tác xã Nam Sách, gọi không chín một hai, ba bốn năm, sáu bảy tám.\n", "\(own.stdout)\(own.stderr)")
        try String(contentsOfFile: dir + "/xa.yaml", encoding: .utf8).replacingOccurrences(of: "HTX: hợp tác xã", with: "htx: hợp tác xã")
            .write(toFile: dir + "/xa.yaml", atomically: true, encoding: .utf8)
        let bad = try Run(["speak", dir + "/ktxh.txt", "--show", "--station", dir + "/xa.yaml"])
        #expect(bad.status == 2 && bad.stderr.contains("xa.yaml:7:") && bad.stderr.contains("abbreviations"), "\(bad.stderr)")
    }
}

@Suite("lichphat amend, end to end")
struct AmendCommandTests {
    @Test("A notice that cannot air as often as asked: exit 3 with the reason, the week unchanged; a bad --from is a usage error")
    func refused() throws {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardizedFileURL.path
        let dir = NSTemporaryDirectory() + "lichphat-amend-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for name in ["Schedules", "Audio"] { try FileManager.default.copyItem(atPath: repo + "/" + name, toPath: dir + "/" + name) }
        let week = dir + "/Schedules/nam-sach/2026-W48/schedule.json"
        let before = try Data(contentsOf: URL(fileURLWithPath: week))
        // The Saturday power-cut notice has per_week max 3 and airs its 2 already: twice more cannot be.
        let r = try Run(["amend", dir + "/Schedules/nam-sach.yaml", "--week", "2026-W48", "--add", "tb-cat-dien", "--times", "2", "--no-cache"])
        #expect(r.status == 3 && r.stderr.contains("Không thể phát “Lịch cắt điện thứ Bảy” 2 lần"), "\(r.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: week)) == before)
        let bad = try Run(["amend", dir + "/Schedules/nam-sach.yaml", "--week", "2026-W48", "--add", "tb-cat-dien", "--from", "ngày mai"])
        #expect(bad.status == 2 && bad.stderr.contains("--from"))
        let past = try Run(["amend", dir + "/Schedules/nam-sach.yaml", "--week", "2026-W48", "--add", "tb-cat-dien", "--from", "2020-01-01 06:00", "--no-cache"])
        #expect(past.status == 2 && past.stderr.contains("đã qua"), "\(past.stderr)")
    }
}
