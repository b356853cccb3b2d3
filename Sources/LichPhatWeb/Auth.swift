import Crypto
import Foundation
public import Hummingbird
public import HummingbirdAuth
import LichPhatCore
public import LichPhatWorkspace

/// What the session cookie keeps: who logged in. The account is read again on every request,
/// so a removed account loses access at once.
public struct WebSession: Codable, Sendable {
    var name: String
    /// The account's password hash when the session began (a prefix of it): an account removed
    /// and added again, or whose password was reset, does not inherit the old sessions.
    var hash: String?
}

/// The request context of every route: the logged-in account (nil without accounts), its
/// session, and the form token of this browser.
public struct WebContext: AuthRequestContext, SessionRequestContext, RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: Account?
    public let sessions: SessionContext<WebSession>
    /// The token every form of this browser carries (see ``FormToken``).
    public var formToken = ""
    /// Whether the site has accounts (then every request needs a login).
    public var accountsExist = false

    /// The client's address (without its port), for throttling logins per client.
    public var clientAddress: String

    public init(source: Source) {
        coreContext = .init(source: source)
        sessions = .init()
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "-"
    }
}

/// Who is looking at a page: their language, their form token, their account.
struct Viewer: Sendable {
    var lang: Language
    var formToken: String
    var account: Account?
    var accountsExist: Bool

    init(_ request: Request, _ context: WebContext) {
        lang = request.language
        formToken = context.formToken
        account = context.identity
        accountsExist = context.accountsExist
    }

    init(lang: Language) { self.lang = lang; formToken = ""; account = nil; accountsExist = false }

    /// Whether this viewer may approve: any viewer without accounts (the name is typed), a leader with them.
    var mayApprove: Bool { !accountsExist || account?.role == .leader }
}

