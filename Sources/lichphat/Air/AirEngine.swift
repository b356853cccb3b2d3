import Foundation
import Glibc
import LichPhatCore
import LichPhatFormats
import LichPhatText
import LichPhatWorkspace

/// `lichphat air`'s engine: Liquidsoap plays, LichPhat decides. Every 20 ms it reads what
/// Liquidsoap reported (each track that started on the output, silence), sends the airing
/// that is due (the approved week through ``Workspace/airWeek``, an emergency bulletin over
/// everything), writes each airing to the play log as it ends, restarts Liquidsoap when it dies
/// (resuming the airing where the plan is by then), and writes the on-air state for the pages.
final class AirEngine {
    let workspace: Workspace
    let loaded: LoadedStation
    let lang: Language
    let output: PlayoutOutput
    let outputText: String
    let liquidsoap: String
    /// Sent this much ahead of the planned start: Liquidsoap takes ~50 ms to open a file.
    let lead = 60

    init(workspace: Workspace, loaded: LoadedStation, output: PlayoutOutput, outputText: String, liquidsoap: String, lang: Language) {
        self.workspace = workspace; self.loaded = loaded; self.output = output; self.outputText = outputText
        self.liquidsoap = liquidsoap; self.lang = lang
    }

    var vi: Bool { lang == .vi }
    var now: Int { loaded.clock.now(workspace.now()) }
    /// Seconds between the station clock the workspace keeps and the machine's (0 but in tests).
    lazy var clockOffset: Double = workspace.now().timeIntervalSince1970 - Date().timeIntervalSince1970
    /// Liquidsoap's `time()` as station-local ms.
    func local(_ unix: Double) -> Int { loaded.clock.local(utc: Int(((unix + clockOffset) * 1000).rounded())) }

    // MARK: Liquidsoap

