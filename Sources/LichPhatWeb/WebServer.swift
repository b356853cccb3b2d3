public import Hummingbird
import HummingbirdTLS
import HummingbirdCore
import NIOSSL
import HummingbirdAuth
import Foundation
import LichPhatCore
import LichPhatFormats
import LichPhatText
public import LichPhatWorkspace

/// The commune office's web app: pages in Vietnamese (English with `?lang=en`) and a JSON API
/// described by `/openapi.json`, over the same workspace operations as the command line. Each
/// controller adds its routes; every decision is the workspace's.
public enum WebServer {
    /// The router with every page and API route.
    public static func router(site: Site) throws -> Router<WebContext> {
        let pages = try Pages(site: site)
        let router = Router(context: WebContext.self)
        router.add(middleware: SecurityHeaders(tls: site.tls))
        router.add(middleware: SameOrigin())
        router.add(middleware: APIGuard())
        router.add(middleware: LanguageMiddleware())
        router.add(middleware: SessionMiddleware(storage: site.sessions, configuration: .init(
            sessionCookieParameters: .init(name: "lichphat_session", path: "/", secure: site.tls, sameSite: .strict),
            defaultSessionExpiration: .seconds(12 * 3600))))
        router.add(middleware: FormToken())
        router.add(middleware: Authenticate(site: site))
        router.add(middleware: AudioFiles(site: site))
        LoginController.addRoutes(to: router, site: site, pages: pages)
        // Pages.
        router.get("/") { request, context -> Response in
            let flash = Flash.read(request)
            var response = try HTMLPage(await pages.overview(Viewer(request, context), flash: flash)).response(from: request, context: context)
            if flash != nil { response.setCookie(Flash.clear) }
            return response
        }
        LibraryController.addRoutes(to: router, site: site, pages: pages)
        WeekController.addRoutes(to: router, site: site, pages: pages)
        StationController.addRoutes(to: router, site: site, pages: pages)
        EntryController.addRoutes(to: router, site: site, pages: pages)
        ReportsController.addRoutes(to: router, site: site, pages: pages)
        CityController.addRoutes(to: router, site: site, pages: pages)
        AdminController.addRoutes(to: router, site: site, pages: pages)
        AdminAPI.addRoutes(to: router, site: site)
        DownloadsController.addRoutes(to: router, site: site, pages: pages)
        APIController.addRoutes(to: router, site: site)
        StationAPI.addRoutes(to: router, site: site)
        BulletinController.addRoutes(to: router, site: site, pages: pages)
        BulletinAPI.addRoutes(to: router, site: site)
        return router
    }

    /// The application: what `lichphat serve` runs on `host:port` (HTTPS with `tls`) and what the
    /// tests drive. Stops cleanly on Ctrl-C or SIGTERM, finishing requests in progress.
    public static func buildApplication(site: Site, host: String = "127.0.0.1", port: Int = 8080,
                                        tls: (certificate: String, key: String)? = nil) throws -> some ApplicationProtocol {
        var server: HTTPServerBuilder = .http1()
        if let tls {
            let chain = try NIOSSLCertificate.fromPEMFile(tls.certificate).map { NIOSSLCertificateSource.certificate($0) }
            let key = try NIOSSLPrivateKey(file: tls.key, format: .pem)
            server = try .tls(.http1(), tlsConfiguration: TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: NIOSSLPrivateKeySource.privateKey(key)))
        }
        return Application(router: try router(site: site), server: server,
                           configuration: .init(address: .hostname(host, port: port), serverName: "LichPhat"),
                           services: [site.sessions])
    }

    static func stationAndWeek(_ site: Site, _ context: WebContext, _ access: StationAccess) async throws -> (LoadedStation, ISOWeek) {
        let s = try await site.station(context, access)
        let text = try context.parameters.require("week")
        guard let w = ISOWeek(text), w.description == text else { throw WebError.notFound }
        return (s, w)
    }
}

