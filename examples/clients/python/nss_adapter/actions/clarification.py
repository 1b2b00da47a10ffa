"""answer_clarification (M004): find the 確認事項 in 新着情報, read the center's message in
進行状況, then 「利用申込を修正する」 with the given corrections, or 「利用申込を取り下げる」."""

from __future__ import annotations

from ..client import BUTTON_KEY, Client
from ..task import Failed
from . import change
from .application import reception_number, walk
from .portal import MENU, NEWS, application_number, open_application

# M004 ②: the 新着情報 line the center's 確認事項 leaves.
CLARIFICATION = "利用申込内容に確認事項があります。"
# M004 ③: the 進行状況 row that carries the center's message in 通知内容.
ANSWER = "利用申込 回答(内容確認)"
AMEND = "利用申込を修正する"
WITHDRAW = "利用申込を取り下げる"


def answer_clarification(client: Client) -> dict:
    number = application_number(client)
    choice = client.task.input.get(BUTTON_KEY)
    if choice not in (AMEND, WITHDRAW):
        raise Failed(f"「{BUTTON_KEY}」 must be 「{AMEND}」 or 「{WITHDRAW}」, not {choice!r}")
    client.login()
    client.expect(MENU)
    asked = [
        line for line in client.screen.records(NEWS)
        if line.get("ID") == f"【{number}】" and line.get("内容", "").startswith(CLARIFICATION)
    ]
    if not asked:
        raise Failed(f"新着情報 shows no 確認事項 for {number}", screen=client.screen.title)
    open_application(client, number)
    answers = [r.get("通知内容", "") for r in client.screen.records("進行状況") if r.get("作業項目") == ANSWER]
    if not answers:
        raise Failed(f"進行状況 of {number} shows no 「{ANSWER}」", screen=client.screen.title)
    outputs = {"通知内容": answers[-1]}
    client.press(choice)
    if choice == AMEND and client.screen.id == change.GUIDANCE:
        # A change (M001) re-opens at its guidance; then its screens, pre-filled.
        client.press("申込内容選択へ進む")
        done = walk(client, client.task.input.get("修正") or {}, forward=change.FORWARD,
                    complete=change.COMPLETE)
        outputs["申込受付番号"] = reception_number(done)
    elif choice == AMEND:
        # M004 ④: the application's screens re-open pre-filled; only the corrections change.
        outputs["申込受付番号"] = reception_number(walk(client, client.task.input.get("修正") or {}))
    else:
        client.expect("applications.detail")
        outputs["ステータス"] = client.screen.items("申込内容").get("ステータス", "")
    return outputs
