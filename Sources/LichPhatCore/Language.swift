/// The languages an operator reads: Vietnamese first, English on request.
public enum Language: String, Sendable, CaseIterable, Codable {
    case vi, en
}
