public import ArgumentParser
import Foundation
import LichPhatCore
import LichPhatFormats
import LichPhatText
public import LichPhatWorkspace

/// `lichphat user add|list|remove`: the web app's accounts, kept in the root folder.
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Tài khoản của ứng dụng web. / The web app's accounts.",
        discussion: """
        Accounts live in ROOT/.lichphat/accounts.sqlite (the same --root as lichphat serve), passwords \
        as bcrypt hashes. While no account exists, the web app serves this computer only and asks no \
        login; once one exists, every page and API call needs one, and --host may open it to the \
        office network. Operators do everything but approve; leaders approve; both only for their \
        stations (--station; without it, every station of the root). The city office's accounts \
        (city) see every station and report and change nothing; administrators (admin) manage \
        accounts and stations and approve nothing. Another station's pages and API are, to an \
        account, not there (404).

        Examples:
          lichphat user add lan --role operator --full-name "Trần Thị Lan" --station nam-sach
          echo "mật-khẩu-dài" | lichphat user add an --role leader --full-name "Nguyễn Văn An" --station nam-sach --password-stdin
          lichphat user add so-vhtt --role city --full-name "Sở VHTT Hải Phòng"
          lichphat user list
          lichphat user disable lan
          lichphat user remove lan
        """,
        subcommands: [Add.self, List.self, Remove.self, Disable.self, Enable.self]
    )

    struct RootOption: ParsableArguments {
        @Option(help: "The folder of station files, as for serve (default: Schedules).")
        var root: String = "Schedules"

        @OptionGroup var language: LanguageOption

        func store() throws -> AccountStore {
            let lang = language.lang
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root, isDirectory: &isDir), isDir.boolValue else {
                throw Usage.error(lang, "Không có thư mục “\(root)” (--root: thư mục chứa các tệp trạm).", "No folder “\(root)” (--root: the folder of station files).")
            }
            do throws(WorkspaceError) { return try AccountStore(root: root) } catch {
                throw Workspace(catalog: .none, lang: lang).exit(error)
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Thêm tài khoản. / Add an account.")

        @Argument(help: "The login name (letters without diacritics, digits, . _ -).")
        var name: String

        @Option(help: "operator (everything but approving) or leader (approves weeks).")
        var role: Account.Role

        @Option(help: "The full name an approval carries (default: the login name).")
        var fullName: String?

        @Option(help: "The stations (ids, comma-separated) an operator or leader works for (default: every station).")
        var station: String?

        @Flag(help: "Read the password from the first line of standard input (for scripts).")
        var passwordStdin = false

        @OptionGroup var root: RootOption
        var lang: Language { root.language.lang }

        func validate() throws {
            if station != nil, role == .city || role == .admin {
                throw Usage.error(lang, "--station chỉ dùng cho operator và leader: city và admin thấy mọi đài.", "--station is for operator and leader: city and admin see every station.")
            }
            if let station, StationList.parse(station) == nil {
                throw Usage.error(lang, "--station “\(station)”: mã đài cách nhau bằng dấu phẩy, ví dụ nam-sach,hai-duong.", "--station “\(station)”: station ids separated by commas, e.g. nam-sach,hai-duong.")
            }
        }

        func run() throws {
            let store = try root.store()
            let stations = station.flatMap(StationList.parse)
            // A station that is not in the root is said (a typo), not refused: its file may come later.
            let known = Set(Workspace(catalog: .none, lang: lang).stationFiles(in: root.root).compactMap { path -> String? in
                if case .success(let f) = StationFileReader.read(path: path, lang: lang) { f.id } else { nil }
            })
            let password = try readPassword()
            let workspace = Workspace(catalog: .none, lang: lang)
            do throws(WorkspaceError) {
                try workspace.addAccount(store, by: nil, name: name, fullName: fullName, role: role, password: password, stations: stations)
            } catch { throw workspace.exit(error) }
            let words = PageWords(lang)
            let scope = stations.map { $0.joined(separator: ", ") } ?? (lang == .vi ? "mọi đài" : "every station")
            print(lang == .vi ? "Đã thêm tài khoản “\(AccountStore.normalized(name))”, vai trò \(words.roleName(role.rawValue)), đài: \(scope)."
                              : "Added the account “\(AccountStore.normalized(name))”, role \(words.roleName(role.rawValue)), stations: \(scope).")
            for id in stations ?? [] where !known.contains(id) {
                Console.error(lang == .vi ? "! Chưa có tệp trạm nào mang mã “\(id)” trong \(root.root)." : "! No station file in \(root.root) has the id “\(id)” yet.")
            }
        }

        func readPassword() throws -> String {
            if passwordStdin {
                guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                    throw Usage.error(lang, "--password-stdin: đầu vào chuẩn không có mật khẩu (dòng đầu tiên).", "--password-stdin: standard input holds no password (its first line).")
                }
                return line
            }
            guard isatty(STDIN_FILENO) == 1 else {
                throw Usage.error(lang, "Không có bàn phím để hỏi mật khẩu: dùng --password-stdin và đưa mật khẩu vào đầu vào chuẩn.",
                                  "No terminal to ask for the password: use --password-stdin and give it on standard input.")
            }
            let first = Self.prompt(lang == .vi ? "Mật khẩu: " : "Password: ")
            let second = Self.prompt(lang == .vi ? "Nhập lại mật khẩu: " : "Password again: ")
            guard first == second else {
                throw Usage.error(lang, "Hai lần nhập mật khẩu không giống nhau; chưa thêm tài khoản.", "The two passwords differ; no account was added.")
            }
            return first
        }

        /// Asks on the terminal without echoing what is typed.
        static func prompt(_ text: String) -> String {
            FileHandle.standardError.write(Data(text.utf8))
            var saved = termios()
            tcgetattr(STDIN_FILENO, &saved)
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(STDIN_FILENO, TCSANOW, &quiet)
            defer {
                tcsetattr(STDIN_FILENO, TCSANOW, &saved)
                FileHandle.standardError.write(Data("\n".utf8))
            }
            return readLine(strippingNewline: true) ?? ""
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liệt kê tài khoản. / List the accounts.")
        @OptionGroup var root: RootOption

        func run() throws {
            let lang = root.language.lang
            let accounts = try root.store().list()
            if accounts.isEmpty {
                print(lang == .vi ? "Chưa có tài khoản nào: ứng dụng web chỉ mở trên máy này, không cần đăng nhập."
                                  : "No account yet: the web app serves this computer only, without logins.")
                return
            }
            for a in accounts {
                print([a.name, a.role.rawValue, a.fullName, a.stations?.joined(separator: ",") ?? "*", a.disabled ? "disabled" : "active", a.created].joined(separator: "\t"))
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Xoá tài khoản. / Remove an account.")
        @Argument(help: "The login name.")
        var name: String
        @OptionGroup var root: RootOption

        func run() throws {
            let lang = root.language.lang
            let store = try root.store()
            let workspace = Workspace(catalog: .none, lang: lang)
            do throws(WorkspaceError) { try workspace.removeAccount(store, by: nil, name: name) } catch { throw workspace.exit(error) }
            print(lang == .vi ? "Đã xoá tài khoản “\(AccountStore.normalized(name))”." : "Removed the account “\(AccountStore.normalized(name))”.")
        }
    }

    /// Disables or enables an account through the workspace (recorded in the administration log).
    static func setDisabled(_ name: String, _ disabled: Bool, _ root: RootOption) throws {
        let lang = root.language.lang
        let store = try root.store()
        let workspace = Workspace(catalog: .none, lang: lang)
        do throws(WorkspaceError) { try workspace.setDisabled(store, by: nil, name: name, disabled) } catch { throw workspace.exit(error) }
        let shown = AccountStore.normalized(name)
        print(disabled ? (lang == .vi ? "Đã khoá tài khoản “\(shown)”: không đăng nhập được nữa." : "Disabled the account “\(shown)”: it can no longer log in.")
                       : (lang == .vi ? "Đã mở lại tài khoản “\(shown)”." : "Enabled the account “\(shown)”."))
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Khoá tài khoản (không đăng nhập được, giữ lại tên). / Disable an account.")
        @Argument(help: "The login name.") var name: String
        @OptionGroup var root: RootOption
        func run() throws { try UserCommand.setDisabled(name, true, root) }
    }

    struct Enable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mở lại tài khoản đã khoá. / Enable a disabled account.")
        @Argument(help: "The login name.") var name: String
        @OptionGroup var root: RootOption
        func run() throws { try UserCommand.setDisabled(name, false, root) }
    }
}

/// `nam-sach,hai-duong` → the ids (nil when one is not a station id).
enum StationList {
    static func parse(_ text: String) -> [String]? {
        let ids = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !ids.isEmpty, ids.allSatisfy(StationFileReader.isID) else { return nil }
        return ids
    }
}

extension Account.Role: ExpressibleByArgument {}
