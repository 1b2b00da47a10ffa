#!/usr/bin/env python3
"""FAULTY ADAPTER: hyphens in phone numbers.

Fault: the integration keeps phone and FAX numbers formatted for print (03-3501-0953) and types
them so, where NSS takes digits only (M000 【6】: 「-」(ハイフン)を入力せずに、数字のみ入力して
ください).
Caught by: the report check of register_temp_account (client/m000_new_application.feature 「マニュアルのデータで仮ログイン登録から利用申込の登録まで行う」): the kit expects done, the
client reports rejected on 「申込担当者 入力」 with 「電話番号は「-」(ハイフン)を入力せずに、数字のみ
入力してください。」; the journal shows POST apply/input 「申込内容確認へ進む」 → validation_error.
"""

import sys

from reference import Client, main


def hyphenated(number: str) -> str:
    """0335010953 → 03-3501-0953; 0527654321 → 052-765-4321; 09012345678 → 090-1234-5678."""
    if len(number) == 11:
        return f"{number[:3]}-{number[3:7]}-{number[7:]}"
    if number[:2] in ("03", "06"):
        return f"{number[:2]}-{number[2:6]}-{number[6:]}"
    return f"{number[:3]}-{number[3:6]}-{number[6:]}"


class HyphenatedPhones(Client):
    def text_value(self, field, value):
        label = field.get("label", "")
        if ("電話番号" in label or "FAX番号" in label) and value.isdigit() and len(value) >= 10:
            return hyphenated(value)
        return super().text_value(field, value)


if __name__ == "__main__":
    sys.exit(main(HyphenatedPhones))
