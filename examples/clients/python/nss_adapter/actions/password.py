"""change_password: パスワードの変更 (M001 メニュー一覧 ユーザー情報), logged in with the 事業所コード."""

from __future__ import annotations

from ..client import Client
from ..task import Failed
from .portal import MENU

TITLE = "パスワードの変更"
CHANGED = "パスワードを変更しました。"


def change_password(client: Client) -> dict:
    values = client.task.input.get(TITLE)
    if not isinstance(values, dict):
        raise Failed(f"the input has no 「{TITLE}」")
    client.login()
    client.expect(MENU)
    client.follow(TITLE)
    client.expect("user.password")
    client.press("パスワードを変更する", client.screen_values(TITLE, values))
    if CHANGED not in client.screen.notices:
        raise Failed(f"「{TITLE}」 did not say 「{CHANGED}」", client.screen.notices, client.screen.title)
    return {"メッセージ": CHANGED}
