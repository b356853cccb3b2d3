import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import LichPhatCore
import LichPhatFormats
import LichPhatWorkspace
@testable import LichPhatWeb

@Suite("Web app: the station in forms")
struct StationEntryWebTests {
    func enc(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? s }
    func base(_ s: ServedStation) throws -> String { WeekFolder.sha256(try Data(contentsOf: URL(fileURLWithPath: s.fx.path("Schedules/xa.yaml")))) }

    @Test("A notice uploaded becomes an item in one step: the library offers it, the form comes filled (title, tag, this week, a weekly count), saving writes it into the station file")
    func makeItem() async throws {
        let s = ServedStation(extraAudio: ["thong-bao/họp dân.wav": 3]); defer { s.fx.remove() }
        try await s.app().test(.router) { client in
            let (_, library) = try await client.get("/stations/xa/library")
            // Offered for the new notice; not for files an item (or a folder) airs already.
            #expect(library.contains("/stations/xa/station/new/items?file=thong%2Dbao%2Fh%E1%BB%8Dp%20d%C3%A2n%2Ewav"))
            #expect(!library.contains("new/items?file=nhac%2Dhieu") && !library.contains("new/items?file=tin%2F"))
            #expect(library.components(separatedBy: "class=\"button make-item\"").count == 2, "offered for the one new notice only")
            let (status, form) = try await client.get("/stations/xa/station/new/items?file=" + enc("thong-bao/họp dân.wav"))
            #expect(status == .ok)
            #expect(form.contains("name=\"id\" value=\"hop-dan\"") && form.contains("name=\"title\" value=\"Họp dân\"") && form.contains("name=\"tags\" value=\"thong-bao\"")
                    && form.contains("name=\"from\" value=\"2026-11-18\"") && form.contains("name=\"until\" value=\"2026-11-22\"")
                    && form.contains("name=\"per_week.min\" value=\"3\"") && form.contains("<option value=\"thong-bao/họp dân.wav\" selected>"))
            let fields = "base=\(try base(s))&id=hop-dan&title=\(enc("Họp dân khu 3"))&file=\(enc("thong-bao/họp dân.wav"))&tags=thong-bao&from=2026-11-18&until=2026-11-22"
                + "&days=mon&days=wed&days=fri&sessions=sang&per_week.min=3&per_week.max=&priority="
            let (saved, page) = try await client.post("/stations/xa/station/items", form: fields)
            #expect(saved == .ok && page.contains("Đã lưu vào tệp trạm") && page.contains("Mục “hop-dan”"))
            let text = try String(contentsOfFile: s.fx.path("Schedules/xa.yaml"), encoding: .utf8)
            #expect(text.contains("  - {id: hop-dan, title: \"Họp dân khu 3\", file: \"thong-bao/họp dân.wav\", tags: [thong-bao],\n"
                                  + "     from: 2026-11-18, until: 2026-11-22, days: [mon, wed, fri], sessions: [sang],\n     per_week: {min: 3}}\nrules:"), "\(text)")
            let loaded = try s.site.workspace.loadStation(s.fx.path("Schedules/xa.yaml"))
            #expect(loaded.station.item("hop-dan")?.days == [.mon, .wed, .fri])
            // Once an item airs it, the library no longer offers it.
            #expect(!(try await client.get("/stations/xa/library").1).contains("new/items?file=thong%2Dbao"))
        }
    }

    @Test("A refusal is shown at its field (what was typed kept, 422) and nothing is written; a stale page is 409; another station's form or an unknown list is 404")
    func refusals() async throws {
        let s = ServedStation(extraAudio: ["thong-bao/họp dân.wav": 3]); defer { s.fx.remove() }
        let before = try String(contentsOfFile: s.fx.path("Schedules/xa.yaml"), encoding: .utf8)
        try await s.app().test(.router) { client in
            let fields = "base=\(try base(s))&id=hop-dan&title=\(enc("Họp dân"))&file=\(enc("thong-bao/họp dân.wav"))&per_week.min=3&per_week.max=2"
            let (status, page) = try await client.post("/stations/xa/station/items", form: fields)
            #expect(status == .unprocessableContent)
            #expect(page.contains("<div class=\"field invalid\" data-field=\"per_week.max\">") && page.contains("aria-invalid=\"true\" aria-describedby=\"e-per_week-max\"")
                    && page.contains("ô “Tối đa mỗi tuần”: nhỏ hơn tối thiểu."))
            #expect(page.contains("name=\"title\" value=\"Họp dân\""))
            let (path, pathPage) = try await client.post("/stations/xa/station/items", form: fields.replacingOccurrences(of: "per_week.max=2", with: "") .replacingOccurrences(of: enc("thong-bao/họp dân.wav"), with: enc("../Schedules/xa.yaml")))
            #expect(path == .unprocessableContent && pathPage.contains("data-field=\"file\"") && pathPage.contains("không có tệp này trong thư viện"))
            let (stale, _) = try await client.post("/stations/xa/station/items", form: fields.replacingOccurrences(of: "per_week.max=2", with: "").replacingOccurrences(of: "base=", with: "base=0"))
            #expect(stale == .conflict)
            #expect(try await client.get("/stations/xa/station/bogus/x").0 == .notFound)
            #expect(try await client.get("/stations/khac/station/new/items").0 == .notFound)
            #expect(try await client.get("/stations/xa/station/items/khong-co").0 == .notFound)
            // A folder's item is edited in its folder: the page says so rather than pretending.
            #expect(try await client.get("/stations/xa/station/items/tin-xa").0 == .unprocessableContent)
            // The station file's audio folder is not moved by an edit (another station's library would
            // become this one's): refused on checking and on saving, nothing written.
            try FileManager.default.createDirectory(atPath: s.fx.path("Khac"), withIntermediateDirectories: true)
            let moved = before.replacingOccurrences(of: "audio: ../Audio", with: "audio: ../Khac")
            for action in ["check", "save"] {
                let (status, page) = try await client.post("/stations/xa/station", form: "action=\(action)&base=\(try base(s))&text=\(enc(moved))")
                #expect(status == .unprocessableContent && page.contains("không đổi thư mục âm thanh"), "\(action): \(status)")
            }
            // Without the form's token nothing is done.
            try await client.execute(uri: "/stations/xa/station/items", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: fields.replacingOccurrences(of: "per_week.max=2", with: ""))) { #expect($0.status == .forbidden) }
        }
        #expect(try String(contentsOfFile: s.fx.path("Schedules/xa.yaml"), encoding: .utf8) == before)
    }

    @Test("Sessions, rules and relays from the station page: added, edited, removed; an entry in use is not removed and the page says by what")
    func sessionsRulesRelays() async throws {
        let s = ServedStation(); defer { s.fx.remove() }
        try await s.app().test(.router) { client in
            let (_, station) = try await client.get("/stations/xa/station")
            #expect(station.contains("href=\"/stations/xa/station/new/sessions\"") && station.contains("href=\"/stations/xa/station/sessions/sang\"")
                    && station.contains("href=\"/stations/xa/station/rules/nq57\"") && station.contains("href=\"/stations/xa/station/items/nhac-hieu\"")
                    && station.contains("href=\"/stations/xa/station/new/items?relay=1\""))
            var (status, _) = try await client.post("/stations/xa/station/sessions",
                                                    form: "base=\(try base(s))&id=chieu&name=\(enc("Buổi chiều"))&days=mon&days=tue&days=wed&days=thu&days=fri&start=17%3A00&length=20m&open=nhac-hieu&close=")
            #expect(status == .ok)
            (status, _) = try await client.post("/stations/xa/station/items",
                                                form: "base=\(try base(s))&id=vov&title=\(enc("Tiếp sóng VOV1"))&relay=1&length=5m&url=\(enc("http://127.0.0.1:8000/vov"))&sessions=chieu&priority=1")
            #expect(status == .ok)
            (status, _) = try await client.post("/stations/xa/station/rules",
                                                form: "base=\(try base(s))&id=cds&name=\(enc("Chuyển đổi số"))&tags=tin&per_week.min=1&per_week.max=1&days=thu&sessions=chieu")
            #expect(status == .ok)
            // Edit the rule: its id stays what it was.
            let (edit, editPage) = try await client.get("/stations/xa/station/rules/cds")
            #expect(edit == .ok && editPage.contains("name=\"id\" value=\"cds\" readonly") && editPage.contains("value=\"thu\" checked"))
            (status, _) = try await client.post("/stations/xa/station/rules/cds", form: "base=\(try base(s))&id=cds&name=CDS&tags=tin&per_week.min=2&per_week.max=")
            #expect(status == .ok)
            var loaded = try s.site.workspace.loadStation(s.fx.path("Schedules/xa.yaml"))
            #expect(loaded.station.sessions.map(\.id) == ["sang", "chieu"] && loaded.station.item("vov")?.length == 300_000
                    && loaded.station.rules.last?.perWeek == Quota(min: 2, max: nil) && loaded.station.rules.last?.days == nil)
            // The relay names the session: it is not removed, and the page says why.
            let (inUse, inUsePage) = try await client.post("/stations/xa/station/sessions/chieu/remove", form: "base=\(try base(s))")
            #expect(inUse == .conflict && inUsePage.contains("mục “vov” còn dùng nó"))
            (status, _) = try await client.post("/stations/xa/station/items/vov/remove", form: "base=\(try base(s))")
            #expect(status == .ok)
            (status, _) = try await client.post("/stations/xa/station/rules/cds/remove", form: "base=\(try base(s))")
            let (removed, removedPage) = try await client.post("/stations/xa/station/sessions/chieu/remove", form: "base=\(try base(s))")
            #expect(status == .ok && removed == .ok && removedPage.contains("Đã xoá khỏi tệp trạm"))
            loaded = try s.site.workspace.loadStation(s.fx.path("Schedules/xa.yaml"))
            #expect(loaded.station.sessions.map(\.id) == ["sang"] && loaded.station.item("vov") == nil && loaded.station.rules.map(\.id) == ["nq57"])
            #expect(try FileManager.default.contentsOfDirectory(atPath: s.fx.path("Schedules/.history")).count == 7)
        }
    }
}

