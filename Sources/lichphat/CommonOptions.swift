import ArgumentParser
import Foundation
import LichPhatCore

/// `--lang`, shared by every command.
struct LanguageOption: ParsableArguments {
    @Option(help: "Language of messages: vi or en.")
    var lang: Language = .vi
}

/// `--cache` / `--no-cache`, for the commands that read audio.
struct CatalogOptions: ParsableArguments {
    @Option(help: "The scan catalog that remembers results (default: ~/.cache/lichphat/catalog.sqlite).")
    var cache: String?

    @Flag(help: "Neither read nor write the scan catalog.")
    var noCache = false

    func validate() throws {
        if noCache && cache != nil { throw Usage.error(Usage.requestedLanguage, "--cache và --no-cache không dùng cùng nhau.", "--cache and --no-cache cannot be used together.") }
    }
}

/// Usage errors in the operator's language. ArgumentParser's own messages (a missing argument,
/// an unknown option) are English; ``Usage/message(for:)`` words the common ones in Vietnamese.
enum Usage {
    static func error(_ lang: Language, _ vi: String, _ en: String) -> ValidationError {
        ValidationError(lang == .vi ? vi : en)
    }

    /// `--week` must be a week like 2026-W48 or a date like 2026-11-25.
    static func checkWeek(_ week: String?, _ lang: Language) throws {
        if let week, ISOWeek(week) == nil {
            throw error(lang, "--week “\(week)” không phải tuần dạng 2026-W48 hay ngày dạng 2026-11-25.", "--week “\(week)” is neither a week like 2026-W48 nor a date like 2026-11-25.")
        }
    }

    /// `--lang` as written on the command line, before (or without) parsing succeeding.
    static var requestedLanguage: Language {
        let args = CommandLine.arguments
        for (i, a) in args.enumerated() {
            if a == "--lang", i + 1 < args.count, let l = Language(rawValue: args[i + 1]) { return l }
            if a.hasPrefix("--lang="), let l = Language(rawValue: String(a.dropFirst(7))) { return l }
        }
        return .vi
    }

    /// ArgumentParser's message for `error`, reworded in Vietnamese where it is one of its usual ones.
    static func message(for error: any Error, lang: Language) -> String {
        let english = LichPhat.message(for: error)
        guard lang == .vi else { return english }
        let text = english.replacingOccurrences(of: " Did you mean ", with: " Có phải ý bạn là ")
        let patterns: [(String, String)] = [
            ("Missing expected argument ", "Thiếu tham số bắt buộc "),
            ("Unknown option ", "Không có tuỳ chọn "),
            ("Missing value for ", "Thiếu giá trị cho "),
            ("Unexpected argument ", "Tham số thừa "),
            ("Unexpected arguments ", "Các tham số thừa "),
            ("Unknown command", "Không có lệnh này"),
            ("Missing subcommand", "Thiếu tên lệnh (scan, check, plan, approve, amend, audit, render, serve, user, speak)"),
        ]
        for (en, vi) in patterns where text.hasPrefix(en) { return vi + text.dropFirst(en.count) }
        if text.hasPrefix("The value "), let r = text.range(of: " is invalid for ") {
            return "Giá trị " + text[text.index(text.startIndex, offsetBy: 10)..<r.lowerBound] + " không hợp lệ cho " + text[r.upperBound...]
        }
        return text
    }
}
