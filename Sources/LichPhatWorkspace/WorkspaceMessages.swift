import LichPhatAudio
public import LichPhatCore
public import LichPhatFormats
import LichPhatText

/// Workspace errors and warnings in words, Vietnamese or English: the one place both front
/// ends take them from. Each line says what, where, and what to do.
public enum WorkspaceMessages {
    /// Where the words are read: the command line names its options and commands; a page names
    /// its buttons and never shows a flag.
    public enum Front: Sendable { case commandLine, web }

    public static func lines(_ error: WorkspaceError, _ lang: Language, front: Front = .commandLine) -> [String] {
        let vi = lang == .vi
        /// " (--from)" on the command line, nothing on a page.
        func flag(_ option: String) -> String { front == .commandLine ? " (\(option))" : "" }
        switch error {
        case let .stationFile(_, errors):
            return errors.map(\.description) + [vi ? "Tệp trạm có \(errors.count) lỗi; hãy sửa rồi chạy lại." : "The station file has \(Messages.count(errors.count, "error")); fix them and run again."]
        case let .audioFolderMissing(path, folder):
            return [vi ? "\(path): thư mục âm thanh “\(folder)” không tồn tại (khoá audio:, tính từ thư mục của tệp trạm)."
                       : "\(path): the audio folder “\(folder)” does not exist (key audio:, relative to the station file)."]
        case let .audioFolderNotAllowed(path, folder, roots):
            return [vi ? "\(path): thư mục âm thanh “\(YAMLProblem.visible(folder))” (khoá audio:) không dùng được trên máy chủ: nó phải nằm trong thư viện của máy chủ (\(roots.joined(separator: ", "))) và không chứa các tệp trạm. Chọn thư mục âm thanh của đài, như ../Audio."
                       : "\(path): the audio folder “\(YAMLProblem.visible(folder))” (key audio:) cannot be used on the server: it must be inside the server's library (\(roots.joined(separator: ", "))) and must not hold the station files. Choose the station's audio folder, like ../Audio."]
        case let .weekApproved(week, a):
            return [vi ? "Tuần \(week) đã được \(a.by) duyệt lúc \(when(a.at, lang)): không ghi đè. Thêm thông báo vào lịch đang chạy\(flag("lichphat amend")) để thay đổi phần còn lại của tuần."
                       : "Week \(week) was approved by \(a.by) at \(when(a.at, lang)): not overwritten. Amend it\(flag("lichphat amend")) to change the rest of the week."]
        case let .weekBusy(week):
            return [vi ? "Tuần \(week) đang được ghi ở nơi khác (một lệnh hoặc trình duyệt khác) ngay lúc này: chưa ghi. Hãy chờ xong rồi chạy lại."
                       : "Week \(week) is being written elsewhere (another command or browser) right now: not written. Wait for it to finish and run again."]
        case let .cannotWrite(path, detail):
            return [vi ? "Không ghi được \(path): \(systemReason(detail, vi: true))" : "Cannot write \(path): \(systemReason(detail, vi: false))"]
        case let .noSchedule(folder):
            // The folder's own name (2026-W48), never the server's path to it.
            let name = folder.split(separator: "/").last.map(String.init) ?? folder
            return [vi ? "“\(name)” chưa có lịch tuần (schedule.json): lập lịch tuần trước\(flag("lichphat plan"))."
                       : "“\(name)” has no week schedule (schedule.json): plan the week first\(flag("lichphat plan"))."]
        case let .alreadyApproved(_, a):
            return [vi ? "Tuần này đã được \(a.by) duyệt lúc \(when(a.at, lang))." : "This week was already approved by \(a.by) at \(when(a.at, lang))."]
        case let .unreadablePlayLog(path):
            return [vi ? "Không đọc được nhật ký phát “\(path)”." : "Cannot read the play log “\(path)”."]
        case let .unusablePlayLog(path, reason, issues):
            return issues.map { AuditMessages.issue($0, lang) } + [reason.message(file: path, lang)]
        case let .badFileName(name):
            return [vi ? "Tên tệp “\(YAMLProblem.visible(name))” không dùng được: chỉ một tên tệp âm thanh (.mp3, .wav, .ogg, .flac), không có “/”, “..” hay ký tự điều khiển. Đổi tên rồi tải lên lại."
                       : "The file name “\(YAMLProblem.visible(name))” cannot be used: one audio file name (.mp3, .wav, .ogg, .flac), without “/”, “..” or control characters. Rename it and upload again."]
        case let .speechFailed(failure):
            switch failure {
            case .noSpeechEngine:
                return [vi ? "Chưa cài espeak-ng (giọng đọc tiếng Việt): sudo apt-get install espeak-ng." : "espeak-ng (the Vietnamese voice) is not installed: sudo apt-get install espeak-ng."]
            case .empty:
                return [vi ? "Văn bản trống: không có gì để đọc." : "The text is empty: nothing to read."]
            case .engineFailed(let why):
                return [vi ? "espeak-ng không đọc được văn bản: \(why.prefix(200))" : "espeak-ng could not read the text: \(why.prefix(200))"]
            case .cannotWrite(let why):
                return [vi ? "Không ghi được tệp âm thanh: \(why)" : "Cannot write the audio file: \(why)"]
            }
        case let .cannotEditByForm(id):
            return [vi ? "Không sửa được “\(YAMLProblem.visible(id))” bằng ô nhập (cách viết trong tệp khác thường, hoặc giá trị không hợp lệ): chưa lưu gì. Sửa trực tiếp trong tệp trạm bên dưới."
                       : "“\(YAMLProblem.visible(id))” cannot be changed with the fields (it is written in an unusual way, or the value is not valid): nothing saved. Edit the station file below."]
        case let .amendInPast(from, now):
            let f = "\(CivilDate(daysSinceEpoch: from / 86_400_000)) \(StationClock.time(from))", n = "\(CivilDate(daysSinceEpoch: now / 86_400_000)) \(StationClock.time(now))"
            return [vi ? "Thời điểm bắt đầu \(f)\(flag("--from")) đã qua (bây giờ là \(n) theo giờ của đài): không sửa được những buổi đã phát. Bắt đầu từ bây giờ hoặc chọn một thời điểm sau."
                       : "The start \(f)\(flag("--from")) has passed (it is \(n), station time): sessions that have aired cannot change. Start from now or choose a later time."]
        case let .revisionMoved(week, current):
            guard let c = current else {
                return [vi ? "Tuần \(week) đã thay đổi từ bản đã xem (không còn lịch): chưa làm gì. Xem lại tuần rồi làm lại."
                           : "Week \(week) changed since the revision seen (it has no schedule now): nothing done. Look at the week again and retry."]
            }
            return [vi ? "Tuần \(week) đã thay đổi từ bản đã xem: bây giờ là bản \(c.number) (\(revisionBy(c, lang)), \(when(c.at, lang))). Chưa làm gì; xem lại bản mới rồi làm lại."
                       : "Week \(week) changed since the revision seen: it is now revision \(c.number) (\(revisionBy(c, lang)), \(when(c.at, lang))). Nothing done; look at the new revision and retry."]
        case let .revisionRequired(week):
            return [vi ? "Duyệt tuần \(week) cần nói bản nào được duyệt: gửi If-Match (ETag của tuần) hoặc trường “revision”."
                       : "Approving week \(week) must name the revision approved: send If-Match (the week's ETag) or a “revision” field."]
        case let .weekEverApproved(week, r):
            let a = r.approved
            return [vi ? "Tuần \(week) đã được duyệt (bản \(r.number)\(a.map { ", \($0.by), \(when($0.at, lang))" } ?? "")): không lập lại cả tuần. Thêm thông báo vào lịch đang chạy\(flag("lichphat amend")) để thay đổi phần còn lại của tuần."
                       : "Week \(week) was approved (revision \(r.number)\(a.map { ", \($0.by), \(when($0.at, lang))" } ?? "")): it is not planned whole again. Amend it\(flag("lichphat amend")) to change the rest of the week."]
        case let .weekPast(week):
            return [vi ? "Tuần \(week) đã qua: lịch không thay đổi được điều đã phát. Nếu cần lập lịch sau khi đã phát (để lưu hồ sơ), chọn “Lập lịch cho tuần đã qua”\(flag("--past"))."
                       : "Week \(week) has ended: a plan cannot change what aired. To plan it after the fact (for the record), choose “plan a past week”\(flag("--past"))."]
        case let .shortfall(plan):
            let why = plan.problems(lang).filter { $0.severity == .error }.map(\.message).joined(separator: " ")
            return [(vi ? "Chưa ghi tuần \(plan.week): lịch không đạt chỉ tiêu. " : "Week \(plan.week) not written: it cannot meet every minimum. ") + why
                    + (vi ? " Sửa tệp trạm, hoặc ghi lịch tốt nhất tìm được\(flag("--allow-shortfall"))." : " Fix the station file, or write the best plan found\(flag("--allow-shortfall")).")]
        case let .noSuchAiringID(week, id):
            return [vi ? "Tuần \(week) không có lượt phát “\(YAMLProblem.visible(id))” (có thể trang đã cũ): chưa làm gì. Tải lại trang."
                       : "Week \(week) has no airing “\(YAMLProblem.visible(id))” (the page may be old): nothing done. Reload the page."]
        case let .amendTimes(given, allowed):
            return [vi ? "Số lần “\(given)” phải là số từ \(allowed.lowerBound) đến \(allowed.upperBound)." : "Times “\(given)” must be a number from \(allowed.lowerBound) to \(allowed.upperBound)."]
        case let .badPin(p, problem):
            switch problem {
            case .notInWeek(let week):
                return [vi ? "Ngày “\(YAMLProblem.visible(p.date))” không thuộc tuần \(week) (\(week.monday)…\(week.sunday))." : "The date “\(YAMLProblem.visible(p.date))” is not in week \(week) (\(week.monday)…\(week.sunday))."]
            case .noSession(let known):
                return [vi ? "Đài không có buổi “\(YAMLProblem.visible(p.session))” (có: \(known.joined(separator: ", ")))." : "The station has no session “\(YAMLProblem.visible(p.session))” (it has: \(known.joined(separator: ", ")))."]
            case .noItem:
                return [vi ? "Đài không có mục “\(YAMLProblem.visible(p.item))”." : "The station has no item “\(YAMLProblem.visible(p.item))”."]
            }
        case let .renderIncomplete(file, planned, written):
            return [vi ? "Tệp “\(file)” xuất ra chỉ dài \(Messages.clock(written)) thay vì \(Messages.clock(planned)) (ổ đĩa đầy?): bộ tệp chưa được thay; bộ cũ (nếu có) vẫn nguyên. Giải phóng chỗ trống rồi xuất lại."
                       : "“\(file)” came out \(Messages.clock(written)) long instead of \(Messages.clock(planned)) (a full disk?): the kit was not replaced; the previous one (if any) is intact. Free some space and render again."]
        case let .weekChangedWhileRendering(week):
            return [vi ? "Tuần \(week) đã thay đổi trong lúc xuất: bộ tệp vừa xuất không được dùng. Xuất lại cho bản hiện hành."
                       : "Week \(week) changed while it was rendered: the files just rendered were not used. Render the current revision again."]
        case let .sessionBegun(_, date, session, start):
            let d = CivilDate(date).map { vi ? $0.vietnamese : $0.description } ?? date
            return [vi ? "\(session) ngày \(d) đã bắt đầu lúc \(StationClock.time(start)): không sửa được điều đã phát. Sửa các buổi chưa bắt đầu."
                       : "\(session) on \(d) began at \(StationClock.time(start)): what aired cannot change. Edit sessions still to come."]
        case let .noticeTooLong(characters, limit):
            return [vi ? "Văn bản dài \(characters) ký tự, quá \(limit) ký tự đọc được một lần (khoảng tám phút): chia thành nhiều thông báo ngắn hơn."
                       : "The text is \(characters) characters long, over the \(limit) read in one go (about eight minutes): split it into shorter notices."]
        case let .repeatedName(name):
            return [vi ? "Tên tệp “\(YAMLProblem.visible(name))” có nhiều lần trong cùng một lần tải lên: mỗi tệp một tên. Chưa ghi tệp nào."
                       : "The file name “\(YAMLProblem.visible(name))” is given more than once in one upload: one name per file. Nothing was written."]
        case let .noSuchLibraryFile(path):
            return [vi ? "Thư viện không có tệp “\(YAMLProblem.visible(path))”. Tải lại trang thư viện." : "The library has no file “\(YAMLProblem.visible(path))”. Reload the library page."]
        case let .audioInUse(path, use):
            let items = use.items.joined(separator: ", "), weeks = use.weeks.map(\.description).joined(separator: ", ")
            var why: [String] = []
            if !use.items.isEmpty { why.append(vi ? "mục \(items) trong tệp trạm ghi tên tệp này" : "item(s) \(items) of the station file name it") }
            if !use.weeks.isEmpty { why.append(vi ? "lịch tuần \(weeks) (chưa qua) có phát tệp này" : "week(s) \(weeks), not yet over, air it") }
            return [vi ? "Chưa xoá “\(YAMLProblem.visible(path))”: \(why.joined(separator: "; ")). Bỏ tệp khỏi các mục và lập lại (hoặc sửa) các tuần đó trước; tuần đã qua vẫn giữ bản ghi của mình."
                       : "“\(YAMLProblem.visible(path))” was not removed: \(why.joined(separator: "; ")). Take it out of those items and plan (or edit) those weeks again first; weeks already over keep their record."]
        case let .replacementLength(path, weeks, old, new):
            let list = weeks.map(\.description).joined(separator: ", ")
            return [vi ? "Chưa thay “\(YAMLProblem.visible(path))”: bản mới dài \(Messages.clock(new)), bản cũ \(Messages.clock(old)), mà lịch tuần \(list) (chưa qua) đã xếp giờ theo bản cũ. Thay sau khi các tuần đó qua, hoặc lưu bản mới dưới tên khác rồi sửa lịch."
                       : "“\(YAMLProblem.visible(path))” was not replaced: the new version is \(Messages.clock(new)) long, the old \(Messages.clock(old)), and week(s) \(list), not yet over, were timed with the old one. Replace it once those weeks are over, or save the new version under another name and amend the weeks."]
        case let .badField(entry, field, problem):
            let words = PageWords(lang)
            let (kind, id) = entry.split(separator: ":", maxSplits: 1).map(String.init).splitPair
            let label = words.fieldLabel(field)
            let what = "\(words.entryWord(kind).prefix(1).uppercased() + words.entryWord(kind).dropFirst()) “\(YAMLProblem.visible(id))”, \(vi ? "ô" : "field") “\(label)”"
            let why: String
            switch problem {
            case .required: why = vi ? "cần điền." : "is needed."
            case .badID: why = vi ? "chỉ dùng chữ thường không dấu, số, “-” và “_” (tối đa 64), ví dụ tb-cat-dien." : "may use only a-z, 0-9, “-” and “_” (at most 64), e.g. power-cut."
            case .idTaken: why = vi ? "đã có \(words.entryWord(kind)) mang mã này; chọn mã khác." : "another \(words.entryWord(kind)) has this id; choose another."
            case .badText(let max): why = vi ? "cần từ 1 đến \(max) ký tự, trên một dòng." : "needs 1 to \(max) characters on one line."
            case .noSuchFile: why = vi ? "không có tệp này trong thư viện âm thanh của đài; tải tệp lên trước (trang Thư viện)." : "no such file in the station's audio library; upload it first (Library page)."
            case let .fileInFolder(item, folder): why = vi ? "tệp này đã là mục “\(item)” vì nằm trong thư mục “\(folder)” (mỗi tệp của thư mục tự là một mục); sửa mục đó, hoặc chuyển tệp sang thư mục khác." : "this file is already the item “\(item)”, being in the folder “\(folder)” (every file of that folder is an item); edit that item, or move the file to another folder."
            case .badDate: why = vi ? "ngày viết dạng YYYY-MM-DD, ví dụ 2026-12-07." : "write a date as YYYY-MM-DD, e.g. 2026-12-07."
            case .untilBeforeFrom: why = vi ? "đứng trước ngày bắt đầu." : "is before the first day."
            case let .badDay(d): why = vi ? "“\(YAMLProblem.visible(d))” không phải một ngày (mon … sun, weekdays, weekend, daily)." : "“\(YAMLProblem.visible(d))” is not a day (mon … sun, weekdays, weekend, daily)."
            case let .unknownSession(s): why = vi ? "đài không có buổi “\(YAMLProblem.visible(s))”." : "the station has no session “\(YAMLProblem.visible(s))”."
            case let .unknownItem(i): why = vi ? "đài không có mục “\(YAMLProblem.visible(i))”." : "the station has no item “\(YAMLProblem.visible(i))”."
            case let .badNumber(r): why = vi ? "cần một số nguyên từ \(r.lowerBound) đến \(r.upperBound) (để trống: không có)." : "needs a whole number from \(r.lowerBound) to \(r.upperBound) (empty: none)."
            case .maxBelowMin: why = vi ? "nhỏ hơn tối thiểu." : "is below the minimum."
            case .badTime: why = vi ? "giờ viết dạng HH:MM, ví dụ 06:00." : "write a time as HH:MM, e.g. 06:00."
            case let .badLength(h): why = vi ? "độ dài viết như 90s, 20m, 1h15m (lớn hơn 0, tối đa \(h)h)." : "write a length like 90s, 20m, 1h15m (above 0, at most \(h)h)."
            case .pastMidnight: why = vi ? "buổi kéo dài qua nửa đêm." : "the session runs past midnight."
            case .badURL: why = vi ? "cần một địa chỉ như http://… hoặc https://…" : "needs an address like http://… or https://…"
            case .unknownTimeZone: why = vi ? "không có múi giờ này; dùng ví dụ Asia/Ho_Chi_Minh." : "no such time zone; use for example Asia/Ho_Chi_Minh."
            }
            return [what + ": " + why + (vi ? " Chưa lưu gì." : " Nothing saved.")]
        case let .noSuchEntry(kind, id):
            let words = PageWords(lang)
            return [vi ? "Tệp trạm không có \(words.entryWord(kind)) “\(YAMLProblem.visible(id))” (có thể vừa bị xoá ở nơi khác). Mở lại trang trạm."
                       : "The station file has no \(words.entryWord(kind)) “\(YAMLProblem.visible(id))” (it may have just been removed elsewhere). Open the station page again."]
        case let .entryInUse(kind, id, users):
            let words = PageWords(lang)
            let list = users.map { u -> String in
                let (k, i) = u.split(separator: ":", maxSplits: 1).map(String.init).splitPair
                return "\(words.entryWord(k)) “\(YAMLProblem.visible(i))”"
            }.joined(separator: ", ")
            return [vi ? "Chưa xoá \(words.entryWord(kind)) “\(YAMLProblem.visible(id))”: \(list) còn dùng nó. Bỏ nó khỏi những chỗ đó trước."
                       : "The \(words.entryWord(kind)) “\(YAMLProblem.visible(id))” was not removed: \(list) still use it. Take it out of those first."]
        case let .badQuota(id, limit):
            return [vi ? "“\(YAMLProblem.visible(id))”: tối thiểu và tối đa là số lượt mỗi tuần từ 0 đến \(limit), tối đa không nhỏ hơn tối thiểu (để trống tối đa: không giới hạn). Chưa lưu gì."
                       : "“\(YAMLProblem.visible(id))”: the minimum and maximum are counts a week from 0 to \(limit), the maximum not below the minimum (an empty maximum: no limit). Nothing saved."]
        case let .badTitle(id):
            return [vi ? "Mục “\(YAMLProblem.visible(id))”: tên cần từ 1 đến 200 ký tự, trên một dòng. Chưa lưu gì."
                       : "Item “\(YAMLProblem.visible(id))”: the title needs 1 to 200 characters on one line. Nothing saved."]
        case let .unknownRenderFormat(given, known):
            return [vi ? "Định dạng “\(YAMLProblem.visible(given))” không dùng được: chọn \(known.joined(separator: " hoặc "))."
                       : "Format “\(YAMLProblem.visible(given))” cannot be used: choose \(known.joined(separator: " or "))."]
        case .notPermitted(.change):
            return [vi ? "Tài khoản này chỉ xem (văn phòng thành phố): không lập, sửa hay duyệt lịch, không thay đổi thư viện hay tệp trạm."
                       : "This account only looks (the city office): it plans, edits and approves nothing, and changes no library or station file."]
        case let .noSuchStation(id):
            return [vi ? "Không có đài “\(YAMLProblem.visible(id))”." : "There is no station “\(YAMLProblem.visible(id))”."]
        case .notPermitted(.city):
            return [vi ? "Trang tổng hợp toàn thành phố dành cho tài khoản của văn phòng thành phố và quản trị." : "The city-wide dashboard is for the city office's and the administrator's accounts."]
        case .notPermitted(.administer):
            return [vi ? "Chỉ tài khoản quản trị (admin) mới quản lý tài khoản và đài." : "Only an administrator's account (admin) manages accounts and stations."]
        case let .cannotActOnSelf(name):
            return [vi ? "Không tự xoá hay khoá tài khoản “\(name)” của chính mình ở đây (để không ai bị khoá ngoài). Nhờ một quản trị khác, hoặc dùng lệnh lichphat user trên máy chủ."
                       : "Your own account “\(name)” is not removed or disabled here (so nobody is locked out). Ask another administrator, or use lichphat user on the server."]
        case let .audioFolderChanged(path):
            return [vi ? "\(path): không đổi thư mục âm thanh (audio:) khi sửa tệp trạm; giữ như cũ. Thư mục âm thanh của đài do quản trị đặt khi thêm đài."
                       : "\(path): the audio folder (audio:) does not change in an edit of the station file; keep it as it was. A station's audio folder is set by the administrator when the station is added."]
        case let .reservedPlayLogName(name):
            return [vi ? "“\(YAMLProblem.visible(name))” là tên nhật ký phát mà máy phát của đài (lichphat air) tự ghi; đặt tên khác cho tệp tải lên, như nhat-ky-loa-2026-11.csv."
                       : "“\(YAMLProblem.visible(name))” is the name the station's playout (lichphat air) writes its own log under; give the upload another name, like nhat-ky-loa-2026-11.csv."]
        case let .badBulletin(field, problem):
            return [bulletinProblem(field, problem, vi: vi, flag: flag)]
        case let .noSuchBulletin(id):
            return [vi ? "Không có bản tin “\(YAMLProblem.visible(id))” ở đài này. Xem danh sách bản tin\(flag("lichphat bulletin list"))."
                       : "No bulletin “\(YAMLProblem.visible(id))” at this station. See the list of bulletins\(flag("lichphat bulletin list"))."]
        case let .bulletinOver(id):
            return [vi ? "Bản tin “\(id)” đã được huỷ trước đó; không còn lượt phát nào để dừng." : "Bulletin “\(id)” was cancelled already; no airing is left to stop."]
        case let .cannotAir(week, why):
            switch why {
            case .notPlanned:
                return [vi ? "Không phát: tuần \(week) chưa có lịch. Lập lịch\(flag("lichphat plan")) rồi để lãnh đạo duyệt."
                           : "Not airing: week \(week) has no schedule. Plan it\(flag("lichphat plan")) and have the leader approve it."]
            case .notApproved:
                return [vi ? "Không phát: lịch tuần \(week) chưa được duyệt. Lãnh đạo duyệt\(flag("lichphat approve")) rồi chạy lại; hoặc, nếu đài cho phép phát bản nháp, đặt playout: {air_draft: true} trong tệp trạm."
                           : "Not airing: week \(week) is not approved. Have the leader approve it\(flag("lichphat approve")) and run again; or, if the station allows airing a draft, set playout: {air_draft: true} in the station file."]
            case .changedAfterApproval:
                return [vi ? "Không phát: lịch tuần \(week) đã bị thay đổi sau khi duyệt và không còn bản nào được duyệt. Lãnh đạo duyệt lại\(flag("lichphat approve")) rồi chạy lại."
                           : "Not airing: week \(week) changed after approval and no approved revision is left. Have the leader approve it again\(flag("lichphat approve")) and run again."]
            }
        case let .capRefused(file, why):
            return [capProblem(file, why, vi: vi)]
        case .wrongPassword:
            return [vi ? "Mật khẩu hiện tại không đúng; chưa đổi gì." : "The current password is wrong; nothing changed."]
        case .notPermitted(.approve):
            return [vi ? "Chỉ tài khoản lãnh đạo mới duyệt được lịch." : "Only a leader's account can approve a week."]
        case .badApproverName:
            return [vi ? "Cần họ tên đầy đủ của người duyệt (tối đa 200 ký tự, trên một dòng)." : "The approver's full name is needed (at most 200 characters, one line)."]
        case let .noSuchItem(id):
            return [vi ? "Tệp trạm không có mục “\(YAMLProblem.visible(id))”. Thêm mục vào items (hoặc tải tệp vào thư mục của nó) rồi làm lại."
                       : "The station file has no item “\(YAMLProblem.visible(id))”. Add it to items (or its file to its folder) and try again."]
        case let .cannotAmend(item, refusal, rules):
            let why = refusal.reasons.first.map { PlanMessages.refusal($0, item: item, rules: rules, lang) }
            return [vi ? "Không thể phát “\(item.title)” \(refusal.needed) lần trong phần còn lại của tuần: chỉ đặt được \(refusal.placed) lần vào \(refusal.sessionsLeft) buổi còn lại.\(why.map { " Lý do: " + $0 } ?? "") Tuần chưa bị thay đổi; giảm số lần\(flag("--times")), chọn thời điểm bắt đầu sớm hơn\(flag("--from")) hoặc làm buổi rộng hơn."
                       : "“\(item.title)” cannot air \(refusal.needed) times in the rest of the week: it fits \(Messages.count(refusal.placed, "time")) in the \(refusal.sessionsLeft) sessions left.\(why.map { " Why: " + $0 } ?? "") The week is unchanged; lower the times\(flag("--times")), choose an earlier start\(flag("--from")) or lengthen a session."]
        case let .stationChanged(path):
            return [vi ? "\(path) đã được sửa ở nơi khác (trình duyệt khác hoặc dòng lệnh) sau khi trang này mở: chưa lưu. Chép phần sửa của mình, mở lại trang rồi sửa lại."
                       : "\(path) was changed elsewhere (another browser or the command line) after this page was opened: not saved. Copy your edit, open the page again and redo it."]
        case let .stationIDChanged(path, from, to):
            return [vi ? "\(path): không đổi mã đài từ “\(from)” sang “\(to)” ở đây (các tuần đã lập được lưu theo mã đài). Giữ “id: \(from)”."
                       : "\(path): the station id cannot change here from “\(from)” to “\(to)” (its weeks are filed under it). Keep “id: \(from)”."]
        case let .badPlayLogName(name):
            return [vi ? "Tên tệp “\(YAMLProblem.visible(name))” không dùng được cho nhật ký phát: chỉ một tên tệp .csv (hoặc .txt, .log), không có “/”, “..” hay ký tự điều khiển."
                       : "The name “\(YAMLProblem.visible(name))” cannot be used for a play log: one .csv (or .txt, .log) file name, without “/”, “..” or control characters."]
        case let .noSuchFolder(folder):
            return [vi ? "Không có thư mục “\(folder)” trong thư mục âm thanh của đài." : "There is no folder “\(folder)” in the station's audio folder."]
        case let .fileExists(path):
            return [vi ? "Đã có tệp “\(path)”: không ghi đè. Đổi tên tệp mới, hoặc xoá tệp cũ trước."
                       : "“\(path)” already exists: not overwritten. Rename the new file, or remove the old one first."]
        case let .refusedAudio(name, problems):
            return [(vi ? "Không nhận tệp “\(name)”: " : "“\(name)” was not accepted: ")
                    + problems.map { Messages.text($0, lang) }.joined(separator: " ")]
        case let .cannotAdd(item, reason, rules):
            return [(vi ? "Không thêm được: " : "Not added: ") + PlanMessages.refusal(reason, item: item, rules: rules, lang)]
        case let .noSuchAiring(week):
            return [vi ? "Tuần \(week) không có lượt phát này (lịch vừa được lập lại?). Mở lại trang lịch tuần." : "Week \(week) has no such airing (was it just planned again?). Open the week's page again."]
        case let .badAccountName(name):
            return [vi ? "Tên “\(YAMLProblem.visible(name))” không dùng được: tên đăng nhập gồm chữ không dấu, số, “.”, “_” hoặc “-” (tối đa 64 ký tự); họ tên đầy đủ tối đa 200 ký tự, không có ký tự điều khiển."
                       : "The name “\(YAMLProblem.visible(name))” cannot be used: a login name is letters without diacritics, digits, “.”, “_” or “-” (at most 64); a full name at most 200 characters, without control characters."]
        case let .weakPassword(minimum, maximum):
            return [vi ? "Mật khẩu cần từ \(minimum) ký tự trở lên (và không quá \(maximum) byte). Chọn mật khẩu khác."
                       : "The password needs at least \(minimum) characters (and at most \(maximum) bytes). Choose another."]
        case let .accountExists(name):
            return [vi ? "Đã có tài khoản “\(name)”. Chọn tên khác, hoặc xoá tài khoản cũ trước (lichphat user remove \(name))."
                       : "An account “\(name)” already exists. Choose another name, or remove the old one first (lichphat user remove \(name))."]
        case let .noSuchAccount(name):
            return [vi ? "Không có tài khoản “\(YAMLProblem.visible(name))”. Xem danh sách: lichphat user list."
                       : "There is no account “\(YAMLProblem.visible(name))”. See the list: lichphat user list."]
        case let .ownerUnknown(path, ids):
            return [vi ? "Không biết “\(path)” thuộc đài nào: với nhiều tệp trạm, đường dẫn cần chứa mã đài (\(ids.joined(separator: ", ")))."
                       : "Cannot tell which station “\(path)” belongs to: with several station files, the path must name a station id (\(ids.joined(separator: ", ")))."]
        }
    }

