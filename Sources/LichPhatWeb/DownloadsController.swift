import Foundation
import Hummingbird
import LichPhatCore
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

    /// What `lichphat render` left in the week's `render/` folder: the platforms' kit and the
    /// count of rendered audio files.
    static func rendered(inWeek folder: String, _ lang: Language) -> (kit: [[String: Any]], audio: Int) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder + "/render")) ?? []).filter { !$0.hasPrefix(".") }
        let vi = lang == .vi
        let what = ["platform.csv": vi ? "Bảng bản ghi cho nền tảng loa (Excel)" : "The platforms' records (spreadsheet)",
                    "platform.json": vi ? "Bản ghi cho nền tảng loa (JSON)" : "The platforms' records (JSON)",
                    "render.json": vi ? "Danh sách tệp đã xuất và nội dung từng tệp" : "The rendered files and what each holds"]
        let kit = ["platform.csv", "platform.json", "render.json"].filter(names.contains).map { name -> [String: Any] in
            let size = ((try? FileManager.default.attributesOfItem(atPath: folder + "/render/" + name))?[.size] as? Int) ?? 0
            return ["name": name, "what": what[name] ?? name, "size": kilobytes(size, lang)]
        }
        return (kit, names.filter { $0.hasSuffix(".mp3") || $0.hasSuffix(".wav") }.count)
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
                let (s, w) = try await WebServer.stationAndWeek(site, context)
                let name = try context.parameters.require("name")
                return try APIController.listedFile(site.workspace.readWeek(s, week: w).folder + "/render", name,
                                          disposition: "attachment; filename=\"\(name)\"")
            } catch { return try pages.failure(error, v).response(from: request, context: context) }
        }
        router.get("/stations/:id/weeks/:week/playlists.zip") { request, context -> Response in
            let v = Viewer(request, context)
            do {
                let (s, w) = try await WebServer.stationAndWeek(site, context)
                let folder = site.workspace.readWeek(s, week: w).folder
                let data = try await offload { Result { try playlists(inWeek: folder) } }.get()
                return Response(status: .ok, headers: [.contentType: "application/zip",
                                                       .contentDisposition: "attachment; filename=\"\(s.station.id)-\(w)-playlists.zip\""],
                                body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
            } catch { return try pages.failure(error, v).response(from: request, context: context) }
        }
    }
}
