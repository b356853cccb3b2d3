import Foundation
import Hummingbird
import HTTPTypes
import LichPhatCore
import LichPhatFormats
import LichPhatText
import LichPhatWorkspace

/// The JSON API (`/api/…`), described by `/openapi.json` (committed as `schemas/openapi.json`).
/// Errors are `{"error": {"code", "message"}}` in the request's language: 400 (a malformed week
/// or body), 404 (no such station, or a week not planned), 409 (approved, busy, already
/// approved), 422 (a minimum cannot be met, or an input the workspace refuses).
enum APIController {
    struct StationSummary: Encodable { var id: String; var name: String; var timezone: String }
    struct ApproveBody: Decodable { var by: String?; var revision: String? }
    struct PinBody: Decodable { var pinned: Bool }
    struct RenderBody: Decodable { var format: String? }
    struct AmendBody: Decodable { var item: String; var times: Int?; var priority: Bool?; var from: String? }
    struct PlanBody: Decodable { var allowShortfall: Bool?; var past: Bool?; var seed: UInt64?; var pins: [Pin]?; var remove: [Pin]? }

    static func addRoutes(to router: Router<WebContext>, site: Site) {
        router.get("/openapi.json") { _, _ -> Response in
            json(OpenAPIDocument.json)
        }
        router.get("/api/stations") { _, context -> Response in
            var list: [StationSummary] = []
            for entry in await site.stations(for: context.identity) {
                if case .loaded(let s) = entry {
                    list.append(StationSummary(id: s.station.id, name: s.station.name, timezone: s.station.timeZone))
                }
            }
            return json(String(decoding: (try? JSONEncoder().encode(list)) ?? Data("[]".utf8), as: UTF8.self))
        }
        router.get("/api/stations/:id/library") { request, context -> Response in
            do {
                let s = try await site.station(context, .read)
                return json(ScanOutput.json(s.report, lang: request.language))
            } catch { return failure(error, request) }
        }
        router.get("/api/stations/:id/weeks/:week/files/:name") { request, context -> Response in
            do {
                let (s, w) = try await stationAndWeek(site, context, request.language, .read)
                let name = try context.parameters.require("name")
                return try listedFile(site.workspace.readWeek(s, week: w).folder, name, disposition: "inline")
            } catch { return failure(error, request) }
        }
        router.get("/api/stations/:id/weeks/:week") { request, context -> Response in
            do {
                let (s, w) = try await stationAndWeek(site, context, request.language, .read)
                return try week(site, s, w, lang: request.language)
            } catch { return failure(error, request) }
        }
        router.post("/api/stations/:id/weeks/:week/plan") { request, context -> Response in
            do {
                let (s, w) = try await stationAndWeek(site, context, request.language, .change)
                let body = try await optionalBody(PlanBody.self, request, context)
                let outcome = await Actions.plan(site, s, w, allowShortfall: body?.allowShortfall ?? false, past: body?.past ?? false,
                                                 seed: body?.seed ?? 0, pins: body?.pins ?? [], exclusions: body?.remove ?? [],
                                                 write: try write(request, context), lang: request.language)
                if outcome.shortfall { return shortfall(outcome) }
                if outcome.status != .ok { return refused(outcome) }
                return try week(site, s, w, lang: request.language)
            } catch { return failure(error, request) }
        }
        // One library file by its path: DELETE takes it out (204; 409 with what uses it), PUT replaces it
        // by the body, a new version (200 with its scan entry; 422 when it does not play).
        @Sendable func libraryPath(_ context: WebContext) -> String {
            context.parameters.getCatchAll().map { String($0).removingPercentEncoding ?? String($0) }.joined(separator: "/")
        }
        router.delete("/api/stations/:id/library/**") { request, context -> Response in
            do {
                let s = try await site.station(context, .change)
                let ws = site.workspace, path = libraryPath(context)
                let outcome = await Actions.run(request.language) { () throws(WorkspaceError) -> Outcome in
                    _ = try ws.removeAudio(from: s, path: path)
                    return Outcome(flash: ("", true), status: .noContent)
                }
                if outcome.status != .noContent { return refused(outcome) }
                return Response(status: .noContent)
            } catch { return failure(error, request) }
        }
        router.put("/api/stations/:id/library/**") { request, context -> Response in
            do {
                let s = try await site.station(context, .change)
                let body = try await Upload.spoolBody(request, limit: site.uploadLimit, spool: site.spool)
                defer { unlink(body) }
                let ws = site.workspace, path = libraryPath(context), lang = request.language
                let replaced: Result<AddedAudio, WorkspaceError> = await offload {
                    do throws(WorkspaceError) { return .success(try ws.replaceAudio(in: s, path: path, source: .file(body))) } catch { return .failure(error) }
                }
                switch replaced {
                case .success(let added): return json(ScanOutput.file(added.file, path: added.path, lang: lang).rendered(pretty: false))
                case .failure(let e): return failure(e, request)
                }
            } catch { return failure(error, request) }
        }
        // Audio files into the station's library, all or none: 409 when a name is taken, 413 over the limit.
        router.post("/api/stations/:id/library") { request, context -> Response in
            do {
                let s = try await site.station(context, .change)
                let form = try await Upload.read(request, context: context, limit: site.uploadLimit, spool: site.spool)
                defer { form.discard() }
                let files = zip(form.files, form.fileFields).filter { $0.1 == "files" }.map { (name: $0.0.name, source: Workspace.AudioSource.file($0.0.path)) }
                guard !files.isEmpty else { throw WebError.http(422, request.language == .vi ? "Không có tệp nào trong trường files." : "No file in the field files.") }
                let ws = site.workspace, folder = form.folder, lang = request.language
                let added: Result<[AddedAudio], WorkspaceError> = await offload {
                    do throws(WorkspaceError) { return .success(try ws.addAudio(to: s, folder: folder, sources: files)) } catch { return .failure(error) }
                }
                let list = try added.get()
                return json(JSONValue.object([("files", .array(list.map { ScanOutput.file($0.file, path: $0.path, lang: lang) }))]).rendered(pretty: false))
            } catch { return failure(error, request) }
        }
        router.post("/api/stations/:id/audit") { request, context -> Response in
            do { return try await audit(site, request, context) } catch { return failure(error, request) }
        }
        // A notice added to the written week from a time on (lichphat amend): the week as written after.
        router.post("/api/stations/:id/weeks/:week/amend") { request, context -> Response in
            do {
                let (s, w) = try await stationAndWeek(site, context, request.language, .change)
                let lang = request.language, vi = lang == .vi
                guard let body = try await optionalBody(AmendBody.self, request, context) else {
                    throw WebError.http(400, vi ? "Cần nội dung JSON {\"item\": \"mã mục\"}." : "A JSON body {\"item\": \"item id\"} is needed.")
                }
                var from: Int?
                if let text = body.from {
                    guard let t = StationClock.parseMinute(text) else {
                        throw WebError.http(422, vi ? "from “\(text)” không phải thời điểm dạng 2026-11-25T17:00." : "from “\(text)” is not a time like 2026-11-25T17:00.")
                    }
                    from = t
                }
                let outcome = await Actions.amend(site, s, w, item: body.item, times: body.times, priority: body.priority ?? false, from: from,
                                                  write: try write(request, context), lang: lang)
                if outcome.status != .ok { return refused(outcome) }
                return try week(site, s, w, lang: lang)
            } catch { return failure(error, request) }
        }
        // Rendering for the platforms, in the background: started (202), then how far it has come.
        router.post("/api/stations/:id/weeks/:week/render") { request, context -> Response in
            do {
                let (s, w) = try await stationAndWeek(site, context, request.language, .change)
                let body = try await optionalBody(RenderBody.self, request, context)
                let outcome = await Actions.render(site, s, w, format: body?.format, lang: request.language)
                if outcome.status != .accepted { return error(code(outcome.status.code), outcome.flash.0, outcome.status) }
                return renderJob(site, s, w, status: .accepted, lang: request.language)
            } catch { return failure(error, request) }
        }
        router.get("/api/stations/:id/weeks/:week/render") { request, context -> Response in
            do {
                let (s, w) = try await stationAndWeek(site, context, request.language, .read)
                guard site.renders.job(s, week: w) != nil else {
                    return error("not-found", request.language == .vi ? "Tuần \(w) chưa được xuất từ khi máy chủ chạy." : "Week \(w) has not been rendered since the server started.", .notFound)
                }
                return renderJob(site, s, w, status: .ok, lang: request.language)
            } catch { return failure(error, request) }
        }
        addRevisions(to: router, site: site)
        router.post("/api/stations/:id/weeks/:week/approve") { request, context -> Response in
            do {
                let (s, w) = try await stationAndWeek(site, context, request.language, .change)
                // With accounts the approver is the logged-in leader, and the body may be empty.
                let body = try await optionalBody(ApproveBody.self, request, context)
                var write = try write(request, context)
                if write.expected == .unchecked || write.expected == .any, let r = body?.revision {
                    guard let e = ExpectedRevision(token: r) else { throw WebError.http(400, request.language == .vi ? "“revision” phải là SHA-256 của bản (ETag của tuần)." : "“revision” must be the revision's SHA-256 (the week's ETag).") }
                    write.expected = e
                }
                let outcome = await Actions.approve(site, s, w, typed: body?.by, by: Viewer(request, context), write: write, lang: request.language)
                if outcome.status != .ok { return refused(outcome) }
                guard let a = site.workspace.readWeek(s, week: w).state.approvedBy else { throw WebError.notFound }
                return json(JSONValue.object([("by", .string(a.by)), ("at", .string(a.at)), ("sha256", .string(a.sha256)),
                                              ("revision", .int(a.revision ?? 0))]).rendered(pretty: false))
            } catch { return failure(error, request) }
        }
    }

