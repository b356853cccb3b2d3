import Foundation
public import LichPhatCore

/// Reads what was planned: LichPhat's week folders, single schedule.json files, and
/// hand-made schedules in the shape of schedule.csv.
public enum PlanReader {
    public struct Result: Sendable {
        public var records: [AiringRecord] = []
        /// The state of each week read: approved, modified or draft (week folders), draft (files).
        public var approvals: [ISOWeek: ApprovalState] = [:]
        public var weeks: Set<ISOWeek> = []

        /// A week read from a plan with no approval beside it (yet).
        mutating func found(_ w: ISOWeek) {
            weeks.insert(w)
            if approvals[w] == nil { approvals[w] = .draft }
        }
        public var issues: [AuditIssue] = []
    }

    /// A folder of weeks (`2026-W48/schedule.json` …), a schedule.json, or a schedule CSV.
    /// `weeks`: the only week folders to read (those of the audited period); nil reads all.
    public static func read(path: String, resolver: ItemResolver, time: LogTime, weeks: Set<ISOWeek>? = nil) -> Result {
        var r = Result()
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            r.issues.append(AuditIssue(kind: .missingSource, source: nil, detail: path))
            return r
        }
        if isDir.boolValue {
            if FileManager.default.fileExists(atPath: path + "/schedule.json") { readWeek(path, into: &r, time: time); return r }
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() {
                guard let w = ISOWeek(name), w.description == name, weeks?.contains(w) ?? true else { continue }
                readWeek(path + "/" + name, into: &r, time: time)
            }
        } else {
            return read(bytes: [UInt8](FileManager.default.contents(atPath: path) ?? Data()), name: path, resolver: resolver, time: time)
        }
        return r
    }

    /// A schedule.json (a name ending in `.json`) or a schedule CSV given as bytes, as a browser
    /// uploads it; `name` is used in messages.
    public static func read(bytes: [UInt8], name: String, resolver: ItemResolver, time: LogTime) -> Result {
        var r = Result()
        if name.lowercased().hasSuffix(".json") {
            readJSON(Data(bytes), name: name, into: &r, time: time)
        } else {
            readCSV(bytes, name: name, into: &r, resolver: resolver, time: time)
        }
        return r
    }

    static func readWeek(_ folder: String, into r: inout Result, time: LogTime) {
        guard FileManager.default.fileExists(atPath: folder + "/schedule.json") else { return }
        let before = r.weeks
        readJSON(FileManager.default.contents(atPath: folder + "/schedule.json"), name: folder + "/schedule.json", into: &r, time: time)
        let state = WeekFolder.state(of: folder).approval
        for w in r.weeks.subtracting(before) { r.approvals[w] = state }
    }

    static func readJSON(_ data: Data?, name path: String, into r: inout Result, time: LogTime) {
        // The one schedule type every reader uses (a file that does not decode as one is not a schedule).
        guard let data, let doc = try? JSONDecoder().decode(ScheduleDocument.self, from: data) else {
            r.issues.append(AuditIssue(malformed: .notASchedule, source: SourceRef(file: path, line: 1)))
            return
        }
        if let w = ISOWeek(doc.week) { r.found(w) }
        for (n, s) in doc.sessions.enumerated() {
            // A priority bulletin in the plan is no station item: its airing is counted as a bulletin, apart.
            for a in s.airings where a.reason != "bulletin" {
                guard let start = time.parse(a.start) else { continue }
                r.records.append(AiringRecord(item: a.item, start: start, length: DurationText.milliseconds(a.duration, limit: 86_400),
                                              session: s.id, source: SourceRef(file: path, line: n + 1)))
            }
        }
    }

    static func readCSV(_ bytes: [UInt8], name path: String, into r: inout Result, resolver: ItemResolver, time: LogTime) {
        // UTF-8 with or without a BOM, or UTF-16 with one, as spreadsheets save it.
        var rows = CSVReader(TextInput.utf8(bytes)).makeIterator()
        guard let header = rows.next() else { return }
        let names = header.fields.map { AudioValidator.nfc($0).lowercased() }
        func index(_ vi: String, _ en: String) -> Int? { names.firstIndex(of: vi.lowercased()) ?? names.firstIndex(of: en.lowercased()) }
        guard let date = index("Ngày", "Date"), let start = index("Bắt đầu", "Start") else {
            r.issues.append(AuditIssue(malformed: .scheduleHeader, source: SourceRef(file: path, line: 1)))
            return
        }
        let item = index("Mã mục", "Item id"), file = index("Tệp", "File"), length = index("Thời lượng (giây)", "Duration (s)"),
            session = index("Mã buổi", "Session id")
        while let row = rows.next() {
            if row.fields.count == 1, row.fields[0].isEmpty { continue }
            let f = { (i: Int?) -> String? in i.flatMap { $0 < row.fields.count && !row.fields[$0].isEmpty ? row.fields[$0] : nil } }
            let src = SourceRef(file: path, line: row.line)
            guard let d = f(date), let s = f(start), let t = time.parse(d + " " + s) else {
                r.issues.append(AuditIssue(malformed: .unreadableTime(nil), source: src)); continue
            }
            guard let id = resolver.resolve(item: f(item), file: f(file)) else {
                r.issues.append(resolver.issue(item: f(item), file: f(file), source: src)); continue
            }
            let secs = f(length).flatMap { Double($0.replacingOccurrences(of: ",", with: ".")) }
            r.records.append(AiringRecord(item: id, start: t, length: secs.flatMap { DurationText.milliseconds($0, limit: 86_400) }, session: f(session), source: src))
            r.found(ISOWeek(containing: CivilDate(daysSinceEpoch: Int((Double(t) / 86_400_000).rounded(.down)))))
        }
    }
}