    public static func text(_ warning: StationWarning, _ lang: Language) -> String {
        let vi = lang == .vi
        switch warning {
        case let .emptyFolder(file, line, folder):
            return vi ? "\(file):\(line): cảnh báo: thư mục “\(folder)” không có tệp âm thanh nào."
                      : "\(file):\(line): warning: the folder “\(folder)” holds no audio files."
        case let .folderIDClash(file, line, id, kept, dropped):
            return vi ? "\(file):\(line): cảnh báo: hai tệp “\(kept)” và “\(dropped)” cùng cho mã mục “\(id)”; chỉ dùng tệp đầu. Đổi tên một tệp."
                      : "\(file):\(line): warning: the files “\(kept)” and “\(dropped)” give the same item id “\(id)”; only the first is used. Rename one of them."
        }
    }

    /// A week's state as the operator reads it.
    public static func state(_ state: WeekFolder.State, _ lang: Language) -> String {
        let vi = lang == .vi
        switch state {
        case .none: return AuditMessages.approval(.none, lang)
        case .draft: return AuditMessages.approval(.draft, lang)
        case .approved(let a): return vi ? "đã duyệt (\(a.by), \(when(a.at, lang)))" : "approved (\(a.by), \(when(a.at, lang)))"
        case .modified(let a):
            return vi ? "ĐÃ SỬA SAU KHI DUYỆT: schedule.json không còn khớp bản \(a.by) duyệt lúc \(when(a.at, lang)); cần duyệt lại."
                      : "CHANGED AFTER APPROVAL: schedule.json no longer matches the one \(a.by) approved at \(when(a.at, lang)); it needs approving again."
        }
    }

