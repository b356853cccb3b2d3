import Foundation
import Testing
import LichPhatAudio
import LichPhatCore
import LichPhatWorkspace
import TestSupport

@Suite("Notices read aloud (lichphat speak)")
struct SpeakTests {
    let notice = "UBND xã thông báo: từ 17h30 ngày 25/11/2026, tiêm chủng cho trẻ dưới 5 tuổi."

    @Test("A notice becomes a WAV at the loudness target (or as close as the true-peak limit allows), with pauses, its text beside it; an ordinary library file")
    func speak() throws {
        let fx = Fixtures(); defer { fx.remove() }
        var policy = AudioPolicy()
        policy.loudnessTarget = -20
        let r = try workspace.speak(text: notice, to: fx.path("thong-bao.wav"), policy: policy)
        #expect(r.duration > 4 && r.duration < 30)
        #expect(try String(contentsOfFile: fx.path("thong-bao.txt"), encoding: .utf8) == notice + "\n")
        // Measured again as the library measures any file.
        let scanned = LibraryScanner(depth: .full, policy: policy).scan(try LibraryScanner.collect([fx.path("thong-bao.wav")]), catalog: nil).files
        let facts = try #require(scanned.first?.facts)
        let integrated = try #require(facts.loudness?.integrated), peak = try #require(facts.loudness?.truePeak)
        #expect(peak <= policy.truePeakLimit + 0.2)
        #expect(!r.limitedByPeak && abs(integrated - policy.loudnessTarget) < 0.5, "\(integrated)")
        #expect(abs(integrated - (r.loudness ?? 0)) < 0.1)
        // Half a second of pause at each end, within the dead-air limit.
        let silence = try #require(facts.silence)
        #expect(silence.head >= 0.4 && silence.head < policy.maxDeadAir && silence.tail >= 0.4 && silence.tail < policy.maxDeadAir)
    }

    @Test("A loud target (−14 LUFS) is reached too: the peak limiter keeps the true peak under the limit")
    func loud() throws {
        let fx = Fixtures(); defer { fx.remove() }
        var policy = AudioPolicy()
        policy.loudnessTarget = -14
        let r = try workspace.speak(text: notice, to: fx.path("to.wav"), policy: policy)
        let facts = try #require(LibraryScanner(depth: .full, policy: policy).scan(try LibraryScanner.collect([fx.path("to.wav")]), catalog: nil).files.first?.facts)
        let integrated = try #require(facts.loudness?.integrated), peak = try #require(facts.loudness?.truePeak)
        #expect(abs(integrated - policy.loudnessTarget) < 0.5 && peak <= policy.truePeakLimit + 0.1, "\(integrated) LUFS, \(peak) dBTP")
        #expect(!r.limitedByPeak)
    }

    @Test("Nothing is overwritten without force; an empty notice, a name that is not .wav and a missing folder are refused")
    func refusals() throws {
        let fx = Fixtures(); defer { fx.remove() }
        _ = try workspace.speak(text: notice, to: fx.path("a.wav"), policy: AudioPolicy())
        let before = try Data(contentsOf: URL(fileURLWithPath: fx.path("a.wav")))
        #expect(throws: WorkspaceError.self) { try workspace.speak(text: "Khác.", to: fx.path("a.wav"), policy: AudioPolicy()) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: fx.path("a.wav"))) == before)
        _ = try workspace.speak(text: "Thông báo khác.", to: fx.path("a.wav"), policy: AudioPolicy(), force: true)
        #expect(try String(contentsOfFile: fx.path("a.txt"), encoding: .utf8) == "Thông báo khác.\n")
        #expect(throws: WorkspaceError.self) { try workspace.speak(text: "  \n", to: fx.path("b.wav"), policy: AudioPolicy()) }
        #expect(throws: WorkspaceError.self) { try workspace.speak(text: notice, to: fx.path("b.mp3"), policy: AudioPolicy()) }
        #expect(throws: WorkspaceError.self) { try workspace.speak(text: notice, to: fx.path("khong-co/b.wav"), policy: AudioPolicy()) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: fx.folder).sorted() == ["a.txt", "a.wav"])
    }
}
