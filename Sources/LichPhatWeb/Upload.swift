import Foundation
import Hummingbird
import LichPhatCore
import LichPhatFormats
import LichPhatWorkspace

/// A `multipart/form-data` upload: the target folder and the files.
struct Upload: Sendable {
    /// A file part, spooled to disk as it arrived (a 190 MB upload never sits in memory whole).
    struct File: Sendable {
        var name: String
        var path: String
        var size: Int
        /// Its bytes, for the small files read whole anyway (play logs).
        var bytes: [UInt8] { FileManager.default.contents(atPath: path).map { [UInt8]($0) } ?? [] }
    }
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
    /// Removes the spooled files (after the request, whatever happened).
    func discard() { for f in files { unlink(f.path) } }

    /// A request's whole body (a PUT of a new version of a file) spooled to a file as it arrives,
    /// never held in memory: its path (the caller unlinks it), 413 over `limit`.
    static func spoolBody(_ request: Request, limit: Int, spool: String) async throws -> String {
        let vi = request.language == .vi
        try? FileManager.default.createDirectory(atPath: spool, withIntermediateDirectories: true)
        let path = spool + "/\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw HTTPError(.internalServerError, message: (vi ? "Không ghi được tệp tải lên: " : "Cannot write the upload: ") + String(cString: strerror(errno)))
        }
        defer { try? handle.close() }
        var received = 0
        do {
            for try await chunk in request.body {
                received += chunk.readableBytes
                guard received <= limit else {
                    throw HTTPError(.contentTooLarge, message: vi ? "Tệp tải lên lớn quá \(limit / 1024 / 1024) MB." : "The upload is larger than \(limit / 1024 / 1024) MB.")
                }
                try chunk.withUnsafeReadableBytes { try handle.write(contentsOf: $0) }
            }
        } catch {
            unlink(path)
            throw error
        }
        return path
    }

    static func read(_ request: Request, context: some RequestContext, limit: Int = Upload.limit, spool: String) async throws -> Upload {
        let vi = request.language == .vi
        /// The operator's words for what was wrong with the body (the parser's own are English, for the log).
        func said(_ e: MultipartError) -> String {
            switch e {
            case .notMultipart: vi ? "Cần gửi biểu mẫu dạng multipart/form-data." : "multipart/form-data expected."
            case .badBoundary: vi ? "Ranh giới (boundary) của biểu mẫu thiếu hoặc không hợp lệ: gửi lại từ trang." : "The form's boundary is missing or not valid: send it again from the page."
            case .tooManyParts(let n): vi ? "Biểu mẫu có quá \(n) phần." : "The form has more than \(n) parts."
            case .headerTooLarge(let n): vi ? "Phần đầu của một phần biểu mẫu dài quá \(n) byte." : "A part's headers are longer than \(n) bytes."
            default: vi ? "Nội dung biểu mẫu bị hỏng: gửi lại từ trang." : "The form's body is malformed (\(e.description)): send it again from the page."
            }
        }
        guard let type = request.headers[.contentType] else { throw HTTPError(.unsupportedMediaType, message: said(.notMultipart)) }
        var parser: MultipartStreamParser
        do {
            parser = try MultipartStreamParser(boundary: try MultipartForm.boundary(contentType: type))
        } catch {
            if error == .notMultipart { throw HTTPError(.unsupportedMediaType, message: said(error)) }
            throw HTTPError(.badRequest, message: said(error))
        }
        var upload = Upload()
        var headers: [(name: String, value: String)] = []
        var data: [UInt8] = []
        var received = 0
        // Fields are kept in memory: all of them together at most 256 KB, and at most 2,000 parts,
        // whatever the size limit allows for files.
        var fieldBytes = 0, parts = 0
        // A file part goes to the spool as it arrives; a field (a few bytes) is kept, up to 64 KB.
        var spooled: (path: String, handle: FileHandle, size: Int)?
        try? FileManager.default.createDirectory(atPath: spool, withIntermediateDirectories: true)
        var failure: (any Error)?
        func take(_ events: [MultipartEvent]) throws {
            for event in events {
                switch event {
                case .partBegin(let h):
                    headers = h; data = []
                    parts += 1
                    guard parts <= 2_000 else { throw HTTPError(.contentTooLarge, message: vi ? "Biểu mẫu có quá 2.000 phần." : "The form has more than 2,000 parts.") }
                    let disposition = MultipartForm.header("content-disposition", in: headers) ?? ""
                    if MultipartForm.parameter("filename", in: disposition) != nil {
                        let path = spool + "/\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
                        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
                            throw HTTPError(.internalServerError, message: (vi ? "Không ghi được tệp tải lên: " : "Cannot write the upload: ") + String(cString: strerror(errno)))
                        }
                        spooled = (path, handle, 0)
                    }
                case .bodyChunk(let bytes):
                    if let s = spooled {
                        do { try s.handle.write(contentsOf: bytes) } catch {
                            throw HTTPError(.init(code: 507), message: (vi ? "Không ghi được tệp tải lên (ổ đĩa đầy?): " : "Cannot write the upload (the disk is full?): ") + WeekFolder.describe(error))
                        }
                        spooled?.size += bytes.count
                    } else {
                        guard data.count + bytes.count <= 64 * 1024 else { throw HTTPError(.contentTooLarge, message: vi ? "Một trường của biểu mẫu dài quá 64 KB." : "A form field is larger than 64 KB.") }
                        fieldBytes += bytes.count
                        guard fieldBytes <= 256 * 1024 else { throw HTTPError(.contentTooLarge, message: vi ? "Các trường của biểu mẫu dài quá 256 KB." : "The form's fields are larger than 256 KB together.") }
                        data += bytes
                    }
                case .partEnd:
                    let disposition = MultipartForm.header("content-disposition", in: headers) ?? ""
                    let field = MultipartForm.parameter("name", in: disposition)
                    if let filename = MultipartForm.parameter("filename", in: disposition), let s = spooled {
                        try? s.handle.close()
                        spooled = nil
                        if !filename.isEmpty || s.size > 0 {
                            upload.files.append(File(name: filename, path: s.path, size: s.size))
                            upload.fileFields.append(field ?? "")
                        } else {
                            unlink(s.path)
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
                    throw HTTPError(.contentTooLarge, message: vi ? "Tệp tải lên lớn quá \(limit / 1024 / 1024) MB." : "The upload is larger than \(limit / 1024 / 1024) MB.")
                }
                try take(try chunk.withUnsafeReadableBytes { bytes throws(MultipartError) in try parser.feed(bytes) })
            }
            try parser.finish()
        } catch {
            failure = error
        }
        if let failure {
            // Nothing of a refused upload stays on disk.
            if let s = spooled { try? s.handle.close(); unlink(s.path) }
            upload.discard()
            if let e = failure as? MultipartError { throw HTTPError(.badRequest, message: said(e)) }
            throw failure
        }
        return upload
    }
}
