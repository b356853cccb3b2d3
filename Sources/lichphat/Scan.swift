public import ArgumentParser
import Foundation
import LichPhatAudio
import LichPhatCore
import LichPhatFormats
import LichPhatWorkspace
import LichPhatText

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

extension Language: ExpressibleByArgument {}

struct Scan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Đọc và kiểm tra các tệp âm thanh. / Read and validate audio files.",
        discussion: """
        Walks folders recursively. Every file libsndfile or the MP3 reader opens counts as audio; a file \
        named .mp3, .wav, .ogg, .oga, .opus, .flac, .aif, .aiff, .m4a, .aac or .wma that cannot be read \
        is an error; other files are skipped unless named on the command line.

        For each file: format, sample rate, channels, real playing time, size, bitrate, loudness \
        (EBU R128: integrated LUFS, range LU, true peak dBTP), silence at head, tail and inside, clipping, \
        and its problems. --quick reads headers only.

        Policy keys for --set and --policy (defaults): min_duration (1), max_duration (3h), \
        min_sample_rate (16000), max_channels (2), loudness_target (-16), loudness_tolerance (3), \
        true_peak_limit (-1), silence_threshold (-50), max_dead_air (2), max_inner_silence (5), \
        clip_run_length (3).

        Examples:
          lichphat scan Audio
          lichphat scan Audio --quick --format json > audio.json
          lichphat scan "Audio/thong-bao/tiêm chủng.mp3" --set loudness_target=-18 --lang en

        Exit codes: 0 no errors (warnings allowed), 1 at least one file has an error, 2 bad usage or configuration.
        """
    )

    @Argument(help: "Files or folders to scan.")
    var paths: [String]

    @Flag(help: "Read headers only: fast; loudness, silence and clipping are left unmeasured.")
    var quick = false

    @Option(help: "Output: table (for people), json (for programs), csv (for Excel).")
    var format: OutputFormat = .table

    @Option(help: "Files read at once (default: every core).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @OptionGroup var catalogOptions: CatalogOptions
    var cache: String? { catalogOptions.cache }
    var noCache: Bool { catalogOptions.noCache }

    @OptionGroup var language: LanguageOption
    var lang: Language { language.lang }

    @Option(help: "A YAML file of policy overrides (the keys listed below).")
    var policy: String?

    @Option(name: .customLong("set"), help: ArgumentHelp("Override one policy value, e.g. --set loudness_target=-18.", valueName: "key=value"))
    var settings: [String] = []

    func validate() throws {
        if jobs < 1 || jobs > 256 { throw Usage.error(lang, "--jobs phải từ 1 đến 256.", "--jobs must be from 1 to 256.") }
    }

    func run() throws {
        var auditPolicy = AudioPolicy()
        do {
            if let policy { try PolicyFile.load(path: policy, into: &auditPolicy, lang: lang) }
            for s in settings { try PolicyFile.set(s, in: &auditPolicy, lang: lang) }
        } catch {
            Console.error(error.description)
            throw ExitCode(Exit.usage)
        }
        let candidates: [Candidate]
        var links: [String] = []
        do { candidates = try LibraryScanner.collect(paths, linksNotFollowed: &links) } catch {
            Console.error(lang == .vi
                ? "Không tìm thấy “\(error.path)”. Kiểm tra lại đường dẫn tệp hoặc thư mục."
                : "“\(error.path)” does not exist. Check the file or folder path.")
            throw ExitCode(Exit.usage)
        }
        if !links.isEmpty {
            let shown = links.prefix(3).joined(separator: ", ") + (links.count > 3 ? ", …" : "")
            Console.error(lang == .vi
                ? "Cảnh báo: bỏ qua \(links.count) liên kết tượng trưng trỏ ra ngoài thư mục được quét hoặc không tới đâu (\(shown)): LichPhat không đọc tệp ngoài thư viện. Sao chép các tệp vào thư mục thay vì tạo liên kết."
                : "Warning: \(Messages.count(links.count, "symbolic link")) leading out of the folder scanned, or nowhere, were skipped (\(shown)): LichPhat reads no file outside the library. Copy the files into the folder instead of linking them.")
        }

        let catalog = openCatalog()
        let scanner = LibraryScanner(depth: quick ? .quick : .full, policy: auditPolicy, jobs: jobs)
        let bar = Console.stderrIsTerminal ? ProgressBar(label: lang == .vi ? "Đang quét" : "Scanning") : nil
        var progress: (@Sendable (Int, Int) -> Void)?
        if let bar { progress = { done, total in bar.update(done, total) } }
        let outcome = scanner.scan(candidates, catalog: catalog, progress: progress)
        bar?.finish()

        let entries = outcome.files.map { f in
            ScanReport.Entry(path: f.path, diskPath: f.candidate.givenPath, facts: f.facts,
                             sameAudioKey: quick ? f.contentHash : (f.facts.audioHash ?? f.contentHash))
        }
        let report = ScanReport(roots: paths.map(AudioValidator.nfc), quick: quick, entries: entries,
                                skipped: outcome.skipped, policy: auditPolicy)
        let text: String
        switch format {
        case .table: text = ScanOutput.table(report, lang: lang)
        case .json: text = ScanOutput.json(report, lang: lang)
        case .csv: text = ScanOutput.csv(report, lang: lang)
        }
        FileHandle.standardOutput.write(Data(text.utf8))
        if report.hasErrors { throw ExitCode(Exit.problems) }
    }

    private func openCatalog() -> Catalog? {
        let (catalog, note) = Workspace.commandLine(lang: lang, cache: cache, noCache: noCache).openCatalog()
        if let note { Console.error(WorkspaceMessages.catalog(note, lang)) }
        return catalog
    }
}
