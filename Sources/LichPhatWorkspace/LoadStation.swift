import Foundation
public import LichPhatAudio
public import LichPhatCore
public import LichPhatFormats

/// A station file with its audio read: what every other operation starts from.
public struct LoadedStation: Sendable {
    /// The station file's path as given.
    public var path: String
    public var file: StationFile
    /// Items with their measured lengths; missing and failing files marked unusable.
    public var station: Station
    public var report: ScanReport
    /// Absolute.
    public var audioFolder: String
    /// Relative paths as the disk spells them, where that differs from NFC.
    public var diskNames: [String: String]
    public var warnings: [StationWarning]
    public var clock: StationClock { StationClock(identifier: station.timeZone) }

    /// `<station file's folder>/<station id>`: where its weeks are written unless told otherwise.
    public var weeksFolder: String {
        ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(station.id)
    }
}

/// Something in a station's files worth a look that does not stop it.
public enum StationWarning: Sendable, Hashable {
    /// A `folder:` entry whose folder holds no audio file.
    case emptyFolder(file: String, line: Int, folder: String)
    /// Two files of one `folder:` entry give the same item id; the first (in name order) is kept.
    case folderIDClash(file: String, line: Int, id: String, kept: String, dropped: String)
}

extension Workspace {
    /// Reads a station file and measures its audio folder (through the catalog): lengths from the
    /// audio, files that are missing or fail a check marked unusable, `folder:` entries expanded.
    /// `progress` is told (done, total) while audio is measured.
    public func loadStation(_ path: String, progress: (@Sendable (Int, Int) -> Void)? = nil) throws(WorkspaceError) -> LoadedStation {
        let file: StationFile
        switch StationFileReader.read(path: path, lang: lang) {
        case let .success(f): file = f
        case let .failure(errors): throw .stationFile(path: path, errors: errors.errors)
        }
        return try load(file, path: path, progress: progress)
    }

    /// As ``loadStation(_:progress:)``, from a station file already read (an upload, an edit).
    /// What the station's audio folder looks like from outside: every file's path, size and time.
    /// A new, changed or removed file gives another stamp (nil when the folder cannot be walked).
    public func audioStamp(_ file: StationFile) -> AudioFolderStamp? {
        let folder = URL(fileURLWithPath: file.audioFolder).standardizedFileURL.path
        guard let files = try? LibraryScanner.collect([folder]) else { return nil }
        return AudioFolderStamp(files: files.map { .init(path: $0.absolutePath, size: $0.size, mtime: $0.mtime) })
    }

    /// Where a served station's audio may be (``libraryRoots``): inside one of the roots, its links
    /// resolved, and never a folder that holds the station files (nor so the accounts under
    /// `.lichphat/`). Whatever a station file says, its audio folder cannot open the server's disk.
    func checkLibrary(_ audioFolder: String, stationFile: String, given: String) throws(WorkspaceError) {
        guard let roots = libraryRoots else { return }
        let real = LibraryScanner.realPath(audioFolder) ?? audioFolder
        let stations = LibraryScanner.realPath((URL(fileURLWithPath: stationFile).standardizedFileURL.path as NSString).deletingLastPathComponent) ?? ""
        // Inside a root, and no hidden folder on the way (`.lichphat/` with the accounts, `.ssh/`, …).
        let within = roots.contains { r in
            guard let base = LibraryScanner.realPath(r), real == base || real.hasPrefix(base + "/") else { return false }
            return !real.dropFirst(base.count).split(separator: "/").contains { $0.hasPrefix(".") }
        }
        let holdsStations = stations == real || stations.hasPrefix(real + "/")
        guard within, !holdsStations else {
            throw .audioFolderNotAllowed(stationFile: stationFile, folder: given, roots: roots)
        }
    }