    final class Events: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        private var partial = Data()
        private var tail: [String] = []
        func take(_ data: Data) {
            lock.withLock {
                partial.append(data)
                while let nl = partial.firstIndex(of: 0x0A) {
                    let line = String(decoding: partial[partial.startIndex..<nl], as: UTF8.self)
                    partial.removeSubrange(partial.startIndex...nl)
                    if line.hasPrefix("LPEV ") { lines.append(line) } else if !line.isEmpty {
                        tail.append(line)
                        if tail.count > 20 { tail.removeFirst() }
                    }
                }
            }
        }
        func drain() -> [String] { lock.withLock { defer { lines = [] }; return lines } }
        func lastWords() -> String { lock.withLock { tail.suffix(5).joined(separator: " | ") } }
    }

    var process: Process?
    var events = Events()
    var runtime = ""
    var socketPath: String { runtime + "/ctl.sock" }
    var ready = false
    var startedAt = Date.distantPast
    var restartAt = Date.distantPast
    var restarts = 0
    var recentDeaths: [Date] = []
    var stopping = false
    var killedUnready = false
    /// Starts in a row that never became ready: the wait before the next grows (to a minute).
    var failedStarts = 0

    func startLiquidsoap() {
        events = Events()
        let script = PlayoutScript.text(socket: socketPath, output: outputForThisStart(), deadAir: loaded.file.deadAir, runAsRoot: getuid() == 0)
        let scriptPath = runtime + "/air.liq"
        unlink(socketPath)
        guard FileManager.default.createFile(atPath: scriptPath, contents: Data(script.utf8)) else {
            say(vi ? "Không ghi được kịch bản Liquidsoap vào \(scriptPath)." : "Cannot write the Liquidsoap script to \(scriptPath).")
            restartAt = Date().addingTimeInterval(5)
            return
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: liquidsoap)
        p.arguments = [scriptPath]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        p.standardInput = FileHandle.nullDevice
        let sink = events
        pipe.fileHandleForReading.readabilityHandler = { h in
            let d = h.availableData
            if d.isEmpty { h.readabilityHandler = nil } else { sink.take(d) }
        }
        do { try p.run() } catch {
            say(vi ? "Không chạy được Liquidsoap (\(liquidsoap)): \(error.localizedDescription)" : "Cannot start Liquidsoap (\(liquidsoap)): \(error.localizedDescription)")
            restartAt = Date().addingTimeInterval(5)
            return
        }
        process = p
        ready = false
        killedUnready = false
        startedAt = Date()
    }

    /// A WAV recording gets a new numbered file at each start (a restart never writes over the
    /// sound already recorded); raw PCM is appended.
    func outputForThisStart() -> PlayoutOutput {
        guard case .file(let path) = output, path.hasSuffix(".wav"), FileManager.default.fileExists(atPath: path) else { return output }
        let stem = String(path.dropLast(4))
        var n = 1
        while FileManager.default.fileExists(atPath: "\(stem)-\(n).wav") { n += 1 }
        return .file(path: "\(stem)-\(n).wav")
    }

    enum Sent { case done, notSent, unknown }

    func command(_ c: String) -> String? {
        do { return try ControlSocket.send(c, to: socketPath) } catch {
            return nil
        }
    }

    /// A push: `unknown` when it was written but not answered (Liquidsoap may have queued it; the
    /// report of its start confirms it, so it is not sent again).
    func push(_ c: String) -> Sent {
        do { _ = try ControlSocket.send(c, to: socketPath); return .done } catch {
            return error.written ? .unknown : .notSent
        }
    }

    func checkProcess() {
        if let p = process, !p.isRunning { died(p) }
        if process == nil, !stopping, Date() >= restartAt { startLiquidsoap() }
        if let _ = process, !ready {
            if command("now") != nil {
                ready = true
                failedStarts = 0
                say(restarts == 0 ? (vi ? "Liquidsoap đã sẵn sàng; đầu ra: \(outputText)." : "Liquidsoap is ready; output: \(outputText).")
                                  : (vi ? "Liquidsoap đã chạy lại (lần \(restarts))." : "Liquidsoap is running again (restart \(restarts))."))
                writeState(force: true)
            } else if Date().timeIntervalSince(startedAt) > 20, let p = process, !killedUnready {
                killedUnready = true
                failedStarts += 1
                workspace.recordAirIncident(loaded, code: "liquidsoap-not-ready", detail: events.lastWords())
                say(vi ? "Liquidsoap không sẵn sàng sau 20 giây (lần \(failedStarts)); dừng và chạy lại." : "Liquidsoap is not ready after 20 s (time \(failedStarts)); stopping and starting it again.")
                kill(p.processIdentifier, SIGKILL)
            }
        }
    }

    func died(_ p: Process) {
        let why = p.terminationReason == .uncaughtSignal ? "signal \(p.terminationStatus)" : "exit \(p.terminationStatus)"
        // What it reported before it died counts first (a start it printed, then the death).
        for line in events.drain() { handle(line) }
        let words = events.lastWords()
        process = nil
        ready = false
        // An emergency bulletin cut by the death airs again, whole; a relay is switched on again.
        if let c = current, c.token.urgent, let due = c.token.due { airedDue.remove(due) }
        if let c = current, c.token.reason == .relay { sent.remove(c.token.key); resumedKeys.insert(c.token.key) }
        // What was on air stopped now: logged with what it played; the plan's airing resumes.
        close(at: now, status: "stopped")
        forgetQueued()
        if let u = urgentPushed { airedDue.remove(u); urgentPushed = nil }
        relayActive = nil
        guard !stopping else { return }
        restarts += 1
        recentDeaths = recentDeaths.filter { Date().timeIntervalSince($0) < 60 } + [Date()]
        let wait: Double = failedStarts > 0 ? min(60, Double(1 << min(failedStarts, 6))) : (recentDeaths.count > 5 ? 10 : 0.3)
        restartAt = Date().addingTimeInterval(wait)
        workspace.recordAirIncident(loaded, code: "liquidsoap-stopped", detail: "\(why); \(words)")
        say(vi ? "Liquidsoap đã dừng (\(why)); chạy lại sau \(wait) giây." : "Liquidsoap stopped (\(why)); starting it again in \(wait) s.")
    }

    // MARK: What airs

    struct Token {
        var key: String
        var item: String
        var title: String
        var file: String
        var session: String
        var revision: Int
        var reason: PlayLogLine.Reason
        var length: Int
        var resumed: Bool
        var urgent: Bool
        /// For an emergency bulletin's airing: `id@due`.
        var due: String?
    }

    var week: ISOWeek?
    var air: AirWeek?
    var refusal: WorkspaceError?
    var refusalCode: String?
    var nextRefusal: String?
    var timeline: PlayoutTimeline?
    var lastLoad = Date.distantPast

    var sent: Set<String> = []
    var queued: [String] = []
    var resumedKeys: Set<String> = []
    var tokens: [String: Token] = [:]
    var nextToken = 1
    var current: (name: String, token: Token, start: Int, status: String?)?

    var bulletins: [Bulletin] = []
    var bulletinStamp = ""
    var airedDue: Set<String> = []
    var urgentPushed: String?
    var urgentPushedAt = Date.distantPast
    var deadAirSince: Int?
    /// The relay switched on: its token, and when it ends (station ms).
    var relayActive: (name: String, end: Int)?

    func loadWeek(force: Bool = false) {
        let t = now
        let w = ISOWeek(containing: StationClock.date(t))
        guard force || w != week || Date().timeIntervalSince(lastLoad) > 2 else { return }
        lastLoad = Date()
        let changedWeek = w != week
        week = w
        let before = air?.revision
        do {
            let a = try workspace.airWeek(loaded, week: w)
            air = a
            if changedWeek || refusal != nil || before != a.revision {
                say(vi ? "Tuần \(w): phát bản \(a.revision)\(a.draft ? " (BẢN NHÁP, chưa duyệt)" : "")\(a.waiting.map { "; bản \($0) đang chờ duyệt" } ?? "")."
                       : "Week \(w): airing revision \(a.revision)\(a.draft ? " (DRAFT, not approved)" : "")\(a.waiting.map { "; revision \($0) waits for approval" } ?? "").")
            }
            refusal = nil
        } catch {
            if changedWeek || refusal == nil {
                for line in WorkspaceMessages.lines(error, lang) { say(line) }
                workspace.recordAirIncident(loaded, code: "week-refused", detail: "\(w) \(error.code)")
            }
            air = nil
            refusal = error
            if case .cannotAir(_, let why) = error { refusalCode = why.rawValue } else { refusalCode = error.code }
        }
        do { _ = try workspace.airWeek(loaded, week: w.adding(weeks: 1)); nextRefusal = nil } catch {
            if case .cannotAir(_, let why) = error { nextRefusal = why.rawValue } else { nextRefusal = error.code }
        }
        rebuildTimeline()
    }

    func rebuildTimeline() {
        guard let air else { timeline = nil; return }
        let folder = workspace.bulletinFolder(loaded)
        // Priority ones, and normal ones placed from the inbox: both head their session.
        let placed = bulletins.filter { $0.level != .emergency && $0.placed?.week == air.week.description && $0.placed?.revision == 0 }
            .map { ($0, folder + "/" + $0.audio) }
        timeline = PlayoutTimeline(plan: air.plan, relayURLs: loaded.file.relayURLs, bulletins: placed)
    }

    func loadBulletins() {
        let folder = workspace.bulletinFolder(loaded)
        let a = try? FileManager.default.attributesOfItem(atPath: folder)
        let stamp = a.map { "\(($0[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0).\($0[.systemFileNumber] ?? 0)" } ?? ""
        guard stamp != bulletinStamp else { return }
        bulletinStamp = stamp
        bulletins = workspace.bulletins(loaded)
        rebuildTimeline()
    }

    func token(for t: Token) -> String {
        let name = "\(nextToken)"
        nextToken += 1
        tokens[name] = t
        return name
    }

    /// An emergency bulletin due and not yet aired goes on air over everything.
    func sendEmergency() {
        guard urgentPushed == nil, current?.token.urgent != true else { return }
        let t = now
        let folder = workspace.bulletinFolder(loaded)
        for b in bulletins.reversed() where b.level == .emergency && b.isActive {
            // Only the latest airing due: ones missed meanwhile (a restart, an outage) are not
            // played back to back; they are marked done.
            let passed = b.airTimes.filter { $0 <= t && t - $0 < 600_000 }
            guard let due = passed.last, !airedDue.contains("\(b.id)@\(due)") else { continue }
            for older in passed.dropLast() { airedDue.insert("\(b.id)@\(older)") }
            do {
                let key = "\(b.id)@\(due)"
                let tok = token(for: Token(key: key, item: b.id, title: b.title, file: "ban-tin/" + b.audio, session: current?.token.session ?? "",
                                           revision: 0, reason: .bulletin, length: b.length, resumed: false, urgent: true, due: key))
                let req = PlayoutScript.request(token: tok, path: folder + "/" + b.audio, gain: b.gain, cueIn: nil, cueOut: nil)
                guard push("urgent.push \(req)") != .notSent else { return }
                airedDue.insert(key)
                urgentPushed = key
                urgentPushedAt = Date()
                say(vi ? "KHẨN CẤP: phát bản tin “\(b.title)” (lần \((b.airTimes.firstIndex(of: due) ?? 0) + 1)/\(b.airTimes.count))."
                       : "EMERGENCY: airing bulletin “\(b.title)” (\((b.airTimes.firstIndex(of: due) ?? 0) + 1) of \(b.airTimes.count)).")
                return
            }
        }
    }

    /// The plan's airing that is due (at its time, or resumed where the plan is by now).
    func sendPlan() {
        guard urgentPushed == nil, current?.token.urgent != true, let tl = timeline, let air else { return }
        let t = now
        guard let e = tl.due(at: t, lead: lead, sent: sent) else { return }
        let late = t - e.start
        let offset = late > 300 ? late : 0
        let path: String
        switch e.reason {
        case .plan, .bulletin:
            let f = e.file!
            path = f.hasPrefix("/") ? f : loaded.audioFolder + "/" + (loaded.diskNames[f] ?? f)
        case .relay:
            // The stream, switched on now and off at the relay's end; Liquidsoap reports the connection.
            let url = e.url!.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
            let resumed = resumedKeys.remove(e.key) != nil
            let tok = token(for: Token(key: e.key, item: e.item, title: e.title, file: url, session: e.session, revision: air.revision,
                                       reason: .relay, length: e.end - max(t, e.start), resumed: resumed, urgent: false, due: nil))
            sent.insert(e.key)
            guard push("relay.on \(url)") != .notSent else { sent.remove(e.key); return }
            relayActive = (tok, e.end)
            return
        }
        let resumed = resumedKeys.remove(e.key) != nil
        let tok = token(for: Token(key: e.key, item: e.item, title: e.title, file: e.file ?? e.url ?? "", session: e.session,
                                   revision: e.file?.hasPrefix("/") == true ? 0 : air.revision,
                                   reason: PlayLogLine.Reason(rawValue: e.reason.rawValue) ?? .plan,
                                   length: e.length - offset, resumed: resumed && offset > 0, urgent: false, due: nil))
        let cueIn = (e.cue?.cueIn ?? 0) + offset
        let req = PlayoutScript.request(token: tok, path: path, gain: e.gain, cueIn: e.reason == .relay ? nil : cueIn,
                                        cueOut: e.reason == .relay ? nil : e.cue?.cueOut)
        sent.insert(e.key)
        guard push("plan.push \(req)") != .notSent else { sent.remove(e.key); return }
        queued.append(tok)
    }

    /// A relay's time is over: its stream is switched off (just before the next airing is sent).
    func endRelay() {
        guard let r = relayActive, now >= r.end - lead else { return }
        _ = push("relay.off")
        relayActive = nil
        if let c = current, c.name == r.name { close(at: min(now, r.end), status: nil) }
    }

    func forgetQueued() {
        for q in queued { if let k = tokens[q]?.key { sent.remove(k) } }
        queued = []
    }

    /// Ends what is on air at `at` and writes its line.
    func close(at: Int, status: String?) {
        guard let c = current else { return }
        current = nil
        // A token airs once: Liquidsoap may show a paused item's metadata again when it returns to
        // the plan (after a relay), which must not start it a second time. A relay's stays: its rest
        // airs after an emergency bulletin.
        if c.token.reason != .relay { tokens[c.name] = nil }
        let why = status ?? c.status ?? "ok"
        // A relay stays switched on under an emergency bulletin (its rest airs after it).
        if why == "stopped" || why == PlayLogReader.interruptedStatus, c.token.reason != .bulletin, c.token.reason != .relay {
            sent.remove(c.token.key)
            resumedKeys.insert(c.token.key)
        }
        // The rest of an airing stays "resumed" however it ends: the audit adds it to its first part.
        let s = c.token.resumed ? PlayLogReader.resumedStatus : why
        let line = PlayLogLine(start: c.start, end: max(c.start, at), item: c.token.item, file: c.token.file, session: c.token.session,
                               revision: c.token.revision, reason: c.token.reason, status: s)
        do { try PlayLogWriter.append(line, folder: loaded.weeksFolder) } catch {
            // A full disk said in the operator's words (the system's are English), like every write refused.
            let why = WorkspaceMessages.lines(.cannotWrite(path: loaded.weeksFolder + "/" + PlayLogWriter.fileName(for: line.start), detail: error.detail), lang).joined(separator: " ")
            say((vi ? "KHÔNG GHI ĐƯỢC NHẬT KÝ PHÁT. " : "CANNOT WRITE THE PLAY LOG. ") + why)
            workspace.recordAirIncident(loaded, code: "play-log-not-written", detail: error.detail)
        }
    }

    func handle(_ line: String) {
        let parts = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 3, let unix = Double(parts[2]) else { return }
        let at = local(unix)
        let lp = parts.count > 3 ? parts[3].trimmingCharacters(in: .whitespaces) : ""
        switch parts[1] {
        case "relay-on":
            guard let r = relayActive, let tok = tokens[r.name], current?.name != r.name else { return }
            close(at: at, status: nil)
            current = (r.name, tok, at, nil)
            // What the plan had under it is over (a paused item would come back after the relay).
            _ = command("plan.flush_and_skip")
            forgetQueued()
            say("\(loaded.clock.isoSeconds(at)) ▶ \(tok.title) (\(vi ? "tiếp sóng" : "relay"))")
        case "relay-off":
            // The stream ended or was lost: what it played is logged.
            if let c = current, c.token.reason == .relay { close(at: at, status: nil) }
        case "air", "bulletin":
            // The same start told twice (by the bulletin queue, then by the output): once. A relay's
            // stream starts tracks of its own (its metadata): the relay goes on.
            if let c = current, c.name == lp || (c.token.urgent && lp.isEmpty && abs(at - c.start) < 300) || (c.token.reason == .relay && lp.isEmpty) { return }
            let next = tokens[lp]
            if next?.urgent == true, let c = current, !c.token.urgent, c.status == nil { current?.status = PlayLogReader.interruptedStatus }
            close(at: at, status: nil)
            if let next {
                queued.removeAll { $0 == lp }
                current = (lp, next, at, nil)
                if next.urgent {
                    urgentPushed = nil
                    // The plan's airing under it was faded out: it is dropped, and resumed after.
                    _ = command("plan.flush_and_skip")
                    forgetQueued()
                }
                say("\(loaded.clock.isoSeconds(at)) ▶ \(next.title)\(next.resumed ? (vi ? " (tiếp tục)" : " (resumed)") : "")")
            } else if let r = relayActive, var tok = tokens[r.name] {
                // Back from an emergency bulletin to the relay, still connected: its rest airs.
                tok.resumed = true
                current = (r.name, tok, at, nil)
            }
            deadAirSince = nil
        case "blank":
            if current != nil, deadAirSince == nil {
                deadAirSince = at
                workspace.recordAirIncident(loaded, code: "dead-air", detail: current.map { "\($0.token.item) \($0.token.file)" } ?? "")
                say(vi ? "CẢNH BÁO: im lặng trên sóng quá \(loaded.file.deadAir / 1000) giây khi đang phát “\(current!.token.title)”."
                       : "WARNING: silence on air for over \(loaded.file.deadAir / 1000) s while “\(current!.token.title)” airs.")
            }
        case "noise":
            if let since = deadAirSince {
                workspace.recordAirIncident(loaded, code: "dead-air-end", detail: "\((at - since) / 1000) s")
                deadAirSince = nil
            }
        default: break
        }
    }

    // MARK: State

    var lastState = Date.distantPast

    func writeState(force: Bool = false, engine: String? = nil) {
        guard force || Date().timeIntervalSince(lastState) >= 1 else { return }
        lastState = Date()
        let t = now
        var s = OnAirState(pid: getpid(), updated: t, output: outputText,
                           engine: engine ?? (ready ? "running" : (restarts == 0 ? "starting" : "restarting")), restarts: restarts, draft: air?.draft ?? false)
        s.week = week?.description
        s.revision = air?.revision
        s.waiting = air?.waiting
        s.refusal = refusal == nil ? nil : refusalCode
        s.nextRefusal = nextRefusal
        if let c = current {
            s.now = .init(item: c.token.item, title: c.token.title, start: c.start, end: c.start + c.token.length, reason: c.token.reason.rawValue)
            s.now?.file = c.token.file
            s.now?.session = c.token.session
            s.now?.revision = c.token.revision
        }
        if let n = timeline?.slots(at: t).next {
            s.next = .init(item: n.item, title: n.title, start: n.start, end: n.end, reason: n.reason.rawValue)
        }
        s.deadAirSince = deadAirSince
        try? workspace.recordOnAir(loaded, s)
    }

    /// A previous run killed outright left its airing open: logged as stopped at its last word.
    func closeLeftOver() {
        guard let s = workspace.onAir(loaded).state, let n = s.now, s.pid != getpid(), kill(s.pid, 0) != 0 || errno == ESRCH,
              let file = n.file else { return }
        let line = PlayLogLine(start: n.start, end: max(n.start, s.updated), item: n.item, file: file, session: n.session ?? "",
                               revision: n.revision ?? 0, reason: PlayLogLine.Reason(rawValue: n.reason) ?? .plan, status: "stopped")
        try? PlayLogWriter.append(line, folder: loaded.weeksFolder)
        workspace.recordAirIncident(loaded, code: "air-was-killed", detail: "pid \(s.pid)")
    }

    // MARK: Run

    func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// Runs until SIGINT/SIGTERM. Returns the exit code.
    func run() -> Int32 {
        // One playout per station: a second would air everything twice and write the log twice.
        let folder = loaded.weeksFolder + "/.lichphat"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let lockFD = open(folder + "/air.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard lockFD >= 0, flock(lockFD, LOCK_EX | LOCK_NB) == 0 else {
            say(vi ? "Đài này đang được phát bởi một lệnh lichphat air khác (khoá \(folder)/air.lock); không chạy thêm."
                   : "This station is already being aired by another lichphat air (lock \(folder)/air.lock); not starting a second.")
            return Exit.problems
        }
        defer { Glibc.close(lockFD) }
        closeLeftOver()
        loadBulletins()
        // Emergency airings already in the log are not aired again after a restart.
        let aired = workspace.bulletinAirings(loaded)
        for b in bulletins where b.level == .emergency {
            let times = b.airTimes
            for (k, due) in times.enumerated() {
                let next = k + 1 < times.count ? times[k + 1] : Int.max
                if (aired[b.id] ?? []).contains(where: { $0.start >= due - 1_000 && $0.start < next }) { airedDue.insert("\(b.id)@\(due)") }
            }
        }
        loadWeek(force: true)
        // A week that may not air is refused (said, and an alarm on the pages), but the playout
        // keeps running: emergency bulletins still go out, and an approval is taken up within seconds.
        if let n = nextRefusal {
            say(vi ? "Lưu ý: tuần sau chưa phát được (\(airReason(n, lang))); cần lập lịch và duyệt trước khi sang tuần."
                   : "Note: next week cannot air yet (\(airReason(n, lang))); plan and approve it before the week turns.")
        }
        var template = Array("/tmp/lichphat-air-XXXXXX".utf8CString)
        guard let dir = mkdtemp(&template) else {
            say(vi ? "Không tạo được thư mục tạm cho Liquidsoap." : "Cannot make a temporary folder for Liquidsoap.")
            return Exit.usage
        }
        runtime = String(cString: dir)
        defer { try? FileManager.default.removeItem(atPath: runtime) }

        let stop = StopFlag()
        var sources: [any DispatchSourceSignal] = []
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { stop.set() }
            source.resume()
            sources.append(source)
        }
        defer { sources.forEach { $0.cancel() } }
        signal(SIGPIPE, SIG_IGN)

        startLiquidsoap()
        while !stop.isSet {
            checkProcess()
            for line in events.drain() { handle(line) }
            loadBulletins()
            loadWeek()
            if ready {
                if let u = urgentPushed, Date().timeIntervalSince(urgentPushedAt) > 5 {
                    // Never started (a file Liquidsoap could not open): said, and the plan goes on.
                    workspace.recordAirIncident(loaded, code: "bulletin-not-started", detail: u)
                    urgentPushed = nil
                }
                endRelay()
                sendEmergency()
                sendPlan()
            }
            writeState()
            usleep(20_000)
        }
        stopping = true
        close(at: now, status: "stopped")
        if let p = process, p.isRunning {
            p.terminate()
            for _ in 0..<150 where p.isRunning { usleep(20_000) }
            if p.isRunning { kill(p.processIdentifier, SIGKILL) }
        }
        writeState(force: true, engine: "stopped")
        say(vi ? "Đã dừng phát." : "Playout stopped.")
        return Exit.ok
    }
}

final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
