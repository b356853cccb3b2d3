import Foundation
import LichPhatAudio
public import LichPhatCore
public import LichPhatFormats

/// A bulletin as a front end received it: fields as typed, checked by ``Workspace/addBulletin``.
public struct BulletinRequest: Sendable {
    public var level: String
    /// An audio file to air as it is (copied, never changed) …
    public var file: String?
    /// … or a text read aloud (espeak-ng at the loudness target).
    public var text: String?
    public var title: String?
    public var times: Int
    /// Between airings, as typed: `60m`, `1h`, `90s`.
    public var every: String?
    /// `2026-12-08 20:00` (station time) or ISO 8601.
    public var until: String?
    /// First airing for an emergency one sent ahead; the session to head for a priority one.
    public var from: String?
    public init(level: String, file: String? = nil, text: String? = nil, title: String? = nil, times: Int = 1,
                every: String? = nil, until: String? = nil, from: String? = nil) {
        self.level = level; self.file = file; self.text = text; self.title = title; self.times = times
        self.every = every; self.until = until; self.from = from
    }
}

/// One time a bulletin aired, from the station's play logs.
public struct BulletinAiring: Sendable, Equatable {
    public var start: Int
    public var played: Int?
    public init(start: Int, played: Int?) { self.start = start; self.played = played }
}

extension Workspace {
    /// `Schedules/<station>/ban-tin/`: one `<id>.json` and its audio per bulletin.
    public func bulletinFolder(_ loaded: LoadedStation) -> String { loaded.weeksFolder + "/ban-tin" }

    /// Every bulletin of the station, newest first; a file that does not read is passed over.
    public func bulletins(_ loaded: LoadedStation) -> [Bulletin] {
        let folder = bulletinFolder(loaded)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let decoder = JSONDecoder()
        return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
            .compactMap { FileManager.default.contents(atPath: folder + "/" + $0).flatMap { try? decoder.decode(Bulletin.self, from: $0) } }
            .sorted { ($0.at, $0.id) > ($1.at, $1.id) }
    }

    public func bulletin(_ loaded: LoadedStation, id: String) throws(WorkspaceError) -> Bulletin {
        guard Self.isBulletinID(id), let b = bulletins(loaded).first(where: { $0.id == id }) else { throw .noSuchBulletin(id: String(id.prefix(60))) }
        return b
    }

