import Foundation
public import LichPhatCore
import LichPhatText

/// Renders a ``ScanReport`` as JSON (for programs), CSV (for Excel) or a table (for people).
public enum ScanOutput {
    // MARK: JSON

    /// The document described by `schemas/scan.schema.json`.
    public static func json(_ report: ScanReport, lang: Language) -> String {
        let files: [JSONValue] = report.files.map { file($0, lang: lang) }
        let s = report.summary
        let summary: JSONValue = .object([
            ("files", .int(s.files)), ("ok", .int(s.ok)), ("errors", .int(s.errors)),
            ("warnings", .int(s.warnings)), ("skipped", .int(s.skipped)),
            ("duration", .number(s.duration, digits: 3)),
            ("problems", .object(s.problems.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })),
        ])
        return JSONValue.object([
            ("root", .string(report.roots.count == 1 ? report.roots[0] : report.roots.joined(separator: " "))),
            ("roots", .array(report.roots.map { .string($0) })),
            ("mode", .string(report.quick ? "quick" : "full")),
            ("files", .array(files)),
            ("summary", summary),
        ]).rendered()
    }

    /// One file of the report, as in `files` of the scan JSON (also the API's answer to an upload).
    public static func file(_ f: ScanReport.File, path: String? = nil, lang: Language) -> JSONValue {
        let x = f.facts
        return .object([
            ("path", .string(path ?? f.path)),
            ("format", .string(x.container)),
            ("encoding", .string(x.encoding)),
            ("sampleRate", .int(x.sampleRate)),
            ("channels", .int(x.channels)),
            ("frames", .int(x.frames)),
            ("duration", .number(x.duration, digits: 3)),
            ("declaredDuration", .number(x.declaredDuration, digits: 3)),
            ("size", .int(x.size)),
            ("bitrate", .int(x.bitrate)),
            ("loudness", .object([
                ("integrated", .number(x.loudness?.integrated, digits: 2)),
                ("range", .number(x.loudness?.range, digits: 2)),
                ("truePeak", .number(x.loudness?.truePeak, digits: 2)),
            ])),
            ("silence", .object([
                ("head", .number(x.silence?.head, digits: 2)),
                ("tail", .number(x.silence?.tail, digits: 2)),
                ("longest", .number(x.silence?.longest, digits: 2)),
            ])),
            ("clippedRuns", .int(x.clippedRuns)),
            ("gain", f.gain.map { .number($0.gain, digits: 1) } ?? .null),
            ("problems", .array(f.problems.map { p in
                .object([("code", .string(p.code)), ("severity", .string(p.severity.rawValue)),
                         ("message", .string(Messages.text(p, lang)))])
            })),
        ])
    }

    // MARK: CSV

    /// UTF-8 with a byte-order mark and CRLF line ends, so Excel opens Vietnamese text correctly.
    public static func csv(_ report: ScanReport, lang: Language) -> String {
        let header = lang == .vi
            ? ["Tệp", "Định dạng", "Mã hoá", "Tần số lấy mẫu (Hz)", "Số kênh", "Độ dài (giây)", "Dung lượng (byte)",
               "Bitrate (kbps)", "Độ to (LUFS)", "Dải độ to (LU)", "Đỉnh thực (dBTP)", "Lặng đầu (giây)",
               "Lặng cuối (giây)", "Lặng dài nhất (giây)", "Mức", "Mã vấn đề", "Vấn đề"]
            : ["File", "Format", "Encoding", "Sample rate (Hz)", "Channels", "Duration (s)", "Size (bytes)",
               "Bitrate (kbps)", "Loudness (LUFS)", "Loudness range (LU)", "True peak (dBTP)", "Head silence (s)",
               "Tail silence (s)", "Longest silence (s)", "Severity", "Problem codes", "Problems"]
        var rows = [header]
        for f in report.files {
            let x = f.facts
            func n(_ v: Double?, _ d: Int) -> String { v.map { formatted($0, d) } ?? "" }
            rows.append([
                f.path, x.container ?? "", x.encoding ?? "", x.sampleRate.map(String.init) ?? "",
                x.channels.map(String.init) ?? "", n(x.duration, 3), String(x.size),
                x.bitrate.map { formatted(Double($0) / 1000, 1) } ?? "",
                n(x.loudness?.integrated, 2), n(x.loudness?.range, 2), n(x.loudness?.truePeak, 2),
                n(x.silence?.head, 2), n(x.silence?.tail, 2), n(x.silence?.longest, 2),
                severityName(f.worst, lang),
                f.problems.map(\.code).joined(separator: " "),
                f.problems.map { Messages.text($0, lang) }.joined(separator: " | "),
            ])
        }
        return CSV.document(rows)
    }

    // MARK: Table

    /// A plain-text table with the problems under each file and a summary in words.
    public static func table(_ report: ScanReport, lang: Language) -> String {
        let vi = lang == .vi
        let header = vi ? ["Tệp", "Độ dài", "Định dạng", "LUFS", "dBTP", "Kết quả"]
                        : ["File", "Length", "Format", "LUFS", "dBTP", "Result"]
        var rows: [[String]] = []
        var notes: [Int: [String]] = [:]
        for f in report.files {
            let x = f.facts
            let format = [x.container, x.sampleRate.map { "\($0 / 1000 == 0 ? $0 : $0 / 1000)\($0 >= 1000 ? "k" : "")" },
                          x.channels.map { $0 == 1 ? "mono" : ($0 == 2 ? "stereo" : "\($0)ch") }]
                .compactMap { $0 }.joined(separator: " ")
            rows.append([
                f.path,
                x.duration.map(Messages.clock) ?? "–",
                format,
                x.loudness?.integrated.map { Messages.number($0, lang) } ?? "–",
                x.loudness?.truePeak.map { Messages.number($0, lang) } ?? "–",
                severityName(f.worst, lang),
            ])
            if !f.problems.isEmpty {
                notes[rows.count - 1] = f.problems.map { "  \($0.severity == .error ? "✗" : "!") [\($0.code)] \(Messages.text($0, lang))" }
            }
        }
        var out = TextTable.render(header: header, rows: rows, notes: notes)
        let s = report.summary
        let total = Messages.clock(s.duration)
        if vi {
            out += "\n\(s.files) tệp âm thanh, tổng thời lượng \(total): \(s.ok) đạt, \(s.warnings) cần xem lại, \(s.errors) có lỗi"
            if s.skipped > 0 { out += "; bỏ qua \(s.skipped) tệp không phải âm thanh" }
            if report.quick { out += " (quét nhanh: chưa đo độ to, khoảng lặng)" }
        } else {
            out += "\n\(s.files) audio files, \(total) in all: \(s.ok) ok, \(s.warnings) with warnings, \(s.errors) with errors"
            if s.skipped > 0 { out += "; \(s.skipped) non-audio files skipped" }
            if report.quick { out += " (quick scan: loudness and silence not measured)" }
        }
        return out + ".\n"
    }

    static func severityName(_ s: Severity?, _ lang: Language) -> String {
        switch (s, lang) {
        case (nil, .vi): "đạt"
        case (nil, .en): "ok"
        case (.warning?, .vi): "cảnh báo"
        case (.warning?, .en): "warning"
        case (.error?, .vi): "lỗi"
        case (.error?, .en): "error"
        }
    }

    static func formatted(_ v: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let r = (v * scale).rounded() / scale
        var s = "\(r)"
        if s.hasSuffix(".0") { s.removeLast(2) }
        return s
    }
}
