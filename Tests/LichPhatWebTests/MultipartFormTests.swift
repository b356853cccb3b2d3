import XCTest
@testable import LichPhatWeb

/// The multipart/form-data reader that replaced MultipartKit, which trapped (and took the server down)
/// on an empty boundary and on a byte ≥ 0x80 in a part header.
final class MultipartFormTests: XCTestCase {
    private func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    /// The events of `body` fed in `pieces` (the rest in one piece), adjacent body chunks joined, after `finish()`.
    private func events(_ body: [UInt8], boundary: String, pieces: [Int] = [],
                        maxHeaderBytes: Int = 16 * 1024, maxParts: Int = 1000,
                        asciiHeadersOnly: Bool = false) throws -> [MultipartEvent] {
        var parser = try MultipartStreamParser(boundary: boundary, maxHeaderBytes: maxHeaderBytes,
                                               maxParts: maxParts, asciiHeadersOnly: asciiHeadersOnly)
        var found: [MultipartEvent] = []
        var i = 0
        for n in pieces + [body.count] {
            let end = min(body.count, i + n)
            for event in try parser.feed(body[i..<end]) {
                if case .bodyChunk(let chunk) = event, case .bodyChunk(let last)? = found.last {
                    found[found.count - 1] = .bodyChunk(last + chunk)
                } else {
                    found.append(event)
                }
            }
            i = end
        }
        try parser.finish()
        return found
    }

    private func error(_ body: [UInt8], boundary: String = "X", maxHeaderBytes: Int = 16 * 1024, maxParts: Int = 1000,
                       asciiHeadersOnly: Bool = false) -> MultipartError? {
        do {
            _ = try events(body, boundary: boundary, maxHeaderBytes: maxHeaderBytes, maxParts: maxParts,
                           asciiHeadersOnly: asciiHeadersOnly)
            return nil
        } catch {
            return error as? MultipartError
        }
    }

    // A file's bytes with CR, LF, "--", a near-boundary and a byte ≥ 0x80, none of them a delimiter.
    private let fileBytes: [UInt8] = [0, 1, 13, 10, 45, 45, 13, 10, 45, 45, 88, 0xFF, 13, 13, 10, 13, 10, 45]
        + Array("\r\n--AaB03".utf8) + [13]

    private var form: [UInt8] {
        bytes("--AaB03x\r\nContent-Disposition: form-data; name=\"folder\"\r\n\r\nTin tức\r\n"
              + "--AaB03x\r\nContent-Disposition: form-data; name=\"files\"; filename=\"Bản tin.mp3\"\r\n"
              + "Content-Type:  application/octet-stream \r\n\r\n")
            + fileBytes + bytes("\r\n--AaB03x--\r\n")
    }

    private var expected: [MultipartEvent] {
        [.partBegin(headers: [(name: "content-disposition", value: "form-data; name=\"folder\"")]),
         .bodyChunk(bytes("Tin tức")), .partEnd,
         .partBegin(headers: [(name: "content-disposition", value: "form-data; name=\"files\"; filename=\"Bản tin.mp3\""),
                              (name: "content-type", value: "application/octet-stream")]),
         .bodyChunk(fileBytes), .partEnd]
    }

    func testTextFieldAndBinaryFile() throws {
        let found = try events(form, boundary: "AaB03x")
        XCTAssertEqual(found, expected)
        guard case .partBegin(let headers)? = found.dropFirst(3).first,
              let disposition = MultipartForm.header("content-disposition", in: headers) else {
            return XCTFail("no second part")
        }
        XCTAssertEqual(MultipartForm.parameter("name", in: disposition), "files")
        XCTAssertEqual(MultipartForm.parameter("filename", in: disposition), "Bản tin.mp3")
    }

    func testPreambleTransportPaddingAndEpilogue() throws {
        let body = bytes("a preamble\r\n--X \t \r\nA: b\r\n\r\nv\r\n--X--  \r\nan epilogue\r\n--X\r\n\u{0}\u{FF}")
        XCTAssertEqual(try events(body, boundary: "X"),
                       [.partBegin(headers: [(name: "a", value: "b")]), .bodyChunk(bytes("v")), .partEnd])
        // A part with no headers and no body; a form with no parts.
        XCTAssertEqual(try events(bytes("--X\r\n\r\n\r\n--X--"), boundary: "X"), [.partBegin(headers: []), .partEnd])
        XCTAssertEqual(try events(bytes("--X--"), boundary: "X"), [])
    }

