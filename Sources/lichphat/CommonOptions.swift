import ArgumentParser
import LichPhatCore

/// `--lang`, shared by every command.
struct LanguageOption: ParsableArguments {
    @Option(help: "Language of messages: vi or en.")
    var lang: Language = .vi
}

/// `--cache` / `--no-cache`, for the commands that read audio.
struct CatalogOptions: ParsableArguments {
    @Option(help: "The scan catalog that remembers results (default: ~/.cache/lichphat/catalog.sqlite).")
    var cache: String?

    @Flag(help: "Neither read nor write the scan catalog.")
    var noCache = false

    func validate() throws {
        if noCache && cache != nil { throw ValidationError("--cache and --no-cache cannot be used together.") }
    }
}
