import Foundation
import Hummingbird
import LichPhatCore
import LichPhatFormats
import LichPhatText
import LichPhatWorkspace
import ZIPFoundation

/// Tải về: the week's files as written (schedule.json, .csv, .ics, .liq, the printable sheet) and
/// its M3U8 playlists as one zip.
enum DownloadsController {
    /// What each of the week's files is, for the page.
    static func describe(_ name: String, _ lang: Language) -> String? {
        let vi = lang == .vi
        switch name {
        case "schedule.json": return vi ? "Lịch dạng JSON (cho phần mềm)" : "The schedule as JSON (for programs)"
        case "schedule.csv": return vi ? "Lịch dạng bảng (Excel)" : "The schedule as a table (Excel)"
        case "schedule.ics": return vi ? "Lịch cho Google Calendar, Outlook (iCalendar)" : "For Google Calendar, Outlook (iCalendar)"
        case "schedule.liq": return vi ? "Kịch bản Liquidsoap (phát tự động, có bù âm lượng)" : "Liquidsoap script (automatic playout, with gain)"
        case "schedule.html": return vi ? "Lịch phát sóng để in và ký duyệt" : "The printable schedule for signing"
        case "pins.json": return vi ? "Các lượt phát đã ghim" : "The pinned airings"
        case "approval.json": return vi ? "Bản ghi duyệt lịch" : "The approval record"
        default: return nil
        }
    }