    /// What an amendment did, a line each: `+` an airing added, `-` one taken out, `~` a session whose
    /// later airings shift; then the new revision and that it needs approving again.
    public static func amended(_ result: AmendResult, _ lang: Language) -> [String] {
        let vi = lang == .vi
        var lines = result.changes.map { c in
            let time = "\(c.date) \(StationClock.time(c.start, seconds: true))"
            switch c.kind {
            case .added: return "+ \(time) \(c.session): \(c.title)"
            case .removed: return "- \(time) \(c.session): \(c.title)"
            }
        }
        for s in result.shifted {
            let by = (s.by > 0 ? "+" : "-") + Messages.clock(Double(abs(s.by)) / 1000)
            lines.append(vi ? "~ \(s.date) \(s.session): \(s.count) lượt phát sau đó dời \(by)" : "~ \(s.date) \(s.session): \(s.count) later airings shift \(by)")
        }
        lines.append(vi ? "Đã sửa tuần \(result.plan.week) thành lần \(result.revision) (bản trước giữ trong revisions/\(result.revision - 1)/). Lịch cần được duyệt lại."
                        : "Week \(result.plan.week) amended to revision \(result.revision) (the previous one kept in revisions/\(result.revision - 1)/). It must be approved again.")
        return lines
    }

    /// `2026-11-26T02:02:48+07:00` as people read it: `02:02 ngày 26/11/2026`, `2026-11-26 02:02`.
    /// What a plan or edit did to the week's record: its revision, or that nothing changed.
    public static func revised(_ r: Revised, _ lang: Language) -> String {
        let vi = lang == .vi, n = r.revision.number
        if r.unchanged { return vi ? "Tuần \(r.week) không đổi: vẫn là bản \(n)." : "Week \(r.week) unchanged: still revision \(n)." }
        if r.repeated { return vi ? "Yêu cầu này đã được làm: tuần \(r.week) là bản \(n)." : "This request was done already: week \(r.week) is revision \(n)." }
        var line = vi ? "Tuần \(r.week): bản \(n) (\(kind(r.revision.kind, lang)))" : "Week \(r.week): revision \(n) (\(kind(r.revision.kind, lang)))"
        if n > 1 { line += vi ? "; bản \(n - 1) được giữ trong revisions/\(n - 1)/" : "; revision \(n - 1) is kept in revisions/\(n - 1)/" }
        if r.revision.afterTheFact == true { line += vi ? "; lập sau khi tuần đã qua" : "; planned after the week ended" }
        return line + "."
    }

