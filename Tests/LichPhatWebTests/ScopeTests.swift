import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import LichPhatCore
import LichPhatFormats
@testable import LichPhatWeb
import LichPhatWorkspace
import TestSupport

/// Two communes on one server (xa, khac) and four accounts: an operator of xa, a leader of khac,
/// the city office and the administrator.
struct TwoCommunes {
    let base = ServedStation()
    let store: AccountStore
    let site: Site
    static let password = "mat-khau-dai-1"

    init() throws {
        let xa = try String(contentsOfFile: base.fx.path("Schedules/xa.yaml"), encoding: .utf8)
        try xa.replacingOccurrences(of: "{id: xa, name: \"Đài truyền thanh xã Thử\"}", with: "{id: khac, name: \"Đài xã Khác\"}")
            .write(toFile: base.fx.path("Schedules/khac.yaml"), atomically: true, encoding: .utf8)
        let ws = base.site.workspace
        for id in ["xa", "khac"] {
            let loaded = try ws.loadStation(base.fx.path("Schedules/\(id).yaml"))
            _ = try ws.planWeek(loaded, week: ISOWeek("2026-W48")!, write: .commandLine, lang: .vi)
        }
        store = try AccountStore(root: base.root, cost: 4)
        try store.add(name: "op-xa", fullName: "Vận hành xã Thử", role: .operator, password: Self.password, stations: ["xa"])
        try store.add(name: "ld-khac", fullName: "Lãnh đạo xã Khác", role: .leader, password: Self.password, stations: ["khac"])
        try store.add(name: "city", fullName: "Sở VHTT", role: .city, password: Self.password)
        try store.add(name: "admin", fullName: "Quản trị", role: .admin, password: Self.password)
        site = Site(root: base.root, workspace: ws, accounts: store)
    }

    func app() throws -> some ApplicationProtocol { try WebServer.buildApplication(site: site) }
}

@Suite("One server for many communes: each account sees its own")
struct ScopeTests {
    /// Every route of the router (pages and API) with a station in its path, made concrete.
    func concrete(_ path: String, station: String, airing: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { part -> String in
            switch part {
            case ":id", "{id}": station
            case "{week}": "2026-W48"
            case "{name}": "schedule.json"
            case "{airing}": airing
            case "{kind}": "items"
            case "{entry}": "nhac-hieu"
            case "{file}": "report.html"
            case "**": "nhac-hieu.wav"
            default: String(part)
            }
        }.joined(separator: "/")
    }

