import Foundation
public import LichPhatCore
import LichPhatText

/// Renders audits: JSON for programs, CSV for Excel, a table for people, and the printable
/// Vietnamese report ("Báo cáo kết quả tuyên truyền") with an SVG chart per rule.
public enum AuditOutput {
    // MARK: JSON

    static func record(_ r: AiringRecord, _ clock: StationClock) -> JSONValue {
        .object([("item", .string(r.item)), ("start", .string(clock.iso(r.start))),
                 ("played", r.played.map { .number(Double($0) / 1000, digits: 3) } ?? .null),
                 ("device", .string(r.device)), ("source", .string(r.source.description))])
    }

    static func stationJSON(_ a: StationAudit, _ lang: Language) -> [(String, JSONValue)] {
        let clock = StationClock(identifier: a.station.timeZone)
        let weeks: [JSONValue] = a.weeks.map { w in
            .object([
                ("week", .string(w.week.description)), ("from", .string(w.week.monday.description)), ("to", .string(w.week.sunday.description)),
                ("approval", w.approval.map { .string($0.rawValue) } ?? .null),
                ("rules", .array(w.rules.map { r in
                    .object([("id", .string(r.rule.id)), ("count", .int(r.count)), ("min", .int(r.rule.perWeek.min)),
                             ("max", .int(r.rule.perWeek.max)), ("minutes", .number(r.minutes, digits: 2)),
                             ("status", .string(r.status.rawValue)),
                             ("placed", r.rule.days == nil && r.rule.sessions == nil ? .null : .bool(r.misplaced.isEmpty))])
                })),
                ("items", .array(w.items.map { i in
                    .object([("id", .string(i.item.id)), ("count", .int(i.count)), ("min", .int(i.quota.min)),
                             ("max", .int(i.quota.max)), ("minutes", .number(i.minutes, digits: 2)), ("status", .string(i.status.rawValue))])
                })),
            ])
        }
        func summaries(_ rs: [RuleSummary]) -> JSONValue {
            .array(rs.map { r in
                .object([("id", .string(r.rule.id)), ("name", .string(r.rule.name)), ("total", .int(r.total)),
                         ("weeks", .int(r.weeks)), ("average", .number(r.average, digits: 2)),
                         ("min", .int(r.rule.perWeek.min)), ("max", .int(r.rule.perWeek.max)),
                         ("minutes", .number(r.minutes, digits: 2)), ("status", .string(r.status.rawValue))])
            })
        }
        var rec: JSONValue = .null
        if let r = a.reconciliation {
            rec = .object([
                ("missed", .array(r.missed.map { record($0, clock) })),
                ("unplanned", .array(r.unplanned.map { record($0, clock) })),
                ("short", .array(r.short.map { record($0, clock) })),
                ("late", .array(r.late.map { p in
                    .object([("item", .string(p.aired.item)), ("planned", .string(clock.iso(p.planned.start))),
                             ("started", .string(clock.iso(p.aired.start))),
                             ("minutesLate", .number(Double(p.aired.start - p.planned.start) / 60_000, digits: 1)),
                             ("source", .string(p.aired.source.description))])
                })),
                ("unapprovedWeeks", .array(r.unapprovedWeeks.map { .string($0.description) })),
            ])
        }
        var bulletins: [(String, JSONValue)] = []
        if !a.bulletins.isEmpty {
            // Aired on their level's authority (Thông tư 39/2020): never "unplanned".
            bulletins = [("bulletins", .array(a.bulletins.map { record($0, clock) }))]
        }
        return [
            ("schema", .string("lichphat/audit@1")),
            ("station", .object([("id", .string(a.station.id)), ("name", .string(a.station.name))])),
            ("from", .string(a.period.from.description)), ("to", .string(a.period.to.description)),
            ("period", .string(a.period.name)),
            ("basis", .string(a.basis.rawValue)),
            ("compliant", .bool(a.compliant)),
            ("verdict", .string(AuditMessages.verdict(a, lang))),
            ("weeks", .array(weeks)),
            ("rules", summaries(a.rules)),
            ("devices", .array(a.devices.map { d in .object([("device", .string(d.device)), ("rules", summaries(d.rules))]) })),
            ("reconciliation", rec),
        ] + bulletins + [
            ("problems", .array(a.issues.map { i in
                .object([("code", .string(i.kind.rawValue)), ("severity", .string(i.kind == .overlap || i.kind == .missingSource ? "error" : "warning")),
                         ("source", .string(i.source?.description)), ("message", .string(AuditMessages.issue(i, lang)))])
            })),
        ]
    }

