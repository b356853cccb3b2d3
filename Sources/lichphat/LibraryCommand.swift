import ArgumentParser
import Foundation
import LichPhatCore
import LichPhatText
import LichPhatWorkspace

/// `lichphat library remove|replace`: the library page's care from the command line, with the
/// same rules (a file in use is not removed; a new version must play).
struct LibraryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "library",
        abstract: "Xoá hoặc thay tệp trong thư viện. / Remove or replace a file of the station's library.",
        discussion: """
        PATH is the file's path in the station's audio folder (tin/tin xã.mp3). A removed file is set \
        aside in the library's hidden .removed/ folder, never destroyed, and is refused while an item \
        of the station file names it or a week not yet over airs it. A replaced file is kept in \
        .replaced/; the new version is measured first and refused if it does not play.

        Examples:
          lichphat library remove Schedules/nam-sach.yaml "thong-bao/họp dân cũ.mp3"
          lichphat library replace Schedules/nam-sach.yaml "tin-tuc/bản tin.mp3" --with ~/Downloads/bản-tin-mới.mp3
          lichphat library rename Schedules/nam-sach.yaml "thong-bao/tb1.wav" "họp dân tháng 12.wav"
        """,
        subcommands: [Remove.self, Replace.self, Rename.self]
    )

    /// Loads the station and runs one library operation, its refusal worded and its exit code given.
    static func act(_ station: String, _ language: LanguageOption, _ catalog: CatalogOptions,
                    _ body: (Workspace, LoadedStation, Language) throws(WorkspaceError) -> Void) throws {
        let lang = language.lang
        let workspace = Workspace.commandLine(lang: lang, cache: catalog.cache, noCache: catalog.noCache)
        let loaded = try workspace.loadForCommand(station)
        do throws(WorkspaceError) { try body(workspace, loaded, lang) } catch { throw workspace.exit(error) }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Take a file out of the library (set aside).")
        @Argument(help: "The station file (YAML).") var station: String
        @Argument(help: "The file's path in the audio folder.") var path: String
        @OptionGroup var language: LanguageOption
        @OptionGroup var catalogOptions: CatalogOptions

        func run() throws {
            try LibraryCommand.act(station, language, catalogOptions) { workspace, loaded, lang throws(WorkspaceError) in
                let gone = try workspace.removeAudio(from: loaded, path: path)
                print(lang == .vi ? "Đã xoá “\(gone)” khỏi thư viện (giữ một bản trong thư mục ẩn .removed)." : "“\(gone)” was taken out of the library (a copy is kept in the hidden .removed folder).")
            }
        }
    }

    struct Replace: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "replace", abstract: "Replace a file by a new version under the same name.")
        @Argument(help: "The station file (YAML).") var station: String
        @Argument(help: "The file's path in the audio folder.") var path: String
        @Option(help: "The new version.") var with: String
        @OptionGroup var language: LanguageOption
        @OptionGroup var catalogOptions: CatalogOptions

        func run() throws {
            let lang = language.lang
            guard FileManager.default.isReadableFile(atPath: with) else {
                throw Usage.error(lang, "Không đọc được tệp mới “\(with)”.", "Cannot read the new file “\(with)”.")
            }
            try LibraryCommand.act(station, language, catalogOptions) { workspace, loaded, lang throws(WorkspaceError) in
                let added = try workspace.replaceAudio(in: loaded, path: path, source: .file(with))
                let length = added.file.facts.duration.map { Messages.clock($0) } ?? "–"
                print(lang == .vi ? "Đã thay “\(added.path)” bằng bản mới (\(length)); bản cũ giữ trong thư mục ẩn .replaced."
                                  : "“\(added.path)” was replaced by the new version (\(length)); the old one is kept in the hidden .replaced folder.")
                for p in added.file.problems { Console.error((p.severity == .error ? "✗ " : "! ") + Messages.text(p, lang)) }
            }
        }
    }

    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rename", abstract: "Rename a file in its folder (refused while it is used).")
        @Argument(help: "The station file (YAML).") var station: String
        @Argument(help: "The file's path in the audio folder.") var path: String
        @Argument(help: "Its new name (same kind: .mp3 stays .mp3).") var name: String
        @OptionGroup var language: LanguageOption
        @OptionGroup var catalogOptions: CatalogOptions

        func run() throws {
            try LibraryCommand.act(station, language, catalogOptions) { workspace, loaded, lang throws(WorkspaceError) in
                let renamed = try workspace.renameAudio(in: loaded, path: path, to: name)
                print(lang == .vi ? "Đã đổi tên “\(path)” thành “\(renamed)”." : "“\(path)” is now “\(renamed)”.")
            }
        }
    }
}
