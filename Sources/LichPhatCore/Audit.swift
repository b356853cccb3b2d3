/// A span of dates to report on. Its weeks are the ISO weeks whose Thursday falls inside it,
/// so a week split across two months belongs to exactly one of them.
public struct AuditPeriod: Sendable, Hashable, CustomStringConvertible {
    public var from: CivilDate
    public var to: CivilDate
    /// How the operator named it (`2026-11`, `2026-Q4`, `2026-H2`, `2026`, or the dates).
    public var name: String

    public init(from: CivilDate, to: CivilDate, name: String? = nil) {
        self.from = from; self.to = to; self.name = name ?? "\(from)–\(to)"
    }

    /// The longest range of dates a report covers: ten years (a day's plans and logs are read for each).
    public static let longestDays = 3660

    /// The dates `from`…`to` as a period: nil when the last is before the first or the range is longer than ``longestDays``.
    public static func range(from: CivilDate, to: CivilDate) -> AuditPeriod? {
        guard from <= to, to.daysSinceEpoch - from.daysSinceEpoch <= longestDays else { return nil }
        return AuditPeriod(from: from, to: to)
    }

    /// Parses `2026-11`, `2026-Q4`, `2026-H2` or `2026`.
    public init?(_ text: String) {
        let t = text.uppercased()
        let parts = t.split(separator: "-").map(String.init)
        guard let year = Int(parts[0]), parts[0].count == 4 else { return nil }
        func months(_ a: Int, _ b: Int) -> (CivilDate, CivilDate) {
            (CivilDate(year: year, month: a, day: 1), CivilDate(year: year, month: b, day: CivilDate.daysIn(month: b, year: year)))
        }
        let range: (CivilDate, CivilDate)
        switch parts.count {
        case 1: range = months(1, 12)
        case 2 where parts[1].hasPrefix("Q"):
            guard let q = Int(parts[1].dropFirst()), (1...4).contains(q) else { return nil }
            range = months(3 * q - 2, 3 * q)
        case 2 where parts[1].hasPrefix("H"):
            guard let h = Int(parts[1].dropFirst()), (1...2).contains(h) else { return nil }
            range = months(6 * h - 5, 6 * h)
        case 2:
            guard let m = Int(parts[1]), (1...12).contains(m), parts[1].count == 2 else { return nil }
            range = months(m, m)
        default: return nil
        }
        self.init(from: range.0, to: range.1, name: t)
    }

    public var weeks: [ISOWeek] {
        var out: [ISOWeek] = []
        var w = ISOWeek(containing: from)
        if w.thursday < from { w = w.adding(weeks: 1) }
        while w.thursday <= to { out.append(w); w = w.adding(weeks: 1) }
        return out
    }

    /// Local milliseconds covered: Monday of the first week to the end of the last week's Sunday.
    public var span: ClosedRange<Int>? {
        guard let first = weeks.first, let last = weeks.last else { return nil }
        return first.monday.daysSinceEpoch * 86_400_000...(last.sunday.daysSinceEpoch + 1) * 86_400_000 - 1
    }

    public var description: String { name }
}

/// Where a record came from, for messages.
public struct SourceRef: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public init(file: String, line: Int) { self.file = file; self.line = line }
    public var description: String { "\(file):\(line)" }
}

/// One airing as a source tells it: planned (a schedule) or aired (a play log).
public struct AiringRecord: Sendable, Hashable {
    public var item: String
    /// Local milliseconds since 1970-01-01 00:00.
    public var start: Int
    /// Planned or known length, ms.
    public var length: Int?
    /// Actually played, ms (play logs); nil when the log does not say.
    public var played: Int?
    public var device: String?
    public var session: String?
    public var source: SourceRef
    /// Cut short on purpose, by an emergency bulletin: counted as aired whatever it played.
    public var interrupted = false
    public init(item: String, start: Int, length: Int? = nil, played: Int? = nil, device: String? = nil,
                session: String? = nil, source: SourceRef) {
        self.item = item; self.start = start; self.length = length; self.played = played
        self.device = device; self.session = session; self.source = source
    }
}

public enum AuditBasis: String, Sendable { case plans, playLogs = "play-logs" }

