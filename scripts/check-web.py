#!/usr/bin/env python3
"""Drives the real web app in a real browser, then checks its API against its own OpenAPI document.

    python3 scripts/check-web.py LICHPHAT WORKDIR

Copies the shipped example (Schedules/, Audio/) into WORKDIR, adds two accounts (an operator and
a leader, `lichphat user add --password-stdin`), starts `lichphat serve --host 0.0.0.0` on a free
port, and with Debian's Chromium and chromedriver (Selenium, headless, 1366×768) walks the
operator's week: logs in (a wrong password first), the overview, the library (searches without
diacritics, plays a file through a range request, uploads a file and a broken one), a running week
not yet planned: plans it with the form sent twice at once and once more later (done once: one
revision, a success each time); the session already begun (Monday morning) offers no ×, ○ or +, and
an edit of it sent anyway is refused (409, "đã bắt đầu lúc 06:00"); removes an airing while a second
tab holds the page (the stale tab's × on another airing is refused, 409, and changes nothing), adds
one by hand in the room it left, pins one and plans again (pins, removals and additions kept; the
session already begun exactly as written), each step a revision named in the page's message; prints
it on A4, logs out; the leader logs in, sees what changed since revision 1 (airings only moved counted
in one line, "→ N lượt phát dời giờ", as the revisions' files differ), is refused approval through the
API without naming the revision (428), and approves "bản N" (the week can then no longer be planned
whole, from the page, the API or the CLI); a playlist is downloaded; after the report the leader adds
a notice to the approved week (Sửa lịch: revision N+1, to approve again, the changes since the
approval shown, no ×, ○ or + any more, revisions/N/approval.json kept byte for byte, the history
section listing every revision with who and what, each row's changes as the files differ), the page
is shot at 1366 and 390 px wide (the history a table at 1366, stacked within the phone's width at
390); a past week is planned only with its "Tuần đã qua" box ticked. It checks what each page says
and that the browser logged no error.
Screenshots and the printed PDF stay in WORKDIR/shots. Firefox shows the main pages. Then
schemathesis runs against /openapi.json (every operation, fixed seed, as the leader over HTTP
Basic; station, week, airing and file names drawn often from the real ones, so that the calls
reach the weeks rather than 404), on another copy, and must find no failure. Exits 1 on any failure.

The program's clock is fixed (LICHPHAT_NOW, unless already set) at Monday 2026-12-07 10:00 in the
stations' zone: 2026-W50 is the running week, 2026-W49 is past, whatever the day the script runs.
"""
import base64, datetime, json, os, re, shutil, signal, socket, subprocess, sys, time, urllib.request

lichphat, work = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
failures = []
# Every lichphat started below (serve, plan, user) reads it.
os.environ.setdefault("LICHPHAT_NOW", "2026-12-07T10:00:00+07:00")

def check(ok, what):
    print(("  ok  " if ok else "  FAIL ") + what)
    if not ok:
        failures.append(what)

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

ACCOUNTS = [("lan", "operator", "Trần Thị Lan", "operator-pass"), ("an", "leader", "Nguyễn Văn An", "leader-pass-1"),
            # A city server's accounts: a leader of one commune only, and the city office.
            ("ld-nq", "leader", "Lãnh đạo phường Ngô Quyền", "ld-nq-pass-1", "ngo-quyen"), ("so-vhtt", "city", "Sở VHTT Hải Phòng", "city-pass-12")]

def add_accounts(root):
    for name, role, full, password, *station in ACCOUNTS:
        subprocess.run([lichphat, "user", "add", name, "--role", role, "--full-name", full, "--password-stdin",
                        "--root", os.path.join(root, "Schedules")] + (["--station", station[0]] if station else []),
                       input=password + "\n", text=True, check=True, capture_output=True)

def serve(root, host="127.0.0.1"):
    port = free_port()
    log = open(os.path.join(work, f"serve-{port}.log"), "w")
    proc = subprocess.Popen([lichphat, "serve", "--root", os.path.join(root, "Schedules"), "--port", str(port), "--host", host,
                             "--cache", os.path.join(root, "catalog.sqlite")], stdout=log, stderr=subprocess.STDOUT)
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/openapi.json", timeout=30)
            return proc, f"http://127.0.0.1:{port}"
        except Exception:
            if proc.poll() is not None:
                break
            time.sleep(0.2)
    proc.kill()
    sys.exit(f"lichphat serve did not start (log in {log.name})")

def stop(proc):
    proc.send_signal(signal.SIGINT)          # Ctrl-C: must stop cleanly
    try:
        code = proc.wait(timeout=20)
        check(code == 0, f"serve stops cleanly on Ctrl-C (exit {code})")
    except subprocess.TimeoutExpired:
        proc.kill()
        check(False, "serve stops within 20 s of Ctrl-C")

def copy_example(name):
    root = os.path.join(work, name)
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(root)
    shutil.copytree(os.path.join(repo, "Schedules"), os.path.join(root, "Schedules"))
    shutil.copytree(os.path.join(repo, "Audio"), os.path.join(root, "Audio"))
    return root

WEEK = "2026-W50"          # the running week (LICHPHAT_NOW): Monday morning has aired, the rest is to come
PAST_WEEK = "2026-W49"

# Each airing of the week's grid as the page shows it: its id (from its × form), time, title,
# session's name and whether it is pinned.
AIRINGS_JS = """
return Array.from(document.querySelectorAll('table.grid .airing')).map(div => {
  const id = div.querySelector('form.remove:not(.pin) input[name=airing]');
  const pin = div.querySelector('form.pin');
  const times = div.querySelectorAll(':scope > span.t');
  return {id: id ? id.value : null, time: times.length ? times[0].textContent : '',
          title: Array.from(div.childNodes).filter(n => n.nodeType === 3).map(n => n.textContent).join('').trim(),
          session: div.closest('td').querySelector('strong').textContent, notable: div.classList.contains('notable'),
          pinned: !!(pin && pin.classList.contains('on'))};
});
"""

def change_line(sign, a):
    """A change as the week page names it: `− 09/12/2026 17:05 Buổi chiều: Tin xã Nam Sách`."""
    d = a["id"][:10]
    return f"{sign} {d[8:10]}/{d[5:7]}/{d[0:4]} {a['time'][:5]} {a['session']}: {a['title']}"

def airing_ids(folder):
    doc = json.load(open(os.path.join(folder, "schedule.json"), encoding="utf-8"))
    return {f"{s['date']}.{s['id']}": [a.get("id") for a in s["airings"]] for s in doc["sessions"]}

def revision_starts(folder, k):
    """Each airing's start in revision k of the week (the one now written, or the one kept in revisions/k/)."""
    kept = os.path.join(folder, "revisions", str(k), "schedule.json")
    doc = json.load(open(kept if os.path.exists(kept) else os.path.join(folder, "schedule.json"), encoding="utf-8"))
    assert os.path.exists(kept) or doc.get("revision") == k, f"revision {k} is neither kept nor written"
    return {a["id"]: a["start"] for s in doc["sessions"] for a in s["airings"]}

def changes_agree(text, folder, a, b):
    """Whether a change list (the page's lines) says what the files of revisions a and b differ by: a line
    for each airing added (+) or removed (−), and the airings only moved in ONE line, “→ N lượt phát dời giờ”."""
    old, new = revision_starts(folder, a), revision_starts(folder, b)
    added, removed = len(new.keys() - old.keys()), len(old.keys() - new.keys())
    moved = sum(1 for i in old if i in new and old[i] != new[i])
    lines = [l.strip() for l in text.splitlines()]
    arrows = [l for l in lines if l.startswith("→")]
    said = (sum(l.startswith("+ ") for l in lines), sum(l.startswith("− ") for l in lines), arrows)
    want = (added, removed, [f"→ {moved} lượt phát dời giờ"] if moved else [])
    return said == want, f"said +{said[0]} −{said[1]} {said[2]}, the files differ by +{want[0]} −{want[1]} {want[2]}"

def history_of(folder):
    path = os.path.join(folder, "history.json")
    return json.load(open(path, encoding="utf-8"))["revisions"] if os.path.exists(path) else []

