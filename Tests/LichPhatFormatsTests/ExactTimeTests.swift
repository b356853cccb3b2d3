import Foundation
import Testing
import LichPhatCore
import TestSupport
@testable import LichPhatFormats

@Suite("Exact times")
struct ExactTimeTests {
    @Test("schedule.json carries each airing's exact start, so none overlaps the one before (was cut to the second)")
    func noOverlaps() throws {
        let plan = samplePlan()
        #expect(plan.sessions.flatMap(\.airings).contains { $0.start % 1000 != 0 }, "the sample has starts between seconds")
        let json = ScheduleExport(plan: plan, audioFolder: "/a", weekFolder: "/w", lang: .vi).json()
        let gaps = try IndependentCheck.gaps(in: Data(json.utf8))
        #expect(gaps.isEmpty, "\(gaps)")
    }

    @Test("Machine files write milliseconds where a time is not whole; people's files round to the nearest second")
    func rounding() {
        let clock = StationClock(identifier: "Asia/Ho_Chi_Minh")
        let t = CivilDate(year: 2026, month: 11, day: 23).daysSinceEpoch * 86_400_000 + ((6 * 60 + 3) * 60 + 44) * 1000
        #expect(clock.iso(t + 375) == "2026-11-23T06:03:44.375+07:00")
        #expect(clock.iso(t) == "2026-11-23T06:03:44+07:00")
        #expect(clock.iso(t + 5) == "2026-11-23T06:03:44.005+07:00")
        #expect(StationClock.preciseTime(t + 375) == "06:03:44.375")
        #expect(StationClock.time(t + 375, seconds: true) == "06:03:44")
        #expect(StationClock.time(t + 500, seconds: true) == "06:03:45")
        #expect(StationClock.time(t + 499, seconds: true) == "06:03:44")
        #expect(clock.isoSeconds(t + 999) == "2026-11-23T06:03:45+07:00")
        #expect(clock.utcStamp(t + 600) == "20261122T230345Z")
    }

    @Test("A zone with daylight saving: local times and offsets across the last Sunday of October in Europe/Berlin")
    func daylightSaving() throws {
        let clock = StationClock(identifier: "Europe/Berlin")
        let sat = CivilDate(year: 2026, month: 10, day: 24).daysSinceEpoch * 86_400_000 + 6 * 3_600_000
        let sun = sat + 86_400_000
        #expect(clock.iso(sat) == "2026-10-24T06:00:00+02:00")
        #expect(clock.iso(sun) == "2026-10-25T06:00:00+01:00")
        #expect(clock.utcStamp(sat) == "20261024T040000Z")
        #expect(clock.utcStamp(sun) == "20261025T050000Z")
        // Both ways: a log written in UTC reads as the station's wall clock on either side.
        let time = LogTime(clock: clock)
        #expect(time.parse("2026-10-24T04:00:00Z") == sat)
        #expect(time.parse("2026-10-25T05:00:00Z") == sun)
        #expect(time.parse("2026-10-25T06:00:00+01:00") == sun)
        #expect(time.parse("2026-10-25 06:00:00") == sun)
        #expect(clock.local(utc: clock.utc(local: sun)) == sun)

        // A week planned across the change: every session starts at 06:00 on the wall clock.
        let station = Station(id: "berlin", name: "B", timeZone: "Europe/Berlin",
            sessions: [SessionTemplate(id: "s", name: "S", days: Set(Weekday.allCases), start: 6 * 3_600_000, length: 600_000)],
            items: [Item(id: "a", title: "A", file: "a.mp3", length: 61_250, tags: ["f"])], rules: [], fill: ["f"])
        let plan = Planner(station: station).plan(ISOWeek("2026-W43")!)
        let json = ScheduleExport(plan: plan, audioFolder: "/a", weekFolder: "/w", lang: .en).json()
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let starts = try #require(doc["sessions"] as? [[String: Any]]).compactMap { $0["start"] as? String }
        #expect(starts.first == "2026-10-19T06:00:00+02:00")
        #expect(starts.last == "2026-10-25T06:00:00+01:00")
        #expect(try IndependentCheck.gaps(in: Data(json.utf8)).isEmpty)
        let ics = ScheduleExport(plan: plan, audioFolder: "/a", weekFolder: "/w", lang: .en).ics()
        #expect(ics.contains("DTSTART;TZID=Europe/Berlin:20261025T060000"))
        // The calendar's zone says the offset changes at 03:00 summer time on the Sunday.
        #expect(ics.contains("BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100"))
        #expect(ics.contains("TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0200"))
    }
}
