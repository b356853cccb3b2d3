import Foundation
public import LichPhatCore
public import LichPhatFormats

/// The week that goes on air, and from which revision.
public struct AirWeek: Sendable {
    public var week: ISOWeek
    public var plan: Plan
    /// The revision airing (its number in the week's history).
    public var revision: Int
    /// Aired as a draft: nobody approved it (the station's `playout: {air_draft: true}`).
    public var draft: Bool
    /// A newer revision waits for approval: the approved one before it airs meanwhile.
    public var waiting: Int?
}

extension Workspace {
    /// Which plan of `week` may go on air: the current revision when it is approved (and
    /// unchanged since); else the newest revision kept that was approved (a later amendment
    /// waits for the leader, and the week airs as approved meanwhile); else, only when the
    /// station's settings allow a draft, the current one; else refused with the reason.
    public func airWeek(_ loaded: LoadedStation, week: ISOWeek) throws(WorkspaceError) -> AirWeek {
        let view = readWeek(loaded, week: week)
        guard let doc = view.schedule else { throw .cannotAir(week: week, why: .notPlanned) }
        let current = doc.revision ?? 1
        if case .approved = view.state {
            return AirWeek(week: week, plan: try plan(of: doc, folder: view.folder, loaded, week: week), revision: current, draft: false)
        }
        let kept = ((try? FileManager.default.contentsOfDirectory(atPath: view.folder + "/revisions")) ?? []).compactMap(Int.init).sorted(by: >)
        for n in kept {
            let folder = view.folder + "/revisions/\(n)"
            guard case .approved = WeekFolder.state(of: folder), let old = ScheduleDocument.read(folder: folder) else { continue }
            return AirWeek(week: week, plan: try plan(of: old, folder: folder, loaded, week: week), revision: n, draft: false, waiting: current)
        }
        if loaded.file.airDraft {
            return AirWeek(week: week, plan: try plan(of: doc, folder: view.folder, loaded, week: week), revision: current, draft: true)
        }
        if case .modified = view.state { throw .cannotAir(week: week, why: .changedAfterApproval) }
        throw .cannotAir(week: week, why: .notApproved)
    }
}
