public import LichPhatCore

/// Every user-facing sentence about audio, in both languages, in one place.
public enum Messages {
    /// A huge finite number without its fraction (no Foundation: Core prints nothing itself).
    static func whole(_ value: Double) -> String {
        abs(value) < 9e18 ? String(Int64(value.rounded())) : "\(value)"
    }

    /// A number with `digits` decimals, in the language's convention (Vietnamese uses a decimal comma).
    /// An English count with its noun: "1 airing", "2 airings" (Vietnamese nouns do not change).
    public static func count(_ n: Int, _ noun: String) -> String {
        n == 1 ? "\(n) \(noun)" : "\(n) \(noun)s"
    }

    public static func number(_ value: Double, digits: Int = 1, _ lang: Language) -> String {
        // Beyond this no commune file or count goes; printed plainly instead of trapping on Int().
        guard value.isFinite, abs(value) < 1e15 else { return value.isFinite ? Self.whole(value) : "\(value)" }
        var scale = 1
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int((abs(value) * Double(scale)).rounded())
        var s = (value < 0 && scaled != 0 ? "-" : "") + String(scaled / scale)
        if digits > 0 { s += (lang == .vi ? "," : ".") + pad(scaled % scale, digits) }
        return s
    }

    /// Seconds as `m:ss` (or `h:mm:ss`) for people.
    public static func clock(_ seconds: Double) -> String {
        guard seconds.isFinite, abs(seconds) < 1e12 else { return seconds.isFinite ? Self.whole(seconds) + " s" : "\(seconds)" }
        let total = Int(seconds.rounded())
        let h = total / 3600, m = (total % 3600) / 60, s = total % 60
        return h > 0 ? "\(h):\(pad(m, 2)):\(pad(s, 2))" : "\(m):\(pad(s, 2))"
    }

    private static func sec(_ v: Double, _ lang: Language) -> String {
        lang == .vi ? "\(number(v, lang)) giây" : "\(number(v, lang)) s"
    }

    private static func optSec(_ v: Double?, _ lang: Language) -> String {
        v.map { sec($0, lang) } ?? "?"
    }

    public static func text(_ problem: AudioProblem, _ lang: Language) -> String {
        switch lang {
        case .vi: vietnamese(problem)
        case .en: english(problem)
        }
    }

    private static func vietnamese(_ p: AudioProblem) -> String {
        let l = Language.vi
        switch p {
        case .unreadable(.notAudio, _):
            return "Không đọc được: tệp không phải âm thanh hoặc định dạng không được hỗ trợ. Hãy xuất lại tệp ở dạng MP3 hoặc WAV."
        // The decoder's own detail is English (libmpg123, libsndfile, the system): the English
        // text carries it; the Vietnamese one says what it means.
        case .unreadable(.ioError, _):
            return "Không mở được tệp. Kiểm tra tệp còn tồn tại và có quyền đọc."
        case .unreadable(.corrupt, _):
            return "Tệp bị hỏng, không giải mã được. Hãy lấy lại bản gốc hoặc xuất lại tệp."
        case let .truncated(declared, nil):
            return "Tệp bị cắt cụt: phần đầu tệp ghi \(optSec(declared, l)) nhưng tệp kết thúc sớm hơn. Hãy chép lại tệp từ bản gốc."
        case let .truncated(declared, real):
            return "Tệp bị cắt cụt: phần đầu tệp ghi \(optSec(declared, l)) nhưng chỉ phát được \(optSec(real, l)). Hãy chép lại tệp từ bản gốc."
        case .empty:
            return "Tệp không có âm thanh (độ dài 0). Hãy xuất lại tệp."
        case let .durationTooShort(d, min):
            return "Quá ngắn: \(sec(d, l)), tối thiểu \(sec(min, l))."
        case let .durationTooLong(d, max):
            return "Quá dài: \(clock(d)), tối đa \(clock(max))."
        case let .sampleRateLow(sr, min, floor) where sr < floor:
            return "Tần số lấy mẫu quá thấp: \(sr) Hz, dưới \(floor) Hz thì loa nghe không rõ. Hãy thu hoặc xuất lại ở 44 100 Hz."
        case let .sampleRateLow(sr, min, _):
            return "Tần số lấy mẫu thấp: \(sr) Hz (dưới \(min) Hz, như qua điện thoại); vẫn phát được. Nếu có bản gốc tốt hơn, hãy xuất lại ở 44 100 Hz."
        case let .tooManyChannels(ch, max):
            return "Quá nhiều kênh: \(ch) kênh, tối đa \(max). Hãy chuyển về mono hoặc stereo."
        case let .loudnessOff(lufs, target, tol):
            let dir = lufs > target ? "to" : "nhỏ"
            return "Âm lượng \(dir) hơn chuẩn: \(number(lufs, l)) LUFS, chuẩn \(number(target, l)) ± \(number(tol, l)) LU. Hãy chuẩn hoá âm lượng."
        case let .truePeakHigh(tp, limit):
            return "Đỉnh thực quá cao: \(number(tp, l)) dBTP, giới hạn \(number(limit, l)) dBTP; loa có thể bị rè."
        case let .deadAirHead(s, max):
            return "Khoảng lặng đầu tệp \(sec(s, l)) (tối đa \(sec(max, l))). Hãy cắt bớt phần im lặng."
        case let .deadAirTail(s, max):
            return "Khoảng lặng cuối tệp \(sec(s, l)) (tối đa \(sec(max, l))). Hãy cắt bớt phần im lặng."
        case let .longSilence(s, max):
            return "Có đoạn im lặng dài \(sec(s, l)) giữa tệp (tối đa \(sec(max, l)))."
        case let .clipping(runs):
            return "Âm thanh bị méo (clipping) ở \(runs) chỗ."
        case let .duplicate(other):
            return "Trùng âm thanh với tệp \(other)."
        case .nameNotNFC:
            return "Tên tệp ở dạng Unicode tổ hợp (NFD, thường do chép từ máy Mac); một số hệ thống phát sẽ không tìm thấy. Hãy đổi tên sang dạng dựng sẵn (NFC)."
        case let .nameUnsafe(chars):
            return "Tên tệp có ký tự hệ thống phát khó xử lý: \(chars). Hãy đổi tên tệp."
        case let .unsupportedFormat(format):
            return "Định dạng \(format) không được hỗ trợ. Hãy chuyển sang MP3 (ví dụ: ffmpeg -i tệp.\(format.lowercased()) -c:a libmp3lame -b:a 96k tệp.mp3) hoặc WAV."
        case let .mp3WithoutSeekTag(declared, real):
            return "MP3 thiếu thẻ Xing/Info: nhiều phần mềm phát đoán sai độ dài (đoán \(optSec(declared, l)), thực tế \(optSec(real, l))). Nên xuất lại tệp."
        case let .samplesOutOfRange(count, peak):
            if peak > AudioProblem.damagedPeak {
                return "\(count) mẫu âm thanh vượt xa mức tối đa (lớn nhất gấp \(number(peak, digits: 0, l)) lần, hơn +12 dBFS): tệp bị hỏng dữ liệu, không đưa vào lịch. Lấy lại tệp gốc hoặc xuất lại tệp."
            }
            return "\(count) mẫu âm thanh vượt quá mức tối đa (lớn nhất gấp \(number(peak, digits: 2, l)) lần); khi phát sẽ bị méo. Hãy kiểm tra tệp gốc hoặc xuất lại tệp."
        }
    }

