import Foundation
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import Testing
import LichPhatCore
import LichPhatFormats
import LichPhatWeb
import LichPhatWorkspace
import TestSupport

/// A multipart body: plain fields, then files under their field names.
func multipartBody(fields: [(String, String)], files: [(field: String, name: String, bytes: [UInt8])]) -> (String, ByteBuffer) {
    let boundary = "----lichphat-api-boundary"
    var body: [UInt8] = []
    func add(_ s: String) { body += Array(s.utf8) }
    for (k, v) in fields { add("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n") }
    for f in files {
        add("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(f.field)\"; filename=\"\(f.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n")
        body += f.bytes
        add("\r\n")
    }
    add("--\(boundary)--\r\n")
    return ("multipart/form-data; boundary=\(boundary)", ByteBuffer(bytes: body))
}

/// A play log of station `xa` (ServedStation): the NQ57 programme on two Mondays, the jingle daily.
let xaLog = """
start,file,played,status
2026-11-16T06:00:00+07:00,nq57/gioi thieu.wav,5,ok
2026-11-23T06:00:00+07:00,nq57/gioi thieu.wav,5,ok
2026-11-24T06:00:00+07:00,nhac-hieu.wav,2,ok

"""

@Suite("API: uploads, audits and plans with pins")
struct APIWriteTests {
    @Test("POST …/library adds files all or none: 200 with their scan entries; 409 when a name exists (nothing written); 422 for a file that does not play (the others taken back); 413 over the limit")
    func library() async throws {
        let s = ServedStation(); defer { s.fx.remove() }
        let audio = Fixtures(); defer { audio.remove() }
        let good = try Array(Data(contentsOf: URL(fileURLWithPath: audio.tone("a.wav", seconds: 2, rate: 8000))))
        var small = s.site
        small.uploadLimit = 64 * 1024
        try await try WebServer.buildApplication(site: small).test(.router) { client in
            let (type, body) = multipartBody(fields: [("folder", "tin")], files: [("files", "mới.wav", good), ("files", "mới 2.wav", good)])
            try await client.execute(uri: "/api/stations/xa/library", method: .post, headers: [.contentType: type], body: body) { r in
                #expect(r.status == .ok)
                let json = try JSONSerialization.jsonObject(with: Data(buffer: r.body)) as? [String: Any]
                let files = json?["files"] as? [[String: Any]] ?? []
                #expect(files.map { $0["path"] as? String } == ["tin/mới.wav", "tin/mới 2.wav"])
                #expect(files.first?["duration"] as? Double == 2)
            }
            let (t2, b2) = multipartBody(fields: [("folder", "tin")], files: [("files", "khác.wav", good), ("files", "mới.wav", good)])
            try await client.execute(uri: "/api/stations/xa/library", method: .post, headers: [.contentType: t2], body: b2) { r in
                #expect(r.status == .conflict)
                #expect(String(buffer: r.body).contains("tin/mới.wav"))
            }
            #expect(!FileManager.default.fileExists(atPath: s.fx.path("Audio/tin/khác.wav")))
            let (t3, b3) = multipartBody(fields: [], files: [("files", "tốt.wav", good), ("files", "hỏng.wav", Array(good.prefix(44)))])
            try await client.execute(uri: "/api/stations/xa/library", method: .post, headers: [.contentType: t3], body: b3) { r in
                #expect(r.status == .unprocessableContent)
                #expect(String(buffer: r.body).contains("hỏng.wav"))
            }
            #expect(!FileManager.default.fileExists(atPath: s.fx.path("Audio/tốt.wav")))
            // The same name twice: said as such (was: "the file already existed"), nothing written.
            let (t5, b5) = multipartBody(fields: [("folder", "tin")], files: [("files", "đôi.wav", good), ("files", "đôi.wav", good)])
            try await client.execute(uri: "/api/stations/xa/library", method: .post, headers: [.contentType: t5], body: b5) { r in
                #expect(r.status == .unprocessableContent && String(buffer: r.body).contains("nhiều lần"))
            }
            #expect(!FileManager.default.fileExists(atPath: s.fx.path("Audio/tin/đôi.wav")))
            // A path is refused before the disk is looked at: never "it exists" about a file elsewhere.
            let (t6, b6) = multipartBody(fields: [("folder", "../../../../../etc")], files: [("files", "passwd", good)])
            try await client.execute(uri: "/api/stations/xa/library", method: .post, headers: [.contentType: t6], body: b6) { r in
                #expect(r.status != .conflict && r.status.code >= 400 && !String(buffer: r.body).contains("Đã có"))
            }
            let (t7, b7) = multipartBody(fields: [], files: [("files", "../../Schedules/xa.yaml", good)])
            try await client.execute(uri: "/api/stations/xa/library", method: .post, headers: [.contentType: t7], body: b7) { r in
                #expect(r.status == .unprocessableContent)
            }
            // Uploads are spooled as they arrive and the spool is emptied after each request.
            #expect(try FileManager.default.contentsOfDirectory(atPath: s.site.spool).isEmpty)
            let (t4, b4) = multipartBody(fields: [], files: [("files", "lớn.wav", [UInt8](repeating: 0, count: 100 * 1024))])
            try await client.execute(uri: "/api/stations/xa/library", method: .post, headers: [.contentType: t4], body: b4) { r in
                #expect(r.status == .contentTooLarge)
                #expect(String(buffer: r.body).contains("\"code\":\"too-large\""))
            }
        }
    }

