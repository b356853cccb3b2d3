import Foundation
public import LichPhatCore
public import LichPhatFormats
import LichPhatText

/// What `check` finds for one week: the planner's own table of room per rule, and its verdict.
public struct CheckResult: Sendable {
    public var week: ISOWeek
    public var sessions: [SessionInstance]
    public var capacity: [RuleCapacity]
    /// The plan `plan` would make (same history, same seed).
    public var plan: Plan
    /// The week's folder as it stands, if written.
    public var state: WeekFolder.State
}

/// Where a week was written.
public struct WrittenWeek: Sendable {
    public var week: ISOWeek
    public var folder: String
    /// The revision it is now.
    public var revision: WeekRevision
    /// Planned again to exactly what was there: no new revision was made.
    public var unchanged: Bool
}

extension Workspace {
    /// The planning history for `week`: airings of the weeks before it already written in `weeksFolder`.
    public func history(_ loaded: LoadedStation, weeksFolder: String? = nil, before week: ISOWeek) -> PlanHistory {
        WeekFolder.history(in: absolute(weeksFolder ?? loaded.weeksFolder), before: week, time: LogTime(clock: loaded.clock))
    }

    /// Plans `count` consecutive weeks from `first`, each after the ones before it (earlier weeks
    /// in `weeksFolder` and the weeks planned here count as history). Writes nothing.
    /// `pins` are kept besides the week's own, and `exclusions` never planned (an item in a
    /// session on a date).
    public func plan(_ loaded: LoadedStation, from first: ISOWeek, count: Int = 1, seed: UInt64 = 0,
                     weeksFolder: String? = nil, pins extraPins: [Pin] = [], exclusions: [Pin] = []) -> [Plan] {
        var history = history(loaded, weeksFolder: weeksFolder, before: first)
        let folder = absolute(weeksFolder ?? loaded.weeksFolder)
        var plans: [Plan] = []
        for n in 0..<max(0, count) {
            let w = first.adding(weeks: n)
            // Pinned airings of the week as written are kept.
            var pins = ScheduleExport.pins(inWeek: folder + "/" + w.description)
            pins += extraPins.filter { !pins.contains($0) }
            let plan = Planner(station: loaded.station, history: history, seed: seed, pins: pins, exclusions: exclusions).plan(w)
            history.add(plan)
            plans.append(plan)
        }
        return plans
    }

    /// The planner's room per rule and its verdict for `week`, exactly as ``plan(_:from:count:seed:weeksFolder:)``
    /// would plan it, so `check` and `plan` never disagree.
    public func check(_ loaded: LoadedStation, week: ISOWeek, seed: UInt64 = 0, weeksFolder: String? = nil) -> CheckResult {
        let folder = absolute(weeksFolder ?? loaded.weeksFolder)
        let planner = Planner(station: loaded.station, history: history(loaded, weeksFolder: folder, before: week), seed: seed,
                              pins: ScheduleExport.pins(inWeek: folder + "/" + week.description))
        return CheckResult(week: week, sessions: planner.instances(of: week), capacity: planner.capacity(of: week),
                           plan: planner.plan(week), state: WeekFolder.state(of: folder + "/" + week.description))
    }

    /// Writes a week planned by the caller as the week's next revision (its plan or re-plan;
    /// the one before kept whole). A week ever approved is refused: amend it.
    public func write(_ plan: Plan, of loaded: LoadedStation, weeksFolder: String? = nil, write: WeekWrite = .commandLine,
                      lang: Language) throws(WorkspaceError) -> WrittenWeek {
        let r = try revise(loaded, week: plan.week, weeksFolder: weeksFolder, write: write,
                           kind: { $0.current == nil ? .plan : .replan }, lang: lang) { history, _ throws(WorkspaceError) -> Plan in
            if let approved = history.everApproved { throw .weekEverApproved(week: plan.week, revision: approved) }
            return plan
        }
        return WrittenWeek(week: plan.week, folder: r.folder, revision: r.revision, unchanged: r.unchanged)
    }

    /// The state of the week in `folder`: none, draft, approved, or changed after approval.
    public func state(ofWeek folder: String) -> WeekFolder.State {
        WeekFolder.state(of: absolute(folder))
    }

