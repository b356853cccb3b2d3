import Foundation
import Testing
import Synchronization
@testable import LichPhatFormats

@Suite("Week folders: atomic replacement, one writer per week")
struct WeekFolderTests {
    func withFolder(_ body: (String) throws -> Void) rethrows {
        let root = NSTemporaryDirectory() + "lichphat-weeks-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try body(root)
    }

    func contents(_ folder: String) -> String? {
        FileManager.default.contents(atPath: folder + "/schedule.json").map { String(decoding: $0, as: UTF8.self) }
    }

    func siblings(_ root: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test("Replacing a week swaps it in one step and leaves nothing beside it")
    func replace() throws {
        try withFolder { root in
            let week = root + "/2026-W48"
            try WeekFolder.write([("schedule.json", "old"), ("a.m3u8", "x")], to: week, force: false)
            try WeekFolder.write([("schedule.json", "new")], to: week, force: false)
            #expect(contents(week) == "new")
            #expect(!FileManager.default.fileExists(atPath: week + "/a.m3u8"))  // the old week's files are gone with it
            #expect(siblings(root) == ["2026-W48"])
        }
    }

    @Test("What a killed writer left is cleaned up; a week left aside is put back")
    func stale() throws {
        try withFolder { root in
            let fm = FileManager.default
            let week = root + "/2026-W48"
            try fm.createDirectory(atPath: week + ".tmp-99999-1", withIntermediateDirectories: true)
            try fm.createDirectory(atPath: root + "/2026-W47.old-99999", withIntermediateDirectories: true)
            fm.createFile(atPath: root + "/2026-W47.old-99999/schedule.json", contents: Data("W47".utf8))
            try WeekFolder.write([("schedule.json", "48")], to: week, force: false)
            #expect(siblings(root) == ["2026-W47.old-99999", "2026-W48"])  // another week's leftovers are its own business
            try WeekFolder.write([("schedule.json", "47 again")], to: root + "/2026-W47", force: false)
            #expect(siblings(root) == ["2026-W47", "2026-W48"])
            // A week missing with its old copy aside: the copy is the week again before anything else happens.
            try fm.createDirectory(atPath: root + "/2026-W49.old-99999", withIntermediateDirectories: true)
            fm.createFile(atPath: root + "/2026-W49.old-99999/schedule.json", contents: Data("49".utf8))
            WeekFolder.removeStale(in: root, week: "2026-W49")
            #expect(contents(root + "/2026-W49") == "49")
        }
    }

    @Test("Two writers of one week at once: one writes it whole, the other is told it is busy")
    func concurrent() throws {
        try withFolder { root in
            let week = root + "/2026-W48"
            let held = try WeekLock(folder: week)
            #expect(throws: WeekFolder.WriteError.self) { try WeekFolder.write([("schedule.json", "b")], to: week, force: false) }
            do { try WeekFolder.write([("schedule.json", "b")], to: week, force: false) } catch { let e = error as? WeekFolder.WriteError
                if case .busy? = e {} else { Issue.record("expected busy, got \(e)") }
            }
            held.release()
            // Many writers racing: every outcome is a whole week written by one of them, or "busy".
            let outcomes = Mutex([String]())
            DispatchQueue.concurrentPerform(iterations: 16) { n in
                let big = String(repeating: "\(n)", count: 100_000)
                do {
                    try WeekFolder.write([("schedule.json", big), ("n", "\(n)")], to: week, force: false)
                    outcomes.withLock { $0.append("ok") }
                } catch { let e = error as? WeekFolder.WriteError
                    if case .busy? = e { outcomes.withLock { $0.append("busy") } } else { outcomes.withLock { $0.append("\(e)") } }
                }
            }
            let all = outcomes.withLock { $0 }
            #expect(all.allSatisfy { $0 == "ok" || $0 == "busy" }, "\(all)")
            #expect(all.contains("ok"))
            let n = try #require(FileManager.default.contents(atPath: week + "/n").map { String(decoding: $0, as: UTF8.self) })
            #expect(contents(week) == String(repeating: n, count: 100_000))
            #expect(siblings(root) == ["2026-W48"])
        }
    }

    @Test("Approving takes the week's lock and refuses a second approval")
    func approveTwice() throws {
        try withFolder { root in
            let week = root + "/2026-W48"
            try WeekFolder.write([("schedule.json", "{}")], to: week, force: false)
            _ = try WeekFolder.approve(folder: week, by: "Nguyễn Văn A")
            do { _ = try WeekFolder.approve(folder: week, by: "B"); Issue.record("approved twice") } catch { let e = error as? WeekFolder.WriteError
                if case let .approved(a)? = e { #expect(a.by == "Nguyễn Văn A") } else { Issue.record("\(e)") }
            }
            #expect(siblings(week) == ["approval.json", "schedule.json"])
        }
    }
}

@Suite("AtomicFile: the one way a whole file is written")
struct AtomicFileTests {
    @Test("write replaces whole; create never overwrites; a failure leaves no temporary file and says why")
    func atomic() throws {
        let dir = NSTemporaryDirectory() + "lichphat-atomic-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try AtomicFile.write(Data("một".utf8), to: dir + "/a.json")
        try AtomicFile.write(Data("hai".utf8), to: dir + "/a.json")
        #expect(try String(contentsOfFile: dir + "/a.json", encoding: .utf8) == "hai")
        try AtomicFile.create(Data("x".utf8), at: dir + "/b.txt")
        do {
            try AtomicFile.create(Data("y".utf8), at: dir + "/b.txt")
            Issue.record("created over an existing file")
        } catch { #expect(error.exists) }
        #expect(try String(contentsOfFile: dir + "/b.txt", encoding: .utf8) == "x")
        do {
            try AtomicFile.write(Data("z".utf8), to: dir + "/no-such-folder/c.json")
            Issue.record("wrote into a folder that does not exist")
        } catch { #expect(!error.detail.isEmpty && !error.exists) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["a.json", "b.txt"])
    }
}

@Suite("Week folders: file hashes kept while the file is unchanged")
struct FileHashCacheTests {
    @Test("A file rewritten in place with the same length, even with its time put back, is hashed again; a link is not hashed")
    func rewritten() throws {
        let dir = NSTemporaryDirectory() + "lichphat-hash-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/schedule.json"
        try Data("{\"a\": 1}".utf8).write(to: URL(fileURLWithPath: path))
        let first = try #require(WeekFolder.fileHash(path))
        #expect(first == WeekFolder.sha256(Data("{\"a\": 1}".utf8)) && WeekFolder.fileHash(path) == first)
        let before = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as! Date
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.write(contentsOf: Data("{\"a\": 2}".utf8))
        try handle.close()
        try FileManager.default.setAttributes([.modificationDate: before], ofItemAtPath: path)   // the change time still moves
        #expect(WeekFolder.fileHash(path) == WeekFolder.sha256(Data("{\"a\": 2}".utf8)))
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.json", withDestinationPath: path)
        #expect(WeekFolder.fileHash(dir + "/link.json") == nil && WeekFolder.fileHash(dir + "/missing") == nil)
    }
}