public struct AuditOptions: Sendable {
    /// An airing counts when it played at least this share of its length (default 90 %).
    public var minPlayed: Double = 0.9
    /// Started later than planned by more than this is "late" (default 5 minutes).
    public var lateTolerance: Int = 5 * 60_000
    /// A planned and an aired airing of the same item closer than this are the same airing (default 3 h).
    public var matchWindow: Int = 3 * 3_600_000
    public init() {}
}

public struct RuleWeek: Sendable {
    public var rule: QuotaRule
    public var count: Int
    public var minutes: Double
    /// For rules with fixed days or sessions: counted airings that were somewhere else.
    public var misplaced: [AiringRecord]
    public var status: QuotaStatus { rule.perWeek.status(count) }
}

public struct ItemWeek: Sendable {
    public var item: Item
    public var quota: Quota
    public var count: Int
    public var minutes: Double
    public var status: QuotaStatus { quota.status(count) }
}

/// Where a week's plan stands: `approved` (and unchanged since), `draft` (never approved),
/// `modified` (its schedule changed after approval: it counts as unapproved), `none` (no plan).
public enum ApprovalState: String, Sendable, Hashable, CaseIterable {
    case approved, draft, modified, none
}

public struct WeekAudit: Sendable {
    public var week: ISOWeek
    public var rules: [RuleWeek]
    public var items: [ItemWeek]
    /// The week's plan's state (nil when plans are not known).
    public var approval: ApprovalState?
    /// Airings of the week came from no approved plan (a draft, a plan changed after approval, or none).
    public var unapproved: Bool { approval.map { $0 != .approved } ?? false }
}

public struct RuleSummary: Sendable {
    public var rule: QuotaRule
    public var total: Int
    public var weeks: Int
    public var minutes: Double
    public var average: Double { weeks > 0 ? Double(total) / Double(weeks) : 0 }
    /// The average against [min, max] ("trung bình 01–02 lượt/tuần").
    public var status: QuotaStatus { rule.perWeek.status(average) }
}

public struct Reconciliation: Sendable {
    public var missed: [AiringRecord] = []
    public var unplanned: [AiringRecord] = []
    /// Aired, but played less than the share that counts.
    public var short: [AiringRecord] = []
    /// (planned, aired) pairs that started late beyond the tolerance.
    public var late: [(planned: AiringRecord, aired: AiringRecord)] = []
    /// Weeks whose airings came from a plan nobody approved.
    public var unapprovedWeeks: [ISOWeek] = []
}

/// A finding about the input or the airings, with where it came from.
public struct AuditIssue: Sendable, Hashable {
    public enum Kind: String, Sendable { case malformed, unknownItem = "unknown-item", ambiguousItem = "ambiguous-item", duplicate, outsidePeriod = "outside-period", overlap, missingSource = "missing-source" }
    public var kind: Kind
    public var source: SourceRef?
    public var detail: String
    /// How many records the issue stands for (records outside the period are summarised in one).
    public var count: Int
    /// Why a line could not be read (for `.malformed`): a reason, worded by ``AuditMessages``.
    public var malformed: Malformed?

    public enum Malformed: Sendable, Hashable {
        /// The time cannot be read (the text as written, when there is one).
        case unreadableTime(String?)
        case noStartTime
        case noRecordID
        case tooManyFields
        case noItemOrFile
        /// `played` is not seconds from 0 to 86400 (the text as written).
        case playedOutOfRange(String)
        /// The platform's log says the playback failed.
        case playbackError(event: String, record: String)
        /// A `.json` plan that is not a LichPhat schedule.json.
        case notASchedule
        /// A plan CSV without the Ngày/Date and Bắt đầu/Start columns.
        case scheduleHeader
    }

    public init(kind: Kind, source: SourceRef?, detail: String, count: Int = 1) {
        self.kind = kind; self.source = source; self.detail = detail; self.count = count
    }

    /// A line that cannot be read, and why.
    public init(malformed reason: Malformed, source: SourceRef?) {
        self.init(kind: .malformed, source: source, detail: "")
        malformed = reason
    }
}

