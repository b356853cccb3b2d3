import Hummingbird
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
struct AudioFiles<Context: RequestContext>: RouterMiddleware {
    let site: Site

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard path.hasPrefix("/audio/"), request.method == .get || request.method == .head else { return try await next(request, context) }
        let id = path.dropFirst("/audio/".count).prefix { $0 != "/" }
        guard let station = try? await site.station(String(id)) else { throw HTTPError(.notFound) }
        let files = FileMiddleware<Context, LocalFileSystem>(station.audioFolder, urlBasePath: "/audio/\(id)", searchForIndexHtml: false)
        return try await files.handle(request, context: context) { _, _ in throw HTTPError(.notFound) }
    }
}
