// libFuzzer target: text decoding (BOM, UTF-16, CR) and the CSV reader of play logs
// (Sources/LichPhatFormats/TextInput.swift, CSVReader.swift) on any bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var rows = 0, lastLine = 0
    for row in CSVReader(TextInput.utf8(bytes)) {
        precondition(row.line >= lastLine, "lines go forward")
        lastLine = row.line
        rows += 1
    }
    _ = TextInput.text(bytes)
    return 0
}
