import Foundation
public import LichPhatCore

/// Reads play logs (CSV with a header) into aired records.
///
/// Two shapes: LichPhat's (`start`, `item` or `file`, optional `played` seconds, `status`,
/// `device`), and the Vietnamese loudspeaker platforms' event log (`record_id`, `device_id`,
/// `event_type`, `time`), where a "playback started" event and the next "stopped" event of the
/// same record on the same device make one airing. Column names may be English or Vietnamese.
public enum PlayLogReader {
    public struct Result: Sendable {
        public var records: [AiringRecord] = []
        /// Lines whose `reason` is a bulletin: their `item` is the bulletin's id, never a station item.
        public var bulletins: [AiringRecord] = []
        public var issues: [AuditIssue] = []
        public var lines = 0
        public var skipped = 0
        /// Set when the log as a whole cannot be used: counting from it would be a lie.
        public var unusable: Unusable?
    }

    /// Why a whole play log cannot be counted.
    public enum Unusable: Sendable, Equatable {
        /// No bytes, or only a byte-order mark and blank lines.
        case empty
        /// A header and nothing after it.
        case headerOnly
        /// Not text (NUL bytes: perhaps UTF-16 without its byte-order mark, or not a CSV at all).
        case notText
        /// The header lacks the columns either shape needs.
        case missingColumns(found: [String])
        /// Lines were there, but not one could be read.
        case nothingReadable(lines: Int)
        /// The bytes are not UTF-8 from this line on (likely Windows-1258, Excel's "CSV" on Vietnamese Windows).
        case notUTF8(line: Int)

        public func message(file: String, _ lang: Language) -> String {
            let vi = lang == .vi
            let expected = vi
                ? "Cần tệp CSV có dòng tiêu đề: start (hoặc thời gian) và item hoặc file; hoặc nhật ký của nền tảng: record_id, device_id, event_type, time."
                : "Expected a CSV with a header: start (or time) and item or file; or a platform event log: record_id, device_id, event_type, time."
            switch self {
            case .empty: return (vi ? "\(file): nhật ký phát trống. " : "\(file): the play log is empty. ") + expected
            case .headerOnly: return (vi ? "\(file): nhật ký phát chỉ có dòng tiêu đề, không có lượt phát nào. " : "\(file): the play log has a header and no airings. ") + expected
            case .notText: return (vi ? "\(file): không phải tệp văn bản CSV (có byte NUL; nếu là UTF-16, hãy lưu lại dạng “CSV UTF-8”). " : "\(file): not a CSV text file (it holds NUL bytes; if it is UTF-16, save it again as “CSV UTF-8”). ") + expected
            case let .missingColumns(found):
                let shown = found.map { String($0.prefix(40)) }.prefix(12).joined(separator: ", ")
                return (vi ? "\(file):1: dòng tiêu đề thiếu cột cần thiết (có: \(shown)). " : "\(file):1: the header lacks the columns needed (found: \(shown)). ") + expected
            case let .notUTF8(line):
                return vi ? "\(file):\(line): tệp không ở dạng UTF-8 (có lẽ Windows-1258, kiểu “CSV” của Excel trên Windows tiếng Việt), nên chữ có dấu sẽ sai. Mở tệp trong Excel và lưu lại dạng “CSV UTF-8 (Comma delimited)”, rồi tải lên lại."
                          : "\(file):\(line): the file is not UTF-8 (probably Windows-1258, Excel's “CSV” on Vietnamese Windows), so its accented letters would be wrong. Open it in Excel, save it as “CSV UTF-8 (Comma delimited)” and send it again."
            case let .nothingReadable(lines):
                return vi ? "\(file): không đọc được dòng nào trong \(lines) dòng; xem các ghi chú ở trên." : "\(file): none of its \(lines) lines could be read; see the notes above."
            }
        }
    }