/// Forms carry a token that another site cannot know: the value of this browser's own
/// `lichphat_form` cookie (HttpOnly, SameSite=Strict), written into every form as a hidden
/// field. A form posted without it, or with another, is refused (403). The check is made by
/// each form's handler, which reads the body anyway.
struct FormToken: RouterMiddleware {
    typealias Context = WebContext
    static let cookie = "lichphat_form"
    static let field = "csrf"

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var context = context
        if let existing = request.cookies[Self.cookie]?.value, Self.wellFormed(existing) {
            context.formToken = existing
            return try await next(request, context)
        }
        context.formToken = Self.make()
        var response = try await next(request, context)
        response.setCookie(Cookie(name: Self.cookie, value: context.formToken, path: "/", httpOnly: true, sameSite: .strict))
        return response
    }

    static func make() -> String {
        Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func wellFormed(_ s: String) -> Bool {
        s.utf8.count == 43 && s.utf8.allSatisfy { c in
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2D || c == 0x5F
        }
    }

    /// Whether a posted form's token is this browser's (compared in constant time).
    static func valid(_ posted: String?, _ request: Request) -> Bool {
        guard let posted, let cookie = request.cookies[cookie]?.value, wellFormed(cookie) else { return false }
        let a = Array(posted.utf8), b = Array(cookie.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// Slows down guessing: after three wrong passwords for a name, each further try must wait
/// (2 s, 4 s, 8 s … up to 5 minutes) after the last failure; a right password clears the count.
public actor LoginThrottle {
    struct Record { var failures: Int; var last: ContinuousClock.Instant }
    /// Failures of one client with one name: that client waits, longer after each.
    private var pairs: [String: Record] = [:]
    /// Failures of a name from any client: past ``nameLimit`` the name waits, but only for
    /// clients that have been failing themselves (a locked-out leader still logs in from her desk).
    private var names: [String: Record] = [:]
    /// Failures of a client with any name.
    private var clients: [String: Record] = [:]
    private let free = 3
    private let nameLimit = 20
    /// How many entries each table keeps: the coldest are forgotten first, never a hot name.
    private let capacity: Int
    private let now: @Sendable () -> ContinuousClock.Instant

    public init(capacity: Int = 10_000, now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }) {
        self.capacity = capacity
        self.now = now
    }

    private func delay(_ r: Record?, after free: Int) -> Int {
        guard let r, r.failures >= free else { return 0 }
        let wait = Duration.seconds(min(300, 1 << min(r.failures - free + 1, 9)))
        let left = r.last + wait - now()
        return left > .zero ? Int((left / .seconds(1)).rounded(.up)) : 0
    }

    /// Seconds `client` must wait before trying `name` again (0: now).
    func wait(_ name: String, client: String) -> Int {
        let k = key(name)
        let own = delay(pairs[client + "\u{0}" + k], after: free)
        if own > 0 { return own }
        // The name is under attack from many clients: only a client that has been failing waits.
        guard (clients[client]?.failures ?? 0) > 0 else { return 0 }
        return delay(names[k], after: nameLimit)
    }

    func failed(_ name: String, client: String) {
        let k = key(name), t = now()
        func bump(_ table: inout [String: Record], _ key: String) {
            table[key] = Record(failures: (table[key]?.failures ?? 0) + 1, last: t)
            if table.count > capacity { forgetColdest(&table) }
        }
        bump(&pairs, client + "\u{0}" + k)
        bump(&names, k)
        bump(&clients, client)
    }

    func succeeded(_ name: String, client: String) {
        pairs[client + "\u{0}" + key(name)] = nil
        clients[client] = nil
    }

    /// Keeps memory bounded: drops the tenth of the table with the fewest, oldest failures, so
    /// throwaway names cannot push a name under attack out (the old table was emptied whole).
    private func forgetColdest(_ table: inout [String: Record]) {
        let drop = max(1, table.count / 10)
        let coldest = table.sorted { ($0.value.failures, $0.value.last) < ($1.value.failures, $1.value.last) }.prefix(drop).map(\.key)
        for k in coldest { table[k] = nil }
    }

    /// How many entries are kept (for tests: memory stays bounded).
    var size: (pairs: Int, names: Int, clients: Int) { (pairs.count, names.count, clients.count) }

    private func key(_ name: String) -> String { AccountStore.normalized(name) }
}

/// Name and password pairs bcrypt accepted in the last minutes, so a script's every call does
/// not pay bcrypt's cost again. Only a digest of the password is kept, with the account's
/// stored hash then: an account removed, or added again, is not let in by it.
public actor VerifiedCredentials {
    private var entries: [String: (hash: String, until: ContinuousClock.Instant)] = [:]
    private let keep: Duration

    public init(keep: Duration = .seconds(300)) { self.keep = keep }

    private func key(_ name: String, _ password: String) -> String {
        let digest = SHA256.hash(data: Data((AccountStore.normalized(name) + "\u{0}" + password).utf8))
        return digest.map { String(format: "%02x", $0) }.joined()
    }

    /// The account's stored hash when this pair was accepted against it, recently.
    func hash(name: String, password: String) -> String? {
        let k = key(name, password)
        guard let e = entries[k] else { return nil }
        if e.until < .now { entries[k] = nil; return nil }
        return e.hash
    }

    func remember(_ name: String, hash: String, password: String) {
        if entries.count > 1_000 { entries = entries.filter { $0.value.until > .now } }
        entries[key(name, password)] = (hash, .now + keep)
    }
}

/// Who is asking: with accounts, a session cookie (pages) or HTTP Basic (scripts); without a
/// login, a page goes to the login form and an API call gets 401. Without accounts the app is
/// single-user (this computer only) and asks nothing.
struct Authenticate: RouterMiddleware {
    typealias Context = WebContext
    let site: Site

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        guard let store = site.accounts, !store.isEmpty else { return try await next(request, context) }
        var context = context
        context.accountsExist = true
        let path = request.uri.path
        let api = path.hasPrefix("/api/") || path == "/openapi.json"
        if let session = context.sessions.session {
            // A removed or disabled account's session ends at once.
            if let account = store.account(named: session.name), !account.disabled,
               session.hash == nil || session.hash == store.passwordHash(named: account.name).map({ String($0.suffix(16)) }) {
                context.identity = account
            } else { context.sessions.clearSession() }
        }
        if context.identity == nil, let basic = request.headers.basic {
            let client = context.clientAddress
            let wait = await site.throttle.wait(basic.username, client: client)
            if wait > 0 { return Self.tooMany(wait, request) }
            let (name, password) = (basic.username, basic.password)
            if let hash = await site.verified.hash(name: name, password: password), hash == store.passwordHash(named: name),
               let account = store.account(named: name), !account.disabled {
                context.identity = account        // checked with bcrypt a moment ago: a script's calls stay quick
            } else if let account = await offload({ store.verify(name: name, password: password) }) {
                await site.throttle.succeeded(name, client: client)
                if let hash = store.passwordHash(named: account.name) { await site.verified.remember(account.name, hash: hash, password: password) }
                context.identity = account
            } else {
                await site.throttle.failed(name, client: client)
                return Self.unauthorized(request)
            }
        }
        // The login form, and the API's description (no data in it), are open to all.
        if context.identity == nil, !(path == "/login" || path == "/logout" || path == "/openapi.json") {
            if api { return Self.unauthorized(request) }
            let next = request.method == .get ? request.uri.description : "/"
            return Response(status: .seeOther, headers: [.location: "/login?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")])
        }
        // A password the administrator set is changed before anything else is done.
        if let account = context.identity, account.mustChangePassword, !(path == "/password" || path == "/logout" || path == "/login") {
            if api {
                return APIController.error("password-change-required", request.language == .vi
                    ? "Mật khẩu của tài khoản này do quản trị đặt: đổi mật khẩu ở trang /password trước." : "This account's password was set by the administrator: change it at /password first.", .forbidden)
            }
            return Response(status: .seeOther, headers: [.location: "/password"])
        }
        return try await next(request, context)
    }

    static func unauthorized(_ request: Request) -> Response {
        let vi = request.language == .vi
        var response = APIController.error("unauthorized", vi ? "Cần đăng nhập: tên và mật khẩu (HTTP Basic) hoặc phiên đăng nhập của trang."
                                                     : "A login is needed: name and password (HTTP Basic) or the pages' login session.", .unauthorized)
        response.headers[.wwwAuthenticate] = "Basic realm=\"LichPhat\", charset=\"UTF-8\""
        return response
    }

    static func tooMany(_ seconds: Int, _ request: Request) -> Response {
        let vi = request.language == .vi
        var response = APIController.error("too-many-attempts", vi ? "Đăng nhập sai nhiều lần: chờ \(seconds) giây rồi thử lại."
                                                          : "Too many wrong logins: wait \(seconds) s and try again.", .tooManyRequests)
        response.headers[.retryAfter] = String(seconds)
        return response
    }

    /// Where to go after logging in: a path of this site only (never `//other.host`).
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\"),
              !next.unicodeScalars.contains(where: { $0.value < 0x20 }) else { return "/" }
        return next
    }
}