    private static func english(_ p: AudioProblem) -> String {
        let l = Language.en
        switch p {
        case .unreadable(.notAudio, _):
            return "Cannot read: not an audio file, or a format no reader supports. Export it again as MP3 or WAV."
        case .unreadable(.ioError, let detail):
            return "Cannot open the file (\(detail)). Check that it exists and is readable."
        case .unreadable(.corrupt, let detail):
            return "The file is corrupt and cannot be decoded (\(detail)). Get the original again or re-export it."
        case let .truncated(declared, nil):
            return "The file is cut short: its header says \(optSec(declared, l)) but the file ends earlier. Copy it again from the original."
        case let .truncated(declared, real):
            return "The file is cut short: its header says \(optSec(declared, l)) but only \(optSec(real, l)) plays. Copy it again from the original."
        case .empty:
            return "The file holds no audio (length 0). Export it again."
        case let .durationTooShort(d, min):
            return "Too short: \(sec(d, l)), at least \(sec(min, l)) required."
        case let .durationTooLong(d, max):
            return "Too long: \(clock(d)), at most \(clock(max)) allowed."
        case let .sampleRateLow(sr, min, floor) where sr < floor:
            return "Sample rate too low: \(sr) Hz; below \(floor) Hz speech is hard to follow on a loudspeaker. Record or export again at 44100 Hz."
        case let .sampleRateLow(sr, min, _):
            return "Low sample rate: \(sr) Hz (below \(min) Hz, telephone quality); it still plays. Export again at 44100 Hz if a better original exists."
        case let .tooManyChannels(ch, max):
            return "Too many channels: \(ch), at most \(max). Mix down to mono or stereo."
        case let .loudnessOff(lufs, target, tol):
            return "Loudness \(number(lufs, l)) LUFS is off the target \(number(target, l)) ± \(number(tol, l)) LU. Normalise it."
        case let .truePeakHigh(tp, limit):
            return "True peak \(number(tp, l)) dBTP is above the limit of \(number(limit, l)) dBTP; speakers may distort."
        case let .deadAirHead(s, max):
            return "Dead air at the head: \(sec(s, l)) (at most \(sec(max, l))). Trim the silence."
        case let .deadAirTail(s, max):
            return "Dead air at the tail: \(sec(s, l)) (at most \(sec(max, l))). Trim the silence."
        case let .longSilence(s, max):
            return "A silence of \(sec(s, l)) inside the file (at most \(sec(max, l)))."
        case let .clipping(runs):
            return "Clipped audio in \(Messages.count(runs, "place"))."
        case let .duplicate(other):
            return "Same audio as \(other)."
        case .nameNotNFC:
            return "The file name is in decomposed Unicode (NFD, typical of files copied from a Mac); some playout systems will not find it. Rename it to composed form (NFC)."
        case let .nameUnsafe(chars):
            return "The file name has characters playout systems choke on: \(chars). Rename the file."
        case let .unsupportedFormat(format):
            return "\(format) is not supported. Convert it to MP3 (for example: ffmpeg -i file.\(format.lowercased()) -c:a libmp3lame -b:a 96k file.mp3) or WAV."
        case let .mp3WithoutSeekTag(declared, real):
            return "MP3 without a Xing/Info header: many players guess its length wrong (guess \(optSec(declared, l)), real \(optSec(real, l))). Consider re-exporting it."
        case let .samplesOutOfRange(count, peak):
            if peak > AudioProblem.damagedPeak {
                return "\(count) decoded samples are far beyond full scale (largest \(number(peak, digits: 0, l)) times, over +12 dBFS): the file's frames are damaged and it is not planned. Get the original again or export it again."
            }
            return "\(count) decoded samples are beyond full scale (largest \(number(peak, digits: 2, l)) times full scale); they will distort on air. Check the original or export it again."
        }
    }
}
