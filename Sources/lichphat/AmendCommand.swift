public import ArgumentParser
import Foundation
import LichPhatCore
import LichPhatFormats
import LichPhatText
import LichPhatWorkspace

enum NoticePriority: String, ExpressibleByArgument, CaseIterable { case normal, priority }

/// `lichphat amend`: a notice added to a week already running.
struct AmendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "amend",
        abstract: "Thêm thông báo vào tuần đang phát. / Add a notice to a week already running.",
        discussion: """
        A notice (an item of the station file, for example one just recorded or read with \
        lichphat speak) airs --times times (default: its own per_week minimum, else once) in the \
        sessions that start at or after --from (default: now, on the station's clock). With \
        --priority priority it goes first after the open items of the next sessions ("ưu tiên"); \
        with normal, before their close items. Sessions before --from stay exactly as they were; \
        where a session lacks the time, fill airings that count toward no rule make room, as few \
        as needed, so every quota still holds. When that is impossible nothing changes and the \
        command exits 3, saying why.

        The week becomes revision 2 (3, …): schedule.json says "revision", the previous revision \
        is kept under revisions/<n>/ with its approval, the approval is cleared (the week must be \
        approved again), every export is rewritten, and the changes are printed.

        Example:
          lichphat amend Schedules/nam-sach.yaml --week 2026-W48 --add thong-bao-hop-dan --times 2 --priority priority --from "2026-11-25 17:00"
        """
    )

    @Argument(help: "The station file.")
    var station: String

    @Option(help: "The week, like 2026-W48.")
    var week: String

    @Option(help: "The item to add (its id in the station file).")
    var add: String

    @Option(help: "How many times (default: the item's per_week minimum, else 1).")
    var times: Int?

    @Option(help: "priority (first after the open items) or normal (default).")
    var priority: NoticePriority = .normal

    @Option(help: "From when, station time: \"2026-11-25 17:00\" (default: now).")
    var from: String?

    @OptionGroup var language: LanguageOption
    var lang: Language { language.lang }

    @OptionGroup var catalogOptions: CatalogOptions

    func validate() throws {
        try Usage.checkWeek(week, lang)
        if let from, StationClock.parseMinute(from) == nil {
            throw Usage.error(lang, "--from “\(from)” không phải thời điểm dạng \"2026-11-25 17:00\".", "--from “\(from)” is not a time like \"2026-11-25 17:00\".")
        }
    }

    func run() throws {
        let vi = lang == .vi
        let workspace = Workspace.commandLine(lang: lang, cache: catalogOptions.cache, noCache: catalogOptions.noCache)
        let loaded = try workspace.loadForCommand(station)
        let w = ISOWeek(week)!
        let start = from.flatMap(StationClock.parseMinute) ?? loaded.clock.now()
        let result: AmendResult
        do {
            result = try workspace.amend(loaded, week: w, item: add, times: times, priority: priority == .priority, from: start, lang: lang)
        } catch {
            throw workspace.exit(error)
        }
        for line in WorkspaceMessages.amended(result, lang) { print(line) }
    }
}
