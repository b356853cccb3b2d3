import ArgumentParser
import Foundation
import LichPhatCore
import LichPhatFormats
import LichPhatText
import LichPhatWorkspace

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Lịch sử các bản của lịch tuần. / A week's revisions: who changed what, when, which was approved.",
        discussion: """
        Every plan, re-plan, hand edit, pin and amendment made a revision of the week; an approval \
        marks one. Earlier revisions are kept whole under <week>/revisions/<n>/. Lists them, or with \
        --from and --to the airings added, removed and moved between two revisions.

        Examples:
          lichphat history Schedules/nam-sach.yaml --week 2026-W48
          lichphat history Schedules/nam-sach.yaml --week 2026-W48 --from 1 --to 2
          lichphat history Schedules/nam-sach.yaml --week 2026-W48 --format json
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @Argument(help: "The station file (YAML).")
    var station: String

    @Option(help: "The week: 2026-W48, or a date in it (default: next week).")
    var week: String?

    @Option(help: "Compare from this revision …")
    var from: Int?

    @Option(help: "… to this one (default: the current).")
    var to: Int?

    @Option(help: "table or json.")
    var format: Format = .table

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
        let h = workspace.history(loaded, week: w)
        guard let current = h.current else {
            Console.error(vi ? "Tuần \(w) chưa lập lịch: chưa có bản nào." : "Week \(w) has not been planned: no revisions.")
            throw ExitCode(Exit.problems)
        }
        if from != nil || to != nil {
            let a = from ?? (h.everApproved ?? h.revisions[0]).number, b = to ?? current.number
            guard let changes = workspace.changes(loaded, week: w, from: a, to: b) else {
                Console.error(vi ? "Tuần \(w) không có bản \(a) hoặc bản \(b) (có: \(h.revisions.map { "\($0.number)" }.joined(separator: ", ")))."
                                 : "Week \(w) has no revision \(a) or \(b) (it has: \(h.revisions.map { "\($0.number)" }.joined(separator: ", "))).")
                throw ExitCode(Exit.usage)
            }
            if format == .json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(changes), as: UTF8.self))
            } else {
                print(vi ? "Tuần \(w), từ bản \(a) đến bản \(b): \(changes.count) thay đổi" : "Week \(w), revision \(a) to \(b): \(Messages.count(changes.count, "change"))")
                for c in changes { print("  " + WorkspaceMessages.change(c, station: loaded.station, lang)) }
            }
            return
        }
        if format == .json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(h), as: UTF8.self))
            return
        }
        let rows = h.revisions.map { r in
            ["\(r.number)\(r.number == current.number ? "*" : "")", WorkspaceMessages.kind(r.kind, lang) + (r.afterTheFact == true ? (vi ? " (sau khi đã qua)" : " (after the fact)") : ""),
             WorkspaceMessages.revisionBy(r, lang), r.at.isEmpty ? "–" : WorkspaceMessages.when(r.at, lang), "\(r.changes.count)",
             r.approved.map { "\($0.by), \(WorkspaceMessages.when($0.at, lang))" } ?? "–", String(r.hash.prefix(12))]
        }
        print(vi ? "Lịch sử tuần \(w) (\(loaded.station.name)); * là bản hiện hành:" : "History of week \(w) (\(loaded.station.name)); * is the current revision:")
        print(TextTable.render(header: vi ? ["Bản", "Việc", "Ai", "Lúc", "Thay đổi", "Duyệt", "SHA-256"] : ["Rev.", "What", "Who", "When", "Changes", "Approved", "SHA-256"], rows: rows))
    }
}
