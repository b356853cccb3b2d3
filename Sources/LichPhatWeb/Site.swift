import Dispatch
import Foundation
import Synchronization
public import Hummingbird
public import LichPhatCore
import LichPhatFormats
public import LichPhatWorkspace

/// What the web app serves: the station files in one folder, through one workspace. Every page
/// reads the files afresh (the audio catalog keeps that quick), so the CLI and the browser
/// always see the same station.
public struct Site: Sendable {
    /// The folder of station files (`Schedules/` by default).
    public let root: String
    public let workspace: Workspace
    /// Work that holds much memory (audits of play logs), a few at a time.
    public let heavy = Turns(2)
    /// Served over TLS (`serve --tls-cert/--tls-key`): cookies are `Secure`.
    public var tls = false
    /// Where uploads are written as they arrive (``Upload``).
    public let spool: String
    /// The root's accounts; none (or an empty store) means one user on this computer, no logins.
    public let accounts: AccountStore?
    /// Wrong passwords, per name.
    public let throttle: LoginThrottle
    /// Passwords bcrypt accepted a moment ago (HTTP Basic).
    public let verified = VerifiedCredentials()
    /// Logged-in sessions (in memory: a restarted server asks everyone to log in again).
    public let sessions: MemoryPersistDriver<ContinuousClock>
    /// Station files as last read, by path, while unchanged on disk.
    let parsed = ParsedStationFiles()
    /// Stations as last loaded (their audio measured), while neither the file nor the audio changed.
    let loaded = LoadedStations()
    /// Weeks being rendered for the platforms, in the background.
    public let renders = RenderJobs()
    /// The city dashboard's rows, kept while unchanged.
    let statuses = StatusCache()
    /// The largest upload taken (bytes; 413 above it).
    public var uploadLimit = 200 * 1024 * 1024

    public init(root: String, workspace: Workspace, accounts: AccountStore? = nil, throttle: LoginThrottle = LoginThrottle()) {
        self.root = URL(fileURLWithPath: root).standardizedFileURL.path
        // A station's audio stays in the server's library: by default the folder that holds the
        // station folder (the demo's Audio/ beside Schedules/), never anywhere a station file names.
        var ws = workspace
        if ws.libraryRoots == nil { ws.libraryRoots = [(self.root as NSString).deletingLastPathComponent] }
        self.workspace = ws
        // Uploads arrive into the spool, on the root's disk where it can be written; what a killed
        // server left there is removed now.
        let spool = self.root + "/.lichphat/spool"
        if (try? FileManager.default.createDirectory(atPath: spool, withIntermediateDirectories: true)) != nil, access(spool, W_OK) == 0 {
            self.spool = spool
        } else {
            // A read-only root: a new private folder (mkdtemp: 0700, a name nobody could have
            // prepared as a link to elsewhere), not a fixed name in the shared /tmp.
            self.spool = Workspace.privateTemporaryFolder(named: "lichphat-spool") ?? spool
        }
        Workspace.clearLeftovers(in: self.spool, prefix: "")
        self.accounts = accounts
        self.throttle = throttle
        self.sessions = MemoryPersistDriver()
    }

    /// One station file as the site sees it: loaded, or the reason it cannot be.
    enum Entry: Sendable {
        case loaded(LoadedStation)
        case failed(file: String, error: WorkspaceError)
    }

    /// Every station file in the root, loaded (off the request's thread: audio may be measured).
    func stations(audioAge: Duration = .zero) async -> [Entry] {
        let ws = workspace, lang = workspace.lang, parsed = self.parsed, loaded = self.loaded, root = self.root
        // Through the caches the single-station pages use: a city of 168 stations loaded them all
        // afresh on every dashboard call (13.7 s a call).
        return await offload {
            ws.stationFiles(in: root).map { path -> Entry in
                switch parsed.read(path, lang: lang) {
                case .failure(let e): return .failed(file: path, error: .stationFile(path: path, errors: e.errors))
                case .success(let file):
                    switch loaded.result(file, path: path, version: parsed.version(of: path), ws, audioAge: audioAge) {
                    case .success(let s): return .loaded(s)
                    case .failure(let e): return .failed(file: path, error: e)
                    }
                }
            }
        }
    }

    /// The station files the account sees (every one without accounts), loaded.
    func stations(for account: Account?, audioAge: Duration = .zero) async -> [Entry] {
        await stations(audioAge: audioAge).filter { entry in
            switch entry {
            case .loaded(let s): return (try? workspace.authorize(account, station: s.station.id, .read)) != nil
            // A file that does not read names no station: only those who see every station see it.
            case .failed: return account == nil || account?.role == .city || account?.role == .admin || account?.stations == nil
            }
        }
    }

    /// The station a route names (its `:id`, or `id`), for what the route does with it: the
    /// workspace's one check first (``Workspace/authorize(_:station:_:)``): another station's
    /// anything is 404 exactly as a station that does not exist, a change by an account that
    /// only looks is 403.
    func station(_ context: WebContext, _ access: StationAccess, id: String? = nil) async throws -> LoadedStation {
        let id = try id ?? context.parameters.require("id")
        do throws(WorkspaceError) { try workspace.authorize(context.identity, station: id, access) } catch {
            if case .noSuchStation = error { throw WebError.notFound }
            throw error
        }
        return try await load(id)
    }

