public import Foundation
public import LichPhatCore

/// Station-local times (milliseconds since 1970-01-01 00:00 local) turned into the forms outputs use.
public struct StationClock: Sendable {
    public let timeZone: TimeZone
    /// The offset, when the zone keeps one offset over the years outputs cover (Viet Nam since 1975):
    /// then no time zone database look-up is needed per timestamp.
    private let fixedOffset: Int?

    /// The station's zone by its IANA name (the station file's `timezone`). The reader has
    /// already refused unknown names; `defaultZone` only stands in for a name this system lacks.
    public init(identifier: String) {
        self.init(zone: TimeZone(identifier: identifier) ?? Self.defaultZone)
    }

    /// Viet Nam's zone, the default of every station file.
    public static let defaultIdentifier = "Asia/Ho_Chi_Minh"
    static let defaultZone = TimeZone(identifier: defaultIdentifier) ?? TimeZone(secondsFromGMT: 7 * 3600)!

    public init(zone: TimeZone) {
        timeZone = zone
        let from = Date(timeIntervalSince1970: 946_684_800)  // 2000-01-01
        let offset = timeZone.secondsFromGMT(for: from)
        let changes = timeZone.nextDaylightSavingTimeTransition(after: from).map { $0 < Date(timeIntervalSince1970: 4_102_444_800) } ?? false
        fixedOffset = changes || timeZone.secondsFromGMT(for: Date()) != offset ? nil : offset
    }

    /// Offset from UTC at a local time, in seconds.
    public func offset(_ local: Int) -> Int {
        if let fixedOffset { return fixedOffset }
        let guess = Date(timeIntervalSince1970: Double(local) / 1000)
        let first = timeZone.secondsFromGMT(for: guess)
        return timeZone.secondsFromGMT(for: guess.addingTimeInterval(-Double(first)))
    }

    /// Offset from UTC at an instant (milliseconds since 1970 UTC), in seconds.
    public func offset(utc: Int) -> Int {
        fixedOffset ?? timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(utc) / 1000))
    }

    /// Station-local time of an instant.
    public func local(utc: Int) -> Int { utc + offset(utc: utc) * 1000 }

    /// The instant of a station-local time.
    public func utc(local: Int) -> Int { local - offset(local) * 1000 }

    /// Station-local time now, from the given clock.
    public func now(_ date: Date = Date()) -> Int {
        local(utc: Int((date.timeIntervalSince1970 * 1000).rounded(.down)))
    }

    /// `2026-11-23T06:00:00+07:00`, or `2026-11-23T06:03:44.375+07:00` when not a whole second:
    /// the exact instant, for files machines read.
    public func iso(_ local: Int) -> String {
        let off = offset(local)
        let sign = off < 0 ? "-" : "+"
        let a = abs(off)
        return "\(Self.date(local))T\(Self.preciseTime(local))\(sign)\(two(a / 3600)):\(two(a / 60 % 60))"
    }

    /// `2026-11-23T06:03:44+07:00`: the time rounded to the nearest second, for people.
    public func isoSeconds(_ local: Int) -> String {
        iso(Self.roundedToSecond(local))
    }

    /// `20261122T230000Z`, for iCalendar.
    public func utcStamp(_ local: Int) -> String {
        let utc = Self.roundedToSecond(local) - offset(local) * 1000
        return substituting(Self.date(utc).description, [UInt8(ascii: "-"): ""]) + "T"
            + substituting(Self.time(utc, seconds: true), [UInt8(ascii: ":"): ""]) + "Z"
    }

    public static func date(_ local: Int) -> CivilDate {
        CivilDate(daysSinceEpoch: Int((Double(local) / 86_400_000).rounded(.down)))
    }

    /// `06:00`, or `06:03:44` with `seconds`: for people, so rounded to the nearest second
    /// (06:03:44.500 shows as 06:03:45) and, without seconds, to the minute it falls in after that.
    /// "2026-11-25 17:00" (as typed) or "2026-11-25T17:00" (as a browser's date-time field sends it)
    /// as local ms; nil for anything else.
    public static func parseMinute(_ text: String) -> Int? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(omittingEmptySubsequences: true) { $0 == " " || $0 == "T" }
        guard parts.count == 2, let day = CivilDate(String(parts[0])) else { return nil }
        let hm = parts[1].split(separator: ":")
        guard hm.count == 2, let h = Int(hm[0]), let m = Int(hm[1]), (0...23).contains(h), (0...59).contains(m), hm[1].count == 2 else { return nil }
        return day.daysSinceEpoch * 86_400_000 + h * 3_600_000 + m * 60_000
    }

    /// Local ms as "2026-11-25T17:00", what a browser's date-time field shows.
    public static func minuteField(_ local: Int) -> String {
        "\(date(local).description)T\(time(local))"
    }

    public static func time(_ local: Int, seconds: Bool = false) -> String {
        let s = ((roundedToSecond(local) % 86_400_000) + 86_400_000) % 86_400_000 / 1000
        return seconds ? "\(two(s / 3600)):\(two(s / 60 % 60)):\(two(s % 60))" : "\(two(s / 3600)):\(two(s / 60 % 60))"
    }

    /// `06:03:44.375`, or `06:03:44` on a whole second: the exact time, for files machines read.
    public static func preciseTime(_ local: Int) -> String {
        let day = ((local % 86_400_000) + 86_400_000) % 86_400_000
        let s = day / 1000, ms = day % 1000
        let fraction = ms == 0 ? "" : "." + String(String(ms + 1000).dropFirst())
        return "\(two(s / 3600)):\(two(s / 60 % 60)):\(two(s % 60))\(fraction)"
    }

    /// To the nearest second, halves up.
    public static func roundedToSecond(_ local: Int) -> Int {
        Int((Double(local) / 1000).rounded(.toNearestOrAwayFromZero)) * 1000
    }
}
