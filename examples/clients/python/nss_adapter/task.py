"""The driver protocol, version 1 (docs/kit.md): the task the kit writes on stdin and the three
results the adapter writes on stdout."""

from __future__ import annotations

import time

PROTOCOL = 1


class Rejected(Exception):
    """A screen refused the input and showed messages (a validation failure, contract §4):
    the result ``{"status": "rejected"}``. The adapter stops at the first such screen."""

    def __init__(self, screen: str, messages: list[str]):
        super().__init__(f"{screen}: {' / '.join(messages)}")
        self.screen = screen
        self.messages = list(messages)


class Failed(Exception):
    """The step could not be carried out: login refused (e.g. the 仮ログインID expired), the
    manual's 「予期しない操作」, no mail, nothing to answer. The result ``{"status": "failed"}``."""

    def __init__(self, reason: str, messages: list[str] | None = None, screen: str | None = None):
        super().__init__(reason)
        self.reason = reason
        self.messages = list(messages or [])
        self.screen = screen


class Mailbox:
    """Where the client reads its mail: the simulator's mailbox API (``raw_url`` contains
    ``{id}``)."""

    def __init__(self, list_url: str, raw_url: str, address: str, authorization: str | None = None):
        self.list_url = list_url
        self.raw_url = raw_url
        self.address = address
        # The Authorization header the mailbox requires when the simulator has an API token.
        self.authorization = authorization


class Task:
    def __init__(self, action: str, nss: str, mailbox: Mailbox | None, login: dict, input: dict,
                 options: dict, timeout: float):
        self.action = action
        self.nss = nss
        self.mailbox = mailbox
        self.login = login
        self.input = input
        self.options = options
        self.timeout = timeout
        self.started = time.monotonic()

    def remaining(self) -> float:
        """Seconds left before the kit gives up on this step."""
        return self.timeout - (time.monotonic() - self.started)


def parse_task(doc: object) -> Task:
    """Reads a task document; a task this adapter cannot read is a failed step, not a crash."""
    if not isinstance(doc, dict):
        raise Failed("the task is not a JSON object")
    if doc.get("protocol") != PROTOCOL:
        raise Failed(f"unsupported protocol {doc.get('protocol')!r} (this adapter speaks {PROTOCOL})")
    for key in ("action", "nss"):
        if not isinstance(doc.get(key), str):
            raise Failed(f"the task has no {key}")
    mailbox = None
    if isinstance(doc.get("mailbox"), dict):
        m = doc["mailbox"]
        mailbox = Mailbox(m.get("list", ""), m.get("raw", ""), m.get("address", ""),
                          m.get("authorization"))
    nss = doc["nss"] if doc["nss"].endswith("/") else doc["nss"] + "/"
    return Task(
        action=doc["action"],
        nss=nss,
        mailbox=mailbox,
        login=doc.get("login") or {},
        input=doc.get("input") or {},
        options=doc.get("options") or {},
        timeout=float(doc.get("timeout_seconds") or 30),
    )


def done(outputs: dict) -> dict:
    return {"status": "done", "outputs": outputs}


def rejected(e: Rejected) -> dict:
    return {"status": "rejected", "screen": e.screen, "messages": e.messages}


def failed(e: Failed) -> dict:
    result: dict = {"status": "failed", "reason": e.reason}
    if e.messages:
        result["messages"] = e.messages
    if e.screen:
        result["screen"] = e.screen
    return result
