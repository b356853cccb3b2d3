import Foundation
import Hummingbird
import MultipartKit

/// A `multipart/form-data` upload: the target folder and the files, read with MultipartKit.
struct Upload: Sendable {
    struct File: Sendable { var name: String; var bytes: [UInt8] }
    var folder = ""
    /// The form's token (``FormToken``); scripts posting to the API send none.
    var csrf: String?
    var files: [File] = []

    /// Uploads larger than this are refused (413): a day of 48 kHz stereo WAV is 16 GB, a
    /// commune programme a few MB.
    static let limit = 512 * 1024 * 1024

    static func read(_ request: Request, context: some RequestContext) async throws -> Upload {
        guard let type = request.headers[.contentType], type.lowercased().hasPrefix("multipart/form-data"),
              let boundary = parameter("boundary", in: type) else {
            throw HTTPError(.unsupportedMediaType, message: "multipart/form-data expected")
        }
        let body = try await request.body.collect(upTo: limit)
        var upload = Upload()
        var headers: [(String, String)] = []
        var data: [UInt8] = []
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in headers.append((name.lowercased(), value)) }
        parser.onBody = { chunk in data += chunk.readableBytesView }
        parser.onPartComplete = {
            let disposition = headers.first { $0.0 == "content-disposition" }?.1 ?? ""
            let field = parameter("name", in: disposition)
            if let filename = parameter("filename", in: disposition) {
                if !filename.isEmpty || !data.isEmpty { upload.files.append(File(name: filename, bytes: data)) }
            } else if field == "folder" {
                upload.folder = String(decoding: data, as: UTF8.self)
            } else if field == "csrf" {
                upload.csrf = String(decoding: data, as: UTF8.self)
            }
            headers = []
            data = []
        }
        do { try parser.execute(body) } catch { throw HTTPError(.badRequest, message: "malformed multipart body") }
        return upload
    }

    /// `boundary=…`, `name="…"` or `filename="…"` out of a header value.
    static func parameter(_ key: String, in value: String) -> String? {
        for piece in value.split(separator: ";") {
            let pair = piece.trimmingCharacters(in: .whitespaces)
            guard pair.lowercased().hasPrefix(key + "=") else { continue }
            var v = String(pair.dropFirst(key.count + 1))
            if v.hasPrefix("\""), v.hasSuffix("\""), v.count >= 2 { v = String(v.dropFirst().dropLast()) }
            return v
        }
        return nil
    }
}
