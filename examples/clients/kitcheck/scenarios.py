"""The client scenarios the harness runs: every action of the driver protocol against the
simulator, with the checks the kit's @client scenarios make (issue 9): the report against the
truth, the record against the input, the conduct in the journal, and the hard cases."""

from __future__ import annotations

import copy

from .kit import ADDRESS, Kit, ScenarioFailed, Step, latest_application, login_of, temp_credentials
from .sim import M001_NOW, Workspace

EXTENDED_ADDRESS = "hanako.yushutsu@tokai-seimitsu.example.jp"
# M004's 申込担当者 (fixtures/kit/manual004.json).
SETTINGS_ADDRESS = "taro.tsukan@naccs.jp"
# M002: the applicant 混載 一郎, and the day the manual's 利用開始日 2018/11/06 can still be had.
M002_ADDRESS = "konsai.ichiro@naccs.co.jp"
M002_NOW = "2018-10-22T10:00:00+09:00"
# M003: the applicant 港湾 太郎 as the manual prints him, on the manual's day.
M003_ADDRESS = "cyberport@jp"
M003_NOW = "2023-02-27T15:48:00+09:00"
# The 一般NACCS branch beyond Cyberport: manual 003's applicant with one line of two interactive
# terminals, its system diagram and mailboxes (the kit's own data, docs/kit.md).
BOX = "機器共用・共同利用、回線付替を別途申込、または自社システムを利用します。"
WITH_LINE = {
    "回線・論理端末 入力": {
        "申込情報(回線)": [{
            "回線サービスに関する項目": {
                "区分": "海上", "接続方式": "IP-VPN", "EDIFACTの要否": "要", "接続種別": "主回線",
                "アクセス速度": "100Mbps", "回線種別": "光回線（ベストエフォート）", "屋内配線工事": "否",
                "保守時間帯": "平日 9:00～17:00", "工事希望日": "20230307", "設置場所": "事業所に同じ",
                "オプション": "なし", "他事業所と共用": "なし",
            },
            "論理端末に関する項目": {"利用機器区分": "インタラクティブ端末", "バックアップ区分": "通常", "論理端末数": "2"},
            "回線工事に関する項目": {
                "工事事務担当者 氏名 姓": "港湾", "工事事務担当者 氏名 名": "次郎",
                "工事事務担当者 電話番号": "0301234568", "工事立会者": "工事事務担当者に同じ",
            },
        }],
        "システム構成図に関する項目": {
            "システム構成図": [{"ファイル名": "システム構成図.csv", "base64": "44K344K544OG44Og5qeL5oiQ5Zuz77yI44Kt44OD44OI77yJCg=="}],
            BOX: [],
        },
    },
    "メールボックス 入力": {"メールボックスに関する項目": {"メールボックス数 (SMTP/POP3)": "2", "メールボックス数 (EDIFACT)": "1"}},
}
APPROVED = "利用申込の審査を終了しました。通知内容をご確認ください。"
SETTINGS_APPROVED = "システム設定申込内容の審査が完了しました。通知内容をご確認ください。"
AMEND = "利用申込を修正する"
WITHDRAW = "利用申込を取り下げる"
NEW_PASSWORD = "Naccs2018kit"
# The center's 確認事項 of the M004 feature (features/m004_clarification.feature).
CLARIFY = "事業所名は登記上の名称（本社事務所）でご入力ください。"
# M001's office and the address its 申込担当者 (通関 花子) reads the mails at.
NAC001 = "NAC001"
NAC001_ADDRESS = "tuukan-hanako@naccs.co.jp"
# The center's 確認事項 about M001's change.
CHANGE_CLARIFY = "追加する台数を3台に訂正してください。"
# The message of 論理端末 入力 for a count that is not a whole number.
NOT_DIGITS = "論理端末追加数 (netNACCS) 海上は半角数字で入力してください。"
# The screens' messages the hard cases expect (M000 【6】 rule, M000 【9】, パスワードの変更).
NO_HYPHEN = "電話番号は「-」(ハイフン)を入力せずに、数字のみ入力してください。"
TEMP_EXPIRED = "仮ログインIDの有効期限（48時間）が切れています。お手数ですが、再度、仮アカウントの登録を行ってください。"
WRONG_CURRENT = "現在のパスワードが正しくありません。"


