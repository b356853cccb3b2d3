public import Foundation
public import LichPhatCore
public import LichPhatFormats

/// One station as the city office's dashboard shows it: this week and next, last month's
/// verdict for each quota (from the approved plans), library errors, the last play log received.
public struct StationStatus: Sendable {
    public var id: String
    public var name: String
    public var thisWeek: ISOWeek
    public var thisState: ApprovalState
    public var nextWeek: ISOWeek
    public var nextState: ApprovalState
    /// Last month, and each quota's average a week in it against its band (nil: no week of the
    /// month was planned, so there is nothing to judge).
    public var month: AuditPeriod
    public var quotas: [Quota]?
    public var libraryErrors: Int
    /// The newest play log kept for the station: its name and when it was written.
    public var lastPlayLog: (name: String, at: Date)?

    public struct Quota: Sendable {
        public var rule: QuotaRule
        public var average: Double
        public var met: Bool
    }

    /// Red at the top: the running week has no approved plan, or was changed after approval.
    public var urgent: Bool { thisState != .approved }

    public func matches(_ filter: StatusFilter) -> Bool {
        switch filter {
        case .unplanned: thisState == .none || nextState == .none
        case .unapproved: thisState != .approved || nextState != .approved
        case .unmet: quotas.map { $0.contains { !$0.met } } ?? true
        }
    }

    public var verdict: Verdict {
        guard let quotas else { return .unplanned }
        return quotas.allSatisfy(\.met) ? .met : .unmet
    }
    public enum Verdict: String, Sendable { case met, unmet, unplanned }
}

/// The dashboard's filters, by the words of the issue: "chưa lập lịch", "chưa duyệt", "chưa đạt".
public enum StatusFilter: String, Sendable, CaseIterable {
    case unplanned = "chua-lap-lich"
    case unapproved = "chua-duyet"
    case unmet = "chua-dat"
}

/// How the dashboard's rows are ordered (the urgent ones always first).
public enum StatusOrder: String, Sendable, CaseIterable {
    case name, week, verdict, library, log
}

extension Workspace {
    /// Who sees the city-wide dashboard: the city office and the administrator (and anyone on a
    /// server without accounts).
    public func authorizeCity(_ account: Account?) throws(WorkspaceError) {
        guard let account else { return }
        guard !account.disabled, account.role == .city || account.role == .admin else { throw .notPermitted(.city) }
    }

    /// What ``status(_:)`` depends on, as a string that changes whenever it would: the station's
    /// day (the weeks and the month follow it), and the size and time of every file it reads (the
    /// weeks' schedules, approvals and histories, the station folder's play logs). A server keeps
    /// the row while this is unchanged: a province's dashboard is 168 audits otherwise.
    public func statusStamp(_ loaded: LoadedStation) -> String {
        let s = loaded.station
        let today = CivilDate(daysSinceEpoch: loaded.clock.now(now()) / 86_400_000)
        let month = lastMonth(of: s)
        var weeks = Set(month.weeks)
        weeks.insert(thisWeek(of: s)); weeks.insert(nextWeek(of: s))
        var out = "\(today)"
        func add(_ path: String) {
            var st = stat()
            if stat(path, &st) == 0 { out += "|\(st.st_size):\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec):\(st.st_ino)" } else { out += "|-" }
        }
        let folder = loaded.weeksFolder
        add(folder)   // a play log added or removed changes the folder
        for w in weeks.sorted() {
            for name in ["schedule.json", "approval.json", "history.json"] { add(folder + "/\(w)/" + name) }
        }
        for log in playLogs(of: loaded) { add(log.path) }
        return out
    }

    /// The dashboard's row for one station.
    public func status(_ loaded: LoadedStation) -> StationStatus {
        let s = loaded.station
        let this = thisWeek(of: s), next = nextWeek(of: s)
        let month = lastMonth(of: s)
        var quotas: [StationStatus.Quota]?
        if let a = try? audit([loaded], period: month).first, !a.weeks.allSatisfy({ $0.approval == nil }) {
            quotas = a.rules.map { StationStatus.Quota(rule: $0.rule, average: $0.average, met: $0.status == .ok) }
        }
        let newest = playLogs(of: loaded).compactMap { log -> (String, Date)? in
            guard let at = (try? FileManager.default.attributesOfItem(atPath: log.path))?[.modificationDate] as? Date else { return nil }
            return (log.name, at)
        }.max { $0.1 < $1.1 }
        return StationStatus(id: s.id, name: s.name, thisWeek: this, thisState: readWeek(loaded, week: this).state.approval,
                             nextWeek: next, nextState: readWeek(loaded, week: next).state.approval, month: month, quotas: quotas,
                             libraryErrors: loaded.report.files.filter { $0.worst == .error }.count,
                             lastPlayLog: newest.map { (name: $0.0, at: $0.1) })
    }

    /// The rows filtered and ordered: those whose running week has no approved plan first, in red.
    public static func dashboard(_ rows: [StationStatus], filter: StatusFilter?, order: StatusOrder) -> [StationStatus] {
        func rank(_ a: ApprovalState) -> Int {
            switch a { case .none: 0; case .modified: 1; case .draft: 2; case .approved: 3 }
        }
        let kept = rows.filter { filter.map($0.matches) ?? true }
        return kept.sorted { a, b in
            if a.urgent != b.urgent { return a.urgent }
            switch order {
            case .name: break
            case .week:
                if rank(a.thisState) != rank(b.thisState) { return rank(a.thisState) < rank(b.thisState) }
                if rank(a.nextState) != rank(b.nextState) { return rank(a.nextState) < rank(b.nextState) }
            case .verdict:
                let v: [StationStatus.Verdict: Int] = [.unplanned: 0, .unmet: 1, .met: 2]
                if v[a.verdict] != v[b.verdict] { return v[a.verdict]! < v[b.verdict]! }
            case .library:
                if a.libraryErrors != b.libraryErrors { return a.libraryErrors > b.libraryErrors }
            case .log:
                let x = a.lastPlayLog?.at ?? .distantPast, y = b.lastPlayLog?.at ?? .distantPast
                if x != y { return x < y }
            }
            return a.name.localizedStandardCompare(b.name) == .orderedAscending
        }
    }
}
