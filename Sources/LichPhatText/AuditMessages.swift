public import LichPhatCore

/// Sentences about audits, in both languages.
public enum AuditMessages {
    /// A week's plan state as the reports say it.
    public static func approval(_ state: ApprovalState, _ lang: Language) -> String {
        switch (state, lang) {
        case (.approved, .vi): "đã duyệt"
        case (.draft, .vi): "chưa duyệt"
        case (.modified, .vi): "đã sửa sau khi duyệt"
        case (.none, .vi): "chưa lập lịch"
        case (.approved, .en): "approved"
        case (.draft, .en): "not approved"
        case (.modified, .en): "changed after approval"
        case (.none, .en): "not planned"
        }
    }

    public static func issue(_ i: AuditIssue, _ lang: Language) -> String {
        let vi = lang == .vi
        let place = i.source.map { "\($0): " } ?? ""
        switch i.kind {
        case .malformed: return place + (vi ? "dòng không hợp lệ, bỏ qua: " : "malformed line, skipped: ") + (i.malformed.map { malformed($0, lang) } ?? i.detail)
        case .unknownItem: return place + (vi ? "không có mục hoặc tệp “\(i.detail)” trong tệp trạm; bỏ qua." : "no item or file “\(i.detail)” in the station file; skipped.")
        case .ambiguousItem: return place + (vi ? "tên tệp khớp với nhiều mục như nhau (\(i.detail)); bỏ qua, không đoán. Ghi đường dẫn đầy đủ trong thư mục âm thanh hoặc mã mục." : "the file name fits several items equally (\(i.detail)); skipped, not guessed. Log the full path in the audio folder, or the item id.")
        case .duplicate: return place + (vi ? "dòng trùng lặp (\(i.detail)), chỉ tính một lần." : "duplicate line (\(i.detail)), counted once.")
        case .outsidePeriod: return place + (vi ? "\(i.count) lượt ngoài kỳ báo cáo (\(i.detail)), không tính." : "\(Messages.count(i.count, "airing")) outside the period (\(i.detail)), not counted.")
        case .overlap: return place + (vi ? "hai lượt phát chồng lên nhau trên cùng thiết bị: \(i.detail)." : "two airings overlap on one device: \(i.detail).")
        case .missingSource: return vi ? "Không đọc được “\(i.detail)”." : "Cannot read “\(i.detail)”."
        }
    }

    public static func basis(_ b: AuditBasis, _ lang: Language) -> String {
        switch (b, lang) {
        case (.plans, .vi): "theo lịch đã lập, chưa có nhật ký phát"
        case (.plans, .en): "from the plans, no play logs"
        case (.playLogs, .vi): "theo nhật ký phát thực tế"
        case (.playLogs, .en): "from the play logs (what actually aired)"
        }
    }

    /// The one-sentence verdict at the top of a report.
    public static func verdict(_ a: StationAudit, _ lang: Language) -> String {
        let vi = lang == .vi
        let rules = a.rules.map { r in
            vi ? "“\(r.rule.name)” \(r.total) lượt trong \(r.weeks) tuần, trung bình \(Messages.number(r.average, digits: 2, lang)) lượt/tuần (chỉ tiêu \(band(r.rule, lang)))"
               : "“\(r.rule.name)” \(Messages.count(r.total, "airing")) in \(Messages.count(r.weeks, "week")), \(Messages.number(r.average, digits: 2, lang)) a week on average (quota \(band(r.rule, lang)))"
        }.joined(separator: "; ")
        if vi {
            return "\(a.station.name) \(a.compliant ? "ĐẠT" : "CHƯA ĐẠT") chỉ tiêu tuyên truyền trong kỳ \(a.period.from.vietnamese)–\(a.period.to.vietnamese) (\(basis(a.basis, lang))): \(rules)."
        }
        return "\(a.station.name) \(a.compliant ? "MET" : "DID NOT MEET") its quotas for \(a.period.from)–\(a.period.to) (\(basis(a.basis, lang))): \(rules)."
    }

    /// The verdict in one line, for the overview: met, or which quotas were not, by how much.
    public static func oneLine(_ a: StationAudit, _ lang: Language) -> String {
        let vi = lang == .vi
        let missed = a.rules.filter { $0.status != .ok }
        if missed.isEmpty {
            return vi ? "ĐẠT mọi chỉ tiêu (\(basis(a.basis, lang)))." : "All quotas MET (\(basis(a.basis, lang)))."
        }
        let list = missed.map { r in
            vi ? "“\(r.rule.name)” trung bình \(Messages.number(r.average, digits: 1, lang)) lượt/tuần, chỉ tiêu \(band(r.rule, lang))"
               : "“\(r.rule.name)” \(Messages.number(r.average, digits: 1, lang)) a week, quota \(band(r.rule, lang))"
        }.joined(separator: "; ")
        return (vi ? "CHƯA ĐẠT: " : "NOT MET: ") + list + "."
    }

    /// A weekly quota as people say it: "1 lượt/tuần", "1–2 lượt/tuần", "ít nhất 1 lượt/tuần".
    public static func band(_ rule: QuotaRule, _ lang: Language) -> String { band(rule.perWeek, lang) }

