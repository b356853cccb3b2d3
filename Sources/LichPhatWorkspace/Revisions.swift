import Foundation
public import LichPhatCore
public import LichPhatFormats

/// Who changes a week, and through which front end (recorded in its history).
public struct Actor: Sendable, Equatable {
    /// The account's name, the name typed, or empty (the command line).
    public var by: String
    public var via: WeekRevision.Via
    /// The account's role; nil where there are no accounts (the command line, a server without them).
    public var role: Account.Role?
    public init(by: String, via: WeekRevision.Via, role: Account.Role? = nil) { self.by = by; self.via = via; self.role = role }
    public static let commandLine = Actor(by: "", via: .cli)

    /// Whether this actor may approve a week: a leader, or anyone where there are no accounts.
    public var mayApprove: Bool { role == nil || role == .leader }
}

/// The revision a change was made on: what the page, the form or the script last saw.
public enum ExpectedRevision: Sendable, Equatable {
    /// Not said (the command line acts on the week as it is).
    case unchecked
    /// The week had no schedule.
    case nothing
    /// The SHA-256 of the schedule.json it saw.
    case hash(String)
    /// Any revision, as long as the week has one (`If-Match: *`).
    case any
    /// A weak tag (`W/"…"`): If-Match compares strongly (RFC 9110 13.1.1), so it matches nothing.
    case weak

    /// From an `If-Match` value or a form's field: `"abc…"`, `abc…`, `*`, `W/"abc…"`; empty or `none`: no schedule.
    public init?(token raw: String?) {
        guard var t = raw?.trimmingCharacters(in: .whitespaces) else { return nil }
        if t == "*" { self = .any; return }
        var weak = false
        if t.hasPrefix("W/") { t.removeFirst(2); weak = true }
        if t.hasPrefix("\""), t.hasSuffix("\""), t.count >= 2 { t = String(t.dropFirst().dropLast()) }
        if weak {
            guard t.count == 64 && t.allSatisfy({ $0.isHexDigit }) || t == "none" else { return nil }
            self = .weak; return
        }
        if t.isEmpty || t == "none" { self = .nothing; return }
        guard t.count == 64, t.allSatisfy({ $0.isHexDigit }) else { return nil }
        self = .hash(t.lowercased())
    }
}

/// A change to a week: who makes it, on which revision, and the request that carries it (a form
/// or call sent twice is answered with what the first did).
public struct WeekWrite: Sendable {
    public var actor: Actor
    public var expected: ExpectedRevision
    public var request: String?
    public init(_ actor: Actor, expected: ExpectedRevision = .unchecked, request: String? = nil) {
        self.actor = actor; self.expected = expected
        self.request = request.flatMap { r in
            let t = r.trimmingCharacters(in: .whitespaces)
            return (1...100).contains(t.count) && t.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.~".unicodeScalars.contains($0)) }) ? t : nil
        }
    }
    public static let commandLine = WeekWrite(.commandLine)
}

/// What a change to a week did.
public struct Revised: Sendable {
    public var week: ISOWeek
    public var folder: String
    /// The week's revision now.
    public var revision: WeekRevision
    public var plan: Plan
    /// The request had been done already: this is the revision it made, nothing was done again.
    public var repeated = false
    /// Planned again to exactly what was written: no new revision.
    public var unchanged = false
    /// Pins and hand additions the new plan could not keep (a hard constraint now forbids them).
    public var dropped: [Pin] = []
}

/// A hand edit of a written draft, by airing id.
public enum WeekEdit: Sendable {
    case remove(airing: String)
    case pin(airing: String, pinned: Bool)
    /// `item` added to the session `session` (its id) on `date`.
    case add(date: String, session: String, item: String)
}

extension Workspace {
    /// How long a change waits for another one of the same week to finish (a double-click).
    static let lockWait = 15.0

    func weekFolder(_ loaded: LoadedStation, _ week: ISOWeek, _ weeksFolder: String?) -> String {
        absolute(weeksFolder ?? loaded.weeksFolder) + "/" + week.description
    }

    /// The week's revisions, oldest first (empty when it was never planned).
    /// The revision numbered `number` as what a change expects (the command line's --revision):
    /// a number the week never had is refused with the revision now.
    public func expected(revision number: Int, _ loaded: LoadedStation, week: ISOWeek, weeksFolder: String? = nil) throws(WorkspaceError) -> ExpectedRevision {
        try expected(revision: number, folder: weekFolder(loaded, week, weeksFolder))
    }

