/// Days of the week, Monday first (ISO 8601). Vietnamese: Thứ Hai … Chủ nhật.
public enum Weekday: Int, CaseIterable, Codable, Sendable, Comparable {
    case mon = 1, tue, wed, thu, fri, sat, sun

    public static func < (a: Weekday, b: Weekday) -> Bool { a.rawValue < b.rawValue }

    /// The key used in station files: `mon` … `sun`.
    public var key: String { ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][rawValue - 1] }

    public func name(_ lang: Language) -> String {
        switch lang {
        case .vi: ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"][rawValue - 1]
        case .en: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][rawValue - 1]
        }
    }

    /// `daily`, `weekdays`, `weekend`, or one day key.
    public static func set(named name: String) -> Set<Weekday>? {
        switch name.lowercased() {
        case "daily", "everyday", "all": Set(allCases)
        case "weekdays": [.mon, .tue, .wed, .thu, .fri]
        case "weekend": [.sat, .sun]
        default: allCases.first { $0.key == name.lowercased() }.map { [$0] }
        }
    }
}

/// A date on the proleptic Gregorian calendar, without a time zone.
public struct CivilDate: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year; self.month = month; self.day = day
    }

    /// Days since 1970-01-01 (negative before).
    public var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public init(daysSinceEpoch z0: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }

    public var weekday: Weekday {
        // 1970-01-01 was a Thursday.
        let r = ((daysSinceEpoch % 7) + 7 + 3) % 7  // 0 = Monday
        return Weekday(rawValue: r + 1)!
    }

    public func adding(days: Int) -> CivilDate { CivilDate(daysSinceEpoch: daysSinceEpoch + days) }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }

    /// `2026-11-23`
    public var description: String { "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))" }
    /// `23/11/2026`, as dates are shown in Vietnam.
    public var vietnamese: String { "\(pad(day, 2))/\(pad(month, 2))/\(pad(year, 4))" }

    /// Parses `2026-11-23`.
    public init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), d >= 1, d <= CivilDate.daysIn(month: m, year: y) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

/// An ISO 8601 week: Monday to Sunday, numbered within the year that holds its Thursday.
public struct ISOWeek: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int
    public var week: Int

    public init(year: Int, week: Int) { self.year = year; self.week = week }

    /// The week holding `date`.
    public init(containing date: CivilDate) {
        let thursday = date.adding(days: Weekday.thu.rawValue - date.weekday.rawValue)
        year = thursday.year
        let jan1 = CivilDate(year: year, month: 1, day: 1)
        week = (thursday.daysSinceEpoch - jan1.daysSinceEpoch) / 7 + 1
    }

    /// The years a week may be planned in: a week outside them is an input error, not a folder.
    public static let years = 2000...2100

    /// Parses `2026-W48` or a date inside the week, `2026-11-25`, in ``years``.
    public init?(_ text: String) {
        if let date = CivilDate(text) {
            self.init(containing: date)
            guard ISOWeek.years.contains(year) else { return nil }
            return
        }
        let parts = text.uppercased().split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].hasPrefix("W"), let y = Int(parts[0]), ISOWeek.years.contains(y),
              let w = Int(parts[1].dropFirst()), w >= 1, w <= ISOWeek.weeks(in: y) else { return nil }
        self.init(year: y, week: w)
    }

    /// 52 or 53.
    public static func weeks(in year: Int) -> Int {
        ISOWeek(containing: CivilDate(year: year, month: 12, day: 28)).week
    }

    public var monday: CivilDate {
        let jan4 = CivilDate(year: year, month: 1, day: 4)
        let firstMonday = jan4.adding(days: 1 - jan4.weekday.rawValue)
        return firstMonday.adding(days: (week - 1) * 7)
    }

    public var sunday: CivilDate { monday.adding(days: 6) }
    public var thursday: CivilDate { monday.adding(days: 3) }
    public func date(_ day: Weekday) -> CivilDate { monday.adding(days: day.rawValue - 1) }
    public func adding(weeks n: Int) -> ISOWeek { ISOWeek(containing: monday.adding(days: 7 * n)) }

    public static func < (a: ISOWeek, b: ISOWeek) -> Bool { (a.year, a.week) < (b.year, b.week) }

    /// `2026-W48`
    public var description: String { "\(pad(year, 4))-W\(pad(week, 2))" }
}

extension CivilDate {
    /// Written as "2026-11-23", as everywhere else in LichPhat's files.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        guard let d = CivilDate(text) else { throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a date YYYY-MM-DD: \(text)") }
        self = d
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
