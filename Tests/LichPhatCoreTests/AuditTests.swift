import Testing
@testable import LichPhatCore
import LichPhatText

/// Local milliseconds for a date and time.
func at(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ mi: Int = 0) -> Int {
    CivilDate(year: y, month: m, day: d).daysSinceEpoch * 86_400_000 + (h * 60 + mi) * 60_000
}

func aired(_ item: String, _ t: Int, played: Int? = nil, device: String? = nil, line: Int = 1) -> AiringRecord {
    AiringRecord(item: item, start: t, played: played, device: device, source: SourceRef(file: "log.csv", line: line))
}

@Suite("Audit")
struct AuditTests {
    /// nq57 1–2 a week anywhere; cds exactly 1, Thursday afternoon (the notice's own quota left out).
    let station: Station = {
        var s = exampleStation()
        s.items.removeAll { $0.id == "tb" }
        return s
    }()
    let november = AuditPeriod("2026-11")!

    @Test("Periods: a week belongs to the period its Thursday falls in")
    func periods() {
        #expect(november.weeks.map(\.description) == ["2026-W45", "2026-W46", "2026-W47", "2026-W48"])
        // 26/10–01/11 has its Thursday in October; 30/11–06/12 in December.
        #expect(AuditPeriod("2026-10")!.weeks.last?.description == "2026-W44")
        #expect(AuditPeriod("2026-12")!.weeks.first?.description == "2026-W49")
        #expect(AuditPeriod("2026-Q4")!.weeks.count == 14 && AuditPeriod("2026-Q4")!.weeks.last?.description == "2026-W53")
        #expect(AuditPeriod("2026-H1")!.to == CivilDate(year: 2026, month: 6, day: 30))
        #expect(AuditPeriod("2026")!.weeks.count == 53)
        #expect(AuditPeriod("2026-13") == nil && AuditPeriod("2026-Q5") == nil && AuditPeriod("26-11") == nil)
    }

    /// One CDS column every Thursday afternoon of November.
    var columns: [AiringRecord] {
        [5, 12, 19, 26].map { aired("cds-1", at(2026, 11, $0, 17, 5)) }
    }

    @Test("A missed week made up by a double week: under that week, compliant on average")
    func madeUp() {
        let log = columns + [aired("nq57-a", at(2026, 11, 3, 17)), aired("nq57-b", at(2026, 11, 16, 6)),
                             aired("nq57-a", at(2026, 11, 20, 17)), aired("nq57-b", at(2026, 11, 24, 6))]
        let a = Auditor(station: station, period: november).audit(planned: [], aired: log, approvals: nil)
        let nq57 = a.weeks.map { $0.rules[0] }
        #expect(nq57.map(\.count) == [1, 0, 2, 1])
        #expect(nq57.map(\.status) == [.ok, .under, .ok, .ok])
        #expect(a.rules[0].total == 4 && a.rules[0].average == 1 && a.rules[0].status == .ok)
        #expect(a.rules[1].total == 4 && a.weeks.allSatisfy { $0.rules[1].misplaced.isEmpty })
        #expect(a.basis == .playLogs)
        #expect(a.compliant)
        #expect(AuditMessages.shortfalls(a, .vi).count == 1)
        #expect(AuditMessages.shortfalls(a, .vi)[0].contains("09/11/2026–15/11/2026"))
        // Minutes come from the item lengths when the log has no played time.
        #expect(a.weeks[2].rules[0].minutes == 7)
    }

    @Test("The weekly column must air every week, on its day and session")
    func fixedColumn() {
        var log = columns
        log.removeLast()
        log.append(aired("cds-1", at(2026, 11, 25, 17, 5)))   // Wednesday instead of Thursday
        log += [5, 12, 19, 26].map { aired("nq57-a", at(2026, 11, $0 - 1, 6)) }
        let a = Auditor(station: station, period: november).audit(planned: [], aired: log, approvals: nil)
        #expect(a.weeks[3].rules[1].count == 1 && a.weeks[3].rules[1].misplaced.count == 1)
        #expect(a.rules[1].status == .ok)          // the average alone would pass…
        #expect(!a.compliant)                      // …but the column was not where it should be
        var missing = columns
        missing.remove(at: 1)
        let b = Auditor(station: station, period: november).audit(planned: [], aired: missing + log.suffix(4), approvals: nil)
        #expect(b.weeks[1].rules[1].status == .under && !b.compliant)
    }

    @Test("Cut short: under 90 % of its length an airing does not count; the share is configurable")
    func cutShort() {
        let log = columns + [aired("nq57-a", at(2026, 11, 3, 17), played: 72_000)]  // 40 % of 3 minutes
        let a = Auditor(station: station, period: november).audit(planned: [], aired: log, approvals: nil)
        #expect(a.weeks[0].rules[0].count == 0)
        #expect(a.reconciliation?.short.map(\.item) == ["nq57-a"])
        var lenient = AuditOptions(); lenient.minPlayed = 0.3
        #expect(Auditor(station: station, period: november, options: lenient).audit(planned: [], aired: log, approvals: nil).weeks[0].rules[0].count == 1)
    }

