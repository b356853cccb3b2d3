/// `n` with leading zeros to `width` digits: `pad(6, 2)` is `06`.
func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}
