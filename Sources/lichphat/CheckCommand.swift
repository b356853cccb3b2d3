import ArgumentParser
import Foundation
import LichPhatCore
import LichPhatFormats

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

    @OptionGroup var language: LanguageOption
    var lang: Language { language.lang }

    func validate() throws {
        if let week, ISOWeek(week) == nil {
            throw Usage.error(lang, "--week “\(week)” không phải tuần dạng 2026-W48 hay ngày dạng 2026-11-25.", "--week “\(week)” is neither a week like 2026-W48 nor a date like 2026-11-25.")
        }
    }

    func run() throws {
        let vi = lang == .vi
        let loaded = try StationLoader(lang: lang, cache: nil, noCache: false).load(station)
        let s = loaded.station
        let w = week.flatMap(ISOWeek.init) ?? PlanCommand.nextWeek(timeZone: s.timeZone)
        let planner = Planner(station: s)
        let instances = planner.instances(of: w)
        var out = vi ? "Tệp trạm \(station): \(s.name)\n" : "Station file \(station): \(s.name)\n"
        let unusable = s.items.filter { $0.unusable != nil }
        out += vi ? "\(s.sessions.count) loại buổi phát, \(instances.count) buổi trong tuần \(w); \(s.items.count) mục (\(unusable.count) không dùng được); \(s.rules.count) chỉ tiêu.\n"
                  : "\(s.sessions.count) session kinds, \(instances.count) sessions in week \(w); \(s.items.count) items (\(unusable.count) unusable); \(s.rules.count) rules.\n"
        for item in unusable { out += "  ! \(item.id): \(item.unusable ?? "")\n" }
        let total = instances.reduce(0) { $0 + $1.template.length }
        out += vi ? "Tổng thời lượng phát trong tuần: \(Messages.clock(Double(total) / 1000)).\n\n" : "Air time in the week: \(Messages.clock(Double(total) / 1000)).\n\n"
        // Demand against capacity, rule by rule.
        var rows: [[String]] = []
        for r in s.rules {
            let allowed = instances.filter { r.allows($0.date.weekday, session: $0.template.id) }
            let eligible = s.items.filter { item in
                r.covers(item) && item.unusable == nil && item.length != nil && allowed.contains { item.isValid(on: $0.date) }
            }
            let shortest = eligible.compactMap(\.length).min()
            rows.append([r.name, "\(r.perWeek.min)–\(r.perWeek.max.map(String.init) ?? "∞")", "\(allowed.count)",
                         Messages.clock(Double(allowed.reduce(0) { $0 + $1.template.length }) / 1000),
                         "\(eligible.count)", shortest.map { Messages.clock(Double($0) / 1000) } ?? "–",
                         shortest.map { Messages.clock(Double($0 * r.perWeek.min) / 1000) } ?? "–"])
        }
        out += TextTable.render(header: vi ? ["Chỉ tiêu", "Lượt/tuần", "Buổi được phép", "Thời lượng", "Mục phù hợp", "Ngắn nhất", "Cần tối thiểu"]
                                           : ["Rule", "Per week", "Allowed sessions", "Air time", "Eligible items", "Shortest", "Minimum demand"], rows: rows)
        let plan = planner.plan(w)
        for p in plan.problems(lang) { out += "\n\(p.severity == .error ? "✗" : "!") \(p.message)" }
        print(out)
        if !plan.shortfalls.isEmpty { throw ExitCode(3) }
        print(vi ? "Tệp trạm hợp lệ; tuần \(w) lập được lịch đạt mọi chỉ tiêu." : "The station file is valid; week \(w) can meet every quota.")
    }
}

