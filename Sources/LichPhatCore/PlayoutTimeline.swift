/// What goes on air, in order, for a week: each airing of the approved plan at its time, and a
/// priority bulletin at the head of the session it was placed in (after the opening), the
/// session's later airings following it. Pure: `lichphat air` asks it what is due.
public struct PlayoutTimeline: Sendable {
    public struct Entry: Sendable, Equatable {
        /// Stable across reloads: the airing's id (`2026-11-02.sang.nhac-hieu`), or `bulletin-id@start`.
        public var key: String
        public var item: String
        public var title: String
        /// Relative to the audio folder (the plan's airings), or an absolute path (a bulletin the
        /// playout places itself); nil for a relay.
        public var file: String?
        public var url: String?
        public var start: Int
        public var length: Int
        public var gain: Double?
        public var cue: Cue?
        public var session: String
        public var reason: Reason
        public var end: Int { start + length }
    }
    public enum Reason: String, Sendable { case plan, bulletin, relay }

    public var entries: [Entry]
    public var revision: Int

    /// `bulletins`: the priority bulletins placed in this week (placed date, session id), each with its audio path.
    public init(plan: Plan, relayURLs: [String: String] = [:], bulletins: [(Bulletin, path: String)] = []) {
        revision = plan.revision
        var out: [Entry] = []
        for s in plan.sessions {
            let ids = s.airingIDs
            var delay = 0
            // Placed in the plan by an amendment (revision > 0): already among the airings.
            let mine = bulletins.filter { $0.0.placed?.date == s.instance.date.description && $0.0.placed?.session == s.instance.template.id
                && $0.0.placed?.revision == 0 && $0.0.isActive }
                .sorted { $0.0.from < $1.0.from }
            // Where the bulletins go: after the opening airings.
            let head = s.airings.firstIndex { $0.reason != .open } ?? s.airings.endIndex
            for (k, a) in s.airings.enumerated() {
                if k == head {
                    var at = a.start
                    for (b, path) in mine {
                        out.append(Entry(key: "\(b.id)@\(at)", item: b.id, title: b.title, file: path, url: nil, start: at, length: b.length,
                                         gain: b.gain, cue: nil, session: s.instance.template.id, reason: .bulletin))
                        at += b.length
                        delay += b.length
                    }
                }
                let relay = a.file == nil
                out.append(Entry(key: ids[k], item: a.item, title: a.title, file: a.file, url: relay ? relayURLs[a.item] : nil,
                                 start: a.start + delay, length: a.length, gain: a.gain, cue: a.cue,
                                 session: s.instance.template.id, reason: relay ? .relay : (a.reason == .bulletin ? .bulletin : .plan)))
            }
            if head == s.airings.endIndex {
                var at = s.airings.last.map { $0.start + $0.length } ?? s.instance.start
                for (b, path) in mine {
                    out.append(Entry(key: "\(b.id)@\(at)", item: b.id, title: b.title, file: path, url: nil, start: at, length: b.length,
                                     gain: b.gain, cue: nil, session: s.instance.template.id, reason: .bulletin))
                    at += b.length
                }
            }
        }
        entries = out.sorted { $0.start < $1.start }
    }

    /// The entry to send now: the first not yet sent that starts within `lead` ms, or that covers
    /// `now` with more than `tail` ms of it left (a restart, or the end of an emergency bulletin,
    /// resumes the airing where the plan is by then). A relay is due when the station file gives
    /// its stream address (`url:`); one without is switched to by hand, as the playlists say.
    public func due(at now: Int, lead: Int, tail: Int = 1_000, sent: Set<String>) -> Entry? {
        entries.first { e in
            !sent.contains(e.key) && e.start - lead <= now && now < e.end - tail && (e.reason == .relay ? e.url != nil : e.file != nil)
        }
    }

    /// The entry on the plan at `now`, and the next one after it.
    public func slots(at now: Int) -> (now: Entry?, next: Entry?) {
        let current = entries.last { $0.start <= now && now < $0.end }
        let next = entries.first { $0.start > now }
        return (current, next)
    }
}
