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
/// described by `/openapi.json`, over the same workspace operations as the command line.
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
        addLogin(to: router, site: site, pages: pages)

        // Pages.
        router.get("/") { request, context -> HTMLPage in
            HTMLPage(await pages.overview(Viewer(request, context)))
        }
        router.get("/stations/:id/library") { request, context -> HTMLPage in
            let v = Viewer(request, context)
            do {
                let s = try await site.station(try context.parameters.require("id"))
                // A GET form writes spaces as "+".
                let query = (request.uri.queryParameters.get("q") ?? "").replacingOccurrences(of: "+", with: " ")
                return HTMLPage(pages.library(s, query: query, v))
            } catch { return pages.failure(error, v) }
        }
        router.post("/stations/:id/library/upload") { request, context -> HTMLPage in
            let v = Viewer(request, context), lang = v.lang
            do {
                var s = try await site.station(try context.parameters.require("id"))
                let form = try await Upload.read(request, context: context, limit: site.uploadLimit, spool: site.spool)
                defer { form.discard() }
                guard FormToken.valid(form.csrf, request) else { throw WebError.http(403, pages.staleForm(lang)) }
                var flashes: [(String, Bool)] = []
                var worst: HTTPResponse.Status = .ok
                for file in form.files {
                    let outcome = await Actions.addAudio(site, s, folder: form.folder, name: file.name, source: .file(file.path), lang: lang)
                    flashes.append(outcome.flash)
                    if outcome.status != .ok, worst == .ok || outcome.status == .conflict { worst = outcome.status }
                }
                if form.files.isEmpty {
                    flashes.append((lang == .vi ? "Chưa chọn tệp nào." : "No file was chosen.", false))
                    worst = .unprocessableContent
                }
                s = try await site.station(s.station.id)   // with the new files
                return HTMLPage(pages.library(s, query: "", v, flashes: flashes, folder: form.folder), status: worst)
            } catch { return pages.failure(error, v) }
        }
        // Đọc văn bản: a typed notice read aloud into the chosen folder, then listed like any file.
        router.post("/stations/:id/library/speak") { request, context -> HTMLPage in
            let v = Viewer(request, context), lang = v.lang
            do {
                var s = try await site.station(try context.parameters.require("id"))
                let form = try await URLEncodedFormDecoder().decode(SpeakForm.self, from: request, context: context)
                guard FormToken.valid(form.csrf, request) else { throw WebError.http(403, pages.staleForm(lang)) }
                let outcome = await Actions.speak(site, s, folder: form.folder ?? "", name: form.name, text: form.text, lang: lang)
                s = try await site.station(s.station.id)
                return HTMLPage(pages.library(s, query: "", v, flashes: [outcome.flash], folder: form.folder ?? ""), status: outcome.status)
            } catch { return pages.failure(error, v) }
        }
        router.get("/stations/:id/weeks/:week") { request, context -> Response in
            let v = Viewer(request, context)
            do {
                let (s, w) = try await stationAndWeek(site, context)
                // What the action before the redirect said, shown once.
                let flash = Flash.read(request)
                var response = try HTMLPage(pages.week(s, w, v, flash: flash)).response(from: request, context: context)
                if flash != nil { response.setCookie(Flash.clear) }
                return response
            } catch { return try pages.failure(error, v).response(from: request, context: context) }
        }
        /// A form posted on the week's page: one workspace action. Done, the browser is sent back to
        /// the week (Post/Redirect/Get: reloading the page does not do it again) with what happened
        /// in a one-time cookie; refused, the week is shown with why, and the status.
        func weekAction<Form: PostedForm>(_ path: String, _ form: Form.Type,
                                          _ act: @escaping @Sendable (LoadedStation, ISOWeek, Form, Viewer) async -> Outcome) {
            router.post(RouterPath("/stations/:id/weeks/:week/" + path)) { request, context -> Response in
                let v = Viewer(request, context)
                do {
                    let (s, w) = try await stationAndWeek(site, context)
                    let values = try await URLEncodedFormDecoder().decode(Form.self, from: request, context: context)
                    guard FormToken.valid(values.csrf, request) else { throw WebError.http(403, pages.staleForm(v.lang)) }
                    let outcome = await act(s, w, values, v)
                    if outcome.status == .ok {
                        var response = Response(status: .seeOther, headers: [.location: "/stations/\(s.station.id)/weeks/\(w)"])
                        response.setCookie(Flash.cookie(outcome.flash))
                        return response
                    }
                    return try HTMLPage(pages.week(s, w, v, flash: outcome.flash, offerShortfall: outcome.shortfall), status: outcome.status)
                        .response(from: request, context: context)
                } catch { return try pages.failure(error, v).response(from: request, context: context) }
            }
        }
        weekAction("plan", PlanForm.self) { s, w, form, v in
            await Actions.plan(site, s, w, allowShortfall: form.allowShortfall == "1", past: form.past == "1", write: form.write(v), lang: v.lang)
        }
        weekAction("remove", AiringForm.self) { s, w, form, v in
            await Actions.remove(site, s, w, airing: form.airing, write: form.write(v), lang: v.lang)
        }
        weekAction("pin", AiringForm.self) { s, w, form, v in
            await Actions.pin(site, s, w, airing: form.airing, pinned: form.pinned != "0", write: form.write(v), lang: v.lang)
        }
        weekAction("add", AddForm.self) { s, w, form, v in
            await Actions.add(site, s, w, slot: form.slot, item: form.item, write: form.write(v), lang: v.lang)
        }
        weekAction("amend", AmendForm.self) { s, w, form, v in
            let vi = v.lang == .vi
            let times = form.times.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
            let from = form.from.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
            // Only reading the fields here; what may be asked is the workspace's to say.
            if let times, Int(times) == nil {
                return Outcome(flash: (vi ? "Số lần “\(times)” phải là một số." : "Times “\(times)” must be a number.", false), status: .unprocessableContent)
            }
            if let from, StationClock.parseMinute(from) == nil {
                return Outcome(flash: (vi ? "“\(from)” không phải thời điểm dạng 2026-11-25 17:00." : "“\(from)” is not a time like 2026-11-25 17:00.", false), status: .unprocessableContent)
            }
            return await Actions.amend(site, s, w, item: form.item, times: times.flatMap { Int($0) }, priority: form.priority == "1",
                                       from: from.flatMap(StationClock.parseMinute), write: form.write(v), lang: v.lang)
        }
        weekAction("approve", ApproveForm.self) { s, w, form, v in
            await Actions.approve(site, s, w, typed: form.by, by: v, write: form.write(v), lang: v.lang)
        }

        // Rendering the week for the platforms (lichphat render), in the background: back to the week,
        // which shows how far it has come.
        router.post("/stations/:id/weeks/:week/render") { request, context -> Response in
            let v = Viewer(request, context)
            do {
                let (s, w) = try await stationAndWeek(site, context)
                let form = try await URLEncodedFormDecoder().decode(RenderForm.self, from: request, context: context)
                guard FormToken.valid(form.csrf, request) else { throw WebError.http(403, pages.staleForm(v.lang)) }
                let outcome = await Actions.render(site, s, w, format: form.format, lang: v.lang)
                if outcome.status != .ok && outcome.status != .accepted {
                    return try HTMLPage(pages.week(s, w, v, flash: outcome.flash), status: outcome.status).response(from: request, context: context)
                }
                var response = Response(status: .seeOther, headers: [.location: "/stations/\(s.station.id)/weeks/\(w)"])
                response.setCookie(Flash.cookie(outcome.flash))
                return response
            } catch { return try pages.failure(error, v).response(from: request, context: context) }
        }

        // The printable schedule for signing ("Lịch phát sóng" with "Người lập" and "Duyệt"), as written.
        router.get("/stations/:id/weeks/:week/print") { request, context -> HTMLPage in
            let v = Viewer(request, context)
            do {
                let (s, w) = try await stationAndWeek(site, context)
                let folder = site.workspace.readWeek(s, week: w).folder
                guard let html = try? String(contentsOfFile: folder + "/schedule.html", encoding: .utf8) else { throw WebError.notFound }
                return HTMLPage(html)
            } catch { return pages.failure(error, v) }
        }

        Reports.add(to: router, site: site, pages: pages)
        Downloads.add(to: router, site: site, pages: pages)
        StationPage.add(to: router, site: site, pages: pages)
        API.add(to: router, site: site)
        return router
    }

    /// The application on `host:port`. Stops cleanly on Ctrl-C or SIGTERM, finishing requests in progress.
    public static func application(site: Site, host: String, port: Int, tls: (certificate: String, key: String)? = nil) throws -> some ApplicationProtocol {
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

    static func stationAndWeek(_ site: Site, _ context: WebContext) async throws -> (LoadedStation, ISOWeek) {
        let s = try await site.station(try context.parameters.require("id"))
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
struct SpeakForm: PostedForm { var text: String; var name: String; var folder: String?; var csrf: String? }
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
        return HTMLPage(self.error(web, v), status: .init(code: web.status))
    }
}

