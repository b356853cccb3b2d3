import Foundation
import LichPhatCore

/// `lichphat serve` keeps the office's server up whatever a request does: the HTTP server runs
/// in a child process (this same program, told by `LICHPHAT_SERVE_WORKER`), and when the child
/// dies of a fault it is started again at once. The fault's last words (Swift's backtrace) go to
/// `<root>/.lichphat/crash.log` for whoever maintains LichPhat; the operator sees one line. A
/// stop asked for (Ctrl-C, SIGTERM) is passed to the child and ends both; a usage error (a port
/// in use) ends both too.
enum Supervisor {
    static let workerVariable = "LICHPHAT_SERVE_WORKER"
    static var isWorker: Bool { ProcessInfo.processInfo.environment[workerVariable] == "1" }

    /// The last lines the child wrote to standard error.
    final class Tail: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        private var partial = Data()
        func take(_ data: Data) {
            lock.withLock { takeLocked(data) }
        }
        private func takeLocked(_ data: Data) {
            partial.append(data)
            while let nl = partial.firstIndex(of: 0x0A) {
                lines.append(String(decoding: partial[partial.startIndex..<nl], as: UTF8.self))
                partial.removeSubrange(partial.startIndex...nl)
                if lines.count > 400 { lines.removeFirst(lines.count - 400) }
            }
        }
        func text() -> String { lock.withLock { lines.joined(separator: "\n") } }
        func clear() { lock.withLock { lines = [] } }
    }

    final class State: @unchecked Sendable {
        private let lock = NSLock()
        private var _stopping = false
        private var _child: Process?
        var stopping: Bool { lock.withLock { _stopping } }
        func stop() -> Process? { lock.withLock { _stopping = true; return _child } }
        func started(_ p: Process) { lock.withLock { _child = p } }
    }

    /// Runs the worker until a stop is asked for; returns the exit code to end with.
    static func run(root: String, lang: LichPhatCore.Language) async -> Int32 {
        let state = State()
        let tail = Tail()
        var sources: [any DispatchSourceSignal] = []
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                let child = state.stop()
                if let child, child.isRunning { kill(child.processIdentifier, sig) }
            }
            source.resume()
            sources.append(source)
        }
        defer { sources.forEach { $0.cancel() } }
        var restarts = 0
        while true {
            let child = Process()
            // This very program, even after an upgrade replaced its file.
            child.executableURL = URL(fileURLWithPath: "/proc/self/exe")
            child.arguments = Array(CommandLine.arguments.dropFirst())
            var env = ProcessInfo.processInfo.environment
            env[workerVariable] = "1"
            // The worker's fault prints Swift's backtrace (to the log, not to the operator).
            // Quick (no symbol lookup: a debug binary's took minutes, the office would wait that long).
            env["SWIFT_BACKTRACE"] = "enable=yes,interactive=no,color=no,symbolicate=off,registers=none,images=none,sanitize=yes,output-to=stderr,threads=crashed"
            child.environment = env
            let errors = Pipe()
            child.standardError = errors
            tail.clear()
            let quiet = Quiet()
            errors.fileHandleForReading.readabilityHandler = { handle in
                let data = handle.availableData
                guard !data.isEmpty else { handle.readabilityHandler = nil; return }
                tail.take(data)
                // What the server says for people (its notes) still reaches the terminal; from the
                // first line of a backtrace on, nothing more does (it goes to crash.log).
                if isBacktrace(data) { quiet.set() }
                if !quiet.isSet { FileHandle.standardError.write(data) }
            }
            let exited: (reason: Process.TerminationReason, status: Int32) = await withCheckedContinuation { done in
                child.terminationHandler = { p in done.resume(returning: (p.terminationReason, p.terminationStatus)) }
                do {
                    try child.run()
                    state.started(child)
                } catch {
                    child.terminationHandler = nil
                    done.resume(returning: (.exit, 127))
                }
            }
            errors.fileHandleForReading.readabilityHandler = nil
            // Whatever is still in the pipe.
            tail.take(errors.fileHandleForReading.readDataToEndOfFile())
            let stopping = state.stopping
            // 127: the worker could not be started at all; starting it again would not help.
            let crashed = exited.reason == .uncaughtSignal || exited.status == 70 || (exited.status >= 128 && exited.status != 127)
            if stopping || !crashed { return exited.reason == .uncaughtSignal ? 0 : exited.status }
            restarts += 1
            let log = record(root: root, exited: exited, tail: tail.text(), restarts: restarts)
            FileHandle.standardError.write(Data(((lang == .vi
                ? "Máy chủ gặp lỗi và đã được khởi động lại (lần \(restarts)); chi tiết cho người phụ trách: \(log)."
                : "The server hit a fault and was started again (time \(restarts)); details for whoever maintains it: \(log).") + "\n").utf8))
            // Quick at first; a worker that keeps dying is started again more slowly.
            try? await Task.sleep(for: .milliseconds(restarts > 5 ? min(30_000, 1000 * (restarts - 5)) : 200))
            if state.stopping { return 0 }   // a stop asked for during the pause
        }
    }

    static func isBacktrace(_ data: Data) -> Bool {
        let text = String(decoding: data.prefix(4096), as: UTF8.self)
        return ["*** Signal", "Backtracing", "*** Program crashed", "💣", "Fatal error", "Crash at", "crashed:"].contains { text.contains($0) }
    }

    final class Quiet: @unchecked Sendable {
        private let lock = NSLock()
        private var on = false
        func set() { lock.withLock { on = true } }
        var isSet: Bool { lock.withLock { on } }
    }

    /// Appends the fault to `<root>/.lichphat/crash.log`; returns where it went.
    static func record(root: String, exited: (reason: Process.TerminationReason, status: Int32), tail: String, restarts: Int) -> String {
        let folder = (root as NSString).appendingPathComponent(".lichphat")
        let path = folder + "/crash.log"
        let how = exited.reason == .uncaughtSignal ? "signal \(exited.status)" : "exit \(exited.status)"
        let entry = "=== \(ISO8601DateFormatter().string(from: Date())) worker ended (\(how)); restart \(restarts)\n\(tail)\n\n"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: path) { FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) }
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(entry.utf8))
            return path
        } catch {
            FileHandle.standardError.write(Data(entry.utf8))
            return "stderr"
        }
    }
}