def browser_checks():
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.wait import WebDriverWait
    from selenium.webdriver.support.select import Select
    from selenium.webdriver.support import expected_conditions as EC

    root = copy_example("browser")
    add_accounts(root)
    proc, base = serve(root, host="0.0.0.0")      # the office network: allowed once accounts exist
    shots = os.path.join(work, "shots")
    os.makedirs(shots, exist_ok=True)
    options = Options()
    for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1366,768", "--autoplay-policy=no-user-gesture-required"]:
        options.add_argument(a)
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    d = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
    d.set_page_load_timeout(120)
    try:
        def shot(name):
            h = d.execute_script("return document.documentElement.scrollHeight")
            d.set_window_size(1366, min(max(768, h), 6000))
            d.save_screenshot(os.path.join(shots, name + ".png"))
            d.set_window_size(1366, 768)

        def phone_shot(name, width=390):
            """The page as a phone shows it (device width, the page's viewport meta applied): its top, and its
            history section; returns how wide the page and the history table are there."""
            phone = {"width": width, "height": 844, "deviceScaleFactor": 1, "mobile": True}
            d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", phone)
            try:
                m = d.execute_script("""
                    const s = document.getElementById('lich-su'), r = s.getBoundingClientRect(), t = s.querySelector('table');
                    const shown = Array.from(s.querySelectorAll('tbody tr:first-child td')).filter(td => getComputedStyle(td).display !== 'none');
                    return {page: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight, viewport: window.innerWidth,
                            top: Math.floor(r.top + window.scrollY), tall: Math.ceil(r.height), left: Math.floor(r.left), right: Math.ceil(r.right),
                            table: Math.ceil(t.getBoundingClientRect().width), section: s.clientWidth, inner: s.scrollWidth,
                            head: getComputedStyle(s.querySelector('thead')).display,
                            lefts: [...new Set(shown.map(td => Math.round(td.getBoundingClientRect().left)))], cells: shown.length};""")
                d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", dict(phone, height=2400))
                d.execute_script("window.scrollTo(0, 0)")
                d.save_screenshot(os.path.join(shots, name + ".png"))
                # The history section whole, clipped from the page (in the page's own pixels, whatever the zoom).
                png = d.execute_cdp_cmd("Page.captureScreenshot", {"captureBeyondViewport": True, "clip": {
                    "x": max(0, m["left"] - 8), "y": max(0, m["top"] - 8), "width": m["right"] - m["left"] + 16,
                    "height": min(m["tall"], 6000) + 16, "scale": 1}})
                with open(os.path.join(shots, name + "-lich-su.png"), "wb") as f:
                    f.write(base64.b64decode(png["data"]))
                m["device"] = width
                return m
            finally:
                d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
                d.set_window_size(1366, 768)

        def plan_forms_for(week):
            return d.find_elements(By.CSS_SELECTOR, f"form[action$='/weeks/{week}/plan']")

        def log_in(name, password):
            d.find_element(By.NAME, "name").clear()
            d.find_element(By.NAME, "name").send_keys(name)
            d.find_element(By.NAME, "password").send_keys(password)
            d.find_element(By.CSS_SELECTOR, "form.login button").click()

        def body():
            return d.find_element(By.TAG_NAME, "body").text

        def flash():
            """The message the last action left at the top of the page ("" when none)."""
            boxes = d.find_elements(By.CSS_SELECTOR, "h1 + div.message")
            return boxes[0].text if boxes else ""

        def flash_good():
            return bool(d.find_elements(By.CSS_SELECTOR, "h1 + div.message.good"))

        def status():
            """The HTTP status of the page now shown (a form's answer, or the page after its redirect)."""
            return d.execute_script("const e = performance.getEntriesByType('navigation')[0]; return e ? e.responseStatus : null")

        def submit(element, *args, timeout=120, script=None):
            """Clicks `element` (or runs `script` with it and `args`) and waits for the next page to be loaded."""
            old = d.find_element(By.TAG_NAME, "html")
            if script:
                d.execute_script(script, element, *args)
            else:
                element.click()
            WebDriverWait(d, timeout).until(lambda _: gone(old))
            WebDriverWait(d, timeout).until(lambda d: d.execute_script("return document.readyState") == "complete")

        def gone(element):
            """The element's page has been replaced. Chromium under load sometimes answers "Node with given
            id does not belong to the document" instead of Selenium's stale-element error: the same thing."""
            from selenium.common.exceptions import WebDriverException
            try:
                element.is_enabled()
                return False
            except WebDriverException:
                return True

        def post_form(action, fields):
            """Sends a form the page did not offer (as a page opened earlier, or a hand-made request, would) and waits for the answer."""
            submit(action, fields, script="""
                const f = document.createElement('form'); f.method = 'post'; f.action = arguments[0];
                for (const [k, v] of Object.entries(arguments[1])) { const i = document.createElement('input'); i.type = 'hidden'; i.name = k; i.value = v; f.appendChild(i); }
                document.body.appendChild(f); f.submit();""")

        def airings():
            return d.execute_script(AIRINGS_JS)

        def cell(day, name):
            """A session's cell in the grid (day 0 is Monday): how many airings it shows, its forms (×, ○, +), its text."""
            return d.execute_script("""
                const [col, name] = arguments;
                for (const tr of document.querySelectorAll('table.grid tbody tr')) {
                  const td = tr.children[col], s = td && td.querySelector('strong');
                  if (s && s.textContent === name)
                    return {airings: td.querySelectorAll('.airing').length, forms: td.querySelectorAll('form').length, text: td.innerText};
                }
                return null;""", day, name)

        def remove_button(airing):
            return d.find_element(By.XPATH, f"//table[contains(@class,'grid')]//form[contains(@class,'remove') and not(contains(@class,'pin'))][input[@name='airing' and @value='{airing}']]/button")

        def pin_form(airing):
            return d.find_element(By.XPATH, f"//table[contains(@class,'grid')]//form[contains(@class,'pin')][input[@name='airing' and @value='{airing}']]")

        def plan_forms():
            return d.find_elements(By.CSS_SELECTOR, f"form[action$='/weeks/{WEEK}/plan']")

        def history_rows():
            return d.execute_script("""return Array.from(document.querySelectorAll('#lich-su tbody tr')).map(tr =>
                ({current: tr.classList.contains('current'), cells: Array.from(tr.children).map(td => td.innerText.trim())}));""")

        d.get(base + "/")
        check("/login" in d.current_url and "Đăng nhập" in d.page_source, "with accounts, the first page is the login form")
        shot("dang-nhap")
        log_in("lan", "wrong-password")
        WebDriverWait(d, 30).until(lambda d: "Sai tên đăng nhập" in d.page_source)
        check(True, "a wrong password is refused with a message")
        log_in("lan", "operator-pass")
        WebDriverWait(d, 60).until(lambda d: "Việc cần làm" in d.page_source)
        text = body()
        check("Trần Thị Lan (vận hành)" in text, "the header shows who is logged in")
        check("Đài truyền thanh xã Nam Sách" in text and "Việc cần làm" in text, "overview lists the stations, in Vietnamese")
        check(d.execute_script("return document.documentElement.scrollWidth <= window.innerWidth"), "overview fits 1366 px without sideways scrolling")
        shot("tong-quan")

        d.get(base + "/stations/nam-sach/library")
        box = d.find_element(By.NAME, "q")
        box.send_keys("thong bao tiem")
        box.submit()
        WebDriverWait(d, 30).until(lambda d: "q=" in d.current_url)
        rows = d.find_elements(By.CSS_SELECTOR, "tbody tr")
        check(len(rows) == 1 and "thông báo tiêm chủng.wav" in rows[0].text, "library search without diacritics finds “thông báo tiêm chủng”")
        played = d.execute_script("""
            const a = document.querySelector('audio'); a.muted = true;
            return a.play().then(() => new Promise(r => setTimeout(() => r(a.currentTime > 0 && !a.error), 1500))).catch(e => 'error: ' + e);
        """)
        check(played is True, f"the library's player plays the file (got {played})")
        shot("thu-vien")

        # Upload through the form (as a drop would fill it): a new notice, and a broken file.
        notice = os.path.join(work, "thông báo họp dân.wav")
        subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "sine=f=440:d=3",
                        "-ar", "44100", "-af", "volume=-14dB", notice], check=True)
        broken = os.path.join(work, "hỏng.mp3")
        open(broken, "wb").write(b"ID3" + bytes(500))
        d.get(base + "/stations/nam-sach/library")
        Select(d.find_element(By.NAME, "folder")).select_by_value("thong-bao")
        d.find_element(By.ID, "files").send_keys(notice + "\n" + broken)
        d.find_element(By.CSS_SELECTOR, "#upload button").click()
        WebDriverWait(d, 60).until(lambda d: "thông báo họp dân.wav" in d.page_source)
        text = body()
        check("Đã thêm “thong-bao/thông báo họp dân.wav” (0:03)" in text, "an uploaded file is stored in the chosen folder and measured")
        check("Không nhận tệp “hỏng.mp3”" in text, "a broken upload is refused with the reason")
        check(os.path.exists(os.path.join(root, "Audio", "thong-bao", "thông báo họp dân.wav"))
              and not os.path.exists(os.path.join(root, "Audio", "thong-bao", "hỏng.mp3")), "only the good file is on disk")
        shot("tai-len")

        # Trạm: the station file checked in the page (a wrong key is said with its line), not saved.
        d.get(base + "/stations/nam-sach/station")
        check("Buổi phát" in d.page_source and "Chỉ tiêu" in d.page_source, "the station page shows sessions, rules and items")
        shot("tram")
        area = d.find_element(By.NAME, "text")
        d.execute_script("arguments[0].value = arguments[0].value.replace('repeat_gap:', 'repeat_gapp:')", area)
        d.find_element(By.CSS_SELECTOR, "form.editor button[value=check]").click()
        WebDriverWait(d, 60).until(lambda d: "Khoá không hợp lệ" in d.page_source)
        check("repeat_gapp" in d.find_element(By.CSS_SELECTOR, ".message.bad").text, "a wrong key in the station file is shown with its line, as lichphat check says it")
        ed = d.execute_script("""const ta = document.querySelector('form.editor textarea'), g = document.querySelector('form.editor pre.gutter');
            return {marked: (g.querySelector('b') || {}).textContent || '', lines: g.textContent.split('\\n').length,
                    chosen: ta.value.substring(ta.selectionStart, ta.selectionEnd), want: ta.dataset.errorLine,
                    msg: document.querySelector('.message.bad').textContent};""")
        line_said = re.search(r":(\d+):\d+:", ed["msg"])
        check(ed["lines"] > 10 and ed["marked"] == ed["want"] and line_said and line_said.group(1) == ed["want"] and "repeat_gapp" in ed["chosen"],
              f"the station file's editor numbers its lines, marks the line the error names and selects it (line {ed['want']}, marked {ed['marked']!r}, selected {ed['chosen'][:40]!r})")
        shot("tram-loi")

        # Lập lịch, the form sent twice at once (a double click, a slow network): the first request
        # plans, the second waits for it and is answered with what it did. Never "busy", never "not planned".
        week = WEEK
        folder = os.path.join(root, "Schedules", "nam-sach", week)
        d.get(base + f"/stations/nam-sach/weeks/{week}")
        text = body()
        check("Tuần này chưa lập lịch." in text, "an unplanned week says so")
        check("Tuần đang chạy: lập lịch chỉ thay đổi các buổi chưa bắt đầu." in text, "the running week says planning changes only sessions not yet begun")
        form = plan_forms()[0]
        sent = d.execute_script("return Object.fromEntries(new FormData(arguments[0]))", form)
        check(sent.get("revision") == "none" and sent.get("request", "").endswith("-plan"),
              f"the plan form carries the revision it saw (none) and a request key ({sent.get('revision')!r}, {sent.get('request')!r})")
        submit(form, script="""
            const f = arguments[0];
            // keepalive: this one is sent whole even though the page goes on to the form's answer.
            fetch(f.action, {method: 'POST', body: new URLSearchParams(new FormData(f)), credentials: 'same-origin', keepalive: true, redirect: 'manual'});
            f.submit();""")
        text, message = body(), flash()
        check(f"Đã lập lịch tuần {week}: đạt mọi chỉ tiêu." in message and flash_good()
              and (f"Tuần {week}: bản 1 (lập lịch)." in message or f"Yêu cầu này đã được làm: tuần {week} là bản 1." in message),
              f"the plan form sent twice at once: a success, revision 1 ({message!r})")
        check("đang được ghi ở nơi khác" not in text and "chưa lập lịch" not in text,
              "… never “đang được ghi ở nơi khác”, never “chưa lập lịch”")
        time.sleep(1)          # the other of the two, if it were still on its way
        revs = history_of(folder)
        check(len(revs) == 1 and revs[0]["kind"] == "plan" and revs[0]["request"] == sent["request"] and revs[0]["by"] == "lan",
              f"… and planned once: history.json has one revision, made by that request ({[(r['number'], r['kind']) for r in revs]})")
        # The same form once more, later (Back and send again): answered with what it did, nothing done again.
        post_form(f"/stations/nam-sach/weeks/{week}/plan", sent)
        message = flash()
        check(f"Yêu cầu này đã được làm: tuần {week} là bản 1." in message and flash_good() and len(history_of(folder)) == 1,
              f"the same plan form sent again later is answered with what it did, nothing done twice ({message!r})")
        check("Bản 1 (lập lịch, lan," in body(), "the page shows the revision next to the state (“Bản 1 (lập lịch, lan, …)”)")
        text = body()
        check(f"Đã lập lịch tuần {week}" in text and "Thực hiện chỉ tiêu" in text, "the plan button plans the week and shows the grid and quotas")
        check(len(d.find_elements(By.CSS_SELECTOR, "table.grid tbody td .airing")) > 50, "the grid shows every airing")
        check(d.execute_script("return document.documentElement.scrollWidth <= window.innerWidth"), "the week's grid fits 1366 px without sideways scrolling")
        check(len(d.find_elements(By.CSS_SELECTOR, "section.downloads a")) >= 6, "the week page offers its downloads (playlists zip and every export)")
        shot("lich-tuan")
        written = airing_ids(folder)

        # The session already begun (Monday morning: LICHPHAT_NOW is Monday 10:00) is what was aired:
        # the page offers no ×, ○ or + there, and a hand edit of it sent anyway (a page opened before
        # 06:00, a hand-made request) is refused, 409, saying so, nothing changed.
        monday = datetime.date.fromisocalendar(2026, 50, 1)
        begun = f"{monday}.sang"
        shown = cell(0, "Buổi sáng")
        check(shown is not None and shown["airings"] == len(written[begun]) > 0 and shown["forms"] == 0,
              f"the session already begun ({begun}) shows its {len(written[begun])} airings and offers no × / ○ / + ({shown})")
        fields = d.execute_script("return Object.fromEntries(new FormData(document.querySelector('table.grid form.remove:not(.pin)')))")
        for what, action, extra in [("×", "remove", {"airing": written[begun][0]}), ("+", "add", {"slot": begun, "item": "nhac-dao-ngan"})]:
            post_form(f"/stations/nam-sach/weeks/{week}/{action}",
                      dict({k: v for k, v in fields.items() if k in ("csrf", "revision")}, request=f"{fields['request']}-begun-{action}", **extra))
            text, code = body(), status()
            check(code == 409 and f"Buổi sáng ngày 07/12/2026 đã bắt đầu lúc 06:00: không sửa được điều đã phát" in text
                  and not flash_good() and airing_ids(folder) == written and len(history_of(folder)) == 1,
                  f"a {what} sent anyway on the session already begun is refused: 409, “… đã bắt đầu lúc 06:00: không sửa được điều đã phát”, "
                  f"nothing changed (got {code}: {flash()!r})")
        d.get(base + f"/stations/nam-sach/weeks/{week}")

        # Which airings to edit: fill of sessions to come, neither the first nor the last of their session
        # (the station's opening and closing), nor there for a quota. y and z: Thursday's and Friday's
        # afternoon. x: in a session where, once x is out, the library has something else that fits (a
        # fill item the session lacks), for the + that follows: a planned week is full, and the sessions
        # already begun are not edited, so the room x leaves is the only room there is.
        listed = airings()
        doc = json.load(open(os.path.join(folder, "schedule.json"), encoding="utf-8"))
        clock = datetime.datetime.fromisoformat(os.environ["LICHPHAT_NOW"])
        sessions = {f"{one['date']}.{one['id']}": one for one in doc["sessions"]}
        fills = {a["item"]: a["duration"] for one in doc["sessions"] for a in one["airings"] if a.get("reason", "").startswith("fill")}
        def fill_of(slot):
            ids = written[slot][1:-1]
            return [a for a in listed if a["id"] in ids and not a["notable"]]
        def last_session(day):
            date = str(monday + datetime.timedelta(days=day))
            return [k for k in written if k.startswith(date + ".")][-1]
        def leaves_room(slot, a):
            one = sessions[slot]
            items, own = {b["item"] for b in one["airings"]}, next(b for b in one["airings"] if b["id"] == a["id"])
            return any(i != own["item"] and i not in items and length <= one["unused"] + own["duration"] for i, length in fills.items())
        y, z = fill_of(last_session(3))[0], fill_of(last_session(4))[0]
        roomy = [a for slot in written if slot not in (last_session(3), last_session(4))
                 and datetime.datetime.fromisoformat(sessions[slot]["start"]) > clock for a in fill_of(slot) if leaves_room(slot, a)]
        check(bool(roomy), "a session to come has an airing whose room another item of the library fits (for the + below)")
        x = roomy[0] if roomy else fill_of(last_session(2))[0]
        check(all(a["id"] and a["title"] for a in (x, y, z)) and len({x["id"], y["id"], z["id"]}) == 3,
              f"every airing's × and pin forms name it by its id ({x['id']}, {y['id']}, {z['id']})")

        # A stale tab: the week open in two tabs; × in the first, then × on another airing in the
        # second, which still shows the week before: refused (409, the week changed), nothing removed.
        first = d.current_window_handle
        d.switch_to.new_window("tab")
        d.get(base + f"/stations/nam-sach/weeks/{week}")
        second = d.current_window_handle
        d.switch_to.window(first)
        before = len(airings())
        submit(remove_button(x["id"]))
        message = flash()
        check(change_line("−", x) in message and "Lịch đạt mọi chỉ tiêu (bản 2)." in message and flash_good(),
              f"the × button names what it removed and the revision (“{change_line('−', x)}”; got {message!r})")
        check(len(airings()) == before - 1 and x["id"] not in sum(airing_ids(folder).values(), []),
              "the × button removes that one airing and the week is written again")
        check("Đã bỏ một lượt phát" not in message, "the old message “Đã bỏ một lượt phát” is gone")
        d.switch_to.window(second)
        submit(remove_button(y["id"]))
        text, code = body(), status()
        check(code == 409 and f"Tuần {week} đã thay đổi từ bản đã xem: bây giờ là bản 2" in text and not flash_good(),
              f"a stale tab's × on another airing is refused: 409, “the week changed since the revision seen” (got {code}: {flash()!r})")
        check(y["id"] in sum(airing_ids(folder).values(), []) and len(history_of(folder)) == 2
              and any(a["id"] == y["id"] for a in airings()),
              "… and that airing is still in the week (and in the page the refusal shows), no revision made")
        shot("tab-cu")
        d.close()
        d.switch_to.window(first)

        # Thêm (+): an item by hand (not the one just removed) into the first session that offers one. A
        # planned week is full and a session already begun is not edited, so it is the room x left.
        removed_item = x["id"].split(".")[2].split("~")[0]
        def offers(form):
            return [o for o in Select(form.find_element(By.NAME, "item")).options if o.get_attribute("value") != removed_item]
        every = d.find_elements(By.CSS_SELECTOR, "table.grid form.add")
        adds = [f for f in every if offers(f)]
        check(bool(adds), f"after the ×, a session to come offers a + with another item than the one removed "
                          f"(+ offered in {[f.find_element(By.NAME, 'slot').get_attribute('value') for f in every]})")
        if not adds:
            raise SystemExit("check-web: no + to send, the walk cannot go on")
        slot = adds[0].find_element(By.NAME, "slot").get_attribute("value")
        option = offers(adds[0])[0]
        Select(adds[0].find_element(By.NAME, "item")).select_by_value(option.get_attribute("value"))
        title = option.text.rsplit(" (", 1)[0]
        before, unchanged = len(airings()), airing_ids(folder)[slot]
        submit(adds[0].find_element(By.TAG_NAME, "button"))
        message = flash()
        session = next(a["session"] for a in airings() if a["id"] and a["id"].startswith(slot + "."))
        check(f"+ {slot[8:10]}/{slot[5:7]}/{slot[0:4]} " in message and f"{session}: {title}" in message and "(bản 3)" in message
              and "Đã thêm “" not in message,
              f"the + button names what it added and the revision ({message!r})")
        check(len(airings()) == before + 1, "the + button adds the chosen item by hand")
        check(slot == x["id"].rsplit(".", 1)[0] and datetime.datetime.fromisoformat(sessions[slot]["start"]) > clock,
              f"… into the room the × left, in a session to come ({slot})")
        added = [i for i in airing_ids(folder)[slot] if i not in unchanged]

        # Ghim: the pin form says which way (pinned=1), and the message names the airing.
        form = pin_form(z["id"])
        check(form.find_element(By.NAME, "pinned").get_attribute("value") == "1", "the ○ button posts pinned=1 (and ● pinned=0)")
        submit(form.find_element(By.TAG_NAME, "button"))
        message = flash()
        check(change_line("●", z) in message and "(bản 4)" in message and "Đã ghim" not in message,
              f"the pin button names what it pinned and the revision (“{change_line('●', z)}”; got {message!r})")
        check(pin_form(z["id"]).find_element(By.NAME, "pinned").get_attribute("value") == "0", "a pinned airing's button unpins it (pinned=0)")

        # Lập lại lịch: pins, hand removals and additions kept; the sessions already begun (Monday
        # morning: LICHPHAT_NOW is Monday 10:00) as they were written.
        pinned = airing_ids(folder)
        submit(plan_forms()[0].find_element(By.TAG_NAME, "button"))
        message = flash()
        check(f"Đã lập lịch tuần {week}" in message and re.search(rf"Tuần {week}: (bản 5 \(lập lại lịch\)|không đổi: vẫn là bản 4)", message),
              f"planning again says which revision the week is now ({message!r})")
        on = sorted(a["id"] for a in airings() if a["pinned"])
        pins = json.load(open(os.path.join(folder, "pins.json"), encoding="utf-8"))
        check(on == sorted([z["id"]] + added) and len(pins.get("pins", pins)) == 2,
              f"a pinned airing is kept (and shown pinned) when the week is planned again, as is the one added by hand, kept as a pin ({on})")
        now = airing_ids(folder)
        check(x["id"] not in now[x["id"].rsplit(".", 1)[0]] and all(i in now[slot] for i in added),
              "the airing removed by hand stays out, the one added by hand stays in")
        check(now[begun] == pinned[begun] == written[begun],
              f"planning the running week again leaves the session already begun ({begun}) as written, its opening and closing once "
              f"(was {pinned[begun]}, now {now[begun]})")
        shown = cell(0, "Buổi sáng")
        check(shown is not None and shown["airings"] == len(written[begun]) and shown["forms"] == 0,
              f"… and the page shows it so, still with no × / ○ / + ({shown})")
        check("Chỉ lãnh đạo duyệt lịch" in d.page_source and not d.find_elements(By.CSS_SELECTOR, f"form[action$='/weeks/{week}/approve']"),
              "an operator is offered no approve button")
        pdf = d.execute_cdp_cmd("Page.printToPDF", {"paperWidth": 11.69, "paperHeight": 8.27, "printBackground": False})
        with open(os.path.join(shots, "lich-tuan.pdf"), "wb") as f:
            f.write(base64.b64decode(pdf["data"]))
        check(len(pdf["data"]) > 1000, "the week prints on A4 (landscape)")
        d.find_element(By.CSS_SELECTOR, "form.user button").click()
        WebDriverWait(d, 30).until(lambda d: "/login" in d.current_url)

        # Duyệt: the leader sees what changed since the first revision, and approves the one seen.
        d.get(base + f"/stations/nam-sach/weeks/{week}")
        log_in("an", "leader-pass-1")
        WebDriverWait(d, 60).until(lambda d: f"/weeks/{week}" in d.current_url and "Thực hiện chỉ tiêu" in d.page_source)
        check(not d.find_elements(By.NAME, "by"), "the leader is not asked to type a name")
        n = history_of(folder)[-1]["number"]
        button = d.find_element(By.CSS_SELECTOR, f"form[action$='/weeks/{week}/approve'] button")
        check(button.text == f"Duyệt lịch bản {n} (Nguyễn Văn An)", f"the approve button names the revision and the leader ({button.text!r})")
        since = d.find_elements(By.CSS_SELECTOR, ".card.since")
        check(bool(since) and f"Thay đổi từ bản 1 đến bản {n}:" in since[0].text and change_line("−", x) in since[0].text,
              f"before approving, the page lists the changes from revision 1 ({since[0].text[:160] if since else None!r})")
        agree, why = changes_agree(since[0].text if since else "", folder, 1, n)
        check(agree, f"… each airing added or removed in a line, those only moved counted in one line “→ N lượt phát dời giờ” ({why})")
        shot("duyet")
        # Approving through the API without naming the revision (no If-Match, no "revision") is 428, said as such, nothing approved.
        request = urllib.request.Request(f"{base}/api/stations/nam-sach/weeks/{week}/approve", method="POST", data=b"{}",
                                         headers={"Content-Type": "application/json", "Authorization": "Basic " + base64.b64encode(b"an:leader-pass-1").decode()})
        try:
            with urllib.request.urlopen(request, timeout=60) as r:
                code, answer = r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            code, answer = e.code, e.read().decode()
        error = json.loads(answer).get("error", {}) if answer.startswith("{") else {}
        check(code == 428 and error.get("code") == "revision-required" and "If-Match" in error.get("message", "")
              and not os.path.exists(os.path.join(folder, "approval.json")),
              f"approving through the API without naming the revision is 428 “revision-required”, nothing approved ({code}: {answer[:160]!r})")
        submit(button)
        message, text = flash(), body()
        check(re.search(rf"Đã ghi nhận: Nguyễn Văn An duyệt bản {n} của lịch lúc \d\d:\d\d", message) is not None,
              f"the approve form records the approver and the revision ({message!r})")
        check("Nguyễn Văn An" in text and "đã duyệt" in text, "the week shows it approved, by whom")
        check(not plan_forms() and not {"Lập lịch", "Lập lại lịch"} & {b.text for b in d.find_elements(By.TAG_NAME, "button")},
              "an approved week has no plan button")
        approval_file = os.path.join(folder, "approval.json")
        approval = json.load(open(approval_file, encoding="utf-8"))
        approved_bytes = open(approval_file, "rb").read()
        check(approval["by"] == "Nguyễn Văn An" and approval.get("revision") == n, "approval.json written by the web app, as the CLI writes it, naming the revision")
        check(subprocess.run([lichphat, "plan", os.path.join(root, "Schedules", "nam-sach.yaml"), "--week", week, "--no-cache"],
                             capture_output=True).returncode == 4, "the CLI then refuses to re-plan the approved week (exit 4)")
        got = d.execute_async_script("""
            const done = arguments[arguments.length - 1], url = arguments[0];
            fetch(url).then(r => r.json().then(week => {
              const etag = r.headers.get('ETag');
              return fetch(url + '/plan', {method: 'POST', headers: {'If-Match': etag}})
                .then(p => p.text().then(t => done({etag: etag, revision: week.revision, status: p.status, text: t})));
            })).catch(e => done({error: '' + e}));
        """, f"/api/stations/nam-sach/weeks/{week}")
        revision = got.get("revision") or {}
        check(revision.get("number") == n and got.get("etag") == f'"{revision.get("hash")}"' == f'"{history_of(folder)[-1]["hash"]}"',
              f"the API gives the week's revision and its ETag ({got.get('etag')}, {revision})")
        check(got.get("status") == 409 and "không lập lại cả tuần" in got.get("text", ""),
              f"… and refuses to plan it again, on the revision it names (409: {got.get('text', got)[:120]!r})")
        lists = sorted(f for f in os.listdir(folder) if f.endswith(".m3u8"))
        got = d.execute_async_script("""
            const done = arguments[arguments.length - 1];
            fetch(arguments[0]).then(r => r.text().then(t => done(r.status + ' ' + t))).catch(e => done('error ' + e));
        """, f"/api/stations/nam-sach/weeks/{week}/files/{lists[0]}")
        check(got.startswith("200 #EXTM3U"), f"a playlist downloads through the logged-in session ({lists[0]}: {got[:30]!r})")
        # The report: upload a play log (kept, chosen), read the verdict and the printable report.
        d.get(base + "/reports")
        log = os.path.join(root, "Schedules", "nam-sach", "nhat-ky-phat-2026-11.csv")
        upload = os.path.join(work, "nhật ký tháng 11.csv")
        shutil.copy(log, upload)
        Select(d.find_element(By.CSS_SELECTOR, "form[action='/reports/logs'] select[name=station]")).select_by_value("nam-sach")
        d.find_element(By.CSS_SELECTOR, "form[action='/reports/logs'] input[type=file]").send_keys(upload)
        d.find_element(By.CSS_SELECTOR, "form[action='/reports/logs'] button").click()
        WebDriverWait(d, 60).until(lambda d: "Đã lưu nhật ký phát" in d.page_source)
        check(os.path.exists(os.path.join(root, "Schedules", "nam-sach", "nhật ký tháng 11.csv")), "an uploaded play log is kept beside the station's weeks")
        box = d.find_element(By.NAME, "period")
        box.clear()
        box.send_keys("2026-11")
        d.find_element(By.CSS_SELECTOR, "form.report button").click()
        WebDriverWait(d, 120).until(lambda d: "Kết luận" in d.page_source)
        text = body()
        check("theo nhật ký phát thực tế" in text and "Đài truyền thanh xã Nam Sách ĐẠT" in text, "the report page audits from the uploaded play log and gives the verdict")
        # The printable report in its frame (same origin; contentDocument is null when the browser refused to show it there).
        framed = "const f = document.querySelector('iframe.report'), c = f && f.contentDocument; "
        try:
            WebDriverWait(d, 60).until(lambda d: d.execute_script(framed + "return !!(c && c.body && c.body.innerText.length > 100)"))
        except Exception:
            pass
        svgs = d.execute_script(framed + "return c && c.body ? c.querySelectorAll('svg').length : null")
        refusal = d.execute_async_script("""
            const done = arguments[arguments.length - 1];
            fetch(document.querySelector('iframe.report').src).then(r => done(r.headers.get('X-Frame-Options') + ' / ' + r.headers.get('Content-Security-Policy')))
              .catch(e => done('' + e));""")
        check(bool(svgs), f"the printable report with its chart is shown in the page (its frame holds {svgs} svg; the report's framing headers: {refusal})")
        shot("bao-cao")

        # Sửa lịch: the leader adds an NQ57 programme (its rule allows two a week, one is planned) to the
        # approved week from now on: revision n+1, to approve again, revision n kept with its approval.
        d.get(base + f"/stations/nam-sach/weeks/{week}")
        d.find_element(By.CSS_SELECTOR, "details.amend summary").click()
        options = d.find_elements(By.CSS_SELECTOR, "form[action$='/amend'] select[name=item] option")
        pick = next(o.get_attribute("value") for o in options if o.text.startswith("Khoa học công nghệ"))
        Select(d.find_element(By.CSS_SELECTOR, "form[action$='/amend'] select[name=item]")).select_by_value(pick)
        d.find_element(By.CSS_SELECTOR, "form[action$='/amend'] input[name=times]").send_keys("1")
        shot("sua-lich")
        submit(d.find_element(By.CSS_SELECTOR, "form[action$='/amend'] button"))
        text = body()
        check(f"Đã sửa tuần {week} thành lần {n + 1}" in text and "cần được duyệt lại" in text,
              f"the amend form makes revision {n + 1} and says it needs approving again ({flash()[:300]!r})")
        doc = json.load(open(os.path.join(folder, "schedule.json"), encoding="utf-8"))
        kept = os.path.join(folder, "revisions", str(n), "approval.json")
        check(doc.get("revision") == n + 1 and os.path.exists(kept) and open(kept, "rb").read() == approved_bytes,
              f"schedule.json is revision {n + 1}, revision {n} kept with its approval.json byte for byte")
        buttons = d.find_elements(By.CSS_SELECTOR, f"form[action$='/weeks/{week}/approve'] button")
        check(bool(buttons) and buttons[0].text == f"Duyệt lịch bản {n + 1} (Nguyễn Văn An)",
              f"the amended week is offered for approval again, as “bản {n + 1}” ({buttons[0].text if buttons else None!r})")
        since = d.find_elements(By.CSS_SELECTOR, ".card.since")
        check(bool(since) and f"Thay đổi từ bản {n} (đã duyệt) đến bản {n + 1}:" in since[0].text
              and re.search(r"^\+ \d\d/12/2026 \d\d:\d\d Buổi chiều: Khoa học công nghệ", since[0].text, re.M) is not None,
              f"… with the changes since the approved revision ({since[0].text[:200] if since else None!r})")
        agree, why = changes_agree(since[0].text if since else "", folder, n, n + 1)
        check(agree, f"… said as the files differ, the airings only moved in one line ({why})")
        check(not plan_forms() and not {"Lập lịch", "Lập lại lịch"} & {b.text for b in d.find_elements(By.TAG_NAME, "button")},
              "… and no plan button")
        edits = len(d.find_elements(By.CSS_SELECTOR, "table.grid form.remove, table.grid form.add"))
        check(edits == 0, f"… nor × / ○ / + on its airings, which the week, once approved, refuses (409): it changes by amendment only ({edits} such forms)")
        check(f"Bản {n + 1} (thêm thông báo, an," in text, f"the page shows “Bản {n + 1} (thêm thông báo, an, …)” next to the state")
        # Lịch sử: every revision, newest first, with what was done, by whom, the approval and the changes.
        rows = history_rows()
        expected = [str(k) for k in range(n + 1, 0, -1)]
        numbers = [r["cells"][0].replace("★", "").strip() for r in rows]
        check(numbers == expected and rows[0]["current"] and sum(r["current"] for r in rows) == 1,
              f"the history section (#lich-su) lists every revision, newest first, the current one marked ({numbers})")
        by_number = {r["cells"][0].replace("★", "").strip(): r["cells"] for r in rows}
        kinds = [by_number[str(k)][1] for k in range(1, n + 2)]
        check(kinds[:4] == ["lập lịch", "sửa tay", "sửa tay", "ghim"] and kinds[-1] == "thêm thông báo"
              and all(by_number[str(k)][2] == "lan" for k in range(1, n + 1)) and by_number[str(n + 1)][2] == "an",
              f"… each with what was done and who did it ({[(k, by_number[str(k)][1], by_number[str(k)][2]) for k in range(1, n + 2)]})")
        check(by_number[str(n)][4].startswith("Nguyễn Văn An, ") and all(not by_number[str(k)][4] for k in range(1, n + 2) if k != n),
              f"… the approval on revision {n} alone ({by_number[str(n)][4]!r})")
        check(change_line("−", x) in by_number["2"][5] and change_line("●", z) in by_number["4"][5]
              and "Khoa học công nghệ" in by_number[str(n + 1)][5],
              "… and what each changed (the removal in 2, the pin in 4, the notice in the last)")
        said = {k: changes_agree(by_number[str(k)][5], folder, k - 1, k) for k in range(2, n + 2)}
        check(all(ok for ok, _ in said.values()) and any("lượt phát dời giờ" in by_number[str(k)][5] for k in said),
              f"… each row as the files differ from the revision before, the airings only moved in one line “→ N lượt phát dời giờ” "
              f"({'; '.join(f'{k}: {why}' for k, (ok, why) in said.items())})")
        shot("da-sua-lich")
        d.execute_script("document.getElementById('lich-su').scrollIntoView()")
        d.find_element(By.ID, "lich-su").screenshot(os.path.join(shots, "lich-su-1366.png"))
        wide = d.execute_script("""const s = document.getElementById('lich-su');
            return {head: getComputedStyle(s.querySelector('thead')).display, right: Math.ceil(s.getBoundingClientRect().right), viewport: window.innerWidth};""")
        check(wide["head"] != "none" and wide["right"] <= wide["viewport"], f"at 1366 px the history is a table with its head ({wide})")
        phone = phone_shot("da-sua-lich-390")
        print(f"       (at 390 px: the page is {phone['page']} px wide — the grid — so the layout viewport is {phone['viewport']} px; the history section "
              f"{phone['left']}–{phone['right']} px, its table {phone['table']} px, its content {phone['inner']} px in {phone['section']} px)")
        check(0 <= phone["left"] and phone["right"] <= phone["device"] and phone["inner"] <= phone["section"] and phone["table"] <= phone["section"] + 1,
              f"the history section fits a 390 px phone: within the screen's 390 px, nothing in it wider than it (section {phone['left']}–{phone['right']} px, "
              f"content {phone['inner']} px in {phone['section']}, table {phone['table']} px)")
        check(phone["head"] == "none" and len(phone["lefts"]) == 1 and phone["cells"] >= 4,
              f"… its rows stacked there, a cell a line, no column heads (head {phone['head']}, {phone['cells']} cells of the first row at x = {phone['lefts']})")

        # Xuất tệp: the amended week rendered for the platforms from the page, in the background.
        t0 = time.time()
        Select(d.find_element(By.CSS_SELECTOR, "form[action$='/render'] select[name=format]")).select_by_value("wav")
        d.find_element(By.CSS_SELECTOR, "form[action$='/render'] button").click()
        WebDriverWait(d, 30).until(lambda d: "Đang xuất tệp cho nền tảng loa" in d.page_source or "Đã xuất tuần" in d.page_source)
        shot("dang-xuat")
        WebDriverWait(d, 600).until(lambda d: "Đã xuất tuần" in d.page_source or "message bad" in d.page_source)
        text = body()
        rendered = os.listdir(os.path.join(folder, "render"))
        check(f"Đã xuất tuần {week}" in text and "platform.json" in rendered and sum(f.endswith(".wav") for f in rendered) >= 12,
              f"the render button renders the week in the background and says so ({time.time() - t0:.0f} s, {len(rendered)} files)")
        shot("da-xuat")
        # The kit, downloaded as one zip with the browser's own session: exactly the kit's files, the audio byte for byte.
        kit_links = d.find_elements(By.CSS_SELECTOR, "a[href$='/kit.zip']")
        kit_audio = d.find_elements(By.CSS_SELECTOR, "table.kit audio[controls]")
        zipped = None
        if kit_links:
            import io, zipfile
            jar = "; ".join(f"{c['name']}={c['value']}" for c in d.get_cookies())
            req = urllib.request.Request(kit_links[0].get_attribute("href"), headers={"Cookie": jar})
            with urllib.request.urlopen(req, timeout=300) as r:
                zipped = zipfile.ZipFile(io.BytesIO(r.read()))
        names = sorted(zipped.namelist()) if zipped else []
        kit_files = sorted(f for f in rendered if not f.startswith("."))
        wav = next((f for f in kit_files if f.endswith(".wav")), None)
        check(bool(kit_links) and len(kit_audio) == sum(f.endswith(".wav") for f in rendered) and names == kit_files
              and wav is not None and zipped.read(wav) == open(os.path.join(folder, "render", wav), "rb").read(),
              f"the kit lists every session file with a player, and downloads as one zip holding exactly the kit ({len(kit_audio)} players, {len(names)} files in the zip)")

        # The week without YAML: the notice uploaded above is made an item from the library in one step,
        # a refusal is shown at its field, and the saved item is planned into next week.
        d.get(base + "/stations/nam-sach/library")
        offered = [m.get_attribute("href") or "" for m in d.find_elements(By.CSS_SELECTOR, "a.make-item")]
        check(all("/station/new/items?file=" in h for h in offered), f"every “Tạo mục phát” leads to a filled form ({len(offered)} offered)")
        makers = [m for m in d.find_elements(By.CSS_SELECTOR, "a.make-item") if "th%C3%B4ng%20b%C3%A1o%20h%E1%BB%8Dp%20d%C3%A2n" in (m.get_attribute("href") or "")]
        aired = ["nhac%2Dhieu%2F", "ket%2Dthuc%2F", "tin%2Dtuc%2F", "nq57%2F", "nhac%2F", "chuyen%2Ddoi%2Dso%2F", "ti%C3%AAm", "c%E1%BA%AFt"]
        check(len(makers) == 1 and not [h for h in offered if any(a in h for a in aired)],
              f"the library offers “Tạo mục phát” for the notice uploaded (thông báo họp dân), never for a file an item or folder airs ({len(offered)} offered)")
        if makers:
            submit(makers[0])
            value = lambda name: d.find_element(By.NAME, name).get_attribute("value")
            check(value("id") == "thong-bao-hop-dan" and value("title") == "Thông báo họp dân" and value("tags") == "thong-bao"
                  and value("from") == "2026-12-07" and value("until") == "2026-12-13" and value("per_week.min") == "3",
                  f"… its form comes filled: id, title from the name, tag thong-bao, this week, 3 a week ({value('id')}, {value('until')})")
            shot("muc-moi")
            # Until next Sunday, at most 2 a week: below the minimum, refused at that field.
            d.execute_script("document.querySelector('input[name=until]').value = '2026-12-20'")
            d.find_element(By.NAME, "per_week.max").send_keys("2")
            submit(d.find_element(By.CSS_SELECTOR, "form.entry button[type=submit]"))
            invalid = d.find_elements(By.CSS_SELECTOR, ".field.invalid")
            focused = d.execute_script("return document.activeElement && document.activeElement.name")
            check([e.get_attribute("data-field") for e in invalid] == ["per_week.max"] and focused == "per_week.max"
                  and "nhỏ hơn tối thiểu" in body() and value("until") == "2026-12-20",
                  f"… a maximum below the minimum is refused at its field, focused, what was typed kept (invalid {[e.get_attribute('data-field') for e in invalid]}, focus {focused})")
            shot("muc-loi")
            d.find_element(By.NAME, "per_week.max").clear()
            submit(d.find_element(By.CSS_SELECTOR, "form.entry button[type=submit]"))
            yaml_text = open(os.path.join(root, "Schedules", "nam-sach.yaml"), encoding="utf-8").read()
            check("Đã lưu vào tệp trạm" in body() and "id: thong-bao-hop-dan" in yaml_text and "until: 2026-12-20" in yaml_text
                  and "# Đài truyền thanh xã Nam Sách" in yaml_text,
                  "… saved: written into the station file, its comments kept")
            d.get(base + "/stations/nam-sach/station")
            check(bool(d.find_elements(By.CSS_SELECTOR, "a[href='/stations/nam-sach/station/items/thong-bao-hop-dan']")),
                  "… and the station page lists it, a link to its form")

        # Bản tin: the red emergency form is not sent without its confirmation; with it, the bulletin is
        # recorded as the operator's and listed; the screenshot kept.
        d.get(base + "/stations/nam-sach/bulletins")
        red = d.find_elements(By.CSS_SELECTOR, "form.emergency")
        check(bool(red) and "Phát khẩn cấp" in body(), "the Bản tin page has the red emergency form")
        bulletins_dir = os.path.join(root, "Schedules", "nam-sach", "ban-tin")
        if red:
            red[0].find_element(By.NAME, "text").send_keys("Lũ trên sông Thái Bình lúc 17 giờ, bà con không ra bãi sông.")
            red[0].find_element(By.CSS_SELECTOR, "button.danger").click()
            time.sleep(0.5)
            check(not os.path.isdir(bulletins_dir) or not [n for n in os.listdir(bulletins_dir) if n.endswith(".json")],
                  "the emergency form without its confirmation ticked is not sent (the browser asks for it)")
            red = d.find_elements(By.CSS_SELECTOR, "form.emergency")
            red[0].find_element(By.NAME, "confirm").click()
            submit(red[0].find_element(By.CSS_SELECTOR, "button.danger"))
            WebDriverWait(d, 60).until(lambda d: "Đã nhận bản tin" in d.page_source or "message bad" in d.page_source)
            sent = [json.load(open(os.path.join(bulletins_dir, n), encoding="utf-8")) for n in os.listdir(bulletins_dir) if n.endswith(".json")] if os.path.isdir(bulletins_dir) else []
            check(len(sent) == 1 and sent[0]["level"] == "emergency" and sent[0]["by"] in [a[0] for a in ACCOUNTS] and "Đã nhận bản tin" in body(),
                  f"with the confirmation the emergency bulletin is recorded as the signed-in account's and said so ({[(b['level'], b['by']) for b in sent]})")
            check(bool(d.find_elements(By.CSS_SELECTOR, "table.cards tr[id^='bt-']")), "… and it is in the list of bulletins")
            shot("ban-tin")

        # Every page on a phone (390 × 844, the page's viewport applied): nothing scrolls sideways; the
        # week one day at a time with a day picker; × ○ + at least 44 px; the screenshots kept.
        nxt = "2026-W51"
        d.get(base + f"/stations/nam-sach/weeks/{nxt}")
        if plan_forms_for(nxt):
            submit(plan_forms_for(nxt)[0].find_element(By.CSS_SELECTOR, "button[type=submit]"))
            WebDriverWait(d, 120).until(lambda d: "Đã lập lịch tuần" in d.page_source or "message bad" in d.page_source)
        pages = [("/", "tong-quan"), ("/stations/nam-sach/library", "thu-vien"), (f"/stations/nam-sach/weeks/{week}", "lich-tuan"),
                 (f"/stations/nam-sach/weeks/{nxt}", "lich-tuan-nhap"), ("/stations/nam-sach/station", "tram"), ("/reports", "bao-cao"),
                 ("/stations/nam-sach/station/items/thong-bao-hop-dan", "muc"), ("/stations/nam-sach/station/new/sessions", "buoi-moi"),
                 ("/stations/nam-sach/bulletins", "ban-tin")]
        phone = {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True}
        d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", phone)
        try:
            for path, name in pages:
                d.get(base + path)
                WebDriverWait(d, 60).until(lambda d: d.execute_script("return document.readyState") == "complete")
                wide = d.execute_script("""
                    const w = window.innerWidth;
                    const over = [...document.querySelectorAll('body *')].filter(e => { const r = e.getBoundingClientRect();
                        return r.width > 0 && r.right > w + 1 && getComputedStyle(e).position !== 'fixed'; })
                        .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : '') + ' ' + Math.round(e.getBoundingClientRect().right));
                    return {page: document.documentElement.scrollWidth, viewport: w, over: over};""")
                check(wide["page"] <= wide["viewport"] and not wide["over"],
                      f"{path} on a 390 px phone scrolls no sideways (page {wide['page']} px in {wide['viewport']}; wider: {wide['over']})")
                d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", dict(phone, height=min(6000, d.execute_script("return document.documentElement.scrollHeight"))))
                d.save_screenshot(os.path.join(shots, f"phone-{name}.png"))
                d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", phone)
            # The draft week: one day shown, a tap on another day shows that one; targets at least 44 px.
            d.get(base + f"/stations/nam-sach/weeks/{nxt}")
            WebDriverWait(d, 60).until(lambda d: d.execute_script("return document.readyState") == "complete")
            def shown_days():
                return d.execute_script("""return [...new Set([...document.querySelectorAll('table.grid td')]
                    .filter(td => getComputedStyle(td).display !== 'none').map(td => td.dataset.day))];""")
            first = shown_days()
            buttons = d.find_elements(By.CSS_SELECTOR, "nav.daypicker button")
            if len(buttons) == 7:
                buttons[3].click()
                time.sleep(0.3)
            later = shown_days()
            sizes = d.execute_script("""return [...document.querySelectorAll('table.grid td[data-day="3"] form.remove button, nav.daypicker button')]
                .map(b => { const r = b.getBoundingClientRect(); return Math.min(r.width, r.height); });""")
            check(len(buttons) == 7 and len(first) == 1 and later == ["3"] and sizes and min(sizes) >= 44,
                  f"the week on a phone is one day at a time: a day picker of 7, one day shown ({first}), a tap shows Thursday ({later}); × ○ and the days at least 44 px (smallest {min(sizes) if sizes else None})")
            d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", dict(phone, height=min(6000, d.execute_script("return document.documentElement.scrollHeight"))))
            d.save_screenshot(os.path.join(shots, "phone-lich-tuan-thu-5.png"))
            airs = [a for se in json.load(open(os.path.join(root, "Schedules", "nam-sach", nxt, "schedule.json"), encoding="utf-8"))["sessions"]
                    for a in se["airings"] if a.get("item") == "thong-bao-hop-dan"]
            check(len(airs) >= 3, f"the item made in the forms is planned into {nxt}: {len(airs)} airings (at least 3)")
        finally:
            d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
            d.set_window_size(1366, 768)

        # A past week: planned only after the fact, the box ticked.
        past = os.path.join(root, "Schedules", "nam-sach", PAST_WEEK)
        d.get(base + f"/stations/nam-sach/weeks/{PAST_WEEK}")
        boxes = d.find_elements(By.CSS_SELECTOR, f"form[action$='/weeks/{PAST_WEEK}/plan'] input[type=checkbox][name=past]")
        check(bool(boxes) and boxes[0].get_attribute("required") is not None and "Tuần đã qua: lập lịch sau khi đã phát" in body(),
              "a past week's plan form has the box “Tuần đã qua: lập lịch sau khi đã phát”, required")
        if boxes:
            d.find_element(By.CSS_SELECTOR, f"form[action$='/weeks/{PAST_WEEK}/plan'] button").click()
            time.sleep(1)
            check(f"/weeks/{PAST_WEEK}" in d.current_url and not history_of(past) and not d.execute_script("return arguments[0].validity.valid", boxes[0]),
                  "… without it ticked the browser does not send the form, nothing is planned")
            boxes[0].click()
            submit(d.find_element(By.CSS_SELECTOR, f"form[action$='/weeks/{PAST_WEEK}/plan'] button"))
            message = flash()
            revs = history_of(past)
            check(f"Đã lập lịch tuần {PAST_WEEK}" in message and "lập sau khi tuần đã qua" in message
                  and len(revs) == 1 and revs[0].get("afterTheFact") is True,
                  f"… ticked, the week is planned, recorded as after the fact ({message!r})")
        # One server, several communes: each account sees its own; the city office sees every one.
        def relog(name, password):
            d.get(base + "/")
            d.find_element(By.CSS_SELECTOR, "form.user button").click()
            WebDriverWait(d, 30).until(lambda d: "/login" in d.current_url)
            log_in(name, password)
            WebDriverWait(d, 60).until(lambda d: "/login" not in d.current_url)
        relog("ld-nq", "ld-nq-pass-1")
        text = body()
        check("Đài truyền thanh phường Ngô Quyền" in text and "Nam Sách" not in text and "Hải Dương" not in text and "Toàn thành phố" not in text,
              "a leader of Ngô Quyền sees only Ngô Quyền (and no city page)")
        d.get(base + f"/stations/nam-sach/weeks/{week}")
        check("Không tìm thấy" in body() and "Nam Sách" not in body(), "… another commune's week is, to her, not there (404)")
        relog("so-vhtt", "city-pass-12")
        d.get(base + "/city")
        rows = d.find_elements(By.CSS_SELECTOR, "table.city tbody tr")
        red = d.find_elements(By.CSS_SELECTOR, "table.city tbody tr.urgent")
        check(len(rows) == 3 and "Sở VHTT Hải Phòng (văn phòng thành phố)" in body()
              and all(r.get_attribute("data-station") for r in rows) and rows[:len(red)] == red,
              f"the city office's dashboard: one row per commune ({len(rows)}), those with nothing approved airing first ({len(red)} red)")
        shot("toan-thanh-pho")
        d.get(base + "/city?filter=chua-dat")
        check(len(d.find_elements(By.CSS_SELECTOR, "table.city tbody tr")) <= 3 and "Chưa đạt" in body(), "… filtered to the communes that missed a quota")
        d.get(base + "/?lang=en")
        check("Overview" in body(), "the English switch")
        d.get(base + "/stations/nam-sach/library")
        check("Audio library" in body(), "the language choice is kept on the next page")
        # The refused upload and the station file with a wrong key answer 422, the wrong password 401, the
        # stale tab's ×, the edits of the begun session and the API's plan of the approved week 409, on purpose;
        # anything else in the console is a fault.
        errors = [e for e in d.get_log("browser") if e["level"] == "SEVERE" and "favicon" not in e["message"]
                  and not ("/library/upload" in e["message"] and "422" in e["message"])
                  and not ("/login " in e["message"] and "401" in e["message"])
                  and not ("/station " in e["message"] and "422" in e["message"])
                  and not ("/station/items " in e["message"] and "422" in e["message"])
                  and not (f"/stations/nam-sach/weeks/{week} " in e["message"] and "404" in e["message"])
                  and not (re.search(rf"/weeks/{week}/(remove|add) ", e["message"]) and "409" in e["message"])
                  and not (f"/api/stations/nam-sach/weeks/{week}/plan " in e["message"] and "409" in e["message"])]
        check(not errors, f"no error in the browser's console {errors[:3]}")
    finally:
        d.quit()
        stop(proc)

