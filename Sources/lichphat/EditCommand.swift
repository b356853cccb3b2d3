import ArgumentParser
import Foundation
import LichPhatCore
import LichPhatFormats
import LichPhatText
import LichPhatWorkspace

/// The week page's × ○ + from the command line: the same workspace operation, the same refusals.
struct EditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Sửa tay lịch tuần chưa duyệt: bỏ, ghim, thêm lượt phát. / Edit a draft week by hand: remove, pin or add an airing.",
        discussion: """
        Each edit is a new revision of the week (lichphat history shows it), kept when the week is \
        planned again: a removed airing stays out, a pinned or added one stays in. Airings are named \
        by their id (lichphat history --format json, or schedule.json): <date>.<session>.<item>. \
        A week that was ever approved changes only by amendment (lichphat amend); a session that \
        has begun is not edited. With --revision, the edit is refused if the week has moved on.

        Examples:
          lichphat edit Schedules/nam-sach.yaml --week 2026-W48 --remove 2026-11-24.chieu.tin-xa
          lichphat edit Schedules/nam-sach.yaml --week 2026-W48 --pin 2026-11-25.sang.nq57-chuyen-doi-so
          lichphat edit Schedules/nam-sach.yaml --week 2026-W48 --add 2026-11-26.chieu --item thong-bao-tiem-chung
        """
    )

    @Argument(help: "The station file (YAML).")
    var station: String

    @Option(help: "The week: 2026-W48, or a date in it (default: next week).")
    var week: String?

    @Option(help: "Remove the airing with this id.")
    var remove: String?

    @Option(help: "Pin the airing with this id (kept where it is when the week is planned again).")
    var pin: String?

    @Option(help: "Unpin the airing with this id.")
    var unpin: String?

    @Option(help: "Add an airing to this session: <date>.<session>, e.g. 2026-11-26.chieu (with --item).")
    var add: String?

    @Option(help: "The item to add (its id in the station file).")
    var item: String?

    @Option(help: "The revision the edit is made on (its number, from lichphat history): refused if the week has moved on.")
    var revision: Int?

    @OptionGroup var language: LanguageOption
    var lang: Language { language.lang }

    @OptionGroup var catalogOptions: CatalogOptions

    func validate() throws {
        try Usage.checkWeek(week, lang)
        let given = [remove, pin, unpin, add].compactMap { $0 }
        if given.count != 1 {
            throw Usage.error(lang, "Cần đúng một trong --remove, --pin, --unpin, --add.", "Give exactly one of --remove, --pin, --unpin, --add.")
        }
        if add != nil, item == nil { throw Usage.error(lang, "--add cần --item (mã mục trong tệp trạm).", "--add needs --item (the item's id in the station file).") }
        if add == nil, item != nil { throw Usage.error(lang, "--item chỉ dùng với --add.", "--item goes with --add.") }
    }

    func run() throws {
        let workspace = Workspace.commandLine(lang: lang, cache: catalogOptions.cache, noCache: catalogOptions.noCache)
        let loaded = try workspace.loadForCommand(station)
        let w = week.flatMap(ISOWeek.init) ?? workspace.nextWeek(of: loaded.station)
        let edit: WeekEdit
        if let remove { edit = .remove(airing: remove) }
        else if let pin { edit = .pin(airing: pin, pinned: true) }
        else if let unpin { edit = .pin(airing: unpin, pinned: false) }
        else {
            let parts = (add ?? "").split(separator: ".", maxSplits: 1).map(String.init)
            edit = .add(date: parts.first ?? "", session: parts.count > 1 ? parts[1] : "", item: item ?? "")
        }
        do throws(WorkspaceError) {
            var write = WeekWrite.commandLine
            if let revision { write.expected = try workspace.expected(revision: revision, loaded, week: w) }
            let r = try workspace.edit(loaded, week: w, edit, write: write, lang: lang)
            print(WorkspaceMessages.edited(r, loaded, lang))
            for p in r.plan.problems(lang) { print("\(p.severity == .error ? "✗" : "!") \(p.message)") }
        } catch {
            throw workspace.exit(error)
        }
    }
}
