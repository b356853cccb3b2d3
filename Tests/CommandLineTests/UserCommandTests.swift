import Foundation
import TestSupport
import Testing

/// `lichphat user` (issue 9: accounts) and what accounts change for `lichphat serve`.
@Suite("Accounts from the command line")
struct UserCommandTests {
    func root() throws -> String {
        let dir = NSTemporaryDirectory() + "lichphat-users-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test("add (password on standard input), list, remove; a second account of the same name, a short password, no terminal, an unknown name: each said, with its exit code")
    func lifecycle() throws {
        let dir = try root(); defer { try? FileManager.default.removeItem(atPath: dir) }
        let empty = try Run(["user", "list", "--root", dir])
        #expect(empty.status == 0 && empty.stdout.contains("Chưa có tài khoản nào"))
        let add = try Run(["user", "add", "Lan", "--role", "operator", "--full-name", "Trần Thị Lan", "--password-stdin", "--root", dir], input: "operator-pass\n")
        #expect(add.status == 0 && add.stdout.contains("Đã thêm tài khoản “lan”, vai trò vận hành, đài: mọi đài."), "\(add.stderr)")
        let again = try Run(["user", "add", "lan", "--role", "leader", "--password-stdin", "--root", dir], input: "another-pass\n")
        #expect(again.status == 1 && again.stderr.contains("Đã có tài khoản “lan”"))
        let short = try Run(["user", "add", "an", "--role", "leader", "--password-stdin", "--root", dir], input: "short\n")
        #expect(short.status == 2 && short.stderr.contains("Mật khẩu cần từ 8 ký tự"))
        let noTerminal = try Run(["user", "add", "an", "--role", "leader", "--root", dir])
        #expect(noTerminal.status == 2 && noTerminal.stderr.contains("--password-stdin"))
        let badRole = try Run(["user", "add", "an", "--role", "boss", "--password-stdin", "--root", dir], input: "long-enough\n")
        #expect(badRole.status == 2 && badRole.stderr.contains("boss"))
        let list = try Run(["user", "list", "--root", dir])
        #expect(list.stdout.hasPrefix("lan\toperator\tTrần Thị Lan\t*\tactive\t"))
        #expect(list.stdout.split(separator: "\n").count == 1)
        let unknown = try Run(["user", "remove", "nobody", "--root", dir, "--lang", "en"])
        #expect(unknown.status == 2 && unknown.stderr.contains("There is no account “nobody”"))
        #expect(try Run(["user", "remove", "LAN", "--root", dir]).status == 0)
        #expect(try Run(["user", "list", "--root", dir]).stdout.contains("Chưa có tài khoản nào"))
        let noRoot = try Run(["user", "list", "--root", dir + "/missing"])
        #expect(noRoot.status == 2 && noRoot.stderr.contains("Không có thư mục"))
    }

    @Test("--station scopes an operator or leader (an id not in the root is said); city and admin take none; disable and enable; the list shows each")
    func stationsAndDisable() throws {
        let dir = try root(); defer { try? FileManager.default.removeItem(atPath: dir) }
        try "station: {id: xa, name: \"Xã\"}\naudio: .\nsessions: []\nitems: []\n".write(toFile: dir + "/xa.yaml", atomically: true, encoding: .utf8)
        let op = try Run(["user", "add", "lan", "--role", "operator", "--station", "xa, khac", "--password-stdin", "--root", dir], input: "operator-pass\n")
        #expect(op.status == 0 && op.stdout.contains("đài: xa, khac") && op.stderr.contains("Chưa có tệp trạm nào mang mã “khac”") && !op.stderr.contains("“xa”"), "\(op.stderr)")
        #expect(try Run(["user", "add", "so", "--role", "city", "--station", "xa", "--password-stdin", "--root", dir], input: "city-pass-1\n").status == 2)
        #expect(try Run(["user", "add", "so", "--role", "operator", "--station", "../xa", "--password-stdin", "--root", dir], input: "city-pass-1\n").status == 2)
        #expect(try Run(["user", "add", "so", "--role", "city", "--password-stdin", "--root", dir], input: "city-pass-1\n").status == 0)
        #expect(try Run(["user", "disable", "lan", "--root", dir]).stdout.contains("Đã khoá tài khoản “lan”"))
        #expect(try Run(["user", "disable", "nobody", "--root", dir]).status == 2)
        let list = try Run(["user", "list", "--root", dir]).stdout
        #expect(list.contains("lan\toperator\tlan\tkhac,xa\tdisabled\t") && list.contains("so\tcity\tso\t*\tactive\t"), "\(list)")
        #expect(try Run(["user", "enable", "lan", "--root", dir]).status == 0)
        #expect(try Run(["user", "list", "--root", dir]).stdout.contains("khac,xa\tactive"))
    }

    @Test("serve --host 0.0.0.0 is refused while no account exists, and says how to add one")
    func networkNeedsAccounts() throws {
        let dir = try root(); defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try Run(["serve", "--root", dir, "--host", "0.0.0.0", "--port", "1"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("Chưa có tài khoản nào") && r.stderr.contains("lichphat user add"))
    }
}
