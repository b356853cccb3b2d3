import ArgumentParser
import LichPhatCore
import Foundation
import LichPhatFormats
import LichPhatWorkspace

struct ApproveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: "Ghi nhận lãnh đạo đã duyệt lịch tuần. / Record that a week's schedule was approved.",
        discussion: """
        Writes approval.json in the week's folder: who approved it, when, and the SHA-256 of its \
        schedule.json. `lichphat plan` then refuses to overwrite that week.

        Example:
          lichphat approve Schedules/nam-sach/2026-W48 --by "Nguyễn Văn A"
        """
    )

    @Argument(help: "The week's folder, e.g. Schedules/nam-sach/2026-W48.")
    var folder: String

    @Option(help: "Who approved it (full name).")
    var by: String

    @OptionGroup var language: LanguageOption
    var lang: LichPhatCore.Language { language.lang }

    func validate() throws {
        if by.trimmingCharacters(in: .whitespaces).isEmpty { throw Usage.error(lang, "--by cần họ tên đầy đủ của người duyệt.", "--by needs the approver's full name.") }
    }

    func run() throws {
        let vi = lang == .vi
        let workspace = Workspace.commandLine(lang: lang)
        do {
            let a = try workspace.approve(folder: folder, by: by)
            print(vi ? "Đã ghi nhận: \(a.by) duyệt lịch \(folder) lúc \(a.at) (SHA-256 \(a.sha256.prefix(12))…)."
                     : "Recorded: \(a.by) approved \(folder) at \(a.at) (SHA-256 \(a.sha256.prefix(12))…).")
        } catch {
            if case .alreadyApproved = error, case .modified = workspace.state(ofWeek: folder) {
                Console.error(WorkspaceMessages.state(workspace.state(ofWeek: folder), lang))
            }
            throw workspace.exit(error)
        }
    }
}
