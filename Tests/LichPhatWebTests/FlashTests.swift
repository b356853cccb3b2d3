import Foundation
import Testing
@testable import LichPhatWeb

/// What an action said travels to the next page in a cookie of limited room.
@Suite("Flash messages across a redirect")
struct FlashTests {
    @Test("A long Vietnamese message is cut between characters and still decodes (was: cut inside a character's bytes, and lost)")
    func longMessage() throws {
        let line = "+ 2026-11-25 06:00:24 Buổi sáng: Thông báo tiêm chủng mở rộng cho trẻ em dưới năm tuổi. "
        let text = String(repeating: line, count: 40)
        let value = Flash.encoded(text)
        #expect(value.utf8.count <= 3500)
        let back = try #require(value.removingPercentEncoding)
        #expect(back.hasSuffix("…") && text.hasPrefix(String(back.dropLast())) && back.count > 500)
        // A short one is kept whole.
        #expect(Flash.encoded("Đã ghim.").removingPercentEncoding == "Đã ghim.")
    }
}
