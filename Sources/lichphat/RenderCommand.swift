public import ArgumentParser
import Foundation
public import LichPhatAudio
import LichPhatCore
import LichPhatText
import LichPhatWorkspace

extension Renderer.Format: ExpressibleByArgument {}

/// `lichphat render`: one audio file per session, and the loudspeaker platforms' upload kit.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Xuất mỗi buổi thành một tệp âm thanh cho nền tảng loa. / Render each session into one audio file for the platforms.",
        discussion: """
        For platforms that take one audio file per scheduled slot: every session of the written \
        week becomes one file named like its playlist (2026-11-23_0600_sang.mp3), its open items, \
        content and close items back to back, each at its gain to the loudness target and trimmed \
        where trim_silence says, exactly its planned length, at 44.1 kHz. A relay cannot be \
        rendered: the session is split into the files before and after it (…_sang-1.mp3, \
        …_sang-2.mp3). Beside them: render.json (each file's airings and offsets), platform.json \
        (one record per distinct content: start minute, weekdays bitmask, dates, duration, \
        priority, approval; schemas/platform.schema.json) and platform.csv (the same for \
        spreadsheets). A week not yet approved gets empty approval fields and a warning. The \
        originals are only read.

        Example:
          lichphat render Schedules/nam-sach.yaml --week 2026-W48 --format mp3
        """
    )

    @Argument(help: "The station file.")
    var station: String

    @Option(help: "The week, like 2026-W48 (default: next week).")
    var week: String?

    @Option(help: "mp3 (default) or wav.")
    var format: Renderer.Format = .mp3

    @Option(help: "The folder to write into (default: render/ in the week's folder).")
    var out: String?

    @OptionGroup var language: LanguageOption
    var lang: Language { language.lang }

    @OptionGroup var catalogOptions: CatalogOptions

    func validate() throws {
        try Usage.checkWeek(week, lang)
    }

    func run() throws {
        let vi = lang == .vi
        let workspace = Workspace.commandLine(lang: lang, cache: catalogOptions.cache, noCache: catalogOptions.noCache)
        let loaded = try workspace.loadForCommand(station)
        let w = week.flatMap(ISOWeek.init) ?? workspace.nextWeek(of: loaded.station)
        let bar = Console.stderrIsTerminal ? ProgressBar(label: vi ? "Xuất tệp" : "Rendering") : nil
        let result: RenderResult
        do {
            var progress: (@Sendable (Int, Int) -> Void)?
            if let bar { progress = { done, total in bar.update(done, total) } }
            result = try workspace.render(loaded, week: w, format: format, out: out, progress: progress)
        } catch {
            bar?.finish()
            throw workspace.exit(error)
        }
        bar?.finish()
        for f in result.files {
            print("\(f.file)\t\(f.date) \(f.start.dropFirst(11).prefix(5))\t\(Messages.clock(f.duration))\t\(f.airings.count) \(vi ? "mục" : "items")")
        }
        print(vi ? "Đã xuất \(result.files.count) tệp vào \(result.folder), cùng render.json, platform.json (\(result.records.count) bản ghi) và platform.csv."
                 : "Rendered \(result.files.count) files into \(result.folder), with render.json, platform.json (\(result.records.count) records) and platform.csv.")
        if result.unapproved {
            Console.error(vi ? "Cảnh báo: tuần \(w) chưa được duyệt; các trường người duyệt trong platform.json để trống. Duyệt rồi xuất lại trước khi tải lên nền tảng."
                             : "Warning: week \(w) is not approved; the approval fields of platform.json are empty. Approve it and render again before uploading to a platform.")
        }
    }
}
