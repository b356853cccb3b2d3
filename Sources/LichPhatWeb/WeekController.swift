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


/// Lịch tuần: the week as written, and each form on it (plan, ×, ○, +, amend, approve, render, print).
enum WeekController {
    static func addRoutes(to router: Router<WebContext>, site: Site, pages: Pages) {
        router.get("/stations/:id/weeks/:week") { request, context -> Response in
            let v = Viewer(request, context)
            do {
                let (s, w) = try await WebServer.stationAndWeek(site, context, .read)
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
                    let (s, w) = try await WebServer.stationAndWeek(site, context, .change)
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
                let (s, w) = try await WebServer.stationAndWeek(site, context, .change)
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
                let (s, w) = try await WebServer.stationAndWeek(site, context, .read)
                let folder = site.workspace.readWeek(s, week: w).folder
                guard let html = try? String(contentsOfFile: folder + "/schedule.html", encoding: .utf8) else { throw WebError.notFound }
                // The approval recorded in the app, printed under "Duyệt": who, when, which revision.
                let view = site.workspace.readWeek(s, week: w)
                let revision = site.workspace.history(s, week: w).current?.number ?? 1
                let line = WorkspaceMessages.printedApproval(view.state, revision: revision).map { text, changed in
                    "<p class=\"approved\(changed ? " changed" : "")\">\(htmlEscaped(text))</p>"
                } ?? ""
                return HTMLPage(html.replacingOccurrences(of: ScheduleExport.approvalMarker, with: line))
            } catch { return pages.failure(error, v) }
        }

    }
}
