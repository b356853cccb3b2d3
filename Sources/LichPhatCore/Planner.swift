/// Builds a week that fits every session and meets every minimum whenever any plan can,
/// then spreads, rotates and fills the way a good editor would. Pure and deterministic:
/// the same station, week, history and seed give the same plan.
public struct Planner: Sendable {
    public var station: Station
    public var history: PlanHistory
    public var seed: UInt64
    /// Search steps before giving up on a perfect plan (then the best one found is kept).
    public var nodeLimit: Int
    /// Airings to keep: placed first, when they still fit every hard constraint.
    public var pins: [Pin]
    /// Airings never to make (an item in a session on a date the operator took out).
    public var exclusions: [Pin]

    public init(station: Station, history: PlanHistory = PlanHistory(), seed: UInt64 = 0, nodeLimit: Int = 200_000, pins: [Pin] = [],
                exclusions: [Pin] = []) {
        self.station = station; self.history = history; self.seed = seed; self.nodeLimit = nodeLimit; self.pins = pins
        self.exclusions = exclusions
    }

    public static let msPerDay = 86_400_000

    /// The sessions of `week`, in time order.
    public func instances(of week: ISOWeek) -> [SessionInstance] {
        var out: [SessionInstance] = []
        for day in Weekday.allCases {
            let date = week.date(day)
            for t in station.sessions where t.days.contains(day) {
                out.append(SessionInstance(template: t, date: date, start: date.daysSinceEpoch * Self.msPerDay + t.start))
            }
        }
        return out.sorted { ($0.start, $0.template.id) < ($1.start, $1.template.id) }
    }

    public func plan(_ week: ISOWeek) -> Plan {
        var search = Search(planner: self, week: week)
        search.run()
        return search.makePlan()
    }

    /// What `week` offers each rule, seen exactly as the search sees it (the same eligibility:
    /// items' dates, days and sessions, the rule's placement, usable files, the history's repeat
    /// gaps), before anything is placed. `check` shows this table beside the planner's verdict,
    /// so the two cannot contradict each other: a rule whose `mostAirings` is below its minimum
    /// is always a shortfall.
    public func capacity(of week: ISOWeek) -> [RuleCapacity] {
        let search = Search(planner: self, week: week)
        return search.rules.indices.map(search.ruleCapacity)
    }
}

/// One rule's room in one week: see ``Planner/capacity(of:)``.
public struct RuleCapacity: Sendable, Hashable {
    public var rule: QuotaRule
    /// Sessions where at least one item serving the rule may air.
    public var sessions: Int
    /// Their time left after open and close items, milliseconds.
    public var airTime: Int
    /// Items serving the rule that may air in at least one session of the week.
    public var eligibleItems: Int
    public var shortestItem: Int?
    /// The most airings any plan could give the rule: room, repeat gaps and maxima.
    public var mostAirings: Int
}

/// The search state for one week.
struct Search {
    let station: Station
    let week: ISOWeek
    let seed: UInt64
    let nodeLimit: Int
    let instances: [SessionInstance]
    let items: [Item]
    let rules: [QuotaRule]
    /// Rules each item counts toward.
    let itemRules: [[Int]]
    /// eligible[i][k]: item i may air in instance k (window, days, sessions, rule placement, usable).
    let eligible: [[Bool]]
    let history: [[Int]]
    let fixedLength: [Int]

    // Mutable state.
    var remaining: [Int]
    var ruleCount: [Int]
    var itemCount: [Int]
    var placed: [[(item: Int, reason: AiringReason)]]  // per instance, content between open and close
    var itemInstances: [[Int]]
    var nodes = 0
    /// Nodes the present search may visit: `nodeLimit` for the week, less for each relaxation trial.
    var searchLimit: Int

    // Best found.
    var best: (met: Int, placed: [[(item: Int, reason: AiringReason)]])?
    var solved = false
    /// The pinned airings, placed before any search: every search starts from them.
    var pinned: [[(item: Int, reason: AiringReason)]] = []
    var keptPins: [Pin] = []

    struct Demand { var rule: Int?; var item: Int?; var need: Int }
    var demands: [Demand] = []

