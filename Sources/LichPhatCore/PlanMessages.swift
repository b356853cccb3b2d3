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
        }
    }

    public static func reasonCode(_ r: AiringReason) -> String {
        switch r {
        case .open: "open"
        case .close: "close"
        case let .rule(id): "rule:\(id)"
        case .itemQuota: "item-quota"
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