    public static func band(_ q: Quota, _ lang: Language) -> String {
        let vi = lang == .vi
        switch q.max {
        case q.min?: return vi ? "\(q.min) lượt/tuần" : "\(q.min) a week"
        case let max?: return vi ? "\(q.min)–\(max) lượt/tuần" : "\(q.min)–\(max) a week"
        case nil: return vi ? "ít nhất \(q.min) lượt/tuần" : "at least \(q.min) a week"
        }
    }

    /// Every week a rule or item fell short or went over, with its dates.
    public static func shortfalls(_ a: StationAudit, _ lang: Language) -> [String] {
        let vi = lang == .vi
        var out: [String] = []
        for w in a.weeks {
            let dates = "\(w.week) (\(w.week.monday.vietnamese)–\(w.week.sunday.vietnamese))"
            for r in w.rules where r.status != .ok {
                out.append(vi ? "Tuần \(dates): “\(r.rule.name)” \(r.count) lượt, chỉ tiêu \(band(r.rule, lang)) – \(PlanMessages.status(r.status, lang))."
                              : "Week \(dates): “\(r.rule.name)” \(Messages.count(r.count, "airing")), quota \(band(r.rule, lang)) – \(PlanMessages.status(r.status, lang)).")
            }
            for r in w.rules where !r.misplaced.isEmpty {
                let when = r.misplaced.map { Auditor.format($0.start) }.joined(separator: ", ")
                out.append(vi ? "Tuần \(dates): “\(r.rule.name)” phát sai ngày/buổi quy định (\(when))."
                              : "Week \(dates): “\(r.rule.name)” aired outside its set day or session (\(when)).")
            }
            for i in w.items where i.status != .ok {
                out.append(vi ? "Tuần \(dates): “\(i.item.title)” \(i.count) lượt, yêu cầu tối thiểu \(i.quota.min)."
                              : "Week \(dates): “\(i.item.title)” \(Messages.count(i.count, "airing")), at least \(i.quota.min) required.")
            }
        }
        return out
    }

    static func malformed(_ m: AuditIssue.Malformed, _ lang: Language) -> String {
        let vi = lang == .vi
        switch m {
        case .unreadableTime(let text?):
            return vi ? "thời gian “\(text)” không đọc được (ISO 8601 hoặc dd/MM/yyyy HH:mm)" : "unreadable time “\(text)” (ISO 8601 or dd/MM/yyyy HH:mm)"
        case .unreadableTime(nil): return vi ? "thời gian không đọc được" : "unreadable time"
        case .noStartTime: return vi ? "thiếu thời gian" : "no start time"
        case .noRecordID: return vi ? "thiếu record_id" : "no record_id"
        case .tooManyFields: return vi ? "thừa cột" : "too many fields"
        case .noItemOrFile: return vi ? "thiếu mã mục hoặc tệp" : "no item or file"
        case .playedOutOfRange(let text):
            return vi ? "“played” phải là số giây từ 0 đến 86400 (có: “\(text)”)" : "“played” must be seconds from 0 to 86400 (found “\(text)”)"
        case .playbackError(let event, let record): return vi ? "lỗi phát: \(event) (\(record))" : "playback error: \(event) (\(record))"
        case .notASchedule: return vi ? "không phải schedule.json của LichPhat" : "not a LichPhat schedule.json"
        case .scheduleHeader:
            return vi ? "dòng tiêu đề cần cột Ngày/Date và Bắt đầu/Start, như schedule.csv" : "the header needs Ngày/Date and Bắt đầu/Start columns, as in schedule.csv"
        }
    }
}

extension AuditMessages {
    /// What is wrong with the period asked for; `options`: name the command line's options.
    public static func period(_ p: PeriodProblem, _ lang: Language, options: Bool) -> String {
        let vi = lang == .vi
        let (period, from, to) = options ? ("--period", "--from", "--to") : (vi ? "kỳ báo cáo" : "the period", vi ? "ngày đầu" : "the first date", vi ? "ngày cuối" : "the last date")
        switch p {
        case .both:
            return vi ? "Dùng \(period) hoặc \(from)/\(to), không dùng cả hai." : "Use \(period) or \(from)/\(to), not both."
        case .incomplete:
            return vi ? "Cần cả \(from) và \(to) (YYYY-MM-DD)." : "Both \(from) and \(to) (YYYY-MM-DD) are needed."
        case .badPeriod(let text):
            return vi ? "\(period) “\(text)” không phải tháng (2026-11), quý (2026-Q4), nửa năm (2026-H2) hay năm (2026)."
                      : "\(period) “\(text)” is not a month (2026-11), quarter (2026-Q4), half (2026-H2) or year (2026)."
        case .badDate(let text, let first):
            return vi ? "\(first ? from : to) “\(text)” không phải ngày (YYYY-MM-DD)." : "\(first ? from : to) “\(text)” is not a date (YYYY-MM-DD)."
        case .badRange:
            return vi ? "\(to) phải sau \(from), và khoảng ngày không quá 10 năm." : "\(to) must follow \(from), within 10 years."
        }
    }
}
