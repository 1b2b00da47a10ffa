"""The reference client: one applicant at one browser window, doing what the manuals say.

Every field is found by the section and the label the screen prints (contract §4), every button
and link by its printed label. The methods marked *hook* are the places where an integration
maps its own data model onto the screens; the faulty adapters (``examples/clients/faulty/``)
override exactly one of them each."""

from __future__ import annotations

import base64
import os
import re
import sys
import urllib.parse
from typing import TYPE_CHECKING, Iterator

from .browser import Browser, Upload
from .form import option_value, rendered_pairs, set_field
from .screen import Screen
from .task import Failed, Rejected, Task

if TYPE_CHECKING:
    from .mailbox import Mail

LOGIN_PAGE = "login/nsscoapp/"
LOGIN_SCREEN = "login.form"
# The key of a screen object (or a 利用者コード object) naming the button to press where the
# screen offers a choice of buttons (docs/kit.md, "Buttons that are choices").
BUTTON_KEY = "ボタン"


def entries(values: dict) -> Iterator[tuple[str | None, str, object]]:
    """(section, label, value) for every field of a screen object: a nested object is a section
    heading, anything else a field printed under no heading."""
    for key, value in values.items():
        if key == BUTTON_KEY:
            continue
        if isinstance(value, dict):
            for label, v in value.items():
                yield key, label, v
        else:
            yield None, key, value


