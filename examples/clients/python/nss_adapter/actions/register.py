"""register_temp_account: 仮ログイン登録 (M000 【4】–【11】), then the 仮ログインID and 仮パスワード
read from the mail 【NSS】仮アカウント登録完了のお知らせ."""

from __future__ import annotations

import time

from ..client import Client
from ..mailbox import MailReader
from ..task import Failed

TITLE = "申込担当者 入力"
SUBJECT = "【NSS】仮アカウント登録完了のお知らせ"


def register_temp_account(client: Client) -> dict:
    task = client.task
    values = task.input.get(TITLE)
    if not isinstance(values, dict):
        raise Failed(f"the input has no 「{TITLE}」")
    values = client.screen_values(TITLE, values)
    box = task.mailbox
    if box is not None and not box.address:
        box.address = values.get("申込担当者に関する項目", {}).get("E-mailアドレス 登録用", "")
    mails = MailReader(box, timeout=max(1.0, min(10.0, task.remaining())))
    seen = mails.last_id()
    # 【4】 the bulletin board's 「新規申込」; 【5】 the consent to the システム利用規程.
    client.open("bbs/")
    client.follow("新規申込")
    client.expect("temp_account.guidance")
    client.press("システム利用規程に同意する")
    # 【6】【7】 申込担当者 入力 → 申込内容 確認 → 登録.
    client.expect("temp_account.input")
    client.press("申込内容確認へ進む", values)
    client.expect("temp_account.confirm")
    client.press("申込内容を登録する")
    client.expect("temp_account.complete")
    # 【8】【9】 the mail with the 仮ログインID and 仮パスワード.
    mail = mails.wait_for(SUBJECT, seen, time.monotonic() + max(0.0, task.remaining() - 1.0))
    return client.temp_credentials(mail)
