public import LichPhatAudio
public import LichPhatCore
public import LichPhatFormats

/// Why a workspace operation could not be done, with where (file, line, week, item). Worded by
/// ``WorkspaceMessages``; ``kind`` tells a front end which exit code or HTTP status it is.
public enum WorkspaceError: Error, Sendable {
    /// The station file has errors, each with its line and column.
    case stationFile(path: String, errors: [ConfigError])
    /// The station file's `audio:` folder does not exist.
    case audioFolderMissing(stationFile: String, folder: String)
    /// The station file's `audio:` folder is outside the server's library roots, or holds the station files.
    case audioFolderNotAllowed(stationFile: String, folder: String, roots: [String])
    /// The week is approved: it is not replaced without `force`.
    case weekApproved(week: ISOWeek, approval: WeekFolder.Approval)
    /// Another plan of the week is being written at this moment.
    case weekBusy(week: ISOWeek)
    /// A file or folder could not be written.
    case cannotWrite(path: String, detail: String)
    /// The folder holds no schedule.json to approve.
    case noSchedule(folder: String)
    /// The week was approved already.
    case alreadyApproved(folder: String, approval: WeekFolder.Approval)
    /// A play log that cannot be read at all.
    case unreadablePlayLog(path: String)
    /// A play log with nothing to count in it: a report from it would say the station failed.
    case unusablePlayLog(path: String, reason: PlayLogReader.Unusable, issues: [AuditIssue])
    /// With several stations, a plans or log path that names none (or several) of their ids.
    case ownerUnknown(path: String, stations: [String])
    /// An uploaded file's name or folder cannot be used (a path, `..`, control characters, not audio).
    case badFileName(name: String)
    /// An uploaded play log's name cannot be used (a path, hidden, not .csv/.txt/.log).
    case badPlayLogName(name: String)
    /// An upload under a name the playout writes its own log to (`nhat-ky-phat-YYYY-MM.csv`).
    case reservedPlayLogName(name: String)
    case noSuchFolder(folder: String)
    /// A file of that name is already in the folder: never overwritten.
    case fileExists(path: String)
    /// An uploaded file that does not play (broken, empty, cut short, a format the chain cannot take).
    case refusedAudio(name: String, problems: [AudioProblem])
    /// The week has no such session or airing (the page was older than the week).
    case noSuchAiring(week: ISOWeek)
    /// An item added by hand would break a hard constraint (the station's rules name it).
    case cannotAdd(item: Item, reason: AddRefusal, rules: [QuotaRule])
    /// A login name (or full name) that cannot be used.
    case badAccountName(name: String)
    /// A password too short, or too long for bcrypt.
    case weakPassword(minimum: Int, maximumBytes: Int)
    case accountExists(name: String)
    /// A rule or session written in a way the station page's form cannot change.
    case cannotEditByForm(id: String)
    /// The station file has no item of this id.
    case noSuchItem(id: String)
    /// A notice cannot air as often as asked in what is left of the week.
    case cannotAmend(item: Item, refusal: AmendRefusal, rules: [QuotaRule])
    /// An amendment from a time already past (local ms): what aired cannot change.
    case amendInPast(from: Int, now: Int)
    /// A notice could not be read aloud (no espeak-ng, nothing to say, it failed).
    case speechFailed(Speech.Failure)
    /// The station file changed since the editor read it (another browser, the command line).
    case stationChanged(path: String)
    /// An edit would change the station's id, under which its weeks are filed.
    case stationIDChanged(path: String, from: String, to: String)
    case noSuchAccount(name: String)
    /// The week has moved on since the page, form or script saw it: its revision now (nil: not planned any more).
    case revisionMoved(week: ISOWeek, current: WeekRevision?)
    /// An approval must name the revision it approves (the API without `If-Match`).
    case revisionRequired(week: ISOWeek)
    /// The week was approved at some revision: it is never planned whole again (amend it).
    case weekEverApproved(week: ISOWeek, revision: WeekRevision)
    /// The week has ended: planning it needs saying so (`--past`).
    case weekPast(week: ISOWeek)
    /// The best plan found misses a minimum: not written unless asked (`--allow-shortfall`).
    case shortfall(plan: Plan)
    /// No airing of this id in the week (the page was older than the week).
    case noSuchAiringID(week: ISOWeek, id: String)
    /// An amendment's number of times outside what may be asked.
    case amendTimes(given: Int, allowed: ClosedRange<Int>)
    /// A pin or removal sent with a plan that names no day of the week, session or item of the station.
    case badPin(Pin, PinProblem)
    public enum PinProblem: Sendable { case notInWeek(week: ISOWeek), noSession(known: [String]), noItem }
    /// A rendered file came out shorter than planned (seconds): the kit was not put in place.
    case renderIncomplete(file: String, planned: Double, written: Double)
    /// The week became another revision while it was rendered: the kit was not put in place.
    case weekChangedWhileRendering(week: ISOWeek)
    /// A hand edit of a session that has begun (local ms of its start): what aired cannot change.
    case sessionBegun(week: ISOWeek, date: String, session: String, start: Int)
    /// A notice longer than can be read aloud at once.
    case noticeTooLong(characters: Int, limit: Int)
    /// Several files of one upload have the same name.
    case repeatedName(name: String)
    /// The approver's name is empty, too long or has control characters.
    case badApproverName
    /// A weekly minimum/maximum given in a field outside 0…limit, or the maximum below the minimum.
    case badQuota(id: String, limit: Int)
    /// An item's title given in a field that is empty, too long or not one line.
    case badTitle(id: String)
    /// One field of a station entry (`item:tb-dien`, `field` as the station file names it:
    /// `per_week.min`) cannot be saved as given.
    case badField(entry: String, field: String, problem: FieldProblem)
    /// The station file has no such item, rule or session (listed by itself).
    case noSuchEntry(kind: String, id: String)
    /// An entry other entries name (`session:sang` opening with the item) is not removed.
    case entryInUse(kind: String, id: String, by: [String])
    /// No such file in the station's library (or not a regular file).
    case noSuchLibraryFile(path: String)
    /// A library file still named by an item or aired by a week not yet over.
    case audioInUse(path: String, use: AudioUse)
    /// A new version of a file aired by weeks not yet over, with another length (seconds).
    case replacementLength(path: String, weeks: [ISOWeek], old: Double, new: Double)
    /// A render format LichPhat does not write.
    case unknownRenderFormat(given: String, known: [String])
    /// The account's role does not allow this (an operator approving).
    case notPermitted(Permission)
    public enum Permission: Sendable {
        case approve
        /// Changing a station's weeks, library or file: the city office's accounts look only.
        case change
        /// The city office's dashboard: its accounts' and the administrator's.
        case city
        /// Accounts and stations: the administrator's.
        case administer
    }
    /// No station of that id for this account: one it does not work for is, to it, not there.
    case noSuchStation(id: String)
    /// The administrator's own account is not removed or disabled from the pages (no lock-out).
    case cannotActOnSelf(name: String)
    /// The current password given to change it is not the account's.
    case wrongPassword
    /// An edit of the station file moves its audio folder: refused (the administrator's decision).
    case audioFolderChanged(path: String)
    /// A bulletin's field cannot be used (`field`: level, file, text, times, every, until, from, title).
    case badBulletin(field: String, problem: BulletinProblem)
    /// No bulletin of that id at this station.
    case noSuchBulletin(id: String)
    /// The bulletin was cancelled already, or has no airing left to stop.
    case bulletinOver(id: String)
    /// The week cannot go on air: no plan, nobody approved it, or it changed after approval.
    case cannotAir(week: ISOWeek, why: AirRefusal)
    /// A CAP 1.2 message that is not aired, and why.
    case capRefused(file: String, why: CAPProblem)

