import Foundation
import Synchronization
public import LichPhatCore
public import LichPhatFormats

extension Workspace {
    /// Counts each station's airings over `period`, from its plans (by default every week written
    /// in its weeks folder; only the period's weeks are read) or, with play logs, from what aired.
    /// With several stations, each plans or log path goes to the station whose id it contains.
    /// A play log with nothing countable is an input error, never a report of zero airings.
    public func audit(_ stations: [LoadedStation], period: AuditPeriod, plans: [String] = [], playLogs: [String] = [],
                      options: AuditOptions = AuditOptions(),
                      progress: (@Sendable (Int, Int) -> Void)? = nil) throws(WorkspaceError) -> [StationAudit] {
        func owner(_ path: String) throws(WorkspaceError) -> Int {
            if stations.count == 1 { return 0 }
            let matches = stations.indices.filter { path.contains(stations[$0].station.id) }
            guard matches.count == 1 else { throw .ownerUnknown(path: path, stations: stations.map(\.station.id)) }
            return matches[0]
        }
        var planPaths = Array(repeating: [String](), count: stations.count)
        var logPaths = Array(repeating: [String](), count: stations.count)
        for p in plans { planPaths[try owner(p)].append(p) }
        for p in playLogs {
            guard FileManager.default.isReadableFile(atPath: p) else { throw .unreadablePlayLog(path: p) }
            logPaths[try owner(p)].append(p)
        }

        // Stations are independent: read their plans and logs and count them on every core.
        let thePlans = planPaths, theLogs = logPaths
        let periodWeeks = Set(period.weeks)
        let results = Mutex([Result<StationAudit, WorkspaceError>?](repeating: nil, count: stations.count))
        let done = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: stations.count) { k in
            let loaded = stations[k]
            let s = loaded.station
            let resolver = ItemResolver(station: s, audioFolder: loaded.audioFolder)
            let time = LogTime(clock: loaded.clock)
            var issues: [AuditIssue] = []
            var planned: [AiringRecord] = []
            var approvals: [ISOWeek: ApprovalState] = [:]
            for p in thePlans[k].isEmpty ? [loaded.weeksFolder] : thePlans[k] {
                let r = PlanReader.read(path: p, resolver: resolver, time: time, weeks: periodWeeks)
                if thePlans[k].isEmpty, r.issues.contains(where: { $0.kind == .missingSource }) { continue }  // no plans yet
                planned += r.records
                approvals.merge(r.approvals) { a, b in a == .approved ? b : a }
                issues += r.issues
            }
            var aired: [AiringRecord]?
            var bulletins: [AiringRecord] = []
            var failure: WorkspaceError?
            if !theLogs[k].isEmpty {
                aired = []
                for p in theLogs[k] {
                    let r = PlayLogReader.read(path: p, resolver: resolver, time: time)
                    aired! += r.records
                    bulletins += r.bulletins
                    issues += r.issues
                    if let u = r.unusable, failure == nil { failure = .unusablePlayLog(path: p, reason: u, issues: Array(r.issues.prefix(5))) }
                }
            }
            let result: Result<StationAudit, WorkspaceError> = failure.map { .failure($0) } ?? .success(
                Auditor(station: s, period: period, options: options)
                    .audit(planned: planned, aired: aired, approvals: planned.isEmpty ? nil : approvals, inputIssues: issues,
                           bulletins: bulletins))
            results.withLock { $0[k] = result }
            progress?(done.add(1, ordering: .relaxed).newValue, stations.count)
        }
        var audits: [StationAudit] = []
        for r in results.withLock({ $0 }) {
            switch r! {
            case .success(let a): audits.append(a)
            case .failure(let e): throw e
            }
        }
        return audits
    }
}
