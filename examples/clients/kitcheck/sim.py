"""The simulator under the harness and its API (/_sim/api/, contract §5)."""

from __future__ import annotations

import json
import subprocess
import urllib.error
import urllib.request
from functools import cached_property

# M000's own date: the manual registers on 2018-11-27 (【8】 申込受付年月日).
MANUAL_NOW = "2018-11-27T16:30:00+09:00"
# M001's: a change filed on 2013-11-20 for 20131205, which the schedule moves to 20131210.
M001_NOW = "2013-11-20T10:00:00+09:00"


class ApiError(Exception):
    pass


class Simulator:
    """A running simulator: one given by its address, or a binary started here on a free port
    (and stopped by ``stop``)."""

    def __init__(self, origin: str, process: subprocess.Popen | None = None):
        self.origin = origin.rstrip("/")
        self.process = process

    @classmethod
    def start(cls, binary: str) -> "Simulator":
        process = subprocess.Popen(
            [binary, "--listen", "127.0.0.1:0"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )
        first = process.stdout.readline()
        # "NSS Simulator listening on 127.0.0.1:PORT"
        if "listening on" not in first:
            process.kill()
            raise ApiError(f"{binary} did not start: {first!r}")
        return cls("http://" + first.rsplit(" ", 1)[1].strip(), process)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def call(self, method: str, path: str, body: object = None) -> tuple[int, object]:
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(
            f"{self.origin}/_sim/api/{path}", data=data, method=method,
            headers={"Content-Type": "application/json"} if data else {},
        )
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                status, raw = resp.status, resp.read()
        except urllib.error.HTTPError as e:
            status, raw = e.code, e.read()
        try:
            return status, json.loads(raw) if raw else None
        except ValueError:
            return status, raw.decode(errors="replace")

    def get(self, path: str) -> object:
        status, doc = self.call("GET", path)
        if status >= 400:
            raise ApiError(f"GET {path}: {status} {doc}")
        return doc

    def post(self, path: str, body: object) -> object:
        status, doc = self.call("POST", path, body)
        if status >= 400:
            raise ApiError(f"POST {path}: {status} {doc}")
        return doc

    def workspace(self, seed: int = 42, now: str | None = MANUAL_NOW,
                  fixture: str | None = None) -> "Workspace":
        body: dict = {"seed": seed}
        if fixture:
            body["fixture"] = fixture
        elif now:
            body["now"] = now
        return Workspace(self, self.post("workspaces", body)["id"])

    @cached_property
    def catalogue(self) -> dict:
        """Every screen of GET /_sim/api/screens, by screen id."""
        return {s["id"]: s for s in self.get("screens")}


class Workspace:
    def __init__(self, sim: Simulator, id: str):
        self.sim = sim
        self.id = id

    @property
    def nss(self) -> str:
        return f"{self.sim.origin}/w/{self.id}/"

    def mailbox(self, address: str) -> dict:
        api = f"{self.sim.origin}/_sim/api/workspaces/{self.id}/mails"
        return {"list": api, "raw": api + "/{id}/raw", "address": address}

    def _path(self, rest: str) -> str:
        return f"workspaces/{self.id}/{rest}"

    def mails(self) -> list:
        return self.sim.get(self._path("mails"))

    def journal(self) -> list:
        return self.sim.get(self._path("journal"))

    def applications(self) -> list:
        return self.sim.get(self._path("applications"))

    def application(self, number: str) -> dict:
        return self.sim.get(self._path(f"applications/{number}"))

    def offices(self) -> list:
        return self.sim.get(self._path("offices"))

    def advance(self, duration: str) -> None:
        self.sim.post(self._path("clock"), {"advance": duration})

    def set_clock(self, at: str) -> None:
        self.sim.post(self._path("clock"), {"set": at})

    def review(self, number: str, body: dict, expect: int = 200) -> dict:
        """A decision of the center; ``expect``: the status it must answer (409 for a decision
        the application's state refuses, e.g. certificates for an office without terminals)."""
        if expect == 200:
            return self.sim.post(self._path(f"applications/{number}/review"), body)
        status, answer = self.sim.call("POST", self._path(f"applications/{number}/review"), body)
        if status != expect:
            raise RuntimeError(f"review {body}: expected {expect}, got {status} {answer}")
        return answer
