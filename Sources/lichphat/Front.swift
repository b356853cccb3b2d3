import ArgumentParser
import Foundation
import LichPhatCore
import LichPhatFormats
import LichPhatWorkspace

/// The command line's side of the workspace: progress on the terminal, warnings and errors
/// printed, errors turned into exit codes.
extension Workspace {
    static func commandLine(lang: Language, cache: String? = nil, noCache: Bool = false) -> Workspace {
        Workspace(catalog: noCache ? .none : cache.map { .at($0) } ?? .standard, lang: lang, now: clock)
    }

    /// The time the program acts on: now, or `LICHPHAT_NOW` (an ISO 8601 instant, as
    /// `2026-11-20T09:00:00+07:00`) for replaying a day and for tests that must not depend on the date.
    static var clock: @Sendable () -> Date {
        // A running clock shifted by seconds: every process of a test sees the same moving time.
        if let raw = ProcessInfo.processInfo.environment["LICHPHAT_CLOCK_OFFSET"], let offset = Double(raw), offset.isFinite {
            return { Date().addingTimeInterval(offset) }
        }
        guard let raw = ProcessInfo.processInfo.environment["LICHPHAT_NOW"], !raw.isEmpty else { return { Date() } }
        guard let fixed = ISO8601DateFormatter().date(from: raw) else {
            FileHandle.standardError.write(Data("LICHPHAT_NOW “\(raw)” is not an ISO 8601 time like 2026-11-20T09:00:00+07:00: ignored.\n".utf8))
            return { Date() }
        }
        return { fixed }
    }

    /// Loads a station, showing progress while its audio is measured and printing its warnings;
    /// an error is printed and ends the command.
    func loadForCommand(_ path: String) throws -> LoadedStation {
        let bar = Console.stderrIsTerminal ? ProgressBar(label: lang == .vi ? "Đọc âm thanh" : "Reading audio") : nil
        let loaded: LoadedStation
        do {
            var progress: (@Sendable (Int, Int) -> Void)?
            if let bar { progress = { done, total in bar.update(done, total) } }
            loaded = try loadStation(path, progress: progress)
        } catch {
            bar?.finish()
            throw exit(error)
        }
        bar?.finish()
        for w in loaded.warnings { Console.error(WorkspaceMessages.text(w, lang)) }
        return loaded
    }

    /// Prints the error's lines and gives the exit code for its kind.
    func exit(_ error: WorkspaceError) -> ExitCode {
        for line in WorkspaceMessages.lines(error, lang) { Console.error(line) }
        return ExitCode(Self.exitCode(error))
    }

    /// The exit code of a refusal: by its kind, as the web's HTTP status is (``WorkspaceError/Kind``).
    static func exitCode(_ error: WorkspaceError) -> Int32 {
        switch error {
        case .weekApproved, .weekEverApproved: return Exit.approved
        case .shortfall, .cannotAmend: return Exit.shortfall
        default:
            switch error.kind {
            case .conflict, .precondition: return Exit.problems
            case .input, .notFound, .io, .forbidden: return Exit.usage
            }
        }
    }
}
