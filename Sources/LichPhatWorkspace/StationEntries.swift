import Foundation
public import LichPhatCore
public import LichPhatFormats

/// An item as a form or an API call gives it: each value as typed, checked by the workspace
/// (``Workspace/putEntry(_:_:replacing:base:)``), which says which field is wrong and why.
public struct ItemFields: Sendable, Equatable {
    public var id = ""
    public var title = ""
    /// A path in the station's audio folder; empty for a relay.
    public var file = ""
    public var relay = false
    /// A relay's length (`5m`).
    public var length = ""
    /// A relay's stream address, if any.
    public var url = ""
    public var tags: [String] = []
    /// `YYYY-MM-DD`, or empty.
    public var from = ""
    public var until = ""
    /// Day keys (`mon` … `sun`); empty or all seven: every day.
    public var days: [String] = []
    /// Session ids; empty: any session.
    public var sessions: [String] = []
    /// Airings a week; both empty: no weekly count of its own.
    public var perWeekMin = ""
    public var perWeekMax = ""
    public var priority = ""
    public init() {}
}

public struct RuleFields: Sendable, Equatable {
    public var id = ""
    public var name = ""
    public var tags: [String] = []
    public var perWeekMin = ""
    public var perWeekMax = ""
    public var days: [String] = []
    public var sessions: [String] = []
    public init() {}
}

public struct SessionFields: Sendable, Equatable {
    public var id = ""
    public var name = ""
    /// Day keys; empty: every day.
    public var days: [String] = []
    /// `HH:MM`, station time.
    public var start = ""
    /// `20m`, `1h15m`.
    public var length = ""
    public var open: [String] = []
    public var close: [String] = []
    public init() {}
}

/// One entry of a station file's lists.
public enum StationEntry: Sendable, Equatable {
    case item(ItemFields)
    case rule(RuleFields)
    case session(SessionFields)

    public var kind: Kind {
        switch self { case .item: .item; case .rule: .rule; case .session: .session }
    }

    /// The entry's id as its fields give it.
    public var id: String {
        switch self { case .item(let x): x.id; case .rule(let x): x.id; case .session(let x): x.id }
    }

    public enum Kind: String, Sendable, CaseIterable {
        case item, rule, session
        /// The station file's list: `items`, `rules`, `sessions`.
        public var block: String { rawValue + "s" }
    }
}

/// Why one field of an entry cannot be saved as given.
public enum FieldProblem: Sendable, Equatable {
    /// Nothing given where something must be.
    case required
    /// An id (or tag) with other than a-z, 0-9, `-`, `_`, or longer than 64.
    case badID
    /// Another entry of the list has this id.
    case idTaken
    /// Text empty, over `max` characters, or with control characters.
    case badText(max: Int)
    /// No audio file of that path in the station's library.
    case noSuchFile
    /// The file is an item already, through the `folder:` entry for `folder` (as `item`).
    case fileInFolder(item: String, folder: String)
    case badDate
    case untilBeforeFrom
    case badDay(String)
    case unknownSession(String)
    case unknownItem(String)
    /// Not a whole number in the range.
    case badNumber(ClosedRange<Int>)
    case maxBelowMin
    /// Not `HH:MM`.
    case badTime
    /// Not a length like `20m`, or over `maxHours`.
    case badLength(maxHours: Int)
    case pastMidnight
    case badURL
    case unknownTimeZone
}

