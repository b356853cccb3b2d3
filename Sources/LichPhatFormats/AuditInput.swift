import Foundation
public import LichPhatCore

/// Finds the item an input line means: by id, or by a file path matched (after NFC
/// normalisation) against the audio folder, by relative path or by a unique file name.
public struct ItemResolver: Sendable {
    let ids: Set<String>
    let byPath: [String: String]
    let byName: [String: [String]]
    let audioFolder: String

    public init(station: Station, audioFolder: String) {
        ids = Set(station.items.map(\.id))
        var byPath: [String: String] = [:], byName: [String: [String]] = [:]
        for item in station.items {
            guard let f = item.file else { continue }
            let rel = AudioValidator.nfc(f)
            byPath[rel] = item.id
            byName[(rel as NSString).lastPathComponent, default: []].append(item.id)
        }
        self.byPath = byPath
        self.byName = byName
        self.audioFolder = AudioValidator.nfc(audioFolder)
    }

    /// What a log's item or file names.
    public enum Match: Sendable, Equatable {
        case item(String)
        case unknown
        /// The file's path fits several items equally well (same name in different folders, and
        /// the log gives no folder that tells them apart): never guessed.
        case ambiguous([String])
    }

    public func resolve(item: String?, file: String?) -> String? {
        if case .item(let id) = match(item: item, file: file) { return id }
        return nil
    }

    /// An item id as written; else a file: its exact path in the audio folder, else the item
    /// whose path shares the longest tail of folders with it (`tin/a.mp3` in a log under another
    /// root), a tie between items being ambiguous.
    public func match(item: String?, file: String?) -> Match {
        if let item, !item.isEmpty { return ids.contains(item) ? .item(item) : .unknown }
        guard var f = file.map(AudioValidator.nfc), !f.isEmpty else { return .unknown }
        f = f.replacingOccurrences(of: "\\", with: "/")
        if f.hasPrefix(audioFolder + "/") { f.removeFirst(audioFolder.count + 1) }
        while f.hasPrefix("./") { f.removeFirst(2) }
        if let id = byPath[f] { return .item(id) }
        let name = (f as NSString).lastPathComponent
        guard let candidates = byName[name], !candidates.isEmpty else { return .unknown }
        let parts = f.split(separator: "/")
        var best = 0, winners: [String] = []
        for (path, id) in byPath where (path as NSString).lastPathComponent == name {
            let theirs = path.split(separator: "/")
            var shared = 0
            while shared < parts.count, shared < theirs.count,
                  parts[parts.count - 1 - shared] == theirs[theirs.count - 1 - shared] { shared += 1 }
            if shared > best { best = shared; winners = [id] } else if shared == best, !winners.contains(id) { winners.append(id) }
        }
        return winners.count == 1 ? .item(winners[0]) : .ambiguous(winners.sorted())
    }

    /// The issue for a line whose item or file names no single item.
    func issue(item: String?, file: String?, source: SourceRef) -> AuditIssue {
        if case .ambiguous(let ids) = match(item: item, file: file) {
            return AuditIssue(kind: .ambiguousItem, source: source, detail: "\(file ?? ""): \(ids.joined(separator: ", "))")
        }
        return AuditIssue(kind: .unknownItem, source: source, detail: item.flatMap { $0.isEmpty ? nil : $0 } ?? file ?? "")
    }
}

/// Times as logs write them, turned into station-local milliseconds.
public struct LogTime: Sendable {
    /// The station's clock: a timestamp with an offset becomes station time at that instant
    /// (so a log across a daylight-saving change reads right).
    public let clock: StationClock

    public init(clock: StationClock) { self.clock = clock }
    public init(timeZone: String) { self.clock = StationClock(identifier: timeZone) }