    public enum BulletinProblem: Sendable, Equatable {
        case unknownLevel(String)
        /// Neither an audio file nor a text; or both.
        case noAudio, fileAndText
        case textTooLong(characters: Int, limit: Int)
        case unreadableAudio(path: String)
        case times(Int)
        case every(String)
        /// Repeats closer than the bulletin is long (it would hold the air).
        case everyShorterThanBulletin(length: Int)
        /// `until` not after the first airing.
        case untilBeforeFrom
        case unreadableTime(String)
        case inPast
        case title
        /// A priority bulletin with no session left this week or next to head.
        case noSessionAhead
    }
    public enum AirRefusal: String, Sendable, Equatable {
        case notPlanned = "not-planned", notApproved = "not-approved", changedAfterApproval = "changed-after-approval"
    }
    public enum CAPProblem: Sendable, Equatable {
        case notXML(line: Int)
        case notCAP
        case missing(String)
        case expired(at: String)
        /// A Cancel: it airs nothing; `cancelled` names the bulletins it stopped.
        case cancelMessage(cancelled: [String])
        case updateOfUnknown(String)
        case unsupportedStatus(String)
        case noAudioOrText
    }

    public enum Kind: Sendable {
        /// The input is wrong: fix it and try again (exit 2, HTTP 422).
        case input
        /// The state forbids it (approved, busy): exit 4 or 1, HTTP 409.
        case conflict
        /// Nothing there (HTTP 404).
        case notFound
        /// The disk refused (exit 2, HTTP 500).
        case io
        /// The request must say which revision it acts on (HTTP 428).
        case precondition
        /// The account may not do this (HTTP 403).
        case forbidden
    }

    /// The refusal's stable name for scripts (`week-ever-approved`, `revision-moved` …): the API
    /// returns it as the error's `reason`; the command line exits with its kind's code.
    public var code: String {
        let name = Mirror(reflecting: self).children.first?.label ?? "\(self)"
        var out = ""
        var previous: Character = "-"
        for c in name {
            // A capital after a small letter starts a word (noSuchAiringID: no-such-airing-id).
            if c.isUppercase && previous.isLowercase { out += "-" }
            out += c.lowercased()
            previous = c
        }
        return out
    }

    public var kind: Kind {
        switch self {
        case .stationFile, .audioFolderMissing, .audioFolderNotAllowed, .unreadablePlayLog, .unusablePlayLog, .ownerUnknown,
             .badFileName, .badPlayLogName, .refusedAudio, .cannotAdd, .badAccountName, .weakPassword, .stationIDChanged, .speechFailed, .noSuchItem, .cannotAmend, .cannotEditByForm, .amendInPast,
             .weekPast, .shortfall, .unknownRenderFormat, .badQuota, .badTitle, .badApproverName, .amendTimes, .badPin, .repeatedName, .noticeTooLong, .badField, .wrongPassword, .audioFolderChanged,
             .badBulletin, .capRefused, .reservedPlayLogName: .input
        case .noSuchBulletin: .notFound
        case .bulletinOver, .cannotAir: .conflict
        case .revisionRequired: .precondition
        case .notPermitted: .forbidden
        case .revisionMoved, .weekEverApproved, .weekChangedWhileRendering, .sessionBegun: .conflict
        case .noSuchAiringID, .noSuchEntry, .noSuchStation: .notFound
        case .weekApproved, .weekBusy, .alreadyApproved, .fileExists, .accountExists, .stationChanged, .entryInUse, .cannotActOnSelf: .conflict
        case .noSchedule, .noSuchFolder, .noSuchAiring, .noSuchAccount, .noSuchLibraryFile: .notFound
        case .audioInUse, .replacementLength: .conflict
        case .cannotWrite, .renderIncomplete: .io
        }
    }
}
