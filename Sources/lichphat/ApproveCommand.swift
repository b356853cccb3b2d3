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
        Writes approval.json in the week's folder: who approved it, when, which revision, and the \
        SHA-256 of its schedule.json and of every file that goes to air or to the platforms; the \
        week's history marks that revision approved. With --revision, the approval is refused if the \
        week is no longer that revision (someone changed it since you looked). `lichphat plan` then \
        never plans the week whole again; `lichphat amend` changes the rest of it as a new revision.

        Example:
          lichphat approve Schedules/nam-sach/2026-W48 --by "Nguyễn Văn A"
        """
    )

    @Argument(help: "The week's folder, e.g. Schedules/nam-sach/2026-W48.")
    var folder: String

    @Option(help: "Who approved it (full name).")
    var by: String

    @Option(help: "The revision seen and approved (its number, from lichphat history): refused if the week has moved on.")
    var revision: Int?

    @OptionGroup var language: LanguageOption
    var lang: LichPhatCore.Language { language.lang }

    func run() throws {
        let vi = lang == .vi
        let workspace = Workspace.commandLine(lang: lang)
        do throws(WorkspaceError) {
            var write = WeekWrite.commandLine
            if let revision { write.expected = try workspace.expected(revision: revision, folder: folder) }
            let (a, r) = try workspace.approve(folder: folder, by: by, write: write)
            print(vi ? "Đã ghi nhận: \(a.by) duyệt bản \(r.number) của lịch \(folder) lúc \(a.at) (SHA-256 \(a.sha256.prefix(12))…)."
                     : "Recorded: \(a.by) approved revision \(r.number) of \(folder) at \(a.at) (SHA-256 \(a.sha256.prefix(12))…).")
        } catch {
            if case .alreadyApproved = error, case .modified = workspace.state(ofWeek: folder) {
                Console.error(WorkspaceMessages.state(workspace.state(ofWeek: folder), lang))
            }
            throw workspace.exit(error)
        }
    }
}
