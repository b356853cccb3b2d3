import Foundation
import Hummingbird
import HTTPTypes
import LichPhatCore
import LichPhatFormats
import LichPhatWorkspace

/// Bulletins through the API, the same workspace operations as the page and `lichphat bulletin`:
/// `GET/POST …/bulletins` (JSON, or a CAP 1.2 message as `application/cap+xml`),
/// `DELETE …/bulletins/{bulletin}` (cancel), `POST …/bulletins/{bulletin}/place`, `GET …/on-air`.
enum BulletinAPI {
    struct Body: Decodable, Sendable {
        var level: String
        var text: String?
        var title: String?
        var times: Int?
        var every: String?
        var until: String?
        var from: String?
    }
    struct Place: Decodable, Sendable { var date: String; var session: String }

    static func encoded<T: Encodable>(_ value: T) -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? e.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }

    /// A bulletin as the API gives it: its record, and each time it aired.
    struct Shown: Encodable {
        var bulletin: Bulletin
        var aired: [Aired]
        struct Aired: Encodable { var start: String; var played: Double? }
        func encode(to encoder: any Encoder) throws {
            try bulletin.encode(to: encoder)
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(aired, forKey: .aired)
        }
        enum Key: String, CodingKey { case aired }
    }

    static func shown(_ b: Bulletin, _ aired: [BulletinAiring], _ clock: StationClock) -> Shown {
        Shown(bulletin: b, aired: aired.map { Shown.Aired(start: clock.iso($0.start), played: $0.played.map { Double($0) / 1000 }) })
    }

    static func actor(_ context: WebContext) -> Actor { Actor(by: context.identity?.name ?? "", via: .api, role: context.identity?.role) }

    static func addRoutes(to router: Router<WebContext>, site: Site) {
        router.get("/api/stations/:id/bulletins") { request, context -> Response in
            do {
                let s = try await site.station(context, .read)
                let aired = site.workspace.bulletinAirings(s)
                let list = site.workspace.bulletins(s).map { shown($0, aired[$0.id] ?? [], s.clock) }
                return APIController.json("{\"bulletins\":" + encoded(list) + "}")
            } catch { return APIController.failure(error, request) }
        }
        router.post("/api/stations/:id/bulletins") { request, context -> Response in
            do {
                let s = try await site.station(context, .change)
                let ws = site.workspace, who = actor(context)
                let type = request.headers[.contentType]?.lowercased() ?? ""
                if type.hasPrefix("application/cap+xml") {
                    var r = request
                    let buffer: ByteBuffer
                    do { buffer = try await r.collectBody(upTo: 4_000_000) } catch {
                        throw WebError.http(413, request.language == .vi ? "Bản tin CAP quá lớn: tối đa 4 MB." : "The CAP message is too large: at most 4 MB.")
                    }
                    let bytes = [UInt8](buffer: buffer)
                    let result: Result<CAPOutcome, WorkspaceError> = await offload {
                        do throws(WorkspaceError) { return .success(try ws.importCAP(s, bytes: bytes, name: "cap.xml", actor: who, filesBeside: false)) } catch { return .failure(error) }
                    }
                    switch result {
                    case .success(.sent(let b, _)): return APIController.json(encoded(shown(b, [], s.clock)), .created)
                    case .success(.repeated(let b)): return APIController.json(encoded(shown(b, [], s.clock)), .ok)
                    case .failure(.capRefused(_, .cancelMessage(let ids))) where !ids.isEmpty:
                        // A Cancel did its work: what it stopped.
                        return APIController.json("{\"cancelled\":" + encoded(ids) + "}", .ok)
                    case .failure(let e): throw e
                    }
                }
                guard let body = try await APIController.optionalBody(Body.self, request, context) else {
                    throw WebError.badRequest(request.language == .vi ? "Cần nội dung JSON của bản tin (xem /openapi.json)." : "A JSON body with the bulletin is needed (see /openapi.json).")
                }
                let req = BulletinRequest(level: body.level, text: body.text, title: body.title, times: body.times ?? 1,
                                          every: body.every, until: body.until, from: body.from)
                let result: Result<Bulletin, WorkspaceError> = await offload {
                    do throws(WorkspaceError) { return .success(try ws.addBulletin(s, req, actor: who)) } catch { return .failure(error) }
                }
                switch result {
                case .success(let b): return APIController.json(encoded(shown(b, [], s.clock)), .created)
                case .failure(let e): throw e
                }
            } catch { return APIController.failure(error, request) }
        }
        router.delete("/api/stations/:id/bulletins/:bulletin") { request, context -> Response in
            do {
                let s = try await site.station(context, .change)
                let b = try site.workspace.cancelBulletin(s, id: context.parameters.get("bulletin") ?? "", actor: actor(context))
                return APIController.json(encoded(shown(b, site.workspace.bulletinAirings(s)[b.id] ?? [], s.clock)))
            } catch { return APIController.failure(error, request) }
        }
        router.post("/api/stations/:id/bulletins/:bulletin/place") { request, context -> Response in
            do {
                let s = try await site.station(context, .change)
                guard let body = try await APIController.optionalBody(Place.self, request, context) else {
                    throw WebError.badRequest(request.language == .vi ? "Cần {\"date\": …, \"session\": …}." : "{\"date\": …, \"session\": …} is needed.")
                }
                let b = try site.workspace.placeBulletin(s, id: context.parameters.get("bulletin") ?? "", date: body.date, session: body.session, actor: actor(context))
                return APIController.json(encoded(shown(b, [], s.clock)))
            } catch { return APIController.failure(error, request) }
        }
        router.get("/api/stations/:id/on-air") { request, context -> Response in
            do {
                let s = try await site.station(context, .read)
                let view = site.workspace.onAir(s)
                return APIController.json("{\"running\":\(view.live),\"state\":" + (view.state.map(encoded) ?? "null") + "}")
            } catch { return APIController.failure(error, request) }
        }
    }
}