    init(planner: Planner, week: ISOWeek) {
        station = planner.station
        self.week = week
        seed = planner.seed
        nodeLimit = planner.nodeLimit
        searchLimit = planner.nodeLimit
        instances = planner.instances(of: week)
        items = planner.station.items.sorted { $0.id < $1.id }
        rules = planner.station.rules
        let items = self.items, rules = self.rules, instances = self.instances
        itemRules = items.map { item in rules.indices.filter { rules[$0].covers(item) } }
        let itemRules = self.itemRules
        let excluded = Set(planner.exclusions)
        eligible = items.indices.map { i in
            let item = items[i]
            let covering = itemRules[i].map { rules[$0] }
            return instances.map { inst in
                if !excluded.isEmpty, excluded.contains(Pin(date: inst.date.description, session: inst.template.id, item: item.id)) { return false }
                return item.placementRefusal(in: inst, covering: covering) == nil
            }
        }
        history = items.map { (planner.history.airings[$0.id] ?? []).sorted() }
        // Open and close items take their time in every instance.
        // Open and close items that cannot be aired (missing or failing file) are left out.
        let byID = Dictionary(items.enumerated().filter { $1.unusable == nil && $1.length != nil }.map { ($1.id, $0) },
                              uniquingKeysWith: { a, _ in a })
        let fixed = instances.map { inst in
            (inst.template.open + inst.template.close).reduce(0) { $0 + (byID[$1].flatMap { items[$0].length } ?? 0) }
        }
        fixedLength = fixed
        remaining = instances.indices.map { instances[$0].template.length - fixed[$0] }
        ruleCount = Array(repeating: 0, count: rules.count)
        itemCount = Array(repeating: 0, count: items.count)
        placed = Array(repeating: [], count: instances.count)
        itemInstances = Array(repeating: [], count: items.count)
        // Open and close airings count toward rules and items like any other.
        for inst in instances {
            for id in inst.template.open + inst.template.close {
                guard let i = byID[id] else { continue }
                itemCount[i] += 1
                for r in itemRules[i] { ruleCount[r] += 1 }
            }
        }
        for (r, rule) in rules.enumerated() where rule.perWeek.min > 0 {
            demands.append(Demand(rule: r, item: nil, need: rule.perWeek.min))
        }
        for (i, item) in items.enumerated() {
            if let q = item.perWeek, q.min > 0, instances.contains(where: { item.isValid(on: $0.date) }) {
                demands.append(Demand(rule: nil, item: i, need: q.min))
            }
        }
        for pin in planner.pins {
            guard let k = instances.firstIndex(where: { $0.date.description == pin.date && $0.template.id == pin.session }),
                  let i = items.firstIndex(where: { $0.id == pin.item }), canPlace(i, k) else { continue }
            place(i, k, .manual)
            keptPins.append(pin)
        }
        pinned = placed
    }

    // MARK: Constraints

    func gapOK(_ i: Int, _ k: Int) -> Bool {
        let start = instances[k].start
        for k2 in itemInstances[i] where k2 == k || station.tooClose(instances[k2].start, start) { return false }
        for t in history[i] where station.tooClose(t, start) { return false }
        return true
    }

    func canPlace(_ i: Int, _ k: Int) -> Bool {
        guard eligible[i][k], let len = items[i].length, len <= remaining[k] else { return false }
        return !atMaximum(i) && gapOK(i, k)
    }

    /// Item `i`, or a rule it counts toward, has its weekly maximum.
    func atMaximum(_ i: Int) -> Bool {
        if items[i].perWeek?.isFull(itemCount[i]) == true { return true }
        for r in itemRules[i] where rules[r].perWeek.isFull(ruleCount[r]) { return true }
        return false
    }

    mutating func place(_ i: Int, _ k: Int, _ reason: AiringReason) {
        remaining[k] -= items[i].length!
        itemCount[i] += 1
        for r in itemRules[i] { ruleCount[r] += 1 }
        placed[k].append((i, reason))
        itemInstances[i].append(k)
    }

    mutating func unplace(_ i: Int, _ k: Int) {
        remaining[k] += items[i].length!
        itemCount[i] -= 1
        for r in itemRules[i] { ruleCount[r] -= 1 }
        placed[k].removeLast()
        itemInstances[i].removeLast()
    }

