import ArgumentParser
import Foundation
import LichPhatCore
import LichPhatFormats
import LichPhatWorkspace
import LichPhatText

enum AuditFormat: String, ExpressibleByArgument, CaseIterable { case table, json, csv, html }

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Báo cáo kết quả tuyên truyền theo chỉ tiêu. / Audit quota compliance from plans and play logs.",
        discussion: """
        Counts, week by week (ISO weeks; a week belongs to the period its Thursday falls in), the airings \
        of every rule and of every item with its own quota, the average per week over the period against \
        [min, max], and whether fixed columns aired on their day and session. With play logs (--asrun) it \
        counts what aired (an airing counts when it played at least 90% of its length) and reconciles it \
        with the plans; without, it counts the plans. Every output says which.

        Plans: by default every week under Schedules/<station id>/ beside the station file; --plans takes \
        a folder of weeks, a schedule.json, or a hand-made schedule in the shape of schedule.csv. \
        Play logs: CSV with a header: start (ISO 8601 or dd/MM/yyyy HH:mm[:ss]), item or file, optional \
        played (seconds), status and device; or a platform event log: record_id, device_id, event_type, \
        time. With several station files, each --plans/--asrun path goes to the station whose id it names. \
        With one station file and neither --plans nor --asrun, the play logs lichphat air wrote \
        (Schedules/<station>/nhat-ky-phat-YYYY-MM.csv) are read when there are any.

        Examples:
          lichphat audit Schedules/nam-sach.yaml --period 2026-11
          lichphat audit Schedules/nam-sach.yaml --period 2026-Q4 --asrun logs/nam-sach.csv --format html --out bao-cao.html
          lichphat audit Schedules/*.yaml --period 2026 --format csv --out tong-hop.csv

        Exit codes: 0 compliant, 1 not compliant, 2 bad usage or input.
        """
    )

    @Argument(help: "Station files (YAML).")
    var stations: [String]

    @Option(help: "2026-11 (a month), 2026-Q4, 2026-H2 or 2026 (default: last month).")
    var period: String?

    @Option(help: "First day (YYYY-MM-DD), with --to.")
    var from: String?

    @Option(help: "Last day (YYYY-MM-DD), with --from.")
    var to: String?

    @Option(help: "Plans: a folder of weeks, a schedule.json or a schedule CSV (repeatable).")
    var plans: [String] = []

    @Option(help: "Play logs, CSV (repeatable).")
    var asrun: [String] = []

    @Option(help: "Output: table, json, csv (Excel) or html (printable report).")
    var format: AuditFormat = .table

    @Option(help: "Write the report to this file instead of standard output.")
    var out: String?

    @Flag(help: "Overwrite --out if it exists.")
    var force = false

    @Option(help: "Share of its length an airing must play to count (default 0.9).")
    var minPlayed: Double = 0.9

    @Option(help: "Started later than planned by more than this is late (default 5m).")
    var late: String = "5m"

    @OptionGroup var language: LanguageOption  // the HTML report is always Vietnamese
    var lang: Language { language.lang }

    func validate() throws {
        if case .failure(let p) = AuditPeriod.asked(period: period, from: from, to: to) {
            throw ValidationError(AuditMessages.period(p, lang, options: true))
        }
        if !(0.0...1.0).contains(minPlayed) { throw Usage.error(lang, "--min-played phải từ 0 đến 1.", "--min-played must be between 0 and 1.") }
        if DurationText.seconds(late).flatMap({ DurationText.milliseconds($0, limit: 86_400) }) == nil { throw Usage.error(lang, "--late “\(late)” không phải độ dài từ 0 đến 24h (ví dụ 5m).", "--late “\(late)” is not a length from 0 to 24h (e.g. 5m).") }
        if let out, FileManager.default.fileExists(atPath: out), !force {
            throw Usage.error(lang, "\(out) đã có; thêm --force để ghi đè.", "\(out) exists; add --force to overwrite it.")
        }
    }

    func run() throws {
        let vi = lang == .vi
        var options = AuditOptions()
        options.minPlayed = minPlayed
        options.lateTolerance = DurationText.seconds(late).flatMap { DurationText.milliseconds($0, limit: 86_400) } ?? 300_000
        let workspace = Workspace.commandLine(lang: lang)
        var loadedStations: [LoadedStation] = []
        for s in stations { loadedStations.append(try workspace.loadForCommand(s)) }
        let thePeriod = resolvedPeriod(workspace, loadedStations[0].station)
        let bar = Console.stderrIsTerminal && loadedStations.count > 1 ? ProgressBar(label: vi ? "Kiểm tra các đài" : "Auditing stations") : nil
        let audits: [StationAudit]
        do {
            var progress: (@Sendable (Int, Int) -> Void)?
            if let bar { progress = { done, total in bar.update(done, total) } }
            // One station, no logs named: the play logs `lichphat air` wrote for it, if any.
            var logs = asrun
            if logs.isEmpty, plans.isEmpty, loadedStations.count == 1 {
                logs = workspace.ownPlayLogs(of: loadedStations[0], period: thePeriod)
            }
            audits = try workspace.audit(loadedStations, period: thePeriod, plans: plans, playLogs: logs, options: options,
                                         progress: progress)
        } catch {
            bar?.finish()
            throw workspace.exit(error)
        }
        bar?.finish()

        let text: String
        switch format {
        case .table: text = AuditOutput.table(audits, lang: lang)
        case .json: text = AuditOutput.json(audits, lang: lang)
        case .csv: text = AuditOutput.csv(audits, lang: lang)
        case .html: text = AuditOutput.html(audits)
        }
        if format != .table {
            let all = audits.flatMap(\.issues)
            for i in all.prefix(20) { Console.error(AuditMessages.issue(i, lang)) }
            if all.count > 20 { Console.error(vi ? "… và \(all.count - 20) ghi chú khác." : "… and \(all.count - 20) more.") }
        }
        if let out {
            do throws(AtomicFile.Failure) { try AtomicFile.write(Data(text.utf8), to: out) } catch {
                Console.error(vi ? "Không ghi được \(out): \(error.detail)" : "Cannot write \(out): \(error.detail)")
                throw ExitCode(Exit.usage)
            }
            Console.error(vi ? "Đã ghi báo cáo vào \(out)." : "Report written to \(out).")
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        if !audits.allSatisfy(\.compliant) { throw ExitCode(Exit.problems) }
    }

    /// --period, --from/--to, or last month on the first station's clock.
    func resolvedPeriod(_ workspace: Workspace, _ station: Station) -> AuditPeriod {
        if case .success(let p?) = AuditPeriod.asked(period: period, from: from, to: to) { return p }
        return workspace.lastMonth(of: station)
    }
}
