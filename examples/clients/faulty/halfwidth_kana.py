#!/usr/bin/env python3
"""FAULTY ADAPTER: half-width kana in the フリガナ fields.

Fault: the integration passes every フリガナ through the half-width katakana conversion of a
legacy system (ボウエキ → ﾎﾞｳｴｷ); NSS asks for full-width katakana (M000 【6】 (全角カナ)).
Caught by: the report check of register_temp_account (client/m000_new_application.feature 「マニュアルのデータで仮ログイン登録から利用申込の登録まで行う」): the kit expects done, the
client reports rejected on 「申込担当者 入力」 with 「企業名(フリガナ)は全角カナで入力してください。」
and the same for 氏名(フリガナ) 姓 and 名; the journal shows POST apply/input → validation_error.
"""

import sys
import unicodedata

from reference import Client, main

FULL = "ァアィイゥウェエォオカキクケコサシスセソタチッツテトナニヌネノハヒフヘホマミムメモャヤュユョヨラリルレロワヲンー・"
HALF = "ｧｱｨｲｩｳｪｴｫｵｶｷｸｹｺｻｼｽｾｿﾀﾁｯﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓｬﾔｭﾕｮﾖﾗﾘﾙﾚﾛﾜｦﾝｰ･"
# Voiced and semi-voiced kana decompose (NFD) into the base kana and a combining mark.
TABLE = str.maketrans(FULL + "\u3099\u309a", HALF + "ﾞﾟ")


def half_width(text: str) -> str:
    return unicodedata.normalize("NFD", text).translate(TABLE)


class HalfWidthKana(Client):
    def text_value(self, field, value):
        if "フリガナ" in field.get("label", ""):
            return half_width(value)
        return super().text_value(field, value)


if __name__ == "__main__":
    sys.exit(main(HalfWidthKana))
