import Foundation

// A `multipart/form-data` reader (RFC 7578 over RFC 2046) that cannot trap on any bytes: the boundary
// out of a Content-Type, then the body fed in pieces of any size, read as events. A file part streams
// through as chunks; the reader holds back at most the delimiter less one byte (the boundary + 3) that
// might begin `CRLF--boundary`. It uses no force-unwraps and no arithmetic that can overflow, and this
// file stands alone (Foundation only) so that scripts/libfuzz.sh compiles it with Fuzz/multipart.swift.

/// Why a `multipart/form-data` request or body was refused.
enum MultipartError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The Content-Type is not `multipart/form-data`.
    case notMultipart
    /// The boundary parameter is missing, given twice, empty, longer than 70 characters, has a character
    /// outside RFC 2046's set, or ends with a space.
    case badBoundary
    /// A byte a part header may not hold at that place: a control character (other than a tab in a value),
    /// anything but a token character in a header name, or (when only ASCII is allowed) a byte ≥ 0x80.
    case badHeaderByte(UInt8)
    /// A part header value's bytes ≥ 0x80 are not well-formed UTF-8.
    case headerNotUTF8
    /// A part's header section is longer than the limit (bytes).
    case headerTooLarge(limit: Int)
    /// The body has more parts than the limit.
    case tooManyParts(limit: Int)
    /// The body's structure is wrong; the reason says where.
    case malformed(String)
    /// The body ended before the closing delimiter `--boundary--`.
    case unterminated

    var description: String {
        switch self {
        case .notMultipart: "multipart/form-data expected"
        case .badBoundary: "the multipart boundary is missing or not valid"
        case .badHeaderByte(let byte): "a part header holds a byte not allowed there (0x\(String(byte, radix: 16, uppercase: true)))"
        case .headerNotUTF8: "a part header is not valid UTF-8"
        case .headerTooLarge(let limit): "a part's headers are longer than \(limit) bytes"
        case .tooManyParts(let limit): "the form has more than \(limit) parts"
        case .malformed(let reason): "malformed multipart body: \(reason)"
        case .unterminated: "the multipart body ends before its closing boundary"
        }
    }
}

/// What the reader found, in order: for every part one `partBegin`, its body in zero or more chunks, one `partEnd`.
enum MultipartEvent: Sendable, Equatable, CustomStringConvertible {
    /// A part's headers in their order, names lowercased, values without surrounding spaces and tabs.
    case partBegin(headers: [(name: String, value: String)])
    /// The next bytes of the current part's body; never empty.
    case bodyChunk([UInt8])
    case partEnd

    static func == (a: MultipartEvent, b: MultipartEvent) -> Bool {
        switch (a, b) {
        case let (.partBegin(x), .partBegin(y)):
            x.count == y.count && zip(x, y).allSatisfy { $0.name == $1.name && $0.value == $1.value }
        case let (.bodyChunk(x), .bodyChunk(y)): x == y
        case (.partEnd, .partEnd): true
        default: false
        }
    }

    var description: String {
        switch self {
        case .partBegin(let headers): "partBegin(\(headers.map { "\($0.name): \($0.value)" }))"
        case .bodyChunk(let bytes): "bodyChunk(\(bytes.count) bytes)"
        case .partEnd: "partEnd"
        }
    }
}

/// The boundary out of a Content-Type, and parameters out of header values.
enum MultipartForm {
    /// RFC 2046: a boundary is 1 to 70 characters.
    static let maxBoundaryLength = 70

    /// The boundary of a `multipart/form-data` Content-Type value (unquoted or quoted, `\` escapes undone).
    /// Throws `.notMultipart` for another media type and `.badBoundary` when the parameter is missing,
    /// given more than once, or not a valid RFC 2046 boundary.
    static func boundary(contentType: String) throws(MultipartError) -> String {
        let bytes = Array(contentType.utf8)
        var end = 0
        while end < bytes.count, bytes[end] != UInt8(ascii: ";") { end += 1 }
        let type = String(decoding: trimmed(bytes[0..<end]), as: UTF8.self)
        guard type.lowercased() == "multipart/form-data" else { throw MultipartError.notMultipart }
        let found = parameters(in: contentType).filter { $0.name == "boundary" }
        guard found.count == 1, let value = found.first?.value, isValidBoundary(value) else {
            throw MultipartError.badBoundary
        }
        return value
    }

