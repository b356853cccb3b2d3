public import Foundation
public import LichPhatAudio
public import LichPhatCore
public import LichPhatFormats

/// The operations every front end offers (the command line, the web app): load a station,
/// check it, plan weeks, write and approve them, read a week's state, audit. A workspace never
/// prints and never exits: it returns values and throws ``WorkspaceError``, which the command
/// line turns into messages and exit codes and the web into HTTP statuses.
///
/// Time comes from `now` and each station's zone (``StationClock``), never from the machine's
/// zone, so tests can fix both.
public struct Workspace: Sendable {
    /// Where measured audio facts are kept between runs.
    public enum CatalogChoice: Sendable {
        /// The user's cache folder (``Catalog/defaultPath``).
        case standard
        case at(String)
        /// One catalog kept open by the caller (a server), or one on an in-memory database (tests).
        case shared(Catalog)
        /// Measure every file every time.
        case none
    }

    public var catalog: CatalogChoice
    /// The language of the station file reader's messages (the other values carry reasons).
    public var lang: Language
    public var now: @Sendable () -> Date
    /// The folders a station's audio may be in (a server's library roots); nil: anywhere (the
    /// command line, where the operator reads their own files).
    public var libraryRoots: [String]?

    public init(catalog: CatalogChoice = .standard, lang: Language = .vi, now: @escaping @Sendable () -> Date = { Date() }) {
        self.catalog = catalog
        self.lang = lang
        self.now = now
    }

    /// The ISO week after the current one, on the station's clock.
    public func nextWeek(of station: Station) -> ISOWeek {
        let today = StationClock.date(StationClock(identifier: station.timeZone).now(now()))
        return ISOWeek(containing: today).adding(weeks: 1)
    }

    /// The calendar month before the current one, on the station's clock.
    public func lastMonth(of station: Station) -> AuditPeriod {
        let today = StationClock.date(StationClock(identifier: station.timeZone).now(now()))
        let (y, m) = today.month == 1 ? (today.year - 1, 12) : (today.year, today.month - 1)
        return AuditPeriod("\(y)-\(m < 10 ? "0" : "")\(m)")!
    }
}

extension Workspace {
    /// Something to say about the catalog as it was opened.
    public enum CatalogNote: Sendable, Equatable {
        /// It was damaged and has been made anew: every file is measured again.
        case rebuilt(path: String)
        /// It cannot be used: measuring goes on without it.
        case unusable(path: String, detail: String)
    }

    /// Opens the audio catalog this workspace measures with: the one place it is opened (the
    /// station loader, `scan`, and `serve`, which keeps it open for its lifetime). nil with
    /// `.none` or when it cannot be used, with a note saying why.
    public func openCatalog() -> (catalog: Catalog?, note: CatalogNote?) {
        let path: String
        switch catalog {
        case .none: return (nil, nil)
        case .shared(let shared): return (shared, nil)
        case .standard: path = Catalog.defaultPath
        case .at(let p): path = p
        }
        do {
            let opened = try Catalog(path: path)
            return (opened, opened.rebuiltBecause == nil ? nil : .rebuilt(path: path))
        } catch {
            return (nil, .unusable(path: path, detail: "\(error)"))
        }
    }
}
