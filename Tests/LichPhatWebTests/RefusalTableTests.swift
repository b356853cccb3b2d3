import Foundation
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import Testing
import LichPhatFormats
import LichPhatWeb
import TestSupport

/// Every rule about what may be done is the workspace's: one table of refusals, each tried from
/// the command line, a page's form and the API, gets the same answer from each — the refusal's
/// kind as an exit code and as an HTTP status, the API naming it — and changes nothing.
@Suite("One table of refusals through the command line, the pages and the API")
struct RefusalTableTests {
    /// The site's clock (ServedStation): Wednesday 2026-11-18 18:06:40 station time.
    static let now = "2026-11-18T18:06:40+07:00"

    struct Refusal: CustomTestStringConvertible, Sendable {
        var name: String
        /// ``WorkspaceError/code``, as the API's `reason`.
        var reason: String
        var exit: Int32
        var status: HTTPResponse.Status
        /// Command lines run first (in the served folder).
        var setup: @Sendable (Ids) -> [[String]]
        var cli: @Sendable (Ids) -> [String]
        var page: @Sendable (Ids) -> (path: String, form: String)
        var api: @Sendable (Ids) -> (path: String, method: HTTPRequest.Method, json: String, ifMatch: String?)
        var testDescription: String { name }
    }

    /// What the setup left: W48's airings (two of its contents) and its revisions' hashes.
    struct Ids: Sendable {
        var a = "", b = "", first = "", current = ""
    }

    static let w48 = "/stations/xa/weeks/2026-W48"
    static let api48 = "/api/stations/xa/weeks/2026-W48"
    static let plan48 = ["plan", "Schedules/xa.yaml", "--week", "2026-W48", "--no-cache"]
    static let approve48 = ["approve", "Schedules/xa/2026-W48", "--by", "Trần Thị B"]

