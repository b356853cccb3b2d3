import Foundation
import LichPhatAudio
public import LichPhatCore
import LichPhatFormats

/// A file added to a station's audio folder, as measured.
public struct AddedAudio: Sendable {
    /// The path in the audio folder, like `thong-bao/thông báo mới.mp3`.
    public var path: String
    public var file: ScanReport.File
}

extension Workspace {
    /// Adds an audio file to `folder` (a folder of the station's audio folder, "" for the folder
    /// itself): written atomically under its own name, never over an existing file, then
    /// measured with the station's policy. A file that does not play (unreadable, corrupt,
    /// empty, cut short, unsupported) is removed again and refused with its problems.
    public func addAudio(to loaded: LoadedStation, folder: String, name: String, bytes: [UInt8]) throws(WorkspaceError) -> AddedAudio {
        try addAudio(to: loaded, folder: folder, name: name, source: .bytes(bytes))
    }

    /// Where an added file's bytes are: in memory, or in a file already on disk (an upload spooled
    /// as it arrived, never held in memory whole).
    public enum AudioSource: Sendable {
        case bytes([UInt8])
        case file(String)
    }

    /// `allowHidden`: a new version of a file, staged under a hidden name before it replaces the old one.
    public func addAudio(to loaded: LoadedStation, folder: String, name: String, source: AudioSource, allowHidden: Bool = false) throws(WorkspaceError) -> AddedAudio {
        let cleanName = AudioValidator.nfc(name.trimmingCharacters(in: .whitespaces))
        let ext = (cleanName as NSString).pathExtension.lowercased()
        let plain = AudioName.isPlainName(cleanName) || allowHidden && cleanName.hasPrefix(".") && AudioName.isPlainName(String(cleanName.dropFirst()))
        guard plain, ["mp3", "wav", "ogg", "oga", "flac"].contains(ext) else {
            throw .badFileName(name: name)
        }
        let (directory, parts) = try libraryFolder(loaded, folder)
        let relative = (parts + [cleanName]).joined(separator: "/")
        let target = directory + "/" + cleanName
        Self.clearLeftovers(in: directory, prefix: ".upload-")
        // Written beside, then linked into place: link() refuses an existing name, so nothing
        // is ever overwritten, and a reader never sees half a file.
        let temporary = directory + "/.upload-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        switch source {
        case .bytes(let bytes):
            guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes)) else {
                throw .cannotWrite(path: relative, detail: String(cString: strerror(errno)))
            }
        case .file(let path):
            // A hard link where the spool shares the disk; else a copy, streamed by the system.
            if link(path, temporary) != 0 {
                do { try FileManager.default.copyItem(atPath: path, toPath: temporary) } catch {
                    unlink(temporary)
                    throw .cannotWrite(path: relative, detail: WeekFolder.describe(error))
                }
            }
        }
        defer { unlink(temporary) }
        if link(temporary, target) != 0 {
            let e = errno
            if e == EEXIST { throw .fileExists(path: relative) }
            throw .cannotWrite(path: relative, detail: String(cString: strerror(e)))
        }
        let measured = LibraryScanner(depth: .full, policy: loaded.file.policy).scan((try? LibraryScanner.collect([target])) ?? [], catalog: nil)
        let report = ScanReport(roots: [loaded.audioFolder], quick: false,
                                entries: measured.files.map { .init(path: $0.path, diskPath: $0.candidate.givenPath, facts: $0.facts, sameAudioKey: nil) },
                                skipped: 0, policy: loaded.file.policy)
        guard let file = report.files.first else {
            unlink(target)
            throw .refusedAudio(name: cleanName, problems: [])
        }
        let unplayable = file.problems.filter {
            switch $0 {
            case .unreadable, .empty, .truncated, .unsupportedFormat: true
            default: false
            }
        }
        if !unplayable.isEmpty {
            unlink(target)
            throw .refusedAudio(name: cleanName, problems: unplayable)
        }
        return AddedAudio(path: relative, file: file)
    }

    /// A folder of the station's audio folder by its relative name ("" for the folder itself):
    /// no hidden or parent parts, present, and inside the audio folder once links are followed.
    func libraryFolder(_ loaded: LoadedStation, _ folder: String) throws(WorkspaceError) -> (directory: String, parts: [String]) {
        let parts = folder.split(separator: "/").map(String.init)
        guard parts.allSatisfy({ $0 != ".." && $0 != "." && !$0.hasPrefix(".") }) else { throw .noSuchFolder(folder: folder) }
        let directory = ([loaded.audioFolder] + parts).joined(separator: "/")
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue,
              Self.inside(directory, loaded.audioFolder) else {
            throw .noSuchFolder(folder: folder)
        }
        return (directory, parts)
    }

    /// A typed notice read aloud into the library (`folder`, `name`, ".wav" added when missing),
    /// with its text beside it: the library's rules for names and folders, never over a file.
    public func speakNotice(into loaded: LoadedStation, folder: String, name: String, text: String) throws(WorkspaceError) -> (path: String, notice: SpokenNotice) {
        let clean = AudioValidator.nfc(name.trimmingCharacters(in: .whitespaces))
        let file = clean.lowercased().hasSuffix(".wav") ? clean : clean + ".wav"
        guard !clean.isEmpty, AudioName.isPlainName(file) else { throw .badFileName(name: name) }
        let (directory, parts) = try libraryFolder(loaded, folder)
        let relative = (parts + [file]).joined(separator: "/")
        // Named as the operator knows it (the library's path), not the server's.
        let companion = (file as NSString).deletingPathExtension + ".txt"
        for taken in [file, companion] where FileManager.default.fileExists(atPath: directory + "/" + taken) {
            throw .fileExists(path: (parts + [taken]).joined(separator: "/"))
        }
        return (relative, try speak(text: text, to: directory + "/" + file, policy: loaded.file.policy, abbreviations: loaded.file.abbreviations))
    }

    /// Adds several files to one folder, all or none: a name already there is refused before
    /// anything is written, and when one file is refused the ones added before it are taken
    /// away again (they were written by this call, never a file that was there).
    public func addAudio(to loaded: LoadedStation, folder: String, files: [(name: String, bytes: [UInt8])]) throws(WorkspaceError) -> [AddedAudio] {
        try addAudio(to: loaded, folder: folder, sources: files.map { ($0.name, .bytes($0.bytes)) })
    }

    public func addAudio(to loaded: LoadedStation, folder: String, sources files: [(name: String, source: AudioSource)]) throws(WorkspaceError) -> [AddedAudio] {
        let parts = folder.split(separator: "/").map(String.init)
        guard parts.allSatisfy({ $0 != ".." && $0 != "." && !$0.hasPrefix(".") }) else { throw .noSuchFolder(folder: folder) }
        let directory = ([loaded.audioFolder] + parts).joined(separator: "/")
        // Every name is looked at before the disk is: a path is refused as a name, a name twice as twice.
        var seen: Set<String> = []
        for f in files {
            let name = AudioValidator.nfc(f.name.trimmingCharacters(in: .whitespaces))
            guard AudioName.isPlainName(name) else { throw .badFileName(name: f.name) }
            guard seen.insert(name.lowercased()).inserted else { throw .repeatedName(name: name) }
        }
        for f in files {
            let name = AudioValidator.nfc(f.name.trimmingCharacters(in: .whitespaces))
            if FileManager.default.fileExists(atPath: directory + "/" + name) {
                throw .fileExists(path: (parts + [name]).joined(separator: "/"))
            }
        }
        var added: [AddedAudio] = []
        do throws(WorkspaceError) {
            for f in files { added.append(try addAudio(to: loaded, folder: folder, name: f.name, source: f.source)) }
        } catch {
            for a in added { unlink(loaded.audioFolder + "/" + a.path) }
            throw error
        }
        return added
    }

    /// Removes what a writer killed mid-write left in `directory` (`<prefix><pid>-<n>` files of a
    /// process no longer running): a kill -9 during an upload must not leave 159 MB behind for good.
    /// A new folder in the system's temporary folder that only this user can open (mkdtemp).
    public static func privateTemporaryFolder(named prefix: String) -> String? {
        var template = Array((NSTemporaryDirectory() + prefix + "-XXXXXX").utf8CString)
        return template.withUnsafeMutableBufferPointer { p in mkdtemp(p.baseAddress!).map { String(cString: $0) } }
    }

    public static func clearLeftovers(in directory: String, prefix: String) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] where name.hasPrefix(prefix) {
            let pid = name.dropFirst(prefix.count).prefix { $0.isNumber }
            guard let p = Int32(pid), p != getpid(), kill(p, 0) != 0, errno == ESRCH else { continue }
            unlink(directory + "/" + name)
        }
    }

    /// Whether `path` is a regular file (not a folder, device, pipe; with `followingLinks` false, not a link either).
    public static func isRegularFile(_ path: String, followingLinks: Bool) -> Bool {
        var st = stat()
        guard (followingLinks ? stat(path, &st) : lstat(path, &st)) == 0 else { return false }
        return (st.st_mode & S_IFMT) == S_IFREG
    }

    /// Whether `path`, its symbolic links resolved, is `folder` or inside it.
    public static func inside(_ path: String, _ folder: String) -> Bool {
        guard let real = LibraryScanner.realPath(path), let base = LibraryScanner.realPath(folder) else { return false }
        return real == base || real.hasPrefix(base + "/")
    }

    /// The folders of the station's audio folder an upload may go into ("" is the folder itself).
    public func audioFolders(of loaded: LoadedStation) -> [String] {
        var out = [""]
        let root = loaded.audioFolder
        if let walker = FileManager.default.enumerator(atPath: root) {
            while let rel = walker.nextObject() as? String {
                if (rel as NSString).lastPathComponent.hasPrefix(".") { walker.skipDescendants(); continue }
                var isDir: ObjCBool = false
                // A linked folder is not offered: uploads go where the operator sees them.
                let linked = (try? FileManager.default.attributesOfItem(atPath: root + "/" + rel))?[.type] as? FileAttributeType == .typeSymbolicLink
                if !linked, FileManager.default.fileExists(atPath: root + "/" + rel, isDirectory: &isDir), isDir.boolValue,
                   Self.inside(root + "/" + rel, root) { out.append(AudioValidator.nfc(rel)) }
            }
        }
        return out.sorted()
    }
}