# -- steps with their checks --------------------------------------------------------------

def register(kit: Kit, ws: Workspace, data: dict, address: str) -> dict:
    """register_temp_account; the report must be what the mail says."""
    s = kit.step(ws, "register_temp_account", data["register_temp_account"], address=address)
    truth = temp_credentials(ws)
    if s.status == "done":
        for key in ("仮ログインID", "仮パスワード"):
            if s.outputs.get(key) != truth.get(key):
                s.fail("report", f"{key}: the client reported {s.outputs.get(key)!r}, the mail says {truth.get(key)!r}")
    kit.close(s, f"仮ログインID {s.outputs.get('仮ログインID')}")
    return truth


def file(kit: Kit, ws: Workspace, data: dict, credentials: dict, address: str,
         options: dict | None = None) -> str:
    """file_application; the report must be the registered 申込受付番号, the record the input."""
    s = kit.step(ws, "file_application", data["file_application"], login_of(credentials),
                 options, address=address)
    number = latest_application(ws).get("reception_number")
    if s.status == "done":
        if s.outputs.get("申込受付番号") != number:
            s.fail("report", f"申込受付番号: the client reported {s.outputs.get('申込受付番号')!r}, the NSS registered {number!r}")
    if number:
        kit.check_record(s, ws, number, data["file_application"])
    elif s.status == "done":
        s.fail("record", "no application was registered")
    kit.close(s, f"申込受付番号 {number}")
    return number


def news(kit: Kit, ws: Workspace, login: dict, number: str, line: str) -> Step:
    s = kit.step(ws, "read_news", {}, login)
    lines = s.outputs.get("新着情報")
    if s.status == "done":
        if not isinstance(lines, list) or not all(
            isinstance(l, dict) and {"日時", "種別", "ID", "内容"} <= set(l) for l in lines
        ):
            s.fail("report", f"新着情報 is not a list of lines with 日時, 種別, ID and 内容: {lines!r}")
        elif not any(l["ID"] == f"【{number}】" and l["内容"] == line for l in lines):
            s.fail("report", f"新着情報 lacks 【{number}】 「{line}」: {lines!r}")
    return kit.close(s, f"{len(lines or [])} lines")


def id_notice(kit: Kit, ws: Workspace, login: dict, number: str, visible: bool,
              owner: str | None = None) -> Step:
    """read_id_notice; every ID must be the issued one; the passwords as well while the screen
    shows them (M002 3.④), never the real ones after. ``owner``: the 事業所コード(機器共用先) the
    ID通知内容 of a 機器共用 office names (M002)."""
    s = kit.step(ws, "read_id_notice", {"申込受付番号": number}, login)
    ids = ws.application(number)["issued"]["ids"]
    out = s.outputs
    if s.status == "done":
        notice = out.get("ID通知内容") or {}
        users = {(r.get("利用者コード"), r.get("識別番号")): r.get("パスワード") for r in out.get("利用者ID") or []}
        # A 機器共用 office's table also lists the owner's terminals under the owner's 事業所コード
        # (without its keys): only the office's own rows are what approval issued.
        terminals = {(r.get("論理端末名"), r.get("端末アクセスキー")) for r in out.get("論理端末名 / デジタル証明書") or []
                     if r.get("事業所コード") == ids["office_code"]}
        expect = {"事業所コード": ids["office_code"], "請求先コード": ids["billing_code"], "企業略称": ids["company_abbr"]}
        for key, value in expect.items():
            if notice.get(key) != value:
                s.fail("report", f"ID通知内容 {key}: the client reported {notice.get(key)!r}, the NSS issued {value!r}")
        if set(users) != {(u["user_code"], u["ident"]) for u in ids["user_ids"]}:
            s.fail("report", f"利用者ID: the client reported {sorted(users)}, the NSS issued {[(u['user_code'], u['ident']) for u in ids['user_ids']]}")
        if terminals != {(t["name"], t["access_key"]) for t in ids["terminals"]}:
            s.fail("report", f"論理端末名: the client reported {sorted(terminals)}")
        passwords = [(notice.get("事業所パスワード"), ids["office_password"])] + [
            (users.get((u["user_code"], u["ident"])), u["password"]) for u in ids["user_ids"]
        ]
        for reported, issued in passwords:
            if visible and reported != issued:
                s.fail("report", f"a password: the client reported {reported!r}, the NSS issued {issued!r}")
            if not visible and reported == issued:
                s.fail("report", f"a password past its viewing period was reported in clear: {reported!r}")
        if owner is not None and notice.get("事業所コード(機器共用先)") != owner:
            s.fail("report", f"ID通知内容 事業所コード(機器共用先): the client reported {notice.get('事業所コード(機器共用先)')!r}, expected {owner!r}")
    return kit.close(s, f"事業所コード {(out.get('ID通知内容') or {}).get('事業所コード')}")


