"""Each faulty adapter of examples/clients/faulty/, the scenario that must catch it, and the check
(kind of problem, and a piece of its message) that must fail."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Fault:
    adapter: str  # file name in examples/clients/faulty/
    scenario: str
    kind: str  # report | record | conduct | crash
    evidence: str  # a piece of the problem's message


FAULTS = [
    Fault("hyphen_phone.py", "m000", "report", "ハイフン"),
    Fault("halfwidth_kana.py", "m000", "report", "全角カナで入力してください"),
    Fault("double_click.py", "m000", "conduct", "「申込内容を登録する」 posted 2 times"),
    Fault("skip_confirm.py", "m000", "conduct", "without being shown"),
    Fault("wrong_mail_number.py", "m000", "report", "仮ログインID: the client reported"),
    Fault("done_on_error.py", "invalid_input", "report", "expected rejected, the client reported done"),
    Fault("drop_fax.py", "extended", "record", "申込担当者に関する項目 / FAX番号"),
    Fault("wrong_location.py", "m000", "record", "本社に関する項目 / 所在地"),
]
