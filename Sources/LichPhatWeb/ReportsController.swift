import Foundation
import Hummingbird
import LichPhatCore
import LichPhatFormats
import LichPhatText
import LichPhatWorkspace

/// What a report is asked for: which stations, which period, and from what (each station's
/// plans, or the play logs chosen for it). Read from the report page's query, or the API's form.
struct ReportRequest: Sendable {
    var stations: [String] = []
    var period: String = ""
    var from: String = ""
    var to: String = ""
    /// Chosen play logs, as `station id/file name`.
    var logs: [String] = []
    var basisLogs = false

    init() {}

    init(query: Request) {
        let q = query.uri.queryParameters
        func text(_ key: String) -> String { (q.get(key) ?? "").replacingOccurrences(of: "+", with: " ").trimmingCharacters(in: .whitespaces) }
        stations = q.getAll("station")
        period = text("period")
        from = text("from")
        to = text("to")
        logs = q.getAll("log").map { $0.replacingOccurrences(of: "+", with: " ") }
        basisLogs = text("basis") == "logs"
    }

    var isAsked: Bool { !period.isEmpty || !from.isEmpty || !to.isEmpty }

    /// The period, or why the fields do not name one (in the operator's language).
    func resolvedPeriod(_ lang: Language) -> Result<AuditPeriod, WebError> {
        switch AuditPeriod.asked(period: period, from: from, to: to) {
        case .success(let p?): return .success(p)
        case .success(nil):
            return .failure(.badRequest(lang == .vi ? "Cần kỳ báo cáo (2026-11, 2026-Q4, 2026-H2, 2026) hoặc cả ngày đầu và ngày cuối (YYYY-MM-DD)."
                                                    : "A period (2026-11, 2026-Q4, 2026-H2, 2026) or both a first and a last date (YYYY-MM-DD) is needed."))
        case .failure(let p): return .failure(.badRequest(AuditMessages.period(p, lang, options: false)))
        }
    }

    /// The query that asks for this report again (for the download links).
    var query: String {
        var parts: [(String, String)] = stations.map { ("station", $0) }
        if !period.isEmpty { parts.append(("period", period)) }
        if !from.isEmpty { parts.append(("from", from)) }
        if !to.isEmpty { parts.append(("to", to)) }
        if basisLogs { parts.append(("basis", "logs")) }
        parts += logs.map { ("log", $0) }
        return parts.map { "\($0.0)=\(formEncoded($0.1))" }.joined(separator: "&")
    }
}

