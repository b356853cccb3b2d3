import Foundation

/// A typed notice made ready to be read aloud in Vietnamese: numbers, dates (`25/11/2026`),
/// times (`17h30`, `17:30`), percentages, decimals and the abbreviations of commune notices
/// (UBND, HĐND, CĐS, KHCN, ĐMST, NQ, TW …) written out as words, so a speech engine says them
/// as an announcer would.
public enum VietnameseReading {
    /// Abbreviations and their words, longest first where one contains another.
    public static let abbreviations: [(String, String)] = [
        ("UBND", "Ủy ban nhân dân"), ("HĐND", "Hội đồng nhân dân"), ("MTTQ", "Mặt trận Tổ quốc"),
        ("ĐMST", "đổi mới sáng tạo"), ("KHCN", "khoa học công nghệ"), ("CĐS", "chuyển đổi số"),
        ("BCH", "Ban Chấp hành"), ("BCĐ", "Ban Chỉ đạo"), ("TTCS", "truyền thanh cơ sở"),
        ("NQ", "Nghị quyết"), ("TW", "Trung ương"), ("TƯ", "Trung ương"), ("QĐ", "Quyết định"),
        ("KH", "Kế hoạch"), ("CT", "Chỉ thị"), ("TB", "Thông báo"), ("CP", "Chính phủ"),
        ("TP", "thành phố"), ("TX", "thị xã"), ("THCS", "trung học cơ sở"), ("THPT", "trung học phổ thông"),
        ("VNĐ", "đồng"), ("BHYT", "bảo hiểm y tế"), ("BHXH", "bảo hiểm xã hội"), ("CCCD", "căn cước công dân"),
        ("PCCC", "phòng cháy chữa cháy"), ("ATGT", "an toàn giao thông"), ("VHTTDL", "Văn hóa, Thể thao và Du lịch"),
        ("TTTT", "Thông tin và Truyền thông"), ("TT", "Thông tư"), ("NĐ", "Nghị định"),
        ("BTTTT", "Bộ Thông tin và Truyền thông"), ("BVHTTDL", "Bộ Văn hóa, Thể thao và Du lịch"), ("UBMTTQ", "Ủy ban Mặt trận Tổ quốc"),
    ]

