import Foundation
import GRDB
import Testing
import LichPhatCore
import LichPhatFormats
import LichPhatWorkspace
import TestSupport

@Suite("Workspace: administering a city server")
struct AdministrationTests {
    @Test("Only an administrator administers; every act is logged (who, what, to whom); the administrator cannot lock themselves out; a reset password must be changed, and the old one then fails")
    func accounts() throws {
        let store = try AccountStore(writer: DatabaseQueue(), cost: 4)
        try workspace.addAccount(store, by: nil, name: "quan-tri", fullName: "Quản trị", role: .admin, password: "admin-pass-1", stations: nil)
        let admin = try #require(store.account(named: "quan-tri"))
        #expect(!admin.mustChangePassword)   // from the command line: the owner's own password
        try workspace.addAccount(store, by: admin, name: "lan", fullName: "Trần Thị Lan", role: .operator, password: "tam-thoi-123", stations: ["nam-sach"])
        let lan = try #require(store.account(named: "lan"))
        #expect(lan.mustChangePassword && lan.stations == ["nam-sach"])
        // An operator administers nothing.
        #expect(throws: WorkspaceError.self) { try workspace.setStations(store, by: lan, name: "lan", nil) }
        #expect(throws: WorkspaceError.self) { try workspace.removeAccount(store, by: admin, name: "quan-tri") }
        #expect(throws: WorkspaceError.self) { try workspace.setDisabled(store, by: admin, name: "QUAN-TRI", true) }
        try workspace.setStations(store, by: admin, name: "lan", ["nam-sach", "hai-duong"])
        try workspace.resetPassword(store, by: admin, name: "lan", temporary: "moi-tam-456")
        #expect(store.verify(name: "lan", password: "tam-thoi-123") == nil)
        #expect(throws: WorkspaceError.self) { try workspace.changePassword(store, account: lan, current: "sai-mat-khau", new: "cua-rieng-lan-1") }
        try workspace.changePassword(store, account: lan, current: "moi-tam-456", new: "cua-rieng-lan-1")
        #expect(store.account(named: "lan")?.mustChangePassword == false && store.verify(name: "lan", password: "cua-rieng-lan-1") != nil)
        try workspace.setDisabled(store, by: admin, name: "lan", true)
        #expect(store.verify(name: "lan", password: "cua-rieng-lan-1") == nil)
        try workspace.removeAccount(store, by: admin, name: "lan")
        let log = store.log().map { "\($0.by) \($0.action) \($0.subject) \($0.detail)" }
        #expect(log == ["quan-tri remove-account lan ", "quan-tri disable-account lan ", "lan change-password lan ", "quan-tri reset-password lan ",
                        "quan-tri set-stations lan hai-duong,nam-sach", "quan-tri add-account lan role=operator; stations=nam-sach",
                        " add-account quan-tri role=admin; stations=*"], "\(log)")
    }

    @Test("A station added from the form: a file the command line reads (the city's rules to start with), its own library folder, never over another; each field refused by name")
    func addStation() throws {
        let fx = Fixtures(prefix: "lichphat-admin-"); defer { fx.remove() }
        try FileManager.default.createDirectory(atPath: fx.path("Schedules"), withIntermediateDirectories: true)
        let store = try AccountStore(writer: DatabaseQueue(), cost: 4)
        var f = NewStationFields()
        f.id = "an-lao"; f.name = "Đài truyền thanh xã An Lão \"mới\""
        let path = try workspace.addStation(root: fx.path("Schedules"), by: nil, store: store, f)
        let loaded = try workspace.loadStation(path)
        #expect(loaded.station.id == "an-lao" && loaded.station.name == "Đài truyền thanh xã An Lão \"mới\"" && loaded.station.sessions.map(\.id) == ["sang", "chieu"]
                && loaded.station.rules.map(\.id) == ["nq57", "cds"] && loaded.station.rules[0].perWeek == Quota(min: 1, max: 2))
        #expect(FileManager.default.fileExists(atPath: fx.path("Audio/an-lao/nq57")) && FileManager.default.fileExists(atPath: fx.path("Audio/an-lao/thong-bao")))
        #expect(store.log().first?.action == "add-station" && store.log().first?.subject == "an-lao")
        func refused(_ change: (inout NewStationFields) -> Void) -> String? {
            var g = NewStationFields(); g.id = "khac"; g.name = "Khác"
            change(&g)
            do { _ = try workspace.addStation(root: fx.path("Schedules"), by: nil, store: nil, g); return nil } catch {
                if case let .badField(_, field, _) = error { return field }
                return "\(error)"
            }
        }
        #expect(refused { $0.id = "an-lao" } == "id")
        #expect(refused { $0.id = "../x" } == "id")
        #expect(refused { $0.name = "" } == "name")
        #expect(refused { $0.timeZone = "Mars/Olympus" } == "timezone")
        #expect(refused { $0.morningStart = "25:00" } == "morning.start")
        #expect(refused { $0.afternoonStart = "23:50"; $0.afternoonLength = "20m" } == "afternoon.length")
        // A library folder that exists already (another station's, a leftover) is not taken over.
        try FileManager.default.createDirectory(atPath: fx.path("Audio/cu"), withIntermediateDirectories: true)
        #expect(refused { $0.id = "cu" } == "id")
        // Without an afternoon: one session, the weekly column on Thursdays.
        var g = NewStationFields(); g.id = "mot-buoi"; g.name = "Một buổi"; g.afternoonStart = ""
        let one = try workspace.loadStation(try workspace.addStation(root: fx.path("Schedules"), by: nil, store: nil, g))
        #expect(one.station.sessions.map(\.id) == ["sang"] && one.station.rules[1].sessions == nil)
        // An operator adds no station.
        try store.add(name: "lan", fullName: nil, role: .operator, password: "operator-pass")
        var h = NewStationFields(); h.id = "x"; h.name = "X"
        #expect(throws: WorkspaceError.self) { try workspace.addStation(root: fx.path("Schedules"), by: store.account(named: "lan"), store: store, h) }
    }
}