    public func expected(revision number: Int, folder: String) throws(WorkspaceError) -> ExpectedRevision {
        let path = absolute(folder)
        let h = WeekFolder.history(of: path)
        guard let r = h.revisions.first(where: { $0.number == number }) else {
            throw .revisionMoved(week: ISOWeek(path.split(separator: "/").last.map(String.init) ?? "") ?? ISOWeek(year: 2000, week: 1), current: h.current)
        }
        return .hash(r.hash)
    }

    public func history(_ loaded: LoadedStation, week: ISOWeek, weeksFolder: String? = nil) -> WeekHistory {
        WeekFolder.history(of: weekFolder(loaded, week, weeksFolder))
    }

    /// The schedule of revision `number` as written (the current one, or one kept under `revisions/`).
    public func schedule(_ loaded: LoadedStation, week: ISOWeek, revision number: Int, weeksFolder: String? = nil) -> ScheduleDocument? {
        let folder = weekFolder(loaded, week, weeksFolder)
        let h = WeekFolder.history(of: folder)
        guard let r = h.revisions.first(where: { $0.number == number }) else { return nil }
        return ScheduleDocument.read(folder: r.number == h.current?.number ? folder : folder + "/revisions/\(number)")
    }

    /// What changed from revision `from` to revision `to` (airings added, removed, moved).
    public func changes(_ loaded: LoadedStation, week: ISOWeek, from: Int, to: Int, weeksFolder: String? = nil) -> [WeekRevision.Change]? {
        guard let a = schedule(loaded, week: week, revision: from, weeksFolder: weeksFolder),
              let b = schedule(loaded, week: week, revision: to, weeksFolder: weeksFolder) else { return nil }
        return Self.changes(a, b)
    }

    /// The changes since the last approval (or since the first revision), for the leader about to approve.
    public func changesSinceApproval(_ loaded: LoadedStation, week: ISOWeek) -> (since: WeekRevision, changes: [WeekRevision.Change])? {
        let h = history(loaded, week: week)
        guard let current = h.current, let base = h.everApproved ?? h.revisions.first, base.number != current.number,
              let c = changes(loaded, week: week, from: base.number, to: current.number) else { return nil }
        return (base, c)
    }

    /// Airings added, removed and moved between two written schedules, by airing id.
    static func changes(_ a: ScheduleDocument, _ b: ScheduleDocument) -> [WeekRevision.Change] {
        func index(_ d: ScheduleDocument) -> [(String, ScheduleDocument.Session, ScheduleDocument.Airing)] {
            d.sessions.flatMap { s in
                var seen: [String: Int] = [:]
                return s.airings.map { x in
                    let n = (seen[x.item] ?? 0) + 1
                    seen[x.item] = n
                    return (x.id ?? PlannedSession.airingID(date: s.date, session: s.id, item: x.item, occurrence: n), s, x)
                }
            }
        }
        func time(_ iso: String) -> String { iso.count >= 19 ? String(iso.dropFirst(11).prefix(8)) : iso }
        let old = index(a), new = index(b)
        let oldByID = Dictionary(old.map { ($0.0, $0) }, uniquingKeysWith: { x, _ in x })
        let newIDs = Set(new.map(\.0))
        var out: [WeekRevision.Change] = []
        for (id, s, x) in new {
            if let (_, _, was) = oldByID[id] {
                if was.start != x.start {
                    out.append(.init(change: .moved, airing: id, item: x.item, title: x.title, session: s.id, date: s.date,
                                     start: time(x.start), was: time(was.start)))
                }
            } else {
                out.append(.init(change: .added, airing: id, item: x.item, title: x.title, session: s.id, date: s.date, start: time(x.start)))
            }
        }
        for (id, s, x) in old where !newIDs.contains(id) {
            out.append(.init(change: .removed, airing: id, item: x.item, title: x.title, session: s.id, date: s.date, start: time(x.start)))
        }
        return out
    }