    /// One station: the documented object. Several: their objects and a roll-up, station by rule.
    public static func json(_ audits: [StationAudit], lang: Language) -> String {
        if audits.count == 1 { return JSONValue.object(stationJSON(audits[0], lang)).rendered() }
        let rollup: [JSONValue] = audits.flatMap { a in
            a.rules.map { r in
                JSONValue.object([("station", .string(a.station.id)), ("rule", .string(r.rule.id)), ("total", .int(r.total)),
                                  ("weeks", .int(r.weeks)), ("average", .number(r.average, digits: 2)), ("status", .string(r.status.rawValue))])
            }
        }
        return JSONValue.object([
            ("schema", .string("lichphat/audit-set@1")),
            ("from", .string(audits[0].period.from.description)), ("to", .string(audits[0].period.to.description)),
            ("compliant", .bool(audits.allSatisfy(\.compliant))),
            ("stations", .array(audits.map { .object(stationJSON($0, lang)) })),
            ("rollup", .array(rollup)),
        ]).rendered()
    }

    // MARK: CSV

    /// Week-by-rule rows for every station, then the period rows (week "TB" = average), BOM, CRLF.
    public static func csv(_ audits: [StationAudit], lang: Language) -> String {
        let vi = lang == .vi
        var rows = [vi ? ["Đài", "Tuần", "Từ ngày", "Đến ngày", "Chỉ tiêu", "Số lượt", "Tối thiểu", "Tối đa", "Số phút", "Kết quả", "Cơ sở", "Lịch tuần"]
                       : ["Station", "Week", "From", "To", "Rule", "Count", "Min", "Max", "Minutes", "Status", "Basis", "Week plan"]]
        for a in audits {
            for w in a.weeks {
                for r in w.rules {
                    rows.append([a.station.name, w.week.description, w.week.monday.vietnamese, w.week.sunday.vietnamese, r.rule.name,
                                 "\(r.count)", "\(r.rule.perWeek.min)", r.rule.perWeek.max.map(String.init) ?? "",
                                 ScanOutput.formatted(r.minutes, 2), PlanMessages.status(r.status, lang), a.basis.rawValue,
                                 w.approval.map { AuditMessages.approval($0, lang) } ?? ""])
                }
            }
            for r in a.rules {
                rows.append([a.station.name, vi ? "Cả kỳ (trung bình/tuần)" : "Period (average a week)", a.period.from.vietnamese, a.period.to.vietnamese,
                             r.rule.name, ScanOutput.formatted(r.average, 2), "\(r.rule.perWeek.min)", r.rule.perWeek.max.map(String.init) ?? "",
                             ScanOutput.formatted(r.minutes, 2), PlanMessages.status(r.status, lang), a.basis.rawValue, ""])
            }
        }
        return CSV.document(rows)
    }

    /// Items with their own weekly quota that the period covers, in station-file order.
    static func quotaItems(_ a: StationAudit) -> [Item] {
        let ids = Set(a.weeks.flatMap { $0.items.map(\.item.id) })
        return a.station.items.filter { ids.contains($0.id) }
    }

    static func mark(_ s: QuotaStatus) -> String { s == .ok ? "✓" : (s == .under ? "↓" : "↑") }

    // MARK: Table

