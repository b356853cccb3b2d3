import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import LichPhatCore
import LichPhatFormats
@testable import LichPhatWeb
import LichPhatWorkspace
import TestSupport

@Suite("Bulletins on the web: the page, its red emergency form, the API, CAP")
struct BulletinWebTests {
    func headers(_ user: String? = nil, type: String? = nil) -> HTTPFields {
        var h: HTTPFields = [.cookie: "lichphat_form=\(formToken)"]
        if let user { h[.authorization] = basic(user, TwoCommunes.password) }
        if let type { h[.contentType] = type }
        return h
    }

    @Test("The page offers the red emergency form to the station's operator; without the confirmation nothing is recorded (422); with it the bulletin is recorded as the operator's, read aloud, listed; a normal one waits in the inbox and is placed in a session; the city office sees the list but no form")
    func page() async throws {
        let t = try TwoCommunes(); defer { t.base.fx.remove() }
        let ws = t.site.workspace
        let xa = try ws.loadStation(t.base.fx.path("Schedules/xa.yaml"))
        try await t.app().test(.router) { client in
            let page = try await client.execute(uri: "/stations/xa/bulletins", method: .get, headers: headers("op-xa")) { ($0.status, String(buffer: $0.body)) }
            #expect(page.0 == .ok && page.1.contains("Phát khẩn cấp") && page.1.contains("name=\"confirm\""))
            // Every form posts to this station's own address (an empty id once sent them to /stations//…).
            #expect(page.1.contains("<h1>Bản tin — Đài truyền thanh xã Thử</h1>") && !page.1.contains("/stations//"))
            #expect(page.1.components(separatedBy: "action=\"/stations/xa/bulletins").count - 1 == 3)
            #expect(page.1.contains("Máy phát chưa chạy"))

            let (type, body) = multipartBody(fields: [("csrf", formToken), ("level", "emergency"), ("text", "Lũ trên sông Thái Bình, bà con không ra bãi sông.")], files: [])
            let refused = try await client.execute(uri: "/stations/xa/bulletins", method: .post, headers: headers("op-xa", type: type), body: body) { ($0.status, String(buffer: $0.body)) }
            #expect(refused.0 == .unprocessableContent && refused.1.contains("xác nhận"))
            // The level in Vietnamese is the same level: no way round the confirmation.
            let (typeVi, bodyVi) = multipartBody(fields: [("csrf", formToken), ("level", "Khẩn cấp"), ("text", "Lũ.")], files: [])
            let refusedVi = try await client.execute(uri: "/stations/xa/bulletins", method: .post, headers: headers("op-xa", type: typeVi), body: bodyVi) { $0.status }
            #expect(refusedVi == .unprocessableContent)
            #expect(ws.bulletins(xa).isEmpty)

            let (type2, body2) = multipartBody(fields: [("csrf", formToken), ("level", "emergency"), ("confirm", "1"), ("title", "Cảnh báo lũ"),
                                                         ("text", "Lũ trên sông Thái Bình, bà con không ra bãi sông."), ("times", "3"), ("every", "60m")], files: [])
            let sent = try await client.execute(uri: "/stations/xa/bulletins", method: .post, headers: headers("op-xa", type: type2), body: body2) { ($0.status, String(buffer: $0.body)) }
            #expect(sent.0 == .ok && sent.1.contains("Đã nhận bản tin"), "\(sent.1.prefix(400))")
            let b = try #require(ws.bulletins(xa).first)
            #expect(b.level == .emergency && b.by == "op-xa" && b.via == "web" && b.times == 3 && b.text != nil && b.length > 1000)

            let (type3, body3) = multipartBody(fields: [("csrf", formToken), ("level", "normal")],
                                               files: [("file", "họp dân.wav", Array(try Data(contentsOf: URL(fileURLWithPath: t.base.fx.path("Audio/tin/tin xã.wav")))))])
            let normal = try await client.execute(uri: "/stations/xa/bulletins", method: .post, headers: headers("op-xa", type: type3), body: body3) { ($0.status, String(buffer: $0.body)) }
            #expect(normal.0 == .ok, "\(normal.1.prefix(400))")
            let n = try #require(ws.bulletins(xa).first { $0.level == .normal })
            #expect(n.audio.hasSuffix(".wav") && n.title == "họp dân.wav" && n.placed == nil)
            let inbox = try await client.execute(uri: "/stations/xa/bulletins", method: .get, headers: headers("op-xa")) { String(buffer: $0.body) }
            #expect(inbox.contains("/bulletins/\(n.id)/place") && inbox.contains("2026-11-19|sang"))
            let placed = try await client.execute(uri: "/stations/xa/bulletins/\(n.id)/place", method: .post, headers: headers("op-xa", type: "application/x-www-form-urlencoded"),
                                                  body: ByteBuffer(string: "csrf=\(formToken)&slot=2026-11-19%7Csang")) { ($0.status, String(buffer: $0.body)) }
            #expect(placed.0 == .ok)
            #expect(try ws.bulletin(xa, id: n.id).placed?.date == "2026-11-19")
            // A session already over is refused.
            let late = try await client.execute(uri: "/stations/xa/bulletins/\(n.id)/place", method: .post, headers: headers("op-xa", type: "application/x-www-form-urlencoded"),
                                                body: ByteBuffer(string: "csrf=\(formToken)&slot=2026-11-18%7Csang")) { $0.status }
            #expect(late == .unprocessableContent)

            let cancel = try await client.execute(uri: "/stations/xa/bulletins/\(b.id)/cancel", method: .post, headers: headers("op-xa", type: "application/x-www-form-urlencoded"),
                                                  body: ByteBuffer(string: "csrf=\(formToken)")) { $0.status }
            #expect(cancel == .ok)
            #expect(try ws.bulletin(xa, id: b.id).cancelled?.by == "op-xa")

            let city = try await client.execute(uri: "/stations/xa/bulletins", method: .get, headers: headers("city")) { ($0.status, String(buffer: $0.body)) }
            #expect(city.0 == .ok && city.1.contains("Cảnh báo lũ") && !city.1.contains("name=\"confirm\""))
            let cityPost = try await client.execute(uri: "/stations/xa/bulletins", method: .post, headers: headers("city", type: type2), body: body2) { $0.status }
            #expect(cityPost == .forbidden)
        }
    }

