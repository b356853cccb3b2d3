import Foundation
public import LichPhatCore
import Yams

/// A station file as written, before the audio is read: items still name their files.
public struct StationFile: Sendable {
    public var path: String
    public var id: String
    public var name: String
    public var timeZone: String
    /// The audio folder, resolved against the station file's folder.
    public var audioFolder: String
    public var policy: AudioPolicy
    public var sessions: [SessionTemplate]
    public var items: [ItemSpec]
    public var rules: [QuotaRule]
    public var fill: [String]
    public var repeatGap: Int
    /// `max_unused`: a session emptier than this share of its length is reported (thousandths).
    public var maxUnusedPermille = 100
    /// `trim_silence: true`: head and tail silence beyond `max_dead_air` is cut at playout.
    public var trimSilence = false
    /// `playout: {air_draft: true}`: `lichphat air` airs a week nobody approved (else it refuses).
    public var airDraft = false
    /// `playout: {dead_air: 10s}`: silence on air longer than this, during an airing, is recorded.
    public var deadAir = 10_000
    /// Stream addresses of relays (`url:`), by item id, for playlists.
    public var relayURLs: [String: String] = [:]
    /// `abbreviations:` the station's own short forms and how a notice reads them aloud
    /// (`KTXH: kinh tế xã hội`), beside the built-in list.
    public var abbreviations: [(String, String)] = []
    /// Where each item id, session id and rule id was written (line, column), for messages.
    public var marks: [String: (line: Int, column: Int)]

    /// One `items:` entry: an item, or a folder whose every audio file is an item.
    public enum ItemSpec: Sendable {
        case item(Item, line: Int)
        case folder(path: String, template: Item, line: Int)
    }
}

/// Every problem found in one configuration file.
public struct ConfigErrors: Error, Sendable {
    public var errors: [ConfigError]
    public init(_ errors: [ConfigError]) { self.errors = errors }
}

/// Reads station files, collecting every problem with its line and column.
public enum StationFileReader {
    static let topKeys = ["station", "audio", "policy", "sessions", "items", "rules", "fill", "repeat_gap", "max_unused", "trim_silence", "abbreviations", "playout"]
    static let playoutKeys = ["air_draft", "dead_air"]
    static let stationKeys = ["id", "name", "timezone"]
    static let sessionKeys = ["id", "name", "days", "start", "length", "open", "close"]
    static let itemKeys = ["id", "title", "file", "relay", "url", "length", "tags", "from", "until", "days", "sessions", "priority", "per_week", "folder"]
    static let ruleKeys = ["id", "name", "tags", "per_week", "days", "sessions"]
    static let quotaKeys = ["min", "max"]