    func send(_ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, as user: String) async throws -> (HTTPResponse.Status, String) {
        var headers: HTTPFields = [.authorization: basic(user, TwoCommunes.password), .cookie: "lichphat_form=\(formToken)"]
        var body: ByteBuffer?
        if method != .get && method != .head {
            headers[.contentType] = uri.hasPrefix("/api/") ? "application/json" : "application/x-www-form-urlencoded"
            body = ByteBuffer(string: uri.hasPrefix("/api/") ? "{}" : "csrf=\(formToken)&base=x")
        }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body) { ($0.status, String(buffer: $0.body)) }
    }

    @Test("Every route with a station in it, as each role, for its own and another commune's station: another's is exactly a station that does not exist (404, the same words), nothing of it changes; the city changes nothing (403); the lists show only one's own")
    func everyRoute() async throws {
        let t = try TwoCommunes(); defer { t.base.fx.remove() }
        let routes = try WebServer.router(site: t.site).routes
            .map { ($0.method, $0.path.description) }
            .filter { $0.1.contains("{id}") }
        // The audio files (a middleware, not a route) are walked too.
        let all = routes + [(HTTPRequest.Method.get, "/audio/{id}/nhac-hieu.wav")]
        #expect(routes.count >= 40, "the router's routes were found (\(routes.count))")
        let airing = try JSONDecoder().decode(ScheduleDocument.self, from: Data(contentsOf: URL(fileURLWithPath: t.base.fx.path("Schedules/xa/2026-W48/schedule.json"))))
            .sessions.flatMap(\.airings).compactMap(\.id).first ?? "x"
        let root = t.base.fx.path("Schedules")
        @Sendable func snapshot(_ id: String) -> [String: Data] {
            var out: [String: Data] = [:]
            out[id + ".yaml"] = FileManager.default.contents(atPath: root + "/\(id).yaml")
            // The render an own walk started goes on in the background (its render/ folder and job
            // file): not something another account did.
            for f in (FileManager.default.enumerator(atPath: root + "/" + id)?.allObjects as? [String]) ?? []
            where !f.contains("/render") && !f.contains("render-job") {
                if let d = FileManager.default.contents(atPath: root + "/\(id)/\(f)") { out[f] = d }
            }
            return out
        }
        try await t.app().test(.router) { client in
            for (user, own, foreign) in [("op-xa", "xa", "khac"), ("ld-khac", "khac", "xa"), ("city", "xa", nil), ("admin", "khac", nil)] as [(String, String, String?)] {
                // What another's walk must leave as it is: the foreign station's files (all, for the city).
                let untouched = foreign.map { [$0] } ?? (user == "city" ? ["xa", "khac"] : [])
                let before = untouched.map { snapshot($0) }
                defer { #expect(untouched.map { snapshot($0) } == before, "\(user)'s walk changed nothing of \(untouched)") }
                for (method, path) in all {
                    let change = method != .get && method != .head && !path.hasSuffix("/audit")
                    let none = try await send(client, method, concrete(path, station: "khong-co", airing: airing), as: user)
                    // The city sees every station: any change is refused before it is looked for.
                    #expect(none.0 == (user == "city" && change ? .forbidden : .notFound), "\(user) \(method) \(path) for no station: \(none.0)")
                    if let foreign {
                        let theirs = try await send(client, method, concrete(path, station: foreign, airing: airing), as: user)
                        #expect(theirs.0 == none.0 && theirs.1 == none.1,
                                "\(user) \(method) \(path) on another commune's station answers as for no station (\(theirs.0) vs \(none.0))")
                    }
                    let mine = try await send(client, method, concrete(path, station: own, airing: airing), as: user)
                    if user == "city" && change {
                        #expect(mine.0 == .forbidden && mine.1.contains("chỉ xem"), "city \(method) \(path): \(mine.0)")
                    } else {
                        #expect(mine.0 != .forbidden || path.hasSuffix("/approve"), "\(user) \(method) \(path) on its own station: \(mine.0)")
                    }
                }
                // The pages and the API that list stations list only one's own.
                let (_, overview) = try await send(client, .get, "/", as: user)
                let (_, list) = try await send(client, .get, "/api/stations", as: user)
                let (_, reports) = try await send(client, .get, "/reports?period=2026-11", as: user)
                if let foreign {
                    let name = foreign == "xa" ? "Đài truyền thanh xã Thử" : "Đài xã Khác"
                    #expect(!overview.contains(name) && !list.contains("\"\(foreign)\"") && !reports.contains(name), "\(user) sees \(foreign) listed")
                    #expect(overview.contains("/stations/\(own)/") && list.contains("\"\(own)\""))
                    let asked = try await send(client, .get, "/reports/report.json?period=2026-11&station=\(foreign)", as: user)
                    let nothing = try await send(client, .get, "/reports/report.json?period=2026-11&station=khong-co", as: user)
                    #expect(asked.0 == .notFound && asked.1 == nothing.1)
                } else {
                    #expect(list.contains("\"xa\"") && list.contains("\"khac\"") && overview.contains("Đài xã Khác"))
                }
            }
        }
    }

    @Test("A leader of one commune cannot approve another's week; the city and the administrator approve nothing; a disabled account cannot log in and its session ends")
    func approveAndDisable() async throws {
        let t = try TwoCommunes(); defer { t.base.fx.remove() }
        let xaWeek = t.base.fx.path("Schedules/xa/2026-W48")
        try await t.app().test(.router) { client in
            let approve = "/api/stations/xa/weeks/2026-W48/approve"
            func post(_ user: String) async throws -> HTTPResponse.Status {
                try await client.execute(uri: approve, method: .post, headers: [.authorization: basic(user, TwoCommunes.password), .contentType: "application/json", .ifMatch: "*"],
                                         body: ByteBuffer(string: "{}")) { $0.status }
            }
            #expect(try await post("ld-khac") == .notFound)
            #expect(try await post("city") == .forbidden)
            #expect(try await post("admin") == .forbidden)
            #expect(try await post("op-xa") == .forbidden)
            #expect(t.site.workspace.state(ofWeek: xaWeek) == .draft)
            // Disabled: Basic is refused at once (a remembered password too), and so is a session.
            #expect(try await client.execute(uri: "/api/stations", method: .get, headers: [.authorization: basic("op-xa", TwoCommunes.password)]) { $0.status } == .ok)
            let b = Browser(client)
            _ = try await b.post("/login", form: "name=op-xa&password=\(TwoCommunes.password)&next=%2F")
            #expect(try await b.get("/stations/xa/library").status == .ok)
            try t.store.setDisabled(name: "op-xa", true)
            #expect(try await client.execute(uri: "/api/stations", method: .get, headers: [.authorization: basic("op-xa", TwoCommunes.password)]) { $0.status } == .unauthorized)
            #expect(try await b.get("/stations/xa/library").status == .seeOther)
            let again = try await b.post("/login", form: "name=op-xa&password=\(TwoCommunes.password)&next=%2F")
            #expect(again.status != .seeOther || again.headers[.location]?.hasPrefix("/login") == true)
        }
    }
}

