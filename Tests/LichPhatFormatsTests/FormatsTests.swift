import Foundation
import Testing
import LichPhatCore
@testable import LichPhatFormats

@Suite("Policy files, JSON, CSV and tables")
struct FormatsTests {
    func report() -> ScanReport {
        var good = AudioFacts(container: "MP3", encoding: "MPEG-1 Layer III", sampleRate: 44100, channels: 1,
                              frames: 44100 * 30, size: 240_000)
        good.loudness = Loudness(integrated: -16.04, range: 5.2, truePeak: -1.6)
        good.silence = Silence(head: 0.1, tail: 0.2, longest: 0.8)
        good.clippedRuns = 0
        good.measured = true
        var quiet = AudioFacts(container: "WAV", encoding: "PCM 16-bit", sampleRate: 16000, channels: 1, frames: 16000 * 5, size: 160_044)
        quiet.loudness = Loudness(integrated: nil, range: nil, truePeak: nil)
        quiet.silence = Silence(head: 5, tail: 5, longest: 0)
        quiet.measured = true
        let broken = AudioFacts(size: 100, defects: [.unreadable(.corrupt, detail: "bad \"frame\"")])
        return ScanReport(roots: ["Audio"], quick: false, entries: [
            .init(path: "Audio/tin tức, số 1.mp3", facts: good, sameAudioKey: nil),
            .init(path: "Audio/im lặng.wav", facts: quiet, sameAudioKey: nil),
            .init(path: "Audio/hỏng.mp3", facts: broken, sameAudioKey: nil),
        ], skipped: 2, policy: AudioPolicy())
    }

    @Test("JSON: the documented shape, null for what cannot be measured, keys in a fixed order")
    func json() throws {
        let text = ScanOutput.json(report(), lang: .vi)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let files = try #require(doc["files"] as? [[String: Any]])
        #expect(files.count == 3)
        let quiet = files[1]
        let loudness = try #require(quiet["loudness"] as? [String: Any])
        #expect(loudness["integrated"] is NSNull && loudness["truePeak"] is NSNull)
        #expect((files[0]["loudness"] as? [String: Any])?["integrated"] as? Double == -16.04)
        #expect(files[0]["duration"] as? Double == 30)
        #expect((files[2]["problems"] as? [[String: Any]])?.first?["code"] as? String == "corrupt")
        let summary = try #require(doc["summary"] as? [String: Any])
        #expect(summary["errors"] as? Int == 1 && summary["skipped"] as? Int == 2)
        #expect(text == ScanOutput.json(report(), lang: .vi))  // deterministic
        #expect(!text.contains("inf") && !text.contains("nan"))
    }

    @Test("JSON output carries every key the schema requires")
    func schema() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../schemas/scan.schema.json")
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(ScanOutput.json(report(), lang: .en).utf8)) as? [String: Any])
        for key in schema["required"] as? [String] ?? [] { #expect(doc[key] != nil, "top-level \(key)") }
        let fileSchema = try #require(((schema["properties"] as? [String: Any])?["files"] as? [String: Any])?["items"] as? [String: Any])
        let codes = try #require((((((fileSchema["properties"] as? [String: Any])?["problems"] as? [String: Any])?["items"] as? [String: Any])?["properties"] as? [String: Any])?["code"] as? [String: Any])?["enum"] as? [String])
        #expect(Set(codes) == Set(AudioProblem.allCodes))
        for file in doc["files"] as? [[String: Any]] ?? [] {
            for key in fileSchema["required"] as? [String] ?? [] { #expect(file[key] != nil, "file \(key)") }
        }
    }

    @Test("CSV: BOM, Vietnamese headers, quoted fields, one row per file")
    func csv() {
        let text = ScanOutput.csv(report(), lang: .vi)
        #expect(text.hasPrefix("\u{FEFF}Tệp,Định dạng"))
        let lines = text.dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 4)
        #expect(lines[1].hasPrefix("\"Audio/tin tức, số 1.mp3\",MP3"))
        // The broken file: its severity and code in their columns, and the message quoted with
        // its inner quotes doubled (RFC 4180).
        #expect(lines[3].hasPrefix("Audio/hỏng.mp3,"))
        #expect(lines[3].contains(",lỗi,corrupt,\""))
        #expect(ScanOutput.csv(report(), lang: .en).hasPrefix("\u{FEFF}File,Format"))
        // The decoder's own (English) detail is in the English sheet, quoted with its quotes doubled.
        #expect(ScanOutput.csv(report(), lang: .en).contains("(bad \"\"frame\"\")"))
    }

    @Test("Table: problems under their file, a summary in words")
    func table() {
        let vi = ScanOutput.table(report(), lang: .vi)
        #expect(vi.contains("✗ [corrupt]"))
        #expect(vi.contains("3 tệp âm thanh"))
        #expect(vi.contains("bỏ qua 2 tệp"))
        #expect(vi.contains("-16,0"))
        #expect(ScanOutput.table(report(), lang: .en).contains("1 with errors"))
    }

    @Test("A policy file with a misspelt key says where and what was meant")
    func policyFile() throws {
        let path = NSTemporaryDirectory() + "policy-\(UUID().uuidString).yaml"
        try "# station policy\nloudness_target: -18\nmax_dead_ari: 3\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var p = AudioPolicy()
        do {
            try PolicyFile.load(path: path, into: &p, lang: .en)
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 3 && error.column == 1)
            #expect(error.message.contains("max_dead_air"))
            #expect(error.description.hasPrefix(path + ":3:1:"))
        }
        try "loudness_target: -18\nmax_dead_air: 3s\n".write(toFile: path, atomically: true, encoding: .utf8)
        try PolicyFile.load(path: path, into: &p, lang: .vi)
        #expect(p.loudnessTarget == -18 && p.maxDeadAir == 3)
        #expect(throws: ConfigError.self) { try PolicyFile.set("loudness_target", in: &p, lang: .vi) }
        try PolicyFile.set("max_channels=1", in: &p, lang: .vi)
        #expect(p.maxChannels == 1)
    }
}
