import Foundation  // for Unicode normalisation only

/// Judges one file's facts against a station's ``AudioPolicy``.
public enum AudioValidator {
    /// Problems with the file at `path` (its file name is checked too), most serious first.
    public static func problems(path: String, facts: AudioFacts, policy: AudioPolicy) -> [AudioProblem] {
        var found: [AudioProblem] = []
        found += nameProblems(path)

        for defect in facts.defects {
            switch defect {
            case let .unreadable(reason, detail): found.append(.unreadable(reason, detail: detail))
            case .truncated: found.append(.truncated(declared: facts.declaredDuration, real: facts.duration))
            case let .unsupported(format): found.append(.unsupportedFormat(format))
            case .mp3WithoutSeekTag: found.append(.mp3WithoutSeekTag(declared: facts.declaredDuration, real: facts.duration))
            case let .outOfRange(count, peak): found.append(.samplesOutOfRange(count: count, peak: peak))
            }
        }
        guard facts.isReadable else { return sorted(found) }

        if let frames = facts.frames, frames == 0 {
            found.append(.empty)
            return sorted(found)
        }
        if let d = facts.duration {
            if d < policy.minDuration { found.append(.durationTooShort(d, min: policy.minDuration)) }
            if d > policy.maxDuration { found.append(.durationTooLong(d, max: policy.maxDuration)) }
        }
        if let sr = facts.sampleRate, sr < policy.minSampleRate {
            found.append(.sampleRateLow(sr, min: policy.minSampleRate, floor: policy.sampleRateFloor))
        }
        if let ch = facts.channels, ch > policy.maxChannels {
            found.append(.tooManyChannels(ch, max: policy.maxChannels))
        }
        if let lufs = facts.loudness?.integrated,
           abs(lufs - policy.loudnessTarget) > policy.loudnessTolerance {
            found.append(.loudnessOff(lufs, target: policy.loudnessTarget, tolerance: policy.loudnessTolerance))
        }
        if let tp = facts.loudness?.truePeak, tp > policy.truePeakLimit {
            found.append(.truePeakHigh(tp, limit: policy.truePeakLimit))
        }
        if let s = facts.silence {
            if s.head > policy.maxDeadAir { found.append(.deadAirHead(s.head, max: policy.maxDeadAir)) }
            // A file that is silence throughout is reported once, at the head.
            if s.tail > policy.maxDeadAir, s.head < (facts.duration ?? .infinity) {
                found.append(.deadAirTail(s.tail, max: policy.maxDeadAir))
            }
            if s.longest > policy.maxInnerSilence { found.append(.longSilence(s.longest, max: policy.maxInnerSilence)) }
        }
        if let runs = facts.clippedRuns, runs > 0 { found.append(.clipping(runs: runs)) }
        return sorted(found)
    }

    /// Characters that playout systems, playlists or Windows file shares choke on.
    static let unsafeCharacters: Set<Character> = ["\\", ":", "*", "?", "\"", "<", ">", "|"]

    /// Problems with the file name itself (the last path component).
    public static func nameProblems(_ path: String) -> [AudioProblem] {
        let name = path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
        var found: [AudioProblem] = []
        if !isNFC(path) { found.append(.nameNotNFC) }
        var bad: [String] = []
        for ch in name where unsafeCharacters.contains(ch) || ch.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            let shown = ch.unicodeScalars.first.map { $0.value < 0x20 || $0.value == 0x7F ? String(format: "U+%04X", $0.value) : String(ch) } ?? "?"
            if !bad.contains(shown) { bad.append(shown) }
        }
        if name.first?.isWhitespace == true || name.last?.isWhitespace == true { bad.append("␠") }
        if name.hasPrefix("#") { bad.append("#") }
        if !bad.isEmpty { found.append(.nameUnsafe(characters: bad.joined(separator: " "))) }
        return found
    }

    /// True when `text` is already in Unicode Normalization Form C (compared scalar by scalar:
    /// Swift's `==` treats NFC and NFD as equal, which is exactly what must not happen here).
    public static func isNFC(_ text: String) -> Bool {
        Array(text.unicodeScalars) == Array(nfc(text).unicodeScalars)
    }

    /// `text` in Unicode Normalization Form C.
    public static func nfc(_ text: String) -> String { text.precomposedStringWithCanonicalMapping }

    private static func sorted(_ problems: [AudioProblem]) -> [AudioProblem] {
        // Errors first; otherwise keep the order found (stable).
        problems.enumerated().sorted { a, b in
            a.element.severity != b.element.severity ? a.element.severity > b.element.severity : a.offset < b.offset
        }.map(\.element)
    }
}

/// Finds the same audio under two names.
public enum DuplicateFinder {
    /// For each path whose `key` (a content or audio hash) another path shares, the first
    /// other path with that key. Paths without a key are ignored.
    public static func duplicates(_ entries: [(path: String, key: UInt64?)]) -> [String: String] {
        var groups: [UInt64: [String]] = [:]
        for e in entries { if let k = e.key { groups[k, default: []].append(e.path) } }
        var result: [String: String] = [:]
        for paths in groups.values where paths.count > 1 {
            let ordered = paths.sorted()
            for p in ordered { result[p] = ordered.first { $0 != p } }
        }
        return result
    }
}
