"""How the client behaved, read from the workspace journal (GET …/journal, contract §5): the
conduct checks of a client scenario (issue 9, "The conduct, from the journal")."""

from __future__ import annotations

# The new application's screens in the manual's order (M000 【14】–【24】, 完了; 論理端末・証明書 on
# the netNACCS path, 回線・論理端末 and メールボックス on the 一般NACCS path, M003); a detail screen
# belongs to its list's step.
ORDER = [
    "new_application.guidance",
    "new_application.applicant",
    "new_application.office",
    "new_application.user_codes",
    "new_application.terminals",
    "new_application.lines",
    "new_application.mailbox",
    "new_application.plan",
    "new_application.billing",
    "new_application.confirm",
    "new_application.complete",
]
SAME_STEP = {
    "new_application.user_code_detail": "new_application.user_codes",
    "new_application.line_detail": "new_application.lines",
}
REGISTER = "register"  # 「申込内容を登録する」 on both 申込内容 確認 screens
SAVE = "save"  # 「申込内容を一時保存する」
# Where a person starts again once the NSS has ended the session.
FRESH_STARTS = ("login/", "bbs/", "apply/")


def describe(e: dict, buttons: dict) -> str:
    button = e.get("button")
    label = buttons.get(e.get("screen"), {}).get(button, button)
    pressed = f" 「{label}」" if button else ""
    return f"{e['method']} {e['path']}{pressed} → {e.get('outcome')} {e.get('status')} {e.get('next_screen')}"


def conduct(entries: list[dict], buttons: dict, saves: int = 0) -> list[str]:
    """``buttons``: screen id → button value → printed label (from the screen catalogue);
    ``saves``: how many 一時保存 the task asked for."""
    problems = []
    for e in entries:
        if e.get("outcome") == "unexpected_operation":
            problems.append(f"予期しない操作: {describe(e, buttons)}")
    problems += posted_as_shown(entries, buttons)
    registers = [e for e in entries if e["method"] == "POST" and e.get("button") == REGISTER]
    if len(registers) > 1:
        problems.append(
            f"「申込内容を登録する」 posted {len(registers)} times: "
            + "; ".join(describe(e, buttons) for e in registers)
        )
    saved = sum(1 for e in entries if e["method"] == "POST" and e.get("button") == SAVE)
    if saved != saves:
        problems.append(f"「申込内容を一時保存する」 pressed {saved} times, the task asked for {saves}")
    problems += manual_order(entries)
    problems += after_the_end(entries, buttons)
    return problems


def posted_as_shown(entries: list[dict], buttons: dict) -> list[str]:
    """A form is posted only from the screen the client was last shown (no form replayed from
    memory, no screen skipped by posting to the next one's address)."""
    problems = []
    shown = None
    for e in entries:
        if e["method"] == "POST" and e.get("screen") != shown:
            problems.append(
                f"posted {e.get('screen')} without being shown it (last shown: {shown}): {describe(e, buttons)}"
            )
        shown = e.get("next_screen") if e.get("status") == 200 else None
    return problems


def manual_order(entries: list[dict]) -> list[str]:
    shown = [SAME_STEP.get(e.get("next_screen"), e.get("next_screen"))
             for e in entries if e.get("status") == 200]
    steps = [ORDER.index(s) for s in shown if s in ORDER]
    for before, after in zip(steps, steps[1:]):
        if after < before:
            return [f"screens out of the manual's order: {ORDER[before]} then {ORDER[after]}"]
    return []


def after_the_end(entries: list[dict], buttons: dict) -> list[str]:
    """No request in a session the NSS has ended (予期しない操作, expiry, 一時保存) other than
    starting again from the login page."""
    ended = False
    for e in entries:
        if ended and not e["path"].startswith(FRESH_STARTS):
            return [f"a request after the session ended: {describe(e, buttons)}"]
        if e["path"].startswith(FRESH_STARTS):
            ended = False
        if e.get("outcome") in ("unexpected_operation", "expired") or (
            e["method"] == "POST" and e.get("button") == SAVE
        ):
            ended = True
    return []
