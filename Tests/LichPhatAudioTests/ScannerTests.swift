import Foundation
import Testing
import GRDB
import TestSupport
@testable import LichPhatAudio
import LichPhatCore

@Suite("Walking folders and the catalog")
struct ScannerTests {
    @Test("Folders are walked recursively; non-audio files are skipped unless named")
    func walking() throws {
        let fx = Fixtures(); defer { fx.remove() }
        try FileManager.default.createDirectory(atPath: fx.path("a/b"), withIntermediateDirectories: true)
        fx.write("a/b/deep.wav", .wav16, rate: 16000, samples: Fixtures.tone(2, rate: 16000))
        fx.write("top.flac", .flac, rate: 16000, samples: Fixtures.tone(2, rate: 16000, frequency: 500))
        fx.bytes("a/readme.txt", Array("hello".utf8))
        fx.bytes(".hidden.wav", Array("x".utf8))
        let scanner = LibraryScanner(depth: .quick, policy: AudioPolicy(), jobs: 2)
        let found = try LibraryScanner.collect([fx.folder])
        #expect(found.count == 3)  // hidden files are not walked
        let outcome = scanner.scan(found, catalog: nil)
        #expect(outcome.files.map { ($0.path as NSString).lastPathComponent } == ["deep.wav", "top.flac"])
        #expect(outcome.skipped == 1)
        // Named on the command line, a text file is reported, not skipped.
        let named = scanner.scan(try LibraryScanner.collect([fx.path("a/readme.txt")]), catalog: nil)
        #expect(named.files.count == 1 && !named.files[0].facts.isReadable)
        #expect(throws: MissingPathError.self) { try LibraryScanner.collect([fx.path("nope")]) }
    }

    @Test("A symbolic link is followed only inside the folder walked: a link out is never read, a link to a parent never loops")
    func links() throws {
        let fx = Fixtures(); defer { fx.remove() }
        let outside = Fixtures(); defer { outside.remove() }
        outside.write("secret.wav", .wav16, rate: 16000, samples: Fixtures.tone(1, rate: 16000))
        try FileManager.default.createDirectory(atPath: fx.path("lib"), withIntermediateDirectories: true)
        fx.write("lib/a.wav", .wav16, rate: 16000, samples: Fixtures.tone(1, rate: 16000))
        try FileManager.default.createSymbolicLink(atPath: fx.path("lib/out"), withDestinationPath: outside.folder)
        try FileManager.default.createSymbolicLink(atPath: fx.path("lib/secret.wav"), withDestinationPath: outside.path("secret.wav"))
        try FileManager.default.createSymbolicLink(atPath: fx.path("lib/loop"), withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: fx.path("lib/again.wav"), withDestinationPath: "a.wav")
        let found = try LibraryScanner.collect([fx.path("lib")]).map(\.displayPath).sorted()
        #expect(found == [fx.path("lib") + "/a.wav", fx.path("lib") + "/again.wav"])
    }

    @Test("A rescan of an unchanged library is answered from the catalog; a changed file is read again")
    func catalogReuse() throws {
        let fx = Fixtures(); defer { fx.remove() }
        let a = fx.write("a.wav", .wav16, rate: 16000, samples: Fixtures.tone(2, rate: 16000))
        fx.write("b.wav", .wav16, rate: 16000, samples: Fixtures.tone(3, rate: 16000))
        let catalog = try Catalog(path: fx.path("cache/catalog.sqlite"))
        let scanner = LibraryScanner(depth: .full, policy: AudioPolicy())
        let first = scanner.scan(try LibraryScanner.collect([fx.folder]), catalog: catalog)
        #expect(first.fromCatalog == 0)
        let second = scanner.scan(try LibraryScanner.collect([fx.folder]), catalog: catalog)
        #expect(second.fromCatalog == 2)
        #expect(second.files.map(\.facts) == first.files.map(\.facts))
        // A full result also answers a quick scan; a quick one never answers a full scan.
        #expect(LibraryScanner(depth: .quick, policy: AudioPolicy()).scan(try LibraryScanner.collect([fx.folder]), catalog: catalog).fromCatalog == 2)

        fx.write("a.wav", .wav16, rate: 16000, samples: Fixtures.tone(5, rate: 16000))
        _ = a
        let third = scanner.scan(try LibraryScanner.collect([fx.folder]), catalog: catalog)
        #expect(third.fromCatalog == 1)
        #expect(third.files.first { $0.path.hasSuffix("a.wav") }?.facts.duration == 5)
        // A changed silence threshold measures again.
        var stricter = AudioPolicy(); stricter.silenceThreshold = -40
        #expect(LibraryScanner(depth: .full, policy: stricter).scan(try LibraryScanner.collect([fx.folder]), catalog: catalog).fromCatalog == 0)
    }

