import ArgumentParser
import Foundation
import LichPhatCore
import LichPhatFormats
import LichPhatWorkspace

/// `lichphat air`: the station's playout, on Liquidsoap.
struct AirCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "air",
        abstract: "Phát lịch đã duyệt qua Liquidsoap, ghi nhật ký phát. / Air the approved week through Liquidsoap, writing the play log.",
        discussion: """
        Starts Liquidsoap (Debian's liquidsoap package) and airs the current week's approved \
        schedule: each airing at its planned time (station time), with the loudness gain \
        computed at planning; the next week is taken at the week's boundary. A week not approved \
        (or changed after approval, with no approved revision kept) is refused, unless the \
        station file says playout: {air_draft: true}. An amendment waiting for approval does not \
        stop the week: the approved revision airs meanwhile.

        Emergency bulletins (lichphat bulletin add --level emergency) go on air within a second, \
        over what plays; priority ones head the next session. Every airing is appended to \
        Schedules/<station>/nhat-ky-phat-YYYY-MM.csv as it ends (flushed to disk), which \
        lichphat audit and the report page read. If Liquidsoap stops, it is started again and \
        the airing resumes where the plan is by then; why it stopped is kept in \
        Schedules/<station>/.lichphat/air-events.log. Silence on air longer than \
        playout: {dead_air: 10s} during an airing is recorded there too. Ctrl-C stops.

        --control PORT also serves the station's pages and API there (lichphat serve for the \
        station file's folder, kept running beside the playout): the Bản tin page sends bulletins \
        the playout airs within a second. Only this computer is served unless accounts exist \
        (--control-host, as lichphat serve --host).

        --output: alsa (the sound card; alsa:hw:1 for another), pulse, \
        icecast://source:PASSWORD@HOST:8000/MOUNT (MP3 for IP receivers), or file:PATH \
        (a WAV recording; .pcm appends raw 16-bit stereo 44.1 kHz).

        Example:
          lichphat air Schedules/nam-sach.yaml --output alsa
        """
    )

    @Argument(help: "The station file.")
    var station: String

    @Option(help: "alsa, alsa:DEVICE, pulse, icecast://USER:PASSWORD@HOST:PORT/MOUNT or file:PATH.")
    var output = "alsa"

    @Option(help: "The liquidsoap program (default: liquidsoap on the PATH).")
    var liquidsoap: String?

    @Option(help: "Also serve the station's pages and API on this port (lichphat serve beside the playout): the Bản tin page and the API control it.")
    var control: Int?

    @Option(help: "Where --control listens (default 127.0.0.1; another address only once accounts exist, as lichphat serve).")
    var controlHost = "127.0.0.1"

    @OptionGroup var language: LanguageOption
    var lang: Language { language.lang }

    @OptionGroup var catalogOptions: CatalogOptions

    func validate() throws {
        if let control, !(1...65_535).contains(control) {
            throw Usage.error(lang, "--control \(control) không phải cổng mạng (1–65535).", "--control \(control) is not a network port (1–65535).")
        }
        if PlayoutOutput.parse(output) == nil {
            throw Usage.error(lang, "--output “\(output)” không dùng được: alsa, alsa:hw:1, pulse, icecast://source:MẬT-KHẨU@MÁY:8000/ĐIỂM-GẮN hoặc file:ĐƯỜNG-DẪN.",
                              "--output “\(output)” cannot be used: alsa, alsa:hw:1, pulse, icecast://source:PASSWORD@HOST:8000/MOUNT or file:PATH.")
        }
    }

    func run() throws {
        let workspace = Workspace.commandLine(lang: lang, cache: catalogOptions.cache, noCache: catalogOptions.noCache)
        let loaded = try workspace.loadForCommand(station)
        guard let program = liquidsoap ?? Self.onPath("liquidsoap") else {
            Console.error(lang == .vi ? "Không tìm thấy Liquidsoap. Cài bằng: sudo apt-get install liquidsoap" : "Liquidsoap was not found. Install it: sudo apt-get install liquidsoap")
            throw ExitCode(Exit.usage)
        }
        var shown = output
        if case .icecast(let host, let port, let user, _, let mount) = PlayoutOutput.parse(output)! { shown = "icecast://\(user):***@\(host):\(port)\(mount)" }
        let engine = AirEngine(workspace: workspace, loaded: loaded, output: PlayoutOutput.parse(output)!, outputText: shown,
                               liquidsoap: program, lang: lang)
        // The control surface is the station's own pages and API (accounts, scopes and all), run
        // beside the playout: what they record, the playout takes up within 20 ms.
        let control = self.control.map { ControlServer(program: Bundle.main.executablePath ?? CommandLine.arguments[0], root: (loaded.path as NSString).deletingLastPathComponent,
                                                        host: controlHost, port: $0, lang: lang) }
        control?.start()
        let code = engine.run()
        control?.stop()
        if code != 0 { throw ExitCode(code) }
    }

    static func onPath(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let p = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }
}

/// `--control`: `lichphat serve` for the station's folder, kept running beside the playout
/// (started again if it dies; a refusal such as a port in use is said once and not retried).
final class ControlServer: @unchecked Sendable {
    let program: String, root: String, host: String, port: Int, lang: Language
    private let lock = NSLock()
    private var process: Process?
    private var stopped = false

    init(program: String, root: String, host: String, port: Int, lang: Language) {
        self.program = program; self.root = root; self.host = host; self.port = port; self.lang = lang
    }

    func start() {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: program.hasPrefix("/") ? program : FileManager.default.currentDirectoryPath + "/" + program)
        p.arguments = ["serve", "--root", root.isEmpty ? "." : root, "--host", host, "--port", String(port), "--lang", lang.rawValue]
        p.terminationHandler = { [weak self] done in
            guard let self else { return }
            let again = self.lock.withLock { !self.stopped }
            // Exit 2 is a refusal (a port in use, no accounts for the network): said by serve, not retried.
            guard again, done.terminationStatus != 2 else { return }
            DispatchQueue.global().asyncAfter(deadline: .now() + 2) { self.start() }
        }
        do { try p.run() } catch {
            Console.error(lang == .vi ? "Không chạy được trang điều khiển (--control): \(error.localizedDescription)" : "Cannot start the control pages (--control): \(error.localizedDescription)")
            return
        }
        lock.withLock { process = p }
    }

    func stop() {
        let p: Process? = lock.withLock { stopped = true; return process }
        guard let p, p.isRunning else { return }
        p.interrupt()
        for _ in 0..<150 where p.isRunning { usleep(20_000) }
        if p.isRunning { kill(p.processIdentifier, SIGKILL) }
    }
}