    /// RFC 2046 `boundary := 0*69<bchars> bcharsnospace`: digits, ASCII letters, `'()+_,-./:=?` and space, not last.
    static func isValidBoundary(_ boundary: String) -> Bool {
        let bytes = Array(boundary.utf8)
        guard (1...maxBoundaryLength).contains(bytes.count), bytes.last != UInt8(ascii: " ") else { return false }
        return bytes.allSatisfy(isBoundaryByte)
    }

    private static func isBoundaryByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
            true
        default:
            Array("'()+_,-./:=? ".utf8).contains(b)
        }
    }

    /// The value of parameter `key` (ASCII case-insensitive, exact name: `filename` is not `filename*`)
    /// in a header value such as `form-data; name="files"; filename="a;b \"c\".mp3"`; `nil` if absent.
    /// A quoted value ends at the first unescaped `"` (an unterminated one at the end of the text) and has
    /// its `\` escapes undone; an unquoted one ends at `;` and is trimmed. A parameter without `=` is
    /// skipped. The first occurrence wins.
    static func parameter(_ key: String, in headerValue: String) -> String? {
        let key = key.lowercased()
        for p in parameters(in: headerValue) where p.name == key { return p.value }
        return nil
    }

    /// Every `name=value` parameter after the first `;` (names lowercased), in order.
    static func parameters(in headerValue: String) -> [(name: String, value: String)] {
        let b = Array(headerValue.utf8)
        let n = b.count
        let semicolon = UInt8(ascii: ";"), equals = UInt8(ascii: "="), quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        var found: [(name: String, value: String)] = []
        var i = 0
        // The media type or disposition type (`form-data`) comes first; it holds no quotes.
        while i < n, b[i] != semicolon { i += 1 }
        while i < n {
            while i < n, b[i] == semicolon || isSpace(b[i]) { i += 1 }
            let nameStart = i
            while i < n, b[i] != equals, b[i] != semicolon { i += 1 }
            let name = String(decoding: trimmed(b[nameStart..<i]), as: UTF8.self).lowercased()
            guard i < n, b[i] == equals else { continue }   // a parameter without a value: skipped
            i += 1
            while i < n, isSpace(b[i]) { i += 1 }
            var value: [UInt8] = []
            if i < n, b[i] == quote {
                i += 1
                while i < n {
                    let c = b[i]
                    if c == quote { i += 1; break }
                    if c == backslash, i + 1 < n { value.append(b[i + 1]); i += 2; continue }
                    value.append(c); i += 1
                }
                while i < n, b[i] != semicolon { i += 1 }   // anything after the closing quote is ignored
            } else {
                let start = i
                while i < n, b[i] != semicolon { i += 1 }
                value = Array(trimmed(b[start..<i]))
            }
            // The bytes come from a String and are split only at ASCII bytes, so they stay valid UTF-8
            // (an escape takes a lead byte; its continuation bytes follow it in order).
            if !name.isEmpty { found.append((name: name, value: String(decoding: value, as: UTF8.self))) }
        }
        return found
    }

    /// The first header named `name` (lowercase) among a part's headers.
    static func header(_ name: String, in headers: [(name: String, value: String)]) -> String? {
        headers.first { $0.name == name }?.value
    }

    static func isSpace(_ b: UInt8) -> Bool { b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") }

    static func trimmed(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var s = s
        while let f = s.first, isSpace(f) { s = s.dropFirst() }
        while let l = s.last, isSpace(l) { s = s.dropLast() }
        return s
    }
}

/// Reads a `multipart/form-data` body fed in pieces of any size (a delimiter may be split anywhere).
///
///     var parser = try MultipartStreamParser(boundary: MultipartForm.boundary(contentType: type))
///     for piece in body { for event in try parser.feed(piece) { … } }
///     try parser.finish()
///
/// A preamble before the first boundary line and an epilogue after `--boundary--` are ignored; spaces and
/// tabs may follow a boundary line. Header lines end with CRLF (no folding); a header name is an RFC 7230
/// token; a value may hold tabs, printable ASCII and, unless `asciiHeadersOnly`, well-formed UTF-8 (browsers
/// send a file name such as `Bản tin sáng.mp3` as raw UTF-8). After an error every call throws it again.
struct MultipartStreamParser {
    let boundary: String
    let maxHeaderBytes: Int
    let maxParts: Int
    let asciiHeadersOnly: Bool
    /// Parts begun so far.
    private(set) var partCount = 0