extension Workspace {
    /// The entry as its form shows it, from the station file (nil: no such entry, or one a
    /// `folder:` line gives, which is not edited one by one).
    public func entryFields(_ loaded: LoadedStation, _ kind: StationEntry.Kind, id: String) -> StationEntry? {
        let f = loaded.file
        func dayKeys(_ d: Set<Weekday>?) -> [String] { (d ?? []).count == 7 ? [] : (d ?? []).sorted().map(\.key) }
        func q(_ v: Int?) -> String { v.map(String.init) ?? "" }
        switch kind {
        case .item:
            for spec in f.items {
                guard case .item(let i, _) = spec, i.id == id else { continue }
                var x = ItemFields()
                x.id = i.id; x.title = i.title; x.file = i.file ?? ""; x.relay = i.file == nil
                x.length = i.file == nil ? i.length.map(Self.lengthText) ?? "" : ""
                x.url = f.relayURLs[i.id] ?? ""
                x.tags = i.tags.sorted(); x.from = i.from?.description ?? ""; x.until = i.until?.description ?? ""
                x.days = dayKeys(i.days); x.sessions = i.sessions?.sorted() ?? []
                x.perWeekMin = q(i.perWeek?.min); x.perWeekMax = q(i.perWeek?.max); x.priority = q(i.priority)
                return .item(x)
            }
            return nil
        case .rule:
            guard let r = f.rules.first(where: { $0.id == id }) else { return nil }
            var x = RuleFields()
            x.id = r.id; x.name = r.name; x.tags = r.tags.sorted(); x.perWeekMin = String(r.perWeek.min); x.perWeekMax = q(r.perWeek.max)
            x.days = dayKeys(r.days); x.sessions = r.sessions?.sorted() ?? []
            return .rule(x)
        case .session:
            guard let s = f.sessions.first(where: { $0.id == id }) else { return nil }
            var x = SessionFields()
            x.id = s.id; x.name = s.name; x.days = dayKeys(s.days); x.start = StationClock.time(s.start)
            x.length = Self.lengthText(s.length); x.open = s.open; x.close = s.close
            return .session(x)
        }
    }

    /// A new item made from a library file in one step (the notice just uploaded): its title
    /// from the file's name, the tag `thong-bao`, valid from today (station time) to this week's
    /// Sunday, at least 3 airings a week; an id from the name not yet taken.
    public func itemDraft(_ loaded: LoadedStation, file: String) -> ItemFields {
        var x = ItemFields()
        let name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        let taken = Set(loaded.station.items.map(\.id))
        let stem = String(Slug.make(name).prefix(60))
        var id = stem.isEmpty ? "muc" : stem, n = 1
        while taken.contains(id) { n += 1; id = "\(stem.isEmpty ? "muc" : stem)-\(n)" }
        x.id = id
        x.title = name.prefix(1).uppercased() + name.dropFirst()
        x.file = file
        x.tags = ["thong-bao"]
        let today = CivilDate(daysSinceEpoch: loaded.clock.now(now()) / 86_400_000)
        x.from = today.description
        x.until = ISOWeek(containing: today).sunday.description
        x.perWeekMin = "3"
        return x
    }

    /// Whether a library file can be made an item of its own: no item airs it yet (by itself or
    /// through a `folder:` entry) and it plays.
    public func itemCandidate(_ loaded: LoadedStation, file: String) -> Bool {
        let file = AudioValidator.nfc(file)
        if loaded.station.items.contains(where: { $0.file == file }) { return false }
        for spec in loaded.file.items {
            guard case .folder(let folder, _, _) = spec else { continue }
            if file.hasPrefix(folder.hasSuffix("/") ? AudioValidator.nfc(folder) : AudioValidator.nfc(folder) + "/") { return false }
        }
        return loaded.report.files.contains { relativePath(from: loaded.audioFolder, to: $0.path) == file && $0.worst != .error }
    }

    /// `HH:MM` (`7:05` too) as milliseconds into the day; nil when not a time of day.
    static func timeOfDay(_ text: String) -> Int? {
        let hm = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard hm.count == 2, hm[1].count == 2, let h = Int(hm[0]), let m = Int(hm[1]), (0..<24).contains(h), (0..<60).contains(m) else { return nil }
        return (h * 60 + m) * 60_000
    }

    /// A length as a station file writes it: `15m`, `1h30m`, `90s`.
    public static func lengthText(_ ms: Int) -> String {
        let s = ms / 1000
        if ms % 1000 != 0 || s % 60 != 0 { return "\(s)s" }
        let m = s / 60
        return m % 60 == 0 && m >= 60 ? "\(m / 60)h" : m >= 60 ? "\(m / 60)h\(m % 60)m" : "\(m)m"
    }

