import ArgumentParser
import Foundation
import LichPhatCore
import LichPhatText
import LichPhatWorkspace

/// `lichphat station add|set|remove`: the station page's forms from the command line, with the
/// same checks (each field refused by name), written into the file's own text with its
/// comments, the previous version kept in `.history/`.
struct StationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "station",
        abstract: "Thêm, sửa, xoá mục, chỉ tiêu, buổi trong tệp trạm. / Add, change or remove an item, rule or session of a station file.",
        discussion: """
        KIND is item, rule or session. `set` starts from the entry as the file has it and changes \
        only the options given. Lists (--tags, --days, --sessions, --open, --close) are comma-separated; \
        an empty value clears one (--max "" : no maximum). The file is checked as `lichphat check` \
        reads it before it is saved; comments and order are kept; the previous version is kept in .history/.

        Examples:
          lichphat station add Schedules/nam-sach.yaml item --draft-from "thong-bao/họp dân.wav"
          lichphat station add Schedules/nam-sach.yaml item --id vov --title "Tiếp sóng VOV1" --relay --length 5m --sessions chieu
          lichphat station set Schedules/nam-sach.yaml rule nq57 --min 1 --max 2
          lichphat station add Schedules/nam-sach.yaml session --id toi --name "Buổi tối" --days weekend --start 19:00 --length 15m
          lichphat station remove Schedules/nam-sach.yaml item tb-tiem-chung
        """,
        subcommands: [Add.self, Set.self, Remove.self]
    )

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case item, rule, session
        var entry: StationEntry.Kind { StationEntry.Kind(rawValue: rawValue)! }
    }

    /// The fields an option can set.
    struct Fields: ParsableArguments {
        @Option(help: "The id (new entries).") var id: String?
        @Option(help: "An item's title.") var title: String?
        @Option(help: "A rule's or session's name.") var name: String?
        @Option(help: "An item's file: its path in the audio folder.") var file: String?
        @Flag(inversion: .prefixedNo, help: "An item is a relay (no file; --length, --url).") var relay: Bool?
        @Option(help: "A relay's or session's length (5m, 1h15m).") var length: String?
        @Option(help: "A relay's stream address.") var url: String?
        @Option(help: "Tags, comma-separated.") var tags: String?
        @Option(help: "An item airs from (YYYY-MM-DD).") var from: String?
        @Option(help: "An item airs until (YYYY-MM-DD).") var until: String?
        @Option(help: "Days: mon,…,sun, weekdays, weekend, daily.") var days: String?
        @Option(help: "Sessions (ids), comma-separated.") var sessions: String?
        @Option(help: "Airings a week, at least.") var min: String?
        @Option(help: "Airings a week, at most.") var max: String?
        @Option(help: "An item's priority (1 the most urgent).") var priority: String?
        @Option(help: "A session's start (HH:MM, station time).") var start: String?
        @Option(help: "A session's opening items, comma-separated.") var open: String?
        @Option(help: "A session's closing items, comma-separated.") var close: String?

        static func list(_ s: String) -> [String] { s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }

        /// The options given, laid over `entry`; an option the kind does not have is named.
        func apply(to entry: StationEntry, lang: Language) throws -> StationEntry {
            let given: [(String, Any?)] = [("title", title), ("name", name), ("file", file), ("relay", relay), ("length", length), ("url", url),
                                           ("tags", tags), ("from", from), ("until", until), ("days", days), ("sessions", sessions), ("min", min),
                                           ("max", max), ("priority", priority), ("start", start), ("open", open), ("close", close)]
            let allowed: Swift.Set<String>
            switch entry {
            case .item: allowed = ["title", "file", "relay", "length", "url", "tags", "from", "until", "days", "sessions", "min", "max", "priority"]
            case .rule: allowed = ["name", "tags", "days", "sessions", "min", "max"]
            case .session: allowed = ["name", "days", "start", "length", "open", "close"]
            }
            for (option, value) in given where value != nil && !allowed.contains(option) {
                throw Usage.error(lang, "--\(option) không dùng cho \(entry.kind.rawValue); dùng: \(allowed.sorted().map { "--" + $0 }.joined(separator: ", ")).",
                                  "--\(option) is not for a \(entry.kind.rawValue); use: \(allowed.sorted().map { "--" + $0 }.joined(separator: ", ")).")
            }
            switch entry {
            case .item(var x):
                if let id { x.id = id }; if let title { x.title = title }; if let file { x.file = file; x.relay = false }
                if let relay { x.relay = relay }; if let length { x.length = length }; if let url { x.url = url }
                if let tags { x.tags = Self.list(tags) }; if let from { x.from = from }; if let until { x.until = until }
                if let days { x.days = Self.list(days) }; if let sessions { x.sessions = Self.list(sessions) }
                if let min { x.perWeekMin = min }; if let max { x.perWeekMax = max }; if let priority { x.priority = priority }
                return .item(x)
            case .rule(var x):
                if let id { x.id = id }; if let name { x.name = name }; if let tags { x.tags = Self.list(tags) }
                if let days { x.days = Self.list(days) }; if let sessions { x.sessions = Self.list(sessions) }
                if let min { x.perWeekMin = min }; if let max { x.perWeekMax = max }
                return .rule(x)
            case .session(var x):
                if let id { x.id = id }; if let name { x.name = name }; if let days { x.days = Self.list(days) }
                if let start { x.start = start }; if let length { x.length = length }
                if let open { x.open = Self.list(open) }; if let close { x.close = Self.list(close) }
                return .session(x)
            }
        }
    }

    /// Loads the station, runs one change on the file as it is now, says what was saved.
    static func act(_ station: String, _ language: LanguageOption, _ catalog: CatalogOptions,
                    _ body: (Workspace, LoadedStation, String) throws(WorkspaceError) -> LoadedStation, said: (Language) -> String) throws {
        let lang = language.lang
        let workspace = Workspace.commandLine(lang: lang, cache: catalog.cache, noCache: catalog.noCache)
        let loaded = try workspace.loadForCommand(station)
        do throws(WorkspaceError) {
            let base = try workspace.stationSource(loaded).sha256
            let after = try body(workspace, loaded, base)
            for w in after.warnings { Console.error("! " + WorkspaceMessages.text(w, lang)) }
            print(said(lang))
        } catch { throw workspace.exit(error) }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add an item, rule or session.")
        @Argument(help: "The station file (YAML).") var station: String
        @Argument(help: "item, rule or session.") var kind: Kind
        @Option(help: "An item made from this library file (title from its name, tag thong-bao, this week, 3 a week); other options change it.")
        var draftFrom: String?
        @OptionGroup var fields: Fields
        @OptionGroup var language: LanguageOption
        @OptionGroup var catalogOptions: CatalogOptions

        func run() throws {
            let lang = language.lang
            if draftFrom != nil, kind != .item { throw Usage.error(lang, "--draft-from chỉ dùng cho item.", "--draft-from is for an item only.") }
            var id = ""
            try StationCommand.act(station, language, catalogOptions) { workspace, loaded, base throws(WorkspaceError) in
                let start: StationEntry = switch kind {
                case .item: .item(draftFrom.map { workspace.itemDraft(loaded, file: $0) } ?? ItemFields())
                case .rule: .rule(RuleFields())
                case .session: .session(SessionFields())
                }
                let entry: StationEntry
                do { entry = try fields.apply(to: start, lang: lang) } catch { throw .cannotEditByForm(id: "\(error)") }
                id = entry.id
                return try workspace.putEntry(loaded, entry, replacing: nil, base: base)
            } said: { lang in
                lang == .vi ? "Đã thêm \(PageWords(lang).entryWord(kind.rawValue)) “\(id)” vào \(station); bản trước giữ trong .history/."
                            : "Added the \(kind.rawValue) “\(id)” to \(station); the previous version is kept in .history/."
            }
        }

        func validate() throws {
            // An option the kind does not have is a usage error (exit 64), before anything is read.
            _ = try fields.apply(to: { switch kind { case .item: .item(ItemFields()); case .rule: .rule(RuleFields()); case .session: .session(SessionFields()) } }(), lang: language.lang)
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Change an item, rule or session (only the options given).")
        @Argument(help: "The station file (YAML).") var station: String
        @Argument(help: "item, rule or session.") var kind: Kind
        @Argument(help: "The entry's id.") var entry: String
        @OptionGroup var fields: Fields
        @OptionGroup var language: LanguageOption
        @OptionGroup var catalogOptions: CatalogOptions

        func validate() throws {
            if fields.id != nil { throw Usage.error(language.lang, "Không đổi mã của một mục có sẵn (các tuần đã lập ghi theo mã).", "An entry's id does not change (planned weeks name it).") }
            _ = try fields.apply(to: { switch kind { case .item: .item(ItemFields()); case .rule: .rule(RuleFields()); case .session: .session(SessionFields()) } }(), lang: language.lang)
        }

        func run() throws {
            let lang = language.lang
            try StationCommand.act(station, language, catalogOptions) { workspace, loaded, base throws(WorkspaceError) in
                guard let now = workspace.entryFields(loaded, kind.entry, id: entry) else {
                    if kind == .item, loaded.station.item(entry) != nil { throw .cannotEditByForm(id: entry) }
                    throw .noSuchEntry(kind: kind.rawValue, id: entry)
                }
                let changed: StationEntry
                do { changed = try fields.apply(to: now, lang: lang) } catch { throw .cannotEditByForm(id: entry) }
                return try workspace.putEntry(loaded, changed, replacing: entry, base: base)
            } said: { lang in
                lang == .vi ? "Đã lưu \(PageWords(lang).entryWord(kind.rawValue)) “\(entry)” vào \(station); bản trước giữ trong .history/."
                            : "Saved the \(kind.rawValue) “\(entry)” to \(station); the previous version is kept in .history/."
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove an item, rule or session (refused while another entry names it).")
        @Argument(help: "The station file (YAML).") var station: String
        @Argument(help: "item, rule or session.") var kind: Kind
        @Argument(help: "The entry's id.") var entry: String
        @OptionGroup var language: LanguageOption
        @OptionGroup var catalogOptions: CatalogOptions

        func run() throws {
            try StationCommand.act(station, language, catalogOptions) { workspace, loaded, base throws(WorkspaceError) in
                try workspace.removeEntry(loaded, kind.entry, id: entry, base: base)
            } said: { lang in
                lang == .vi ? "Đã xoá \(PageWords(lang).entryWord(kind.rawValue)) “\(entry)” khỏi \(station); bản trước giữ trong .history/."
                            : "Removed the \(kind.rawValue) “\(entry)” from \(station); the previous version is kept in .history/."
            }
        }
    }
}
