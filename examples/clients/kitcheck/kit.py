"""The harness's kit: runs client steps in a workspace, checks each against the truth the
simulator holds, and prints what happened."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field

from .conduct import conduct
from .record import compare
from .runner import Run, run_client
from .sim import Simulator, Workspace

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
FIXTURES = os.path.join(ROOT, "fixtures", "kit")
TIMEOUT_SECONDS = 30
# The applicant's address of manual 000 (M000 【6】): whose mail the client reads.
ADDRESS = "qqfcbj@meti.go.jp"


class ScenarioFailed(Exception):
    pass


@dataclass
class Step:
    action: str
    task: dict
    run: Run
    entries: list
    problems: list[tuple[str, str]] = field(default_factory=list)
    note: str = ""

    @property
    def status(self) -> str:
        return "crash" if self.run.crash else self.run.result.get("status", "?")

    @property
    def outputs(self) -> dict:
        return self.run.result.get("outputs") or {}

    def fail(self, kind: str, message: str) -> None:
        self.problems.append((kind, message))

    def check(self, kind: str, problems: list[str]) -> None:
        for p in problems:
            self.fail(kind, p)


def summary(result: dict) -> str:
    status = result.get("status")
    if status == "done":
        return f"done {json.dumps(result.get('outputs'), ensure_ascii=False)[:300]}"
    if status == "rejected":
        return f"rejected on 「{result.get('screen', '?')}」: {result.get('messages')}"
    return f"failed ({result.get('reason')}) {result.get('messages', '')}"


def load_fixture(name: str) -> dict:
    with open(os.path.join(FIXTURES, name), encoding="utf-8") as f:
        return json.load(f)


class Kit:
    def __init__(self, sim: Simulator, client: list[str], out=print):
        self.sim = sim
        self.client = client
        self.out = out
        self.steps: list[Step] = []
        self.manual = load_fixture("manual000.json")
        self.extended = load_fixture("extended.json")
        self.manual001 = load_fixture("manual001.json")
        self.manual004 = load_fixture("manual004.json")
        self.manual002 = load_fixture("manual002.json")
        self.manual003 = load_fixture("manual003.json")

    @property
    def buttons(self) -> dict:
        """screen id → button value → printed label, for readable journal lines."""
        return {
            sid: {b["value"]: b["label"] for b in s.get("buttons") or []}
            for sid, s in self.sim.catalogue.items()
        }

    def step(self, ws: Workspace, action: str, input: dict, login: dict | None = None,
             options: dict | None = None, expect: str = "done", address: str = ADDRESS) -> Step:
        """Runs the client once and makes the checks every step has: no crash, the expected
        status, the conduct in the journal."""
        task = {
            "protocol": 1,
            "action": action,
            "nss": ws.nss,
            "mailbox": ws.mailbox(address),
            "login": login or {},
            "input": input,
            "options": options or {},
            "timeout_seconds": TIMEOUT_SECONDS,
        }
        before = len(ws.journal())
        run = run_client(self.client, task)
        step = Step(action, task, run, ws.journal()[before:])
        if run.crash:
            step.fail("crash", f"client crash ({run.crash}); stderr: {run.stderr[-800:]}")
        elif run.result.get("status") != expect:
            step.fail("report", f"expected {expect}, the client reported {summary(run.result)}")
        saves = 1 if (options or {}).get("一時保存") else 0
        step.check("conduct", conduct(step.entries, self.buttons, saves))
        self.steps.append(step)
        return step

    def close(self, step: Step, note: str = "") -> Step:
        """Prints the step; a step with problems ends the scenario."""
        verdict = "ok" if not step.problems else "FAIL"
        note = "" if step.run.crash else note
        self.out(f"  {step.action:<22} {step.status:<8} {step.run.seconds:5.2f} s  {verdict:<4} {note}")
        for kind, message in step.problems:
            self.out(f"      [{kind}] {message}")
        if step.problems and step.run.stderr.strip() and not step.run.crash:
            self.out("      stderr: " + step.run.stderr.strip().splitlines()[-1][:300])
        if step.problems:
            raise ScenarioFailed(step.action)
        return step

    # -- the truth -----------------------------------------------------------------------

    def record(self, ws: Workspace, number: str) -> dict:
        return ws.application(number)["entered"]

    def check_record(self, step: Step, ws: Workspace, number: str, expected: dict) -> None:
        step.check("record", compare(expected, self.record(ws, number)))


def temp_credentials(ws: Workspace) -> dict:
    """The 仮ログインID and 仮パスワード the NSS mailed last (the kit reads its own outbox)."""
    mails = [m for m in ws.mails() if m.get("kind") == "temp_account_registered"]
    if not mails:
        return {}
    text = mails[-1]["text"]
    return {
        key: m.group(1)
        for key in ("仮ログインID", "仮パスワード")
        if (m := re.search(rf"^{key}[:：]\s*(\S+)", text, re.M))
    }


def login_of(credentials: dict) -> dict:
    return {"ログインID": credentials.get("仮ログインID", ""), "パスワード": credentials.get("仮パスワード", "")}


def latest_application(ws: Workspace) -> dict:
    apps = ws.applications()
    return apps[-1] if apps else {}
