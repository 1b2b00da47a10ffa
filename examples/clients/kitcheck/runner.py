"""Running the client under test once per step, as the kit does (docs/kit.md, "Running the
client"): the task on stdin, one result on stdout; a non-zero exit, a time-out or anything but a
result on stdout is a client crash, reported with its stderr."""

from __future__ import annotations

import json
import subprocess
import time
from dataclasses import dataclass

STATUSES = ("done", "rejected", "failed")


@dataclass
class Run:
    result: dict
    seconds: float
    stderr: str
    crash: str | None = None


def run_client(command: list[str], task: dict, cwd: str | None = None) -> Run:
    timeout = float(task.get("timeout_seconds") or 30)
    started = time.monotonic()
    try:
        done = subprocess.run(
            command, input=json.dumps(task, ensure_ascii=False).encode(),
            capture_output=True, timeout=timeout, cwd=cwd,
        )
    except subprocess.TimeoutExpired as e:
        return Run({}, time.monotonic() - started, _text(e.stderr), f"timed out after {timeout:g} s")
    except OSError as e:
        return Run({}, time.monotonic() - started, "", f"could not run {command}: {e}")
    seconds = time.monotonic() - started
    stderr = _text(done.stderr)
    if done.returncode != 0:
        return Run({}, seconds, stderr, f"exit status {done.returncode}")
    try:
        result = json.loads(done.stdout)
    except ValueError:
        return Run({}, seconds, stderr, f"stdout is not JSON: {_text(done.stdout)[:200]!r}")
    if not isinstance(result, dict) or result.get("status") not in STATUSES:
        return Run({}, seconds, stderr, f"stdout is not a result: {_text(done.stdout)[:200]!r}")
    return Run(result, seconds, stderr)


def _text(b: bytes | None) -> str:
    return (b or b"").decode(errors="replace")