def change_password(kit: Kit, ws: Workspace, office: str, password: str, current: str, new: str,
                    expect: str = "done") -> Step:
    """change_password logged in with ``password``; ``current`` is what is typed as 現在のパスワード."""
    values = {"パスワードの変更": {"パスワードに関する項目": {
        "現在のパスワード": current, "新しいパスワード": new, "新しいパスワード(確認用)": new,
    }}}
    s = kit.step(ws, "change_password", values, {"ログインID": office, "パスワード": password}, expect=expect)
    if expect == "rejected":
        expect_messages(s, [WRONG_CURRENT])
    stored = next((o["password"] for o in ws.offices() if o["office_code"] == office), None)
    wanted = new if expect == "done" else password
    if stored != wanted:
        s.fail("record", f"the password of {office} is {stored!r}, expected {wanted!r}")
    return kit.close(s, str(s.run.result.get("messages") or s.outputs.get("メッセージ") or ""))


def expect_messages(s: Step, messages: list[str]) -> None:
    """The screen's messages a rejected or failed result must carry."""
    if s.status not in ("rejected", "failed"):
        return
    reported = s.run.result.get("messages") or []
    for m in messages:
        if m not in reported:
            s.fail("report", f"the messages lack 「{m}」: {reported}")


def merged(base: dict, changes: dict) -> dict:
    out = copy.deepcopy(base)
    for key, value in changes.items():
        out[key] = merged(out.get(key, {}), value) if isinstance(value, dict) else value
    return out


# -- scenarios -----------------------------------------------------------------------------

def m000(kit: Kit) -> None:
    """M000 end to end, then the center's approval, 新着情報, ID通知内容 and the password."""
    ws = kit.sim.workspace()
    credentials = register(kit, ws, kit.manual, ADDRESS)
    number = file(kit, ws, kit.manual, credentials, ADDRESS)
    ws.advance("PT24H")
    ws.review(number, {"decision": "approve"})
    news(kit, ws, login_of(credentials), number, APPROVED)
    id_notice(kit, ws, login_of(credentials), number, visible=True)
    ids = ws.application(number)["issued"]["ids"]
    change_password(kit, ws, ids["office_code"], ids["office_password"], ids["office_password"], NEW_PASSWORD)
    news(kit, ws, {"ログインID": ids["office_code"], "パスワード": NEW_PASSWORD}, number, APPROVED)


