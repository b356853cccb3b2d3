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

/// A served folder: Schedules/xa.yaml over Audio/ with short tones, and a fixed clock
/// (Wednesday 2026-11-18, so this week is 2026-W47 and next week 2026-W48).
struct ServedStation {
    let fx = Fixtures(prefix: "lichphat-web-")
    var root: String { fx.path("Schedules") }
    let site: Site

    init(extraAudio: [String: Double] = [:]) {
        for (name, seconds) in ["nhac-hieu.wav": 2.0, "nq57/gioi thieu.wav": 5, "tin/thông báo tiêm chủng.wav": 3, "tin/tin xã.wav": 4].merging(extraAudio, uniquingKeysWith: { a, _ in a }) {
            fx.tone("Audio/" + name, seconds: seconds, rate: 8000)
        }
        try! FileManager.default.createDirectory(atPath: fx.path("Schedules"), withIntermediateDirectories: true)
        try! """
        station: {id: xa, name: "Đài truyền thanh xã Thử"}
        audio: ../Audio
        policy: {loudness_tolerance: 40, min_sample_rate: 8000}
        sessions:
          - {id: sang, name: "Buổi sáng", days: daily, start: "06:00", length: 1m, open: [nhac-hieu]}
        items:
          - {id: nhac-hieu, title: "Nhạc hiệu", file: nhac-hieu.wav}
          - {folder: nq57/, tags: [nq57]}
          - {folder: tin/, tags: [tin]}
        rules:
          - {id: nq57, name: "Tuyên truyền NQ57", tags: [nq57], per_week: {min: 1, max: 2}}
        fill: [tin]
        repeat_gap: 1h
        """.write(toFile: fx.path("Schedules/xa.yaml"), atomically: true, encoding: .utf8)
        site = Site(root: fx.path("Schedules"), workspace: Workspace(catalog: .none, lang: .vi,
                                                                    now: { Date(timeIntervalSince1970: 1_795_000_000) }))
    }

    func app() throws -> some ApplicationProtocol { try WebServer.buildApplication(site: site) }
}

/// A JSON answer re-encoded compactly with sorted keys, so tests can look for `"key":value`.
func compact(_ json: String) -> String {
    guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)),
          let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return json }
    return String(decoding: data, as: UTF8.self)
}

/// The revision a page of the week would show (its schedule.json's SHA-256), for forms and `If-Match`.
func revision(_ s: ServedStation, _ week: String = "2026-W48") -> String {
    WeekFolder.history(of: s.fx.path("Schedules/xa/" + week)).current?.hash ?? "none"
}

/// A form token as a browser holds it: the `lichphat_form` cookie, posted back in each form.
let formToken = String(repeating: "T", count: 43)

extension TestClientProtocol {
    func get(_ uri: String) async throws -> (HTTPResponse.Status, String) {
        try await execute(uri: uri, method: .get) { ($0.status, String(buffer: $0.body)) }
    }
    /// A page's form, posted with this browser's token (as the pages' forms carry it); a redirect
    /// is followed as a browser would, with the one-time message cookie it sets.
    func post(_ uri: String, form: String) async throws -> (HTTPResponse.Status, String) {
        let r = try await execute(uri: uri, method: .post, headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "lichphat_form=\(formToken)"],
                                  body: ByteBuffer(string: form + (form.isEmpty ? "" : "&") + "csrf=\(formToken)"))
        guard r.status == .seeOther, let location = r.headers[.location] else { return (r.status, String(buffer: r.body)) }
        let flash = r.headers[values: .setCookie].first { $0.hasPrefix("lichphat_flash=") }.map { String($0.split(separator: ";")[0]) }
        return try await execute(uri: location, method: .get, headers: [.cookie: ["lichphat_form=\(formToken)", flash].compactMap { $0 }.joined(separator: "; ")]) {
            ($0.status, String(buffer: $0.body))
        }
    }
    func post(_ uri: String, json: String) async throws -> (HTTPResponse.Status, String) {
        try await execute(uri: uri, method: .post, headers: [.contentType: "application/json"],
                          body: ByteBuffer(string: json)) { ($0.status, String(buffer: $0.body)) }
    }
}

@Suite("Web app: pages and API through the router")
struct RouterTests {
    @Test("Tổng quan lists the station with its weeks, its library and what to do next, in Vietnamese; English on request")
    func overview() async throws {
        let s = ServedStation(); defer { s.fx.remove() }
        try await s.app().test(.router) { client in
            let (status, html) = try await client.get("/")
            #expect(status == .ok)
            #expect(html.contains("Đài truyền thanh xã Thử"))
            #expect(html.contains("2026-W47") && html.contains("2026-W48"))
            #expect(html.contains("chưa lập lịch"))
            #expect(html.contains("4 tệp"))
            // The to-do list, most urgent first and in red: the running week has no plan, so nothing airs as planned.
            let urgent = try #require(html.range(of: "<li class=\"urgent\"><a href=\"/stations/xa/weeks/2026-W47\">Tuần này (2026-W47) CHƯA CÓ LỊCH"))
            let plan = try #require(html.range(of: "Lập lịch tuần sau (2026-W48)."))
            #expect(urgent.lowerBound < plan.lowerBound)
            let (_, en) = try await client.get("/?lang=en")
            #expect(en.contains("Overview") && en.contains("Plan next week (2026-W48).") && en.contains("has NO PLAN"))
            // Planned and approved both weeks: nothing urgent is left, and it says so.
            for week in ["2026-W47", "2026-W48"] {
                _ = try await client.post("/stations/xa/weeks/\(week)/plan", form: "")
                _ = try await client.post("/stations/xa/weeks/\(week)/approve", form: "by=Tr%E1%BA%A7n%20Th%E1%BB%8B%20B&revision=\(revision(s, week))")
            }
            let (_, after) = try await client.get("/")
            #expect(!after.contains("class=\"urgent\"") && after.contains("Không có việc gì gấp"), "\(after)")
        }
    }

