import Foundation
import LichPhatAudio
public import LichPhatCore
import LichPhatFormats

/// What still uses a library file: the items of the station file that name it, and the weeks not
/// yet over whose schedule airs it.
public struct AudioUse: Sendable, Equatable {
    public var items: [String]
    public var weeks: [ISOWeek]
    public var isEmpty: Bool { items.isEmpty && weeks.isEmpty }
}

extension Workspace {
    /// A file of the station's audio folder by its path there ("tin/tin xã.mp3"): no hidden or
    /// parent part, a regular file (not a link), inside the audio folder.
    func libraryFile(_ loaded: LoadedStation, _ path: String) throws(WorkspaceError) -> (absolute: String, relative: String) {
        let clean = AudioValidator.nfc(path.trimmingCharacters(in: .whitespaces))
        let parts = clean.split(separator: "/").map(String.init)
        guard let name = parts.last, AudioName.isPlainName(name) else { throw .badFileName(name: path) }
        let relative = (parts.dropLast() + [name]).joined(separator: "/")
        // A file stored under another spelling of its name (NFD, copied from a Mac) is found by
        // the library's (NFC) name, as the library lists it.
        let onDisk = (loaded.diskNames[relative] ?? relative).split(separator: "/").map(String.init)
        let (directory, _) = try libraryFolder(loaded, onDisk.dropLast().joined(separator: "/"))
        let absolute = directory + "/" + (onDisk.last ?? name)
        guard Self.isRegularFile(absolute, followingLinks: false) else { throw .noSuchLibraryFile(path: relative) }
        return (absolute, relative)
    }