/// What a page action did: a message for the page, and the status.
struct Outcome: Sendable {
    var flash: (String, Bool)
    var status: HTTPResponse.Status
    /// The week was not written because a minimum cannot be met (it may be, on request).
    var shortfall = false
    /// Then, each minimum that cannot be met, with its numbers.
    var shortfalls: [Shortfall] = []
    /// The workspace's refusal, for the API to answer with its details (the current revision on 409).
    var error: WorkspaceError?
}

/// The actions both the pages and the API take, each one workspace operation.
enum Actions {
    /// Runs a workspace action off the request's thread; a workspace error becomes the page's
    /// message and its HTTP status.
    static func run(_ lang: Language, _ act: @escaping @Sendable () throws(WorkspaceError) -> Outcome) async -> Outcome {
        await offload {
            do throws(WorkspaceError) { return try act() } catch {
                var outcome = Outcome(flash: (WorkspaceMessages.lines(error, lang, front: .web).joined(separator: " "), false),
                                      status: .init(code: WebError.workspace(error).status), error: error)
                if case .shortfall(let plan) = error { outcome.shortfall = true; outcome.shortfalls = plan.shortfalls }
                return outcome
            }
        }
    }

    /// Pins (or unpins) the airing with this id, as the page or the API named it.
    static func pin(_ site: Site, _ s: LoadedStation, _ w: ISOWeek, airing: String, pinned: Bool, write: WeekWrite, lang: Language) async -> Outcome {
        let ws = site.workspace
        return await run(lang) { () throws(WorkspaceError) -> Outcome in
            let r = try ws.edit(s, week: w, .pin(airing: airing, pinned: pinned), write: write, lang: lang)
            return Outcome(flash: (WorkspaceMessages.edited(r, s, lang), true), status: .ok)
        }
    }

