public import Foundation
public import GRDB
public import LichPhatCore

/// The scan catalog: what LichPhat learnt about each file, keyed by absolute path, size and
/// modification time, so an unchanged library is rescanned from directory entries alone.
/// A damaged catalog is rebuilt, never a crash.
public final class Catalog: @unchecked Sendable {
    /// Bump when ``AudioFacts`` or the way they are measured changes: older rows are then ignored.
    static let factsVersion = 1

    /// One file's row; the facts are stored through their Codable form (a JSON column).
    struct Row: Codable, FetchableRecord, PersistableRecord {
        static let databaseTableName = "files"
        var path: String
        var size: Int64
        var mtime: Int64
        var measureKey: String
        var version: Int
        var facts: AudioFacts
    }

    public struct Entry: Sendable {
        public var size: Int64
        public var mtime: Int64
        /// Measurement settings the facts were made with ("quick" or the silence/clipping settings).
        public var measureKey: String
        public var facts: AudioFacts
    }

    private let writer: any DatabaseWriter
    /// The file it lives in (empty for a catalog in memory).
    public let path: String
    /// Set when the catalog file was damaged and had to be rebuilt; the caller shows it to the operator.
    public let rebuiltBecause: String?

    /// A catalog on any GRDB writer (tests use an in-memory `DatabaseQueue()`).
    public init(writer: any DatabaseWriter) throws {
        try Self.migrate(writer)
        self.writer = writer
        path = writer.path
        rebuiltBecause = nil
    }

    /// The catalog in the file at `path`; a damaged file is removed and rebuilt (``rebuiltBecause``).
    public init(path: String) throws {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        var reason: String?
        do {
            writer = try Self.open(path)
        } catch {
            reason = String(describing: error)
            for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            writer = try Self.open(path)
        }
        rebuiltBecause = reason
    }

    private static func open(_ path: String) throws -> DatabaseQueue {
        var config = Configuration()
        config.busyMode = .timeout(5)
        let queue = try DatabaseQueue(path: path, configuration: config)
        try migrate(queue)
        return queue
    }

    private static func migrate(_ writer: any DatabaseWriter) throws {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "files") { t in
                t.primaryKey("path", .text)
                t.column("size", .integer).notNull()
                t.column("mtime", .integer).notNull()
                t.column("measureKey", .text).notNull()
                t.column("version", .integer).notNull()
                t.column("facts", .blob).notNull()
            }
        }
        try migrator.migrate(writer)
        // Touch the table so a damaged file fails here, not half-way through a scan.
        _ = try writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM files") }
    }

    /// Every entry, by absolute path. A row that no longer decodes is dropped (it will be measured again).
    public func load() throws -> [String: Entry] {
        try writer.read { db in
            var result: [String: Entry] = [:]
            let raw = try GRDB.Row.fetchCursor(db, sql: "SELECT * FROM files WHERE version = ?", arguments: [Self.factsVersion])
            while let r = try raw.next() {
                guard let row = try? Row(row: r) else { continue }
                result[row.path] = Entry(size: row.size, mtime: row.mtime, measureKey: row.measureKey, facts: row.facts)
            }
            return result
        }
    }

    /// The entries of these paths only (a station's library in a catalog of a province's: each
    /// station's load decoded every row of the catalog, three quarters of a 168-station roll-up).
    public func load(paths: [String]) throws -> [String: Entry] {
        try writer.read { db in
            var result: [String: Entry] = [:]
            var start = 0
            while start < paths.count {
                let chunk = Array(paths[start..<min(paths.count, start + 500)])
                start += chunk.count
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                let raw = try GRDB.Row.fetchCursor(db, sql: "SELECT * FROM files WHERE version = ? AND path IN (\(marks))",
                                                   arguments: StatementArguments([Self.factsVersion] + chunk))
                while let r = try raw.next() {
                    guard let row = try? Row(row: r) else { continue }
                    result[row.path] = Entry(size: row.size, mtime: row.mtime, measureKey: row.measureKey, facts: row.facts)
                }
            }
            return result
        }
    }

    /// Saves entries (one transaction).
    public func store(_ entries: [(path: String, entry: Entry)]) throws {
        guard !entries.isEmpty else { return }
        try writer.write { db in
            for (path, e) in entries {
                try Row(path: path, size: e.size, mtime: e.mtime, measureKey: e.measureKey,
                        version: Self.factsVersion, facts: e.facts).upsert(db)
            }
        }
    }

    /// The default place: `$XDG_CACHE_HOME/lichphat/catalog.sqlite` (or `~/.cache/...`).
    public static var defaultPath: String {
        let env = ProcessInfo.processInfo.environment
        let base = env["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((env["HOME"] ?? NSTemporaryDirectory()) + "/.cache")
        return base + "/lichphat/catalog.sqlite"
    }
}
