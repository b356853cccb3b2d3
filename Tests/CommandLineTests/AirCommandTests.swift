import Foundation
import TestSupport
import XCTest

/// `lichphat air` with the real Liquidsoap (Debian's), output to a raw PCM file: two short
/// sessions that start seconds after the test does, an emergency bulletin mid-session with its
/// repeats and a cancel, Liquidsoap killed with SIGKILL, and the month's audit from the play log
/// the playout wrote. The clock is the machine's, shifted (LICHPHAT_CLOCK_OFFSET) so that the
/// approved week's Monday 07:00 is a few seconds away.
final class AirCommandTests: XCTestCase {
    static let rate = 44_100

    struct LogLine {
        var start: String, end: String, played: Double, item: String, file: String, session: String, revision: String, reason: String, status: String
    }

    func readLog(_ path: String) -> [LogLine] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).dropFirst().compactMap { row in
            let f = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 9 else { return nil }
            return LogLine(start: f[0], end: f[1], played: Double(f[2]) ?? -1, item: f[3], file: f[4], session: f[5], revision: f[6], reason: f[7], status: f[8])
        }
    }

    /// `2026-11-02 07:00:03.120` as seconds after 07:00:00 that day.
    func secondsAfterSeven(_ t: String) -> Double {
        let time = t.split(separator: " ")[1].split(separator: ":")
        return (Double(time[0])! - 7) * 3600 + Double(time[1])! * 60 + Double(time[2])!
    }

    /// Goertzel power of `frequency` in a window of mono samples.
    func power(_ x: ArraySlice<Float>, _ frequency: Double) -> Double {
        let w = 2 * cos(2 * Double.pi * frequency / Double(Self.rate))
        var s1 = 0.0, s2 = 0.0
        for v in x { let s0 = Double(v) + w * s1 - s2; s2 = s1; s1 = s0 }
        return s1 * s1 + s2 * s2 - w * s1 * s2
    }

    func testAirsTheApprovedWeekWithAnEmergencyBulletinAKillAndTheAudit() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/liquidsoap") else {
            throw XCTSkip("Debian's liquidsoap is not installed (scripts/test.sh installs it)")
        }
        let fx = Fixtures(prefix: "lichphat-air-")
        defer { fx.remove() }
        try FileManager.default.createDirectory(atPath: fx.path("Audio"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: fx.path("Schedules"), withIntermediateDirectories: true)
        fx.write("Audio/mo.wav", .wav16, rate: Self.rate, samples: Fixtures.tone(3, rate: Self.rate, frequency: 440, amplitude: 0.3))
        fx.write("Audio/tin.wav", .wav16, rate: Self.rate, samples: Fixtures.tone(8, rate: Self.rate, frequency: 550, amplitude: 0.3))
        fx.write("Audio/ket.wav", .wav16, rate: Self.rate, samples: Fixtures.tone(3, rate: Self.rate, frequency: 660, amplitude: 0.3))
        fx.write("canh-bao.wav", .wav16, rate: Self.rate, samples: Fixtures.tone(2, rate: Self.rate, frequency: 1000, amplitude: 0.3))
        let station = fx.path("Schedules/thu-phat.yaml")
        try """
        station: {id: thu-phat, name: "Đài thử phát", timezone: Asia/Ho_Chi_Minh}
        audio: ../Audio
        sessions:
          - {id: sang, name: "Buổi sáng", days: daily, start: "07:00", length: 30s, open: [mo], close: [ket]}
          - {id: trua, name: "Buổi trưa", days: daily, start: "07:01", length: 30s, open: [mo], close: [ket]}
        items:
          - {id: mo, title: "Nhạc hiệu", file: mo.wav}
          - {id: ket, title: "Kết thúc", file: ket.wav}
          - {id: tin, title: "Bản tin xã", file: tin.wav, tags: [tin]}
        rules:
          - {id: tin, name: "Tin xã", tags: [tin], per_week: {min: 14}}
        repeat_gap: 30s
        max_unused: 100%

        """.write(toFile: station, atomically: true, encoding: .utf8)
        let plan = try Run(["plan", station, "--week", "2026-W45", "--no-cache"], cwd: fx.folder)
        XCTAssertEqual(plan.status, 0, plan.stderr)

        // Not approved: refused with the reason (the playout keeps running for emergency
        // bulletins, and says so on the pages); nothing of the week airs, no play log is written.
        let sevenAM = ISO8601DateFormatter().date(from: "2026-11-02T07:00:00+07:00")!
        var offset = sevenAM.timeIntervalSinceNow - 1
        let (refused, refusedSaid) = try startAir(station, in: fx, env: ["LICHPHAT_CLOCK_OFFSET": "\(offset)"], output: fx.path("x.pcm"))
        for _ in 0..<200 where !refusedSaid.withLock({ $0.contains("Liquidsoap đã sẵn sàng") }) { Thread.sleep(forTimeInterval: 0.1) }
        Thread.sleep(forTimeInterval: 3)
        kill(refused.processIdentifier, SIGINT)
        refused.waitUntilExit()
        let refusal = refusedSaid.withLock { $0 }
        XCTAssertTrue(refusal.contains("Không phát: lịch tuần 2026-W45 chưa được duyệt"), refusal)
        XCTAssertFalse(FileManager.default.fileExists(atPath: fx.path("Schedules/thu-phat/nhat-ky-phat-2026-11.csv")), refusal)
        let state = try String(contentsOfFile: fx.path("Schedules/thu-phat/.lichphat/on-air.json"), encoding: .utf8)
        XCTAssertTrue(state.contains("\"refusal\":\"not-approved\""), state)

        let approve = try Run(["approve", fx.path("Schedules/thu-phat/2026-W45"), "--by", "Chủ tịch UBND xã"], cwd: fx.folder)
        XCTAssertEqual(approve.status, 0, approve.stderr)

        // 07:00:00 (station time) is 8 s away: Liquidsoap takes about two to start, the control
        // pages (lichphat serve) read the station's audio at theirs.
        offset = sevenAM.timeIntervalSinceNow - 8
        let env = ["LICHPHAT_CLOCK_OFFSET": "\(offset)"]
        func untilSim(_ secondsAfterSeven: Double) {
            let wait = sevenAM.timeIntervalSince1970 + secondsAfterSeven - (Date().timeIntervalSince1970 + offset)
            if wait > 0 { Thread.sleep(forTimeInterval: wait) }
        }
        let port = Int.random(in: 20_000...40_000)
        let (air, said) = try startAir(station, in: fx, env: env, output: fx.path("out.pcm"), control: port)
        defer { if air.isRunning { kill(air.processIdentifier, SIGKILL) } }

        // The playout holds the station's lock once it says which revision airs (after reading the station).
        for _ in 0..<300 where !said.withLock({ $0.contains("Tuần 2026-W45: phát bản 1.") }) { Thread.sleep(forTimeInterval: 0.05) }
        XCTAssertTrue(air.isRunning, said.withLock { $0 })
        // A second playout of the same station is refused: it would air everything twice.
        let second = try Run(["air", station, "--output", "file:" + fx.path("y.pcm"), "--no-cache"], cwd: fx.folder, environment: env)
        XCTAssertEqual(second.status, 1)
        XCTAssertTrue(second.stdout.contains("đang được phát bởi một lệnh lichphat air khác"), second.stdout + second.stderr)

        // 07:00:01.5: the control port (--control: the station's pages and API beside the playout) says what is on air.
        untilSim(1.5)
        let onAir = Process()
        onAir.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        onAir.arguments = ["-s", "--max-time", "5", "http://127.0.0.1:\(port)/api/stations/thu-phat/on-air"]
        let onAirOut = Pipe()
        onAir.standardOutput = onAirOut
        try onAir.run()
        let onAirText = String(decoding: onAirOut.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        onAir.waitUntilExit()
        XCTAssertTrue(onAirText.contains("\"running\":true") && onAirText.contains("\"item\":\"mo\""), onAirText)

        // 07:00:05, during "Bản tin xã": an emergency bulletin, three times twelve seconds apart.
        untilSim(5)
        let sent = try Run(["bulletin", "add", station, "--file", fx.path("canh-bao.wav"), "--level", "emergency",
                            "--repeat", "3", "--every", "12s", "--title", "Cảnh báo lũ", "--no-cache"], cwd: fx.folder, environment: env)
        XCTAssertEqual(sent.status, 0, sent.stderr)
        let id = try XCTUnwrap(sent.stdout.split(separator: " ").first { $0.hasPrefix("bt-") }.map(String.init))
        let record = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: fx.path("Schedules/thu-phat/ban-tin/\(id).json")))) as? [String: Any])
        let from = try XCTUnwrap(record["from"] as? Int)
        let sentAt = Double(from % 86_400_000) / 1000 - 7 * 3600

        // 07:00:22: cancelled after the second airing (07:00:17); the third (07:00:29) never airs.
        untilSim(22)
        let cancel = try Run(["bulletin", "cancel", station, id, "--no-cache"], cwd: fx.folder, environment: env)
        XCTAssertEqual(cancel.status, 0, cancel.stderr)

        // 07:01:05, in the second session's "Bản tin xã": Liquidsoap killed outright.
        untilSim(65)
        let logPath = fx.path("Schedules/thu-phat/nhat-ky-phat-2026-11.csv")
        let beforeKill = try String(contentsOfFile: logPath, encoding: .utf8)
        let liquidsoap = try XCTUnwrap(childProcesses(of: air.processIdentifier).first { p in
            ((try? String(contentsOfFile: "/proc/\(p)/comm", encoding: .utf8)) ?? "").hasPrefix("liquidsoap")
        }, "no Liquidsoap under lichphat air")
        XCTAssertEqual(kill(liquidsoap, SIGKILL), 0)

        untilSim(76)
        kill(air.processIdentifier, SIGINT)
        air.waitUntilExit()
        let transcript = said.withLock { $0 }
        XCTAssertEqual(air.terminationStatus, 0, transcript)

        // The log keeps every line written before the kill, and goes on after it.
        let afterAll = try String(contentsOfFile: logPath, encoding: .utf8)
        XCTAssertTrue(afterAll.hasPrefix(beforeKill), "lines written before the kill were changed")
        let log = readLog(logPath)
        let plan1 = log.filter { $0.reason == "plan" && secondsAfterSeven($0.start) < 30 }
        XCTAssertEqual(plan1.map(\.item), ["mo", "tin", "tin", "ket"], transcript)
        guard plan1.count == 4 else { return }
        XCTAssertEqual(plan1.map(\.status), ["ok", "interrupted", "resumed", "ok"], transcript)
        // Each airing that starts on its own starts within 0.5 s of the plan (07:00:00, :03, :11).
        for (line, planned) in zip([plan1[0], plan1[1], plan1[3]], [0.0, 3, 11]) {
            XCTAssertEqual(secondsAfterSeven(line.start), planned, accuracy: 0.5, "\(line.item) started at \(line.start)")
        }
        // The emergency bulletin: on air within a second of being sent, twice, not a third time.
        let bulletins = log.filter { $0.reason == "bulletin" }
        XCTAssertEqual(bulletins.count, 2, transcript)
        guard bulletins.count == 2 else { return }
        XCTAssertEqual(bulletins.map(\.item), [id, id])
        XCTAssertLessThan(secondsAfterSeven(bulletins[0].start) - sentAt, 1.0)
        XCTAssertGreaterThanOrEqual(secondsAfterSeven(bulletins[0].start) - sentAt, 0)
        XCTAssertEqual(secondsAfterSeven(bulletins[1].start), sentAt + 12, accuracy: 0.5)
        XCTAssertEqual(bulletins[0].played, 2, accuracy: 0.2)
        // The session resumed where the plan is by then: the rest of "Bản tin xã" at the bulletin's end.
        XCTAssertEqual(secondsAfterSeven(plan1[2].start), secondsAfterSeven(bulletins[0].end), accuracy: 0.3)
        // The kill: the airing on air is logged with what it played, then resumed after the restart.
        let plan2 = log.filter { $0.reason == "plan" && secondsAfterSeven($0.start) >= 60 }
        XCTAssertEqual(plan2.map(\.item), ["mo", "tin", "tin", "ket"], transcript)
        guard plan2.count == 4 else { return }
        XCTAssertEqual(plan2.map(\.status), ["ok", "stopped", "resumed", "ok"], transcript)
        XCTAssertEqual(secondsAfterSeven(plan2[1].end), 65, accuracy: 0.5)
        XCTAssertEqual(secondsAfterSeven(plan2[3].start), 71, accuracy: 0.5)
        let incidents = try String(contentsOfFile: fx.path("Schedules/thu-phat/.lichphat/air-events.log"), encoding: .utf8)
        XCTAssertTrue(incidents.contains("liquidsoap-stopped signal 9"), incidents)

        // The recorded sound: the bulletin's 1000 Hz tone, twice, the first where the log says.
        let raw = try Data(contentsOf: URL(fileURLWithPath: fx.path("out.pcm")))
        let mono: [Float] = raw.withUnsafeBytes { p in
            let s = p.bindMemory(to: Int16.self)
            return stride(from: 0, to: s.count - 1, by: 2).map { (Float(s[$0]) + Float(s[$0 + 1])) / 65_536 }
        }
        let window = Self.rate / 20
        var bursts: [Int] = []
        var firstSound: Int?
        var inBurst = false
        for start in stride(from: 0, to: mono.count - window, by: window) {
            let w = mono[start..<start + window]
            let alarm = power(w, 1000), others = power(w, 440) + power(w, 550) + power(w, 660)
            if firstSound == nil, others > 1e3 { firstSound = start }
            let now = alarm > 1e3 && alarm > 10 * others
            if now && !inBurst { bursts.append(start) }
            inBurst = now
        }
        XCTAssertEqual(bursts.count, 2, "1000 Hz bursts in the recording")
        if let first = firstSound, let burst = bursts.first {
            let heard = Double(burst - first) / Double(Self.rate)
            XCTAssertEqual(heard, secondsAfterSeven(bulletins[0].start) - secondsAfterSeven(plan1[0].start), accuracy: 0.2)
        }

        // The month's audit reads the log with no --asrun: every line explained.
        let audit = try Run(["audit", station, "--period", "2026-11", "--format", "json"], cwd: fx.folder)
        let doc = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [String: Any], audit.stderr)
        XCTAssertEqual(doc["basis"] as? String, "play-logs")
        let rec = try XCTUnwrap(doc["reconciliation"] as? [String: Any])
        XCTAssertEqual((rec["unplanned"] as? [Any])?.count, 0)
        XCTAssertEqual((doc["bulletins"] as? [Any])?.count, 2)
        let problems = (doc["problems"] as? [[String: Any]]) ?? []
        XCTAssertEqual(problems.filter { $0["code"] as? String != "outside-period" }.count, 0, "\(problems)")
        // The interrupted airing counts as aired; the one cut by the kill is the only short one.
        XCTAssertEqual((rec["short"] as? [[String: Any]])?.map { $0["item"] as? String }, ["tin"])

        // bulletin list: each time it aired.
        let list = try Run(["bulletin", "list", station, "--no-cache"], cwd: fx.folder, environment: env)
        XCTAssertEqual(list.stdout.components(separatedBy: "đã phát").count - 1, 2, list.stdout)
        XCTAssertTrue(list.stdout.contains("đã huỷ"), list.stdout)
    }

    /// A relay with a stream address: the stream (served here over HTTP) is switched on at the
    /// relay's time and off at its end, logged with reason relay; the session goes on as planned.
    /// The stream goes quiet halfway: dead air is detected and recorded.
    func testRelayIsSwitchedOnAndOffAtItsTimes() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/liquidsoap") else {
            throw XCTSkip("Debian's liquidsoap is not installed (scripts/test.sh installs it)")
        }
        let fx = Fixtures(prefix: "lichphat-relay-")
        defer { fx.remove() }
        try FileManager.default.createDirectory(atPath: fx.path("Audio"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: fx.path("Schedules"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: fx.path("www"), withIntermediateDirectories: true)
        fx.write("Audio/mo.wav", .wav16, rate: Self.rate, samples: Fixtures.tone(3, rate: Self.rate, frequency: 440, amplitude: 0.3))
        fx.write("Audio/ket.wav", .wav16, rate: Self.rate, samples: Fixtures.tone(3, rate: Self.rate, frequency: 660, amplitude: 0.3))
        // The stream: three seconds of sound, then silence (the relay's source gone quiet: dead air).
        fx.write("www/vov.wav", .wav16, rate: Self.rate, samples: Fixtures.tone(3, rate: Self.rate, frequency: 800, amplitude: 0.3) + Fixtures.silence(27, rate: Self.rate))
        let port = Int.random(in: 40_001...50_000)
        let web = Process()
        web.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        web.arguments = ["python3", "-m", "http.server", "\(port)", "--bind", "127.0.0.1", "--directory", fx.path("www")]
        web.standardOutput = FileHandle.nullDevice
        web.standardError = FileHandle.nullDevice
        try web.run()
        defer { web.terminate(); web.waitUntilExit() }
        let station = fx.path("Schedules/tp.yaml")
        try """
        station: {id: tp, name: "Đài thử tiếp sóng", timezone: Asia/Ho_Chi_Minh}
        audio: ../Audio
        sessions:
          - {id: sang, name: "Buổi sáng", days: daily, start: "07:00", length: 30s, open: [mo], close: [ket]}
        items:
          - {id: mo, title: "Nhạc hiệu", file: mo.wav}
          - {id: ket, title: "Kết thúc", file: ket.wav}
          - {id: vov, title: "Tiếp sóng VOV1", relay: true, length: 6s, url: "http://127.0.0.1:\(port)/vov.wav", priority: 1}
        max_unused: 100%
        playout: {dead_air: 2s}

        """.write(toFile: station, atomically: true, encoding: .utf8)
        XCTAssertEqual(try Run(["plan", station, "--week", "2026-W45", "--no-cache"], cwd: fx.folder).status, 0)
        XCTAssertEqual(try Run(["approve", fx.path("Schedules/tp/2026-W45"), "--by", "Chủ tịch"], cwd: fx.folder).status, 0)

        let sevenAM = ISO8601DateFormatter().date(from: "2026-11-02T07:00:00+07:00")!
        let offset = sevenAM.timeIntervalSinceNow - 6
        let (air, said) = try startAir(station, in: fx, env: ["LICHPHAT_CLOCK_OFFSET": "\(offset)"], output: fx.path("out.pcm"))
        defer { if air.isRunning { kill(air.processIdentifier, SIGKILL) } }
        let wait = sevenAM.timeIntervalSince1970 + 14 - (Date().timeIntervalSince1970 + offset)
        if wait > 0 { Thread.sleep(forTimeInterval: wait) }
        kill(air.processIdentifier, SIGINT)
        air.waitUntilExit()
        let transcript = said.withLock { $0 }
        let log = readLog(fx.path("Schedules/tp/nhat-ky-phat-2026-11.csv"))
        XCTAssertEqual(log.map(\.item), ["mo", "vov", "ket"], transcript)
        guard log.count == 3 else { return }
        XCTAssertEqual(log[1].reason, "relay")
        XCTAssertEqual(log[1].file, "http://127.0.0.1:\(port)/vov.wav")
        XCTAssertEqual(secondsAfterSeven(log[1].start), 3, accuracy: 0.5)
        XCTAssertEqual(log[1].played, 6, accuracy: 0.5)
        XCTAssertEqual(secondsAfterSeven(log[2].start), 9, accuracy: 0.5)
        // Silence on air during the relay, longer than playout: {dead_air: 2s}: recorded, said, and its end.
        let incidents = (try? String(contentsOfFile: fx.path("Schedules/tp/.lichphat/air-events.log"), encoding: .utf8)) ?? ""
        XCTAssertTrue(incidents.contains("dead-air vov") && incidents.contains("dead-air-end"), incidents)
        XCTAssertTrue(transcript.contains("im lặng trên sóng quá 2 giây"), transcript)
        // The stream's 800 Hz is in the recording, for its three seconds of sound.
        let raw = try Data(contentsOf: URL(fileURLWithPath: fx.path("out.pcm")))
        let mono: [Float] = raw.withUnsafeBytes { p in
            let s = p.bindMemory(to: Int16.self)
            return stride(from: 0, to: s.count - 1, by: 2).map { (Float(s[$0]) + Float(s[$0 + 1])) / 65_536 }
        }
        let window = Self.rate / 20
        let heard = stride(from: 0, to: mono.count - window, by: window).filter { start in
            let w = mono[start..<start + window]
            let relay = power(w, 800)
            return relay > 1e3 && relay > 10 * (power(w, 440) + power(w, 660))
        }.count
        XCTAssertEqual(Double(heard) / 20, 3, accuracy: 0.6, "seconds of the relay's stream in the recording")
    }

    /// `lichphat air` on `station`, its output collected as it comes.
    func startAir(_ station: String, in fx: Fixtures, env: [String: String], output: String, control: Int? = nil) throws -> (Process, Mutex<String>) {
        let air = Process()
        air.executableURL = Run.program
        air.arguments = ["air", station, "--output", "file:" + output, "--no-cache"] + (control.map { ["--control", "\($0)"] } ?? [])
        air.currentDirectoryURL = URL(fileURLWithPath: fx.folder)
        var airEnv = ProcessInfo.processInfo.environment
        airEnv.merge(env) { _, b in b }
        airEnv["XDG_CACHE_HOME"] = fx.path("cache")
        air.environment = airEnv
        let airOut = Pipe()
        air.standardOutput = airOut
        air.standardError = airOut
        let said = Mutex("")
        airOut.fileHandleForReading.readabilityHandler = { h in
            let d = h.availableData
            if d.isEmpty { h.readabilityHandler = nil } else { said.withLock { $0 += String(decoding: d, as: UTF8.self) } }
        }
        try air.run()
        return (air, said)
    }

    /// The processes whose parent is `pid` (from /proc).
    func childProcesses(of pid: Int32) -> [Int32] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return names.compactMap(Int32.init).filter { p in
            guard let stat = try? String(contentsOfFile: "/proc/\(p)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 2 && Int32(fields[1]) == pid
        }
    }
}

/// A value shared with a pipe's reading thread.
final class Mutex<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func withLock<R>(_ body: (inout Value) -> R) -> R { lock.withLock { body(&value) } }
}