    static func add(_ site: Site, _ s: LoadedStation, _ w: ISOWeek, slot: String, item: String, write: WeekWrite, lang: Language) async -> Outcome {
        let ws = site.workspace
        let parts = slot.split(separator: ".", maxSplits: 1).map(String.init)
        return await run(lang) { () throws(WorkspaceError) -> Outcome in
            let r = try ws.edit(s, week: w, .add(date: parts.first ?? "", session: parts.count > 1 ? parts[1] : "", item: item), write: write, lang: lang)
            return Outcome(flash: (WorkspaceMessages.edited(r, s, lang), r.plan.compliant), status: .ok)
        }
    }

    /// Removes the airing with this id; the message names the item, the session and the time.
    static func remove(_ site: Site, _ s: LoadedStation, _ w: ISOWeek, airing: String, write: WeekWrite, lang: Language) async -> Outcome {
        let ws = site.workspace
        return await run(lang) { () throws(WorkspaceError) -> Outcome in
            let r = try ws.edit(s, week: w, .remove(airing: airing), write: write, lang: lang)
            return Outcome(flash: (WorkspaceMessages.edited(r, s, lang), r.plan.compliant), status: .ok)
        }
    }

    /// A notice read aloud into the station's audio folder (`folder/name.wav`, its text beside it),
    /// at the station's loudness target; never over a file.
    static func speak(_ site: Site, _ s: LoadedStation, folder: String, name: String, text: String, lang: Language) async -> Outcome {
        let ws = site.workspace, vi = lang == .vi
        return await run(lang) { () throws(WorkspaceError) -> Outcome in
            let (rel, r) = try ws.speakNotice(into: s, folder: folder, name: name, text: text)
            let level = r.loudness.map { Messages.number($0, lang) } ?? "–"
            var line = vi ? "Đã đọc thông báo vào “\(rel)” (\(Messages.clock(r.duration)), \(level) LUFS); văn bản giữ bên cạnh."
                          : "The notice was read into “\(rel)” (\(Messages.clock(r.duration)), \(level) LUFS); its text is kept beside it."
            if r.limitedByPeak {
                line += vi ? " Giọng đọc chưa đạt mức chuẩn vì tăng thêm thì đỉnh vượt giới hạn." : " The voice stays under the target: more gain would pass the true-peak limit."
            }
            return Outcome(flash: (line, true), status: .ok)
        }
    }

    static func addAudio(_ site: Site, _ s: LoadedStation, folder: String, name: String, source: Workspace.AudioSource, lang: Language) async -> Outcome {
        let ws = site.workspace
        return await run(lang) { () throws(WorkspaceError) -> Outcome in
            let added = try ws.addAudio(to: s, folder: folder, name: name, source: source)
            let vi = lang == .vi
            let length = added.file.facts.duration.map { Messages.clock($0) } ?? "–"
            let problems = added.file.problems.map { Messages.text($0, lang) }
            var text = vi ? "Đã thêm “\(added.path)” (\(length))." : "Added “\(added.path)” (\(length))."
            if !problems.isEmpty { text += " " + problems.joined(separator: " ") }
            return Outcome(flash: (text, added.file.worst != .error), status: .ok)
        }
    }

