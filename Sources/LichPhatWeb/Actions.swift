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
                                      status: .init(code: WebError.workspace(error).statusCode), error: error)
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

    static func replaceAudio(_ site: Site, _ s: LoadedStation, path: String, source: Workspace.AudioSource, lang: Language) async -> Outcome {
        let ws = site.workspace
        return await run(lang) { () throws(WorkspaceError) -> Outcome in
            let added = try ws.replaceAudio(in: s, path: path, source: source)
            let length = added.file.facts.duration.map { Messages.clock($0) } ?? "–"
            return Outcome(flash: (lang == .vi ? "Đã thay “\(added.path)” bằng bản mới (\(length)); bản cũ được giữ trong thư mục ẩn .replaced của thư viện."
                                               : "“\(added.path)” was replaced by the new version (\(length)); the old one is kept in the library's hidden .replaced folder.",
                                   added.file.worst != .error), status: .ok)
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
