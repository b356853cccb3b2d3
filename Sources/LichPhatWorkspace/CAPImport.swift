import Foundation
public import LichPhatCore
import LichPhatFormats

/// What a CAP message did.
public enum CAPOutcome: Sendable {
    /// A new bulletin (an Alert, or an Update: `replaced` names the bulletins it stopped).
    case sent(Bulletin, replaced: [String])
    /// The same message was imported before: nothing new.
    case repeated(Bulletin)
}

extension Workspace {
    /// Takes a CAP 1.2 message from a source-information system. `msgType` Alert airs; an Update
    /// airs and stops the bulletins it refers to; a Cancel stops them and airs nothing (refused
    /// with `cancelMessage`, which names what it stopped). Urgency `Immediate` or severity
    /// `Extreme` is an emergency, `Expected` or `Severe` priority, anything else normal. An
    /// emergency with `expires` repeats hourly until then. The audio is the first audio
    /// `resource` (embedded, or a file beside the message); else the `description` (or the
    /// `headline`) is read aloud. Only `status` Actual airs; an expired message never does.
    /// `filesBeside`: a resource's `uri` may name a file beside the message (the command line);
    /// a message that came over the network never reads a file of the server (it is read aloud instead).
    public func importCAP(_ loaded: LoadedStation, bytes: [UInt8], name: String, actor: Actor, filesBeside: Bool = true) throws(WorkspaceError) -> CAPOutcome {
        let m: CAPMessage
        switch CAPMessage.parse(bytes) {
        case .success(let v): m = v
        case .failure(.notXML(let line)): throw .capRefused(file: name, why: .notXML(line: line))
        case .failure(.notCAP): throw .capRefused(file: name, why: .notCAP)
        case .failure(.missing(let key)): throw .capRefused(file: name, why: .missing(key))
        }
        guard m.status == "Actual" else { throw .capRefused(file: name, why: .unsupportedStatus(m.status)) }
        // One message at a time per station: a sender retrying while the first is still being read
        // aloud finds it done, never a second bulletin.
        let folder = bulletinFolder(loaded)
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let lockFD = open(folder + "/.cap.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard lockFD >= 0 else { throw .cannotWrite(path: folder + "/.cap.lock", detail: String(cString: strerror(errno))) }
        defer { close(lockFD) }
        flock(lockFD, LOCK_EX)
        let existing = bulletins(loaded)
        if let done = existing.first(where: { $0.cap?.identifier == m.identifier && $0.cap?.sender == m.sender }) { return .repeated(done) }
        let referred = existing.filter { b in b.cap.map { c in m.references.contains { $0.identifier == c.identifier && $0.sender == c.sender } } ?? false }
        func stop(_ list: [Bulletin]) throws(WorkspaceError) -> [String] {
            var ids: [String] = []
            for b in list where b.cancelled == nil { _ = try cancelBulletin(loaded, id: b.id, actor: actor); ids.append(b.id) }
            return ids
        }
        switch m.msgType {
        case "Cancel":
            throw .capRefused(file: name, why: .cancelMessage(cancelled: try stop(referred)))
        case "Alert", "Update": break
        default: throw .capRefused(file: name, why: .missing("msgType Alert/Update/Cancel"))
        }
        let clock = loaded.clock
        let now = clock.now(self.now())
        let expires = m.expires.flatMap(LogTime(clock: clock).parse)
        if let expires, expires <= now { throw .capRefused(file: name, why: .expired(at: m.expires ?? "")) }
        let level: BulletinLevel
        switch (m.urgency ?? "", m.severity ?? "") {
        case ("Immediate", _), (_, "Extreme"): level = .emergency
        case ("Expected", _), (_, "Severe"): level = .priority
        default: level = .normal
        }
        var request = BulletinRequest(level: level.rawValue, title: m.headline ?? m.event)
        if level == .emergency, let expires, expires - now > 3_600_000 {
            request.every = "60m"
            request.until = clock.iso(expires)
        }
        var temporary: String?
        defer { if let temporary { unlink(temporary) } }
        let base = (absolute(name) as NSString).deletingLastPathComponent
        if let r = m.resources.first(where: { ($0.mimeType ?? "").hasPrefix("audio/") }) {
            if let bytes = r.embedded {
                let ext = (r.mimeType ?? "").contains("mpeg") ? "mp3" : (r.mimeType ?? "").contains("ogg") ? "ogg" : "wav"
                let path = folder + "/.cap-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).\(ext)"
                guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
                    throw .cannotWrite(path: path, detail: String(cString: strerror(errno)))
                }
                temporary = path
                request.file = path
            } else if filesBeside, let uri = r.uri, !uri.hasPrefix("http://"), !uri.hasPrefix("https://") {
                let plain = uri.hasPrefix("file://") ? String(uri.dropFirst(7)) : uri
                request.file = plain.hasPrefix("/") ? plain : base + "/" + plain
            }
        }
        if request.file == nil {
            guard let text = m.description ?? m.headline, !text.isEmpty else { throw .capRefused(file: name, why: .noAudioOrText) }
            request.text = text
        }
        var b = try addBulletin(loaded, request, actor: actor, cap: Bulletin.CAPReference(identifier: m.identifier, sender: m.sender, expires: expires))
        let replaced = m.msgType == "Update" ? try stop(referred) : []
        if let first = replaced.first {
            b.replaces = first
            try save(b, folder)
        }
        return .sent(b, replaced: replaced)
    }
}
