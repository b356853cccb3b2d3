import Foundation
import LichPhatCore
import LichPhatFormats
import LichPhatWorkspace
import Mustache
import LichPhatText

/// Builds each page's values and renders it in the layout.
struct Pages: Sendable {
    let site: Site
    let templates: MustacheLibrary

    init(site: Site) throws {
        self.site = site
        var library = MustacheLibrary()
        // Templates/*.mustache, compiled in: `{{x}}` is HTML-escaped; `{{{x}}}` only for HTML the app made.
        for (name, text) in PageTemplates.all { try library.register(text, named: name) }
        templates = library
    }

    func render(_ name: String, title: String, _ values: [String: Any], _ v: Viewer, station: LoadedStation? = nil) -> String {
        let t = Text(v.lang)
        var values = values
        values["t"] = t
        // Every form posts the browser's token back (FormToken).
        values["csrf"] = v.formToken
        values["mayApprove"] = v.mayApprove
        let content = templates.render(values, withTemplate: name) ?? ""
        var frame: [String: Any] = ["t": t, "lang": v.lang.rawValue, "title": title, "content": content, "csrf": v.formToken]
        if let refresh = values["refresh"] { frame["refresh"] = refresh }
        frame["adminLink"] = v.account?.role == .admin
        frame["cityLink"] = v.account.map { (try? site.workspace.authorizeCity($0)) != nil } ?? (!v.accountsExist && site.workspace.stationFiles(in: site.root).count > 1)
        if let a = v.account {
            frame["user"] = ["name": a.name, "fullName": a.fullName,
                             "role": t.words.roleName(a.role.rawValue)]
        }
        if let station {
            frame["station"] = ["id": station.station.id, "thisWeek": site.workspace.thisWeek(of: station.station).description]
        }
        return templates.render(frame, withTemplate: "layout") ?? ""
    }

    func error(_ error: WebError, _ v: Viewer, back: String = "/") -> String {
        let lang = v.lang, t = Text(lang)
        let heading = error.statusCode == 404 ? (t.vi ? "Không tìm thấy" : "Not found") : (t.vi ? "Không làm được" : "Could not do it")
        return render("error", title: heading, ["heading": heading, "lines": error.lines(lang), "back": back], v)
    }

    // MARK: Tổng quan

    func overview(_ v: Viewer, flash: (String, Bool)? = nil) async -> String {
        let lang = v.lang, t = Text(lang)
        let ws = site.workspace
        var stations: [[String: Any]] = [], failed: [[String: Any]] = []
        for entry in await site.stations(for: v.account) {
            switch entry {
            case .failed(let file, let error):
                failed.append(["file": relative(file), "lines": WorkspaceMessages.lines(error, lang, front: .web)])
            case .loaded(let s):
                let this = ws.thisWeek(of: s.station), next = ws.nextWeek(of: s.station)
                let errors = s.report.files.filter { $0.worst == .error }.count
                let warnings = s.report.files.filter { $0.worst == .warning }.count
                let nextView = ws.readWeek(s, week: next)
                let month = ws.lastMonth(of: s.station)
                let verdict: String = await offload {
                    guard let a = try? ws.audit([s], period: month).first else { return "–" }
                    // No plan at all in the month: say so, rather than "0 airings, quota not met".
                    if a.weeks.allSatisfy({ $0.approval == nil }) {
                        return t.vi ? "Chưa có lịch nào trong kỳ \(month.from.vietnamese)–\(month.to.vietnamese)."
                                    : "No week planned in \(month.from)–\(month.to)."
                    }
                    return AuditMessages.oneLine(a, lang)
                }
                stations.append([
                    "id": s.station.id, "name": s.station.name, "file": relative(s.path),
                    "thisWeek": weekSummary(ws.readWeek(s, week: this), t), "nextWeek": weekSummary(nextView, t),
                    "fileCount": s.report.files.count, "errorCount": errors, "warningCount": warnings,
                    "hasErrors": errors > 0, "hasWarnings": warnings > 0,
                    "audit": verdict,
                    "reportHref": "/reports?station=\(s.station.id)&period=\(month.description)",
                    // The to-do list, the workspace's: what airs wrongly now first, in red.
                    "tasks": ws.tasks(s).map { task -> [String: Any] in
                        let (text, link) = WorkspaceMessages.task(task, station: s.station.id, lang)
                        return ["text": text, "link": link, "urgent": task.urgent]
                    },
                    "nothingToDo": ws.tasks(s).isEmpty,
                    "onAir": onAirLine(ws.onAir(s), t),
                ])
            }
        }
        var values: [String: Any] = ["stations": stations, "failed": failed]
        if let flash { values["flash"] = flash.0; values["flashClass"] = flash.1 ? "good" : "bad" }
        return render("overview", title: t.overview, values, v)
    }

