import Foundation
public import LichPhatCore

/// Finds the item an input line means: by id, or by a file path matched (after NFC
/// normalisation) against the audio folder, by relative path or by a unique file name.
public struct ItemResolver: Sendable {
    let ids: Set<String>
    let byPath: [String: String]
    let byName: [String: [String]]
    let audioFolder: String

    public init(station: Station, audioFolder: String) {
        ids = Set(station.items.map(\.id))
        var byPath: [String: String] = [:], byName: [String: [String]] = [:]
        for item in station.items {
            guard let f = item.file else { continue }
            let rel = AudioValidator.nfc(f)
            byPath[rel] = item.id
            byName[(rel as NSString).lastPathComponent, default: []].append(item.id)
        }
        self.byPath = byPath
        self.byName = byName
        self.audioFolder = AudioValidator.nfc(audioFolder)
    }

    /// What a log's item or file names.
    public enum Match: Sendable, Equatable {
        case item(String)
        case unknown
        /// The file's path fits several items equally well (same name in different folders, and
        /// the log gives no folder that tells them apart): never guessed.
        case ambiguous([String])
    }

    public func resolve(item: String?, file: String?) -> String? {
        if case .item(let id) = match(item: item, file: file) { return id }
        return nil
    }

    /// An item id as written; else a file: its exact path in the audio folder, else the item
    /// whose path shares the longest tail of folders with it (`tin/a.mp3` in a log under another
    /// root), a tie between items being ambiguous.
    public func match(item: String?, file: String?) -> Match {
        if let item, !item.isEmpty { return ids.contains(item) ? .item(item) : .unknown }
        guard var f = file.map(AudioValidator.nfc), !f.isEmpty else { return .unknown }
        f = f.replacingOccurrences(of: "\\", with: "/")
        if f.hasPrefix(audioFolder + "/") { f.removeFirst(audioFolder.count + 1) }
        while f.hasPrefix("./") { f.removeFirst(2) }
        if let id = byPath[f] { return .item(id) }
        let name = (f as NSString).lastPathComponent
        guard let candidates = byName[name], !candidates.isEmpty else { return .unknown }
        let parts = f.split(separator: "/")
        var best = 0, winners: [String] = []
        for (path, id) in byPath where (path as NSString).lastPathComponent == name {
            let theirs = path.split(separator: "/")
            var shared = 0
            while shared < parts.count, shared < theirs.count,
                  parts[parts.count - 1 - shared] == theirs[theirs.count - 1 - shared] { shared += 1 }
            if shared > best { best = shared; winners = [id] } else if shared == best, !winners.contains(id) { winners.append(id) }
        }
        return winners.count == 1 ? .item(winners[0]) : .ambiguous(winners.sorted())
    }

    /// The issue for a line whose item or file names no single item.
    func issue(item: String?, file: String?, source: SourceRef) -> AuditIssue {
        if case .ambiguous(let ids) = match(item: item, file: file) {
            return AuditIssue(kind: .ambiguousItem, source: source, detail: "\(file ?? ""): \(ids.joined(separator: ", "))")
        }
        return AuditIssue(kind: .unknownItem, source: source, detail: item.flatMap { $0.isEmpty ? nil : $0 } ?? file ?? "")
    }
}
