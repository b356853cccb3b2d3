import Foundation
import Glibc
public import LichPhatCore
public import LichPhatFormats

/// The week that goes on air, and from which revision.
public struct AirWeek: Sendable {
    public var week: ISOWeek
    public var plan: Plan
    /// The revision airing (its number in the week's history).
    public var revision: Int
    /// Aired as a draft: nobody approved it (the station's `playout: {air_draft: true}`).
    public var draft: Bool
    /// A newer revision waits for approval: the approved one before it airs meanwhile.
    public var waiting: Int?
}

extension Workspace {
    /// Which plan of `week` may go on air: the current revision when it is approved (and
    /// unchanged since; priority bulletins put in since count as approved, ``WeekFolder/state(of:)``); else the newest revision kept that was approved (a later amendment
    /// waits for the leader, and the week airs as approved meanwhile); else, only when the
    /// station's settings allow a draft, the current one; else refused with the reason.
    public func airWeek(_ loaded: LoadedStation, week: ISOWeek) throws(WorkspaceError) -> AirWeek {
        let view = readWeek(loaded, week: week)
        guard let doc = view.schedule else { throw .cannotAir(week: week, why: .notPlanned) }
        let current = doc.revision ?? 1
        if case .approved = view.state {
            return AirWeek(week: week, plan: try plan(of: doc, folder: view.folder, loaded, week: week), revision: current, draft: false)
        }
        let kept = ((try? FileManager.default.contentsOfDirectory(atPath: view.folder + "/revisions")) ?? []).compactMap(Int.init).sorted(by: >)
        for n in kept {
            let folder = view.folder + "/revisions/\(n)"
            guard case .approved = WeekFolder.state(of: folder), let old = ScheduleDocument.read(folder: folder) else { continue }
            return AirWeek(week: week, plan: try plan(of: old, folder: folder, loaded, week: week), revision: n, draft: false, waiting: current)
        }
        if loaded.file.airDraft {
            return AirWeek(week: week, plan: try plan(of: doc, folder: view.folder, loaded, week: week), revision: current, draft: true)
        }
        if case .modified = view.state { throw .cannotAir(week: week, why: .changedAfterApproval) }
        throw .cannotAir(week: week, why: .notApproved)
    }
}

/// What is on air, as `lichphat air` last wrote it (`Schedules/<station>/.lichphat/on-air.json`,
/// `lichphat/on-air@1`), every second and at each change. Times are station-local ms.
public struct OnAirState: Sendable, Codable, Equatable {
    public var schema = "lichphat/on-air@1"
    public var pid: Int32
    public var updated: Int
    public var output: String
    /// `starting`, `running`, `restarting` (Liquidsoap stopped and is being started again).
    public var engine: String
    public var restarts: Int
    public var week: String?
    public var revision: Int?
    public var draft: Bool
    /// A newer revision waits for approval (the approved one airs meanwhile).
    public var waiting: Int?
    /// Why the week does not air (`not-approved`, …); nil when it does.
    public var refusal: String?
    /// The coming week will not air as it stands (`not-planned`, `not-approved`, …).
    public var nextRefusal: String?
    public var now: Slot?
    public var next: Slot?
    /// Silence on air since this time, during an airing.
    public var deadAirSince: Int?

    public struct Slot: Sendable, Codable, Equatable {
        public var item: String
        public var title: String
        public var start: Int
        public var end: Int?
        /// `plan`, `bulletin`, `relay`.
        public var reason: String
        public var file: String?
        public var session: String?
        public var revision: Int?
        public init(item: String, title: String, start: Int, end: Int?, reason: String) {
            self.item = item; self.title = title; self.start = start; self.end = end; self.reason = reason
        }
    }

    public init(pid: Int32, updated: Int, output: String, engine: String, restarts: Int, draft: Bool) {
        self.pid = pid; self.updated = updated; self.output = output; self.engine = engine; self.restarts = restarts; self.draft = draft
    }
}

/// The on-air state as a page shows it: nil state when `lichphat air` never ran.
public struct OnAirView: Sendable {
    public var state: OnAirState?
    /// The state was written within the last 10 s: the playout is running.
    public var live: Bool
}

extension Workspace {
    func playoutFolder(_ loaded: LoadedStation) -> String { loaded.weeksFolder + "/.lichphat" }

    /// The playout's last word on the station (read by the overview and the city dashboard).
    public func onAir(_ loaded: LoadedStation) -> OnAirView {
        guard let data = FileManager.default.contents(atPath: playoutFolder(loaded) + "/on-air.json"),
              let s = try? JSONDecoder().decode(OnAirState.self, from: data) else { return OnAirView(state: nil, live: false) }
        let now = loaded.clock.now(self.now())
        return OnAirView(state: s, live: now - s.updated < 10_000 && now >= s.updated - 10_000)
    }

    /// Written by the playout (atomically: a page never reads half of it).
    public func recordOnAir(_ loaded: LoadedStation, _ state: OnAirState) throws(WorkspaceError) {
        let folder = playoutFolder(loaded)
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(state) else { return }
        do throws(AtomicFile.Failure) { try AtomicFile.write(data, to: folder + "/on-air.json") } catch {
            throw .cannotWrite(path: folder + "/on-air.json", detail: error.detail)
        }
    }

    /// One line in the playout's incident log (`.lichphat/air-events.log`): Liquidsoap stopped
    /// and why, restarted, dead air, a week refused. `code` is stable; `detail` is for people.
    public func recordAirIncident(_ loaded: LoadedStation, code: String, detail: String) {
        let folder = playoutFolder(loaded)
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let now = loaded.clock.now(self.now())
        let line = "\(loaded.clock.iso(now)) \(code) \(detail.replacingOccurrences(of: "\n", with: " | "))\n"
        let fd = open(folder + "/air-events.log", O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        _ = Array(line.utf8).withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        fsync(fd)
        close(fd)
    }

    /// The incident log's last lines, newest last.
    public func airIncidents(_ loaded: LoadedStation, last n: Int = 20) -> [String] {
        guard let data = FileManager.default.contents(atPath: playoutFolder(loaded) + "/air-events.log") else { return [] }
        return Array(String(decoding: data, as: UTF8.self).split(separator: "\n").suffix(n).map(String.init))
    }
}