    func testEverySplitPositionGivesTheSameEvents() throws {
        let form = form
        for a in 0...form.count {
            XCTAssertEqual(try events(form, boundary: "AaB03x", pieces: [a]), expected, "split at \(a)")
            for b in a...form.count {
                let found = try events(form, boundary: "AaB03x", pieces: [a, b - a])
                if found != expected { return XCTFail("split at \(a) and \(b)") }
            }
        }
        XCTAssertEqual(try events(form, boundary: "AaB03x", pieces: Array(repeating: 1, count: form.count)), expected)
    }

    func testBadBoundariesAreRefused() {
        func boundary(_ contentType: String) -> MultipartError? {
            do { _ = try MultipartForm.boundary(contentType: contentType); return nil } catch { return error }
        }
        XCTAssertEqual(boundary("multipart/form-data; boundary="), .badBoundary)
        XCTAssertEqual(boundary("multipart/form-data; boundary=\"\""), .badBoundary)
        XCTAssertEqual(boundary("multipart/form-data; boundary=" + String(repeating: "a", count: 71)), .badBoundary)
        XCTAssertEqual(boundary("multipart/form-data"), .badBoundary)
        XCTAssertEqual(boundary("multipart/form-data; boundary=a; boundary=b"), .badBoundary)
        XCTAssertEqual(boundary("multipart/form-data; boundary=\"ends with space \""), .badBoundary)
        XCTAssertEqual(boundary("multipart/form-data; boundary=sáng"), .badBoundary)
        XCTAssertEqual(boundary("multipart/mixed; boundary=abc"), .notMultipart)
        XCTAssertEqual(boundary(""), .notMultipart)
        XCTAssertEqual(try MultipartForm.boundary(contentType: "multipart/form-data; boundary=" + String(repeating: "a", count: 70)),
                       String(repeating: "a", count: 70))
        XCTAssertEqual(try MultipartForm.boundary(contentType: "Multipart/Form-Data; charset=utf-8; BOUNDARY=\"a b'()+_,-./:=?\""),
                       "a b'()+_,-./:=?")
        XCTAssertEqual(try MultipartForm.boundary(contentType: "multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW"),
                       "----WebKitFormBoundary7MA4YWxkTrZu0gW")
        XCTAssertThrowsError(try MultipartStreamParser(boundary: "")) { XCTAssertEqual($0 as? MultipartError, .badBoundary) }
    }

    func testHeaderBytesAreCheckedNotTrapped() throws {
        // MultipartKit 4.7.1 indexed a 128-entry table with this 0xC3 and trapped.
        XCTAssertEqual(error(bytes("--X\r\n") + [0xC3, 0x8A] + bytes("h\u{17}--X--\r\n")), .badHeaderByte(0xC3))
        XCTAssertEqual(error(bytes("--X\r\nA: ") + [0xC3] + bytes("\r\n\r\n\r\n--X--")), .headerNotUTF8)
        XCTAssertEqual(error(bytes("--X\r\nA: b\u{1}\r\n\r\n\r\n--X--")), .badHeaderByte(1))
        XCTAssertEqual(error(bytes("--X\r\nA b: c\r\n\r\n\r\n--X--")), .badHeaderByte(0x20))
        XCTAssertNotNil(error(bytes("--X\r\nno colon\r\n\r\n\r\n--X--")))
        XCTAssertNotNil(error(bytes("--X\r\nA: b\rc\r\n\r\n\r\n--X--")))
        // Browsers send a file name as raw UTF-8: kept, unless only ASCII is allowed.
        let vietnamese = bytes("--X\r\nContent-Disposition: form-data; name=\"f\"; filename=\"Bản tin sáng.mp3\"\r\n\r\n\r\n--X--")
        XCTAssertEqual(try events(vietnamese, boundary: "X"),
                       [.partBegin(headers: [(name: "content-disposition", value: "form-data; name=\"f\"; filename=\"Bản tin sáng.mp3\"")]),
                        .partEnd])
        XCTAssertEqual(error(vietnamese, asciiHeadersOnly: true), .badHeaderByte(0xE1))
    }

    func testBoundaryStructureIsChecked() {
        XCTAssertNotNil(error(bytes("--X\r\n\r\nab\r\n--Xy\r\n\r\n\r\n--X--")), "text after a boundary")
        XCTAssertNotNil(error(bytes("--X\r\n\r\nab\r\n--X-\r\n")), "a single dash")
        XCTAssertNotNil(error(bytes("--X\nA: b\r\n\r\n\r\n--X--")), "LF without CR")
    }

    func testMissingClosingDelimiterIsAnErrorAtFinish() throws {
        var parser = try MultipartStreamParser(boundary: "X")
        XCTAssertEqual(try parser.feed(bytes("--X\r\n\r\nabc\r\n--X")), [.partBegin(headers: []), .bodyChunk(bytes("abc")), .partEnd])
        XCTAssertThrowsError(try parser.finish()) { XCTAssertEqual($0 as? MultipartError, .unterminated) }
        XCTAssertEqual(error(bytes("--X\r\n\r\nabc")), .unterminated)
        XCTAssertEqual(error(bytes("--X\r\n\r\nabc\r\n--X-")), .unterminated)
        XCTAssertEqual(error([]), .unterminated)
    }