def m002(kit: Kit) -> None:
    """M002 機器共用（新規事業所）申込 end to end with the manual's data: the new office of
    ナックスシステム株式会社 uses NAC001's terminals; approval issues IDs only (no terminals, no
    certificate mail); the ID通知内容 names the owner."""
    ws = kit.sim.workspace(now=M002_NOW)
    credentials = register(kit, ws, kit.manual002, M002_ADDRESS)
    number = file(kit, ws, kit.manual002, credentials, M002_ADDRESS)
    ws.advance("PT24H")
    ws.review(number, {"decision": "approve"})
    news(kit, ws, login_of(credentials), number, APPROVED)
    ws.review(number, {"decision": "issue_certificates"}, expect=409)
    id_notice(kit, ws, login_of(credentials), number, visible=True, owner="NAC001")
    ids = ws.application(number)["issued"]["ids"]
    if ids["terminals"] or any(m.get("kind") == "certificate_issued" for m in ws.mails()):
        raise ScenarioFailed("a 機器共用 office got terminals or a certificate mail")


def m003(kit: Kit) -> None:
    """M003 (サイバーポート) end to end with the manual's data: 一般NACCS, the shared 利用者コード
    CP999 with 処理方式 SMTP双方向, no line, no mailbox; approval gives the office SAI002 the
    識別番号 YA1 of CP999 and no certificate."""
    ws = kit.sim.workspace(now=M003_NOW)
    credentials = register(kit, ws, kit.manual003, M003_ADDRESS)
    number = file(kit, ws, kit.manual003, credentials, M003_ADDRESS)
    ws.advance("PT24H")
    ws.review(number, {"decision": "approve"})
    ws.review(number, {"decision": "issue_certificates"}, expect=409)
    news(kit, ws, login_of(credentials), number, APPROVED)
    id_notice(kit, ws, login_of(credentials), number, visible=True)
    ids = ws.application(number)["issued"]["ids"]
    issued = [(u["user_code"], u["ident"], u["method"], u["shared"]) for u in ids["user_ids"]]
    if ids["office_code"] != "SAI002" or issued != [("CP999", "YA1", "smtp_bidirectional", True)]:
        kit.out(f"      [record] M003's office and IDs: {ids['office_code']} {issued}")
        raise ScenarioFailed("m003")


def general_lines(kit: Kit) -> None:
    """The 一般NACCS branch with a line: 回線サービス・論理端末情報 for one line, its system
    diagram attached (multipart), two mailboxes of each kind; approval issues the line's
    terminals, and their certificates."""
    ws = kit.sim.workspace(now=M003_NOW)
    data = merged(kit.manual003, {"file_application": WITH_LINE})
    credentials = register(kit, ws, data, M003_ADDRESS)
    number = file(kit, ws, data, credentials, M003_ADDRESS)
    ws.advance("PT24H")
    ws.review(number, {"decision": "approve"})
    ws.review(number, {"decision": "issue_certificates"})
    id_notice(kit, ws, login_of(credentials), number, visible=True)
    terminals = ws.application(number)["issued"]["ids"]["terminals"]
    if [t.get("router") for t in terminals] != [1, 1]:
        kit.out(f"      [record] the line's terminals: {terminals}")
        raise ScenarioFailed("general_lines")


def save_draft(kit: Kit) -> None:
    """一時保存 on 利用者コード 入力 after its rows, a new login, and on to 完了."""
    ws = kit.sim.workspace()
    credentials = register(kit, ws, kit.manual, ADDRESS)
    file(kit, ws, kit.manual, credentials, ADDRESS, {"一時保存": "利用者コード 入力"})


