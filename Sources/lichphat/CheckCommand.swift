import ArgumentParser
import Foundation
import LichPhatCore
import LichPhatFormats
import LichPhatWorkspace
import LichPhatText

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Kiểm tra tệp trạm mà không lập lịch. / Validate a station file without planning.",
        discussion: """
        Reports unknown keys (with line, column and a "did you mean"), missing or failing audio files, \
        rules that no week can meet, and the week's capacity against the quotas' demand.

        Exit codes: 0 fine (warnings allowed), 2 the station file is wrong, 3 a minimum cannot be met.
        """
    )

    @Argument(help: "The station file (YAML).")
    var station: String

    @Option(help: "The week to test the quotas on (default: next week).")
    var week: String?

    @Option(help: "Folder of the weeks already planned, whose airings count as history, as for plan (default: <station file folder>/<station id>/).")
    var out: String?

    @OptionGroup var language: LanguageOption

    @OptionGroup var catalogOptions: CatalogOptions
    var lang: Language { language.lang }

    func validate() throws {
        try Usage.checkWeek(week, lang)
    }

    func run() throws {
        let vi = lang == .vi
        let workspace = Workspace.commandLine(lang: lang, cache: catalogOptions.cache, noCache: catalogOptions.noCache)
        let loaded = try workspace.loadForCommand(station)
        let s = loaded.station
        let w = week.flatMap(ISOWeek.init) ?? workspace.nextWeek(of: s)
        let result = workspace.check(loaded, week: w, weeksFolder: out)
        var out = vi ? "Tệp trạm \(station): \(s.name)\n" : "Station file \(station): \(s.name)\n"
        let unusable = s.items.filter { $0.unusable != nil }
        out += vi ? "\(s.sessions.count) loại buổi phát, \(result.sessions.count) buổi trong tuần \(w); \(s.items.count) mục (\(unusable.count) không dùng được); \(s.rules.count) chỉ tiêu.\n"
                  : "\(s.sessions.count) session kinds, \(result.sessions.count) sessions in week \(w); \(s.items.count) items (\(unusable.count) unusable); \(s.rules.count) rules.\n"
        for item in unusable { out += "  ! \(item.id): \(item.unusable.map { PlanMessages.unusable($0, lang) } ?? "")\n" }
        let total = result.sessions.reduce(0) { $0 + $1.template.length }
        out += vi ? "Tổng thời lượng phát trong tuần: \(Messages.clock(Double(total) / 1000)).\n" : "Air time in the week: \(Messages.clock(Double(total) / 1000)).\n"
        if result.state != .none {
            out += (vi ? "Lịch tuần \(w) đã ghi: " : "Week \(w) as written: ") + WorkspaceMessages.state(result.state, lang) + "\n"
        }
        out += "\n"
        // Room against demand, rule by rule, as the planner sees it.
        let rows: [[String]] = result.capacity.map { c in
            let r = c.rule
            return [r.name, "\(r.perWeek.min)–\(r.perWeek.max.map(String.init) ?? "∞")", "\(c.sessions)",
                    Messages.clock(Double(c.airTime) / 1000), "\(c.eligibleItems)",
                    c.shortestItem.map { Messages.clock(Double($0) / 1000) } ?? "–",
                    "\(c.mostAirings)\(c.mostAirings < r.perWeek.min ? " ✗" : "")"]
        }
        out += TextTable.render(header: vi ? ["Chỉ tiêu", "Lượt/tuần", "Buổi phát được", "Thời lượng trống", "Mục phù hợp", "Ngắn nhất", "Tối đa có thể"]
                                           : ["Rule", "Per week", "Sessions it can use", "Free time", "Eligible items", "Shortest", "Most possible"], rows: rows)
        let plan = result.plan
        for p in plan.problems(lang) { out += "\n\(p.severity == .error ? "✗" : "!") \(p.message)" }
        print(out)
        if !plan.shortfalls.isEmpty { throw ExitCode(Exit.shortfall) }
        print(vi ? "Tệp trạm hợp lệ; tuần \(w) lập được lịch đạt mọi chỉ tiêu." : "The station file is valid; week \(w) can meet every quota.")
    }
}
