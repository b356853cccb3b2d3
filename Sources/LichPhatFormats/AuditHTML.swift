public import LichPhatCore
import LichPhatText

extension AuditOutput {
    /// The printable report, in Vietnamese, ready to attach: station, period, a one-sentence
    /// verdict, the week-by-rule table, a chart of weekly airings against the quota band,
    /// every shortfall with its dates, and sign-off lines. Several stations: one section each
    /// and a roll-up table.
    public static func html(_ audits: [StationAudit]) -> String {
        let lang = Language.vi
        var body = ""
        if audits.count > 1 {
            body += "<h1>BÁO CÁO KẾT QUẢ TUYÊN TRUYỀN NGHỊ QUYẾT 57-NQ/TW</h1>"
            body += "<p class=\"sub\">trên hệ thống truyền thanh cơ sở, từ \(audits[0].period.from.vietnamese) đến \(audits[0].period.to.vietnamese)</p>"
            body += "<h2>Tổng hợp theo đài</h2><table><thead><tr><th>Đài</th>"
            let rules = audits[0].station.rules
            for r in rules { body += "<th>\(esc(r.name))<br><span class=\"band\">\(AuditMessages.band(r, lang))</span></th>" }
            body += "<th>Kết quả</th></tr></thead><tbody>"
            for a in audits {
                body += "<tr><td>\(esc(a.station.name))</td>"
                for r in rules {
                    let s = a.rules.first { $0.rule.id == r.id }
                    body += "<td class=\"\(s?.status.rawValue ?? "")\">\(s.map { "\(Messages.number($0.average, digits: 2, lang)) (\($0.total) lượt)" } ?? "–")</td>"
                }
                body += "<td class=\"\(a.compliant ? "ok" : "under")\">\(a.compliant ? "Đạt" : "Chưa đạt")</td></tr>"
            }
            body += "</tbody></table>"
        }
        for a in audits { body += section(a, standalone: audits.count == 1) }
        body += "<section class=\"sign\"><div><p><strong>Người lập báo cáo</strong></p><p class=\"hint\">(Ký, ghi rõ họ tên)</p></div>"
        body += "<div><p>Ngày ..... tháng ..... năm \(audits.first?.period.to.year ?? 2026)</p><p><strong>Thủ trưởng đơn vị</strong></p><p class=\"hint\">(Ký, ghi rõ họ tên, đóng dấu)</p></div></section>"
        return """
        <!DOCTYPE html>
        <html lang="vi"><head><meta charset="utf-8">
        <title>Báo cáo kết quả tuyên truyền \(esc(audits.count == 1 ? audits[0].station.name : "các đài")) \(audits.first?.period.name ?? "")</title>
        <style>
        @page { size: A4; margin: 15mm 15mm 18mm 20mm; }
        *, *::before, *::after { box-sizing: border-box; }
        body { font-family: "Times New Roman", "DejaVu Serif", serif; font-size: 12pt; color: #000; margin: 0; }
        @media screen { body { max-width: 175mm; margin: 10mm auto; } }
        h1 { font-size: 15pt; text-align: center; margin: 6pt 0 2pt; } .sub { text-align: center; font-style: italic; margin: 0 0 8pt; }
        .org { text-align: center; font-weight: bold; margin: 0; }
        h2 { font-size: 13pt; margin: 12pt 0 4pt; } .verdict { border-left: 4px solid #333; padding: 4pt 8pt; background: #f4f4f4; }
        .verdict.bad { border-color: #b00; } table { width: calc(100% - 1pt); border-collapse: collapse; font-size: 11pt; margin: 4pt 0; }
        th, td { border: 1px solid #555; padding: 2pt 4pt; text-align: center; } th { background: #eee; } td:first-child { text-align: left; }
        td.under, td.over { color: #b00; font-weight: bold; } td.ok { color: #060; } .band { font-weight: normal; font-size: 9pt; }
        ul.short li { margin: 2pt 0; } svg { display: block; margin: 4pt auto; } .station { break-before: auto; }
        .sign { display: flex; justify-content: space-between; margin-top: 18pt; break-inside: avoid; text-align: center; }
        .sign div { width: 45%; min-height: 35mm; } .hint { font-style: italic; font-size: 10pt; margin-top: 0; }
        </style></head><body>
        \(body)
        </body></html>

        """
    }

