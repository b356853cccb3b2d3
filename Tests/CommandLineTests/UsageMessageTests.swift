import Foundation
import TestSupport
import Testing

/// Every message an operator can see is Vietnamese by default and English with --lang en
/// (issue 11, part 7); a crash is one line, not a backtrace (part 8).
@Suite("Usage messages and crashes, end to end")
struct UsageMessageTests {
    let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardizedFileURL.path
    var station: String { repo + "/Schedules/nam-sach.yaml" }

    @Test("Bad option values: exit 2, Vietnamese by default, English with --lang en",
          arguments: [
            (["check", "STATION", "--week", "2026-W99"], "không phải tuần", "is neither a week"),
            (["plan", "STATION", "--week", "999999999-W01"], "không phải tuần", "is neither a week"),
            (["plan", "STATION", "--week", "0000-W01"], "không phải tuần", "is neither a week"),
            (["check", "STATION", "--week", "99999-W01"], "không phải tuần", "is neither a week"),
            (["audit", "STATION", "--from", "0001-01-01", "--to", "9999-12-31"], "không quá 10 năm", "within 10 years"),
            (["plan", "STATION", "--weeks", "0"], "--weeks phải từ 1 đến 53", "--weeks must be between 1 and 53"),
            (["scan", "--jobs", "0", "Audio"], "--jobs phải", "--jobs must be"),
            (["audit", "STATION", "--period", "2026-13"], "không phải tháng", "is not a month"),
            (["audit", "STATION", "--late", "1e300"], "không phải độ dài", "is not a length"),
            (["audit", "STATION", "--from", "2026-11-01"], "Cần cả --from và --to", "Both --from and --to"),
            (["plan"], "Thiếu tham số bắt buộc", "Missing expected argument"),
            (["audit", "STATION", "--wek", "3"], "Không có tuỳ chọn", "Unknown option"),
          ])
    func usage(args: [String], vi: String, en: String) throws {
        let a = args.map { $0 == "STATION" ? station : $0 }
        let r = try Run(a, cwd: repo)
        #expect(r.status == 2)
        #expect(r.stderr.contains(vi), "\(r.stderr)")
        #expect(r.stderr.contains("Lỗi:"))
        #expect(!r.stderr.contains("Error:"))
        let e = try Run(a + ["--lang", "en"], cwd: repo)
        #expect(e.status == 2)
        #expect(e.stderr.contains(en), "\(e.stderr)")
    }

    @Test("A process killed by a fault prints one line and exits 70, no backtrace")
    func crashLine() throws {
        let p = Process()
        p.executableURL = Run.program
        // A full scan of the demo library on one core takes seconds: long enough to be interrupted.
        p.arguments = ["scan", repo + "/Audio", "--no-cache", "--jobs", "1"]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = Pipe()
        try p.run()
        usleep(300_000)
        kill(p.processIdentifier, SIGSEGV)
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationReason == .exit && p.terminationStatus == 70)
        #expect(text.contains("lỗi nội bộ"))
        #expect(!text.contains("Backtrace") && !text.contains("/work/"))
        #expect(text.split(separator: "\n").count <= 2)
    }
}