    /// The week's revisions, airings by id, and their edits.
    static func addRevisions(to router: Router<WebContext>, site: Site) {
        router.get("/api/stations/:id/weeks/:week/history") { request, context -> Response in
            do {
                let (s, w) = try await stationAndWeek(site, context, request.language, .read)
                let h = site.workspace.history(s, week: w)
                guard !h.revisions.isEmpty else {
                    return error("not-planned", request.language == .vi ? "Tuần \(w) chưa lập lịch." : "Week \(w) has not been planned.", .notFound)
                }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                return json(String(decoding: try encoder.encode(h), as: UTF8.self))
            } catch { return failure(error, request) }
        }
        router.delete("/api/stations/:id/weeks/:week/airings/:airing") { request, context -> Response in
            do {
                let (s, w) = try await stationAndWeek(site, context, request.language, .change)
                let id = try context.parameters.require("airing")
                let outcome = await Actions.remove(site, s, w, airing: id, write: try write(request, context), lang: request.language)
                if outcome.status != .ok { return refused(outcome) }
                return try week(site, s, w, lang: request.language)
            } catch { return failure(error, request) }
        }
        router.post("/api/stations/:id/weeks/:week/airings/:airing/pin") { request, context -> Response in
            do {
                let (s, w) = try await stationAndWeek(site, context, request.language, .change)
                let id = try context.parameters.require("airing")
                guard let body = try await optionalBody(PinBody.self, request, context) else {
                    throw WebError.http(400, request.language == .vi ? "Cần nội dung JSON {\"pinned\": true}." : "A JSON body {\"pinned\": true} is needed.")
                }
                let outcome = await Actions.pin(site, s, w, airing: id, pinned: body.pinned, write: try write(request, context), lang: request.language)
                if outcome.status != .ok { return refused(outcome) }
                return try week(site, s, w, lang: request.language)
            } catch { return failure(error, request) }
        }
    }

