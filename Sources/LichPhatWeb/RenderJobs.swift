import Foundation
public import LichPhatCore
import LichPhatText
import LichPhatFormats
import LichPhatWorkspace
import Synchronization

/// Weeks being rendered for the loudspeaker platforms (`lichphat render`), in the background: a
/// week takes minutes, longer than a page should wait. One render per week at a time; the pages
/// and the API read how far it has come, and what it said when it finished.
public final class RenderJobs: Sendable {
    public struct Job: Sendable, Equatable {
        public enum State: String, Sendable { case running, done, failed }
        public var state: State
        /// Parts (sessions, or their pieces between relays) rendered, of how many.
        public var done: Int
        public var total: Int
        public var format: String
        /// What the render said when it finished, in the language it was started in.
        public var message: String?
        /// It was running when the server stopped or its worker was restarted: the kit was not
        /// replaced (a kit is put in place whole or not at all).
        public var interrupted = false

        /// What the job says, in `lang` (an interrupted one is worded here).
        public func said(_ lang: Language) -> String? {
            guard interrupted else { return message }
            return lang == .vi ? "Lần xuất trước bị gián đoạn (máy chủ đã khởi động lại): bộ tệp cũ (nếu có) vẫn nguyên. Xuất lại."
                               : "The last render was interrupted (the server restarted): the previous kit, if any, is intact. Render again."
        }
    }

    /// Where a week's render job is recorded on disk, beside the week (a restart reads it back).
    static func record(_ s: LoadedStation, _ w: ISOWeek) -> String { s.weeksFolder + "/." + w.description + ".render-job.json" }

    struct Recorded: Codable { var pid: Int32; var state: String; var format: String; var message: String? }

    static func write(_ r: Recorded, to path: String) {
        guard let data = try? JSONEncoder().encode(r) else { return }
        try? WeekFolder.atomicWrite(data, to: path)
    }

    private let jobs = Mutex<[String: Job]>([:])

    public init() {}

    static func key(_ station: String, _ week: ISOWeek) -> String { station + "/" + week.description }

    public func job(station: String, week: ISOWeek) -> Job? {
        jobs.withLock { $0[Self.key(station, week)] }
    }

    /// The job in memory, or as recorded on disk by a server that has since stopped: one that
    /// was running then is reported as interrupted.
    func job(_ s: LoadedStation, week: ISOWeek) -> Job? {
        if let j = job(station: s.station.id, week: week) { return j }
        guard let data = FileManager.default.contents(atPath: Self.record(s, week)),
              let r = try? JSONDecoder().decode(Recorded.self, from: data) else { return nil }
        switch r.state {
        case "running" where r.pid != getpid() && kill(r.pid, 0) == 0:
            return Job(state: .running, done: 0, total: 0, format: r.format, message: nil)   // another server on this root
        case "done": return Job(state: .done, done: 0, total: 0, format: r.format, message: r.message)
        case "failed": return Job(state: .failed, done: 0, total: 0, format: r.format, message: r.message)
        default: return Job(state: .failed, done: 0, total: 0, format: r.format, message: nil, interrupted: true)
        }
    }

    /// Starts rendering the week unless it is being rendered already; false then.
    func start(_ site: Site, _ s: LoadedStation, _ w: ISOWeek, format: String, lang: Language) -> Bool {
        let key = Self.key(s.station.id, w)
        let started = jobs.withLock { jobs -> Bool in
            if jobs[key]?.state == .running { return false }
            jobs[key] = Job(state: .running, done: 0, total: 0, format: format, message: nil)
            return true
        }
        guard started else { return false }
        let ws = site.workspace
        let recordPath = Self.record(s, w)
        Self.write(Recorded(pid: getpid(), state: "running", format: format, message: nil), to: recordPath)
        Thread.detachNewThread { [self] in
            // `format` is one of Workspace.renderFormats (Actions.render checked it).
            var outcome = Job(state: .failed, done: 0, total: 0, format: format, message: nil)
            do throws(WorkspaceError) {
                if let r = try ws.render(s, week: w, formatNamed: format, progress: { done, total in
                    self.jobs.withLock { $0[key]?.done = done; $0[key]?.total = total }
                }) {
                    outcome = Job(state: .done, done: r.files.count, total: r.files.count, format: format,
                                  message: Self.finished(r, week: w, lang: lang))
                }
            } catch {
                outcome = Job(state: .failed, done: 0, total: 0, format: format,
                              message: WorkspaceMessages.lines(error, lang, front: .web).joined(separator: " "))
            }
            self.jobs.withLock { $0[key] = outcome }
            Self.write(Recorded(pid: getpid(), state: outcome.state.rawValue, format: format, message: outcome.message), to: recordPath)
        }
        return true
    }

    static func finished(_ r: RenderResult, week: ISOWeek, lang: Language) -> String {
        let vi = lang == .vi
        let minutes = r.files.reduce(0) { $0 + $1.duration } / 60
        var text = vi ? "Đã xuất tuần \(week): \(r.files.count) tệp âm thanh (\(Int(minutes.rounded())) phút) và \(r.records.count) bản ghi cho nền tảng loa."
                      : "Week \(week) rendered: \(r.files.count) audio files (\(Int(minutes.rounded())) minutes) and \(r.records.count) records for the platforms."
        if r.unapproved {
            text += vi ? " Lịch chưa được duyệt: các trường duyệt trong bản ghi để trống; duyệt rồi xuất lại trước khi tải lên."
                       : " The week is not approved: the records' approval fields are empty; approve it and render again before uploading."
        }
        return text
    }
}