    @Test("Thư viện: every file with length and problems; search without diacritics; audio served with ranges")
    func library() async throws {
        let s = ServedStation(); defer { s.fx.remove() }
        try await s.app().test(.router) { client in
            let (status, html) = try await client.get("/stations/xa/library")
            #expect(status == .ok)
            #expect(html.contains("tin/thông báo tiêm chủng.wav") && html.contains("nq57/gioi thieu.wav"))
            #expect(html.contains("Bù âm lượng (dB)"))
            let (_, found) = try await client.get("/stations/xa/library?q=thong%20bao")
            #expect(found.contains("thông báo tiêm chủng.wav"))
            #expect(!found.contains("gioi thieu.wav"))
            #expect(found.contains("1 / 4"))
            let (_, asForm) = try await client.get("/stations/xa/library?q=thong+bao")   // as a browser's form sends it
            #expect(asForm.contains("1 / 4"))
            // The player's source, with a range request as a browser makes it.
            let src = "/audio/xa/tin/th%C3%B4ng%20b%C3%A1o%20ti%C3%AAm%20ch%E1%BB%A7ng.wav"
            #expect(html.contains(src))
            try await client.execute(uri: src, method: .get, headers: [.range: "bytes=0-99"]) { response in
                #expect(response.status == .partialContent)
                #expect(response.body.readableBytes == 100)
                #expect(response.headers[.contentRange]?.hasPrefix("bytes 0-99/") == true)
            }
            try await client.execute(uri: "/audio/xa/../Schedules/xa.yaml", method: .get) { #expect($0.status != .ok) }
            try await client.execute(uri: "/audio/xa/%2E%2E/Schedules/xa.yaml", method: .get) { #expect($0.status != .ok) }
        }
    }

    @Test("Lịch tuần: plan a week, see the grid and quotas, approve it; an approved week is read-only and never re-planned")
    func weekFlow() async throws {
        let s = ServedStation(); defer { s.fx.remove() }
        try await s.app().test(.router) { client in
            let (_, empty) = try await client.get("/stations/xa/weeks/2026-W48")
            #expect(empty.contains("Tuần này chưa lập lịch."))
            let (planned, page) = try await client.post("/stations/xa/weeks/2026-W48/plan", form: "")
            #expect(planned == .ok)
            #expect(page.contains("Đã lập lịch tuần 2026-W48"))
            #expect(page.contains("Thứ Hai") && page.contains("Nhạc hiệu") && page.contains("06:00:00"))
            #expect(page.contains("Tuyên truyền NQ57") && page.contains("đạt"))
            #expect(FileManager.default.fileExists(atPath: s.fx.path("Schedules/xa/2026-W48/schedule.json")))

            let (printed, sheet) = try await client.get("/stations/xa/weeks/2026-W48/print")
            #expect(printed == .ok && sheet.contains("LỊCH PHÁT SÓNG") && sheet.contains("Người lập"))
            let (notYet, _) = try await client.get("/stations/xa/weeks/2026-W50/print")
            #expect(notYet == .notFound)
            #expect(page.contains("name=\"revision\" value=\"\(revision(s))\""))   // every form says which revision it showed
            // Without the revision it saw, an approval is refused (428): nothing is approved blind.
            let (blind, _) = try await client.post("/stations/xa/weeks/2026-W48/approve", form: "by=A")
            #expect(blind == .preconditionRequired && !FileManager.default.fileExists(atPath: s.fx.path("Schedules/xa/2026-W48/approval.json")))
            let (approved, after) = try await client.post("/stations/xa/weeks/2026-W48/approve", form: "by=Nguy%E1%BB%85n+V%C4%83n+A&revision=\(revision(s))")
            #expect(approved == .ok)
            #expect(after.contains("Nguyễn Văn A") && after.contains("đã duyệt") && after.contains("bản 1"))
            // The sheet printed after approval carries the approval recorded in the app under "Duyệt" (before: an empty line).
            #expect(sheet.contains("Duyệt") && !sheet.contains("Đã duyệt trong LichPhat"))
            let (_, approvedSheet) = try await client.get("/stations/xa/weeks/2026-W48/print")
            #expect(approvedSheet.contains("Đã duyệt trong LichPhat: Nguyễn Văn A,") && approvedSheet.contains("bản 1.") && !approvedSheet.contains("lichphat:approval"))
            #expect(!after.contains("/weeks/2026-W48/plan\""))     // no plan button on an approved week
            let (again, refused) = try await client.post("/stations/xa/weeks/2026-W48/plan", form: "")
            #expect(again == .conflict)
            #expect(refused.contains("không lập lại cả tuần"))
            let (twice, _) = try await client.post("/stations/xa/weeks/2026-W48/approve", form: "by=B&revision=\(revision(s))")
            #expect(twice == .conflict)
            _ = try await client.post("/stations/xa/weeks/2026-W49/plan", form: "")
            let (noName, _) = try await client.post("/stations/xa/weeks/2026-W49/approve", form: "by=%20&revision=\(revision(s, "2026-W49"))")
            #expect(noName == .unprocessableContent)
        }
    }

    @Test("A week changed after approval is shown in red, on the page and in the API")
    func modified() async throws {
        let s = ServedStation(); defer { s.fx.remove() }
        try await s.app().test(.router) { client in
            _ = try await client.post("/stations/xa/weeks/2026-W48/plan", form: "")
            _ = try await client.post("/stations/xa/weeks/2026-W48/approve", form: "by=A&revision=\(revision(s))")
            let json = s.fx.path("Schedules/xa/2026-W48/schedule.json")
            try (try String(contentsOfFile: json, encoding: .utf8) + " ").write(toFile: json, atomically: true, encoding: .utf8)
            let (_, page) = try await client.get("/stations/xa/weeks/2026-W48")
            #expect(page.contains("modified-banner") && page.contains("ĐÃ SỬA SAU KHI DUYỆT"))
            let api = compact(try await client.get("/api/stations/xa/weeks/2026-W48").1)
            #expect(api.contains(#""approval":{"at":"#) && api.contains(#""state":"modified""#))
        }
    }

    @Test("API: stations, a week as written with its approval, plan and approve as JSON; errors with a status and a message")
    func api() async throws {
        let s = ServedStation(); defer { s.fx.remove() }
        try await s.app().test(.router) { client in
            let (ok, list) = try await client.get("/api/stations")
            let stations = try #require(try JSONSerialization.jsonObject(with: Data(list.utf8)) as? [[String: String]])
            #expect(ok == .ok && stations == [["id": "xa", "name": "Đài truyền thanh xã Thử", "timezone": "Asia/Ho_Chi_Minh"]])
            let (notPlanned, np) = try await client.get("/api/stations/xa/weeks/2026-W48")
            #expect(notPlanned == .notFound && np.contains(#""code":"not-planned""#))
            let (planned, body) = try await client.post("/api/stations/xa/weeks/2026-W48/plan", json: "")
            #expect(planned == .ok && compact(body).contains(#""approval":{"state":"draft"}"#) && compact(body).contains(#""schema":"lichphat/schedule@1""#))
            // No approver's name: the workspace's rule, 422 (as the page and the command line refuse it).
            let (bad, badBody) = try await client.post("/api/stations/xa/weeks/2026-W48/approve", json: "{\"name\": 1, \"revision\": \"\(revision(s))\"}")
            #expect(bad == .unprocessableContent && badBody.contains("họ tên"))
            let (blind, b) = try await client.post("/api/stations/xa/weeks/2026-W48/approve?lang=en", json: "{\"by\": \"Trần Thị B\"}")
            #expect(blind == .preconditionRequired && b.contains("If-Match"))
            let (approved, a) = try await client.post("/api/stations/xa/weeks/2026-W48/approve?lang=en", json: "{\"by\": \"Trần Thị B\", \"revision\": \"\(revision(s))\"}")
            #expect(approved == .ok && a.contains(#""by":"Trần Thị B""#) && a.contains(#""sha256""#) && a.contains(#""revision":1"#))
            let (libraryStatus, library) = try await client.get("/api/stations/xa/library")
            #expect(libraryStatus == .ok && library.contains("thông báo tiêm chủng.wav") && library.contains(#""gain""#))
            try await client.execute(uri: "/api/stations/xa/weeks/2026-W48/files/schedule.ics", method: .get) { response in
                #expect(response.status == .ok && response.headers[.contentType] == "text/calendar; charset=utf-8")
                #expect(String(buffer: response.body).hasPrefix("BEGIN:VCALENDAR"))
            }
            let (noFile, _) = try await client.get("/api/stations/xa/weeks/2026-W48/files/..%2F..%2Fxa.yaml")
            #expect(noFile == .notFound)
            let (hidden, _) = try await client.get("/api/stations/xa/weeks/2026-W48/files/.lock")
            #expect(hidden == .notFound)
            let week = compact(try await client.get("/api/stations/xa/weeks/2026-W48").1)
            #expect(week.contains(#""state":"approved""#) && week.contains(#""by":"Trần Thị B""#))
            let (again, conflict) = try await client.post("/api/stations/xa/weeks/2026-W48/plan", json: "")
            #expect(again == .conflict && conflict.contains(#""code":"conflict""#))
            let (missing, m) = try await client.get("/api/stations/khong-co/weeks/2026-W48")
            #expect(missing == .notFound && m.contains(#""code":"not-found""#))
            // A week that cannot exist is a bad request, said in the request's language only.
            for uri in ["/api/stations/xa/weeks/2026-W99", "/api/stations/xa/weeks/2026-W00", "/api/stations/xa/weeks/2027-W53", "/api/stations/xa/weeks/0000-W01"] {
                let (noWeek, said) = try await client.get(uri)
                #expect(noWeek == .badRequest && said.contains("không có") && !said.contains("There is"), "\(uri)")
            }
            let (enWeek, enSaid) = try await client.get("/api/stations/xa/weeks/2026-W99?lang=en")
            #expect(enWeek == .badRequest && enSaid.contains("There is no week") && !enSaid.contains("Tuần"))
            let (malformed, mSaid) = try await client.get("/api/stations/xa/weeks/2026-48?lang=en")
            #expect(malformed == .badRequest && !mSaid.contains("tuần viết"))
            // A JSON body over 64 KB: 413 with the limit in words.
            let (large, lSaid) = try await client.post("/api/stations/xa/weeks/2026-W48/amend", json: "{\"item\": \"" + String(repeating: "a", count: 70_000) + "\"}")
            #expect(large == .contentTooLarge && lSaid.contains("64 KB") && !lSaid.contains("NIO"))
            // Many form fields, each under 64 KB, together over 256 KB (kept in memory): 413, not held.
            let (fieldsType, fieldsBody) = multipartBody(fields: (0..<5).map { ("f\($0)", String(repeating: "x", count: 60_000)) }, files: [])
            try await client.execute(uri: "/api/stations/xa/library", method: .post, headers: [.contentType: fieldsType], body: fieldsBody) { r in
                #expect(r.status == .contentTooLarge && String(buffer: r.body).contains("256 KB"))
            }
            // Framing by another site is refused by the browser.
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "SAMEORIGIN")
                #expect(response.headers[HTTPField.Name("Content-Security-Policy")!]?.contains("frame-ancestors 'self'") == true)
            }
            let (badWeek, _) = try await client.get("/api/stations/xa/weeks/2026-48")
            #expect(badWeek == .badRequest)
            let (badLang, _) = try await client.get("/api/stations?lang=fr")
            #expect(badLang == .badRequest)
            try await client.execute(uri: "/api/stations/xa/weeks/2026-W48/plan", method: .get) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "POST")
            }
            try await client.execute(uri: "/api/stations", method: .delete) { #expect($0.status == .methodNotAllowed) }
            let (_, spec) = try await client.get("/openapi.json")
            let committed = try String(contentsOfFile: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("../../schemas/openapi.json").path, encoding: .utf8)
            #expect(spec.trimmingCharacters(in: .whitespacesAndNewlines) == committed.trimmingCharacters(in: .whitespacesAndNewlines))   // the document served is the one committed
        }
    }

    @Test("A week that cannot meet a minimum is not written, by the page or the API, unless asked (as lichphat plan without --allow-shortfall)")
    func shortfall() async throws {
        let s = ServedStation(); defer { s.fx.remove() }
        // Two NQ57 airings a week: the only programme may air once a day, but only on Saturdays now.
        let yaml = s.fx.path("Schedules/xa.yaml")
        try (try String(contentsOfFile: yaml, encoding: .utf8)).replacingOccurrences(of: "- {folder: nq57/, tags: [nq57]}", with: "- {folder: nq57/, tags: [nq57], days: [sat]}")
            .replacingOccurrences(of: "per_week: {min: 1, max: 2}", with: "per_week: {min: 2, max: 2}").write(toFile: yaml, atomically: true, encoding: .utf8)
        try await s.app().test(.router) { client in
            let (page, html) = try await client.post("/stations/xa/weeks/2026-W48/plan", form: "")
            #expect(page == .unprocessableContent && html.contains("Chưa ghi tuần 2026-W48") && html.contains("name=\"allowShortfall\""))
            #expect(!FileManager.default.fileExists(atPath: s.fx.path("Schedules/xa/2026-W48/schedule.json")))
            let (api, body) = try await client.post("/api/stations/xa/weeks/2026-W48/plan", json: "{}")
            #expect(api == .unprocessableContent && body.contains(#""code":"shortfall""#))
            let (anyway, written) = try await client.post("/api/stations/xa/weeks/2026-W48/plan", json: #"{"allowShortfall": true}"#)
            #expect(anyway == .ok && compact(written).contains(#""compliant":false"#))
            let (_, notes) = try await client.get("/stations/xa/weeks/2026-W48")
            #expect(notes.contains("<h2>Ghi chú</h2>"))          // the planner's notes under their heading
            let (_, _) = try await client.post("/stations/xa/weeks/2026-W49/plan", form: "allowShortfall=1")
            #expect(FileManager.default.fileExists(atPath: s.fx.path("Schedules/xa/2026-W49/schedule.json")))
        }
    }

    @Test("A station file with errors is shown with its errors, not a crash")
    func brokenStation() async throws {
        let s = ServedStation(); defer { s.fx.remove() }
        try "station: {id: hong, name: X}\nsesions: []\n".write(toFile: s.fx.path("Schedules/hong.yaml"), atomically: true, encoding: .utf8)
        try await s.app().test(.router) { client in
            let (status, html) = try await client.get("/")
            #expect(status == .ok)
            #expect(html.contains("hong.yaml") && html.contains("sesions"))
            let (_, api) = try await client.get("/api/stations")
            #expect(api.contains(#""id":"xa""#) && !api.contains("hong"))   // the API lists the stations that read
        }
    }
}

