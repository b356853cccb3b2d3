import Foundation
import Testing
import LichPhatFormats

/// schedule.json has one type: every written week reads back as a document that writes the same
/// bytes, and the document's keys are the schema's.
@Suite("schedule.json: one type, written and read")
struct ScheduleDocumentTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    static func shippedWeeks() -> [String] {
        let root = repository + "/Schedules"
        return ((try? FileManager.default.subpathsOfDirectory(atPath: root)) ?? [])
            .filter { $0.hasSuffix("/schedule.json") && !$0.contains("/.") && !$0.hasPrefix(".") }.sorted().map { root + "/" + $0 }
    }

    @Test("Every shipped week reads back; those written by this version are written again byte for byte")
    func roundTrip() throws {
        let files = Self.shippedWeeks()
        #expect(files.count >= 6)
        var current = 0
        for file in files {
            let data = try Data(contentsOf: URL(fileURLWithPath: file))
            let doc = try JSONDecoder().decode(ScheduleDocument.self, from: data)
            // Weeks written before airings had ids (nam-sach W45–W47, approved as they are) are read,
            // not written again: their bytes are what was signed.
            let legacy = doc.sessions.contains { $0.airings.contains { $0.id == nil } }
            #expect(legacy || doc.rendered() == String(decoding: data, as: UTF8.self), "\(file) is not written back as it was read")
            #expect(try JSONDecoder().decode(ScheduleDocument.self, from: Data(doc.rendered().utf8)) == doc)
            if !legacy { current += 1 }
        }
        #expect(current >= 3)
    }

    @Test("The document's keys at every level are the schema's properties, and its required keys are always written")
    func schemaKeys() throws {
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.repository + "/schemas/schedule.schema.json"))) as? [String: Any])
        func node(_ path: [String]) -> [String: Any]? {
            var n: Any? = schema
            for key in path {
                guard let d = n as? [String: Any] else { return nil }
                if key == "[]" { n = d["items"] } else { n = (d["properties"] as? [String: Any])?[key] }
                if let ref = (n as? [String: Any])?["$ref"] as? String, ref.hasPrefix("#/$defs/") {
                    n = (schema["$defs"] as? [String: Any])?[String(ref.dropFirst(8))]
                }
            }
            return n as? [String: Any]
        }
        func check(_ value: Any, _ path: [String]) {
            if let object = value as? [String: Any] {
                guard path.last != "finding" else { return }   // PlanFinding's own Codable form (FindingTests)
                let n = node(path)
                let properties = Set(((n?["properties"] as? [String: Any]) ?? [:]).keys)
                #expect(Set(object.keys).isSubset(of: properties), "\(path): \(Set(object.keys).subtracting(properties)) not in the schema")
                let required = Set((n?["required"] as? [String]) ?? [])
                #expect(required.isSubset(of: Set(object.keys)), "\(path): a required key is missing")
                for (k, v) in object { check(v, path + [k]) }
            } else if let array = value as? [Any] {
                for v in array { check(v, path + ["[]"]) }
            }
        }
        for file in Self.shippedWeeks() {
            check(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))), [])
        }
    }
}
