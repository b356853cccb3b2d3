import Foundation
public import LichPhatCore

/// Times as logs write them, turned into station-local milliseconds.
public struct LogTime: Sendable {
    /// The station's clock: a timestamp with an offset becomes station time at that instant
    /// (so a log across a daylight-saving change reads right).
    public let clock: StationClock

    public init(clock: StationClock) { self.clock = clock }
    public init(timeZone: String) { self.clock = StationClock(identifier: timeZone) }

    /// ISO 8601 (`2026-11-23T06:00:05+07:00`, `…Z`, or no offset: station time), or
    /// `dd/MM/yyyy HH:mm[:ss]` in station time.
    public func parse(_ text: String) -> Int? {
        let u = Array(text.utf8)
        func num(_ a: Int, _ n: Int) -> Int? {
            guard a + n <= u.count else { return nil }
            var v = 0
            for i in a..<a + n { guard u[i] >= 48, u[i] <= 57 else { return nil }; v = v * 10 + Int(u[i] - 48) }
            return v
        }
        var y = 0, mo = 0, d = 0, rest = 0
        if u.count >= 10, u[4] == 0x2D, u[7] == 0x2D, let yy = num(0, 4), let mm = num(5, 2), let dd = num(8, 2) {
            (y, mo, d, rest) = (yy, mm, dd, 10)
        } else if u.count >= 10, u[2] == 0x2F, u[5] == 0x2F, let dd = num(0, 2), let mm = num(3, 2), let yy = num(6, 4) {
            (y, mo, d, rest) = (yy, mm, dd, 10)
        } else { return nil }
        guard (1...12).contains(mo), d >= 1, d <= 31 else { return nil }
        guard rest < u.count, u[rest] == 0x54 || u[rest] == 0x20 else { return nil }
        guard let h = num(rest + 1, 2), u.count > rest + 3, u[rest + 3] == 0x3A, let mi = num(rest + 4, 2), h < 24, mi < 60 else { return nil }
        var p = rest + 6, s = 0, ms = 0
        if p < u.count, u[p] == 0x3A { guard let ss = num(p + 1, 2), ss < 61 else { return nil }; s = ss; p += 3 }
        if p < u.count, u[p] == 0x2E || u[p] == 0x2C {  // fractions of a second
            p += 1
            var scale = 100
            while p < u.count, u[p] >= 48, u[p] <= 57 { ms += Int(u[p] - 48) * scale; scale /= 10; p += 1 }
        }
        var local = (CivilDate(year: y, month: mo, day: d).daysSinceEpoch * 86_400 + h * 3600 + mi * 60 + s) * 1000 + ms
        if p < u.count {
            var offset: Int
            if u[p] == 0x5A { offset = 0; p += 1 }
            else if u[p] == 0x2B || u[p] == 0x2D, let oh = num(p + 1, 2) {
                let om = (p + 3 < u.count && u[p + 3] == 0x3A) ? num(p + 4, 2) : num(p + 3, 2)
                offset = (oh * 3600 + (om ?? 0) * 60) * (u[p] == 0x2D ? -1 : 1)
                p = u.count
            } else { return nil }
            local = clock.local(utc: local - offset * 1000)
        }
        return local
    }
}
