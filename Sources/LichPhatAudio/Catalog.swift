import Foundation
import GRDB
import LichPhatCore

/// The scan catalog: what LichPhat learnt about each file, keyed by absolute path, size and
/// modification time, so an unchanged library is rescanned from directory entries alone.
/// A damaged catalog is rebuilt, never a crash.
public final class Catalog: @unchecked Sendable {
    /// Bump when ``AudioFacts`` or the way they are measured changes: older rows are then ignored.
    static let factsVersion = 1

    struct Row: Codable, FetchableRecord, PersistableRecord {
        static let databaseTableName = "files"
        var path: String
        var size: Int64
        var mtime: Int64
        var measureKey: String
        var version: Int
        var facts: Data
    }

    public struct Entry: Sendable {
        public var size: Int64
        public var mtime: Int64
        /// Measurement settings the facts were made with ("quick" or the silence/clipping settings).
        public var measureKey: String
        public var facts: AudioFacts
    }

    private let queue: DatabaseQueue
    public let path: String
    /// Set when the catalog had to be rebuilt; the caller shows it to the operator.
    public private(set) var rebuiltBecause: String?

    public init(path: String) throws {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        do {
            queue = try Self.open(path)
        } catch {
            rebuiltBecause = String(describing: error)
            for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            queue = try Self.open(path)
        }
    }

    private static func open(_ path: String) throws -> DatabaseQueue {
        var config = Configuration()
        config.busyMode = .timeout(5)
        let queue = try DatabaseQueue(path: path, configuration: config)
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
        try migrator.migrate(queue)
        // Touch the table so a damaged file fails here, not half-way through a scan.
        _ = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM files") }
        return queue
    }

    /// Every entry, by absolute path. Unreadable rows are dropped silently (they will be measured again).
    public func load() throws -> [String: Entry] {
        let decoder = JSONDecoder()
        let rows = try queue.read { db in try Row.fetchAll(db) }
        var result: [String: Entry] = [:]
        result.reserveCapacity(rows.count)
        for row in rows where row.version == Self.factsVersion {
            guard let facts = try? decoder.decode(AudioFacts.self, from: row.facts) else { continue }
            result[row.path] = Entry(size: row.size, mtime: row.mtime, measureKey: row.measureKey, facts: facts)
        }
        return result
    }

    /// Saves entries (one transaction).
    public func store(_ entries: [(path: String, entry: Entry)]) throws {
        guard !entries.isEmpty else { return }
        let encoder = JSONEncoder()
        try queue.write { db in
            for (path, e) in entries {
                let row = Row(path: path, size: e.size, mtime: e.mtime, measureKey: e.measureKey,
                              version: Self.factsVersion, facts: try encoder.encode(e.facts))
                try row.upsert(db)
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