    /// The week's state under its lock: refuses a request made on another revision, answers a
    /// request already done with what it did; else `body` makes the next plan, which is written as
    /// the next revision (the one before kept whole). `body` returns nil for "nothing to write".
    func revise(_ loaded: LoadedStation, week: ISOWeek, weeksFolder: String?, write: WeekWrite, kind: (WeekHistory) -> WeekRevision.Kind,
                afterTheFact: Bool = false, lang: Language,
                _ body: (_ history: WeekHistory, _ written: Plan?) throws(WorkspaceError) -> Plan?) throws(WorkspaceError) -> Revised {
        let folder = weekFolder(loaded, week, weeksFolder)
        let (lock, history) = try Self.lockedHistory(folder, week)
        defer { lock.release() }
        let written = try? writtenPlan(loaded, week: week, weeksFolder: weeksFolder, approvedToo: true)
        if let key = write.request, let done = history.made(byRequest: key) {
            return Revised(week: week, folder: folder, revision: history.current ?? done, plan: written ?? Plan.assembled(station: loaded.station, week: week, sessions: []),
                           repeated: true)
        }
        try Self.check(write.expected, history, week)
        // nil: nothing can change (a past week already written): the week stays as it is.
        guard var plan = try body(history, written) else {
            guard let current = history.current, let written else { throw .noSchedule(folder: folder) }
            return Revised(week: week, folder: folder, revision: current, plan: written, unchanged: true)
        }
        let number = (history.current?.number ?? 0) + 1
        plan.revision = number
        let export = ScheduleExport(plan: plan, audioFolder: loaded.audioFolder, weekFolder: folder, lang: lang,
                                    relayURLs: loaded.file.relayURLs, diskNames: loaded.diskNames)
        var files = export.files().map { (name: $0.name, contents: Data($0.contents.utf8)) }
        // Planned again to the same week (every file, pins included): nothing new to record.
        if let current = history.current, kind(history) == .replan {
            var same = plan
            same.revision = current.number
            let again = ScheduleExport(plan: same, audioFolder: loaded.audioFolder, weekFolder: folder, lang: lang,
                                       relayURLs: loaded.file.relayURLs, diskNames: loaded.diskNames).files()
            let onDisk = Set(WeekFolder.airedFiles(in: folder).keys)
            if Set(again.map(\.name)) == onDisk,
               again.allSatisfy({ FileManager.default.contents(atPath: folder + "/" + $0.name) == Data($0.contents.utf8) }) {
                return Revised(week: week, folder: folder, revision: current, plan: same, unchanged: true)
            }
        }
        guard let json = files.first(where: { $0.name == "schedule.json" })?.contents else { throw .noSchedule(folder: folder) }
        var changes: [WeekRevision.Change] = []
        if let before = ScheduleDocument.read(folder: folder), let after = try? JSONDecoder().decode(ScheduleDocument.self, from: json) {
            changes = Self.changes(before, after)
        }
        let k = kind(history)
        if k == .pin, let w = written {
            changes += Self.pinChanges(w, plan)
        }
        let record = WeekRevision(number: number, hash: WeekFolder.sha256(json), kind: k, by: write.actor.by, via: write.actor.via,
                                  at: loaded.clock.isoSeconds(loaded.clock.now(now())), request: write.request,
                                  afterTheFact: afterTheFact ? true : nil, changes: changes)
        files.sort { $0.name < $1.name }
        do { try WeekFolder.commit(files, as: record, history: history, to: folder, held: lock) } catch {
            throw Self.mapped(error, week, folder)
        }
        return Revised(week: week, folder: folder, revision: record, plan: plan)
    }

    /// The week's lock, and its history read under it (what a writer killed mid-exchange left put back first).
    static func lockedHistory(_ folder: String, _ week: ISOWeek) throws(WorkspaceError) -> (WeekFolder.Lock, WeekHistory) {
        let lock: WeekFolder.Lock
        do { lock = try WeekFolder.Lock(folder: folder, wait: lockWait) } catch { throw mapped(error, week, folder) }
        WeekFolder.removeStale(in: (folder as NSString).deletingLastPathComponent, week: week.description)
        do { return (lock, try WeekFolder.readHistory(of: folder)) } catch {
            lock.release()
            throw mapped(error, week, folder)
        }
    }