@Suite("Web app: uploading audio")
struct UploadTests {
    func multipart(folder: String, files: [(String, [UInt8])], token: String? = formToken) -> (String, ByteBuffer) {
        let boundary = "----lichphat-test-boundary"
        var body: [UInt8] = []
        func add(_ s: String) { body += Array(s.utf8) }
        add("--\(boundary)\r\nContent-Disposition: form-data; name=\"folder\"\r\n\r\n\(folder)\r\n")
        if let token { add("--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(token)\r\n") }
        for (name, bytes) in files {
            add("--\(boundary)\r\nContent-Disposition: form-data; name=\"files\"; filename=\"\(name)\"\r\nContent-Type: audio/wav\r\n\r\n")
            body += bytes
            add("\r\n")
        }
        add("--\(boundary)--\r\n")
        return ("multipart/form-data; boundary=\(boundary)", ByteBuffer(bytes: body))
    }

    @Test("Several files at once into a chosen folder: stored, measured, shown with their problems; a broken file, an existing name and a path are refused with the reason")
    func upload() async throws {
        let s = ServedStation(); defer { s.fx.remove() }
        let audio = Fixtures(); defer { audio.remove() }
        let good = try Array(Data(contentsOf: URL(fileURLWithPath: audio.tone("mới.wav", seconds: 2, rate: 8000))))
        let existing = try Array(Data(contentsOf: URL(fileURLWithPath: s.fx.path("Audio/tin/tin xã.wav"))))
        let broken = Array(good.prefix(44)) + [UInt8](repeating: 0, count: 0)
        let (type, body) = multipart(folder: "tin", files: [
            ("thông báo mới.wav", good), ("tin xã.wav", existing + [1, 2, 3]), ("hỏng.wav", broken),
            ("../thoát.wav", good), ("ghi chú.txt", Array("xin chào".utf8)),
        ])
        try await s.app().test(.router) { client in
            try await client.execute(uri: "/stations/xa/library/upload", method: .post, headers: [.contentType: type, .cookie: "lichphat_form=\(formToken)"], body: body) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .conflict)                    // the worst: a name already there
                #expect(html.contains("Đã thêm “tin/thông báo mới.wav” (0:02)"))
                #expect(html.contains("Đã có tệp “tin/tin xã.wav”: không ghi đè"))
                #expect(html.contains("Không nhận tệp “hỏng.wav”"))
                #expect(html.contains("Tên tệp “../thoát.wav” không dùng được"))
                #expect(html.contains("Tên tệp “ghi chú.txt” không dùng được"))
                #expect(html.contains("tin/thông báo mới.wav</td>"))          // listed at once
            }
        }
        #expect(FileManager.default.fileExists(atPath: s.fx.path("Audio/tin/thông báo mới.wav")))
        #expect(try Data(contentsOf: URL(fileURLWithPath: s.fx.path("Audio/tin/tin xã.wav"))) == Data(existing))   // untouched
        #expect(!FileManager.default.fileExists(atPath: s.fx.path("Audio/tin/hỏng.wav")))
        #expect(!FileManager.default.fileExists(atPath: s.fx.path("Audio/thoát.wav")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: s.fx.path("Audio/tin")).filter { $0.hasPrefix(".") }.isEmpty)
        // The planner sees the new file at once (same workspace, same folder).
        let loaded = try s.site.workspace.loadStation(s.fx.path("Schedules/xa.yaml"))
        #expect(loaded.station.items.contains { $0.file == "tin/thông báo mới.wav" })
    }

    @Test("An upload into a folder that does not exist, or that is not multipart, is refused")
    func badRequests() async throws {
        let s = ServedStation(); defer { s.fx.remove() }
        let (type, body) = multipart(folder: "../../etc", files: [("a.wav", [1, 2, 3])])
        try await s.app().test(.router) { client in
            try await client.execute(uri: "/stations/xa/library/upload", method: .post, headers: [.contentType: type, .cookie: "lichphat_form=\(formToken)"], body: body) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body).contains("Không có thư mục “../../etc”"))
            }
            let (notForm, _) = try await client.post("/stations/xa/library/upload", form: "folder=tin")
            #expect(notForm == .unsupportedMediaType)
        }
    }

    @Test("Bodies that ended the server through MultipartKit (an empty boundary, a header byte ≥ 0x80) are a 400, and the server answers after them")
    func multipartAttacks() async throws {
        let s = ServedStation(); defer { s.fx.remove() }
        try await s.app().test(.router) { client in
            let attacks: [(String, [UInt8])] = [
                ("multipart/form-data; boundary=", Array("--\r\n\r\n----\r\n".utf8)),
                ("multipart/form-data; boundary=\"\"", Array("--\r\n\r\n----\r\n".utf8)),
                ("multipart/form-data; boundary=X", [0x2D, 0x2D, 0x58, 0x0D, 0x0A, 0xC3, 0x8A, 0x68, 0x17, 0x2D, 0x2D, 0x58, 0x2D, 0x2D, 0x0D, 0x0A]),
                ("multipart/form-data; boundary=X", Array("--X\r\nContent-Disposition: form-data; name=\"period\"\r\n\r\n2026-11".utf8)),   // never closed
            ]
            for uri in ["/api/stations/xa/audit", "/api/stations/xa/library"] {
                for (type, body) in attacks {
                    try await client.execute(uri: uri, method: .post, headers: [.contentType: type], body: ByteBuffer(bytes: body)) { response in
                        #expect(response.status == .badRequest, "\(uri) \(type)")
                        // Said in the operator's language, not the parser's English.
                        let said = String(buffer: response.body)
                        #expect(said.contains("biểu mẫu") && !said.contains("multipart body") && !said.contains("boundary is missing"), "\(said)")
                    }
                }
            }
            let (alive, _) = try await client.get("/api/stations")
            #expect(alive == .ok)
            // Nothing of a refused upload stays in the spool.
            #expect(try FileManager.default.contentsOfDirectory(atPath: s.site.spool).isEmpty)
        }
    }
}