/// A form of the pages: its fields and the browser's form token (``FormToken``).
protocol PostedForm: Decodable, Sendable { var csrf: String? { get } }
/// A form that changes a week: it carries the revision the page showed and the page's request key,
/// so a stale page is refused (409) and a form sent twice does its work once.
protocol WeekForm: PostedForm {
    var revision: String? { get }
    var request: String? { get }
}
extension WeekForm {
    func write(_ v: Viewer) -> WeekWrite {
        // A revision field that is there but garbled fails closed (409, "the week changed"), never unchecked.
        let expected: ExpectedRevision = revision.map { ExpectedRevision(token: $0) ?? .hash("unreadable") } ?? .unchecked
        return WeekWrite(Actor(by: v.account?.name ?? "", via: .web, role: v.account?.role), expected: expected, request: request)
    }
}
struct LibraryFileForm: PostedForm { var path: String; var csrf: String? }
struct RenameForm: PostedForm { var path: String; var name: String; var csrf: String? }
struct SpeakForm: PostedForm { var text: String; var name: String?; var folder: String?; var preview: String?; var csrf: String? }
struct ApproveForm: WeekForm { var by: String?; var csrf: String?; var revision: String?; var request: String? }
struct PlanForm: WeekForm { var allowShortfall: String?; var past: String?; var csrf: String?; var revision: String?; var request: String? }
struct AiringForm: WeekForm { var airing: String; var pinned: String?; var csrf: String?; var revision: String?; var request: String? }
struct AddForm: WeekForm { var slot: String; var item: String; var csrf: String?; var revision: String?; var request: String? }
struct RenderForm: PostedForm { var format: String?; var csrf: String? }
struct AmendForm: WeekForm { var item: String; var times: String?; var from: String?; var priority: String?; var csrf: String?; var revision: String?; var request: String? }

/// A message carried across a redirect in a one-time cookie (HttpOnly, SameSite=Strict).
enum Flash {
    static let name = "lichphat_flash"

    static func cookie(_ flash: (String, Bool)) -> Cookie {
        Cookie(name: name, value: (flash.1 ? "1" : "0") + encoded(flash.0), maxAge: 60, path: "/", httpOnly: true, sameSite: .strict)
    }

    /// The text percent-encoded in at most `limit` bytes (a cookie's room): a longer text is cut
    /// between characters and ends with "…" (cutting the encoded form could split a character's
    /// bytes, and the message would then not decode at all).
    static func encoded(_ text: String, limit: Int = 3500) -> String {
        func encode(_ t: String) -> String { t.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }
        var t = text, e = encode(t)
        while e.utf8.count > limit, !t.isEmpty {
            t = String(t.prefix(max(0, t.count * limit / e.utf8.count - 2))) + "…"
            e = encode(t)
        }
        return e
    }

    static var clear: Cookie { Cookie(name: name, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .strict) }

    static func read(_ request: Request) -> (String, Bool)? {
        guard let raw = request.cookies[name]?.value, let kind = raw.first, kind == "0" || kind == "1",
              let text = String(raw.dropFirst()).removingPercentEncoding, !text.isEmpty else { return nil }
        return (text, kind == "1")
    }
}

/// An HTML page with its status.
struct HTMLPage: ResponseGenerator {
    var html: String
    var status: HTTPResponse.Status
    init(_ html: String, status: HTTPResponse.Status = .ok) { self.html = html; self.status = status }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }
}

extension Pages {
    func failure(_ error: any Error, _ v: Viewer) -> HTMLPage {
        let lang = v.lang
        let web: WebError = (error as? WebError) ?? (error as? WorkspaceError).map { .workspace($0) }
            ?? ((error as? HTTPError).map { e in
                e.status == .notFound ? .notFound : .http(e.status.code, lang == .vi ? "Yêu cầu không hợp lệ (\(e.status.code)): \(e.body ?? e.status.reasonPhrase)." : "Bad request (\(e.status.code)): \(e.body ?? e.status.reasonPhrase).")
            } ?? .badRequest("\(error)"))
        return HTMLPage(self.error(web, v), status: .init(code: web.statusCode))
    }
}