    static let table: [Refusal] = [
        Refusal(name: "an approval without the approver's name", reason: "bad-approver-name", exit: 2, status: .unprocessableContent,
                setup: { _ in [plan48] },
                cli: { _ in ["approve", "Schedules/xa/2026-W48", "--by", " "] },
                page: { i in (w48 + "/approve", "by=%20&revision=\(i.current)") },
                api: { i in (api48 + "/approve", .post, #"{"by": " "}"#, "\"\(i.current)\"") }),
        Refusal(name: "planning again a week that was approved", reason: "week-ever-approved", exit: 4, status: .conflict,
                setup: { _ in [plan48, approve48] },
                cli: { _ in plan48 },
                page: { i in (w48 + "/plan", "revision=\(i.current)") },
                api: { i in (api48 + "/plan", .post, "{}", "\"\(i.current)\"") }),
        Refusal(name: "a hand edit of a week that was approved", reason: "week-ever-approved", exit: 4, status: .conflict,
                setup: { _ in [plan48, approve48] },
                cli: { i in ["edit", "Schedules/xa.yaml", "--week", "2026-W48", "--pin", i.a, "--no-cache"] },
                page: { i in (w48 + "/pin", "airing=\(i.a)&revision=\(i.current)") },
                api: { i in (api48 + "/airings/\(i.a)/pin", .post, #"{"pinned": true}"#, "\"\(i.current)\"") }),
        Refusal(name: "planning a week that has ended, without saying so", reason: "week-past", exit: 2, status: .unprocessableContent,
                setup: { _ in [] },
                cli: { _ in ["plan", "Schedules/xa.yaml", "--week", "2026-W46", "--no-cache"] },
                page: { _ in ("/stations/xa/weeks/2026-W46/plan", "revision=none") },
                api: { _ in ("/api/stations/xa/weeks/2026-W46/plan", .post, "{}", nil) }),
        Refusal(name: "removing an airing the week does not have", reason: "no-such-airing-id", exit: 2, status: .notFound,
                setup: { _ in [plan48] },
                cli: { _ in ["edit", "Schedules/xa.yaml", "--week", "2026-W48", "--remove", "2026-11-23.sang.khong-co", "--no-cache"] },
                page: { i in (w48 + "/remove", "airing=2026-11-23.sang.khong-co&revision=\(i.current)") },
                api: { i in (api48 + "/airings/2026-11-23.sang.khong-co", .delete, "", "\"\(i.current)\"") }),
        Refusal(name: "an edit made on a revision the week has moved on from", reason: "revision-moved", exit: 1, status: .conflict,
                setup: { i in [plan48, ["edit", "Schedules/xa.yaml", "--week", "2026-W48", "--remove", i.a, "--no-cache"]] },
                cli: { i in ["edit", "Schedules/xa.yaml", "--week", "2026-W48", "--remove", i.b, "--revision", "1", "--no-cache"] },
                page: { i in (w48 + "/remove", "airing=\(i.b)&revision=\(i.first)") },
                api: { i in (api48 + "/airings/\(i.b)", .delete, "", "\"\(i.first)\"") }),
        Refusal(name: "an edit of a session that has begun", reason: "session-begun", exit: 1, status: .conflict,
                setup: { _ in [["plan", "Schedules/xa.yaml", "--week", "2026-W47", "--no-cache"]] },
                cli: { _ in ["edit", "Schedules/xa.yaml", "--week", "2026-W47", "--remove", "2026-11-16.sang.nhac-hieu", "--no-cache"] },
                page: { _ in ("/stations/xa/weeks/2026-W47/remove", "airing=2026-11-16.sang.nhac-hieu") },
                api: { _ in ("/api/stations/xa/weeks/2026-W47/airings/2026-11-16.sang.nhac-hieu", .delete, "", nil) }),
    ]

    @Test("The same refusal, the same answer, nothing changed", arguments: table)
    func refusal(_ r: Refusal) async throws {
        let s = ServedStation(); defer { s.fx.remove() }
        func run(_ args: [String]) throws -> Run {
            try Run(args, cwd: s.fx.folder, environment: ["LICHPHAT_NOW": Self.now])
        }
        // The first step (a plan) runs before the airings are known; the others may name them.
        var ids = Ids()
        let steps = r.setup(ids)
        if let first = steps.first {
            let done = try run(first)
            try #require(done.status == 0, "setup \(first): \(done.stderr)")
            if let doc = ScheduleDocument.read(folder: s.fx.path("Schedules/xa/2026-W48")) {
                let contents = doc.sessions.flatMap(\.airings).filter { $0.reason != "open" }.compactMap(\.id)
                ids.a = contents.first ?? ""
                ids.b = contents.dropFirst().first ?? ""
                ids.first = WeekFolder.history(of: s.fx.path("Schedules/xa/2026-W48")).current?.hash ?? ""
            }
        }
        for args in r.setup(ids).dropFirst() {
            let done = try run(args)
            try #require(done.status == 0, "setup \(args): \(done.stderr)")
        }
        ids.current = WeekFolder.history(of: s.fx.path("Schedules/xa/2026-W48")).current?.hash ?? "none"
        let before = try snapshot(s.fx.path("Schedules/xa"))

        let cli = try run(r.cli(ids))
        #expect(cli.status == r.exit, "command line: \(cli.status) \(cli.stderr)")
        #expect(!cli.stderr.isEmpty)

        let seen = ids
        try await s.app().test(.router) { client in
            let (path, form) = r.page(seen)
            let (status, html) = try await client.post(path, form: form)
            #expect(status == r.status, "page: \(status)")
            let words = html.replacingOccurrences(of: "var(--", with: "")   // the style sheet's own variables
            #expect(!words.contains("(--") && !words.contains("(lichphat "), "a page names no command-line option")

            let (apiPath, method, json, ifMatch) = r.api(seen)
            var headers: HTTPFields = [.contentType: "application/json"]
            if let ifMatch { headers[.ifMatch] = ifMatch }
            let (apiStatus, body) = try await client.execute(uri: apiPath, method: method, headers: headers, body: ByteBuffer(string: json)) {
                ($0.status, String(buffer: $0.body))
            }
            #expect(apiStatus == r.status, "API: \(apiStatus) \(body)")
            #expect(compact(body).contains(#""reason":"\#(r.reason)""#), "API: \(body)")
        }
        #expect(try snapshot(s.fx.path("Schedules/xa")) == before, "a refusal changed the weeks")
    }

    /// Every file under the folder with its bytes' hash (hidden lock files aside).
    func snapshot(_ folder: String) throws -> [String: String] {
        var out: [String: String] = [:]
        for rel in (try? FileManager.default.subpathsOfDirectory(atPath: folder)) ?? [] where !rel.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder + "/" + rel, isDirectory: &isDir), !isDir.boolValue else { continue }
            out[rel] = WeekFolder.sha256(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + rel)))
        }
        return out
    }
}
