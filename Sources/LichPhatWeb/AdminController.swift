import Foundation
import Hummingbird
import HummingbirdAuth
import LichPhatCore
import LichPhatFormats
import LichPhatText
import LichPhatWorkspace

/// Quản trị (`/admin`, administrators only): accounts added, disabled, removed, their passwords
/// reset and their stations assigned; stations added from a form; the administration log
/// (`/admin/log`). Every act is the workspace's (``Workspace/addAccount(_:by:name:fullName:role:password:stations:)``
/// and the others), which checks the actor and records it. And `/password`, where anyone changes
/// their own password (and must, after a reset, before anything else).
enum AdminController {
    static func addRoutes(to router: Router<WebContext>, site: Site, pages: Pages) {
        /// The store, when the actor may administer it (no accounts at all: there is no administration here).
        @Sendable func store(_ context: WebContext) throws -> AccountStore {
            guard let store = site.accounts, context.accountsExist else { throw WebError.notFound }
            try site.workspace.authorizeAdmin(context.identity)
            return store
        }
        router.get("/admin") { request, context -> Response in
            let v = Viewer(request, context)
            do {
                let store = try store(context)
                let flash = Flash.read(request)
                var response = try HTMLPage(await page(site, pages, store, v, flash: flash)).response(from: request, context: context)
                if flash != nil { response.setCookie(Flash.clear) }
                return response
            } catch { return try pages.failure(error, v).response(from: request, context: context) }
        }
        router.get("/admin/log") { request, context -> HTMLPage in
            let v = Viewer(request, context), t = Text(v.lang)
            do {
                let store = try store(context)
                let rows = store.log().map { e -> [String: Any] in
                    ["at": e.at.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: " UTC"), "by": e.by.isEmpty ? t.commandLine : e.by,
                     "action": actionName(e.action, v.lang), "code": e.action, "subject": e.subject, "detail": e.detail]
                }
                return HTMLPage(pages.render("adminlog", title: t.adminLogHeading, ["rows": rows, "empty": rows.isEmpty], v))
            } catch { return pages.failure(error, v) }
        }
        /// One administrator's form: its fields, one workspace act, back to /admin with what was done.
        func adminAction(_ path: String, _ act: @escaping @Sendable (Workspace, AccountStore, Account?, FormPairs, String?, Language) throws(WorkspaceError) -> String) {
            router.post(RouterPath(path)) { request, context -> Response in
                let v = Viewer(request, context)
                do {
                    let store = try store(context)
                    let form = try await FormPairs.read(request, context: context)
                    guard FormToken.valid(form.first("csrf"), request) else { throw WebError.http(403, pages.staleForm(v.lang)) }
                    let name = context.parameters.get("name")
                    let ws = site.workspace, actor = context.identity
                    let result: Result<String, WorkspaceError> = await offload {
                        do throws(WorkspaceError) { return .success(try act(ws, store, actor, form, name, v.lang)) } catch { return .failure(error) }
                    }
                    switch result {
                    case .success(let said):
                        var response = Response(status: .seeOther, headers: [.location: "/admin"])
                        response.setCookie(Flash.cookie((said, true)))
                        return response
                    case .failure(let e):
                        return try HTMLPage(await page(site, pages, store, v, flash: (WorkspaceMessages.lines(e, v.lang, front: .web).joined(separator: " "), false), form: form),
                                            status: .init(code: WebError.workspace(e).statusCode)).response(from: request, context: context)
                    }
                } catch { return try pages.failure(error, v).response(from: request, context: context) }
            }
        }
        @Sendable func stations(_ form: FormPairs) -> [String]? {
            // "Mọi đài" is a box of its own: no box ticked is no station (never every one).
            let picked = form.all("station").filter { !$0.isEmpty }
            return picked.contains("*") ? nil : picked
        }
        adminAction("/admin/accounts") { ws, store, actor, form, _, lang throws(WorkspaceError) in
            guard let role = Account.Role(rawValue: form.first("role") ?? "") else { throw .badAccountName(name: form.first("role") ?? "") }
            let name = form.first("name") ?? ""
            try ws.addAccount(store, by: actor, name: name, fullName: form.first("fullName").flatMap { $0.isEmpty ? nil : $0 }, role: role,
                              password: form.first("password") ?? "", stations: stations(form))
            return Text(lang).done + " " + AccountStore.normalized(name)
        }
        adminAction("/admin/accounts/:name/stations") { ws, store, actor, form, name, lang throws(WorkspaceError) in
            try ws.setStations(store, by: actor, name: name ?? "", stations(form))
            return Text(lang).done
        }
        adminAction("/admin/accounts/:name/reset") { ws, store, actor, form, name, lang throws(WorkspaceError) in
            try ws.resetPassword(store, by: actor, name: name ?? "", temporary: form.first("password") ?? "")
            return Text(lang).done
        }
        adminAction("/admin/accounts/:name/disable") { ws, store, actor, _, name, lang throws(WorkspaceError) in
            try ws.setDisabled(store, by: actor, name: name ?? "", true)
            return Text(lang).done
        }
        adminAction("/admin/accounts/:name/enable") { ws, store, actor, _, name, lang throws(WorkspaceError) in
            try ws.setDisabled(store, by: actor, name: name ?? "", false)
            return Text(lang).done
        }
        adminAction("/admin/accounts/:name/remove") { ws, store, actor, _, name, lang throws(WorkspaceError) in
            try ws.removeAccount(store, by: actor, name: name ?? "")
            return Text(lang).done
        }
        let root = site.root
        adminAction("/admin/stations") { ws, store, actor, form, _, lang throws(WorkspaceError) in
            var f = NewStationFields()
            f.id = form.first("id") ?? ""; f.name = form.first("name") ?? ""; f.timeZone = form.first("timezone") ?? StationClock.defaultIdentifier
            f.morningStart = form.first("morning.start") ?? ""; f.morningLength = form.first("morning.length") ?? ""
            f.afternoonStart = form.first("afternoon.start") ?? ""; f.afternoonLength = form.first("afternoon.length") ?? ""
            let path = try ws.addStation(root: root, by: actor, store: store, f)
            return Text(lang).done + " " + relativePath(from: root, to: path)
        }

