#!/usr/bin/env python3
"""FAULTY ADAPTER: the wrong number read from the mail.

Fault: the mail parser takes 「the 7-digit number of the message」 for the 仮ログインID and, of
several, the last one; in 【NSS】仮アカウント登録完了のお知らせ that is the NACCS center's postal
code in the signature (〒2120013), not the 仮ログインID (M000 【9】).
Caught by: the report check of register_temp_account (client/m000_new_application.feature 「マニュアルのデータで仮ログイン登録から利用申込の登録まで行う」): 「仮ログインID: the client
reported '2120013', the mail says '1843951'」 (the ID depends on the seed).
"""

import re
import sys

from reference import Client, main


class WrongNumberFromMail(Client):
    def temp_credentials(self, mail):
        found = super().temp_credentials(mail)
        numbers = re.findall(r"(?<!\d)\d{7}(?!\d)", mail.text())
        if numbers:
            found["仮ログインID"] = numbers[-1]
        return found


if __name__ == "__main__":
    sys.exit(main(WrongNumberFromMail))
