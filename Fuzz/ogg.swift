// libFuzzer target: the Ogg page reader (Sources/LichPhatAudio/OggPages.swift) on any bytes,
// as the first bytes of a file and as its last.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOgg(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    if let start = OggPages.vorbisStart(bytes) { _ = (start.rate, start.channels) }
    if let last = OggPages.lastPage(bytes) { _ = (last.granule, last.isLast) }
    var i = 0
    while i < size, let p = OggPages.page(bytes, at: i) { i = max(p.end, i + 1) }
    return 0
}
