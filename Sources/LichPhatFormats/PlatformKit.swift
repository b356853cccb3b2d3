public import LichPhatCore

/// The Vietnamese IP loudspeaker platforms' upload kit: one record per rendered file, set by
/// start minute and weekdays (`schemas/platform.schema.json`), as JSON and as a spreadsheet.
public struct PlatformRecord: Sendable, Equatable {
    public var id: String
    public var title: String
    public var file: String
    /// Minutes after midnight, station time (0–1439).
    public var startMinute: Int
    /// Bit 0 = Monday … bit 6 = Sunday.
    public var weekdays: Int
    public var startDate: String
    public var expiryDate: String
    /// Seconds.
    public var duration: Double
    /// 1 normal, 2 priority, 3 emergency.
    public var priority: Int
    public var approvedBy: String?
    public var approvedAt: String?

    public init(id: String, title: String, file: String, startMinute: Int, weekdays: Int, startDate: String, expiryDate: String,
                duration: Double, priority: Int, approvedBy: String?, approvedAt: String?) {
        self.id = id; self.title = title; self.file = file; self.startMinute = startMinute; self.weekdays = weekdays
        self.startDate = startDate; self.expiryDate = expiryDate; self.duration = duration; self.priority = priority
        self.approvedBy = approvedBy; self.approvedAt = approvedAt
    }
}

public enum PlatformKit {
    public static func json(_ records: [PlatformRecord], station: String, week: ISOWeek) -> String {
        JSONValue.object([
            ("schema", .string("lichphat/platform@1")), ("station", .string(station)), ("week", .string(week.description)),
            ("records", .array(records.map { r in
                .object([
                    ("id", .string(r.id)), ("title", .string(r.title)), ("file", .string(r.file)),
                    ("startMinute", .int(r.startMinute)), ("weekdays", .int(r.weekdays)),
                    ("startDate", .string(r.startDate)), ("expiryDate", .string(r.expiryDate)),
                    ("duration", .number(r.duration, digits: 3)), ("priority", .int(r.priority)),
                    ("playMode", .string("scheduled")), ("repeat", .string("weekly")),
                    ("approvedBy", r.approvedBy.map { .string($0) } ?? .null), ("approvedAt", r.approvedAt.map { .string($0) } ?? .null),
                ])
            })),
        ]).rendered()
    }

    /// UTF-8 with a byte-order mark, Vietnamese headers, for platforms that import spreadsheets.
    public static func csv(_ records: [PlatformRecord]) -> String {
        let days = ["T2", "T3", "T4", "T5", "T6", "T7", "CN"]
        let header = ["Mã", "Tên bản tin", "Tệp", "Giờ phát", "Phút bắt đầu", "Các ngày", "Mã ngày (bit)", "Từ ngày", "Đến ngày",
                      "Thời lượng (giây)", "Mức ưu tiên", "Chế độ phát", "Lặp lại", "Người duyệt", "Thời điểm duyệt"]
        let rows = records.map { r -> [String] in
            let hh = r.startMinute / 60, mm = r.startMinute % 60
            return [r.id, r.title, r.file, "\(hh < 10 ? "0" : "")\(hh):\(mm < 10 ? "0" : "")\(mm)", String(r.startMinute),
                    (0..<7).filter { r.weekdays & (1 << $0) != 0 }.map { days[$0] }.joined(separator: ","), String(r.weekdays),
                    r.startDate, r.expiryDate, String(format3(r.duration)), String(r.priority), "scheduled", "weekly",
                    r.approvedBy ?? "", r.approvedAt ?? ""]
        }
        return CSV.document([header] + rows)
    }

    static func format3(_ v: Double) -> String {
        let ms = Int((v * 1000).rounded())
        return "\(ms / 1000).\(String(ms % 1000 + 1000).dropFirst())"
    }
}