    /// Who uses `relative`: an item naming it in the station file, or a week not yet over (station
    /// time) airing it. A week wholly past keeps its record and does not hold the file.
    public func uses(of relative: String, in loaded: LoadedStation) -> AudioUse {
        let named = loaded.file.items.compactMap { spec -> String? in
            if case .item(let item, _) = spec, item.file.map(AudioValidator.nfc) == relative { return item.id }
            return nil
        }
        let thisWeek = self.thisWeek(of: loaded.station)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: loaded.weeksFolder)) ?? []
        let weeks = names.compactMap { ISOWeek($0) }.filter { $0 >= thisWeek }.sorted().filter { w in
            let view = readWeek(loaded, week: w)
            // A week whose schedule is there but does not read holds every file: nothing it may air goes.
            guard let schedule = view.schedule else { return FileManager.default.fileExists(atPath: view.folder + "/schedule.json") }
            return schedule.sessions.contains { $0.airings.contains { $0.file.map(AudioValidator.nfc) == relative } }
        }
        return AudioUse(items: named, weeks: weeks)
    }

    /// Where a file taken out of the library goes: `.removed/<time>/` in the audio folder
    /// (hidden, never scanned or served), so nothing is lost by a wrong click.
    func setAside(_ absolute: String, relative: String, in loaded: LoadedStation, why: String) throws(WorkspaceError) -> String {
        let aside = try asideName(relative, in: loaded, why: why)
        // link() never replaces a file: a second removal within the same second gets its own name.
        guard link(absolute, aside) == 0 else { throw .cannotWrite(path: relative, detail: String(cString: strerror(errno))) }
        unlink(absolute)
        return aside
    }

    /// A new name under `.<why>/<time>-<n>/` for `relative` (its folder made), never one in use.
    func asideName(_ relative: String, in loaded: LoadedStation, why: String) throws(WorkspaceError) -> String {
        let stamp = ISO8601DateFormatter().string(from: now()).replacingOccurrences(of: ":", with: "-")
        for n in 1...1000 {
            let aside = loaded.audioFolder + "/.\(why)/" + stamp + (n > 1 ? "-\(n)" : "") + "/" + relative
            if FileManager.default.fileExists(atPath: aside) { continue }
            do {
                try FileManager.default.createDirectory(atPath: (aside as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            } catch { throw .cannotWrite(path: relative, detail: WeekFolder.describe(error)) }
            return aside
        }
        throw .cannotWrite(path: relative, detail: "no free name in .\(why)/")
    }

    /// Takes a file out of the library: refused (with what uses it) while an item names it or a week
    /// not yet over airs it. The file and a typed notice's text beside it are set aside, not destroyed.
    public func removeAudio(from loaded: LoadedStation, path: String) throws(WorkspaceError) -> String {
        let (absolute, relative) = try libraryFile(loaded, path)
        let use = uses(of: relative, in: loaded)
        guard use.isEmpty else { throw .audioInUse(path: relative, use: use) }
        let companion = (absolute as NSString).deletingPathExtension + ".txt"
        _ = try setAside(absolute, relative: relative, in: loaded, why: "removed")
        if Self.isRegularFile(companion, followingLinks: false) {
            _ = try? setAside(companion, relative: (relative as NSString).deletingPathExtension + ".txt", in: loaded, why: "removed")
        }
        return relative
    }

    /// Replaces a file by a new version under the same name: the new one is measured first and
    /// refused if it does not play; the old one is set aside (`.replaced/`), the new one linked in.
    public func replaceAudio(in loaded: LoadedStation, path: String, source: AudioSource) throws(WorkspaceError) -> AddedAudio {
        let (absolute, relative) = try libraryFile(loaded, path)
        let directory = (absolute as NSString).deletingLastPathComponent, name = (absolute as NSString).lastPathComponent
        // Measured under a hidden name in the same folder, then swapped in.
        Self.clearLeftovers(in: directory, prefix: ".new-")   // what a killed replacement left
        let staging = ".new-\(getpid())-\(UInt32.random(in: 0...UInt32.max))-" + name
        let folder = (relative as NSString).deletingLastPathComponent
        let added: AddedAudio
        do throws(WorkspaceError) {
            added = try addAudio(to: loaded, folder: folder, name: staging, source: source, allowHidden: true)
        } catch {
            // Refused under the file's own name, never the staging one.
            if case .refusedAudio(_, let problems) = error { throw .refusedAudio(name: (relative as NSString).lastPathComponent, problems: problems) }
            throw error
        }
        // A week not yet over that airs it was timed (and perhaps approved) with its length: a new
        // version of another length would overrun or leave gaps; it is refused while those weeks stand.
        let use = uses(of: relative, in: loaded)
        let oldLength = loaded.report.files.first { relativePath(from: loaded.audioFolder, to: $0.path) == relative }?.facts.duration
        if !use.weeks.isEmpty, let old = oldLength, let new = added.file.facts.duration, abs(old - new) > 0.5 {
            unlink(directory + "/" + staging)
            throw .replacementLength(path: relative, weeks: use.weeks, old: old, new: new)
        }
        // The old one linked aside first, then the new one renamed over it: the name never goes missing.
        let aside: String
        do throws(WorkspaceError) {
            aside = try asideName(relative, in: loaded, why: "replaced")
            guard link(absolute, aside) == 0 else { throw WorkspaceError.cannotWrite(path: relative, detail: String(cString: strerror(errno))) }
        } catch {
            unlink(directory + "/" + staging)
            throw error
        }
        guard rename(directory + "/" + staging, absolute) == 0 else {
            let e = errno
            unlink(aside)
            unlink(directory + "/" + staging)
            throw .cannotWrite(path: relative, detail: String(cString: strerror(e)))
        }
        var result = added
        result.path = relative
        return result
    }

    /// Renames a file in its folder (a notice's text beside it too): refused while it is used, as a
    /// removal is (plans name files), and never over another file.
    public func renameAudio(in loaded: LoadedStation, path: String, to newName: String) throws(WorkspaceError) -> String {
        let (absolute, relative) = try libraryFile(loaded, path)
        let clean = AudioValidator.nfc(newName.trimmingCharacters(in: .whitespaces))
        let ext = (clean as NSString).pathExtension.lowercased()
        guard AudioName.isPlainName(clean), ext == (absolute as NSString).pathExtension.lowercased() else { throw .badFileName(name: newName) }
        let use = uses(of: relative, in: loaded)
        guard use.isEmpty else { throw .audioInUse(path: relative, use: use) }
        let directory = (absolute as NSString).deletingLastPathComponent
        let folder = (relative as NSString).deletingLastPathComponent
        let renamed = (folder.isEmpty ? "" : folder + "/") + clean
        // link() refuses an existing name: never over another file.
        guard link(absolute, directory + "/" + clean) == 0 else {
            let e = errno
            if e == EEXIST { throw .fileExists(path: renamed) }
            throw .cannotWrite(path: renamed, detail: String(cString: strerror(e)))
        }
        unlink(absolute)
        let companion = (absolute as NSString).deletingPathExtension + ".txt"
        if Self.isRegularFile(companion, followingLinks: false) {
            let newText = directory + "/" + (clean as NSString).deletingPathExtension + ".txt"
            if link(companion, newText) == 0 { unlink(companion) }
        }
        return renamed
    }
}
