/// The hard constraints an airing must keep, written once: the planner's search, the reasons a
/// session was left empty, and a hand edit or an amendment all ask these.
extension Quota {
    /// Another airing would pass the weekly maximum (`count`: airings already in the week).
    @inline(__always)
    public func isFull(_ count: Int) -> Bool {
        guard let max else { return false }
        return count >= max
    }
}

extension Station {
    /// Two airings of one item closer than `repeat_gap` (local ms of their starts).
    @inline(__always)
    public func tooClose(_ a: Int, _ b: Int) -> Bool { abs(a - b) < repeatGap }
}

extension Item {
    /// Why this item may not air in `instance` at all, whatever else is planned: its file, its
    /// dates, days and sessions, and the placement of the rules it counts toward (`covering`).
    /// nil when it may.
    public func placementRefusal(in instance: SessionInstance, covering: [QuotaRule]) -> AddRefusal? {
        guard unusable == nil, let length, length > 0 else { return .unusable }
        let day = instance.date.weekday, id = instance.template.id
        guard isValid(on: instance.date), days?.contains(day) ?? true, sessions?.contains(id) ?? true else { return .window }
        if let r = covering.first(where: { !$0.allows(day, session: id) }) { return .rulePlacement(rule: r.id) }
        return nil
    }
}
