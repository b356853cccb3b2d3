import Foundation
public import LichPhatCore
public import LichPhatFormats

/// A station file as an editor sees it: its text, and the fingerprint that tells whether it
/// changed since (another browser, the command line).
public struct StationSource: Sendable {
    public var path: String
    public var text: String
    public var sha256: String
}

extension Workspace {
    public func stationSource(_ loaded: LoadedStation) throws(WorkspaceError) -> StationSource {
        guard let data = FileManager.default.contents(atPath: loaded.path) else {
            throw .cannotWrite(path: loaded.path, detail: "cannot read")
        }
        return StationSource(path: loaded.path, text: String(decoding: data, as: UTF8.self), sha256: WeekFolder.sha256(data))
    }

    /// Checks an edited station file exactly as `lichphat check` reads one (the same messages,
    /// with line and column), and loads it (its audio folder must exist). Writes nothing.
    /// With `editing`, the edit may not move the station's audio folder (`audio:`): another
    /// station's library would become this one's (read, served, removed through it). Where a
    /// station's library is, is the administrator's to say, when the station is added.
    public func checkStation(text: String, path: String, editing: LoadedStation? = nil) throws(WorkspaceError) -> LoadedStation {
        let file: StationFile
        switch StationFileReader.parse(text, path: path, lang: lang) {
        case .success(let f): file = f
        case .failure(let e): throw .stationFile(path: path, errors: e.errors)
        }
        if let editing {
            let was = URL(fileURLWithPath: editing.file.audioFolder).standardizedFileURL.path
            let now = URL(fileURLWithPath: file.audioFolder).standardizedFileURL.path
            guard was == now else { throw .audioFolderChanged(path: path) }
        }
        return try load(file, path: path)
    }

    /// Saves an edited station file: checked first (nothing is written when it has an error),
    /// refused when the file changed since `base` was read, or when the station's id would change
    /// (its weeks are filed under it). The previous version is kept in `.history/` beside the
    /// file (`nam-sach.2026-11-25T10-15-00Z.yaml`), and the new one replaces it atomically.
    public func saveStation(_ loaded: LoadedStation, text: String, base: String) throws(WorkspaceError) -> LoadedStation {
        let current = try stationSource(loaded)
        guard current.sha256 == base else { throw .stationChanged(path: loaded.path) }
        let checked = try checkStation(text: text, path: loaded.path, editing: loaded)
        guard checked.station.id == loaded.station.id else {
            throw .stationIDChanged(path: loaded.path, from: loaded.station.id, to: checked.station.id)
        }
        let folder = (loaded.path as NSString).deletingLastPathComponent
        let history = folder + "/.history"
        let stamp = ISO8601DateFormatter().string(from: now()).replacingOccurrences(of: ":", with: "-")
        let name = ((loaded.path as NSString).lastPathComponent as NSString).deletingPathExtension
        do {
            try FileManager.default.createDirectory(atPath: history, withIntermediateDirectories: true)
            var kept = history + "/\(name).\(stamp).yaml"
            var n = 1
            while FileManager.default.fileExists(atPath: kept) { n += 1; kept = history + "/\(name).\(stamp)-\(n).yaml" }
            try AtomicFile.create(Data(current.text.utf8), at: kept)
            try AtomicFile.write(Data(text.utf8), to: loaded.path)
        } catch let e as AtomicFile.Failure {
            throw .cannotWrite(path: loaded.path, detail: e.detail)
        } catch {
            throw .cannotWrite(path: loaded.path, detail: "\(error)")
        }
        return checked
    }

    /// Changes rules' weekly minimum and maximum and sessions' start and length from a form: made
    /// in the file's own text (comments and style kept), checked, verified to say what was asked,
    /// and saved as ``saveStation(_:text:base:)`` saves.
    public func editStation(_ loaded: LoadedStation, rules: [String: StationFileEdit.RuleQuota],
                            sessions: [String: StationFileEdit.SessionTime], items: [String: StationFileEdit.RuleQuota] = [:],
                            titles: [String: String] = [:], fill: [String]? = nil, base: String) throws(WorkspaceError) -> LoadedStation {
        // The fields' own rules, the station file's: a count a week from 0 to its limit, the
        // maximum not below the minimum; a title of 1 to 200 characters on one line.
        for (id, q) in rules.map({ ($0.key, $0.value) }) + items.map({ ($0.key, $0.value) }) {
            let limit = StationFileReader.Limits.perWeek
            guard (0...limit).contains(q.min), q.max.map({ (q.min...limit).contains($0) }) ?? true else {
                throw .badQuota(id: id, limit: limit)
            }
        }
        for (id, title) in titles {
            guard !title.isEmpty, title.count <= 200, !title.unicodeScalars.contains(where: { $0.value < 0x20 }) else { throw .badTitle(id: id) }
        }
        let source = try stationSource(loaded)
        guard source.sha256 == base else { throw .stationChanged(path: loaded.path) }
        guard case .success(let file) = StationFileReader.parse(source.text, path: loaded.path, lang: lang) else {
            _ = try checkStation(text: source.text, path: loaded.path)   // says what is wrong with it
            throw .stationChanged(path: loaded.path)
        }
        let text: String
        switch StationFileEdit.apply(source.text, marks: file.marks, rules: rules, sessions: sessions, items: items, titles: titles, fill: fill) {
        case .success(let t): text = t
        case .failure(let failed): throw .cannotEditByForm(id: failed.id)
        }
        let checked = try checkStation(text: text, path: loaded.path)
        for (id, q) in rules {
            guard let r = checked.station.rules.first(where: { $0.id == id }), r.perWeek.min == q.min, q.max == nil || r.perWeek.max == q.max else {
                throw .cannotEditByForm(id: id)
            }
        }
        for (id, q) in items {
            guard let i = checked.station.item(id), i.perWeek?.min == q.min, q.max == nil || i.perWeek?.max == q.max else { throw .cannotEditByForm(id: id) }
        }
        for (id, title) in titles {
            guard checked.station.item(id)?.title == title else { throw .cannotEditByForm(id: id) }
        }
        if let fill, checked.station.fill != fill { throw .cannotEditByForm(id: "fill") }
        for (id, t) in sessions {
            let hm = t.start.split(separator: ":").compactMap { Int($0) }
            let start = hm.count == 2 ? hm[0] * 3_600_000 + hm[1] * 60_000 : -1
            let length = DurationText.seconds(t.length).flatMap { DurationText.milliseconds($0, limit: 86_400) }
            guard let s = checked.station.sessions.first(where: { $0.id == id }), s.start == start, s.length == length else {
                throw .cannotEditByForm(id: id)
            }
        }
        return try saveStation(loaded, text: text, base: base)
    }

    /// The versions kept in `.history/` for this station file, newest first.
    public func stationHistory(_ loaded: LoadedStation) -> [String] {
        let folder = (loaded.path as NSString).deletingLastPathComponent + "/.history"
        let name = ((loaded.path as NSString).lastPathComponent as NSString).deletingPathExtension
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasPrefix(name + ".") && $0.hasSuffix(".yaml") }.sorted(by: >)
    }
}
