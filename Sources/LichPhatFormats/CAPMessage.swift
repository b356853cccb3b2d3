import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A Common Alerting Protocol 1.2 message (OASIS), as much of it as a station airs: who sent
/// it, its type, and the first `info` block's urgency, severity, expiry, text and audio.
public struct CAPMessage: Sendable, Equatable {
    public static let namespace = "urn:oasis:names:tc:emergency:cap:1.2"

    public var identifier: String
    public var sender: String
    public var sent: String
    public var status: String
    public var msgType: String
    /// `sender,identifier,sent` triples of the messages an Update or Cancel refers to.
    public var references: [(sender: String, identifier: String)]
    public var urgency: String?
    public var severity: String?
    public var expires: String?
    public var event: String?
    public var headline: String?
    public var description: String?
    public var resources: [Resource]

    public struct Resource: Sendable, Equatable {
        public var mimeType: String?
        public var uri: String?
        /// The audio itself, base64 in the message (`derefUri`).
        public var embedded: [UInt8]?
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.identifier == b.identifier && a.sender == b.sender && a.sent == b.sent && a.msgType == b.msgType
    }

    public enum Failure: Error, Sendable, Equatable {
        case notXML(line: Int)
        case notCAP
        case missing(String)
    }

    /// Reads the message; refuses what is not XML, not CAP 1.2, or lacks what every alert has.
    /// External entities are never fetched; a document over 4 MB is not read.
    public static func parse(_ bytes: [UInt8]) -> Result<CAPMessage, Failure> {
        guard bytes.count <= 4_000_000 else { return .failure(.notXML(line: 1)) }
        let collector = Collector()
        let parser = XMLParser(data: Data(bytes))
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = collector
        guard parser.parse(), collector.failed == nil else {
            return .failure(.notXML(line: max(1, collector.failed ?? parser.lineNumber)))
        }
        guard collector.rootName == "alert", collector.rootNamespace == namespace else { return .failure(.notCAP) }
        let f = collector.fields
        func need(_ key: String) -> Result<String, Failure> {
            guard let v = f[key], !v.isEmpty else { return .failure(.missing(key)) }
            return .success(v)
        }
        var m = CAPMessage(identifier: "", sender: "", sent: "", status: "", msgType: "", references: [], resources: [])
        for (key, path) in [("identifier", \CAPMessage.identifier), ("sender", \.sender), ("sent", \.sent), ("status", \.status), ("msgType", \.msgType)] {
            switch need(key) {
            case .success(let v): m[keyPath: path] = v
            case .failure(let e): return .failure(e)
            }
        }
        m.references = (f["references"] ?? "").split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).compactMap { triple in
            let parts = triple.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return parts.count >= 2 ? (parts[0], parts[1]) : nil
        }
        m.urgency = f["info/urgency"]; m.severity = f["info/severity"]; m.expires = f["info/expires"]
        m.event = f["info/event"]; m.headline = f["info/headline"]; m.description = f["info/description"]
        m.resources = collector.resources.map { r in
            Resource(mimeType: r["mimeType"], uri: r["uri"],
                     embedded: r["derefUri"].flatMap { Data(base64Encoded: $0, options: .ignoreUnknownCharacters) }.map { [UInt8]($0) })
        }
        return .success(m)
    }

    final class Collector: NSObject, XMLParserDelegate {
        var rootName: String?
        var rootNamespace: String?
        var stack: [String] = []
        var text = ""
        /// `identifier`, `info/urgency` … (the first `info` only).
        var fields: [String: String] = [:]
        var resources: [[String: String]] = []
        var infoCount = 0
        var failed: Int?

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            if stack.isEmpty { rootName = name; rootNamespace = namespaceURI }
            stack.append(name)
            text = ""
            if stack == ["alert", "info"] { infoCount += 1 }
            if stack == ["alert", "info", "resource"], infoCount == 1 { resources.append([:]) }
            if stack.count > 16 { failed = parser.lineNumber; parser.abortParsing() }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if text.utf8.count < 6_000_000 { text += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if stack.count == 2 { fields[name] = fields[name] ?? value }
            if stack.count == 3, stack[1] == "info", infoCount == 1 { fields["info/" + name] = fields["info/" + name] ?? value }
            if stack.count == 4, stack[2] == "resource", infoCount == 1, !resources.isEmpty { resources[resources.count - 1][name] = value }
            stack.removeLast()
            text = ""
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
            if failed == nil { failed = parser.lineNumber }
        }
    }
}