    static func section(_ a: StationAudit, standalone: Bool) -> String {
        let lang = Language.vi
        var s = "<section class=\"station\">"
        if standalone {
            s += "<p class=\"org\">\(esc(a.station.name.uppercased()))</p>"
            s += "<h1>BÁO CÁO KẾT QUẢ TUYÊN TRUYỀN NGHỊ QUYẾT 57-NQ/TW</h1>"
            s += "<p class=\"sub\">trên hệ thống truyền thanh cơ sở, kỳ báo cáo \(esc(a.period.name)): từ \(a.period.from.vietnamese) đến \(a.period.to.vietnamese)</p>"
        } else {
            s += "<h2>\(esc(a.station.name))</h2>"
        }
        s += "<p class=\"verdict\(a.compliant ? "" : " bad")\">\(esc(AuditMessages.verdict(a, lang)))</p>"
        // Week by rule.
        let quotaItems = AuditOutput.quotaItems(a)
        s += "<h2>Số lượt phát theo tuần</h2><table><thead><tr><th>Tuần</th>"
        for r in a.station.rules { s += "<th>\(esc(r.name))<br><span class=\"band\">\(AuditMessages.band(r, lang))</span></th>" }
        for i in quotaItems { s += "<th>\(esc(i.title))<br><span class=\"band\">tối thiểu \(i.perWeek?.min ?? 0) lượt/tuần</span></th>" }
        s += "</tr></thead><tbody>"
        for w in a.weeks {
            s += "<tr><td>Tuần \(w.week.week) (\(w.week.monday.vietnamese)–\(w.week.sunday.vietnamese))\(w.approval.map { " <em class=\"\($0.rawValue)\">\(esc(AuditMessages.approval($0, lang)))</em>" } ?? "")</td>"
            for r in w.rules {
                s += "<td class=\"\(r.status.rawValue)\">\(r.count) lượt, \(Messages.number(r.minutes, lang)) phút\(r.misplaced.isEmpty ? "" : " – sai ngày/buổi")</td>"
            }
            for item in quotaItems {
                if let c = w.items.first(where: { $0.item.id == item.id }) {
                    s += "<td class=\"\(c.status.rawValue)\">\(c.count) lượt, \(Messages.number(c.minutes, lang)) phút</td>"
                } else {
                    s += "<td>–</td>"
                }
            }
            s += "</tr>"
        }
        s += "<tr><td><strong>Trung bình/tuần</strong></td>"
        for r in a.rules { s += "<td class=\"\(r.status.rawValue)\"><strong>\(Messages.number(r.average, digits: 2, lang))</strong> (tổng \(r.total) lượt)</td>" }
        for _ in quotaItems { s += "<td></td>" }
        s += "</tr></tbody></table>"
        for r in a.station.rules { s += chart(a, rule: r) }
        let shortfalls = AuditMessages.shortfalls(a, lang)
        s += "<h2>Tuần chưa đạt</h2>"
        s += shortfalls.isEmpty ? "<p>Không có tuần nào thiếu hoặc vượt chỉ tiêu.</p>" : "<ul class=\"short\">" + shortfalls.map { "<li>\(esc($0))</li>" }.joined() + "</ul>"
        if let r = a.reconciliation, a.basis == .playLogs {
            s += "<h2>Đối chiếu lịch và thực tế phát</h2><table><tbody>"
            s += "<tr><td>Có trong lịch nhưng không phát</td><td>\(r.missed.count)</td></tr>"
            s += "<tr><td>Phát ngoài lịch</td><td>\(r.unplanned.count)</td></tr>"
            s += "<tr><td>Phát không đủ thời lượng (dưới 90%)</td><td>\(r.short.count)</td></tr>"
            s += "<tr><td>Phát trễ</td><td>\(r.late.count)</td></tr>"
            s += "<tr><td>Tuần phát theo lịch chưa được duyệt</td><td>\(r.unapprovedWeeks.isEmpty ? "0" : r.unapprovedWeeks.map(\.description).joined(separator: ", "))</td></tr>"
            s += "</tbody></table>"
        }
        if !a.bulletins.isEmpty {
            s += "<h2>Bản tin theo mức (Thông tư 39/2020/TT-BTTTT)</h2><p>Phát theo mức của bản tin, được phép; không tính là phát ngoài lịch.</p>"
            s += "<table><thead><tr><th>Bản tin</th><th>Bắt đầu</th><th>Đã phát</th></tr></thead><tbody>"
            for b in a.bulletins {
                s += "<tr><td>\(esc(b.item))</td><td>\(esc(Auditor.format(b.start)))</td><td>\(b.played.map { Messages.clock(Double($0) / 1000) } ?? "")</td></tr>"
            }
            s += "</tbody></table>"
        }
        if !a.devices.isEmpty {
            s += "<h2>Theo cụm loa</h2><table><thead><tr><th>Cụm loa</th>"
            for r in a.station.rules { s += "<th>\(esc(r.name))</th>" }
            s += "</tr></thead><tbody>"
            for d in a.devices {
                s += "<tr><td>\(esc(d.device))</td>" + d.rules.map { "<td class=\"\($0.status.rawValue)\">\(Messages.number($0.average, digits: 2, lang))/tuần</td>" }.joined() + "</tr>"
            }
            s += "</tbody></table>"
        }
        s += "<p class=\"hint\">Cơ sở số liệu: \(AuditMessages.basis(a.basis, lang)). Mỗi tuần tính từ Thứ Hai đến Chủ nhật và thuộc kỳ chứa ngày Thứ Năm của tuần.</p>"
        return s + "</section>"
    }

    /// Bars of weekly airings over the shaded quota band.
    static func chart(_ a: StationAudit, rule: QuotaRule) -> String {
        let counts = a.weeks.map { w in w.rules.first { $0.rule.id == rule.id }?.count ?? 0 }
        guard !counts.isEmpty else { return "" }
        let top = max(counts.max() ?? 0, rule.perWeek.max ?? rule.perWeek.min, rule.perWeek.min, 1) + 1
        let width = 560.0, height = 150.0, left = 34.0, bottom = 24.0, plot = height - bottom - 8
        let step = (width - left - 8) / Double(counts.count)
        func y(_ v: Double) -> Double { 8 + plot - plot * v / Double(top) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(esc(rule.name))\">"
        svg += "<text x=\"\(Int(width / 2))\" y=\"7\" font-size=\"9\" text-anchor=\"middle\" dominant-baseline=\"hanging\">\(esc(rule.name)): số lượt mỗi tuần và khoảng chỉ tiêu</text>"
        // The band [min, max]; when min = max (a weekly column), a strip around that line.
        let lo = Double(rule.perWeek.min), hi = Double(rule.perWeek.max ?? top)
        let bandTop = y(hi == lo ? hi + 0.15 : hi), bandBottom = y(hi == lo ? lo - 0.15 : lo)
        svg += "<rect x=\"\(left)\" y=\"\(f(bandTop))\" width=\"\(f(width - left - 8))\" height=\"\(f(bandBottom - bandTop))\" fill=\"#cfe8cf\"/>"
        for v in 0...top {
            svg += "<line x1=\"\(left)\" x2=\"\(f(width - 8))\" y1=\"\(f(y(Double(v))))\" y2=\"\(f(y(Double(v))))\" stroke=\"#ccc\" stroke-width=\"0.5\"/>"
            svg += "<text x=\"\(f(left - 4))\" y=\"\(f(y(Double(v)) + 3))\" font-size=\"9\" text-anchor=\"end\">\(v)</text>"
        }
        for (i, c) in counts.enumerated() {
            let x = left + Double(i) * step + step * 0.2
            let ok = c >= rule.perWeek.min && (rule.perWeek.max.map { c <= $0 } ?? true)
            svg += "<rect x=\"\(f(x))\" y=\"\(f(y(Double(c))))\" width=\"\(f(step * 0.6))\" height=\"\(f(y(0) - y(Double(c))))\" fill=\"\(ok ? "#2e7d32" : "#c62828")\"/>"
            svg += "<text x=\"\(f(x + step * 0.3))\" y=\"\(f(height - 10))\" font-size=\"9\" text-anchor=\"middle\">T\(a.weeks[i].week.week)</text>"
        }
        let avg = a.rules.first { $0.rule.id == rule.id }?.average ?? 0
        svg += "<line x1=\"\(left)\" x2=\"\(f(width - 8))\" y1=\"\(f(y(avg)))\" y2=\"\(f(y(avg)))\" stroke=\"#1565c0\" stroke-dasharray=\"4 3\"/>"
        svg += "<text x=\"\(f(width - 10))\" y=\"\(f(y(avg) - 3))\" font-size=\"9\" text-anchor=\"end\" fill=\"#1565c0\">trung bình \(Messages.number(avg, digits: 2, .vi))</text>"
        return svg + "</svg>"
    }

    static func f(_ v: Double) -> String { ScanOutput.formatted(v, 1) }

    static func esc(_ s: String) -> String { substituting(s, ScheduleExport.htmlEscapes) }
}