    /// Who writes (the account, through the API), on which revision (`If-Match`), in which request
    /// (`Idempotency-Key`: sent twice, done once). A malformed `If-Match` is 400.
    static func write(_ request: Request, _ context: WebContext) throws -> WeekWrite {
        var expected = ExpectedRevision.unchecked
        if let raw = request.headers[.ifMatch] {
            guard let e = ExpectedRevision(token: raw) else {
                throw WebError.http(400, request.language == .vi ? "If-Match phải là ETag của tuần (SHA-256 trong ngoặc kép)." : "If-Match must be the week's ETag (a SHA-256 in quotes).")
            }
            expected = e
        }
        let key = HTTPField.Name("Idempotency-Key").flatMap { request.headers[$0] }
        return WeekWrite(Actor(by: context.identity?.name ?? "", via: .api, role: context.identity?.role), expected: expected, request: key)
    }

    /// A refused write: its status and words, and on 409 the week's revision now.
    static func refused(_ outcome: Outcome) -> Response {
        var fields: [(String, JSONValue)] = [("code", .string(code(outcome.status.code))), ("message", .string(outcome.flash.0))]
        if let e = outcome.error { fields.append(("reason", .string(e.code))) }
        if case .revisionMoved(_, let current)? = outcome.error {
            fields.append(("revision", current.map { r in
                .object([("number", .int(r.number)), ("hash", .string(r.hash)), ("by", .string(r.by)), ("at", .string(r.at))])
            } ?? .null))
        }
        if case .audioInUse(_, let use)? = outcome.error {
            fields.append(("use", .object([("items", .array(use.items.map { .string($0) })), ("weeks", .array(use.weeks.map { .string($0.description) }))])))
        }
        if case .weekEverApproved(_, let r)? = outcome.error {
            fields.append(("revision", .object([("number", .int(r.number)), ("hash", .string(r.hash)), ("by", .string(r.by)), ("at", .string(r.at))])))
        }
        return json(JSONValue.object([("error", .object(fields))]).rendered(pretty: false), outcome.status)
    }