    func unmet(_ d: Demand) -> Int {
        if let r = d.rule { return max(0, d.need - ruleCount[r]) }
        return max(0, d.need - itemCount[d.item!])
    }

    func serves(_ d: Demand, _ i: Int) -> Bool {
        if let r = d.rule { return itemRules[i].contains(r) }
        return d.item == i
    }

    // MARK: Search

    /// The minimums the plan is judged against (the search may relax `demands` when they cannot all be met).
    var required: [Demand] = []

    /// Free time per session once the minimums are placed (before priority items and fill, which
    /// only take what is left): what a shortfall explanation reports.
    var freeAfterMinimums: [Int] = []

    mutating func run() {
        required = demands
        if !dfs() { relax() }
        freeAfterMinimums = remaining
        placePriorityItems()
        fill()
    }

    /// When no plan meets every minimum: keep each minimum in turn at the highest count that can
    /// still be met on top of the airings kept for those before it, so the plan keeps what it can.
    ///
    /// Bounded whatever the station file says: a count is first capped by what the week could
    /// hold for that minimum (the capacity bound), then found by binary search (a count that can
    /// be met makes every smaller one possible too), and the searches for one minimum share one
    /// node budget, so a hopeless minimum (`min: 1000000000`) costs a few searches, not millions.
    private mutating func relax() {
        var kept: [Demand] = []
        let empty = pinned   // every trial keeps the pinned airings
        var solution = empty
        let trialLimit = max(1000, nodeLimit / 20)
        defer { searchLimit = nodeLimit }
        for d in required {
            var budget = relaxationBudget
            restore(empty)  // the bound holds for any arrangement, so it is taken from an empty week
            var lo = 0, hi = min(d.need, unmet(d) == 0 ? d.need : capacity(for: d))
            var bestPlaced = solution
            func attempt(_ need: Int, _ search: inout Search) -> Bool {
                guard budget > 0 else { return false }
                var trial = d
                trial.need = need
                search.demands = kept + [trial]
                // On top of what the kept minimums already hold: only the new one is searched for.
                search.restore(solution)
                search.nodes = 0
                search.solved = false
                search.best = nil
                search.searchLimit = min(trialLimit, budget)
                let ok = search.dfs()
                budget -= search.nodes
                if ok { bestPlaced = search.placed; return true }
                // A search that gave up still shows a count it reached with every kept minimum met.
                if let b = search.best {
                    search.restore(b.placed)
                    if kept.allSatisfy({ search.unmet($0) == 0 }) {
                        let got = need - search.unmet(trial)
                        if got > lo { lo = got; bestPlaced = b.placed }
                    }
                }
                return false
            }
            // The largest count in lo...hi that can be met; lo (0: the minimum dropped) always can.
            if hi > 0, attempt(hi, &self) { lo = hi } else {
                hi -= 1
                while lo < hi {
                    let mid = lo + (hi - lo + 1) / 2
                    if attempt(mid, &self) { lo = mid } else { hi = mid - 1 }
                }
            }
            if lo > 0 {
                var met = d
                met.need = lo
                kept.append(met)
                solution = bestPlaced
            }
        }
        demands = kept
        restore(solution)
    }

    /// Nodes the relaxation of one minimum may visit in all (each trial visits at most
    /// `nodeLimit / 20`): a count that cannot be met is given up on quickly.
    var relaxationBudget: Int { nodeLimit / 2 }

    /// The most airings demand `d` could get in the present state: every session filled with as
    /// many serving items as fit (shortest first), each item's and rule's maximum respected.
    private func capacity(for d: Demand) -> Int {
        let already = d.rule.map { ruleCount[$0] } ?? itemCount[d.item!]
        let byRoom = already + airingsThatFit(serving: d, upTo: d.need - already)
        // Repeats: each item airs at most once per repeat gap (taking the earliest session each
        // time is the most a gap allows), and at most its own maximum.
        var byItem = already
        let order = instances.indices.sorted { instances[$0].start < instances[$1].start }
        for i in items.indices where serves(d, i) {
            var count = 0, last: Int?
            for k in order where canPlace(i, k) {
                if let last, instances[k].start - last < station.repeatGap { continue }
                count += 1
                last = instances[k].start
            }
            if let max = items[i].perWeek?.max { count = min(count, Swift.max(0, max - itemCount[i])) }
            byItem += count
            if byItem >= d.need { break }
        }
        var possible = min(byRoom, byItem, d.need)
        if let r = d.rule, let max = rules[r].perWeek.max { possible = min(possible, max) }
        if let i = d.item, let max = items[i].perWeek?.max { possible = min(possible, max) }
        return possible
    }

