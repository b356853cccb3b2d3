// libFuzzer target: HummingbirdAuth's HTTP Basic `Authorization` parser (`HTTPFields.basic`, in
// BasicAuthentication.swift) with the base64 decoder it uses (swift-extras-base64) and HTTPTypes, all compiled from
// the resolved checkouts with the same sanitizers. LichPhat's Authenticate middleware reads `request.headers.basic`
// on every request once accounts exist. The input is the Authorization header lines as they arrive (one per line;
// NIO turns their bytes into a String as UTF-8 with repair, and HTTPField legalizes the value). A parse must give
// nothing or a name and a password that came from the header, the name without a colon.
import HTTPTypes

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAuthorization(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let all = UnsafeBufferPointer(start: data, count: size)
    var fields = HTTPFields()
    for line in all.split(separator: 0x0A, omittingEmptySubsequences: false).prefix(16) {
        fields.append(HTTPField(name: .authorization, value: String(decoding: line, as: UTF8.self)))
    }
    check(fields)
    // The bytes as the part after "Basic " (most inputs are not base64 otherwise).
    var basic = HTTPFields()
    basic.append(HTTPField(name: .authorization, value: "Basic " + String(decoding: all, as: UTF8.self)))
    check(basic)
    return 0
}

private func check(_ fields: HTTPFields) {
    guard let b = fields.basic else { return }
    precondition(!b.username.contains(":"), "a Basic name never holds the colon that ends it")
    precondition(!b.username.isEmpty && !b.password.isEmpty, "split(maxSplits: 1) gives two non-empty pieces")
    precondition(fields[.authorization]?.hasPrefix("Basic ") == true, "only a Basic header gives a name and password")
}
