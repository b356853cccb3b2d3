import CLinuxSupport
public import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A week's record of revisions (`history.json` in the week's folder, `schemas/history.schema.json`):
/// every plan, re-plan, hand edit and amendment made a new revision; an approval marks one. The
/// current revision's files are the week's folder; every earlier one is kept whole (its files
/// hard-linked, approval and rendered kit included) under `revisions/<number>/`. Codes and values
/// only: LichPhatText words them.
public struct WeekHistory: Codable, Sendable, Equatable {
    public var schema = "lichphat/history@1"
    public var revisions: [WeekRevision]

    public init(revisions: [WeekRevision]) { self.revisions = revisions }

    public var current: WeekRevision? { revisions.last }
    /// The week was approved at some revision: it is never planned whole again.
    public var everApproved: WeekRevision? { revisions.last { $0.approved != nil } }
    /// The revision made by this request (a form or call sent twice).
    public func made(byRequest key: String) -> WeekRevision? { revisions.last { $0.request == key } }
}

public struct WeekRevision: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case plan, replan, edit, amend, pin
        /// A priority bulletin put at the head of a session (Thông tư 39/2020): authorised by its
        /// level, so it does not wait for the leader's approval.
        case bulletin
        /// A week written before revisions were recorded: what it is, not how it came.
        case recorded
    }
    /// Through which front end: the account or name it names is `by`.
    public enum Via: String, Codable, Sendable { case cli, web, api }

    public struct Signature: Codable, Sendable, Equatable {
        public var by: String
        public var at: String
        public var via: Via?
        public init(by: String, at: String, via: Via?) { self.by = by; self.at = at; self.via = via }
    }

    /// One airing added, removed, or moved to another time.
    public struct Change: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable { case added, removed, moved, pinned, unpinned }
        public var change: Kind
        public var airing: String
        public var item: String
        public var title: String
        public var session: String
        public var date: String
        /// Station time, `HH:MM:SS`: where it airs now (where it aired for `removed`).
        public var start: String
        /// For `moved`: where it was.
        public var was: String?
        public init(change: Kind, airing: String, item: String, title: String, session: String, date: String, start: String, was: String? = nil) {
            self.change = change; self.airing = airing; self.item = item; self.title = title
            self.session = session; self.date = date; self.start = start; self.was = was
        }
    }

    public var number: Int
    /// SHA-256 of the revision's schedule.json.
    public var hash: String
    public var kind: Kind
    /// The account, the name typed, or empty (the command line).
    public var by: String
    public var via: Via?
    /// Station time, ISO 8601.
    public var at: String
    /// The form or call that made it (sent twice, it is answered with this revision).
    public var request: String?
    /// Planned after the week had ended, on purpose (`--past`).
    public var afterTheFact: Bool?
    public var approved: Signature?
    public var changes: [Change]

    public init(number: Int, hash: String, kind: Kind, by: String, via: Via?, at: String, request: String? = nil,
                afterTheFact: Bool? = nil, approved: Signature? = nil, changes: [Change] = []) {
        self.number = number; self.hash = hash; self.kind = kind; self.by = by; self.via = via; self.at = at
        self.request = request; self.afterTheFact = afterTheFact; self.approved = approved; self.changes = changes
    }
}

extension WeekFolder {
    /// The week's history: `history.json`, or for a week written before it existed, one revision
    /// per `revisions/<n>/` and the current one, with their approvals. Empty when not planned.
    public static func history(of folder: String) -> WeekHistory {
        (try? readHistory(of: folder)) ?? WeekHistory(revisions: [])
    }

    /// ``history(of:)`` for a writer: a `history.json` that is there but does not read is an
    /// error (it is never replaced by a rebuilt one, losing who did what), and an approval
    /// without its mark in the history counts as one (a crash between the two writes).
    public static func readHistory(of folder: String) throws(WriteError) -> WeekHistory {
        var h = try readRecorded(folder)
        if let a = approval(in: folder), var current = h.revisions.last, current.approved == nil,
           FileManager.default.contents(atPath: folder + "/schedule.json").map(sha256) == a.sha256.lowercased() {
            current.approved = .init(by: a.by, at: a.at, via: nil)
            h.revisions[h.revisions.count - 1] = current
        }
        return h
    }

