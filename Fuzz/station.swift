// libFuzzer target: the station-file reader (Sources/LichPhatFormats/StationFile.swift with
// PolicyFile, YAMLProblem and TextInput) on any bytes, through Yams and libyaml compiled with
// the same sanitizers. Every input must give a station or a list of errors, each naming the
// file; nothing else (a trap, an empty error list) is acceptable.
import LichPhatCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStation(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for lang in [Language.vi, .en] {
        switch StationFileReader.parse(bytes: bytes, path: "fuzz.yaml", lang: lang) {
        case .success(let file):
            precondition(StationFileReader.isID(file.id), "a station id that is not a plain name was accepted")
            for session in file.sessions { precondition(session.length >= 0, "a negative session length") }
        case .failure(let errors):
            precondition(!errors.errors.isEmpty, "failure without an error")
            for e in errors.errors { precondition(!"\(e)".isEmpty, "an empty message") }
        }
    }
    return 0
}
