/// Something worth telling about a plan, with the figures behind it: what `schedule.json`
/// stores (codes and values, the same whatever the language) and what LichPhatText words.
public enum PlanFinding: Sendable, Hashable, Codable {
    /// A minimum the planner could not reach, with the numbers behind it.
    case shortfall(Shortfall)
    /// A count under its minimum that no search reported (a week edited by hand).
    case underMinimum(subject: Shortfall.Subject, name: String, count: Int, minimum: Int)
    /// A rule over its weekly maximum (open and close items carrying its tags).
    case overMaximum(rule: String, name: String, count: Int, maximum: Int)
    /// A session whose open and close items are longer than the session.
    case sessionOverfull(session: String, name: String, date: CivilDate)
    /// An item that cannot be planned (missing or failing file).
    case itemUnusable(item: String, reason: Item.Unusable)
    /// A kind of session left emptier than the station allows.
    case sessionIdle(IdleSummary)
    /// A session starting before 05:00 (`start`: ms after midnight).
    case earlySession(session: String, name: String, start: Int)

    /// Stable: scripts may rely on it.
    public var code: String {
        switch self {
        case .shortfall: "shortfall"
        case .underMinimum: "under-min"
        case .overMaximum: "over-max"
        case .sessionOverfull: "session-overfull"
        case .itemUnusable: "item-unusable"
        case .sessionIdle: "session-idle"
        case .earlySession: "early-session"
        }
    }

    public var severity: Severity {
        switch self {
        case .shortfall, .underMinimum, .overMaximum, .sessionOverfull: .error
        case .itemUnusable, .sessionIdle, .earlySession: .warning
        }
    }
}

/// One kind of session left too empty in a week: on which days, how much, which fill items
/// stayed out and why.
public struct IdleSummary: Sendable, Hashable, Codable {
    public var session: String
    public var name: String
    /// The most a session may stay empty, in per cent.
    public var limitPercent: Int
    public var dates: [CivilDate]
    /// The most time left unused in one of them (ms), and its share of the session (per cent).
    public var mostUnused: Int
    public var share: Int
    public var fillTags: [String]
    /// How many items carry a fill tag, and their total length (ms).
    public var fillItems: Int
    public var fillTotal: Int
    /// Each fill item that stayed out, once, with the reason it stayed out most often (the first eight).
    public var leftOut: [IdleSession.LeftOut]
    /// How many more stayed out.
    public var moreLeftOut: Int
    /// The station's repeat gap (ms), when an item stayed out because of it.
    public var repeatGap: Int?

    public init(session: String, name: String, limitPercent: Int, dates: [CivilDate], mostUnused: Int, share: Int, fillTags: [String],
                fillItems: Int, fillTotal: Int, leftOut: [IdleSession.LeftOut], moreLeftOut: Int, repeatGap: Int?) {
        self.session = session; self.name = name; self.limitPercent = limitPercent; self.dates = dates; self.mostUnused = mostUnused
        self.share = share; self.fillTags = fillTags; self.fillItems = fillItems; self.fillTotal = fillTotal; self.leftOut = leftOut
        self.moreLeftOut = moreLeftOut; self.repeatGap = repeatGap
    }
}

extension Plan {
    /// Everything worth telling about this plan, most serious first.
    public var findings: [PlanFinding] {
        var out: [PlanFinding] = shortfalls.map { .shortfall($0) }
        for r in rules where r.status == .under && !shortfalls.contains(where: { $0.subject == .rule(r.rule.id) }) {
            out.append(.underMinimum(subject: .rule(r.rule.id), name: r.rule.name, count: r.count, minimum: r.rule.perWeek.min))
        }
        for c in items where c.status == .under && !shortfalls.contains(where: { $0.subject == .item(c.item.id) }) {
            out.append(.underMinimum(subject: .item(c.item.id), name: c.item.title, count: c.count, minimum: c.quota.min))
        }
        for r in rules where r.status == .over {
            out.append(.overMaximum(rule: r.rule.id, name: r.rule.name, count: r.count, maximum: r.rule.perWeek.max ?? 0))
        }
        for s in sessions where s.unused < 0 {
            out.append(.sessionOverfull(session: s.instance.template.id, name: s.instance.template.name, date: s.instance.date))
        }
        for item in unusable {
            if let why = item.unusable { out.append(.itemUnusable(item: item.id, reason: why)) }
        }
        out += idleSummaries.map { .sessionIdle($0) }
        for t in station.sessions where t.start < 5 * 3_600_000 {
            out.append(.earlySession(session: t.id, name: t.name, start: t.start))
        }
        return out
    }

    /// One summary per kind of session that was left too empty.
    var idleSummaries: [IdleSummary] {
        var out: [IdleSummary] = []
        for t in station.sessions {
            let mine = idle.filter { $0.instance.template.id == t.id }
            guard let worst = mine.max(by: { $0.unused < $1.unused }) else { continue }
            // Each fill item once, with the reason it stayed out most often.
            var reasons: [String: [IdleSession.Reason: Int]] = [:]
            var order: [String] = []
            for s in mine {
                for l in s.leftOut {
                    if reasons[l.item] == nil { order.append(l.item) }
                    reasons[l.item, default: [:]][l.reason, default: 0] += 1
                }
            }
            let listed = order.prefix(8).map { id -> IdleSession.LeftOut in
                let r = reasons[id]!.max { ($0.value, "\($1.key)") < ($1.value, "\($0.key)") }!.key
                return IdleSession.LeftOut(item: id, reason: r)
            }
            let fillItems = station.items.filter { item in station.fill.contains { item.tags.contains($0) } }
            out.append(IdleSummary(
                session: t.id, name: t.name, limitPercent: station.maxUnusedPermille / 10, dates: mine.map(\.instance.date),
                mostUnused: worst.unused, share: worst.unused * 100 / max(1, t.length), fillTags: station.fill,
                fillItems: fillItems.count, fillTotal: fillItems.compactMap(\.length).reduce(0, +),
                leftOut: Array(listed), moreLeftOut: max(0, order.count - 8),
                repeatGap: reasons.values.contains(where: { $0[.repeatGap] != nil }) ? station.repeatGap : nil))
        }
        return out
    }
}