    @Test("API: a text bulletin (201), the list with each airing, a cancel (200, then 409), CAP as application/cap+xml whose resource names a server file: the file is never read, the description is read aloud instead; the on-air state")
    func api() async throws {
        let t = try TwoCommunes(); defer { t.base.fx.remove() }
        let ws = t.site.workspace
        let xa = try ws.loadStation(t.base.fx.path("Schedules/xa.yaml"))
        try await t.app().test(.router) { client in
            let made = try await client.execute(uri: "/api/stations/xa/bulletins", method: .post, headers: headers("op-xa", type: "application/json"),
                                                body: ByteBuffer(string: #"{"level":"priority","text":"Họp dân lúc 19 giờ tại nhà văn hoá."}"#)) { ($0.status, String(buffer: $0.body)) }
            #expect(made.0 == .created, "\(made.1)")
            let doc = try #require(JSONSerialization.jsonObject(with: Data(made.1.utf8)) as? [String: Any])
            let id = try #require(doc["id"] as? String)
            #expect(doc["level"] as? String == "priority" && (doc["placed"] as? [String: Any])?["session"] as? String == "sang")

            let bad = try await client.execute(uri: "/api/stations/xa/bulletins", method: .post, headers: headers("op-xa", type: "application/json"),
                                               body: ByteBuffer(string: #"{"level":"urgent","text":"x"}"#)) { ($0.status, String(buffer: $0.body)) }
            #expect(bad.0 == .unprocessableContent && bad.1.contains("bad-bulletin"))

            let list = try await client.execute(uri: "/api/stations/xa/bulletins", method: .get, headers: headers("ld-khac")) { $0.status }
            #expect(list == .notFound)
            let own = try await client.execute(uri: "/api/stations/xa/bulletins", method: .get, headers: headers("op-xa")) { String(buffer: $0.body) }
            #expect(own.contains(id) && own.contains("\"aired\":[]"))

            #expect(try await client.execute(uri: "/api/stations/xa/bulletins/\(id)", method: .delete, headers: headers("op-xa")) { $0.status } == .ok)
            #expect(try await client.execute(uri: "/api/stations/xa/bulletins/\(id)", method: .delete, headers: headers("op-xa")) { $0.status } == .conflict)
            #expect(try await client.execute(uri: "/api/stations/xa/bulletins/..%2F..%2Fetc", method: .delete, headers: headers("op-xa")) { $0.status } == .notFound)

            let secret = t.base.fx.path("Audio/nhac-hieu.wav")
            let cap = """
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>X1</identifier><sender>pctt</sender><sent>2026-11-18T17:00:00+07:00</sent>
            <status>Actual</status><msgType>Alert</msgType><scope>Public</scope><info><urgency>Immediate</urgency><severity>Extreme</severity><certainty>Observed</certainty>
            <event>Lũ</event><headline>Lũ khẩn cấp</headline><description>Nước lên nhanh.</description>
            <resource><resourceDesc>a</resourceDesc><mimeType>audio/x-wav</mimeType><uri>\(secret)</uri></resource></info></alert>
            """
            let taken = try await client.execute(uri: "/api/stations/xa/bulletins", method: .post, headers: headers("op-xa", type: "application/cap+xml"),
                                                 body: ByteBuffer(string: cap)) { ($0.status, String(buffer: $0.body)) }
            #expect(taken.0 == .created, "\(taken.1)")
            let alert = try #require(ws.bulletins(xa).first { $0.cap?.identifier == "X1" })
            #expect(alert.level == .emergency && alert.text == "Nước lên nhanh.")
            #expect(FileManager.default.contents(atPath: ws.bulletinFolder(xa) + "/" + alert.audio) != FileManager.default.contents(atPath: secret))
            let again = try await client.execute(uri: "/api/stations/xa/bulletins", method: .post, headers: headers("op-xa", type: "application/cap+xml"),
                                                 body: ByteBuffer(string: cap)) { $0.status }
            #expect(again == .ok)
            // A Cancel of it: done, said with what it stopped (200), nothing new airs.
            let cancelCAP = cap.replacingOccurrences(of: "<identifier>X1</identifier>", with: "<identifier>X2</identifier>")
                .replacingOccurrences(of: "<msgType>Alert</msgType>", with: "<msgType>Cancel</msgType><references>pctt,X1,2026-11-18T17:00:00+07:00</references>")
            let cancelled = try await client.execute(uri: "/api/stations/xa/bulletins", method: .post, headers: headers("op-xa", type: "application/cap+xml"),
                                                     body: ByteBuffer(string: cancelCAP)) { ($0.status, String(buffer: $0.body)) }
            #expect(cancelled.0 == .ok && cancelled.1 == "{\"cancelled\":[\"\(alert.id)\"]}", "\(cancelled.1)")
            let broken = try await client.execute(uri: "/api/stations/xa/bulletins", method: .post, headers: headers("op-xa", type: "application/cap+xml"),
                                                  body: ByteBuffer(string: "<alert")) { ($0.status, String(buffer: $0.body)) }
            #expect(broken.0 == .unprocessableContent && broken.1.contains("cap-refused"))

            let air = try await client.execute(uri: "/api/stations/xa/on-air", method: .get, headers: headers("op-xa")) { String(buffer: $0.body) }
            #expect(air == #"{"running":false,"state":null}"#)
        }
    }
}