@Suite("Web app: editing a week by hand")
struct EditWeekTests {
    @Test("Removing an airing moves the later ones up, counts the quotas again (a minimum missed is said), and writes the week; an approved week cannot be edited")
    func remove() async throws {
        let s = ServedStation(); defer { s.fx.remove() }
        try await s.app().test(.router) { client in
            _ = try await client.post("/stations/xa/weeks/2026-W48/plan", form: "")
            let json = s.fx.path("Schedules/xa/2026-W48/schedule.json")
            func document() throws -> ScheduleDocument { try JSONDecoder().decode(ScheduleDocument.self, from: Data(contentsOf: URL(fileURLWithPath: json))) }
            let before = try document()
            // The one NQ57 airing of the week: where is it?
            let k = try #require(before.sessions.firstIndex { $0.airings.contains { $0.rules.contains("nq57") } })
            let n = try #require(before.sessions[k].airings.firstIndex { $0.rules.contains("nq57") })
            let id = try #require(before.sessions[k].airings[n].id)
            let slot = "\(before.sessions[k].date).\(before.sessions[k].id)"
            let (_, page) = try await client.get("/stations/xa/weeks/2026-W48")
            #expect(page.contains("name=\"airing\" value=\"\(id)\""))     // × and ○ name the airing, not a position
            let shown = revision(s)
            let (status, after) = try await client.post("/stations/xa/weeks/2026-W48/remove", form: "airing=\(id)&revision=\(shown)&request=r1")
            #expect(status == .ok)
            // The message names what went: the item, the session and the time.
            #expect(after.contains("− 23/11/2026 06:00 Buổi sáng: ") && after.contains("CHƯA ĐẠT") && after.contains("bản 2"))
            #expect(after.contains("dưới tối thiểu 1"))
            let edited = try document()
            #expect(!edited.compliant)
            #expect(edited.rules.first { $0.id == "nq57" }.map { ($0.count, $0.status) } ?? (9, "") == (0, "under"))
            #expect(edited.sessions[k].airings.count == before.sessions[k].airings.count - 1)
            // Later airings moved up: still back to back, exactly.
            #expect(try IndependentCheck.gaps(in: Data(contentsOf: URL(fileURLWithPath: json))).isEmpty)
            // The same form again (a double-click): done once, said once, never an error.
            let (repeated, said) = try await client.post("/stations/xa/weeks/2026-W48/remove", form: "airing=\(id)&revision=\(shown)&request=r1")
            #expect(repeated == .ok && said.contains("đã được làm") && WeekFolder.history(of: s.fx.path("Schedules/xa/2026-W48")).revisions.count == 2)
            // A garbled revision field fails closed: refused as a stale page, nothing removed.
            let (garbled, _) = try await client.post("/stations/xa/weeks/2026-W48/remove", form: "airing=\(edited.sessions.last?.airings.last?.id ?? "")&revision=abc")
            #expect(garbled == .conflict)
            // A stale tab (it showed revision 1) is refused, whatever it names: nothing else is removed.
            let other = try #require(edited.sessions.last?.airings.last?.id)
            let (stale, staleText) = try await client.post("/stations/xa/weeks/2026-W48/remove", form: "airing=\(other)&revision=\(shown)&request=r2")
            #expect(stale == .conflict && staleText.contains("bản 2"))
            #expect(try document().sessions.flatMap(\.airings).count == edited.sessions.flatMap(\.airings).count)
            // Added back by hand, from the items the page offers: the quota is met again.
            let (_, offered) = try await client.get("/stations/xa/weeks/2026-W48")
            #expect(offered.contains("action=\"/stations/xa/weeks/2026-W48/add\"") && offered.contains("<option value=\"gioi-thieu\">"))
            let (addedBack, page2) = try await client.post("/stations/xa/weeks/2026-W48/add", form: "slot=\(slot)&item=gioi-thieu&revision=\(revision(s))")
            #expect(addedBack == .ok && page2.contains("+ 23/11/2026") && page2.contains("Gioi thieu") && page2.contains("Lịch đạt mọi chỉ tiêu"))
            #expect(try document().compliant)
            let (twice, refused) = try await client.post("/stations/xa/weeks/2026-W48/add", form: "slot=\(slot)&item=gioi-thieu&revision=\(revision(s))")
            #expect(twice == .unprocessableContent && refused.contains("Không thêm được"))
            // Pin another airing, remove one by hand, plan again: the pin, the hand removal and the hand addition are kept.
            let doc = try document()
            let pinID = try #require(doc.sessions[(k + 1) % doc.sessions.count].airings.last?.id)
            let (pinned, pinPage) = try await client.post("/stations/xa/weeks/2026-W48/pin", form: "airing=\(pinID)&pinned=1&revision=\(revision(s))")
            #expect(pinned == .ok && pinPage.contains("● "))
            #expect(FileManager.default.fileExists(atPath: s.fx.path("Schedules/xa/2026-W48/pins.json")))
            let dropID = try #require(doc.sessions[(k + 2) % doc.sessions.count].airings.last { $0.item != "nhac-hieu" }?.id)
            _ = try await client.post("/stations/xa/weeks/2026-W48/remove", form: "airing=\(dropID)&revision=\(revision(s))")
            _ = try await client.post("/stations/xa/weeks/2026-W48/plan", form: "revision=\(revision(s))")
            let replanned = try document()
            #expect(replanned.sessions[k].airings.contains { $0.item == "gioi-thieu" })
            #expect(replanned.sessions.flatMap(\.airings).contains { $0.id == pinID })
            #expect(!replanned.sessions.flatMap(\.airings).contains { $0.id == dropID })
            #expect(replanned.sessions.flatMap(\.airings).filter { $0.rules.contains("nq57") }.count <= 2)
            #expect(replanned.compliant)
            // Every revision is kept whole.
            let h = WeekFolder.history(of: s.fx.path("Schedules/xa/2026-W48"))
            #expect(h.revisions.map(\.kind) == [.plan, .edit, .edit, .pin, .edit, .replan])
            for r in h.revisions.dropLast() {
                #expect(WeekFolder.sha256(try Data(contentsOf: URL(fileURLWithPath: s.fx.path("Schedules/xa/2026-W48/revisions/\(r.number)/schedule.json")))) == r.hash)
            }
            let (missing, _) = try await client.post("/stations/xa/weeks/2026-W48/remove", form: "airing=2026-11-23.sang.khong-co")
            #expect(missing == .notFound)
            _ = try await client.post("/stations/xa/weeks/2026-W48/approve", form: "by=A&revision=\(revision(s))")
            let (locked, text) = try await client.post("/stations/xa/weeks/2026-W48/remove", form: "airing=\(pinID)")
            #expect(locked == .conflict && text.contains("đã được duyệt"))
            let (_, approvedPage) = try await client.get("/stations/xa/weeks/2026-W48")
            #expect(!approvedPage.contains("class=\"remove\""))
        }
    }
}

