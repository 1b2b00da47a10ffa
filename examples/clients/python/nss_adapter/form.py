"""What a form sends: the values as the screen renders them, changed field by field the way a
person changes them (type into a text box, pick an option by its printed label, tick boxes)."""

from __future__ import annotations

from .task import Failed

CHOICE_TYPES = ("radio", "checkbox", "select")


def rendered_pairs(form: dict) -> list[tuple[str, str]]:
    """The name=value pairs a browser sends for the form as it stands: text values, selected
    options and hidden fields (the ``_flow`` token among them); file inputs send nothing."""
    pairs: list[tuple[str, str]] = []
    for f in form.get("fields") or []:
        name = f.get("name") or ""
        kind = f.get("type")
        if kind in CHOICE_TYPES:
            pairs += [(name, o.get("value", "")) for o in f.get("options") or [] if o.get("selected")]
        elif kind != "file":
            pairs.append((name, f.get("value") or ""))
    return pairs


def option_value(field: dict, label: str) -> str:
    """The value of the option printed ``label``."""
    for o in field.get("options") or []:
        if o.get("label") == label:
            return o.get("value", "")
    printed = "、".join(o.get("label", "") for o in field.get("options") or [])
    raise Failed(f"「{field.get('label')}」 has no option 「{label}」 (options: {printed})")


def set_field(pairs: list[tuple[str, str]], field: dict, values: list[str]) -> list[tuple[str, str]]:
    """``pairs`` with the field's previous values replaced by ``values`` (already form values)."""
    name = field.get("name")
    return [p for p in pairs if p[0] != name] + [(name, v) for v in values]
