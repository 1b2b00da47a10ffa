"""A browser window that reads every screen as JSON: it keeps the session cookie, sends forms as a
browser does (urlencoded, or multipart where the form says so) and follows ``303 See Other``.

(Plain classes rather than dataclasses here and in task.py: the adapter is started once per
step, and importing ``dataclasses`` costs more than the step's requests.)"""

from __future__ import annotations

import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

from .screen import Screen
from .task import Failed

REDIRECTS = (301, 302, 303, 307, 308)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects are followed by hand, so that a caller may look at the 303 itself."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class Upload:
    """A file sent in a multipart form: the form field's name, the file name and its bytes."""

    def __init__(self, field: str, filename: str, data: bytes):
        self.field = field
        self.filename = filename
        self.data = data


class Answer:
    """A raw HTTP answer: its status, where it redirects and its body."""

    def __init__(self, url: str, status: int, location: str | None, body: bytes):
        self.url = url
        self.status = status
        self.location = location
        self.body = body


class Browser:
    def __init__(self, timeout: float, trace: bool = False):
        self.timeout = timeout
        self.trace = trace
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )
        self.requests = 0

    # -- screens ---------------------------------------------------------------------------

    def get(self, url: str) -> Screen:
        return self.screen(self.send("GET", url))

    def post(self, url: str, pairs: list[tuple[str, str]], multipart: bool = False,
             uploads: list[Upload] | None = None) -> Screen:
        """Submits a form and shows where it leads (the 303 followed)."""
        return self.screen(self.send_form(url, pairs, multipart, uploads))

    def screen(self, answer: Answer) -> Screen:
        """The screen an answer shows: the answer itself, or the page its redirect leads to."""
        for _ in range(5):
            if answer.status not in REDIRECTS:
                break
            if not answer.location:
                raise Failed(f"{answer.status} without a Location from {answer.url}")
            answer = self.send("GET", answer.location)
        try:
            doc = json.loads(answer.body)
        except ValueError:
            raise Failed(f"{answer.url} answered {answer.status} without a JSON screen document")
        if not isinstance(doc, dict):
            raise Failed(f"{answer.url} answered a JSON document that is not a screen")
        return Screen(doc, answer.url, answer.status)

    # -- HTTP --------------------------------------------------------------------------------

    def send_form(self, url: str, pairs: list[tuple[str, str]], multipart: bool = False,
                  uploads: list[Upload] | None = None) -> Answer:
        if multipart or uploads:
            body, content_type = encode_multipart(pairs, uploads or [])
        else:
            body = urllib.parse.urlencode(pairs).encode()
            content_type = "application/x-www-form-urlencoded"
        return self.send("POST", url, body, content_type)

    def send(self, method: str, url: str, body: bytes | None = None,
             content_type: str | None = None) -> Answer:
        headers = {"Accept": "application/json"}
        if content_type:
            headers["Content-Type"] = content_type
        req = urllib.request.Request(url, data=body, headers=headers, method=method)
        self.requests += 1
        try:
            with self.opener.open(req, timeout=self.timeout) as resp:
                answer = Answer(resp.geturl(), resp.status, resp.headers.get("Location"), resp.read())
        except urllib.error.HTTPError as e:
            # 3xx (redirects are not followed here) and 4xx screens (e.g. not found) have bodies.
            location = e.headers.get("Location") if e.headers else None
            answer = Answer(url, e.code, location and urllib.parse.urljoin(url, location), e.read())
        except (urllib.error.URLError, OSError) as e:
            raise Failed(f"{method} {url}: {e}")
        if self.trace:
            print(f"{method} {url} -> {answer.status}", file=sys.stderr)
        return answer


def encode_multipart(pairs: list[tuple[str, str]], uploads: list[Upload]) -> tuple[bytes, str]:
    """``multipart/form-data`` as a browser sends it (file names in UTF-8)."""
    boundary = "----nss-adapter-" + os.urandom(12).hex()
    out = bytearray()
    for name, value in pairs:
        out += f"--{boundary}\r\n".encode()
        out += f'Content-Disposition: form-data; name="{_quote(name)}"\r\n\r\n'.encode()
        out += value.encode() + b"\r\n"
    for u in uploads:
        out += f"--{boundary}\r\n".encode()
        out += (
            f'Content-Disposition: form-data; name="{_quote(u.field)}"; '
            f'filename="{_quote(u.filename)}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        out += u.data + b"\r\n"
    out += f"--{boundary}--\r\n".encode()
    return bytes(out), f"multipart/form-data; boundary={boundary}"


def _quote(s: str) -> str:
    return s.replace("\\", "\\\\").replace('"', '\\"').replace("\r", " ").replace("\n", " ")