    /// The change was made on the revision the week is now, or it is refused with that revision.
    static func check(_ expected: ExpectedRevision, _ history: WeekHistory, _ week: ISOWeek) throws(WorkspaceError) {
        switch expected {
        case .unchecked: break
        case .nothing: if let c = history.current { throw .revisionMoved(week: week, current: c) }
        case .hash(let h): if history.current?.hash != h { throw .revisionMoved(week: week, current: history.current) }
        case .any: if history.current == nil { throw .revisionMoved(week: week, current: nil) }
        case .weak: throw .revisionMoved(week: week, current: history.current)
        }
    }

    static func pinChanges(_ old: Plan, _ new: Plan) -> [WeekRevision.Change] {
        var out: [WeekRevision.Change] = []
        for s in new.sessions {
            for (id, a) in zip(s.airingIDs, s.airings) {
                let pin = Pin(date: s.instance.date.description, session: s.instance.template.id, item: a.item)
                let was = old.pins.contains(pin), now = new.pins.contains(pin)
                guard was != now else { continue }
                out.append(.init(change: now ? .pinned : .unpinned, airing: id, item: a.item, title: a.title, session: s.instance.template.id,
                                 date: s.instance.date.description, start: StationClock.time(a.start, seconds: true)))
            }
        }
        return out
    }

    static func mapped(_ error: WeekFolder.WriteError, _ week: ISOWeek, _ folder: String) -> WorkspaceError {
        switch error {
        case .approved(let a): .weekApproved(week: week, approval: a)
        case .busy: .weekBusy(week: week)
        case .io(let detail): .cannotWrite(path: folder, detail: detail)
        }
    }

    /// Where the week stands against the clock: wholly past, running (from which local ms on
    /// sessions are still to come), or to come.
    public enum WeekTime: Sendable, Equatable { case past, running(from: Int), future }

    public func time(of week: ISOWeek, _ loaded: LoadedStation) -> WeekTime {
        let now = loaded.clock.now(self.now())
        let sessions = Planner(station: loaded.station).instances(of: week)
        let weekStart = LogTime(clock: loaded.clock).parse(week.monday.description + "T00:00:00") ?? Int.max
        guard now >= min(weekStart, sessions.map(\.start).min() ?? weekStart) else { return .future }
        guard let next = sessions.map(\.start).filter({ $0 >= now }).min() else { return .past }
        return .running(from: next)
    }