    /// A pin or hand addition the new plan could not keep.
    public static func dropped(_ p: Pin, station: Station, _ lang: Language) -> String {
        let title = station.item(p.item)?.title ?? p.item
        let session = station.sessions.first { $0.id == p.session }?.name ?? p.session
        return lang == .vi ? "! Không giữ được “\(title)” ở \(session) ngày \(p.date) (đã ghim hoặc thêm tay): nay không còn hợp lệ ở đó."
                           : "! “\(title)” in \(session) on \(p.date) (pinned or added by hand) could not be kept: it no longer fits there."
    }

    /// A revision's kind in words.
    public static func kind(_ k: WeekRevision.Kind, _ lang: Language) -> String {
        let vi = lang == .vi
        switch k {
        case .plan: return vi ? "lập lịch" : "planned"
        case .replan: return vi ? "lập lại lịch" : "planned again"
        case .edit: return vi ? "sửa tay" : "edited by hand"
        case .pin: return vi ? "ghim" : "pinned"
        case .amend: return vi ? "thêm thông báo" : "amended"
        case .bulletin: return vi ? "bản tin ưu tiên" : "priority bulletin"
        case .recorded: return vi ? "đã ghi" : "recorded"
        }
    }

    /// One change between revisions, a line.
    public static func change(_ c: WeekRevision.Change, station: Station?, _ lang: Language) -> String {
        let vi = lang == .vi
        let session = station?.sessions.first { $0.id == c.session }?.name ?? c.session
        let date = CivilDate(c.date).map { vi ? $0.vietnamese : $0.description } ?? c.date
        // Minutes are enough to find an airing; a move within a minute shows its seconds.
        let at = "\(date) \(c.change == .moved ? c.start : String(c.start.prefix(5))) \(session)"
        switch c.change {
        case .added: return "+ \(at): \(c.title)"
        case .removed: return "− \(at): \(c.title)"
        case .moved: return "→ \(at): \(c.title) (" + (vi ? "trước \(c.was ?? "")" : "was \(c.was ?? "")") + ")"
        case .pinned: return "● \(at): \(c.title)"
        case .unpinned: return "○ \(at): \(c.title)"
        }
    }

