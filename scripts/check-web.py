#!/usr/bin/env python3
"""Drives the real web app in a real browser, then checks its API against its own OpenAPI document.

    python3 scripts/check-web.py LICHPHAT WORKDIR

Copies the shipped example (Schedules/, Audio/) into WORKDIR, adds two accounts (an operator and
a leader, `lichphat user add --password-stdin`), starts `lichphat serve --host 0.0.0.0` on a free
port, and with Debian's Chromium and chromedriver (Selenium, headless, 1366×768) walks the
operator's week: logs in (a wrong password first), the overview, the library (searches without
diacritics, plays a file through a range request, uploads a file and a broken one), a week not
yet planned (plans it, removes an airing, adds one by hand, pins one and plans again), prints it
on A4, logs out; the leader logs in and approves; a playlist is downloaded; after the report the
leader adds a notice to the approved week (Sửa lịch: revision 2, to approve again). It checks what each
page says and that the browser logged no error. Screenshots and the printed PDF stay in
WORKDIR/shots. Then schemathesis runs against /openapi.json (every operation, fixed seed, as the
leader over HTTP Basic), on another copy, and must find no failure. Exits 1 on any failure.
"""
import json, os, shutil, signal, socket, subprocess, sys, time, urllib.request

lichphat, work = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
failures = []

def check(ok, what):
    print(("  ok  " if ok else "  FAIL ") + what)
    if not ok:
        failures.append(what)

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

ACCOUNTS = [("lan", "operator", "Trần Thị Lan", "operator-pass"), ("an", "leader", "Nguyễn Văn An", "leader-pass-1")]

def add_accounts(root):
    for name, role, full, password in ACCOUNTS:
        subprocess.run([lichphat, "user", "add", name, "--role", role, "--full-name", full, "--password-stdin",
                        "--root", os.path.join(root, "Schedules")], input=password + "\n", text=True, check=True,
                       capture_output=True)

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

