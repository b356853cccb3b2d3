import Foundation
import Hummingbird
import HTTPTypes
import LichPhatCore
import LichPhatFormats
import LichPhatText
import LichPhatWorkspace

/// The station file through the API: `GET …/station` (its sessions, items, rules, fill, with the
/// file's ETag) and one entry at a time (`POST …/station/{kind}`, `PUT` and `DELETE
/// …/station/{kind}/{entry}`), each on the version seen (`If-Match`, required), checked by the
/// workspace as the page's forms are: 422 names the field (`error.field`).
enum StationAPI {
    /// An entry as JSON sends it: the station file's keys.
    struct EntryBody: Decodable {
        struct PerWeek: Decodable { var min: Int?; var max: Int? }
        var id: String?
        var title: String?
        var name: String?
        var file: String?
        var relay: Bool?
        var length: String?
        var url: String?
        var tags: [String]?
        var from: String?
        var until: String?
        var days: [String]?
        var sessions: [String]?
        var per_week: PerWeek?
        var priority: Int?
        var start: String?
        var open: [String]?
        var close: [String]?

        func entry(_ kind: StationEntry.Kind) -> StationEntry {
            func n(_ v: Int?) -> String { v.map(String.init) ?? "" }
            switch kind {
            case .item:
                var x = ItemFields()
                x.id = id ?? ""; x.title = title ?? ""; x.file = file ?? ""; x.relay = relay ?? false; x.length = length ?? ""; x.url = url ?? ""
                x.tags = tags ?? []; x.from = from ?? ""; x.until = until ?? ""; x.days = days ?? []; x.sessions = sessions ?? []
                x.perWeekMin = n(per_week?.min); x.perWeekMax = n(per_week?.max); x.priority = n(priority)
                return .item(x)
            case .rule:
                var x = RuleFields()
                x.id = id ?? ""; x.name = name ?? ""; x.tags = tags ?? []; x.perWeekMin = n(per_week?.min); x.perWeekMax = n(per_week?.max)
                x.days = days ?? []; x.sessions = sessions ?? []
                return .rule(x)
            case .session:
                var x = SessionFields()
                x.id = id ?? ""; x.name = name ?? ""; x.days = days ?? []; x.start = start ?? ""; x.length = length ?? ""
                x.open = open ?? []; x.close = close ?? []
                return .session(x)
            }
        }
    }

    static func addRoutes(to router: Router<WebContext>, site: Site) {
        router.get("/api/stations/:id/station") { request, context -> Response in
            do {
                let s = try await site.station(context, .read)
                return try station(site, s)
            } catch { return APIController.failure(error, request) }
        }
        @Sendable func change(_ request: Request, _ context: WebContext, _ act: @escaping @Sendable (Workspace, LoadedStation, StationEntry.Kind, String) throws(WorkspaceError) -> LoadedStation,
                              created: Bool = false) async -> Response {
            do {
                let s = try await site.station(context, .change)
                let k = try EntryController.kind(try context.parameters.require("kind"))
                let base = try expected(request, site, s)
                let ws = site.workspace
                let result: Result<LoadedStation, WorkspaceError> = await offload {
                    do throws(WorkspaceError) { return .success(try act(ws, s, k, base)) } catch { return .failure(error) }
                }
                switch result {
                case .success(let after): return try station(site, after, status: created ? .created : .ok)
                case .failure(let e): throw e
                }
            } catch { return failure(error, request) }
        }
        router.post("/api/stations/:id/station/:kind") { request, context -> Response in
            let body: EntryBody?
            do { body = try await APIController.optionalBody(EntryBody.self, request, context) } catch { return failure(error, request) }
            guard let body else { return failure(WebError.badRequest(request.language == .vi ? "Cần nội dung JSON của mục (xem /openapi.json)." : "A JSON body with the entry is needed (see /openapi.json)."), request) }
            return await change(request, context, { ws, s, k, base throws(WorkspaceError) in try ws.putEntry(s, body.entry(k), replacing: nil, base: base) }, created: true)
        }
        router.put("/api/stations/:id/station/:kind/:entry") { request, context -> Response in
            let id = context.parameters.get("entry") ?? ""
            let body: EntryBody?
            do { body = try await APIController.optionalBody(EntryBody.self, request, context) } catch { return failure(error, request) }
            guard let body else { return failure(WebError.badRequest(request.language == .vi ? "Cần nội dung JSON của mục (xem /openapi.json)." : "A JSON body with the entry is needed (see /openapi.json)."), request) }
            return await change(request, context) { ws, s, k, base throws(WorkspaceError) in try ws.putEntry(s, body.entry(k), replacing: id, base: base) }
        }
        router.delete("/api/stations/:id/station/:kind/:entry") { request, context -> Response in
            let id = context.parameters.get("entry") ?? ""
            return await change(request, context) { ws, s, k, base throws(WorkspaceError) in try ws.removeEntry(s, k, id: id, base: base) }
        }
    }

