import Foundation
import Hummingbird

/// A `multipart/form-data` upload: the target folder and the files.
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

    /// Reads the form as it arrives, with LichPhat's own multipart parser (``MultipartStreamParser``:
    /// it cannot trap on any bytes, unlike MultipartKit 4.7.1, which ended the server on an empty
    /// boundary or a header byte ≥ 0x80): 415 when not multipart, 400 for a malformed body, 413
    /// over `limit`. The body is never held whole: only the parts themselves are kept.
    static func read(_ request: Request, context: some RequestContext, limit: Int = Upload.limit) async throws -> Upload {
        guard let type = request.headers[.contentType] else { throw HTTPError(.unsupportedMediaType, message: "multipart/form-data expected") }
        var parser: MultipartStreamParser
        do {
            parser = try MultipartStreamParser(boundary: try MultipartForm.boundary(contentType: type))
        } catch {
            if error == .notMultipart { throw HTTPError(.unsupportedMediaType, message: "multipart/form-data expected") }
            throw HTTPError(.badRequest, message: error.description)
        }
        var upload = Upload()
        var headers: [(name: String, value: String)] = []
        var data: [UInt8] = []
        var received = 0
        func take(_ events: [MultipartEvent]) {
            for event in events {
                switch event {
                case .partBegin(let h): headers = h; data = []
                case .bodyChunk(let bytes): data += bytes
                case .partEnd:
                    let disposition = MultipartForm.header("content-disposition", in: headers) ?? ""
                    let field = MultipartForm.parameter("name", in: disposition)
                    if let filename = MultipartForm.parameter("filename", in: disposition) {
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
            }
        }
        do {
            for try await chunk in request.body {
                received += chunk.readableBytes
                guard received <= limit else {
                    throw HTTPError(.contentTooLarge, message: "the upload is larger than \(limit / 1024 / 1024) MB")
                }
                take(try chunk.withUnsafeReadableBytes { bytes throws(MultipartError) in try parser.feed(bytes) })
            }
            try parser.finish()
        } catch let error as MultipartError {
            throw HTTPError(.badRequest, message: error.description)
        }
        return upload
    }
}
