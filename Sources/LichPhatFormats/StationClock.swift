import Foundation
import LichPhatCore

/// Station-local times (milliseconds since 1970-01-01 00:00 local) turned into the forms outputs use.
public struct StationClock: Sendable {
    public let timeZone: TimeZone
    /// The offset, when the zone keeps one offset over the years outputs cover (Viet Nam since 1975):
    /// then no time zone database look-up is needed per timestamp.
    private let fixedOffset: Int?

    public init(identifier: String) {
        timeZone = TimeZone(identifier: identifier) ?? TimeZone(secondsFromGMT: 7 * 3600)!
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

    /// `2026-11-23T06:00:00+07:00`
    public func iso(_ local: Int) -> String {
        let off = offset(local)
        let sign = off < 0 ? "-" : "+"
        let a = abs(off)
        return "\(Self.date(local))T\(Self.time(local, seconds: true))\(sign)\(two(a / 3600)):\(two(a / 60 % 60))"
    }

    /// `20261122T230000Z`, for iCalendar.
    public func utcStamp(_ local: Int) -> String {
        let utc = local - offset(local) * 1000
        return substituting(Self.date(utc).description, [UInt8(ascii: "-"): ""]) + "T"
            + substituting(Self.time(utc, seconds: true), [UInt8(ascii: ":"): ""]) + "Z"
    }

    public static func date(_ local: Int) -> CivilDate {
        CivilDate(daysSinceEpoch: Int((Double(local) / 86_400_000).rounded(.down)))
    }

    /// `06:00` or `06:00:00`.
    public static func time(_ local: Int, seconds: Bool = false) -> String {
        let ms = ((local % 86_400_000) + 86_400_000) % 86_400_000
        let s = ms / 1000
        return seconds ? "\(two(s / 3600)):\(two(s / 60 % 60)):\(two(s % 60))" : "\(two(s / 3600)):\(two(s / 60 % 60))"
    }
}

func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

/// The path of `target` relative to the folder `from` (both absolute).
public func relativePath(from folder: String, to target: String) -> String {
    let a = URL(fileURLWithPath: folder).standardizedFileURL.pathComponents
    let b = URL(fileURLWithPath: target).standardizedFileURL.pathComponents
    var i = 0
    while i < a.count, i < b.count, a[i] == b[i] { i += 1 }
    return (Array(repeating: "..", count: a.count - i) + b[i...]).joined(separator: "/")
}
