import Foundation
public import LichPhatCore
public import LichPhatFormats

/// A new station as the administrator's form gives it.
public struct NewStationFields: Sendable, Equatable {
    public var id = ""
    public var name = ""
    public var timeZone = StationClock.defaultIdentifier
    public var morningStart = "06:00"
    public var morningLength = "15m"
    /// Empty: no afternoon session.
    public var afternoonStart = "17:00"
    public var afternoonLength = "20m"
    public init() {}
}

/// What the administrator does, as the log names it.
public enum AdminAction: String, Sendable, CaseIterable {
    case addAccount = "add-account"
    case removeAccount = "remove-account"
    case disableAccount = "disable-account"
    case enableAccount = "enable-account"
    case resetPassword = "reset-password"
    case setStations = "set-stations"
    case changePassword = "change-password"
    case addStation = "add-station"
}

/// The accounts and stations of a city server, administered: every operation checks that its
/// actor is an administrator (nil: the command line, which the server's owner runs), refuses to
/// lock the administrator out (their own account is not removed or disabled here), and is
/// recorded in the administration log (who, when, what).
extension Workspace {
    public func authorizeAdmin(_ actor: Account?) throws(WorkspaceError) {
        guard let actor else { return }
        guard !actor.disabled, actor.role == .admin else { throw .notPermitted(.administer) }
    }

    private func notSelf(_ actor: Account?, _ name: String) throws(WorkspaceError) {
        if let actor, actor.name == AccountStore.normalized(name) { throw .cannotActOnSelf(name: actor.name) }
    }

    private func record(_ store: AccountStore, _ actor: Account?, _ action: AdminAction, _ subject: String, _ detail: String = "") throws(WorkspaceError) {
        try store.record(by: actor?.name ?? "", action: action.rawValue, subject: subject, detail: detail, now: now())
    }

    /// Adds an account; one the administrator adds from a page sets its own password at the first login.
    public func addAccount(_ store: AccountStore, by actor: Account?, name: String, fullName: String?, role: Account.Role,
                           password: String, stations: [String]?) throws(WorkspaceError) {
        try authorizeAdmin(actor)
        if let stations, stations.contains(where: { !StationFileReader.isID($0) }) { throw .badAccountName(name: stations.joined(separator: ",")) }
        try store.add(name: name, fullName: fullName, role: role, password: password,
                      stations: role == .city || role == .admin ? nil : stations, now: now())
        if actor != nil { try store.setPassword(name: name, password, mustChange: true) }
        try record(store, actor, .addAccount, AccountStore.normalized(name),
                   "role=\(role.rawValue); stations=\((role == .city || role == .admin ? nil : stations)?.sorted().joined(separator: ",") ?? "*")")
    }

    public func removeAccount(_ store: AccountStore, by actor: Account?, name: String) throws(WorkspaceError) {
        try authorizeAdmin(actor)
        try notSelf(actor, name)
        try store.remove(name: name)
        try record(store, actor, .removeAccount, AccountStore.normalized(name))
    }

    public func setDisabled(_ store: AccountStore, by actor: Account?, name: String, _ disabled: Bool) throws(WorkspaceError) {
        try authorizeAdmin(actor)
        try notSelf(actor, name)
        try store.setDisabled(name: name, disabled)
        try record(store, actor, disabled ? .disableAccount : .enableAccount, AccountStore.normalized(name))
    }

    /// A temporary password the person replaces at the next login.
    public func resetPassword(_ store: AccountStore, by actor: Account?, name: String, temporary: String) throws(WorkspaceError) {
        try authorizeAdmin(actor)
        try notSelf(actor, name)   // one's own goes through /password, with the current one
        try store.setPassword(name: name, temporary, mustChange: true)
        try record(store, actor, .resetPassword, AccountStore.normalized(name))
    }

    public func setStations(_ store: AccountStore, by actor: Account?, name: String, _ stations: [String]?) throws(WorkspaceError) {
        try authorizeAdmin(actor)
        if let stations, stations.contains(where: { !StationFileReader.isID($0) }) { throw .badAccountName(name: stations.joined(separator: ",")) }
        try store.setStations(name: name, stations)
        try record(store, actor, .setStations, AccountStore.normalized(name), stations?.sorted().joined(separator: ",") ?? "*")
    }

    /// The person's own new password, given their current one (a reset one included).
    public func changePassword(_ store: AccountStore, account: Account, current: String, new: String) throws(WorkspaceError) {
        guard store.verify(name: account.name, password: current) != nil else { throw .wrongPassword }
        guard new != current else { throw .weakPassword(minimum: AccountStore.minimumPassword, maximumBytes: AccountStore.maximumPassword) }
        try store.setPassword(name: account.name, new, mustChange: false)
        try record(store, account, .changePassword, account.name)
    }