// MARK: Codable, as schedule.json stores findings: one key, the kind, holding its values.

extension PlanFinding {
    private enum Kind: String, CodingKey {
        case shortfall, underMinimum, overMaximum, sessionOverfull, itemUnusable, sessionIdle, earlySession
    }
    private enum Field: String, CodingKey { case subject, name, count, minimum, maximum, rule, session, date, item, reason, start }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Kind.self)
        guard let kind = c.allKeys.first, c.allKeys.count == 1 else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a finding has one key, its kind"))
        }
        switch kind {
        case .shortfall: self = .shortfall(try c.decode(Shortfall.self, forKey: kind))
        case .sessionIdle: self = .sessionIdle(try c.decode(IdleSummary.self, forKey: kind))
        default:
            let f = try c.nestedContainer(keyedBy: Field.self, forKey: kind)
            switch kind {
            case .underMinimum:
                self = .underMinimum(subject: try f.decode(Shortfall.Subject.self, forKey: .subject), name: try f.decode(String.self, forKey: .name),
                                     count: try f.decode(Int.self, forKey: .count), minimum: try f.decode(Int.self, forKey: .minimum))
            case .overMaximum:
                self = .overMaximum(rule: try f.decode(String.self, forKey: .rule), name: try f.decode(String.self, forKey: .name),
                                    count: try f.decode(Int.self, forKey: .count), maximum: try f.decode(Int.self, forKey: .maximum))
            case .sessionOverfull:
                self = .sessionOverfull(session: try f.decode(String.self, forKey: .session), name: try f.decode(String.self, forKey: .name),
                                        date: try f.decode(CivilDate.self, forKey: .date))
            case .itemUnusable:
                self = .itemUnusable(item: try f.decode(String.self, forKey: .item), reason: try f.decode(Item.Unusable.self, forKey: .reason))
            default:
                self = .earlySession(session: try f.decode(String.self, forKey: .session), name: try f.decode(String.self, forKey: .name),
                                     start: try f.decode(Int.self, forKey: .start))
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Kind.self)
        switch self {
        case let .shortfall(s): try c.encode(s, forKey: .shortfall)
        case let .sessionIdle(s): try c.encode(s, forKey: .sessionIdle)
        case let .underMinimum(subject, name, count, minimum):
            var f = c.nestedContainer(keyedBy: Field.self, forKey: .underMinimum)
            try f.encode(subject, forKey: .subject); try f.encode(name, forKey: .name); try f.encode(count, forKey: .count); try f.encode(minimum, forKey: .minimum)
        case let .overMaximum(rule, name, count, maximum):
            var f = c.nestedContainer(keyedBy: Field.self, forKey: .overMaximum)
            try f.encode(rule, forKey: .rule); try f.encode(name, forKey: .name); try f.encode(count, forKey: .count); try f.encode(maximum, forKey: .maximum)
        case let .sessionOverfull(session, name, date):
            var f = c.nestedContainer(keyedBy: Field.self, forKey: .sessionOverfull)
            try f.encode(session, forKey: .session); try f.encode(name, forKey: .name); try f.encode(date, forKey: .date)
        case let .itemUnusable(item, reason):
            var f = c.nestedContainer(keyedBy: Field.self, forKey: .itemUnusable)
            try f.encode(item, forKey: .item); try f.encode(reason, forKey: .reason)
        case let .earlySession(session, name, start):
            var f = c.nestedContainer(keyedBy: Field.self, forKey: .earlySession)
            try f.encode(session, forKey: .session); try f.encode(name, forKey: .name); try f.encode(start, forKey: .start)
        }
    }
}

extension Shortfall.Subject {
    private enum Key: String, CodingKey { case rule, item }
    /// `{"rule": "nq57"}` or `{"item": "tin-xa"}`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        if let id = try c.decodeIfPresent(String.self, forKey: .rule) { self = .rule(id) } else { self = .item(try c.decode(String.self, forKey: .item)) }
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        switch self {
        case .rule(let id): try c.encode(id, forKey: .rule)
        case .item(let id): try c.encode(id, forKey: .item)
        }
    }
}

extension IdleSession.Reason {
    private enum Key: String, CodingKey { case tooLong }
    /// `"repeatGap"`, `"maximum"`, `"window"`, `"unusable"`, or `{"tooLong": ms}`.
    public init(from decoder: any Decoder) throws {
        if let c = try? decoder.singleValueContainer(), let word = try? c.decode(String.self) {
            switch word {
            case "repeatGap": self = .repeatGap
            case "maximum": self = .maximum
            case "window": self = .window
            case "unusable": self = .unusable
            default: throw DecodingError.dataCorruptedError(in: c, debugDescription: "unknown reason \(word)")
            }
            return
        }
        self = .tooLong(try decoder.container(keyedBy: Key.self).decode(Int.self, forKey: .tooLong))
    }
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .tooLong(let ms):
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(ms, forKey: .tooLong)
        default:
            var c = encoder.singleValueContainer()
            try c.encode({ switch self { case .repeatGap: "repeatGap"; case .maximum: "maximum"; case .window: "window"; default: "unusable" } }())
        }
    }
}
