import Foundation
import Hummingbird
import LichPhatCore
import LichPhatFormats
import LichPhatText
import LichPhatWorkspace

/// The station's items (and relays), rules and sessions, one form each: added, changed and
/// removed in the station file's own text by the workspace (``Workspace/putEntry(_:_:replacing:base:)``),
/// which checks every field; a refusal is shown at its field. The page only reads the form and
/// draws it.
enum EntryController {
    /// `items`, `rules`, `sessions` in the address.
    static func kind(_ plural: String) throws -> StationEntry.Kind {
        guard let k = StationEntry.Kind.allCases.first(where: { $0.block == plural }) else { throw WebError.notFound }
        return k
    }

    static func addRoutes(to router: Router<WebContext>, site: Site, pages: Pages) {
        // A new entry's form: an item from a library file (`?file=`), a relay (`?relay=1`), or empty.
        router.get("/stations/:id/station/new/:kind") { request, context -> HTMLPage in
            let v = Viewer(request, context)
            do {
                let s = try await site.station(context, .read)
                let k = try kind(try context.parameters.require("kind"))
                let source = try site.workspace.stationSource(s)
                let entry: StationEntry
                switch k {
                case .item:
                    var x = ItemFields()
                    if let file = request.uri.queryParameters.get("file").map({ $0.replacingOccurrences(of: "+", with: " ") }), !file.isEmpty {
                        x = site.workspace.itemDraft(s, file: file)
                    }
                    if request.uri.queryParameters.get("relay") != nil { x.relay = true }
                    entry = .item(x)
                case .rule: entry = .rule(RuleFields())
                case .session: entry = .session(SessionFields())
                }
                return HTMLPage(page(site, pages, s, v, entry, editing: nil, base: source.sha256))
            } catch { return pages.failure(error, v) }
        }
        router.get("/stations/:id/station/:kind/:entry") { request, context -> HTMLPage in
            let v = Viewer(request, context)
            do {
                let s = try await site.station(context, .read)
                let k = try kind(try context.parameters.require("kind"))
                let id = try context.parameters.require("entry")
                guard let entry = site.workspace.entryFields(s, k, id: id) else {
                    if k == .item, s.station.item(id) != nil { throw WorkspaceError.cannotEditByForm(id: id) }
                    throw WorkspaceError.noSuchEntry(kind: k.rawValue, id: id)
                }
                let source = try site.workspace.stationSource(s)
                let saved = request.uri.queryParameters.get("saved") != nil
                return HTMLPage(page(site, pages, s, v, entry, editing: id, base: source.sha256, flash: saved ? Text(v.lang).entrySaved : nil))
            } catch { return pages.failure(error, v) }
        }
        // Save: a new entry (POST …/station/items), or the one named (POST …/station/items/tb-dien).
        @Sendable func save(_ request: Request, _ context: WebContext, editing: String?) async -> Response {
            let v = Viewer(request, context), lang = v.lang
            do {
                let s = try await site.station(context, .change)
                let k = try kind(try context.parameters.require("kind"))
                let form = try await FormPairs.read(request, context: context)
                guard FormToken.valid(form.first("csrf"), request) else { throw WebError.http(403, pages.staleForm(lang)) }
                let entry = fields(k, form)
                let ws = site.workspace, base = form.first("base") ?? ""
                let result: Result<LoadedStation, WorkspaceError> = await offload {
                    do throws(WorkspaceError) { return .success(try ws.putEntry(s, entry, replacing: editing, base: base)) } catch { return .failure(error) }
                }
                switch result {
                case .success(let after):
                    let id = editing ?? entry.id
                    return Response(status: .seeOther, headers: [.location: "/stations/\(after.station.id)/station/\(k.block)/\(id)?saved=1"])
                case .failure(let e):
                    return try HTMLPage(page(site, pages, s, v, entry, editing: editing, base: base, error: e), status: .init(code: WebError.workspace(e).statusCode))
                        .response(from: request, context: context)
                }
            } catch { return (try? pages.failure(error, v).response(from: request, context: context)) ?? Response(status: .internalServerError) }
        }
        router.post("/stations/:id/station/:kind") { request, context -> Response in await save(request, context, editing: nil) }
        router.post("/stations/:id/station/:kind/:entry") { request, context -> Response in
            await save(request, context, editing: try context.parameters.require("entry"))
        }
        router.post("/stations/:id/station/:kind/:entry/remove") { request, context -> Response in
            let v = Viewer(request, context), lang = v.lang
            do {
                let s = try await site.station(context, .change)
                let k = try kind(try context.parameters.require("kind"))
                let id = try context.parameters.require("entry")
                let form = try await FormPairs.read(request, context: context)
                guard FormToken.valid(form.first("csrf"), request) else { throw WebError.http(403, pages.staleForm(lang)) }
                let ws = site.workspace, base = form.first("base") ?? ""
                let result: Result<LoadedStation, WorkspaceError> = await offload {
                    do throws(WorkspaceError) { return .success(try ws.removeEntry(s, k, id: id, base: base)) } catch { return .failure(error) }
                }
                switch result {
                case .success: return Response(status: .seeOther, headers: [.location: "/stations/\(s.station.id)/station?removed=1"])
                case .failure(let e):
                    let source = try site.workspace.stationSource(s)
                    let status = HTTPResponse.Status(code: WebError.workspace(e).statusCode)
                    if let entry = site.workspace.entryFields(s, k, id: id) {
                        return try HTMLPage(page(site, pages, s, v, entry, editing: id, base: source.sha256, error: e), status: status).response(from: request, context: context)
                    }
                    throw e
                }
            } catch { return try pages.failure(error, v).response(from: request, context: context) }
        }
    }