func formEncoded(_ s: String) -> String {
    s.addingPercentEncoding(withAllowedCharacters: CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? s
}

extension Actions {
    /// Audits each chosen station over the period: from the play logs chosen for it when the
    /// basis is play logs (from its plans when none is chosen for it), else from its plans.
    static func audit(_ site: Site, _ stations: [LoadedStation], period: AuditPeriod, logs: [String: [String]]) async -> Result<[StationAudit], WorkspaceError> {
        let ws = site.workspace
        // Audits hold their play logs' records: two at a time, the others wait their turn (three
        // 60 MB logs at once used to take 3.6 GB).
        await site.heavy.enter()
        let result: Result<[StationAudit], WorkspaceError> = await offload {
            var audits: [StationAudit] = []
            for s in stations {
                do throws(WorkspaceError) {
                    audits += try ws.audit([s], period: period, playLogs: logs[s.station.id] ?? [])
                } catch { return .failure(error) }
            }
            return .success(audits)
        }
        await site.heavy.leave()
        return result
    }
}

/// Báo cáo: the audit of one or several stations, as `lichphat audit` makes it.
enum ReportsController {
    static func addRoutes(to router: Router<WebContext>, site: Site, pages: Pages) {
        router.get("/reports") { request, context -> HTMLPage in
            let v = Viewer(request, context)
            let asked = ReportRequest(query: request)
            let stored = request.uri.queryParameters.get("stored")
            return await page(site, pages, asked, v, flashes: stored.map { [((v.lang == .vi ? "Đã lưu nhật ký phát “\($0)”." : "Play log “\($0)” kept."), true)] } ?? [])
        }
        router.get("/reports/:file") { request, context -> Response in
            let v = Viewer(request, context)
            let asked = ReportRequest(query: request)
            do {
                let file = try context.parameters.require("file")
                guard ["report.html", "report.csv", "report.json"].contains(file) else { throw WebError.notFound }
                let format = String(file.dropFirst("report.".count))
                let audits = try await run(site, asked, v.lang, everyone: await loadedStations(site, v))
                let (type, body): (String, String) = switch format {
                case "csv": ("text/csv; charset=utf-8", AuditOutput.csv(audits, lang: v.lang))
                case "json": ("application/json; charset=utf-8", AuditOutput.json(audits, lang: v.lang))
                default: ("text/html; charset=utf-8", AuditOutput.html(audits))
                }
                let name = "bao-cao-" + (audits.first.map { $0.period.description } ?? "") + "." + format
                return Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-store",
                                                       .contentDisposition: (format == "html" ? "inline" : "attachment") + "; filename=\"\(name)\""],
                                body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
            } catch { return try pages.failure(error, v).response(from: request, context: context) }
        }
        // A play log kept beside the station's weeks; then back to the report page (Post/Redirect/Get).
        router.post("/reports/logs") { request, context -> Response in
            let v = Viewer(request, context), lang = v.lang
            do {
                let form = try await Upload.read(request, context: context, limit: Upload.logLimit, spool: site.spool)
                defer { form.discard() }
                guard FormToken.valid(form.csrf, request) else { throw WebError.http(403, pages.staleForm(lang)) }
                let s = try await site.station(context, .change, id: form.fields["station"] ?? "")
                guard let file = form.files.first else { throw WebError.http(422, lang == .vi ? "Chưa chọn tệp nhật ký nào." : "No play log was chosen.") }
                let ws = site.workspace
                let kept: Result<StoredPlayLog, WorkspaceError> = await offload {
                    do throws(WorkspaceError) { return .success(try ws.addPlayLog(to: s, name: file.name, bytes: file.bytes)) } catch { return .failure(error) }
                }
                switch kept {
                case .success(let log):
                    var asked = ReportRequest()
                    asked.stations = [s.station.id]
                    asked.basisLogs = true
                    asked.logs = [s.station.id + "/" + log.name]
                    return Response(status: .seeOther, headers: [.location: "/reports?stored=\(formEncoded(log.name))&" + asked.query])
                case .failure(let e):
                    let status = HTTPResponse.Status(code: WebError.workspace(e).statusCode)
                    var kept = ReportRequest()
                    kept.stations = [s.station.id]   // the form stays on the station the log was for
                    return try await page(site, pages, kept, v, flashes: [(WorkspaceMessages.lines(e, lang, front: .web).joined(separator: " "), false)], status: status)
                        .response(from: request, context: context)
                }
            } catch { return try pages.failure(error, v).response(from: request, context: context) }
        }
    }

    /// The stations the viewer sees: a report never names another's (asking for one is 404).
    static func loadedStations(_ site: Site, _ v: Viewer) async -> [LoadedStation] {
        await site.stations(for: v.account).compactMap { if case .loaded(let s) = $0 { s } else { nil } }
    }

    /// The audits of the chosen stations (every one when none is chosen) over the period.
    static func run(_ site: Site, _ asked: ReportRequest, _ lang: Language, everyone: [LoadedStation]) async throws -> [StationAudit] {
        let period = try asked.resolvedPeriod(lang).get()
        var stations: [LoadedStation] = []
        for id in asked.stations {
            guard let s = everyone.first(where: { $0.station.id == id }) else { throw WebError.notFound }
            if !stations.contains(where: { $0.station.id == id }) { stations.append(s) }
        }
        if stations.isEmpty { stations = everyone }
        var logs: [String: [String]] = [:]
        if asked.basisLogs {
            for chosen in asked.logs {
                let parts = chosen.split(separator: "/", maxSplits: 1).map(String.init)
                guard parts.count == 2, let s = stations.first(where: { $0.station.id == parts[0] }) else { continue }
                // Only a log the station keeps: never a path of the request's making.
                guard let log = site.workspace.playLogs(of: s).first(where: { $0.name == parts[1] }) else { throw WebError.notFound }
                logs[s.station.id, default: []].append(log.path)
            }
        }
        switch await Actions.audit(site, stations, period: period, logs: logs) {
        case .success(let audits): return audits
        case .failure(let e): throw e
        }
    }

    static func page(_ site: Site, _ pages: Pages, _ asked: ReportRequest, _ v: Viewer,
                     flashes: [(String, Bool)] = [], status: HTTPResponse.Status = .ok) async -> HTMLPage {
        let lang = v.lang, t = Text(lang)
        let everyone = await loadedStations(site, v)
        var flashes = flashes
        var values: [String: Any] = [:]
        var status = status
        var chosen = asked
        if !asked.isAsked, let first = everyone.first {
            chosen.period = site.workspace.lastMonth(of: first.station).description   // last month, by default
        }
        if asked.isAsked {
            do {
                let audits = try await run(site, asked, lang, everyone: everyone)
                values["result"] = [
                    "rows": audits.map { a -> [String: Any] in
                        ["name": a.station.name, "period": "\(a.period.from.vietnamese)–\(a.period.to.vietnamese)",
                         "basis": AuditMessages.basis(a.basis, lang), "verdict": AuditMessages.verdict(a, lang),
                         "ok": a.compliant]
                    },
                    "query": asked.query,
                ]
            } catch {
                let web = (error as? WebError) ?? (error as? WorkspaceError).map { .workspace($0) } ?? .badRequest("\(error)")
                flashes.append((web.lines(lang).joined(separator: " "), false))
                status = .init(code: web.statusCode)
            }
        }
        let wanted = Set(chosen.stations), logs = Set(chosen.logs)
        values["stations"] = everyone.map { s -> [String: Any] in
            ["id": s.station.id, "name": s.station.name, "checked": wanted.isEmpty || wanted.contains(s.station.id),
             // The play-log form keeps the station a log was last sent for (one station chosen).
             "uploadSelected": wanted.count == 1 && wanted.contains(s.station.id),
             "logs": site.workspace.playLogs(of: s).map { log -> [String: Any] in
                 let key = s.station.id + "/" + log.name
                 return ["value": key, "name": log.name, "size": DownloadsController.kilobytes(log.size, lang),
                         "checked": logs.contains(key)]
             }]
        }
        values["period"] = chosen.period
        values["from"] = chosen.from
        values["to"] = chosen.to
        values["basisLogs"] = chosen.basisLogs
        values["flashes"] = flashes.map { ["text": $0.0, "kind": $0.1 ? "good" : "bad"] }
        return HTMLPage(pages.render("reports", title: t.reports, values, v), status: status)
    }
}