    @Test("POST …/audit: from the plans, or from play logs sent as asrun (not kept); a bad period is 400, a log with nothing to count 422, without the server's folders in the message")
    func audit() async throws {
        let s = ServedStation(); defer { s.fx.remove() }
        try await s.app().test(.router) { client in
            let (type, body) = multipartBody(fields: [("period", "2026-11")], files: [("asrun", "nhat-ky.csv", Array(xaLog.utf8))])
            try await client.execute(uri: "/api/stations/xa/audit", method: .post, headers: [.contentType: type], body: body) { r in
                #expect(r.status == .ok)
                let text = String(buffer: r.body)
                #expect(text.contains("\"schema\": \"lichphat/audit@1\"") && text.contains("\"basis\": \"play-logs\""))
                #expect(!text.contains(NSTemporaryDirectory()))
            }
            let (t2, b2) = multipartBody(fields: [("from", "2026-11-01"), ("to", "2026-11-30")], files: [])
            try await client.execute(uri: "/api/stations/xa/audit", method: .post, headers: [.contentType: t2], body: b2) { r in
                #expect(r.status == .ok && String(buffer: r.body).contains("\"basis\": \"plans\""))
            }
            let (t3, b3) = multipartBody(fields: [("period", "2026-13")], files: [])
            try await client.execute(uri: "/api/stations/xa/audit", method: .post, headers: [.contentType: t3], body: b3) { r in
                #expect(r.status == .badRequest && String(buffer: r.body).contains("không phải tháng (2026-11)"))
            }
            // asrun sent as a text field, not a file: refused, never a report from the plans alone.
            let (t5, b5) = multipartBody(fields: [("period", "2026-11"), ("asrun", "{}")], files: [])
            try await client.execute(uri: "/api/stations/xa/audit", method: .post, headers: [.contentType: t5], body: b5) { #expect($0.status == .badRequest) }
            let (t4, b4) = multipartBody(fields: [("period", "2026-11")], files: [("asrun", "rỗng.csv", Array("a,b\n1,2\n".utf8))])
            try await client.execute(uri: "/api/stations/xa/audit", method: .post, headers: [.contentType: t4], body: b4) { r in
                let text = String(buffer: r.body)
                #expect(r.status == .unprocessableContent && text.contains("rỗng.csv:1") && !text.contains("lichphat-audit-"))
            }
        }
        let kept = (try? FileManager.default.contentsOfDirectory(atPath: s.fx.path("Schedules/xa"))) ?? []
        #expect(kept.filter { $0.hasSuffix(".csv") }.isEmpty)
    }

    @Test("POST …/plan with pins (kept, and stored with the week) and remove (never planned); a pin outside the week or naming no item is 422; a shortfall lists each minimum with its numbers")
    func planBody() async throws {
        let s = ServedStation(); defer { s.fx.remove() }
        let folder = s.fx.path("Schedules/xa/2026-W48")
        try await s.app().test(.router) { client in
            // The NQ57 programme: pinned on Wednesday, never on Monday.
            let (status, _) = try await client.post("/api/stations/xa/weeks/2026-W48/plan", json: """
                {"seed": 3, "pins": [{"date": "2026-11-25", "session": "sang", "item": "gioi-thieu"}],
                 "remove": [{"date": "2026-11-23", "session": "sang", "item": "gioi-thieu"}]}
                """)
            #expect(status == .ok)
            let doc = try JSONDecoder().decode(ScheduleDocument.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/schedule.json")))
            let nq = doc.sessions.filter { $0.airings.contains { $0.item == "gioi-thieu" } }.map(\.date)
            #expect(nq.contains("2026-11-25") && !nq.contains("2026-11-23"))
            #expect(ScheduleExport.pins(inWeek: folder) == [Pin(date: "2026-11-25", session: "sang", item: "gioi-thieu")])
            for bad in [#"{"pins": [{"date": "2026-12-25", "session": "sang", "item": "gioi-thieu"}]}"#,
                        #"{"remove": [{"date": "2026-11-25", "session": "toi", "item": "gioi-thieu"}]}"#,
                        #"{"pins": [{"date": "2026-11-25", "session": "sang", "item": "khong-co"}]}"#] {
                let (code, body) = try await client.post("/api/stations/xa/weeks/2026-W49/plan", json: bad)
                #expect(code == .unprocessableContent && body.contains("\"code\":\"invalid\""), "\(bad)")
            }
            // Every day's NQ57 airing taken out: the minimum cannot be met, and the answer says by how much.
            let days = ["2026-11-30"] + (1...6).map { "2026-12-0\($0)" }
            let all = days.map { #"{"date": "\#($0)", "session": "sang", "item": "gioi-thieu"}"# }.joined(separator: ",")
            let (short, body) = try await client.post("/api/stations/xa/weeks/2026-W49/plan", json: #"{"remove": [\#(all)]}"#)
            #expect(short == .unprocessableContent)
            let error = (try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])?["error"] as? [String: Any]
            let first = (error?["shortfalls"] as? [[String: Any]])?.first
            #expect(error?["code"] as? String == "shortfall")
            #expect(first?["kind"] as? String == "rule" && first?["id"] as? String == "nq57")
            #expect(first?["needed"] as? Int == 1 && first?["got"] as? Int == 0)
            #expect(!FileManager.default.fileExists(atPath: s.fx.path("Schedules/xa/2026-W49/schedule.json")))
        }
    }

    @Test("POST …/amend adds a notice from a time on, as lichphat amend: revision 2; a bad time, times or body, an unknown item or a time past are refused with the reason")
    func amend() async throws {
        let s = ServedStation(); defer { s.fx.remove() }
        try await s.app().test(.router) { client in
            let uri = "/api/stations/xa/weeks/2026-W48/amend"
            let (notPlanned, _) = try await client.post(uri, json: #"{"item": "gioi-thieu", "from": "2026-11-25T06:00"}"#)
            #expect(notPlanned == .notFound)
            _ = try await client.post("/api/stations/xa/weeks/2026-W48/plan", json: "{}")
            let (noBody, m1) = try await client.post(uri, json: "")
            #expect(noBody == .badRequest && m1.contains("item"))
            let (badFrom, m2) = try await client.post(uri, json: #"{"item": "gioi-thieu", "from": "thứ tư"}"#)
            #expect(badFrom == .unprocessableContent && m2.contains("thứ tư"))
            let (badTimes, _) = try await client.post(uri, json: #"{"item": "gioi-thieu", "times": 0}"#)
            #expect(badTimes == .unprocessableContent)
            let (past, m3) = try await client.post(uri, json: #"{"item": "gioi-thieu", "from": "2026-11-01 06:00"}"#)
            #expect(past.code >= 400 && past.code < 500 && m3.contains("2026-11-01"))
            let (unknown, m4) = try await client.post(uri, json: #"{"item": "khong-co"}"#)
            #expect(unknown.code >= 400 && unknown.code < 500 && m4.contains("khong-co"))
            let (ok, week) = try await client.post(uri, json: #"{"item": "gioi-thieu", "times": 1, "priority": true, "from": "2026-11-25T06:00"}"#)
            #expect(ok == .ok && compact(week).contains("\"revision\":{\"hash\":\"\(revision(s))\",\"number\":2}"), "\(week)")
            // The file's own "revision": 2 gives way to the object: the key once.
            #expect(week.components(separatedBy: "\"revision\"").count == 2 && !week.contains("\"revision\": 2,"))
            #expect(FileManager.default.fileExists(atPath: s.fx.path("Schedules/xa/2026-W48/revisions/1/schedule.json")))
        }
    }

    @Test("Xuất tệp: the week rendered for the platforms in the background, from the page or the API, as lichphat render; progress and the outcome shown; a bad format or a week not planned refused")
    func render() async throws {
        let s = ServedStation(); defer { s.fx.remove() }
        try await s.app().test(.router) { client in
            let api = "/api/stations/xa/weeks/2026-W48/render"
            let (notPlanned, m0) = try await client.post(api, json: "{}")
            #expect(notPlanned == .notFound && m0.contains("chưa có lịch"))
            let (never, _) = try await client.get(api)
            #expect(never == .notFound)
            _ = try await client.post("/stations/xa/weeks/2026-W48/plan", form: "")
            let (_, page) = try await client.get("/stations/xa/weeks/2026-W48")
            #expect(page.contains("action=\"/stations/xa/weeks/2026-W48/render\"") && page.contains("Chưa xuất tệp cho nền tảng loa."))
            let (badFormat, m1) = try await client.post("/stations/xa/weeks/2026-W48/render", form: "format=ogg")
            #expect(badFormat == .unprocessableContent && m1.contains("chọn mp3 hoặc wav"))
            let (badAPI, _) = try await client.post(api, json: #"{"format": "flac"}"#)
            #expect(badAPI == .unprocessableContent)
            // Started from the page: back to the week, which says so and looks again every few seconds.
            let (started, after) = try await client.post("/stations/xa/weeks/2026-W48/render", form: "format=wav")
            #expect(started == .ok && after.contains("Bắt đầu xuất tuần 2026-W48"))
            var job = ""
            for _ in 0..<600 {
                (_, job) = try await client.get(api)
                if !compact(job).contains("\"state\":\"running\"") { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(compact(job).contains("\"state\":\"done\"") && compact(job).contains("\"format\":\"wav\""), "\(job)")
            let folder = s.fx.path("Schedules/xa/2026-W48/render")
            let files = try FileManager.default.contentsOfDirectory(atPath: folder)
            #expect(files.filter { $0.hasSuffix(".wav") }.count == 7 && files.contains("platform.json") && files.contains("render.json"))
            let (_, done) = try await client.get("/stations/xa/weeks/2026-W48")
            #expect(done.contains("Đã xuất tuần 2026-W48: 7 tệp âm thanh") && done.contains("chưa được duyệt") && !done.contains("http-equiv=\"refresh\""))
            #expect(done.contains("/stations/xa/weeks/2026-W48/render/platform.json"))
            // Each session file listed with its length and loudness, playable; the whole kit as one zip,
            // from the page and the API, unpacking (python's zipfile) to exactly the kit's files.
            #expect(done.contains("2026-11-23_0600_sang.wav</a>") && done.contains("<audio controls preload=\"none\" src=\"/stations/xa/weeks/2026-W48/render/2026-11-23_0600_sang.wav\""))
            #expect(done.contains("href=\"/stations/xa/weeks/2026-W48/kit.zip\""))
            for uri in ["/stations/xa/weeks/2026-W48/kit.zip", "/api/stations/xa/weeks/2026-W48/render/kit.zip"] {
                try await client.execute(uri: uri, method: .get) { r in
                    #expect(r.status == .ok && r.headers[.contentType] == "application/zip")
                    #expect(r.headers[.contentDisposition] == "attachment; filename=\"xa-2026-W48-kit.zip\"")
                    let zip = s.fx.path("kit-" + UUID().uuidString)
                    try Data(buffer: r.body).write(to: URL(fileURLWithPath: zip + ".zip"))
                    let unzip = Process()
                    unzip.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
                    unzip.arguments = ["-m", "zipfile", "-e", zip + ".zip", zip]
                    try unzip.run(); unzip.waitUntilExit()
                    #expect(unzip.terminationStatus == 0)
                    #expect(try FileManager.default.contentsOfDirectory(atPath: zip).sorted() == files.filter { !$0.hasPrefix(".") }.sorted())
                    #expect(try Data(contentsOf: URL(fileURLWithPath: zip + "/2026-11-23_0600_sang.wav")) == Data(contentsOf: URL(fileURLWithPath: folder + "/2026-11-23_0600_sang.wav")))
                }
            }
            // The zip was made in the spool and is gone once sent.
            #expect(try FileManager.default.contentsOfDirectory(atPath: s.site.spool).isEmpty)
            #expect(try await client.get("/stations/xa/weeks/2026-W49/kit.zip").0 == .notFound)
            // From the API, MP3 by default: 202 with the job, then done.
            let (accepted, first) = try await client.post(api, json: "")
            #expect(accepted == .accepted && compact(first).contains("\"format\":\"mp3\""))
            for _ in 0..<600 {
                (_, job) = try await client.get(api)
                if !compact(job).contains("\"state\":\"running\"") { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(compact(job).contains("\"state\":\"done\""))
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".mp3") }.count == 7)
        }
    }
}

@Suite("Web app: Báo cáo")
struct ReportPageTests {
    @Test("The report page: stations, period (last month by default), basis; the verdict per station; the report as HTML, CSV and JSON")
    func report() async throws {
        let s = ServedStation(); defer { s.fx.remove() }
        try await s.app().test(.router) { client in
            let (status, form) = try await client.get("/reports")
            #expect(status == .ok && form.contains("value=\"2026-10\"") && form.contains("Đài truyền thanh xã Thử"))
            #expect(!form.contains("<table>"))
            _ = try await client.post("/stations/xa/weeks/2026-W47/plan", form: "")
            let (ok, page) = try await client.get("/reports?station=xa&period=2026-11")
            #expect(ok == .ok && page.contains("theo lịch đã lập") && page.contains("/reports/report.csv?station=xa&amp;period=2026-11"))
            try await client.execute(uri: "/reports/report.csv?station=xa&period=2026-11", method: .get) { r in
                #expect(r.status == .ok && r.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(r.headers[.contentDisposition]?.hasPrefix("attachment") == true)
                #expect(Array(r.body.readableBytesView.prefix(3)) == [0xEF, 0xBB, 0xBF])
            }
            let (_, json) = try await client.get("/reports/report.json?station=xa&period=2026-11")
            #expect(json.contains("\"schema\": \"lichphat/audit@1\""))
            let (_, html) = try await client.get("/reports/report.html?station=xa&period=2026-11")
            #expect(html.contains("<svg") || html.contains("<table"))
            let (bad, badPage) = try await client.get("/reports?period=2026-Q5")
            #expect(bad == .badRequest && badPage.contains("không phải tháng (2026-11)"))
            #expect(try await client.get("/reports/passwd").0 == .notFound)
            #expect(try await client.get("/reports?station=khong-co&period=2026-11").0 == .notFound)
            #expect(try await client.get("/reports?station=xa&period=2026-11&basis=logs&log=xa%2F..%2F..%2Fxa.yaml").0 == .notFound)
        }
    }

    @Test("A play log uploaded on the report page is kept beside the station's weeks and chosen (Post/Redirect/Get); one with nothing to count is refused with the reason; the same name with other bytes is never overwritten")
    func uploadLog() async throws {
        let s = ServedStation(); defer { s.fx.remove() }
        try await s.app().test(.router) { client in
            func send(_ name: String, _ text: String, token: String? = formToken) async throws -> TestResponse {
                let (type, body) = multipartBody(fields: [("station", "xa")] + (token.map { [("csrf", $0)] } ?? []), files: [("files", name, Array(text.utf8))])
                return try await client.execute(uri: "/reports/logs", method: .post, headers: [.contentType: type, .cookie: "lichphat_form=\(formToken)"], body: body)
            }
            let r = try await send("nhật ký 11.csv", xaLog)
            #expect(r.status == .seeOther)
            let location = r.headers[.location] ?? ""
            #expect(location.hasPrefix("/reports?stored=") && location.contains("basis=logs"))
            #expect(FileManager.default.fileExists(atPath: s.fx.path("Schedules/xa/nhật ký 11.csv")))
            let (_, page) = try await client.get(location + "&period=2026-11")
            #expect(page.contains("Đã lưu nhật ký phát “nhật ký 11.csv”") && page.contains("theo nhật ký phát thực tế"))
            #expect(page.contains("value=\"xa/nhật ký 11.csv\" checked"))
            #expect(try await send("nhật ký 11.csv", xaLog).status == .seeOther)                  // the same log again
            #expect(try await send("nhật ký 11.csv", xaLog + "\n\n").status == .conflict)         // another under its name
            let empty = try await send("trống.csv", "start,file\n")
            #expect(empty.status == .unprocessableContent && String(buffer: empty.body).contains("chỉ có dòng tiêu đề"))
            #expect(!FileManager.default.fileExists(atPath: s.fx.path("Schedules/xa/trống.csv")))
            #expect(try await send("../thoát.csv", xaLog).status == .unprocessableContent)
            #expect(try await send("khác.csv", xaLog, token: nil).status == .forbidden)
            #expect(!FileManager.default.fileExists(atPath: s.fx.path("Schedules/xa/khác.csv")))
        }
    }
}

@Suite("Web app: Tải về")
struct DownloadTests {
    @Test("A planned week's page offers every export and the playlists as one zip that unpacks to the week's M3U8 files")
    func downloads() async throws {
        let s = ServedStation(); defer { s.fx.remove() }
        let folder = s.fx.path("Schedules/xa/2026-W48")
        try await s.app().test(.router) { client in
            #expect(try await client.get("/stations/xa/weeks/2026-W48/playlists.zip").0 == .notFound)
            _ = try await client.post("/stations/xa/weeks/2026-W48/plan", form: "")
            let (_, page) = try await client.get("/stations/xa/weeks/2026-W48")
            for name in ["schedule.csv", "schedule.json", "schedule.ics", "schedule.liq", "schedule.html"] {
                #expect(page.contains("href=\"/api/stations/xa/weeks/2026-W48/files/\(name)\""), "\(name)")
            }
            #expect(page.contains("7 danh sách phát M3U8"))
            try await client.execute(uri: "/stations/xa/weeks/2026-W48/playlists.zip", method: .get) { r in
                #expect(r.status == .ok && r.headers[.contentType] == "application/zip")
                #expect(r.headers[.contentDisposition] == "attachment; filename=\"xa-2026-W48-playlists.zip\"")
                let zip = NSTemporaryDirectory() + "lichphat-zip-\(UUID().uuidString)"
                try Data(buffer: r.body).write(to: URL(fileURLWithPath: zip + ".zip"))
                defer { try? FileManager.default.removeItem(atPath: zip); try? FileManager.default.removeItem(atPath: zip + ".zip") }
                let unzip = Process()
                unzip.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
                unzip.arguments = ["-m", "zipfile", "-e", zip + ".zip", zip]
                try unzip.run(); unzip.waitUntilExit()
                #expect(unzip.terminationStatus == 0)
                let inside = try FileManager.default.contentsOfDirectory(atPath: zip).sorted()
                let written = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".m3u8") }.sorted()
                #expect(inside == written && inside.count == 7)
                for name in inside {
                    #expect(FileManager.default.contents(atPath: zip + "/" + name) == FileManager.default.contents(atPath: folder + "/" + name))
                }
            }
            // The platforms' kit, once lichphat render has run.
            #expect(page.contains("Chưa xuất tệp cho nền tảng loa"))
            let loaded = try s.site.workspace.loadStation(s.fx.path("Schedules/xa.yaml"))
            _ = try s.site.workspace.render(loaded, week: ISOWeek(year: 2026, week: 48), format: .wav)
            let (_, rendered) = try await client.get("/stations/xa/weeks/2026-W48")
            #expect(rendered.contains("Đã xuất 7 tệp âm thanh cho nền tảng loa") && rendered.contains("href=\"/stations/xa/weeks/2026-W48/render/platform.csv\""))
            let (kit, json) = try await client.get("/stations/xa/weeks/2026-W48/render/platform.json")
            #expect(kit == .ok && json.contains("\"schema\": \"lichphat/platform@1\""))
            #expect(try await client.get("/stations/xa/weeks/2026-W48/render/..%2Fschedule.json").0 == .notFound)
            #expect(try await client.get("/stations/xa/weeks/2026-W48/render/2026-11-23_0600_sang.wav").0 == .ok)
        }
    }
}

@Suite("Web app: Trạm")
struct StationPageTests {
    func form(_ text: String, base: String, action: String) -> String {
        "text=\(formEncoded(text))&base=\(base)&action=\(action)"
    }
    func formEncoded(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? s
    }

    @Test("The station as the planner reads it; its file checked with lichphat check's messages, saved only without errors, the previous version kept in .history/; an edit made meanwhile elsewhere, or a new id, is refused")
    func edit() async throws {
        let s = ServedStation(); defer { s.fx.remove() }
        let path = s.fx.path("Schedules/xa.yaml")
        let original = try String(contentsOfFile: path, encoding: .utf8)
        let base = WeekFolder.sha256(Data(original.utf8))
        try await s.app().test(.router) { client in
            let (status, page) = try await client.get("/stations/xa/station")
            #expect(status == .ok && page.contains("Buổi sáng") && page.contains("Tuyên truyền NQ57") && page.contains("name=\"base\" value=\"\(base)\""))
            #expect(page.contains("sessions:"))          // the file itself, in the editor

            // A wrong key: the same message as lichphat check (file, line), nothing written.
            let broken = original.replacingOccurrences(of: "repeat_gap: 1h", with: "repeat_gapp: 1h")
            let (bad, badPage) = try await client.post("/stations/xa/station", form: form(broken, base: base, action: "save"))
            #expect(bad == .unprocessableContent && badPage.contains("xa.yaml:13:1") && badPage.contains("repeat_gapp"))
            #expect(try String(contentsOfFile: path, encoding: .utf8) == original)

            let longer = original.replacingOccurrences(of: "length: 1m", with: "length: 2m")
            let (checked, checkedPage) = try await client.post("/stations/xa/station", form: form(longer, base: base, action: "check"))
            #expect(checked == .ok && checkedPage.contains("Không có lỗi") && checkedPage.contains("Chưa lưu"))
            #expect(try String(contentsOfFile: path, encoding: .utf8) == original)

            try await client.execute(uri: "/stations/xa/station", method: .post,
                                     headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "lichphat_form=\(formToken)"],
                                     body: ByteBuffer(string: form(longer, base: base, action: "save") + "&csrf=\(formToken)")) { r in
                #expect(r.status == .seeOther && r.headers[.location] == "/stations/xa/station?saved=1")
            }
            #expect(try String(contentsOfFile: path, encoding: .utf8) == longer)
            let history = try FileManager.default.contentsOfDirectory(atPath: s.fx.path("Schedules/.history"))
            #expect(history.count == 1 && history[0].hasPrefix("xa.") && history[0].hasSuffix(".yaml"))
            #expect(try String(contentsOfFile: s.fx.path("Schedules/.history/" + history[0]), encoding: .utf8) == original)
            let (_, after) = try await client.get("/stations/xa/station?saved=1")
            #expect(after.contains("Đã lưu tệp trạm") && after.contains("Các bản trước: " + history[0]))

            // The page was read before that save: its base is stale.
            let (stale, stalePage) = try await client.post("/stations/xa/station", form: form(original, base: base, action: "save"))
            #expect(stale == .conflict && stalePage.contains("đã được sửa ở nơi khác"))
            let newBase = WeekFolder.sha256(Data(longer.utf8))
            let renamed = longer.replacingOccurrences(of: "station: {id: xa,", with: "station: {id: xa-moi,")
            let (id, idPage) = try await client.post("/stations/xa/station", form: form(renamed, base: newBase, action: "save"))
            #expect(id == .unprocessableContent && idPage.contains("không đổi mã đài"))
            #expect(try String(contentsOfFile: path, encoding: .utf8) == longer)
        }
    }
}

@Suite("Web app: Đọc văn bản")
struct SpeakPageTests {
    @Test("A typed notice is read into the chosen folder and listed at once; the same name again is refused (409), a path as a name (422), a form without its token (403)")
    func speak() async throws {
        let s = ServedStation(); defer { s.fx.remove() }
        let form = "text=UBND%20x%C3%A3%20th%C3%B4ng%20b%C3%A1o%3A%20h%E1%BB%8Dp%20l%C3%BAc%2017h30.&name=hop-dan&folder=tin"
        try await s.app().test(.router) { client in
            let (_, page) = try await client.get("/stations/xa/library")
            #expect(page.contains("Đọc văn bản") && page.contains("action=\"/stations/xa/library/speak\""))
            // "Xem cách đọc": the text as it will be read, the form keeping what was typed, nothing made.
            let (previewed, preview) = try await client.post("/stations/xa/library/speak", form: "text=G%E1%BB%8Di%200912%20345%20678%20l%C3%BAc%2017h30.&name=&folder=tin&preview=1")
            #expect(previewed == .ok && preview.contains("Sẽ được đọc là:") && preview.contains("Gọi không chín một hai, ba bốn năm, sáu bảy tám lúc mười bảy giờ ba mươi phút."))
            #expect(preview.contains(">Gọi 0912 345 678 lúc 17h30.</textarea>") && preview.contains("<details class=\"card noprint speak\" open>"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: s.fx.path("Audio/tin")).allSatisfy { !$0.hasSuffix(".txt") })
            let (ok, done) = try await client.post("/stations/xa/library/speak", form: form)
            #expect(ok == .ok && done.contains("Đã đọc thông báo vào “tin/hop-dan.wav”"), "\(done.prefix(300))")
            #expect(done.contains("tin/hop-dan.wav</td>"))
            #expect(FileManager.default.fileExists(atPath: s.fx.path("Audio/tin/hop-dan.txt")))
            // The same name again: 409, naming the file as the library shows it, not the server's path.
            let (again, againPage) = try await client.post("/stations/xa/library/speak", form: form)
            #expect(again == .conflict && againPage.contains("“tin/hop-dan.wav”") && !againPage.contains(s.fx.folder))
            // Hidden or parent folders are not the library's.
            #expect(try await client.post("/stations/xa/library/speak", form: form.replacingOccurrences(of: "folder=tin", with: "folder=..%2F..")).0 == .notFound)
            #expect(try await client.post("/stations/xa/library/speak", form: form.replacingOccurrences(of: "name=hop-dan", with: "name=..%2Fra")).0 == .unprocessableContent)
            try await client.execute(uri: "/stations/xa/library/speak", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: form.replacingOccurrences(of: "hop-dan", with: "khac"))) { #expect($0.status == .forbidden) }
        }
        #expect(!FileManager.default.fileExists(atPath: s.fx.path("Audio/tin/khac.wav")))
    }
}

@Suite("Web app: Trạm fields")
struct StationFieldsTests {
    @Test("A rule's minimum and maximum and a session's start and length changed with the fields: written into the file's own text (comments kept), checked, the previous version kept; a bad number or a stale page is refused and nothing written")
    func fields() async throws {
        let s = ServedStation(); defer { s.fx.remove() }
        let path = s.fx.path("Schedules/xa.yaml")
        let commented = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(of: "rules:\n", with: "rules:   # chỉ tiêu theo kế hoạch của xã\n")
        try commented.write(toFile: path, atomically: true, encoding: .utf8)
        let base = WeekFolder.sha256(Data(commented.utf8))
        try await s.app().test(.router) { client in
            let (_, page) = try await client.get("/stations/xa/station")
            #expect(page.contains("name=\"rule.nq57.min\" value=\"1\"") && page.contains("name=\"session.sang.length\" value=\"1m\""))
            let fields = "base=\(base)&rule.nq57.min=2&rule.nq57.max=3&session.sang.start=06%3A30&session.sang.length=2m"
            let (bad, badPage) = try await client.post("/stations/xa/station/fields", form: fields.replacingOccurrences(of: "min=2", with: "min=hai"))
            #expect(bad == .unprocessableContent && badPage.contains("tối thiểu và tối đa phải là số"))
            #expect(try String(contentsOfFile: path, encoding: .utf8) == commented)
            // The range is the station file's (0 to 1000 a week, as lichphat check reads it), not a page's own:
            // 150 is saved-worthy, 1001 and a maximum under the minimum are refused by the workspace.
            #expect(page.contains("max=\"1000\""))
            let (over, overPage) = try await client.post("/stations/xa/station/fields", form: fields.replacingOccurrences(of: "max=3", with: "max=1001"))
            #expect(over == .unprocessableContent && overPage.contains("từ 0 đến 1000"))
            let (under, _) = try await client.post("/stations/xa/station/fields", form: fields.replacingOccurrences(of: "max=3", with: "max=1"))
            #expect(under == .unprocessableContent)
            #expect(try String(contentsOfFile: path, encoding: .utf8) == commented)
            let (ok, saved) = try await client.post("/stations/xa/station/fields", form: fields)
            #expect(ok == .ok && saved.contains("Đã lưu tệp trạm"))
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.contains("per_week: {min: 2, max: 3}") && text.contains("start: \"06:30\"") && text.contains("length: 2m"))
            #expect(text.contains("# chỉ tiêu theo kế hoạch của xã"))
            #expect(text.replacingOccurrences(of: "per_week: {min: 2, max: 3}", with: "per_week: {min: 1, max: 2}")
                        .replacingOccurrences(of: "start: \"06:30\", length: 2m", with: "start: \"06:00\", length: 1m") == commented)
            let loaded = try s.site.workspace.loadStation(path)
            #expect(loaded.station.rules[0].perWeek.min == 2 && loaded.station.sessions[0].start == 6 * 3_600_000 + 30 * 60_000)
            #expect(try FileManager.default.contentsOfDirectory(atPath: s.fx.path("Schedules/.history")).count == 1)
            let (stale, _) = try await client.post("/stations/xa/station/fields", form: fields.replacingOccurrences(of: "min=2", with: "min=0"))
            #expect(stale == .conflict)
            // Items listed by themselves: their title and weekly quota; and the fill tags.
            let withQuota = text.replacingOccurrences(of: "file: nhac-hieu.wav}", with: "file: nhac-hieu.wav, per_week: {min: 0, max: 7}}")
            try withQuota.write(toFile: path, atomically: true, encoding: .utf8)
            let (_, itemsPage) = try await client.get("/stations/xa/station")
            #expect(itemsPage.contains("name=\"item.nhac-hieu.title\"") && itemsPage.contains("name=\"item.nhac-hieu.min\" value=\"0\"") && itemsPage.contains("name=\"fill\" value=\"tin\""))
            #expect(!itemsPage.contains("name=\"item.gioi-thieu.title\""))          // a folder's item is changed in its folder
            let itemFields = "base=\(WeekFolder.sha256(Data(withQuota.utf8)))&rule.nq57.min=2&rule.nq57.max=3&session.sang.start=06%3A30&session.sang.length=2m"
                + "&item.nhac-hieu.title=Nh%E1%BA%A1c%20hi%E1%BB%87u%20%22%C4%91%C3%A0i%22&item.nhac-hieu.min=1&item.nhac-hieu.max=7&fill=tin%2C%20nq57"
            let (itemsOK, _) = try await client.post("/stations/xa/station/fields", form: itemFields)
            #expect(itemsOK == .ok)
            let edited = try String(contentsOfFile: path, encoding: .utf8)
            #expect(edited.contains("title: \"Nhạc hiệu \\\"đài\\\"\"") && edited.contains("per_week: {min: 1, max: 7}") && edited.contains("fill: [tin, nq57]"), "\(edited)")
            let reloaded = try s.site.workspace.loadStation(path)
            #expect(reloaded.station.item("nhac-hieu")?.title == "Nhạc hiệu \"đài\"" && reloaded.station.fill == ["tin", "nq57"])
            let text2 = edited
            let (late, latePage) = try await client.post("/stations/xa/station/fields",
                                                         form: "base=\(WeekFolder.sha256(Data(text2.utf8)))&rule.nq57.min=2&rule.nq57.max=3&session.sang.start=23%3A30&session.sang.length=2h")
            #expect(late == .unprocessableContent && latePage.contains("qua nửa đêm"))
            #expect(try String(contentsOfFile: path, encoding: .utf8) == text2)
        }
    }
}

@Suite("API: the week as a versioned record")
struct APIRevisionTests {
    func send(_ client: some TestClientProtocol, _ uri: String, _ method: HTTPRequest.Method, json: String = "", headers extra: HTTPFields = [:]) async throws -> (HTTPResponse.Status, String, HTTPFields) {
        var headers: HTTPFields = [.contentType: "application/json"]
        headers.append(contentsOf: extra)
        return try await client.execute(uri: uri, method: method, headers: headers, body: ByteBuffer(string: json)) {
            ($0.status, String(buffer: $0.body), $0.headers)
        }
    }

    @Test("ETag and revision on the week; edits by airing id with If-Match; a stale If-Match is 409 with the revision now; approve needs one (428); history lists every revision; a retried Idempotency-Key is done once")
    func revisions() async throws {
        let s = ServedStation(); defer { s.fx.remove() }
        try await s.app().test(.router) { client in
            let base = "/api/stations/xa/weeks/2026-W48"
            let (planned, body, headers) = try await send(client, base + "/plan", .post, json: "{}", headers: [.ifMatch: "\"none\""])
            #expect(planned == .ok)
            let etag = try #require(headers[.eTag])
            let hash = revision(s)
            #expect(etag == "\"\(hash)\"" && compact(body).contains("\"revision\":{\"hash\":\"\(hash)\",\"number\":1}"))
            let doc = try JSONDecoder().decode(ScheduleDocument.self, from: Data(contentsOf: URL(fileURLWithPath: s.fx.path("Schedules/xa/2026-W48/schedule.json"))))
            let ids = doc.sessions.flatMap(\.airings).compactMap(\.id)
            #expect(ids.count == doc.sessions.flatMap(\.airings).count && Set(ids).count == ids.count)
            // Remove one airing by id, on the revision seen.
            let victim = ids[1], other = ids[3]
            let (removed, after, h2) = try await send(client, base + "/airings/" + victim, .delete, headers: [.ifMatch: etag, HTTPField.Name("Idempotency-Key")!: "k-1"])
            #expect(removed == .ok && !after.contains("\"id\": \"\(victim)\"") && h2[.eTag] != etag)
            // The same call retried: the first outcome, nothing removed twice.
            let (retried, _, _) = try await send(client, base + "/airings/" + victim, .delete, headers: [.ifMatch: etag, HTTPField.Name("Idempotency-Key")!: "k-1"])
            #expect(retried == .ok)
            // A stale If-Match: 409 with the revision now, nothing removed.
            let (stale, staleBody, _) = try await send(client, base + "/airings/" + other, .delete, headers: [.ifMatch: etag])
            #expect(stale == .conflict && compact(staleBody).contains("\"number\":2"))
            let (pinStale, _, _) = try await send(client, base + "/airings/" + other + "/pin", .post, json: #"{"pinned": true}"#, headers: [.ifMatch: etag])
            #expect(pinStale == .conflict)
            let (pinned, _, h3) = try await send(client, base + "/airings/" + other + "/pin", .post, json: #"{"pinned": true}"#, headers: [.ifMatch: h2[.eTag] ?? ""])
            #expect(pinned == .ok)
            let (noSuch, _, _) = try await send(client, base + "/airings/2026-11-23.sang.khong-co", .delete)
            #expect(noSuch == .notFound)
            // A week not planned: 404 naming the week, never the server's folders.
            let (unplanned, unplannedBody, _) = try await send(client, "/api/stations/xa/weeks/2026-W50/airings/2026-12-07.sang.x", .delete)
            #expect(unplanned == .notFound && unplannedBody.contains("2026-W50") && !unplannedBody.contains(s.fx.folder), "\(unplannedBody)")
            let (badMatch, _, _) = try await send(client, base + "/airings/" + other, .delete, headers: [.ifMatch: "abc"])
            #expect(badMatch == .badRequest)
            // If-Match: * on a week that has no revision yet: 409 (there is nothing to match).
            let (starNone, _, _) = try await send(client, "/api/stations/xa/weeks/2026-W49/airings/2026-11-30.sang.x", .delete, headers: [.ifMatch: "*"])
            #expect(starNone == .conflict, "\(starNone)")
            // Approve: without a revision 428; with a stale one 409 and nothing approved; with the current one 200.
            let (blind, _, _) = try await send(client, base + "/approve", .post, json: #"{"by": "A"}"#)
            #expect(blind == .preconditionRequired)
            // If-Match: * (any revision) is not a revision seen: still 428 for an approval.
            let (star, _, _) = try await send(client, base + "/approve", .post, json: #"{"by": "A"}"#, headers: [.ifMatch: "*"])
            #expect(star == .preconditionRequired)
            // A weak tag never matches (If-Match compares strongly): 409, even with the current hash.
            let (weak, _, _) = try await send(client, base + "/approve", .post, json: #"{"by": "A"}"#, headers: [.ifMatch: "W/" + (h3[.eTag] ?? "")])
            #expect(weak == .conflict && !FileManager.default.fileExists(atPath: s.fx.path("Schedules/xa/2026-W48/approval.json")))
            // Without a name (no accounts): the workspace's rule, 422 as from the page.
            let (nameless, _, _) = try await send(client, base + "/approve", .post, json: "{}", headers: [.ifMatch: h3[.eTag] ?? ""])
            #expect(nameless == .unprocessableContent)
            let (staleApprove, _, _) = try await send(client, base + "/approve", .post, json: #"{"by": "A"}"#, headers: [.ifMatch: etag])
            #expect(staleApprove == .conflict && !FileManager.default.fileExists(atPath: s.fx.path("Schedules/xa/2026-W48/approval.json")))
            let (approved, a, _) = try await send(client, base + "/approve", .post, json: #"{"by": "A"}"#, headers: [.ifMatch: h3[.eTag] ?? ""])
            #expect(approved == .ok && compact(a).contains("\"revision\":3"))
            // Planning an approved week: 409, whatever If-Match says.
            let (replan, _, _) = try await send(client, base + "/plan", .post, json: "{}", headers: [.ifMatch: h3[.eTag] ?? ""])
            #expect(replan == .conflict)
            let (ok, history, _) = try await send(client, base + "/history", .get)
            #expect(ok == .ok)
            let h = try JSONDecoder().decode(WeekHistory.self, from: Data(history.utf8))
            #expect(h.revisions.map(\.kind) == [.plan, .edit, .pin] && h.revisions.map(\.via) == [.api, .api, .api])
            #expect(h.revisions[1].changes.contains { $0.change == .removed && $0.airing == victim } && h.revisions[2].approved?.by == "A")
            let (none, _, _) = try await send(client, "/api/stations/xa/weeks/2026-W49/history", .get)
            #expect(none == .notFound)
        }
    }

    @Test("A running week (the site's clock: Wednesday 18/11 11:06): a session that has begun is neither edited nor re-planned; later ones are")
    func runningWeek() async throws {
        let s = ServedStation(); defer { s.fx.remove() }
        try await s.app().test(.router) { client in
            let base = "/api/stations/xa/weeks/2026-W47"
            let (planned, _, _) = try await send(client, base + "/plan", .post, json: "{}")
            #expect(planned == .ok)
            let doc = try JSONDecoder().decode(ScheduleDocument.self, from: Data(contentsOf: URL(fileURLWithPath: s.fx.path("Schedules/xa/2026-W47/schedule.json"))))
            let monday = try #require(doc.sessions.first { $0.date == "2026-11-16" })
            #expect(monday.airings.allSatisfy { $0.item == "nhac-hieu" })     // begun before it was planned: nothing but its opening
            let friday = try #require(doc.sessions.first { $0.date == "2026-11-20" })
            let (begun, said, _) = try await send(client, base + "/airings/" + (monday.airings[0].id ?? ""), .delete)
            #expect(begun == .conflict && said.contains("đã bắt đầu"))
            let later = try #require(friday.airings.last?.id)
            let (removed, _, _) = try await send(client, base + "/airings/" + later, .delete)
            #expect(removed == .ok)
        }
    }

    @Test("Planned again to the same airings but with a new pin: the pin is kept (a new revision), not lost as 'unchanged'; planned again with nothing new: unchanged")
    func replanKeepsNewPins() async throws {
        let s = ServedStation(); defer { s.fx.remove() }
        try await s.app().test(.router) { client in
            let base = "/api/stations/xa/weeks/2026-W48"
            _ = try await send(client, base + "/plan", .post, json: "{}")
            let doc = try JSONDecoder().decode(ScheduleDocument.self, from: Data(contentsOf: URL(fileURLWithPath: s.fx.path("Schedules/xa/2026-W48/schedule.json"))))
            let session = try #require(doc.sessions.last)
            let item = try #require(session.airings.last?.item)
            let (same, _, _) = try await send(client, base + "/plan", .post, json: "{}")
            #expect(same == .ok && WeekFolder.history(of: s.fx.path("Schedules/xa/2026-W48")).revisions.count == 1)
            let (pinned, _, _) = try await send(client, base + "/plan", .post, json: #"{"pins": [{"date": "\#(session.date)", "session": "\#(session.id)", "item": "\#(item)"}]}"#)
            #expect(pinned == .ok)
            #expect(ScheduleExport.pins(inWeek: s.fx.path("Schedules/xa/2026-W48")).contains(Pin(date: session.date, session: session.id, item: item)))
            #expect(WeekFolder.history(of: s.fx.path("Schedules/xa/2026-W48")).revisions.count == 2)
        }
    }

    @Test("A render that was running when the server stopped is reported as interrupted, on the page and in the API (its record is on disk)")
    func interruptedRender() async throws {
        let s = ServedStation(); defer { s.fx.remove() }
        try await s.app().test(.router) { client in
            _ = try await send(client, "/api/stations/xa/weeks/2026-W48/plan", .post, json: "{}")
            // What a server killed in the middle of a render left beside the week.
            try #"{"pid": 999999, "state": "running", "format": "mp3"}"#.write(toFile: s.fx.path("Schedules/xa/.2026-W48.render-job.json"), atomically: true, encoding: .utf8)
            let (status, body, _) = try await send(client, "/api/stations/xa/weeks/2026-W48/render", .get)
            #expect(status == .ok && compact(body).contains("\"state\":\"failed\"") && body.contains("gián đoạn"))
            let (_, page) = try await client.get("/stations/xa/weeks/2026-W48")
            #expect(page.contains("Lần xuất trước bị gián đoạn"))
        }
    }

    @Test("A plan form sent twice (a double-click) reports success twice and writes one revision")
    func doubleSubmit() async throws {
        let s = ServedStation(); defer { s.fx.remove() }
        try await s.app().test(.router) { client in
            async let first = client.post("/stations/xa/weeks/2026-W48/plan", form: "revision=none&request=page-1-plan")
            async let second = client.post("/stations/xa/weeks/2026-W48/plan", form: "revision=none&request=page-1-plan")
            let (a, b) = try await (first, second)
            #expect(a.0 == .ok && b.0 == .ok)
            for page in [a.1, b.1] {
                #expect(!page.contains("đang được ghi ở nơi khác") && !page.contains("Tuần này chưa lập lịch"))
                #expect(page.contains("bản 1"))
            }
            #expect(WeekFolder.history(of: s.fx.path("Schedules/xa/2026-W48")).revisions.count == 1)
        }
    }
}

@Suite("Web app: the play-log form")
struct PlayLogFormTests {
    @Test("The play-log form remembers the station a log was sent for (stored or refused), instead of going back to the first")
    func remembersStation() async throws {
        let s = ServedStation(); defer { s.fx.remove() }
        // A second station, after xa in the list.
        let text = try String(contentsOfFile: s.fx.path("Schedules/xa.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "station: {id: xa, name: \"Đài truyền thanh xã Thử\"}", with: "station: {id: yb, name: \"Đài truyền thanh xã Yên\"}")
        try text.write(toFile: s.fx.path("Schedules/yb.yaml"), atomically: true, encoding: .utf8)
        try await s.app().test(.router) { client in
            func send(_ name: String, _ body: String) async throws -> (HTTPResponse.Status, String) {
                let (type, bytes) = multipartBody(fields: [("station", "yb"), ("csrf", formToken)], files: [("files", name, Array(body.utf8))])
                let r = try await client.execute(uri: "/reports/logs", method: .post, headers: [.contentType: type, .cookie: "lichphat_form=\(formToken)"], body: bytes)
                guard r.status == .seeOther, let location = r.headers[.location] else { return (r.status, String(buffer: r.body)) }
                let (_, page) = try await client.get(location)
                return (r.status, page)
            }
            let selected = "<option value=\"yb\" selected>"
            let (stored, page) = try await send("yb.csv", xaLog)
            #expect(stored == .seeOther && page.contains(selected) && !page.contains("<option value=\"xa\" selected>"))
            let (refused, again) = try await send("trống.csv", "start,file\n")
            #expect(refused == .unprocessableContent && again.contains(selected))
        }
    }
}

@Suite("Web app: library care")
struct LibraryCareWebTests {
    @Test("DELETE …/library/{path} takes a file out (204) or says what uses it (409); PUT replaces it with a new version (200, 422 when it does not play); the page's forms do the same; nothing outside the library is reached")
    func care() async throws {
        let s = ServedStation(extraAudio: ["le/thừa.wav": 2, "le/dư.wav": 2]); defer { s.fx.remove() }
        try await s.app().test(.router) { client in
            _ = try await client.post("/stations/xa/weeks/2026-W48/plan", form: "")
            // The opening jingle is named by an item: 409 with the item, nothing removed.
            try await client.execute(uri: "/api/stations/xa/library/nhac-hieu.wav", method: .delete) { r in
                #expect(r.status == .conflict)
                let body = compact(String(buffer: r.body))
                #expect(body.contains(#""reason":"audio-in-use""#) && body.contains(#""items":["nhac-hieu"]"#), "\(body)")
            }
            #expect(FileManager.default.fileExists(atPath: s.fx.path("Audio/nhac-hieu.wav")))
            // A file nothing uses: 204, set aside; a second time 404.
            try await client.execute(uri: "/api/stations/xa/library/le/th%E1%BB%ABa.wav", method: .delete) { r in #expect(r.status == .noContent) }
            #expect(!FileManager.default.fileExists(atPath: s.fx.path("Audio/le/thừa.wav")))
            try await client.execute(uri: "/api/stations/xa/library/le/th%E1%BB%ABa.wav", method: .delete) { r in #expect(r.status == .notFound) }
            // Out of the library, hidden, or the station file: never.
            for uri in ["/api/stations/xa/library/..%2FSchedules%2Fxa.yaml", "/api/stations/xa/library/.removed/x.wav", "/api/stations/xa/library/%2Fetc%2Fpasswd"] {
                try await client.execute(uri: uri, method: .delete) { r in #expect(r.status.code >= 400 && r.status != .noContent, "\(uri)") }
            }
            #expect(FileManager.default.fileExists(atPath: s.fx.path("Schedules/xa.yaml")))
            // PUT: a new version of the jingle, aired by W48 (not yet over): of another length it is refused
            // (409, the week was timed with the old one); of the same length it is replaced in place, the old kept aside; junk is 422.
            let longer = try Data(contentsOf: URL(fileURLWithPath: s.fx.path("Audio/tin/tin xã.wav")))
            try await client.execute(uri: "/api/stations/xa/library/nhac-hieu.wav", method: .put, headers: [.contentType: "audio/wav"], body: ByteBuffer(bytes: longer)) { r in
                #expect(r.status == .conflict && compact(String(buffer: r.body)).contains(#""reason":"replacement-length""#))
            }
            let fresh = try Data(contentsOf: URL(fileURLWithPath: s.fx.path("Audio/le/dư.wav")))
            try await client.execute(uri: "/api/stations/xa/library/nhac-hieu.wav", method: .put, headers: [.contentType: "audio/wav"], body: ByteBuffer(bytes: fresh)) { r in
                #expect(r.status == .ok && String(buffer: r.body).contains("nhac-hieu.wav"))
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: s.fx.path("Audio/nhac-hieu.wav"))) == fresh)
            try await client.execute(uri: "/api/stations/xa/library/nhac-hieu.wav", method: .put, headers: [.contentType: "audio/wav"], body: ByteBuffer(string: "rác")) { r in
                #expect(r.status == .unprocessableContent)
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: s.fx.path("Audio/nhac-hieu.wav"))) == fresh)
            // The page: remove refused with the reason, in words.
            let (refused, page) = try await client.post("/stations/xa/library/remove", form: "path=nhac-hieu.wav")
            #expect(refused == .conflict && page.contains("Chưa xoá “nhac-hieu.wav”") && page.contains("nhac-hieu"))
            let (_, library) = try await client.get("/stations/xa/library")
            #expect(library.contains("action=\"/stations/xa/library/remove\"") && library.contains("action=\"/stations/xa/library/replace\"") && library.contains("action=\"/stations/xa/library/rename\""))
            // Rename from the page: a file nothing uses; the jingle (named by an item) is refused.
            let (renamed, after) = try await client.post("/stations/xa/library/rename", form: "path=le%2Fd%C6%B0.wav&name=d%C6%B0%20m%E1%BB%9Bi.wav")
            #expect(renamed == .ok && after.contains("Đã đổi tên “le/dư.wav” thành “le/dư mới.wav”"), "\(renamed)")
            let (kept, _) = try await client.post("/stations/xa/library/rename", form: "path=nhac-hieu.wav&name=khac.wav")
            #expect(kept == .conflict && FileManager.default.fileExists(atPath: s.fx.path("Audio/nhac-hieu.wav")))
            // Spool emptied after the PUTs.
            #expect(try FileManager.default.contentsOfDirectory(atPath: s.site.spool).isEmpty)
        }
    }
}
