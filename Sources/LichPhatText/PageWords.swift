public import LichPhatCore

/// The web pages' words, one table per language (the templates name them: `{{t.plan}}`).
/// Everything an operator reads on a page comes from here, from ``PlanMessages`` and the other
/// tables of this module, or from the workspace's messages.
public struct PageWords: Sendable {
    public let lang: Language
    public var vi: Bool { lang == .vi }
    public let overview: String
    public let bulletins: String
    public let bulletinsIntro: String
    public let onAir: String
    public let onAirNow: String
    public let onAirNext: String
    public let onAirSilent: String
    public let onAirNotRunning: String
    public let onAirDraft: String
    public let onAirWaiting: String
    public let revisionWord: String
    public let sendBulletin: String
    public let levelLabel: String
    public let levelNormal: String
    public let levelPriority: String
    public let bulletinText: String
    public let bulletinFile: String
    public let bulletinTitleLabel: String
    public let bulletinTitleColumn: String
    public let bulletinRepeat: String
    public let bulletinEvery: String
    public let bulletinUntil: String
    public let sendButton: String
    public let emergencyTitle: String
    public let emergencyHint: String
    public let emergencyConfirm: String
    public let emergencyButton: String
    public let inbox: String
    public let inboxEmpty: String
    public let allBulletins: String
    public let noBulletins: String
    public let airedLabel: String
    public let notAiredYet: String
    public let cancelBulletin: String
    public let placeInto: String
    public let placeButton: String
    public let sentLabel: String
    public let capImport: String
    public let capButton: String
    public let library: String
    public let week: String
    public let thisWeek: String
    public let nextWeek: String
    public let switchTo: String
    public let switchCode: String
    public let files: String
    public let withErrors: String
    public let withWarnings: String
    public let lastMonth: String
    public let next: String
    public let nothingToDo: String
    public let dayPicker: String
    public let code: String
    public let fileCare: String
    public let renameTo: String
    public let renameButton: String
    public let speakPreview: String
    public let speakReadingTitle: String
    public let replaceWith: String
    public let replaceButton: String
    public let removeButton: String
    public let removeAsk: String
    public let openReport: String
    public let plan: String
    public let replan: String
    public let revisionShort: String
    public let history: String
    public let historyWhat: String
    public let historyWho: String
    public let historyWhen: String
    public let historyApproved: String
    public let historyChanges: String
    public let approve: String
    public let approverName: String
    public let notPlanned: String
    public let free: String
    public let quotas: String
    public let quota: String
    public let min: String
    public let max: String
    public let count: String
    public let status: String
    public let notes: String
    public let file: String
    public let format: String
    public let length: String
    public let loudness: String
    public let truePeak: String
    public let kitZipHelp: String
    public let kitFile: String
    public let kitWhen: String
    public let problems: String
    public let search: String
    public let find: String
    public let previous: String
    public let following: String
    public let readOnly: String
    public let stationErrors: String
    public let print: String
    public let noFiles: String
    public let days: [String]