    public func load(_ file: StationFile, path: String, progress: (@Sendable (Int, Int) -> Void)? = nil) throws(WorkspaceError) -> LoadedStation {
        let audioFolder = URL(fileURLWithPath: file.audioFolder).standardizedFileURL.path
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: audioFolder, isDirectory: &isDir), isDir.boolValue else {
            throw .audioFolderMissing(stationFile: path, folder: file.audioFolder)
        }
        try checkLibrary(audioFolder, stationFile: path, given: file.audioFolder)
        let scanned = scan(audioFolder, policy: file.policy, progress: progress)
        let report = ScanReport(roots: [audioFolder], quick: false,
                                entries: scanned.map { .init(path: $0.path, diskPath: $0.candidate.givenPath, facts: $0.facts, sameAudioKey: nil) },
                                skipped: 0, policy: file.policy)
        var byRelative: [String: ScanReport.File] = [:]
        var diskNames: [String: String] = [:]
        for (f, s) in zip(report.files, scanned) {
            let rel = relativePath(from: audioFolder, to: f.path)
            byRelative[rel] = f
            let disk = relativePath(from: audioFolder, to: s.candidate.absolutePath)
            if disk.unicodeScalars.elementsEqual(rel.unicodeScalars) == false { diskNames[rel] = disk }
        }
        let (items, warnings, errors) = expand(file, path: path, files: byRelative)
        if !errors.isEmpty { throw .stationFile(path: path, errors: errors) }
        var station = Station(id: file.id, name: file.name, timeZone: file.timeZone, sessions: file.sessions,
                              items: items, rules: file.rules, fill: file.fill, repeatGap: file.repeatGap)
        station.maxUnusedPermille = file.maxUnusedPermille
        station.trimSilence = file.trimSilence
        return LoadedStation(path: path, file: file, station: station, report: report, audioFolder: audioFolder,
                             diskNames: diskNames, warnings: warnings)
    }

    /// The station file's items with `folder:` entries expanded: one item per audio file, its id
    /// from the file's name. An item listed by itself whose id a folder's file also gives is an
    /// error (both lines named); two files of a folder giving one id are a warning naming both.
    func expand(_ file: StationFile, path: String, files: [String: ScanReport.File])
        -> (items: [Item], warnings: [StationWarning], errors: [ConfigError]) {
        var items: [Item] = []
        var warnings: [StationWarning] = []
        var errors: [ConfigError] = []
        let explicit: [String: Int] = Dictionary(file.items.compactMap { spec in
            if case let .item(item, line) = spec { (item.id, line) } else { nil }
        }, uniquingKeysWith: { a, _ in a })
        var fromFolders: [String: (file: String, line: Int)] = [:]
        for spec in file.items {
            switch spec {
            case var .item(item, _):
                if let rel = item.file { resolve(&item, rel, files, policy: file.policy, trim: file.trimSilence) }
                items.append(item)
            case let .folder(folder, template, line):
                let prefix = folder.hasSuffix("/") ? AudioValidator.nfc(folder) : AudioValidator.nfc(folder) + "/"
                let inFolder = files.keys.filter { $0.hasPrefix(prefix) }.sorted()
                if inFolder.isEmpty { warnings.append(.emptyFolder(file: path, line: line, folder: folder)) }
                for rel in inFolder {
                    var item = template
                    let name = ((rel as NSString).lastPathComponent as NSString).deletingPathExtension
                    item.id = Slug.make(name)
                    if let at = explicit[item.id] {
                        errors.append(ConfigError(file: path, line: at, message: lang == .vi
                            ? "Mục “\(item.id)” trùng mã với tệp “\(rel)” của thư mục “\(folder)” (dòng \(line)). Đổi id của mục, hoặc chuyển tệp ra khỏi thư mục."
                            : "Item “\(item.id)” has the same id as the file “\(rel)” of the folder “\(folder)” (line \(line)). Change the item's id, or move the file out of the folder."))
                        continue
                    }
                    if let first = fromFolders[item.id] {
                        warnings.append(.folderIDClash(file: path, line: line, id: item.id, kept: first.file, dropped: rel))
                        continue
                    }
                    fromFolders[item.id] = (rel, line)
                    item.title = name.prefix(1).uppercased() + name.dropFirst()  // "tin xã …" → "Tin xã …"
                    resolve(&item, rel, files, policy: file.policy, trim: file.trimSilence)
                    items.append(item)
                }
            }
        }
        return (items, warnings, errors)
    }

    private func resolve(_ item: inout Item, _ rel: String, _ files: [String: ScanReport.File], policy: AudioPolicy, trim: Bool) {
        item.file = rel
        guard let f = files[rel] else {
            item.unusable = .missingFile(rel)
            return
        }
        if let error = f.problems.first(where: { $0.severity == .error }) {
            item.unusable = .failingCheck(file: rel, problem: error)
            return
        }
        item.gain = LoudnessGain.gain(integrated: f.facts.loudness?.integrated, truePeak: f.facts.loudness?.truePeak,
                                      target: policy.loudnessTarget, peakLimit: policy.truePeakLimit)?.gain
        if let frames = f.facts.frames, let rate = f.facts.sampleRate, rate > 0, frames >= 0,
           frames <= Int64.max / 1000 - Int64(rate) {
            // Rounded up to the millisecond, so a planned session never runs over.
            item.length = Int((Int64(frames) * 1000 + Int64(rate) - 1) / Int64(rate))
        }
        // With trim_silence, the file airs from its cue in to its cue out, and is planned so.
        if trim, let length = item.length, let silence = f.facts.silence,
           let cue = Cue.trimming(length: length, head: silence.head, tail: silence.tail, maxDeadAir: policy.maxDeadAir) {
            item.cue = cue
            item.length = cue.cueOut - cue.cueIn
        }
    }

    private func scan(_ folder: String, policy: AudioPolicy, progress: (@Sendable (Int, Int) -> Void)?) -> [ScannedFile] {
        let candidates = (try? LibraryScanner.collect([folder])) ?? []
        return LibraryScanner(depth: .full, policy: policy).scan(candidates, catalog: openCatalog().catalog, progress: progress).files
    }
}

/// A folder's files by path, size and modification time (``Workspace/audioStamp(_:)``).
public struct AudioFolderStamp: Equatable, Sendable {
    struct File: Equatable, Sendable { var path: String; var size: Int64; var mtime: Int64 }
    let files: [File]
}