    @Test("A damaged catalog is rebuilt with a reason, never a crash")
    func damagedCatalog() throws {
        let fx = Fixtures(); defer { fx.remove() }
        fx.write("a.wav", .wav16, rate: 16000, samples: Fixtures.tone(2, rate: 16000))
        let path = fx.bytes("catalog.sqlite", Array("SQLite format 3\0 but then garbage garbage garbage".utf8) + [UInt8](repeating: 0xAB, count: 4096))
        let catalog = try Catalog(path: path)
        #expect(catalog.rebuiltBecause != nil)
        let scanner = LibraryScanner(depth: .quick, policy: AudioPolicy())
        _ = scanner.scan(try LibraryScanner.collect([fx.path("a.wav")]), catalog: catalog)
        #expect(scanner.scan(try LibraryScanner.collect([fx.path("a.wav")]), catalog: catalog).fromCatalog == 1)
    }

    @Test("A catalog on an injected in-memory database: facts round-trip through Codable; a row that no longer decodes is measured again")
    func inMemoryCatalog() throws {
        let db = try DatabaseQueue()
        let catalog = try Catalog(writer: db)
        #expect(catalog.rebuiltBecause == nil)
        let facts = AudioFacts(container: "WAV", encoding: "PCM 16-bit", sampleRate: 16000, channels: 1, frames: 32000,
                               size: 64044, loudness: Loudness(integrated: -16.5, range: 3, truePeak: -1.2),
                               defects: [.truncated], measured: true)
        try catalog.store([("/a.wav", .init(size: 64044, mtime: 7, measureKey: "full;v2", facts: facts)),
                           ("/b.wav", .init(size: 1, mtime: 1, measureKey: "quick;v2", facts: AudioFacts(size: 1)))])
        let loaded = try catalog.load()
        #expect(loaded["/a.wav"]?.facts == facts)
        #expect(loaded["/a.wav"]?.measureKey == "full;v2")
        try db.write { try $0.execute(sql: "UPDATE files SET facts = 'not json' WHERE path = '/b.wav'") }
        let after = try catalog.load()
        #expect(after.keys.sorted() == ["/a.wav"])
    }

    @Test("The same audio under two names is found, across containers")
    func duplicates() throws {
        let fx = Fixtures(); defer { fx.remove() }
        let tone = Fixtures.tone(2, rate: 22050, frequency: 440)
        let x = fx.write("x.wav", .wav16, rate: 22050, samples: tone)
        fx.convert(x, to: "x-copy.flac", .flac)
        fx.write("other.wav", .wav16, rate: 22050, samples: Fixtures.tone(2, rate: 22050, frequency: 880))
        let out = LibraryScanner(depth: .full, policy: AudioPolicy()).scan(try LibraryScanner.collect([fx.folder]), catalog: nil)
        let report = ScanReport(roots: [fx.folder], quick: false,
                                entries: out.files.map { .init(path: $0.path, facts: $0.facts, sameAudioKey: $0.facts.audioHash) },
                                skipped: 0, policy: AudioPolicy())
        let dup = report.files.filter { $0.problems.contains { $0.code == "duplicate" } }.map { ($0.path as NSString).lastPathComponent }
        #expect(dup.sorted() == ["x-copy.flac", "x.wav"])
        // Quick scans compare bytes of files of equal size.
        try FileManager.default.copyItem(atPath: fx.path("other.wav"), toPath: fx.path("other-copy.wav"))
        let quick = LibraryScanner(depth: .quick, policy: AudioPolicy()).scan(try LibraryScanner.collect([fx.folder]), catalog: nil)
        let hashed = quick.files.filter { $0.contentHash != nil }
        #expect(Set(hashed.compactMap(\.contentHash)).count == 2)  // x.wav/other.wav/other-copy.wav share a size
    }

