import Testing
@testable import LichPhatCore
import LichPhatText

@Suite("Empty air time is explained")
struct IdleSessionTests {
    let m = 60_000

    func station(repeatGap: Int = 20 * 3_600_000, fill: [Item]) -> Station {
        Station(id: "x", name: "X",
                sessions: [SessionTemplate(id: "sang", name: "Buổi sáng", days: [.mon, .tue], start: 6 * 60 * m, length: 10 * m),
                           SessionTemplate(id: "chieu", name: "Buổi chiều", days: [.mon], start: 17 * 60 * m, length: 10 * m)],
                items: fill, rules: [], fill: ["tin"], repeatGap: repeatGap)
    }

    @Test("A session more than 10 % empty is reported with each fill item's reason: the repeat gap, its window, its length")
    func reasons() {
        let items = [Item(id: "tin-a", title: "A", file: "a.mp3", length: 3 * m, tags: ["tin"]),
                     Item(id: "tin-b", title: "B", file: "b.mp3", length: 2 * m, tags: ["tin"], days: [.tue]),
                     Item(id: "tin-dai", title: "Dài", file: "d.mp3", length: 11 * m, tags: ["tin"])]
        let plan = Planner(station: station(fill: items)).plan(ISOWeek("2026-W48")!)
        // Monday morning holds tin-a; the afternoon (11 h later, gap 20 h) cannot; Tuesday holds a and b.
        let monday = plan.idle.first { $0.instance.template.id == "sang" && $0.instance.date.weekday == .mon }
        #expect(monday?.unused == 7 * m)
        #expect(monday?.leftOut.first { $0.item == "tin-b" }?.reason == .window)
        #expect(monday?.leftOut.first { $0.item == "tin-dai" }?.reason == .tooLong(11 * m))
        #expect(monday?.leftOut.contains { $0.item == "tin-a" } == false)   // it is there
        let afternoon = plan.idle.first { $0.instance.template.id == "chieu" }
        #expect(afternoon?.leftOut.first { $0.item == "tin-a" }?.reason == .repeatGap)
        let text = plan.problems(.vi).filter { $0.code == "session-idle" }.map(\.message)
        #expect(text.count == 2)   // one warning per kind of session, not per day
        #expect(text.contains { $0.contains("Buổi sáng") && $0.contains("tin-b (ngoài ngày/buổi được phép)") && $0.contains("tin-dai (dài 11:00, không vừa)") })
        #expect(text.contains { $0.contains("Buổi chiều") && $0.contains("tin-a (chưa qua repeat_gap)") && $0.contains("giảm repeat_gap (hiện 20h)") })
        #expect(plan.problems(.en).contains { $0.code == "session-idle" && $0.message.contains("lower repeat_gap (now 20h)") })
    }

    @Test("A full session, or one within the station's limit, is not reported; the limit is the station's")
    func limit() {
        let items = (1...5).map { Item(id: "tin-\($0)", title: "T\($0)", file: "\($0).mp3", length: 2 * m - 1000 * $0, tags: ["tin"]) }
        var s = station(repeatGap: 3_600_000, fill: items)
        let plan = Planner(station: s).plan(ISOWeek("2026-W48")!)
        #expect(plan.idle.isEmpty, "\(plan.idle)")                 // 15 s free of 10 min
        s.maxUnusedPermille = 0
        #expect(Planner(station: s).plan(ISOWeek("2026-W48")!).idle.count == 3)
        #expect(Planner(station: station(fill: [])).plan(ISOWeek("2026-W48")!).problems(.en)
            .contains { $0.code == "session-idle" && $0.message.contains("No item carries a fill tag (tin)") })
    }
}
