import Foundation
import Hummingbird
import HTTPTypes
import LichPhatCore
import LichPhatWorkspace

extension Request {
    /// `?lang=en` or `?lang=vi`, else the `lang` cookie, else Vietnamese.
    var language: Language {
        if let q = uri.queryParameters.get("lang"), let l = Language(rawValue: q) { return l }
        if let c = cookies["lang"]?.value, let l = Language(rawValue: c) { return l }
        return .vi
    }
}

/// Remembers a `?lang=` choice in a cookie, so every following page keeps the language.
struct LanguageMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        if let q = request.uri.queryParameters.get("lang"), Language(rawValue: q) != nil {
            response.setCookie(Cookie(name: "lang", value: q, path: "/", sameSite: .lax))
        }
        return response
    }
}

/// `/audio/<station id>/<path in its audio folder>`: the station's audio, with HTTP range
/// requests (so a browser's player can seek), never outside the folder.
struct AudioFiles: RouterMiddleware {
    typealias Context = WebContext
    let site: Site

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard path.hasPrefix("/audio/"), request.method == .get || request.method == .head else { return try await next(request, context) }
        let id = path.dropFirst("/audio/".count).prefix { $0 != "/" }
        guard let station = try? await site.station(context, .read, id: String(id)) else { throw HTTPError(.notFound) }
        // Only a file inside the station's audio folder, its links resolved: a link out is never served.
        let rest = String(path.dropFirst("/audio/".count + id.count))
        guard let decoded = rest.removingPercentEncoding, !decoded.contains("\0") else { throw HTTPError(.badRequest) }
        // Only audio (and a notice's text), never a hidden name, only a regular file inside the folder.
        let parts = decoded.split(separator: "/")
        let ext = (decoded as NSString).pathExtension.lowercased()
        guard !parts.contains(where: { $0.hasPrefix(".") }), ["mp3", "wav", "ogg", "oga", "flac", "txt"].contains(ext),
              Workspace.inside(station.audioFolder + decoded, station.audioFolder),
              Workspace.isRegularFile(station.audioFolder + decoded, followingLinks: true) else { throw HTTPError(.notFound) }
        let files = FileMiddleware<Context, LocalFileSystem>(station.audioFolder, urlBasePath: "/audio/\(id)", searchForIndexHtml: false)
        return try await files.handle(request, context: context) { _, _ in throw HTTPError(.notFound) }
    }
}

/// The API's own rules before any route: an unknown `lang` is a bad request (400), and a method
/// a path does not take is 405 with the methods it does take, as its OpenAPI document says.
struct APIShape: Sendable {
    var parts: [String?]
    var rest: Bool
    var methods: [HTTPRequest.Method]

    /// Path shapes and their methods, read from `/openapi.json` itself (the one description of
    /// the API): `{station}` is any one segment, a last `{path}` one or more.
    static let all: [APIShape] = {
        guard let doc = try? JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json.utf8)) as? [String: Any],
              let paths = doc["paths"] as? [String: [String: Any]] else { return [] }
        return paths.map { path, item in
            var parts: [String?] = path.split(separator: "/").map { $0.hasPrefix("{") ? nil : String($0) }
            let rest = path.hasSuffix("/{path}")
            if rest { parts.removeLast() }
            var methods = item.keys.compactMap { k -> HTTPRequest.Method? in
                ["get": .get, "post": .post, "put": .put, "delete": .delete, "patch": .patch][k]
            }
            if methods.contains(.get) { methods.append(.head) }
            return APIShape(parts: parts, rest: rest, methods: methods)
        }
    }()
}

struct APIGuard<Context: RequestContext>: RouterMiddleware {
    static var routes: [APIShape] { APIShape.all }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let parts = request.uri.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard parts.first == "api" || parts == ["openapi.json"] else { return try await next(request, context) }
        if let lang = request.uri.queryParameters.get("lang"), Language(rawValue: lang) == nil {
            return APIController.error("bad-request", "lang must be vi or en / lang phải là vi hoặc en", .badRequest)
        }
        // The most specific shape first (a fixed segment beats a parameter).
        let matching = Self.routes.filter { r in
            (r.rest ? parts.count > r.parts.count : parts.count == r.parts.count) && zip(r.parts, parts).allSatisfy { $0 == nil || $0 == $1 }
        }.sorted { $0.parts.filter { $0 != nil }.count > $1.parts.filter { $0 != nil }.count }
        if let route = matching.first, !matching.contains(where: { $0.methods.contains(request.method) }) {
            var response = APIController.error("method-not-allowed", "\(request.method) is not allowed here", .methodNotAllowed)
            response.headers[.allow] = route.methods.map(\.rawValue).joined(separator: ", ")
            return response
        }
        return try await next(request, context)
    }

}

/// Another web site's page must not be able to plan, upload or approve through the operator's
/// browser (a form posted to 127.0.0.1): a request that changes anything must come from a page
/// of this server. Browsers send `Origin` on such requests; when it names another host the
/// request is refused (403).
struct SameOrigin<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method != .get, request.method != .head, let origin = request.headers[.origin] else {
            return try await next(request, context)
        }
        let from = origin.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first.map(String.init) ?? ""
        let allowed: Bool
        if let host = request.head.authority { allowed = from == host }
        else { allowed = ["127.0.0.1", "localhost", "[::1]"].contains { from == $0 || from.hasPrefix($0 + ":") } }
        guard origin != "null", allowed else {
            return APIController.error("forbidden", "Yêu cầu từ trang khác bị từ chối. / A request from another site was refused.", .forbidden)
        }
        return try await next(request, context)
    }
}

/// Headers that keep the pages from being framed by another site (a page on another port of the
/// same host could otherwise put the approve button under a visitor's click), sniffed as another
/// type, or telling other sites where the visitor came from.
struct SecurityHeaders<Context: RequestContext>: RouterMiddleware {
    /// Served over TLS: every cookie is `Secure` and browsers are told to keep to HTTPS.
    var tls = false

    static var fields: [(HTTPField.Name, String)] { [
        // Only the app's own pages may frame it (the report page shows the report in a frame); a page
        // on another port of the same host is another origin and may not.
        (HTTPField.Name("X-Frame-Options")!, "SAMEORIGIN"),
        (HTTPField.Name("Content-Security-Policy")!, "frame-ancestors 'self'; base-uri 'none'; form-action 'self'; object-src 'none'"),
        (HTTPField.Name("X-Content-Type-Options")!, "nosniff"),
        (HTTPField.Name("Referrer-Policy")!, "same-origin"),
    ] }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            var response = try await next(request, context)
            for (name, value) in Self.fields where response.headers[name] == nil { response.headers[name] = value }
            if tls {
                let cookies = response.headers[values: .setCookie]
                if !cookies.isEmpty {
                    response.headers[values: .setCookie] = cookies.map { $0.lowercased().contains("; secure") ? $0 : $0 + "; Secure" }
                }
                response.headers[HTTPField.Name("Strict-Transport-Security")!] = "max-age=31536000"
            }
            return response
        } catch let error as HTTPError {
            var headers = error.headers
            for (name, value) in Self.fields { headers[name] = value }
            throw HTTPError(error.status, headers: headers, message: error.body ?? error.status.reasonPhrase)
        }
    }
}
