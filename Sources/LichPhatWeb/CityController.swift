import Foundation
import Synchronization
import Hummingbird
import LichPhatCore
import LichPhatFormats
import LichPhatText
import LichPhatWorkspace

/// Toàn thành phố (`/city`): one row per station for the city office (and the administrator):
/// this week and next, last month's quotas, library errors, the last play log; filtered, sorted,
/// downloaded as CSV (`/city.csv`) and as JSON (`/api/city`). The rows are the workspace's
/// (``Workspace/status(_:)``, ``Workspace/dashboard(_:filter:order:)``).
enum CityController {
    static func addRoutes(to router: Router<WebContext>, site: Site, pages: Pages) {
        router.get("/city") { request, context -> HTMLPage in
            let v = Viewer(request, context)
            do {
                let (rows, filter, order) = try await dashboard(site, request, context)
                return HTMLPage(page(pages, rows, filter: filter, order: order, v))
            } catch { return pages.failure(error, v) }
        }
        router.get("/city.csv") { request, context -> Response in
            let v = Viewer(request, context)
            do {
                let (rows, _, _) = try await dashboard(site, request, context)
                return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .cacheControl: "no-store",
                                                       .contentDisposition: "attachment; filename=\"toan-thanh-pho.csv\""],
                                body: ResponseBody(byteBuffer: ByteBuffer(string: csv(rows))))
            } catch { return try pages.failure(error, v).response(from: request, context: context) }
        }
        router.get("/api/city") { request, context -> Response in
            do {
                let (rows, _, _) = try await dashboard(site, request, context)
                return APIController.json(json(rows).rendered(pretty: false))
            } catch { return APIController.failure(error, request) }
        }
    }

    /// The rows the account may see, filtered and ordered as the address asks (an unknown filter
    /// or order is 400).
    static func dashboard(_ site: Site, _ request: Request, _ context: WebContext) async throws -> ([StationStatus], StatusFilter?, StatusOrder) {
        try site.workspace.authorizeCity(context.identity)
        let vi = request.language == .vi
        let q = request.uri.queryParameters
        var filter: StatusFilter?
        if let f = q.get("filter"), !f.isEmpty {
            guard let known = StatusFilter(rawValue: f) else {
                throw WebError.http(400, vi ? "filter phải là \(StatusFilter.allCases.map(\.rawValue).joined(separator: ", "))." : "filter must be \(StatusFilter.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            filter = known
        }
        var order = StatusOrder.name
        if let o = q.get("sort"), !o.isEmpty {
            guard let known = StatusOrder(rawValue: o) else {
                throw WebError.http(400, vi ? "sort phải là \(StatusOrder.allCases.map(\.rawValue).joined(separator: ", "))." : "sort must be \(StatusOrder.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            order = known
        }
        let ws = site.workspace
        // Libraries rechecked at most every 30 s, each row at most every 2 s: a province's
        // dashboard under 20 clients (Benchmarks/province.sh).
        let loaded = await site.stations(for: context.identity, audioAge: .seconds(30)).compactMap { if case .loaded(let s) = $0 { s } else { nil } }
        let cache = site.statuses
        let rows: [StationStatus] = await offload { loaded.map { cache.status($0, ws) } }
        return (Workspace.dashboard(rows, filter: filter, order: order), filter, order)
    }

    static func quotaText(_ q: StationStatus.Quota, _ lang: Language) -> String {
        "\(q.rule.name): \(Messages.number(q.average, digits: 1, lang)) (\(AuditMessages.band(q.rule, lang)))"
    }

    static func page(_ pages: Pages, _ rows: [StationStatus], filter: StatusFilter?, order: StatusOrder, _ v: Viewer) -> String {
        let lang = v.lang, t = Text(lang)
        func link(filter f: StatusFilter?, sort o: StatusOrder) -> String {
            "/city?" + [f.map { "filter=" + $0.rawValue }, o == .name ? nil : "sort=" + o.rawValue].compactMap { $0 }.joined(separator: "&")
        }
        let filters: [[String: Any]] = ([nil] + StatusFilter.allCases.map { Optional($0) }).map { f in
            let label = switch f { case nil: t.filterAll; case .unplanned?: t.filterUnplanned; case .unapproved?: t.filterUnapproved; case .unmet?: t.filterUnmet }
            return ["label": label, "href": link(filter: f, sort: order), "current": f == filter]
        }
        let month = rows.first?.month
        // One formatter for the page (one a row was a third of a province's dashboard time).
        let day = DateFormatter()
        day.dateFormat = lang == .vi ? "dd/MM/yyyy" : "yyyy-MM-dd"
        day.timeZone = TimeZone(identifier: StationClock.defaultIdentifier)
        let table: [[String: Any]] = rows.map { r in
            var row: [String: Any] = [
                "id": r.id, "name": r.name, "urgent": r.urgent,
                "thisWeek": r.thisWeek.description, "thisState": r.thisState.rawValue, "thisText": AuditMessages.approval(r.thisState, lang),
                "nextWeek": r.nextWeek.description, "nextState": r.nextState.rawValue, "nextText": AuditMessages.approval(r.nextState, lang),
                "errors": r.libraryErrors, "hasErrors": r.libraryErrors > 0,
                "report": "/reports?station=\(r.id)&period=\(r.month.description)",
            ]
            if let quotas = r.quotas {
                row["quotas"] = quotas.map { ["text": quotaText($0, lang), "met": $0.met] }
            } else { row["noPlan"] = true }
            if let log = r.lastPlayLog {
                row["log"] = log.name
                row["logAt"] = day.string(from: log.at)
            }
            return row
        }
        var values: [String: Any] = [
            "filters": filters, "rows": table, "count": rows.count,
            "csv": "/city.csv?" + [filter.map { "filter=" + $0.rawValue }, "sort=" + order.rawValue].compactMap { $0 }.joined(separator: "&"),
            "sorts": StatusOrder.allCases.map { o -> [String: Any] in
                let label = switch o {
                case .name: t.stationColumn; case .week: t.thisWeek; case .verdict: t.monthColumn; case .library: t.libraryErrorsColumn; case .log: t.lastLogColumn
                }
                return ["label": label, "href": link(filter: filter, sort: o), "current": o == order]
            },
        ]
        if let month { values["rollUp"] = "/reports?period=\(month.description)"; values["month"] = "\(month.from.vietnamese)–\(month.to.vietnamese)" }
        return pages.render("city", title: t.cityTitle, values, v)
    }

    static func csv(_ rows: [StationStatus]) -> String {
        let iso = ISO8601DateFormatter()
        var out = [["station", "name", "this_week", "this_week_state", "next_week", "next_week_state", "month", "verdict", "quotas", "library_errors", "last_play_log", "last_play_log_at"]]
        for r in rows {
            let quotas = r.quotas?.map { "\($0.rule.id)=\(String(format: "%.2f", $0.average)):\($0.met ? "met" : "unmet")" }.joined(separator: ";") ?? ""
            out.append([r.id, r.name, r.thisWeek.description, r.thisState.rawValue, r.nextWeek.description, r.nextState.rawValue,
                        r.month.description, r.verdict.rawValue, quotas, String(r.libraryErrors), r.lastPlayLog?.name ?? "",
                        r.lastPlayLog.map { iso.string(from: $0.at) } ?? ""])
        }
        return CSV.document(out)
    }

    static func json(_ rows: [StationStatus]) -> JSONValue {
        let iso = ISO8601DateFormatter()
        return .object([("stations", .array(rows.map { r in
            .object([
                ("station", .string(r.id)), ("name", .string(r.name)), ("urgent", .bool(r.urgent)),
                ("thisWeek", .object([("week", .string(r.thisWeek.description)), ("state", .string(r.thisState.rawValue))])),
                ("nextWeek", .object([("week", .string(r.nextWeek.description)), ("state", .string(r.nextState.rawValue))])),
                ("month", .string(r.month.description)), ("verdict", .string(r.verdict.rawValue)),
                ("quotas", r.quotas.map { qs in .array(qs.map { q in
                    .object([("rule", .string(q.rule.id)), ("name", .string(q.rule.name)), ("average", .number(q.average, digits: 2)), ("met", .bool(q.met))])
                }) } ?? .null),
                ("libraryErrors", .int(Int64(r.libraryErrors))),
                ("lastPlayLog", r.lastPlayLog.map { .object([("name", .string($0.name)), ("at", .string(iso.string(from: $0.at)))]) } ?? .null),
            ])
        }))])
    }
}

/// The dashboard's rows kept while what they are made from is unchanged
/// (``Workspace/statusStamp(_:)``, and the station as loaded).
final class StatusCache: Sendable {
    private let entries = Mutex([String: (stamp: String, status: StationStatus, checked: ContinuousClock.Instant)]())
    /// A row younger than this is shown without looking at its files again.
    let fresh: Duration

    init(fresh: Duration = .seconds(2)) { self.fresh = fresh }

    func status(_ loaded: LoadedStation, _ ws: Workspace) -> StationStatus {
        let now = ContinuousClock.now
        if let hit = entries.withLock({ $0[loaded.station.id] }), now - hit.checked < fresh, hit.status.id == loaded.station.id,
           hit.stamp.hasSuffix("#" + loaded.path + Self.identity(loaded)) { return hit.status }
        // The station file's own text is part of it (its rules name the quotas).
        let stamp = ws.statusStamp(loaded) + "#" + loaded.path + Self.identity(loaded)
        if let hit = entries.withLock({ $0[loaded.station.id] }), hit.stamp == stamp {
            entries.withLock { $0[loaded.station.id]?.checked = now }
            return hit.status
        }
        let status = ws.status(loaded)
        entries.withLock { $0[loaded.station.id] = (stamp, status, now) }
        return status
    }

    /// The station as loaded, as far as a row shows it: its rules and its library's errors.
    static func identity(_ loaded: LoadedStation) -> String {
        let file = fileVersionText(loaded.path)
        return "#\(file)#\(loaded.station.name)#\(loaded.station.rules.map { "\($0.id)\($0.name)\($0.perWeek.min)\($0.perWeek.max ?? -1)" })#\(loaded.report.files.filter { $0.worst == .error }.count)"
    }
}