    static func readRecorded(_ folder: String) throws(WriteError) -> WeekHistory {
        if let data = FileManager.default.contents(atPath: folder + "/history.json") {
            do { return try JSONDecoder().decode(WeekHistory.self, from: data) } catch {
                throw .io("\(folder)/history.json cannot be read (\(error)); it is kept as it is: restore it from a backup or revisions/")
            }
        }
        var out: [WeekRevision] = []
        let fm = FileManager.default
        let kept = ((try? fm.contentsOfDirectory(atPath: folder + "/revisions")) ?? []).compactMap(Int.init).sorted()
        for n in kept {
            let dir = folder + "/revisions/\(n)"
            guard let data = fm.contents(atPath: dir + "/schedule.json") else { continue }
            out.append(recorded(n, data, approval(in: dir)))
        }
        if let data = fm.contents(atPath: folder + "/schedule.json") {
            let n = ScheduleDocumentRevision.number(in: data) ?? ((out.last?.number ?? 0) + 1)
            out.append(recorded(n, data, approval(in: folder)))
        }
        return WeekHistory(revisions: out)
    }

    private static func recorded(_ n: Int, _ data: Data, _ a: Approval?) -> WeekRevision {
        WeekRevision(number: n, hash: sha256(data), kind: .recorded, by: "", via: nil, at: "",
                     approved: a.map { .init(by: $0.by, at: $0.at, via: nil) })
    }

    /// The files of the folder's top level that go to air or to the platforms (everything but the
    /// record itself: approval, history, kept revisions, rendered kit, hidden files), with their SHA-256.
    public static func airedFiles(in folder: String) -> [String: String] {
        var out: [String: String] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        where !name.hasPrefix(".") && !["approval.json", "history.json", "revisions", "render"].contains(name) {
            guard let hash = fileHash(folder + "/" + name) else { continue }
            out[name] = hash
        }
        return out
    }

    /// Replaces the week in `folder` with `files` as revision `record`, keeping the revision it
    /// replaces under `revisions/<number>/` (hard links: files are bytes, never re-encoded, and no
    /// space is used twice) with every revision kept before, and records it in `history.json`.
    /// Whole or not at all (``write(_:to:force:keepReplaced:)``'s exchange). The caller holds
    /// the week's ``Lock``.
    public static func commit(_ files: [(name: String, contents: Data)], as record: WeekRevision, history: WeekHistory,
                              to folder: String, held: Lock) throws(WriteError) {
        _ = held
        let fm = FileManager.default
        let parent = (folder as NSString).deletingLastPathComponent
        let week = (folder as NSString).lastPathComponent
        removeStale(in: parent.isEmpty ? "." : parent, week: week)
        let tmp = folder + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        var next = history
        next.revisions.append(record)
        do {
            try fm.createDirectory(atPath: tmp, withIntermediateDirectories: false)
            if fm.fileExists(atPath: folder + "/schedule.json"), let old = history.current {
                // Revisions kept before, and the one replaced now.
                if fm.fileExists(atPath: folder + "/revisions") { try link(folder + "/revisions", tmp + "/revisions") }
                let keep = tmp + "/revisions/\(old.number)"
                if !fm.fileExists(atPath: keep) {
                    try fm.createDirectory(atPath: keep, withIntermediateDirectories: true)
                    for name in try fm.contentsOfDirectory(atPath: folder) where !name.hasPrefix(".") && name != "revisions" && name != "history.json" {
                        try link(folder + "/" + name, keep + "/" + name)
                    }
                }
            }
            for f in files {
                if f.name.contains("/") {
                    try fm.createDirectory(atPath: tmp + "/" + (f.name as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                }
                try AtomicFile.write(f.contents, to: tmp + "/" + f.name)   // flushed: the swap never shows an empty file
            }
            try AtomicFile.write(try document(next), to: tmp + "/history.json")
        } catch let e as WriteError {
            try? fm.removeItem(atPath: tmp)
            throw e
        } catch {
            try? fm.removeItem(atPath: tmp)
            throw .io(describe(error))
        }
        try swapIn(tmp, as: folder)
    }

    /// Marks the current revision approved (`approval.json` beside it, and in `history.json`).
    public static func recordApproval(_ approval: Approval, revision: Int, history: WeekHistory, in folder: String,
                                      via: WeekRevision.Via?, held: Lock) throws(WriteError) {
        _ = held
        var next = history
        if let k = next.revisions.lastIndex(where: { $0.number == revision }) {
            next.revisions[k].approved = .init(by: approval.by, at: approval.at, via: via)
        }
        var fields: [(String, JSONValue)] = [("schema", .string("lichphat/approval@1")), ("by", .string(approval.by)),
                                             ("at", .string(approval.at)), ("file", .string("schedule.json")),
                                             ("sha256", .string(approval.sha256)), ("revision", .int(revision))]
        fields.append(("files", .object(approval.files.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })))
        // The history first: killed between the two, the week counts as approved (never planned
        // whole again) rather than approved on the page and not in the record.
        do { try atomicWrite(try document(next), to: folder + "/history.json") } catch let e as WriteError { throw e } catch {
            throw .io(describe(error))
        }
        try atomicWrite(Data(JSONValue.object(fields).rendered().utf8), to: folder + "/approval.json")
    }

    static func document(_ h: WeekHistory) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(h) + Data("\n".utf8)
    }