    private enum State {
        case preamble, afterBoundary, closeDash, padding, boundaryLF
        case headerName, headerValue, headerLF
        case body, epilogue
    }

    /// `CR LF - - boundary`.
    private let delimiter: [UInt8]
    /// KMP failure function of `delimiter`: `failure[k]` is the length of the longest proper prefix of
    /// `delimiter[0...k]` that is also its suffix.
    private let failure: [Int]
    private var state = State.preamble
    /// How many bytes of `delimiter` the stream's last bytes match (held back in the body). The body starts
    /// as if after a CRLF so that a boundary line at the very start is found.
    private var matched = 2
    private var failed: MultipartError?
    private var headerBytes = 0
    private var line: [UInt8] = []
    /// Where the current header line's ':' is, once read.
    private var colon: Int?
    private var headers: [(name: String, value: String)] = []

    /// The most body bytes held back between `feed` calls: a delimiter but its last byte.
    var maxHeldBack: Int { delimiter.count - 1 }

    /// Throws `.badBoundary` unless `boundary` is a valid RFC 2046 boundary (see `MultipartForm.isValidBoundary`).
    init(boundary: String, maxHeaderBytes: Int = 16 * 1024, maxParts: Int = 1000,
         asciiHeadersOnly: Bool = false) throws(MultipartError) {
        guard MultipartForm.isValidBoundary(boundary) else { throw MultipartError.badBoundary }
        self.boundary = boundary
        self.maxHeaderBytes = max(0, maxHeaderBytes)
        self.maxParts = max(0, maxParts)
        self.asciiHeadersOnly = asciiHeadersOnly
        let d = [13, 10, UInt8(ascii: "-"), UInt8(ascii: "-")] + Array(boundary.utf8)
        var f = [Int](repeating: 0, count: d.count)
        var k = 0
        for q in d.indices.dropFirst() {
            while k > 0, d[k] != d[q] { k = f[k - 1] }
            if d[k] == d[q] { k += 1 }
            f[q] = k
        }
        delimiter = d
        failure = f
    }

    /// Reads the next bytes of the body; returns the events they complete.
    mutating func feed(_ bytes: UnsafeRawBufferPointer) throws(MultipartError) -> [MultipartEvent] {
        if let failed { throw failed }
        var events: [MultipartEvent] = []
        if let error = consume(bytes, into: &events) {
            failed = error
            throw error
        }
        return events
    }