    public let upload: String
    public let gain: String
    public let limited: String
    public let limitedHint: String
    public let intoFolder: String
    public let send: String
    public let dropHere: String
    public let rootFolder: String
    public let newItem: String
    public let newRelay: String
    public let newRule: String
    public let newSession: String
    public let editEntry: String
    public let removeEntry: String
    public let entrySave: String
    public let backToStation: String
    public let entryRemoveAsk: String
    public let entryHelp: String
    public let makeItem: String
    public let makeItemHint: String
    public let relayToggle: String
    public let chooseFile: String
    public let listHelp: String
    public let anyDay: String
    public let anySession: String
    public let emptyNone: String
    public let newItemTitle: String
    public let newRuleTitle: String
    public let newSessionTitle: String
    public let itemTitle: String
    public let ruleTitle: String
    public let sessionTitle: String
    public let entrySaved: String
    public let entryRemoved: String
    public let folderEntry: String
    public let cityTitle: String
    public let cityLead: String
    public let filterAll: String
    public let filterUnplanned: String
    public let filterUnapproved: String
    public let filterUnmet: String
    public let exportCSV: String
    public let rollUp: String
    public let stationColumn: String
    public let monthColumn: String
    public let libraryErrorsColumn: String
    public let lastLogColumn: String
    public let noLog: String
    public let noMonthPlan: String
    public let sortBy: String
    public let cityCount: String
    public let adminTitle: String
    public let accountsHeading: String
    public let addAccount: String
    public let fullNameLabel: String
    public let roleLabel: String
    public let stationsLabel: String
    public let allStations: String
    public let stateLabel: String
    public let activeState: String
    public let disabledState: String
    public let mustChangeState: String
    public let temporaryPassword: String
    public let saveStations: String
    public let resetPassword: String
    public let disableAccount: String
    public let enableAccount: String
    public let removeAccount: String
    public let removeAccountAsk: String
    public let addStationHeading: String
    public let addStationHelp: String
    public let adminLogHeading: String
    public let logWhen: String
    public let logWho: String
    public let logWhat: String
    public let logSubject: String
    public let logDetail: String
    public let commandLine: String
    public let changePasswordTitle: String
    public let mustChangeHelp: String
    public let currentPassword: String
    public let newPassword: String
    public let newPasswordAgain: String
    public let passwordChanged: String
    public let passwordsDiffer: String
    public let done: String
    public let anyStation: String
    public let timeZoneLabel: String
    public let accountCare: String
    public let saveFields: String
    public let fieldsHelp: String
    public let speakTitle: String
    public let speakHint: String
    public let speakPlaceholder: String
    public let fileName: String
    public let speakButton: String
    public let stationPage: String
    public let sessionsHeading: String
    public let rulesHeading: String
    public let itemsHeading: String
    public let fillHeading: String
    public let name: String
    public let daysHeading: String
    public let start: String
    public let opens: String
    public let closes: String
    public let tags: String
    public let perWeek: String
    public let window: String
    public let editFile: String
    public let checkFile: String
    public let saveFile: String
    public let editHelp: String
    public let historyHeading: String
    public let downloads: String
    public let reports: String
    public let stations: String
    public let station: String
    public let period: String
    public let periodLabel: String
    public let orFrom: String
    public let to: String
    public let basis: String
    public let basisPlans: String
    public let basisLogs: String
    public let showReport: String
    public let uploadLog: String
    public let forStation: String
    public let logShapes: String
    public let verdict: String
    public let met: String
    public let notMet: String
    public let printReport: String
    public let login: String
    public let logout: String
    public let loginName: String
    public let password: String
    public let loginHelp: String
    public let leaderApproves: String
    public let amendTitle: String
    public let renderFormat: String
    public let renderButton: String
    public let renderHelp: String
    public let amendHelp: String
    public let amendItem: String
    public let amendNoticesGroup: String
    public let amendProgrammesGroup: String
    public let amendTimes: String
    public let amendFrom: String
    public let amendPriority: String
    public let amendButton: String

    /// The words as the templates look them up, by name (built once per language; reading
    /// them by reflection on every lookup was a tenth of the week page's time).
    /// Every word by its name, for templates.
    public private(set) var table: [String: any Sendable] = [:]

    private static let vietnamese = PageWords(building: .vi)
    private static let english = PageWords(building: .en)

    public init(_ lang: Language) { self = lang == .vi ? Self.vietnamese : Self.english }

