import ArgumentParser
import Foundation
import Synchronization
import LichPhatCore
import LichPhatFormats

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
        time. With several station files, each --plans/--asrun path goes to the station whose id it names.

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
        if period != nil && (from != nil || to != nil) { throw Usage.error(lang, "Dùng --period hoặc --from/--to, không dùng cả hai.", "Use --period or --from/--to, not both.") }
        if (from == nil) != (to == nil) { throw Usage.error(lang, "--from và --to phải đi cùng nhau.", "--from and --to go together.") }
        if let period, AuditPeriod(period) == nil { throw Usage.error(lang, "--period “\(period)” không phải tháng (2026-11), quý (2026-Q4), nửa năm (2026-H2) hay năm (2026).", "--period “\(period)” is not a month (2026-11), quarter (2026-Q4), half (2026-H2) or year (2026).") }
        if let from, CivilDate(from) == nil { throw Usage.error(lang, "--from “\(from)” không phải ngày (YYYY-MM-DD).", "--from “\(from)” is not a date (YYYY-MM-DD).") }
        if let to, CivilDate(to) == nil { throw Usage.error(lang, "--to “\(to)” không phải ngày (YYYY-MM-DD).", "--to “\(to)” is not a date (YYYY-MM-DD).") }
        if let from = from.flatMap(CivilDate.init), let to = to.flatMap(CivilDate.init), to < from { throw Usage.error(lang, "--to đứng trước --from.", "--to is before --from.") }
        if !(0.0...1.0).contains(minPlayed) { throw Usage.error(lang, "--min-played phải từ 0 đến 1.", "--min-played must be between 0 and 1.") }
        if DurationText.seconds(late).flatMap({ DurationText.milliseconds($0, limit: 86_400) }) == nil { throw Usage.error(lang, "--late “\(late)” không phải độ dài từ 0 đến 24h (ví dụ 5m).", "--late “\(late)” is not a length from 0 to 24h (e.g. 5m).") }
        if let out, FileManager.default.fileExists(atPath: out), !force {
            throw Usage.error(lang, "\(out) đã có; thêm --force để ghi đè.", "\(out) exists; add --force to overwrite it.")
        }
    }

    func run() throws {
        let vi = lang == .vi
        let thePeriod = resolvedPeriod()
        var options = AuditOptions()
        options.minPlayed = minPlayed
        options.lateTolerance = DurationText.seconds(late).flatMap { DurationText.milliseconds($0, limit: 86_400) } ?? 300_000
        let loader = StationLoader(lang: lang, cache: nil, noCache: false)
        var loadedStations: [StationLoader.Loaded] = []
        for s in stations { loadedStations.append(try loader.load(s)) }

        // Which station each --plans / --asrun path belongs to.
        func owner(_ path: String) throws -> Int {
            if loadedStations.count == 1 { return 0 }
            let matches = loadedStations.indices.filter { path.contains(loadedStations[$0].station.id) }
            guard matches.count == 1 else {
                Console.error(vi ? "Không biết “\(path)” thuộc đài nào: với nhiều tệp trạm, đường dẫn cần chứa mã đài (\(loadedStations.map(\.station.id).joined(separator: ", ")))."
                                 : "Cannot tell which station “\(path)” belongs to: with several station files, the path must name a station id (\(loadedStations.map(\.station.id).joined(separator: ", "))).")
                throw ExitCode(Exit.usage)
            }
            return matches[0]
        }
        var planPaths = Array(repeating: [String](), count: loadedStations.count)
        var logPaths = Array(repeating: [String](), count: loadedStations.count)
        for p in plans { planPaths[try owner(p)].append(p) }
        for p in asrun {
            guard FileManager.default.isReadableFile(atPath: p) else {
                Console.error(vi ? "Không đọc được nhật ký phát “\(p)”." : "Cannot read the play log “\(p)”.")
                throw ExitCode(Exit.usage)
            }
            logPaths[try owner(p)].append(p)
        }

        // Stations are independent: read their plans and logs and count them on every core.
        let theLoaded = loadedStations, thePlans = planPaths, theLogs = logPaths, stationFiles = stations
        let lang = self.lang, theOptions = options
        let results = Mutex([StationAudit?](repeating: nil, count: theLoaded.count))
        let done = Atomic<Int>(0)
        let bar = Console.stderrIsTerminal && theLoaded.count > 1 ? ProgressBar(label: vi ? "Kiểm tra các đài" : "Auditing stations") : nil
        let failures = Mutex([(Int, String)]())
        DispatchQueue.concurrentPerform(iterations: theLoaded.count) { k in
            let loaded = theLoaded[k]
            let s = loaded.station
            let resolver = ItemResolver(station: s, audioFolder: loaded.audioFolder)
            let time = LogTime(timeZone: s.timeZone)
            var issues: [AuditIssue] = []
            var planned: [AiringRecord] = []
            var approved = Set<ISOWeek>()
            let defaultPlans = ((stationFiles[k] as NSString).deletingLastPathComponent as NSString).appendingPathComponent(s.id)
            for p in thePlans[k].isEmpty ? [defaultPlans] : thePlans[k] {
                let r = PlanReader.read(path: p, resolver: resolver, time: time)
                if thePlans[k].isEmpty, r.issues.contains(where: { $0.kind == .missingSource }) { continue }  // no plans yet
                planned += r.records
                approved.formUnion(r.approved)
                issues += r.issues
            }
            var aired: [AiringRecord]?
            var unusable: [String] = []
            if !theLogs[k].isEmpty {
                aired = []
                for p in theLogs[k] {
                    let r = PlayLogReader.read(path: p, resolver: resolver, time: time, lang: lang)
                    aired! += r.records
                    issues += r.issues
                    if let u = r.unusable {
                        unusable += r.issues.prefix(5).map { AuditMessages.issue($0, lang) }
                        unusable.append(u.message(file: p, lang))
                    }
                }
            }
            if !unusable.isEmpty {
                failures.withLock { $0 += unusable.map { (k, $0) } }
                return
            }
            let audit = Auditor(station: s, period: thePeriod, options: theOptions)
                .audit(planned: planned, aired: aired, approved: planned.isEmpty ? nil : approved, inputIssues: issues)
            results.withLock { $0[k] = audit }
            bar?.update(done.add(1, ordering: .relaxed).newValue, theLoaded.count)
        }
        bar?.finish()
        // A log that cannot be counted is an input error: a report from it would say the station failed.
        let failed = failures.withLock { $0.sorted { $0.0 < $1.0 } }
        if !failed.isEmpty {
            for (_, message) in failed { Console.error(message) }
            throw ExitCode(Exit.usage)
        }
        let audits = results.withLock { $0.map { $0! } }

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
            do { try AtomicFile.write(text, to: out) } catch {
                Console.error(vi ? "Không ghi được \(out): \(error)" : "Cannot write \(out): \(error)")
                throw ExitCode(Exit.usage)
            }
            Console.error(vi ? "Đã ghi báo cáo vào \(out)." : "Report written to \(out).")
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        if !audits.allSatisfy(\.compliant) { throw ExitCode(Exit.problems) }
    }

    /// --period, --from/--to, or last month in the first station's time zone.
    func resolvedPeriod() -> AuditPeriod {
        if let period, let p = AuditPeriod(period) { return p }
        if let from = from.flatMap(CivilDate.init), let to = to.flatMap(CivilDate.init) { return AuditPeriod(from: from, to: to) }
        let local = Int(Date().timeIntervalSince1970) + 7 * 3600
        let today = CivilDate(daysSinceEpoch: local / 86_400)
        let lastMonth = today.month == 1 ? (today.year - 1, 12) : (today.year, today.month - 1)
        return AuditPeriod("\(lastMonth.0)-\(lastMonth.1 < 10 ? "0" : "")\(lastMonth.1)")!
    }
}

/// Writes a file through a temporary file and a rename, so a crash never leaves half a report.
enum AtomicFile {
    static func write(_ text: String, to path: String) throws {
        let tmp = path + ".tmp-\(getpid())"
        try Data(text.utf8).write(to: URL(fileURLWithPath: tmp))
        guard rename(tmp, path) == 0 else {
            try? FileManager.default.removeItem(atPath: tmp)
            throw CocoaError(.fileWriteUnknown)
        }
    }
}
