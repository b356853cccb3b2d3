import ArgumentParser
import Foundation
import LichPhatCore
import LichPhatFormats
import LichPhatWorkspace
import LichPhatText

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Lập lịch phát sóng tuần. / Plan the week's schedule.",
        discussion: """
        Builds each week so that every session holds its open items, its content and its close items \
        within its length, every rule's and item's weekly minimum is met whenever any plan can meet it, \
        no maximum is passed, and no item airs again within repeat_gap. Then spreads each rule over \
        the week, rotates items (least recently aired first, earlier weeks in the output folder count), \
        and fills the time left from the fill tags.

        Writes <out>/<week>/: schedule.json, schedule.csv, schedule.ics, schedule.liq, schedule.html and \
        one .m3u8 playlist per session, and history.json. Every plan is a revision of the week: planning \
        a draft again keeps the one before under revisions/<n>/ (and its pins, hand removals and hand \
        additions); planning it to the same week changes nothing. A week ever approved is never planned \
        whole again (amend it: lichphat amend). A running week changes only its sessions not yet begun; \
        a week that has ended is planned only with --past, and recorded as planned after the fact.

        Examples:
          lichphat plan Schedules/nam-sach.yaml
          lichphat plan Schedules/nam-sach.yaml --week 2026-W48 --weeks 4 --explain

        Exit codes: 0 planned and compliant, 2 bad usage or station file, 3 a minimum cannot be met \
        (with --allow-shortfall the best plan is written anyway, marked non-compliant), 4 the week was \
        approved and was left as it is, 1 another change of the week was being written.
        """
    )

    @Argument(help: "The station file (YAML).")
    var station: String

    @Option(help: "The first week: 2026-W48, or a date in it (default: next week).")
    var week: String?

    @Option(help: "How many consecutive weeks to plan.")
    var weeks: Int = 1

    @Option(help: "Folder for the weeks (default: <station file folder>/<station id>/).")
    var out: String?

    @Option(help: "Seed for tie-breaks: the same inputs and seed give identical outputs.")
    var seed: UInt64 = 0

    @Flag(help: "Tell, for each airing, which rule or reason placed it.")
    var explain = false

    @Flag(help: "When a minimum cannot be met, write the best plan found anyway, marked non-compliant.")
    var allowShortfall = false

    @Flag(help: "Plan a week that has ended (recorded as planned after the fact).")
    var past = false

    @OptionGroup var language: LanguageOption
    var lang: Language { language.lang }

    @OptionGroup var catalogOptions: CatalogOptions
    var cache: String? { catalogOptions.cache }
    var noCache: Bool { catalogOptions.noCache }

    func validate() throws {
        if weeks < 1 || weeks > 53 { throw Usage.error(lang, "--weeks phải từ 1 đến 53.", "--weeks must be between 1 and 53.") }
        try Usage.checkWeek(week, lang)
    }

    func run() throws {
        let workspace = Workspace.commandLine(lang: lang, cache: cache, noCache: noCache)
        let loaded = try workspace.loadForCommand(station)
        // Shown as the operator would type it; written through the standardized absolute path.
        let shownOut = out ?? loaded.weeksFolder
        let first = week.flatMap(ISOWeek.init) ?? workspace.nextWeek(of: loaded.station)
        var worst = Exit.ok
        let vi = lang == .vi
        for n in 0..<weeks {
            let w = first.adding(weeks: n)
            do {
                let r = try workspace.planWeek(loaded, week: w, seed: seed, allowShortfall: allowShortfall, past: past,
                                               weeksFolder: shownOut, write: .commandLine, lang: lang)
                print(summary(r.plan, folder: shownOut + "/" + w.description))
                if explain { print(explanation(r.plan)) }
                if !r.plan.compliant { worst = max(worst, Exit.shortfall) }
                print(WorkspaceMessages.revised(r, lang))
                for p in r.dropped { Console.error(WorkspaceMessages.dropped(p, station: loaded.station, lang)) }
            } catch {
                if case .shortfall(let plan) = error {
                    print(summary(plan, folder: shownOut + "/" + w.description))
                    if explain { print(explanation(plan)) }
                    Console.error(vi ? "Chưa ghi tuần \(w): lịch không đạt chỉ tiêu. Sửa tệp trạm, hoặc dùng --allow-shortfall để ghi lịch tốt nhất tìm được."
                                     : "Week \(w) not written: it cannot meet every minimum. Fix the station file, or use --allow-shortfall to write the best plan found.")
                    worst = max(worst, Exit.shortfall)
                    continue
                }
                let code = workspace.exit(error)
                if error.kind == .input || error.kind == .io { throw code }
                worst = max(worst, code.rawValue)
            }
        }
        if worst != Exit.ok { throw ExitCode(worst) }
    }

    func summary(_ plan: Plan, folder: String) -> String {
        let vi = lang == .vi
        var out = vi
            ? "Tuần \(plan.week) (\(plan.week.monday.vietnamese)–\(plan.week.sunday.vietnamese)), \(plan.station.name): \(plan.sessions.count) buổi phát, \(plan.compliant ? "đạt mọi chỉ tiêu" : "CHƯA ĐẠT CHỈ TIÊU")"
            : "Week \(plan.week) (\(plan.week.monday)–\(plan.week.sunday)), \(plan.station.name): \(plan.sessions.count) sessions, \(plan.compliant ? "every quota met" : "NOT COMPLIANT")"
        if plan.compliant || allowShortfall { out += " → \(folder)/" }
        out += "\n\n"
        var rows: [[String]] = plan.rules.map { r in
            [r.rule.name, "\(r.rule.perWeek.min)", r.rule.perWeek.max.map(String.init) ?? "–", "\(r.count)", PlanMessages.status(r.status, lang)]
        }
        rows += plan.items.map { c in [c.item.title, "\(c.quota.min)", c.quota.max.map(String.init) ?? "–", "\(c.count)", PlanMessages.status(c.status, lang)] }
        out += TextTable.render(header: vi ? ["Chỉ tiêu", "Tối thiểu", "Tối đa", "Số lượt", "Kết quả"] : ["Quota", "Min", "Max", "Count", "Status"], rows: rows)
        out += "\n"
        let sessions = plan.sessions.map { s in
            ["\(s.instance.date.weekday.name(lang)) \(vi ? s.instance.date.vietnamese : s.instance.date.description)",
             StationClock.time(s.instance.start), s.instance.template.name, "\(s.airings.count)",
             Messages.clock(Double(s.used) / 1000), Messages.clock(Double(max(0, s.unused)) / 1000)]
        }
        out += TextTable.render(header: vi ? ["Ngày", "Giờ", "Buổi", "Số mục", "Đã dùng", "Còn trống"] : ["Date", "Time", "Session", "Items", "Used", "Unused"], rows: sessions)
        for p in plan.problems(lang) {
            out += "\n\(p.severity == .error ? "✗" : "!") \(p.message)"
        }
        return out + "\n"
    }

    func explanation(_ plan: Plan) -> String {
        var out = lang == .vi ? "Lý do từng lượt phát:\n" : "Why each airing is there:\n"
        for s in plan.sessions {
            out += "\n\(s.instance.date.weekday.name(lang)) \(s.instance.date.vietnamese) – \(s.instance.template.name)\n"
            for a in s.airings {
                out += "  \(StationClock.time(a.start, seconds: true))  \(a.title) (\(Messages.clock(Double(a.length) / 1000))): \(PlanMessages.reason(a.reason, rules: plan.station.rules, lang))\n"
            }
        }
        return out
    }
}