    /// Adds an entry (`replacing` nil) or replaces the one with that id, in the station file's
    /// own text; every field checked first (``WorkspaceError/badField(entry:field:problem:)``
    /// names it), then the whole file as `lichphat check` reads it; saved as
    /// ``saveStation(_:text:base:)`` saves (refused when the file changed since `base`, the
    /// previous version kept).
    public func putEntry(_ loaded: LoadedStation, _ entry: StationEntry, replacing: String?, base: String) throws(WorkspaceError) -> LoadedStation {
        let kind = entry.kind
        if let replacing, entryFields(loaded, kind, id: replacing) == nil {
            if kind == .item, loaded.station.item(replacing) != nil { throw .cannotEditByForm(id: replacing) }
            throw .noSuchEntry(kind: kind.rawValue, id: replacing)
        }
        let pairs = try entryPairs(loaded, entry, replacing: replacing)
        let source = try stationSource(loaded)
        guard source.sha256 == base else { throw .stationChanged(path: loaded.path) }
        let file = try readable(loaded, source)
        let id = replacing ?? entry.id
        let text: String
        switch StationFileEdit.put(source.text, block: kind.block, replacing: replacing.map { kind.rawValue + ":" + $0 }, marks: file.marks, entry: pairs) {
        case .success(let t): text = t
        case .failure: throw .cannotEditByForm(id: id)
        }
        let checked = try checkStation(text: text, path: loaded.path)
        // What was written reads back as asked: the entry is there, under its id.
        guard checked.file.marks[kind.rawValue + ":" + id] != nil, entryFields(checked, kind, id: id) != nil else { throw .cannotEditByForm(id: id) }
        return try saveStation(loaded, text: text, base: base)
    }

    /// Removes an entry from the station file; refused while another entry names it (a session's
    /// opening item, a rule's or an item's session). Saved as ``saveStation(_:text:base:)`` saves.
    public func removeEntry(_ loaded: LoadedStation, _ kind: StationEntry.Kind, id: String, base: String) throws(WorkspaceError) -> LoadedStation {
        guard entryFields(loaded, kind, id: id) != nil else {
            if kind == .item, loaded.station.item(id) != nil { throw .cannotEditByForm(id: id) }
            throw .noSuchEntry(kind: kind.rawValue, id: id)
        }
        let f = loaded.file
        var users: [String] = []
        switch kind {
        case .item:
            users = f.sessions.filter { $0.open.contains(id) || $0.close.contains(id) }.map { "session:" + $0.id }
        case .session:
            users = f.rules.filter { $0.sessions?.contains(id) == true }.map { "rule:" + $0.id }
            for spec in f.items {
                switch spec {
                case .item(let i, _): if i.sessions?.contains(id) == true { users.append("item:" + i.id) }
                case .folder(let path, let t, _): if t.sessions?.contains(id) == true { users.append("folder:" + path) }
                }
            }
        case .rule: break
        }
        if !users.isEmpty { throw .entryInUse(kind: kind.rawValue, id: id, by: users) }
        let source = try stationSource(loaded)
        guard source.sha256 == base else { throw .stationChanged(path: loaded.path) }
        let file = try readable(loaded, source)
        let text: String
        switch StationFileEdit.remove(source.text, block: kind.block, key: kind.rawValue + ":" + id, marks: file.marks) {
        case .success(let t): text = t
        case .failure: throw .cannotEditByForm(id: id)
        }
        let checked = try checkStation(text: text, path: loaded.path)
        guard checked.file.marks[kind.rawValue + ":" + id] == nil else { throw .cannotEditByForm(id: id) }
        return try saveStation(loaded, text: text, base: base)
    }

    /// The station file as it is on disk, read; when it does not read, what is wrong with it.
    private func readable(_ loaded: LoadedStation, _ source: StationSource) throws(WorkspaceError) -> StationFile {
        switch StationFileReader.parse(source.text, path: loaded.path, lang: lang) {
        case .success(let f): return f
        case .failure(let e): throw .stationFile(path: loaded.path, errors: e.errors)
        }
    }

