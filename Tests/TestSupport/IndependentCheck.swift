import Foundation

/// An independent checker of `schedule.json`: it knows only the documented shape.
/// Recomputes each airing's start from the previous one's exact length, with Foundation's
/// ISO 8601 parser (not LichPhat's), and lists every gap or overlap above 1 ms.
public enum IndependentCheck {
    public struct Unreadable: Error {}

    public static func gaps(in json: Data) throws -> [String] {
        let exact = ISO8601DateFormatter()
        exact.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let plain = ISO8601DateFormatter()
        func instant(_ any: Any?) -> Date? { (any as? String).flatMap { exact.date(from: $0) ?? plain.date(from: $0) } }
        guard let doc = try JSONSerialization.jsonObject(with: json) as? [String: Any],
              let sessions = doc["sessions"] as? [[String: Any]] else { throw Unreadable() }
        var found: [String] = []
        for s in sessions {
            guard var expected = instant(s["start"]), let airings = s["airings"] as? [[String: Any]] else { throw Unreadable() }
            for a in airings {
                guard let start = instant(a["start"]), let duration = a["duration"] as? Double else { throw Unreadable() }
                let off = start.timeIntervalSince(expected) * 1000
                if abs(off) > 1 { found.append("\(s["date"] ?? "") \(s["id"] ?? ""), \(a["item"] ?? ""): \(off) ms") }
                expected = start.addingTimeInterval(duration)
            }
        }
        return found
    }
}
