import LichPhatCore
import LichPhatText
import Mustache

/// The pages' words (``PageWords`` in LichPhatText), as the code and the templates look them up.
@dynamicMemberLookup
struct Text: Sendable, MustacheParent {
    let words: PageWords
    init(_ lang: Language) { words = PageWords(lang) }
    subscript<T>(dynamicMember path: KeyPath<PageWords, T>) -> T { words[keyPath: path] }
    func child(named name: String) -> Any? { words.table[name] }

    func weekTitle(_ w: ISOWeek) -> String { words.weekTitle(w) }
    func severityWord(_ code: String) -> String { words.severityWord(code) }
    func statusWord(_ code: String) -> String { words.statusWord(code) }
}