    @Test("Copies of an MP3 in a quick scan: hashed from the bytes read for its frames, the same hash as reading the file again")
    func mp3Copies() throws {
        let fx = Fixtures(); defer { fx.remove() }
        let a = fx.write("a.mp3", .mp3, rate: 44100, samples: Fixtures.noise(3, rate: 44100))
        try FileManager.default.copyItem(atPath: a, toPath: fx.path("a-copy.mp3"))
        // Same size, one byte of audio changed: not a copy.
        var bytes = try #require(FileManager.default.contents(atPath: a))
        bytes[bytes.count / 2] ^= 0x55
        fx.bytes("b.mp3", Array(bytes))
        let catalog = try Catalog(path: fx.path("catalog.sqlite"))
        let out = LibraryScanner(depth: .quick, policy: AudioPolicy(), jobs: 2).scan(try LibraryScanner.collect([fx.folder + "/a.mp3", fx.folder + "/a-copy.mp3", fx.folder + "/b.mp3"]), catalog: catalog)
        let hash = Dictionary(uniqueKeysWithValues: out.files.map { (($0.path as NSString).lastPathComponent, $0.contentHash) })
        let reread = try MappedFile.withBytes(of: a) { bytes, _ in MappedFile.hash(bytes) }
        #expect(hash["a.mp3"] == reread && hash["a-copy.mp3"] == reread)
        #expect(hash["b.mp3"] != nil && hash["b.mp3"] != reread)
        // From the catalog the next time, unchanged.
        let again = LibraryScanner(depth: .quick, policy: AudioPolicy()).scan(try LibraryScanner.collect([fx.folder + "/a.mp3", fx.folder + "/b.mp3"]), catalog: catalog)
        #expect(again.fromCatalog == 2 && again.files.first { $0.path.hasSuffix("/a.mp3") }?.contentHash == reread)
    }

    @Test("The MP3 frame walk tells how far it has read, so a mapped file's pages behind it are given back")
    func walkReportsProgress() throws {
        let fx = Fixtures(); defer { fx.remove() }
        let path = fx.write("long.mp3", .mp3, rate: 44100, samples: Fixtures.noise(120, rate: 44100, amplitude: 0.1))
        var marks: [Int] = []
        let walked = try MappedFile.withBytes(of: path) { bytes, _ in MP3Frames.walk(bytes) { marks.append($0) } }
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(walked?.frameCount ?? 0 > 4096)
        #expect(!marks.isEmpty && marks == marks.sorted() && marks.last! > size / 2 && marks.last! <= size)
        // Mapped, the pages before a mark are let go and the bytes still read the same afterwards.
        let mapped = try MappedFile(path: path)
        let before = MappedFile.hash(mapped.bytes)
        for m in marks { mapped.release(below: m) }
        #expect(MappedFile.hash(mapped.bytes, readUpTo: mapped.release(below:)) == before)
    }

    @Test("A name in NFD form is reported by its on-disk spelling and shown in NFC")
    func nfdNames() throws {
        let fx = Fixtures(); defer { fx.remove() }
        let nfd = "thông báo".decomposedStringWithCanonicalMapping + ".wav"
        fx.write(nfd, .wav16, rate: 16000, samples: Fixtures.tone(2, rate: 16000))
        let found = try LibraryScanner.collect([fx.folder])
        #expect(found.count == 1)
        #expect(AudioValidator.isNFC(found[0].displayPath))
        #expect(!AudioValidator.isNFC(found[0].givenPath))
        #expect(AudioValidator.nameProblems(found[0].givenPath).map(\.code) == ["name-not-nfc"])
    }
}