@Suite("Web app: nothing outside the audio folder")
struct OutsideTests {
    @Test("Sửa lịch: a notice added to an approved week from a time on, as lichphat amend does — a new revision, the old one kept, approval cleared; bad input said")
    func amend() async throws {
        let s = ServedStation(); defer { s.fx.remove() }
        try await s.app().test(.router) { client in
            _ = try await client.post("/stations/xa/weeks/2026-W48/plan", form: "")
            _ = try await client.post("/stations/xa/weeks/2026-W48/approve", form: "by=Nguy%E1%BB%85n%20V%C4%83n%20A&revision=\(revision(s))")
            let (_, page) = try await client.get("/stations/xa/weeks/2026-W48")
            #expect(page.contains("action=\"/stations/xa/weeks/2026-W48/amend\"") && page.contains("<option value=\"gioi-thieu\">"))
            #expect(page.contains("type=\"datetime-local\" name=\"from\" value=\"2026-11-18T"))
            // Bad input: what and why, nothing written.
            let (badTimes, p1) = try await client.post("/stations/xa/weeks/2026-W48/amend", form: "item=gioi-thieu&times=abc&from=2026-11-25T06:00")
            #expect(badTimes == .unprocessableContent && p1.contains("Số lần “abc” phải là một số."))
            let (tooMany, p0) = try await client.post("/stations/xa/weeks/2026-W48/amend", form: "item=gioi-thieu&times=51&from=2026-11-25T06:00")
            #expect(tooMany == .unprocessableContent && p0.contains("Số lần “51” phải là số từ 1 đến 50."))
            let (badFrom, p2) = try await client.post("/stations/xa/weeks/2026-W48/amend", form: "item=gioi-thieu&from=25%2F11")
            #expect(badFrom == .unprocessableContent && p2.contains("không phải thời điểm"))
            let (past, p3) = try await client.post("/stations/xa/weeks/2026-W48/amend", form: "item=gioi-thieu&from=2026-11-17T06:00")
            #expect(past.code >= 400 && p3.contains("2026-11-17"))
            let (unknown, p4) = try await client.post("/stations/xa/weeks/2026-W48/amend", form: "item=khong-co&from=2026-11-25T06:00")
            #expect(unknown.code >= 400 && p4.contains("khong-co"))
            #expect(!FileManager.default.fileExists(atPath: s.fx.path("Schedules/xa/2026-W48/revisions")))
            // Added from Wednesday 06:00, first in its session: revision 2, revision 1 kept with its approval.
            let (done, after) = try await client.post("/stations/xa/weeks/2026-W48/amend", form: "item=gioi-thieu&times=1&priority=1&from=2026-11-25T06:00")
            #expect(done == .ok)
            #expect(after.contains("+ 2026-11-25 06:00") && after.contains("Đã sửa tuần 2026-W48 thành lần 2"), "\(after)")
            let doc = try JSONDecoder().decode(ScheduleDocument.self, from: Data(contentsOf: URL(fileURLWithPath: s.fx.path("Schedules/xa/2026-W48/schedule.json"))))
            #expect(doc.revision == 2)
            #expect(FileManager.default.fileExists(atPath: s.fx.path("Schedules/xa/2026-W48/revisions/1/schedule.json")))
            #expect(FileManager.default.fileExists(atPath: s.fx.path("Schedules/xa/2026-W48/revisions/1/approval.json")))
            #expect(!FileManager.default.fileExists(atPath: s.fx.path("Schedules/xa/2026-W48/approval.json")))
            #expect(after.contains("action=\"/stations/xa/weeks/2026-W48/approve\""))   // to approve again
            // The leader sees which revision and what changed since the approval.
            #expect(after.contains("Thay đổi từ bản 1 (đã duyệt) đến bản 2") && after.contains("Duyệt lịch bản 2"))
            #expect(after.contains("id=\"lich-su\"") && after.contains("thêm thông báo"))
            // Planning it whole again is refused: both revisions and the approval stay byte for byte.
            let week = s.fx.path("Schedules/xa/2026-W48")
            let kept = try [week + "/schedule.json", week + "/revisions/1/schedule.json", week + "/revisions/1/approval.json"].map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
            let (replan, refusedText) = try await client.post("/stations/xa/weeks/2026-W48/plan", form: "revision=\(revision(s))")
            #expect(replan == .conflict && refusedText.contains("không lập lại cả tuần"))
            #expect(!after.contains("action=\"/stations/xa/weeks/2026-W48/plan\""))   // and the page never offers it
            #expect(!after.contains("class=\"remove\"") && !after.contains("class=\"add noprint\""))   // nor edits airing by airing
            #expect(try [week + "/schedule.json", week + "/revisions/1/schedule.json", week + "/revisions/1/approval.json"].map { try Data(contentsOf: URL(fileURLWithPath: $0)) } == kept)
        }
    }

