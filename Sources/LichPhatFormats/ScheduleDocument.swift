public import Foundation
public import LichPhatCore

/// A written week's `schedule.json` read back (`schemas/schedule.schema.json`), for showing a
/// week as it was written and approved, not as it would be planned today.
public struct ScheduleDocument: Decodable, Sendable {
    public struct StationRef: Decodable, Sendable { public var id: String; public var name: String; public var timezone: String }
    public struct Session: Decodable, Sendable {
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
    public struct Airing: Decodable, Sendable {
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
    public struct Count: Decodable, Sendable {
        public var id: String
        public var name: String?
        public var title: String?
        public var min: Int
        public var max: Int?
        public var count: Int
        public var status: String
    }
    public struct Problem: Decodable, Sendable {
        public var code: String
        public var severity: String
        /// What was found, with its figures (words: ``PlanMessages/text(_:_:)``).
        public var finding: PlanFinding?
        /// Weeks written before findings were stored carry a sentence instead.
        public var message: String?
    }

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

    /// Reads the document in `folder`; nil when there is none or it is not a LichPhat schedule.
    public static func read(folder: String) -> ScheduleDocument? {
        guard let data = FileManager.default.contents(atPath: folder + "/schedule.json") else { return nil }
        return try? JSONDecoder().decode(ScheduleDocument.self, from: data)
    }
}
