import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import LichPhatCore
import LichPhatFormats
@testable import LichPhatWeb
import LichPhatWorkspace
import TestSupport

@Suite("Quản trị: accounts and stations from the browser")
struct AdminWebTests {
    @Test("The administrator adds an operator for one commune (a temporary password, changed at the first login before anything else), assigns stations, disables, removes, adds a station; each act is in the log; nobody else reaches /admin")
    func administer() async throws {
        let t = try TwoCommunes(); defer { t.base.fx.remove() }
        try await t.app().test(.router) { client in
            let admin = Browser(client)
            _ = try await admin.post("/login", form: "name=admin&password=\(TwoCommunes.password)&next=%2F")
            let page = try await admin.get("/admin")
            #expect(page.status == .ok && String(buffer: page.body).contains("data-account=\"op-xa\""))
            for user in ["op-xa", "city", "ld-khac"] {
                try await client.execute(uri: "/admin", method: .get, headers: [.authorization: basic(user, TwoCommunes.password)]) { #expect($0.status == .forbidden) }
            }
            // Add: a short temporary password is refused and said; a good one works.
            let short = try await admin.post("/admin/accounts", form: "name=hoa&fullName=L%C3%AA%20Th%E1%BB%8B%20Hoa&role=operator&station=khac&password=ngan")
            #expect(short.status == .unprocessableContent && String(buffer: short.body).contains("Mật khẩu cần từ 8 ký tự"))
            let added = try await admin.post("/admin/accounts", form: "name=hoa&fullName=L%C3%AA%20Th%E1%BB%8B%20Hoa&role=operator&station=khac&password=tam-thoi-123", follow: true)
            #expect(String(buffer: added.body).contains("Đã lưu. hoa") && t.store.account(named: "hoa")?.stations == ["khac"])
            // Hoa's first login: every page sends her to /password until she sets her own.
            let hoa = Browser(client)
            _ = try await hoa.post("/login", form: "name=hoa&password=tam-thoi-123&next=%2F")
            let forced = try await hoa.get("/stations/khac/library")
            #expect(forced.status == .seeOther && forced.headers[.location] == "/password")
            try await client.execute(uri: "/api/stations", method: .get, headers: [.authorization: basic("hoa", "tam-thoi-123")]) { #expect($0.status == .forbidden) }
            let differ = try await hoa.post("/password", form: "current=tam-thoi-123&new=mat-khau-cua-hoa&again=khac-nhau-1")
            #expect(differ.status == .unprocessableContent)
            let changed = try await hoa.post("/password", form: "current=tam-thoi-123&new=mat-khau-cua-hoa&again=mat-khau-cua-hoa", follow: true)
            #expect(String(buffer: changed.body).contains("Đã đổi mật khẩu."))
            #expect(try await hoa.get("/stations/khac/library").status == .ok)
            #expect(try await hoa.get("/stations/xa/library").status == .notFound)
            // Assign xa too; no box ticked is no station (never every one); "every station" is a box of its own.
            _ = try await admin.post("/admin/accounts/hoa/stations", form: "station=khac&station=xa")
            #expect(try await hoa.get("/stations/xa/library").status == .ok)
            _ = try await admin.post("/admin/accounts/hoa/stations", form: "")
            let noneLeft = try await hoa.get("/stations/khac/library").status
            #expect(t.store.account(named: "hoa")?.stations == [] && noneLeft == .notFound)
            _ = try await admin.post("/admin/accounts/hoa/stations", form: "station=%2A")
            #expect(t.store.account(named: "hoa")?.stations == nil)
            // Her own password is changed at /password, never reset by herself.
            let selfReset = try await admin.post("/admin/accounts/admin/reset", form: "password=khac-hoan-toan-1")
            #expect(selfReset.status == .conflict && t.store.verify(name: "admin", password: TwoCommunes.password) != nil)
            // Disable; the administrator cannot disable herself.
            _ = try await admin.post("/admin/accounts/hoa/disable", form: "")
            #expect(try await hoa.get("/stations/xa/library").status == .seeOther)
            let selfDisable = try await admin.post("/admin/accounts/admin/disable", form: "")
            #expect(selfDisable.status == .conflict && t.store.account(named: "admin")?.disabled == false)
            _ = try await admin.post("/admin/accounts/hoa/remove", form: "")
            #expect(t.store.account(named: "hoa") == nil)
            // A session belongs to the account it began with: the name added again (another person, another
            // password) is not logged in by the old browser.
            let op = Browser(client)
            _ = try await op.post("/login", form: "name=op-xa&password=\(TwoCommunes.password)&next=%2F")
            #expect(try await op.get("/stations/xa/library").status == .ok)
            try t.store.remove(name: "op-xa")
            try t.store.add(name: "op-xa", fullName: "Người khác", role: .operator, password: "nguoi-khac-123", stations: ["xa"])
            #expect(try await op.get("/stations/xa/library").status == .seeOther)
            // A station from the form: a file the command line reads, and it is listed at once.
            let station = try await admin.post("/admin/stations", form: "id=an-lao&name=%C4%90%C3%A0i%20x%C3%A3%20An%20L%C3%A3o&timezone=Asia%2FHo_Chi_Minh&morning.start=06%3A00&morning.length=15m&afternoon.start=17%3A00&afternoon.length=20m", follow: true)
            #expect(String(buffer: station.body).contains("an-lao.yaml"))
            #expect(try t.site.workspace.loadStation(t.base.fx.path("Schedules/an-lao.yaml")).station.name == "Đài xã An Lão")
            let badTZ = try await admin.post("/admin/stations", form: "id=x&name=X&timezone=Mars%2FX&morning.start=06%3A00&morning.length=15m")
            #expect(badTZ.status == .unprocessableContent && String(buffer: badTZ.body).contains("Múi giờ"))
            // Without the form's token nothing is done.
            let stale = try await admin.post("/admin/accounts", form: "name=x&role=city&password=long-enough-1", token: nil)
            #expect(stale.status == .forbidden && t.store.account(named: "x") == nil)
            let log = try await admin.get("/admin/log")
            let text = String(buffer: log.body)
            for what in ["thêm tài khoản", "tự đổi mật khẩu", "giao đài", "khoá tài khoản", "xoá tài khoản", "thêm đài"] {
                #expect(text.contains(what), "the log says “\(what)”")
            }
        }
    }
}

@Suite("API: administration")
struct AdminAPITests {
    func send(_ client: some TestClientProtocol, _ uri: String, _ method: HTTPRequest.Method, as user: String, json: String = "") async throws -> (HTTPResponse.Status, String) {
        try await client.execute(uri: uri, method: method, headers: [.authorization: basic(user, TwoCommunes.password), .contentType: "application/json"],
                                 body: ByteBuffer(string: json)) { ($0.status, String(buffer: $0.body)) }
    }

    @Test("Accounts and stations through the API, by an administrator only; the same checks and the same log as the page")
    func administer() async throws {
        let t = try TwoCommunes(); defer { t.base.fx.remove() }
        try await t.app().test(.router) { client in
            #expect(try await send(client, "/api/admin/accounts", .get, as: "city").0 == .forbidden)
            let (listed, list) = try await send(client, "/api/admin/accounts", .get, as: "admin")
            #expect(listed == .ok && compact(list).contains("{\"created\":") && list.contains("\"op-xa\""))
            let (added, body) = try await send(client, "/api/admin/accounts", .post, as: "admin",
                                               json: #"{"name": "hoa", "role": "leader", "password": "tam-thoi-123", "stations": ["khac"]}"#)
            #expect(added == .created && compact(body).contains("\"mustChangePassword\":true") && compact(body).contains("\"stations\":[\"khac\"]"))
            #expect(try await send(client, "/api/admin/accounts", .post, as: "admin", json: #"{"name": "hoa", "role": "leader", "password": "tam-thoi-123"}"#).0 == .conflict)
            #expect(try await send(client, "/api/admin/accounts", .post, as: "admin", json: #"{"name": "x", "role": "boss", "password": "tam-thoi-123"}"#).0 == .unprocessableContent)
            let (patched, p) = try await send(client, "/api/admin/accounts/hoa", .patch, as: "admin", json: #"{"allStations": true, "disabled": true}"#)
            #expect(patched == .ok && compact(p).contains("\"disabled\":true") && compact(p).contains("\"stations\":null"))
            #expect(try await send(client, "/api/admin/accounts/admin", .delete, as: "admin").0 == .conflict)
            #expect(try await send(client, "/api/admin/accounts/nobody", .delete, as: "admin").0 == .notFound)
            #expect(try await send(client, "/api/admin/accounts/hoa", .delete, as: "admin").0 == .noContent)
            let (station, s) = try await send(client, "/api/admin/stations", .post, as: "admin", json: #"{"id": "an-lao", "name": "Đài xã An Lão", "morning": {"start": "05:30", "length": "30m"}}"#)
            #expect(station == .created && s.contains("an-lao.yaml"))
            let (bad, b) = try await send(client, "/api/admin/stations", .post, as: "admin", json: #"{"id": "an-lao", "name": "Lại"}"#)
            #expect(bad == .unprocessableContent && compact(b).contains("\"field\":\"id\""))
            let (_, log) = try await send(client, "/api/admin/log", .get, as: "admin")
            #expect(log.contains("\"add-station\"") && log.contains("\"remove-account\"") && log.contains("\"disable-account\""))
        }
    }
}
