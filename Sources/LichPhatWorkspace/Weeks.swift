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
    /// Where the approved week it replaced went (with `force`).
    public var replacedApproved: String?
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

    /// Writes a planned week's files (schedule.json, .csv, .ics, .liq, .html, playlists) into
    /// `<weeksFolder>/<week>/`, whole or not at all. An approved week is replaced only with `force`.
    public func write(_ plan: Plan, of loaded: LoadedStation, weeksFolder: String? = nil, force: Bool = false,
                      lang: Language) throws(WorkspaceError) -> WrittenWeek {
        let folder = absolute(weeksFolder ?? loaded.weeksFolder) + "/" + plan.week.description
        let export = ScheduleExport(plan: plan, audioFolder: loaded.audioFolder, weekFolder: folder, lang: lang,
                                    relayURLs: loaded.file.relayURLs, diskNames: loaded.diskNames)
        do {
            let moved = try WeekFolder.write(export.files(), to: folder, force: force)
            return WrittenWeek(week: plan.week, folder: folder, replacedApproved: moved)
        } catch {
            switch error {
            case .approved(let a): throw .weekApproved(week: plan.week, approval: a)
            case .busy: throw .weekBusy(week: plan.week)
            case .io(let detail): throw .cannotWrite(path: folder, detail: detail)
            }
        }
    }

    /// The state of the week in `folder`: none, draft, approved, or changed after approval.
    public func state(ofWeek folder: String) -> WeekFolder.State {
        WeekFolder.state(of: absolute(folder))
    }

    /// Records that `by` approved the week in `folder` now, with the SHA-256 of its schedule.json.
    /// The time is written on the station's clock (its zone is in the schedule).
    public func approve(folder: String, by: String) throws(WorkspaceError) -> WeekFolder.Approval {
        let path = absolute(folder)
        switch WeekFolder.state(of: path) {
        case .none: throw .noSchedule(folder: folder)
        case .approved(let a), .modified(let a): throw .alreadyApproved(folder: folder, approval: a)
        case .draft: break
        }
        do {
            return try WeekFolder.approve(folder: path, by: by, at: now())
        } catch {
            switch error {
            case .approved(let a): throw .alreadyApproved(folder: folder, approval: a)
            case .busy: throw .weekBusy(week: ISOWeek((path as NSString).lastPathComponent) ?? ISOWeek(year: 0, week: 0))
            case .io(let detail): throw .cannotWrite(path: folder, detail: detail)
            }
        }
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
}

extension Workspace {
    /// The week as written (its schedule.json) and its state; `schedule` is nil when not planned.
    public func readWeek(_ loaded: LoadedStation, week: ISOWeek, weeksFolder: String? = nil) -> WrittenWeekView {
        let folder = absolute(weeksFolder ?? loaded.weeksFolder) + "/" + week.description
        return WrittenWeekView(week: week, folder: folder, state: WeekFolder.state(of: folder),
                               schedule: ScheduleDocument.read(folder: folder))
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
        plan.pins = ScheduleExport.pins(inWeek: view.folder)
        plan.revision = doc.revision ?? 1
        return plan
    }

    /// Pins the `airing`-th airing of the `session`-th session of a written week that is not
    /// approved (or unpins it), so planning the week again keeps it there.
    public func togglePin(_ loaded: LoadedStation, week: ISOWeek, session: Int, airing: Int,
                          weeksFolder: String? = nil, lang: Language) throws(WorkspaceError) -> (pinned: Bool, plan: Plan) {
        var plan = try writtenPlan(loaded, week: week, weeksFolder: weeksFolder)
        guard plan.sessions.indices.contains(session), plan.sessions[session].airings.indices.contains(airing) else {
            throw .noSuchAiring(week: week)
        }
        let s = plan.sessions[session]
        let pin = Pin(date: s.instance.date.description, session: s.instance.template.id, item: s.airings[airing].item)
        let pinned = !plan.pins.contains(pin)
        if pinned { plan.pins.append(pin) } else { plan.pins.removeAll { $0 == pin } }
        _ = try write(plan, of: loaded, weeksFolder: weeksFolder, force: false, lang: lang)
        return (pinned, plan)
    }

    /// Removes one airing from a written week that is not approved (the `airing`-th of its
    /// `session`-th session, as the week's page lists them), moves the later airings of that
    /// session up, counts the quotas again and writes the week anew.
    public func removeAiring(_ loaded: LoadedStation, week: ISOWeek, session: Int, airing: Int,
                             weeksFolder: String? = nil, lang: Language) throws(WorkspaceError) -> (WrittenWeek, Plan) {
        let plan = try writtenPlan(loaded, week: week, weeksFolder: weeksFolder)
        guard let edited = plan.removing(session: session, airing: airing) else { throw .noSuchAiring(week: week) }
        return (try write(edited, of: loaded, weeksFolder: weeksFolder, force: false, lang: lang), edited)
    }
}

extension Workspace {
    /// Adds `itemID` by hand to the `session`-th session of a written week that is not approved,
    /// if no hard constraint forbids it (its dates, days and sessions, its rules' placement, one
    /// airing per session, the repeat gap, the maxima, the time left); writes the week anew.
    public func addAiring(_ loaded: LoadedStation, week: ISOWeek, session: Int, item itemID: String,
                          weeksFolder: String? = nil, lang: Language) throws(WorkspaceError) -> (WrittenWeek, Plan) {
        let plan = try writtenPlan(loaded, week: week, weeksFolder: weeksFolder)
        guard plan.sessions.indices.contains(session), let item = loaded.station.item(itemID) else { throw .noSuchAiring(week: week) }
        switch plan.adding(item, to: session) {
        case .failure(let why): throw .cannotAdd(item: item, reason: why, rules: loaded.station.rules)
        case .success(let edited): return (try write(edited, of: loaded, weeksFolder: weeksFolder, force: false, lang: lang), edited)
        }
    }

    /// The items that may be added by hand to each session of a written week (none when approved).
    public func addableItems(_ loaded: LoadedStation, week: ISOWeek) -> [[Item]] {
        guard let plan = try? writtenPlan(loaded, week: week) else { return [] }
        return plan.sessions.indices.map { k in
            loaded.station.items.filter { $0.file != nil && plan.refusal(adding: $0, to: k) == nil }
        }
    }
}
