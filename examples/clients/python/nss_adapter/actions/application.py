"""file_application: 新規利用申込 (M000 【12】–【24】 and 完了), with 一時保存 and resuming when the
task asks for it; and the walk through the application's input screens that 修正 (M004) shares."""

from __future__ import annotations

import copy
import re

from ..client import BUTTON_KEY, Client
from ..screen import Screen
from ..task import Failed

GUIDANCE = "new_application.guidance"
COMPLETE = "new_application.complete"
USER_CODES = "new_application.user_codes"
USER_CODE_DETAIL = "new_application.user_code_detail"
LINES = "new_application.lines"
LINE_DETAIL = "new_application.line_detail"
# 回線・論理端末 入力: the list of lines, filled from 回線サービス・論理端末情報 入力 (M003).
LINE_ROWS = "申込情報(回線)"
NEW_LINE = "新規に回線・論理端末を追加する"
SAVE = "申込内容を一時保存する"
# 利用者コード 入力: the list's table and the detail's table of 識別番号 settings (M000 【17】【18】).
ROWS = "申込情報"
SETTINGS = "設定した利用者コード情報"
IDENT = "識別番号に関する項目"
NEW_CODE = "新規に利用者コードを追加する"
MAX_SCREENS = 40

# The button that leaves each input screen forward, in the manual's order (M000 【15】–【24】;
# M003 for 回線・論理端末 and メールボックス on the 一般NACCS path). On 事業所・企業 入力 the input's
# 「ボタン」 chooses between netNACCS and 一般NACCS (【16】(5)).
FORWARD = {
    "new_application.applicant": "次へ進む",
    "new_application.office": "netNACCSを利用する",
    USER_CODES: "次へ進む",
    "new_application.terminals": "次へ進む",
    LINES: "次へ進む",
    "new_application.mailbox": "次へ進む",
    "new_application.plan": "次へ進む",
    "new_application.billing": "申込内容確認へ進む",
    "new_application.confirm": "申込内容を登録する",
}


def file_application(client: Client) -> dict:
    client.login()
    if client.screen.id == "menu.main":
        raise Failed("this ログインID has already registered its application", screen=client.screen.title)
    # 【14】 the guidance comes first; a login after 一時保存 resumes on the saved screen instead.
    if client.screen.id == GUIDANCE:
        client.press("次へ進む")
    done = walk(client, client.task.input, save_at=client.task.options.get("一時保存"))
    return {"申込受付番号": reception_number(done)}


def walk(client: Client, screens: dict, save_at: str | None = None,
         forward: dict | None = None, complete: str = COMPLETE) -> Screen:
    """From the current input screen to 完了: each screen the NSS shows is filled with the object
    of the same title in ``screens`` (screens without one are left as they are) and left by its
    forward button. ``save_at``: the title of the screen to leave by 「申込内容を一時保存する」
    once, logging in again afterwards. ``forward`` and ``complete``: the procedure's forward
    buttons by screen id and its 完了 (the new application's by default)."""
    forward = FORWARD if forward is None else forward
    filled: set[str] = set()
    for _ in range(MAX_SCREENS):
        s = client.screen
        if s.id == complete:
            return s
        if s.id not in forward:
            raise Failed(f"unexpected screen {s.described()}", s.errors, s.title)
        given = screens.get(s.title) or {}
        button = given.get(BUTTON_KEY) or forward[s.id]
        # A screen resumed after 一時保存 keeps what was entered: it is only left.
        values = {} if s.title in filled else client.screen_values(s.title, copy.deepcopy(given))
        values.pop(BUTTON_KEY, None)
        filled.add(s.title)
        if save_at == s.title:
            save_at = None
            fill_screen(client, values, SAVE)
            resume(client, s.title)
            continue
        fill_screen(client, values, button)
    raise Failed(f"still not at 完了 after {MAX_SCREENS} screens")


def fill_screen(client: Client, values: dict, button: str) -> Screen:
    from .change import CHANGE_CODES, CODE_ROWS, set_code_changes
    if client.screen.id == USER_CODES and ROWS in values:
        set_user_codes(client, values.pop(ROWS))
    if client.screen.id == CHANGE_CODES and CODE_ROWS in values:
        set_code_changes(client, values.pop(CODE_ROWS))
    if client.screen.id == LINES and LINE_ROWS in values:
        set_lines(client, values.pop(LINE_ROWS))
    values = client.attach(values)
    return client.press(button, values)


def resume(client: Client, title: str) -> None:
    """M000 一時保存: the draft is saved and the session ends; the next login (here in a new
    browser, as on another day) resumes on the saved screen."""
    client.expect("login.form")
    client.browser = client.new_browser()
    client.login()
    if client.screen.title != title:
        raise Failed(f"the login after 一時保存 showed 「{client.screen.title}」, not 「{title}」",
                     screen=client.screen.title)


def set_user_codes(client: Client, rows: list) -> None:
    """利用者コード 入力 (M000 【17】–【19】): the rows of 申込情報 become exactly ``rows``."""
    if not isinstance(rows, list):
        raise Failed(f"「{ROWS}」 is a list of 利用者コード objects")
    for _ in range(len(client.screen.records(ROWS))):
        client.press("削除")
    for row in rows:
        add_user_code(client, row)


def add_user_code(client: Client, row: dict) -> None:
    """One 利用者コード: the list's button, then every 識別番号 setting with 「設定する」 (【18】),
    then 「この内容で設定する」 (【19】)."""
    row = dict(row)
    opener = row.pop(BUTTON_KEY, NEW_CODE)
    client.press(opener)
    client.expect(USER_CODE_DETAIL)
    fill_user_code(client, row, USER_CODES)


def fill_user_code(client: Client, row: dict, list_id: str) -> None:
    """The detail of a 利用者コード (【18】), open: every 識別番号 setting of ``row`` with 「設定する」,
    then 「この内容で設定する」, which leads back to the list ``list_id`` (the change's 利用者コード
    入力 uses it too)."""
    row = dict(row)
    settings = row.pop(SETTINGS, [])
    ident = row.pop(IDENT, {})
    for setting in settings:
        client.press("設定する", {**row, IDENT: {**ident, **setting}})
    client.press("この内容で設定する", {**row, IDENT: ident})
    client.expect(list_id)


def set_lines(client: Client, rows: list) -> None:
    """回線・論理端末 入力 (M003): the rows of 申込情報(回線) become exactly ``rows``, each entered
    on 回線サービス・論理端末情報 入力 and set with 「この内容で設定する」."""
    if not isinstance(rows, list):
        raise Failed(f"「{LINE_ROWS}」 is a list of 回線 objects")
    client.clear_list("接続方式")
    for row in rows:
        client.press(NEW_LINE)
        client.expect(LINE_DETAIL)
        client.press("この内容で設定する", row)
        client.expect(LINES)


def reception_number(screen: Screen) -> str:
    """完了: 申込受付番号「1830304A」."""
    for text in screen.texts:
        m = re.search(r"申込受付番号「(.+?)」", text)
        if m:
            return m.group(1)
    raise Failed("完了 shows no 申込受付番号", screen=screen.title)
