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
    public func checkStation(text: String, path: String) throws(WorkspaceError) -> LoadedStation {
        let file: StationFile
        switch StationFileReader.parse(text, path: path, lang: lang) {
        case .success(let f): file = f
        case .failure(let e): throw .stationFile(path: path, errors: e.errors)
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
        let checked = try checkStation(text: text, path: loaded.path)
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
            try Data(current.text.utf8).write(to: URL(fileURLWithPath: kept))
            let temporary = folder + "/.\(name).edit-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
            guard rename(temporary, loaded.path) == 0 else {
                let e = errno
                unlink(temporary)
                throw WorkspaceError.cannotWrite(path: loaded.path, detail: String(cString: strerror(e)))
            }
        } catch let e as WorkspaceError { throw e } catch {
            throw .cannotWrite(path: loaded.path, detail: "\(error)")
        }
        return checked
    }

    /// The versions kept in `.history/` for this station file, newest first.
    public func stationHistory(_ loaded: LoadedStation) -> [String] {
        let folder = (loaded.path as NSString).deletingLastPathComponent + "/.history"
        let name = ((loaded.path as NSString).lastPathComponent as NSString).deletingPathExtension
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasPrefix(name + ".") && $0.hasSuffix(".yaml") }.sorted(by: >)
    }
}
