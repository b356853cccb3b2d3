import ArgumentParser
import Foundation
import LichPhatCore

/// `lichphat`: plan, check and report a commune radio station's week.
struct LichPhat: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lichphat",
        abstract: "Lịch phát: lập và kiểm tra lịch phát sóng của đài truyền thanh cơ sở.",
        discussion: """
        Exit codes: 0 ok (warnings allowed); 1 problems found (a file with an error, a week already \
        approved); 2 bad usage or configuration; 3 a quota minimum cannot be met; 4 an approved week \
        was left as it is.
        """,
        version: "0.1.0",
        subcommands: [Scan.self, CheckCommand.self, PlanCommand.self, ApproveCommand.self, AuditCommand.self, ServeCommand.self, UserCommand.self, SpeakCommand.self, RenderCommand.self, AmendCommand.self, EditCommand.self, HistoryCommand.self, LibraryCommand.self, StationCommand.self, AirCommand.self, BulletinCommand.self]
    )
}

/// Exit codes, one meaning each, the same for every command.
enum Exit {
    static let ok: Int32 = 0
    static let problems: Int32 = 1
    static let usage: Int32 = 2
    static let shortfall: Int32 = 3
    static let approved: Int32 = 4
}

@main
enum Main {
    static func main() async {
        // A server's worker dies with Swift's backtrace, which its supervisor keeps for the maintainer.
        if !Supervisor.isWorker { CrashReport.install(lang: Usage.requestedLanguage) }
        do {
            var command = try LichPhat.parseAsRoot()
            if var server = command as? any AsyncParsableCommand {
                try await server.run()
            } else {
                try command.run()
            }
        } catch let code as ExitCode {
            exit(code.rawValue)
        } catch {
            let code = LichPhat.exitCode(for: error)
            if code == .success {
                print(LichPhat.fullMessage(for: error))
                exit(Exit.ok)
            }
            let lang = Usage.requestedLanguage
            let sub = CommandLine.arguments.dropFirst().first { !$0.hasPrefix("-") }.map { " " + $0 } ?? ""
            let message = lang == .vi
                ? "Lỗi: \(Usage.message(for: error, lang: .vi))\nXem cách dùng: lichphat\(sub) --help"
                : LichPhat.fullMessage(for: error)
            FileHandle.standardError.write(Data((message + "\n").utf8))
            exit(Exit.usage)
        }
    }
}

/// Standard error, for warnings and progress; standard output stays clean for data.
enum Console {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}
