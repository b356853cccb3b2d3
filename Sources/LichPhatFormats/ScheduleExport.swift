import Foundation
public import LichPhatCore
import LichPhatText

/// Renders a planned week in the forms broadcast systems and offices take.
public struct ScheduleExport: Sendable {
    public let plan: Plan
    public let clock: StationClock
    /// Absolute path of the audio folder, and of the week's folder (playlists refer to audio relative to it).
    public let audioFolder: String
    public let weekFolder: String
    public let lang: Language
    /// Stream addresses of relays, by item id (optional `url:` in the station file).
    public let relayURLs: [String: String]
    /// Files whose name on disk is not spelt as in the plan (NFD names), by the plan's spelling:
    /// playlists use the disk's spelling so players find them.
    public let diskNames: [String: String]

    public init(plan: Plan, audioFolder: String, weekFolder: String, lang: Language,
                relayURLs: [String: String] = [:], diskNames: [String: String] = [:]) {
        self.plan = plan
        self.clock = StationClock(identifier: plan.station.timeZone)
        self.audioFolder = audioFolder
        self.weekFolder = weekFolder
        self.lang = lang
        self.relayURLs = relayURLs
        self.diskNames = diskNames
        audioFromWeek = relativePath(from: weekFolder, to: audioFolder)
    }

    /// The audio folder as seen from the week's folder (`../../../Audio`).
    private let audioFromWeek: String

    /// Every file of the week's folder, by name.
    public func files() -> [(name: String, contents: String)] {
        var out: [(String, String)] = [("schedule.json", json()), ("schedule.csv", csv()), ("schedule.ics", ics()),
                                       ("schedule.liq", liquidsoap()), ("schedule.html", html())]
        for s in plan.sessions { out.append((playlistName(s), m3u8(s))) }
        if !plan.pins.isEmpty || !plan.removed.isEmpty { out.append(("pins.json", Self.pinsDocument(plan.pins, removed: plan.removed))) }
        return out
    }

    /// `pins.json`: the airings the operator pinned (or added by hand), kept when the week is
    /// planned again, and those taken out by hand, left out again.
    public static func pinsDocument(_ pins: [Pin], removed: [Pin] = []) -> String {
        func list(_ pins: [Pin]) -> JSONValue {
            .array(pins.map { p in .object([("date", .string(p.date)), ("session", .string(p.session)), ("item", .string(p.item))]) })
        }
        var fields: [(String, JSONValue)] = [("schema", .string("lichphat/pins@1")), ("pins", list(pins))]
        if !removed.isEmpty { fields.append(("removed", list(removed))) }
        return JSONValue.object(fields).rendered()
    }

    /// The pins written in a week's folder (none when there is no pins.json or it does not read).
    public static func pins(inWeek folder: String) -> [Pin] { edits(inWeek: folder).pins }

    /// The pins and the hand removals written in a week's folder.
    public static func edits(inWeek folder: String) -> (pins: [Pin], removed: [Pin]) {
        struct Document: Decodable { var pins: [Pin]; var removed: [Pin]? }
        guard let data = FileManager.default.contents(atPath: folder + "/pins.json"),
              let d = try? JSONDecoder().decode(Document.self, from: data) else { return ([], []) }
        return (d.pins, d.removed ?? [])
    }

    public func playlistName(_ s: PlannedSession) -> String {
        "\(s.instance.date)_\(substituting(StationClock.time(s.instance.start), [UInt8(ascii: ":"): ""]))_\(s.instance.template.id).m3u8"
    }

    func seconds(_ ms: Int) -> JSONValue { .number(Double(ms) / 1000, digits: 3) }

    // MARK: JSON

    public func json() -> String {
        ScheduleDocument(plan: plan, clock: clock, playlist: playlistName).rendered()
    }

    // MARK: M3U8

