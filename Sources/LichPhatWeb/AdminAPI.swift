import Foundation
import Hummingbird
import HTTPTypes
import LichPhatCore
import LichPhatFormats
import LichPhatWorkspace

/// The administration through the API (`/api/admin/…`, an administrator's account): the same
/// workspace operations as the Quản trị page, recorded in the same log.
enum AdminAPI {
    struct NewAccount: Decodable { var name: String; var fullName: String?; var role: String; var password: String; var stations: [String]? }
    struct AccountChange: Decodable { var stations: [String]?; var allStations: Bool?; var disabled: Bool?; var password: String? }
    struct NewStation: Decodable {
        struct Session: Decodable { var start: String; var length: String }
        var id: String; var name: String; var timezone: String?; var morning: Session?; var afternoon: Session?
    }

    static func addRoutes(to router: Router<WebContext>, site: Site) {
        @Sendable func store(_ context: WebContext) throws -> AccountStore {
            guard let store = site.accounts, context.accountsExist else { throw WebError.notFound }
            try site.workspace.authorizeAdmin(context.identity)
            return store
        }
        @Sendable func body<T: Decodable>(_ type: T.Type, _ request: Request, _ context: WebContext) async throws -> T {
            guard let b = try await APIController.optionalBody(type, request, context) else {
                throw WebError.badRequest(request.language == .vi ? "Cần nội dung JSON (xem /openapi.json)." : "A JSON body is needed (see /openapi.json).")
            }
            return b
        }
        router.get("/api/admin/accounts") { request, context -> Response in
            do { return APIController.json(accounts(try store(context).list()).rendered(pretty: false)) } catch { return APIController.failure(error, request) }
        }
        router.post("/api/admin/accounts") { request, context -> Response in
            do {
                let store = try store(context)
                let b = try await body(NewAccount.self, request, context)
                guard let role = Account.Role(rawValue: b.role) else { throw WorkspaceError.badAccountName(name: b.role) }
                let ws = site.workspace, actor = context.identity
                let result: Result<Void, WorkspaceError> = await offload {
                    do throws(WorkspaceError) {
                        return .success(try ws.addAccount(store, by: actor, name: b.name, fullName: b.fullName, role: role, password: b.password, stations: b.stations))
                    } catch { return .failure(error) }
                }
                try result.get()
                return APIController.json(accounts(store.list().filter { $0.name == AccountStore.normalized(b.name) }).rendered(pretty: false), .created)
            } catch { return APIController.failure(error, request) }
        }
        router.patch("/api/admin/accounts/:name") { request, context -> Response in
            do {
                let store = try store(context)
                let name = try context.parameters.require("name")
                let b = try await body(AccountChange.self, request, context)
                let ws = site.workspace, actor = context.identity
                let result: Result<Void, WorkspaceError> = await offload {
                    do throws(WorkspaceError) {
                        guard store.account(named: name) != nil else { throw .noSuchAccount(name: name) }
                        if b.allStations == true { try ws.setStations(store, by: actor, name: name, nil) }
                        else if let s = b.stations { try ws.setStations(store, by: actor, name: name, s) }
                        if let d = b.disabled { try ws.setDisabled(store, by: actor, name: name, d) }
                        if let p = b.password { try ws.resetPassword(store, by: actor, name: name, temporary: p) }
                        return .success(())
                    } catch { return .failure(error) }
                }
                try result.get()
                return APIController.json(accounts(store.list().filter { $0.name == AccountStore.normalized(name) }).rendered(pretty: false))
            } catch { return APIController.failure(error, request) }
        }
        router.delete("/api/admin/accounts/:name") { request, context -> Response in
            do {
                let store = try store(context)
                let name = try context.parameters.require("name")
                try site.workspace.removeAccount(store, by: context.identity, name: name)
                return Response(status: .noContent)
            } catch { return APIController.failure(error, request) }
        }
        router.post("/api/admin/stations") { request, context -> Response in
            do {
                let store = try store(context)
                let b = try await body(NewStation.self, request, context)
                var f = NewStationFields()
                f.id = b.id; f.name = b.name; f.timeZone = b.timezone ?? StationClock.defaultIdentifier
                if let m = b.morning { f.morningStart = m.start; f.morningLength = m.length }
                if let a = b.afternoon { f.afternoonStart = a.start; f.afternoonLength = a.length } else { f.afternoonStart = "" }
                let path = try site.workspace.addStation(root: site.root, by: context.identity, store: store, f)
                return APIController.json(JSONValue.object([("id", .string(b.id)), ("file", .string(relativePath(from: site.root, to: path)))]).rendered(pretty: false), .created)
            } catch { return StationAPI.failure(error, request) }
        }
        router.get("/api/admin/log") { request, context -> Response in
            do {
                let entries = try store(context).log()
                return APIController.json(JSONValue.object([("entries", .array(entries.map { e in
                    .object([("at", .string(e.at)), ("by", .string(e.by)), ("action", .string(e.action)), ("subject", .string(e.subject)), ("detail", .string(e.detail))])
                }))]).rendered(pretty: false))
            } catch { return APIController.failure(error, request) }
        }
    }

    static func accounts(_ list: [Account]) -> JSONValue {
        .object([("accounts", .array(list.map { a in
            .object([("name", .string(a.name)), ("fullName", .string(a.fullName)), ("role", .string(a.role.rawValue)),
                     ("stations", a.stations.map { .array($0.map { .string($0) }) } ?? .null), ("disabled", .bool(a.disabled)),
                     ("mustChangePassword", .bool(a.mustChangePassword)), ("created", .string(a.created))])
        }))])
    }
}
