import Foundation
import Synchronization

/// A one-line progress bar on standard error, redrawn at most ten times a second.
/// Shown only when standard error is a terminal.
final class ProgressBar: Sendable {
    private let label: String
    private let state = Mutex<(last: UInt64, shown: Bool)>((0, false))

    init(label: String) { self.label = label }

    func update(_ done: Int, _ total: Int) {
        let now = DispatchTime.now().uptimeNanoseconds
        state.withLock { s in
            guard done == total || now - s.last > 100_000_000 else { return }
            s.last = now
            s.shown = true
            let width = 30
            let filled = total > 0 ? width * done / total : width
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            let text = "\r\(label) \(bar) \(done)/\(total)"
            FileHandle.standardError.write(Data(text.utf8))
        }
    }

    /// Clears the line, so what follows starts clean.
    func finish() {
        state.withLock { s in
            if s.shown { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
        }
    }
}