    static func renderJob(_ site: Site, _ s: LoadedStation, _ w: ISOWeek, status: HTTPResponse.Status, lang: Language = .vi) -> Response {
        guard let job = site.renders.job(s, week: w) else { return error("not-found", "", .notFound) }
        return json(JSONValue.object([("state", .string(job.state.rawValue)), ("done", .int(job.done)), ("total", .int(job.total)),
                                      ("format", .string(job.format)), ("message", job.said(lang).map { .string($0) } ?? .null)]).rendered(pretty: false), status)
    }

    /// `POST /api/stations/{station}/audit`: multipart with `period` (or `from` and `to`) and any
    /// number of `asrun` play logs → the audit JSON (`lichphat/audit@1`). The logs are read from a
    /// private temporary folder and not kept (the report page keeps the ones it is given).
    static func audit(_ site: Site, _ request: Request, _ context: WebContext) async throws -> Response {
        let lang = request.language
        let s = try await site.station(context, .read)
        let form = try await Upload.read(request, context: context, limit: Upload.logLimit, spool: site.spool)
        defer { form.discard() }
        // A play log is a file part; the same name as a plain field is a malformed request, not
        // "no play log" (the report would silently be from the plans).
        if form.fields["asrun"] != nil {
            throw WebError.http(400, lang == .vi ? "asrun phải là tệp nhật ký phát (một phần có filename), không phải một ô chữ." : "asrun must be a play-log file (a part with a filename), not a text field.")
        }
        var asked = ReportRequest()
        asked.period = (form.fields["period"] ?? "").trimmingCharacters(in: .whitespaces)
        asked.from = (form.fields["from"] ?? "").trimmingCharacters(in: .whitespaces)
        asked.to = (form.fields["to"] ?? "").trimmingCharacters(in: .whitespaces)
        let period = try asked.resolvedPeriod(lang).get()
        let folder = NSTemporaryDirectory() + "lichphat-audit-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var paths: [String] = []
        func hideFolder(_ text: String) -> String {
            paths.reduce(text) { t, p in t.replacingOccurrences(of: (p as NSString).deletingLastPathComponent + "/", with: "") }
        }
        for (n, file) in form.files.enumerated() where form.fileFields[n] == "asrun" {
            // The file's own name only for messages: on disk it is a number.
            let safe = file.name.unicodeScalars.contains { $0.value < 0x20 } || file.name.contains("/") || file.name.isEmpty ? "log-\(n).csv" : file.name
            let dir = folder + "/\(n)"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: false)
            // The spooled file itself, under its own name for messages (a link: no copy, no memory).
            if link(file.path, dir + "/" + safe) != 0 { try FileManager.default.copyItem(atPath: file.path, toPath: dir + "/" + safe) }
            paths.append(dir + "/" + safe)
        }
        switch await Actions.audit(site, [s], period: period, logs: paths.isEmpty ? [:] : [s.station.id: paths]) {
        case .success(let audits):
            // Paths of the temporary folder are not the caller's business: their own names only.
            return json(hideFolder(AuditOutput.json(audits, lang: lang)))
        case .failure(let e):
            let message = hideFolder(WorkspaceMessages.lines(e, lang, front: .web).joined(separator: " "))
            return error(code(WebError.workspace(e).statusCode), message, .init(code: WebError.workspace(e).statusCode))
        }
    }

    /// The station and week of the path: an unknown station is 404, a week not written like
    /// `2026-W48` (or one that does not exist) is 400.
    static func stationAndWeek(_ site: Site, _ context: WebContext, _ lang: Language, _ access: StationAccess) async throws -> (LoadedStation, ISOWeek) {
        let text = try context.parameters.require("week")
        let u = Array(text.utf8)
        let digits = { (r: Range<Int>) in r.allSatisfy { u[$0] >= 0x30 && u[$0] <= 0x39 } }
        let vi = lang == .vi
        guard u.count == 8, digits(0..<4), u[4] == 0x2D, u[5] == 0x57, digits(6..<8) else {
            throw WebError.http(400, vi ? "Tuần “\(text.prefix(40))” phải viết dạng 2026-W48." : "The week “\(text.prefix(40))” must be written like 2026-W48.")
        }
        // Well written, but a week that cannot exist (2026-W53, W00, a year outside 2000–2100): a bad request too.
        guard let w = ISOWeek(text), w.description == text else {
            throw WebError.http(400, vi ? "Tuần \(text) không có: tuần từ W01 đến W\(ISOWeek.years.contains(Int(text.prefix(4)) ?? 0) ? ISOWeek.weeks(in: Int(text.prefix(4)) ?? 2026) : 52), năm \(ISOWeek.years.lowerBound)–\(ISOWeek.years.upperBound)."
                                         : "There is no week \(text): weeks run W01 to W\(ISOWeek.years.contains(Int(text.prefix(4)) ?? 0) ? ISOWeek.weeks(in: Int(text.prefix(4)) ?? 2026) : 52), years \(ISOWeek.years.lowerBound)–\(ISOWeek.years.upperBound).")
        }
        return (try await site.station(context, access), w)
    }

    /// The week's schedule.json as written, with its approval state; 404 when not planned. The
    /// file's text is kept as it is and the approval added at its end (re-encoding the whole
    /// document with sorted keys took two thirds of this call's time).
    static func week(_ site: Site, _ s: LoadedStation, _ w: ISOWeek, lang: Language) throws -> Response {
        let folder = s.weeksFolder + "/" + w.description
        let state = site.workspace.state(ofWeek: folder)
        guard let data = FileManager.default.contents(atPath: folder + "/schedule.json"),
              var text = String(data: data, encoding: .utf8) else {
            return error("not-planned", lang == .vi ? "Tuần \(w) chưa lập lịch." : "Week \(w) has not been planned.", .notFound)
        }
        while let last = text.unicodeScalars.last, last == "\n" || last == " " || last == "\r" || last == "\t" { text.unicodeScalars.removeLast() }
        guard text.hasPrefix("{"), text.hasSuffix("}") else { throw WebError.http(500, "schedule.json is not a JSON object") }
        var approval: [(String, JSONValue)] = [("state", .string(state.approval.rawValue))]
        if let a = state.approvedBy { approval += [("by", .string(a.by)), ("at", .string(a.at))] }
        let hash = WeekFolder.sha256(data)
        let number = WeekFolder.history(of: folder).revisions.last { $0.hash == hash }?.number ?? 1
        let revision = JSONValue.object([("number", .int(number)), ("hash", .string(hash))])
        // The file's own `"revision": n` (from the second revision on) gives way to the object.
        // It is written right after "week", near the top: looked for in the first bytes only, byte by
        // byte (Foundation's search over the whole 75 KB text was half of this call's time).
        if let r = Self.nearTop("\n  \"revision\": \(number),", in: text) { text.removeSubrange(r) }
        text.removeLast()
        // Nothing but white space after the brace (a look at the bytes: trimming the whole text
        // through Foundation was nearly half of this call's time).
        let empty = text.utf8.dropFirst().allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        text += (empty ? "" : ",") + "\n  \"approval\": " + JSONValue.object(approval).rendered(pretty: false)
            + ",\n  \"revision\": " + revision.rendered(pretty: false) + "\n}\n"
        var response = json(text)
        response.headers[.eTag] = "\"\(hash)\""
        return response
    }

    /// Where `needle` is in the first 4 KB of `text`, compared as UTF-8 bytes.
    static func nearTop(_ needle: String, in text: String) -> Range<String.Index>? {
        let hay = text.utf8, n = Array(needle.utf8)
        guard let first = n.first else { return nil }
        var i = hay.startIndex
        var scanned = 0
        while i != hay.endIndex, scanned < 4096 {
            if hay[i] == first {
                var j = i, k = 0
                while k < n.count, j != hay.endIndex, hay[j] == n[k] { j = hay.index(after: j); k += 1 }
                if k == n.count { return i..<j }
            }
            i = hay.index(after: i)
            scanned += 1
        }
        return nil
    }

    /// A file the folder lists, by its name alone (no path, no hidden file: 404 otherwise).
    static func listedFile(_ folder: String, _ name: String, disposition: String) throws -> Response {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        // A week's file is a regular file the program wrote: never a link (out of the folder or not), never a folder.
        var st = stat()
        guard lstat(folder, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR,   // the folder itself not a link either (render/ → /etc)
              !name.hasPrefix("."), names.contains(name), Workspace.isRegularFile(folder + "/" + name, followingLinks: false) else {
            throw WebError.notFound
        }
        // Streamed: a rendered WAV session is hundreds of MB.
        return try DownloadsController.streamed(folder + "/" + name, contentType: contentType(name), disposition: disposition)
    }

    static func contentType(_ name: String) -> String {
        switch (name as NSString).pathExtension.lowercased() {
        case "mp3": "audio/mpeg"
        case "wav": "audio/wav"
        case "json": "application/json; charset=utf-8"
        case "csv": "text/csv; charset=utf-8"
        case "ics": "text/calendar; charset=utf-8"
        case "m3u8": "application/vnd.apple.mpegurl"
        case "html": "text/html; charset=utf-8"
        case "liq": "text/plain; charset=utf-8"
        default: "application/octet-stream"
        }
    }

    /// A JSON body that may be absent.
    static func optionalBody<T: Decodable>(_ type: T.Type, _ request: Request, _ context: WebContext) async throws -> T? {
        var request = request
        let buffer: ByteBuffer
        do { buffer = try await request.collectBody(upTo: 64 * 1024) } catch {
            throw WebError.http(413, request.language == .vi ? "Nội dung JSON quá lớn: tối đa 64 KB." : "The JSON body is too large: at most 64 KB.")
        }
        guard buffer.readableBytes > 0 else { return nil }
        return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
    }

    static func json(_ text: String, _ status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func code(_ status: Int) -> String {
        switch status { case 400: "bad-request"; case 403: "forbidden"; case 404: "not-found"; case 405: "method-not-allowed"
                        case 409: "conflict"; case 413: "too-large"; case 415: "unsupported-media-type"; case 422: "invalid"
                        case 428: "revision-required"; default: "failed" }
    }

    /// 422 for a week that cannot meet a minimum: the message, and each minimum with its numbers
    /// (seconds for lengths), as `lichphat plan --explain` gives them.
    static func shortfall(_ outcome: Outcome) -> Response {
        let list: [JSONValue] = outcome.shortfalls.map { f in
            let (kind, id): (String, String) = switch f.subject { case .rule(let r): ("rule", r); case .item(let i): ("item", i) }
            return .object([
                ("kind", .string(kind)), ("id", .string(id)), ("name", .string(f.name)),
                ("needed", .int(f.needed)), ("got", .int(f.got)),
                ("allowedSessions", .int(f.allowedSessions)), ("capacityLeft", .number(Double(f.capacityLeft) / 1000, digits: 3)),
                ("largestGap", .number(Double(f.largestGap) / 1000, digits: 3)), ("eligibleItems", .int(f.eligibleItems)),
                ("shortestItem", f.shortestItem.map { .number(Double($0) / 1000, digits: 3) } ?? .null),
                ("outOfWindow", .array(f.outOfWindow.map { .string($0) })), ("unusable", .array(f.unusable.map { .string($0) })),
            ])
        }
        return json(JSONValue.object([("error", .object([("code", .string("shortfall")), ("message", .string(outcome.flash.0)),
                                                         ("shortfalls", .array(list))]))]).rendered(pretty: false), .unprocessableContent)
    }

    static func error(_ code: String, _ message: String, _ status: HTTPResponse.Status) -> Response {
        json(JSONValue.object([("error", .object([("code", .string(code)), ("message", .string(message))]))]).rendered(pretty: false), status)
    }

    static func failure(_ error: any Error, _ request: Request) -> Response {
        let lang = request.language
        let web: WebError
        if let e = error as? WebError { web = e }
        else if let e = error as? WorkspaceError { web = .workspace(e) }
        else if let e = error as? HTTPError { web = e.status == .notFound ? .notFound : .http(e.status.code, e.body ?? e.status.reasonPhrase) }
        else if error is DecodingError { web = .badRequest(lang == .vi ? "Nội dung gửi lên không đúng dạng JSON mô tả trong /openapi.json." : "The body is not the JSON /openapi.json describes.") }
        else { web = .badRequest("\(error)") }
        if case .workspace(let e) = web {
            return json(JSONValue.object([("error", .object([("code", .string(code(web.statusCode))), ("message", .string(web.lines(lang).joined(separator: " "))),
                                                             ("reason", .string(e.code))]))]).rendered(pretty: false), .init(code: web.statusCode))
        }
        return self.error(code(web.statusCode), web.lines(lang).joined(separator: " "), .init(code: web.statusCode))
    }
}
