import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import LichPhatWeb
import LichPhatWorkspace
import LichPhatFormats
import TestSupport
import Synchronization

/// A clock the test moves by hand.
final class TestClock: Sendable {
    private let offset = Mutex(Duration.zero)
    private let start = ContinuousClock.now
    func advance(_ d: Duration) { offset.withLock { $0 += d } }
    var now: ContinuousClock.Instant { start + offset.withLock { $0 } }
}

/// A served station with two accounts: `an` (leader, "Nguyễn Văn An") and `lan` (operator).
struct ServedWithAccounts {
    let base = ServedStation()
    let store: AccountStore
    let clock = TestClock()
    let site: Site

    init() throws {
        store = try AccountStore(root: base.root, cost: 4)
        try store.add(name: "an", fullName: "Nguyễn Văn An", role: .leader, password: "leader-pass-1")
        try store.add(name: "lan", fullName: "Trần Thị Lan", role: .operator, password: "operator-pass")
        let clock = self.clock
        site = Site(root: base.root, workspace: base.site.workspace, accounts: store, throttle: LoginThrottle(now: { clock.now }))
    }

    func app() throws -> some ApplicationProtocol { try WebServer.buildApplication(site: site) }
}

/// A browser: keeps the cookies the server sets and sends them back.
final class Browser: @unchecked Sendable {
    var cookies: [String: String] = ["lichphat_form": formToken]
    let client: any TestClientProtocol
    init(_ client: any TestClientProtocol) { self.client = client }

    var cookieHeader: String { cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }

    func keep(_ response: TestResponse) {
        for line in response.headers[values: .setCookie] {
            let pair = line.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { continue }
            if line.contains("Max-Age=0") || line.contains("Expires=Thu, 01 Jan 1970") { cookies[String(pair[0])] = nil }
            else { cookies[String(pair[0])] = String(pair[1]) }
        }
    }

    func get(_ uri: String) async throws -> TestResponse {
        let r = try await client.execute(uri: uri, method: .get, headers: [.cookie: cookieHeader], body: nil)
        keep(r); return r
    }

    func post(_ uri: String, form: String, token: String? = formToken, follow: Bool = false) async throws -> TestResponse {
        let body = form + (token.map { (form.isEmpty ? "" : "&") + "csrf=" + $0 } ?? "")
        let r = try await client.execute(uri: uri, method: .post, headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookieHeader],
                                         body: ByteBuffer(string: body))
        keep(r)
        if follow, r.status == .seeOther, let location = r.headers[.location] { return try await get(location) }
        return r
    }
}

func basic(_ user: String, _ password: String) -> String {
    "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
}