    static let digits = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]

    /// The notice with every number, date, time and abbreviation in words; `extra`: a station's
    /// own abbreviations, before the built-in ones.
    public static func normalise(_ text: String, extra: [(String, String)] = []) -> String {
        let abbreviations = extra + Self.abbreviations
        var out = ""
        let chars = Array(text.precomposedStringWithCanonicalMapping)
        var i = 0
        func lastWord() -> String {
            let trimmed = out.trimmingCharacters(in: .whitespaces)
            return String(trimmed.split(separator: " ").last ?? "").lowercased()
        }
        while i < chars.count {
            let c = chars[i]
            // A telephone number written in groups ("0912 345 678", "+84 912 345 678", "0220.3852.123"):
            // digit by digit, a pause between groups, as announcers read them.
            if c.isASCII && c.isNumber || c == "+", let (groups, end) = telephone(chars, from: i) {
                if !out.isEmpty, let last = out.last, !last.isWhitespace, last != "(" { out += " " }
                out += groups.map { g in g.map { $0 == "+" ? "cộng" : digits[Int(String($0))!] }.joined(separator: " ") }.joined(separator: ", ")
                i = end
                continue
            }
            // A range of numbers ("01–02", "7-9 giờ"): "đến".
            if c.isASCII && c.isNumber, let (a, b, end) = range(chars, from: i) {
                if !out.isEmpty, let last = out.last, !last.isWhitespace, last != "(" { out += " " }
                // Days and hours as numbers ("01–02": một đến hai), not digit by digit.
                func said(_ x: String) -> String { x.count <= 2 ? number(Int(x) ?? 0) : reading(x, previous: "") }
                out += "\(said(a)) đến \(said(b))"
                if end < chars.count, chars[end].isLetter { out += " " }
                i = end
                continue
            }
            if c.isNumber, c.isASCII {
                // A run of digits and the punctuation numbers are written with.
                var j = i
                while j < chars.count, (chars[j].isASCII && chars[j].isNumber) || ((chars[j] == "/" || chars[j] == "." || chars[j] == "," || chars[j] == ":" || chars[j] == "h" || chars[j] == "g")
                                                                                  && j + 1 < chars.count && chars[j + 1].isASCII && chars[j + 1].isNumber) { j += 1 }
                // "17h" or "17g" alone (no minutes), "17 giờ" is left as it is.
                var token = String(chars[i..<j])
                if j < chars.count, chars[j] == "h" || chars[j] == "g", !token.contains(where: { !$0.isNumber }),
                   j + 1 >= chars.count || !chars[j + 1].isLetter {
                    token += String(chars[j]); j += 1
                }
                var spoken = reading(token, previous: lastWord())
                // A document's number and year before its kind ("39/2020/TT-BTTTT"): "ba mươi chín năm hai nghìn…".
                let numberYear = token.split(separator: "/", omittingEmptySubsequences: false)
                if numberYear.count == 2, numberYear[1].count == 4, let n = Int(numberYear[0]), let y = Int(numberYear[1]),
                   j + 1 < chars.count, chars[j] == "/", chars[j + 1].isLetter {
                    spoken = "\(number(n)) năm \(number(y))"
                }
                if !out.isEmpty, let last = out.last, !last.isWhitespace, last != "(" { out += " " }
                out += spoken
                if j < chars.count, chars[j].isLetter { out += " " }
                // "%" after a number.
                if j < chars.count, chars[j] == "%" { out += " phần trăm"; j += 1 }
                i = j
                continue
            }
            if c.isUppercase || c == "Đ" {
                var j = i
                while j < chars.count, chars[j].isLetter { j += 1 }
                let word = String(chars[i..<j])
                if let full = abbreviations.first(where: { $0.0 == word })?.1 {
                    out += full
                    i = j
                    continue
                }
                out += word
                i = j
                continue
            }
            // Between two numbers (the second going on as an hour, thousands or a decimal: "7-9h",
            // "20-25.000", "1-2,5"), a dash is "đến"; not inside a date written 2026-11-25.
            if c == "-" || c == "–", i > 0, i + 1 < chars.count, chars[i - 1].isASCII, chars[i - 1].isNumber, chars[i + 1].isASCII, chars[i + 1].isNumber {
                var start = i - 1
                while start > 0, chars[start - 1].isNumber { start -= 1 }
                var end = i + 1
                while end < chars.count, chars[end].isNumber { end += 1 }
                let isoDate = (start > 0 && chars[start - 1] == "-") || (end < chars.count && chars[end] == "-")
                if !isoDate {
                    out += " đến "
                    i += 1
                    continue
                }
            }
            if c == "-" || c == "/", i > 0, i + 1 < chars.count, chars[i - 1].isNumber, chars[i + 1].isLetter {
                out += " "          // "57-NQ/TW": a pause, not "trừ"
                i += 1
                continue
            }
            if c == "/" || c == "-", i > 0, i + 1 < chars.count, chars[i - 1].isLetter, chars[i + 1].isLetter, chars[i + 1].isUppercase {
                out += " "          // "NQ/TW", "KH-UBND"
                i += 1
                continue
            }
            if c == "%" { out += " phần trăm"; i += 1; continue }
            out.append(c)
            i += 1
        }
        // Collapse the spaces the replacements left.
        return out.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            .replacingOccurrences(of: " ,", with: ",").replacingOccurrences(of: " .", with: ".")
    }

    /// A telephone number at `i`: a group starting with 0 (or +84) and more groups of 2 to 4
    /// digits after single spaces or dots, 9 to 12 digits in all; the groups and where it ends.
    static func telephone(_ chars: [Character], from i: Int) -> ([String], Int)? {
        var groups: [String] = []
        var j = i
        func digitRun(_ k: Int) -> (String, Int) {
            var e = k
            while e < chars.count, chars[e].isASCII, chars[e].isNumber { e += 1 }
            return (String(chars[k..<e]), e)
        }
        if chars[j] == "+" {
            let (run, e) = digitRun(j + 1)
            guard run == "84" else { return nil }
            groups.append("+" + run); j = e
        } else {
            let (run, e) = digitRun(j)
            // 0912…, 0220…, or a hotline 1800 …, 1900 ….
            guard run.hasPrefix("0") && (3...4).contains(run.count) || run == "1800" || run == "1900" else { return nil }
            groups.append(run); j = e
        }
        while j + 1 < chars.count, chars[j] == " " || chars[j] == ".", chars[j + 1].isASCII, chars[j + 1].isNumber {
            let (run, e) = digitRun(j + 1)
            guard (2...4).contains(run.count) else { break }
            groups.append(run); j = e
        }
        let count = groups.joined().filter(\.isNumber).count
        let hotline = groups[0] == "1800" || groups[0] == "1900"
        guard groups.count >= 2, hotline ? (7...10).contains(count) : (9...12).contains(count), j >= chars.count || !chars[j].isNumber else { return nil }
        return (groups, j)
    }

    /// A range at `i`: a number, an en dash or a hyphen, a number ("01–02", "7-9"); not a date or a code.
    static func range(_ chars: [Character], from i: Int) -> (String, String, Int)? {
        var j = i
        while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
        guard j - i <= 4, j + 1 < chars.count, chars[j] == "–" || chars[j] == "-", chars[j + 1].isASCII, chars[j + 1].isNumber else { return nil }
        if i > 0, chars[i - 1].isLetter || chars[i - 1] == "/" || chars[i - 1] == "-" { return nil }
        var k = j + 1
        while k < chars.count, chars[k].isASCII, chars[k].isNumber { k += 1 }
        guard k - (j + 1) <= 4 else { return nil }
        // "57-NQ": a document number, not a range; "2026-11-25": a date; "7-9h", "8-11h30", "20-25.000",
        // "1-2,5", "7-9:30": the second number goes on (an hour, thousands, a decimal): read as written.
        if k < chars.count {
            let c = chars[k], next: Character? = k + 1 < chars.count ? chars[k + 1] : nil
            if c == "-" || c == "/" || c.isLetter && c.isUppercase || c == "h" || c == "g" { return nil }
            if c == "." || c == "," || c == ":", let next, next.isNumber { return nil }
        }
        return (String(chars[i..<j]), String(chars[(j + 1)..<k]), k)
    }

    /// One numeric token: a date, a time, a decimal, a number with thousands dots, or digits.
    static func reading(_ token: String, previous: String) -> String {
        let parts = token.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 3, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]), (1...31).contains(d), (1...12).contains(m), parts[2].count == 4 {
            return (previous == "ngày" ? "" : "ngày ") + "\(number(d)) tháng \(month(m)) năm \(number(y))"
        }
        if parts.count == 2, let d = Int(parts[0]), let m = Int(parts[1]), (1...31).contains(d), (1...12).contains(m) {
            return (previous == "ngày" ? "" : "ngày ") + "\(number(d)) tháng \(month(m))"
        }
        if parts.count == 2, let m = Int(parts[0]), let y = Int(parts[1]), (1...12).contains(m), parts[1].count == 4 {
            return (previous == "tháng" ? "" : "tháng ") + "\(month(m)) năm \(number(y))"
        }
        for mark in ["h", "g", ":"] where token.contains(mark) {
            let hm = token.split(separator: Character(mark), omittingEmptySubsequences: false).map(String.init)
            if hm.count == 2, let h = Int(hm[0]), (0...24).contains(h) {
                if hm[1].isEmpty { return "\(number(h)) giờ" }
                if let m = Int(hm[1]), (0...59).contains(m), hm[1].count == 2 {
                    return m == 0 ? "\(number(h)) giờ" : "\(number(h)) giờ \(number(m)) phút"
                }
            }
        }
        if parts.count > 1 {
            return parts.map { reading($0, previous: "") }.joined(separator: " trên ")
        }
        // 1.500.000 (dots group thousands), 1,5 (the comma is the decimal mark).
        let dotted = token.split(separator: ".", omittingEmptySubsequences: false)
        if dotted.count > 1, dotted.dropFirst().allSatisfy({ $0.count == 3 }), let n = Int(dotted.joined()) { return number(n) }
        let comma = token.split(separator: ",", omittingEmptySubsequences: false)
        if comma.count == 2, let whole = Int(comma[0]), !comma[1].isEmpty, comma[1].allSatisfy(\.isNumber) {
            let fraction = comma[1].hasPrefix("0") ? comma[1].map { digits[Int(String($0))!] }.joined(separator: " ") : number(Int(comma[1]) ?? 0)
            return "\(number(whole)) phẩy \(fraction)"
        }
        if let n = Int(token) {
            // A long run of digits (a phone number, a code) is read digit by digit.
            if token.count > 12 || (token.hasPrefix("0") && token.count > 1) { return token.map { digits[Int(String($0))!] }.joined(separator: " ") }
            return number(n)
        }
        return token.map { $0.isNumber ? digits[Int(String($0))!] : String($0) }.joined(separator: " ")
    }

    /// Months are said "tháng tư" for April, otherwise as numbers.
    static func month(_ m: Int) -> String { m == 4 ? "tư" : number(m) }

    /// A whole number in words (Northern usage: nghìn, linh).
    public static func number(_ n: Int) -> String {
        if n < 0 { return "âm " + number(-n) }
        if n < 10 { return digits[n] }
        let units = ["", "nghìn", "triệu", "tỷ"]
        var groups: [Int] = []
        var rest = n
        while rest > 0 { groups.append(rest % 1000); rest /= 1000 }
        if groups.count > units.count { return String(n).map { digits[Int(String($0))!] }.joined(separator: " ") }
        var words: [String] = []
        for k in stride(from: groups.count - 1, through: 0, by: -1) {
            let g = groups[k]
            if g == 0 { continue }
            let leading = k == groups.count - 1
            words.append(hundreds(g, full: !leading))
            if !units[k].isEmpty { words.append(units[k]) }
        }
        return words.joined(separator: " ")
    }

    /// 0…999; `full` says "không trăm" and "linh" as a group after a larger one does.
    static func hundreds(_ g: Int, full: Bool) -> String {
        let h = g / 100, t = g / 10 % 10, u = g % 10
        var w: [String] = []
        if h > 0 || full { w += [digits[h], "trăm"] }
        if t == 0 {
            if u > 0 { if !w.isEmpty { w.append("linh") }; w.append(digits[u]) }
        } else if t == 1 {
            w.append("mười")
            if u > 0 { w.append(u == 5 ? "lăm" : digits[u]) }
        } else {
            w += [digits[t], "mươi"]
            if u == 1 { w.append("mốt") } else if u == 4 { w.append("tư") } else if u == 5 { w.append("lăm") } else if u > 0 { w.append(digits[u]) }
        }
        return w.joined(separator: " ")
    }
}
