import Foundation
import Synchronization
import Testing
import LichPhatAudio
import LichPhatCore
import LichPhatFormats
import LichPhatWorkspace
import TestSupport
import CSndFile

@Suite("Ready to air: sessions rendered into one file each, and the platforms' kit")
struct RenderTests {
    /// A morning session every day with the same content, and a weekday evening session with a
    /// relay between its open and its close items. Files at 8 kHz and 16 kHz (resampled to 44.1 kHz).
    func station() -> Station {
        let s = Station(audio: [:], items: """
          - {id: nhac-hieu, title: "Nhạc hiệu", file: nhac-hieu.wav}
          - {id: ket-thuc, title: "Kết thúc", file: ket-thuc.wav}
          - {id: tin, title: "Tin", file: tin.wav, per_week: {min: 7, max: 7}, sessions: [sang]}
          - {id: vov, title: "Tiếp sóng VOV", relay: true, length: 4s, sessions: [chieu], per_week: {min: 5}}
        """, extra: "")
        try! FileManager.default.createDirectory(atPath: s.fx.path("Audio"), withIntermediateDirectories: true)
        s.fx.write("Audio/nhac-hieu.wav", .wav16, rate: 8000, samples: Fixtures.tone(2, rate: 8000, amplitude: 0.05))
        s.fx.write("Audio/ket-thuc.wav", .wav16, rate: 16000, samples: Fixtures.tone(1.5, rate: 16000, frequency: 600, amplitude: 0.3))
        s.fx.write("Audio/tin.wav", .wav16, rate: 8000, samples: Fixtures.noise(3, rate: 8000, amplitude: 0.1))
        let text = try! String(contentsOfFile: s.path, encoding: .utf8).replacingOccurrences(of: """
          - {id: sang, name: "Buổi sáng", days: daily, start: "06:00", length: 1m}
        """, with: """
          - {id: sang, name: "Buổi sáng", days: daily, start: "06:00", length: 1m, open: [nhac-hieu]}
          - {id: chieu, name: "Buổi chiều", days: weekdays, start: "17:30", length: 1m, open: [nhac-hieu], close: [ket-thuc]}
        """)
        try! text.write(toFile: s.path, atomically: true, encoding: .utf8)
        return s
    }

    @Test("One WAV per session (split around the relay), each exactly its planned length at 44.1 kHz, each airing at its gain; render.json; platform.json with weekday masks; approval after approving")
    func render() throws {
        let s = station(); defer { s.fx.remove() }
        let loaded = try workspace.loadStation(s.path)
        let week = ISOWeek(year: 2026, week: 48)
        let plan = try #require(workspace.plan(loaded, from: week).first)
        let written = try workspace.write(plan, of: loaded, lang: .en)
        // Progress: how many parts first (before the first one takes its time), then one by one.
        let calls = Mutex<[String]>([])
        let result = try workspace.render(loaded, week: week, format: .wav, progress: { done, total in calls.withLock { $0.append("\(done)/\(total)") } })
        #expect(calls.withLock { $0 } == (0...17).map { "\($0)/17" })
        #expect(result.folder == written.folder + "/render")
        let names = result.files.map(\.file)
        #expect(names.contains("2026-11-23_0600_sang.wav") && names.contains("2026-11-23_1730_chieu-1.wav") && names.contains("2026-11-23_1730_chieu-2.wav"))
        #expect(!names.contains("2026-11-28_1730_chieu-1.wav"))                    // no evening on Saturday
        #expect(result.files.count == 7 + 5 * 2)
        for f in result.files {
            // Exactly the planned length: frames at 44.1 kHz.
            let info = probe(result.folder + "/" + f.file)
            #expect(info.rate == 44_100 && info.frames == Int((f.duration * 44_100).rounded()), "\(f.file)")
        }
        // Each airing at its gain: the quiet jingle (−26 dBFS peak tone) is brought up to the target.
        let policy = loaded.file.policy
        let morning = LibraryScanner(depth: .full, policy: policy).scan(try LibraryScanner.collect([result.folder + "/2026-11-23_0600_sang.wav"]), catalog: nil).files
        let integrated = try #require(morning.first?.facts.loudness?.integrated)
        #expect(abs(integrated - policy.loudnessTarget) < 1, "\(integrated)")
        // The kit: the same morning every day is one record for all seven days; the evening's two parts, weekdays.
        let kit = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: result.folder + "/platform.json"))) as? [String: Any]
        let records = kit?["records"] as? [[String: Any]] ?? []
        #expect(records.count == 3)
        #expect(records.map { $0["weekdays"] as? Int } == [127, 31, 31])
        #expect(records.map { $0["startMinute"] as? Int } == [360, 1050, 1050])
        #expect(records[0]["startDate"] as? String == "2026-11-23" && records[0]["expiryDate"] as? String == "2026-11-29")
        #expect(records[2]["title"] as? String == "Xã Thử – Buổi chiều 17:30 (phần 2)")
        #expect(records.allSatisfy { $0["approvedBy"] is NSNull } && result.unapproved)
        let render = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: result.folder + "/render.json"))) as? [String: Any]
        let second = (render?["files"] as? [[String: Any]])?.first { $0["file"] as? String == "2026-11-23_1730_chieu-2.wav" }
        #expect(second?["start"] as? String == "2026-11-23T17:30:06+07:00")   // after the 2 s jingle and the 4 s relay
        // Each file's loudness and true peak as written (what the kit page shows): the scan's own measure of the file agrees.
        let morningEntry = (render?["files"] as? [[String: Any]])?.first { $0["file"] as? String == "2026-11-23_0600_sang.wav" }
        let said = try #require(morningEntry?["loudness"] as? Double)
        #expect(abs(said - integrated) < 0.2, "\(said) vs \(integrated)")
        #expect((morningEntry?["truePeak"] as? Double).map { $0 <= policy.truePeakLimit + 0.5 } == true)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: result.folder + "/platform.csv"))
        let csv = String(decoding: bytes, as: UTF8.self)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF] && csv.contains("Mã,Tên bản tin,Tệp,Giờ phát") && csv.contains("\"T2,T3,T4,T5,T6,T7,CN\",127"))

        _ = try workspace.approve(folder: written.folder, by: "Nguyễn Văn An").approval
        let approved = try workspace.render(loaded, week: week, format: .wav)
        #expect(!approved.unapproved && approved.records.allSatisfy { $0.approvedBy == "Nguyễn Văn An" })
    }

    @Test("An unreadable original is said with its path, and nothing half-written is left")
    func broken() throws {
        let s = station(); defer { s.fx.remove() }
        let loaded = try workspace.loadStation(s.path)
        let week = ISOWeek(year: 2026, week: 48)
        _ = try workspace.write(try #require(workspace.plan(loaded, from: week).first), of: loaded, lang: .en)
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: s.fx.path("Audio/tin.wav")))
        #expect(throws: WorkspaceError.self) { try workspace.render(loaded, week: week, format: .wav) }
        let left = (try? FileManager.default.contentsOfDirectory(atPath: s.weeks + "/2026-W48/render")) ?? []
        #expect(left.allSatisfy { !$0.hasPrefix(".") })
    }
}

