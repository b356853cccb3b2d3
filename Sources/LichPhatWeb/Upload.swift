import Foundation
import Hummingbird
import MultipartKit

/// A `multipart/form-data` upload: the target folder and the files, read with MultipartKit.
struct Upload: Sendable {
    struct File: Sendable { var name: String; var bytes: [UInt8] }
    var folder = ""
    /// The form's token (``FormToken``); scripts posting to the API send none.
    var csrf: String?
    /// Every other field (the report page's `station`, the API's `period`, `from`, `to`).
    var fields: [String: String] = [:]
    /// The form field each file came in (`files`, `asrun`).
    var fileFields: [String] = []
    var files: [File] = []

    /// Uploads larger than this are refused (413) unless the site sets another limit
    /// (`serve --max-upload`): a commune programme is a few MB, an hour of 48 kHz stereo WAV 660 MB.
    static let limit = 200 * 1024 * 1024

    /// Play logs are text: a year of a busy station's log is a few MB.
    static let logLimit = 64 * 1024 * 1024

    static func read(_ request: Request, context: some RequestContext, limit: Int = Upload.limit) async throws -> Upload {
        guard let type = request.headers[.contentType], type.lowercased().hasPrefix("multipart/form-data"),
              let boundary = parameter("boundary", in: type) else {
            throw HTTPError(.unsupportedMediaType, message: "multipart/form-data expected")
        }
        let body: ByteBuffer
        do { body = try await request.body.collect(upTo: limit) } catch {
            throw HTTPError(.contentTooLarge, message: "the upload is larger than \(limit / 1024 / 1024) MB")
        }
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
                if !filename.isEmpty || !data.isEmpty {
                    upload.files.append(File(name: filename, bytes: data))
                    upload.fileFields.append(field ?? "")
                }
            } else if field == "folder" {
                upload.folder = String(decoding: data, as: UTF8.self)
            } else if field == "csrf" {
                upload.csrf = String(decoding: data, as: UTF8.self)
            } else if let field {
                upload.fields[field] = String(decoding: data, as: UTF8.self)
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