    public static func read(path: String, lang: Language) -> Result<StationFile, ConfigErrors> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(ConfigErrors([ConfigError(file: path, message: lang == .vi
                ? "Không đọc được tệp trạm. Kiểm tra đường dẫn."
                : "Cannot read the station file. Check the path.")]))
        }
        return parse(bytes: [UInt8](data), path: path, lang: lang)
    }

    /// Reads a station file from its bytes (an upload needs no temporary file): UTF-8 with or
    /// without a byte-order mark, UTF-16 with one, any line endings.
    public static func parse(bytes: [UInt8], path: String, lang: Language) -> Result<StationFile, ConfigErrors> {
        parse(TextInput.text(bytes), path: path, lang: lang)
    }

    /// Largest values a station file may hold, each checked where it is read.
    public enum Limits {
        /// A session or relay: a day at most.
        public static let length = 24 * 3_600_000
        /// Repeat gap: a week at most.
        public static let repeatGap = 7 * 24 * 3_600_000
        /// Airings a week: far more than any week can hold.
        public static let perWeek = 1000
        public static let priority = 100
    }

    public static func parse(_ text: String, path: String, lang: Language) -> Result<StationFile, ConfigErrors> {
        var r = Reader(path: path, lang: lang)
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            let (line, column, message) = YAMLProblem.describe(error, text: text, lang: lang)
            return .failure(ConfigErrors([ConfigError(file: path, line: line, column: column, message: message)]))
        }
        guard let root, let top = root.mapping else {
            return .failure(ConfigErrors([ConfigError(file: path, line: 1, column: 1, message: lang == .vi
                ? "Tệp trạm phải là một bảng khoá: giá trị (station, sessions, items, rules, ...)."
                : "A station file must be a mapping (station, sessions, items, rules, ...).")]))
        }
        r.checkKeys(top, topKeys, context: nil)
        var file = StationFile(path: path, id: "", name: "", timeZone: StationClock.defaultIdentifier,
                               audioFolder: "", policy: AudioPolicy(), sessions: [], items: [], rules: [],
                               fill: [], repeatGap: 20 * 3_600_000, marks: [:])
        // station
        if let st = top["station"] {
            if let m = st.mapping {
                r.checkKeys(m, stationKeys, context: "station")
                file.id = r.string(m["id"], "station.id") ?? ""
                file.name = r.string(m["name"], "station.name") ?? file.id
                if let tz = r.string(m["timezone"], "station.timezone") {
                    if TimeZone(identifier: tz) == nil { r.error(m["timezone"], vi: "Múi giờ “\(tz)” không tồn tại; dùng ví dụ Asia/Ho_Chi_Minh.", en: "Unknown time zone “\(tz)”; use for example Asia/Ho_Chi_Minh.") }
                    else { file.timeZone = tz }
                }
            } else { r.error(st, vi: "“station” phải có id và name.", en: "“station” needs an id and a name.") }
        }
        if file.id.isEmpty { r.error(top["station"] ?? root, vi: "Thiếu station.id (mã trạm, ví dụ nam-sach).", en: "station.id is missing (a short id, e.g. nam-sach).") }
        else if !isID(file.id) { r.error(top["station"]?.mapping?["id"] ?? top["station"], vi: "station.id “\(file.id)” chỉ được gồm chữ thường không dấu, số và dấu gạch (-, _), bắt đầu bằng chữ hoặc số; nó là tên thư mục các tuần của đài.", en: "station.id “\(file.id)” may use only a-z, 0-9, - and _, starting with a letter or digit; it names the station's folder of weeks.") }
        // audio
        let base = (path as NSString).deletingLastPathComponent
        let audio = r.string(top["audio"], "audio") ?? "../Audio"
        file.audioFolder = audio.hasPrefix("/") ? audio : ((base.isEmpty ? "." : base) + "/" + audio)
        // policy
        if let p = top["policy"] {
            do { try PolicyFile.apply(p, to: &file.policy, file: path, lang: lang) } catch { r.errors.append(error) }
        }
        // sessions
        var sessionIDs = Set<String>()
        for node in r.sequence(top["sessions"], "sessions") {
            guard let m = node.mapping else { r.error(node, vi: "Mỗi buổi phát phải là một bảng khoá.", en: "Each session must be a mapping."); continue }
            r.checkKeys(m, sessionKeys, context: "sessions")
            guard let id = r.id(m["id"], "sessions.id", parent: node) else { continue }
            if !sessionIDs.insert(id).inserted { r.error(m["id"], vi: "Mã buổi “\(id)” bị trùng.", en: "Session id “\(id)” is used twice.") }
            file.marks["session:" + id] = mark(node)
            let start = r.timeOfDay(m["start"], "start", parent: node) ?? 0
            let length = r.length(m["length"], "length", max: Limits.length) ?? 0
            if m["length"] == nil { r.error(node, vi: "Buổi “\(id)” thiếu length (ví dụ 30m).", en: "Session “\(id)” has no length (e.g. 30m).") }
            if start + length > 24 * 3_600_000 { r.error(m["length"], vi: "Buổi “\(id)” kéo dài qua nửa đêm.", en: "Session “\(id)” runs past midnight.") }
            file.sessions.append(SessionTemplate(id: id, name: r.string(m["name"], "name") ?? id,
                                                 days: r.days(m["days"]) ?? Set(Weekday.allCases), start: start, length: length,
                                                 open: r.strings(m["open"], "open"), close: r.strings(m["close"], "close")))
        }
        // items
        var itemIDs = Set<String>()
        for node in r.sequence(top["items"], "items") {
            guard let m = node.mapping else { r.error(node, vi: "Mỗi mục phải là một bảng khoá.", en: "Each item must be a mapping."); continue }
            r.checkKeys(m, itemKeys, context: "items")
            var item = Item(id: "", title: "", length: nil, tags: Set(r.strings(m["tags"], "tags")),
                            from: r.date(m["from"]), until: r.date(m["until"]), days: r.days(m["days"]),
                            sessions: m["sessions"].map { Set(r.strings($0, "sessions")) },
                            priority: r.int(m["priority"], "priority", range: 0...Limits.priority), perWeek: r.quota(m["per_week"]))
            if let f = item.from, let u = item.until, f > u { r.error(m["until"], vi: "“until” đứng trước “from”.", en: "“until” is before “from”.") }
            if let folder = r.string(m["folder"], "folder") {
                file.items.append(.folder(path: folder, template: item, line: mark(node).line))
                continue
            }
            guard let id = r.id(m["id"], "items.id", parent: node) else { continue }
            if !itemIDs.insert(id).inserted { r.error(m["id"], vi: "Mã mục “\(id)” bị trùng.", en: "Item id “\(id)” is used twice.") }
            file.marks["item:" + id] = mark(node)
            item.id = id
            item.title = r.string(m["title"], "title") ?? id
            let relay = m["relay"]?.bool ?? false
            if relay {
                item.length = r.length(m["length"], "length", max: Limits.length)
                if let url = r.string(m["url"], "url") { file.relayURLs[id] = url }
                if m["length"] == nil { r.error(node, vi: "Mục tiếp sóng “\(id)” cần length (ví dụ 15m).", en: "Relay “\(id)” needs a length (e.g. 15m).") }
            } else if let f = r.string(m["file"], "file") {
                item.file = AudioValidator.nfc(f)
            } else {
                r.error(node, vi: "Mục “\(id)” cần file (đường dẫn trong thư mục âm thanh) hoặc relay: true.", en: "Item “\(id)” needs a file (a path in the audio folder) or relay: true.")
            }
            file.items.append(.item(item, line: mark(node).line))
        }
        // rules
        var ruleIDs = Set<String>()
        for node in r.sequence(top["rules"], "rules") {
            guard let m = node.mapping else { r.error(node, vi: "Mỗi chỉ tiêu phải là một bảng khoá.", en: "Each rule must be a mapping."); continue }
            r.checkKeys(m, ruleKeys, context: "rules")
            guard let id = r.id(m["id"], "rules.id", parent: node) else { continue }
            if !ruleIDs.insert(id).inserted { r.error(m["id"], vi: "Mã chỉ tiêu “\(id)” bị trùng.", en: "Rule id “\(id)” is used twice.") }
            file.marks["rule:" + id] = mark(node)
            let tags = Set(r.strings(m["tags"], "tags"))
            if tags.isEmpty { r.error(node, vi: "Chỉ tiêu “\(id)” cần tags.", en: "Rule “\(id)” needs tags.") }
            guard let quota = r.quota(m["per_week"]) else {
                r.error(node, vi: "Chỉ tiêu “\(id)” cần per_week: {min: …, max: …}.", en: "Rule “\(id)” needs per_week: {min: …, max: …}."); continue
            }
            file.rules.append(QuotaRule(id: id, name: r.string(m["name"], "name") ?? id, tags: tags, perWeek: quota,
                                        days: r.days(m["days"]), sessions: m["sessions"].map { Set(r.strings($0, "sessions")) }))
        }
        file.fill = r.strings(top["fill"], "fill")
        if let gap = top["repeat_gap"] { file.repeatGap = r.length(gap, "repeat_gap", max: Limits.repeatGap) ?? file.repeatGap }
        if let node = top["max_unused"] {
            let text = node.scalar?.string ?? ""
            let digits = text.hasSuffix("%") ? String(text.dropLast()).trimmingCharacters(in: .whitespaces) : text
            if let share = Double(digits), share.isFinite, (0...100).contains(share) {
                file.maxUnusedPermille = Int((share * 10).rounded())
            } else {
                r.error(node, vi: "“max_unused” phải là phần trăm từ 0% đến 100% độ dài buổi, ví dụ 10% (có: “\(text.prefix(40))”).",
                        en: "“max_unused” must be a share of the session's length from 0% to 100%, e.g. 10% (found “\(text.prefix(40))”).")
            }
        }
        if let node = top["playout"] {
            if let m = node.mapping {
                r.checkKeys(m, playoutKeys, context: "playout")
                if let d = m["air_draft"] {
                    switch d.scalar?.string.lowercased() {
                    case "true", "yes", "on": file.airDraft = true
                    case "false", "no", "off": file.airDraft = false
                    default:
                        r.error(d, vi: "“playout.air_draft” phải là true hoặc false (có: “\((d.scalar?.string ?? "").prefix(40))”).",
                                en: "“playout.air_draft” must be true or false (found “\((d.scalar?.string ?? "").prefix(40))”).")
                    }
                }
                if let d = m["dead_air"], let ms = r.length(d, "playout.dead_air", max: 3_600_000) {
                    if ms >= 2_000 { file.deadAir = ms } else {
                        r.error(d, vi: "“playout.dead_air” phải từ 2 giây trở lên, ví dụ 10s.", en: "“playout.dead_air” must be 2 seconds or more, e.g. 10s.")
                    }
                }
            } else {
                r.error(node, vi: "“playout” phải là một bảng khoá, ví dụ {air_draft: false, dead_air: 10s}.",
                        en: "“playout” must be a mapping, e.g. {air_draft: false, dead_air: 10s}.")
            }
        }
        if let node = top["trim_silence"] {
            switch node.scalar?.string.lowercased() {
            case "true", "yes", "on": file.trimSilence = true
            case "false", "no", "off": file.trimSilence = false
            default:
                r.error(node, vi: "“trim_silence” phải là true hoặc false (có: “\((node.scalar?.string ?? "").prefix(40))”).",
                        en: "“trim_silence” must be true or false (found “\((node.scalar?.string ?? "").prefix(40))”).")
            }
        }
        if let node = top["abbreviations"] {
            if let map = node.mapping {
                for (k, v) in map {
                    let short = k.scalar?.string ?? "", long = v.scalar?.string ?? ""
                    guard (2...12).contains(short.count), short.allSatisfy(\.isUppercase),
                          !long.trimmingCharacters(in: .whitespaces).isEmpty, long.count <= 100, !long.contains(where: \.isNewline) else {
                        r.error(k, vi: "“abbreviations”: “\(short.prefix(40))” cần 2–12 chữ in hoa và cách đọc trên một dòng, tối đa 100 ký tự, ví dụ KTXH: kinh tế xã hội.",
                                en: "“abbreviations”: “\(short.prefix(40))” needs 2–12 capital letters and how to read it on one line, at most 100 characters, e.g. KTXH: kinh tế xã hội.")
                        continue
                    }
                    file.abbreviations.append((AudioValidator.nfc(short), long.trimmingCharacters(in: .whitespaces)))
                }
            } else {
                r.error(node, vi: "“abbreviations” là danh sách CHỮ_TẮT: cách đọc, ví dụ {KTXH: kinh tế xã hội}.",
                        en: "“abbreviations” is a list of SHORT: how it is read, e.g. {KTXH: kinh tế xã hội}.")
            }
        }
        // References.
        for s in file.sessions {
            for ref in s.open + s.close where !itemIDs.contains(ref) {
                r.errorAt(file.marks["session:" + s.id], vi: "Buổi “\(s.id)” dùng mục “\(ref)” không có trong items.\(r.hint(ref, itemIDs))", en: "Session “\(s.id)” uses item “\(ref)”, which is not in items.\(r.hint(ref, itemIDs))")
            }
        }
        for spec in file.items {
            let (item, line) = switch spec { case let .item(i, l): (i, l); case let .folder(_, t, l): (t, l) }
            for s in item.sessions ?? [] where !sessionIDs.contains(s) {
                r.errors.append(ConfigError(file: path, line: line, column: nil, message: lang == .vi ? "Buổi “\(s)” không có trong sessions.\(r.hint(s, sessionIDs))" : "Session “\(s)” is not in sessions.\(r.hint(s, sessionIDs))"))
            }
        }
        for rule in file.rules {
            for s in rule.sessions ?? [] where !sessionIDs.contains(s) {
                r.errorAt(file.marks["rule:" + rule.id], vi: "Chỉ tiêu “\(rule.id)”: buổi “\(s)” không có trong sessions.\(r.hint(s, sessionIDs))", en: "Rule “\(rule.id)”: session “\(s)” is not in sessions.\(r.hint(s, sessionIDs))")
            }
        }
        return r.errors.isEmpty ? .success(file) : .failure(ConfigErrors(r.errors))
    }

    static func mark(_ node: Node) -> (line: Int, column: Int) { (node.mark?.line ?? 0, node.mark?.column ?? 0) }

    /// A plain name: it becomes a folder or a file name, so no dots, slashes or spaces; at most 64.
    public static func isID(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, s.unicodeScalars.count <= 64,
              ("a"..."z").contains(first) || ("0"..."9").contains(first) else { return false }
        return s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
    }

    /// Collects errors while reading values.
    struct Reader {
        let path: String
        let lang: Language
        var errors: [ConfigError] = []

        mutating func error(_ node: Node?, vi: String, en: String) {
            errors.append(ConfigError(file: path, line: node?.mark?.line, column: node?.mark?.column, message: lang == .vi ? vi : en))
        }

        mutating func errorAt(_ mark: (line: Int, column: Int)?, vi: String, en: String) {
            errors.append(ConfigError(file: path, line: mark?.line, column: mark?.column, message: lang == .vi ? vi : en))
        }

        func hint(_ word: String, _ known: Set<String>) -> String {
            guard let s = Suggest.closest(to: word, in: known.sorted()) else { return "" }
            return lang == .vi ? " Có phải ý bạn là “\(s)”?" : " Did you mean “\(s)”?"
        }

        mutating func checkKeys(_ m: Node.Mapping, _ known: [String], context: String?) {
            for (k, _) in m {
                let key = k.string ?? ""
                guard !known.contains(key) else { continue }
                let where_ = context.map { " (\($0))" } ?? ""
                error(k, vi: "Khoá không hợp lệ “\(key)”\(where_).\(hint(key, Set(known))) Các khoá hợp lệ: \(known.joined(separator: ", ")).",
                      en: "Unknown key “\(key)”\(where_).\(hint(key, Set(known))) Valid keys: \(known.joined(separator: ", ")).")
            }
        }

        mutating func string(_ node: Node?, _ key: String) -> String? {
            guard let node else { return nil }
            guard let s = node.scalar?.string else { error(node, vi: "“\(key)” phải là một chuỗi.", en: "“\(key)” must be a string."); return nil }
            return s
        }

        mutating func id(_ node: Node?, _ key: String, parent: Node) -> String? {
            guard let s = string(node, key), !s.isEmpty else { error(node ?? parent, vi: "Thiếu \(key).", en: "\(key) is missing."); return nil }
            return s
        }

        mutating func strings(_ node: Node?, _ key: String) -> [String] {
            guard let node else { return [] }
            if let s = node.scalar?.string { return s.isEmpty ? [] : [s] }
            guard let seq = node.sequence else { error(node, vi: "“\(key)” phải là một danh sách.", en: "“\(key)” must be a list."); return [] }
            return seq.compactMap { string($0, key) }
        }

        mutating func sequence(_ node: Node?, _ key: String) -> [Node] {
            guard let node else { return [] }
            guard let seq = node.sequence else { error(node, vi: "“\(key)” phải là một danh sách.", en: "“\(key)” must be a list."); return [] }
            return Array(seq)
        }

        mutating func int(_ node: Node?, _ key: String, range: ClosedRange<Int>) -> Int? {
            guard let node else { return nil }
            let text = node.scalar?.string ?? ""
            guard let i = Int(text.trimmingCharacters(in: .whitespaces)), range.contains(i) else {
                error(node, vi: "“\(key)” phải là số nguyên từ \(range.lowerBound) đến \(range.upperBound) (có: “\(text.prefix(40))”).",
                      en: "“\(key)” must be a whole number from \(range.lowerBound) to \(range.upperBound) (found “\(text.prefix(40))”).")
                return nil
            }
            return i
        }

        /// A length in milliseconds, at most `max` (so no later sum can overflow).
        mutating func length(_ node: Node?, _ key: String, max: Int) -> Int? {
            guard let node else { return nil }
            let text = node.scalar?.string ?? ""
            guard let secs = DurationText.seconds(text), secs >= 0 else {
                error(node, vi: "“\(key)” phải là độ dài như 90s, 30m, 1h15m (có: “\(text.prefix(40))”).", en: "“\(key)” must be a length like 90s, 30m, 1h15m (found “\(text.prefix(40))”)."); return nil
            }
            guard let ms = DurationText.milliseconds(secs, limit: Double(max) / 1000), ms <= max else {
                let h = max / 3_600_000
                error(node, vi: "“\(key)” quá lớn: \(text.prefix(40)); tối đa \(h) giờ (\(h)h).", en: "“\(key)” is too large: \(text.prefix(40)); at most \(h) hours (\(h)h)."); return nil
            }
            return ms
        }

        mutating func timeOfDay(_ node: Node?, _ key: String, parent: Node) -> Int? {
            guard let node else { error(parent, vi: "Thiếu giờ bắt đầu (start), ví dụ start: \"06:00\".", en: "start is missing, e.g. start: \"06:00\"."); return nil }
            let parts = (node.scalar?.string ?? "").split(separator: ":")
            guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h), (0..<60).contains(m) else {
                error(node, vi: "Giờ “\(node.scalar?.string ?? "")” không hợp lệ: viết dạng HH:MM, ví dụ \"06:00\".", en: "“\(node.scalar?.string ?? "")” is not a time: write HH:MM, e.g. \"06:00\"."); return nil
            }
            return (h * 60 + m) * 60_000
        }

        mutating func date(_ node: Node?) -> CivilDate? {
            guard let node else { return nil }
            guard let d = node.scalar.flatMap({ CivilDate($0.string) }) else {
                error(node, vi: "Ngày “\(node.scalar?.string ?? "")” không hợp lệ: viết dạng YYYY-MM-DD.", en: "“\(node.scalar?.string ?? "")” is not a date: write YYYY-MM-DD."); return nil
            }
            return d
        }

        mutating func days(_ node: Node?) -> Set<Weekday>? {
            guard let node else { return nil }
            var out = Set<Weekday>()
            let names = node.scalar.map { [$0.string] } ?? node.sequence?.compactMap { $0.scalar?.string } ?? []
            for n in names {
                guard let d = Weekday.set(named: n) else {
                    error(node, vi: "Ngày “\(n)” không hợp lệ: dùng daily, weekdays, weekend hoặc mon, tue, wed, thu, fri, sat, sun.",
                          en: "“\(n)” is not a day: use daily, weekdays, weekend or mon, tue, wed, thu, fri, sat, sun.")
                    continue
                }
                out.formUnion(d)
            }
            return out
        }

        mutating func quota(_ node: Node?) -> Quota? {
            guard let node else { return nil }
            guard let m = node.mapping else { error(node, vi: "per_week phải có dạng {min: 1, max: 2}.", en: "per_week must look like {min: 1, max: 2}."); return nil }
            checkKeys(m, StationFileReader.quotaKeys, context: "per_week")
            let range = 0...StationFileReader.Limits.perWeek
            let q = Quota(min: int(m["min"], "min", range: range) ?? 0, max: int(m["max"], "max", range: range))
            if let max = q.max, max < q.min { error(node, vi: "max nhỏ hơn min.", en: "max is below min.") }
            return q
        }
    }
}