/// Rate and frames of a WAV, read with libsndfile.
func probe(_ path: String) -> (rate: Int, frames: Int) {
    var info = SF_INFO()
    guard let f = sf_open(path, Int32(SFM_READ), &info) else { return (0, 0) }
    sf_close(f)
    return (Int(info.samplerate), Int(info.frames))

}

extension RenderTests {
    /// Every file of a folder, by name, with its bytes.
    func snapshot(_ folder: String) -> [String: Data] {
        var out: [String: Data] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            out[name] = FileManager.default.contents(atPath: folder + "/" + name)
        }
        return out
    }

    @Test("A kit is written whole or not at all: a render that fails half way leaves the kit before it byte for byte and nothing half written; what a killed render left is cleared")
    func wholeOrNothing() throws {
        let s = station(); defer { s.fx.remove() }
        let loaded = try workspace.loadStation(s.path)
        let week = ISOWeek(year: 2026, week: 48)
        let written = try workspace.write(try #require(workspace.plan(loaded, from: week).first), of: loaded, lang: .en)
        let first = try workspace.render(loaded, week: week, format: .wav)
        let kit = snapshot(first.folder)
        #expect(kit.count == 17 + 3)
        // A folder the operator names (--out) keeps what else is in it.
        let named = s.fx.path("upload")
        try FileManager.default.createDirectory(atPath: named, withIntermediateDirectories: true)
        try "mine".write(toFile: named + "/ghi-chu.txt", atomically: true, encoding: .utf8)
        _ = try workspace.render(loaded, week: week, format: .wav, out: named)
        #expect(FileManager.default.fileExists(atPath: named + "/ghi-chu.txt") && FileManager.default.fileExists(atPath: named + "/render.json"))
        // A killed render's leftovers beside the kit.
        try FileManager.default.createDirectory(atPath: written.folder + "/.render.tmp-999-1", withIntermediateDirectories: true)
        // The evening's closing file disappears after the station was read: the render fails part way.
        try FileManager.default.removeItem(atPath: s.fx.path("Audio/ket-thuc.wav"))
        #expect(throws: WorkspaceError.self) { try workspace.render(loaded, week: week, format: .wav) }
        #expect(snapshot(first.folder) == kit)
        let hidden = try FileManager.default.contentsOfDirectory(atPath: written.folder).filter { $0.hasPrefix(".render") }
        #expect(hidden.isEmpty, "\(hidden)")
        // render.json names the revision it is the kit of.
        let json = try String(contentsOfFile: first.folder + "/render.json", encoding: .utf8)
        #expect(json.contains("\"hash\": \"\(written.revision.hash)\""))
    }

    @Test("Render on a full disk (a 2 MB tmpfs): an error naming the disk, no kit under the real names", .enabled(if: getuid() == 0, "mounting a tmpfs needs root"))
    func fullDisk() throws {
        let s = station(); defer { s.fx.remove() }
        let mountPoint = s.fx.path("small")
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=2m", "tmpfs", mountPoint]
        try mount.run(); mount.waitUntilExit()
        try #require(mount.terminationStatus == 0, "tmpfs not mounted")
        defer {
            let u = Process(); u.executableURL = URL(fileURLWithPath: "/bin/umount"); u.arguments = [mountPoint]
            try? u.run(); u.waitUntilExit()
        }
        let loaded = try workspace.loadStation(s.path)
        let week = ISOWeek(year: 2026, week: 48)
        let written = try workspace.write(try #require(workspace.plan(loaded, from: week).first), of: loaded, lang: .en)
        let out = mountPoint + "/render"
        #expect { try workspace.render(loaded, week: week, format: .wav, out: out) } throws: { e in
            guard let e = e as? WorkspaceError else { return false }
            return e.kind == .io
        }
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(try FileManager.default.contentsOfDirectory(atPath: mountPoint).isEmpty)
        _ = written
    }

    @Test("A change after render keeps the kit, byte for byte and by hard link, with the revision it belongs to (was: read as text and mangled)")
    func changeAfterRender() throws {
        let s = station(); defer { s.fx.remove() }
        let loaded = try workspace.loadStation(s.path)
        let week = ISOWeek(year: 2026, week: 48)
        let written = try workspace.write(try #require(workspace.plan(loaded, from: week).first), of: loaded, lang: .en)
        let kit = snapshot(try workspace.render(loaded, week: week, format: .wav).folder)
        var before = stat()
        #expect(stat(written.folder + "/render/2026-11-23_0600_sang.wav", &before) == 0)
        let doc = try #require(ScheduleDocument.read(folder: written.folder))
        let id = try #require(doc.sessions.first?.airings.last?.id)
        let r = try workspace.edit(loaded, week: week, .remove(airing: id), write: .commandLine, lang: .en)
        #expect(r.revision.number == 2 && r.revision.changes.contains { $0.change == .removed && $0.airing == id })
        #expect(snapshot(written.folder + "/revisions/1/render") == kit)
        #expect(!FileManager.default.fileExists(atPath: written.folder + "/render"))   // the new revision is not rendered yet
        var st = stat()
        // The same file (its inode), kept by a hard link, not a copy.
        #expect(stat(written.folder + "/revisions/1/render/2026-11-23_0600_sang.wav", &st) == 0 && st.st_ino == before.st_ino)
        #expect(WeekFolder.history(of: written.folder).revisions.map(\.number) == [1, 2])
    }

    @Test("Whatever its input and gain, a rendered session is never clearly over the true-peak limit (a hot piece is brought down whole; MP3's encoder may add a few tenths)", arguments: [Renderer.Format.wav, .mp3])
    func truePeakCeiling(format: Renderer.Format) throws {
        let fx = Fixtures(); defer { fx.remove() }
        // A full-scale tone at 8 kHz, 12 dB too loud: clipped, then resampled, it overshoots well past 0 dBTP.
        let hot = fx.write("hot.wav", .wav16, rate: 8000, samples: Fixtures.tone(3, rate: 8000, frequency: 1900, amplitude: 0.99))
        let out = fx.path("out." + format.rawValue)
        _ = try Renderer.render([Renderer.Piece(path: hot, gain: 12, cueIn: nil, length: 3000)], to: out, format: format, truePeakLimit: -1)
        var policy = AudioPolicy()
        policy.minSampleRate = 8000
        let facts = AudioInspector.inspect(path: out, depth: .full, policy: policy)
        let peak = try #require(facts.loudness?.truePeak)
        #expect(peak <= -1.0 + (format == .mp3 ? 0.5 : 0.05), "\(format) \(peak) dBTP")
        // Without the ceiling it would have been over.
        let free = fx.path("free." + format.rawValue)
        _ = try Renderer.render([Renderer.Piece(path: hot, gain: 12, cueIn: nil, length: 3000)], to: free, format: format)
        #expect((AudioInspector.inspect(path: free, depth: .full, policy: policy).loudness?.truePeak ?? -99) > 0)
    }
}
