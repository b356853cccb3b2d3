/// Editing a planned week by hand: the airings change, the times after them move up, and every
/// count is made again from what is left, so the quota table always tells the truth.
extension Plan {
    /// A plan from airings already decided (a written week read back, or one being edited):
    /// each session's airings back to back from its start, counts made from them.
    public static func assembled(station: Station, week: ISOWeek, sessions: [(SessionInstance, [Airing])]) -> Plan {
        var planned: [PlannedSession] = []
        for (instance, airings) in sessions {
            var t = instance.start
            var timed: [Airing] = []
            for var a in airings {
                a.start = t
                t += a.length
                timed.append(a)
            }
            planned.append(PlannedSession(instance: instance, airings: timed))
        }
        let all = planned.flatMap(\.airings)
        let rules = station.rules.map { rule in
            let mine = all.filter { $0.rules.contains(rule.id) }
            return RuleCount(rule: rule, count: mine.count, minutes: Double(mine.reduce(0) { $0 + $1.length }) / 60_000)
        }
        let days = (0..<7).map { week.monday.adding(days: $0) }
        let items = station.items.compactMap { item -> ItemCount? in
            guard let q = item.perWeek, days.contains(where: { item.isValid(on: $0) }) else { return nil }
            return ItemCount(item: item, quota: q, count: all.filter { $0.item == item.id }.count)
        }
        return Plan(station: station, week: week, sessions: planned, rules: rules, items: items,
                    shortfalls: [], unusable: station.items.filter { $0.unusable != nil })
    }

    /// The plan without the `airing`-th airing of the `session`-th session; nil when there is no such airing.
    public func removing(session: Int, airing: Int) -> Plan? {
        guard sessions.indices.contains(session), sessions[session].airings.indices.contains(airing) else { return nil }
        var edited = sessions.map { ($0.instance, $0.airings) }
        let gone = edited[session].1.remove(at: airing)
        var plan = Plan.assembled(station: station, week: week, sessions: edited)
        let s = sessions[session].instance
        let pin = Pin(date: s.date.description, session: s.template.id, item: gone.item)
        plan.pins = pins.filter { $0 != pin }
        plan.removed = removed + (removed.contains(pin) ? [] : [pin])
        plan.revision = revision
        return plan
    }
}

/// Why an item cannot be added to a session by hand: the hard constraint it would break.
public enum AddRefusal: Error, Sendable, Hashable {
    /// Its file is missing or fails a check.
    case unusable
    /// Outside its dates, days or sessions.
    case window
    /// A rule it counts toward does not allow this day or session.
    case rulePlacement(rule: String)
    /// Already in this session.
    case alreadyInSession
    /// It airs less than `repeat_gap` from another airing of it this week (that airing's start).
    case repeatGap(other: Int)
    /// Its own or a rule's weekly maximum is reached (the rule's id, nil for the item's own).
    case maximum(rule: String?)
    /// Longer than the time left in the session (its length, the time left, ms).
    case tooLong(length: Int, free: Int)
}

extension Plan {
    /// Why `item` cannot go into the `session`-th session, or nil when it can.
    public func refusal(adding item: Item, to session: Int) -> AddRefusal? {
        guard sessions.indices.contains(session) else { return .window }
        let s = sessions[session]
        let covering = station.rules.filter { $0.covers(item) }
        if let why = item.placementRefusal(in: s.instance, covering: covering) { return why }
        let length = item.length ?? 0
        if s.airings.contains(where: { $0.item == item.id }) { return .alreadyInSession }
        let others = sessions.filter { $0.airings.contains { $0.item == item.id } }.map(\.instance.start)
        if let near = others.first(where: { station.tooClose($0, s.instance.start) }) { return .repeatGap(other: near) }
        let all = sessions.flatMap(\.airings)
        if item.perWeek?.isFull(all.filter({ $0.item == item.id }).count) == true { return .maximum(rule: nil) }
        for r in covering where r.perWeek.isFull(all.filter({ $0.rules.contains(r.id) }).count) { return .maximum(rule: r.id) }
        if length > s.unused { return .tooLong(length: length, free: max(0, s.unused)) }
        return nil
    }

