import Foundation
public import LichPhatAudio
public import LichPhatCore
public import LichPhatFormats
import LichPhatText

/// A session (or the part of one between relays) rendered into one file.
/// A week's `render/render.json` read back: what each rendered file is (for the page's list).
public struct RenderRecord: Decodable, Sendable {
    public struct File: Decodable, Sendable {
        public var file: String
        public var session: String
        public var date: String
        public var start: String
        /// Seconds.
        public var duration: Double
        /// LUFS and dBTP as written (absent in kits rendered before they were recorded).
        public var loudness: Double?
        public var truePeak: Double?
    }
    public var format: String
    public var files: [File]

    /// The record in a kit folder; nil when there is none or it does not read.
    public static func read(kit folder: String) -> RenderRecord? {
        guard let data = FileManager.default.contents(atPath: folder + "/render.json") else { return nil }
        return try? JSONDecoder().decode(RenderRecord.self, from: data)
    }
}

public struct RenderedFile: Sendable {
    public var file: String
    public var session: String
    public var sessionName: String
    public var date: String
    /// ISO 8601, station time.
    public var start: String
    /// Local minutes after midnight.
    public var startMinute: Int
    /// Seconds.
    public var duration: Double
    public var airings: [(item: String, offset: Double, duration: Double, gain: Double)]
    /// An item of priority 1 ("ưu tiên") airs in it.
    public var priority: Bool
    /// Integrated loudness (LUFS) and true peak (dBTP) of what was written, measured before encoding.
    public var loudness: Double? = nil
    public var truePeak: Double? = nil
}

public struct RenderResult: Sendable {
    public var folder: String
    public var files: [RenderedFile]
    public var records: [PlatformRecord]
    /// The week is not approved: the kit's approval fields are null.
    public var unapproved: Bool
}

extension Workspace {
    /// The formats a week renders to, by name: for front ends that do not reach into the audio module.
    public static let renderFormats = Renderer.Format.allCases.map(\.rawValue)

    /// Whether the week can be rendered to the format named (before a front end starts the work):
    /// a format not in ``renderFormats`` is an input error, a week not written is not found.
    public func checkRender(_ loaded: LoadedStation, week: ISOWeek, formatNamed name: String) throws(WorkspaceError) {
        guard Renderer.Format(rawValue: name.lowercased()) != nil else { throw .unknownRenderFormat(given: name, known: Self.renderFormats) }
        let view = readWeek(loaded, week: week)
        guard view.schedule != nil else { throw .noSchedule(folder: view.folder) }
    }

    /// ``render(_:week:format:out:progress:)`` with the format by name; nil for a name not in ``renderFormats``.
    public func render(_ loaded: LoadedStation, week: ISOWeek, formatNamed name: String,
                       progress: (@Sendable (Int, Int) -> Void)? = nil) throws(WorkspaceError) -> RenderResult? {
        guard let format = Renderer.Format(rawValue: name.lowercased()) else { return nil }
        return try render(loaded, week: week, format: format, progress: progress)
    }

