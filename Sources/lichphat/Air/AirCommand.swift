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

    @OptionGroup var language: LanguageOption
    var lang: Language { language.lang }

    @OptionGroup var catalogOptions: CatalogOptions

    func validate() throws {
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
        let code = engine.run()
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
