"""The stored application in the task input's shape, and the field-by-field comparison of a task's
input with it (docs/kit.md, "The record").

The simulator API stores an application's values by field name and option code; the screen
catalogue (GET /_sim/api/screens) says with which section, label and option label each is
printed. The kit will read this shape from the API itself; this is the harness's stand-in."""

from __future__ import annotations

import base64
import binascii

BUTTON = "ボタン"
# Each input screen of the new application and the part of the stored content it fills.
PARTS = [
    ("new_application.applicant", "applicant"),
    ("new_application.office", "office"),
    ("new_application.user_codes", "users"),
    ("new_application.terminals", "terminals"),
    ("new_application.plan", "plan"),
    ("new_application.billing", "billing"),
    ("new_application.confirm", "remarks"),
]
CONNECTION = {"net_naccs": "netNACCSを利用する", "general": "一般NACCSを利用する"}
DETAIL = "new_application.user_code_detail"
IDENT = "識別番号に関する項目"
MISSING = object()


def record_as_input(content: dict, catalogue: dict) -> dict:
    """What each input screen shows for a stored application, keyed as a task's input."""
    out: dict = {}
    for screen_id, part in PARTS:
        screen = catalogue[screen_id]
        out[screen["title"]] = screen_values(screen, content.get(part) or {})
    out["事業所・企業 入力"][BUTTON] = CONNECTION.get(content.get("connection"), "")
    detail = catalogue[DETAIL]
    out["利用者コード 入力"]["申込情報"] = [user_code(row, detail) for row in content.get("user_codes") or []]
    diagram = content.get("diagram")
    out["論理端末・証明書 入力"].setdefault("システム構成図に関する項目", {})["システム構成図"] = (
        [stored_file(diagram)] if diagram else []
    )
    out["申込内容 確認"].setdefault("添付ファイル", {})["添付ファイル"] = [
        stored_file(a) for a in content.get("attachments") or []
    ]
    return out


def screen_values(screen: dict, values: dict) -> dict:
    out: dict = {}
    for f in screen.get("fields") or []:
        if f.get("type") in ("hidden", "file") or f.get("name") not in values:
            continue
        value = values[f["name"]]
        kind = f.get("type")
        if kind in ("radio", "select"):
            value = option_label(f, value) if value else ""
        elif kind == "checkbox":
            value = [option_label(f, code) for code in str(value).split(",") if code]
        section = f.get("section")
        (out.setdefault(section, {}) if section else out)[f["label"]] = value
    return out


def user_code(row: dict, detail: dict) -> dict:
    values = dict(row.get("values") or {})
    shared_code = values.pop("shared_code", "")
    out = screen_values(detail, values)
    if row.get("shared"):
        out[BUTTON] = "他事業所の利用者コードを共用する"
        out.setdefault("利用者コードに関する項目", {})["利用者コード"] = shared_code
    else:
        out[BUTTON] = "新規に利用者コードを追加する"
    fields = {f["label"]: f for f in detail.get("fields") or [] if f.get("section") == IDENT}
    out["設定した利用者コード情報"] = [
        {
            "業種": [option_label(fields["業種"], c) for c in s.get("industries") or []],
            "処理方式": option_label(fields["処理方式"], s.get("method", "")),
            "識別番号数": str(s.get("count", "")),
        }
        for s in row.get("settings") or []
    ]
    return out


def option_label(field: dict, code: str) -> str:
    for o in field.get("options") or []:
        if o.get("value") == code:
            return o.get("label", "")
    return f"?{code}"


def stored_file(a: dict) -> dict:
    return {"ファイル名": a.get("name"), "サイズ": a.get("size")}


def compare(expected: object, recorded: object, path: tuple = ()) -> list[str]:
    """Every leaf of ``expected`` (a task's input) that the record does not hold, as
    「screen / section / label: expected …, recorded …」. Fields the input leaves out are not
    compared (the record's snapshot covers them)."""
    where = " / ".join(path)
    if recorded is MISSING:
        return [f"{where}: expected {show(expected)}, not in the record"]
    if isinstance(expected, dict):
        if not isinstance(recorded, dict):
            return [f"{where}: expected {show(expected)}, recorded {show(recorded)}"]
        problems = []
        for key, value in expected.items():
            problems += compare(value, recorded.get(key, MISSING), path + (key,))
        return problems
    if isinstance(expected, list):
        if not isinstance(recorded, list):
            return [f"{where}: expected {show(expected)}, recorded {show(recorded)}"]
        if all(isinstance(x, str) for x in expected + recorded):
            # Check boxes: the ticked options, in any order.
            if sorted(expected) != sorted(recorded):
                return [f"{where}: expected {show(expected)}, recorded {show(recorded)}"]
            return []
        if len(expected) != len(recorded):
            return [f"{where}: expected {len(expected)} entries, recorded {len(recorded)}"]
        problems = []
        for i, (e, r) in enumerate(zip(expected, recorded)):
            problems += compare(expected_file(e) if is_file(e) else e, r, path[:-1] + (f"{path[-1]}[{i + 1}]",))
        return problems
    if expected != recorded:
        return [f"{where}: expected {show(expected)}, recorded {show(recorded)}"]
    return []


def is_file(doc: object) -> bool:
    return isinstance(doc, dict) and "base64" in doc


def expected_file(doc: dict) -> dict:
    """An attached file as the record keeps it: its name and size (the NSS keeps no bytes)."""
    try:
        size = len(base64.b64decode(doc.get("base64", ""), validate=True))
    except (binascii.Error, ValueError):
        size = -1
    return {"ファイル名": doc.get("ファイル名"), "サイズ": size}


def show(value: object) -> str:
    if isinstance(value, str):
        return f"「{value}」"
    return repr(value)
