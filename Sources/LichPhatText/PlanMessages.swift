public import LichPhatCore

/// Sentences about plans, in both languages.
public enum PlanMessages {
    static func minutes(_ ms: Int, _ lang: Language) -> String {
        let m = Double(ms) / 60_000
        return lang == .vi ? "\(Messages.number(m, lang)) phút" : "\(Messages.number(m, lang)) min"
    }

    /// What is short, the numbers behind it, and what to do.
    public static func shortfall(_ s: Shortfall, _ lang: Language) -> String {
        let missing = s.needed - s.got
        var parts: [String] = []
        switch lang {
        case .vi:
            let what = if case .rule = s.subject { "Chỉ tiêu “\(s.name)”" } else { "Mục “\(s.name)”" }
            parts.append("\(what) thiếu \(missing) lượt: cần \(s.needed), chỉ xếp được \(s.got).")
            parts.append("Có \(s.allowedSessions) buổi được phép, còn trống tổng cộng \(minutes(s.capacityLeft, lang)), nhiều nhất \(minutes(s.largestGap, lang)) trong một buổi.")
            if let shortest = s.shortestItem {
                parts.append("\(s.eligibleItems) mục phù hợp, ngắn nhất dài \(minutes(shortest, lang)).")
            } else {
                parts.append("Không có mục nào phù hợp trong tuần này.")
            }
            if !s.outOfWindow.isEmpty { parts.append("Ngoài thời hạn phát: \(s.outOfWindow.joined(separator: ", ")).") }
            if !s.unusable.isEmpty { parts.append("Không dùng được (thiếu tệp hoặc tệp lỗi): \(s.unusable.joined(separator: ", ")).") }
            parts.append("Hãy thêm chương trình ngắn hơn, kéo dài buổi phát, mở rộng ngày/buổi được phép, hoặc gia hạn mục.")
        case .en:
            let what = if case .rule = s.subject { "Rule “\(s.name)”" } else { "Item “\(s.name)”" }
            parts.append("\(what) is \(missing) airing(s) short: \(s.needed) needed, \(s.got) placed.")
            parts.append("\(s.allowedSessions) session(s) allowed, \(minutes(s.capacityLeft, lang)) free in all, at most \(minutes(s.largestGap, lang)) in any one.")
            if let shortest = s.shortestItem {
                parts.append("\(s.eligibleItems) eligible item(s), the shortest \(minutes(shortest, lang)).")
            } else {
                parts.append("No eligible item this week.")
            }
            if !s.outOfWindow.isEmpty { parts.append("Outside their validity window: \(s.outOfWindow.joined(separator: ", ")).") }
            if !s.unusable.isEmpty { parts.append("Unusable (missing or failing file): \(s.unusable.joined(separator: ", ")).") }
            parts.append("Add a shorter programme, lengthen a session, allow more days or sessions, or extend an item's dates.")
        }
        return parts.joined(separator: " ")
    }

    public static func reason(_ r: AiringReason, rules: [QuotaRule], _ lang: Language) -> String {
        func name(_ id: String) -> String { rules.first { $0.id == id }?.name ?? id }
        switch (r, lang) {
        case (.open, .vi): return "mở đầu buổi phát"
        case (.open, .en): return "opens the session"
        case (.close, .vi): return "kết thúc buổi phát"
        case (.close, .en): return "closes the session"
        case let (.rule(id), .vi): return "đạt chỉ tiêu “\(name(id))”"
        case let (.rule(id), .en): return "meets the rule “\(name(id))”"
        case (.itemQuota, .vi): return "đạt số lượt tối thiểu của mục"
        case (.itemQuota, .en): return "meets the item's own weekly minimum"
        case let (.priority(n), .vi): return "mục ưu tiên \(n), phát ở mọi buổi được phép"
        case let (.priority(n), .en): return "priority \(n) item, aired in every session allowed"
        case let (.fill(tag), .vi): return "lấp thời gian còn trống (thẻ \(tag))"
        case let (.fill(tag), .en): return "fills the time left (tag \(tag))"
        case (.manual, .vi): return "thêm bằng tay"
        case (.manual, .en): return "added by hand"
        }
    }

