public import Foundation
public import LichPhatCore
import Synchronization

/// One file found for scanning.
public struct Candidate: Sendable, Hashable {
    /// The path as the operator gave it (folder + relative path), in NFC.
    public var displayPath: String
    /// The path as given, spelt as the file system spells it (perhaps NFD).
    public var givenPath: String
    /// The path on disk, absolute, as the file system spells it.
    public var absolutePath: String
    public var size: Int64
    public var mtime: Int64
    /// Named on the command line (not found by walking a folder).
    public var named: Bool
}

/// A file and what was learnt about it.
public struct ScannedFile: Sendable {
    public var candidate: Candidate
    public var facts: AudioFacts
    /// Hash of the file's bytes, known only for files whose size another file shares.
    public var contentHash: UInt64? { facts.contentHash }
    public var path: String { candidate.displayPath }
}

/// A path the operator gave that does not exist.
public struct MissingPathError: Error, Sendable { public var path: String }

/// Walks folders, consults the catalog, inspects what changed on every core.
public struct LibraryScanner: Sendable {
    public var depth: AudioInspector.Depth
    public var policy: AudioPolicy
    public var jobs: Int

    public init(depth: AudioInspector.Depth, policy: AudioPolicy, jobs: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.depth = depth
        self.policy = policy
        self.jobs = max(1, jobs)
    }

    // MARK: - Finding files

    /// Every regular file under `paths` (folders walked recursively, hidden entries skipped),
    /// in a stable order. Throws for a path that does not exist.
    public static func collect(_ paths: [String]) throws(MissingPathError) -> [Candidate] {
        var links: [String] = []
        return try collect(paths, linksNotFollowed: &links)
    }

    /// As ``collect(_:)``, telling which symbolic links were not followed (they lead out of the
    /// folder given, or nowhere), so a library of links is not reported as empty without a word.
    public static func collect(_ paths: [String], linksNotFollowed: inout [String]) throws(MissingPathError) -> [Candidate] {
        var found: [Candidate] = []
        var seen = Set<String>()
        let cwd = FileManager.default.currentDirectoryPath
        for given in paths {
            let absolute = given.hasPrefix("/") ? given : cwd + "/" + given
            var st = stat()
            guard stat(absolute, &st) == 0 else { throw MissingPathError(path: given) }
            if (st.st_mode & S_IFMT) == S_IFDIR {
                var files: [Candidate] = []
                let top = realPath(absolute) ?? absolute
                var visited: Set<String> = [top]
                walk(absolute, display: given.hasSuffix("/") ? String(given.dropLast()) : given, top: top, visited: &visited, into: &files,
                     links: &linksNotFollowed)
                for f in files.sorted(by: { $0.displayPath < $1.displayPath }) where seen.insert(f.absolutePath).inserted {
                    found.append(f)
                }
            } else if seen.insert(absolute).inserted {
                found.append(Candidate(displayPath: AudioValidator.nfc(given), givenPath: given, absolutePath: absolute,
                                       size: Int64(st.st_size), mtime: mtimeNanos(st), named: true))
            }
        }
        return found
    }