    /// ISO 8601 (`2026-11-23T06:00:05+07:00`, `…Z`, or no offset: station time), or
    /// `dd/MM/yyyy HH:mm[:ss]` in station time.
    public func parse(_ text: String) -> Int? {
        let u = Array(text.utf8)
        func num(_ a: Int, _ n: Int) -> Int? {
            guard a + n <= u.count else { return nil }
            var v = 0
            for i in a..<a + n { guard u[i] >= 48, u[i] <= 57 else { return nil }; v = v * 10 + Int(u[i] - 48) }
            return v
        }
        var y = 0, mo = 0, d = 0, rest = 0
        if u.count >= 10, u[4] == 0x2D, u[7] == 0x2D, let yy = num(0, 4), let mm = num(5, 2), let dd = num(8, 2) {
            (y, mo, d, rest) = (yy, mm, dd, 10)
        } else if u.count >= 10, u[2] == 0x2F, u[5] == 0x2F, let dd = num(0, 2), let mm = num(3, 2), let yy = num(6, 4) {
            (y, mo, d, rest) = (yy, mm, dd, 10)
        } else { return nil }
        guard (1...12).contains(mo), d >= 1, d <= 31 else { return nil }
        guard rest < u.count, u[rest] == 0x54 || u[rest] == 0x20 else { return nil }
        guard let h = num(rest + 1, 2), u.count > rest + 3, u[rest + 3] == 0x3A, let mi = num(rest + 4, 2), h < 24, mi < 60 else { return nil }
        var p = rest + 6, s = 0, ms = 0
        if p < u.count, u[p] == 0x3A { guard let ss = num(p + 1, 2), ss < 61 else { return nil }; s = ss; p += 3 }
        if p < u.count, u[p] == 0x2E || u[p] == 0x2C {  // fractions of a second
            p += 1
            var scale = 100
            while p < u.count, u[p] >= 48, u[p] <= 57 { ms += Int(u[p] - 48) * scale; scale /= 10; p += 1 }
        }
        var local = (CivilDate(year: y, month: mo, day: d).daysSinceEpoch * 86_400 + h * 3600 + mi * 60 + s) * 1000 + ms
        if p < u.count {
            var offset: Int
            if u[p] == 0x5A { offset = 0; p += 1 }
            else if u[p] == 0x2B || u[p] == 0x2D, let oh = num(p + 1, 2) {
                let om = (p + 3 < u.count && u[p + 3] == 0x3A) ? num(p + 4, 2) : num(p + 3, 2)
                offset = (oh * 3600 + (om ?? 0) * 60) * (u[p] == 0x2D ? -1 : 1)
                p = u.count
            } else { return nil }
            local = clock.local(utc: local - offset * 1000)
        }
        return local
    }
}

