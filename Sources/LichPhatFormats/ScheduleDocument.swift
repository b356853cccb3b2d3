public import Foundation
import Synchronization
public import LichPhatCore
import LichPhatText

/// A week's `schedule.json` (`schemas/schedule.schema.json`): the one type it is written from
/// (``init(plan:clock:playlist:)``, ``rendered()``) and read back as (showing a week as it was
/// written and approved, auditing it, rendering it, comparing revisions).
public struct ScheduleDocument: Decodable, Sendable, Equatable {
    public struct StationRef: Decodable, Sendable, Equatable { public var id: String; public var name: String; public var timezone: String }
    public struct Session: Decodable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var date: String
        public var start: String
        public var end: String
        /// Seconds.
        public var length: Double
        public var used: Double
        public var unused: Double
        public var playlist: String
        public var airings: [Airing]
    }
    public struct Airing: Decodable, Sendable, Equatable {
        /// Stable across edits and revisions (``PlannedSession/airingIDs``); absent in weeks written before ids.
        public var id: String?
        public var item: String
        public var title: String
        public var file: String?
        public var start: String
        public var duration: Double
        public var tags: [String]
        public var rules: [String]
        public var reason: String
        public var gain: Double?
        /// Seconds from the file's start where playout starts and stops (silence trimmed).
        public var cueIn: Double?
        public var cueOut: Double?
    }
    public struct Count: Decodable, Sendable, Equatable {
        public var id: String
        public var name: String?
        public var title: String?
        public var min: Int
        public var max: Int?
        public var count: Int
        /// Minutes aired (rules only).
        public var minutes: Double?
        public var status: String
    }
    public struct Problem: Decodable, Sendable, Equatable {
        public var code: String
        public var severity: String
        /// What was found, with its figures (words: ``PlanMessages/text(_:_:)``).
        public var finding: PlanFinding?
        /// Weeks written before findings were stored carry a sentence instead.
        public var message: String?
    }

    public var schema: String
    public var station: StationRef
    public var week: String
    /// 2, 3 … after mid-week amendments (nil: the week as planned).
    public var revision: Int?
    public var from: String
    public var to: String
    public var compliant: Bool
    public var sessions: [Session]
    public var rules: [Count]
    public var items: [Count]
    public var problems: [Problem]

    /// The document these bytes hold, decoded once for each content (`hash`: their SHA-256): a
    /// page of the week decoded the same 75 KB on every view (a sixth of its time). Bounded.
    public static func decoded(_ data: Data, hash: String) -> ScheduleDocument? {
        if let known = documents.withLock({ $0[hash] }) { return known }
        guard let doc = try? JSONDecoder().decode(ScheduleDocument.self, from: data) else { return nil }
        documents.withLock { table in
            if table.count >= 256 { table.removeAll() }
            table[hash] = doc
        }
        return doc
    }
    private static let documents = Mutex([String: ScheduleDocument]())

    /// Reads the document in `folder`; nil when there is none or it is not a LichPhat schedule.
    public static func read(folder: String) -> ScheduleDocument? {
        guard let data = FileManager.default.contents(atPath: folder + "/schedule.json") else { return nil }
        return try? JSONDecoder().decode(ScheduleDocument.self, from: data)
    }

    /// The document of a planned week. `playlist` names each session's playlist file.
    public init(plan: Plan, clock: StationClock, playlist: (PlannedSession) -> String) {
        func seconds(_ ms: Int) -> Double { rounded(Double(ms) / 1000, 3) }
        schema = "lichphat/schedule@1"
        station = StationRef(id: plan.station.id, name: plan.station.name, timezone: plan.station.timeZone)
        week = plan.week.description
        revision = plan.revision > 1 ? plan.revision : nil
        from = plan.week.monday.description
        to = plan.week.sunday.description
        compliant = plan.compliant
        sessions = plan.sessions.map { s in
            Session(id: s.instance.template.id, name: s.instance.template.name, date: s.instance.date.description,
                    start: clock.iso(s.instance.start), end: clock.iso(s.instance.end), length: seconds(s.instance.template.length),
                    used: seconds(s.used), unused: seconds(s.unused), playlist: playlist(s),
                    airings: zip(s.airingIDs, s.airings).map { id, a in
                        Airing(id: id, item: a.item, title: a.title, file: a.file, start: clock.iso(a.start), duration: seconds(a.length),
                               tags: a.tags, rules: a.rules, reason: PlanMessages.reasonCode(a.reason), gain: a.gain.map { rounded($0, 1) },
                               cueIn: a.cue.map { seconds($0.cueIn) }, cueOut: a.cue.map { seconds($0.cueOut) })
                    })
        }
        rules = plan.rules.map { r in
            Count(id: r.rule.id, name: r.rule.name, title: nil, min: r.rule.perWeek.min, max: r.rule.perWeek.max, count: r.count,
                  minutes: rounded(r.minutes, 2), status: r.status.rawValue)
        }
        items = plan.items.map { c in
            Count(id: c.item.id, name: nil, title: c.item.title, min: c.quota.min, max: c.quota.max, count: c.count, minutes: nil, status: c.status.rawValue)
        }
        problems = plan.findings.map { Problem(code: $0.code, severity: $0.severity.rawValue, finding: $0, message: nil) }
    }

    /// schedule.json's text: keys in the schema's order, two-space indents, seconds to the
    /// millisecond. Reading it back gives this document again (a test holds every shipped week to it).
    public func rendered() -> String {
        let sessions: [JSONValue] = self.sessions.map { s in
            .object([
                ("id", .string(s.id)), ("name", .string(s.name)), ("date", .string(s.date)), ("start", .string(s.start)), ("end", .string(s.end)),
                ("length", .number(s.length)), ("used", .number(s.used)), ("unused", .number(s.unused)), ("playlist", .string(s.playlist)),
                ("airings", .array(s.airings.map { a in
                    var fields: [(String, JSONValue)] = []
                    if let id = a.id { fields.append(("id", .string(id))) }
                    fields += [("item", .string(a.item)), ("title", .string(a.title)), ("file", .string(a.file)),
                               ("start", .string(a.start)), ("duration", .number(a.duration)), ("gain", a.gain.map { .number($0) } ?? .null)]
                    // Only with trim_silence: a week without it is written as before.
                    if let i = a.cueIn, let o = a.cueOut { fields += [("cueIn", .number(i)), ("cueOut", .number(o))] }
                    fields += [("tags", .array(a.tags.map { .string($0) })), ("rules", .array(a.rules.map { .string($0) })), ("reason", .string(a.reason))]
                    return .object(fields)
                })),
            ])
        }
        func count(_ c: Count) -> JSONValue {
            var fields: [(String, JSONValue)] = [("id", .string(c.id))]
            if let name = c.name { fields.append(("name", .string(name))) }
            if let title = c.title { fields.append(("title", .string(title))) }
            fields += [("min", .int(c.min)), ("max", .int(c.max)), ("count", .int(c.count))]
            if let m = c.minutes { fields.append(("minutes", .number(m))) }
            fields.append(("status", .string(c.status)))
            return .object(fields)
        }
        var top: [(String, JSONValue)] = [
            ("schema", .string(schema)),
            ("station", .object([("id", .string(station.id)), ("name", .string(station.name)), ("timezone", .string(station.timezone))])),
            ("week", .string(week)),
        ]
        // A week changed after its first plan says which revision it is (revision 1 is unsaid).
        if let revision { top.append(("revision", .int(revision))) }
        top += [
            ("from", .string(from)), ("to", .string(to)), ("compliant", .bool(compliant)),
            ("sessions", .array(sessions)), ("rules", .array(rules.map(count))), ("items", .array(items.map(count))),
            // Codes and values, the same bytes whatever the language: words are made where they are read.
            ("problems", .array(problems.map { p in
                var fields: [(String, JSONValue)] = [("code", .string(p.code)), ("severity", .string(p.severity))]
                if let f = p.finding { fields.append(("finding", .encoded(f))) }
                if let m = p.message { fields.append(("message", .string(m))) }
                return .object(fields)
            })),
        ]
        return JSONValue.object(top).rendered()
    }
}

/// `value` rounded to `digits` decimals, as schedule.json writes it.
private func rounded(_ value: Double, _ digits: Int) -> Double {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    return (value * scale).rounded() / scale
}
