#!/usr/bin/env python3
"""FAULTY ADAPTER: the 申込担当者's FAX number dropped.

Fault: the integration's contact model holds a phone number and an e-mail address but no FAX, so
the 申込担当者's FAX番号 is never typed (not at 仮ログイン登録, and not on the application, where
the field is pre-filled from it).
Caught by: the record check of file_application (client/m000_new_application.feature 「任意の項目と繰り返しの項目をすべて使うデータで利用申込を登録する」,
whose 申込担当者 has a FAX; manual 000's has none): 「申込担当者 入力 / 申込担当者に関する項目 / FAX番号:
expected 「0527654322」, recorded 「」」.
"""

import sys

from reference import Client, main


class NoApplicantFax(Client):
    def text_value(self, field, value):
        if field.get("section") == "申込担当者に関する項目" and field.get("label") == "FAX番号":
            return None
        return super().text_value(field, value)


if __name__ == "__main__":
    sys.exit(main(NoApplicantFax))