    /// Reads the next bytes of the body; returns the events they complete.
    mutating func feed(_ bytes: some Collection<UInt8>) throws(MultipartError) -> [MultipartEvent] {
        let result: Result<[MultipartEvent], MultipartError>? = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(MultipartError) in try self.feed(UnsafeRawBufferPointer(buffer)) }
        }
        if let result { return try result.get() }
        return try feed(Array(bytes))
    }

    /// Says the body has ended: throws `.unterminated` unless the closing delimiter was read.
    mutating func finish() throws(MultipartError) {
        if let failed { throw failed }
        guard case .epilogue = state else {
            failed = .unterminated
            throw MultipartError.unterminated
        }
    }

    // MARK: The machine

    private mutating func consume(_ p: UnsafeRawBufferPointer, into events: inout [MultipartEvent]) -> MultipartError? {
        let n = p.count
        var i = 0
        var body: [UInt8] = []
        while i < n {
            switch state {
            case .epilogue:
                i = n   // ignored
            case .preamble, .body:
                let inBody: Bool
                if case .body = state { inBody = true } else { inBody = false }
                while i < n {
                    if matched == 0 {
                        // Nothing held back: everything before the next CR is plain body (or preamble).
                        let next = nextCR(p, from: i)
                        if inBody, next > i, let base = p.baseAddress {
                            body.append(contentsOf: UnsafeRawBufferPointer(start: base + i, count: next - i))
                        }
                        i = next
                        if i >= n { break }
                    }
                    let b = p[i]
                    i += 1
                    let before = matched
                    var m = before
                    while m > 0, delimiter[m] != b { m = failure[m - 1] }
                    if delimiter[m] == b { m += 1 }
                    matched = m
                    if inBody {
                        // The stream's last `before` bytes were delimiter[0..<before]; with `b` they are
                        // `before + 1` bytes, of which the last `m` are still held: the rest is body.
                        let released = before + 1 - m
                        if released <= before {
                            body.append(contentsOf: delimiter[0..<released])
                        } else {
                            body.append(contentsOf: delimiter[0..<before])
                            body.append(b)
                        }
                    }
                    if m == delimiter.count {
                        matched = 0
                        if inBody {
                            if !body.isEmpty { events.append(.bodyChunk(body)); body = [] }
                            events.append(.partEnd)
                        }
                        state = .afterBoundary
                        break
                    }
                }
            case .afterBoundary, .closeDash, .padding, .boundaryLF:
                let b = p[i]
                i += 1
                switch (state, b) {
                case (.afterBoundary, UInt8(ascii: "-")): state = .closeDash
                case (.closeDash, UInt8(ascii: "-")): state = .epilogue
                case (.afterBoundary, _) where MultipartForm.isSpace(b), (.padding, _) where MultipartForm.isSpace(b):
                    state = .padding
                case (.afterBoundary, 13), (.padding, 13): state = .boundaryLF
                case (.boundaryLF, 10):
                    guard partCount < maxParts else { return .tooManyParts(limit: maxParts) }
                    partCount += 1
                    headerBytes = 0
                    headers = []
                    line = []
                    colon = nil
                    state = .headerName
                case (.boundaryLF, _): return .malformed("a boundary line ends with CR but no LF")
                case (.closeDash, _): return .malformed("a boundary followed by a single '-'")
                default: return .malformed("text after a boundary on its line")
                }
            case .headerName, .headerValue, .headerLF:
                let b = p[i]
                i += 1
                guard headerBytes < maxHeaderBytes else { return .headerTooLarge(limit: maxHeaderBytes) }
                headerBytes += 1
                if let error = header(b, into: &events) { return error }
            }
        }
        if !body.isEmpty { events.append(.bodyChunk(body)) }
        return nil
    }

    /// The index of the next CR at or after `i`, or `p.count`.
    private func nextCR(_ p: UnsafeRawBufferPointer, from i: Int) -> Int {
        guard i < p.count, let base = p.baseAddress else { return p.count }
        guard let hit = memchr(base + i, 13, p.count - i) else { return p.count }
        return base.distance(to: UnsafeRawPointer(hit))
    }

    /// One byte of a part's header section.
    private mutating func header(_ b: UInt8, into events: inout [MultipartEvent]) -> MultipartError? {
        switch state {
        case .headerName:
            if b == 13 {
                state = .headerLF
            } else if b == UInt8(ascii: ":") {
                guard !line.isEmpty else { return .malformed("a part header with no name") }
                colon = line.count
                line.append(b)
                state = .headerValue
            } else if Self.isTokenByte(b) {
                line.append(b)
            } else {
                return .badHeaderByte(b)
            }
        case .headerValue:
            if b == 13 {
                state = .headerLF
            } else if b == 9 || (0x20...0x7E).contains(b) || (b >= 0x80 && !asciiHeadersOnly) {
                line.append(b)
            } else {
                return .badHeaderByte(b)
            }
        case .headerLF:
            guard b == 10 else { return .malformed("a part header line ends with CR but no LF") }
            if line.isEmpty {
                events.append(.partBegin(headers: headers))
                headers = []
                state = .body
                matched = 0
                return nil
            }
            guard let colon, colon < line.count else { return .malformed("a part header line with no ':'") }
            let name = String(decoding: line[0..<colon], as: UTF8.self).lowercased()
            let valueBytes = MultipartForm.trimmed(line[(colon + 1)...])
            guard let value = String(validating: valueBytes, as: UTF8.self) else { return .headerNotUTF8 }
            headers.append((name: name, value: value))
            line = []
            self.colon = nil
            state = .headerName
        default:
            break
        }
        return nil
    }

    /// RFC 7230 `tchar`: ``!#$%&'*+-.^_`|~``, digits and ASCII letters.
    private static func isTokenByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
            true
        default:
            Array("!#$%&'*+-.^_`|~".utf8).contains(b)
        }
    }
}
