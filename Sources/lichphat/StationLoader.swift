import ArgumentParser
import Foundation
import LichPhatAudio
import LichPhatCore
import LichPhatFormats

/// Reads a station file and its audio folder into a core ``Station``: lengths from the
/// scan catalog, and files that are missing or fail validation marked unusable.
struct StationLoader {
    var lang: Language
    var cache: String?
    var noCache: Bool

    struct Loaded {
        var file: StationFile
        var station: Station
        var report: ScanReport
        var audioFolder: String  // absolute
        /// Relative paths as the disk spells them, where that differs from NFC.
        var diskNames: [String: String]
    }

    /// Prints every problem and exits 2 when the station file or its audio folder is wrong.
    func load(_ path: String) throws -> Loaded {
        let file: StationFile
        switch StationFileReader.read(path: path, lang: lang) {
        case let .success(f): file = f
        case let .failure(errors):
            for e in errors.errors { Console.error(e.description) }
            Console.error(lang == .vi ? "Tệp trạm có \(errors.errors.count) lỗi; hãy sửa rồi chạy lại." : "The station file has \(errors.errors.count) error(s); fix them and run again.")
            throw ExitCode(Exit.usage)
        }
        let audioFolder = URL(fileURLWithPath: file.audioFolder).standardizedFileURL.path
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: audioFolder, isDirectory: &isDir), isDir.boolValue else {
            Console.error(lang == .vi
                ? "\(path): thư mục âm thanh “\(file.audioFolder)” không tồn tại (khoá audio:, tính từ thư mục của tệp trạm)."
                : "\(path): the audio folder “\(file.audioFolder)” does not exist (key audio:, relative to the station file).")
            throw ExitCode(Exit.usage)
        }
        let scanned = scan(audioFolder, policy: file.policy)
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

        var items: [Item] = []
        var seen = Set<String>()
        for spec in file.items {
            switch spec {
            case var .item(item, _):
                if let rel = item.file { resolve(&item, rel, byRelative) }
                items.append(item)
                seen.insert(item.id)
            case let .folder(folder, template, line):
                let prefix = folder.hasSuffix("/") ? AudioValidator.nfc(folder) : AudioValidator.nfc(folder) + "/"
                let files = byRelative.keys.filter { $0.hasPrefix(prefix) }.sorted()
                if files.isEmpty {
                    Console.error(lang == .vi
                        ? "\(path):\(line): cảnh báo: thư mục “\(folder)” không có tệp âm thanh nào."
                        : "\(path):\(line): warning: the folder “\(folder)” holds no audio files.")
                }
                for rel in files {
                    var item = template
                    let name = ((rel as NSString).lastPathComponent as NSString).deletingPathExtension
                    item.id = Slug.make(name)
                    guard seen.insert(item.id).inserted else { continue }  // an item listed by itself wins
                    item.title = name.prefix(1).uppercased() + name.dropFirst()  // "tin xã …" → "Tin xã …"
                    resolve(&item, rel, byRelative)
                    items.append(item)
                }
            }
        }
        let station = Station(id: file.id, name: file.name, timeZone: file.timeZone, sessions: file.sessions,
                              items: items, rules: file.rules, fill: file.fill, repeatGap: file.repeatGap)
        return Loaded(file: file, station: station, report: report, audioFolder: audioFolder, diskNames: diskNames)
    }

    private func resolve(_ item: inout Item, _ rel: String, _ files: [String: ScanReport.File]) {
        item.file = rel
        guard let f = files[rel] else {
            item.unusable = lang == .vi ? "không có tệp “\(rel)” trong thư mục âm thanh." : "no file “\(rel)” in the audio folder."
            return
        }
        if let error = f.problems.first(where: { $0.severity == .error }) {
            item.unusable = "\(rel): \(Messages.text(error, lang))"
            return
        }
        if let frames = f.facts.frames, let rate = f.facts.sampleRate, rate > 0, frames >= 0,
           frames <= Int64.max / 1000 - Int64(rate) {
            // Rounded up to the millisecond, so a planned session never runs over.
            item.length = Int((Int64(frames) * 1000 + Int64(rate) - 1) / Int64(rate))
        }
    }

    private func scan(_ folder: String, policy: AudioPolicy) -> [ScannedFile] {
        let candidates = (try? LibraryScanner.collect([folder])) ?? []
        var catalog: Catalog?
        if !noCache { catalog = try? Catalog(path: cache ?? Catalog.defaultPath) }
        let bar = Console.stderrIsTerminal ? ProgressBar(label: lang == .vi ? "Đọc âm thanh" : "Reading audio") : nil
        var progress: (@Sendable (Int, Int) -> Void)?
        if let bar { progress = { done, total in bar.update(done, total) } }
        let out = LibraryScanner(depth: .full, policy: policy).scan(candidates, catalog: catalog, progress: progress)
        bar?.finish()
        return out.files
    }
}
