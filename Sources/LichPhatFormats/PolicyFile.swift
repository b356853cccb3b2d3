public import Foundation
public import LichPhatCore
import Yams

/// A problem in a configuration file, with where it is and what to do.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String

    /// `message` may quote what the file says (an id, a key, a value): control characters in it
    /// are shown as U+XXXX, so no message carries an escape sequence or a NUL to a terminal.
    public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = YAMLProblem.visible(message)
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        return "\(place): \(message)"
    }
}

/// Reads policy overrides: a YAML mapping of ``AudioPolicy`` keys, or `key=value` pairs.
public enum PolicyFile {
    /// Applies the mapping `node` (a station file's `policy:` or a policy file) to `policy`.
    static func apply(_ node: Node, to policy: inout AudioPolicy, file: String, lang: Language) throws(ConfigError) {
        guard let mapping = node.mapping else {
            if node.scalar?.string.isEmpty == true || node.null != nil { return }
            throw ConfigError(file: file, line: node.mark.map { $0.line }, column: node.mark.map { $0.column },
                              message: lang == .vi ? "“policy” phải là một bảng khoá: giá trị." : "“policy” must be a mapping of key: value.")
        }
        for (key, value) in mapping {
            let name = key.string ?? ""
            guard let text = value.scalar?.string else {
                throw ConfigError(file: file, line: value.mark.map { $0.line }, column: value.mark.map { $0.column },
                                  message: lang == .vi ? "Giá trị của “\(name)” phải là một số." : "The value of “\(name)” must be a number.")
            }
            do { try policy.set(name, to: text) } catch {
                throw ConfigError(file: file, line: key.mark.map { $0.line }, column: key.mark.map { $0.column },
                                  message: describe(error, lang))
            }
        }
    }

    /// Reads a policy file.
    public static func load(path: String, into policy: inout AudioPolicy, lang: Language) throws(ConfigError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, message: lang == .vi ? "Không đọc được tệp." : "Cannot read the file.")
        }
        let text = TextInput.text([UInt8](data))
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch {
            let (line, column, message) = YAMLProblem.describe(error, text: text, lang: lang)
            throw ConfigError(file: path, line: line, column: column, message: message)
        }
        guard let node else { return }
        try apply(node, to: &policy, file: path, lang: lang)
    }

    /// Applies `key=value` from the command line.
    public static func set(_ assignment: String, in policy: inout AudioPolicy, lang: Language) throws(ConfigError) {
        let parts = assignment.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2 else {
            throw ConfigError(file: "--set", message: lang == .vi ? "Cần dạng khoá=giá trị, ví dụ loudness_target=-18." : "Expected key=value, for example loudness_target=-18.")
        }
        do { try policy.set(parts[0].trimmingCharacters(in: .whitespaces), to: parts[1]) } catch {
            throw ConfigError(file: "--set", message: describe(error, lang))
        }
    }

    static func describe(_ error: AudioPolicy.SetError, _ lang: Language) -> String {
        switch error {
        case let .unknownKey(key, suggestion):
            let hint = suggestion.map { lang == .vi ? " Có phải ý bạn là “\($0)”?" : " Did you mean “\($0)”?" } ?? ""
            let known = AudioPolicy.keys.joined(separator: ", ")
            return lang == .vi
                ? "Khoá chính sách không hợp lệ “\(key)”.\(hint) Các khoá hợp lệ: \(known)."
                : "Unknown policy key “\(key)”.\(hint) Valid keys: \(known)."
        case let .badValue(key, value):
            return lang == .vi
                ? "Giá trị “\(value)” của “\(key)” không hợp lệ: cần một số (ví dụ -16, 90s, 30m)."
                : "“\(value)” is not a valid value for “\(key)”: expected a number (for example -16, 90s, 30m)."
        }
    }
}
