import ArgumentParser
import Foundation

import LichPhatCore
import LichPhatFormats
import LichPhatText
import LichPhatWorkspace

/// `lichphat speak`: a typed notice read aloud into an ordinary audio file of the library.
struct SpeakCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "speak",
        abstract: "Đọc thông báo thành tệp âm thanh. / Read a typed notice aloud into an audio file.",
        discussion: """
        Turns a text file into speech with espeak-ng's Vietnamese voice: numbers, dates (25/11/2026), \
        times (17h30) and the common abbreviations (UBND, HĐND, CĐS, KHCN, ĐMST, NQ, TW …) are read \
        as words; the voice is brought to the loudness target (the station's with --station, else \
        the default policy's) without passing the true-peak limit, with half a second of pause at \
        head and tail. The text is kept beside the audio (FILE.txt). Nothing is overwritten without \
        --force. --show prints the text as it will be read, and writes nothing.

        Examples:
          lichphat speak thong-bao.txt --out Audio/thong-bao/hop-dan.wav --station Schedules/nam-sach.yaml
          lichphat speak thong-bao.txt --show
        """
    )

    @Argument(help: "The notice, a UTF-8 (or UTF-16 with its byte-order mark) text file.")
    var text: String

    @Option(help: "The WAV file to write.")
    var out: String?

    @Option(help: "The station file whose loudness target and true-peak limit to use.")
    var station: String?

    @Option(help: "Words per minute (80–300, default 150).")
    var rate: Int = 150

    @Flag(help: "Replace FILE.wav and FILE.txt if they exist.")
    var force = false

    @Flag(help: "Print the text as it will be read (numbers and abbreviations as words); write nothing.")
    var show = false

    @OptionGroup var language: LanguageOption
    var lang: Language { language.lang }

    func validate() throws {
        guard (80...300).contains(rate) else { throw Usage.error(lang, "--rate phải từ 80 đến 300 từ/phút.", "--rate must be between 80 and 300 words per minute.") }
        guard show || out != nil else { throw Usage.error(lang, "Cần --out TỆP.wav (hoặc --show để xem văn bản sẽ đọc).", "--out FILE.wav is needed (or --show to see the text as it will be read).") }
        if let out, (out as NSString).pathExtension.lowercased() != "wav" {
            throw Usage.error(lang, "--out phải là tệp .wav (có: \(out)).", "--out must be a .wav file (found: \(out)).")
        }
    }

    func run() throws {
        guard let bytes = FileManager.default.contents(atPath: text) else {
            throw Usage.error(lang, "Không đọc được tệp văn bản “\(text)”.", "Cannot read the text file “\(text)”.")
        }
        let notice = TextInput.text(Array(bytes)).trimmingCharacters(in: .whitespacesAndNewlines)
        var policy = AudioPolicy()
        var abbreviations: [(String, String)] = []
        if let station {
            switch StationFileReader.read(path: station, lang: lang) {
            case .success(let file): policy = file.policy; abbreviations = file.abbreviations
            case .failure(let errors):
                for e in errors.errors { Console.error(e.description) }
                throw ExitCode(Exit.usage)
            }
        }
        if show {
            print(VietnameseReading.normalise(notice, extra: abbreviations))
            return
        }
        let workspace = Workspace.commandLine(lang: lang)
        do throws(WorkspaceError) {
            let r = try workspace.speak(text: notice, to: out!, policy: policy, abbreviations: abbreviations, rate: rate, force: force)
            let vi = lang == .vi
            let level = r.loudness.map { Messages.number($0, lang) } ?? "–"
            let peak = r.truePeak.map { Messages.number($0, lang) } ?? "–"
            let gain = (r.gain > 0 ? "+" : "") + Messages.number(r.gain, lang)
            print(vi ? "Đã đọc thông báo vào \(out!) (\(Messages.clock(r.duration)), \(level) LUFS, đỉnh \(peak) dBTP, bù \(gain) dB); văn bản giữ ở \((out! as NSString).deletingPathExtension).txt."
                     : "Read the notice into \(out!) (\(Messages.clock(r.duration)), \(level) LUFS, peak \(peak) dBTP, gain \(gain) dB); the text is kept in \((out! as NSString).deletingPathExtension).txt.")
            if r.limitedByPeak {
                Console.error(vi ? "Cảnh báo: giọng đọc chưa đạt mức chuẩn \(Messages.number(policy.loudnessTarget, lang)) LUFS vì tăng thêm thì đỉnh vượt giới hạn."
                                 : "Warning: the voice stays under the \(Messages.number(policy.loudnessTarget, lang)) LUFS target: more gain would pass the true-peak limit.")
            }
        } catch {
            throw workspace.exit(error)
        }
    }
}
