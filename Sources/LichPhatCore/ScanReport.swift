/// The result of scanning a library: each file's facts and problems, and a summary.
public struct ScanReport: Sendable {
    public struct File: Sendable {
        public var path: String
        public var facts: AudioFacts
        public var problems: [AudioProblem]
        /// The gain to the policy's loudness target, within its true-peak limit (nil when not measured).
        public var gain: LoudnessGain.Result?
        public var worst: Severity? { problems.map(\.severity).max() }
    }

    public struct Summary: Sendable, Equatable {
        public var files = 0
        public var ok = 0
        /// Files with at least one error.
        public var errors = 0
        /// Files with warnings only.
        public var warnings = 0
        /// Files in folders that are not audio.
        public var skipped = 0
        /// Total real playing time of the readable files, seconds.
        public var duration = 0.0
        /// How many files have each problem code.
        public var problems: [String: Int] = [:]
    }

    public var roots: [String]
    public var quick: Bool
    public var files: [File]
    public var summary: Summary

    /// One entry per file found.
    public struct Entry: Sendable {
        public var path: String
        /// The path as the file system spells it, for the checks on the name itself.
        public var diskPath: String
        public var facts: AudioFacts
        /// A hash that two copies of the same audio share (decoded audio or file bytes), if known.
        public var sameAudioKey: UInt64?
        public init(path: String, diskPath: String? = nil, facts: AudioFacts, sameAudioKey: UInt64?) {
            self.path = path; self.diskPath = diskPath ?? path; self.facts = facts; self.sameAudioKey = sameAudioKey
        }
    }

    public init(roots: [String], quick: Bool, entries: [Entry], skipped: Int, policy: AudioPolicy) {
        self.roots = roots
        self.quick = quick
        let copies = DuplicateFinder.duplicates(entries.map { ($0.path, $0.sameAudioKey) })
        var summary = Summary()
        summary.skipped = skipped
        files = entries.map { e in
            var problems = AudioValidator.problems(path: e.diskPath, facts: e.facts, policy: policy)
            if let other = copies[e.path] { problems.append(.duplicate(of: other)) }
            return File(path: e.path, facts: e.facts, problems: problems,
                        gain: LoudnessGain.gain(integrated: e.facts.loudness?.integrated, truePeak: e.facts.loudness?.truePeak,
                                                target: policy.loudnessTarget, peakLimit: policy.truePeakLimit))
        }
        for f in files {
            summary.files += 1
            switch f.worst {
            case .error?: summary.errors += 1
            case .warning?: summary.warnings += 1
            case nil: summary.ok += 1
            }
            if f.facts.isReadable { summary.duration += f.facts.duration ?? 0 }
            for code in Set(f.problems.map(\.code)) { summary.problems[code, default: 0] += 1 }
        }
        self.summary = summary
    }

    public var hasErrors: Bool { summary.errors > 0 }
}