    /// A comma list as typed: `nq57, tin-tuc` → two values.
    static func list(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The form's values into the workspace's fields, as typed (the workspace says what is wrong).
    static func fields(_ k: StationEntry.Kind, _ f: FormPairs) -> StationEntry {
        let v = { (key: String) in f.first(key) ?? "" }
        switch k {
        case .item:
            var x = ItemFields()
            x.id = v("id"); x.title = v("title"); x.relay = f.first("relay") != nil
            x.file = x.relay ? "" : v("file"); x.length = x.relay ? v("length") : ""; x.url = x.relay ? v("url") : ""
            x.tags = list(f.first("tags")); x.from = v("from"); x.until = v("until")
            x.days = f.all("days"); x.sessions = f.all("sessions")
            x.perWeekMin = v("per_week.min"); x.perWeekMax = v("per_week.max"); x.priority = v("priority")
            return .item(x)
        case .rule:
            var x = RuleFields()
            x.id = v("id"); x.name = v("name"); x.tags = list(f.first("tags"))
            x.perWeekMin = v("per_week.min"); x.perWeekMax = v("per_week.max"); x.days = f.all("days"); x.sessions = f.all("sessions")
            return .rule(x)
        case .session:
            var x = SessionFields()
            x.id = v("id"); x.name = v("name"); x.days = f.all("days"); x.start = v("start"); x.length = v("length")
            x.open = list(f.first("open")); x.close = list(f.first("close"))
            return .session(x)
        }
    }

    static func page(_ site: Site, _ pages: Pages, _ s: LoadedStation, _ v: Viewer, _ entry: StationEntry, editing: String?, base: String,
                     error: WorkspaceError? = nil, flash: String? = nil) -> String {
        let lang = v.lang, t = Text(lang)
        // The field a refusal names gets its words beside it; anything else goes on top.
        var fieldError: [String: String] = [:]
        var errors: [String] = []
        if let error {
            let lines = WorkspaceMessages.lines(error, lang, front: .web)
            if case .badField(_, let field, _) = error { fieldError[field] = lines.joined(separator: " ") } else { errors = lines }
        }
        func field(_ name: String, _ value: String, type: String = "text", readonly: Bool = false, help: String? = nil, placeholder: String? = nil) -> [String: Any] {
            var f: [String: Any] = ["name": name, "id": name.replacingOccurrences(of: ".", with: "-"), "label": t.words.fieldLabel(name),
                                    "isText": true, "type": type, "value": value, "readonly": readonly]
            if let help { f["help"] = help }
            if let placeholder { f["placeholder"] = placeholder }
            if let e = fieldError[name] { f["error"] = e }
            return f
        }
        func checks(_ name: String, _ options: [(String, String)], _ chosen: [String], help: String) -> [String: Any] {
            var f: [String: Any] = ["name": name, "id": name, "label": t.words.fieldLabel(name), "isChecks": true, "help": help,
                                    "options": options.map { ["value": $0.0, "text": $0.1, "checked": chosen.contains($0.0)] }]
            if let e = fieldError[name] { f["error"] = e }
            return f
        }
        let dayOptions = Weekday.allCases.map { ($0.key, $0.name(lang)) }
        // `weekdays` from a file shows as its five days ticked.
        func dayKeys(_ d: [String]) -> [String] { d.flatMap { Weekday.set(named: $0).map { $0.sorted().map(\.key) } ?? [$0] } }
        let sessionOptions = s.station.sessions.map { ($0.id, "\($0.name) (\(StationClock.time($0.start)))") }
        var fields: [[String: Any]] = []
        var player: String?
        let heading: String
        switch entry {
        case .item(let x):
            heading = editing.map { "\(t.itemTitle) “\($0)”" } ?? t.newItemTitle
            fields.append(field("id", x.id, readonly: editing != nil, help: t.vi ? "chữ thường không dấu, số và “-”, ví dụ tb-cat-dien" : "a-z, 0-9 and “-”, e.g. power-cut"))
            fields.append(field("title", x.title))
            var toggle: [String: Any] = ["name": "relay", "id": "relay", "label": t.words.fieldLabel("relay"), "isToggle": true, "toggleLabel": t.relayToggle, "checked": x.relay]
            if let e = fieldError["relay"] { toggle["error"] = e }
            fields.append(toggle)
            let files = s.report.files.map { relativePath(from: s.audioFolder, to: $0.path) }.sorted()
            var fileField: [String: Any] = ["name": "file", "id": "file", "label": t.words.fieldLabel("file"), "isSelect": true, "group": "file",
                                            "options": [["value": "", "text": t.chooseFile, "checked": x.file.isEmpty]]
                                                + files.map { ["value": $0, "text": $0, "checked": $0 == AudioValidator.nfc(x.file)] }]
            if let e = fieldError["file"] { fileField["error"] = e }
            fields.append(fileField)
            if !x.file.isEmpty, files.contains(AudioValidator.nfc(x.file)) {
                player = "/audio/\(s.station.id)/" + AudioValidator.nfc(x.file).split(separator: "/").map { percentEncoded(String($0)) }.joined(separator: "/")
            }
            var length = field("length", x.length, placeholder: "5m"); length["group"] = "relay"
            var url = field("url", x.url, type: "url", placeholder: "http://…"); url["group"] = "relay"
            fields += [length, url]
            fields.append(field("tags", x.tags.joined(separator: ", "), help: t.listHelp, placeholder: "thong-bao"))
            fields.append(field("from", x.from, type: "date", help: t.emptyNone))
            fields.append(field("until", x.until, type: "date", help: t.emptyNone))
            fields.append(checks("days", dayOptions, dayKeys(x.days), help: t.anyDay))
            fields.append(checks("sessions", sessionOptions, x.sessions, help: t.anySession))
            fields.append(field("per_week.min", x.perWeekMin, type: "number", help: t.emptyNone))
            fields.append(field("per_week.max", x.perWeekMax, type: "number", help: t.emptyNone))
            fields.append(field("priority", x.priority, type: "number", help: t.vi ? "1 là khẩn nhất; để trống: không ưu tiên" : "1 is the most urgent; empty: none"))
        case .rule(let x):
            heading = editing.map { "\(t.ruleTitle) “\($0)”" } ?? t.newRuleTitle
            fields.append(field("id", x.id, readonly: editing != nil, help: t.vi ? "ví dụ nq57" : "e.g. nq57"))
            fields.append(field("name", x.name))
            let known = Array(Set(s.station.items.flatMap(\.tags))).sorted()
            fields.append(field("tags", x.tags.joined(separator: ", "), help: t.listHelp + (known.isEmpty ? "" : " — " + known.joined(separator: ", "))))
            fields.append(field("per_week.min", x.perWeekMin, type: "number"))
            fields.append(field("per_week.max", x.perWeekMax, type: "number", help: t.emptyNone))
            fields.append(checks("days", dayOptions, dayKeys(x.days), help: t.anyDay))
            fields.append(checks("sessions", sessionOptions, x.sessions, help: t.anySession))
        case .session(let x):
            heading = editing.map { "\(t.sessionTitle) “\($0)”" } ?? t.newSessionTitle
            fields.append(field("id", x.id, readonly: editing != nil, help: t.vi ? "ví dụ sang, chieu" : "e.g. morning"))
            fields.append(field("name", x.name))
            fields.append(checks("days", dayOptions, dayKeys(x.days), help: t.anyDay))
            fields.append(field("start", x.start, type: "time", placeholder: "06:00"))
            fields.append(field("length", x.length, help: t.vi ? "ví dụ 15m, 1h30m" : "e.g. 15m, 1h30m", placeholder: "20m"))
            let ids = s.station.items.filter { $0.tags.isEmpty }.map(\.id)
            fields.append(field("open", x.open.joined(separator: ", "), help: t.listHelp + (ids.isEmpty ? "" : " — " + ids.joined(separator: ", "))))
            fields.append(field("close", x.close.joined(separator: ", "), help: t.listHelp))
        }
        let k = entry.kind
        let action = "/stations/\(s.station.id)/station/\(k.block)" + (editing.map { "/" + $0 } ?? "")
        var values: [String: Any] = [
            "station": ["id": s.station.id, "name": s.station.name], "heading": heading, "fields": fields, "base": base,
            "action": action, "errors": errors, "hasErrors": !errors.isEmpty, "isItem": k == .item,
        ]
        if let player { values["player"] = player }
        values["audioBase"] = "/audio/\(s.station.id)/"
        if let editing { values["removeAction"] = action.replacingOccurrences(of: "/" + editing, with: "/" + editing + "/remove"); values["removable"] = true }
        if let flash { values["flash"] = flash }
        return pages.render("entry", title: heading + " — " + s.station.name, values, v, station: s)
    }
}

/// A URL-encoded form as its pairs in order, a key given several times (ticked boxes) kept
/// each time. Read up to 256 KB.
struct FormPairs: Sendable {
    var pairs: [(String, String)]

    static func read(_ request: Request, context: WebContext) async throws -> FormPairs {
        var request = request
        let buffer: ByteBuffer
        do { buffer = try await request.collectBody(upTo: 256 * 1024) } catch {
            throw WebError.http(413, request.language == .vi ? "Biểu mẫu quá lớn: tối đa 256 KB." : "The form is too large: at most 256 KB.")
        }
        return FormPairs(body: String(decoding: buffer.readableBytesView, as: UTF8.self))
    }

    init(body: String) {
        pairs = body.split(separator: "&").prefix(2000).map { part in
            let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String { String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s) }
            return (decode(kv[0]), kv.count > 1 ? decode(kv[1]) : "")
        }
    }

    func first(_ key: String) -> String? { pairs.first { $0.0 == key }?.1 }
    func all(_ key: String) -> [String] { pairs.filter { $0.0 == key }.map(\.1) }
}