    func absolute(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }
}

/// A week as written in the station's weeks folder, with its approval state.
public struct WrittenWeekView: Sendable {
    public var week: ISOWeek
    public var folder: String
    public var state: WeekFolder.State
    /// The schedule as written (nil when the week has not been planned).
    public var schedule: ScheduleDocument?
    /// The SHA-256 of the very bytes `schedule` was read from: the revision a page showing it
    /// shows, whatever was written a moment later (nil when not planned).
    public var hash: String?
}

extension Workspace {
    /// The week as written (its schedule.json) and its state; `schedule` is nil when not planned.
    public func readWeek(_ loaded: LoadedStation, week: ISOWeek, weeksFolder: String? = nil) -> WrittenWeekView {
        let folder = absolute(weeksFolder ?? loaded.weeksFolder) + "/" + week.description
        let data = FileManager.default.contents(atPath: folder + "/schedule.json")
        let hash = data.map(WeekFolder.sha256)
        let schedule = data.flatMap { d in hash.flatMap { ScheduleDocument.decoded(d, hash: $0) } }
        return WrittenWeekView(week: week, folder: folder, state: WeekFolder.state(of: folder),
                               schedule: schedule, hash: schedule == nil ? nil : hash)
    }

    /// The current ISO week, on the station's clock.
    public func thisWeek(of station: Station) -> ISOWeek { nextWeek(of: station).adding(weeks: -1) }

    /// The station files in a folder (`*.yaml`, `*.yml`), sorted by name.
    public func stationFiles(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.hasPrefix(".") }.sorted()
            .map { (folder as NSString).appendingPathComponent($0) }
    }
}

extension Workspace {
    /// The week as written, as a plan again: its sessions and airings, counted afresh.
    func writtenPlan(_ loaded: LoadedStation, week: ISOWeek, weeksFolder: String? = nil, approvedToo: Bool = false) throws(WorkspaceError) -> Plan {
        let view = readWeek(loaded, week: week, weeksFolder: weeksFolder)
        guard let doc = view.schedule else { throw .noSchedule(folder: view.folder) }
        if let a = view.state.approvedBy, !approvedToo { throw .weekApproved(week: week, approval: a) }
        return try plan(of: doc, folder: view.folder, loaded, week: week)
    }

    /// A written schedule (of the week's folder, or of one of its kept revisions) as a plan.
    func plan(of doc: ScheduleDocument, folder: String, _ loaded: LoadedStation, week: ISOWeek) throws(WorkspaceError) -> Plan {
        let instances = Planner(station: loaded.station).instances(of: week)
        var sessions: [(SessionInstance, [Airing])] = []
        for s in doc.sessions {
            guard let instance = instances.first(where: { $0.template.id == s.id && $0.date.description == s.date }) else {
                throw .noSuchAiring(week: week)
            }
            let airings = s.airings.map { a in
                Airing(item: a.item, title: a.title, file: a.file, start: instance.start,
                       length: DurationText.milliseconds(a.duration, limit: 86_400) ?? 0, tags: a.tags, rules: a.rules,
                       reason: PlanMessages.reason(code: a.reason) ?? .fill(""), gain: a.gain,
                       cue: a.cueIn.flatMap { i in a.cueOut.flatMap { o in
                           DurationText.milliseconds(i, limit: 86_400).flatMap { ci in DurationText.milliseconds(o, limit: 86_400).map { Cue(cueIn: ci, cueOut: $0) } }
                       } })
            }
            sessions.append((instance, airings))
        }
        var plan = Plan.assembled(station: loaded.station, week: week, sessions: sessions)
        let edits = ScheduleExport.edits(inWeek: folder)
        plan.pins = edits.pins
        plan.removed = edits.removed
        plan.revision = doc.revision ?? 1
        return plan
    }

}

