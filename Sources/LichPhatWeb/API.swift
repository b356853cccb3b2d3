import Foundation
import Hummingbird
import LichPhatCore
import LichPhatFormats
import LichPhatWorkspace

/// The JSON API (`/api/…`), described by `/openapi.json`. Errors are `{"error": code, "messages": [...]}`
/// with 404 (no such station or week), 409 (approved, busy, already approved), 422 (bad input).
enum API {
    struct StationSummary: ResponseEncodable {
        var id: String
        var name: String
        var file: String
        var files: Int
        var filesWithErrors: Int
        var thisWeek: String
        var nextWeek: String
    }
    struct StationList: ResponseEncodable { var stations: [StationSummary]; var failed: [Failure] }
    struct Failure: Codable, Sendable { var file: String; var messages: [String] }
    struct WeekState: ResponseEncodable {
        var station: String
        var week: String
        var approval: String
        var approvedBy: String?
        var approvedAt: String?
        var planned: Bool
        var compliant: Bool?
        var sessions: Int
        var airings: Int
        var message: String?
    }
    struct ErrorBody: ResponseEncodable { var error: String; var messages: [String] }
    struct ApproveBody: Decodable { var by: String }

    static func add(to router: Router<BasicRequestContext>, site: Site) {
        router.get("/openapi.json") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: OpenAPI.document)))
        }
        router.get("/api/stations") { request, _ -> StationList in
            var list = StationList(stations: [], failed: [])
            for entry in await site.stations() {
                switch entry {
                case .loaded(let s):
                    list.stations.append(StationSummary(
                        id: s.station.id, name: s.station.name, file: relativePath(from: site.root, to: s.path),
                        files: s.report.files.count, filesWithErrors: s.report.files.filter { $0.worst == .error }.count,
                        thisWeek: site.workspace.thisWeek(of: s.station).description, nextWeek: site.workspace.nextWeek(of: s.station).description))
                case .failed(let file, let error):
                    list.failed.append(Failure(file: relativePath(from: site.root, to: file), messages: WorkspaceMessages.lines(error, request.language)))
                }
            }
            return list
        }
        router.get("/api/stations/:id/weeks/:week") { request, context -> Response in
            do {
                let (s, w) = try await WebServer.stationAndWeek(site, context)
                return try state(site, s, w).response(from: request, context: context)
            } catch { return failure(error, request, context) }
        }
        router.post("/api/stations/:id/weeks/:week/plan") { request, context -> Response in
            do {
                let (s, w) = try await WebServer.stationAndWeek(site, context)
                let outcome = await Actions.plan(site, s, w, lang: request.language)
                if outcome.status != .ok { return error(outcome, request, context) }
                var body = state(site, s, w); body.message = outcome.flash.0
                return try body.response(from: request, context: context)
            } catch { return failure(error, request, context) }
        }
        router.post("/api/stations/:id/weeks/:week/approve") { request, context -> Response in
            do {
                let (s, w) = try await WebServer.stationAndWeek(site, context)
                let body = try await request.decode(as: ApproveBody.self, context: context)
                let outcome = await Actions.approve(site, s, w, by: body.by, lang: request.language)
                if outcome.status != .ok { return error(outcome, request, context) }
                var answer = state(site, s, w); answer.message = outcome.flash.0
                return try answer.response(from: request, context: context)
            } catch { return failure(error, request, context) }
        }
    }

    static func state(_ site: Site, _ s: LoadedStation, _ w: ISOWeek) -> WeekState {
        let view = site.workspace.readWeek(s, week: w)
        return WeekState(station: s.station.id, week: w.description, approval: view.state.approval.rawValue,
                         approvedBy: view.state.approvedBy?.by, approvedAt: view.state.approvedBy?.at,
                         planned: view.schedule != nil, compliant: view.schedule?.compliant,
                         sessions: view.schedule?.sessions.count ?? 0,
                         airings: view.schedule?.sessions.reduce(0) { $0 + $1.airings.count } ?? 0, message: nil)
    }

    static func error(_ outcome: Outcome, _ request: Request, _ context: BasicRequestContext) -> Response {
        let code: String = switch outcome.status.code { case 404: "not-found"; case 409: "conflict"; case 422: "invalid"; default: "failed" }
        var response = (try? ErrorBody(error: code, messages: [outcome.flash.0]).response(from: request, context: context)) ?? Response(status: .internalServerError)
        response.status = outcome.status
        return response
    }

    static func failure(_ error: any Error, _ request: Request, _ context: BasicRequestContext) -> Response {
        let lang = request.language
        let web: WebError
        if let e = error as? WebError { web = e }
        else if let e = error as? WorkspaceError { web = .workspace(e) }
        else if let e = error as? HTTPError { web = e.status == .notFound ? .notFound : .badRequest(e.body ?? (lang == .vi ? "Yêu cầu không hợp lệ." : "Bad request.")) }
        else if error is DecodingError { web = .badRequest(lang == .vi ? "Nội dung gửi lên phải là JSON dạng {\"by\": \"Họ tên\"}." : "The body must be JSON like {\"by\": \"Full name\"}.") }
        else { web = .badRequest("\(error)") }
        let code: String = switch web.status { case 404: "not-found"; case 409: "conflict"; case 422: "invalid"; default: "bad-request" }
        var response = (try? ErrorBody(error: code, messages: web.lines(lang)).response(from: request, context: context)) ?? Response(status: .internalServerError)
        response.status = .init(code: web.status)
        return response
    }
}