@Suite("Web app: accounts, logins and form tokens")
struct AccountTests {
    @Test("With accounts, a page without a login goes to the login form and an API call gets 401 asking for HTTP Basic")
    func loginRequired() async throws {
        let s = try ServedWithAccounts(); defer { s.base.fx.remove() }
        try await s.app().test(.router) { client in
            try await client.execute(uri: "/stations/xa/library", method: .get) { r in
                #expect(r.status == .seeOther)
                #expect(r.headers[.location] == "/login?next=%2Fstations%2Fxa%2Flibrary")
            }
            try await client.execute(uri: "/api/stations", method: .get) { r in
                #expect(r.status == .unauthorized)
                #expect(r.headers[.wwwAuthenticate]?.hasPrefix("Basic realm=\"LichPhat\"") == true)
                #expect(String(buffer: r.body).contains("\"code\":\"unauthorized\""))
            }
            try await client.execute(uri: "/audio/xa/nhac-hieu.wav", method: .get) { #expect($0.status == .seeOther) }
            try await client.execute(uri: "/api/stations", method: .get, headers: [.authorization: basic("an", "leader-pass-1")]) { r in
                #expect(r.status == .ok)
                #expect(String(buffer: r.body).contains("\"id\":\"xa\""))
            }
            try await client.execute(uri: "/api/stations", method: .get, headers: [.authorization: basic("an", "wrong-pass")]) {
                #expect($0.status == .unauthorized)
            }
            let (page, html) = try await client.get("/login")
            #expect(page == .ok)
            #expect(html.contains("Tên đăng nhập") && html.contains("name=\"csrf\""))
        }
    }

    @Test("Logging in sets an HttpOnly, SameSite=Strict session; the pages then show who is in; logging out ends it; a removed account loses access")
    func session() async throws {
        let s = try ServedWithAccounts(); defer { s.base.fx.remove() }
        try await s.app().test(.router) { client in
            let b = Browser(client)
            let wrong = try await b.post("/login", form: "name=lan&password=nope-nope&next=%2F")
            #expect(wrong.status == .unauthorized)
            #expect(String(buffer: wrong.body).contains("Sai tên đăng nhập hoặc mật khẩu."))
            #expect(b.cookies["lichphat_session"] == nil)

            let ok = try await b.post("/login", form: "name=LAN&password=operator-pass&next=%2Fstations%2Fxa%2Flibrary")
            #expect(ok.status == .seeOther)
            #expect(ok.headers[.location] == "/stations/xa/library")
            let cookie = ok.headers[values: .setCookie].first { $0.hasPrefix("lichphat_session=") } ?? ""
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
            let page = try await b.get("/stations/xa/library")
            #expect(page.status == .ok)
            #expect(String(buffer: page.body).contains("Trần Thị Lan (vận hành)"))

            let out = try await b.post("/logout", form: "")
            #expect(out.status == .seeOther && out.headers[.location] == "/login")
            #expect(try await b.get("/").status == .seeOther)

            _ = try await b.post("/login", form: "name=lan&password=operator-pass")
            #expect(try await b.get("/").status == .ok)
            try s.store.remove(name: "lan")
            #expect(try await b.get("/").status == .seeOther)
        }
    }

    @Test("Only a leader approves: an operator is refused (403) on the page and in the API; a leader's approval carries the account's full name")
    func roles() async throws {
        let s = try ServedWithAccounts(); defer { s.base.fx.remove() }
        let approval = s.base.fx.path("Schedules/xa/2026-W48/approval.json")
        try await s.app().test(.router) { client in
            let op = Browser(client)
            _ = try await op.post("/login", form: "name=lan&password=operator-pass")
            #expect(try await op.post("/stations/xa/weeks/2026-W48/plan", form: "", follow: true).status == .ok)
            let page = String(buffer: try await op.get("/stations/xa/weeks/2026-W48").body)
            #expect(page.contains("Chỉ lãnh đạo duyệt lịch"))
            #expect(!page.contains("/weeks/2026-W48/approve\""))
            let refused = try await op.post("/stations/xa/weeks/2026-W48/approve", form: "by=Lan")
            #expect(refused.status == .forbidden)
            try await client.execute(uri: "/api/stations/xa/weeks/2026-W48/approve", method: .post,
                                     headers: [.authorization: basic("lan", "operator-pass"), .contentType: "application/json"],
                                     body: ByteBuffer(string: "{\"by\":\"Lan\"}")) { #expect($0.status == .forbidden) }
            #expect(!FileManager.default.fileExists(atPath: approval))

            // The leader: the typed name is not asked, and not taken.
            let leader = Browser(client)
            _ = try await leader.post("/login", form: "name=an&password=leader-pass-1")
            let form = String(buffer: try await leader.get("/stations/xa/weeks/2026-W48").body)
            #expect(form.contains("Duyệt lịch bản 1 (Nguyễn Văn An)") && !form.contains("name=\"by\""))
            let rev = WeekFolder.history(of: (approval as NSString).deletingLastPathComponent).current?.hash ?? ""
            let done = try await leader.post("/stations/xa/weeks/2026-W48/approve", form: "by=Someone%20Else&revision=\(rev)", follow: true)
            #expect(done.status == .ok)
            #expect(String(buffer: done.body).contains("Nguyễn Văn An duyệt bản 1"))
            #expect(WeekFolder.history(of: (approval as NSString).deletingLastPathComponent).current?.approved?.by == "Nguyễn Văn An")
        }
        let written = try String(contentsOfFile: approval, encoding: .utf8)
        #expect(written.contains("Nguyễn Văn An") && !written.contains("Someone"))
    }

    @Test("A login or logout form that does not decode (a lone %, a key like a[) is a 400 or 403 page, never an empty 500 (found by fuzz.py)")
    func malformedForms() async throws {
        let s = try ServedWithAccounts(); defer { s.base.fx.remove() }
        try await s.app().test(.router) { client in
            let b = Browser(client)
            for (uri, form) in [("/login", "name=%"), ("/login", "name[=1"), ("/logout", "x=%"), ("/logout", "csrf[=1")] {
                let r = try await b.post(uri, form: form, token: nil)
                #expect(r.status == .badRequest || r.status == .forbidden, "\(uri) \(form): \(r.status)")
                #expect(r.body.readableBytes > 0)
            }
        }
    }

    @Test("Repeated wrong passwords are slowed down (429 with Retry-After), by form and by HTTP Basic; the wait passes")
    func throttle() async throws {
        let s = try ServedWithAccounts(); defer { s.base.fx.remove() }
        try await s.app().test(.router) { client in
            let b = Browser(client)
            for _ in 0..<3 { #expect(try await b.post("/login", form: "name=an&password=guess-guess").status == .unauthorized) }
            let slowed = try await b.post("/login", form: "name=an&password=leader-pass-1")
            #expect(slowed.status == .tooManyRequests)
            #expect(slowed.headers[.retryAfter] == "2")
            try await client.execute(uri: "/api/stations", method: .get, headers: [.authorization: basic("an", "leader-pass-1")]) {
                #expect($0.status == .tooManyRequests)
            }
            // Another name is not held up.
            #expect(try await Browser(client).post("/login", form: "name=lan&password=operator-pass").status == .seeOther)
            s.clock.advance(.seconds(3))
            #expect(try await b.post("/login", form: "name=an&password=leader-pass-1").status == .seeOther)
        }
    }

    @Test("A form without this browser's token, or with another, is refused (403) and changes nothing; so is a login form")
    func formToken() async throws {
        let s = ServedStation(); defer { s.fx.remove() }
        let week = s.fx.path("Schedules/xa/2026-W48/schedule.json")
        try await s.app().test(.router) { client in
            let b = Browser(client)
            let none = try await b.post("/stations/xa/weeks/2026-W48/plan", form: "", token: nil)
            #expect(none.status == .forbidden)
            #expect(String(buffer: none.body).contains("thiếu mã bảo vệ"))
            let other = try await b.post("/stations/xa/weeks/2026-W48/plan", form: "", token: String(repeating: "X", count: 43))
            #expect(other.status == .forbidden)
            #expect(!FileManager.default.fileExists(atPath: week))
            // The page gives a new browser its token, and writes it into every form.
            try await client.execute(uri: "/stations/xa/weeks/2026-W48", method: .get) { r in
                let set = r.headers[values: .setCookie].first { $0.hasPrefix("lichphat_form=") } ?? ""
                let token = set.dropFirst("lichphat_form=".count).prefix { $0 != ";" }
                #expect(token.count == 43 && set.contains("HttpOnly") && set.contains("SameSite=Strict"))
                #expect(String(buffer: r.body).contains("name=\"csrf\" value=\"\(token)\""))
            }
            #expect(try await b.post("/stations/xa/weeks/2026-W48/plan", form: "").status == .seeOther)
        }
        let accounts = try ServedWithAccounts(); defer { accounts.base.fx.remove() }
        try await accounts.app().test(.router) { client in
            let r = try await Browser(client).post("/login", form: "name=an&password=leader-pass-1", token: nil)
            #expect(r.status == .forbidden)
        }
    }

    @Test("HTTP Basic: a password bcrypt accepted is remembered briefly, but a removed account, or one added again with another password, is not let in by it")
    func basicRemembered() async throws {
        let s = try ServedWithAccounts(); defer { s.base.fx.remove() }
        try await s.app().test(.router) { client in
            func status(_ password: String) async throws -> HTTPResponse.Status {
                try await client.execute(uri: "/api/stations", method: .get, headers: [.authorization: basic("an", password)]) { $0.status }
            }
            #expect(try await status("leader-pass-1") == .ok)
            #expect(try await status("leader-pass-1") == .ok)
            try s.store.remove(name: "an")
            #expect(try await status("leader-pass-1") == .unauthorized)
            try s.store.add(name: "an", fullName: "Nguyễn Văn An", role: .leader, password: "new-pass-22")
            #expect(try await status("leader-pass-1") == .unauthorized)
            #expect(try await status("new-pass-22") == .ok)
        }
    }

    @Test("Post/Redirect/Get: a week action done sends the browser back to the week with its message once; reloading does not do it again")
    func postRedirectGet() async throws {
        let s = ServedStation(); defer { s.fx.remove() }
        try await s.app().test(.router) { client in
            let b = Browser(client)
            let r = try await b.post("/stations/xa/weeks/2026-W48/plan", form: "")
            #expect(r.status == .seeOther && r.headers[.location] == "/stations/xa/weeks/2026-W48")
            let flash = r.headers[values: .setCookie].first { $0.hasPrefix("lichphat_flash=") } ?? ""
            #expect(flash.contains("HttpOnly") && flash.contains("SameSite=Strict"))
            let page = String(buffer: try await b.get("/stations/xa/weeks/2026-W48").body)
            #expect(page.contains("Đã lập lịch tuần 2026-W48"))
            #expect(b.cookies["lichphat_flash"] == nil)                          // shown once, then cleared
            let again = String(buffer: try await b.get("/stations/xa/weeks/2026-W48").body)
            #expect(!again.contains("Đã lập lịch tuần 2026-W48"))
        }
    }

    @Test("After logging in the browser goes back only to a page of this site")
    func nextIsLocal() async throws {
        let s = try ServedWithAccounts(); defer { s.base.fx.remove() }
        try await s.app().test(.router) { client in
            for next in ["%2F%2Fevil.example%2F", "https%3A%2F%2Fevil.example", "%2F%5Cevil.example"] {
                let r = try await Browser(client).post("/login", form: "name=an&password=leader-pass-1&next=\(next)")
                #expect(r.status == .seeOther && r.headers[.location] == "/")
            }
        }
    }
}

@Suite("Accounts store")
struct AccountStoreTests {
    @Test("Names are folded (case, NFC); bad names, short passwords and duplicates are refused; the file keeps only hashes, readable by its owner")
    func store() throws {
        let fx = Fixtures(); defer { fx.remove() }
        let store = try AccountStore(root: fx.path(""), cost: 4)
        #expect(store.isEmpty)
        try store.add(name: " Lan ", fullName: "Trần Thị Lan", role: .operator, password: "operator-pass")
        #expect(!store.isEmpty)
        #expect(store.verify(name: "LAN", password: "operator-pass")?.fullName == "Trần Thị Lan")
        #expect(store.verify(name: "lan", password: "operator-pasS") == nil)
        #expect(store.verify(name: "nobody", password: "operator-pass") == nil)
        #expect(throws: WorkspaceError.self) { try store.add(name: "lan", fullName: nil, role: .leader, password: "another-pass") }
        for bad in ["", "../x", "a b", "trần", String(repeating: "a", count: 65)] {
            #expect(throws: WorkspaceError.self) { try store.add(name: bad, fullName: nil, role: .leader, password: "long-enough") }
        }
        #expect(throws: WorkspaceError.self) { try store.add(name: "an", fullName: nil, role: .leader, password: "short") }
        #expect(throws: WorkspaceError.self) { try store.add(name: "an", fullName: nil, role: .leader, password: String(repeating: "ă", count: 40)) }
        #expect(throws: WorkspaceError.self) { try store.remove(name: "nobody") }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: AccountStore.path(root: fx.path(""))))
        #expect(bytes.range(of: Data("operator-pass".utf8)) == nil)
        let mode = try FileManager.default.attributesOfItem(atPath: AccountStore.path(root: fx.path("")))[.posixPermissions] as? Int
        #expect(mode == 0o600)
        try store.remove(name: "Lan")
        #expect(store.isEmpty)
    }
}
