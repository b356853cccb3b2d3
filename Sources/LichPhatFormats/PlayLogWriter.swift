import Foundation
public import LichPhatCore

/// One line of the play log LichPhat writes while it airs: what played, from when to when, and why.
public struct PlayLogLine: Sendable, Equatable {
    public enum Reason: String, Sendable, CaseIterable { case plan, bulletin, relay }
    /// Station-local milliseconds.
    public var start: Int
    public var end: Int
    /// The station item's id, or the bulletin's.
    public var item: String
    /// The file as the plan names it (relative to the audio folder), or the bulletin's audio, or a relay's address.
    public var file: String
    /// The session's id (`sang`), empty for a bulletin aired between sessions.
    public var session: String
    /// The week's revision it aired from (0 for a bulletin).
    public var revision: Int
    public var reason: Reason
    /// `ok`, or `interrupted` (cut by an emergency bulletin), `resumed` (the rest of a cut airing),
    /// `stopped` (playout stopped or failed mid-airing).
    public var status: String

    public init(start: Int, end: Int, item: String, file: String, session: String, revision: Int, reason: Reason, status: String = "ok") {
        self.start = start; self.end = end; self.item = item; self.file = file
        self.session = session; self.revision = revision; self.reason = reason; self.status = status
    }

    public var played: Int { max(0, end - start) }
}

/// Appends lines to the station's monthly play log (`nhat-ky-phat-YYYY-MM.csv`, the shape
/// `PlayLogReader` reads), each line written whole and flushed to the disk before the call
/// returns, so a kill -9 or a power cut leaves every line written before it.
public enum PlayLogWriter {
    public static let header = ["start", "end", "played", "item", "file", "session", "revision", "reason", "status"]

    /// Whether a file name is one the playout writes (`nhat-ky-phat-2026-11.csv`,
    /// `…-may-phat.csv`, `…-may-phat-2.csv`): reserved, never taken by an upload.
    public static func isPlayoutName(_ name: String) -> Bool {
        let u = Array(name.utf8)
        let prefix = Array("nhat-ky-phat-".utf8)
        guard u.count >= prefix.count + 11, u.starts(with: prefix), name.hasSuffix(".csv") else { return false }
        let digits = { (a: Int, b: Int) in u[a..<b].allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        let p = prefix.count
        guard digits(p, p + 4), u[p + 4] == 0x2D, digits(p + 5, p + 7) else { return false }
        let rest = String(decoding: u[(p + 7)...], as: UTF8.self).dropLast(4)
        if rest.isEmpty || rest == "-may-phat" { return true }
        guard rest.hasPrefix("-may-phat-") else { return false }
        return rest.dropFirst(10).allSatisfy(\.isNumber) && rest.count > 10
    }

    /// `nhat-ky-phat-2026-11.csv` for a line starting in November 2026 (station time).
    public static func fileName(for local: Int) -> String {
        let d = StationClock.date(local)
        return "nhat-ky-phat-\(d.year)-\(d.month < 10 ? "0" : "")\(d.month).csv"
    }

    /// `2026-11-02 07:00:00.120`, station time (the reader takes a time with no offset as station time).
    public static func time(_ local: Int) -> String {
        "\(StationClock.date(local)) \(StationClock.preciseTime(local))"
    }

    /// The file does not exist, is empty, or starts with this writer's header.
    public static func isOwn(_ path: String) -> Bool {
        guard let h = FileHandle(forReadingAtPath: path) else { return true }
        defer { try? h.close() }
        let want = Array(header.joined(separator: ",").utf8)
        let head = [UInt8](h.readData(ofLength: 3 + want.count))
        if head.isEmpty { return true }
        let body = head.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(head.dropFirst(3)) : head
        return body.starts(with: want)
    }

    public static func row(_ l: PlayLogLine) -> String {
        let secs = ScanOutput.formatted(Double(l.played) / 1000, 3)
        return [time(l.start), time(l.end), secs, l.item, l.file, l.session, String(l.revision), l.reason.rawValue, l.status]
            .map(CSV.field).joined(separator: ",") + "\r\n"
    }

    /// Appends the line to `folder/<month's file>`, writing the header first into a new file.
    /// Returns the file's path; throws the system's error number when it cannot write.
    @discardableResult
    public static func append(_ l: PlayLogLine, folder: String) throws(AtomicFile.Failure) -> String {
        let first = folder + "/" + fileName(for: l.start)
        // A log of another shape under that name (one a platform made) is never written into: the
        // month's lines go beside it, `…-may-phat.csv` ("the playout's"), `…-may-phat-2.csv` ….
        var path = first, n = 1
        while !isOwn(path) {
            path = String(first.dropLast(4)) + "-may-phat" + (n == 1 ? "" : "-\(n)") + ".csv"
            n += 1
        }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw AtomicFile.Failure(detail: String(cString: strerror(errno)), exists: false) }
        defer { close(fd) }
        var st = stat()
        var text = ""
        if fstat(fd, &st) == 0, st.st_size == 0 { text = CSV.document([header]) }
        text += row(l)
        let bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let n = bytes[done...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; throw AtomicFile.Failure(detail: String(cString: strerror(errno)), exists: false) }
            done += n
        }
        guard fsync(fd) == 0 else { throw AtomicFile.Failure(detail: String(cString: strerror(errno)), exists: false) }
        return path
    }
}
