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
    /// is kept under `revisions/<n>/` with its approval and rendered kit (hard links), the approval
    /// is cleared, and every export is written anew. `from` is local ms on the station's clock.
    public func amend(_ loaded: LoadedStation, week: ISOWeek, item itemID: String, times: Int? = nil, priority: Bool,
                      from: Int, write: WeekWrite = .commandLine, lang: Language) throws(WorkspaceError) -> AmendResult {
        guard let item = loaded.station.item(itemID) else { throw .noSuchItem(id: itemID) }
        if let times, !Self.amendTimes.contains(times) { throw .amendTimes(given: times, allowed: Self.amendTimes) }
        // What has aired stays as it aired: a revision only changes sessions still to come, so the
        // audit, reading the latest revision, counts every airing against the plan in force then.
        let now = loaded.clock.now(self.now())
        guard from >= now - 60_000 else { throw .amendInPast(from: from, now: now) }
        let n = max(1, times ?? item.perWeek?.min ?? 1)
        var before: Plan?
        let r = try revise(loaded, week: week, weeksFolder: nil, write: write, kind: { _ in .amend }, lang: lang) { _, written throws(WorkspaceError) -> Plan in
            guard let written else { throw .noSchedule(folder: weekFolder(loaded, week, nil)) }
            before = written
            switch written.amending(item, times: n, priority: priority, from: from) {
            case .success(let a): return a.plan
            case .failure(let refusal): throw .cannotAmend(item: item, refusal: refusal, rules: loaded.station.rules)
            }
        }
        let (changes, shifted) = before.map { Self.changes($0, r.plan) } ?? ([], [])
        return AmendResult(folder: r.folder, revision: r.revision.number, changes: r.repeated ? [] : changes, shifted: r.repeated ? [] : shifted, plan: r.plan)
    }

    /// How many times a notice may be added in one amendment.
    public static let amendTimes = 1...50

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