extension Workspace {
    /// What an amendment may add, as the page offers it: notices first (tagged `thong-bao`, or with
    /// a priority), then programmes that count toward a rule or have their own quota; never an
    /// opening or closing item, nor music and news that only fill time. Each group by title.
    public func amendCandidates(_ loaded: LoadedStation) -> (notices: [Item], programmes: [Item]) {
        let station = loaded.station
        let framing = Set(station.sessions.flatMap { $0.open + $0.close })
        let usable = station.items.filter { $0.file != nil && !framing.contains($0.id) }
        func isNotice(_ i: Item) -> Bool { i.tags.contains("thong-bao") || i.priority != nil }
        func counts(_ i: Item) -> Bool { i.perWeek != nil || station.rules.contains { $0.covers(i) } }
        let byTitle: (Item, Item) -> Bool = { $0.title.localizedStandardCompare($1.title) == .orderedAscending }
        return (usable.filter(isNotice).sorted(by: byTitle), usable.filter { !isNotice($0) && counts($0) }.sorted(by: byTitle))
    }

    /// The items that may be added by hand to each session of a written week (none when approved).
    public func addableItems(_ loaded: LoadedStation, week: ISOWeek) -> [[Item]] {
        guard let plan = try? writtenPlan(loaded, week: week) else { return [] }
        return plan.sessions.indices.map { k in
            loaded.station.items.filter { $0.file != nil && plan.refusal(adding: $0, to: k) == nil }
        }
    }
}

/// Something a station's people must do, most urgent first (the overview's to-do list, and the
/// city's dashboard): the one place it is decided what needs doing.
public enum StationTask: Sendable, Equatable {
    /// The running week has no approved plan: nothing airs as approved (`planned`: a draft exists).
    case nothingApprovedAirs(week: ISOWeek, planned: Bool)
    /// A week was changed after it was approved: it must be approved again.
    case changedAfterApproval(week: ISOWeek)
    /// The coming week has no plan.
    case plan(week: ISOWeek)
    /// The coming week is planned, not approved (its current revision).
    case approve(week: ISOWeek, revision: Int)
    /// Audio files with errors in the library (kept off the air).
    case fixLibrary(files: Int)
    /// `lichphat air` runs but airs nothing of the plan: the week is refused (`reason`: not-approved …).
    case offAir(week: String, reason: String)
    /// Silence on air during an airing since this time (station-local ms).
    case deadAir(since: Int)
    /// The coming week cannot air as it stands (the playout says so ahead of the boundary).
    case nextWeekWillNotAir(reason: String)

    /// Red at the top: something airs wrongly or not at all now.
    public var urgent: Bool {
        switch self {
        case .nothingApprovedAirs, .changedAfterApproval, .offAir, .deadAir: true
        default: false
        }
    }
}

extension Workspace {
    /// What the station's people must do now, most urgent first.
    public func tasks(_ loaded: LoadedStation) -> [StationTask] {
        var out: [StationTask] = []
        let this = thisWeek(of: loaded.station), next = nextWeek(of: loaded.station)
        switch readWeek(loaded, week: this).state {
        case .none: out.append(.nothingApprovedAirs(week: this, planned: false))
        case .draft: out.append(.nothingApprovedAirs(week: this, planned: true))
        case .modified: out.append(.changedAfterApproval(week: this))
        case .approved: break
        }
        switch readWeek(loaded, week: next).state {
        case .none: out.append(.plan(week: next))
        case .draft: out.append(.approve(week: next, revision: history(loaded, week: next).current?.number ?? 1))
        case .modified: out.append(.changedAfterApproval(week: next))
        case .approved: break
        }
        let errors = loaded.report.files.filter { $0.worst == .error }.count
        if errors > 0 { out.append(.fixLibrary(files: errors)) }
        let air = onAir(loaded)
        if air.live, let s = air.state {
            if let r = s.refusal { out.insert(.offAir(week: s.week ?? this.description, reason: r), at: 0) }
            if let d = s.deadAirSince { out.insert(.deadAir(since: d), at: 0) }
            if let r = s.nextRefusal, !out.contains(where: { if case .plan = $0 { return true }; if case .approve = $0 { return true }; return false }) {
                out.append(.nextWeekWillNotAir(reason: r))
            }
        }
        return out.sorted { $0.urgent && !$1.urgent }
    }
}
