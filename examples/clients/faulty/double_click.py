#!/usr/bin/env python3
"""FAULTY ADAPTER: a double click on 「申込内容を登録する」.

Fault: the registration is posted twice, as by an impatient double click (or a retry on a slow
answer); the NSS accepts the first and answers the second, a stale form, with the manual's
「予期しない操作」, which is what the browser then shows.
Caught by: the conduct check of register_temp_account (client/m000_new_application.feature 「マニュアルのデータで仮ログイン登録から利用申込の登録まで行う」): the journal holds two
POST apply/confirm 「申込内容を登録する」, the second → unexpected_operation (「申込内容を登録する」
posted 2 times; 予期しない操作).
"""

import sys

from reference import Client, main


class DoubleClick(Client):
    def send(self, url, pairs, button, multipart, uploads):
        if button.get("label") == "申込内容を登録する":
            # The first click: its answer is never looked at.
            self.browser.send_form(url, pairs, multipart, uploads)
        return super().send(url, pairs, button, multipart, uploads)


if __name__ == "__main__":
    sys.exit(main(DoubleClick))