    /// Who made a revision, as the operator reads it.
    public static func revisionBy(_ r: WeekRevision, _ lang: Language) -> String {
        if r.by.isEmpty { return r.via == .cli ? (lang == .vi ? "dòng lệnh" : "command line") : "–" }
        return r.by
    }

    public static func when(_ iso: String, _ lang: Language) -> String {
        let u = Array(iso.utf8)
        guard u.count >= 16, u[4] == 0x2D, u[7] == 0x2D, u[10] == 0x54 else { return iso }
        let text = { (a: Int, b: Int) in String(decoding: u[a..<b], as: UTF8.self) }
        return lang == .vi ? "\(text(11, 16)) ngày \(text(8, 10))/\(text(5, 7))/\(text(0, 4))" : "\(text(0, 10)) \(text(11, 16))"
    }
}

extension WorkspaceMessages {
    /// What a hand edit did, as the operator reads it: which airing, where, and the quotas.
    public static func edited(_ r: Revised, _ s: LoadedStation, _ lang: Language) -> String {
        let vi = lang == .vi
        if r.repeated { return revised(r, lang) }
        var lines = r.revision.changes.filter { $0.change != .moved }.map { change($0, station: s.station, lang) }
        if lines.isEmpty { lines = [revised(r, lang)] }
        lines.append(r.plan.compliant ? (vi ? "Lịch đạt mọi chỉ tiêu (bản \(r.revision.number))." : "Every quota is met (revision \(r.revision.number)).")
                                      : (vi ? "Lịch CHƯA ĐẠT chỉ tiêu: xem ghi chú bên dưới (bản \(r.revision.number))." : "NOT every quota is met: see the notes below (revision \(r.revision.number))."))
        return lines.joined(separator: "\n")
    }
}

