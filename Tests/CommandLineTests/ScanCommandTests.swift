import CSndFile
import Foundation
import Testing
import TestSupport

@Suite("lichphat scan, end to end")
struct ScanCommandTests {
    @Test("Exit 0 on a sound library, with a table for people")
    func clean() throws {
        let lib = Fixtures(prefix: "lichphat-cli-"); defer { lib.remove() }
        lib.tone("bản tin.wav")
        lib.tone("nhạc.mp3", format: Int32(SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III))
        let r = try Run(["scan", lib.folder, "--quick", "--no-cache"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("bản tin.wav") && r.stdout.contains("2 tệp âm thanh"))
        #expect(r.stderr.isEmpty)
    }

    @Test("A folder of links to files outside it is not 'no audio' without a word: the links skipped are counted and named")
    func linksOut() throws {
        let lib = Fixtures(prefix: "lichphat-cli-"); defer { lib.remove() }
        let outside = Fixtures(prefix: "lichphat-cli-"); defer { outside.remove() }
        let real = outside.tone("thật.wav")
        try FileManager.default.createDirectory(atPath: lib.path("lib"), withIntermediateDirectories: true)
        for n in 0..<5 { try FileManager.default.createSymbolicLink(atPath: lib.path("lib/liên kết \(n).wav"), withDestinationPath: real) }
        let r = try Run(["scan", lib.path("lib"), "--quick", "--no-cache"])
        #expect(r.stdout.contains("0 tệp âm thanh"))
        #expect(r.stderr.contains("bỏ qua 5 liên kết") && r.stderr.contains("Sao chép"))
    }

    @Test("Exit 1 when a file has an error; library noise never reaches the output")
    func errors() throws {
        let lib = Fixtures(prefix: "lichphat-cli-"); defer { lib.remove() }
        lib.tone("ok.wav")
        lib.bytes("hỏng.mp3", (0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let cut = lib.tone("cut.mp3", seconds: 10, format: Int32(SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III))
        let data = FileManager.default.contents(atPath: cut)!
        FileManager.default.createFile(atPath: cut, contents: data.prefix(data.count / 2))
        let r = try Run(["scan", lib.folder, "--no-cache", "--format", "json", "--lang", "en"])
        #expect(r.status == 1)
        #expect(r.stderr.isEmpty, "stderr: \(r.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let files = try #require(doc["files"] as? [[String: Any]])
        let codes = files.flatMap { ($0["problems"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String } }
        #expect(codes.contains("corrupt") && codes.contains("truncated"))
    }

    @Test("Exit 2 for bad usage, with a message that says what to do")
    func usage() throws {
        let missing = try Run(["scan", "/no/such/folder"])
        #expect(missing.status == 2 && missing.stderr.contains("/no/such/folder"))
        let lib = Fixtures(prefix: "lichphat-cli-"); defer { lib.remove() }
        lib.tone("a.wav")
        let badKey = try Run(["scan", lib.folder, "--set", "loudnes_target=-18", "--lang", "en"])
        #expect(badKey.status == 2 && badKey.stderr.contains("Did you mean “loudness_target”"))
        let jobs = try Run(["scan", lib.folder, "--jobs", "0"])
        #expect(jobs.status == 2 && jobs.stderr.contains("--jobs"))
        let format = try Run(["scan", lib.folder, "--format", "xml"])
        #expect(format.status == 2)
        #expect(try Run(["scan", "--help"]).status == 0)
    }

    @Test("CSV for Excel: BOM and one row per file")
    func csv() throws {
        let lib = Fixtures(prefix: "lichphat-cli-"); defer { lib.remove() }
        lib.tone("a.wav"); lib.tone("b.wav", seconds: 2)
        let r = try Run(["scan", lib.folder, "--quick", "--no-cache", "--format", "csv"])
        #expect(r.stdout.hasPrefix("\u{FEFF}Tệp,"))
        #expect(r.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 3)
    }

    @Test("The catalog: reused when present, rebuilt with a warning when damaged")
    func catalog() throws {
        let lib = Fixtures(prefix: "lichphat-cli-"); defer { lib.remove() }
        lib.tone("a.wav")
        let cache = lib.folder + "/../" + UUID().uuidString + ".sqlite"
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let first = try Run(["scan", lib.folder, "--cache", cache, "--format", "json"])
        #expect(FileManager.default.fileExists(atPath: cache))
        let second = try Run(["scan", lib.folder, "--cache", cache, "--format", "json"])
        #expect(first.stdout == second.stdout)
        FileManager.default.createFile(atPath: cache, contents: Data(repeating: 0x5A, count: 8192))
        let damaged = try Run(["scan", lib.folder, "--cache", cache, "--format", "json"])
        #expect(damaged.stderr.contains("bị hỏng") && damaged.stdout == first.stdout)
        #expect(damaged.status == first.status)
    }

    @Test("A file named on the command line that is not audio is an error, not skipped")
    func namedNonAudio() throws {
        let lib = Fixtures(prefix: "lichphat-cli-"); defer { lib.remove() }
        let txt = lib.bytes("ghi chú.txt", Array("xin chào".utf8))
        let r = try Run(["scan", txt, "--no-cache"])
        #expect(r.status == 1 && r.stdout.contains("unreadable"))
        let walked = try Run(["scan", lib.folder, "--no-cache"])
        #expect(walked.status == 0 && walked.stdout.contains("bỏ qua 1 tệp"))
    }
}
