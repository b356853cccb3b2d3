/// A bulletin sent to the station (Thông tư 39/2020/TT-BTTTT): its level says when it airs.
public enum BulletinLevel: String, Sendable, Codable, CaseIterable, Comparable {
    /// Thông thường: the station chooses when (it waits in the inbox until placed).
    case normal
    /// Ưu tiên: aired first in the next session, after its opening.
    case priority
    /// Khẩn cấp: on air at once, interrupting what plays.
    case emergency

    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
    var rank: Int { switch self { case .normal: 0; case .priority: 1; case .emergency: 2 } }
}

/// One bulletin, as recorded in `Schedules/<station>/ban-tin/<id>.json` (`lichphat/bulletin@1`).
/// Times are station-local milliseconds since 1970.
public struct Bulletin: Sendable, Codable, Equatable, Identifiable {
    public var schema = "lichphat/bulletin@1"
    public var id: String
    public var level: BulletinLevel
    public var title: String
    /// The audio's file name inside the bulletin folder (a copy of what was sent, or the reading of the text).
    public var audio: String
    /// The text read aloud, when it came as text.
    public var text: String?
    /// Length of the audio, ms.
    public var length: Int
    /// Gain to the loudness target, dB.
    public var gain: Double?
    /// First airing (emergency: when it was sent; priority: the session it heads; normal: when placed).
    public var from: Int
    /// How many times it airs in all (1: once).
    public var times: Int
    /// Between two airings, ms.
    public var every: Int
    /// No airing after this.
    public var until: Int?
    /// Who sent it, when (ISO 8601 with offset), through which front end.
    public var by: String
    public var at: String
    public var via: String
    public var cancelled: Cancel?
    /// A CAP message's identifier and sender, when it came as CAP 1.2.
    public var cap: CAPReference?
    /// The bulletin this one replaces (a CAP Update): the earlier one airs no more.
    public var replaces: String?
    /// For priority (and a placed normal one): the week and revision the amendment made.
    public var placed: Placement?

    public struct Cancel: Sendable, Codable, Equatable {
        public var by: String
        public var at: String
        /// Local ms: no airing starts at or after this.
        public var time: Int
        public init(by: String, at: String, time: Int) { self.by = by; self.at = at; self.time = time }
    }
    public struct CAPReference: Sendable, Codable, Equatable {
        public var identifier: String
        public var sender: String
        public var expires: Int?
        public init(identifier: String, sender: String, expires: Int?) { self.identifier = identifier; self.sender = sender; self.expires = expires }
    }
    public struct Placement: Sendable, Codable, Equatable {
        public var week: String
        public var revision: Int
        public var date: String
        public var session: String
        public init(week: String, revision: Int, date: String, session: String) { self.week = week; self.revision = revision; self.date = date; self.session = session }
    }

    public init(id: String, level: BulletinLevel, title: String, audio: String, text: String? = nil, length: Int, gain: Double?,
                from: Int, times: Int = 1, every: Int = 3_600_000, until: Int? = nil, by: String, at: String, via: String) {
        self.id = id; self.level = level; self.title = title; self.audio = audio; self.text = text; self.length = length
        self.gain = gain; self.from = from; self.times = times; self.every = every; self.until = until
        self.by = by; self.at = at; self.via = via
    }

    /// Most airings one bulletin may ask for.
    public static let maxTimes = 100
    /// The longest text read aloud as a bulletin: about three minutes of speech (and a few
    /// seconds of work; a notice's 6,000 characters would hold a request for a quarter of a minute).
    public static let longestText = 1_500
    /// Shortest gap between two airings, ms.
    public static let minEvery = 10_000

    /// When each airing is due (emergency), cut by `until`, the CAP `expires` and a cancel.
    public var airTimes: [Int] {
        var out: [Int] = []
        var t = from
        while out.count < times, out.count < Self.maxTimes {
            if let until, t > until { break }
            if let e = cap?.expires, t > e { break }
            if let c = cancelled, t >= c.time { break }
            out.append(t)
            t += every
        }
        return out
    }

    /// Airings still to come at `now`.
    public func pending(at now: Int) -> [Int] { airTimes.filter { $0 > now } }

    public var isActive: Bool { cancelled == nil }
}
