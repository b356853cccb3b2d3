// libFuzzer target: Hummingbird's URL-encoded form decoder (URLEncodedFormDecoder, URLEncodedFormNode and the key
// parser, with HummingbirdCore's percent decoding), compiled from the resolved checkout with the same sanitizers.
// Every page form of LichPhat is read by `URLEncodedFormDecoder().decode(Form.self, from: request, context:)`, which
// collects the body and calls `decode(_:from: String(buffer:))`; this target does the same with the input's bytes
// (String(buffer:) decodes UTF-8 with repair, as String(decoding:as:) does) into the forms the server declares, and
// into nested and typed shapes the decoder also supports. Any input must decode or throw; a trap is a crash.
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

// The server's forms, field for field (Sources/LichPhatWeb: WebServer.swift, Auth.swift, StationPage.swift).
private struct SpeakForm: Decodable { var text: String; var name: String; var folder: String?; var csrf: String? }
private struct ApproveForm: Decodable { var by: String?; var csrf: String?; var revision: String?; var request: String? }
private struct PlanForm: Decodable { var allowShortfall: String?; var past: String?; var csrf: String?; var revision: String?; var request: String? }
private struct AiringForm: Decodable { var airing: String; var pinned: String?; var csrf: String?; var revision: String?; var request: String? }
private struct AddForm: Decodable { var slot: String; var item: String; var csrf: String?; var revision: String?; var request: String? }
private struct RenderForm: Decodable { var format: String?; var csrf: String? }
private struct AmendForm: Decodable { var item: String; var times: String?; var from: String?; var priority: String?; var csrf: String?; var revision: String?; var request: String? }
private struct LoginForm: Decodable { var name: String?; var password: String?; var csrf: String?; var next: String? }
private struct TokenForm: Decodable { var csrf: String? }

// Shapes the decoder supports beyond flat strings: arrays, nested maps, numbers, booleans, dates, optionals.
private struct Typed: Decodable {
    var i: Int?; var u: UInt64?; var i8: Int8?; var d: Double?; var f: Float?; var b: Bool?; var date: Date?
    var list: [String]?; var ints: [Int]?; var map: [String: String]?; var nested: [String: [String: String]]?
    var inner: Inner?
    struct Inner: Decodable { var a: String?; var list: [Int]?; var deeper: [Inner]? }
}

@available(hummingbird 2.0, *)
private func decodeAll(_ text: String) {
    let decoders = [URLEncodedFormDecoder(), URLEncodedFormDecoder(dateDecodingStrategy: .iso8601),
                    URLEncodedFormDecoder(dateDecodingStrategy: .secondsSince1970)]
    let d = decoders[text.utf8.count % decoders.count]
    _ = try? d.decode(SpeakForm.self, from: text)
    _ = try? d.decode(ApproveForm.self, from: text)
    _ = try? d.decode(PlanForm.self, from: text)
    _ = try? d.decode(AiringForm.self, from: text)
    _ = try? d.decode(AddForm.self, from: text)
    _ = try? d.decode(RenderForm.self, from: text)
    _ = try? d.decode(AmendForm.self, from: text)
    _ = try? d.decode(LoginForm.self, from: text)
    _ = try? d.decode(TokenForm.self, from: text)
    _ = try? d.decode(Typed.self, from: text)
    _ = try? d.decode([String: String].self, from: text)
    _ = try? d.decode([String: [String]].self, from: text)
    _ = try? d.decode([String: [String: [String: String]]].self, from: text)
    // What parsed once parses the same again (the node tree is built afresh each time).
    if let once = try? URLEncodedFormNode(from: text) {
        precondition((try? URLEncodedFormNode(from: text)) == once, "the same form parses to the same tree")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzForm(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if #available(hummingbird 2.0, *) { decodeAll(text) }
    return 0
}
