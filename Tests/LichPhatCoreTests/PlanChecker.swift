@testable import LichPhatCore

/// An independent check of every hard constraint of a plan, written from the rules,
/// not from the planner's code. Returns one line per violation.
func violations(of plan: Plan, station: Station) -> [String] {
    var out: [String] = []
    let items = Dictionary(station.items.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var ruleCounts: [String: Int] = [:]
    var itemCounts: [String: Int] = [:]
    var contentStarts: [String: [Int]] = [:]  // session starts of non-open/close airings, per item
    for s in plan.sessions {
        let t = s.instance.template
        let where_ = "\(s.instance.date) \(t.id)"
        guard s.instance.date >= plan.week.monday, s.instance.date <= plan.week.sunday, t.days.contains(s.instance.date.weekday) else {
            out.append("\(where_): session outside its days or week"); continue
        }
        // Airings back to back from the session start, within its length.
        var clock = s.instance.start
        for a in s.airings {
            if a.start != clock { out.append("\(where_): \(a.item) starts at \(a.start), expected \(clock)") }
            clock += a.length
        }
        if clock > s.instance.start + t.length { out.append("\(where_): \(clock - s.instance.start) ms used of \(t.length)") }
        // Open first, close last: those that can be aired.
        let airable = { (id: String) in items[id].map { $0.unusable == nil && $0.length != nil } ?? false }
        let open = t.open.filter(airable), close = t.close.filter(airable)
        let ids = s.airings.map(\.item)
        if Array(ids.prefix(open.count)) != open { out.append("\(where_): open items missing") }
        if Array(ids.suffix(close.count)) != close { out.append("\(where_): close items missing") }
        let content = s.airings.dropFirst(open.count).dropLast(close.count)
        var seen = Set<String>()
        for a in s.airings {
            guard let item = items[a.item] else { out.append("\(where_): unknown item \(a.item)"); continue }
            itemCounts[a.item, default: 0] += 1
            for r in station.rules where !r.tags.isDisjoint(with: item.tags) { ruleCounts[r.id, default: 0] += 1 }
            if a.length != item.length { out.append("\(where_): \(a.item) length \(a.length) ≠ \(item.length ?? -1)") }
        }
        for a in content {
            guard let item = items[a.item] else { continue }
            if item.unusable != nil || item.length == nil { out.append("\(where_): unusable \(a.item) planned") }
            if !item.isValid(on: s.instance.date) { out.append("\(where_): \(a.item) outside its validity window") }
            if let d = item.days, !d.contains(s.instance.date.weekday) { out.append("\(where_): \(a.item) on a day not allowed") }
            if let ss = item.sessions, !ss.contains(t.id) { out.append("\(where_): \(a.item) in a session not allowed") }
            for r in station.rules where !r.tags.isDisjoint(with: item.tags) {
                if let d = r.days, !d.contains(s.instance.date.weekday) { out.append("\(where_): \(a.item) breaks rule \(r.id)'s days") }
                if let ss = r.sessions, !ss.contains(t.id) { out.append("\(where_): \(a.item) breaks rule \(r.id)'s sessions") }
            }
            if !seen.insert(a.item).inserted { out.append("\(where_): \(a.item) twice in one session") }
            contentStarts[a.item, default: []].append(s.instance.start)
        }
    }
    for r in station.rules {
        let n = ruleCounts[r.id] ?? 0
        if let max = r.perWeek.max, n > max { out.append("rule \(r.id): \(n) > max \(max)") }
        let short = plan.shortfalls.contains { $0.subject == .rule(r.id) }
        if n < r.perWeek.min && !short { out.append("rule \(r.id): \(n) < min \(r.perWeek.min) without a shortfall") }
        if let reported = plan.rules.first(where: { $0.rule.id == r.id })?.count, reported != n {
            out.append("rule \(r.id): reported \(reported), counted \(n)")
        }
    }
    for item in station.items {
        guard let q = item.perWeek else { continue }
        let n = itemCounts[item.id] ?? 0
        if let max = q.max, n > max { out.append("item \(item.id): \(n) > max \(max)") }
        let active = plan.sessions.contains { item.isValid(on: $0.instance.date) }
        if active, n < q.min, !plan.shortfalls.contains(where: { $0.subject == .item(item.id) }) {
            out.append("item \(item.id): \(n) < min without a shortfall")
        }
    }
    for (id, starts) in contentStarts {
        let sorted = starts.sorted()
        for (a, b) in zip(sorted, sorted.dropFirst()) where b - a < station.repeatGap {
            out.append("item \(id): repeat gap broken (\(b - a) ms)")
        }
    }
    return out
}