class Client:
    def __init__(self, task: Task):
        self.task = task
        self.trace = bool(os.environ.get("NSS_ADAPTER_TRACE"))
        self.browser = self.new_browser()
        self.screen: Screen | None = None

    def new_browser(self) -> Browser:
        """A fresh window without cookies (another PC, or the next day)."""
        return Browser(timeout=max(1.0, min(10.0, self.task.remaining())), trace=self.trace)

    def log(self, message: str) -> None:
        if self.trace:
            print(message, file=sys.stderr)

    # -- navigation ------------------------------------------------------------------------

    def open(self, rel: str) -> Screen:
        """Opens a page of the NSS by its address relative to the base URL."""
        return self._arrive(self.browser.get(urllib.parse.urljoin(self.task.nss, rel)), None)

    def follow(self, label: str) -> Screen:
        """Clicks the link printed ``label`` on the current screen."""
        s = self.current()
        href = s.link(label)
        if href is None:
            raise Failed(f"no link 「{label}」 on 「{s.title}」", screen=s.title)
        return self._arrive(self.browser.get(urllib.parse.urljoin(s.url, href)), None)

    def press(self, label: str, values: dict | None = None,
              uploads: list[Upload] | None = None, index: int = 0) -> Screen:
        """Fills ``values`` (a screen object of the task input: section → label → value) into the
        current screen's form and presses the button printed ``label`` (``index``: the one of
        that label in that place, counting in screen order: a table's rows each have theirs)."""
        s = self.current()
        found = s.buttons(label)
        button = found[index] if index < len(found) else None
        if s.form is not None and button is None:
            raise Failed(f"「{s.title}」 has no button 「{label}」", screen=s.title)
        return self.press_button(button or {}, values, uploads)

    def press_button(self, button: dict, values: dict | None = None,
                     uploads: list[Upload] | None = None) -> Screen:
        """``press`` for one button of the form (``button`` as the form lists it): where a label
        is printed several times (the 「削除」 of two lists), the caller picks which."""
        s = self.current()
        label = button.get("label", "")
        form = s.form
        if form is None:
            raise Failed(f"「{s.title}」 has no form", screen=s.title)
        pairs = rendered_pairs(form)
        for section, label_, value in entries(values or {}):
            f = s.field(section, label_)
            if f is None:
                where = f"{section} / {label_}" if section else label_
                raise Failed(f"「{s.title}」 has no field 「{where}」", screen=s.title)
            pairs = self.fill(pairs, f, value)
        pairs.append((button.get("name", "op"), button.get("value", "")))
        self.log(f"press 「{label}」 on {s.described()}")
        url = urllib.parse.urljoin(s.url, form.get("action") or s.url)
        multipart = form.get("enctype") == "multipart/form-data"
        return self._arrive(self.send(url, pairs, button, multipart, uploads), s)

    def current(self) -> Screen:
        if self.screen is None:
            raise Failed("no screen is open")
        return self.screen

    def _arrive(self, new: Screen, pressed_on: Screen | None) -> Screen:
        """Takes the screen a request led to, and classifies the errors it shows: errors on the
        screen just submitted are the screen refusing the input (rejected); anything else that
        shows errors (「予期しない操作」, an ended session, a refused login) fails the step."""
        self.screen = new
        if not new.errors:
            return new
        if pressed_on is not None and new.id == pressed_on.id and new.id != LOGIN_SCREEN:
            raise Rejected(new.title, new.errors)
        if new.id == "error.unexpected_operation":
            raise Failed("予期しない操作 (the NSS ended the session)", new.errors, new.title)
        if new.id == LOGIN_SCREEN and pressed_on is not None and pressed_on.id == LOGIN_SCREEN:
            raise Failed("login refused", new.errors, new.title)
        raise Failed(f"the NSS showed 「{new.title}」 with errors", new.errors, new.title)

    def login(self, login_id: str | None = None, password: str | None = None) -> Screen:
        """Logs in on the NSS login page (M000 【12】【13】) with the task's credentials."""
        login_id = login_id if login_id is not None else self.task.login.get("ログインID")
        password = password if password is not None else self.task.login.get("パスワード")
        if not login_id or not password:
            raise Failed("the task gives no ログインID and パスワード")
        self.open(LOGIN_PAGE)
        return self.press("ログイン", {"ログインID": login_id, "パスワード": password})

    def expect(self, *screen_ids: str) -> Screen:
        """The current screen, which must be one of ``screen_ids``."""
        s = self.current()
        if s.id not in screen_ids:
            raise Failed(f"expected {' or '.join(screen_ids)}, the NSS showed {s.described()}",
                         s.errors, s.title)
        return s

    # -- filling ----------------------------------------------------------------------------

    def fill(self, pairs: list[tuple[str, str]], field: dict, value: object) -> list[tuple[str, str]]:
        """One field set the way a person sets it (docs/kit.md, "Values")."""
        kind = field.get("type")
        if kind in ("radio", "select"):
            if not isinstance(value, str):
                raise Failed(f"「{field.get('label')}」 takes one option label, not {value!r}")
            return set_field(pairs, field, [option_value(field, self.option_label(field, value))])
        if kind == "checkbox":
            if not isinstance(value, list):
                raise Failed(f"「{field.get('label')}」 takes a list of option labels, not {value!r}")
            chosen = [option_value(field, self.option_label(field, v)) for v in value]
            return set_field(pairs, field, chosen)
        if kind == "file":
            raise Failed(f"「{field.get('label')}」 is a file: it is attached with its own button")
        if not isinstance(value, str):
            raise Failed(f"「{field.get('label')}」 takes a string, not {value!r}")
        typed = self.text_value(field, value)
        if typed is None:
            return pairs
        return set_field(pairs, field, [typed])

    def attach(self, values: dict) -> dict:
        """Makes the files of every file field in ``values`` (a list of {ファイル名, base64}) the
        files attached: those already listed are removed with their 「削除」 (on the screens with
        a file field, those buttons belong to the file table), then each file is attached with
        one press of the 「…を添付する」 button. Returns ``values`` without the file fields."""
        rest: dict = {}
        for key, value in values.items():
            if not isinstance(value, dict):
                rest[key] = value
                continue
            kept = {}
            for label, v in value.items():
                f = self.screen.field(key, label)
                if f is not None and f.get("type") == "file":
                    if not isinstance(v, list):
                        raise Failed(f"「{label}」 takes a list of files, not {v!r}")
                    self.clear_list("添付ファイル名")
                    for doc in v:
                        self.attach_file(f, doc)
                else:
                    kept[label] = v
            rest[key] = kept
        return rest

    def clear_list(self, column: str) -> None:
        """Removes every row of the list with the column ``column`` (the attached files: 「添付
        ファイル名」; the lines: 「接続方式」) with the rows' own 「削除」 — not those of another list
        on the same screen."""
        for _ in range(50):
            table = self.current().table_where(column)
            found = self.current().cell_buttons(table, "削除") if table else []
            if not found:
                return
            self.press_button(found[0])
        raise Failed(f"the rows of the list 「{column}」 are not removed by 「削除」")

    def attach_file(self, field: dict, doc: dict) -> Screen:
        try:
            name = doc["ファイル名"]
            data = base64.b64decode(doc["base64"], validate=True)
        except (KeyError, TypeError, ValueError):
            raise Failed(f"「{field.get('label')}」: a file is {{\"ファイル名\", \"base64\"}}, not {doc!r}")
        buttons = [b for b in (self.screen.form or {}).get("buttons") or []
                   if b.get("label", "").endswith("添付する")]
        if not buttons:
            raise Failed(f"「{self.screen.title}」 has no 「…を添付する」 button")
        return self.press(buttons[0]["label"], uploads=[Upload(field["name"], name, data)])

    # -- hooks --------------------------------------------------------------------------------

    def screen_values(self, title: str, values: dict) -> dict:
        """*hook* The task's input for the screen titled ``title``, as this client fills it."""
        return values

    def text_value(self, field: dict, value: str) -> str | None:
        """*hook* What is typed into a text field for ``value`` (None: leave it as it is)."""
        return value

    def option_label(self, field: dict, label: str) -> str:
        """*hook* The option picked for ``label``."""
        return label

    def temp_credentials(self, mail: Mail) -> dict:
        """*hook* The 仮ログインID and 仮パスワード as the mail prints them (M000 【9】:
        「仮ログインID：1812881」 and 「仮パスワード：…」 on lines of their own)."""
        text = mail.text()
        found = {}
        for key in ("仮ログインID", "仮パスワード"):
            m = re.search(rf"^{key}[:：]\s*(\S+)\s*$", text, re.M)
            if m is None:
                raise Failed(f"the mail 「{mail.subject}」 prints no {key}")
            found[key] = m.group(1)
        return found

    def report(self, result: dict) -> dict:
        """*hook* The result written on stdout."""
        return result

    def send(self, url: str, pairs: list[tuple[str, str]], button: dict, multipart: bool,
             uploads: list[Upload] | None) -> Screen:
        """*hook* Submits a form once, and shows the screen it leads to."""
        return self.browser.post(url, pairs, multipart, uploads)