    private mutating func restore(_ snapshot: [[(item: Int, reason: AiringReason)]]) {
        for k in placed.indices.reversed() { while let last = placed[k].last { unplace(last.item, k) } }
        for k in snapshot.indices { for p in snapshot[k] { place(p.item, k, p.reason) } }
    }

    /// Depth-first search over the minimums. Once a demand is chosen it is kept until met, and
    /// its airings are taken in increasing (item, session) order: every set of airings is tried
    /// once, not once per ordering. Complete within `nodeLimit`.
    private mutating func dfs(focus: Int? = nil, after: Int = -1) -> Bool {
        nodes += 1
        let open = demands.indices.filter { unmet(demands[$0]) > 0 }
        let met = demands.reduce(0) { $0 + ($1.need - unmet($1)) }
        if best == nil || met > best!.met { best = (met, placed) }
        if open.isEmpty { solved = true; return true }
        if nodes > searchLimit { return false }
        let K = instances.count
        func candidates(_ d: Int, after: Int) -> [(Int, Int)] {
            var cands: [(Int, Int)] = []
            for i in items.indices where serves(demands[d], i) {
                for k in instances.indices where i * K + k > after && canPlace(i, k) { cands.append((i, k)) }
            }
            return cands
        }
        for d in open where !couldMeet(d) { return false }
        var choice: (d: Int, cands: [(Int, Int)])?
        if let focus, unmet(demands[focus]) > 0 {
            choice = (focus, candidates(focus, after: after))
        } else {
            for d in open {
                let cands = candidates(d, after: -1)
                if cands.isEmpty { return false }
                if choice == nil || cands.count < choice!.cands.count { choice = (d, cands) }
            }
        }
        guard let choice, !choice.cands.isEmpty else { return false }
        let demand = demands[choice.d]
        let reason: AiringReason = demand.rule.map { .rule(rules[$0].id) } ?? .itemQuota
        for (i, k) in order(choice.cands, for: demand) {
            place(i, k, reason)
            if dfs(focus: choice.d, after: i * K + k) { return true }
            unplace(i, k)
            if nodes > searchLimit { return false }
        }
        return false
    }

    /// An upper bound on the airings still possible for demand `d` (each session holds as many
    /// serving items as fit, shortest first, each item once): false when it cannot reach the need.
    private func couldMeet(_ d: Int) -> Bool {
        let need = unmet(demands[d])
        return airingsThatFit(serving: demands[d], upTo: need) >= need
    }

    /// How many more airings serving `d` the free time could hold (each session filled with as
    /// many serving items as fit, shortest first), counting no further than `limit`.
    private func airingsThatFit(serving d: Demand, upTo limit: Int) -> Int {
        var possible = 0
        for k in instances.indices {
            var lengths = items.indices.filter { serves(d, $0) && canPlace($0, k) }.map { items[$0].length! }
            lengths.sort()
            var room = remaining[k]
            for l in lengths where l <= room { room -= l; possible += 1 }
            if possible >= limit { break }
        }
        return possible
    }

    /// Candidates best first: spread over the week, priority, least recently aired, room, then the seed.
    private func order(_ cands: [(Int, Int)], for demand: Demand) -> [(Int, Int)] {
        func score(_ c: (Int, Int)) -> (Int, Int, Int, Int, Int, UInt64) {
            let (i, k) = c
            let day = instances[k].date.daysSinceEpoch
            // Days to the nearest airing serving the same demand (more is better).
            var nearest = 7
            for k2 in instances.indices {
                for p in placed[k2] where serves(demand, p.item) {
                    nearest = min(nearest, abs(instances[k2].date.daysSinceEpoch - day))
                }
            }
            let last = (history[i] + itemInstances[i].map { instances[$0].start }).max() ?? Int.min / 2
            return (-nearest, items[i].priority ?? 1000, last / 60_000, -remaining[k] / 1000, 0,
                    mix(seed, UInt64(i), UInt64(k)))
        }
        return cands.map { ($0, score($0)) }.sorted { $0.1 < $1.1 }.map(\.0)
    }