    /// The plan with `item` added by hand to the `session`-th session (before its closing items),
    /// every count made again; or why it cannot be.
    public func adding(_ item: Item, to session: Int) -> Result<Plan, AddRefusal> {
        if let why = refusal(adding: item, to: session) { return .failure(why) }
        var edited = sessions.map { ($0.instance, $0.airings) }
        let airing = Airing(item: item.id, title: item.title, file: item.file, start: 0, length: item.length ?? 0,
                            tags: item.tags.sorted(), rules: station.rules.filter { $0.covers(item) }.map(\.id),
                            reason: .manual, gain: item.gain, cue: item.cue)
        let at = edited[session].1.firstIndex { $0.reason == .close } ?? edited[session].1.endIndex
        edited[session].1.insert(airing, at: at)
        var plan = Plan.assembled(station: station, week: week, sessions: edited)
        // Added by hand, kept by hand: planning the week again keeps it (a pin).
        let s = sessions[session].instance
        let pin = Pin(date: s.date.description, session: s.template.id, item: item.id)
        plan.pins = pins + (pins.contains(pin) ? [] : [pin])
        plan.removed = removed.filter { $0 != pin }
        plan.revision = revision
        return .success(plan)
    }
}

/// A notice added to a week already running: where it went and what made room for it.
public struct Amendment: Sendable {
    public var plan: Plan
    /// Sessions (indices) the notice was added to, in time order.
    public var addedTo: [Int]
    /// Fill airings taken out to make room, with their session.
    public var removed: [(session: Int, airing: Airing)]
}

/// Why a notice cannot air as often as asked in what is left of the week.
public struct AmendRefusal: Error, Sendable, Hashable {
    public var needed: Int
    public var placed: Int
    /// Sessions left from the given time, and the first hard constraint that kept it out of each.
    public var sessionsLeft: Int
    public var reasons: [AddRefusal]
}

extension Plan {
    /// The week with `item` added `times` times from local time `from` (ms): only sessions that
    /// start at or after it change, earliest first. `priority` puts it first after the session's
    /// open items (the "ưu tiên" bulletins); otherwise it goes before the close items. Where a
    /// session lacks the time, fill airings that count toward no rule are taken out from its end,
    /// as few as needed, so every quota still holds. Every hard constraint of adding by hand
    /// applies (dates, days, sessions, rule placement, repeat gap, maxima).
    public func amending(_ item: Item, times: Int, priority: Bool, from: Int) -> Result<Amendment, AmendRefusal> {
        var plan = self
        var addedTo: [Int] = []
        var removed: [(session: Int, airing: Airing)] = []
        var reasons: [AddRefusal] = []
        let left = sessions.indices.filter { sessions[$0].instance.start >= from }.sorted { sessions[$0].instance.start < sessions[$1].instance.start }
        for k in left where addedTo.count < times {
            var why = plan.refusal(adding: item, to: k)
            if case .tooLong = why {
                var trial = plan
                var taken: [Airing] = []
                while case .tooLong = trial.refusal(adding: item, to: k),
                      let last = trial.sessions[k].airings.lastIndex(where: { a in
                          if case .fill = a.reason { return a.rules.isEmpty }
                          return false
                      }) {
                    taken.append(trial.sessions[k].airings[last])
                    trial = trial.removing(session: k, airing: last)!
                }
                if trial.refusal(adding: item, to: k) == nil {
                    plan = trial
                    removed += taken.map { (k, $0) }
                    why = nil
                }
            }
            if let why { reasons.append(why); continue }
            var edited = plan.sessions.map { ($0.instance, $0.airings) }
            let airing = Airing(item: item.id, title: item.title, file: item.file, start: 0, length: item.length ?? 0,
                                tags: item.tags.sorted(), rules: station.rules.filter { $0.covers(item) }.map(\.id),
                                reason: .amended(first: priority), gain: item.gain, cue: item.cue)
            let at = priority ? (edited[k].1.firstIndex { $0.reason != .open } ?? edited[k].1.endIndex)
                              : (edited[k].1.firstIndex { $0.reason == .close } ?? edited[k].1.endIndex)
            edited[k].1.insert(airing, at: at)
            let (pins, taken) = (plan.pins, plan.removed)
            plan = Plan.assembled(station: station, week: week, sessions: edited)
            plan.pins = pins
            plan.removed = taken
            addedTo.append(k)
        }
        // Room is made only with airings that count toward no rule; an item's own minimum must hold too.
        guard addedTo.count == times, plan.compliant || !compliant else {
            return .failure(AmendRefusal(needed: times, placed: addedTo.count, sessionsLeft: left.count, reasons: reasons))
        }
        plan.revision = revision + 1
        return .success(Amendment(plan: plan, addedTo: addedTo, removed: removed))
    }
}