    public static func table(_ audits: [StationAudit], lang: Language) -> String {
        let vi = lang == .vi
        var out = ""
        for a in audits {
            out += AuditMessages.verdict(a, lang) + "\n\n"
            let items = quotaItems(a)
            var header = [vi ? "Tuần" : "Week"]
            header += a.station.rules.map(\.id) + items.map(\.id)
            let plans = a.weeks.contains { $0.approval != nil }
            if plans { header.append(vi ? "Lịch tuần" : "Week plan") }
            let rows = a.weeks.map { w in
                ["\(w.week) \(w.week.monday.vietnamese)"] + w.rules.map { r in
                    "\(r.count) \(mark(r.status))\(r.misplaced.isEmpty ? "" : "!")"
                } + items.map { item in w.items.first { $0.item.id == item.id }.map { "\($0.count) \(mark($0.status))" } ?? "–" }
                + (plans ? [w.approval.map { AuditMessages.approval($0, lang) } ?? ""] : [])
            }
            let avg = [vi ? "Trung bình/tuần" : "Average a week"] + a.rules.map { "\(Messages.number($0.average, digits: 2, lang)) \($0.status == .ok ? "✓" : "✗")" }
                + items.map { _ in "" } + (plans ? [""] : [])
            out += TextTable.render(header: header, rows: rows + [avg])
            for s in AuditMessages.shortfalls(a, lang) { out += "  ✗ " + s + "\n" }
            if let r = a.reconciliation, a.basis == .playLogs {
                out += vi ? "\nĐối chiếu lịch – thực tế: \(r.missed.count) lượt có trong lịch nhưng không phát, \(r.unplanned.count) lượt phát ngoài lịch, \(r.short.count) lượt phát không đủ, \(r.late.count) lượt phát trễ"
                          : "\nPlan against air: \(r.missed.count) planned but not aired, \(r.unplanned.count) aired but not planned, \(r.short.count) cut short, \(r.late.count) late"
                if !r.unapprovedWeeks.isEmpty { out += vi ? "; tuần chưa duyệt: \(r.unapprovedWeeks.map(\.description).joined(separator: ", "))" : "; unapproved weeks: \(r.unapprovedWeeks.map(\.description).joined(separator: ", "))" }
                out += ".\n"
            }
            if !a.bulletins.isEmpty {
                out += (vi ? "Bản tin theo mức (Thông tư 39/2020, được phép, không tính là phát ngoài lịch): \(a.bulletins.count) lượt: "
                           : "Bulletins by level (Circular 39/2020, authorised, not counted as unplanned): \(a.bulletins.count) airing(s): ")
                    + a.bulletins.prefix(10).map { "\($0.item) \(Auditor.format($0.start))" }.joined(separator: ", ")
                    + (a.bulletins.count > 10 ? " …" : "") + ".\n"
            }
            for d in a.devices {
                out += "  \(vi ? "Thiết bị" : "Device") \(d.device): " + d.rules.map { "\($0.rule.id) \($0.total) (\(Messages.number($0.average, digits: 2, lang))/\(vi ? "tuần" : "week"))" }.joined(separator: ", ") + "\n"
            }
            for i in a.issues.prefix(20) { out += "  ! " + AuditMessages.issue(i, lang) + "\n" }
            if a.issues.count > 20 { out += vi ? "  … và \(a.issues.count - 20) ghi chú khác (xem --format json)\n" : "  … and \(a.issues.count - 20) more (see --format json)\n" }
            out += "\n"
        }
        if audits.count > 1 {
            out += (vi ? "Tổng hợp theo đài" : "Roll-up by station") + "\n"
            let rules = Array(Set(audits.flatMap { $0.rules.map(\.rule.id) })).sorted()
            let rows = audits.map { a in
                [a.station.name] + rules.map { id in a.rules.first { $0.rule.id == id }.map { "\(Messages.number($0.average, digits: 2, lang)) \($0.status == .ok ? "✓" : "✗")" } ?? "–" }
                    + [a.compliant ? (vi ? "đạt" : "ok") : (vi ? "chưa đạt" : "not met")]
            }
            out += TextTable.render(header: [vi ? "Đài" : "Station"] + rules + [vi ? "Kết quả" : "Result"], rows: rows)
        }
        return out
    }
}
