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
    public static func history(in outDir: String, before week: ISOWeek) -> PlanHistory {
        var history = PlanHistory()
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: outDir) else { return history }
        for name in names.sorted() {
            guard let w = ISOWeek(name), w.description == name, w < week,
                  let data = FileManager.default.contents(atPath: outDir + "/" + name + "/schedule.json"),
                  let doc = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let sessions = doc["sessions"] as? [[String: Any]] else { continue }
            for s in sessions {
                for a in s["airings"] as? [[String: Any]] ?? [] {
                    guard let item = a["item"] as? String, let start = (a["start"] as? String).flatMap(localMillis) else { continue }
                    history.airings[item, default: []].append(start)
                }
            }
        }
        return history
    }

    /// `2026-11-23T06:00:00+07:00` → station-local milliseconds since the epoch.
    public static func localMillis(_ iso: String) -> Int? {
        guard iso.count >= 19, let date = CivilDate(String(iso.prefix(10))) else { return nil }
        let t = iso.dropFirst(11).prefix(8).split(separator: ":").compactMap { Int($0) }
        guard t.count == 3 else { return nil }
        return date.daysSinceEpoch * 86_400_000 + ((t[0] * 60 + t[1]) * 60 + t[2]) * 1000
    }

    static func timestamp() -> String {
        let f = DateFormatter()
        f.dateFormat = "yyyyMMdd-HHmmss"
        f.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")
        return f.string(from: Date())
    }
}