/// `s` without leading and trailing spaces and tabs (no Foundation: this runs per field of every line).
func trimmed(_ s: String) -> String {
    let u = s.utf8
    guard let f = u.first, let l = u.last, f == 0x20 || f == 0x09 || l == 0x20 || l == 0x09 else { return s }
    return String(s.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
}

/// Reads play logs (CSV with a header) into aired records.
///
/// Two shapes: LichPhat's (`start`, `item` or `file`, optional `played` seconds, `status`,
/// `device`), and the Vietnamese loudspeaker platforms' event log (`record_id`, `device_id`,
/// `event_type`, `time`), where a "playback started" event and the next "stopped" event of the
/// same record on the same device make one airing. Column names may be English or Vietnamese.
public enum PlayLogReader {
    public struct Result: Sendable {
        public var records: [AiringRecord] = []
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
    ]

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

    public static func read(path: String, resolver: ItemResolver, time: LogTime, lang: Language) -> Result {
        var r = Result()
        guard let data = FileManager.default.contents(atPath: path) else {
            r.issues.append(AuditIssue(kind: .missingSource, source: nil, detail: path))
            return r
        }
        return read(bytes: [UInt8](data), name: path, resolver: resolver, time: time, lang: lang)
    }

    /// Reads a play log from its bytes (an upload needs no temporary file); `name` is how
    /// messages refer to it. UTF-8 with or without a byte-order mark, UTF-16 with one; LF,
    /// CRLF or old-Mac CR line endings.
    public static func read(bytes raw: [UInt8], name path: String, resolver: ItemResolver, time: LogTime, lang: Language) -> Result {
        var r = readLines(raw, path: path, resolver: resolver, time: time, lang: lang)
        if r.unusable == nil, r.lines == 0 { r.unusable = .headerOnly }
        else if r.unusable == nil, r.records.isEmpty, r.skipped == r.lines { r.unusable = .nothingReadable(lines: r.lines) }
        return r
    }

    private static func readLines(_ raw: [UInt8], path: String, resolver: ItemResolver, time: LogTime, lang: Language) -> Result {
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
        var rows = CSVReader(bytes).makeIterator()
        guard let header = rows.next() else { r.unusable = .empty; return r }
        let col = columns(header.fields)
        let vi = lang == .vi
        func bad(_ line: Int, _ vi_: String, _ en: String) {
            r.skipped += 1
            r.issues.append(AuditIssue(kind: .malformed, source: SourceRef(file: path, line: line), detail: vi ? vi_ : en))
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
                guard let t = field(row, "start").flatMap(time.parse) else { bad(row.line, "thời gian không đọc được", "unreadable time"); continue }
                guard let record = field(row, "record") else { bad(row.line, "thiếu record_id", "no record_id"); continue }
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
                    r.issues.append(AuditIssue(kind: .malformed, source: src, detail: vi ? "lỗi phát: \(event) (\(record))" : "playback error: \(event) (\(record))"))
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
            guard row.fields.count <= header.fields.count + 1 else { bad(row.line, "thừa cột", "too many fields"); continue }
            guard let text = field(row, "start") else { bad(row.line, "thiếu thời gian", "no start time"); continue }
            guard let t = time.parse(text) else { bad(row.line, "thời gian “\(text)” không đọc được (ISO 8601 hoặc dd/MM/yyyy HH:mm)", "unreadable time “\(text)” (ISO 8601 or dd/MM/yyyy HH:mm)"); continue }
            let src = SourceRef(file: path, line: row.line)
            let itemText = field(row, "item"), fileText = field(row, "file")
            guard itemText != nil || fileText != nil else { bad(row.line, "thiếu mã mục hoặc tệp", "no item or file"); continue }
            guard let item = resolve(item: itemText, file: fileText) else {
                r.skipped += 1
                r.issues.append(resolver.issue(item: itemText, file: fileText, source: src))
                continue
            }
            if let status = field(row, "status"), status != "ok", failed.contains(status.lowercased()) { continue }
            var played: Int?
            if let p = field(row, "played") {
                guard let secs = Double(substituting(p, [UInt8(ascii: ","): "."])), secs >= 0,
                      let ms = DurationText.milliseconds(secs, limit: 86_400) else {
                    bad(row.line, "“played” phải là số giây từ 0 đến 86400 (có: “\(p.prefix(40))”)", "“played” must be seconds from 0 to 86400 (found “\(p.prefix(40))”)"); continue
                }
                played = ms
            }
            r.records.append(AiringRecord(item: item, start: t, played: played, device: field(row, "device"), source: src))
        }
        return r
    }
}

/// Reads what was planned: LichPhat's week folders, single schedule.json files, and
/// hand-made schedules in the shape of schedule.csv.
public enum PlanReader {
    public struct Result: Sendable {
        public var records: [AiringRecord] = []
        /// The state of each week read: approved, modified or draft (week folders), draft (files).
        public var approvals: [ISOWeek: ApprovalState] = [:]
        public var weeks: Set<ISOWeek> = []

        /// A week read from a plan with no approval beside it (yet).
        mutating func found(_ w: ISOWeek) {
            weeks.insert(w)
            if approvals[w] == nil { approvals[w] = .draft }
        }
        public var issues: [AuditIssue] = []
    }

    /// A folder of weeks (`2026-W48/schedule.json` …), a schedule.json, or a schedule CSV.
    /// `weeks`: the only week folders to read (those of the audited period); nil reads all.
    public static func read(path: String, resolver: ItemResolver, time: LogTime, weeks: Set<ISOWeek>? = nil) -> Result {
        var r = Result()
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            r.issues.append(AuditIssue(kind: .missingSource, source: nil, detail: path))
            return r
        }
        if isDir.boolValue {
            if FileManager.default.fileExists(atPath: path + "/schedule.json") { readWeek(path, into: &r, time: time); return r }
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() {
                guard let w = ISOWeek(name), w.description == name, weeks?.contains(w) ?? true else { continue }
                readWeek(path + "/" + name, into: &r, time: time)
            }
        } else if path.lowercased().hasSuffix(".json") {
            readJSON(path, into: &r, time: time)
        } else {
            readCSV(path, into: &r, resolver: resolver, time: time)
        }
        return r
    }

    static func readWeek(_ folder: String, into r: inout Result, time: LogTime) {
        guard FileManager.default.fileExists(atPath: folder + "/schedule.json") else { return }
        let before = r.weeks
        readJSON(folder + "/schedule.json", into: &r, time: time)
        let state = WeekFolder.state(of: folder).approval
        for w in r.weeks.subtracting(before) { r.approvals[w] = state }
    }

    static func readJSON(_ path: String, into r: inout Result, time: LogTime) {
        guard let data = FileManager.default.contents(atPath: path),
              let doc = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let sessions = doc["sessions"] as? [[String: Any]] else {
            r.issues.append(AuditIssue(kind: .malformed, source: SourceRef(file: path, line: 1), detail: "not a LichPhat schedule.json"))
            return
        }
        if let w = (doc["week"] as? String).flatMap(ISOWeek.init) { r.found(w) }
        for (n, s) in sessions.enumerated() {
            for a in s["airings"] as? [[String: Any]] ?? [] {
                guard let item = a["item"] as? String, let start = (a["start"] as? String).flatMap(time.parse) else { continue }
                let secs = (a["duration"] as? Double) ?? (a["duration"] as? Int).map(Double.init)
                r.records.append(AiringRecord(item: item, start: start, length: secs.flatMap { DurationText.milliseconds($0, limit: 86_400) },
                                              session: s["id"] as? String, source: SourceRef(file: path, line: n + 1)))
            }
        }
    }

    static func readCSV(_ path: String, into r: inout Result, resolver: ItemResolver, time: LogTime) {
        guard let data = FileManager.default.contents(atPath: path) else { return }
        var rows = CSVReader([UInt8](data)).makeIterator()
        guard let header = rows.next() else { return }
        let names = header.fields.map { AudioValidator.nfc($0).lowercased() }
        func index(_ vi: String, _ en: String) -> Int? { names.firstIndex(of: vi.lowercased()) ?? names.firstIndex(of: en.lowercased()) }
        guard let date = index("Ngày", "Date"), let start = index("Bắt đầu", "Start") else {
            r.issues.append(AuditIssue(kind: .malformed, source: SourceRef(file: path, line: 1), detail: "the header needs Ngày/Date and Bắt đầu/Start columns, as in schedule.csv"))
            return
        }
        let item = index("Mã mục", "Item id"), file = index("Tệp", "File"), length = index("Thời lượng (giây)", "Duration (s)"),
            session = index("Mã buổi", "Session id")
        while let row = rows.next() {
            if row.fields.count == 1, row.fields[0].isEmpty { continue }
            let f = { (i: Int?) -> String? in i.flatMap { $0 < row.fields.count && !row.fields[$0].isEmpty ? row.fields[$0] : nil } }
            let src = SourceRef(file: path, line: row.line)
            guard let d = f(date), let s = f(start), let t = time.parse(d + " " + s) else {
                r.issues.append(AuditIssue(kind: .malformed, source: src, detail: "unreadable date or time")); continue
            }
            guard let id = resolver.resolve(item: f(item), file: f(file)) else {
                r.issues.append(resolver.issue(item: f(item), file: f(file), source: src)); continue
            }
            let secs = f(length).flatMap { Double($0.replacingOccurrences(of: ",", with: ".")) }
            r.records.append(AiringRecord(item: id, start: t, length: secs.flatMap { DurationText.milliseconds($0, limit: 86_400) }, session: f(session), source: src))
            r.found(ISOWeek(containing: CivilDate(daysSinceEpoch: Int((Double(t) / 86_400_000).rounded(.down)))))
        }
    }
}