    static func isBulletinID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 64 && id.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }

    /// Records a bulletin: its audio kept beside it (a file copied as sent, or the text read aloud),
    /// its airings decided by its level. An emergency one is due at once (or at `from`) and the
    /// playout (`lichphat air`) puts it on air within a second; a priority one heads the next
    /// session; a normal one waits in the inbox. Nothing is written unless everything reads.
    public func addBulletin(_ loaded: LoadedStation, _ request: BulletinRequest, actor: Actor) throws(WorkspaceError) -> Bulletin {
        try addBulletin(loaded, request, actor: actor, cap: nil)
    }

    func addBulletin(_ loaded: LoadedStation, _ request: BulletinRequest, actor: Actor, cap: Bulletin.CAPReference?) throws(WorkspaceError) -> Bulletin {
        guard let level = Self.bulletinLevel(request.level) else {
            throw .badBulletin(field: "level", problem: .unknownLevel(String(request.level.prefix(40))))
        }
        let file = request.file.flatMap { $0.isEmpty ? nil : $0 }
        let text = request.text.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        if file != nil, text != nil { throw .badBulletin(field: "text", problem: .fileAndText) }
        guard file != nil || text != nil else { throw .badBulletin(field: "file", problem: .noAudio) }
        if let text, text.count > Bulletin.longestText { throw .badBulletin(field: "text", problem: .textTooLong(characters: text.count, limit: Bulletin.longestText)) }
        guard (1...Bulletin.maxTimes).contains(request.times) else { throw .badBulletin(field: "times", problem: .times(request.times)) }
        var every = 3_600_000
        if let e = request.every, !e.isEmpty {
            guard let secs = DurationText.seconds(e), let ms = DurationText.milliseconds(secs, limit: 86_400),
                  ms >= Bulletin.minEvery else { throw .badBulletin(field: "every", problem: .every(String(e.prefix(40)))) }
            every = ms
        }
        let clock = loaded.clock
        let now = clock.now(self.now())
        let time = LogTime(clock: clock)
        func parsed(_ text: String?, _ field: String) throws(WorkspaceError) -> Int? {
            guard let text, !text.isEmpty else { return nil }
            guard let t = time.parse(text.trimmingCharacters(in: .whitespaces)) else {
                throw .badBulletin(field: field, problem: .unreadableTime(String(text.prefix(40))))
            }
            return t
        }
        let from = try parsed(request.from, "from") ?? now
        guard from >= now - 60_000 else { throw .badBulletin(field: "from", problem: .inPast) }
        let until = try parsed(request.until, "until")
        if let until, until <= from { throw .badBulletin(field: "until", problem: .untilBeforeFrom) }
        // With `until` and no count: as many as fit.
        var times = request.times
        if let until, times == 1, request.every != nil { times = min(Bulletin.maxTimes, (until - from) / every + 1) }
        let title = (request.title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard title.count <= 200, !title.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .badBulletin(field: "title", problem: .title)
        }

        let folder = bulletinFolder(loaded)
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            throw .cannotWrite(path: folder, detail: (error as NSError).localizedDescription)
        }
        let id = newBulletinID(folder, now)
        let audio: String, length: Int, gain: Double?
        if let file {
            let source = absolute(file)
            let facts = AudioInspector.inspect(path: source, depth: .full, policy: loaded.file.policy)
            guard facts.isReadable, let secs = facts.duration, secs > 0 else {
                throw .badBulletin(field: "file", problem: .unreadableAudio(path: file))
            }
            let ext = (source as NSString).pathExtension.lowercased()
            audio = id + "." + (["wav", "mp3", "ogg", "flac", "opus", "m4a"].contains(ext) ? ext : "wav")
            guard let bytes = FileManager.default.contents(atPath: source) else { throw .badBulletin(field: "file", problem: .unreadableAudio(path: file)) }
            do throws(AtomicFile.Failure) { try AtomicFile.create(bytes, at: folder + "/" + audio) } catch {
                throw .cannotWrite(path: folder + "/" + audio, detail: error.detail)
            }
            length = Int((secs * 1000).rounded())
            let p = loaded.file.policy
            gain = LoudnessGain.gain(integrated: facts.loudness?.integrated, truePeak: facts.loudness?.truePeak,
                                    target: p.loudnessTarget, peakLimit: p.truePeakLimit)?.gain
        } else {
            audio = id + ".wav"
            let spoken = try speak(text: text!, to: folder + "/" + audio, policy: loaded.file.policy, abbreviations: loaded.file.abbreviations)
            length = Int((spoken.duration * 1000).rounded())
            gain = nil
        }
        let shownTitle = title.isEmpty ? String((text ?? (file.map { ($0 as NSString).lastPathComponent } ?? id)).prefix(80)) : title
        var b = Bulletin(id: id, level: level, title: shownTitle, audio: audio, text: text, length: length, gain: gain,
                         from: from, times: times, every: every, until: until, by: actor.by,
                         at: clock.isoSeconds(now), via: actor.via.rawValue)
        // Repeats a bulletin runs into itself would hold the air for good.
        if b.times > 1, b.every < b.length + 5_000 {
            try? FileManager.default.removeItem(atPath: folder + "/" + audio)
            try? FileManager.default.removeItem(atPath: folder + "/" + (audio as NSString).deletingPathExtension + ".txt")
            throw .badBulletin(field: "every", problem: .everyShorterThanBulletin(length: b.length))
        }
        if level == .priority {
            b.placed = try placePriority(loaded, b, actor: actor)
        }
        b.cap = cap
        try save(b, folder)
        return b
    }

    /// Stops a bulletin's airings still to come (one on air now plays to its end).
    public func cancelBulletin(_ loaded: LoadedStation, id: String, actor: Actor) throws(WorkspaceError) -> Bulletin {
        var b = try bulletin(loaded, id: id)
        guard b.cancelled == nil else { throw .bulletinOver(id: id) }
        let clock = loaded.clock
        let now = clock.now(self.now())
        b.cancelled = Bulletin.Cancel(by: actor.by, at: clock.isoSeconds(now), time: now)
        try save(b, bulletinFolder(loaded))
        return b
    }

    /// Each bulletin's airings, from the station's play logs (LichPhat's own, and any kept there).
    public func bulletinAirings(_ loaded: LoadedStation) -> [String: [BulletinAiring]] {
        let resolver = ItemResolver(station: loaded.station, audioFolder: loaded.audioFolder)
        let time = LogTime(clock: loaded.clock)
        var out: [String: [BulletinAiring]] = [:]
        for log in playLogs(of: loaded) {
            for r in PlayLogReader.read(path: log.path, resolver: resolver, time: time).bulletins {
                out[r.item, default: []].append(BulletinAiring(start: r.start, played: r.played))
            }
        }
        return out.mapValues { $0.sorted { $0.start < $1.start } }
    }

    /// A level as typed: `emergency`, `khẩn cấp`, `khan-cap` … (nil when it is none).
    public static func bulletinLevel(_ text: String) -> BulletinLevel? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        return BulletinLevel(rawValue: t) ?? levelWords[t]
    }

    static let levelWords: [String: BulletinLevel] = [
        "thông thường": .normal, "thong-thuong": .normal, "ưu tiên": .priority, "uu-tien": .priority,
        "khẩn cấp": .emergency, "khan-cap": .emergency,
    ]

    func newBulletinID(_ folder: String, _ now: Int) -> String {
        let d = StationClock.date(now)
        let t = StationClock.time(now, seconds: true)
        let base = "bt-\(d.year)\(two(d.month))\(two(d.day))-" + t.filter { $0 != ":" }
        var id = base, n = 1
        while FileManager.default.fileExists(atPath: folder + "/" + id + ".json") { n += 1; id = base + "-\(n)" }
        return id
    }

    func save(_ b: Bulletin, _ folder: String) throws(WorkspaceError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(b) else { throw .cannotWrite(path: folder, detail: "JSON") }
        let path = folder + "/" + b.id + ".json"
        do throws(AtomicFile.Failure) { try AtomicFile.write(data + Data("\n".utf8), to: path) } catch {
            throw .cannotWrite(path: path, detail: error.detail)
        }
    }
}

