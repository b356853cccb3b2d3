import Foundation
public import LichPhatCore
import LichPhatFormats

/// A play log kept beside a station's weeks (`Schedules/<station id>/…csv`).
public struct StoredPlayLog: Sendable, Equatable {
    /// The file name, like `nhat-ky-phat-2026-11.csv`.
    public var name: String
    /// The full path.
    public var path: String
    public var size: Int
}

extension Workspace {
    static let playLogExtensions: Set<String> = ["csv", "txt", "log"]

    /// The play logs kept for the station: the CSV (or .txt/.log) files beside its week folders.
    public func playLogs(of loaded: LoadedStation) -> [StoredPlayLog] {
        let folder = loaded.weeksFolder
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { !$0.hasPrefix(".") && Self.playLogExtensions.contains(($0 as NSString).pathExtension.lowercased()) }
            .sorted()
            .compactMap { name in
                let path = folder + "/" + name
                guard let a = try? FileManager.default.attributesOfItem(atPath: path), a[.type] as? FileAttributeType == .typeRegular else { return nil }
                return StoredPlayLog(name: AudioName.nfc(name), path: path, size: (a[.size] as? Int) ?? 0)
            }
    }

    /// Keeps an uploaded play log beside the station's weeks: read first (a log with nothing to
    /// count is refused with the reason), then written atomically under its own name, never
    /// over another file. The same bytes under the same name again are simply the same log.
    public func addPlayLog(to loaded: LoadedStation, name: String, bytes: [UInt8]) throws(WorkspaceError) -> StoredPlayLog {
        let clean = AudioName.nfc(name.trimmingCharacters(in: .whitespaces))
        guard AudioName.isPlainName(clean), Self.playLogExtensions.contains((clean as NSString).pathExtension.lowercased()) else {
            throw .badPlayLogName(name: name)
        }
        // The playout's own log names are its alone: an upload under one would mix forged lines into it.
        if PlayLogWriter.isPlayoutName(clean.lowercased()) { throw .reservedPlayLogName(name: clean) }
        let folder = loaded.weeksFolder
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let target = folder + "/" + clean
        if let existing = FileManager.default.contents(atPath: target) {
            if existing == Data(bytes) { return StoredPlayLog(name: clean, path: target, size: bytes.count) }
            throw .fileExists(path: clean)
        }
        // Read from a hidden file first: a log that cannot be counted never joins the station's logs.
        let temporary = folder + "/.log-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes)) else {
            throw .cannotWrite(path: target, detail: String(cString: strerror(errno)))
        }
        defer { unlink(temporary) }
        let resolver = ItemResolver(station: loaded.station, audioFolder: loaded.audioFolder)
        let read = PlayLogReader.read(path: temporary, resolver: resolver, time: LogTime(clock: loaded.clock))
        if let unusable = read.unusable {
            throw .unusablePlayLog(path: clean, reason: unusable, issues: Array(read.issues.prefix(5)))
        }
        if link(temporary, target) != 0 {
            let e = errno
            if e == EEXIST { throw .fileExists(path: clean) }
            throw .cannotWrite(path: target, detail: String(cString: strerror(e)))
        }
        return StoredPlayLog(name: clean, path: target, size: bytes.count)
    }
}

/// File names from the outside (uploads): one plain name, NFC, no path, no hidden file, no
/// control characters.
enum AudioName {
    static func nfc(_ s: String) -> String { s.precomposedStringWithCanonicalMapping }

    static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 200 && !name.contains("/") && !name.contains("\\")
            && !name.hasPrefix(".") && !name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
    }
}

extension Workspace {
    /// The play logs `lichphat air` wrote for the station (`nhat-ky-phat-YYYY-MM.csv` in LichPhat's
    /// own shape) whose month meets the period: what an audit reads when it is given no logs.
    public func ownPlayLogs(of loaded: LoadedStation, period: AuditPeriod) -> [String] {
        playLogs(of: loaded).filter { log in
            let name = log.name
            guard PlayLogWriter.isPlayoutName(name), let y = Int(name.dropFirst(13).prefix(4)), let m = Int(name.dropFirst(18).prefix(2)),
                  (1...12).contains(m) else { return false }
            let first = CivilDate(year: y, month: m, day: 1)
            let last = CivilDate(year: m == 12 ? y + 1 : y, month: m == 12 ? 1 : m + 1, day: 1).adding(days: -1)
            guard first <= period.to, last >= period.from else { return false }
            return FileManager.default.fileExists(atPath: log.path) && PlayLogWriter.isOwn(log.path) && log.size > 0
        }.map(\.path)
    }
}