    /// The version the change is made on: `If-Match` with the file's ETag, or `*` (whatever it is
    /// now). Without one the change is refused (428): a script must say which version it saw.
    static func expected(_ request: Request, _ site: Site, _ s: LoadedStation) throws -> String {
        let vi = request.language == .vi
        guard let raw = request.headers[.ifMatch]?.trimmingCharacters(in: .whitespaces) else {
            throw WebError.http(428, vi ? "Cần If-Match: ETag của tệp trạm (GET …/station), để không ghi đè thay đổi của người khác." : "If-Match is needed: the station file's ETag (GET …/station), so another's change is never overwritten.")
        }
        if raw == "*" { return try site.workspace.stationSource(s).sha256 }
        guard raw.count == 66, raw.hasPrefix("\""), raw.hasSuffix("\""), raw.dropFirst().dropLast().allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
            throw WebError.http(400, vi ? "If-Match phải là ETag của tệp trạm (SHA-256 trong ngoặc kép) hoặc *." : "If-Match must be the station file's ETag (a SHA-256 in quotes) or *.")
        }
        return String(raw.dropFirst().dropLast())
    }

    /// A refusal as JSON; a field's names the field.
    static func failure(_ error: any Error, _ request: Request) -> Response {
        guard case .badField(_, let field, _)? = error as? WorkspaceError else { return APIController.failure(error, request) }
        let web = WebError.workspace(error as! WorkspaceError)
        return APIController.json(JSONValue.object([("error", .object([
            ("code", .string(APIController.code(web.statusCode))), ("message", .string(web.lines(request.language).joined(separator: " "))),
            ("reason", .string((error as! WorkspaceError).code)), ("field", .string(field)),
        ]))]).rendered(pretty: false), .init(code: web.statusCode))
    }

    /// The station file as the API shows it, with its ETag.
    static func station(_ site: Site, _ s: LoadedStation, status: HTTPResponse.Status = .ok) throws -> Response {
        let source = try site.workspace.stationSource(s)
        let ws = site.workspace
        func strings(_ xs: [String]) -> JSONValue { .array(xs.map { .string($0) }) }
        func text(_ s: String) -> JSONValue { s.isEmpty ? .null : .string(s) }
        func number(_ s: String) -> JSONValue { Int64(s).map { .int($0) } ?? .null }
        func quota(_ min: String, _ max: String) -> JSONValue {
            min.isEmpty && max.isEmpty ? .null : .object([("min", number(min)), ("max", number(max))])
        }
        var items: [JSONValue] = [], folders: [JSONValue] = []
        for spec in s.file.items {
            switch spec {
            case .item(let i, _):
                guard case .item(let x)? = ws.entryFields(s, .item, id: i.id) else { continue }
                items.append(.object([("id", .string(x.id)), ("title", .string(x.title)), ("file", text(x.file)), ("relay", .bool(x.relay)),
                                      ("length", text(x.length)), ("url", text(x.url)), ("tags", strings(x.tags)), ("from", text(x.from)),
                                      ("until", text(x.until)), ("days", strings(x.days)), ("sessions", strings(x.sessions)),
                                      ("per_week", quota(x.perWeekMin, x.perWeekMax)), ("priority", number(x.priority))]))
            case .folder(let path, let t, _):
                folders.append(.object([("folder", .string(path)), ("tags", strings(t.tags.sorted()))]))
            }
        }
        let rules: [JSONValue] = s.file.rules.compactMap { r in
            guard case .rule(let x)? = ws.entryFields(s, .rule, id: r.id) else { return nil }
            return .object([("id", .string(x.id)), ("name", .string(x.name)), ("tags", strings(x.tags)), ("per_week", quota(x.perWeekMin, x.perWeekMax)),
                            ("days", strings(x.days)), ("sessions", strings(x.sessions))])
        }
        let sessions: [JSONValue] = s.file.sessions.compactMap { t in
            guard case .session(let x)? = ws.entryFields(s, .session, id: t.id) else { return nil }
            return .object([("id", .string(x.id)), ("name", .string(x.name)), ("days", strings(x.days)), ("start", .string(x.start)),
                            ("length", .string(x.length)), ("open", strings(x.open)), ("close", strings(x.close))])
        }
        let doc = JSONValue.object([
            ("id", .string(s.station.id)), ("name", .string(s.station.name)), ("timezone", .string(s.station.timeZone)),
            ("revision", .string(source.sha256)), ("sessions", .array(sessions)), ("items", .array(items)), ("folders", .array(folders)),
            ("rules", .array(rules)), ("fill", strings(s.station.fill)),
        ])
        var response = APIController.json(doc.rendered(pretty: false), status)
        response.headers[.eTag] = "\"\(source.sha256)\""
        return response
    }
}