private func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

extension Workspace {
    /// A priority bulletin heads the next session (this week or the next), after its opening.
    /// Where that week is written, this is an amendment: its audio is put in the library
    /// (`ban-tin/<station>-<id>.wav`), it is added at the head of the session as a new revision
    /// of kind `bulletin` — authorised by its level, so the week still airs without waiting for the
    /// leader — and, where the session lacks the time, fill airings that count toward no rule make
    /// room, so every quota still holds. Where that cannot be done (the week not written, no
    /// room without breaking a quota), the playout puts it there anyway, the session's later
    /// airings following it (`revision` 0).
    func placePriority(_ loaded: LoadedStation, _ b: Bulletin, actor: Actor) throws(WorkspaceError) -> Bulletin.Placement {
        let planner = Planner(station: loaded.station)
        let week = ISOWeek(containing: StationClock.date(b.from))
        var next: SessionInstance?
        for w in [week, week.adding(weeks: 1)] {
            next = planner.instances(of: w).filter({ $0.start >= b.from }).min(by: { $0.start < $1.start })
            if next != nil { break }
        }
        guard let s = next else { throw .badBulletin(field: "level", problem: .noSessionAhead) }
        let w = ISOWeek(containing: s.date)
        let fallback = Bulletin.Placement(week: w.description, revision: 0, date: s.date.description, session: s.template.id)
        guard readWeek(loaded, week: w).schedule != nil else { return fallback }

        let ext = (b.audio as NSString).pathExtension
        let libraryFile = "ban-tin/\(loaded.station.id)-\(b.id).\(ext)"
        let target = loaded.audioFolder + "/" + libraryFile
        guard let bytes = FileManager.default.contents(atPath: bulletinFolder(loaded) + "/" + b.audio) else { return fallback }
        try? FileManager.default.createDirectory(atPath: loaded.audioFolder + "/ban-tin", withIntermediateDirectories: true)
        do throws(AtomicFile.Failure) { try AtomicFile.create(bytes, at: target) } catch { return fallback }
        var item = Item(id: b.id, title: b.title, file: libraryFile, length: b.length)
        item.gain = b.gain
        do {
            let r = try revise(loaded, week: w, weeksFolder: nil, write: WeekWrite(actor), kind: { _ in .bulletin }, lang: lang) { _, written throws(WorkspaceError) -> Plan? in
                guard let written else { throw .noSchedule(folder: weekFolder(loaded, w, nil)) }
                switch written.amending(item, times: 1, priority: true, from: s.start) {
                case .success(let a):
                    var plan = a.plan
                    for k in plan.sessions.indices {
                        for i in plan.sessions[k].airings.indices where plan.sessions[k].airings[i].item == b.id {
                            plan.sessions[k].airings[i].reason = .bulletin
                        }
                    }
                    return plan
                case .failure(let refusal): throw .cannotAmend(item: item, refusal: refusal, rules: loaded.station.rules)
                }
            }
            guard let landed = r.plan.sessions.first(where: { $0.airings.contains { $0.item == b.id } }) else { return fallback }
            return Bulletin.Placement(week: w.description, revision: r.revision.number, date: landed.instance.date.description, session: landed.instance.template.id)
        } catch {
            unlink(target)
            return fallback
        }
    }
}

