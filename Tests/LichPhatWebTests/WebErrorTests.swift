import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import LichPhatWeb
import LichPhatWorkspace
import LichPhatCore

@Suite("Web errors as Hummingbird answers them")
struct WebErrorTests {
    @Test("An error a handler lets escape is answered with its status and words in the request's language (HTTPResponseError), never a bare 500")
    func escaped() async throws {
        let router = Router(context: WebContext.self)
        router.add(middleware: LanguageMiddleware())
        router.get("/conflict") { _, _ -> String in throw WebError.workspace(.weekBusy(week: ISOWeek(year: 2026, week: 48))) }
        router.get("/gone") { _, _ -> String in throw WebError.notFound }
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/conflict?lang=en", method: .get) { r in
                #expect(r.status == .conflict)
                let body = String(buffer: r.body)
                #expect(body.contains("\"reason\":\"week-busy\"") && body.contains("Week 2026-W48 is being written elsewhere"), "\(body)")
            }
            try await client.execute(uri: "/gone", method: .get) { r in
                #expect(r.status == .notFound && String(buffer: r.body).contains("Không tìm thấy"))
            }
        }
    }
}
