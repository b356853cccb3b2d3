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
        edited[session].1.remove(at: airing)
        var plan = Plan.assembled(station: station, week: week, sessions: edited)
        plan.idle = []
        return plan
    }
}
