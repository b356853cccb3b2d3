import Foundation

/// A file's bytes mapped read-only into memory: read without copying, and given back to the
/// system when the value goes away. Never writes to the file.
final class MappedFile {
    let bytes: UnsafeRawBufferPointer
    private let length: Int

    struct Failure: Error { var detail: String }

    /// Opens `path` read-only; it must be a regular file. The caller closes the descriptor.
    static func openRegular(_ path: String) throws(Failure) -> (fd: Int32, size: Int) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw Failure(detail: String(cString: strerror(errno))) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { let e = errno; close(fd); throw Failure(detail: String(cString: strerror(e))) }
        guard (st.st_mode & S_IFMT) == S_IFREG else { close(fd); throw Failure(detail: "not a regular file") }
        return (fd, Int(st.st_size))
    }

    init(path: String) throws(Failure) {
        let (fd, size) = try Self.openRegular(path)
        defer { close(fd) }
        length = size
        guard length > 0 else { bytes = UnsafeRawBufferPointer(start: nil, count: 0); return }
        guard let p = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
            throw Failure(detail: String(cString: strerror(errno)))
        }
        madvise(p, length, MADV_SEQUENTIAL)
        bytes = UnsafeRawBufferPointer(start: p, count: length)
    }

    deinit {
        if let p = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: p), length) }
    }

    /// Calls `body` with every byte of `path`. A file up to 2 MB is read into a buffer this thread
    /// keeps for the next file (no mapping, no fresh pages, no lock on the address space, which
    /// threads mapping many small files queue for); a larger one is mapped.
    ///
    /// `body` may call its second argument with how far it has read: a mapped file's pages before
    /// that point are given back, so reading a file of any size keeps memory flat.
    static func withBytes<R>(of path: String, _ body: (UnsafeRawBufferPointer, _ readUpTo: (Int) -> Void) -> R) throws(Failure) -> R {
        let (fd, size) = try openRegular(path)
        guard size <= ReadBuffer.largest else {
            close(fd)
            let mapped = try MappedFile(path: path)
            return withExtendedLifetime(mapped) { body(mapped.bytes, mapped.release(below:)) }
        }
        defer { close(fd) }
        let buffer = ReadBuffer.forThisThread(size)
        var done = 0
        while done < size {
            let n = pread(fd, buffer.pointer + done, size - done, off_t(done))
            if n < 0 { if errno == EINTR { continue }; throw Failure(detail: String(cString: strerror(errno))) }
            if n == 0 { break }
            done += n
        }
        return body(UnsafeRawBufferPointer(start: buffer.pointer, count: done), { _ in })
    }

    private var released = 0

    /// Gives back the pages before `offset` (well behind it): they are read again from the file if
    /// touched again, and no longer count against this process's memory. An offset before the last
    /// one starts a new pass.
    func release(below offset: Int) {
        let page = 1 << 16
        if offset < released { released = 0 }    // a new pass over the bytes
        let end = (offset - page) / page * page
        guard end > released, let base = bytes.baseAddress else { return }
        madvise(UnsafeMutableRawPointer(mutating: base + released), end - released, MADV_DONTNEED)
        released = end
    }

    /// A hash of every byte, four 64-bit lanes at a time (the lanes do not wait on each other).
    static func hash(_ raw: UnsafeRawBufferPointer, readUpTo: (Int) -> Void = { _ in }) -> UInt64 {
        let m: UInt64 = 0x100_0000_01b3
        var h0: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(raw.count), h1 = h0 &+ 1, h2 = h0 &+ 2, h3 = h0 &+ 3
        let blocks = raw.count / 32
        for b in 0..<blocks {
            let o = b * 32
            if b & 0x1FFFF == 0 { readUpTo(o) }     // every 4 MB
            h0 = (h0 ^ raw.loadUnaligned(fromByteOffset: o, as: UInt64.self)) &* m; h0 ^= h0 >> 29
            h1 = (h1 ^ raw.loadUnaligned(fromByteOffset: o + 8, as: UInt64.self)) &* m; h1 ^= h1 >> 29
            h2 = (h2 ^ raw.loadUnaligned(fromByteOffset: o + 16, as: UInt64.self)) &* m; h2 ^= h2 >> 29
            h3 = (h3 ^ raw.loadUnaligned(fromByteOffset: o + 24, as: UInt64.self)) &* m; h3 ^= h3 >> 29
        }
        var h = ((h0 &* 31 ^ h1) &* 31 ^ h2) &* 31 ^ h3
        for i in (blocks * 32)..<raw.count { h = (h ^ UInt64(raw[i])) &* m }
        return h ^ (h >> 31)
    }
}

/// One reading buffer per thread, grown as needed up to `largest` bytes and kept (small: a server's
/// pool may hold many threads).
final class ReadBuffer {
    static let largest = 2 << 20
    private(set) var pointer: UnsafeMutableRawPointer
    private var capacity: Int

    private init() {
        capacity = 1 << 20
        pointer = .allocate(byteCount: capacity, alignment: 64)
    }

    deinit { pointer.deallocate() }

    static func forThisThread(_ size: Int) -> ReadBuffer {
        let key = "lichphat.readBuffer"
        let buffer: ReadBuffer
        if let b = Thread.current.threadDictionary[key] as? ReadBuffer {
            buffer = b
        } else {
            buffer = ReadBuffer()
            Thread.current.threadDictionary[key] = buffer
        }
        if size > buffer.capacity {
            buffer.pointer.deallocate()
            buffer.capacity = max(size, 2 * buffer.capacity)
            buffer.pointer = .allocate(byteCount: buffer.capacity, alignment: 64)
        }
        return buffer
    }
}
