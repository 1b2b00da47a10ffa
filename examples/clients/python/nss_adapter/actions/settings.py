"""file_system_settings: システム設定申込 of an office (M004 ⑤–⑩, M002 3.1), with 一時保存 and
resuming when the task asks for it; answer_system_settings_clarification: its 確認事項 (M004 ①–⑩),
「システム設定申込を修正する」 with the given corrections, or 「システム設定申込を取り下げる」."""

from __future__ import annotations

import copy

from ..client import Client
from ..screen import Screen
from ..task import Failed
from .application import reception_number, resume
from .clarification import Clarification, open_and_choose
from .portal import MENU, application_number

START = "システム設定の申込"
GUIDANCE = "system_settings.guidance"
CODES = "system_settings.codes"
CODE = "system_settings.code"
COMPLETE = "system_settings.complete"
DETAIL = "system_settings.detail"
# 利用者コード 選択: the office's codes (設定情報, 「選択」) and this application's (申込情報, 「修正」).
CODES_TITLE = "利用者コード 選択"
OFFERED = "設定情報"
ROWS = "申込情報"
CODE_KEY = "利用者コード"
SAVE = {"申込内容を一時保存する", "申込内容を一時的に保存する"}
MAX_SCREENS = 20

# The button that leaves each screen forward (M004 ⑤⑧⑨).
FORWARD = {
    "system_settings.applicant": "システム設定申込の入力へ進む",
    CODES: "システム設定申込確認へ進む",
    "system_settings.confirm": "システム設定申込を登録する",
}

# M004 ②③: the 新着情報 line and the 進行状況 row of the center's 確認事項.
CLARIFICATION = Clarification(
    news="システム設定申込内容に確認事項があります。",
    answer="システム設定申込 回答(内容確認)",
    amend="システム設定申込を修正する",
    withdraw="システム設定申込を取り下げる",
    detail=DETAIL,
)


def file_system_settings(client: Client) -> dict:
    client.login()
    # A login after 一時保存 resumes on the saved screen; otherwise メインメニュー.
    if client.screen.id == MENU:
        if client.screen.link(START) is None:
            raise Failed(f"メインメニュー has no 「{START}」 (a 事業所コード files it)",
                         screen=client.screen.title)
        client.follow(START)
        client.expect(GUIDANCE)
        client.press("次へ進む")
    done = walk(client, client.task.input, save_at=client.task.options.get("一時保存"))
    return {"申込受付番号": reception_number(done)}


def walk(client: Client, screens: dict, save_at: str | None = None, amend: bool = False) -> Screen:
    """From the current screen to 完了, each screen filled from the input object of its title and
    left by its forward button (``save_at``: the title of the screen left once by 一時保存).
    ``amend``: the 申込情報 objects correct the rows already there instead of making the list."""
    filled: set[str] = set()
    for _ in range(MAX_SCREENS):
        s = client.screen
        if s.id == COMPLETE:
            return s
        if s.id not in FORWARD:
            raise Failed(f"unexpected screen {s.described()}", s.errors, s.title)
        values = {} if s.title in filled else copy.deepcopy(screens.get(s.title) or {})
        values = client.screen_values(s.title, values)
        filled.add(s.title)
        if s.id == CODES and ROWS in values:
            set_codes(client, values.pop(ROWS), amend)
        if save_at == s.title:
            save_at = None
            save = next((b["label"] for b in (s.form or {}).get("buttons") or []
                         if b.get("label") in SAVE), None)
            if save is None:
                raise Failed(f"「{s.title}」 has no 一時保存 button", screen=s.title)
            client.press(save, values)
            resume(client, s.title)
            continue
        client.press(FORWARD[s.id], values)
    raise Failed(f"still not at 完了 after {MAX_SCREENS} screens")


def row_index(screen: Screen, caption: str, code: str) -> int | None:
    for i, row in enumerate(screen.records(caption)):
        if row.get(CODE_KEY) == code:
            return i
    return None


def set_codes(client: Client, rows: list, amend: bool) -> None:
    """利用者コード 選択 (M004 ⑥⑦): each object sets one 利用者コード on システム設定情報 入力 — its
    row's 「修正」 when 申込情報 holds it, else its 「選択」 in 設定情報 — then 「この内容で設定する」.
    Filing makes 申込情報 exactly ``rows`` (rows already there are removed first)."""
    if not isinstance(rows, list):
        raise Failed(f"「{ROWS}」 is a list of 利用者コード objects")
    if not amend:
        for _ in range(len(client.screen.records(ROWS))):
            client.press("削除")
    for row in rows:
        row = dict(row)
        code = row.pop(CODE_KEY, None)
        if not isinstance(code, str):
            raise Failed(f"each object of 「{ROWS}」 names its 「{CODE_KEY}」")
        s = client.expect(CODES)
        i = row_index(s, ROWS, code)
        if i is not None:
            client.press("修正", index=i)
        else:
            i = row_index(s, OFFERED, code)
            if i is None:
                raise Failed(f"設定情報 lists no 利用者コード {code}", screen=s.title)
            client.press("選択", index=i)
        client.expect(CODE)
        client.press("この内容で設定する", row)
        client.expect(CODES)


def answer_system_settings_clarification(client: Client) -> dict:
    number = application_number(client)
    amend, outputs = open_and_choose(client, number, CLARIFICATION)
    if amend:
        # M004 ⑤–⑨: the screens re-open with what was registered; only the corrections change.
        done = walk(client, client.task.input.get("修正") or {}, amend=True)
        outputs["申込受付番号"] = reception_number(done)
    else:
        client.expect(DETAIL)
        outputs["ステータス"] = client.screen.items("申込概要").get("ステータス", "")
    return outputs
