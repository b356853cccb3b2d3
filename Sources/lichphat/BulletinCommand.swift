import ArgumentParser
import Foundation
import LichPhatCore
import LichPhatFormats
import LichPhatText
import LichPhatWorkspace

/// `lichphat bulletin add|list|cancel|import`: bulletins by their level (Thông tư 39/2020).
struct BulletinCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bulletin",
        abstract: "Bản tin theo mức: thông thường, ưu tiên, khẩn cấp. / Bulletins by level: normal, priority, emergency.",
        discussion: """
        normal waits in the inbox until placed; priority heads the next session (after its \
        opening), the session's later airings following it; emergency goes on air within a \
        second through lichphat air, over what plays, and repeats as asked. Each bulletin is \
        kept in Schedules/<station>/ban-tin/ (who sent it, when, its audio); each airing is in \
        the play log, which the audit counts as authorised.

        Examples:
          lichphat bulletin add Schedules/nam-sach.yaml --text "Bão số 3 đổ bộ chiều nay, đề nghị bà con không ra khơi." --level emergency --repeat 6 --every 60m
          lichphat bulletin add Schedules/nam-sach.yaml --file "thong-bao/họp dân.wav" --level priority
          lichphat bulletin list Schedules/nam-sach.yaml
          lichphat bulletin cancel Schedules/nam-sach.yaml bt-20261207-100500
          lichphat bulletin import Schedules/nam-sach.yaml canh-bao.xml
        """,
        subcommands: [Add.self, List.self, Cancel.self, Import.self]
    )

    struct Station: ParsableArguments {
        @Argument(help: "The station file.") var station: String
        @OptionGroup var language: LanguageOption
        var lang: Language { language.lang }
        @OptionGroup var catalogOptions: CatalogOptions

        func open() throws -> (Workspace, LoadedStation) {
            let workspace = Workspace.commandLine(lang: lang, cache: catalogOptions.cache, noCache: catalogOptions.noCache)
            return (workspace, try workspace.loadForCommand(station))
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Gửi một bản tin. / Send a bulletin.")
        @OptionGroup var station: Station
        @Option(help: "An audio file to air as it is.") var file: String?
        @Option(help: "A text to read aloud (espeak-ng, at the loudness target).") var text: String?
        @Option(help: "normal, priority or emergency.") var level: String
        @Option(help: "A title (default: the start of the text or the file's name).") var title: String?
        @Option(help: "How many times in all (default 1).") var `repeat`: Int = 1
        @Option(help: "Between airings: 60m, 1h, 30s (default 60m).") var every: String?
        @Option(help: "No airing after this, station time: \"2026-12-08 20:00\".") var until: String?
        @Option(help: "First airing, station time (default: now).") var from: String?

        func run() throws {
            let (workspace, loaded) = try station.open()
            let request = BulletinRequest(level: level, file: file, text: text, title: title, times: self.repeat, every: every, until: until, from: from)
            do {
                let b = try workspace.addBulletin(loaded, request, actor: .commandLine)
                for line in WorkspaceMessages.bulletinSent(b, clock: loaded.clock, sessions: loaded.station.sessions, station.lang) { print(line) }
            } catch let e as WorkspaceError { throw workspace.exit(e) }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Các bản tin và những lần đã phát. / Bulletins and each time they aired.")
        @OptionGroup var station: Station
        func run() throws {
            let (workspace, loaded) = try station.open()
            let list = workspace.bulletins(loaded)
            let aired = workspace.bulletinAirings(loaded)
            let states = Dictionary(list.map { ($0.id, workspace.state(of: $0, loaded, aired: aired[$0.id] ?? [])) }, uniquingKeysWith: { a, _ in a })
            for line in WorkspaceMessages.bulletinList(list, aired: aired, states: states, clock: loaded.clock, station.lang) { print(line) }
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Dừng các lần phát còn lại. / Stop the airings still to come.")
        @OptionGroup var station: Station
        @Argument(help: "The bulletin's id (see bulletin list).") var id: String
        func run() throws {
            let (workspace, loaded) = try station.open()
            do {
                let b = try workspace.cancelBulletin(loaded, id: id, actor: .commandLine)
                print(station.lang == .vi ? "Đã huỷ bản tin \(b.id) (“\(b.title)”): không phát thêm lần nào." : "Cancelled bulletin \(b.id) (“\(b.title)”): no further airing.")
            } catch let e as WorkspaceError { throw workspace.exit(e) }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Nhận bản tin CAP 1.2 (XML). / Take a CAP 1.2 message (XML).")
        @OptionGroup var station: Station
        @Argument(help: "The CAP 1.2 XML file.") var file: String
        func run() throws {
            let (workspace, loaded) = try station.open()
            guard let data = FileManager.default.contents(atPath: file) else {
                Console.error(station.lang == .vi ? "Không đọc được \(file)." : "Cannot read \(file).")
                throw ExitCode(Exit.usage)
            }
            do {
                switch try workspace.importCAP(loaded, bytes: [UInt8](data), name: file, actor: .commandLine) {
                case .sent(let b, let replaced):
                    for line in WorkspaceMessages.bulletinSent(b, clock: loaded.clock, sessions: loaded.station.sessions, station.lang) { print(line) }
                    if !replaced.isEmpty { print(station.lang == .vi ? "Thay cho: \(replaced.joined(separator: ", ")) (đã huỷ)." : "Replaces: \(replaced.joined(separator: ", ")) (cancelled).") }
                case .repeated(let b):
                    print(station.lang == .vi ? "Bản tin CAP này đã nhận trước đó: \(b.id); không có gì mới." : "This CAP message was taken before: \(b.id); nothing new.")
                }
            } catch let e as WorkspaceError {
                if case .capRefused(_, .cancelMessage(let ids)) = e, !ids.isEmpty {
                    for line in WorkspaceMessages.lines(e, station.lang) { print(line) }
                    return
                }
                throw workspace.exit(e)
            } catch { throw workspace.exit(error) }
        }
    }
}