public struct StationAudit: Sendable {
    public var station: Station
    public var period: AuditPeriod
    public var basis: AuditBasis
    public var weeks: [WeekAudit]
    public var rules: [RuleSummary]
    /// Per device or cluster, when the play logs name one.
    public var devices: [(device: String, rules: [RuleSummary])]
    public var reconciliation: Reconciliation?
    public var issues: [AuditIssue]
    /// Bulletins aired within the period (play logs): authorised by their level, never "unplanned".
    public var bulletins: [AiringRecord] = []

    /// Every rule's average within its band; fixed columns (rules with days or sessions) every
    /// week and where they should be; items with their own quota every week.
    public var compliant: Bool {
        rules.allSatisfy { $0.status == .ok }
            && weeks.allSatisfy { w in
                w.rules.allSatisfy { r in (r.rule.days == nil && r.rule.sessions == nil) || (r.status == .ok && r.misplaced.isEmpty) }
                    && w.items.allSatisfy { $0.status == .ok }
            }
    }
}

/// Counts what was planned or aired, week by week, against a station's quotas.
public struct Auditor: Sendable {
    public var station: Station
    public var period: AuditPeriod
    public var options: AuditOptions

    public init(station: Station, period: AuditPeriod, options: AuditOptions = AuditOptions()) {
        self.station = station; self.period = period; self.options = options
    }

