import Foundation

/// The path of `target` relative to the folder `from` (both absolute).
public func relativePath(from folder: String, to target: String) -> String {
    let a = URL(fileURLWithPath: folder).standardizedFileURL.pathComponents
    let b = URL(fileURLWithPath: target).standardizedFileURL.pathComponents
    var i = 0
    while i < a.count, i < b.count, a[i] == b[i] { i += 1 }
    return (Array(repeating: "..", count: a.count - i) + b[i...]).joined(separator: "/")
}
