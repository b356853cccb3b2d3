import Foundation
import Testing
import LichPhatCore
import LichPhatFormats
import LichPhatText

@Suite("Plan findings: stored as values, worded when read")
struct FindingTests {
    static let all: [PlanFinding] = [
        .shortfall(Shortfall(subject: .rule("nq57"), name: "Nghị quyết 57", needed: 2, got: 1, allowedSessions: 4, capacityLeft: 60_000,
                             largestGap: 30_000, eligibleItems: 2, shortestItem: 90_000, outOfWindow: ["a"], unusable: ["b"])),
        .underMinimum(subject: .item("tin-xa"), name: "Tin xã", count: 0, minimum: 1),
        .overMaximum(rule: "cds", name: "Chuyển đổi số", count: 3, maximum: 2),
        .sessionOverfull(session: "sang", name: "Buổi sáng", date: CivilDate(year: 2026, month: 11, day: 23)),
        .itemUnusable(item: "x", reason: .missingFile("tin/x.mp3")),
        .itemUnusable(item: "y", reason: .failingCheck(file: "tin/y.mp3", problem: .unreadable(.corrupt, detail: "no MPEG audio frames found"))),
        .sessionIdle(IdleSummary(session: "chieu", name: "Buổi chiều", limitPercent: 10, dates: [CivilDate(year: 2026, month: 11, day: 25)],
                                 mostUnused: 61_000, share: 30, fillTags: ["nhac"], fillItems: 3, fillTotal: 200_000,
                                 leftOut: [.init(item: "n1", reason: .repeatGap), .init(item: "n2", reason: .tooLong(95_000))], moreLeftOut: 2, repeatGap: 72_000_000)),
        .earlySession(session: "som", name: "Buổi sớm", start: 4 * 3_600_000 + 30 * 60_000),
    ]

    @Test("Every kind of finding reads back as written, in a shape without positional keys; its words come from the values in either language")
    func roundTrip() throws {
        for f in Self.all {
            let json = JSONValue.encoded(f).rendered(pretty: false)
            #expect(!json.contains("\"_0\"") || f.code == "item-unusable", "\(json)")   // only AudioProblem's own payloads are positional
            #expect(try JSONDecoder().decode(PlanFinding.self, from: Data(json.utf8)) == f, "\(json)")
            #expect(!PlanMessages.text(f, .vi).isEmpty && PlanMessages.text(f, .vi) != PlanMessages.text(f, .en))
        }
        let idle = JSONValue.encoded(Self.all[6]).rendered(pretty: false)
        #expect(idle.contains(#""dates":["2026-11-25"]"#) && idle.contains(#""reason":"repeatGap""#) && idle.contains(#""reason":{"tooLong":95000}"#))
        // The decoder's English detail stays out of the Vietnamese words.
        #expect(!PlanMessages.text(Self.all[5], .vi).contains("MPEG") && PlanMessages.text(Self.all[5], .en).contains("no MPEG audio frames found"))
        #expect(PlanMessages.text(Self.all[7], .vi).contains("04:30"))
    }
}
