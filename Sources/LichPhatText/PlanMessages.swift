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
            parts.append("\(what) is \(Messages.count(missing, "airing")) short: \(s.needed) needed, \(s.got) placed.")
            parts.append("\(Messages.count(s.allowedSessions, "session")) allowed, \(minutes(s.capacityLeft, lang)) free in all, at most \(minutes(s.largestGap, lang)) in any one.")
            if let shortest = s.shortestItem {
                parts.append("\(Messages.count(s.eligibleItems, "eligible item")), the shortest \(minutes(shortest, lang)).")
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
        case (.amended(false), .vi): return "thêm vào lịch đang chạy (sửa lịch)"
        case (.amended(false), .en): return "added to the running week (amendment)"
        case (.amended(true), .vi): return "thêm vào đầu buổi, trước các mục khác (sửa lịch, ưu tiên)"
        case (.amended(true), .en): return "added at the head of the session (amendment, priority)"
        case (.bulletin, .vi): return "bản tin ưu tiên, đầu buổi (Thông tư 39/2020)"
        case (.bulletin, .en): return "priority bulletin, at the head of the session (Circular 39/2020)"
        }
    }

    /// The reason a `reasonCode` stands for (as schedule.json writes it), nil for an unknown code.
    public static func reason(code: String) -> AiringReason? {
        switch code {
        case "open": return .open
        case "close": return .close
        case "item-quota": return .itemQuota
        case "manual": return .manual
        case "amend": return .amended(first: false)
        case "amend:first": return .amended(first: true)
        case "bulletin": return .bulletin
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
        case .amended(let first): first ? "amend:first" : "amend"
        case .bulletin: "bulletin"
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
    /// Everything worth telling about this plan, most serious first, in words.
    public func problems(_ lang: Language) -> [PlanProblem] {
        findings.map { PlanProblem(code: $0.code, severity: $0.severity, message: PlanMessages.text($0, lang)) }
    }
}

extension PlanMessages {
    /// A finding about a plan in words.
    public static func text(_ finding: PlanFinding, _ lang: Language) -> String {
        let vi = lang == .vi
        switch finding {
        case let .shortfall(s):
            return shortfall(s, lang)
        case let .underMinimum(.rule(_), name, count, minimum):
            return vi ? "Chỉ tiêu “\(name)” chỉ có \(count) lượt, dưới tối thiểu \(minimum)."
                      : "Rule “\(name)” has \(Messages.count(count, "airing")), under its minimum of \(minimum)."
        case let .underMinimum(.item(_), name, count, minimum):
            return vi ? "Mục “\(name)” chỉ có \(count) lượt, dưới tối thiểu \(minimum)."
                      : "Item “\(name)” has \(Messages.count(count, "airing")), under its minimum of \(minimum)."
        case let .overMaximum(_, name, count, maximum):
            return vi ? "Chỉ tiêu “\(name)” vượt tối đa: \(count) lượt (tối đa \(maximum)); mục mở đầu/kết thúc mang thẻ của chỉ tiêu?"
                      : "Rule “\(name)” is over its maximum: \(count) (max \(maximum)); do open/close items carry its tags?"
        case let .sessionOverfull(_, name, date):
            return vi ? "Buổi \(name) \(date.vietnamese): mục mở đầu và kết thúc dài hơn cả buổi."
                      : "Session \(name) \(date): its open and close items are longer than the session."
        case let .itemUnusable(item, reason):
            return vi ? "Mục “\(item)” không được xếp lịch: \(unusable(reason, lang))"
                      : "Item “\(item)” is not planned: \(unusable(reason, lang))"
        case let .sessionIdle(summary):
            return idle(summary, lang)
        case let .earlySession(_, name, start):
            let time = "\(pad(start / 3_600_000, 2)):\(pad(start / 60_000 % 60, 2))"
            return vi ? "Buổi “\(name)” bắt đầu lúc \(time), trước 05:00: người dân thường phản ánh loa phát quá sớm."
                      : "Session “\(name)” starts at \(time), before 05:00: residents often complain about early loudspeakers."
        }
    }

    /// Why an item cannot be planned, in words.
    public static func unusable(_ reason: Item.Unusable, _ lang: Language) -> String {
        switch reason {
        case .missingFile(let rel):
            lang == .vi ? "không có tệp “\(rel)” trong thư mục âm thanh." : "no file “\(rel)” in the audio folder."
        case .failingCheck(let rel, let problem):
            "\(rel): \(Messages.text(problem, lang))"
        }
    }

    /// A kind of session left too empty: on which days, how much, which fill items stayed out
    /// and why, and what would help.
    static func idle(_ t: IdleSummary, _ lang: Language) -> String {
        let vi = lang == .vi
        let days = t.dates.map { vi ? $0.vietnamese : $0.description }.joined(separator: ", ")
        let listed = t.leftOut.map { "\($0.item) (\(reason($0.reason, lang)))" }
        var text = vi
            ? "Buổi “\(t.name)” còn trống quá \(t.limitPercent)% ở \(t.dates.count) buổi (\(days)); nhiều nhất \(Messages.clock(Double(t.mostUnused) / 1000)) (\(t.share)%)."
            : "Session “\(t.name)” is more than \(t.limitPercent)% empty in \(t.dates.count) of its sessions (\(days)); at most \(Messages.clock(Double(t.mostUnused) / 1000)) (\(t.share)%)."
        if t.fillItems == 0 {
            text += vi ? " Không có mục nào mang thẻ fill (\(t.fillTags.joined(separator: ", ")))." : " No item carries a fill tag (\(t.fillTags.joined(separator: ", ")))."
        } else if listed.isEmpty {
            text += vi ? " Cả \(t.fillItems) mục lấp chỗ trống (tổng \(Messages.clock(Double(t.fillTotal) / 1000))) đều đã được xếp vào buổi: thư viện chưa đủ cho độ dài buổi."
                       : " All \(t.fillItems) fill items (\(Messages.clock(Double(t.fillTotal) / 1000)) in all) are already in the session: the library is too small for its length."
        } else {
            text += (vi ? " Mục lấp chỗ trống không được xếp thêm: " : " Fill items left out: ") + listed.joined(separator: ", ")
                + (t.moreLeftOut > 0 ? (vi ? " và \(t.moreLeftOut) mục khác." : " and \(t.moreLeftOut) more.") : ".")
        }
        var help = [vi ? "thêm tệp vào thư mục có thẻ \(t.fillTags.joined(separator: "/"))" : "add files under a fill tag (\(t.fillTags.joined(separator: ", ")))",
                    vi ? "rút ngắn buổi (length)" : "shorten the session (length)"]
        if let gap = t.repeatGap {
            help.append(vi ? "giảm repeat_gap (hiện \(gap / 3_600_000)h)" : "lower repeat_gap (now \(gap / 3_600_000)h)")
        }
        return text + (vi ? " Có thể: " : " What would help: ") + help.joined(separator: "; ") + "."
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
