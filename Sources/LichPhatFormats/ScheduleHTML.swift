import LichPhatCore
import LichPhatText

extension ScheduleExport {
    /// A printable A4 "Lịch phát sóng" for the week, in Vietnamese, with the quota table and sign-off lines.
    public func html() -> String {
        let p = plan
        var body = ""
        body += "<header><p class=\"org\">\(esc(p.station.name.uppercased()))</p>"
        body += "<h1>LỊCH PHÁT SÓNG</h1>"
        body += "<p class=\"week\">Tuần \(p.week.week) năm \(p.week.year) (từ \(p.week.monday.vietnamese) đến \(p.week.sunday.vietnamese))</p></header>"
        if !p.compliant {
            body += "<section class=\"warn\"><strong>LỊCH CHƯA ĐẠT CHỈ TIÊU</strong><ul>"
            for pr in p.problems(.vi) where pr.severity == .error { body += "<li>\(esc(pr.message))</li>" }
            body += "</ul></section>"
        }
        var day: CivilDate?
        for s in p.sessions {
            if s.instance.date != day {
                if day != nil { body += "</section>" }
                day = s.instance.date
                body += "<section class=\"day\"><h2>\(s.instance.date.weekday.name(.vi)), \(s.instance.date.vietnamese)</h2>"
            }
            body += "<h3>\(esc(s.instance.template.name)) \(StationClock.time(s.instance.start))–\(StationClock.time(s.instance.end))"
            body += " <span class=\"free\">(còn trống \(Messages.clock(Double(s.unused) / 1000)))</span></h3>"
            body += "<table><thead><tr><th class=\"t\">Giờ</th><th>Nội dung</th><th class=\"d\">Thời lượng</th><th class=\"n\">Ghi chú</th></tr></thead><tbody>"
            for a in s.airings {
                let note = a.rules.compactMap { id in p.station.rules.first { $0.id == id }?.name }.joined(separator: "; ")
                body += "<tr><td class=\"t\">\(StationClock.time(a.start, seconds: true))</td><td>\(esc(a.title))\(a.file == nil ? " <em>(tiếp sóng)</em>" : "")</td>"
                body += "<td class=\"d\">\(Messages.clock(Double(a.length) / 1000))</td><td>\(esc(note))</td></tr>"
            }
            body += "</tbody></table>"
        }
        if day != nil { body += "</section>" }
        body += "<section class=\"quota\"><h2>Thực hiện chỉ tiêu tuyên truyền</h2><table><thead><tr><th>Chỉ tiêu</th><th>Tối thiểu</th><th>Tối đa</th><th>Số lượt</th><th>Số phút</th><th>Kết quả</th></tr></thead><tbody>"
        for r in p.rules {
            body += "<tr><td>\(esc(r.rule.name))</td><td>\(r.rule.perWeek.min)</td><td>\(r.rule.perWeek.max.map(String.init) ?? "–")</td>"
            body += "<td>\(r.count)</td><td>\(Messages.number(r.minutes, .vi))</td><td class=\"\(r.status.rawValue)\">\(PlanMessages.status(r.status, .vi))</td></tr>"
        }
        for c in p.items {
            body += "<tr><td>\(esc(c.item.title))</td><td>\(c.quota.min)</td><td>\(c.quota.max.map(String.init) ?? "–")</td>"
            body += "<td>\(c.count)</td><td>–</td><td class=\"\(c.status.rawValue)\">\(PlanMessages.status(c.status, .vi))</td></tr>"
        }
        body += "</tbody></table></section>"
        body += "<section class=\"sign\"><div><p><strong>Người lập</strong></p><p class=\"hint\">(Ký, ghi rõ họ tên)</p></div>"
        // The approval recorded in the app goes where the marker is when the sheet is printed from it.
        body += "<div><p>Ngày ..... tháng ..... năm \(p.week.year)</p><p><strong>Duyệt</strong></p>\(Self.approvalMarker)<p class=\"hint\">(Ký, ghi rõ họ tên)</p></div></section>"
        return """
        <!DOCTYPE html>
        <html lang="vi"><head><meta charset="utf-8">
        <title>Lịch phát sóng \(esc(p.station.name)) \(p.week)</title>
        <style>
        @page { size: A4; margin: 15mm 15mm 18mm 20mm; }
        *, *::before, *::after { box-sizing: border-box; }
        html { margin: 0; padding: 0; }
        body { font-family: "Times New Roman", "DejaVu Serif", serif; font-size: 12pt; color: #000; margin: 0; }
        @media screen { body { max-width: 175mm; margin: 10mm auto; } }
        header { text-align: center; } .org { font-weight: bold; margin: 0; } h1 { font-size: 16pt; margin: 8pt 0 2pt; }
        .week { font-style: italic; margin: 0 0 10pt; } h2 { font-size: 13pt; margin: 12pt 0 4pt; border-bottom: 1px solid #000; }
        h3 { font-size: 12pt; margin: 8pt 0 3pt; } .free { font-weight: normal; font-size: 10pt; color: #444; }
        table { width: calc(100% - 1pt); border-collapse: collapse; font-size: 11pt; table-layout: fixed; } th, td { border: 1px solid #555; padding: 2pt 4pt; vertical-align: top; }
        th { background: #eee; } .t { width: 20mm; } .d { width: 20mm; text-align: right; } .n { width: 55mm; }
        .quota th:first-child { width: 70mm; }
        .day { break-inside: avoid-page; } .warn { border: 2px solid #b00; padding: 4pt 8pt; margin: 8pt 0; color: #b00; }
        td.under, td.over { color: #b00; font-weight: bold; } td.ok { color: #060; }
        .sign { display: flex; justify-content: space-between; margin-top: 18pt; break-inside: avoid; text-align: center; }
        h2, h3 { break-after: avoid; page-break-after: avoid; } table { break-before: avoid; } .quota { break-inside: avoid; }
        .approved { font-size: 10pt; margin: 0 0 4pt; } .approved.changed { color: #b00; font-weight: bold; }
        .sign div { width: 45%; min-height: 35mm; } .hint { font-style: italic; font-size: 10pt; margin-top: 0; }
        </style></head><body>
        \(body)
        </body></html>

        """
    }

    /// Where the printed sheet says who approved the week in the app (empty in the file as written).
    public static let approvalMarker = "<!--lichphat:approval-->"

    static let htmlEscapes = htmlEscapeTable

    func esc(_ s: String) -> String { substituting(s, Self.htmlEscapes) }
}