struct LoginForm: Decodable, Sendable { var name: String?; var password: String?; var csrf: String?; var next: String? }
struct TokenForm: Decodable, Sendable { var csrf: String? }

/// `/login` (the form, and posting it) and `/logout`.
enum LoginController {
    static func addRoutes(to router: Router<WebContext>, site: Site, pages: Pages) {
        router.get("/login") { request, context -> Response in
            let v = Viewer(request, context)
            if !context.accountsExist { return Response(status: .seeOther, headers: [.location: "/"]) }
            let next: String? = request.uri.queryParameters.get("next").map { String($0) }
            return try HTMLPage(pages.login(v, next: Authenticate.safeNext(next)))
                .response(from: request, context: context)
        }
        router.post("/login") { request, context -> Response in
            let v = Viewer(request, context)
            guard context.accountsExist, let store = site.accounts else { return Response(status: .seeOther, headers: [.location: "/"]) }
            // A form that does not decode is a bad request, never a 500.
            guard let form = try? await URLEncodedFormDecoder().decode(LoginForm.self, from: request, context: context) else {
                return try HTMLPage(pages.login(v, next: "/", message: v.lang == .vi ? "Biểu mẫu đăng nhập không hợp lệ: tải lại trang rồi thử lại." : "The login form is not valid: reload the page and try again."),
                                    status: .badRequest).response(from: request, context: context)
            }
            let next = Authenticate.safeNext(form.next)
            func again(_ message: String, _ status: HTTPResponse.Status) throws -> Response {
                try HTMLPage(pages.login(v, next: next, message: message, name: form.name ?? ""), status: status).response(from: request, context: context)
            }
            guard FormToken.valid(form.csrf, request) else { return try again(pages.staleForm(v.lang), .forbidden) }
            let name = form.name ?? "", password = form.password ?? ""
            let client = context.clientAddress
            let wait = await site.throttle.wait(name, client: client)
            if wait > 0 {
                var response = try again(v.lang == .vi ? "Đăng nhập sai nhiều lần: chờ \(wait) giây rồi thử lại." : "Too many wrong logins: wait \(wait) s and try again.", .tooManyRequests)
                response.headers[.retryAfter] = String(wait)
                return response
            }
            guard let account = await offload({ store.verify(name: name, password: password) }) else {
                await site.throttle.failed(name, client: client)
                return try again(v.lang == .vi ? "Sai tên đăng nhập hoặc mật khẩu." : "Wrong name or password.", .unauthorized)
            }
            await site.throttle.succeeded(name, client: client)
            context.sessions.createSession(WebSession(name: account.name, hash: store.passwordHash(named: account.name).map { String($0.suffix(16)) }))
            return Response(status: .seeOther, headers: [.location: next])
        }
        router.post("/logout") { request, context -> Response in
            let form = (try? await URLEncodedFormDecoder().decode(TokenForm.self, from: request, context: context)) ?? TokenForm(csrf: nil)
            guard FormToken.valid(form.csrf, request) else {
                return try HTMLPage(pages.error(.http(403, pages.staleForm(request.language)), Viewer(request, context)), status: .forbidden)
                    .response(from: request, context: context)
            }
            context.sessions.clearSession()
            return Response(status: .seeOther, headers: [.location: context.accountsExist ? "/login" : "/"])
        }
    }
}