    /// Renders every session of the written week into one file each (`render/` in the week's
    /// folder by default), named like its playlist: open items, content and close items back to
    /// back, each at its gain, trimmed where set, exactly its planned length. A relay cannot be
    /// rendered: the session is split into the files before and after it (`…-1`, `…-2`). Beside
    /// them: `render.json`, and the platforms' kit `platform.json` and `platform.csv`. The
    /// originals are only read.
    public func render(_ loaded: LoadedStation, week: ISOWeek, format: Renderer.Format, out: String? = nil,
                       progress: (@Sendable (Int, Int) -> Void)? = nil) throws(WorkspaceError) -> RenderResult {
        let view = readWeek(loaded, week: week)
        // The schedule rendered and its hash from the same bytes.
        guard let rendered = FileManager.default.contents(atPath: view.folder + "/schedule.json"),
              let doc = try? JSONDecoder().decode(ScheduleDocument.self, from: rendered) else {
            throw .noSchedule(folder: view.folder)
        }
        let revisionHash = WeekFolder.sha256(rendered)
        let target = absolute(out ?? view.folder + "/render")
        // The kit is built aside and put in place whole, or not at all: a full disk, a kill or an
        // error never leaves part of a kit under the real names. What a killed render left is removed first.
        let parent = (target as NSString).deletingLastPathComponent, base = (target as NSString).lastPathComponent
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? [] where name.hasPrefix("." + base + ".tmp-") || name.hasPrefix("." + base + ".old-") {
            try? FileManager.default.removeItem(atPath: parent + "/" + name)
        }
        let folder = parent + "/." + base + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            throw .cannotWrite(path: target, detail: WeekFolder.describe(error))
        }
        var finished = false
        defer { if !finished { try? FileManager.default.removeItem(atPath: folder) } }
        let time = LogTime(clock: loaded.clock)
        let priorityItems = Set(loaded.station.items.filter { $0.priority == 1 }.map(\.id))
        // The parts to render: each session cut at its relays.
        struct Part { var session: ScheduleDocument.Session; var airings: [ScheduleDocument.Airing]; var name: String }
        var parts: [Part] = []
        for s in doc.sessions {
            var runs: [[ScheduleDocument.Airing]] = [[]]
            for a in s.airings { if a.file == nil { runs.append([]) } else { runs[runs.count - 1].append(a) } }
            runs = runs.filter { !$0.isEmpty }
            let base = (s.playlist as NSString).deletingPathExtension
            for (n, run) in runs.enumerated() {
                parts.append(Part(session: s, airings: run, name: base + (runs.count > 1 ? "-\(n + 1)" : "") + "." + format.rawValue))
            }
        }
        var files: [RenderedFile] = []
        progress?(0, parts.count)   // how many parts there are, before the first takes its time
        for (k, part) in parts.enumerated() {
            let pieces = part.airings.map { a in
                Renderer.Piece(path: loaded.audioFolder + "/" + (loaded.diskNames[a.file!] ?? a.file!), gain: a.gain ?? 0,
                               cueIn: a.cueIn.flatMap { DurationText.milliseconds($0, limit: 86_400) },
                               length: DurationText.milliseconds(a.duration, limit: 86_400) ?? 0)
            }
            let output: Renderer.Output
            do throws(Renderer.Failure) {
                output = try Renderer.render(pieces, to: folder + "/" + part.name, format: format, truePeakLimit: loaded.file.policy.truePeakLimit)
            } catch {
                switch error {
                case .unreadable(let path, let detail): throw .cannotWrite(path: path, detail: detail)
                case .cannotWrite(_, let detail): throw .cannotWrite(path: target + "/" + part.name, detail: detail)
                }
            }
            // Read back: a file cut short (a full disk the encoder did not notice) is an error, not a kit.
            let planned = Double(pieces.reduce(0) { $0 + $1.length }) / 1000
            let written = AudioInspector.inspect(path: folder + "/" + part.name, depth: .quick, policy: loaded.file.policy).duration ?? 0
            guard abs(written - planned) <= 0.1 + planned * 0.002 else {
                throw .renderIncomplete(file: part.name, planned: planned, written: written)
            }
            var offset = 0.0
            let airings = part.airings.map { a -> (String, Double, Double, Double) in
                defer { offset += a.duration }
                return (a.item, offset, a.duration, a.gain ?? 0)
            }
            let start = part.airings[0].start
            let local = time.parse(start).map { ($0 % 86_400_000 + 86_400_000) % 86_400_000 / 60_000 } ?? 0
            files.append(RenderedFile(file: part.name, session: part.session.id, sessionName: part.session.name, date: part.session.date,
                                      start: start, startMinute: local, duration: part.airings.reduce(0) { $0 + $1.duration },
                                      airings: airings, priority: part.airings.contains { priorityItems.contains($0.item) },
                                      loudness: output.loudness, truePeak: output.truePeak))
            progress?(k + 1, parts.count)
        }
        let approval = view.state.approvedBy.flatMap { a -> WeekFolder.Approval? in if case .approved = view.state { a } else { nil } }
        let records = Self.platformRecords(files, station: loaded.station, week: week, approval: approval)
        let renderJSON = JSONValue.object([
            ("schema", .string("lichphat/render@1")), ("station", .string(loaded.station.id)), ("week", .string(week.description)),
            ("revision", .object([("number", .int(doc.revision ?? 1)), ("hash", .string(revisionHash))])),
            ("format", .string(format.rawValue)),
            ("files", .array(files.map { f in
                .object([("file", .string(f.file)), ("session", .string(f.session)), ("date", .string(f.date)), ("start", .string(f.start)),
                         ("duration", .number(f.duration, digits: 3)),
                         ("loudness", .number(f.loudness, digits: 1)), ("truePeak", .number(f.truePeak, digits: 1)),
                         ("airings", .array(f.airings.map { a in
                             .object([("item", .string(a.item)), ("offset", .number(a.offset, digits: 3)),
                                      ("duration", .number(a.duration, digits: 3)), ("gain", .number(a.gain, digits: 1))])
                         }))])
            })),
        ]).rendered()
        for (name, text) in [("render.json", renderJSON), ("platform.json", PlatformKit.json(records, station: loaded.station.id, week: week)),
                             ("platform.csv", PlatformKit.csv(records))] {
            do { try WeekFolder.atomicWrite(Data(text.utf8), to: folder + "/" + name) } catch {
                if case .io(let detail) = error { throw .cannotWrite(path: target + "/" + name, detail: detail) }
                throw .cannotWrite(path: target + "/" + name, detail: "")
            }
        }
        // In place, under the week's lock, only if the week is still the revision rendered.
        let lock: WeekFolder.Lock
        do { lock = try WeekFolder.Lock(folder: view.folder, wait: Self.lockWait) } catch { throw Self.mapped(error, week, view.folder) }
        defer { lock.release() }
        if out == nil, FileManager.default.contents(atPath: view.folder + "/schedule.json").map(WeekFolder.sha256) != revisionHash {
            throw .weekChangedWhileRendering(week: week)
        }
        if out == nil {
            // The week's own render/ folder: swapped whole.
            do { try WeekFolder.swapIn(folder, as: target) } catch {
                if case .io(let detail) = error { throw .cannotWrite(path: target, detail: detail) }
                throw .cannotWrite(path: target, detail: "")
            }
        } else {
            // A folder the operator named may hold other things: only the kit's files go in (each
            // renamed into place, never over a folder), nothing else there is touched.
            do { try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true) } catch {
                throw .cannotWrite(path: target, detail: WeekFolder.describe(error))
            }
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where rename(folder + "/" + name, target + "/" + name) != 0 {
                throw .cannotWrite(path: target + "/" + name, detail: String(cString: strerror(errno)))
            }
        }
        finished = true
        return RenderResult(folder: target, files: files, records: records, unapproved: approval == nil)
    }

    /// One record per distinct content: a session that airs the same files (at the same gains
    /// and cues) at the same minute on several days is one record with several weekday bits.
    static func platformRecords(_ files: [RenderedFile], station: Station, week: ISOWeek, approval: WeekFolder.Approval?) -> [PlatformRecord] {
        struct Key: Hashable { var session: String; var minute: Int; var part: String; var content: [String] }
        var order: [Key] = []
        var groups: [Key: [RenderedFile]] = [:]
        for f in files {
            let part = (f.file as NSString).deletingPathExtension.split(separator: "_").last.map(String.init) ?? f.session
            let key = Key(session: f.session, minute: f.startMinute, part: part,
                          content: f.airings.map { "\($0.item)|\($0.duration)|\($0.gain)" })
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(f)
        }
        return order.enumerated().map { n, key in
            let group = groups[key]!
            let first = group[0]
            let bits = group.reduce(0) { mask, f in
                guard let d = CivilDate(f.date) else { return mask }
                return mask | (1 << (d.weekday.rawValue - 1))
            }
            let hh = key.minute / 60, mm = key.minute % 60
            let clock = "\(hh < 10 ? "0" : "")\(hh):\(mm < 10 ? "0" : "")\(mm)"
            // "…_chieu-2": the part after a relay.
            let partNumber = key.part.split(separator: "-").last.flatMap { Int($0) }
            let title = "\(station.name) – \(first.sessionName) \(clock)" + (partNumber.map { " (phần \($0))" } ?? "")
            return PlatformRecord(
                id: "\(station.id)-\(week)-\(n + 1)", title: title,
                file: first.file, startMinute: key.minute, weekdays: bits,
                startDate: group.map(\.date).min() ?? first.date, expiryDate: group.map(\.date).max() ?? first.date,
                duration: first.duration, priority: group.contains { $0.priority } ? 2 : 1,
                approvedBy: approval?.by, approvedAt: approval?.at)
        }
    }
}