@Suite("API: the station file, one entry at a time")
struct StationAPITests {
    func send(_ client: some TestClientProtocol, _ uri: String, _ method: HTTPRequest.Method, json: String = "", ifMatch: String? = nil) async throws -> (HTTPResponse.Status, String, HTTPFields) {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let ifMatch { headers[.ifMatch] = ifMatch }
        return try await client.execute(uri: uri, method: method, headers: headers, body: ByteBuffer(string: json)) { ($0.status, String(buffer: $0.body), $0.headers) }
    }

    @Test("GET …/station with its ETag; POST, PUT, DELETE an entry on that ETag (428 without, 409 stale); 422 names the field; 404 for an unknown entry or list")
    func entries() async throws {
        let s = ServedStation(extraAudio: ["thong-bao/họp dân.wav": 3]); defer { s.fx.remove() }
        try await s.app().test(.router) { client in
            let (ok, body, headers) = try await send(client, "/api/stations/xa/station", .get)
            let etag = try #require(headers[.eTag])
            let doc = compact(body)
            #expect(ok == .ok && doc.contains("\"items\":[{\"days\":[],\"file\":\"nhac-hieu.wav\",\"from\":null,\"id\":\"nhac-hieu\"")
                    && doc.contains("\"folders\":[{\"folder\":\"nq57/\",\"tags\":[\"nq57\"]}") && doc.contains("\"revision\":\"\(etag.dropFirst().dropLast())\""))
            let item = #"{"id": "hop-dan", "title": "Họp dân", "file": "thong-bao/họp dân.wav", "tags": ["thong-bao"], "per_week": {"min": 2}, "days": ["weekdays"]}"#
            #expect(try await send(client, "/api/stations/xa/station/items", .post, json: item).0 == .preconditionRequired)
            #expect(try await send(client, "/api/stations/xa/station/items", .post, json: item, ifMatch: "W/\(etag)").0 == .badRequest)
            let (bad, badBody, _) = try await send(client, "/api/stations/xa/station/items", .post, json: item.replacingOccurrences(of: "\"min\": 2", with: "\"min\": 2000"), ifMatch: etag)
            #expect(bad == .unprocessableContent && compact(badBody).contains("\"field\":\"per_week.min\"") && compact(badBody).contains("\"reason\":\"bad-field\""))
            let (created, createdBody, createdHeaders) = try await send(client, "/api/stations/xa/station/items", .post, json: item, ifMatch: etag)
            #expect(created == .created && compact(createdBody).contains("\"days\":[\"fri\",\"mon\",\"thu\",\"tue\",\"wed\"]") == false
                    && compact(createdBody).contains("\"id\":\"hop-dan\""))
            let newTag = try #require(createdHeaders[.eTag])
            #expect(newTag != etag)
            // The old ETag is stale now.
            #expect(try await send(client, "/api/stations/xa/station/items/hop-dan", .delete, ifMatch: etag).0 == .conflict)
            let (put, putBody, _) = try await send(client, "/api/stations/xa/station/items/hop-dan", .put, json: item.replacingOccurrences(of: "Họp dân", with: "Họp dân khu 3"), ifMatch: "*")
            #expect(put == .ok && putBody.contains("\"title\":\"Họp dân khu 3\""))
            #expect(try await send(client, "/api/stations/xa/station/items/khong-co", .put, json: item, ifMatch: "*").0 == .notFound)
            #expect(try await send(client, "/api/stations/xa/station/things", .post, json: item, ifMatch: "*").0 == .notFound)
            #expect(try await send(client, "/api/stations/xa/station/sessions", .post, json: "{\"id\": 3}", ifMatch: "*").0 == .badRequest)
            let (inUse, inUseBody, _) = try await send(client, "/api/stations/xa/station/items/nhac-hieu", .delete, ifMatch: "*")
            #expect(inUse == .conflict && compact(inUseBody).contains("\"reason\":\"entry-in-use\""))
            #expect(try await send(client, "/api/stations/xa/station/items/hop-dan", .delete, ifMatch: "*").0 == .ok)
            let loaded = try s.site.workspace.loadStation(s.fx.path("Schedules/xa.yaml"))
            #expect(loaded.station.item("hop-dan") == nil)
        }
    }
}