extension WorkspaceMessages {
    public static func catalog(_ note: Workspace.CatalogNote, _ lang: Language) -> String {
        let vi = lang == .vi
        switch note {
        case .rebuilt(let path):
            return vi ? "Cảnh báo: bộ nhớ đệm \(path) bị hỏng nên đã được tạo lại; lần này đo lại mọi tệp."
                      : "Warning: the catalog \(path) was damaged and has been rebuilt; every file is measured again."
        case let .unusable(path, detail):
            return vi ? "Cảnh báo: không dùng được bộ nhớ đệm \(path) (\(detail)); đo không dùng bộ nhớ đệm."
                      : "Warning: cannot use the catalog \(path) (\(detail)); measuring without it."
        }
    }
}

extension WorkspaceMessages {
    /// A to-do in words, and what to open for it (a path of the web app).
    public static func task(_ task: StationTask, station: String, _ lang: Language) -> (text: String, link: String) {
        let vi = lang == .vi
        switch task {
        case let .nothingApprovedAirs(week, planned):
            return (planned
                ? (vi ? "Tuần này (\(week)) có lịch nhưng CHƯA ĐƯỢC DUYỆT: trình lãnh đạo duyệt ngay." : "This week (\(week)) is planned but NOT APPROVED: have it approved now.")
                : (vi ? "Tuần này (\(week)) CHƯA CÓ LỊCH: không có gì được phát theo kế hoạch. Lập lịch ngay." : "This week (\(week)) has NO PLAN: nothing airs as planned. Plan it now."),
                    "/stations/\(station)/weeks/\(week)")
        case let .changedAfterApproval(week):
            return (vi ? "Lịch tuần \(week) ĐÃ BỊ SỬA SAU KHI DUYỆT: trình duyệt lại bản mới." : "Week \(week) was CHANGED AFTER APPROVAL: have the new revision approved.",
                    "/stations/\(station)/weeks/\(week)")
        case let .plan(week):
            return (vi ? "Lập lịch tuần sau (\(week))." : "Plan next week (\(week)).", "/stations/\(station)/weeks/\(week)")
        case let .approve(week, revision):
            return (vi ? "Trình lãnh đạo duyệt lịch tuần sau (\(week), bản \(revision))." : "Have next week approved (\(week), revision \(revision)).",
                    "/stations/\(station)/weeks/\(week)")
        case let .fixLibrary(files):
            return (vi ? "Sửa \(files) tệp âm thanh lỗi trong thư viện (không được phát)." : "Fix \(files) audio file(s) with errors in the library (kept off the air).",
                    "/stations/\(station)/library")
        case let .offAir(week, reason):
            return (vi ? "MÁY PHÁT ĐANG KHÔNG PHÁT LỊCH tuần \(week): \(airReason(reason, lang)). Lập lịch hoặc duyệt ngay." : "THE PLAYOUT AIRS NOTHING of week \(week): \(airReason(reason, lang)). Plan or approve it now.",
                    "/stations/\(station)/weeks/\(week)")
        case let .deadAir(since):
            return (vi ? "IM LẶNG TRÊN SÓNG từ \(StationClock.time(since, seconds: true)) khi đang phát: kiểm tra tệp, dây và máy phát." : "DEAD AIR since \(StationClock.time(since, seconds: true)) during an airing: check the file, the cables and the transmitter.",
                    "/stations/\(station)/bulletins")
        case let .nextWeekWillNotAir(reason):
            return (vi ? "Tuần sau sẽ không được phát: \(airReason(reason, lang))." : "Next week will not air: \(airReason(reason, lang)).",
                    "/stations/\(station)")
        }
    }
}

