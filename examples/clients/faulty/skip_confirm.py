#!/usr/bin/env python3
"""FAULTY ADAPTER: the confirmation screen skipped.

Fault: after 「申込内容確認へ進む」 the integration does not open 申込内容 確認: it replays the
recorded 「申込内容を登録する」 request to the confirmation screen's address at once, with the
token of the form it already has (M000 【7】【23】 ask the applicant to check the screen first).
Caught by: the conduct check of register_temp_account (client/m000_new_application.feature 「マニュアルのデータで仮ログイン登録から利用申込の登録まで行う」): the journal shows POST
apply/input → 303, then POST apply/confirm 「申込内容を登録する」 with no GET of
temp_account.confirm in between (posted without being shown it) → unexpected_operation.
"""

import sys

from reference import Client, main


class SkipConfirm(Client):
    def send(self, url, pairs, button, multipart, uploads):
        if button.get("label") != "申込内容確認へ進む":
            return super().send(url, pairs, button, multipart, uploads)
        answer = self.browser.send_form(url, pairs, multipart, uploads)
        if answer.status != 303 or not answer.location:
            return self.browser.screen(answer)
        token = dict(pairs).get("_flow", "")
        return self.browser.post(answer.location, [("_flow", token), ("op", "register")])


if __name__ == "__main__":
    sys.exit(main(SkipConfirm))