    /// The path with every symbolic link resolved (nil when it leads nowhere).
    public static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    /// A folder's files, depth first. A symbolic link is followed only when it leads to a place
    /// inside the folder given (`top`) not seen before: a link out of the library is never read,
    /// and a link to a parent never loops.
    private static func walk(_ folder: String, display: String, top: String, visited: inout Set<String>, into files: inout [Candidate],
                             links: inout [String]) {
        guard let dir = opendir(folder) else { return }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix(".") { continue }
            let path = folder + "/" + name
            let shown = display + "/" + name
            var st = stat()
            guard lstat(path, &st) == 0 else { continue }
            var real = path
            if (st.st_mode & S_IFMT) == S_IFLNK {
                guard let target = realPath(path), target.hasPrefix(top + "/"), stat(target, &st) == 0 else {
                    links.append(AudioValidator.nfc(shown))
                    continue
                }
                real = target
            }
            switch st.st_mode & S_IFMT {
            case S_IFDIR:
                guard visited.insert(realPath(real) ?? real).inserted else { continue }
                walk(path, display: shown, top: top, visited: &visited, into: &files, links: &links)
            case S_IFREG:
                files.append(Candidate(displayPath: AudioValidator.nfc(shown), givenPath: shown, absolutePath: path,
                                       size: Int64(st.st_size), mtime: mtimeNanos(st), named: false))
            default: continue
            }
        }
    }

    private static func mtimeNanos(_ st: stat) -> Int64 {
        Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
    }

    // MARK: - Scanning

    /// What the catalog key records about how a file was measured.
    /// The version in both keys changes whenever the reader learns to see something new, so a
    /// catalog written by an older LichPhat is measured again.
    var measureKey: String { depth == .quick ? "quick;v3" : fullKey }

    private var fullKey: String { "full;v3;silence=\(policy.silenceThreshold);clip=\(policy.clipRunLength)" }

    public struct Outcome: Sendable {
        public var files: [ScannedFile]
        /// Files found in folders that are not audio (skipped).
        public var skipped: Int
        /// Files answered from the catalog.
        public var fromCatalog: Int
    }

    /// Inspects `candidates`, answering from `catalog` where a file is unchanged.
    /// `progress(done, total)` is called from worker threads.
    public func scan(_ candidates: [Candidate], catalog: Catalog?,
                     progress: (@Sendable (Int, Int) -> Void)? = nil) -> Outcome {
        // Only the candidates' rows: a large catalog is not decoded whole for a few files.
        let known = (try? catalog?.load(paths: candidates.map(\.absolutePath))) ?? [:]
        var facts = [AudioFacts?](repeating: nil, count: candidates.count)
        var todo: [Int] = []
        for (i, c) in candidates.enumerated() {
            if let e = known[c.absolutePath], e.size == c.size, e.mtime == c.mtime,
               e.measureKey == measureKey || (depth == .quick && e.facts.measured && e.measureKey.hasPrefix("full;v3;")) {
                facts[i] = e.facts
            } else {
                todo.append(i)
            }
        }
        let fromCatalog = candidates.count - todo.count
        // Largest first, so the last file to finish is a small one.
        todo.sort { candidates[$0].size > candidates[$1].size }

        // Sizes more than one file has: those files' bytes are hashed to find copies.
        var sizeCounts: [Int64: Int] = [:]
        for c in candidates where c.size > 0 { sizeCounts[c.size, default: 0] += 1 }
        let measured = inspect(todo.map { candidates[$0].absolutePath }, sizes: todo.map { candidates[$0].size },
                               shared: todo.map { sizeCounts[candidates[$0].size, default: 0] > 1 }, progress: progress)
        var changed = Set<Int>()
        for (k, i) in todo.enumerated() {
            facts[i] = measured[k]
            changed.insert(i)
        }

        var kept: [Int] = []
        var skipped = 0
        for (i, c) in candidates.enumerated() {
            if !c.named, isSkippable(facts[i]!, path: c.absolutePath) { skipped += 1 } else { kept.append(i) }
        }
        // Copies: read the bytes of files whose size another file shares (once; the catalog keeps the hash).
        var bySize: [Int64: [Int]] = [:]
        for i in kept where facts[i]!.isReadable && facts[i]!.size > 0 { bySize[facts[i]!.size, default: []].append(i) }
        for group in bySize.values where group.count > 1 {
            for i in group where facts[i]!.contentHash == nil {
                facts[i]!.contentHash = try? MappedFile.withBytes(of: candidates[i].absolutePath) { MappedFile.hash($0, readUpTo: $1) }
                changed.insert(i)
            }
        }
        try? catalog?.store(changed.sorted().map { i in
            let c = candidates[i]
            return (c.absolutePath, Catalog.Entry(size: c.size, mtime: c.mtime, measureKey: entryKey(facts[i]!), facts: facts[i]!))
        })
        let files = kept.map { ScannedFile(candidate: candidates[$0], facts: facts[$0]!) }
        return Outcome(files: files, skipped: skipped, fromCatalog: fromCatalog)
    }

    /// The catalog key of facts: a full measurement keeps its settings even when a quick scan re-stores it.
    private func entryKey(_ facts: AudioFacts) -> String {
        facts.measured && depth == .quick ? fullKey : measureKey
    }

    /// A file found in a folder that no reader recognises and whose name does not promise audio.
    private func isSkippable(_ facts: AudioFacts, path: String) -> Bool {
        guard facts.defects.contains(where: { if case .unreadable(.notAudio, _) = $0 { true } else { false } }) else { return false }
        let ext = (path as NSString).pathExtension.lowercased()
        return !AudioInspector.audioExtensions.contains(ext)
    }

    /// Inspects files on `jobs` threads. A file that holds at least a `jobs`-th of all the bytes
    /// (one long recording, or the only file) is measured on every core itself, in stretches.
    private func inspect(_ paths: [String], sizes: [Int64], shared: [Bool], progress: (@Sendable (Int, Int) -> Void)?) -> [AudioFacts] {
        guard !paths.isEmpty else { return [] }
        let total = sizes.reduce(0, +)
        let jobs = self.jobs
        let next = Atomic<Int>(0)
        let done = Atomic<Int>(0)
        let results = Mutex([AudioFacts?](repeating: nil, count: paths.count))
        let depth = self.depth, policy = self.policy
        DispatchQueue.concurrentPerform(iterations: min(jobs, paths.count)) { _ in
            while true {
                let i = next.add(1, ordering: .relaxed).oldValue
                if i >= paths.count { break }
                let big = jobs > 1 && sizes[i] >= 1 << 20 && sizes[i] * Int64(jobs) >= total
                let f = AudioInspector.inspect(path: paths[i], depth: depth, policy: policy, cores: big ? jobs : 1, hashBytes: shared[i])
                results.withLock { $0[i] = f }
                let n = done.add(1, ordering: .relaxed).newValue
                progress?(n, paths.count)
            }
        }
        return results.withLock { $0.map { $0! } }
    }
}