extension WorkspaceMessages {
    /// The approval recorded in the app as the printed sheet says it under "Duyệt" (Vietnamese,
    /// as the sheet is): who, when, which revision; or that the week changed since. nil: not approved.
    public static func printedApproval(_ state: WeekFolder.State, revision: Int) -> (text: String, changed: Bool)? {
        switch state {
        case .approved(let a):
            return ("Đã duyệt trong LichPhat: \(a.by), \(when(a.at, .vi)), bản \(a.revision ?? revision).", false)
        case .modified(let a):
            return ("Lịch đã bị sửa sau khi \(a.by) duyệt (\(when(a.at, .vi))): bản \(revision) chưa được duyệt.", true)
        case .draft, .none:
            return nil
        }
    }
}

private extension Array where Element == String {
    /// `["item", "tb"]` → ("item", "tb"); one part → ("", part).
    var splitPair: (String, String) { count >= 2 ? (self[0], self[1]) : ("", first ?? "") }
}

/// The system's reason for a failed write, in the reader's language where it is one of the
/// usual ones (a full disk above all: an operator reads no English).
func systemReason(_ detail: String, vi: Bool) -> String {
    let known: [(String, String, String)] = [
        ("No space left on device", "ổ đĩa đã đầy; giải phóng chỗ trống rồi làm lại.", "the disk is full; free some space and retry."),
        ("Disk quota exceeded", "đã hết hạn mức ổ đĩa; giải phóng chỗ trống rồi làm lại.", "the disk quota is used up; free some space and retry."),
        ("Read-only file system", "ổ đĩa chỉ cho đọc.", "the file system is read-only."),
        ("Permission denied", "không có quyền ghi vào thư mục này.", "no permission to write there."),
    ]
    if let k = known.first(where: { detail.contains($0.0) }) { return vi ? k.1 : k.2 }
    return detail + "."
}

func bulletinProblem(_ field: String, _ p: WorkspaceError.BulletinProblem, vi: Bool, flag: (String) -> String) -> String {
    switch p {
    case let .unknownLevel(given):
        return vi ? "Mức bản tin “\(YAMLProblem.visible(given))” không có; dùng normal (thông thường), priority (ưu tiên) hoặc emergency (khẩn cấp)\(flag("--level"))."
                  : "No bulletin level “\(YAMLProblem.visible(given))”; use normal, priority or emergency\(flag("--level"))."
    case .noAudio:
        return vi ? "Bản tin cần một tệp âm thanh\(flag("--file")) hoặc một đoạn văn bản để đọc\(flag("--text"))."
                  : "A bulletin needs an audio file\(flag("--file")) or a text to read aloud\(flag("--text"))."
    case let .textTooLong(characters, limit):
        return vi ? "Văn bản bản tin dài \(characters) ký tự; tối đa \(limit) (khoảng ba phút đọc). Rút gọn, hoặc ghi âm thành tệp\(flag("--file"))."
                  : "The bulletin's text is \(characters) characters long; at most \(limit) (about three minutes read aloud). Shorten it, or record it as a file\(flag("--file"))."
    case .fileAndText:
        return vi ? "Bản tin là một tệp âm thanh hoặc một đoạn văn bản, không phải cả hai; bỏ bớt một." : "A bulletin is an audio file or a text, not both; leave one out."
    case let .unreadableAudio(path):
        return vi ? "\(YAMLProblem.visible(path)): không đọc được như âm thanh (không có, hỏng, hoặc định dạng không hỗ trợ). Dùng WAV, MP3, OGG hoặc FLAC."
                  : "\(YAMLProblem.visible(path)): does not read as audio (missing, broken, or a format not taken). Use WAV, MP3, OGG or FLAC."
    case let .times(n):
        return vi ? "Số lần phát \(n) không dùng được: từ 1 đến \(Bulletin.maxTimes)\(flag("--repeat"))." : "\(n) airings cannot be used: 1 to \(Bulletin.maxTimes)\(flag("--repeat"))."
    case .every:
        return vi ? "Khoảng cách giữa hai lần phát phải là độ dài như 60m, 1h hoặc 30s, ít nhất 10 giây, nhiều nhất 24 giờ\(flag("--every"))."
                  : "The gap between airings must be a length like 60m, 1h or 30s, at least 10 seconds and at most 24 hours\(flag("--every"))."
    case let .everyShorterThanBulletin(length):
        return vi ? "Khoảng cách giữa hai lần phát phải dài hơn bản tin (\(Messages.clock(Double(length) / 1000))) ít nhất 5 giây\(flag("--every"))."
                  : "The gap between airings must be at least 5 seconds longer than the bulletin (\(Messages.clock(Double(length) / 1000)))\(flag("--every"))."
    case .untilBeforeFrom:
        return vi ? "Thời điểm kết thúc phải sau lần phát đầu\(flag("--until"))." : "The end must come after the first airing\(flag("--until"))."
    case let .unreadableTime(text):
        return vi ? "Không đọc được thời điểm “\(YAMLProblem.visible(text))” (ô \(field)); viết như 2026-12-08 20:00 (giờ của đài)."
                  : "Cannot read the time “\(YAMLProblem.visible(text))” (field \(field)); write it like 2026-12-08 20:00 (station time)."
    case .inPast:
        return vi ? "Lần phát đầu đã qua; chọn một thời điểm từ bây giờ trở đi\(flag("--from"))." : "The first airing is in the past; choose a time from now on\(flag("--from"))."
    case .title:
        return vi ? "Tiêu đề bản tin dài quá 200 ký tự hoặc có ký tự điều khiển." : "The bulletin's title is over 200 characters or holds control characters."
    case .noSessionAhead:
        return vi ? "Không còn buổi phát nào trong tuần này và tuần sau để phát bản tin ưu tiên ở đầu buổi; gửi ở mức khẩn cấp nếu cần phát ngay."
                  : "No session is left this week or next for a priority bulletin to head; send it as an emergency if it must air now."
    }
}