def clarify_amend(kit: Kit) -> None:
    """M004 after the client's own filing: the center asks a 確認事項 (POST …/review clarify); the
    client finds it in 新着情報, reads the message and corrects the application."""
    ws = kit.sim.workspace()
    credentials = register(kit, ws, kit.manual, ADDRESS)
    number = file(kit, ws, kit.manual, credentials, ADDRESS)
    ws.advance("PT24H")
    ws.review(number, {"decision": "clarify", "message": CLARIFY})
    corrections = {"事業所・企業 入力": {"事業所に関する項目": {
        "事業所名": "本社事務所", "事業所名(フリガナ)": "ホンシャジムショ",
    }}}
    s = kit.step(ws, "answer_clarification",
                 {"申込受付番号": number, "ボタン": AMEND, "修正": corrections}, login_of(credentials))
    answered(s, ws, number, "申込中")
    if s.status == "done" and s.outputs.get("申込受付番号") != number:
        s.fail("report", f"申込受付番号: the client reported {s.outputs.get('申込受付番号')!r}, expected {number!r}")
    kit.check_record(s, ws, number, merged(kit.manual["file_application"], corrections))
    kit.close(s, f"通知内容 「{s.outputs.get('通知内容', '')[:20]}…」")


def clarify_withdraw(kit: Kit) -> None:
    """M004 from the fixture 「clarification」 (manual 000's application under 確認事項): 取下げ."""
    ws = kit.sim.workspace(fixture="clarification")
    number = latest_application(ws)["reception_number"]
    s = kit.step(ws, "answer_clarification", {"申込受付番号": number, "ボタン": WITHDRAW},
                 login_of(temp_credentials(ws)))
    status = answered(s, ws, number, "取下げ")
    if s.status == "done" and s.outputs.get("ステータス") != status:
        s.fail("report", f"ステータス: the client reported {s.outputs.get('ステータス')!r}, the NSS shows {status!r}")
    kit.close(s, f"ステータス {s.outputs.get('ステータス')}")


def answered(s: Step, ws: Workspace, number: str, status: str) -> str:
    """The checks of an answered 確認事項: the message reported is the center's, and the
    application has the status the answer leads to. Returns the status."""
    app = ws.application(number)
    message = next((r["message"] for r in reversed(app["review"]) if r["decision"] == "clarify"), None)
    if s.status == "done" and s.outputs.get("通知内容") != message:
        s.fail("report", f"通知内容: the client reported {s.outputs.get('通知内容')!r}, the center wrote {message!r}")
    if app["status_label"] != status:
        s.fail("record", f"the application is {app['status_label']}, expected {status}")
    return app["status_label"]


def invalid_input(kit: Kit) -> None:
    """A hard case: input the screen refuses must come back rejected with the screen's messages."""
    ws = kit.sim.workspace()
    data = copy.deepcopy(kit.manual["register_temp_account"])
    data["申込担当者 入力"]["申込担当者に関する項目"]["電話番号"] = "03-3501-0953"
    s = kit.step(ws, "register_temp_account", data, address=ADDRESS, expect="rejected")
    expect_messages(s, [NO_HYPHEN])
    if ws.mails():
        s.fail("record", "a 仮アカウント was registered from invalid input")
    kit.close(s, str(s.run.result.get("messages")))


def expired_temp_id(kit: Kit) -> None:
    """A hard case: a 仮ログインID past 48 hours (M000 【9】) must come back failed."""
    ws = kit.sim.workspace()
    credentials = register(kit, ws, kit.manual, ADDRESS)
    ws.advance("PT48H1M")
    s = kit.step(ws, "file_application", kit.manual["file_application"], login_of(credentials),
                 address=ADDRESS, expect="failed")
    expect_messages(s, [TEMP_EXPIRED])
    if ws.applications():
        s.fail("record", "an application was registered with an expired 仮ログインID")
    kit.close(s, str(s.run.result.get("reason")))


def extended(kit: Kit) -> None:
    """Every optional and repeated part of the application (fixtures/kit/extended.json)."""
    ws = kit.sim.workspace()
    credentials = register(kit, ws, kit.extended, EXTENDED_ADDRESS)
    file(kit, ws, kit.extended, credentials, EXTENDED_ADDRESS)