def firefox_checks():
    """The same pages in Firefox (Debian's firefox-esr, driven over Marionette: no driver download)."""
    try:
        from marionette_driver.marionette import Marionette
        from marionette_driver.by import By
        from marionette_driver import Wait
    except ImportError:
        check(False, "marionette_driver is installed (pip install marionette_driver)")
        return
    firefox = shutil.which("firefox-esr") or shutil.which("firefox")
    if not firefox:
        check(False, "firefox-esr is installed")
        return
    root = copy_example("firefox")
    add_accounts(root)
    proc, base = serve(root)
    shots = os.path.join(work, "shots")
    os.makedirs(shots, exist_ok=True)
    profile = os.path.join(work, "firefox-profile")
    shutil.rmtree(profile, ignore_errors=True)
    os.makedirs(profile)
    port = free_port()
    with open(os.path.join(profile, "user.js"), "w") as f:
        f.write(f'user_pref("marionette.port", {port});\n')
    fx = subprocess.Popen([firefox, "--headless", "--marionette", "--no-remote", "--profile", profile, "--width", "1366", "--height", "768"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        m = Marionette(host="127.0.0.1", port=port, startup_timeout=60)
        m.start_session()
        m.navigate(base + "/")
        check("/login" in m.get_url(), "Firefox: the login form comes first")
        m.find_element(By.NAME, "name").send_keys("an")
        m.find_element(By.NAME, "password").send_keys("leader-pass-1")
        m.find_element(By.CSS_SELECTOR, "form.login button").click()
        Wait(m, timeout=60).until(lambda m: "Việc cần làm" in m.page_source)
        for path, name, words in [("/", "tong-quan", "Việc cần làm"), ("/stations/nam-sach/library", "thu-vien", "Thư viện âm thanh"),
                                  ("/stations/nam-sach/weeks/2026-W48", "lich-tuan", "Thực hiện chỉ tiêu"),
                                  ("/stations/nam-sach/station", "tram", "Sửa tệp trạm"), ("/reports?period=2026-11", "bao-cao", "Kết luận")]:
            m.navigate(base + path)
            Wait(m, timeout=120).until(lambda m: words in m.page_source)
            fits = m.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
            check(fits, f"Firefox: {path} shows “{words}” and fits 1366 px")
            with open(os.path.join(shots, f"firefox-{name}.png"), "wb") as f:
                f.write(m.screenshot(format="binary", full=True))
        # The week's revision beside its state, and its history (the shipped week: one revision, planned).
        m.navigate(base + "/stations/nam-sach/weeks/2026-W48")
        Wait(m, timeout=60).until(lambda m: "Lịch sử" in m.page_source)
        rows = m.find_elements(By.CSS_SELECTOR, "#lich-su tbody tr")
        check(len(rows) == 1 and rows[0].text.startswith("1 ★ lập lịch") and "Bản 1 (lập lịch" in m.find_element(By.CSS_SELECTOR, "span.revision").text,
              f"Firefox: the week shows “Bản 1 (…)” and its history ({[r.text for r in rows]})")
        m.delete_session()
    finally:
        fx.terminate()
        try:
            fx.wait(timeout=20)
        except subprocess.TimeoutExpired:
            fx.kill()
        stop(proc)

def schemathesis_config(root):
    """schemathesis.toml: station, week, airing and file names drawn (often, not always) from the real
    ones, so that the calls reach a week (its history, its airings by id, If-Match) rather than 404."""
    schedules = os.path.join(root, "Schedules")
    stations = sorted(f[:-5] for f in os.listdir(schedules) if f.endswith(".yaml"))
    weeks = sorted({w for s in stations if os.path.isdir(os.path.join(schedules, s))
                    for w in os.listdir(os.path.join(schedules, s)) if re.fullmatch(r"\d{4}-W\d\d", w)} | {"2026-W50", "2026-W52"})
    airings, names = {}, set()
    for week in ["2026-W48", "2026-W51"]:          # approved as shipped; a draft planned here
        folder = os.path.join(schedules, "nam-sach", week)
        ids = [a["id"] for s in json.load(open(os.path.join(folder, "schedule.json"), encoding="utf-8"))["sessions"] for a in s["airings"]]
        airings[week] = ids[::5]
        names |= {f for f in os.listdir(folder) if os.path.isfile(os.path.join(folder, f)) and not f.startswith(".")}
    def values(xs):
        return "[" + ", ".join(json.dumps(x, ensure_ascii=False) for x in xs) + "]"
    path = os.path.join(work, "schemathesis.toml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"""[dictionaries.stations]\nvalues = {values(stations)}\n[dictionaries.weeks]\nvalues = {values(weeks)}\n"""
                f"""[dictionaries.airings]\nvalues = {values(airings["2026-W48"] + airings["2026-W51"])}\n"""
                f"""[dictionaries.names]\nvalues = {values(sorted(names))}\n"""
                f"""[dictionaries.draft]\nvalues = ["nam-sach"]\n[dictionaries.draft-week]\nvalues = ["2026-W51"]\n"""
                f"""[dictionaries.draft-airings]\nvalues = {values(airings["2026-W51"])}\n"""
                """[parameters]\n"path.station" = { dictionary = "stations", probability = 0.7 }\n"""
                """"path.week" = { dictionary = "weeks", probability = 0.7 }\n"""
                """"path.airing" = { dictionary = "airings", probability = 0.7 }\n"""
                """"path.name" = { dictionary = "names", probability = 0.7 }\n"""
                # The calls that change a draft: mostly on the draft, its airings by id.
                """[[operations]]\ninclude-path-regex = "/(airings/|approve$|amend$)"\n"""
                """parameters = { "path.station" = { dictionary = "draft", probability = 0.8 }, "path.week" = { dictionary = "draft-week", probability = 0.8 }, """
                """"path.airing" = { dictionary = "draft-airings", probability = 0.8 } }\n""")
    return path

def schemathesis_checks():
    root = copy_example("api")
    add_accounts(root)
    # A draft week to edit by airing id (the shipped ones are approved).
    subprocess.run([lichphat, "plan", os.path.join(root, "Schedules", "nam-sach.yaml"), "--week", "2026-W51",
                    "--cache", os.path.join(root, "catalog.sqlite")], check=True, capture_output=True)
    config = schemathesis_config(root)
    proc, base = serve(root)
    try:
        # Every check but positive_data_acceptance: a well-formed week the station cannot fill (its
        # items' dates long past, say) is rightly 422, "a minimum cannot be met", not an error of the API.
        r = subprocess.run(["schemathesis", "--config-file", config, "run", base + "/openapi.json", "--checks", "all",
                            "--exclude-checks", "positive_data_acceptance",
                            "--max-examples", "25", "--seed", "57", "--request-timeout", "60",
                            "--auth", "an:leader-pass-1"],
                           capture_output=True, text=True, timeout=900, cwd=work)   # its cache stays in WORKDIR
        # On a failure, everything schemathesis said (the operation, the request to reproduce it).
        tail = "\n".join((r.stdout + r.stderr).strip().splitlines()[-(25 if r.returncode == 0 else 400):])
        print(tail)
        check(r.returncode == 0, "schemathesis finds no failure against /openapi.json")
    finally:
        stop(proc)

os.makedirs(work, exist_ok=True)
# CHECK_WEB_ONLY=firefox (or chromium, schemathesis) runs one part, while working on it.
only = os.environ.get("CHECK_WEB_ONLY")
if only in (None, "chromium"): browser_checks()
if only in (None, "firefox"): firefox_checks()
if only in (None, "schemathesis"): schemathesis_checks()
print(f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)
