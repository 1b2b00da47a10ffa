"""file_change_application: 変更申込 (M001 手順④), logged in with the 事業所コード: メインメニュー
「契約内容確認」 → 契約情報 参照 「契約情報を変更する」 → 変更申込ガイダンス 「申込内容選択へ進む」
→ each screen of the change the NSS shows, filled from the input object of the same title → 完了.
With 一時保存 and resuming when the task asks for it, as file_application."""

from __future__ import annotations

from ..client import Client
from ..task import Failed
from .application import reception_number, walk
from .portal import MENU

CONTRACT = "contract.detail"
GUIDANCE = "change_application.guidance"
COMPLETE = "change_application.complete"

# The button that leaves each screen of the change forward (M001 ④–⑦; the screens of the other
# change items are the new application's, left by 「次へ進む」).
FORWARD = {
    "change_application.items": "申込担当者の入力へ進む",
    "change_application.applicant": "次へ進む",
    "change_application.office": "次へ進む",
    "change_application.terminals": "次へ進む",
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