    /// The overview's line about the playout: what is on air now and what comes next.
    func onAirLine(_ view: OnAirView, _ t: Text) -> String {
        guard view.live, let s = view.state else { return t.onAirNotRunning }
        var parts: [String] = []
        if let n = s.now { parts.append("\(t.onAirNow): \(n.title) (\(StationClock.time(n.start, seconds: true)))") } else { parts.append(t.onAirSilent) }
        if let n = s.next { parts.append("\(t.onAirNext): \(n.title) (\(StationClock.time(n.start, seconds: true)) \(StationClock.date(n.start).vietnamese))") }
        return parts.joined(separator: " · ")
    }

    func weekSummary(_ view: WrittenWeekView, _ t: Text) -> [String: Any] {
        var out: [String: Any] = ["week": view.week.description, "approval": view.state.approval.rawValue,
                                  "state": stateText(view.state, t.lang)]
        if let s = view.schedule {
            out["quota"] = s.compliant ? (t.vi ? "đạt chỉ tiêu" : "quotas met") : (t.vi ? "chưa đạt chỉ tiêu" : "quotas not met")
            out["quotaClass"] = s.compliant ? "ok" : "under"
        }
        return out
    }

    func stateText(_ state: WeekFolder.State, _ lang: Language) -> String {
        switch state {
        case .modified: AuditMessages.approval(.modified, lang)
        default: WorkspaceMessages.state(state, lang)
        }
    }

    // MARK: Thư viện âm thanh