    /// `data` into `path` through a temporary file beside it and a rename: never half written.
    public static func atomicWrite(_ data: Data, to path: String) throws(WriteError) {
        do throws(AtomicFile.Failure) { try AtomicFile.write(data, to: path) } catch { throw .io(error.detail) }
    }

    /// Hard-links `from` into `to` (a folder: its tree, linked file by file); a symbolic link is
    /// recreated as a link, never followed.
    static func link(_ from: String, _ to: String) throws {
        var st = stat()
        guard lstat(from, &st) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        switch st.st_mode & S_IFMT {
        case S_IFDIR:
            try FileManager.default.createDirectory(atPath: to, withIntermediateDirectories: true)
            for name in try FileManager.default.contentsOfDirectory(atPath: from) { try link(from + "/" + name, to + "/" + name) }
        case S_IFREG:
            if Glibc.link(from, to) != 0 { try FileManager.default.copyItem(atPath: from, toPath: to) }
        default:
            break   // a symbolic link or device in a week's folder is not part of any revision
        }
    }

    /// Puts the finished folder `tmp` in place of `folder` in one atomic step, and removes the old.
    public static func swapIn(_ tmp: String, as folder: String) throws(WriteError) {
        if try exchange(tmp, folder) { try? FileManager.default.removeItem(atPath: tmp) }
    }

    /// Puts `tmp` in place of `folder`: renamed when there is none (false), else exchanged in one
    /// atomic step (Linux `renameat2(RENAME_EXCHANGE)`), so `tmp` then holds the old one (true).
    /// Without the exchange the old one goes aside first (a kill between the two renames leaves it
    /// there, and ``removeStale(in:week:)`` puts it back).
    static func exchange(_ tmp: String, _ folder: String) throws(WriteError) -> Bool {
        let fm = FileManager.default
        guard fm.fileExists(atPath: folder) else {
            if rename(tmp, folder) != 0 {
                let e = errno
                try? fm.removeItem(atPath: tmp)
                throw .io(String(cString: strerror(e)))
            }
            return false
        }
        if lp_rename_exchange(tmp, folder) != 0 {
            let aside = folder + ".old-\(getpid())"
            guard rename(folder, aside) == 0 else { let e = errno; try? fm.removeItem(atPath: tmp); throw .io(String(cString: strerror(e))) }
            guard rename(tmp, folder) == 0 else {
                let e = errno
                _ = rename(aside, folder)
                try? fm.removeItem(atPath: tmp)
                throw .io(String(cString: strerror(e)))
            }
            _ = rename(aside, tmp)
        }
        return true
    }
}

/// The `revision` number a schedule.json carries (absent: 1).
enum ScheduleDocumentRevision {
    static func number(in data: Data) -> Int? {
        struct R: Decodable { var revision: Int? }
        guard let r = try? JSONDecoder().decode(R.self, from: data) else { return nil }
        return r.revision ?? 1
    }
}