    @Test("Reconciliation: missed, unplanned, late beyond the tolerance, unapproved weeks")
    func reconciliation() {
        let planned = [5, 12, 19, 26].map { AiringRecord(item: "cds-1", start: at(2026, 11, $0, 17, 5), session: "chieu", source: SourceRef(file: "plan", line: $0)) }
            + [AiringRecord(item: "nq57-a", start: at(2026, 11, 3, 17), source: SourceRef(file: "plan", line: 1))]
        let log = [aired("cds-1", at(2026, 11, 5, 17, 8)),    // 3 minutes late: on time
                   aired("cds-1", at(2026, 11, 12, 17, 20)),  // 15 minutes late
                   aired("cds-1", at(2026, 11, 26, 17, 5)),
                   aired("nq57-b", at(2026, 11, 4, 6))]        // not planned; cds-1 on the 19th missed
        let approved: Set<ISOWeek> = [ISOWeek("2026-W45")!, ISOWeek("2026-W46")!, ISOWeek("2026-W47")!]
        let a = Auditor(station: station, period: november).audit(planned: planned, aired: log, approvals: Dictionary(uniqueKeysWithValues: approved.map { ($0, ApprovalState.approved) }))
        let r = a.reconciliation!
        #expect(r.missed.map(\.start).sorted() == [at(2026, 11, 3, 17), at(2026, 11, 19, 17, 5)])
        #expect(r.late.count == 1 && r.late[0].aired.start == at(2026, 11, 12, 17, 20))
        #expect(r.unplanned.map(\.item) == ["nq57-b"])
        #expect(r.unapprovedWeeks.map(\.description) == ["2026-W48"])
        #expect(a.weeks[3].unapproved)
    }

    @Test("Duplicates, times outside the period, unknown items, overlaps and devices")
    func inputProblems() {
        let log = [aired("cds-1", at(2026, 11, 5, 17, 5), device: "cum-1", line: 2),
                   aired("cds-1", at(2026, 11, 5, 17, 5), device: "cum-1", line: 3),   // duplicate line
                   aired("cds-1", at(2026, 11, 5, 17, 5, ), device: "cum-2", line: 4),  // same airing, other cluster
                   aired("tin-1", at(2026, 11, 5, 17, 7), device: "cum-2", line: 5),    // overlaps cds-1 (5 min) on cum-2
                   aired("cds-1", at(2026, 12, 31, 17), line: 6),                        // outside the period
                   aired("khong-co", at(2026, 11, 6, 6), line: 7)]                       // unknown
        let a = Auditor(station: station, period: november).audit(planned: [], aired: log, approvals: nil)
        let kinds = a.issues.map { "\($0.kind.rawValue)@\($0.source!.line)" }.sorted()
        #expect(kinds == ["duplicate@3", "outside-period@6", "overlap@5", "unknown-item@7"])
        #expect(a.weeks[0].rules[1].count == 1)   // one airing, heard on two clusters
        #expect(a.devices.map(\.device) == ["cum-1", "cum-2"])
        #expect(a.devices.allSatisfy { $0.rules[1].total == 1 })
        #expect(a.issues.allSatisfy { !AuditMessages.issue($0, .vi).isEmpty && AuditMessages.issue($0, .vi) != AuditMessages.issue($0, .en) })
    }

    @Test("Airings outside the period are summarised in one issue: how many, the first and the last (was one line each)")
    func outsideSummarised() {
        let log = [aired("cds-1", at(2026, 12, 31, 17), line: 2), aired("cds-1", at(2026, 10, 2, 17), line: 3),
                   aired("cds-1", at(2026, 12, 3, 17), line: 4), aired("cds-1", at(2026, 11, 5, 17), line: 5)]
        let a = Auditor(station: station, period: november).audit(planned: [], aired: log, approvals: nil)
        let outside = a.issues.filter { $0.kind == .outsidePeriod }
        #expect(outside.count == 1)
        #expect(outside.first?.count == 3)
        #expect(outside.first?.source?.line == 3)   // the earliest
        #expect(outside.first.map { AuditMessages.issue($0, .vi) }?.contains("3 lượt ngoài kỳ báo cáo (02/10/2026 17:00 – 31/12/2026 17:00)") == true)
    }

    @Test("An item's own weekly quota is audited in the weeks it is valid")
    func itemQuota() {
        let a = Auditor(station: exampleStation(), period: november).audit(planned: [], aired: columns, approvals: nil)
        #expect(a.weeks.map { $0.items.map(\.item.id) } == [[], [], ["tb"], ["tb"]])
        #expect(a.weeks[2].items[0].status == .under && !a.compliant)
        let notices = [20, 21, 22].map { aired("tb", at(2026, 11, $0, 6, 1), played: 45_000) }
        let b = Auditor(station: exampleStation(), period: november).audit(planned: [], aired: columns + notices, approvals: nil)
        #expect(b.weeks[2].items[0].count == 3 && b.weeks[2].items[0].status == .ok && b.weeks[2].items[0].minutes == 2.25)
    }

    @Test("Without play logs the plans are the basis, and say so")
    func plansBasis() {
        let plan = Planner(station: station).plan(ISOWeek("2026-W48")!)
        let records = plan.sessions.flatMap { s in s.airings.map { AiringRecord(item: $0.item, start: $0.start, length: $0.length, session: s.instance.template.id, source: SourceRef(file: "p", line: 1)) } }
        let a = Auditor(station: station, period: AuditPeriod(from: CivilDate(year: 2026, month: 11, day: 23), to: CivilDate(year: 2026, month: 11, day: 29))).audit(planned: records, aired: nil, approvals: nil)
        #expect(a.basis == .plans && a.compliant)
        #expect(a.rules.map(\.total) == plan.rules.map(\.count))
        #expect(AuditMessages.verdict(a, .vi).contains("theo lịch đã lập"))
    }
}
