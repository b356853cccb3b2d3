import Foundation  // Unicode normalisation (decomposedStringWithCanonicalMapping) in Slug

/// Lengths as operators write them: `90`, `90s`, `30m`, `1h15m`, `2.5`, `-16`.
public enum DurationText {
    /// Seconds in `text`, or nil when it is not a length. A bare number is seconds.
    public static func seconds(_ text: String) -> Double? {
        let s = String(text.trimmingSpaces).lowercased()
        if s.isEmpty { return nil }
        if let plain = Double(s) { return plain.isFinite ? plain : nil }
        var total = 0.0
        var number = ""
        var sawUnit = false
        for ch in s {
            if ch.isNumber || ch == "." {
                number.append(ch)
            } else {
                guard let value = Double(number) else { return nil }
                switch ch {
                case "h": total += value * 3600
                case "m": total += value * 60
                case "s": total += value
                default: return nil
                }
                number = ""
                sawUnit = true
            }
        }
        guard sawUnit, number.isEmpty, total.isFinite else { return nil }
        return total
    }

    /// `seconds` as whole milliseconds, or nil when it is not finite or beyond `limit` seconds
    /// either way (so the conversion can never overflow). The one place seconds become milliseconds.
    public static func milliseconds(_ seconds: Double, limit: Double = 1e9) -> Int? {
        guard seconds.isFinite, abs(seconds) <= limit else { return nil }
        return Int((seconds * 1000).rounded())
    }
}

/// "Did you mean" for misspelt keys.
public enum Suggest {
    /// The candidate closest to `word` by edit distance, when close enough to be a typo.
    public static func closest(to word: String, in candidates: [String]) -> String? {
        let best = candidates.map { ($0, distance(word.lowercased(), $0)) }.min { $0.1 < $1.1 }
        guard let best, best.1 <= max(2, word.count / 3) else { return nil }
        return best.0
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1,
                                 previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

/// Ids from Vietnamese names: `Tin xã Nam Sách` → `tin-xa-nam-sach`.
public enum Slug {
    public static func make(_ text: String) -> String {
        var out = ""
        for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            switch scalar {
            case "đ": out += "d"
            case "a"..."z", "0"..."9": out.unicodeScalars.append(scalar)
            default: if !out.hasSuffix("-") { out += "-" }
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        while out.hasPrefix("-") { out.removeFirst() }
        return out
    }
}