def id_notice_masked(kit: Kit) -> None:
    """ID通知内容 after the viewing period (M002 3.④): the passwords are no longer shown. From the
    preset whose office filed its システム設定申込 in time: past its システム設定申込締切日 an
    application without one is cancelled (docs/decisions.md, Issue 13, Q1)."""
    ws = kit.sim.workspace(fixture="start-tomorrow")
    number = next(a for a in ws.applications() if a["kind_code"] == "new")["reception_number"]
    ids = ws.application(number)["issued"]["ids"]
    ws.set_clock("2018-12-28T00:00:00+09:00")
    id_notice(kit, ws, {"ログインID": ids["office_code"], "パスワード": ids["office_password"]},
              number, visible=False)


def wrong_current_password(kit: Kit) -> None:
    """A hard case on パスワードの変更: a wrong 現在のパスワード is rejected with the screen's message."""
    ws = kit.sim.workspace(fixture="approved")
    ids = ws.application(latest_application(ws)["reception_number"])["issued"]["ids"]
    change_password(kit, ws, ids["office_code"], ids["office_password"], ids["office_password"] + "x",
                    NEW_PASSWORD, expect="rejected")


def office_login(ws: Workspace, code: str) -> dict:
    """An office's 事業所コード and 事業所パスワード (the kit knows the workspace's offices)."""
    office = next(o for o in ws.offices() if o["office_code"] == code)
    return {"ログインID": code, "パスワード": office["password"]}


def file_change(kit: Kit, ws: Workspace, data: dict, login: dict, options: dict | None = None,
                expect: str = "done", messages: list[str] | None = None) -> str | None:
    """file_change_application; the report must be the registered 申込受付番号, the record the
    input, and a refused input must leave nothing registered (and carry ``messages``)."""
    s = kit.step(ws, "file_change_application", data, login, options, expect=expect,
                 address=NAC001_ADDRESS)
    expect_messages(s, messages or [])
    apps = ws.applications()
    number = apps[-1]["reception_number"] if apps else None
    if s.status == "done":
        if s.outputs.get("申込受付番号") != number:
            s.fail("report", f"申込受付番号: the client reported {s.outputs.get('申込受付番号')!r}, the NSS registered {number!r}")
        if number:
            app = ws.application(number)
            if app["kind"] != "変更申込" or app["filer"] != {"kind": "office", "id": login["ログインID"]}:
                s.fail("record", f"{number} is a {app['kind']} filed by {app['filer']}")
            kit.check_record(s, ws, number, data)
    elif number:
        s.fail("record", f"{number} was registered although the client reported {s.status}")
    kit.close(s, f"申込受付番号 {number}")
    return number


def change_id_notice(kit: Kit, ws: Workspace, login: dict, number: str) -> Step:
    """read_id_notice of a change (M001 3.④): the added terminals with their 端末アクセスキー and
    認証コード, and the 事業所パスワード masked (a change issues none, M001 l.538)."""
    s = kit.step(ws, "read_id_notice", {"申込受付番号": number}, login, address=NAC001_ADDRESS)
    ids = ws.application(number)["issued"]["ids"]
    out = s.outputs
    if s.status == "done":
        notice = out.get("ID通知内容") or {}
        if notice.get("事業所コード") != ids["office_code"]:
            s.fail("report", f"事業所コード: the client reported {notice.get('事業所コード')!r}")
        if notice.get("事業所パスワード") != "********":
            s.fail("report", f"事業所パスワード: the client reported {notice.get('事業所パスワード')!r}, the screen masks it")
        reported = {
            (r.get("論理端末名"), r.get("端末アクセスキー"), r.get("認証コード1"), r.get("認証コード2"), r.get("認証コード3"))
            for r in out.get("論理端末名 / デジタル証明書") or []
        }
        issued = {(t["name"], t["access_key"], *t["auth_codes"]) for t in ids["terminals"]}
        if reported != issued:
            s.fail("report", f"論理端末名 / デジタル証明書: the client reported {sorted(reported)}, the NSS issued {sorted(issued)}")
    return kit.close(s, f"{len(out.get('論理端末名 / デジタル証明書') or [])} terminals")


