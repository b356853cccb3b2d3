import Foundation
import Testing
@testable import LichPhatWeb

@Suite("Login throttle: per client and name, bounded, never forgetting a name under attack")
struct ThrottleTests {
    @Test("10,050 wrong logins with throwaway names do not give three free guesses at a name already being guessed (the table used to be emptied)")
    func throwawayNames() async {
        let t = LoginThrottle()
        for _ in 0..<3 { await t.failed("an", client: "10.0.0.9") }
        #expect(await t.wait("an", client: "10.0.0.9") > 0)
        for n in 0..<10_050 { await t.failed("x\(n)", client: "10.0.0.9") }
        #expect(await t.wait("an", client: "10.0.0.9") > 0)
        let size = await t.size
        #expect(size.pairs <= 10_000 && size.names <= 10_000 && size.clients <= 10_000)
    }

    @Test("Many clients guessing a name slow each other down, but the right person at a desk that has not been failing still gets in")
    func nameLock() async {
        let t = LoginThrottle()
        for c in 0..<30 { await t.failed("an", client: "10.0.1.\(c)") }
        #expect(await t.wait("an", client: "10.0.1.3") > 0)        // a failing client waits on the name
        #expect(await t.wait("an", client: "10.0.0.5") == 0)        // the leader's own desk does not
        await t.failed("lan", client: "10.0.0.5")
        #expect(await t.wait("an", client: "10.0.0.5") > 0)        // once it fails too, it waits
        await t.succeeded("lan", client: "10.0.0.5")
        #expect(await t.wait("an", client: "10.0.0.5") == 0)
    }

    @Test("Memory stays bounded with many clients and names, and the coldest go first")
    func bounded() async {
        let t = LoginThrottle(capacity: 100)
        for _ in 0..<5 { await t.failed("hot", client: "1.1.1.1") }
        for n in 0..<1_000 { await t.failed("n\(n)", client: "2.2.2.\(n % 250)") }
        let size = await t.size
        #expect(size.pairs <= 100 && size.names <= 100 && size.clients <= 100)
        #expect(await t.wait("hot", client: "1.1.1.1") > 0)
    }
}

@Suite("Turns: heavy work a few at a time")
struct TurnsTests {
    @Test("Never more than the limit at once; everyone gets a turn, in order")
    func bounded() async {
        let turns = Turns(2)
        let peak = PeakCounter()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    await turns.enter()
                    await peak.note(await turns.count)
                    try? await Task.sleep(for: .milliseconds(20))
                    await turns.leave()
                }
            }
        }
        let (highest, seen) = (await peak.highest, await peak.seen)
        #expect(highest <= 2 && seen == 8)
        #expect(await turns.count == 0)
    }
}

actor PeakCounter {
    var highest = 0, seen = 0
    func note(_ n: Int) { highest = max(highest, n); seen += 1 }
}
