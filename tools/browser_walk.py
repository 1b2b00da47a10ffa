#!/usr/bin/env python3
"""Walks manual 000 in a real Chromium (headless) against a running simulator, clicking the
buttons a person clicks and accepting the register dialogs, then plays the NACCS center on the
operator console (審査終了, デジタル証明書を発行する), reads 新着情報 → 詳細 → ID通知内容 as the applicant
and logs in with the issued 事業所コード. Saves a screenshot per screen.

    cargo run --release &                      # the simulator on 127.0.0.1:8080
    apt-get install chromium chromium-driver fonts-noto-cjk && pip install selenium
    python3 tools/browser_walk.py [BASE_URL] [OUT_DIR]

It creates its own workspace through the API, so it never touches `default`. Exit code 0 means the
完了 screen with a 申込受付番号 was reached, the office code logged in to the メインメニュー, and no
JavaScript error was logged on any page (NSS or console).
"""
import json
import os
import re
import sys
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

BASE = (sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080").rstrip("/")
OUT = sys.argv[2] if len(sys.argv) > 2 else "target/browser"
os.makedirs(OUT, exist_ok=True)

req = urllib.request.Request(
    BASE + "/_sim/api/workspaces",
    data=json.dumps({"seed": 2018, "now": "2018-11-27T16:30:00+09:00"}).encode(),
    headers={"Content-Type": "application/json"},
    method="POST",
)
ws = json.load(urllib.request.urlopen(req))
root = ws["base_url"].rstrip("/").replace("http://127.0.0.1:8080", BASE)

opts = webdriver.ChromeOptions()
for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,2600", "--lang=ja"]:
    opts.add_argument(a)
opts.binary_location = "/usr/bin/chromium"
opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
shot = 0


def snap():
    global shot
    shot += 1
    screen = d.find_element(By.TAG_NAME, "body").get_attribute("data-screen")
    d.save_screenshot(f"{OUT}/{shot:02d}_{screen}.png")
    return screen


def fill(name, value):
    e = d.find_element(By.NAME, name)
    e.clear()
    e.send_keys(value)


def choose(name, value):
    d.find_element(By.CSS_SELECTOR, f'input[name="{name}"][value="{value}"]').click()


def press(label, accept_dialog=False):
    old = d.find_element(By.TAG_NAME, "html")
    for b in d.find_elements(By.TAG_NAME, "button"):
        if label in b.text:
            b.click()
            if accept_dialog:
                WebDriverWait(d, 10).until(ec.alert_is_present()).accept()
            # Wait for the next page: every button posts and the server answers a new page.
            WebDriverWait(d, 10).until(ec.staleness_of(old))
            return
    raise SystemExit(f"no button {label} on {snap()}")


d.get(root + "/bbs/")
snap()
old = d.find_element(By.TAG_NAME, "html")
d.find_element(By.LINK_TEXT, "新規申込").click()
WebDriverWait(d, 10).until(ec.staleness_of(old))
snap()
press("システム利用規程に同意する")
for n, v in [("company", "電子化・効率化推進室"), ("company_kana", "デンシカ・コウリツカスイシンシツ"),
             ("last_name", "貿易"), ("first_name", "太郎"), ("last_name_kana", "ボウエキ"),
             ("first_name_kana", "タロウ"), ("tel", "0335010953"), ("email", "qqfcbj@meti.go.jp"),
             ("email_confirm", "qqfcbj@meti.go.jp")]:
    fill(n, v)
snap()
press("申込内容確認へ進む")
snap()
press("申込内容を登録する", accept_dialog=True)
assert snap() == "temp_account.complete"
mails = json.load(urllib.request.urlopen(f"{BASE}/_sim/api/workspaces/{ws['id']}/mails"))
text = mails[-1]["text"]
login_id = re.search(r"仮ログインID[：:]\s*(\d{7})", text).group(1)
password = re.search(r"仮パスワード[：:]\s*([0-9A-Z]{8})", text).group(1)
d.get(root + "/login/nsscoapp/")
fill("login_id", login_id)
fill("password", password)
snap()
press("ログイン")
snap()
press("次へ進む")
fill("reason", "経済産業省に、輸出許可申請や輸入承認申請等を行うため。")
snap()
press("次へ進む")
fill("office_postal", "1008901")
press("反映")
for n, v in [("start_wish", "20181225"), ("office_name", "本社"), ("office_kana", "ホンシャ"),
             ("office_street", "霞が関１丁目３－１"), ("office_address_kana", "カスミガセキ１－３－１"),
             ("office_tel", "0335010953"), ("office_fax", "0335015896"), ("contractor_last_name", "経産"),
             ("contractor_first_name", "一郎"), ("contractor_last_name_kana", "ケイサン"),
             ("contractor_first_name_kana", "イチロウ"), ("contractor_title", "代表取締役社長")]:
    fill(n, v)
choose("customs", "tokyo")
d.find_element(By.NAME, "security_ack").click()
snap()
press("netNACCSを利用する")
snap()
press("新規に利用者コードを追加する")
choose("system", "sea_and_air")
choose("industries", "trade_control_trader")
choose("method", "netnaccs")
fill("count", "1")
press("設定する")
snap()
press("この内容で設定する")
snap()
press("次へ進む")
fill("terminals_net", "5")
d.find_element(By.NAME, "no_diagram").click()
snap()
press("次へ進む")
choose("plan", "plan_b")
snap()
press("次へ進む")
snap()
press("申込内容確認へ進む")
snap()
press("申込内容を登録する", accept_dialog=True)
final = snap()
body = d.find_element(By.TAG_NAME, "body").text
number = re.search(r"申込受付番号「(\w+)」", body)
errors = [l for l in d.get_log("browser") if l["level"] == "SEVERE"]


def click_link(text):
    old = d.find_element(By.TAG_NAME, "html")
    d.find_element(By.PARTIAL_LINK_TEXT, text).click()
    WebDriverWait(d, 10).until(ec.staleness_of(old))


# The NACCS center: the console lists the application; 審査終了, then the certificates.
d.get(f"{BASE}/_sim/console/{ws['id']}/")
shot += 1
d.save_screenshot(f"{OUT}/{shot:02d}_console_list.png")
click_link(number.group(1))
press("審査終了")
press("デジタル証明書を発行する")
shot += 1
d.save_screenshot(f"{OUT}/{shot:02d}_console_detail.png")
console_text = d.find_element(By.TAG_NAME, "body").text
errors += [l for l in d.get_log("browser") if l["level"] == "SEVERE"]

# The applicant: 新着情報 → 詳細 → ID通知内容, then the 事業所コード login.
d.get(root + "/menu")
assert snap() == "menu.main"
click_link("詳細")
assert snap() == "applications.detail"
click_link("ID通知内容")
assert snap() == "applications.id_notice"
notice = d.find_element(By.TAG_NAME, "body").text
code = re.search(r"事業所コード\s+([A-Z]{3}\d{3})", notice).group(1)
office_pw = re.search(r"事業所パスワード\s+([0-9A-Z]{6,8})", notice).group(1)
d.get(root + "/logout")
d.get(root + "/login/nsscoapp/")
fill("login_id", code)
fill("password", office_pw)
press("ログイン")
last = snap()
errors += [l for l in d.get_log("browser") if l["level"] == "SEVERE"]

# The trainer's pages: the dashboard (with its reset dialog) and the workspace's journal.
d.get(f"{BASE}/_sim/")
shot += 1
d.save_screenshot(f"{OUT}/{shot:02d}_dashboard.png")
d.get(f"{BASE}/_sim/journal/{ws['id']}/")
shot += 1
d.save_screenshot(f"{OUT}/{shot:02d}_journal.png")
journal_ok = "予期しない操作" not in d.find_element(By.TAG_NAME, "body").text
errors += [l for l in d.get_log("browser") if l["level"] == "SEVERE"]
d.quit()
print(f"final screen: {final}; reception number: {number.group(1) if number else None}; "
      f"approved on the console: {'審査終了' in console_text}; office login {code}: {last}; "
      f"screenshots: {shot} in {OUT}; JavaScript errors: {len(errors)}")
for e in errors:
    print(e)
ok = final == "new_application.complete" and number and last == "menu.main" and journal_ok and not errors
sys.exit(0 if ok else 1)