    /// The week's files a page offers, in a fixed order, then the playlists' count.
    static func files(inWeek folder: String, _ lang: Language) -> (files: [[String: Any]], playlists: Int) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix(".") }
        let order = ["schedule.html", "schedule.csv", "schedule.json", "schedule.ics", "schedule.liq", "pins.json", "approval.json"]
        let files: [[String: Any]] = order.filter(names.contains).map { name in
            let size = ((try? FileManager.default.attributesOfItem(atPath: folder + "/" + name))?[.size] as? Int) ?? 0
            return ["name": name, "what": describe(name, lang) ?? name, "size": kilobytes(size, lang)]
        }
        return (files, names.filter { $0.hasSuffix(".m3u8") }.count)
    }

    static func kilobytes(_ bytes: Int, _ lang: Language) -> String {
        Messages.number(Double(bytes) / 1024, digits: 1, lang) + " KB"
    }

    /// What `lichphat render` left in the week's `render/` folder: the platforms' kit, and each
    /// rendered session file with its session, length and loudness (from render.json).
    static func rendered(inWeek folder: String, _ lang: Language) -> (kit: [[String: Any]], audio: [[String: Any]]) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder + "/render")) ?? []).filter { !$0.hasPrefix(".") }
        let vi = lang == .vi
        let what = ["platform.csv": vi ? "Bảng bản ghi cho nền tảng loa (Excel)" : "The platforms' records (spreadsheet)",
                    "platform.json": vi ? "Bản ghi cho nền tảng loa (JSON)" : "The platforms' records (JSON)",
                    "render.json": vi ? "Danh sách tệp đã xuất và nội dung từng tệp" : "The rendered files and what each holds"]
        func size(_ name: String) -> Int { ((try? FileManager.default.attributesOfItem(atPath: folder + "/render/" + name))?[.size] as? Int) ?? 0 }
        let kit = ["platform.csv", "platform.json", "render.json"].filter(names.contains).map { name -> [String: Any] in
            ["name": name, "what": what[name] ?? name, "size": kilobytes(size(name), lang)]
        }
        let record = RenderRecord.read(kit: folder + "/render")
        let audio = (record?.files ?? []).filter { names.contains($0.file) }.map { f -> [String: Any] in
            let day = CivilDate(f.date).map { vi ? $0.vietnamese : $0.description } ?? f.date
            let time = f.start.count >= 16 ? String(f.start.dropFirst(11).prefix(5)) : ""
            return ["name": f.file, "when": "\(day) \(time)", "length": Messages.clock(f.duration),
                    "loudness": f.loudness.map { Messages.number($0, digits: 1, lang) } ?? "–",
                    "peak": f.truePeak.map { Messages.number($0, digits: 1, lang) } ?? "–",
                    "size": Messages.number(Double(size(f.file)) / 1_048_576, digits: 1, lang) + " MB"]
        }
        return (kit, audio)
    }

    /// The whole kit (the session files, platform.json, platform.csv, render.json) as one zip,
    /// written into `spool` (the audio stored, not compressed again): the path of the zip.
    static func kitArchive(inWeek folder: String, spool: String, lang: Language) throws -> String {
        let kit = folder + "/render"
        var st = stat()
        guard lstat(kit, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else { throw WebError.notFound }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: kit)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
            .filter { Workspace.isRegularFile(kit + "/" + $0, followingLinks: false) }
        guard names.contains("render.json") else { throw WebError.notFound }
        let path = spool + "/\(getpid())-kit-\(UInt64.random(in: 0...UInt64.max)).zip"
        do {
            let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
            for name in names {
                let audio = name.hasSuffix(".mp3") || name.hasSuffix(".wav")
                try archive.addEntry(with: name, fileURL: URL(fileURLWithPath: kit + "/" + name), compressionMethod: audio ? .none : .deflate)
            }
        } catch {
            unlink(path)
            throw WebError.http(507, lang == .vi ? "Không tạo được tệp zip của bộ tệp (ổ đĩa đầy?): \(WeekFolder.describe(error))."
                                                 : "Cannot make the kit's zip (a full disk?): \(WeekFolder.describe(error)).")
        }
        return path
    }

    /// A file sent as it is read (never whole in memory); `remove`: the path is unlinked once
    /// open (a temporary zip goes when the answer is sent, or the connection drops).
    static func streamed(_ path: String, contentType: String, disposition: String, remove: Bool = false) throws -> Response {
        // O_NOFOLLOW: a link put in place after the folder was listed is not followed.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        if remove { unlink(path) }
        guard fd >= 0 else { throw WebError.notFound }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { close(fd); throw WebError.notFound }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        let size = Int(st.st_size)
        return Response(status: .ok, headers: [.contentType: contentType, .contentDisposition: disposition],
                        body: ResponseBody(contentLength: size) { writer in
                            defer { try? handle.close() }
                            // Each read on a worker thread, never on the server's own few threads (a slow disk
                            // must not stall every other answer).
                            while true {
                                let chunk = await offload { (try? handle.read(upToCount: 256 * 1024)) ?? Data() }
                                if chunk.isEmpty { break }
                                try await writer.write(ByteBuffer(bytes: chunk))
                            }
                            try await writer.finish(nil)
                        })
    }

    /// The week's M3U8 playlists in one zip (deflated), named by the station and week.
    static func playlists(inWeek folder: String) throws -> Data {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".m3u8") && !$0.hasPrefix(".") }.sorted()
        guard !names.isEmpty else { throw WebError.notFound }
        let archive = try Archive(accessMode: .create)
        for name in names {
            guard Workspace.isRegularFile(folder + "/" + name, followingLinks: false),
                  let data = FileManager.default.contents(atPath: folder + "/" + name) else { continue }
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw WebError.http(500, "zip") }
        return data
    }

    static func addRoutes(to router: Router<WebContext>, site: Site, pages: Pages) {
        // A file `lichphat render` wrote (only one the render folder lists: no path, no hidden file).
        router.get("/stations/:id/weeks/:week/render/:name") { request, context -> Response in
            let v = Viewer(request, context)
            do {
                let (s, w) = try await WebServer.stationAndWeek(site, context, .read)
                let name = try context.parameters.require("name")
                return try APIController.listedFile(site.workspace.readWeek(s, week: w).folder + "/render", name,
                                          disposition: "attachment; filename=\"\(name)\"")
            } catch { return try pages.failure(error, v).response(from: request, context: context) }
        }
        // The whole kit as one zip, from the page and the API.
        @Sendable func kit(_ s: LoadedStation, _ w: ISOWeek, lang: Language) async throws -> Response {
            let folder = site.workspace.readWeek(s, week: w).folder, spool = site.spool
            let zip = try await offload { Result { try kitArchive(inWeek: folder, spool: spool, lang: lang) } }.get()
            return try streamed(zip, contentType: "application/zip", disposition: "attachment; filename=\"\(s.station.id)-\(w)-kit.zip\"", remove: true)
        }
        router.get("/stations/:id/weeks/:week/kit.zip") { request, context -> Response in
            let v = Viewer(request, context)
            do {
                let (s, w) = try await WebServer.stationAndWeek(site, context, .read)
                return try await kit(s, w, lang: v.lang)
            } catch { return try pages.failure(error, v).response(from: request, context: context) }
        }
        router.get("/api/stations/:id/weeks/:week/render/kit.zip") { request, context -> Response in
            do {
                let (s, w) = try await APIController.stationAndWeek(site, context, request.language, .read)
                return try await kit(s, w, lang: request.language)
            } catch { return APIController.failure(error, request) }
        }
        router.get("/stations/:id/weeks/:week/playlists.zip") { request, context -> Response in
            let v = Viewer(request, context)
            do {
                let (s, w) = try await WebServer.stationAndWeek(site, context, .read)
                let folder = site.workspace.readWeek(s, week: w).folder
                let data = try await offload { Result { try playlists(inWeek: folder) } }.get()
                return Response(status: .ok, headers: [.contentType: "application/zip",
                                                       .contentDisposition: "attachment; filename=\"\(s.station.id)-\(w)-playlists.zip\""],
                                body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
            } catch { return try pages.failure(error, v).response(from: request, context: context) }
        }
    }
}
