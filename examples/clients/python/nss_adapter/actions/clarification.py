"""answer_clarification (M004): find the 確認事項 in 新着情報, read the center's message in
進行状況, then 「利用申込を修正する」 with the given corrections, or 「利用申込を取り下げる」."""

from __future__ import annotations

from ..client import BUTTON_KEY, Client
from ..task import Failed
from . import change
from .application import reception_number, walk
from .portal import MENU, NEWS, application_number, open_application

class Clarification:
    """The words of one kind's 確認事項 (M004 ②③): the 新着情報 line the center leaves, the
    進行状況 row that carries its message in 通知内容, the two buttons, and the 参照 screen."""

    def __init__(self, news: str, answer: str, amend: str, withdraw: str, detail: str):
        self.news, self.answer, self.amend, self.withdraw, self.detail = news, answer, amend, withdraw, detail


# A 利用申込's (new or change).
APPLICATION = Clarification(
    news="利用申込内容に確認事項があります。",
    answer="利用申込 回答(内容確認)",
    amend="利用申込を修正する",
    withdraw="利用申込を取り下げる",
    detail="applications.detail",
)


def open_and_choose(client: Client, number: str, kind: Clarification) -> tuple[bool, dict]:
    """The shared first half of every answer: the task's choice checked, the login, the 確認事項
    found in 新着情報, the center's message read in 進行状況 (answered as 「通知内容」), and the
    choice pressed. Answers whether the choice was the 修正, and the outputs so far."""
    choice = client.task.input.get(BUTTON_KEY)
    if choice not in (kind.amend, kind.withdraw):
        raise Failed(f"「{BUTTON_KEY}」 must be 「{kind.amend}」 or 「{kind.withdraw}」, not {choice!r}")
    client.login()
    client.expect(MENU)
    asked = [
        line for line in client.screen.records(NEWS)
        if line.get("ID") == f"【{number}】" and line.get("内容", "").startswith(kind.news)
    ]
    if not asked:
        raise Failed(f"新着情報 shows no 確認事項 for {number}", screen=client.screen.title)
    open_application(client, number, kind.detail)
    answers = [r.get("通知内容", "") for r in client.screen.records("進行状況") if r.get("作業項目") == kind.answer]
    if not answers:
        raise Failed(f"進行状況 of {number} shows no 「{kind.answer}」", screen=client.screen.title)
    client.press(choice)
    return choice == kind.amend, {"通知内容": answers[-1]}


def answer_clarification(client: Client) -> dict:
    number = application_number(client)
    amend, outputs = open_and_choose(client, number, APPLICATION)
    if amend and client.screen.id == change.GUIDANCE:
        # A change (M001) re-opens at its guidance; then its screens, pre-filled.
        client.press("申込内容選択へ進む")
        done = walk(client, client.task.input.get("修正") or {}, forward=change.FORWARD,
                    complete=change.COMPLETE)
        outputs["申込受付番号"] = reception_number(done)
    elif amend:
        # M004 ④: the application's screens re-open pre-filled; only the corrections change.
        outputs["申込受付番号"] = reception_number(walk(client, client.task.input.get("修正") or {}))
    else:
        client.expect("applications.detail")
        outputs["ステータス"] = client.screen.items("申込内容").get("ステータス", "")
    return outputs