@Suite("Toàn thành phố: the city office's dashboard")
struct CityDashboardTests {
    func get(_ client: some TestClientProtocol, _ uri: String, as user: String) async throws -> (HTTPResponse.Status, String) {
        try await client.execute(uri: uri, method: .get, headers: [.authorization: basic(user, TwoCommunes.password)]) { ($0.status, String(buffer: $0.body)) }
    }

    @Test("One row per station for the city and the administrator (operators and leaders: 403); the running week without an approved plan first, in red; filters, sorting, CSV and JSON agree")
    func dashboard() async throws {
        let t = try TwoCommunes(); defer { t.base.fx.remove() }
        // khac's running week (2026-W47 on the tests' clock) is approved; xa's is not planned.
        let ws = t.site.workspace
        let khac = try ws.loadStation(t.base.fx.path("Schedules/khac.yaml"))
        let this = ws.thisWeek(of: khac.station)
        _ = try ws.planWeek(khac, week: this, write: .commandLine, lang: .vi)
        _ = try ws.approve(folder: khac.weeksFolder + "/\(this)", by: "Lãnh đạo xã Khác", write: .commandLine)
        try "start,end,file\n".write(toFile: t.base.fx.path("Schedules/khac/nhat-ky-phat-2026-11.csv"), atomically: true, encoding: .utf8)
        try await t.app().test(.router) { client in
            #expect(try await get(client, "/city", as: "op-xa").0 == .forbidden)
            #expect(try await get(client, "/api/city", as: "ld-khac").0 == .forbidden)
            let (ok, page) = try await get(client, "/city", as: "city")
            #expect(ok == .ok)
            let xa = try #require(page.range(of: "data-station=\"xa\"")), other = try #require(page.range(of: "data-station=\"khac\""))
            #expect(xa.lowerBound < other.lowerBound, "the station with nothing approved airing comes first")
            #expect(page.contains("<tr class=\"urgent\" data-station=\"xa\">") && page.contains("<tr data-station=\"khac\">"))
            #expect(page.contains("nhat-ky-phat-2026-11.csv") && page.contains("href=\"/reports?period="))
            let (_, api) = try await get(client, "/api/city", as: "admin")
            let doc = compact(api)
            #expect(doc.contains("\"station\":\"xa\"") && doc.contains("\"urgent\":true") && doc.contains("\"thisWeek\":{\"state\":\"approved\",\"week\":\"\(this)\"}"))
            // Filters: not approved = xa only (khac's next week is planned? no: W48 is a draft for both).
            let (_, unapproved) = try await get(client, "/api/city?filter=chua-duyet", as: "city")
            #expect(unapproved.contains("\"xa\"") && unapproved.contains("\"khac\""))
            let (_, unplanned) = try await get(client, "/api/city?filter=chua-lap-lich", as: "city")
            #expect(unplanned.contains("\"xa\"") && !unplanned.contains("\"khac\""))
            #expect(try await get(client, "/api/city?filter=bogus", as: "city").0 == .badRequest)
            #expect(try await get(client, "/city?sort=bogus", as: "city").0 == .badRequest)
            // Methods the API does not describe are 405 with what is allowed (read from /openapi.json itself).
            try await client.execute(uri: "/api/city", method: .trace, headers: [.authorization: basic("city", TwoCommunes.password)]) {
                #expect($0.status == .methodNotAllowed && $0.headers[.allow] == "GET, HEAD")
            }
            try await client.execute(uri: "/api/stations/xa/station", method: .patch, headers: [.authorization: basic("city", TwoCommunes.password)]) {
                #expect($0.status == .methodNotAllowed)
            }
            try await client.execute(uri: "/api/stations/xa/library/tin/tin%20x%C3%A3.wav", method: .post, headers: [.authorization: basic("city", TwoCommunes.password)]) {
                #expect($0.status == .methodNotAllowed)
            }
            let (csvStatus, csv) = try await get(client, "/city.csv?sort=log", as: "city")
            let lines = csv.split(whereSeparator: \.isNewline)
            #expect(csvStatus == .ok && lines.count == 3 && lines[1].hasPrefix("xa,") && lines[2].contains("nhat-ky-phat-2026-11.csv"))
        }
    }
}
