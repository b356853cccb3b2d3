// Planner benchmark: synthetic stations shaped like the shipped ones, planned and rendered
// in memory (every export), timed in one process. Run through Benchmarks/plan-benchmark.sh.
import Foundation
import LichPhatCore
import LichPhatFormats

struct Rng {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ r: ClosedRange<Int>) -> Int { r.lowerBound + Int(next() % UInt64(r.count)) }
}

/// A station with `items` items: NQ57 programmes, Chuyển đổi số columns, notices with their own
/// quotas, news and music to fill; a morning and an afternoon session.
func station(_ n: Int, items count: Int) -> Station {
    var rng = Rng(state: UInt64(n) &* 7919)
    let s = 1000, m = 60 * s
    var items = [Item(id: "nhac-hieu", title: "Nhạc hiệu", file: "nhac-hieu.mp3", length: 24 * s),
                 Item(id: "ket-thuc", title: "Kết thúc", file: "ket-thuc.mp3", length: 25 * s),
                 Item(id: "vov", title: "Tiếp sóng VOV1", length: 10 * m, days: [.mon, .wed, .fri], sessions: ["chieu"], priority: 1)]
    let kinds = ["nq57", "chuyen-doi-so", "thong-bao", "tin-tuc", "tin-tuc", "nhac", "nhac"]
    for i in 0..<(count - items.count) {
        let kind = kinds[i % kinds.count]
        var item = Item(id: "\(kind)-\(i)", title: "\(kind) \(i)", file: "\(kind)/\(i).mp3",
                        length: rng.int(20...240) * s, tags: [kind])
        if kind == "thong-bao" && i % 5 == 2 {
            item.perWeek = Quota(min: 2, max: 3)
            item.from = CivilDate(year: 2026, month: 11, day: 1)
            item.until = CivilDate(year: 2026, month: 12, day: 31)
        }
        items.append(item)
    }
    return Station(id: "tram-\(n)", name: "Đài truyền thanh xã \(n)",
        sessions: [SessionTemplate(id: "sang", name: "Buổi sáng", days: Set(Weekday.allCases), start: 6 * 60 * m, length: 30 * m, open: ["nhac-hieu"], close: ["ket-thuc"]),
                   SessionTemplate(id: "chieu", name: "Buổi chiều", days: [.mon, .tue, .wed, .thu, .fri], start: 17 * 60 * m, length: 45 * m, open: ["nhac-hieu"], close: ["ket-thuc"])],
        items: items,
        rules: [QuotaRule(id: "nq57", name: "Tuyên truyền Nghị quyết 57-NQ/TW", tags: ["nq57"], perWeek: Quota(min: 1, max: 2)),
                QuotaRule(id: "cds", name: "Chuyên mục Chuyển đổi số", tags: ["chuyen-doi-so"], perWeek: Quota(min: 1, max: 1), days: [.thu], sessions: ["chieu"])],
        fill: ["tin-tuc", "nhac"])
}

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

func maxRSSMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

func render(_ plan: Plan) -> Int {
    ScheduleExport(plan: plan, audioFolder: "/srv/Audio", weekFolder: "/srv/Schedules/x/\(plan.week)", lang: .vi)
        .files().reduce(0) { $0 + $1.contents.utf8.count }
}

let week = ISOWeek("2026-W48")!
if CommandLine.arguments.contains("--profile") {
    let plan = Planner(station: station(1, items: 60)).plan(week)
    let e = ScheduleExport(plan: plan, audioFolder: "/srv/Audio", weekFolder: "/srv/w", lang: .vi)
    let parts: [(String, () -> String)] = [("json", e.json), ("csv", e.csv), ("ics", e.ics), ("liq", e.liquidsoap), ("html", e.html),
                                           ("m3u8", { plan.sessions.map(e.m3u8).joined() })]
    for (name, f) in parts {
        let t = now(); var n = 0
        for _ in 0..<20 { n += f().utf8.count }
        print(name, String(format: "%.2f ms", (now() - t) / 20 * 1000), n / 20)
    }
    exit(0)
}

// 1. One station-week with 300 items: median of 21 runs, planning and planning + every export.
let big = station(0, items: 300)
var planTimes: [Double] = [], allTimes: [Double] = []
var compliant = true
for _ in 0..<21 {
    let t0 = now()
    let plan = Planner(station: big).plan(week)
    let t1 = now()
    _ = render(plan)
    let t2 = now()
    planTimes.append(t1 - t0); allTimes.append(t2 - t0)
    compliant = compliant && plan.compliant
}
planTimes.sort(); allTimes.sort()

// 2. 200 stations × 4 weeks, with history carried week to week, every export rendered.
let t0 = now()
var bytes = 0, weeks = 0, allCompliant = true
var planning = 0.0
for n in 1...200 {
    let s = station(n, items: 60)
    var history = PlanHistory()
    for k in 0..<4 {
        let tp = now()
        let plan = Planner(station: s, history: history, seed: UInt64(n)).plan(week.adding(weeks: k))
        planning += now() - tp
        bytes += render(plan)
        history.add(plan)
        weeks += 1
        allCompliant = allCompliant && plan.compliant
    }
}
let fleet = now() - t0

print("| one station-week, 300 items: plan | \(String(format: "%.1f", planTimes[10] * 1000)) ms (median of 21) | < 100 ms |")
print("| one station-week, 300 items: plan + every export | \(String(format: "%.1f", allTimes[10] * 1000)) ms (median of 21) | < 100 ms |")
print("| 200 stations × 4 weeks (60 items each), plan + every export | \(String(format: "%.2f", fleet)) s, \(weeks) weeks, \(bytes / 1_000_000) MB of output | < 10 s |")
print("| of which planning | \(String(format: "%.2f", planning)) s | |")
print("| peak memory of the whole run | \(String(format: "%.0f", maxRSSMegabytes())) MB | < 200 MB |")
print("all compliant: \(compliant && allCompliant)")
