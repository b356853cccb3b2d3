import Foundation
import LichPhatCore

/// Where a trap is still possible, the operator sees one line saying what happened and what to
/// do, not a backtrace full of the build machine's paths. Exit code 70 (internal error).
enum CrashReport {
    nonisolated(unsafe) private static var line: [UInt8] = []

    static let exitCode: Int32 = 70

    static func install(lang: Language) {
        let text = lang == .vi
            ? "lichphat gặp lỗi nội bộ và phải dừng. Không tệp nào bị ghi dở (tuần và báo cáo được ghi trọn hoặc không ghi). Hãy gửi lệnh vừa chạy và tệp đầu vào cho người phụ trách LichPhat để sửa.\n"
            : "lichphat hit an internal error and had to stop. No file was left half-written (weeks and reports are written whole or not at all). Please send the command you ran and its input files to whoever looks after LichPhat.\n"
        line = Array(text.utf8)
        for sig in [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT] {
            signal(sig) { _ in
                CrashReport.line.withUnsafeBufferPointer { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
                _exit(CrashReport.exitCode)
            }
        }
    }
}