    /// Adds a station to the root: a station file the command line reads (`ROOT/<id>.yaml`,
    /// never over another), the city's plan (Nghị quyết 57 1–2 a week, the weekly "Chuyển đổi
    /// số" on Thursday afternoons) as its starting rules, and its own library folder
    /// (`../Audio/<id>/` with a folder for each kind of programme). Returns the file's path.
    public func addStation(root: String, by actor: Account?, store: AccountStore?, _ f: NewStationFields) throws(WorkspaceError) -> String {
        try authorizeAdmin(actor)
        func bad(_ field: String, _ p: FieldProblem) -> WorkspaceError { .badField(entry: "station:" + f.id, field: field, problem: p) }
        let id = f.id.trimmingCharacters(in: .whitespaces)
        guard !id.isEmpty else { throw bad("id", .required) }
        guard StationFileReader.isID(id) else { throw bad("id", .badID) }
        let taken = stationFiles(in: root).compactMap { path -> String? in
            if case .success(let file) = StationFileReader.read(path: path, lang: lang) { file.id } else { nil }
        }
        let path = root + "/" + id + ".yaml"
        guard !taken.contains(id), !FileManager.default.fileExists(atPath: path) else { throw bad("id", .idTaken) }
        let name = f.name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 200, !name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { throw bad("name", .badText(max: 200)) }
        guard TimeZone(identifier: f.timeZone) != nil, f.timeZone.contains("/") else { throw bad("timezone", .unknownTimeZone) }
        func session(_ startField: String, _ start: String, _ lengthField: String, _ length: String) throws(WorkspaceError) -> (String, String) {
            guard let at = Self.timeOfDay(start) else { throw bad(startField, .badTime) }
            guard let secs = DurationText.seconds(length.trimmingCharacters(in: .whitespaces)), secs > 0,
                  let ms = DurationText.milliseconds(secs, limit: 86_400), ms <= 24 * 3_600_000 else { throw bad(lengthField, .badLength(maxHours: 24)) }
            guard at + ms <= 24 * 3_600_000 else { throw bad(lengthField, .pastMidnight) }
            return (StationClock.time(at), Self.lengthText(ms))
        }
        let morning = try session("morning.start", f.morningStart, "morning.length", f.morningLength)
        let afternoon = f.afternoonStart.trimmingCharacters(in: .whitespaces).isEmpty ? nil
            : try session("afternoon.start", f.afternoonStart, "afternoon.length", f.afternoonLength)
        let quoted = StationFileEdit.Value.quoted(name)
        let today = CivilDate(daysSinceEpoch: StationClock(identifier: f.timeZone).now(now()) / 86_400_000)
        var text = """
        # \(name): tệp trạm tạo từ trang quản trị ngày \(today.vietnamese).
        # Chỉ tiêu ban đầu theo kế hoạch tuyên truyền Nghị quyết 57-NQ/TW của thành phố (1–2 lượt/tuần và
        # chuyên mục Chuyển đổi số hằng tuần); sửa ở trang Trạm hoặc trong tệp này.
        station: {id: \(id), name: \(quoted.written), timezone: \(StationFileEdit.Value.quoted(f.timeZone).written)}
        audio: ../Audio/\(id)
        policy: {loudness_target: -17, loudness_tolerance: 3}

        sessions:
          - {id: sang, name: "Buổi sáng", days: daily, start: "\(morning.0)", length: \(morning.1)}

        """
        if let afternoon { text += "  - {id: chieu, name: \"Buổi chiều\", days: weekdays, start: \"\(afternoon.0)\", length: \(afternoon.1)}\n" }
        text += """

        items:
          - {folder: nq57/, tags: [nq57]}
          - {folder: chuyen-doi-so/, tags: [chuyen-doi-so]}
          - {folder: tin-tuc/, tags: [tin-tuc]}
          - {folder: nhac/, tags: [nhac]}

        rules:
          - {id: nq57, name: "Tuyên truyền Nghị quyết 57-NQ/TW", tags: [nq57], per_week: {min: 1, max: 2}}
          - {id: cds, name: "Chuyên mục Chuyển đổi số", tags: [chuyen-doi-so], per_week: {min: 1, max: 1}, days: [thu]\(afternoon == nil ? "" : ", sessions: [chieu]")}

        fill: [tin-tuc, nhac]
        repeat_gap: 10h

        """
        // The station file must read as the command line reads it before anything is written.
        guard case .success = StationFileReader.parse(text, path: path, lang: lang) else { throw bad("name", .badText(max: 200)) }
        let audio = ((root as NSString).appendingPathComponent("../Audio/" + id) as NSString).standardizingPath
        // Its own library: never a folder another station (or a leftover) already has.
        guard !FileManager.default.fileExists(atPath: audio) else { throw bad("id", .idTaken) }
        do {
            for folder in ["nq57", "chuyen-doi-so", "tin-tuc", "nhac", "thong-bao"] {
                try FileManager.default.createDirectory(atPath: audio + "/" + folder, withIntermediateDirectories: true)
            }
            try AtomicFile.create(Data(text.utf8), at: path)
        } catch let e as AtomicFile.Failure {
            throw .cannotWrite(path: path, detail: e.detail)
        } catch {
            throw .cannotWrite(path: audio, detail: "\(error)")
        }
        if let store { try record(store, actor, .addStation, id, name) }
        return path
    }
}
