/// One occurrence of a session: a date × a session template.
public struct SessionInstance: Sendable, Hashable {
    public var template: SessionTemplate
    public var date: CivilDate
    /// Local milliseconds since 1970-01-01 00:00 (station time).
    public var start: Int
    public var end: Int { start + template.length }
}

/// Why an airing is where it is (for `--explain`).
public enum AiringReason: Sendable, Hashable {
    case open, close
    /// Placed to meet a rule's weekly minimum.
    case rule(String)
    /// Placed to meet the item's own weekly minimum.
    case itemQuota
    /// An item with a priority, aired wherever it is allowed and fits.
    case priority(Int)
    /// Fills the time left, from a `fill` tag.
    case fill(String)
    /// Added to the session by hand.
    case manual
    /// Added to a week already running by an amendment (`first`: at the head of the session,
    /// after its opening — a priority bulletin).
    case amended(first: Bool)
    /// A priority bulletin put at the head of the session (its item is the bulletin's id).
    case bulletin
}

public struct Airing: Sendable, Hashable {
    public var item: String
    public var title: String
    public var file: String?
    /// Local milliseconds since 1970-01-01 00:00.
    public var start: Int
    public var length: Int
    public var tags: [String]
    /// Rules this airing counts toward.
    public var rules: [String]
    public var reason: AiringReason
    /// Gain to apply at playout, dB (see ``Item/gain``); nil for relays and unmeasured files.
    public var gain: Double? = nil
    /// The part of the file that airs, when silence is trimmed (`length` is then its length).
    public var cue: Cue? = nil

    public init(item: String, title: String, file: String?, start: Int, length: Int, tags: [String], rules: [String],
                reason: AiringReason, gain: Double? = nil, cue: Cue? = nil) {
        self.item = item; self.title = title; self.file = file; self.start = start; self.length = length
        self.tags = tags; self.rules = rules; self.reason = reason; self.gain = gain; self.cue = cue
    }
}

public struct PlannedSession: Sendable {
    public var instance: SessionInstance
    public var airings: [Airing]
    public var used: Int { airings.reduce(0) { $0 + $1.length } }
    public var unused: Int { instance.template.length - used }

    /// Each airing's id, stable across edits and revisions: `<date>.<session>.<item>`, and `~2`,
    /// `~3` … for the same item again in the session (an opening item that also closes it).
    public var airingIDs: [String] {
        var seen: [String: Int] = [:]
        return airings.map { a in
            let n = (seen[a.item] ?? 0) + 1
            seen[a.item] = n
            return Self.airingID(date: instance.date.description, session: instance.template.id, item: a.item, occurrence: n)
        }
    }

    public static func airingID(date: String, session: String, item: String, occurrence: Int = 1) -> String {
        "\(date).\(session).\(item)" + (occurrence > 1 ? "~\(occurrence)" : "")
    }
}

public enum QuotaStatus: String, Sendable { case ok, under, over }

public struct RuleCount: Sendable {
    public var rule: QuotaRule
    public var count: Int
    public var minutes: Double
    public var status: QuotaStatus { rule.perWeek.status(count) }
}

public struct ItemCount: Sendable {
    public var item: Item
    public var quota: Quota
    public var count: Int
    public var status: QuotaStatus { quota.status(count) }
}

/// Why a minimum could not be met, with the numbers an operator can act on.
public struct Shortfall: Sendable, Hashable, Codable {
    public enum Subject: Sendable, Hashable, Codable { case rule(String), item(String) }
    public var subject: Subject
    public var name: String
    public var needed: Int
    public var got: Int
    /// Sessions where the airings may go, and their time still free in the best plan found.
    public var allowedSessions: Int
    public var capacityLeft: Int
    /// The most time free in any one of those sessions: an item longer than this fits nowhere.
    public var largestGap: Int
    /// Items that could serve, and the shortest of them.
    public var eligibleItems: Int
    public var shortestItem: Int?
    /// Items that would serve but are outside their validity window this week.
    public var outOfWindow: [String]
    /// Items that would serve but cannot be aired (missing or failing file).
    public var unusable: [String]

    public init(subject: Subject, name: String, needed: Int, got: Int, allowedSessions: Int, capacityLeft: Int, largestGap: Int,
                eligibleItems: Int, shortestItem: Int?, outOfWindow: [String], unusable: [String]) {
        self.subject = subject; self.name = name; self.needed = needed; self.got = got; self.allowedSessions = allowedSessions
        self.capacityLeft = capacityLeft; self.largestGap = largestGap; self.eligibleItems = eligibleItems
        self.shortestItem = shortestItem; self.outOfWindow = outOfWindow; self.unusable = unusable
    }
}

/// A planned week.
public struct Plan: Sendable {
    public var station: Station
    public var week: ISOWeek
    public var sessions: [PlannedSession]
    public var rules: [RuleCount]
    public var items: [ItemCount]
    public var shortfalls: [Shortfall]
    /// Items that were skipped because they cannot be aired (missing file, failing validation).
    public var unusable: [Item]
    /// Sessions left emptier than the station allows, with why each fill item stayed out.
    public var idle: [IdleSession] = []
    /// Airings the operator pinned: re-planning keeps them (those that still fit are placed first).
    public var pins: [Pin] = []
    /// Airings the operator took out by hand: re-planning leaves them out.
    public var removed: [Pin] = []
    /// 1 for a week as planned; 2, 3 … after each change.
    public var revision = 1

    /// Where the airing with this id is (``PlannedSession/airingIDs``); nil when the week has none.
    public func locate(airing id: String) -> (session: Int, airing: Int)? {
        for (k, s) in sessions.enumerated() { if let i = s.airingIDs.firstIndex(of: id) { return (k, i) } }
        return nil
    }
    public var compliant: Bool { shortfalls.isEmpty && rules.allSatisfy { $0.status == .ok } && items.allSatisfy { $0.status == .ok } }
}

/// What earlier weeks aired: start times (local ms since epoch) per item id.
public struct PlanHistory: Sendable {
    public var airings: [String: [Int]]
    public init(airings: [String: [Int]] = [:]) { self.airings = airings }

    public mutating func add(_ plan: Plan) {
        for s in plan.sessions { for a in s.airings { airings[a.item, default: []].append(a.start) } }
    }
}

/// A session with more unused time than the station allows, and why no fill item took it.
public struct IdleSession: Sendable, Hashable {
    public var instance: SessionInstance
    /// Milliseconds left unused.
    public var unused: Int
    public var leftOut: [LeftOut]

    public struct LeftOut: Sendable, Hashable, Codable {
        public var item: String
        public var reason: Reason
        public init(item: String, reason: Reason) { self.item = item; self.reason = reason }
    }

    /// Why a fill item is not in the session.
    public enum Reason: Sendable, Hashable, Codable {
        /// It aired (or will) less than `repeat_gap` before or after.
        case repeatGap
        /// Its own or a rule's weekly maximum is reached.
        case maximum
        /// Outside its dates, days or sessions, or where its rule does not allow it.
        case window
        /// Longer than the time left (its length, in ms).
        case tooLong(Int)
        /// Its file is missing or fails a check.
        case unusable
    }
}

/// An airing kept through re-planning: this item in this session on this day.
public struct Pin: Sendable, Hashable, Codable {
    public var date: String
    public var session: String
    public var item: String
    public init(date: String, session: String, item: String) { self.date = date; self.session = session; self.item = item }
}