    func library(_ s: LoadedStation, query: String, _ v: Viewer, flashes: [(String, Bool)] = [], folder: String = "", draft: SpeakDraft? = nil) -> String {
        let lang = v.lang, t = Text(lang)
        // Without diacritics, case or punctuation: "thong bao" finds "thông báo" (the core's folding of names).
        let wanted = Slug.make(query)
        let files = s.report.files.map { f -> (String, ScanReport.File) in (relativePath(from: s.audioFolder, to: f.path), f) }
            .sorted { $0.0 < $1.0 }
        let shown = files.filter { wanted.isEmpty || Slug.make($0.0).contains(wanted) }
        let rows: [[String: Any]] = shown.map { rel, f -> [String: Any] in
            let gain: String = f.gain.map { g in (g.gain > 0 ? "+" : "") + Messages.number(g.gain, lang) } ?? "–"
            let limited: Bool = f.gain?.limitedByPeak == true
            var row: [String: Any] = [
                "path": rel,
                "format": [f.facts.container, f.facts.encoding].compactMap { $0 }.joined(separator: " "),
                "length": f.facts.duration.map { Messages.clock($0) } ?? "–",
                "lufs": f.facts.loudness?.integrated.map { Messages.number($0, lang) } ?? "–",
                "peak": f.facts.loudness?.truePeak.map { Messages.number($0, lang) } ?? "–",
                "gain": gain, "limited": limited,
                "problems": f.problems.map { ["severity": $0.severity.rawValue, "severityText": t.severityWord($0.severity.rawValue), "code": $0.code, "message": Messages.text($0, lang)] },
                "playable": f.worst != .error,
                "audio": "/audio/\(s.station.id)/" + rel.split(separator: "/").map { percentEncoded(String($0)) }.joined(separator: "/"),
            ]
            // Only for a file no item airs (an empty value would still open the template's section).
            if site.workspace.itemCandidate(s, file: rel) {
                row["makeItem"] = "/stations/\(s.station.id)/station/new/items?file=" + (rel.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            }
            return row
        }
        let folders: [[String: Any]] = site.workspace.audioFolders(of: s).map {
            ["value": $0, "label": $0.isEmpty ? t.rootFolder : $0, "selected": $0 == folder]
        }
        return render("library", title: t.library, [
            "flashes": flashes.map { ["text": $0.0, "kind": $0.1 ? "good" : "bad"] },
            "folders": folders,
            "station": ["id": s.station.id, "name": s.station.name], "query": query,
            "files": rows, "shown": rows.count, "total": files.count,
            "speakText": draft?.text ?? "", "speakName": draft?.name ?? "", "speakReading": draft?.reading ?? "",
            "speakOpen": draft != nil,
        ], v, station: s)
    }

    // MARK: Lịch tuần

    func week(_ s: LoadedStation, _ w: ISOWeek, _ v: Viewer, flash: (String, Bool)? = nil, offerShortfall: Bool = false) -> String {
        let lang = v.lang, t = Text(lang)
        let view = site.workspace.readWeek(s, week: w)
        let history = site.workspace.history(s, week: w)
        let timing = site.workspace.time(of: w, s)
        var values: [String: Any] = [
            "station": ["id": s.station.id, "name": s.station.name], "weekID": w.description,
            "title": t.weekTitle(w), "previous": w.adding(weeks: -1).description, "following": w.adding(weeks: 1).description,
            "approval": view.state.approval.rawValue, "state": stateText(view.state, lang),
            "approved": { if case .approved = view.state { true } else { false } }(),
            "canApprove": view.state == .draft,
            "planned": view.schedule != nil,
            // Every form of the page says which revision it showed (the hash of the very bytes the grid
            // is drawn from, not the history read a moment later), and is one request (sent twice, done once).
            "revision": view.hash ?? "none",
            "request": UUID().uuidString.lowercased(),
            "canPlan": history.everApproved == nil,
            "isPast": timing == .past,
            "isRunning": { if case .running = timing { true } else { false } }(),
            "pastLabel": t.vi ? "Tuần đã qua: lập lịch sau khi đã phát (để lưu hồ sơ)" : "The week has ended: plan it after the fact (for the record)",
            "runningNote": t.vi ? "Tuần đang chạy: lập lịch chỉ thay đổi các buổi chưa bắt đầu." : "The week is running: planning changes only sessions not yet begun.",
            "offerShortfall": offerShortfall,
            "writeAnyway": t.vi ? "Vẫn ghi lịch tốt nhất tìm được (đánh dấu chưa đạt chỉ tiêu)" : "Write the best plan found anyway (marked not compliant)",
        ]
        if let a = v.account { values["approver"] = a.fullName }
        if let current = history.current {
            values["revisionNumber"] = current.number
            values["revisionText"] = t.vi ? "Bản \(current.number) (\(WorkspaceMessages.kind(current.kind, lang)), \(WorkspaceMessages.revisionBy(current, lang)), \(WorkspaceMessages.when(current.at, lang)))"
                                          : "Revision \(current.number) (\(WorkspaceMessages.kind(current.kind, lang)), \(WorkspaceMessages.revisionBy(current, lang)), \(WorkspaceMessages.when(current.at, lang)))"
            values["history"] = history.revisions.reversed().map { r -> [String: Any] in
                ["number": r.number, "kind": WorkspaceMessages.kind(r.kind, lang) + (r.afterTheFact == true ? (t.vi ? " (sau khi tuần đã qua)" : " (after the week ended)") : ""),
                 "by": WorkspaceMessages.revisionBy(r, lang), "at": r.at.isEmpty ? "–" : WorkspaceMessages.when(r.at, lang),
                 "approved": r.approved.map { "\($0.by), \(WorkspaceMessages.when($0.at, lang))" } ?? "",
                 "current": r.number == current.number, "hash": String(r.hash.prefix(12)),
                 "changes": Self.changeLines(r.changes, s, lang)]
            }
            // What the leader is about to approve: the changes since the last approval.
            if view.state == .draft, let (since, changes) = site.workspace.changesSinceApproval(s, week: w) {
                values["sinceApproval"] = t.vi ? "Thay đổi từ bản \(since.number)\(since.approved != nil ? " (đã duyệt)" : "") đến bản \(current.number):"
                                               : "Changes from revision \(since.number)\(since.approved != nil ? " (approved)" : "") to revision \(current.number):"
                values["sinceChanges"] = Self.changeLines(changes, s, lang)
            }
        }
        if let flash { values["flash"] = flash.0; values["flashClass"] = flash.1 ? "good" : "bad" }
        if case .modified = view.state { values["modified"] = WorkspaceMessages.state(view.state, lang) }
        if view.schedule != nil {
            let (files, playlists) = DownloadsController.files(inWeek: view.folder, lang)
            let base = "/api/stations/\(s.station.id)/weeks/\(w)/files/"
            values["downloads"] = files.map { f in
                let name = f["name"] as? String ?? ""
                return f.merging(["href": base + name, "html": name.hasSuffix(".html")]) { a, _ in a }
            }
            values["hasPlaylists"] = playlists > 0
            let (kit, audio) = DownloadsController.rendered(inWeek: view.folder, lang)
            values["rendered"] = kit.map { f in f.merging(["href": "/stations/\(s.station.id)/weeks/\(w)/render/" + (f["name"] as? String ?? "")]) { a, _ in a } }
            values["hasRendered"] = !kit.isEmpty
            let renderBase = "/stations/\(s.station.id)/weeks/\(w)/render/"
            values["renderedAudio"] = audio.map { f in f.merging(["href": renderBase + (f["name"] as? String ?? "").addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)!]) { a, _ in a } }
            values["hasRenderedAudio"] = !audio.isEmpty
            values["kitHref"] = "/stations/\(s.station.id)/weeks/\(w)/kit.zip"
            values["kitName"] = "\(s.station.id)-\(w)-kit.zip"
            values["renderedText"] = !audio.isEmpty
                ? (t.vi ? "Đã xuất \(audio.count) tệp âm thanh cho nền tảng loa; tải cả bộ, hoặc từng tệp:" : "\(audio.count) audio files rendered for the platforms; download the whole kit, or each file:")
                : (t.vi ? "Chưa xuất tệp cho nền tảng loa." : "Not rendered for the platforms yet.")
            // Rendering: running (the page asks the API how far, then shows itself again), or what the last one said.
            if let job = site.renders.job(s, week: w) {
                switch job.state {
                case .running:
                    values["rendering"] = job.total > 0
                        ? (t.vi ? "Đang xuất tệp cho nền tảng loa: \(job.done)/\(job.total) phần…" : "Rendering for the platforms: \(job.done)/\(job.total) parts…")
                        : (t.vi ? "Đang xuất tệp cho nền tảng loa…" : "Rendering for the platforms…")
                    values["renderingParts"] = t.vi ? "Đang xuất tệp cho nền tảng loa: {done}/{total} phần…" : "Rendering for the platforms: {done}/{total} parts…"
                    values["refresh"] = "5"
                case .done, .failed:
                    values["renderMessage"] = job.said(lang) ?? ""
                    values["renderMessageClass"] = job.state == .done ? "good" : "bad"
                }
            }
            // Amending: any item with a file, from now on (station time) by default.
            let candidates = site.workspace.amendCandidates(s)
            func option(_ item: Item) -> [String: Any] {
                ["id": item.id, "title": item.title, "length": item.length.map { Messages.clock(Double($0) / 1000) } ?? "–"]
            }
            values["amendNotices"] = candidates.notices.map(option)
            values["amendProgrammes"] = candidates.programmes.map(option)
            values["hasAmendNotices"] = !candidates.notices.isEmpty
            values["hasAmendProgrammes"] = !candidates.programmes.isEmpty
            values["amendFrom"] = StationClock.minuteField(s.clock.now(site.workspace.now()))
            values["playlistsText"] = t.vi ? "\(playlists) danh sách phát M3U8 (mỗi buổi một tệp), gộp thành một tệp zip" : "\(playlists) M3U8 playlists (one per session) in one zip"
        }
        if let doc = view.schedule {
            // Edited airing by airing only while a draft never approved (an approved week changes by amendment),
            // and only in sessions still to come.
            let editable = view.state == .draft && history.everApproved == nil
            let addable = editable ? site.workspace.addableItems(s, week: w) : []
            values.merge(grid(doc, s, w, t, editable: editable, addable: addable,
                              pins: Set(ScheduleExport.pins(inWeek: view.folder)), now: s.clock.now(site.workspace.now()))) { a, _ in a }
        }
        return render("week", title: t.weekTitle(w), values, v, station: s)
    }