func capProblem(_ file: String, _ p: WorkspaceError.CAPProblem, vi: Bool) -> String {
    let f = YAMLProblem.visible(file)
    switch p {
    case let .notXML(line):
        return vi ? "\(f):\(line): không phải XML đọc được; không phát gì. Kiểm tra tệp CAP từ hệ thống thông tin nguồn." : "\(f):\(line): not readable XML; nothing airs. Check the CAP file from the source-information system."
    case .notCAP:
        return vi ? "\(f): không phải bản tin CAP 1.2 (thiếu phần tử alert của urn:oasis:names:tc:emergency:cap:1.2); không phát gì."
                  : "\(f): not a CAP 1.2 message (no alert element of urn:oasis:names:tc:emergency:cap:1.2); nothing airs."
    case let .missing(name):
        return vi ? "\(f): bản tin CAP thiếu “\(name)”; không phát gì." : "\(f): the CAP message lacks “\(name)”; nothing airs."
    case let .expired(at):
        return vi ? "\(f): bản tin CAP đã hết hạn lúc \(at); không phát." : "\(f): the CAP message expired at \(at); not aired."
    case let .cancelMessage(cancelled):
        return cancelled.isEmpty
            ? (vi ? "\(f): bản tin CAP loại Cancel không phát; không có bản tin nào đang chờ của nó để huỷ." : "\(f): a CAP Cancel never airs; none of the bulletins it names was waiting.")
            : (vi ? "\(f): bản tin CAP loại Cancel không phát; đã huỷ \(cancelled.joined(separator: ", "))." : "\(f): a CAP Cancel never airs; cancelled \(cancelled.joined(separator: ", ")).")
    case let .updateOfUnknown(ref):
        return vi ? "\(f): bản tin CAP loại Update nhắc tới “\(YAMLProblem.visible(ref))” mà đài chưa nhận; gửi bản Alert trước." : "\(f): a CAP Update names “\(YAMLProblem.visible(ref))”, which the station never received; send the Alert first."
    case let .unsupportedStatus(status):
        return vi ? "\(f): bản tin CAP có status “\(YAMLProblem.visible(status))”; chỉ phát status Actual." : "\(f): the CAP message's status is “\(YAMLProblem.visible(status))”; only Actual airs."
    case .noAudioOrText:
        return vi ? "\(f): bản tin CAP không có resource âm thanh lẫn description để đọc; không phát gì." : "\(f): the CAP message has neither an audio resource nor a description to read; nothing airs."
    }
}

extension WorkspaceMessages {
    public static func levelName(_ l: BulletinLevel, _ lang: Language) -> String {
        switch l {
        case .normal: lang == .vi ? "thông thường" : "normal"
        case .priority: lang == .vi ? "ưu tiên" : "priority"
        case .emergency: lang == .vi ? "khẩn cấp" : "emergency"
        }
    }

    /// What becomes of a bulletin just sent, for the one who sent it.
    public static func bulletinSent(_ b: Bulletin, clock: StationClock, sessions: [SessionTemplate] = [], _ lang: Language) -> [String] {
        let vi = lang == .vi
        var out = [vi ? "Đã nhận bản tin \(b.id) (\(levelName(b.level, lang))): “\(b.title)”, dài \(Messages.clock(Double(b.length) / 1000))."
                      : "Bulletin \(b.id) received (\(levelName(b.level, lang))): “\(b.title)”, \(Messages.clock(Double(b.length) / 1000)) long."]
        let times = b.airTimes.map { "\(StationClock.date($0)) \(StationClock.time($0, seconds: b.every < 60_000))" }
        switch b.level {
        case .emergency:
            out.append(vi ? "Phát ngay khi lichphat air đang chạy (trong vòng 1 giây), đè lên mục đang phát; \(b.airTimes.count) lần: \(times.joined(separator: ", "))."
                          : "Airs at once while lichphat air runs (within a second), over what plays; \(b.airTimes.count) time(s): \(times.joined(separator: ", ")).")
        case .priority:
            if let p = b.placed {
                let name = sessions.first { $0.id == p.session }?.name ?? p.session
                let day = CivilDate(p.date).map { "\($0.weekday.name(lang)) \($0.vietnamese)" } ?? p.date
                if p.revision > 0 {
                    out.append(vi ? "Đã thêm vào lịch tuần \(p.week) thành bản \(p.revision) (bản tin ưu tiên: được phép theo mức, không chờ duyệt lại): đầu \(name) \(day), sau phần mở đầu; chỉ tiêu vẫn đạt."
                                  : "Added to week \(p.week) as revision \(p.revision) (a priority bulletin: authorised by its level, no new approval needed): at the head of \(name) on \(day), after its opening; every quota still holds.")
                } else {
                    out.append(vi ? "Phát ở đầu \(name) \(day), sau phần mở đầu; các mục sau của buổi lùi lại theo độ dài bản tin."
                                  : "Airs at the head of \(name) on \(day), after its opening; the session's later airings follow it.")
                }
            }
        case .normal:
            out.append(vi ? "Nằm trong hộp bản tin chờ đài xếp lịch (trang Bản tin)." : "Waits in the inbox for the station to place it (the Bulletins page).")
        }
        return out
    }

    public static func bulletinState(_ s: BulletinState, _ lang: Language) -> String {
        let vi = lang == .vi
        switch s {
        case .toPlace: return vi ? "chờ xếp lịch" : "to place"
        case .toAir: return vi ? "đang chờ phát" : "to air"
        case .aired: return vi ? "đã phát xong" : "aired"
        case .missed: return vi ? "quá giờ, chưa phát lần nào" : "past its time, never aired"
        case .cancelled: return vi ? "đã huỷ" : "cancelled"
        }
    }

    /// `bulletin list`: each bulletin, its level, state and each time it aired.
    public static func bulletinList(_ list: [Bulletin], aired: [String: [BulletinAiring]], states: [String: BulletinState], clock: StationClock, _ lang: Language) -> [String] {
        let vi = lang == .vi
        if list.isEmpty { return [vi ? "Chưa có bản tin nào." : "No bulletins yet."] }
        var out: [String] = []
        for b in list {
            let state = bulletinState(states[b.id] ?? .toAir, lang)
            out.append("\(b.id)  [\(levelName(b.level, lang))] \(state)  “\(b.title)”  \(vi ? "gửi" : "sent") \(b.at)\(b.by.isEmpty ? "" : " \(vi ? "bởi" : "by") \(b.by)")")
            let times = aired[b.id] ?? []
            if times.isEmpty { out.append(vi ? "    chưa phát lần nào" : "    not aired yet") }
            for t in times {
                out.append("    \(vi ? "đã phát" : "aired") \(clock.isoSeconds(t.start))\(t.played.map { " (\(Messages.clock(Double($0) / 1000)))" } ?? "")")
            }
        }
        return out
    }
}

/// Why the playout refuses a week, in words (codes of ``WorkspaceError/AirRefusal``).
public func airReason(_ code: String, _ lang: Language) -> String {
    let vi = lang == .vi
    switch code {
    case "not-planned": return vi ? "chưa có lịch" : "no schedule"
    case "not-approved": return vi ? "lịch chưa được duyệt" : "not approved"
    case "changed-after-approval": return vi ? "lịch bị sửa sau khi duyệt" : "changed after approval"
    default: return code
    }
}
