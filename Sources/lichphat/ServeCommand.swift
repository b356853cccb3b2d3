import ArgumentParser
import Foundation
import Hummingbird
import LichPhatAudio
import LichPhatCore
import LichPhatWeb
import LichPhatWorkspace

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Mở ứng dụng web cho văn phòng xã. / Serve the web app for the commune office.",
        discussion: """
        Serves every station file in --root with its audio, weeks and play logs: the overview, the \
        audio library (play, search), the week's schedule (plan, approve) and a JSON API described \
        at /openapi.json. Binds this computer only (127.0.0.1) by default; open the address it prints. \
        Once accounts exist (lichphat user add), every page and API call needs a login and --host \
        0.0.0.0 opens it to the office network. Ctrl-C stops it after the requests in progress.

        Example:
          lichphat serve --root Schedules --port 8080
        """
    )

    @Option(help: "The folder of station files (default: Schedules).")
    var root: String = "Schedules"

    @Option(name: .customLong("library"), help: "A folder the stations' audio may be in (repeat for several; default: the folder that holds --root). A station whose audio: points elsewhere is refused.")
    var libraries: [String] = []

    @Option(help: "A TLS certificate (PEM, with its chain), with --tls-key: serve HTTPS, cookies Secure. Use it whenever --host opens the server beyond this computer.")
    var tlsCert: String?

    @Option(help: "The TLS certificate's private key (PEM).")
    var tlsKey: String?

    @Option(help: "The address to listen on (default: 127.0.0.1, this computer only).")
    var host: String = "127.0.0.1"

    @Option(help: "The port (default: 8080).")
    var port: Int = 8080

    @OptionGroup var language: LanguageOption
    var lang: Language { language.lang }

    @OptionGroup var catalogOptions: CatalogOptions

    func validate() throws {
        guard (1...65_535).contains(port) else {
            throw Usage.error(lang, "--port phải từ 1 đến 65535.", "--port must be between 1 and 65535.")
        }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDir), isDir.boolValue else {
            throw Usage.error(lang, "Không có thư mục “\(root)” (--root: thư mục chứa các tệp trạm).", "No folder “\(root)” (--root: the folder of station files).")
        }
        if (tlsCert == nil) != (tlsKey == nil) {
            throw Usage.error(lang, "--tls-cert và --tls-key phải đi cùng nhau.", "--tls-cert and --tls-key go together.")
        }
        for f in [tlsCert, tlsKey].compactMap({ $0 }) where !FileManager.default.isReadableFile(atPath: f) {
            throw Usage.error(lang, "Không đọc được tệp “\(f)” (--tls-cert/--tls-key).", "Cannot read “\(f)” (--tls-cert/--tls-key).")
        }
        // Without an account nobody logs in, so the app is never opened to the office network.
        let loopback = ["127.0.0.1", "localhost", "::1"].contains(host)
        if !loopback, (try? AccountStore(root: root))?.isEmpty ?? true {
            throw Usage.error(lang,
                "Chưa có tài khoản nào, nên không mở ứng dụng ra mạng (--host \(host)): ai trong mạng cũng có thể duyệt lịch. Thêm tài khoản trước (lichphat user add TÊN --role leader --root \(root)), hoặc dùng --host 127.0.0.1 trên máy này.",
                "No account exists yet, so the app is not opened to the network (--host \(host)): anyone on it could approve weeks. Add an account first (lichphat user add NAME --role leader --root \(root)), or use --host 127.0.0.1 on this computer.")
        }
    }

    func run() async throws {
        // The supervisor: the server itself runs in a child it starts again after a fault.
        if !Supervisor.isWorker, ProcessInfo.processInfo.environment["LICHPHAT_SERVE_SINGLE"] != "1" {
            let code = await Supervisor.run(root: root, lang: lang)
            throw ExitCode(code)
        }
        // A worker whose supervisor is gone (killed with -9) stops too, rather than hold the port alone.
        if Supervisor.isWorker {
            let parent = getppid()
            Thread.detachNewThread {
                while getppid() == parent { usleep(300_000) }
                Foundation.exit(0)
            }
        }
        // One catalog, open for the server's lifetime.
        var workspace = Workspace.commandLine(lang: lang, cache: catalogOptions.cache, noCache: catalogOptions.noCache)
        let (catalog, note) = workspace.openCatalog()
        if let note { Console.error(WorkspaceMessages.catalog(note, lang)) }
        workspace.catalog = catalog.map { .shared($0) } ?? .none
        var accounts: AccountStore?
        do throws(WorkspaceError) { accounts = try AccountStore(root: root) } catch {
            // A read-only root (a CD, a mounted archive): served read-only to this computer, without accounts.
            // Only a root that cannot be written at all, with no accounts in it: an accounts file
            // that is there but does not open (busy, damaged, another owner) never means "no login".
            guard case .cannotWrite = error, ["127.0.0.1", "localhost", "::1"].contains(host), access(root, W_OK) != 0,
                  !FileManager.default.fileExists(atPath: AccountStore.path(root: root)) else { throw workspace.exit(error) }
            Console.error(lang == .vi
                ? "Không ghi được vào “\(root)” (chỉ đọc?): mở không có tài khoản, chỉ trên máy này; lập lịch và tải tệp sẽ báo lỗi ghi."
                : "Cannot write into “\(root)” (read-only?): served without accounts, on this computer only; planning and uploads will report they cannot write.")
            accounts = nil
        }
        if !libraries.isEmpty { workspace.libraryRoots = libraries.map { URL(fileURLWithPath: $0).standardizedFileURL.path } }
        var site = Site(root: root, workspace: workspace, accounts: accounts)
        site.tls = tlsCert != nil
        let app: any ApplicationProtocol
        do {
            app = try WebServer.buildApplication(site: site, host: host, port: port, tls: tlsCert.flatMap { c in tlsKey.map { (c, $0) } })
        } catch {
            Console.error(lang == .vi ? "Không dùng được chứng chỉ TLS (--tls-cert/--tls-key): \(error). Cần tệp PEM của chứng chỉ và khoá riêng của nó."
                                      : "Cannot use the TLS certificate (--tls-cert/--tls-key): \(error). PEM files of the certificate and its private key are needed.")
            throw ExitCode(Exit.usage)
        }
        let loopback = ["127.0.0.1", "localhost", "::1"].contains(host)
        if !loopback, tlsCert == nil {
            Console.error(lang == .vi ? "Lưu ý: máy chủ mở ra mạng mà không có TLS: mật khẩu và phiên đăng nhập đi qua mạng không mã hoá. Dùng --tls-cert và --tls-key (xem README)."
                                      : "Note: the server is open to the network without TLS: passwords and sessions cross it unencrypted. Use --tls-cert and --tls-key (see the README).")
        }
        let shown = host.contains(":") ? "[\(host)]" : host
        let scheme = tlsCert == nil ? "http" : "https"
        let ready = lang == .vi ? "LichPhat đang chạy: mở \(scheme)://\(shown):\(port)/ trong trình duyệt. Nhấn Ctrl-C để dừng."
                                : "LichPhat is running: open \(scheme)://\(shown):\(port)/ in a browser. Press Ctrl-C to stop."
        FileHandle.standardOutput.write(Data((ready + "\n").utf8))
        if accounts?.isEmpty ?? true {
            Console.error(lang == .vi ? "Chưa có tài khoản: không cần đăng nhập, chỉ mở trên máy này. Thêm tài khoản bằng lichphat user add."
                                      : "No accounts: no login is asked, and only this computer is served. Add accounts with lichphat user add.")
        }
        do {
            try await app.runService()
        } catch {
            Console.error(lang == .vi ? "Không mở được cổng \(port) trên \(host): \(error). Cổng đã có chương trình khác dùng? Thử --port khác."
                                      : "Cannot listen on \(host):\(port): \(error). Is another program using the port? Try another --port.")
            throw ExitCode(Exit.usage)
        }
    }
}