    /// Changes as lines for people: what was added, removed or pinned, each a line; airings that
    /// only moved to another time, counted in one line (a re-plan moves dozens).
    static func changeLines(_ changes: [WeekRevision.Change], _ s: LoadedStation, _ lang: Language) -> [String] {
        let moved = changes.filter { $0.change == .moved }.count
        var lines = changes.filter { $0.change != .moved }.prefix(40).map { WorkspaceMessages.change($0, station: s.station, lang) }
        let more = changes.filter { $0.change != .moved }.count - lines.count
        if more > 0 { lines.append(lang == .vi ? "… và \(more) thay đổi khác" : "… and \(more) more") }
        if moved > 0 { lines.append(lang == .vi ? "→ \(moved) lượt phát dời giờ" : "→ \(Messages.count(moved, "airing")) moved to another time") }
        return lines
    }

    /// The ids of a written session's airings (written in schedule.json; made the same way for weeks written before ids).
    enum PlannedSessionIDs {
        static func ids(_ session: ScheduleDocument.Session) -> [String] {
            var seen: [String: Int] = [:]
            return session.airings.map { a in
                let n = (seen[a.item] ?? 0) + 1
                seen[a.item] = n
                return a.id ?? PlannedSession.airingID(date: session.date, session: session.id, item: a.item, occurrence: n)
            }
        }
    }