    /// The station with this id, unchecked (after ``station(_:_:id:)``): the station files are
    /// read (quick), and only its audio measured.
    func load(_ id: String) async throws(WebError) -> LoadedStation {
        guard StationFileReader.isID(id) else { throw .notFound }
        let ws = workspace, lang = workspace.lang, parsed = self.parsed, loaded = self.loaded
        let found: LoadedStation? = await offload {
            // The file named after the station first (nam-sach.yaml), then every file: a city's
            // 168 station files were each looked at on every request.
            let named = root + "/" + id + ".yaml"
            if case .success(let file) = parsed.read(named, lang: lang), file.id == id {
                return loaded.load(file, path: named, version: parsed.version(of: named), ws)
            }
            for path in ws.stationFiles(in: root) {
                guard case .success(let file) = parsed.read(path, lang: lang), file.id == id else { continue }
                return loaded.load(file, path: path, version: parsed.version(of: path), ws)
            }
            return nil
        }
        guard let found else { throw .notFound }
        return found
    }
}

/// Station files read once and kept while their size, time and inode stay the same: every page
/// names its station, and reading the YAML again each time was a fifth of a week call's time.
/// A file's size, modification time and inode as text ("-" when it cannot be read): a change of any is a new version.
func fileVersionText(_ path: String) -> String {
    var st = stat()
    guard stat(path, &st) == 0 else { return "-" }
    return "\(st.st_size):\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec):\(st.st_ino)"
}

final class ParsedStationFiles: Sendable {
    struct Key: Equatable, Sendable { var size: Int64; var mtime: Int64; var inode: UInt64 }
    private let entries = Mutex([String: (Key, Result<StationFile, ConfigErrors>)]())

    /// The file's size, time and inode now (nil when it cannot be read).
    func version(of path: String) -> Key? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return Key(size: Int64(st.st_size), mtime: Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec), inode: UInt64(st.st_ino))
    }

    func read(_ path: String, lang: Language) -> Result<StationFile, ConfigErrors> {
        guard let key = version(of: path) else { return StationFileReader.read(path: path, lang: lang) }
        if let (k, r) = entries.withLock({ $0[path] }), k == key { return r }
        let r = StationFileReader.read(path: path, lang: lang)
        entries.withLock { $0[path] = (key, r) }
        return r
    }
}

/// Stations loaded once and kept while their file (size, time, inode) and every file of their
/// audio folder (path, size, time) stay the same: loading measures the library through the
/// catalog, and doing it on every request was a quarter of a week call's time. Walking the
/// folder to see that nothing changed is kept; a new, changed or removed file loads it again.
final class LoadedStations: Sendable {
    private struct Entry: Sendable { var version: ParsedStationFiles.Key; var audio: AudioFolderStamp; var loaded: LoadedStation; var checked: ContinuousClock.Instant }
    private let entries = Mutex([String: Entry]())

    func load(_ file: StationFile, path: String, version: ParsedStationFiles.Key?, _ ws: Workspace) -> LoadedStation? {
        try? result(file, path: path, version: version, ws).get()
    }

    /// The station loaded, or why it cannot be (its audio folder missing, not allowed, …).
    /// `audioAge`: for lists of every station (the city dashboard, the overview of a city), an
    /// audio folder checked that recently is not walked again (168 walks a call otherwise); a
    /// station's own pages always check.
    func result(_ file: StationFile, path: String, version: ParsedStationFiles.Key?, _ ws: Workspace,
                audioAge: Duration = .zero) -> Result<LoadedStation, WorkspaceError> {
        func fresh() -> Result<LoadedStation, WorkspaceError> {
            do throws(WorkspaceError) { return .success(try ws.load(file, path: path)) } catch { return .failure(error) }
        }
        guard let version else { return fresh() }
        let now = ContinuousClock.now
        if audioAge > .zero, let e = entries.withLock({ $0[path] }), e.version == version, now - e.checked < audioAge { return .success(e.loaded) }
        guard let audio = ws.audioStamp(file) else { return fresh() }
        if let e = entries.withLock({ $0[path] }), e.version == version, e.audio == audio {
            entries.withLock { $0[path]?.checked = now }
            return .success(e.loaded)
        }
        let r = fresh()
        if case .success(let loaded) = r { entries.withLock { $0[path] = Entry(version: version, audio: audio, loaded: loaded, checked: now) } }
        return r
    }
}

/// Runs blocking work (reading audio, writing weeks) on a Dispatch queue, not on the
/// cooperative threads that serve requests.
func offload<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(returning: work()) }
    }
}

/// Why a request cannot be answered, and its HTTP status.
/// Thrown by a handler, it is answered as the API answers errors (``APIController/failure(_:_:)``):
/// its status, and what to do in the request's language.
enum WebError: HTTPResponseError, Sendable {
    case notFound
    case badRequest(String)
    /// The request itself is wrong in an HTTP way (not multipart, too large): its status and why.
    case http(Int, String)
    case workspace(WorkspaceError)

    var status: HTTPResponse.Status { .init(code: statusCode) }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        APIController.failure(self, request)
    }

    var statusCode: Int {
        switch self {
        case .notFound: 404
        case .badRequest: 400
        case .http(let status, _): status
        case .workspace(let e):
            switch e.kind {
            case .input: 422
            case .conflict: 409
            case .notFound: 404
            case .io: 500
            case .precondition: 428
            case .forbidden: 403
            }
        }
    }

    func lines(_ lang: Language) -> [String] {
        switch self {
        case .notFound: [lang == .vi ? "Không tìm thấy trang này." : "No such page."]
        case .badRequest(let why), .http(_, let why): [why]
        case .workspace(let e): WorkspaceMessages.lines(e, lang, front: .web)
        }
    }
}

/// At most `limit` holders at once; the others wait in order.
public actor Turns {
    private let limit: Int
    private var holders = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    public init(_ limit: Int) { self.limit = max(1, limit) }

    func enter() async {
        if holders < limit { holders += 1; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    func leave() {
        if waiting.isEmpty { holders -= 1 } else { waiting.removeFirst().resume() }
    }

    /// Holders now (for tests).
    var count: Int { holders }
}
