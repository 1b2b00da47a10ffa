"""The applicant's mailbox, read as a mail client reads it: list the messages, fetch each new one
as raw RFC 5322 and parse it with the ``email`` package (headers decoded, body decoded from its
transfer encoding and charset)."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request

from .task import Failed, Mailbox

POLL_SECONDS = 0.2


class Mail:
    def __init__(self, id: int, message):
        self.id = id
        self.message = message  # email.message.EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message.get("Subject", ""))

    def to(self) -> list[str]:
        header = self.message.get("To")
        return [a.addr_spec for a in getattr(header, "addresses", ())]

    def text(self) -> str:
        body = self.message.get_body(preferencelist=("plain",))
        return body.get_content() if body is not None else ""


class MailReader:
    def __init__(self, box: Mailbox, timeout: float):
        if not box or not box.list_url or not box.raw_url:
            raise Failed("the task gives no mailbox to read")
        self.box = box
        self.timeout = timeout

    def _get(self, url: str) -> bytes:
        headers = {"Authorization": self.box.authorization} if self.box.authorization else {}
        try:
            with urllib.request.urlopen(urllib.request.Request(url, headers=headers),
                                        timeout=self.timeout) as resp:
                return resp.read()
        except (urllib.error.URLError, OSError) as e:
            raise Failed(f"mailbox {url}: {e}")

    def ids(self) -> list[int]:
        """The ids of every message in the mailbox, oldest first."""
        listing = json.loads(self._get(self.box.list_url))
        return [m["id"] for m in listing if isinstance(m, dict) and "id" in m]

    def fetch(self, mail_id: int) -> Mail:
        # Imported here: only the actions that read mail pay for the email package's policies.
        import email
        import email.policy

        raw = self._get(self.box.raw_url.replace("{id}", str(mail_id)))
        return Mail(mail_id, email.message_from_bytes(raw, policy=email.policy.default))

    def wait_for(self, subject: str, after: int, deadline: float) -> Mail:
        """The newest message to the task's address with ``subject`` that arrived after the
        message ``after``; polls until ``deadline`` (``time.monotonic()``)."""
        while True:
            for mail_id in sorted((i for i in self.ids() if i > after), reverse=True):
                mail = self.fetch(mail_id)
                if mail.subject == subject and self.box.address in mail.to():
                    return mail
            if time.monotonic() + POLL_SECONDS > deadline:
                raise Failed(f"no mail 「{subject}」 to {self.box.address} arrived")
            time.sleep(POLL_SECONDS)

    def last_id(self) -> int:
        return max(self.ids(), default=0)
