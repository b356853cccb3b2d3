import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TestSupport

/// `lichphat serve` as an office runs it: whatever ends the HTTP worker, the server answers again.
@Suite("lichphat serve: a supervised worker")
struct ServeSupervisorTests {
    func get(_ url: String) -> Int? {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var status: Int?
        var request = URLRequest(url: URL(string: url)!)
        request.timeoutInterval = 2
        URLSession.shared.dataTask(with: request) { _, response, _ in
            status = (response as? HTTPURLResponse)?.statusCode
            done.signal()
        }.resume()
        done.wait()
        return status
    }

    func waitFor(_ url: String, seconds: Double) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if get(url) == 200 { return true }
            usleep(100_000)
        }
        return false
    }

    /// Processes whose parent is `pid` (from /proc/N/stat: "N (name) S PPID …").
    func children(of pid: Int32) -> [Int32] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { name -> Int32? in
            guard let n = Int32(name), let stat = try? String(contentsOfFile: "/proc/\(n)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return nil }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 1 && Int32(fields[1]) == pid && fields[0] != "Z" ? n : nil
        }
    }

    @Test("kill -9 of the worker: answered again within 2 s, the fault in .lichphat/crash.log, one line for the operator; SIGTERM ends both")
    func restart() throws {
        let fx = StationFixture(); defer { fx.remove() }
        _ = fx.station()
        let port = Int.random(in: 20_000...60_000)
        let p = Process()
        p.executableURL = Run.program
        p.arguments = ["serve", "--root", fx.root + "/Schedules", "--port", "\(port)", "--no-cache"]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        defer { if p.isRunning { p.terminate() } }
        let url = "http://127.0.0.1:\(port)/api/stations"
        try #require(waitFor(url, seconds: 30), "the server did not start")
        let workers = children(of: p.processIdentifier)
        try #require(workers.count == 1)
        kill(workers[0], SIGKILL)
        let t0 = Date()
        #expect(waitFor(url, seconds: 10))
        #expect(Date().timeIntervalSince(t0) < 2.5)
        #expect(children(of: p.processIdentifier).first != workers[0])
        let log = try String(contentsOfFile: fx.root + "/Schedules/.lichphat/crash.log", encoding: .utf8)
        #expect(log.contains("worker ended (signal 9)"))
        p.terminate()
        p.waitUntilExit()
        let said = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(said.contains("đã được khởi động lại (lần 1)") && !said.contains("Thread 0"))
        #expect(children(of: p.processIdentifier).isEmpty)
        #expect(get(url) == nil)
    }

    @Test("kill -9 of the supervisor: its worker stops too, never holding the port alone")
    func orphan() throws {
        let fx = StationFixture(); defer { fx.remove() }
        _ = fx.station()
        let port = Int.random(in: 20_000...60_000)
        let p = Process()
        p.executableURL = Run.program
        p.arguments = ["serve", "--root", fx.root + "/Schedules", "--port", "\(port)", "--no-cache"]
        p.standardError = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let url = "http://127.0.0.1:\(port)/api/stations"
        try #require(waitFor(url, seconds: 30), "the server did not start")
        let workers = children(of: p.processIdentifier)
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        let end = Date().addingTimeInterval(5)
        while Date() < end, workers.contains(where: { kill($0, 0) == 0 }) { usleep(100_000) }
        #expect(!workers.contains { kill($0, 0) == 0 })
        #expect(get(url) == nil)
    }

    func sh(_ args: [String]) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        try? p.run(); p.waitUntilExit()
        return p.terminationStatus
    }

    @Test("A read-only root is served (without accounts, on this computer) with a note, instead of refusing to start", .enabled(if: getuid() == 0, "mounting a tmpfs needs root"))
    func readOnlyRoot() throws {
        let fx = StationFixture(); defer { fx.remove() }
        _ = fx.station()
        let mount = fx.root + "/ro"
        try FileManager.default.createDirectory(atPath: mount, withIntermediateDirectories: true)
        try #require(sh(["mount", "-t", "tmpfs", "-o", "size=20m", "tmpfs", mount]) == 0)
        defer { _ = sh(["umount", mount]) }
        #expect(sh(["cp", "-r", fx.root + "/Schedules", fx.root + "/Audio", mount + "/"]) == 0)
        try #require(sh(["mount", "-o", "remount,ro", mount]) == 0)
        let port = Int.random(in: 20_000...60_000)
        let p = Process()
        p.executableURL = Run.program
        p.arguments = ["serve", "--root", mount + "/Schedules", "--port", "\(port)", "--no-cache"]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        #expect(waitFor("http://127.0.0.1:\(port)/api/stations", seconds: 30))
        p.terminate(); p.waitUntilExit()
        let said = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(said.contains("chỉ đọc"), "\(said)")
    }

    @Test("--tls-cert and --tls-key serve HTTPS with Secure cookies and HSTS; one without the other is a usage error", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") && FileManager.default.isExecutableFile(atPath: "/usr/bin/curl")))
    func tls() throws {
        let fx = StationFixture(); defer { fx.remove() }
        _ = fx.station()
        let cert = fx.root + "/cert.pem", key = fx.root + "/key.pem"
        #expect(sh(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"]) == 0)
        #expect(try Run(["serve", "--root", fx.root + "/Schedules", "--tls-cert", cert]).status == 2)
        let port = Int.random(in: 20_000...60_000)
        let p = Process()
        p.executableURL = Run.program
        p.arguments = ["serve", "--root", fx.root + "/Schedules", "--port", "\(port)", "--no-cache", "--tls-cert", cert, "--tls-key", key]
        p.standardError = FileHandle.nullDevice
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        defer { p.terminate(); p.waitUntilExit() }
        var headers = ""
        let end = Date().addingTimeInterval(30)
        while Date() < end {
            let c = Process()
            c.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
            c.arguments = ["-s", "-D", "-", "-o", "/dev/null", "--cacert", cert, "https://127.0.0.1:\(port)/stations/xa-thu/weeks/2026-W48"]
            let pipe = Pipe()
            c.standardOutput = pipe
            try c.run(); c.waitUntilExit()
            headers = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            if c.terminationStatus == 0 { break }
            usleep(200_000)
        }
        #expect(headers.hasPrefix("HTTP/1.1 200"), "\(headers)")
        #expect(headers.lowercased().contains("strict-transport-security"))
        let cookies = headers.split(separator: "\r\n").filter { $0.lowercased().hasPrefix("set-cookie") }
        #expect(!cookies.isEmpty && cookies.allSatisfy { $0.contains("Secure") }, "\(cookies)")
    }

    func request(_ method: String, _ url: String, body: String? = nil) -> (Int?, String) {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var out: (Int?, String) = (nil, "")
        var r = URLRequest(url: URL(string: url)!)
        r.httpMethod = method
        r.timeoutInterval = 10
        if let body { r.httpBody = Data(body.utf8); r.setValue("application/json", forHTTPHeaderField: "Content-Type") }
        URLSession.shared.dataTask(with: r) { data, response, _ in
            out = ((response as? HTTPURLResponse)?.statusCode, String(decoding: data ?? Data(), as: UTF8.self))
            done.signal()
        }.resume()
        done.wait()
        return out
    }

    @Test("kill -9 of the worker in the middle of a render: no partial kit under the real names, and the restarted server says the render was interrupted")
    func killDuringRender() throws {
        let fx = StationFixture(audio: ["nhac-hieu.wav": 20, "nq57/a.wav": 20, "nq57/b.wav": 20, "cds/so-1.wav": 20, "tin/tin 1.wav": 20, "tin/tin 2.wav": 20])
        defer { fx.remove() }
        _ = fx.station()
        let port = Int.random(in: 20_000...60_000)
        let p = Process()
        p.executableURL = Run.program
        p.arguments = ["serve", "--root", fx.root + "/Schedules", "--port", "\(port)", "--no-cache"]
        p.standardError = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        var env = ProcessInfo.processInfo.environment
        env["LICHPHAT_NOW"] = "2026-11-01T09:00:00+07:00"
        p.environment = env
        try p.run()
        defer { p.terminate(); p.waitUntilExit() }
        let base = "http://127.0.0.1:\(port)/api/stations/xa-thu/weeks/2026-W48"
        try #require(waitFor("http://127.0.0.1:\(port)/api/stations", seconds: 30))
        #expect(request("POST", base + "/plan", body: #"{"allowShortfall": true}"#).0 == 200)
        let started = request("POST", base + "/render", body: #"{"format": "wav"}"#)
        #expect(started.0 == 202)
        let workers = children(of: p.processIdentifier)
        try #require(workers.count == 1)
        kill(workers[0], SIGKILL)
        #expect(waitFor("http://127.0.0.1:\(port)/api/stations", seconds: 10))
        let kit = fx.week + "/render"
        if FileManager.default.fileExists(atPath: kit) {
            // Finished before the kill: then it is whole.
            let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: kit + "/render.json"))) as? [String: Any]
            let files = (doc?["files"] as? [[String: Any]] ?? []).compactMap { $0["file"] as? String }
            #expect(!files.isEmpty && files.allSatisfy { FileManager.default.fileExists(atPath: kit + "/" + $0) })
        } else {
            let job = request("GET", base + "/render")
            #expect(job.0 == 200 && job.1.contains("gián đoạn"), "\(job)")
        }
    }

    @Test("kill -9 of the worker in the middle of an upload: no part of the file in the library, the spool cleared by the restarted server")
    func killDuringUpload() throws {
        let fx = StationFixture(); defer { fx.remove() }
        _ = fx.station()
        let port = Int.random(in: 20_000...60_000)
        let p = Process()
        p.executableURL = Run.program
        p.arguments = ["serve", "--root", fx.root + "/Schedules", "--port", "\(port)", "--no-cache"]
        p.standardError = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        defer { p.terminate(); p.waitUntilExit() }
        try #require(waitFor("http://127.0.0.1:\(port)/api/stations", seconds: 30))
        let library = try FileManager.default.subpathsOfDirectory(atPath: fx.root + "/Audio").sorted()

        // Half of a 4 MB upload, sent by hand, then the worker is killed while it waits for the rest.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        try #require(connected == 0)
        let head = "--B\r\nContent-Disposition: form-data; name=\"folder\"\r\n\r\ntin\r\n--B\r\nContent-Disposition: form-data; name=\"files\"; filename=\"nửa.wav\"\r\nContent-Type: audio/wav\r\n\r\n"
        let total = head.utf8.count + 4_000_000 + "\r\n--B--\r\n".utf8.count
        let request = "POST /api/stations/xa-thu/library HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=B\r\nContent-Length: \(total)\r\n\r\n" + head
        let half = [UInt8](request.utf8) + [UInt8](repeating: 0x41, count: 2_000_000)
        var sent = 0
        while sent < half.count {
            let n = half[sent...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            try #require(n > 0)
            sent += n
        }
        // The part is being spooled: wait until its bytes are on disk.
        let spool = fx.root + "/Schedules/.lichphat/spool"
        func spooled() -> [String] { (try? FileManager.default.contentsOfDirectory(atPath: spool)) ?? [] }
        let end = Date().addingTimeInterval(10)
        while spooled().isEmpty && Date() < end { usleep(50_000) }
        #expect(!spooled().isEmpty, "the upload was not being spooled")
        let workers = children(of: p.processIdentifier)
        try #require(workers.count == 1)
        kill(workers[0], SIGKILL)
        #expect(waitFor("http://127.0.0.1:\(port)/api/stations", seconds: 10))
        #expect(spooled().isEmpty, "left in the spool: \(spooled())")
        #expect(try FileManager.default.subpathsOfDirectory(atPath: fx.root + "/Audio").sorted() == library)
    }
}
