import CLinuxSupport
import Crypto
public import Foundation
import Synchronization
public import LichPhatCore

/// A week's folder of outputs: written whole or not at all, never over an approved week.
public enum WeekFolder {
    public struct Approval: Sendable, Equatable {
        public var by: String
        public var at: String
        /// SHA-256 of the approved schedule.json.
        public var sha256: String
        /// The revision approved (absent in approvals written before revisions were numbered).
        public var revision: Int?
        /// Every file that goes to air or to the platforms, with its SHA-256 (``airedFiles(in:)``).
        public var files: [String: String] = [:]
        public init(by: String, at: String, sha256: String, revision: Int? = nil, files: [String: String] = [:]) {
            self.by = by; self.at = at; self.sha256 = sha256; self.revision = revision; self.files = files
        }
    }

    public enum WriteError: Error, Sendable {
        case approved(Approval)
        /// Another plan of the same week is being written right now (another run or request).
        case busy
        case io(String)
    }

    public static func approval(in folder: String) -> Approval? {
        struct Document: Decodable { var by: String; var at: String; var sha256: String?; var revision: Int?; var files: [String: String]? }
        guard let data = FileManager.default.contents(atPath: folder + "/approval.json"),
              let d = try? JSONDecoder().decode(Document.self, from: data) else { return nil }
        return Approval(by: d.by, at: d.at, sha256: d.sha256 ?? "", revision: d.revision, files: d.files ?? [:])
    }

    /// Where a week's folder stands, its approval checked against the schedule it signed.
    public enum State: Sendable, Equatable {
        /// No schedule.json in the folder.
        case none
        case draft
        case approved(Approval)
        /// approval.json is there, but schedule.json no longer has the SHA-256 it recorded.
        case modified(Approval)

        public var approval: ApprovalState {
            switch self {
            case .none: .none
            case .draft: .draft
            case .approved: .approved
            case .modified: .modified
            }
        }
        public var approvedBy: Approval? {
            switch self {
            case .approved(let a), .modified(let a): a
            case .none, .draft: nil
            }
        }
    }

    /// The week's state: its schedule.json's SHA-256 compared with the one its approval recorded.
    public static func state(of folder: String) -> State {
        guard let hash = fileHash(folder + "/schedule.json") else { return .none }
        if let a = approvedWithBulletins(folder, hash) { return .approved(a) }
        guard let a = approval(in: folder) else { return .draft }
        guard hash == a.sha256.lowercased() else { return .modified(a) }
        // Every file that goes to air or to the platforms is as approved (playlists, Liquidsoap, CSV).
        if !a.files.isEmpty, airedFiles(in: folder) != a.files { return .modified(a) }
        return .approved(a)
    }

    /// Priority bulletins put in after an approval (revisions of kind `bulletin`, Thông tư
    /// 39/2020) are authorised by their level: the week stands approved as it is now, by the
    /// approval before them, as long as the schedule is the last revision's own.
    static func approvedWithBulletins(_ folder: String, _ hash: String) -> Approval? {
        guard FileManager.default.fileExists(atPath: folder + "/history.json"),
              let h = try? readHistory(of: folder), let current = h.current, current.kind == .bulletin, current.hash == hash,
              let base = h.revisions.lastIndex(where: { $0.approved != nil }), base + 1 < h.revisions.count,
              h.revisions[(base + 1)...].allSatisfy({ $0.kind == .bulletin }), let signed = h.revisions[base].approved else { return nil }
        return Approval(by: signed.by, at: signed.at, sha256: hash, revision: h.revisions[base].number)
    }