    // MARK: Priority items

    /// Items with a priority that no quota governs (no `per_week` of their own, no rule's tags: a
    /// relay, a standing notice) air in every session they are allowed in and fit, most urgent first,
    /// after the minimums are met. Quota items use their priority for order and choice instead.
    private mutating func placePriorityItems() {
        let ranked = items.indices.filter { items[$0].priority != nil && items[$0].perWeek == nil && itemRules[$0].isEmpty }.sorted { (items[$0].priority!, items[$0].id) < (items[$1].priority!, items[$1].id) }
        for i in ranked {
            for k in instances.indices where !itemInstances[i].contains(k) && canPlace(i, k) {
                place(i, k, .priority(items[i].priority!))
            }
        }
    }

    // MARK: Fill

    private mutating func fill() {
        guard !station.fill.isEmpty else { return }
        for k in instances.indices {
            while true {
                var bestCand: (i: Int, tag: String, score: (Int, Int, Int, UInt64))?
                for i in items.indices {
                    guard let tagIndex = station.fill.firstIndex(where: { items[i].tags.contains($0) }), canPlace(i, k) else { continue }
                    let last = (history[i] + itemInstances[i].map { instances[$0].start }).max() ?? Int.min / 2
                    let s = (tagIndex, last / 60_000, -(items[i].length ?? 0), mix(seed, UInt64(i), UInt64(k) &+ 0x9E37))
                    if bestCand == nil || s < bestCand!.score { bestCand = (i, station.fill[tagIndex], s) }
                }
                guard let b = bestCand else { break }
                place(b.i, k, .fill(b.tag))
            }
        }
    }

    // MARK: Result

    func makePlan() -> Plan {
        let byID = Dictionary(items.enumerated().filter { $1.unusable == nil && $1.length != nil }.map { ($1.id, $0) },
                              uniquingKeysWith: { a, _ in a })
        var sessions: [PlannedSession] = []
        for (k, inst) in instances.enumerated() {
            var order: [(Int, AiringReason)] = inst.template.open.compactMap { id in byID[id].map { ($0, .open) } }
            let content = placed[k].enumerated().sorted { a, b in
                let pa = items[a.element.item].priority ?? 1000, pb = items[b.element.item].priority ?? 1000
                let fa = a.element.reason.isFill ? 1 : 0, fb = b.element.reason.isFill ? 1 : 0
                return (fa, pa, a.offset) < (fb, pb, b.offset)
            }
            order += content.map { ($0.element.item, $0.element.reason) }
            order += inst.template.close.compactMap { id in byID[id].map { ($0, .close) } }
            var t = inst.start
            var airings: [Airing] = []
            for (i, reason) in order {
                let item = items[i], len = item.length ?? 0
                airings.append(Airing(item: item.id, title: item.title, file: item.file, start: t, length: len,
                                      tags: item.tags.sorted(), rules: itemRules[i].map { rules[$0].id }, reason: reason,
                                      gain: item.gain, cue: item.cue))
                t += len
            }
            sessions.append(PlannedSession(instance: inst, airings: airings))
        }
        let ruleCounts = rules.enumerated().map { r, rule in
            RuleCount(rule: rule, count: ruleCount[r],
                      minutes: Double(sessions.flatMap(\.airings).filter { $0.rules.contains(rule.id) }.reduce(0) { $0 + $1.length }) / 60_000)
        }
        let itemCounts = items.enumerated().compactMap { i, item -> ItemCount? in
            guard let q = item.perWeek, instances.contains(where: { item.isValid(on: $0.date) }) else { return nil }
            return ItemCount(item: item, quota: q, count: itemCount[i])
        }
        var plan = Plan(station: station, week: week, sessions: sessions, rules: ruleCounts, items: itemCounts,
                        shortfalls: required.filter { unmet($0) > 0 }.map(shortfall), unusable: items.filter { $0.unusable != nil })
        plan.idle = idleSessions()
        plan.pins = keptPins
        return plan
    }

