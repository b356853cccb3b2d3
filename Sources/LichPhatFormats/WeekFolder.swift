import Crypto
import Foundation
import LichPhatCore

/// A week's folder of outputs: written whole or not at all, never over an approved week.
public enum WeekFolder {
    public struct Approval: Sendable, Equatable {
        public var by: String
        public var at: String
        public var sha256: String
    }

    public enum WriteError: Error, Sendable {
        case approved(Approval)
        case io(String)
    }

    public static func approval(in folder: String) -> Approval? {
        guard let data = FileManager.default.contents(atPath: folder + "/approval.json"),
              let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let by = obj["by"] as? String, let at = obj["at"] as? String else { return nil }
        return Approval(by: by, at: at, sha256: obj["sha256"] as? String ?? "")
    }

    public static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// Writes `files` into `folder`: first into a sibling temporary folder, then swapped in by
    /// renames, so a crash leaves either the old week or the new one. An approved week is
    /// refused unless `force`, which first moves it aside to `<week>.replaced-<time>`.
    /// Returns where an approved week was moved, if it was.
    @discardableResult
    public static func write(_ files: [(name: String, contents: String)], to folder: String, force: Bool) throws(WriteError) -> String? {
        let fm = FileManager.default
        var moved: String?
        if let a = approval(in: folder), !force { throw .approved(a) }
        let tmp = folder + ".tmp-\(getpid())"
        do {
            try? fm.removeItem(atPath: tmp)
            try fm.createDirectory(atPath: tmp, withIntermediateDirectories: true)
            for f in files { try Data(f.contents.utf8).write(to: URL(fileURLWithPath: tmp + "/" + f.name)) }
            if fm.fileExists(atPath: folder) {
                if approval(in: folder) != nil {
                    moved = folder + ".replaced-" + timestamp()
                    try fm.moveItem(atPath: folder, toPath: moved!)
                } else {
                    let old = folder + ".old-\(getpid())"
                    try fm.moveItem(atPath: folder, toPath: old)
                    try fm.moveItem(atPath: tmp, toPath: folder)
                    try? fm.removeItem(atPath: old)
                    return nil
                }
            }
            try fm.moveItem(atPath: tmp, toPath: folder)
        } catch {
            try? fm.removeItem(atPath: tmp)
            throw .io(String(describing: error))
        }
        return moved
    }

    /// Records who approved the week in `folder` and when, with the hash of its schedule.json.
    public static func approve(folder: String, by: String, at: Date = Date()) throws(WriteError) -> Approval {
        guard let data = FileManager.default.contents(atPath: folder + "/schedule.json") else {
            throw .io("no schedule.json in \(folder)")
        }
        let iso = ISO8601DateFormatter()
        iso.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")
        let approval = Approval(by: by, at: iso.string(from: at), sha256: sha256(data))
        let doc = JSONValue.object([("schema", .string("lichphat/approval@1")), ("by", .string(approval.by)),
                                    ("at", .string(approval.at)), ("file", .string("schedule.json")),
                                    ("sha256", .string(approval.sha256))]).rendered()
        let target = folder + "/approval.json", tmp = target + ".tmp-\(getpid())"
        do {
            try Data(doc.utf8).write(to: URL(fileURLWithPath: tmp))
            if rename(tmp, target) != 0 { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(atPath: tmp)
            throw .io(String(describing: error))
        }
        return approval
    }

    /// Airings of the weeks before `week` already written under `outDir`, as planning history.
    /// Read by ``PlanReader``, as the audit reads them; `time` turns their timestamps into station time.
    public static func history(in outDir: String, before week: ISOWeek,
                               time: LogTime = LogTime(stationOffset: 7 * 3600)) -> PlanHistory {
        var history = PlanHistory()
        var read = PlanReader.Result()
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: outDir)) ?? []).sorted() {
            guard let w = ISOWeek(name), w.description == name, w < week else { continue }
            PlanReader.readWeek(outDir + "/" + name, into: &read, time: time)
        }
        for r in read.records { history.airings[r.item, default: []].append(r.start) }
        return history
    }

    static func timestamp() -> String {
        let f = DateFormatter()
        f.dateFormat = "yyyyMMdd-HHmmss"
        f.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")
        return f.string(from: Date())
    }
}
