// libFuzzer target: Hummingbird's Cookie header parser (Cookies and Cookie(from:), with its split sequences),
// compiled from the resolved checkout with the same sanitizers, over HTTPTypes' HTTPFields (also compiled here).
// The server reads `request.cookies["lichphat_session" | "lichphat_form" | "lichphat_flash" | "lang"]` on every
// request; `Request.cookies` is `Cookies(from: request)`, which reads `request.headers[values: .cookie]`. The
// input is the Cookie header lines as they arrive (one per line; NIO turns their bytes into a String as UTF-8 with
// repair, and HTTPField legalizes the value); each is looked up, and every cookie's value and properties read.
public import HTTPTypes
import Foundation

/// The one thing `Cookies(from: Request)` reads of the request: its fields (HummingbirdCore's Request is not
/// compiled here; its `headers` is the same HTTPFields).
@available(hummingbird 2.0, *)
public struct Request { public var headers: HTTPFields }

@available(hummingbird 2.0, *)
private func lookUp(_ fields: HTTPFields) {
    let cookies = Cookies(from: Request(headers: fields))
    for name in ["lichphat_session", "lichphat_form", "lichphat_flash", "lang"] {
        guard let c = cookies[name] else { continue }
        // (Not so for any name: `cookies[""]` on "=a=1" gives the cookie "a", as Cookie(from:) skips leading "=".)
        precondition(c.name == name, "a cookie looked up by the server's names has that name")
        _ = c.value.removingPercentEncoding      // what Flash.read does with lichphat_flash (Foundation)
        _ = (c.expires, c.maxAge, c.domain, c.path, c.secure, c.httpOnly, c.sameSite, c.description)
    }
    for s in cookies.cookieStrings {
        if let name = Cookie.getName(from: s), let c = cookies[String(name)] { _ = c.description }
        if let c = Cookie(from: s) { _ = (c.properties.table.count, c.expires, c.maxAge, c.sameSite) }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCookie(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let all = UnsafeBufferPointer(start: data, count: size)
    var fields = HTTPFields()
    for line in all.split(separator: 0x0A, omittingEmptySubsequences: false).prefix(64) {
        fields.append(HTTPField(name: .cookie, value: String(decoding: line, as: UTF8.self)))
    }
    if #available(hummingbird 2.0, *) {
        lookUp(fields)
        // The same header given whole, as one field (a client that does not split its cookies).
        var one = HTTPFields()
        one.append(HTTPField(name: .cookie, value: String(decoding: all, as: UTF8.self)))
        lookUp(one)
    }
    return 0
}