    func testTooManyParts() throws {
        let three = bytes("--X\r\n\r\na\r\n--X\r\n\r\nb\r\n--X\r\n\r\nc\r\n--X--")
        XCTAssertEqual(error(three, maxParts: 2), .tooManyParts(limit: 2))
        XCTAssertEqual(try events(three, boundary: "X", maxParts: 3).count, 9)
    }

    func testHeaderTooLarge() throws {
        // "A: " + 100 bytes + CRLF, then the empty line: 107 bytes.
        let body = bytes("--X\r\nA: " + String(repeating: "v", count: 100) + "\r\n\r\nz\r\n--X--")
        XCTAssertEqual(error(body, maxHeaderBytes: 106), .headerTooLarge(limit: 106))
        XCTAssertNil(error(body, maxHeaderBytes: 107))
        // A header line that never ends is refused at the limit, and the parser stays failed.
        var parser = try MultipartStreamParser(boundary: "X", maxHeaderBytes: 1000)
        _ = try parser.feed(bytes("--X\r\nA: "))
        XCTAssertThrowsError(try parser.feed([UInt8](repeating: 0x61, count: 2000))) {
            XCTAssertEqual($0 as? MultipartError, .headerTooLarge(limit: 1000))
        }
        XCTAssertThrowsError(try parser.feed(bytes("\r\n\r\n"))) { XCTAssertEqual($0 as? MultipartError, .headerTooLarge(limit: 1000)) }
    }

    func testQuotedParameters() {
        let disposition = "form-data; name=\"files\"; filename=\"a;b \\\"c\\\".mp3\""
        XCTAssertEqual(MultipartForm.parameter("filename", in: disposition), "a;b \"c\".mp3")
        XCTAssertEqual(MultipartForm.parameter("name", in: disposition), "files")
        XCTAssertEqual(MultipartForm.parameter("name", in: "form-data; filename=\"name=x; name=y\"; name=z"), "z")
        XCTAssertEqual(MultipartForm.parameter("NAME", in: "form-data; Name = token ; x"), "token")
        XCTAssertEqual(MultipartForm.parameter("name", in: "form-data; name=\"\""), "")
        XCTAssertEqual(MultipartForm.parameter("name", in: "form-data; name=\"never closed"), "never closed")
        XCTAssertNil(MultipartForm.parameter("filename", in: "form-data; name=a; filename*=UTF-8''x.mp3"))
        XCTAssertNil(MultipartForm.parameter("name", in: "form-data"))
    }

    /// A large part comes out in chunks no larger than the piece fed plus the few bytes held back in case
    /// they begin a delimiter: it is never held whole.
    func testLargePartStreams() throws {
        let boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW"
        let head = bytes("--\(boundary)\r\nContent-Disposition: form-data; name=\"files\"; filename=\"x.wav\"\r\n\r\n")
        var file = [UInt8](repeating: 0, count: 5 * 1024 * 1024)
        var seed: UInt64 = 57
        for i in file.indices {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            file[i] = UInt8(truncatingIfNeeded: seed >> 56)
        }
        // The start of a delimiter across every other 64 KB edge: held back at the end of one piece, it is
        // released with the next, which holds nothing back at its own end.
        let almost = bytes("\r\n--" + boundary.dropLast() + "Z")
        for edge in stride(from: 65536, to: file.count, by: 2 * 65536) {
            let at = edge - head.count - 10
            file.replaceSubrange(at..<(at + almost.count), with: almost)
        }
        let body = head + file + bytes("\r\n--\(boundary)--\r\n")
        var parser = try MultipartStreamParser(boundary: boundary)
        var received: [UInt8] = []
        var largest = 0, chunks = 0
        var i = 0
        while i < body.count {
            let end = min(body.count, i + 65536)
            for case .bodyChunk(let chunk) in try parser.feed(body[i..<end]) {
                largest = max(largest, chunk.count)
                chunks += 1
                received += chunk
            }
            i = end
        }
        try parser.finish()
        XCTAssertEqual(received, file)
        XCTAssertGreaterThan(chunks, 70)
        XCTAssertEqual(parser.maxHeldBack, boundary.utf8.count + 3)
        XCTAssertGreaterThan(largest, 65536, "held-back bytes were released into the next chunk")
        XCTAssertLessThanOrEqual(largest, 65536 + boundary.utf8.count + 3)
    }
}
