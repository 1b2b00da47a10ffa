"""file_change_application: 変更申込 (M001 手順④), logged in with the 事業所コード: メインメニュー
「契約内容確認」 → 契約情報 参照 「契約情報を変更する」 → 変更申込ガイダンス 「申込内容選択へ進む」
→ each screen of the change the NSS shows, filled from the input object of the same title → 完了.
With 一時保存 and resuming when the task asks for it, as file_application."""

from __future__ import annotations

from ..client import BUTTON_KEY, Client
from ..screen import Screen
from ..task import Failed
from .application import NEW_CODE, SETTINGS, fill_user_code, reception_number, walk
from .portal import MENU

CONTRACT = "contract.detail"
GUIDANCE = "change_application.guidance"
COMPLETE = "change_application.complete"
CHANGE_CODES = "change_application.user_codes"
CHANGE_CODE_DETAIL = "change_application.user_code_detail"
# The list of 利用者コード 入力 of a change in an input, and its entries' keys (docs/kit.md).
CODE_ROWS = "申込情報(利用者コード)"
CODE_KIND = "申込内容"
CODE = "利用者コード"

# The button that leaves each screen of the change forward (M001 ④–⑦; the screens of the other
# change items are the new application's, left by 「次へ進む」).
FORWARD = {
    "change_application.items": "申込担当者の入力へ進む",
    "change_application.applicant": "次へ進む",
    "change_application.office": "次へ進む",
    "change_application.user_codes": "次へ進む",
    "change_application.terminals": "次へ進む",
    "change_application.mailbox": "次へ進む",
    "change_application.plan": "次へ進む",
    "change_application.billing": "次へ進む",
    "change_application.confirm": "申込内容を登録する",
}


def file_change_application(client: Client) -> dict:
    client.login()
    s = client.screen
    # A login after 一時保存 resumes on the saved screen of the change.
    if s.id not in FORWARD:
        if s.id != MENU:
            raise Failed(f"the login showed {s.described()}, not メインメニュー: a change is filed "
                         "with the 事業所コード", s.errors, s.title)
        # M001 ①②③.
        client.follow("契約内容確認")
        client.expect(CONTRACT)
        client.press("契約情報を変更する")
        client.expect(GUIDANCE)
        client.press("申込内容選択へ進む")
    done = walk(client, client.task.input, save_at=client.task.options.get("一時保存"),
                forward=FORWARD, complete=COMPLETE)
    return {"申込受付番号": reception_number(done)}


def set_code_changes(client: Client, rows: list) -> None:
    """利用者コード 入力 of a change: each object of ``rows`` is a code to add (申込内容 「追加」,
    entered as the new application's), to change (「変更」: its 「修正」, then its 識別番号 settings
    replaced by the object's and its 管理統計資料 set) or to delete (「削除」); codes not listed
    are left as the contract has them."""
    if not isinstance(rows, list):
        raise Failed(f"「{CODE_ROWS}」 is a list of 利用者コード objects")
    for row in rows:
        row = dict(row)
        kind = row.pop(CODE_KIND, "追加")
        code = row.pop(CODE, "")
        row.pop(BUTTON_KEY, None)
        if kind == "追加":
            client.press(NEW_CODE)
            client.expect(CHANGE_CODE_DETAIL)
            fill_user_code(client, row, CHANGE_CODES)
        elif kind == "変更":
            client.press("修正", index=row_button(client.screen, code, "修正"))
            client.expect(CHANGE_CODE_DETAIL)
            for _ in range(50):
                if not client.screen.records(SETTINGS):
                    break
                client.press("取消")
            fill_user_code(client, row, CHANGE_CODES)
        elif kind == "削除":
            client.press("削除", index=row_button(client.screen, code, "削除"))
            client.expect(CHANGE_CODES)
        else:
            raise Failed(f"「{CODE_KIND}」 of a 利用者コード is 追加, 変更 or 削除, not 「{kind}」")


def row_button(screen: Screen, code: str, label: str) -> int:
    """Which of the buttons printed ``label`` is on the first line of ``code`` in
    申込情報(利用者コード) (the list's only table with buttons)."""
    n = 0
    for r in screen.records(CODE_ROWS):
        has = label in r.values()
        if has and r.get(CODE) == code:
            return n
        if has:
            n += 1
    raise Failed(f"{CODE_ROWS} lists no 利用者コード 「{code}」 with 「{label}」", screen=screen.title)