    /// An extended M3U playlist, UTF-8, paths relative to the playlist. A relay without a stream
    /// address is a comment: the operator switches to the relay input by hand.
    public func m3u8(_ s: PlannedSession) -> String {
        var lines = ["#EXTM3U", "#PLAYLIST:\(s.instance.template.name) \(s.instance.date.vietnamese) \(StationClock.time(s.instance.start))"]
        if !plan.compliant { lines.append("# KHÔNG ĐẠT CHỈ TIÊU / NOT COMPLIANT: see schedule.json") }
        for a in s.airings {
            let secs = Int((Double(a.length) / 1000).rounded(.up))
            if let file = a.file {
                lines.append("#EXTINF:\(secs),\(a.title)")
                lines.append(audioFromWeek + "/" + (diskNames[file] ?? file))
            } else if let url = relayURLs[a.item] {
                lines.append("#EXTINF:\(secs),\(a.title)")
                lines.append(url)
            } else {
                lines.append("# \(lang == .vi ? "Tiếp sóng" : "Relay") \(StationClock.time(a.start))–\(StationClock.time(a.start + a.length)): \(a.title) (\(secs) s)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: CSV

    public static let csvHeaderVI = ["Ngày", "Thứ", "Buổi", "Mã buổi", "Bắt đầu", "Mã mục", "Tiêu đề", "Tệp", "Thời lượng (giây)", "Thẻ", "Chỉ tiêu", "Lý do", "Tuần đạt chỉ tiêu"]
    public static let csvHeaderEN = ["Date", "Day", "Session", "Session id", "Start", "Item id", "Title", "File", "Duration (s)", "Tags", "Rules", "Reason", "Week compliant"]

    /// One row per airing, for Excel and for hand-made schedules the audit reads back.
    public func csv() -> String {
        var rows = [lang == .vi ? Self.csvHeaderVI : Self.csvHeaderEN]
        for s in plan.sessions {
            for a in s.airings {
                rows.append([s.instance.date.vietnamese, s.instance.date.weekday.name(lang), s.instance.template.name,
                             s.instance.template.id, StationClock.preciseTime(a.start), a.item, a.title, a.file ?? "",
                             ScanOutput.formatted(Double(a.length) / 1000, 3), a.tags.joined(separator: " "),
                             a.rules.joined(separator: " "), PlanMessages.reason(a.reason, rules: plan.station.rules, lang),
                             plan.compliant ? (lang == .vi ? "có" : "yes") : (lang == .vi ? "KHÔNG" : "NO")])
            }
        }
        return CSV.document(rows)
    }

    // MARK: iCalendar (RFC 5545)

    public func ics() -> String {
        let tz = plan.station.timeZone
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//LichPhat//Lich phat song//VI", "CALSCALE:GREGORIAN",
                     "X-WR-CALNAME:\(icsText("\(plan.station.name) \(plan.week)"))", "X-WR-TIMEZONE:\(tz)"]
        // The zone's offsets over the week: one observance for Viet Nam (no daylight saving since
        // 1975), and one more for each change inside the week where a zone has daylight saving.
        func offText(_ off: Int) -> String { (off < 0 ? "-" : "+") + two(abs(off) / 3600) + two(abs(off) / 60 % 60) }
        let weekStart = plan.week.monday.daysSinceEpoch * 86_400_000
        let first = clock.offset(weekStart)
        lines += ["BEGIN:VTIMEZONE", "TZID:\(tz)", "BEGIN:STANDARD", "DTSTART:19700101T000000",
                  "TZOFFSETFROM:\(offText(first))", "TZOFFSETTO:\(offText(first))",
                  "TZNAME:\(offText(first) == "+0700" ? "ICT" : offText(first))", "END:STANDARD"]
        var at = Date(timeIntervalSince1970: Double(clock.utc(local: weekStart)) / 1000)
        let end = at.addingTimeInterval(7 * 86_400)
        var before = first
        while let change = clock.timeZone.nextDaylightSavingTimeTransition(after: at), change < end {
            let after = clock.timeZone.secondsFromGMT(for: change)
            let kind = clock.timeZone.isDaylightSavingTime(for: change) ? "DAYLIGHT" : "STANDARD"
            // DTSTART is the wall-clock time the change happens at, on the offset before it.
            let local = Int(change.timeIntervalSince1970) * 1000 + before * 1000
            lines += ["BEGIN:\(kind)", "DTSTART:\(localStamp(local))", "TZOFFSETFROM:\(offText(before))",
                      "TZOFFSETTO:\(offText(after))", "TZNAME:\(offText(after))", "END:\(kind)"]
            before = after
            at = change
        }
        lines.append("END:VTIMEZONE")
        // DTSTAMP must be a UTC time; the week's Monday keeps the output byte-identical run to run.
        let stamp = clock.utcStamp(plan.week.monday.daysSinceEpoch * 86_400_000)
        for s in plan.sessions {
            let start = s.instance.start, end = s.instance.end
            let listing = s.airings.map { "\(StationClock.time($0.start, seconds: true)) \($0.title) (\(Messages.clock(Double($0.length) / 1000)))" }
            lines += ["BEGIN:VEVENT",
                      "UID:\(plan.station.id)-\(s.instance.date)-\(s.instance.template.id)@lichphat",
                      "DTSTAMP:\(stamp)",
                      "DTSTART;TZID=\(tz):\(localStamp(start))",
                      "DTEND;TZID=\(tz):\(localStamp(end))",
                      "SUMMARY:\(icsText((plan.compliant ? "" : "[CHƯA ĐẠT CHỈ TIÊU] ") + "\(s.instance.template.name) – \(plan.station.name)"))",
                      "DESCRIPTION:\(icsText(listing.joined(separator: "\n")))",
                      "END:VEVENT"]
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    func localStamp(_ exact: Int) -> String {
        let local = StationClock.roundedToSecond(exact)
        return substituting(StationClock.date(local).description, [UInt8(ascii: "-"): ""]) + "T"
            + substituting(StationClock.time(local, seconds: true), [UInt8(ascii: ":"): ""])
    }

    static let icsEscapes: [UInt8: String] = [UInt8(ascii: "\\"): "\\\\", UInt8(ascii: ";"): "\\;", UInt8(ascii: ","): "\\,", UInt8(ascii: "\n"): "\\n"]

    /// RFC 5545 TEXT: backslash, semicolon, comma and newline escaped.
    func icsText(_ s: String) -> String { substituting(s, Self.icsEscapes) }

    /// Lines longer than 75 octets are folded (CRLF + space), never inside a UTF-8 character.
    func fold(_ line: String) -> String {
        if line.utf8.count <= 75 { return line }
        var out = "", count = 0
        for ch in line {
            let n = ch.utf8.count
            if count + n > 75 { out += "\r\n "; count = 1 }
            out.append(ch)
            count += n
        }
        return out
    }

    // MARK: Liquidsoap

    /// A Liquidsoap 2 script: each session's playlist plays once, from its start, at its time.
    public func liquidsoap() -> String {
        var lines = ["# \(plan.station.name) – \(plan.week) (\(plan.week.monday.vietnamese)–\(plan.week.sunday.vietnamese))",
                     "# Generated by LichPhat. Run: liquidsoap schedule.liq",
                     plan.compliant ? "# Compliant with every quota." : "# NOT COMPLIANT with every quota: see schedule.json.",
                     ""]
        var cases: [String] = []
        for (n, s) in plan.sessions.enumerated() {
            let name = "s\(n + 1)"
            let d = s.instance.date.weekday.rawValue
            let from = StationClock.time(s.instance.start).split(separator: ":").map { Int($0)! }
            let to = StationClock.time(s.instance.end).split(separator: ":").map { Int($0)! }
            lines.append("# \(s.instance.date.weekday.name(.vi)) \(s.instance.date.vietnamese) \(StationClock.time(s.instance.start)) \(s.instance.template.name)")
            // The session's files with the gain that brings each to the loudness target
            // (`liq_amplify`, applied by `amplify`) and, with trim_silence, where each starts and
            // stops (`liq_cue_in`/`liq_cue_out` in seconds, applied by `cue_cut`); the M3U8
            // playlists stay plain for VLC.
            let entries = s.airings.compactMap { a -> String? in
                let uri: String
                if let file = a.file { uri = audioFromWeek + "/" + (diskNames[file] ?? file) }
                else if let url = relayURLs[a.item] { uri = url } else { return nil }
                var notes: [String] = []
                if let gain = a.gain { notes.append("liq_amplify=\"\(Self.decibels(gain))\"") }
                if let cue = a.cue { notes += ["liq_cue_in=\"\(Self.cueSeconds(cue.cueIn))\"", "liq_cue_out=\"\(Self.cueSeconds(cue.cueOut))\""] }
                guard !notes.isEmpty else { return "    \"\(liqString(uri))\"" }
                return "    \"\(liqString("annotate:" + notes.joined(separator: ",") + ":" + uri))\""
            }
            let cues = s.airings.contains { $0.cue != nil }
            lines.append("\(name) = amplify(override=\"liq_amplify\", 1., \(cues ? "cue_cut(" : "")playlist.list(mode=\"normal\", loop=false, [")
            lines.append(entries.joined(separator: ",\n"))
            lines.append(cues ? "])))" : "]))")
            cases.append("  ({\(d)w and \(from[0])h\(from[1])m-\(to[0])h\(to[1])m}, \(name))")
        }
        lines.append("")
        lines.append("radio = switch(track_sensitive=false, [")
        lines.append(cases.joined(separator: ",\n"))
        lines.append("])")
        lines.append("radio = mksafe(radio)")
        lines.append("output.dummy(radio)  # replace with your output, e.g. output.alsa(radio) or output.icecast(...)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `+1.5 dB`, `-3.0 dB`.
    /// Milliseconds as seconds with three decimals, for Liquidsoap's cue metadata.
    static func cueSeconds(_ ms: Int) -> String {
        "\(ms / 1000).\(String(ms % 1000 + 1000).dropFirst())"
    }

    static func decibels(_ gain: Double) -> String {
        let tenths = Int((gain * 10).rounded())
        let sign = tenths < 0 ? "-" : "+"
        return "\(sign)\(abs(tenths) / 10).\(abs(tenths) % 10) dB"
    }

    func liqString(_ s: String) -> String {
        substituting(s, [UInt8(ascii: "\\"): "\\\\", UInt8(ascii: "\""): "\\\""])
    }
}