def browser_checks():
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.wait import WebDriverWait
    from selenium.webdriver.support.select import Select

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

        def log_in(name, password):
            d.find_element(By.NAME, "name").clear()
            d.find_element(By.NAME, "name").send_keys(name)
            d.find_element(By.NAME, "password").send_keys(password)
            d.find_element(By.CSS_SELECTOR, "form.login button").click()

        d.get(base + "/")
        check("/login" in d.current_url and "Đăng nhập" in d.page_source, "with accounts, the first page is the login form")
        shot("dang-nhap")
        log_in("lan", "wrong-password")
        WebDriverWait(d, 30).until(lambda d: "Sai tên đăng nhập" in d.page_source)
        check(True, "a wrong password is refused with a message")
        log_in("lan", "operator-pass")
        WebDriverWait(d, 60).until(lambda d: "Việc cần làm" in d.page_source)
        body = d.find_element(By.TAG_NAME, "body").text
        check("Trần Thị Lan (vận hành)" in body, "the header shows who is logged in")
        check("Đài truyền thanh xã Nam Sách" in body and "Việc cần làm" in body, "overview lists the stations, in Vietnamese")
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
        text = d.find_element(By.TAG_NAME, "body").text
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

        week = "2026-W50"
        d.get(base + f"/stations/nam-sach/weeks/{week}")
        check("Tuần này chưa lập lịch." in d.page_source, "an unplanned week says so")
        d.find_element(By.CSS_SELECTOR, f"form[action$='/weeks/{week}/plan'] button").click()
        WebDriverWait(d, 120).until(lambda d: "Thực hiện chỉ tiêu" in d.page_source)
        text = d.find_element(By.TAG_NAME, "body").text
        check(f"Đã lập lịch tuần {week}" in text and "Thực hiện chỉ tiêu" in text, "the plan button plans the week and shows the grid and quotas")
        check(len(d.find_elements(By.CSS_SELECTOR, "table.grid tbody td .airing")) > 50, "the grid shows every airing")
        check(d.execute_script("return document.documentElement.scrollWidth <= window.innerWidth"), "the week's grid fits 1366 px without sideways scrolling")
        check(len(d.find_elements(By.CSS_SELECTOR, "section.downloads a")) >= 6, "the week page offers its downloads (playlists zip and every export)")
        shot("lich-tuan")
        before = len(d.find_elements(By.CSS_SELECTOR, "table.grid .airing"))
        d.find_element(By.CSS_SELECTOR, "table.grid form.remove button").click()
        WebDriverWait(d, 60).until(lambda d: "Đã bỏ một lượt phát" in d.page_source)
        check(len(d.find_elements(By.CSS_SELECTOR, "table.grid .airing")) == before - 1, "the × button removes one airing and the week is written again")
        # Add an item by hand to the first session that offers one.
        d.find_element(By.CSS_SELECTOR, "table.grid form.add button").click()
        WebDriverWait(d, 60).until(lambda d: "Đã thêm “" in d.page_source)
        check(len(d.find_elements(By.CSS_SELECTOR, "table.grid .airing")) == before, "the + button adds the chosen item by hand")
        # Pin the first airing, plan again: the pin stays.
        d.find_element(By.CSS_SELECTOR, "table.grid form.pin button").click()
        WebDriverWait(d, 60).until(lambda d: "Đã ghim" in d.page_source)
        d.find_element(By.CSS_SELECTOR, f"form[action$='/weeks/{week}/plan'] button").click()
        WebDriverWait(d, 120).until(lambda d: f"Đã lập lịch tuần {week}" in d.page_source)
        on = d.find_elements(By.CSS_SELECTOR, "table.grid form.pin.on")
        pins = json.load(open(os.path.join(root, "Schedules", "nam-sach", week, "pins.json"), encoding="utf-8"))
        check(len(on) == 1 and len(pins.get("pins", pins)) == 1, "a pinned airing is kept (and shown pinned) when the week is planned again")
        check("Chỉ lãnh đạo duyệt lịch" in d.page_source and not d.find_elements(By.CSS_SELECTOR, f"form[action$='/weeks/{week}/approve']"),
              "an operator is offered no approve button")
        pdf = d.execute_cdp_cmd("Page.printToPDF", {"paperWidth": 11.69, "paperHeight": 8.27, "printBackground": False})
        import base64
        with open(os.path.join(shots, "lich-tuan.pdf"), "wb") as f:
            f.write(base64.b64decode(pdf["data"]))
        check(len(pdf["data"]) > 1000, "the week prints on A4 (landscape)")
        d.find_element(By.CSS_SELECTOR, "form.user button").click()
        WebDriverWait(d, 30).until(lambda d: "/login" in d.current_url)
        d.get(base + f"/stations/nam-sach/weeks/{week}")
        log_in("an", "leader-pass-1")
        WebDriverWait(d, 60).until(lambda d: f"/weeks/{week}" in d.current_url and "Thực hiện chỉ tiêu" in d.page_source)
        check(not d.find_elements(By.NAME, "by"), "the leader is not asked to type a name")
        shot("duyet")
        d.find_element(By.CSS_SELECTOR, f"form[action$='/weeks/{week}/approve'] button").click()
        WebDriverWait(d, 60).until(lambda d: "Đã ghi nhận" in d.page_source)
        text = d.find_element(By.TAG_NAME, "body").text
        check("Nguyễn Văn An" in text and "đã duyệt" in text, "the approve form records the approver")
        check(not d.find_elements(By.CSS_SELECTOR, f"form[action$='/weeks/{week}/plan']"), "an approved week has no plan button")
        approval = json.load(open(os.path.join(root, "Schedules", "nam-sach", week, "approval.json"), encoding="utf-8"))
        check(approval["by"] == "Nguyễn Văn An", "approval.json written by the web app, as the CLI writes it")
        check(subprocess.run([lichphat, "plan", os.path.join(root, "Schedules", "nam-sach.yaml"), "--week", week, "--no-cache"],
                             capture_output=True).returncode == 4, "the CLI then refuses to re-plan the approved week (exit 4)")
        lists = sorted(f for f in os.listdir(os.path.join(root, "Schedules", "nam-sach", week)) if f.endswith(".m3u8"))
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
        WebDriverWait(d, 60).until(lambda d: d.execute_script("var f = document.querySelector('iframe.report'); return f && f.contentDocument && f.contentDocument.body && f.contentDocument.body.innerText.length > 100"))
        text = d.find_element(By.TAG_NAME, "body").text
        check("theo nhật ký phát thực tế" in text and "Đài truyền thanh xã Nam Sách ĐẠT" in text, "the report page audits from the uploaded play log and gives the verdict")
        check(d.execute_script("return document.querySelector('iframe.report').contentDocument.querySelectorAll('svg').length") > 0,
              "the printable report with its chart is shown in the page")
        shot("bao-cao")
        # Sửa lịch: the leader adds an NQ57 programme (its rule allows two a week, one is planned) to the
        # approved week from now on: revision 2, to approve again.
        d.get(base + f"/stations/nam-sach/weeks/{week}")
        d.find_element(By.CSS_SELECTOR, "details.amend summary").click()
        options = d.find_elements(By.CSS_SELECTOR, "form[action$='/amend'] select[name=item] option")
        pick = next(o.get_attribute("value") for o in options if o.text.startswith("Khoa học công nghệ"))
        Select(d.find_element(By.CSS_SELECTOR, "form[action$='/amend'] select[name=item]")).select_by_value(pick)
        d.find_element(By.CSS_SELECTOR, "form[action$='/amend'] input[name=times]").send_keys("1")
        shot("sua-lich")
        d.find_element(By.CSS_SELECTOR, "form[action$='/amend'] button").click()
        WebDriverWait(d, 60).until(lambda d: "Đã sửa tuần" in d.page_source or "message bad" in d.page_source)
        text = d.find_element(By.TAG_NAME, "body").text
        check(f"Đã sửa tuần {week} thành lần 2" in text and "cần được duyệt lại" in text, f"the amend form makes revision 2 and says it needs approving again ({text[:200]!r})")
        doc = json.load(open(os.path.join(root, "Schedules", "nam-sach", week, "schedule.json"), encoding="utf-8"))
        check(doc.get("revision") == 2 and os.path.exists(os.path.join(root, "Schedules", "nam-sach", week, "revisions", "1", "approval.json")),
              "schedule.json is revision 2, revision 1 kept with its approval")
        check(bool(d.find_elements(By.CSS_SELECTOR, f"form[action$='/weeks/{week}/approve']")), "the amended week is offered for approval again")
        shot("da-sua-lich")
        # Xuất tệp: the amended week rendered for the platforms from the page, in the background.
        t0 = time.time()
        Select(d.find_element(By.CSS_SELECTOR, "form[action$='/render'] select[name=format]")).select_by_value("wav")
        d.find_element(By.CSS_SELECTOR, "form[action$='/render'] button").click()
        WebDriverWait(d, 30).until(lambda d: "Đang xuất tệp cho nền tảng loa" in d.page_source or "Đã xuất tuần" in d.page_source)
        shot("dang-xuat")
        WebDriverWait(d, 600).until(lambda d: "Đã xuất tuần" in d.page_source or "message bad" in d.page_source)
        text = d.find_element(By.TAG_NAME, "body").text
        rendered = os.listdir(os.path.join(root, "Schedules", "nam-sach", week, "render"))
        check(f"Đã xuất tuần {week}" in text and "platform.json" in rendered and sum(f.endswith(".wav") for f in rendered) >= 12,
              f"the render button renders the week in the background and says so ({time.time() - t0:.0f} s, {len(rendered)} files)")
        shot("da-xuat")
        d.get(base + "/?lang=en")
        check("Overview" in d.find_element(By.TAG_NAME, "body").text, "the English switch")
        d.get(base + "/stations/nam-sach/library")
        check("Audio library" in d.find_element(By.TAG_NAME, "body").text, "the language choice is kept on the next page")
        # The refused upload and the station file with a wrong key answer 422, the wrong password 401, on purpose; anything else in the console is a fault.
        errors = [e for e in d.get_log("browser") if e["level"] == "SEVERE" and "favicon" not in e["message"]
                  and not ("/library/upload" in e["message"] and "422" in e["message"])
                  and not ("/login " in e["message"] and "401" in e["message"])
                  and not ("/station " in e["message"] and "422" in e["message"])]
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
        m.delete_session()
    finally:
        fx.terminate()
        try:
            fx.wait(timeout=20)
        except subprocess.TimeoutExpired:
            fx.kill()
        stop(proc)

def schemathesis_checks():
    root = copy_example("api")
    add_accounts(root)
    proc, base = serve(root)
    try:
        # Every check but positive_data_acceptance: a well-formed week the station cannot fill (its
        # items' dates long past, say) is rightly 422, "a minimum cannot be met", not an error of the API.
        r = subprocess.run(["schemathesis", "run", base + "/openapi.json", "--checks", "all",
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
