public import Foundation

/// The one way LichPhat writes a whole file: never half written, whatever stops it (a full disk,
/// a kill, a power cut). The bytes go to a hidden temporary file beside the target, are flushed
/// to the disk, then renamed over the target (``write(_:to:)``) or linked to a name that must
/// not exist yet (``create(_:at:)``); on any failure the temporary file is removed.
public enum AtomicFile {
    public struct Failure: Error, Sendable {
        /// The system's reason ("No space left on device").
        public var detail: String
        /// ``create(_:at:)`` found the name taken.
        public var exists: Bool
    }

    /// Replaces (or creates) `path` with `data`.
    public static func write(_ data: Data, to path: String) throws(Failure) {
        let tmp = try temporary(data, beside: path)
        guard rename(tmp, path) == 0 else {
            let e = errno
            unlink(tmp)
            throw Failure(detail: String(cString: strerror(e)), exists: false)
        }
    }

    /// Creates `path` with `data`, never over an existing file.
    public static func create(_ data: Data, at path: String) throws(Failure) {
        let tmp = try temporary(data, beside: path)
        defer { unlink(tmp) }
        guard link(tmp, path) == 0 else {
            let e = errno
            throw Failure(detail: String(cString: strerror(e)), exists: e == EEXIST)
        }
    }

    /// `data` in a new hidden file in `path`'s folder, on the disk.
    static func temporary(_ data: Data, beside path: String) throws(Failure) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        let tmp = (folder.isEmpty ? "." : folder) + "/." + (path as NSString).lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure(detail: String(cString: strerror(errno)), exists: false) }
        var failure: Int32 = 0
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; failure = errno; return }
                offset += n
            }
        }
        if failure == 0, fsync(fd) != 0 { failure = errno }
        if close(fd) != 0, failure == 0 { failure = errno }
        if failure != 0 {
            unlink(tmp)
            throw Failure(detail: String(cString: strerror(failure)), exists: false)
        }
        return tmp
    }
}