    static let aliases: [String: [String]] = [
        "start": ["start", "time", "started", "start_time", "thoi_gian", "thời gian", "bắt đầu", "bat_dau", "giờ phát"],
        "item": ["item", "item_id", "mã mục", "ma_muc"],
        "file": ["file", "path", "tệp", "tep", "tên tệp"],
        "played": ["played", "duration_played", "đã phát", "da_phat", "thời lượng phát"],
        "status": ["status", "trạng thái", "trang_thai"],
        "device": ["device", "device_id", "cluster", "thiết bị", "cụm loa", "thiet_bi"],
        "record": ["record", "record_id", "mã bản ghi"],
        "event": ["event", "event_type", "sự kiện", "su_kien"],
        "reason": ["reason", "lý do", "ly_do"],
        "session": ["session", "buổi", "buoi"],
    ]

    /// `reason` values of a bulletin's airing (LichPhat's own log writes `bulletin`).
    static let bulletinReasons: Set<String> = ["bulletin", "bản tin", "ban-tin"]
    /// `status` of an airing cut short by an emergency bulletin, and of the rest of it aired after.
    public static let interruptedStatus = "interrupted", resumedStatus = "resumed"

    static func columns(_ header: [String]) -> [String: Int] {
        var out: [String: Int] = [:]
        for (i, h) in header.enumerated() {
            let name = AudioValidator.nfc(h.trimmingCharacters(in: .whitespaces)).lowercased()
            for (key, names) in aliases where names.contains(name) && out[key] == nil { out[key] = i }
        }
        return out
    }

    /// Statuses that mean the airing did not happen.
    static let failed: Set<String> = ["failed", "error", "skipped", "missed", "lỗi", "không phát", "download error", "file error"]

    public static func read(path: String, resolver: ItemResolver, time: LogTime) -> Result {
        var r = Result()
        guard let data = FileManager.default.contents(atPath: path) else {
            r.issues.append(AuditIssue(kind: .missingSource, source: nil, detail: path))
            return r
        }
        return read(bytes: [UInt8](data), name: path, resolver: resolver, time: time)
    }

    /// Reads a play log from its bytes (an upload needs no temporary file); `name` is how
    /// messages refer to it. UTF-8 with or without a byte-order mark, UTF-16 with one; LF,
    /// CRLF or old-Mac CR line endings.
    public static func read(bytes raw: [UInt8], name path: String, resolver: ItemResolver, time: LogTime) -> Result {
        var r = readLines(raw, path: path, resolver: resolver, time: time)
        if r.unusable == nil, r.lines == 0 { r.unusable = .headerOnly }
        else if r.unusable == nil, r.records.isEmpty, r.skipped == r.lines { r.unusable = .nothingReadable(lines: r.lines) }
        return r
    }