        // Anyone's own password; after a reset, before anything else.
        router.get("/password") { request, context -> HTMLPage in
            let v = Viewer(request, context)
            guard context.identity != nil else { return pages.failure(WebError.notFound, v) }
            return HTMLPage(passwordPage(pages, v))
        }
        router.post("/password") { request, context -> Response in
            let v = Viewer(request, context), t = Text(v.lang)
            do {
                guard let account = context.identity, let store = site.accounts else { throw WebError.notFound }
                let form = try await FormPairs.read(request, context: context)
                guard FormToken.valid(form.first("csrf"), request) else { throw WebError.http(403, pages.staleForm(v.lang)) }
                let new = form.first("new") ?? ""
                guard new == (form.first("again") ?? "") else {
                    return try HTMLPage(passwordPage(pages, v, message: t.passwordsDiffer), status: .unprocessableContent).response(from: request, context: context)
                }
                let ws = site.workspace, current = form.first("current") ?? ""
                let result: Result<Void, WorkspaceError> = await offload {
                    do throws(WorkspaceError) { return .success(try ws.changePassword(store, account: account, current: current, new: new)) } catch { return .failure(error) }
                }
                if case .failure(let e) = result {
                    return try HTMLPage(passwordPage(pages, v, message: WorkspaceMessages.lines(e, v.lang, front: .web).joined(separator: " ")),
                                        status: .init(code: WebError.workspace(e).statusCode)).response(from: request, context: context)
                }
                // The session goes on under the new password (sessions are bound to it).
                context.sessions.createSession(WebSession(name: account.name, hash: store.passwordHash(named: account.name).map { String($0.suffix(16)) }))
                var response = Response(status: .seeOther, headers: [.location: "/"])
                response.setCookie(Flash.cookie((t.passwordChanged, true)))
                return response
            } catch { return try pages.failure(error, v).response(from: request, context: context) }
        }
    }

    static func passwordPage(_ pages: Pages, _ v: Viewer, message: String? = nil) -> String {
        let t = Text(v.lang)
        var values: [String: Any] = ["mustChange": v.account?.mustChangePassword == true]
        if let message { values["message"] = message }
        return pages.render("password", title: t.changePasswordTitle, values, v)
    }

    static func actionName(_ code: String, _ lang: Language) -> String {
        let vi = lang == .vi
        switch AdminAction(rawValue: code) {
        case .addAccount?: return vi ? "thêm tài khoản" : "account added"
        case .removeAccount?: return vi ? "xoá tài khoản" : "account removed"
        case .disableAccount?: return vi ? "khoá tài khoản" : "account disabled"
        case .enableAccount?: return vi ? "mở lại tài khoản" : "account enabled"
        case .resetPassword?: return vi ? "đặt lại mật khẩu" : "password reset"
        case .setStations?: return vi ? "giao đài" : "stations assigned"
        case .changePassword?: return vi ? "tự đổi mật khẩu" : "own password changed"
        case .addStation?: return vi ? "thêm đài" : "station added"
        case nil: return code
        }
    }

    static func page(_ site: Site, _ pages: Pages, _ store: AccountStore, _ v: Viewer, flash: (String, Bool)? = nil, form: FormPairs? = nil) async -> String {
        let t = Text(v.lang)
        let known: [(String, String)] = await site.stations().compactMap { if case .loaded(let s) = $0 { (s.station.id, s.station.name) } else { nil } }
        let roles = Account.Role.allCases.map { ["value": $0.rawValue, "text": t.words.roleName($0.rawValue), "selected": $0.rawValue == (form?.first("role") ?? "operator")] }
        let accounts: [[String: Any]] = store.list().map { a in
            let mine = Set(a.stations ?? [])
            return [
                "name": a.name, "fullName": a.fullName, "role": t.words.roleName(a.role.rawValue), "created": String(a.created.prefix(10)),
                "scoped": a.role == .operator || a.role == .leader,
                "stations": a.stations.map { $0.joined(separator: ", ") } ?? t.allStations,
                "options": known.map { ["id": $0.0, "name": $0.1, "checked": mine.contains($0.0)] }, "all": a.stations == nil,
                "disabled": a.disabled, "mustChange": a.mustChangePassword, "self": a.name == v.account?.name,
                "state": a.disabled ? t.disabledState : a.mustChangePassword ? t.mustChangeState : t.activeState,
            ]
        }
        var values: [String: Any] = [
            "accounts": accounts, "roles": roles, "known": known.map { ["id": $0.0, "name": $0.1] },
            "newName": form?.first("name") ?? "", "newFullName": form?.first("fullName") ?? "",
            "stationId": form?.first("id") ?? "", "stationName": form?.first("name") ?? "",
            "timezone": form?.first("timezone") ?? StationClock.defaultIdentifier,
            "morningStart": form?.first("morning.start") ?? "06:00", "morningLength": form?.first("morning.length") ?? "15m",
            "afternoonStart": form?.first("afternoon.start") ?? "17:00", "afternoonLength": form?.first("afternoon.length") ?? "20m",
        ]
        if let flash { values["flash"] = flash.0; values["flashClass"] = flash.1 ? "good" : "bad" }
        return pages.render("admin", title: t.adminTitle, values, v)
    }
}