    public static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// The SHA-256 of a regular file (never a link), kept while its device, inode, size, time and
    /// change time stay the same: a week's state hashes its schedule and every aired file on each
    /// look, which was two fifths of the API's week call. Nil when it is not a readable regular file.
    public static func fileHash(_ path: String) -> String? {
        var st = stat()
        guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        let key = FileKey(dev: UInt64(st.st_dev), inode: UInt64(st.st_ino), size: Int64(st.st_size),
                          mtime: Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec),
                          ctime: Int64(st.st_ctim.tv_sec) * 1_000_000_000 + Int64(st.st_ctim.tv_nsec))
        if let known = hashes.withLock({ $0[path] }), known.key == key { return known.hash }
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let hash = sha256(data)
        hashes.withLock { table in
            if table.count > 50_000 { table.removeAll() }   // bounded: a server's weeks, not a disk's
            table[path] = (key, hash)
        }
        return hash
    }

    struct FileKey: Equatable, Sendable { var dev: UInt64; var inode: UInt64; var size: Int64; var mtime: Int64; var ctime: Int64 }
    private static let hashes = Mutex([String: (key: FileKey, hash: String)]())

    /// Writes `files` into `folder`: first into a sibling temporary folder, then exchanged with the
    /// old week in one atomic step (Linux `renameat2(RENAME_EXCHANGE)`), so at every instant the
    /// week is either the old one or the new one, whole, even if the process is killed. One writer
    /// per week: a second one at the same moment gets ``WriteError/busy``. Temporary and aside
    /// folders left by a killed run are removed first. An approved week is refused unless `force`,
    /// which keeps it beside as `<week>.replaced-<time>`. Returns where an approved week went.
    @discardableResult
    public static func write(_ files: [(name: String, contents: String)], to folder: String, force: Bool,
                             keepReplaced: Bool = true) throws(WriteError) -> String? {
        let fm = FileManager.default
        let parent = (folder as NSString).deletingLastPathComponent
        let week = (folder as NSString).lastPathComponent
        do { try fm.createDirectory(atPath: parent.isEmpty ? "." : parent, withIntermediateDirectories: true) } catch {
            throw .io(describe(error))
        }
        let lock = try WeekLock(folder: folder)
        defer { lock.release() }
        if let a = approval(in: folder), !force { throw .approved(a) }
        removeStale(in: parent.isEmpty ? "." : parent, week: week)
        let tmp = folder + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        do {
            try fm.createDirectory(atPath: tmp, withIntermediateDirectories: false)
            for f in files {
                // A name may hold a folder (`revisions/1/schedule.json`).
                if f.name.contains("/") {
                    try fm.createDirectory(atPath: tmp + "/" + (f.name as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                }
                try AtomicFile.write(Data(f.contents.utf8), to: tmp + "/" + f.name)   // flushed: the swap never shows an empty file
            }
        } catch {
            try? fm.removeItem(atPath: tmp)
            throw .io(describe(error))
        }
        let wasApproved = approval(in: folder) != nil
        guard try exchange(tmp, folder) else { return nil }
        // `tmp` now holds the previous week.
        if wasApproved, keepReplaced {
            let moved = folder + ".replaced-" + timestamp()
            if rename(tmp, moved) == 0 { return moved }
        }
        try? fm.removeItem(atPath: tmp)
        return nil
    }

    /// Removes what killed writers of `week` left in `parent`: `<week>.tmp-*` folders, and
    /// `<week>.old-*` folders (put back as the week when the week itself is missing).
    public static func removeStale(in parent: String, week: String) {
        let fm = FileManager.default
        for name in (try? fm.contentsOfDirectory(atPath: parent)) ?? [] where name.hasPrefix(week + ".") {
            let path = parent + "/" + name
            if name.hasPrefix(week + ".tmp-") {
                try? fm.removeItem(atPath: path)
            } else if name.hasPrefix(week + ".old-") {
                if !fm.fileExists(atPath: parent + "/" + week) { _ = rename(path, parent + "/" + week) }
                else { try? fm.removeItem(atPath: path) }
            }
        }
    }

    public static func describe(_ error: any Error) -> String {
        if let e = error as? CocoaError, let u = e.userInfo[NSUnderlyingErrorKey] as? NSError, u.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(u.code)))
        }
        if let e = error as? POSIXError { return String(cString: strerror(e.code.rawValue)) }
        if let e = error as? AtomicFile.Failure { return e.detail }
        return (error as NSError).localizedDescription
    }

    /// Records who approved the week in `folder` and when, with the hash of its schedule.json.
    public static func approve(folder: String, by: String, at: Date = Date()) throws(WriteError) -> Approval {
        let lock = try WeekLock(folder: folder)
        defer { lock.release() }
        if let a = approval(in: folder) { throw .approved(a) }
        guard let data = FileManager.default.contents(atPath: folder + "/schedule.json") else {
            throw .io("no schedule.json in \(folder)")
        }
        // On the station's clock: its zone is written in the schedule.
        let zone = (try? JSONDecoder().decode(ScheduleDocument.self, from: data))?.station.timezone ?? StationClock.defaultIdentifier
        let clock = StationClock(identifier: zone)
        let approval = Approval(by: by, at: clock.isoSeconds(clock.now(at)), sha256: sha256(data))
        let doc = JSONValue.object([("schema", .string("lichphat/approval@1")), ("by", .string(approval.by)),
                                    ("at", .string(approval.at)), ("file", .string("schedule.json")),
                                    ("sha256", .string(approval.sha256))]).rendered()
        do throws(AtomicFile.Failure) { try AtomicFile.write(Data(doc.utf8), to: folder + "/approval.json") } catch { throw .io(error.detail) }
        return approval
    }

    /// Airings of the weeks before `week` already written under `outDir`, as planning history.
    /// Read by ``PlanReader``, as the audit reads them; `time` turns their timestamps into station time.
    public static func history(in outDir: String, before week: ISOWeek,
                               time: LogTime) -> PlanHistory {
        var history = PlanHistory()
        var read = PlanReader.Result()
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: outDir)) ?? []).sorted() {
            guard let w = ISOWeek(name), w.description == name, w < week else { continue }
            PlanReader.readWeek(outDir + "/" + name, into: &read, time: time)
        }
        for r in read.records { history.airings[r.item, default: []].append(r.start) }
        return history
    }

    /// `20261125-183000Z` (UTC: names sort by time whatever the station's zone).
    static func timestamp() -> String {
        StationClock(zone: TimeZone(identifier: "UTC")!).utcStamp(StationClock(zone: TimeZone(identifier: "UTC")!).now())
            .replacingOccurrences(of: "T", with: "-")
    }
}

/// One writer per week: an advisory lock (`flock`) on a hidden file beside the week's folder,
/// released when the writer finishes or dies.
typealias WeekLock = WeekFolder.Lock

extension WeekFolder {
    public struct Lock: Sendable {
        let fd: Int32

        /// Takes the week's lock, waiting up to `wait` seconds for another writer to finish
        /// (a form sent twice waits for the first, then sees what it did); ``WriteError/busy`` after.
        public init(folder: String, wait: Double = 0) throws(WeekFolder.WriteError) {
            let parent = (folder as NSString).deletingLastPathComponent
            do { try FileManager.default.createDirectory(atPath: parent.isEmpty ? "." : parent, withIntermediateDirectories: true) } catch {
                throw .io(WeekFolder.describe(error))
            }
            let path = (parent.isEmpty ? "." : parent) + "/." + (folder as NSString).lastPathComponent + ".lock"
            fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw .io(String(cString: strerror(errno))) }
            let deadline = Date().addingTimeInterval(wait)
            while flock(fd, LOCK_EX | LOCK_NB) != 0 {
                guard Date() < deadline else {
                    close(fd)
                    throw .busy
                }
                usleep(20_000)
            }
        }

        public func release() {
            flock(fd, LOCK_UN)
            close(fd)
        }
    }
}