extension Workspace {
    /// Places a normal bulletin from the inbox in a session still to come (`date` YYYY-MM-DD,
    /// `session` its id): the playout airs it after the session's opening, as a priority one.
    public func placeBulletin(_ loaded: LoadedStation, id: String, date: String, session: String, actor: Actor) throws(WorkspaceError) -> Bulletin {
        var b = try bulletin(loaded, id: id)
        guard b.cancelled == nil else { throw .bulletinOver(id: id) }
        guard let day = CivilDate(date) else { throw .badBulletin(field: "date", problem: .unreadableTime(String(date.prefix(40)))) }
        let week = ISOWeek(containing: day)
        let now = loaded.clock.now(self.now())
        guard let s = Planner(station: loaded.station).instances(of: week).first(where: { $0.date == day && $0.template.id == session }) else {
            throw .badBulletin(field: "session", problem: .noSessionAhead)
        }
        guard s.start > now else { throw .badBulletin(field: "date", problem: .inPast) }
        b.placed = Bulletin.Placement(week: week.description, revision: 0, date: day.description, session: session)
        b.from = s.start
        try save(b, bulletinFolder(loaded))
        return b
    }

    /// The sessions a bulletin can still be placed in: this week's and next week's, from now on.
    public func placeableSessions(_ loaded: LoadedStation) -> [SessionInstance] {
        let now = loaded.clock.now(self.now())
        let w = thisWeek(of: loaded.station)
        let planner = Planner(station: loaded.station)
        return (planner.instances(of: w) + planner.instances(of: w.adding(weeks: 1))).filter { $0.start > now }.sorted { $0.start < $1.start }
    }
}

/// Where a bulletin stands, as the page and `bulletin list` say it.
public enum BulletinState: String, Sendable {
    /// A normal one in the inbox, not placed yet.
    case toPlace = "to-place"
    /// Airings still to come.
    case toAir = "to-air"
    /// Aired, nothing left to come.
    case aired
    /// Its time passed and it never aired (no playout was running).
    case missed
    case cancelled
}

extension Workspace {
    public func state(of b: Bulletin, _ loaded: LoadedStation, aired: [BulletinAiring]) -> BulletinState {
        if b.cancelled != nil { return .cancelled }
        let now = loaded.clock.now(self.now())
        if let p = b.placed {
            guard aired.isEmpty else { return .aired }
            let end = CivilDate(p.date).flatMap { day in
                Planner(station: loaded.station).instances(of: ISOWeek(containing: day)).first { $0.date == day && $0.template.id == p.session }?.end
            } ?? b.from
            return now < end ? .toAir : .missed
        }
        if b.level == .normal { return .toPlace }
        if !b.pending(at: now).isEmpty { return .toAir }
        return aired.isEmpty ? .missed : .aired
    }
}
