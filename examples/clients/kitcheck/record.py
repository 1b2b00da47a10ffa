"""The field-by-field comparison of a task's input with the stored application (docs/kit.md,
"The record"). The simulator API answers the stored application in the input's own shape
(`GET /_sim/api/workspaces/{id}/applications/{n}` → `entered`): the values each input screen shows
when re-opened, keyed by screen title, section and label, choices by label, 利用者コード and files as
lists (files as {ファイル名, サイズ})."""

from __future__ import annotations

import base64
import binascii

MISSING = object()


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
