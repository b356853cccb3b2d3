import Foundation
public import LichPhatCore
public import LichPhatFormats

/// What an amendment changed, for the operator: each airing added, taken out, or moved to
/// another session; and, per session, how far the airings after a change shifted.
public struct AmendChange: Sendable {
    public enum Kind: Sendable { case added, removed }
    public var kind: Kind
    public var item: String
    public var title: String
    /// The session's name, as the operator reads it ("Buổi chiều").
    public var session: String
    public var date: String
    /// Local ms (station time): where it airs now (added) or aired before (removed).
    public var start: Int
}

public struct AmendResult: Sendable {
    public var folder: String
    public var revision: Int
    public var changes: [AmendChange]
    /// Sessions (by name) whose later airings start at another time: how many, and by how much (ms).
    public var shifted: [(session: String, date: String, count: Int, by: Int)]
    public var plan: Plan
}

extension Workspace {
    /// Adds a notice to a written (often approved) week from `from` on: it airs `times` times
    /// (default: its own weekly minimum, else once), in sessions that start at or after `from`;
    /// everything before stays exactly as it was, and every quota still holds (only fill airings
    /// that count toward no rule make room). The week becomes the next revision: the previous one
    /// is kept under `revisions/<n>/` with its approval, the approval is cleared, and every export
    /// is written anew. `from` is local ms on the station's clock.
    public func amend(_ loaded: LoadedStation, week: ISOWeek, item itemID: String, times: Int? = nil, priority: Bool,
                      from: Int, lang: Language) throws(WorkspaceError) -> AmendResult {
        guard let item = loaded.station.item(itemID) else { throw .noSuchItem(id: itemID) }
        // What has aired stays as it aired: a revision only changes sessions still to come, so the
        // audit, reading the latest revision, counts every airing against the plan in force then.
        let now = loaded.clock.now(self.now())
        guard from >= now - 60_000 else { throw .amendInPast(from: from, now: now) }
        let before = try writtenPlan(loaded, week: week, approvedToo: true)
        let n = max(1, times ?? item.perWeek?.min ?? 1)
        let amendment: Amendment
        switch before.amending(item, times: n, priority: priority, from: from) {
        case .success(let a): amendment = a
        case .failure(let refusal): throw .cannotAmend(item: item, refusal: refusal, rules: loaded.station.rules)
        }
        // The previous revision, every file of it (and the revisions before it), kept inside the week.
        let folder = absolute(loaded.weeksFolder) + "/" + week.description
        var files = ScheduleExport(plan: amendment.plan, audioFolder: loaded.audioFolder, weekFolder: folder, lang: lang,
                                   relayURLs: loaded.file.relayURLs, diskNames: loaded.diskNames).files()
        let fm = FileManager.default
        if let walker = fm.enumerator(atPath: folder) {
            while let rel = walker.nextObject() as? String {
                var isDir: ObjCBool = false
                guard fm.fileExists(atPath: folder + "/" + rel, isDirectory: &isDir), !isDir.boolValue, !rel.hasPrefix("."),
                      let data = fm.contents(atPath: folder + "/" + rel) else { continue }
                let kept = rel.hasPrefix("revisions/") ? rel : "revisions/\(before.revision)/" + rel
                files.append((kept, String(decoding: data, as: UTF8.self)))
            }
        }
        do {
            try WeekFolder.write(files, to: folder, force: true, keepReplaced: false)
        } catch {
            switch error {
            case .approved(let a): throw .weekApproved(week: week, approval: a)
            case .busy: throw .weekBusy(week: week)
            case .io(let detail): throw .cannotWrite(path: folder, detail: detail)
            }
        }
        let (changes, shifted) = Self.changes(before, amendment.plan)
        return AmendResult(folder: folder, revision: amendment.plan.revision, changes: changes, shifted: shifted, plan: amendment.plan)
    }

    /// Airings added or taken out between two plans, and per session the airings that only shifted.
    static func changes(_ old: Plan, _ new: Plan) -> ([AmendChange], [(session: String, date: String, count: Int, by: Int)]) {
        var out: [AmendChange] = []
        var shifted: [(session: String, date: String, count: Int, by: Int)] = []
        for (a, b) in zip(old.sessions, new.sessions) {
            var left = a.airings
            var moved = 0, by = 0
            for x in b.airings {
                if let i = left.firstIndex(where: { $0.item == x.item }) {
                    let was = left.remove(at: i)
                    if was.start != x.start { moved += 1; by = x.start - was.start }
                } else {
                    out.append(AmendChange(kind: .added, item: x.item, title: x.title, session: b.instance.template.name,
                                           date: b.instance.date.description, start: x.start))
                }
            }
            for x in left {
                out.append(AmendChange(kind: .removed, item: x.item, title: x.title, session: a.instance.template.name,
                                       date: a.instance.date.description, start: x.start))
            }
            if moved > 0 { shifted.append((b.instance.template.name, b.instance.date.description, moved, by)) }
        }
        return (out, shifted)
    }
}
