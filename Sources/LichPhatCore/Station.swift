/// A commune radio station ("đài truyền thanh cấp xã") as its station file describes it.
/// Lengths are exact milliseconds; times of day are milliseconds after local midnight.
public struct Station: Sendable {
    public var id: String
    public var name: String
    /// IANA time zone, `Asia/Ho_Chi_Minh` by default.
    public var timeZone: String
    public var sessions: [SessionTemplate]
    public var items: [Item]
    public var rules: [QuotaRule]
    /// Tags that may fill the time left, in order of preference.
    public var fill: [String]
    /// The same item never airs in two sessions that start closer than this (default 20 h).
    public var repeatGap: Int
    /// A session left emptier than this, in thousandths of its length (default 100: 10 %), is
    /// reported with why the fill items were left out.
    public var maxUnusedPermille: Int = 100
    /// `trim_silence`: head and tail silence beyond the policy's `max_dead_air` is cut at playout
    /// (``Item/cue``), and items are planned with their trimmed length.
    public var trimSilence = false

    public init(id: String, name: String, timeZone: String = "Asia/Ho_Chi_Minh", sessions: [SessionTemplate],
                items: [Item], rules: [QuotaRule], fill: [String] = [], repeatGap: Int = 20 * 3_600_000) {
        self.id = id; self.name = name; self.timeZone = timeZone; self.sessions = sessions
        self.items = items; self.rules = rules; self.fill = fill; self.repeatGap = repeatGap
    }

    public func item(_ id: String) -> Item? { items.first { $0.id == id } }
}

/// A recurring weekly window ("buổi phát"), like the morning session at 06:00.
public struct SessionTemplate: Sendable, Hashable {
    public var id: String
    public var name: String
    public var days: Set<Weekday>
    /// Milliseconds after local midnight.
    public var start: Int
    public var length: Int
    /// Items aired first and last every time (signature tune, closing).
    public var open: [String]
    public var close: [String]

    public init(id: String, name: String, days: Set<Weekday>, start: Int, length: Int, open: [String] = [], close: [String] = []) {
        self.id = id; self.name = name; self.days = days; self.start = start; self.length = length
        self.open = open; self.close = close
    }
}

/// Minimum and maximum airings a week.
public struct Quota: Sendable, Hashable {
    public var min: Int
    public var max: Int?
    public init(min: Int = 0, max: Int? = nil) { self.min = min; self.max = max }

    /// Where a count (or a weekly average) stands against [min, max]: the one place it is decided.
    public func status(_ count: Double) -> QuotaStatus {
        count < Double(min) ? .under : (max.map { count > Double($0) } ?? false) ? .over : .ok
    }
    public func status(_ count: Int) -> QuotaStatus { status(Double(count)) }
}

/// The part of a file that airs: from `cueIn` to `cueOut`, ms from the file's start.
public struct Cue: Sendable, Hashable, Codable {
    public var cueIn: Int
    public var cueOut: Int
    public init(cueIn: Int, cueOut: Int) { self.cueIn = cueIn; self.cueOut = cueOut }

    /// The cue that cuts head and tail silence longer than `maxDeadAir` (seconds) down to it, for
    /// a file `length` ms long; nil when nothing is cut.
    public static func trimming(length: Int, head: Double, tail: Double, maxDeadAir: Double) -> Cue? {
        guard length > 0, head.isFinite, tail.isFinite, maxDeadAir.isFinite else { return nil }
        let cutHead = max(0, Int(((head - maxDeadAir) * 1000).rounded(.down)))
        let cutTail = max(0, Int(((tail - maxDeadAir) * 1000).rounded(.down)))
        guard cutHead > 0 || cutTail > 0, cutHead + cutTail < length else { return nil }
        return Cue(cueIn: cutHead, cueOut: length - cutTail)
    }
}

/// Something that can be aired: an audio file, or a live relay ("tiếp sóng") of fixed length.
public struct Item: Sendable, Hashable {
    public var id: String
    public var title: String
    /// Path relative to the audio folder; nil for a relay.
    public var file: String?
    /// Exact length in milliseconds; nil when the file could not be read (never planned).
    public var length: Int?
    public var tags: Set<String>
    /// Valid from and until (inclusive).
    public var from: CivilDate?
    public var until: CivilDate?
    public var days: Set<Weekday>?
    public var sessions: Set<String>?
    /// 1 is the most urgent; items without a priority come after those with one.
    public var priority: Int?
    /// The item's own weekly quota.
    public var perWeek: Quota?
    /// Why the item cannot be planned (a missing or failing file), if it cannot.
    public var unusable: Unusable?
    /// Gain that brings the file to the station's loudness target at playout, dB, limited so
    /// its true peak stays under the limit (``LoudnessGain``); nil when not measured.
    public var gain: Double?
    /// Where playout starts and stops in the file, ms from its start, when silence is trimmed
    /// (``Station/trimSilence``); `length` is then the trimmed length.
    public var cue: Cue?

    public init(id: String, title: String, file: String? = nil, length: Int?, tags: Set<String> = [],
                from: CivilDate? = nil, until: CivilDate? = nil, days: Set<Weekday>? = nil,
                sessions: Set<String>? = nil, priority: Int? = nil, perWeek: Quota? = nil, unusable: Unusable? = nil) {
        self.id = id; self.title = title; self.file = file; self.length = length; self.tags = tags
        self.from = from; self.until = until; self.days = days; self.sessions = sessions
        self.priority = priority; self.perWeek = perWeek; self.unusable = unusable
    }

    public var isRelay: Bool { file == nil }

    /// Why an item cannot be planned: a reason, worded at the edge (``PlanMessages/unusable(_:_:)``).
    public enum Unusable: Sendable, Hashable, Codable {
        /// The station file names a file the audio folder does not hold.
        case missingFile(String)
        /// The file fails a check; `problem` is its first error.
        case failingCheck(file: String, problem: AudioProblem)
    }

    public func isValid(on date: CivilDate) -> Bool {
        (from.map { date >= $0 } ?? true) && (until.map { date <= $0 } ?? true)
    }
}

/// A weekly quota on content with given tags ("Tuyên truyền Nghị quyết 57: 1–2 lượt/tuần").
/// Every airing of an item carrying one of the tags is one "lượt" of the rule.
public struct QuotaRule: Sendable, Hashable {
    public var id: String
    public var name: String
    public var tags: Set<String>
    public var perWeek: Quota
    /// Where this rule's airings must go (nil: anywhere).
    public var days: Set<Weekday>?
    public var sessions: Set<String>?

    public init(id: String, name: String, tags: Set<String>, perWeek: Quota, days: Set<Weekday>? = nil, sessions: Set<String>? = nil) {
        self.id = id; self.name = name; self.tags = tags; self.perWeek = perWeek; self.days = days; self.sessions = sessions
    }

    public func covers(_ item: Item) -> Bool { !tags.isDisjoint(with: item.tags) }

    public func allows(_ day: Weekday, session: String) -> Bool {
        (days?.contains(day) ?? true) && (sessions?.contains(session) ?? true)
    }
}