    /// Plans and writes the week as its next revision (``Workspace/planWeek``): every rule of
    /// planning is the workspace's; this only words what it did.
    static func plan(_ site: Site, _ s: LoadedStation, _ w: ISOWeek, allowShortfall: Bool = false, past: Bool = false, seed: UInt64 = 0,
                     pins: [Pin] = [], exclusions: [Pin] = [], write: WeekWrite, lang: Language) async -> Outcome {
        let ws = site.workspace, vi = lang == .vi
        return await run(lang) { () throws(WorkspaceError) -> Outcome in
            let r = try ws.planWeek(s, week: w, seed: seed, allowShortfall: allowShortfall, past: past, extraPins: pins, exclusions: exclusions,
                                    write: write, lang: lang)
            var lines = [r.plan.compliant ? (vi ? "Đã lập lịch tuần \(w): đạt mọi chỉ tiêu." : "Week \(w) planned: every quota met.")
                                          : (vi ? "Đã lập lịch tuần \(w) nhưng CHƯA ĐẠT chỉ tiêu; xem ghi chú bên dưới." : "Week \(w) planned but NOT every quota is met; see the notes below."),
                         WorkspaceMessages.revised(r, lang)]
            lines += r.dropped.map { WorkspaceMessages.dropped($0, station: s.station, lang) }
            return Outcome(flash: (lines.joined(separator: "\n"), r.plan.compliant), status: .ok)
        }
    }

    /// Adds a notice to the written week from `from` on (default: now, station time), as
    /// `lichphat amend` does: the week becomes the next revision (the one before kept) and needs
    /// approving again.
    static func amend(_ site: Site, _ s: LoadedStation, _ w: ISOWeek, item: String, times: Int?, priority: Bool, from: Int?,
                      write: WeekWrite, lang: Language) async -> Outcome {
        let ws = site.workspace
        return await run(lang) { () throws(WorkspaceError) -> Outcome in
            let start = from ?? s.clock.now(ws.now())
            let r = try ws.amend(s, week: w, item: item, times: times, priority: priority, from: start, write: write, lang: lang)
            return Outcome(flash: (WorkspaceMessages.amended(r, lang).joined(separator: "\n"), true), status: .ok)   // a line each (pre-line)
        }
    }

    /// Starts rendering the written week for the platforms (as `lichphat render`) in the background:
    /// 202 when started, 409 when it is being rendered already, 404 when the week is not written,
    /// 422 for a format other than mp3 or wav.
    static func render(_ site: Site, _ s: LoadedStation, _ w: ISOWeek, format: String?, lang: Language) async -> Outcome {
        let vi = lang == .vi
        let f = (format ?? "mp3").lowercased(), ws = site.workspace
        let checked = await run(lang) { () throws(WorkspaceError) -> Outcome in
            try ws.checkRender(s, week: w, formatNamed: f)
            return Outcome(flash: ("", true), status: .ok)
        }
        guard checked.status == .ok else { return checked }
        guard site.renders.start(site, s, w, format: f, lang: lang) else {
            return Outcome(flash: (vi ? "Tuần \(w) đang được xuất; chờ xong rồi xuất lại nếu cần." : "Week \(w) is being rendered; wait for it to finish.", false), status: .conflict)
        }
        return Outcome(flash: (vi ? "Bắt đầu xuất tuần \(w) cho nền tảng loa; trang sẽ tự cập nhật." : "Rendering week \(w) for the platforms; the page updates itself.", true), status: .accepted)
    }

    /// Approves the revision the leader saw: with accounts, as the logged-in leader (an operator
    /// is refused, 403); without, under the name typed. The name's rules are the workspace's.
    static func approve(_ site: Site, _ s: LoadedStation, _ w: ISOWeek, typed: String?, by viewer: Viewer, write: WeekWrite, lang: Language) async -> Outcome {
        let vi = lang == .vi
        let name = viewer.account?.fullName ?? typed ?? ""
        let ws = site.workspace
        return await run(lang) { () throws(WorkspaceError) -> Outcome in
            let (a, r) = try ws.approve(s, week: w, by: name, write: write)
            return Outcome(flash: (vi ? "Đã ghi nhận: \(a.by) duyệt bản \(r.number) của lịch lúc \(WorkspaceMessages.when(a.at, lang))."
                                      : "Recorded: \(a.by) approved revision \(r.number) at \(WorkspaceMessages.when(a.at, lang)).", true), status: .ok)
        }
    }
}