    private init(building lang: Language) {
        self.lang = lang
        let vi = lang == .vi
        gain = vi ? "Bù âm lượng (dB)" : "Gain (dB)"
        limited = vi ? "giới hạn" : "limited"
        limitedHint = vi ? "Không đạt được mức chuẩn: tăng thêm thì đỉnh vượt giới hạn." : "The target cannot be reached: more gain would pass the true-peak limit."
        rootFolder = vi ? "(thư mục gốc)" : "(top folder)"
        newItem = vi ? "Thêm mục" : "Add an item"
        newRelay = vi ? "Thêm tiếp sóng" : "Add a relay"
        newRule = vi ? "Thêm chỉ tiêu" : "Add a rule"
        newSession = vi ? "Thêm buổi" : "Add a session"
        removeEntry = vi ? "Xoá khỏi tệp trạm" : "Remove from the station file"
        editEntry = vi ? "Sửa" : "Edit"
        entrySave = vi ? "Lưu vào tệp trạm" : "Save to the station file"
        backToStation = vi ? "Về trang trạm" : "Back to the station"
        entryRemoveAsk = vi ? "Xoá khỏi tệp trạm? Bản trước vẫn được giữ trong .history/." : "Remove it from the station file? The previous version stays in .history/."
        entryHelp = vi ? "Mỗi thay đổi được kiểm tra như lệnh lichphat check, ghi vào tệp trạm (giữ nguyên chú thích và thứ tự), bản trước giữ trong .history/." : "Each change is checked as lichphat check reads the file, written into the station file (comments and order kept), the previous version kept in .history/."
        makeItem = vi ? "Tạo mục phát" : "Make it an item"
        makeItemHint = vi ? "Tệp này chưa được phát trong mục nào: tạo một mục thông báo phát tuần này." : "No item airs this file yet: make it a notice that airs this week."
        relayToggle = vi ? "Không có tệp: phát luồng của đài cấp trên" : "No file: a higher station's stream"
        chooseFile = vi ? "— chọn tệp trong thư viện —" : "— choose a file of the library —"
        listHelp = vi ? "cách nhau bằng dấu phẩy" : "separated by commas"
        anyDay = vi ? "không chọn: mọi ngày" : "none ticked: every day"
        anySession = vi ? "không chọn: mọi buổi" : "none ticked: any session"
        emptyNone = vi ? "để trống: không có" : "empty: none"
        newItemTitle = vi ? "Mục mới" : "New item"
        newRuleTitle = vi ? "Chỉ tiêu mới" : "New rule"
        newSessionTitle = vi ? "Buổi mới" : "New session"
        itemTitle = vi ? "Mục" : "Item"
        ruleTitle = vi ? "Chỉ tiêu" : "Rule"
        sessionTitle = vi ? "Buổi" : "Session"
        entrySaved = vi ? "Đã lưu vào tệp trạm; bản trước được giữ trong .history/." : "Saved to the station file; the previous version is kept in .history/."
        entryRemoved = vi ? "Đã xoá khỏi tệp trạm; bản trước được giữ trong .history/." : "Removed from the station file; the previous version is kept in .history/."
        folderEntry = vi ? "Thư mục: mỗi tệp là một mục (sửa trong tệp trạm)" : "Folder: every file is an item (edited in the station file)"
        cityTitle = vi ? "Toàn thành phố" : "City-wide"
        cityLead = vi ? "Mỗi đài một dòng; đỏ ở trên cùng: tuần này chưa có lịch được duyệt (không phát theo lịch đã duyệt) hoặc đã sửa sau khi duyệt." : "One row per station; red at the top: this week has no approved plan (nothing airs as approved) or was changed after approval."
        filterAll = vi ? "Tất cả" : "All"
        filterUnplanned = vi ? "Chưa lập lịch" : "Not planned"
        filterUnapproved = vi ? "Chưa duyệt" : "Not approved"
        filterUnmet = vi ? "Chưa đạt" : "Quotas not met"
        exportCSV = vi ? "Tải bảng (CSV)" : "Download (CSV)"
        rollUp = vi ? "Báo cáo tổng hợp" : "Roll-up report"
        stationColumn = vi ? "Đài" : "Station"
        monthColumn = vi ? "Chỉ tiêu tháng trước" : "Last month's quotas"
        libraryErrorsColumn = vi ? "Tệp lỗi" : "Files with errors"
        lastLogColumn = vi ? "Nhật ký phát gần nhất" : "Last play log"
        noLog = vi ? "chưa nhận" : "none received"
        noMonthPlan = vi ? "chưa có lịch trong tháng" : "no week planned in the month"
        sortBy = vi ? "Sắp xếp" : "Sort"
        cityCount = vi ? "đài" : "stations"
        adminTitle = vi ? "Quản trị" : "Administration"
        accountsHeading = vi ? "Tài khoản" : "Accounts"
        addAccount = vi ? "Thêm tài khoản" : "Add an account"
        fullNameLabel = vi ? "Họ tên" : "Full name"
        roleLabel = vi ? "Vai trò" : "Role"
        stationsLabel = vi ? "Các đài" : "Stations"
        allStations = vi ? "mọi đài" : "every station"
        activeState = vi ? "đang dùng" : "active"
        disabledState = vi ? "đã khoá" : "disabled"
        mustChangeState = vi ? "phải đổi mật khẩu" : "must change password"
        temporaryPassword = vi ? "Mật khẩu tạm (người dùng đổi khi đăng nhập lần đầu)" : "Temporary password (changed at the first login)"
        saveStations = vi ? "Lưu các đài" : "Save stations"
        resetPassword = vi ? "Đặt lại mật khẩu" : "Reset password"
        disableAccount = vi ? "Khoá" : "Disable"
        enableAccount = vi ? "Mở lại" : "Enable"
        removeAccount = vi ? "Xoá tài khoản" : "Remove account"
        removeAccountAsk = vi ? "Xoá hẳn tài khoản này? Tên người duyệt trên các tuần đã duyệt vẫn giữ nguyên." : "Remove this account for good? Names on approved weeks stay as they are."
        addStationHeading = vi ? "Thêm đài" : "Add a station"
        addStationHelp = vi ? "Tạo tệp trạm với chỉ tiêu của thành phố (Nghị quyết 57: 1–2 lượt/tuần; chuyên mục Chuyển đổi số thứ Năm hằng tuần) và thư mục âm thanh riêng; sửa tiếp ở trang Trạm." : "Writes a station file with the city's quotas (Resolution 57: 1–2 a week; the Digital transformation column every Thursday) and its own audio folder; edit it further on the Station page."
        adminLogHeading = vi ? "Nhật ký quản trị" : "Administration log"
        logWhen = vi ? "Lúc" : "When"
        logWho = vi ? "Ai" : "Who"
        logWhat = vi ? "Việc" : "What"
        logSubject = vi ? "Đối tượng" : "Subject"
        logDetail = vi ? "Chi tiết" : "Detail"
        commandLine = vi ? "dòng lệnh" : "command line"
        changePasswordTitle = vi ? "Đổi mật khẩu" : "Change password"
        mustChangeHelp = vi ? "Quản trị đã đặt mật khẩu tạm cho tài khoản này: đặt mật khẩu của riêng bạn để tiếp tục." : "The administrator set a temporary password for this account: set your own to go on."
        currentPassword = vi ? "Mật khẩu hiện tại" : "Current password"
        newPassword = vi ? "Mật khẩu mới (ít nhất 8 ký tự)" : "New password (at least 8 characters)"
        newPasswordAgain = vi ? "Nhập lại mật khẩu mới" : "New password again"
        passwordChanged = vi ? "Đã đổi mật khẩu." : "Password changed."
        passwordsDiffer = vi ? "Hai lần nhập mật khẩu mới không giống nhau; chưa đổi gì." : "The two new passwords differ; nothing changed."
        done = vi ? "Đã lưu." : "Saved."
        anyStation = vi ? "chỉ cho vận hành và lãnh đạo; không chọn ô nào: không đài nào" : "for operators and leaders only; no box ticked: no station"
        timeZoneLabel = vi ? "Múi giờ" : "Time zone"
        accountCare = vi ? "Mật khẩu, khoá, xoá" : "Password, disable, remove"
        saveFields = vi ? "Lưu thay đổi" : "Save changes"
        fieldsHelp = vi ? "Giờ bắt đầu dạng 06:00, độ dài dạng 15m hoặc 1h30m; tối đa để trống là không giới hạn. Ghi vào tệp trạm, giữ nguyên chú thích; bản trước giữ trong .history/." : "Start like 06:00, length like 15m or 1h30m; an empty maximum is no limit. Written into the station file with its comments kept; the previous version kept in .history/."
        speakTitle = vi ? "Đọc văn bản" : "Read a notice aloud"
        speakHint = vi ? "gõ thông báo, LichPhat đọc thành tệp âm thanh (giọng espeak-ng)" : "type a notice, LichPhat reads it into an audio file (espeak-ng's voice)"
        speakPlaceholder = vi ? "Ví dụ: UBND xã thông báo: từ 17h30 ngày 25/11/2026, …" : "For example: UBND xã thông báo: từ 17h30 ngày 25/11/2026, …"
        fileName = vi ? "Tên tệp" : "File name"
        speakButton = vi ? "Đọc thành tệp" : "Read into a file"
        stationPage = vi ? "Trạm" : "Station"
        sessionsHeading = vi ? "Buổi phát" : "Sessions"
        rulesHeading = vi ? "Chỉ tiêu" : "Rules"
        itemsHeading = vi ? "Mục phát" : "Items"
        fillHeading = vi ? "Lấp chỗ trống bằng" : "Fill with"
        name = vi ? "Tên" : "Name"
        daysHeading = vi ? "Ngày" : "Days"
        start = vi ? "Bắt đầu" : "Start"
        opens = vi ? "Mở đầu" : "Opens with"
        closes = vi ? "Kết thúc" : "Closes with"
        tags = vi ? "Nhãn" : "Tags"
        perWeek = vi ? "Lượt/tuần" : "Per week"
        window = vi ? "Hiệu lực" : "Valid"
        editFile = vi ? "Sửa tệp trạm" : "Edit the station file"
        checkFile = vi ? "Kiểm tra" : "Check"
        saveFile = vi ? "Lưu" : "Save"
        editHelp = vi ? "Kiểm tra như lệnh lichphat check; chỉ lưu khi không có lỗi, bản trước được giữ trong .history/." : "Checked as lichphat check does; saved only without errors, the previous version kept in .history/."
        historyHeading = vi ? "Các bản trước" : "Earlier versions"
        downloads = vi ? "Tải về" : "Downloads"
        reports = vi ? "Báo cáo" : "Reports"
        stations = vi ? "Đài" : "Stations"
        station = vi ? "Đài" : "Station"
        period = vi ? "Kỳ báo cáo" : "Period"
        periodLabel = vi ? "tháng, quý, nửa năm hoặc năm" : "month, quarter, half or year"
        orFrom = vi ? "hoặc từ ngày" : "or from"
        to = vi ? "đến" : "to"
        basis = vi ? "Căn cứ" : "Basis"
        basisPlans = vi ? "Lịch đã lập" : "The plans"
        basisLogs = vi ? "Nhật ký phát (đã phát thực tế) — chọn nhật ký:" : "Play logs (what actually aired) — choose logs:"
        showReport = vi ? "Xem báo cáo" : "Show the report"
        uploadLog = vi ? "Tải nhật ký phát lên" : "Upload a play log"
        forStation = vi ? "của đài" : "for station"
        logShapes = vi ? "Nhật ký CSV của LichPhat (start, item hoặc file, played, status, device) hoặc nhật ký sự kiện của nền tảng loa (record_id, device_id, event_type, time); tên cột tiếng Việt hoặc tiếng Anh." : "LichPhat's CSV log (start, item or file, played, status, device) or a loudspeaker platform's event log (record_id, device_id, event_type, time); Vietnamese or English column names."
        verdict = vi ? "Kết luận" : "Verdict"
        met = vi ? "đạt" : "met"
        notMet = vi ? "chưa đạt" : "not met"
        printReport = vi ? "Xem và in báo cáo (HTML)" : "View and print (HTML)"
        login = vi ? "Đăng nhập" : "Log in"
        logout = vi ? "Đăng xuất" : "Log out"
        loginName = vi ? "Tên đăng nhập" : "Login name"
        password = vi ? "Mật khẩu" : "Password"
        loginHelp = vi ? "Quên mật khẩu? Nhờ quản trị đặt lại mật khẩu tạm (trang Quản trị, hoặc lệnh lichphat user trên máy chủ)." : "Forgot the password? Ask the administrator for a temporary one (the Administration page, or lichphat user on the server)."
        leaderApproves = vi ? "Chỉ lãnh đạo duyệt lịch: hãy trình lãnh đạo đăng nhập để duyệt." : "Only a leader approves: ask a leader to log in and approve."
        amendTitle = vi ? "Thêm thông báo vào lịch đang chạy (sửa lịch)" : "Add a notice to the running week (amend)"
        amendHelp = vi ? "Thông báo được thêm vào các buổi từ thời điểm chọn trở đi; các buổi trước giữ nguyên, mọi chỉ tiêu vẫn đạt (chỉ bớt mục lấp chỗ trống). Lịch thành lần sửa mới, bản trước được giữ lại, và cần lãnh đạo duyệt lại."
                       : "The notice is added to the sessions from the chosen time on; earlier sessions stay as they are and every quota still holds (only fill gives way). The week becomes a new revision, the previous one is kept, and a leader must approve it again."
        renderFormat = vi ? "Định dạng" : "Format"
        renderButton = vi ? "Xuất tệp cho nền tảng loa" : "Render for the platforms"
        renderHelp = vi ? "mỗi buổi một tệp âm thanh ở đúng mức âm lượng, kèm bản ghi để tải lên (mất vài phút; có thể rời trang)"
                        : "one audio file per session at its loudness, with the records to upload (takes minutes; you may leave the page)"
        amendItem = vi ? "Mục cần thêm" : "Item to add"
        amendNoticesGroup = vi ? "Thông báo" : "Notices"
        amendProgrammesGroup = vi ? "Chương trình theo chỉ tiêu" : "Programmes with a quota"
        amendTimes = vi ? "Số lần (để trống: theo chỉ tiêu của mục, không có thì 1)" : "Times (empty: the item's weekly minimum, else 1)"
        amendFrom = vi ? "Từ lúc (giờ của trạm)" : "From (station time)"
        amendPriority = vi ? "Phát ngay sau phần mở đầu của buổi (ưu tiên)" : "Right after the session's opening (priority)"
        amendButton = vi ? "Thêm vào lịch" : "Add to the week"
        dropHere = vi ? "…hoặc kéo thả tệp vào đây" : "…or drop files here"
        send = vi ? "Tải lên" : "Upload"
        intoFolder = vi ? "vào thư mục" : "into folder"
        upload = vi ? "Tải tệp âm thanh lên" : "Upload audio files"
        overview = vi ? "Tổng quan" : "Overview"
        library = vi ? "Thư viện âm thanh" : "Audio library"
        week = vi ? "Lịch tuần" : "Week"
        thisWeek = vi ? "Tuần này" : "This week"
        nextWeek = vi ? "Tuần sau" : "Next week"
        switchTo = vi ? "English" : "Tiếng Việt"
        switchCode = vi ? "en" : "vi"
        files = vi ? "tệp" : "files"
        withErrors = vi ? "có lỗi" : "with errors"
        withWarnings = vi ? "có cảnh báo" : "with warnings"
        lastMonth = vi ? "Tháng trước" : "Last month"
        next = vi ? "Việc cần làm" : "What to do next"
        nothingToDo = vi ? "Không có việc gì gấp: tuần này và tuần sau đã duyệt, thư viện không có tệp lỗi." : "Nothing to do: this week and next are approved, the library has no file with errors."
        openReport = vi ? "Xem báo cáo" : "Open the report"
        dayPicker = vi ? "Chọn ngày" : "Choose a day"
        code = vi ? "Mã" : "Id"
        fileCare = vi ? "Thay, đổi tên, xoá" : "Replace, rename, remove"
        renameTo = vi ? "Tên mới" : "New name"
        renameButton = vi ? "Đổi tên" : "Rename"
        speakPreview = vi ? "Xem cách đọc" : "Show how it is read"
        speakReadingTitle = vi ? "Sẽ được đọc là:" : "It will be read as:"
        replaceWith = vi ? "Bản mới cho" : "New version of"
        replaceButton = vi ? "Thay bằng bản mới" : "Replace with the new version"
        removeButton = vi ? "Xoá khỏi thư viện" : "Remove from the library"
        removeAsk = vi ? "Xoá khỏi thư viện (vẫn giữ một bản trong thư mục ẩn .removed)?" : "Remove from the library (a copy is kept in the hidden .removed folder)?"
        plan = vi ? "Lập lịch" : "Plan"
        replan = vi ? "Lập lại lịch" : "Plan again"
        revisionShort = vi ? "bản" : "revision"
        history = vi ? "Lịch sử" : "History"
        historyWhat = vi ? "Việc" : "What"
        historyWho = vi ? "Ai" : "Who"
        historyWhen = vi ? "Lúc" : "When"
        historyApproved = vi ? "Duyệt" : "Approved"
        historyChanges = vi ? "Thay đổi" : "Changes"
        approve = vi ? "Duyệt lịch" : "Approve"
        approverName = vi ? "Họ tên người duyệt" : "Approver's full name"
        notPlanned = vi ? "Tuần này chưa lập lịch." : "This week has not been planned."
        free = vi ? "còn trống" : "free"
        quotas = vi ? "Thực hiện chỉ tiêu" : "Quotas"
        quota = vi ? "Chỉ tiêu" : "Quota"
        min = vi ? "Tối thiểu" : "Min"
        max = vi ? "Tối đa" : "Max"
        count = vi ? "Số lượt" : "Count"
        status = vi ? "Kết quả" : "Status"
        notes = vi ? "Ghi chú" : "Notes"
        file = vi ? "Tệp" : "File"
        format = vi ? "Định dạng" : "Format"
        length = vi ? "Thời lượng" : "Length"
        loudness = vi ? "Độ lớn (LUFS)" : "Loudness (LUFS)"
        truePeak = vi ? "Đỉnh (dBTP)" : "True peak (dBTP)"
        kitZipHelp = vi ? "cả bộ tệp cho nền tảng loa trong một tệp zip: các tệp âm thanh, platform.json, platform.csv, render.json"
                        : "the whole kit for the platforms in one zip: the audio files, platform.json, platform.csv, render.json"
        kitFile = vi ? "Tệp âm thanh" : "Audio file"
        kitWhen = vi ? "Buổi phát" : "Session"
        problems = vi ? "Vấn đề" : "Problems"
        search = vi ? "Tìm theo tên (gõ không dấu cũng được)" : "Search by name (accents optional)"
        find = vi ? "Tìm" : "Find"
        previous = vi ? "← Tuần trước" : "← Previous week"
        following = vi ? "Tuần sau →" : "Next week →"
        readOnly = vi ? "Lịch đã duyệt: không lập lại, không sửa từng lượt. Cần thêm thông báo thì dùng “Thêm thông báo vào lịch đang chạy” bên dưới (lịch sẽ cần duyệt lại)."
                      : "Approved: not planned again, no airing edited. To add a notice, use “Add a notice to the running week” below (the week will need approving again)."
        stationErrors = vi ? "Tệp trạm có lỗi" : "The station file has errors"
        print = vi ? "In lịch (A4)" : "Print (A4)"
        noFiles = vi ? "Không có tệp nào khớp." : "No file matches."
        days = vi ? ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]
                            : ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        bulletins = vi ? "Bản tin" : "Bulletins"
        bulletinsIntro = vi ? "Bản tin từ hệ thống thông tin nguồn có ba mức (Thông tư 39/2020/TT-BTTTT): thông thường — đài tự xếp lịch; ưu tiên — phát đầu buổi phát tới, sau phần mở đầu; khẩn cấp — phát ngay, đè lên chương trình đang phát." : "Bulletins from the source-information systems have three levels (Circular 39/2020/TT-BTTTT): normal — the station places it; priority — first in the next session, after its opening; emergency — at once, over what airs."
        onAir = vi ? "Phát sóng" : "On air"
        onAirNow = vi ? "Đang phát" : "Now"
        onAirNext = vi ? "Tiếp theo" : "Next"
        onAirSilent = vi ? "Ngoài buổi phát (im lặng)" : "Between sessions (silence)"
        onAirNotRunning = vi ? "Máy phát chưa chạy: lệnh lichphat air trên máy phát của đài." : "The playout is not running: lichphat air on the station's PC."
        onAirDraft = vi ? "BẢN NHÁP (chưa duyệt)" : "DRAFT (not approved)"
        onAirWaiting = vi ? "bản mới đang chờ duyệt" : "a newer revision awaits approval"
        revisionWord = vi ? "bản" : "revision"
        sendBulletin = vi ? "Gửi bản tin thông thường hoặc ưu tiên" : "Send a normal or priority bulletin"
        levelLabel = vi ? "Mức" : "Level"
        levelNormal = vi ? "Thông thường — đài xếp lịch" : "Normal — the station places it"
        levelPriority = vi ? "Ưu tiên — đầu buổi phát tới" : "Priority — heads the next session"
        bulletinText = vi ? "Văn bản (đọc bằng giọng máy ở mức âm lượng chuẩn)" : "Text (read aloud at the loudness target)"
        bulletinFile = vi ? "hoặc tệp âm thanh" : "or an audio file"
        bulletinTitleColumn = vi ? "Tiêu đề" : "Title"
        bulletinTitleLabel = vi ? "Tiêu đề (không bắt buộc)" : "Title (optional)"
        bulletinRepeat = vi ? "Số lần phát" : "Times"
        bulletinEvery = vi ? "Cách nhau (như 60m, 1h)" : "Apart (like 60m, 1h)"
        bulletinUntil = vi ? "Đến lúc (không bắt buộc, như 2026-12-08 20:00)" : "Until (optional, like 2026-12-08 20:00)"
        sendButton = vi ? "Gửi bản tin" : "Send"
        emergencyTitle = vi ? "Phát khẩn cấp" : "Emergency"
        emergencyHint = vi ? "Bản tin khẩn cấp lên sóng trong vòng 1 giây (chương trình đang phát được giảm dần rồi dừng, sau đó buổi phát tiếp tục theo lịch)." : "An emergency bulletin is on air within a second (what plays fades out; the session then goes on as planned)."
        emergencyConfirm = vi ? "Tôi xác nhận phát khẩn cấp ngay, đè lên chương trình đang phát" : "I confirm: air it now, over what plays"
        emergencyButton = vi ? "Phát khẩn cấp" : "Air as emergency"
        inbox = vi ? "Hộp bản tin chờ xếp lịch" : "Inbox: bulletins to place"
        inboxEmpty = vi ? "Không có bản tin thông thường nào đang chờ." : "No normal bulletin is waiting."
        allBulletins = vi ? "Tất cả bản tin" : "All bulletins"
        noBulletins = vi ? "Chưa có bản tin nào." : "No bulletins yet."
        airedLabel = vi ? "Các lần đã phát" : "Aired"
        notAiredYet = vi ? "chưa phát" : "not yet"
        cancelBulletin = vi ? "Huỷ các lần phát còn lại" : "Cancel what is left"
        placeInto = vi ? "Xếp vào buổi" : "Place in"
        placeButton = vi ? "Xếp lịch" : "Place"
        sentLabel = vi ? "Gửi lúc" : "Sent"
        stateLabel = vi ? "Trạng thái" : "State"
        capImport = vi ? "Nhận bản tin CAP 1.2 (tệp XML)" : "Take a CAP 1.2 message (XML file)"
        capButton = vi ? "Nhận" : "Take"
        var table: [String: any Sendable] = ["vi": vi]
        for child in Mirror(reflecting: self).children {
            guard let name = child.label else { continue }
            if let value = child.value as? String { table[name] = value }
            else if let value = child.value as? [String] { table[name] = value }
            else if let value = child.value as? Language { table[name] = value.rawValue }
        }
        self.table = table
    }


    /// An account's role as the header and the account pages say it.
    public func roleName(_ code: String) -> String {
        switch code {
        case "operator": vi ? "vận hành" : "operator"
        case "leader": vi ? "lãnh đạo" : "leader"
        case "city": vi ? "văn phòng thành phố" : "city office"
        case "admin": vi ? "quản trị" : "administrator"
        default: code
        }
    }

    /// A station entry's field as the forms label it (the station file's key: `per_week.min`).
    public func fieldLabel(_ field: String) -> String {
        let vi: [String: String] = [
            "id": "Mã", "title": "Tên mục", "name": "Tên", "file": "Tệp âm thanh", "relay": "Tiếp sóng", "length": "Độ dài",
            "url": "Địa chỉ luồng", "tags": "Nhãn", "from": "Phát từ ngày", "until": "Đến hết ngày", "days": "Các ngày",
            "sessions": "Các buổi", "per_week.min": "Tối thiểu mỗi tuần", "per_week.max": "Tối đa mỗi tuần",
            "priority": "Mức ưu tiên", "start": "Giờ bắt đầu", "open": "Mở đầu buổi", "close": "Kết thúc buổi",
            "timezone": "Múi giờ", "morning.start": "Buổi sáng bắt đầu", "morning.length": "Buổi sáng dài",
            "afternoon.start": "Buổi chiều bắt đầu", "afternoon.length": "Buổi chiều dài",
        ]
        let en: [String: String] = [
            "id": "Id", "title": "Title", "name": "Name", "file": "Audio file", "relay": "Relay", "length": "Length",
            "url": "Stream address", "tags": "Tags", "from": "Airs from", "until": "Until", "days": "Days",
            "sessions": "Sessions", "per_week.min": "Minimum a week", "per_week.max": "Maximum a week",
            "priority": "Priority", "start": "Start", "open": "Opens the session", "close": "Closes the session",
            "timezone": "Time zone", "morning.start": "Morning starts", "morning.length": "Morning length",
            "afternoon.start": "Afternoon starts", "afternoon.length": "Afternoon length",
        ]
        return (self.vi ? vi : en)[field] ?? field
    }

    /// `item`, `rule`, `session` as a sentence names them.
    public func entryWord(_ kind: String) -> String {
        switch kind {
        case "item": vi ? "mục" : "item"
        case "rule": vi ? "chỉ tiêu" : "rule"
        case "session": vi ? "buổi" : "session"
        case "folder": vi ? "thư mục" : "folder"
        case "station": vi ? "đài" : "station"
        default: kind
        }
    }

    public func weekTitle(_ w: ISOWeek) -> String {
        vi ? "Tuần \(w.week) năm \(w.year) (\(w.monday.vietnamese)–\(w.sunday.vietnamese))"
           : "Week \(w.week) of \(w.year) (\(w.monday)–\(w.sunday))"
    }

    /// "Lỗi" / "Cảnh báo" for a problem's badge (its code is for scripts, not a label).
    public func severityWord(_ code: String) -> String {
        switch code {
        case "error": vi ? "Lỗi" : "Error"
        case "warning": vi ? "Cảnh báo" : "Warning"
        default: code
        }
    }

    public func statusWord(_ code: String) -> String {
        switch code {
        case "ok": PlanMessages.status(.ok, lang)
        case "under": PlanMessages.status(.under, lang)
        case "over": PlanMessages.status(.over, lang)
        default: code
        }
    }

}
