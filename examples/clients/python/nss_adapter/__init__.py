"""The reference NSS client of the conformance kit's driver protocol (docs/kit.md)."""

from __future__ import annotations

import json
import sys

from .actions import ACTIONS
from .client import Client
from .task import Failed, Rejected, done, failed, parse_task, rejected

__all__ = ["ACTIONS", "Client", "main", "run"]


def run(doc: object, client_class: type[Client] = Client) -> dict:
    """One task document in, one result document out."""
    try:
        task = parse_task(doc)
        action = ACTIONS.get(task.action)
        if action is None:
            raise Failed(f"unsupported action {task.action!r}")
        client = client_class(task)
    except Failed as e:
        return failed(e)
    try:
        return client.report(done(action(client)))
    except Rejected as e:
        return client.report(rejected(e))
    except Failed as e:
        return client.report(failed(e))


def main(client_class: type[Client] = Client) -> int:
    """Reads the task on stdin, writes the result on stdout. Exits 0 whenever it wrote a result;
    anything unforeseen escapes as a traceback on stderr and a non-zero exit (a client crash)."""
    raw = sys.stdin.buffer.read()
    try:
        doc = json.loads(raw)
    except ValueError:
        doc = None
    result = run(doc, client_class)
    sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    return 0