    /// Days across, sessions down; each cell the airings of that session that day.
    func grid(_ doc: ScheduleDocument, _ s: LoadedStation, _ w: ISOWeek, _ t: Text, editable weekEditable: Bool, addable: [[Item]], pins: Set<Pin>,
              now: Int) -> [String: Any] {
        // Times as schedule.json writes them, on the station's clock, rounded to the second for people.
        let time = LogTime(clock: s.clock)
        func clockOf(_ iso: String, seconds: Bool = false) -> String {
            time.parse(iso).map { StationClock.time($0, seconds: seconds) } ?? iso
        }
        let addAction = "/stations/\(s.station.id)/weeks/\(w)/add"
        let addLabel = t.vi ? "Thêm mục vào buổi này" : "Add an item to this session"
        let removeAction = "/stations/\(s.station.id)/weeks/\(w)/remove"
        let removeTitle = t.vi ? "Bỏ lượt phát này khỏi lịch" : "Remove this airing"
        let pinAction = "/stations/\(s.station.id)/weeks/\(w)/pin"
        let dates = (0..<7).map { w.monday.adding(days: $0) }
        // On a phone the week is one day at a time: today's when the week is running, else Monday.
        let today = CivilDate(daysSinceEpoch: now / 86_400_000)
        let picked = dates.firstIndex(of: today) ?? 0
        let days: [[String: Any]] = dates.enumerated().map { i, d in
            ["name": t.days[i], "date": t.vi ? d.vietnamese : d.description, "index": i, "picked": i == picked,
             "short": t.vi ? "\(d.day)/\(d.month)" : "\(d.month)/\(d.day)"]
        }
        var kinds: [String] = []
        for session in doc.sessions where !kinds.contains(session.id) { kinds.append(session.id) }
        let limit = Double(s.station.maxUnusedPermille) / 1000
        let rows: [[String: Any]] = kinds.map { kind in
            ["cells": dates.enumerated().map { dayIndex, d -> [String: Any] in
                guard let index = doc.sessions.firstIndex(where: { $0.id == kind && $0.date == d.description }) else { return ["day": dayIndex] }
                let session = doc.sessions[index]
                let editable = weekEditable && (time.parse(session.start).map { $0 > now } ?? false)
                return ["day": dayIndex, "session": [
                    "name": session.name, "from": clockOf(session.start), "to": clockOf(session.end),
                    "free": Messages.clock(max(0, session.unused)), "idle": session.unused > session.length * limit,
                    "sessionIndex": index, "slot": "\(session.date).\(session.id)", "addAction": addAction, "addLabel": addLabel,
                    "canAdd": editable && addable.indices.contains(index) && !addable[index].isEmpty,
                    "addable": (addable.indices.contains(index) ? addable[index] : []).map { item -> [String: Any] in
                        ["id": item.id, "title": item.title, "length": Messages.clock(Double(item.length ?? 0) / 1000)]
                    },
                    "airings": session.airings.enumerated().map { n, a -> [String: Any] in
                        let ids = PlannedSessionIDs.ids(session)
                        let reason = PlanMessages.reason(code: a.reason)
                        // Why an airing is there is worth a line for quotas, notices and relays, not for fill.
                        let notable: Bool = switch reason { case .rule, .itemQuota, .priority, .amended: true; default: false }
                        return ["time": clockOf(a.start, seconds: true), "title": a.title, "length": Messages.clock(a.duration),
                                "notable": notable, "editable": editable, "removeAction": removeAction, "removeTitle": removeTitle,
                                "sessionIndex": index, "airingIndex": n, "airingID": ids[n], "pinAction": pinAction,
                                "pinned": pins.contains(Pin(date: session.date, session: session.id, item: a.item)),
                                "pinTarget": pins.contains(Pin(date: session.date, session: session.id, item: a.item)) ? "0" : "1",
                                "pinTitle": t.vi ? "Ghim: lập lại lịch vẫn giữ lượt này (bấm lần nữa để bỏ ghim)" : "Pin: planning again keeps this airing (click again to unpin)",
                                "why": reason.map { PlanMessages.reason($0, rules: s.station.rules, t.lang) } ?? a.reason]
                    },
                ] as [String: Any]]
            }]
        }
        let quotas: [[String: Any]] = doc.rules.map { r in
            ["name": r.name ?? r.id, "min": r.min, "max": r.max.map(String.init) ?? "–", "count": r.count,
             "status": r.status, "statusText": t.statusWord(r.status)]
        } + doc.items.map { r in
            ["name": r.title ?? r.id, "min": r.min, "max": r.max.map(String.init) ?? "–", "count": r.count,
             "status": r.status, "statusText": t.statusWord(r.status)]
        }
        // Worded in the reader's language from the figures stored (a week written before findings: its sentence).
        let problems: [[String: Any]] = doc.problems.map { p in
            ["severity": p.severity, "severityText": t.severityWord(p.severity), "code": p.code,
             "message": p.finding.map { PlanMessages.text($0, t.lang) } ?? p.message ?? p.code]
        }
        return ["days": days, "pickedDay": picked, "rows": rows, "quotas": quotas, "problems": problems, "hasProblems": !problems.isEmpty]
    }

    // MARK: Đăng nhập

    func login(_ v: Viewer, next: String, message: String? = nil, name: String = "") -> String {
        let t = Text(v.lang)
        var values: [String: Any] = ["next": next, "name": name]
        if let message { values["message"] = message }
        return render("login", title: t.login, values, v)
    }

    /// Why a form without this browser's token is refused, and what to do.
    func staleForm(_ lang: Language) -> String {
        lang == .vi ? "Biểu mẫu này đã cũ hoặc không gửi từ trang của LichPhat (thiếu mã bảo vệ). Mở lại trang rồi làm lại."
                    : "This form is stale or was not sent from a LichPhat page (its protection code is missing). Open the page again and retry."
    }

    func relative(_ path: String) -> String { relativePath(from: site.root, to: path) }
}

/// A path segment for a URL.
func percentEncoded(_ s: String) -> String {
    s.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))) ?? s
}

/// A typed notice being looked at before it is read aloud: what was typed, and how it will be read.
struct SpeakDraft: Sendable {
    var text: String
    var name: String
    var reading: String
}
