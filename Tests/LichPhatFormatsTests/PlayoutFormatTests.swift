import Foundation
import Testing
import LichPhatCore
import LichPhatFormats
import TestSupport

@Suite("Playout formats: the play log air writes, the Liquidsoap script, --output")
struct PlayoutFormatTests {
    let t = CivilDate(year: 2026, month: 11, day: 2).daysSinceEpoch * 86_400_000 + 7 * 3_600_000

    @Test("The play log: a header once, one fsync'd line per airing, the month's file by the start; read back, a bulletin is apart, a cut airing and its rest are one airing")
    func logRoundTrip() throws {
        let fx = Fixtures(prefix: "lichphat-playlog-"); defer { fx.remove() }
        let lines = [
            PlayLogLine(start: t, end: t + 3_000, item: "mo", file: "mo.wav", session: "sang", revision: 1, reason: .plan),
            PlayLogLine(start: t + 3_000, end: t + 5_120, item: "tin", file: "tin/bản tin, số 1.wav", session: "sang", revision: 1, reason: .plan, status: "interrupted"),
            PlayLogLine(start: t + 5_120, end: t + 7_120, item: "bt-20261102-070005", file: "ban-tin/bt-20261102-070005.wav", session: "sang", revision: 0, reason: .bulletin),
            PlayLogLine(start: t + 7_120, end: t + 11_000, item: "tin", file: "tin/bản tin, số 1.wav", session: "sang", revision: 1, reason: .plan, status: "resumed"),
        ]
        var path = ""
        for l in lines { path = try PlayLogWriter.append(l, folder: fx.folder) }
        #expect(path == fx.folder + "/nhat-ky-phat-2026-11.csv")
        let bytes = try #require(FileManager.default.contents(atPath: path))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("start,end,played,item,file,session,revision,reason,status\r\n2026-11-02 07:00:00,2026-11-02 07:00:03,3,mo,mo.wav,sang,1,plan,ok\r\n"))
        #expect(text.contains(",\"tin/bản tin, số 1.wav\","))
        #expect(text.components(separatedBy: "\r\n").count == 6)

        let station = Station(id: "xa", name: "Xã", sessions: [], items: [
            Item(id: "mo", title: "Mở", file: "mo.wav", length: 3_000), Item(id: "tin", title: "Tin", file: "tin/bản tin, số 1.wav", length: 8_000)], rules: [])
        let r = PlayLogReader.read(path: path, resolver: ItemResolver(station: station, audioFolder: fx.folder), time: LogTime(timeZone: "Asia/Ho_Chi_Minh"))
        #expect(r.unusable == nil && r.issues.isEmpty)
        #expect(r.records.map(\.item) == ["mo", "tin"])
        #expect(r.records[1].interrupted && r.records[1].played == 2_120 + 3_880)
        #expect(r.bulletins.map(\.item) == ["bt-20261102-070005"] && r.bulletins[0].played == 2_000 && r.bulletins[0].session == "sang")

        // December's airing goes to December's file.
        let december = CivilDate(year: 2026, month: 12, day: 1).daysSinceEpoch * 86_400_000
        #expect(try PlayLogWriter.append(PlayLogLine(start: december, end: december + 1, item: "mo", file: "mo.wav", session: "", revision: 1, reason: .plan), folder: fx.folder)
                == fx.folder + "/nhat-ky-phat-2026-12.csv")
    }

    @Test("A platform's log already under the month's name is never written into: the playout's lines go beside it (…-may-phat.csv)")
    func neverIntoAnotherLog() throws {
        let fx = Fixtures(prefix: "lichphat-playlog-"); defer { fx.remove() }
        let theirs = Data("start,file,played,status,device\n2026-11-02T06:00:00+07:00,mo.wav,3,ok,cum-1\n".utf8)
        try theirs.write(to: URL(fileURLWithPath: fx.path("nhat-ky-phat-2026-11.csv")))
        let path = try PlayLogWriter.append(PlayLogLine(start: t, end: t + 1000, item: "mo", file: "mo.wav", session: "sang", revision: 1, reason: .plan), folder: fx.folder)
        #expect(path == fx.path("nhat-ky-phat-2026-11-may-phat.csv"))
        #expect(FileManager.default.contents(atPath: fx.path("nhat-ky-phat-2026-11.csv")) == theirs)
        #expect(PlayLogWriter.isOwn(path) && !PlayLogWriter.isOwn(fx.path("nhat-ky-phat-2026-11.csv")))
    }

    @Test("--output: the four forms, and what is refused (a quote or a space that would break the script, an Icecast address without a password or mount)")
    func outputs() {
        #expect(PlayoutOutput.parse("alsa") == .alsa(device: nil))
        #expect(PlayoutOutput.parse("alsa:hw:1") == .alsa(device: "hw:1"))
        #expect(PlayoutOutput.parse("pulse") == .pulse)
        #expect(PlayoutOutput.parse("file:/tmp/x.wav") == .file(path: "/tmp/x.wav"))
        #expect(PlayoutOutput.parse("icecast://source:hackme@10.0.0.2:8001/xa.mp3") == .icecast(host: "10.0.0.2", port: 8001, user: "source", password: "hackme", mount: "/xa.mp3"))
        for bad in ["", "jack", "alsa:", "alsa:hw\"1", "file:", "icecast://host:8000/x", "icecast://source:pw@host:8000", "icecast://so\"urce:pw@h/x", "file:a\nb", "file:/tmp/#{shell}.wav", "icecast://source:p#{x}@h/m"] {
            #expect(PlayoutOutput.parse(bad) == nil, "\(bad)")
        }
    }

    @Test("The script Liquidsoap runs passes `liquidsoap --check` for every output; a request carries its token, gain and cue points on one line")
    func scriptChecks() throws {
        #expect(PlayoutScript.request(token: "7", path: "/a/b\nc.wav", gain: -3.04, cueIn: 1500, cueOut: nil)
                == "annotate:lp=\"7\",liq_amplify=\"-3.0 dB\",liq_cue_in=\"1.500\":/a/b c.wav")
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/liquidsoap") else { return }
        let fx = Fixtures(prefix: "lichphat-liq-"); defer { fx.remove() }
        let outputs: [PlayoutOutput] = [.alsa(device: nil), .alsa(device: "hw:1"), .pulse, .icecast(host: "h", port: 8000, user: "source", password: "p", mount: "/m"),
                                        .file(path: fx.path("o.wav")), .file(path: fx.path("o.pcm"))]
        for (k, o) in outputs.enumerated() {
            let script = fx.path("s\(k).liq")
            try PlayoutScript.text(socket: fx.path("ctl\(k)"), output: o, deadAir: 10_000, runAsRoot: true).write(toFile: script, atomically: true, encoding: .utf8)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/liquidsoap")
            p.arguments = ["--check", script]
            let out = Pipe()
            p.standardOutput = out; p.standardError = out
            try p.run()
            let said = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            #expect(p.terminationStatus == 0, "\(o): \(said)")
        }
    }
}
