import Foundation
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
    }
}
