import Foundation
import LichPhatAudio
public import LichPhatCore
import LichPhatFormats
import LichPhatText

/// A notice read aloud: where, how long, and how loud it came out.
public struct SpokenNotice: Sendable {
    public var path: String
    /// Seconds, pauses included.
    public var duration: Double
    /// The gain applied to the voice (dB), the loudness and true peak it gave.
    public var gain: Double
    public var loudness: Double?
    public var truePeak: Double?
    /// The target was not reached: more gain would have passed the true-peak limit.
    public var limitedByPeak: Bool
}

extension Workspace {
    /// Reads a typed notice aloud into `path` (a .wav): the text normalised for reading
    /// (numbers, dates, times, abbreviations as words), espeak-ng's Vietnamese voice at `rate`
    /// words per minute, brought to the policy's loudness target, with a short pause at head and
    /// tail; the text kept beside it as `FILE.txt` for the printed schedule. Nothing is
    /// overwritten unless `force`; both files are written whole or not at all.
    /// The longest notice read aloud: 6,000 characters, about eight minutes of speech (a long
    /// text costs seconds of CPU per kilobyte and a WAV of hundreds of MB).
    public static let longestNotice = 6_000

    /// The notice as it will be read aloud (numbers, dates, abbreviations in words, the station's
    /// own abbreviations first): what the page shows before anything is made.
    public func reading(of text: String, in loaded: LoadedStation) -> String {
        VietnameseReading.normalise(String(text.prefix(Self.longestNotice)), extra: loaded.file.abbreviations)
    }

    public func speak(text: String, to path: String, policy: AudioPolicy, abbreviations: [(String, String)] = [], rate: Int = 150,
                      force: Bool = false) throws(WorkspaceError) -> SpokenNotice {
        guard text.count <= Self.longestNotice else { throw .noticeTooLong(characters: text.count, limit: Self.longestNotice) }
        let target = absolute(path)
        let folder = (target as NSString).deletingLastPathComponent
        let companion = (target as NSString).deletingPathExtension + ".txt"
        guard (target as NSString).pathExtension.lowercased() == "wav", AudioName.isPlainName((target as NSString).lastPathComponent) else {
            throw .badFileName(name: path)
        }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir), isDir.boolValue else { throw .noSuchFolder(folder: folder) }
        if !force {
            for p in [target, companion] where FileManager.default.fileExists(atPath: p) { throw .fileExists(path: p) }
        }
        let words = VietnameseReading.normalise(text, extra: abbreviations)
        let temporary = folder + "/.speak-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).wav"
        defer { unlink(temporary) }
        let result: Speech.Result
        do throws(Speech.Failure) {
            result = try Speech.render(words: words, rate: rate, policy: policy, to: temporary)
        } catch {
            throw .speechFailed(error)
        }
        let textTemporary = temporary + ".txt"
        defer { unlink(textTemporary) }
        guard FileManager.default.createFile(atPath: textTemporary, contents: Data((text.hasSuffix("\n") ? text : text + "\n").utf8)) else {
            throw .cannotWrite(path: companion, detail: String(cString: strerror(errno)))
        }
        // Into place: never over a file unless asked (link refuses an existing name).
        for (from, to) in [(temporary, target), (textTemporary, companion)] {
            let ok = force ? rename(from, to) == 0 : link(from, to) == 0
            if !ok {
                let e = errno
                if e == EEXIST { throw .fileExists(path: to) }
                throw .cannotWrite(path: to, detail: String(cString: strerror(e)))
            }
        }
        return SpokenNotice(path: target, duration: result.duration, gain: result.gain, loudness: result.loudness,
                            truePeak: result.truePeak, limitedByPeak: result.limitedByPeak)
    }
}