def m001(kit: Kit) -> None:
    """M001 手順④: NAC001 adds 2 海上 netNACCS terminals (file_change_application); the center
    approves and issues the certificates; 新着情報 and ID通知内容 with the added terminals."""
    ws = kit.sim.workspace(now=M001_NOW)
    login = office_login(ws, NAC001)
    number = file_change(kit, ws, kit.manual001["file_change_application"], login)
    ws.advance("PT24H")
    ws.review(number, {"decision": "approve"})
    ws.review(number, {"decision": "issue_certificates"})
    news(kit, ws, login, number, APPROVED)
    change_id_notice(kit, ws, login, number)


def change_clarify_amend(kit: Kit) -> None:
    """M004 for a change, logged in with the 事業所コード: the center asks a 確認事項 about the
    client's change; the client answers 修正 with another number of terminals."""
    ws = kit.sim.workspace(now=M001_NOW)
    login = office_login(ws, NAC001)
    data = kit.manual001["file_change_application"]
    number = file_change(kit, ws, data, login)
    ws.advance("PT24H")
    ws.review(number, {"decision": "clarify", "message": CHANGE_CLARIFY})
    corrections = {"論理端末 入力": {"論理端末の追加に関する項目": {"論理端末追加数 (netNACCS) 海上": "3"}}}
    s = kit.step(ws, "answer_clarification", {"申込受付番号": number, "ボタン": AMEND, "修正": corrections},
                 login, address=NAC001_ADDRESS)
    answered(s, ws, number, "申込中")
    if s.status == "done" and s.outputs.get("申込受付番号") != number:
        s.fail("report", f"申込受付番号: the client reported {s.outputs.get('申込受付番号')!r}, expected {number!r}")
    kit.check_record(s, ws, number, merged(data, corrections))
    kit.close(s, f"通知内容 「{s.outputs.get('通知内容', '')[:20]}…」")


def change_save_draft(kit: Kit) -> None:
    """file_change_application with 一時保存 on 論理端末 入力, a new login, and on to 完了."""
    ws = kit.sim.workspace(now=M001_NOW)
    file_change(kit, ws, kit.manual001["file_change_application"], office_login(ws, NAC001),
                {"一時保存": "論理端末 入力"})


def change_invalid(kit: Kit) -> None:
    """A hard case of the change: a terminal count that is not a whole number is rejected with
    the screen's message, and nothing is registered."""
    ws = kit.sim.workspace(now=M001_NOW)
    data = copy.deepcopy(kit.manual001["file_change_application"])
    data["論理端末 入力"]["論理端末の追加に関する項目"]["論理端末追加数 (netNACCS) 海上"] = "1.5"
    file_change(kit, ws, data, office_login(ws, NAC001), expect="rejected", messages=[NOT_DIGITS])


def change_temp_id(kit: Kit) -> None:
    """A hard case: a 仮ログインID cannot file a change (M001: the office's 事業所コード does)."""
    ws = kit.sim.workspace(now=M001_NOW)
    credentials = register(kit, ws, kit.manual, ADDRESS)
    file_change(kit, ws, kit.manual001["file_change_application"], login_of(credentials),
                expect="failed")
# -- システム設定申込 (M004) -------------------------------------------------------------------

SETTINGS_AMEND = "システム設定申込を修正する"
SETTINGS_WITHDRAW = "システム設定申込を取り下げる"
PAST_WISH = "NACCS登録希望日には本日以降の日付を入力してください。"


def file_settings(kit: Kit, ws: Workspace, data: dict, expect: str = "done") -> str | None:
    """file_system_settings by M004's office; the report must be the registered …C number, the
    record the input."""
    before = {a["reception_number"] for a in ws.applications()}
    s = kit.step(ws, "file_system_settings", data["file_system_settings"],
                 office_login(ws, data["office_code"]), address=SETTINGS_ADDRESS, expect=expect)
    new = [a["reception_number"] for a in ws.applications() if a["reception_number"] not in before]
    number = new[0] if new else None
    if expect == "done":
        if s.outputs.get("申込受付番号") != number or not (number or "").endswith("C"):
            s.fail("report", f"申込受付番号: the client reported {s.outputs.get('申込受付番号')!r}, the NSS registered {number!r}")
        if number:
            kit.check_record(s, ws, number, data["file_system_settings"])
    else:
        expect_messages(s, [PAST_WISH])
        if number:
            s.fail("record", f"{number} was registered from refused input")
    kit.close(s, f"申込受付番号 {number}" if number else str(s.run.result.get("messages")))
    return number


