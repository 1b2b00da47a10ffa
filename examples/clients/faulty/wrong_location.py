#!/usr/bin/env python3
"""FAULTY ADAPTER: the wrong 所在地 option.

Fault: the integration's data model stores the 本社 address explicitly, so on 事業所・企業 入力 it
always picks 「その他(下欄に入力してください)」 and types the 事業所's address into the 本社 rows,
where the manual chooses 「事業所に同じ」 (M000 【16】(3)). Every value looks right on 申込内容
確認; only the choice is wrong.
Caught by: the record check of file_application (client/m000_new_application.feature 「マニュアルのデータで仮ログイン登録から利用申込の登録まで行う」): 「事業所・企業 入力 /
本社に関する項目 / 所在地: expected 「事業所に同じ」, recorded 「その他(下欄に入力してください)」」.
"""

import sys

from reference import Client, main

SAME = "事業所に同じ"
OTHER = "その他(下欄に入力してください)"
COPIED = ("郵便番号", "住所(都道府県)", "住所(市区町村)", "住所(その他)", "住所(フリガナ)", "電話番号", "FAX番号")


class ExplicitHeadOffice(Client):
    def screen_values(self, title, values):
        hq = values.get("本社に関する項目")
        office = values.get("事業所に関する項目")
        if title == "事業所・企業 入力" and hq and office and hq.get("所在地") == SAME:
            hq["所在地"] = OTHER
            for label in COPIED:
                hq[label] = office.get(label, "")
        return super().screen_values(title, values)


if __name__ == "__main__":
    sys.exit(main(ExplicitHeadOffice))