    /// Plans the week and writes it as its next revision, every rule of planning in one place:
    /// a week ever approved is never planned whole again (amend it); a week wholly past is
    /// refused unless `past` (then recorded as planned after the fact); a running week changes only
    /// sessions not yet begun (those begun keep what was written); a plan that misses a minimum is
    /// refused (``WorkspaceError/shortfall(plan:)``) unless `allowShortfall`. Pins, hand
    /// removals and hand additions of the draft are kept; those the plan could not keep are listed.
    public func planWeek(_ loaded: LoadedStation, week: ISOWeek, seed: UInt64 = 0, allowShortfall: Bool = false, past: Bool = false,
                         extraPins: [Pin] = [], exclusions extraExclusions: [Pin] = [],
                         weeksFolder: String? = nil, write: WeekWrite, lang: Language) throws(WorkspaceError) -> Revised {
        for p in extraPins + extraExclusions { try check(p, loaded, week) }
        let timing = time(of: week, loaded)
        if timing == .past, !past { throw .weekPast(week: week) }
        var dropped: [Pin] = []
        var result = try revise(loaded, week: week, weeksFolder: weeksFolder, write: write,
                                kind: { $0.current == nil ? .plan : .replan }, afterTheFact: timing == .past, lang: lang) { history, written throws(WorkspaceError) -> Plan? in
            if let approved = history.everApproved { throw .weekEverApproved(week: week, revision: approved) }
            // A week that has ended and was written: every session aired as written; nothing to plan.
            if timing == .past, written != nil { return nil }
            let folder = weekFolder(loaded, week, weeksFolder)
            var edits = ScheduleExport.edits(inWeek: folder)
            edits.pins += extraPins.filter { !edits.pins.contains($0) }
            edits.removed += extraExclusions.filter { !edits.removed.contains($0) }
            // A session's opening and closing items are placed with it whatever: a pin on one would air it twice.
            let instances = Planner(station: loaded.station).instances(of: week)
            func structural(_ p: Pin) -> Bool {
                loaded.station.sessions.first { $0.id == p.session }.map { $0.open.contains(p.item) || $0.close.contains(p.item) } ?? false
            }
            var pins = edits.pins.filter { !structural($0) }
            // A running week: sessions begun stay exactly as written (or as they were, unplanned):
            // their content is left out of planning, and the written sessions are put back after.
            var begun: Set<String> = []
            var exclusions = edits.removed
            // Begun: a running week's sessions before the next to start; a past week written before: all of them.
            switch timing {
            case .running(let from): begun = Set(instances.filter { $0.start < from }.map { "\($0.date).\($0.template.id)" })
            case .past where written != nil: begun = Set(instances.map { "\($0.date).\($0.template.id)" })
            default: break
            }
            if !begun.isEmpty {
                pins.removeAll { begun.contains("\($0.date).\($0.session)") }
                for inst in instances where begun.contains("\(inst.date).\(inst.template.id)") {
                    let key = "\(inst.date).\(inst.template.id)"
                    // What a begun session aired is placed as it was (pinned), so every quota, maximum
                    // and repeat gap of the week counts it; nothing else goes there.
                    let aired = written?.sessions.first { "\($0.instance.date).\($0.instance.template.id)" == key }?.airings.map(\.item) ?? []
                    for item in Set(aired) where !inst.template.open.contains(item) && !inst.template.close.contains(item) {
                        pins.append(Pin(date: inst.date.description, session: inst.template.id, item: item))
                    }
                    for item in loaded.station.items where !inst.template.open.contains(item.id) && !inst.template.close.contains(item.id) && !aired.contains(item.id) {
                        exclusions.append(Pin(date: inst.date.description, session: inst.template.id, item: item.id))
                    }
                }
            }
            let h = self.history(loaded, weeksFolder: weeksFolder, before: week)
            let planned = Planner(station: loaded.station, history: h, seed: seed, pins: pins, exclusions: exclusions).plan(week)
            var plan = planned
            if !begun.isEmpty {
                let sessions = planned.sessions.map { s -> (SessionInstance, [Airing]) in
                    let key = "\(s.instance.date).\(s.instance.template.id)"
                    guard begun.contains(key) else { return (s.instance, s.airings) }
                    let written = written?.sessions.first { "\($0.instance.date).\($0.instance.template.id)" == key }
                    return (s.instance, written?.airings ?? s.airings)
                }
                plan = Plan.assembled(station: loaded.station, week: week, sessions: sessions)
                plan.shortfalls = planned.shortfalls
                plan.idle = planned.idle
                plan.unusable = planned.unusable
            }
            plan.pins = edits.pins
            plan.removed = edits.removed
            if !plan.compliant, !allowShortfall { throw .shortfall(plan: plan) }
            dropped = edits.pins.filter { p in
                !plan.sessions.contains { $0.instance.date.description == p.date && $0.instance.template.id == p.session && $0.airings.contains { $0.item == p.item } }
            }
            plan.pins = edits.pins.filter { !dropped.contains($0) }
            return plan
        }
        result.dropped = dropped
        return result
    }

    /// A pin or a removal names a day of the week, one of the station's sessions and items.
    public func check(_ p: Pin, _ loaded: LoadedStation, _ week: ISOWeek) throws(WorkspaceError) {
        let days = (0..<7).map { week.monday.adding(days: $0).description }
        guard days.contains(p.date) else { throw .badPin(p, .notInWeek(week: week)) }
        guard loaded.station.sessions.contains(where: { $0.id == p.session }) else {
            throw .badPin(p, .noSession(known: loaded.station.sessions.map(\.id)))
        }
        guard loaded.station.item(p.item) != nil else { throw .badPin(p, .noItem) }
    }

