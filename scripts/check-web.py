#!/usr/bin/env python3
"""Drives the real web app in a real browser, then checks its API against its own OpenAPI document.

    python3 scripts/check-web.py LICHPHAT WORKDIR

Copies the shipped example (Schedules/, Audio/) into WORKDIR, starts `lichphat serve` on a free
port, and with Debian's Chromium and chromedriver (Selenium, headless, 1366×768): opens the
overview, the library (searches without diacritics, plays a file through a range request), a
week not yet planned (plans it with the button, approves it with the form), and checks what each
page says, that the browser logged no error, and that the week prints on A4. Screenshots and the
printed PDF stay in WORKDIR/shots. Then schemathesis runs against /openapi.json (every operation,
fixed seed), on another copy, and must find no failure. Exits 1 on any failure.
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

def serve(root):
    port = free_port()
    log = open(os.path.join(work, f"serve-{port}.log"), "w")
    proc = subprocess.Popen([lichphat, "serve", "--root", os.path.join(root, "Schedules"), "--port", str(port),
                             "--cache", os.path.join(root, "catalog.sqlite")], stdout=log, stderr=subprocess.STDOUT)
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stations", timeout=30)
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
    proc, base = serve(root)
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

        d.get(base + "/")
        body = d.find_element(By.TAG_NAME, "body").text
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

        week = "2026-W50"
        d.get(base + f"/stations/nam-sach/weeks/{week}")
        check("Tuần này chưa lập lịch." in d.page_source, "an unplanned week says so")
        d.find_element(By.CSS_SELECTOR, f"form[action$='/weeks/{week}/plan'] button").click()
        WebDriverWait(d, 120).until(lambda d: "Thực hiện chỉ tiêu" in d.page_source)
        text = d.find_element(By.TAG_NAME, "body").text
        check(f"Đã lập lịch tuần {week}" in text and "Thực hiện chỉ tiêu" in text, "the plan button plans the week and shows the grid and quotas")
        check(len(d.find_elements(By.CSS_SELECTOR, "table.grid tbody td .airing")) > 50, "the grid shows every airing")
        shot("lich-tuan")
        before = len(d.find_elements(By.CSS_SELECTOR, "table.grid .airing"))
        d.find_element(By.CSS_SELECTOR, "table.grid form.remove button").click()
        WebDriverWait(d, 60).until(lambda d: "Đã bỏ một lượt phát" in d.page_source)
        check(len(d.find_elements(By.CSS_SELECTOR, "table.grid .airing")) == before - 1, "the × button removes one airing and the week is written again")
        pdf = d.execute_cdp_cmd("Page.printToPDF", {"paperWidth": 11.69, "paperHeight": 8.27, "printBackground": False})
        import base64
        with open(os.path.join(shots, "lich-tuan.pdf"), "wb") as f:
            f.write(base64.b64decode(pdf["data"]))
        check(len(pdf["data"]) > 1000, "the week prints on A4 (landscape)")
        name = d.find_element(By.NAME, "by")
        name.send_keys("Nguyễn Văn An")
        name.submit()
        WebDriverWait(d, 60).until(lambda d: "Nguyễn Văn An" in d.page_source)
        text = d.find_element(By.TAG_NAME, "body").text
        check("Nguyễn Văn An" in text and "đã duyệt" in text, "the approve form records the approver")
        check(not d.find_elements(By.CSS_SELECTOR, f"form[action$='/weeks/{week}/plan']"), "an approved week has no plan button")
        approval = json.load(open(os.path.join(root, "Schedules", "nam-sach", week, "approval.json"), encoding="utf-8"))
        check(approval["by"] == "Nguyễn Văn An", "approval.json written by the web app, as the CLI writes it")
        check(subprocess.run([lichphat, "plan", os.path.join(root, "Schedules", "nam-sach.yaml"), "--week", week, "--no-cache"],
                             capture_output=True).returncode == 4, "the CLI then refuses to re-plan the approved week (exit 4)")
        d.get(base + "/?lang=en")
        check("Overview" in d.find_element(By.TAG_NAME, "body").text, "the English switch")
        d.get(base + "/stations/nam-sach/library")
        check("Audio library" in d.find_element(By.TAG_NAME, "body").text, "the language choice is kept on the next page")
        # The refused upload answers 422 on purpose; anything else in the console is a fault.
        errors = [e for e in d.get_log("browser") if e["level"] == "SEVERE" and "favicon" not in e["message"]
                  and not ("/library/upload" in e["message"] and "422" in e["message"])]
        check(not errors, f"no error in the browser's console {errors[:3]}")
    finally:
        d.quit()
        stop(proc)

def schemathesis_checks():
    root = copy_example("api")
    proc, base = serve(root)
    try:
        # Every check but positive_data_acceptance: a well-formed week the station cannot fill (its
        # items' dates long past, say) is rightly 422, "a minimum cannot be met", not an error of the API.
        r = subprocess.run(["schemathesis", "run", base + "/openapi.json", "--checks", "all",
                            "--exclude-checks", "positive_data_acceptance",
                            "--max-examples", "25", "--seed", "57", "--request-timeout", "60"],
                           capture_output=True, text=True, timeout=900, cwd=work)   # its cache stays in WORKDIR
        tail = "\n".join((r.stdout + r.stderr).strip().splitlines()[-25:])
        print(tail)
        check(r.returncode == 0, "schemathesis finds no failure against /openapi.json")
    finally:
        stop(proc)

os.makedirs(work, exist_ok=True)
browser_checks()
schemathesis_checks()
print(f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)
