import Foundation
import Testing
import LichPhatCore
import LichPhatFormats
import LichPhatWorkspace
import TestSupport

@Suite("Ready to air: silence trimmed at playout (trim_silence)")
struct TrimTests {
    /// 4 s of silence, 3 s of tone, 3.5 s of silence: with max_dead_air 2 s, 2 s is cut at the
    /// head and 1.5 s at the tail, so the item airs from 2.000 s to 9.000 s: 7 s planned.
    func station(trim: Bool) -> Station {
        let s = Station(audio: ["nhac-hieu.wav": 2], items: """
          - {id: nhac-hieu, title: "Nhạc hiệu", file: nhac-hieu.wav}
          - {id: tin, title: "Tin", file: tin.wav, per_week: {min: 7}}
        """, extra: trim ? "trim_silence: true" : "")
        let rate = 8000
        s.fx.write("Audio/tin.wav", .wav16, rate: rate,
                   samples: Fixtures.silence(4, rate: rate) + Fixtures.tone(3, rate: rate) + Fixtures.silence(3.5, rate: rate))
        return s
    }

    @Test("The cue that cuts silence beyond max_dead_air, and none when nothing is cut or the file is all silence")
    func cue() {
        #expect(Cue.trimming(length: 10_500, head: 4, tail: 3.5, maxDeadAir: 2) == Cue(cueIn: 2000, cueOut: 9000))
        #expect(Cue.trimming(length: 10_000, head: 1, tail: 2, maxDeadAir: 2) == nil)
        #expect(Cue.trimming(length: 3000, head: 3, tail: 3, maxDeadAir: 0) == nil)
        #expect(Cue.trimming(length: 5000, head: .nan, tail: 1, maxDeadAir: 0) == nil)
    }

    @Test("With trim_silence the item is planned with its trimmed length, and schedule.json and schedule.liq carry the cue points; without it nothing changes")
    func planned() throws {
        let s = station(trim: true); defer { s.fx.remove() }
        let loaded = try workspace.loadStation(s.path)
        let item = try #require(loaded.station.item("tin"))
        #expect(item.cue == Cue(cueIn: 2000, cueOut: 9000) && item.length == 7000)
        let plan = try #require(workspace.plan(loaded, from: ISOWeek(year: 2026, week: 48)).first)
        let airing = try #require(plan.sessions.flatMap(\.airings).first { $0.item == "tin" })
        #expect(airing.length == 7000 && airing.cue == item.cue)
        let folder = try workspace.write(plan, of: loaded, lang: .en).folder
        let json = try String(contentsOfFile: folder + "/schedule.json", encoding: .utf8)
        #expect(json.contains("\"cueIn\": 2,") && json.contains("\"cueOut\": 9,") && json.contains("\"duration\": 7,"))
        let liq = try String(contentsOfFile: folder + "/schedule.liq", encoding: .utf8)
        #expect(liq.contains("liq_cue_in=\\\"2.000\\\",liq_cue_out=\\\"9.000\\\""))
        #expect(liq.contains("cue_cut(playlist.list("))
        let m3u8 = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".m3u8") }.first.map { try String(contentsOfFile: folder + "/" + $0, encoding: .utf8) } ?? ""
        #expect(!m3u8.contains("cue") && !m3u8.contains("annotate"))       // plain for VLC
        // Read back (edits start from the week as written): the cue survives.
        let first = try #require(plan.sessions.first?.airingIDs.first)
        let edited = try workspace.edit(loaded, week: ISOWeek(year: 2026, week: 48), .remove(airing: first), write: .commandLine, lang: .en).plan
        #expect(edited.sessions.flatMap(\.airings).first { $0.item == "tin" }?.cue == item.cue)

        let plain = station(trim: false); defer { plain.fx.remove() }
        let untrimmed = try workspace.loadStation(plain.path)
        #expect(untrimmed.station.item("tin")?.cue == nil && untrimmed.station.item("tin")?.length == 10_500)
        let plainPlan = try #require(workspace.plan(untrimmed, from: ISOWeek(year: 2026, week: 48)).first)
        let plainFolder = try workspace.write(plainPlan, of: untrimmed, lang: .en).folder
        #expect(!(try String(contentsOfFile: plainFolder + "/schedule.json", encoding: .utf8)).contains("cueIn"))
        #expect(!(try String(contentsOfFile: plainFolder + "/schedule.liq", encoding: .utf8)).contains("cue_cut"))
    }

    @Test("trim_silence must be true or false, said with its line")
    func badValue() throws {
        let s = Station(audio: ["a.wav": 2], items: "  - {id: a, title: A, file: a.wav}", extra: "trim_silence: maybe"); defer { s.fx.remove() }
        #expect(throws: WorkspaceError.self) { try workspace.loadStation(s.path) }
        do { _ = try workspace.loadStation(s.path) } catch {
            #expect(WorkspaceMessages.lines(error, .en).joined().contains("“trim_silence” must be true or false (found “maybe”)"))
        }
    }
}