    /// The reason a `reasonCode` stands for (as schedule.json writes it), nil for an unknown code.
    public static func reason(code: String) -> AiringReason? {
        switch code {
        case "open": return .open
        case "close": return .close
        case "item-quota": return .itemQuota
        case "manual": return .manual
        default:
            if code.hasPrefix("rule:") { return .rule(String(code.dropFirst(5))) }
            if code.hasPrefix("fill:") { return .fill(String(code.dropFirst(5))) }
            if code.hasPrefix("priority:"), let n = Int(code.dropFirst(9)) { return .priority(n) }
            return nil
        }
    }

    public static func reasonCode(_ r: AiringReason) -> String {
        switch r {
        case .open: "open"
        case .close: "close"
        case let .rule(id): "rule:\(id)"
        case .itemQuota: "item-quota"
        case .manual: "manual"
        case let .priority(n): "priority:\(n)"
        case let .fill(tag): "fill:\(tag)"
        }
    }

    public static func status(_ s: QuotaStatus, _ lang: Language) -> String {
        switch (s, lang) {
        case (.ok, .vi): "đạt"
        case (.under, .vi): "thiếu"
        case (.over, .vi): "vượt"
        case (.ok, .en): "ok"
        case (.under, .en): "under"
        case (.over, .en): "over"
        }
    }
}

/// Something to tell the operator about a plan: code, severity, message.
public struct PlanProblem: Sendable, Hashable {
    public var code: String
    public var severity: Severity
    public var message: String
    public init(code: String, severity: Severity, message: String) {
        self.code = code; self.severity = severity; self.message = message
    }
}

extension Plan {
    /// Everything worth telling about this plan, most serious first.
    public func problems(_ lang: Language) -> [PlanProblem] {
        var out: [PlanProblem] = shortfalls.map { PlanProblem(code: "shortfall", severity: .error, message: PlanMessages.shortfall($0, lang)) }
        // Counts under a minimum that no search reported (a week edited by hand).
        for r in rules where r.status == .under && !shortfalls.contains(where: { $0.subject == .rule(r.rule.id) }) {
            out.append(PlanProblem(code: "under-min", severity: .error, message: lang == .vi
                ? "Chỉ tiêu “\(r.rule.name)” chỉ có \(r.count) lượt, dưới tối thiểu \(r.rule.perWeek.min)."
                : "Rule “\(r.rule.name)” has \(r.count) airing(s), under its minimum of \(r.rule.perWeek.min)."))
        }
        for c in items where c.status == .under && !shortfalls.contains(where: { $0.subject == .item(c.item.id) }) {
            out.append(PlanProblem(code: "under-min", severity: .error, message: lang == .vi
                ? "Mục “\(c.item.title)” chỉ có \(c.count) lượt, dưới tối thiểu \(c.quota.min)."
                : "Item “\(c.item.title)” has \(c.count) airing(s), under its minimum of \(c.quota.min)."))
        }
        for r in rules where r.status == .over {
            out.append(PlanProblem(code: "over-max", severity: .error, message: lang == .vi
                ? "Chỉ tiêu “\(r.rule.name)” vượt tối đa: \(r.count) lượt (tối đa \(r.rule.perWeek.max ?? 0)); mục mở đầu/kết thúc mang thẻ của chỉ tiêu?"
                : "Rule “\(r.rule.name)” is over its maximum: \(r.count) (max \(r.rule.perWeek.max ?? 0)); do open/close items carry its tags?"))
        }
        for s in sessions where s.unused < 0 {
            out.append(PlanProblem(code: "session-overfull", severity: .error, message: lang == .vi
                ? "Buổi \(s.instance.template.name) \(s.instance.date.vietnamese): mục mở đầu và kết thúc dài hơn cả buổi."
                : "Session \(s.instance.template.name) \(s.instance.date): its open and close items are longer than the session."))
        }
        for item in unusable {
            out.append(PlanProblem(code: "item-unusable", severity: .warning, message: lang == .vi
                ? "Mục “\(item.id)” không được xếp lịch: \(item.unusable.map { PlanMessages.unusable($0, lang) } ?? "")"
                : "Item “\(item.id)” is not planned: \(item.unusable.map { PlanMessages.unusable($0, lang) } ?? "")"))
        }
        out += PlanMessages.idle(self, lang)
        for t in station.sessions where t.start < 5 * 3_600_000 {
            let time = "\(pad(t.start / 3_600_000, 2)):\(pad(t.start / 60_000 % 60, 2))"
            out.append(PlanProblem(code: "early-session", severity: .warning, message: lang == .vi
                ? "Buổi “\(t.name)” bắt đầu lúc \(time), trước 05:00: người dân thường phản ánh loa phát quá sớm."
                : "Session “\(t.name)” starts at \(time), before 05:00: residents often complain about early loudspeakers."))
        }
        return out
    }
}

