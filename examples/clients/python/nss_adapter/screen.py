"""One NSS screen as its JSON document (contract §4): fields found by section and printed label,
buttons and links by printed label, tables by caption."""

from __future__ import annotations

# The screen the manual's 「予期しない操作」 error is shown on (contract §4).
UNEXPECTED_OPERATION = "error.unexpected_operation"


class Screen:
    def __init__(self, doc: dict, url: str, status: int):
        self.doc = doc
        self.url = url
        self.status = status

    @property
    def id(self) -> str:
        return self.doc.get("screen") or ""

    @property
    def title(self) -> str:
        return self.doc.get("title") or ""

    @property
    def errors(self) -> list[str]:
        return list(self.doc.get("errors") or [])

    @property
    def notices(self) -> list[str]:
        return list(self.doc.get("notices") or [])

    @property
    def texts(self) -> list[str]:
        return list(self.doc.get("texts") or [])

    @property
    def form(self) -> dict | None:
        forms = self.doc.get("forms") or []
        return forms[0] if forms else None

    def fields(self) -> list[dict]:
        return list((self.form or {}).get("fields") or [])

    def field(self, section: str | None, label: str) -> dict | None:
        """The field printed ``label`` under the heading ``section`` (None: under no heading)."""
        for f in self.fields():
            if f.get("label") == label and (f.get("section") or None) == section:
                return f
        return None

    def buttons(self, label: str) -> list[dict]:
        return [b for b in (self.form or {}).get("buttons") or [] if b.get("label") == label]

    def button(self, label: str) -> dict | None:
        found = self.buttons(label)
        return found[0] if found else None

    def link(self, label: str) -> str | None:
        for link in self.doc.get("links") or []:
            if link.get("label") == label:
                return link.get("href")
        return None

    def cell_buttons(self, table: dict, label: str) -> list[dict]:
        """The form's buttons printed ``label`` in the cells of ``table`` (a 「削除」 of a list),
        in order. A table prints a button by its label; the form lists every button of the body
        in display order (contract §4), so the n-th such cell across the tables is the n-th such
        button of the form."""
        before = 0
        for t in self.doc.get("tables") or []:
            cells = sum(row.count(label) for row in t.get("rows") or [])
            if t is table:
                return self.buttons(label)[before:before + cells]
            before += cells
        return []

    def table_where(self, column: str) -> dict | None:
        """The first table with the column ``column`` (a table printed without a caption)."""
        for t in self.doc.get("tables") or []:
            if column in (t.get("columns") or []):
                return t
        return None

    def table(self, caption: str) -> dict | None:
        for t in self.doc.get("tables") or []:
            if t.get("caption") == caption:
                return t
        return None

    def records(self, caption: str, skip: tuple[str, ...] = ()) -> list[dict]:
        """The rows of a table as objects keyed by its column headings (``skip``: button columns)."""
        t = self.table(caption)
        if t is None:
            return []
        columns = t.get("columns") or []
        return [
            {c: cell for c, cell in zip(columns, row) if c not in skip}
            for row in t.get("rows") or []
        ]

    def items(self, caption: str) -> dict:
        """A two-column 項目 table (項目 | 申込情報 or 内容) as 項目 → value."""
        t = self.table(caption)
        if t is None:
            return {}
        return {row[0]: row[1] for row in t.get("rows") or [] if len(row) >= 2}

    def described(self) -> str:
        """For diagnostics on stderr."""
        return f"{self.id} 「{self.title}」 ({self.url})"
