// libFuzzer target: the MP3 frame walker (Sources/LichPhatAudio/MP3Frames.swift) on any bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMP3(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    _ = MP3Frames.looksLikeMP3(bytes)
    if let s = MP3Frames.walk(bytes) {
        _ = (s.playedSamples, s.declaredSamples, s.isTruncated)
    }
    return 0
}
