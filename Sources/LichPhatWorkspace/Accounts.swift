public import Foundation
public import GRDB
import HummingbirdBcrypt

/// Who may use the web app, and for which stations: operators (everything but approving) and
/// leaders (who approve) of their own stations; the city office (`city`: sees every station and
/// report, changes nothing) and the administrator (`admin`: every station and the accounts;
/// approves nothing).
public struct Account: Sendable, Equatable, Codable {
    public enum Role: String, Sendable, Codable, CaseIterable {
        case `operator`
        case leader
        case city
        case admin
    }

    /// The login name: lower case letters, digits, `.`, `_` or `-`.
    public var name: String
    /// The name an approval carries ("Nguyễn Văn An").
    public var fullName: String
    public var role: Role
    /// When it was added (ISO 8601, UTC).
    public var created: String
    /// The stations (ids) an operator or leader works for; nil: every station of the root.
    /// The city office and the administrator always see every station.
    public var stations: [String]?
    /// A disabled account cannot log in (its sessions end at once); it is kept, with its name on
    /// the approvals it made.
    public var disabled: Bool
    /// The password was set by the administrator: the person sets their own at the next login,
    /// and does nothing else before.
    public var mustChangePassword: Bool

    public init(name: String, fullName: String, role: Role, created: String, stations: [String]? = nil, disabled: Bool = false, mustChangePassword: Bool = false) {
        self.name = name
        self.fullName = fullName
        self.role = role
        self.created = created
        self.stations = stations
        self.disabled = disabled
        self.mustChangePassword = mustChangePassword
    }

    /// Whether the account sees the station at all (another station is, to it, not there).
    public func sees(station id: String) -> Bool {
        switch role {
        case .city, .admin: true
        case .operator, .leader: stations.map { $0.contains(id) } ?? true
        }
    }

    /// Whether the account may change a station's weeks, library and file (not approve).
    public var mayChange: Bool { role != .city }
}

/// What a request does to a station: looks, or changes something.
public enum StationAccess: Sendable { case read, change }

/// The accounts of one root folder, in `ROOT/.lichphat/accounts.sqlite` (the same `--root` as
/// `lichphat serve`). Passwords are kept only as bcrypt hashes. The command line adds and
/// removes accounts while a server runs: every question reads the file afresh.
public struct AccountStore: Sendable {
    private let writer: any DatabaseWriter
    /// bcrypt's cost (2^cost rounds); tests use the lowest.
    let cost: UInt8

    public static let minimumPassword = 8
    /// bcrypt reads only the first 72 bytes: a longer password would be silently cut.
    public static let maximumPassword = 72

    public static func path(root: String) -> String { root + "/.lichphat/accounts.sqlite" }

