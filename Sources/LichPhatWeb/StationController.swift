import Foundation
import Hummingbird
import LichPhatCore
import LichPhatFormats
import LichPhatText
import LichPhatWorkspace

struct StationForm: PostedForm { var text: String; var base: String; var action: String?; var csrf: String? }

/// Trạm: the station as the planner reads it (sessions, items, rules, fill), and its station
/// file edited in the page: checked with the same messages as `lichphat check`, saved back
/// atomically with the previous version kept in `.history/`. The YAML stays the one source.
enum StationController {
    static func addRoutes(to router: Router<WebContext>, site: Site, pages: Pages) {
        router.get("/stations/:id/station") { request, context -> HTMLPage in
            let v = Viewer(request, context)
            do {
                let s = try await site.station(context, .read)
                let source = try site.workspace.stationSource(s)
                let saved = request.uri.queryParameters.get("saved") != nil, removed = request.uri.queryParameters.get("removed") != nil
                return HTMLPage(page(site, pages, s, v, text: source.text, base: source.sha256,
                                     flash: removed ? (Text(v.lang).entryRemoved, true)
                                        : saved ? ((v.lang == .vi ? "Đã lưu tệp trạm; bản trước được giữ trong .history/." : "Station file saved; the previous version is kept in .history/."), true) : nil))
            } catch { return pages.failure(error, v) }
        }
        // The fields: rules' minimum and maximum, sessions' start and length, changed in the file's text.
        router.post("/stations/:id/station/fields") { request, context -> Response in
            let v = Viewer(request, context), lang = v.lang
            do {
                let s = try await site.station(context, .change)
                let form = try await URLEncodedFormDecoder().decode([String: String].self, from: request, context: context)
                guard FormToken.valid(form["csrf"], request) else { throw WebError.http(403, pages.staleForm(lang)) }
                var rules: [String: StationFileEdit.RuleQuota] = [:]
                var sessions: [String: StationFileEdit.SessionTime] = [:]
                /// A minimum and maximum from the form (nil when the form has none), or why they cannot be.
                func quota(_ key: String, _ what: String, required: Bool) throws -> StationFileEdit.RuleQuota? {
                    guard required || form[key + ".min"] != nil else { return nil }
                    let minText = (form[key + ".min"] ?? "").trimmingCharacters(in: .whitespaces)
                    let maxText = (form[key + ".max"] ?? "").trimmingCharacters(in: .whitespaces)
                    // Only reading numbers here; what they may be is the workspace's to say.
                    guard let min = Int(minText), maxText.isEmpty || Int(maxText) != nil else {
                        throw WebError.http(422, lang == .vi ? "\(what): tối thiểu và tối đa phải là số." : "\(what): the minimum and maximum must be numbers.")
                    }
                    return StationFileEdit.RuleQuota(min: min, max: Int(maxText))
                }
                func changed(_ new: StationFileEdit.RuleQuota, _ old: Quota) -> Bool { new.min != old.min || (new.max != nil && new.max != old.max) }
                for r in s.station.rules {
                    if let q = try quota("rule.\(r.id)", lang == .vi ? "Chỉ tiêu “\(r.name)”" : "Rule “\(r.name)”", required: true),
                       changed(q, r.perWeek) { rules[r.id] = q }
                }
                for x in s.station.sessions {
                    let start = (form["session.\(x.id).start"] ?? "").trimmingCharacters(in: .whitespaces)
                    let length = (form["session.\(x.id).length"] ?? "").trimmingCharacters(in: .whitespaces)
                    let t = StationFileEdit.SessionTime(start: start, length: length)
                    if start != StationClock.time(x.start) || length != Workspace.lengthText(x.length) { sessions[x.id] = t }
                }
                var items: [String: StationFileEdit.RuleQuota] = [:]
                var titles: [String: String] = [:]
                for i in s.station.items {
                    if let title = form["item.\(i.id).title"]?.trimmingCharacters(in: .whitespaces), title != i.title { titles[i.id] = title }
                    if let old = i.perWeek, let new = try quota("item.\(i.id)", lang == .vi ? "Mục “\(i.title)”" : "Item “\(i.title)”", required: false),
                       changed(new, old) { items[i.id] = new }
                }
                var fill: [String]?
                if let text = form["fill"] {
                    let tags = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                    if tags != s.station.fill { fill = tags }
                }
                guard !rules.isEmpty || !sessions.isEmpty || !items.isEmpty || !titles.isEmpty || fill != nil else {
                    return Response(status: .seeOther, headers: [.location: "/stations/\(s.station.id)/station"])
                }
                let ws = site.workspace, base = form["base"] ?? "", theRules = rules, theSessions = sessions, theItems = items, theTitles = titles, theFill = fill
                let result: Result<LoadedStation, WorkspaceError> = await offload {
                    do throws(WorkspaceError) { return .success(try ws.editStation(s, rules: theRules, sessions: theSessions, items: theItems, titles: theTitles, fill: theFill, base: base)) } catch { return .failure(error) }
                }
                switch result {
                case .success: return Response(status: .seeOther, headers: [.location: "/stations/\(s.station.id)/station?saved=1"])
                case .failure(let e):
                    let source = try site.workspace.stationSource(s)
                    return try HTMLPage(page(site, pages, s, v, text: source.text, base: source.sha256, errors: WorkspaceMessages.lines(e, lang, front: .web), errorLine: firstLine(e)),
                                        status: .init(code: WebError.workspace(e).statusCode)).response(from: request, context: context)
                }
            } catch { return try pages.failure(error, v).response(from: request, context: context) }
        }
        router.post("/stations/:id/station") { request, context -> Response in
            let v = Viewer(request, context), lang = v.lang
            do {
                let s = try await site.station(context, .change)
                let form = try await URLEncodedFormDecoder().decode(StationForm.self, from: request, context: context)
                guard FormToken.valid(form.csrf, request) else { throw WebError.http(403, pages.staleForm(lang)) }
                // Browsers send a textarea's lines ending CR LF.
                let text = form.text.replacingOccurrences(of: "\r\n", with: "\n")
                let ws = site.workspace
                let save = form.action == "save"
                let result: Result<LoadedStation, WorkspaceError> = await offload {
                    do throws(WorkspaceError) {
                        return .success(save ? try ws.saveStation(s, text: text, base: form.base) : try ws.checkStation(text: text, path: s.path, editing: s))
                    } catch { return .failure(error) }
                }
                switch result {
                case .success(let checked):
                    if save { return Response(status: .seeOther, headers: [.location: "/stations/\(s.station.id)/station?saved=1"]) }
                    let note = lang == .vi ? "Không có lỗi: \(checked.station.sessions.count) buổi, \(checked.station.items.count) mục, \(checked.station.rules.count) chỉ tiêu. Chưa lưu."
                                           : "No errors: \(checked.station.sessions.count) sessions, \(checked.station.items.count) items, \(checked.station.rules.count) rules. Not saved yet."
                    let warnings = checked.warnings.map { WorkspaceMessages.text($0, lang) }
                    return try HTMLPage(page(site, pages, checked, v, text: text, base: form.base, flash: (([note] + warnings).joined(separator: " "), true)))
                        .response(from: request, context: context)
                case .failure(let e):
                    let status = HTTPResponse.Status(code: WebError.workspace(e).statusCode)
                    return try HTMLPage(page(site, pages, s, v, text: text, base: form.base, errors: WorkspaceMessages.lines(e, lang, front: .web), errorLine: firstLine(e)), status: status)
                        .response(from: request, context: context)
                }
            } catch { return try pages.failure(error, v).response(from: request, context: context) }
        }
    }