    /// Checks every field and returns the entry as it is written, keys in the station file's order.
    func entryPairs(_ loaded: LoadedStation, _ entry: StationEntry, replacing: String?) throws(WorkspaceError) -> [StationFileEdit.Pair] {
        typealias P = StationFileEdit.Pair
        let f = loaded.file
        let kind = entry.kind
        let entryName = kind.rawValue + ":" + (replacing ?? entry.id)
        func bad(_ field: String, _ p: FieldProblem) -> WorkspaceError { .badField(entry: entryName, field: field, problem: p) }
        func trim(_ s: String) -> String { s.trimmingCharacters(in: .whitespacesAndNewlines) }
        func checkID(_ raw: String, taken: [String]) throws(WorkspaceError) -> String {
            if let replacing { return replacing }   // an entry keeps its id: weeks and other entries name it
            let id = trim(raw)
            guard !id.isEmpty else { throw bad("id", .required) }
            guard StationFileReader.isID(id) else { throw bad("id", .badID) }
            guard !taken.contains(id) else { throw bad("id", .idTaken) }
            return id
        }
        func text(_ raw: String, _ field: String, max: Int = 200) throws(WorkspaceError) -> String {
            let t = trim(raw)
            guard !t.isEmpty, t.count <= max, !t.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { throw bad(field, .badText(max: max)) }
            return t
        }
        func tags(_ raw: [String], required: Bool) throws(WorkspaceError) -> [String]? {
            var out: [String] = []
            for t in raw.map(trim) where !t.isEmpty {
                guard StationFileReader.isID(t) else { throw bad("tags", .badID) }
                if !out.contains(t) { out.append(t) }
            }
            if out.isEmpty { if required { throw bad("tags", .required) }; return nil }
            return out
        }
        func days(_ raw: [String], field: String = "days") throws(WorkspaceError) -> StationFileEdit.Value? {
            var set = Set<Weekday>()
            for d in raw.map(trim) where !d.isEmpty {
                guard let s = Weekday.set(named: d) else { throw bad(field, .badDay(d)) }
                set.formUnion(s)
            }
            if set.isEmpty || set.count == 7 { return nil }
            if set == [.mon, .tue, .wed, .thu, .fri] { return .plain("weekdays") }
            if set == [.sat, .sun] { return .plain("weekend") }
            return .list(set.sorted().map { .plain($0.key) })
        }
        func sessions(_ raw: [String]) throws(WorkspaceError) -> StationFileEdit.Value? {
            let known = f.sessions.map(\.id)
            var out: [String] = []
            for s in raw.map(trim) where !s.isEmpty {
                guard known.contains(s) else { throw bad("sessions", .unknownSession(s)) }
                if !out.contains(s) { out.append(s) }
            }
            return out.isEmpty ? nil : .list(out.map { .plain($0) })
        }
        func number(_ raw: String, _ field: String, _ range: ClosedRange<Int>) throws(WorkspaceError) -> Int? {
            let t = trim(raw)
            if t.isEmpty { return nil }
            guard let n = Int(t), range.contains(n) else { throw bad(field, .badNumber(range)) }
            return n
        }
        func quota(_ minRaw: String, _ maxRaw: String, required: Bool) throws(WorkspaceError) -> StationFileEdit.Value? {
            let limit = 0...StationFileReader.Limits.perWeek
            let min = try number(minRaw, "per_week.min", limit)
            let max = try number(maxRaw, "per_week.max", limit)
            if min == nil, max == nil { if required { throw bad("per_week.min", .required) }; return nil }
            if let max, max < (min ?? 0) { throw bad("per_week.max", .maxBelowMin) }
            var pairs = [P("min", .plain(String(min ?? 0)))]
            if let max { pairs.append(P("max", .plain(String(max)))) }
            return .map(pairs)
        }
        func length(_ raw: String, _ field: String, max: Int) throws(WorkspaceError) -> Int {
            let t = trim(raw)
            guard !t.isEmpty else { throw bad(field, .required) }
            guard let secs = DurationText.seconds(t), secs > 0, let ms = DurationText.milliseconds(secs, limit: Double(max) / 1000), ms <= max else {
                throw bad(field, .badLength(maxHours: max / 3_600_000))
            }
            return ms
        }

        switch entry {
        case .item(let x):
            let taken = loaded.station.items.map(\.id)
            let id = try checkID(x.id, taken: taken)
            var pairs = [P("id", .plain(id)), P("title", .quoted(try text(x.title, "title")))]
            if x.relay {
                let ms = try length(x.length, "length", max: StationFileReader.Limits.length)
                pairs += [P("relay", .plain("true")), P("length", .plain(Self.lengthText(ms)))]
                let url = trim(x.url)
                if !url.isEmpty {
                    guard url.count <= 500, let u = URL(string: url), ["http", "https", "rtmp", "rtsp", "srt", "udp"].contains(u.scheme?.lowercased() ?? ""), u.host != nil else { throw bad("url", .badURL) }
                    pairs.append(P("url", .quoted(url)))
                }
            } else {
                let file = AudioValidator.nfc(trim(x.file))
                guard !file.isEmpty else { throw bad("file", .required) }
                let known = Set(loaded.report.files.map { relativePath(from: loaded.audioFolder, to: $0.path) })
                guard known.contains(file) else { throw bad("file", .noSuchFile) }
                // A file a `folder:` line makes an item already would air twice, under two ids.
                for spec in f.items {
                    guard case .folder(let folder, _, _) = spec else { continue }
                    let prefix = folder.hasSuffix("/") ? AudioValidator.nfc(folder) : AudioValidator.nfc(folder) + "/"
                    if file.hasPrefix(prefix) {
                        let name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
                        throw bad("file", .fileInFolder(item: Slug.make(name), folder: folder))
                    }
                }
                pairs.append(P("file", .quoted(file)))
            }
            if let t = try tags(x.tags, required: false) { pairs.append(P("tags", .list(t.map { .plain($0) }))) }
            let from = trim(x.from), until = trim(x.until)
            var fromDate: CivilDate?
            if !from.isEmpty { guard let d = CivilDate(from) else { throw bad("from", .badDate) }; fromDate = d; pairs.append(P("from", .plain(d.description))) }
            if !until.isEmpty {
                guard let d = CivilDate(until) else { throw bad("until", .badDate) }
                if let fromDate, d < fromDate { throw bad("until", .untilBeforeFrom) }
                pairs.append(P("until", .plain(d.description)))
            }
            if let d = try days(x.days) { pairs.append(P("days", d)) }
            if let s = try sessions(x.sessions) { pairs.append(P("sessions", s)) }
            if let q = try quota(x.perWeekMin, x.perWeekMax, required: false) { pairs.append(P("per_week", q)) }
            if let p = try number(x.priority, "priority", 0...StationFileReader.Limits.priority) { pairs.append(P("priority", .plain(String(p)))) }
            return pairs
        case .rule(let x):
            let id = try checkID(x.id, taken: f.rules.map(\.id))
            var pairs = [P("id", .plain(id)), P("name", .quoted(try text(x.name, "name")))]
            pairs.append(P("tags", .list((try tags(x.tags, required: true) ?? []).map { .plain($0) })))
            pairs.append(P("per_week", try quota(x.perWeekMin, x.perWeekMax, required: true) ?? .map([])))
            if let d = try days(x.days) { pairs.append(P("days", d)) }
            if let s = try sessions(x.sessions) { pairs.append(P("sessions", s)) }
            return pairs
        case .session(let x):
            let id = try checkID(x.id, taken: f.sessions.map(\.id))
            var pairs = [P("id", .plain(id)), P("name", .quoted(try text(x.name, "name")))]
            pairs.append(P("days", try days(x.days) ?? .plain("daily")))
            guard let start = Self.timeOfDay(x.start) else { throw bad("start", .badTime) }
            let ms = try length(x.length, "length", max: StationFileReader.Limits.length)
            if start + ms > 24 * 3_600_000 { throw bad("length", .pastMidnight) }
            pairs += [P("start", .quoted(StationClock.time(start))), P("length", .plain(Self.lengthText(ms)))]
            let itemIDs = loaded.station.items.map(\.id)
            for (field, list) in [("open", x.open), ("close", x.close)] {
                var ids: [String] = []
                for i in list.map(trim) where !i.isEmpty {
                    guard itemIDs.contains(i) else { throw bad(field, .unknownItem(i)) }
                    ids.append(i)
                }
                if !ids.isEmpty { pairs.append(P(field, .list(ids.map { .plain($0) }))) }
            }
            return pairs
        }
    }
}
