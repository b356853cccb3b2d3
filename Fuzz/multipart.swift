// libFuzzer target: the multipart/form-data reader (Sources/LichPhatWeb/MultipartForm.swift) on any bytes.
// The whole input is read as a Content-Type (boundary) and as a Content-Disposition (parameters). Byte 0 picks a
// boundary and the limits, byte 1 seeds the piece sizes; the rest is a body, read whole and in pieces: both must
// give the same events (adjacent body chunks joined) or the same error, in order (begin, chunks, end), with no
// chunk empty or longer than its piece plus what may be held back. If the input's first line is a Content-Type
// with a valid boundary, the rest is read with that boundary too.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMultipart(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let all = UnsafeRawBufferPointer(start: data, count: size)
    let text = String(decoding: all, as: UTF8.self)
    if let boundary = try? MultipartForm.boundary(contentType: text) {
        precondition(MultipartForm.isValidBoundary(boundary), "an extracted boundary is valid")
        precondition((try? MultipartStreamParser(boundary: boundary)) != nil, "a parser takes an extracted boundary")
    }
    _ = MultipartForm.parameter("name", in: text)
    _ = MultipartForm.parameter("filename", in: text)
    guard size >= 2 else { return 0 }

    let boundaries = ["X", "AaB03x", "--", "----WebKitFormBoundary7MA4YWxkTrZu0gW", "a b", "=?'()+_,-./:"]
    let choice = Int(all[0]), seed = all[1]
    let body = UnsafeRawBufferPointer(rebasing: all[2...])
    let maxParts = choice & 0x80 != 0 ? 3 : 1000
    let maxHeaderBytes = choice & 0x40 != 0 ? 40 : 16 * 1024
    let ascii = choice & 0x20 != 0
    compare(body, boundary: boundaries[choice % boundaries.count], seed: seed,
            maxHeaderBytes: maxHeaderBytes, maxParts: maxParts, ascii: ascii)

    // "Content-Type line \n body": the boundary comes from the input itself.
    if let newline = all.prefix(200).firstIndex(of: 10),
       let boundary = try? MultipartForm.boundary(contentType: String(decoding: all[..<newline], as: UTF8.self)) {
        compare(UnsafeRawBufferPointer(rebasing: all[(newline + 1)...]), boundary: boundary, seed: seed,
                maxHeaderBytes: 16 * 1024, maxParts: 1000, ascii: false)
    }
    return 0
}

private struct Outcome: Equatable {
    var events: [MultipartEvent] = []
    var error: MultipartError?
}

private func compare(_ body: UnsafeRawBufferPointer, boundary: String, seed: UInt8,
                     maxHeaderBytes: Int, maxParts: Int, ascii: Bool) {
    let whole = run(body, boundary: boundary, pieces: [body.count], maxHeaderBytes: maxHeaderBytes, maxParts: maxParts, ascii: ascii)
    var pieces: [Int] = []
    var state = UInt32(seed) &* 2654435761 &+ 1
    var left = body.count
    while left > 0 {
        state = state &* 1664525 &+ 1013904223
        // Mostly tiny pieces (every split of a delimiter), sometimes empty or large ones.
        let n: Int
        switch state >> 29 {
        case 0: n = 0
        case 1: n = Int(state >> 16) % 4096
        default: n = Int(state >> 24) % 8 + 1
        }
        pieces.append(min(n, left))
        left -= min(n, left)
    }
    let split = run(body, boundary: boundary, pieces: pieces, maxHeaderBytes: maxHeaderBytes, maxParts: maxParts, ascii: ascii)
    precondition(whole == split, "the same events whole and in pieces")
    let bytewise = run(body, boundary: boundary, pieces: Array(repeating: 1, count: body.count),
                       maxHeaderBytes: maxHeaderBytes, maxParts: maxParts, ascii: ascii)
    precondition(whole == bytewise, "the same events whole and a byte at a time")
}

private func run(_ body: UnsafeRawBufferPointer, boundary: String, pieces: [Int],
                 maxHeaderBytes: Int, maxParts: Int, ascii: Bool) -> Outcome {
    var outcome = Outcome()
    guard var parser = try? MultipartStreamParser(boundary: boundary, maxHeaderBytes: maxHeaderBytes,
                                                  maxParts: maxParts, asciiHeadersOnly: ascii) else {
        preconditionFailure("the fuzz boundaries are valid")
    }
    var inPart = false
    var parts = 0
    var i = 0
    do throws(MultipartError) {
        for n in pieces {
            let end = min(body.count, i + n)
            let events = try parser.feed(UnsafeRawBufferPointer(rebasing: body[i..<end]))
            for event in events {
                switch event {
                case .partBegin(let headers):
                    precondition(!inPart, "a part begins after the previous one ended")
                    precondition(headers.allSatisfy { $0.name == $0.name.lowercased() && !$0.name.isEmpty }, "header names lowercase")
                    inPart = true
                    parts += 1
                case .bodyChunk(let chunk):
                    precondition(inPart, "a body chunk is inside a part")
                    precondition(!chunk.isEmpty, "no empty chunk")
                    precondition(chunk.count <= end - i + parser.maxHeldBack, "a chunk is at most its piece and what was held back")
                    if case .bodyChunk(let last)? = outcome.events.last {
                        outcome.events[outcome.events.count - 1] = .bodyChunk(last + chunk)
                        continue
                    }
                case .partEnd:
                    precondition(inPart, "a part ends after it began")
                    inPart = false
                }
                outcome.events.append(event)
            }
            i = end
        }
        try parser.finish()
        precondition(!inPart, "no part is open after the closing boundary")
    } catch {
        // The events of the pieces before the error are dropped: a body read whole gives none.
        outcome = Outcome(events: [], error: error)
    }
    precondition(parts <= maxParts, "at most maxParts parts")
    return outcome
}