    /// The first line a station file's error names (for the editor to show it).
    static func firstLine(_ e: WorkspaceError) -> Int? {
        if case .stationFile(_, let errors) = e { return errors.compactMap(\.line).first }
        return nil
    }

    static func page(_ site: Site, _ pages: Pages, _ s: LoadedStation, _ v: Viewer, text: String, base: String,
                     flash: (String, Bool)? = nil, errors: [String] = [], errorLine: Int? = nil) -> String {
        let lang = v.lang, t = Text(lang)
        let st = s.station
        func days(_ d: Set<Weekday>?) -> String {
            guard let d else { return "–" }
            return d.count == 7 ? (t.vi ? "hằng ngày" : "daily") : d.sorted().map { $0.name(lang) }.joined(separator: ", ")
        }
        func clock(_ ms: Int) -> String { Messages.clock(Double(ms) / 1000) }
        func quota(_ q: Quota?) -> String {
            guard let q else { return "–" }
            return q.max.map { $0 == q.min ? "\(q.min)" : "\(q.min)–\($0)" } ?? "≥ \(q.min)"
        }
        // Items listed by themselves can be changed in the fields; those a folder gives cannot.
        let history = site.workspace.stationHistory(s)
        let explicit = Set(s.file.items.compactMap { spec -> String? in if case .item(let i, _) = spec { i.id } else { nil } })
        var values: [String: Any] = [
            "station": ["id": st.id, "name": st.name], "file": relativePath(from: site.root, to: s.path), "timezone": st.timeZone,
            "text": text, "base": base, "errors": errors, "hasErrors": !errors.isEmpty, "errorLine": errorLine.map(String.init) ?? "",
            "sessions": st.sessions.map { x -> [String: Any] in
                ["id": x.id, "name": x.name, "days": days(x.days), "start": StationClock.time(x.start),
                 "length": clock(x.length), "lengthText": Workspace.lengthText(x.length),
                 "open": x.open.joined(separator: ", "), "close": x.close.joined(separator: ", ")]
            },
            "items": st.items.map { i -> [String: Any] in
                var row: [String: Any] = ["explicit": explicit.contains(i.id)]
                if explicit.contains(i.id), let q = i.perWeek { row["quota"] = ["min": q.min, "max": q.max.map(String.init) ?? ""] }
                return row.merging(["id": i.id, "title": i.title, "file": i.file ?? (t.vi ? "(tiếp sóng)" : "(relay)"),
                 "length": i.length.map(clock) ?? "–", "tags": i.tags.sorted().joined(separator: ", "),
                 "perWeek": quota(i.perWeek),
                 "window": [i.from.map { "\(t.vi ? "từ" : "from") \(t.vi ? $0.vietnamese : $0.description)" },
                            i.until.map { "\(t.vi ? "đến" : "until") \(t.vi ? $0.vietnamese : $0.description)" }].compactMap { $0 }.joined(separator: " "),
                 "unusable": i.unusable != nil]) { a, _ in a }
            },
            "rules": st.rules.map { r -> [String: Any] in
                ["id": r.id, "name": r.name, "tags": r.tags.sorted().joined(separator: ", "), "perWeek": quota(r.perWeek),
                 "min": r.perWeek.min, "max": r.perWeek.max.map(String.init) ?? "",
                 "days": days(r.days), "sessions": r.sessions.map { $0.sorted().joined(separator: ", ") } ?? "–"]
            },
            "fill": st.fill.joined(separator: ", "),
            "quotaLimit": StationFileReader.Limits.perWeek,
            "history": history.prefix(10).map { $0 },
            "hasHistory": !history.isEmpty,
        ]
        if let flash { values["flash"] = flash.0; values["flashClass"] = flash.1 ? "good" : "bad" }
        return pages.render("station", title: t.stationPage + " — " + st.name, values, v, station: s)
    }
}