    /// `planned`: from schedules; `aired`: from play logs (nil when there are none: the plans are
    /// then the basis). `approvals`: the state of each week that has a plan (nil when unknown);
    /// a week missing from it has none.
    public func audit(planned: [AiringRecord], aired: [AiringRecord]?, approvals: [ISOWeek: ApprovalState]?,
                      inputIssues: [AuditIssue] = [], bulletins: [AiringRecord] = []) -> StationAudit {
        let approved = approvals.map { Set($0.filter { $0.value == .approved }.keys) }
        var issues = inputIssues
        let items = Dictionary(station.items.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let span = period.span
        func inPeriod(_ r: AiringRecord) -> Bool { span?.contains(r.start) ?? false }

        // Records outside the period are not counted, and told in one line: how many, the first and the last.
        var source = aired ?? planned
        let outside = source.filter { !inPeriod($0) }.sorted { $0.start < $1.start }
        if let first = outside.first, let last = outside.last {
            issues.append(AuditIssue(kind: .outsidePeriod, source: first.source,
                                     detail: "\(Self.format(first.start)) – \(Self.format(last.start))", count: outside.count))
        }
        source = source.filter(inPeriod)
        // Unknown items.
        for r in source where items[r.item] == nil {
            issues.append(AuditIssue(kind: .unknownItem, source: r.source, detail: r.item))
        }
        source = source.filter { items[$0.item] != nil }
        // Exact duplicates (same item, device and start) are counted once.
        struct Key: Hashable { var item: String; var device: String?; var start: Int }
        var seen = Set<Key>()
        source = source.filter { r in
            if seen.insert(Key(item: r.item, device: r.device, start: r.start)).inserted { return true }
            issues.append(AuditIssue(kind: .duplicate, source: r.source, detail: "\(r.item) \(Self.format(r.start))"))
            return false
        }
        if aired != nil { issues += overlaps(source, items) }

        // What counts: aired long enough; the same airing on several devices once.
        var short: [AiringRecord] = []
        var counted: [AiringRecord] = []
        for r in source {
            let len = r.length ?? items[r.item]?.length
            if !r.interrupted, let played = r.played, let len, len > 0, Double(played) < options.minPlayed * Double(len) {
                short.append(r)
            } else {
                counted.append(r)
            }
        }
        let airings = dedupeAcrossDevices(counted)

        // Which rules each item counts toward, computed once.
        var covers: [String: [Int]] = [:]
        for item in station.items { covers[item.id] = station.rules.indices.filter { station.rules[$0].covers(item) } }
        let periodWeeks = period.weeks
        let firstMonday = periodWeeks.first?.monday.daysSinceEpoch ?? 0
        var byWeek = Array(repeating: [AiringRecord](), count: periodWeeks.count)
        for a in airings {
            let k = (Self.day(a.start) - firstMonday) / 7
            if k >= 0, k < byWeek.count { byWeek[k].append(a) }
        }
        let weeks = periodWeeks.enumerated().map { k, w -> WeekAudit in
            let inWeek = byWeek[k]
            let rules = station.rules.enumerated().map { r, rule -> RuleWeek in
                let mine = inWeek.filter { covers[$0.item]?.contains(r) ?? false }
                let misplaced = (rule.days == nil && rule.sessions == nil) ? [] : mine.filter { !placedWell($0, rule) }
                return RuleWeek(rule: rule, count: mine.count, minutes: minutes(mine, items), misplaced: misplaced)
            }
            let own = station.items.compactMap { item -> ItemWeek? in
                guard let q = item.perWeek, (0..<7).contains(where: { item.isValid(on: w.monday.adding(days: $0)) }) else { return nil }
                let mine = inWeek.filter { $0.item == item.id }
                return ItemWeek(item: item, quota: q, count: mine.count, minutes: minutes(mine, items))
            }
            return WeekAudit(week: w, rules: rules, items: own, approval: approvals.map { $0[w] ?? .none })
        }
        let summaries = summarize(weeks)

        var devices: [(String, [RuleSummary])] = []
        let names = Set(counted.compactMap(\.device)).sorted()
        if aired != nil, !names.isEmpty {
            for d in names {
                let mine = counted.filter { $0.device == d }
                var deviceWeeks = Array(repeating: [AiringRecord](), count: periodWeeks.count)
                for a in mine {
                    let k = (Self.day(a.start) - firstMonday) / 7
                    if k >= 0, k < deviceWeeks.count { deviceWeeks[k].append(a) }
                }
                let perWeek = periodWeeks.enumerated().map { k, w -> WeekAudit in
                    WeekAudit(week: w, rules: station.rules.enumerated().map { r, rule in
                        let m = deviceWeeks[k].filter { covers[$0.item]?.contains(r) ?? false }
                        return RuleWeek(rule: rule, count: m.count, minutes: minutes(m, items), misplaced: [])
                    }, items: [], approval: nil)
                }
                devices.append((d, summarize(perWeek)))
            }
        }

        var reconciliation: Reconciliation?
        if aired != nil, !planned.isEmpty {
            // Only weeks that have a plan are compared with the air.
            let weekOf = { (r: AiringRecord) in ISOWeek(containing: CivilDate(daysSinceEpoch: Self.day(r.start))) }
            let plannedWeeks = Set(planned.map(weekOf))
            // A relay has no file, so a player's log never shows it: compared only when the log names it.
            let loggedItems = Set(airings.map(\.item))
            var rec = reconcile(planned: planned.filter(inPeriod).filter { r in
                                    items[r.item].map { $0.file != nil || loggedItems.contains(r.item) } ?? false
                                },
                                aired: airings.filter { plannedWeeks.contains(weekOf($0)) }, items: items)
            rec.short = short
            if let approved {
                let withAirings = Set(airings.map { ISOWeek(containing: CivilDate(daysSinceEpoch: Self.day($0.start))) })
                rec.unapprovedWeeks = period.weeks.filter { withAirings.contains($0) && !approved.contains($0) }
            }
            reconciliation = rec
        } else if aired != nil {
            var rec = Reconciliation()
            rec.short = short
            reconciliation = rec
        } else if let approved {
            var rec = Reconciliation()
            rec.unapprovedWeeks = period.weeks.filter { w in !approved.contains(w) && airings.contains { ISOWeek(containing: CivilDate(daysSinceEpoch: Self.day($0.start))) == w } }
            reconciliation = rec
        }
        var audit = StationAudit(station: station, period: period, basis: aired == nil ? .plans : .playLogs, weeks: weeks,
                                 rules: summaries, devices: devices, reconciliation: reconciliation, issues: issues)
        audit.bulletins = bulletins.filter(inPeriod).sorted { $0.start < $1.start }
        return audit
    }

    static func day(_ local: Int) -> Int { Int((Double(local) / 86_400_000).rounded(.down)) }

    /// `26/11/2026 17:05`: a station-local time in reports and notes.
    public static func format(_ local: Int) -> String {
        let d = CivilDate(daysSinceEpoch: day(local))
        let ms = local - day(local) * 86_400_000
        return "\(d.vietnamese) \(pad(ms / 3_600_000, 2)):\(pad(ms / 60_000 % 60, 2))"
    }

    func summarize(_ weeks: [WeekAudit]) -> [RuleSummary] {
        station.rules.enumerated().map { k, rule in
            RuleSummary(rule: rule, total: weeks.reduce(0) { $0 + $1.rules[k].count }, weeks: weeks.count,
                        minutes: weeks.reduce(0) { $0 + $1.rules[k].minutes })
        }
    }

    func minutes(_ records: [AiringRecord], _ items: [String: Item]) -> Double {
        Double(records.reduce(0) { $0 + ($1.played ?? $1.length ?? items[$1.item]?.length ?? 0) }) / 60_000
    }

    /// The session a record falls in: its own, or the one whose window holds its start.
    func session(of r: AiringRecord) -> SessionTemplate? {
        if let id = r.session { return station.sessions.first { $0.id == id } }
        let d = Self.day(r.start)
        let tod = r.start - d * 86_400_000
        let day = CivilDate(daysSinceEpoch: d).weekday
        return station.sessions.first { $0.days.contains(day) && tod >= $0.start && tod < $0.start + $0.length }
    }

    func placedWell(_ r: AiringRecord, _ rule: QuotaRule) -> Bool {
        let day = CivilDate(daysSinceEpoch: Self.day(r.start)).weekday
        if let days = rule.days, !days.contains(day) { return false }
        if let sessions = rule.sessions { return session(of: r).map { sessions.contains($0.id) } ?? false }
        return true
    }

    /// The same item starting within a minute on several devices is one airing.
    func dedupeAcrossDevices(_ records: [AiringRecord]) -> [AiringRecord] {
        var out: [AiringRecord] = []
        out.reserveCapacity(records.count)
        var last: [String: Int] = [:]
        for r in records.sorted(by: { $0.start < $1.start }) {  // stable: equal times keep log order
            if let t = last[r.item], r.start - t < 60_000 { continue }
            last[r.item] = r.start
            out.append(r)
        }
        return out
    }

    /// Airings on one device that overlap in time.
    func overlaps(_ records: [AiringRecord], _ items: [String: Item]) -> [AuditIssue] {
        var out: [AuditIssue] = []
        var byDevice: [String: [AiringRecord]] = [:]
        for r in records { byDevice[r.device ?? "", default: []].append(r) }
        for (_, rs) in byDevice {
            let sorted = rs.sorted { $0.start < $1.start }
            for (a, b) in zip(sorted, sorted.dropFirst()) {
                let end = a.start + (a.played ?? a.length ?? items[a.item]?.length ?? 0)
                if end > b.start + 1000 {  // a second of slack for rounding in logs
                    out.append(AuditIssue(kind: .overlap, source: b.source,
                                          detail: "\(a.item) (\(a.source)) \(Self.format(a.start)) / \(b.item) \(Self.format(b.start))\(b.device.map { " [\($0)]" } ?? "")"))
                }
            }
        }
        return out.sorted { ($0.source?.description ?? "") < ($1.source?.description ?? "") }
    }

    /// Pairs each planned airing with the nearest aired airing of the same item.
    func reconcile(planned: [AiringRecord], aired: [AiringRecord], items: [String: Item]) -> Reconciliation {
        var rec = Reconciliation()
        var used = Set<Int>()
        var byItem: [String: [Int]] = [:]
        for (i, a) in aired.enumerated() { byItem[a.item, default: []].append(i) }
        for p in planned.sorted(by: { $0.start < $1.start }) {
            let best = (byItem[p.item] ?? []).filter { !used.contains($0) && abs(aired[$0].start - p.start) <= options.matchWindow }
                .min { abs(aired[$0].start - p.start) < abs(aired[$1].start - p.start) }
            guard let i = best else { rec.missed.append(p); continue }
            used.insert(i)
            if aired[i].start - p.start > options.lateTolerance { rec.late.append((p, aired[i])) }
        }
        rec.unplanned = aired.indices.filter { !used.contains($0) }.map { aired[$0] }
        return rec
    }
}