def settings_amend(kit: Kit) -> None:
    """M004 ①–⑩ with its data: the office files, the center asks a 確認事項, the client reads it
    and corrects (同じ受付番号), the center approves."""
    data = kit.manual004
    ws = kit.sim.workspace(now=data["now"])
    number = file_settings(kit, ws, data)
    ws.review(number, {"decision": "clarify", "message": data["clarification"]})
    s = kit.step(ws, "answer_system_settings_clarification",
                 {"申込受付番号": number, "ボタン": SETTINGS_AMEND, "修正": data["修正"]},
                 office_login(ws, data["office_code"]), address=SETTINGS_ADDRESS)
    answered(s, ws, number, "申込中")
    if s.status == "done" and s.outputs.get("申込受付番号") != number:
        s.fail("report", f"申込受付番号: the client reported {s.outputs.get('申込受付番号')!r}, expected {number!r}")
    kit.check_record(s, ws, number, merged(data["file_system_settings"], data["修正"]))
    kit.close(s, f"通知内容 「{s.outputs.get('通知内容', '')[:20]}…」")
    ws.review(number, {"decision": "approve"})
    news(kit, ws, office_login(ws, data["office_code"]), number, SETTINGS_APPROVED)


def settings_withdraw(kit: Kit) -> None:
    """M004 取下げ of the client's own システム設定申込 under 確認事項."""
    data = kit.manual004
    ws = kit.sim.workspace(now=data["now"])
    number = file_settings(kit, ws, data)
    ws.review(number, {"decision": "clarify", "message": data["clarification"]})
    s = kit.step(ws, "answer_system_settings_clarification",
                 {"申込受付番号": number, "ボタン": SETTINGS_WITHDRAW},
                 office_login(ws, data["office_code"]), address=SETTINGS_ADDRESS)
    status = answered(s, ws, number, "取下げ")
    if s.status == "done" and s.outputs.get("ステータス") != status:
        s.fail("report", f"ステータス: the client reported {s.outputs.get('ステータス')!r}, the NSS shows {status!r}")
    kit.close(s, f"ステータス {s.outputs.get('ステータス')}")


def settings_past_wish(kit: Kit) -> None:
    """A hard case: a NACCS登録希望日 already past is rejected on 利用者コード 選択, nothing filed."""
    data = copy.deepcopy(kit.manual004)
    data["file_system_settings"]["利用者コード 選択"]["NACCS登録希望日に関する項目"]["NACCS登録希望日"] = "20210201"
    ws = kit.sim.workspace(now=data["now"])
    file_settings(kit, ws, data, expect="rejected")


SCENARIOS = {
    "m000": m000,
    "m002": m002,
    "m003": m003,
    "general_lines": general_lines,
    "save_draft": save_draft,
    "clarify_amend": clarify_amend,
    "clarify_withdraw": clarify_withdraw,
    "invalid_input": invalid_input,
    "expired_temp_id": expired_temp_id,
    "extended": extended,
    "id_notice_masked": id_notice_masked,
    "wrong_current_password": wrong_current_password,
    "m001": m001,
    "change_clarify_amend": change_clarify_amend,
    "change_save_draft": change_save_draft,
    "change_invalid": change_invalid,
    "change_temp_id": change_temp_id,
    "settings_amend": settings_amend,
    "settings_withdraw": settings_withdraw,
    "settings_past_wish": settings_past_wish,
}