    /// Sessions whose unused time passes the station's limit, each fill item with why it is out.
    func idleSessions() -> [IdleSession] {
        let fillItems = items.indices.filter { i in station.fill.contains { items[i].tags.contains($0) } }
        return instances.indices.compactMap { k -> IdleSession? in
            let limit = instances[k].template.length / 1000 * max(0, station.maxUnusedPermille)
            guard remaining[k] > limit else { return nil }
            let leftOut = fillItems.compactMap { i -> IdleSession.LeftOut? in
                guard let reason = whyNotPlaced(i, k) else { return nil }
                return IdleSession.LeftOut(item: items[i].id, reason: reason)
            }
            return IdleSession(instance: instances[k], unused: remaining[k], leftOut: leftOut)
        }
    }

    /// Why item `i` is not in instance `k` in the plan as it stands (nil: it is there).
    func whyNotPlaced(_ i: Int, _ k: Int) -> IdleSession.Reason? {
        if placed[k].contains(where: { $0.item == i }) { return nil }
        guard items[i].unusable == nil, let len = items[i].length, len > 0 else { return .unusable }
        guard eligible[i][k] else { return .window }
        if atMaximum(i) { return .maximum }
        if !gapOK(i, k) { return .repeatGap }
        if len > remaining[k] { return .tooLong(len) }
        return nil
    }

    func ruleCapacity(_ r: Int) -> RuleCapacity {
        let serving = items.indices.filter { itemRules[$0].contains(r) }
        let reachable = instances.indices.filter { k in serving.contains { eligible[$0][k] } }
        let eligibleItems = serving.filter { i in instances.indices.contains { eligible[i][$0] } }
        return RuleCapacity(rule: rules[r], sessions: reachable.count,
                            airTime: reachable.reduce(0) { $0 + max(0, remaining[$1]) },
                            eligibleItems: eligibleItems.count,
                            shortestItem: eligibleItems.compactMap { items[$0].length }.min(),
                            mostAirings: capacity(for: Demand(rule: r, item: nil, need: Int.max / 4)))
    }

    private func shortfall(_ d: Demand) -> Shortfall {
        let serving = items.indices.filter { serves(d, $0) }
        // Sessions where a serving item may really go (its dates, days and sessions, and the rule's);
        // when there are none, the sessions the rule or item itself allows.
        let reachable = instances.indices.filter { k in serving.contains { eligible[$0][k] } }
        let allowed = !reachable.isEmpty ? reachable : instances.indices.filter { k in
            if let r = d.rule { return rules[r].allows(instances[k].date.weekday, session: instances[k].template.id) }
            let item = items[d.item!]
            return item.isValid(on: instances[k].date) && (item.days?.contains(instances[k].date.weekday) ?? true)
                && (item.sessions?.contains(instances[k].template.id) ?? true)
        }
        let usable = serving.filter { i in items[i].unusable == nil && items[i].length != nil }
        let inWindow = usable.filter { i in instances.contains { items[i].isValid(on: $0.date) } }
        return Shortfall(
            subject: d.rule.map { .rule(rules[$0].id) } ?? .item(items[d.item!].id),
            name: d.rule.map { rules[$0].name } ?? items[d.item!].title,
            needed: d.need, got: d.need - unmet(d),
            allowedSessions: allowed.count,
            capacityLeft: allowed.reduce(0) { $0 + max(0, freeAfterMinimums[$1]) },
            largestGap: allowed.map { max(0, freeAfterMinimums[$0]) }.max() ?? 0,
            eligibleItems: inWindow.count,
            shortestItem: inWindow.compactMap { items[$0].length }.min(),
            outOfWindow: usable.filter { !inWindow.contains($0) }.map { items[$0].id },
            unusable: serving.filter { !usable.contains($0) }.map { items[$0].id })
    }
}

extension AiringReason {
    var isFill: Bool { if case .fill = self { true } else { false } }
}

/// SplitMix64 of the seed and two indices: a deterministic tie-break.
func mix(_ seed: UInt64, _ a: UInt64, _ b: UInt64) -> UInt64 {
    var z = seed &+ a &* 0x9E37_79B9_7F4A_7C15 &+ b &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
}