    /// The store of `root`, created when missing.
    public init(root: String, cost: UInt8 = 10) throws(WorkspaceError) {
        let path = Self.path(root: root)
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            var config = Configuration()
            config.busyMode = .timeout(5)
            try self.init(writer: DatabaseQueue(path: path, configuration: config), cost: cost)
            // Only the owner reads the hashes.
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        } catch let e as WorkspaceError { throw e } catch {
            throw .cannotWrite(path: path, detail: "\(error)")
        }
    }

    /// A store on any GRDB writer (tests use an in-memory `DatabaseQueue()`).
    public init(writer: any DatabaseWriter, cost: UInt8 = 10) throws {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "account") { t in
                t.primaryKey("name", .text)
                t.column("fullName", .text).notNull()
                t.column("role", .text).notNull()
                t.column("hash", .text).notNull()
                t.column("created", .text).notNull()
            }
        }
        // Stations per account ('*': every station, as accounts made before had) and disabling.
        migrator.registerMigration("v2") { db in
            try db.alter(table: "account") { t in
                t.add(column: "stations", .text).notNull().defaults(to: "*")
                t.add(column: "disabled", .boolean).notNull().defaults(to: false)
            }
        }
        // Passwords the administrator set (changed at the next login), and the administration log.
        migrator.registerMigration("v3") { db in
            try db.alter(table: "account") { t in
                t.add(column: "mustChange", .boolean).notNull().defaults(to: false)
            }
            try db.create(table: "adminLog") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("at", .text).notNull()
                t.column("by", .text).notNull()
                t.column("action", .text).notNull()
                t.column("subject", .text).notNull()
                t.column("detail", .text).notNull()
            }
        }
        try migrator.migrate(writer)
        self.writer = writer
        self.cost = cost
    }

    /// A login name as stored: NFC, lower case, trimmed.
    public static func normalized(_ name: String) -> String {
        name.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping.lowercased()
    }

    static func isValidName(_ name: String) -> Bool {
        (1...64).contains(name.count) && name.unicodeScalars.allSatisfy { c in
            (c.properties.isAlphabetic || ("0"..."9").contains(c) || ".-_".unicodeScalars.contains(c)) && c.isASCII
        }
    }

    public func add(name raw: String, fullName: String?, role: Account.Role, password: String, stations: [String]? = nil, now: Date = Date()) throws(WorkspaceError) {
        let name = Self.normalized(raw)
        guard Self.isValidName(name) else { throw .badAccountName(name: raw) }
        let full = (fullName ?? name).trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
        guard !full.isEmpty, full.count <= 200, !full.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .badAccountName(name: fullName ?? raw)
        }
        guard password.count >= Self.minimumPassword, password.utf8.count <= Self.maximumPassword else {
            throw .weakPassword(minimum: Self.minimumPassword, maximumBytes: Self.maximumPassword)
        }
        let hash = Bcrypt.hash(password, cost: cost)
        let created = ISO8601DateFormatter().string(from: now)
        do {
            try writer.write { db in
                if try Int.fetchOne(db, sql: "SELECT count(*) FROM account WHERE name = ?", arguments: [name]) ?? 0 > 0 {
                    throw WorkspaceError.accountExists(name: name)
                }
                try db.execute(sql: "INSERT INTO account (name, fullName, role, hash, created, stations) VALUES (?, ?, ?, ?, ?, ?)",
                               arguments: [name, full, role.rawValue, hash, created, Self.stationsText(stations)])
            }
        } catch let e as WorkspaceError { throw e } catch {
            throw .cannotWrite(path: writer.path, detail: "\(error)")
        }
    }

    public func remove(name raw: String) throws(WorkspaceError) {
        let name = Self.normalized(raw)
        let removed: Bool
        do {
            removed = try writer.write { db in
                try db.execute(sql: "DELETE FROM account WHERE name = ?", arguments: [name])
                return db.changesCount > 0
            }
        } catch { throw .cannotWrite(path: writer.path, detail: "\(error)") }
        if !removed { throw .noSuchAccount(name: raw) }
    }

    /// Every account, by name.
    public func list() -> [Account] {
        (try? writer.read { db in
            try GRDB.Row.fetchAll(db, sql: "SELECT * FROM account ORDER BY name").compactMap(Self.account)
        }) ?? []
    }

    /// Whether no account exists: the app then serves this computer only, without logins.
    public var isEmpty: Bool {
        ((try? writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM account") }) ?? 0) == 0
    }

    public func account(named raw: String) -> Account? {
        try? writer.read { db in
            try GRDB.Row.fetchOne(db, sql: "SELECT * FROM account WHERE name = ?", arguments: [Self.normalized(raw)]).flatMap(Self.account)
        }
    }

    static func account(_ row: GRDB.Row) -> Account? {
        guard let role = Account.Role(rawValue: row["role"]) else { return nil }
        let stations: String = row["stations"] ?? "*"
        return Account(name: row["name"], fullName: row["fullName"], role: role, created: row["created"],
                       stations: stations == "*" ? nil : stations.split(separator: ",").map(String.init), disabled: row["disabled"] ?? false,
                       mustChangePassword: row["mustChange"] ?? false)
    }

    /// Sets a password (checked as ``add(name:fullName:role:password:stations:now:)`` checks it);
    /// `mustChange`: set by the administrator, to be changed by the person at the next login.
    public func setPassword(name raw: String, _ password: String, mustChange: Bool) throws(WorkspaceError) {
        guard password.count >= Self.minimumPassword, password.utf8.count <= Self.maximumPassword else {
            throw .weakPassword(minimum: Self.minimumPassword, maximumBytes: Self.maximumPassword)
        }
        try update(raw, sql: "UPDATE account SET hash = ?, mustChange = ? WHERE name = ?", [Bcrypt.hash(password, cost: cost), mustChange, Self.normalized(raw)])
    }

    /// One line of the administration log: who (an account's name, or empty for the command
    /// line), when, what, to what.
    public struct LogEntry: Sendable, Equatable {
        public var at: String
        public var by: String
        public var action: String
        public var subject: String
        public var detail: String
    }

    public func record(by: String, action: String, subject: String, detail: String = "", now: Date = Date()) throws(WorkspaceError) {
        do {
            try writer.write { db in
                try db.execute(sql: "INSERT INTO adminLog (at, by, action, subject, detail) VALUES (?, ?, ?, ?, ?)",
                               arguments: [ISO8601DateFormatter().string(from: now), by, action, subject, detail])
            }
        } catch { throw .cannotWrite(path: writer.path, detail: "\(error)") }
    }

    /// The administration log, newest first.
    public func log(limit: Int = 500) -> [LogEntry] {
        (try? writer.read { db in
            try GRDB.Row.fetchAll(db, sql: "SELECT * FROM adminLog ORDER BY id DESC LIMIT ?", arguments: [limit]).map {
                LogEntry(at: $0["at"], by: $0["by"], action: $0["action"], subject: $0["subject"], detail: $0["detail"])
            }
        }) ?? []
    }

    static func stationsText(_ stations: [String]?) -> String {
        stations.map { Array(Set($0)).sorted().joined(separator: ",") } ?? "*"
    }

    /// Changes which stations an operator or leader works for (nil: every station).
    public func setStations(name raw: String, _ stations: [String]?) throws(WorkspaceError) {
        try update(raw, sql: "UPDATE account SET stations = ? WHERE name = ?", [Self.stationsText(stations), Self.normalized(raw)])
    }

    /// Disables an account (it cannot log in; its sessions end) or enables it again.
    public func setDisabled(name raw: String, _ disabled: Bool) throws(WorkspaceError) {
        try update(raw, sql: "UPDATE account SET disabled = ? WHERE name = ?", [disabled, Self.normalized(raw)])
    }

    private func update(_ raw: String, sql: String, _ arguments: StatementArguments) throws(WorkspaceError) {
        let changed: Bool
        do {
            changed = try writer.write { db in
                try db.execute(sql: sql, arguments: arguments)
                return db.changesCount > 0
            }
        } catch { throw .cannotWrite(path: writer.path, detail: "\(error)") }
        if !changed { throw .noSuchAccount(name: raw) }
    }

    /// The stored bcrypt hash of the account (new with every `add`, even of the same name): a
    /// password remembered as accepted is good only while this is unchanged.
    public func passwordHash(named raw: String) -> String? {
        try? writer.read { db in try String.fetchOne(db, sql: "SELECT hash FROM account WHERE name = ?", arguments: [Self.normalized(raw)]) }
    }

    /// The account when the password is its own (bcrypt; slow on purpose), else nil.
    public func verify(name raw: String, password: String) -> Account? {
        let name = Self.normalized(raw)
        guard let (account, hash) = try? writer.read({ db -> (Account, String)? in
            guard let row = try GRDB.Row.fetchOne(db, sql: "SELECT * FROM account WHERE name = ?", arguments: [name]),
                  let account = Self.account(row) else { return nil }
            return (account, row["hash"])
        }) else {
            // As slow as a wrong password, so a name's existence cannot be timed.
            _ = Bcrypt.verify(password, hash: Self.decoy)
            return nil
        }
        // A disabled account is refused as a wrong password is (after the same bcrypt work).
        return Bcrypt.verify(password, hash: hash) && !account.disabled ? account : nil
    }

    private static let decoy = Bcrypt.hash("lichphat-decoy", cost: 10)
}

extension Workspace {
    /// The one check of who may do what to which station, for every front end and every route:
    /// a station the account does not work for is, to it, not there (``WorkspaceError/noSuchStation(id:)``,
    /// never a hint that it exists); a change by an account that only looks is
    /// ``WorkspaceError/notPermitted(_:)``. Without accounts (the command line, a server on this
    /// computer only) everything is allowed. Approving is checked where it is done (a leader's).
    public func authorize(_ account: Account?, station id: String, _ access: StationAccess) throws(WorkspaceError) {
        guard let account else { return }
        guard !account.disabled, account.sees(station: id) else { throw .noSuchStation(id: id) }
        if access == .change, !account.mayChange { throw .notPermitted(.change) }
    }

    /// Of these station ids, the ones the account sees (every one without accounts).
    public func visible(_ ids: [String], to account: Account?) -> [String] {
        ids.filter { (try? authorize(account, station: $0, .read)) != nil }
    }
}