    /// A hand edit of a written week that was never approved (an approved week changes by amendment).
    public func edit(_ loaded: LoadedStation, week: ISOWeek, _ edit: WeekEdit, weeksFolder: String? = nil,
                     write: WeekWrite, lang: Language) throws(WorkspaceError) -> Revised {
        let kind: WeekRevision.Kind = { if case .pin = edit { return .pin } else { return .edit } }()
        return try revise(loaded, week: week, weeksFolder: weeksFolder, write: write, kind: { _ in kind }, lang: lang) { history, written throws(WorkspaceError) -> Plan in
            guard let plan = written else { throw .noSchedule(folder: weekFolder(loaded, week, weeksFolder)) }
            if let a = history.everApproved { throw .weekEverApproved(week: week, revision: a) }
            // Time moves one way: a session that has begun is not edited.
            let now = loaded.clock.now(self.now())
            func begun(_ k: Int) throws(WorkspaceError) {
                let s = plan.sessions[k].instance
                if s.start <= now { throw .sessionBegun(week: week, date: s.date.description, session: s.template.name, start: s.start) }
            }
            switch edit {
            case .remove(let id):
                guard let at = plan.locate(airing: id), let edited = plan.removing(session: at.session, airing: at.airing) else {
                    throw .noSuchAiringID(week: week, id: id)
                }
                try begun(at.session)
                return edited
            case .pin(let id, let pinned):
                guard let at = plan.locate(airing: id) else { throw .noSuchAiringID(week: week, id: id) }
                try begun(at.session)
                var edited = plan
                let s = plan.sessions[at.session]
                let pin = Pin(date: s.instance.date.description, session: s.instance.template.id, item: s.airings[at.airing].item)
                edited.pins.removeAll { $0 == pin }
                if pinned { edited.pins.append(pin) }
                return edited
            case .add(let date, let session, let itemID):
                guard let k = plan.sessions.firstIndex(where: { $0.instance.date.description == date && $0.instance.template.id == session }) else {
                    throw .noSuchAiringID(week: week, id: "\(date).\(session)")
                }
                guard let item = loaded.station.item(itemID) else { throw .noSuchItem(id: itemID) }
                try begun(k)
                switch plan.adding(item, to: k) {
                case .failure(let why): throw .cannotAdd(item: item, reason: why, rules: loaded.station.rules)
                case .success(let edited): return edited
                }
            }
        }
    }

    /// Records that `by` approved the week's current revision, which must be the one `write`
    /// saw (an approval names exactly what was seen); the time on the station's clock.
    public func approve(_ loaded: LoadedStation, week: ISOWeek, by name: String, weeksFolder: String? = nil,
                        write: WeekWrite) throws(WorkspaceError) -> (approval: WeekFolder.Approval, revision: WeekRevision) {
        try approve(folder: weekFolder(loaded, week, weeksFolder), by: name, write: write)
    }

    public func approve(folder given: String, by name: String, write: WeekWrite = .commandLine) throws(WorkspaceError) -> (approval: WeekFolder.Approval, revision: WeekRevision) {
        let folder = absolute(given)
        let week = ISOWeek((folder as NSString).lastPathComponent) ?? ISOWeek(year: 2000, week: 1)
        guard write.actor.mayApprove else { throw .notPermitted(.approve) }
        // A page or a script approves what it showed: it names the revision (the command line
        // approves the week as it is, or the revision given with --revision).
        if write.actor.via != .cli, write.expected == .unchecked || write.expected == .any { throw .revisionRequired(week: week) }
        let clean = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !clean.isEmpty, clean.count <= 200, !clean.contains(where: { $0.isNewline || $0.asciiValue.map { $0 < 32 } == true }) else {
            throw .badApproverName
        }
        let (lock, history) = try Self.lockedHistory(folder, week)
        defer { lock.release() }
        guard let current = history.current, let data = FileManager.default.contents(atPath: folder + "/schedule.json") else {
            throw .noSchedule(folder: given)
        }
        try Self.check(write.expected, history, week)
        // The same person approving the same revision again (a form sent twice): what the first did.
        if current.approved?.by == clean, case .approved(let a) = WeekFolder.state(of: folder) { return (a, current) }
        switch WeekFolder.state(of: folder) {
        case .approved(let a), .modified(let a): throw .alreadyApproved(folder: given, approval: a)
        case .none, .draft: break
        }
        let zone = ScheduleDocument.read(folder: folder)?.station.timezone ?? StationClock.defaultIdentifier
        let clock = StationClock(identifier: zone)
        let approval = WeekFolder.Approval(by: clean, at: clock.isoSeconds(clock.now(now())), sha256: WeekFolder.sha256(data),
                                           revision: current.number, files: WeekFolder.airedFiles(in: folder))
        do { try WeekFolder.recordApproval(approval, revision: current.number, history: history, in: folder, via: write.actor.via, held: lock) } catch {
            throw Self.mapped(error, week, folder)
        }
        var marked = current
        marked.approved = .init(by: approval.by, at: approval.at, via: write.actor.via)
        return (approval, marked)
    }
}
