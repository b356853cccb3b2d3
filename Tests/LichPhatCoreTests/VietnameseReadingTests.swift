import Foundation
import Testing
import LichPhatText

@Suite("Notices read aloud: the Vietnamese text normaliser")
struct VietnameseReadingTests {
    @Test("Whole numbers as an announcer says them", arguments: [
        (0, "không"), (5, "năm"), (10, "mười"), (11, "mười một"), (15, "mười lăm"), (20, "hai mươi"), (21, "hai mươi mốt"),
        (24, "hai mươi tư"), (25, "hai mươi lăm"), (57, "năm mươi bảy"), (100, "một trăm"), (105, "một trăm linh năm"),
        (110, "một trăm mười"), (1000, "một nghìn"), (1005, "một nghìn không trăm linh năm"),
        (2026, "hai nghìn không trăm hai mươi sáu"), (1_500_000, "một triệu năm trăm nghìn"),
        (2_000_000_000, "hai tỷ"),
    ])
    func numbers(n: Int, words: String) {
        #expect(VietnameseReading.number(n) == words)
    }

    @Test("Dates, times, percentages, decimals and abbreviations in a notice")
    func notice() {
        let text = "UBND xã thông báo: từ 17h30 ngày 25/11/2026, tiêm chủng cho 1.500 trẻ (đạt 95%). Họp HĐND lúc 8:05 về NQ 57-NQ/TW, CĐS, KHCN và ĐMST; mức tăng 1,5 lần."
        let read = VietnameseReading.normalise(text)
        #expect(read == "Ủy ban nhân dân xã thông báo: từ mười bảy giờ ba mươi phút ngày hai mươi lăm tháng mười một năm hai nghìn không trăm hai mươi sáu, tiêm chủng cho một nghìn năm trăm trẻ (đạt chín mươi lăm phần trăm). Họp Hội đồng nhân dân lúc tám giờ năm phút về Nghị quyết năm mươi bảy Nghị quyết Trung ương, chuyển đổi số, khoa học công nghệ và đổi mới sáng tạo; mức tăng một phẩy năm lần.", "\(read)")
    }

    @Test("A date without the word “ngày” gets it; “tháng 4” is “tháng tư”; a phone number digit by digit; 17h alone")
    func forms() {
        #expect(VietnameseReading.normalise("Hạn chót 01/04/2026.") == "Hạn chót ngày một tháng tư năm hai nghìn không trăm hai mươi sáu.")
        #expect(VietnameseReading.normalise("Gọi 0912345678") == "Gọi không chín một hai ba bốn năm sáu bảy tám")
        #expect(VietnameseReading.normalise("lúc 17h tại nhà văn hoá") == "lúc mười bảy giờ tại nhà văn hoá")
        #expect(VietnameseReading.normalise("Không có số nào.") == "Không có số nào.")
    }
}

/// Golden expansions: every line of `Golden/reading.txt` with what it is read as.
@Suite("Notices read aloud: golden expansions")
struct ReadingGoldenTests {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/reading.txt").path

    @Test("Telephone numbers in groups, ranges, document numbers, money, percentages, dates, times and abbreviations read as announcers read them")
    func golden() throws {
        let text = try String(contentsOfFile: Self.file, encoding: .utf8)
        var out: [String] = []
        var failures: [String] = []
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        var k = 0
        while k < lines.count {
            let line = lines[k]
            if line.hasPrefix("#") || line.isEmpty { out.append(line); k += 1; continue }
            let read = VietnameseReading.normalise(line)
            out += [line, "=> " + read]
            let expected = k + 1 < lines.count && lines[k + 1].hasPrefix("=> ") ? String(lines[k + 1].dropFirst(3)) : nil
            if expected != read { failures.append("\(line)\n   expected: \(expected ?? "(none)")\n   read:     \(read)") }
            k += expected == nil ? 1 : 2
        }
        if ProcessInfo.processInfo.environment["LICHPHAT_RECORD_GOLDEN"] == "1" {
            try (out.joined(separator: "\n") + "\n").write(toFile: Self.file, atomically: true, encoding: .utf8)
            return
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }
}