    private static func readLines(_ raw: [UInt8], path: String, resolver: ItemResolver, time: LogTime) -> Result {
        var r = Result()
        // Logs name the same few files over and over: resolve each spelling once. Keyed by the raw
        // bytes: hashing a Vietnamese String normalises it first, which costs more than the rest of the line.
        var resolved: [[UInt8]: String?] = [:]
        func resolve(item: String?, file: String?) -> String? {
            var key = Array((item ?? "").utf8)
            key.append(0)
            key.append(contentsOf: (file ?? "").utf8)
            if let hit = resolved[key] { return hit }
            let id = resolver.resolve(item: item, file: file)
            resolved[key] = id
            return id
        }
        let bytes = TextInput.utf8(raw)
        if bytes.allSatisfy({ $0 == 0x0A || $0 == 0x20 || $0 == 0x09 }) { r.unusable = .empty; return r }
        if bytes.contains(0) { r.unusable = .notText; return r }
        // Not UTF-8 (Excel's "CSV" on a Vietnamese Windows writes Windows-1258): said once, with the
        // first line that is not, instead of every line refused for a garbled name.
        if let line = TextInput.firstLineNotUTF8(bytes) { r.unusable = .notUTF8(line: line); return r }
        var rows = CSVReader(bytes).makeIterator()
        guard let header = rows.next() else { r.unusable = .empty; return r }
        let col = columns(header.fields)
        func bad(_ line: Int, _ reason: AuditIssue.Malformed) {
            r.skipped += 1
            r.issues.append(AuditIssue(malformed: reason, source: SourceRef(file: path, line: line)))
        }
        func field(_ row: CSVReader.Row, _ key: String) -> String? {
            guard let i = col[key], i < row.fields.count else { return nil }
            let v = trimmed(row.fields[i])
            return v.isEmpty ? nil : v
        }
        if col["event"] != nil, col["record"] != nil, col["start"] != nil {
            // Platform event log: pair starts and stops.
            var open: [String: (AiringRecord)] = [:]
            while let row = rows.next() {
                if row.fields.count == 1, row.fields[0].isEmpty { continue }
                r.lines += 1
                guard let t = field(row, "start").flatMap(time.parse) else { bad(row.line, .unreadableTime(nil)); continue }
                guard let record = field(row, "record") else { bad(row.line, .noRecordID); continue }
                let event = (field(row, "event") ?? "").lowercased()
                let device = field(row, "device")
                let key = record + "|" + (device ?? "")
                let src = SourceRef(file: path, line: row.line)
                if event.contains("start") || event.contains("bắt đầu") {
                    guard let item = resolve(item: nil, file: record) ?? resolve(item: record, file: nil) else {
                        r.issues.append(resolver.issue(item: nil, file: record, source: src)); r.skipped += 1; continue
                    }
                    if let prev = open[key] { r.records.append(prev) }  // no stop seen: counted as played in full
                    open[key] = AiringRecord(item: item, start: t, device: device, source: src)
                } else if event.contains("stop") || event.contains("dừng") || event.contains("kết thúc") {
                    guard var a = open.removeValue(forKey: key) else { continue }
                    a.played = max(0, t - a.start)
                    r.records.append(a)
                } else if event.contains("error") || event.contains("lỗi") {
                    open.removeValue(forKey: key)
                    r.issues.append(AuditIssue(malformed: .playbackError(event: String(event.prefix(80)), record: String(record.prefix(80))), source: src))
                }
            }
            r.records += open.values.sorted { $0.start < $1.start }
            return r
        }
        guard col["start"] != nil, col["item"] != nil || col["file"] != nil else {
            r.unusable = .missingColumns(found: header.fields)
            return r
        }
        while let row = rows.next() {
            if row.fields.count == 1, row.fields[0].isEmpty { continue }
            r.lines += 1
            guard row.fields.count <= header.fields.count + 1 else { bad(row.line, .tooManyFields); continue }
            guard let text = field(row, "start") else { bad(row.line, .noStartTime); continue }
            guard let t = time.parse(text) else { bad(row.line, .unreadableTime(String(text.prefix(80)))); continue }
            let src = SourceRef(file: path, line: row.line)
            let itemText = field(row, "item"), fileText = field(row, "file")
            guard itemText != nil || fileText != nil else { bad(row.line, .noItemOrFile); continue }
            let status = field(row, "status")?.lowercased()
            var played: Int?
            if let p = field(row, "played") {
                guard let secs = Double(substituting(p, [UInt8(ascii: ","): "."])), secs >= 0,
                      let ms = DurationText.milliseconds(secs, limit: 86_400) else {
                    bad(row.line, .playedOutOfRange(String(p.prefix(40)))); continue
                }
                played = ms
            }
            if let reason = field(row, "reason"), bulletinReasons.contains(reason.lowercased()) {
                guard let id = itemText ?? fileText else { bad(row.line, .noItemOrFile); continue }
                r.bulletins.append(AiringRecord(item: id, start: t, played: played, device: field(row, "device"),
                                                session: field(row, "session"), source: src))
                continue
            }
            guard let item = resolve(item: itemText, file: fileText) else {
                r.skipped += 1
                r.issues.append(resolver.issue(item: itemText, file: fileText, source: src))
                continue
            }
            if let status, status != "ok", failed.contains(status) { continue }
            let device = field(row, "device")
            // The rest of an airing an emergency bulletin cut: one airing with the part before it.
            if status == resumedStatus, let k = r.records.lastIndex(where: { $0.item == item && $0.device == device && $0.start <= t }) {
                if let before = r.records[k].played, let played { r.records[k].played = before + played }
                continue
            }
            var record = AiringRecord(item: item, start: t, played: played, device: device, source: src)
            record.interrupted = status == interruptedStatus
            r.records.append(record)
        }
        return r
    }
}
