// libFuzzer target: the RIFF/WAVE header reader (Sources/LichPhatAudio/WAVHeader.swift) on any bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWAV(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    _ = WAVHeader.promisedFrames(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
