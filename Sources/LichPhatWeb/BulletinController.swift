import Foundation
import Hummingbird
import LichPhatCore
import LichPhatFormats
import LichPhatText
import LichPhatWorkspace

/// Bản tin: what is on air, the red emergency form, normal and priority bulletins, the inbox of
/// normal ones to place, CAP messages, and every bulletin with each time it aired. Each act is
/// the workspace's (``Workspace/addBulletin``, ``Workspace/cancelBulletin``,
/// ``Workspace/placeBulletin``, ``Workspace/importCAP``), as `lichphat bulletin` does it.
enum BulletinController {
    static func addRoutes(to router: Router<WebContext>, site: Site, pages: Pages) {
        router.get("/stations/:id/bulletins") { request, context -> HTMLPage in
            let v = Viewer(request, context)
            do {
                let s = try await site.station(context, .read)
                return HTMLPage(page(site, pages, s, v))
            } catch { return pages.failure(error, v) }
        }
        router.post("/stations/:id/bulletins") { request, context -> HTMLPage in
            let v = Viewer(request, context), lang = v.lang
            do {
                let s = try await site.station(context, .change)
                let form = try await Upload.read(request, context: context, limit: site.uploadLimit, spool: site.spool)
                defer { form.discard() }
                guard FormToken.valid(form.csrf, request) else { throw WebError.http(403, pages.staleForm(lang)) }
                let f = form.fields
                let level = f["level"] ?? ""
                if Workspace.bulletinLevel(level) == .emergency, f["confirm"] != "1" {
                    let text = lang == .vi ? "Chưa phát: hãy đánh dấu ô xác nhận phát khẩn cấp rồi bấm lại." : "Not aired: tick the emergency confirmation and press again."
                    return HTMLPage(page(site, pages, s, v, flashes: [(text, false)], emergencyText: f["text"] ?? ""), status: .unprocessableContent)
                }
                let file = form.files.first { $0.size > 0 }
                // An uploaded file keeps its extension (the bulletin's audio is named by it).
                var path: String?
                if let file {
                    let given = (file.name as NSString).pathExtension.lowercased()
                    let ext = given.count <= 5 && given.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) ? given : ""
                    path = file.path + (ext.isEmpty ? "" : "." + ext)
                    if let path, link(file.path, path) != 0 { throw WebError.http(500, String(cString: strerror(errno))) }
                }
                defer { if let path { unlink(path) } }
                // Untitled: named after the file as it was sent (not the spool's name).
                let title = (f["title"] ?? "").isEmpty ? file.map { AudioValidator.nfc($0.name) } : f["title"]
                let request = BulletinRequest(level: level, file: path, text: f["text"], title: title, times: Int(f["times"] ?? "") ?? 1,
                                              every: f["every"], until: f["until"], from: f["from"])
                let actor = Actor(by: v.account?.name ?? "", via: .web, role: v.account?.role)
                let ws = site.workspace
                let result: Result<Bulletin, WorkspaceError> = await offload {
                    do throws(WorkspaceError) { return .success(try ws.addBulletin(s, request, actor: actor)) } catch { return .failure(error) }
                }
                switch result {
                case .success(let b):
                    return HTMLPage(page(site, pages, s, v, flashes: [(WorkspaceMessages.bulletinSent(b, clock: s.clock, sessions: s.station.sessions, lang).joined(separator: " "), true)]))
                case .failure(let e):
                    return HTMLPage(page(site, pages, s, v, flashes: [(WorkspaceMessages.lines(e, lang, front: .web).joined(separator: " "), false)],
                                         emergencyText: Workspace.bulletinLevel(level) == .emergency ? (f["text"] ?? "") : ""),
                                    status: .init(code: WebError.workspace(e).statusCode))
                }
            } catch { return pages.failure(error, v) }
        }
        router.post("/stations/:id/bulletins/cap") { request, context -> HTMLPage in
            let v = Viewer(request, context), lang = v.lang
            do {
                let s = try await site.station(context, .change)
                let form = try await Upload.read(request, context: context, limit: 4_000_000, spool: site.spool)
                defer { form.discard() }
                guard FormToken.valid(form.csrf, request) else { throw WebError.http(403, pages.staleForm(lang)) }
                guard let file = form.files.first else { throw WebError.badRequest(lang == .vi ? "Chưa chọn tệp CAP." : "No CAP file was chosen.") }
                let (flash, status) = await importCAP(site, s, bytes: file.bytes, name: file.name, actor: Actor(by: v.account?.name ?? "", via: .web, role: v.account?.role), lang)
                return HTMLPage(page(site, pages, s, v, flashes: [flash]), status: status)
            } catch { return pages.failure(error, v) }
        }
        struct CancelForm: PostedForm { var csrf: String? }
        struct PlaceForm: PostedForm { var csrf: String?; var slot: String? }
        router.post("/stations/:id/bulletins/:bulletin/cancel") { request, context -> HTMLPage in
            let v = Viewer(request, context), lang = v.lang
            do {
                let s = try await site.station(context, .change)
                let values = try await URLEncodedFormDecoder().decode(CancelForm.self, from: request, context: context)
                guard FormToken.valid(values.csrf, request) else { throw WebError.http(403, pages.staleForm(lang)) }
                let id = context.parameters.get("bulletin") ?? ""
                do throws(WorkspaceError) {
                    let b = try site.workspace.cancelBulletin(s, id: id, actor: Actor(by: v.account?.name ?? "", via: .web, role: v.account?.role))
                    let text = lang == .vi ? "Đã huỷ bản tin “\(b.title)”: không phát thêm lần nào." : "Cancelled “\(b.title)”: no further airing."
                    return HTMLPage(page(site, pages, s, v, flashes: [(text, true)]))
                } catch {
                    return HTMLPage(page(site, pages, s, v, flashes: [(WorkspaceMessages.lines(error, lang, front: .web).joined(separator: " "), false)]),
                                    status: .init(code: WebError.workspace(error).statusCode))
                }
            } catch { return pages.failure(error, v) }
        }
        router.post("/stations/:id/bulletins/:bulletin/place") { request, context -> HTMLPage in
            let v = Viewer(request, context), lang = v.lang
            do {
                let s = try await site.station(context, .change)
                let values = try await URLEncodedFormDecoder().decode(PlaceForm.self, from: request, context: context)
                guard FormToken.valid(values.csrf, request) else { throw WebError.http(403, pages.staleForm(lang)) }
                let id = context.parameters.get("bulletin") ?? ""
                let parts = (values.slot ?? "").split(separator: "|").map(String.init)
                do throws(WorkspaceError) {
                    let b = try site.workspace.placeBulletin(s, id: id, date: parts.first ?? "", session: parts.count > 1 ? parts[1] : "",
                                                             actor: Actor(by: v.account?.name ?? "", via: .web, role: v.account?.role))
                    let text = lang == .vi ? "Đã xếp bản tin “\(b.title)” vào buổi \(b.placed?.session ?? "") ngày \(b.placed?.date ?? ""), sau phần mở đầu."
                                           : "“\(b.title)” placed in session \(b.placed?.session ?? "") on \(b.placed?.date ?? ""), after its opening."
                    return HTMLPage(page(site, pages, s, v, flashes: [(text, true)]))
                } catch {
                    return HTMLPage(page(site, pages, s, v, flashes: [(WorkspaceMessages.lines(error, lang, front: .web).joined(separator: " "), false)]),
                                    status: .init(code: WebError.workspace(error).statusCode))
                }
            } catch { return pages.failure(error, v) }
        }
    }

    /// A CAP message taken: what it did, as a flash, and the page's status.
    static func importCAP(_ site: Site, _ s: LoadedStation, bytes: [UInt8], name: String, actor: Actor, _ lang: Language) async -> ((String, Bool), HTTPResponse.Status) {
        let ws = site.workspace
        let result: Result<CAPOutcome, WorkspaceError> = await offload {
            do throws(WorkspaceError) { return .success(try ws.importCAP(s, bytes: bytes, name: name, actor: actor, filesBeside: false)) } catch { return .failure(error) }
        }
        switch result {
        case .success(.sent(let b, _)), .success(.repeated(let b)):
            return ((WorkspaceMessages.bulletinSent(b, clock: s.clock, sessions: s.station.sessions, lang).joined(separator: " "), true), .ok)
        case .failure(let e):
            if case .capRefused(_, .cancelMessage(let ids)) = e, !ids.isEmpty {
                return ((WorkspaceMessages.lines(e, lang, front: .web).joined(separator: " "), true), .ok)
            }
            return ((WorkspaceMessages.lines(e, lang, front: .web).joined(separator: " "), false), .init(code: WebError.workspace(e).statusCode))
        }
    }

    static func page(_ site: Site, _ pages: Pages, _ s: LoadedStation, _ v: Viewer, flashes: [(String, Bool)] = [], emergencyText: String = "") -> String {
        let lang = v.lang, t = Text(lang), ws = site.workspace
        let clock = s.clock
        let now = clock.now(ws.now())
        let list = ws.bulletins(s)
        let aired = ws.bulletinAirings(s)
        func when(_ local: Int) -> String { "\(StationClock.date(local).vietnamese) \(StationClock.time(local))" }
        let slots = ws.placeableSessions(s).prefix(30).map { i -> [String: Any] in
            ["value": "\(i.date)|\(i.template.id)", "label": "\(i.date.weekday.name(lang)) \(i.date.vietnamese) \(StationClock.time(i.start)) — \(i.template.name)"]
        }
        let mayChange = (try? ws.authorize(v.account, station: s.station.id, .change)) != nil
        var values: [String: Any] = ["mayChange": mayChange, "emergencyText": emergencyText,
                                     "station": ["id": s.station.id, "name": s.station.name]]
        values["flashes"] = flashes.map { ["text": $0.0, "kind": $0.1 ? "good" : "bad"] }
        values["inbox"] = list.filter { $0.level == .normal && $0.placed == nil && $0.cancelled == nil }.map { b -> [String: Any] in
            var row: [String: Any] = ["id": b.id, "title": b.title, "at": WorkspaceMessages.when(b.at, lang), "slots": slots]
            if !b.by.isEmpty { row["by"] = b.by }
            return row
        }
        values["list"] = list.map { b -> [String: Any] in
            let st = ws.state(of: b, s, aired: aired[b.id] ?? [])
            let state = WorkspaceMessages.bulletinState(st, lang)
            var row: [String: Any] = ["id": b.id, "title": b.title, "at": WorkspaceMessages.when(b.at, lang), "state": state,
                                      "level": WorkspaceMessages.levelName(b.level, lang),
                                      "levelClass": b.level == .emergency ? "error" : (b.level == .priority ? "warning" : "none"),
                                      "cancellable": mayChange && (st == .toAir || st == .toPlace),
                                      "aired": (aired[b.id] ?? []).map { a in when(a.start) + (a.played.map { " (\(Messages.clock(Double($0) / 1000)))" } ?? "") }]
            if !b.by.isEmpty { row["by"] = b.by }
            if let p = b.placed { row["plannedText"] = "\(p.date) · \(p.session)" }
            else if b.level == .emergency, b.cancelled == nil { row["plannedText"] = b.airTimes.prefix(6).map(when).joined(separator: ", ") + (b.airTimes.count > 6 ? " …" : "") }
            return row
        }
        values["hasList"] = !list.isEmpty
        let air = ws.onAir(s)
        if air.live, let st = air.state {
            var box: [String: Any] = ["week": st.week ?? "", "draft": st.draft]
            if let r = st.revision { box["revision"] = r }
            if let w = st.waiting { box["waiting"] = w }
            if let n = st.now {
                box["now"] = ["title": n.title, "start": StationClock.time(n.start, seconds: true), "end": n.end.map { StationClock.time($0, seconds: true) } ?? "",
                              "reason": n.reason == "bulletin" ? t.bulletins : t.onAir, "reasonClass": n.reason == "bulletin" ? "error" : "ok"]
            }
            if let n = st.next { box["next"] = ["title": n.title, "start": "\(StationClock.time(n.start, seconds: true)) \(StationClock.date(n.start).vietnamese)"] }
            var alarms: [String] = []
            for task in ws.tasks(s) {
                switch task {
                case .offAir, .deadAir, .nextWeekWillNotAir: alarms.append(WorkspaceMessages.task(task, station: s.station.id, lang).text)
                default: break
                }
            }
            if !alarms.isEmpty { box["alarms"] = alarms }
            values["onAir"] = box
        }
        return pages.render("bulletins", title: t.bulletins, values, v, station: s)
    }
}
