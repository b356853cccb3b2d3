import Foundation

/// Runs the built program and captures what it prints.
public struct Run {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    public static let program: URL = {
        var dirs = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        if let exe = Bundle.main.executableURL { dirs.append(exe.deletingLastPathComponent()) }
        for d in dirs {
            for candidate in [d, d.deletingLastPathComponent()] {
                let p = candidate.appendingPathComponent("lichphat")
                if FileManager.default.isExecutableFile(atPath: p.path) { return p }
            }
        }
        fatalError("lichphat not built next to the tests")
    }()

    public init(_ args: [String], cwd: String? = nil, input: String? = nil, environment: [String: String] = [:]) throws {
        let p = Process()
        p.executableURL = Self.program
        p.arguments = args
        if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        var env = ProcessInfo.processInfo.environment
        // The demo weeks (2026-W47, W48) are still to come on this clock, whatever today's date.
        if env["LICHPHAT_NOW"] == nil { env["LICHPHAT_NOW"] = "2026-11-01T09:00:00+07:00" }
        env["XDG_CACHE_HOME"] = NSTemporaryDirectory() + "lichphat-cli-cache-" + UUID().uuidString
        env.merge(environment) { _, given in given }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        let stdin = Pipe()
        p.standardInput = input == nil ? FileHandle.nullDevice : stdin
        try p.run()
        if let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try stdin.fileHandleForWriting.close()
        }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        status = p.terminationStatus
        stdout = String(decoding: o, as: UTF8.self)
        stderr = String(decoding: e, as: UTF8.self)
    }
}