extension PlanMessages {
    /// Why an item cannot be planned, in words.
    public static func unusable(_ reason: Item.Unusable, _ lang: Language) -> String {
        switch reason {
        case .missingFile(let rel):
            lang == .vi ? "không có tệp “\(rel)” trong thư mục âm thanh." : "no file “\(rel)” in the audio folder."
        case .failingCheck(let rel, let problem):
            "\(rel): \(Messages.text(problem, lang))"
        }
    }
}

extension PlanMessages {
    /// One warning per kind of session that was left too empty: on which days, how much, which
    /// fill items stayed out and why, and what would help.
    static func idle(_ plan: Plan, _ lang: Language) -> [PlanProblem] {
        let vi = lang == .vi
        var out: [PlanProblem] = []
        for t in plan.station.sessions {
            let mine = plan.idle.filter { $0.instance.template.id == t.id }
            guard let worst = mine.max(by: { $0.unused < $1.unused }) else { continue }
            let share = worst.unused * 100 / max(1, t.length)
            let days = mine.map { vi ? $0.instance.date.vietnamese : $0.instance.date.description }.joined(separator: ", ")
            // Each fill item once, with the reason it stayed out most often.
            var reasons: [String: [IdleSession.Reason: Int]] = [:]
            var order: [String] = []
            for s in mine {
                for l in s.leftOut {
                    if reasons[l.item] == nil { order.append(l.item) }
                    reasons[l.item, default: [:]][l.reason, default: 0] += 1
                }
            }
            let listed = order.prefix(8).map { id -> String in
                let r = reasons[id]!.max { ($0.value, "\($1.key)") < ($1.value, "\($0.key)") }!.key
                return "\(id) (\(reason(r, lang)))"
            }
            var text = vi
                ? "Buổi “\(t.name)” còn trống quá \(plan.station.maxUnusedPermille / 10)% ở \(mine.count) buổi (\(days)); nhiều nhất \(Messages.clock(Double(worst.unused) / 1000)) (\(share)%)."
                : "Session “\(t.name)” is more than \(plan.station.maxUnusedPermille / 10)% empty in \(mine.count) of its sessions (\(days)); at most \(Messages.clock(Double(worst.unused) / 1000)) (\(share)%)."
            let fillItems = plan.station.items.filter { item in plan.station.fill.contains { item.tags.contains($0) } }
            if fillItems.isEmpty {
                text += vi ? " Không có mục nào mang thẻ fill (\(plan.station.fill.joined(separator: ", ")))." : " No item carries a fill tag (\(plan.station.fill.joined(separator: ", ")))."
            } else if listed.isEmpty {
                let total = fillItems.compactMap(\.length).reduce(0, +)
                text += vi ? " Cả \(fillItems.count) mục lấp chỗ trống (tổng \(Messages.clock(Double(total) / 1000))) đều đã được xếp vào buổi: thư viện chưa đủ cho độ dài buổi."
                           : " All \(fillItems.count) fill items (\(Messages.clock(Double(total) / 1000)) in all) are already in the session: the library is too small for its length."
            } else {
                text += (vi ? " Mục lấp chỗ trống không được xếp thêm: " : " Fill items left out: ") + listed.joined(separator: ", ")
                    + (order.count > 8 ? (vi ? " và \(order.count - 8) mục khác." : " and \(order.count - 8) more.") : ".")
            }
            var help = [vi ? "thêm tệp vào thư mục có thẻ \(plan.station.fill.joined(separator: "/"))" : "add files under a fill tag (\(plan.station.fill.joined(separator: ", ")))",
                        vi ? "rút ngắn buổi (length)" : "shorten the session (length)"]
            if reasons.values.contains(where: { $0[.repeatGap] != nil }) {
                let h = plan.station.repeatGap / 3_600_000
                help.append(vi ? "giảm repeat_gap (hiện \(h)h)" : "lower repeat_gap (now \(h)h)")
            }
            text += (vi ? " Có thể: " : " What would help: ") + help.joined(separator: vi ? "; " : "; ") + "."
            out.append(PlanProblem(code: "session-idle", severity: .warning, message: text))
        }
        return out
    }