    @Test("A station is kept loaded between requests only while its file and its audio are unchanged: a file rewritten, added or removed is seen at once")
    func stationKeptWhileUnchanged() async throws {
        let s = ServedStation(); defer { s.fx.remove() }
        try await s.app().test(.router) { client in
            func duration(_ name: String) async throws -> Double? {
                let (_, body) = try await client.get("/api/stations/xa/library")
                let report = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
                let files = report?["files"] as? [[String: Any]] ?? []
                return files.first { ($0["path"] as? String ?? "").hasSuffix(name) }?["duration"] as? Double
            }
            #expect(try await duration("tin xã.wav") == 4)
            #expect(try await duration("tin xã.wav") == 4)
            try await Task.sleep(for: .milliseconds(20))
            s.fx.tone("Audio/tin/tin xã.wav", seconds: 6, rate: 8000)
            #expect(try await duration("tin xã.wav") == 6)
            s.fx.tone("Audio/tin/tin mới.wav", seconds: 2, rate: 8000)
            #expect(try await duration("tin mới.wav") == 2)
            try FileManager.default.removeItem(atPath: s.fx.path("Audio/tin/tin mới.wav"))
            #expect(try await duration("tin mới.wav") == nil)
        }
    }

    @Test("A link out of the audio folder is neither listed, served nor written through; a NUL in a path is 400; a linked folder is not offered for uploads")
    func links() async throws {
        let s = ServedStation(); defer { s.fx.remove() }
        let outside = Fixtures(); defer { outside.remove() }
        outside.tone("bí mật.wav", seconds: 1, rate: 8000)
        try FileManager.default.createSymbolicLink(atPath: s.fx.path("Audio/tin/ra ngoài"), withDestinationPath: outside.folder)
        try FileManager.default.createSymbolicLink(atPath: s.fx.path("Audio/tin/lộ.wav"), withDestinationPath: outside.path("bí mật.wav"))
        try await s.app().test(.router) { client in
            let (_, page) = try await client.get("/stations/xa/library")
            #expect(!page.contains("bí mật") && !page.contains("lộ.wav") && !page.contains("ra ngoài"))
            for uri in ["/audio/xa/tin/l%E1%BB%99.wav", "/audio/xa/tin/ra%20ngo%C3%A0i/b%C3%AD%20m%E1%BA%ADt.wav"] {
                try await client.execute(uri: uri, method: .get) { #expect($0.status == .notFound, "\(uri)") }
            }
            try await client.execute(uri: "/audio/xa/nhac-hieu.wav%00", method: .get) { #expect($0.status == .badRequest) }
            try await client.execute(uri: "/audio/xa/nhac-hieu.wav", method: .get) { #expect($0.status == .ok) }
            let (type, body) = multipartBody(fields: [("folder", "tin/ra ngoài"), ("csrf", formToken)], files: [("files", "x.wav", Array(try Data(contentsOf: URL(fileURLWithPath: s.fx.path("Audio/nhac-hieu.wav")))))])
            try await client.execute(uri: "/stations/xa/library/upload", method: .post, headers: [.contentType: type, .cookie: "lichphat_form=\(formToken)"], body: body) {
                #expect($0.status == .notFound)
            }
        }
        #expect(!FileManager.default.fileExists(atPath: outside.path("x.wav")))
    }

    @Test("A station's audio: cannot open the server's disk: /etc, the station folder (with .lichphat/) or its parent are refused, nothing under them served; a link in a week folder is never served")
    func audioFolderConfined() async throws {
        let s = ServedStation(); defer { s.fx.remove() }
        let yaml = s.fx.path("Schedules/xa.yaml")
        let original = try String(contentsOfFile: yaml, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: s.fx.path("Schedules/.lichphat"), withIntermediateDirectories: true)
        try "secret".write(toFile: s.fx.path("Schedules/.lichphat/accounts.sqlite"), atomically: true, encoding: .utf8)
        try await s.app().test(.router) { client in
            for (audio, probe) in [("/etc", "/audio/xa/passwd"), (".", "/audio/xa/.lichphat/accounts.sqlite"), ("..", "/audio/xa/Schedules/xa.yaml"),
                                   (".lichphat", "/audio/xa/accounts.sqlite"), ("../Schedules/.lichphat", "/audio/xa/accounts.sqlite")] {
                try original.replacingOccurrences(of: "audio: ../Audio", with: "audio: \(audio)").write(toFile: yaml, atomically: true, encoding: .utf8)
                try await client.execute(uri: probe, method: .get) { #expect($0.status == .notFound, "\(audio) \(probe)") }
                let (_, page) = try await client.get("/")
                #expect(page.contains("(khoá audio:) không dùng được trên máy chủ"), "\(audio)")
            }
            try original.write(toFile: yaml, atomically: true, encoding: .utf8)
            // Only audio is served from the audio folder, never a hidden name.
            try "x".write(toFile: s.fx.path("Audio/notes.sqlite"), atomically: true, encoding: .utf8)
            try FileManager.default.createDirectory(atPath: s.fx.path("Audio/.hidden"), withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: s.fx.path("Audio/nhac-hieu.wav"), toPath: s.fx.path("Audio/.hidden/a.wav"))
            for uri in ["/audio/xa/notes.sqlite", "/audio/xa/.hidden/a.wav"] {
                try await client.execute(uri: uri, method: .get) { #expect($0.status == .notFound, "\(uri)") }
            }
            _ = try await client.post("/stations/xa/weeks/2026-W48/plan", form: "")
            let week = s.fx.path("Schedules/xa/2026-W48")
            try FileManager.default.createSymbolicLink(atPath: week + "/passwd-link", withDestinationPath: "/etc/passwd")
            try FileManager.default.createSymbolicLink(atPath: week + "/zz.m3u8", withDestinationPath: "/etc/passwd")
            for uri in ["/api/stations/xa/weeks/2026-W48/files/passwd-link", "/api/stations/xa/weeks/2026-W48/files/zz.m3u8"] {
                let (status, body) = try await client.get(uri)
                #expect(status == .notFound && !body.contains("root:"), "\(uri)")
            }
            try await client.execute(uri: "/stations/xa/weeks/2026-W48/playlists.zip", method: .get) { response in
                #expect(response.status == .ok && !String(decoding: Data(buffer: response.body), as: UTF8.self).contains("zz.m3u8"))
            }
            try FileManager.default.createSymbolicLink(atPath: week + "/render", withDestinationPath: "/etc")
            let (linked, _) = try await client.get("/stations/xa/weeks/2026-W48/render/passwd")
            #expect(linked == .notFound)
        }
    }
}

@Suite("Web app: requests from other sites")
struct SameOriginTests {
    @Test("A form another site posts to the local server is refused (403); the app's own pages and tools without Origin work")
    func crossSite() async throws {
        let s = ServedStation(); defer { s.fx.remove() }
        try await s.app().test(.router) { client in
            try await client.execute(uri: "/stations/xa/weeks/2026-W48/plan", method: .post,
                                     headers: [.contentType: "application/x-www-form-urlencoded", .origin: "https://evil.example"],
                                     body: ByteBuffer(string: "")) { #expect($0.status == .forbidden) }
            #expect(!FileManager.default.fileExists(atPath: s.fx.path("Schedules/xa/2026-W48/schedule.json")))
            let (status, _) = try await client.post("/stations/xa/weeks/2026-W48/plan", form: "")
            #expect(status == .ok)
        }
    }
}

@Suite("Web app: the amend list")
struct AmendListTests {
    @Test("The amend list offers notices first, then programmes with a quota; never the opening or closing item, nor what only fills time")
    func amendList() async throws {
        let s = ServedStation(extraAudio: ["thong-bao/họp dân.wav": 3]); defer { s.fx.remove() }
        let text = try String(contentsOfFile: s.fx.path("Schedules/xa.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "  - {folder: tin/, tags: [tin]}", with: "  - {folder: tin/, tags: [tin]}\n  - {folder: thong-bao/, tags: [thong-bao]}")
        try text.write(toFile: s.fx.path("Schedules/xa.yaml"), atomically: true, encoding: .utf8)
        try await s.app().test(.router) { client in
            _ = try await client.post("/stations/xa/weeks/2026-W48/plan", form: "")
            let (_, page) = try await client.get("/stations/xa/weeks/2026-W48")
            let list = try #require(page.range(of: "<select name=\"item\" required>").map { String(page[$0.upperBound...].prefix(while: { $0 != "\n" })) })
            let notices = try #require(list.range(of: "<optgroup label=\"Thông báo\">"))
            let programmes = try #require(list.range(of: "<optgroup label=\"Chương trình theo chỉ tiêu\">"))
            #expect(notices.lowerBound < programmes.lowerBound)
            let lower = list.lowercased()
            #expect(lower.contains("họp dân") && lower.contains("gioi thieu"), "\(list)")
            #expect(!lower.contains("nhạc hiệu") && !lower.contains("tin xã") && !lower.contains("thông báo tiêm chủng"), "\(list)")
        }
    }
}

@Suite("Web app: the station file's editor")
struct StationEditorTests {
    @Test("A station file with an error comes back in the editor with the error's line marked for the page to select (line numbers beside the text)")
    func errorLine() async throws {
        let s = ServedStation(); defer { s.fx.remove() }
        try await s.app().test(.router) { client in
            let (_, page) = try await client.get("/stations/xa/station")
            let base = try #require(page.range(of: "name=\"base\" value=\"").map { String(page[$0.upperBound...].prefix(64)) })
            let text = try String(contentsOfFile: s.fx.path("Schedules/xa.yaml"), encoding: .utf8).replacingOccurrences(of: "repeat_gap:", with: "repeat_gapp:")
            let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("repeat_gapp") }! + 1
            let form = "action=check&base=\(base)&text=" + text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let (status, checked) = try await client.post("/stations/xa/station", form: form)
            #expect(status == .unprocessableContent && checked.contains("data-error-line=\"\(line)\"") && checked.contains("<pre class=\"gutter\""), "\(status)")
            #expect(checked.contains(":\(line):1:"))
        }
    }
}