    static func reason(_ r: IdleSession.Reason, _ lang: Language) -> String {
        let vi = lang == .vi
        switch r {
        case .repeatGap: return vi ? "chưa qua repeat_gap" : "repeat gap"
        case .maximum: return vi ? "đã đủ tối đa" : "maximum reached"
        case .window: return vi ? "ngoài ngày/buổi được phép" : "outside its dates, days or sessions"
        case .tooLong(let ms): return vi ? "dài \(Messages.clock(Double(ms) / 1000)), không vừa" : "\(Messages.clock(Double(ms) / 1000)) long, does not fit"
        case .unusable: return vi ? "tệp lỗi" : "file unusable"
        }
    }
}

extension PlanMessages {
    /// Why an item cannot be added to a session by hand.
    public static func refusal(_ r: AddRefusal, item: Item, rules: [QuotaRule], _ lang: Language) -> String {
        let vi = lang == .vi
        func rule(_ id: String) -> String { rules.first { $0.id == id }?.name ?? id }
        switch r {
        case .unusable: return vi ? "Mục “\(item.title)” không dùng được (thiếu tệp hoặc tệp lỗi)." : "“\(item.title)” cannot be aired (missing or failing file)."
        case .window: return vi ? "Mục “\(item.title)” không được phát vào ngày/buổi này (ngày hiệu lực, days, sessions)." : "“\(item.title)” may not air on this day or session (its dates, days or sessions)."
        case .rulePlacement(let id): return vi ? "Chỉ tiêu “\(rule(id))” không cho phát vào ngày/buổi này." : "The rule “\(rule(id))” does not allow this day or session."
        case .alreadyInSession: return vi ? "Mục “\(item.title)” đã có trong buổi này." : "“\(item.title)” is already in this session."
        case .repeatGap(let other):
            let when = "\(pad(other / 3_600_000 % 24, 2)):\(pad(other / 60_000 % 60, 2)) \(CivilDate(daysSinceEpoch: other / 86_400_000).vietnamese)"
            return vi ? "Mục “\(item.title)” đã phát lúc \(when), chưa qua repeat_gap." : "“\(item.title)” airs at \(when), closer than repeat_gap."
        case .maximum(let id?): return vi ? "Chỉ tiêu “\(rule(id))” đã đủ số lượt tối đa trong tuần." : "The rule “\(rule(id))” already has its weekly maximum."
        case .maximum(nil): return vi ? "Mục “\(item.title)” đã đủ số lượt tối đa trong tuần." : "“\(item.title)” already has its weekly maximum."
        case .tooLong(let length, let free):
            return vi ? "Mục “\(item.title)” dài \(Messages.clock(Double(length) / 1000)), buổi chỉ còn trống \(Messages.clock(Double(free) / 1000))."
                      : "“\(item.title)” is \(Messages.clock(Double(length) / 1000)) long; the session has \(Messages.clock(Double(free) / 1000)) free."
        }
    }
}
