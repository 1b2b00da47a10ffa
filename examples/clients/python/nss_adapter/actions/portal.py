"""The logged-in NSS (M001, M002): read_news (メインメニュー 新着情報) and read_id_notice
(申込内容の確認 → 申込内容 参照 → ID通知内容)."""

from __future__ import annotations

from ..client import Client
from ..screen import Screen
from ..task import Failed

MENU = "menu.main"
NEWS = "新着情報"


def read_news(client: Client) -> dict:
    """メインメニュー: the 新着情報 lines as printed (the latest 10), without the 「詳細」 column."""
    client.login()
    client.expect(MENU)
    return {NEWS: client.screen.records(NEWS, skip=("操作",))}


def read_id_notice(client: Client) -> dict:
    """ID通知内容 (M002 3.④): every table of the screen, by caption."""
    number = application_number(client)
    client.login()
    client.expect(MENU)
    client.follow("申込内容の確認")
    client.expect("applications.list")
    open_application(client, number)
    if client.screen.link("ID通知内容") is None:
        status = client.screen.items("申込内容").get("ステータス", "?")
        raise Failed(f"申込内容 参照 of {number} has no ID通知内容 (ステータス: {status})",
                     screen=client.screen.title)
    client.follow("ID通知内容")
    client.expect("applications.id_notice")
    return tables(client.screen)


def application_number(client: Client) -> str:
    number = client.task.input.get("申込受付番号")
    if not isinstance(number, str) or not number:
        raise Failed("the input has no 申込受付番号")
    return number


def open_application(client: Client, number: str, screen_id: str = "applications.detail") -> None:
    """The 「詳細」 of one application, on 新着情報 or on 申込情報一覧: 申込内容 参照 (or, for a
    システム設定申込, ``system_settings.detail``)."""
    label = f"詳細【{number}】"
    if client.screen.link(label) is None:
        raise Failed(f"no 「詳細」 for {number} on 「{client.screen.title}」", screen=client.screen.title)
    client.follow(label)
    client.expect(screen_id)


def tables(screen: Screen) -> dict:
    """Every captioned table: a 項目 table as 項目 → value, any other as a list of rows keyed by
    column heading."""
    out: dict = {}
    for t in screen.doc.get("tables") or []:
        caption = t.get("caption")
        if not caption:
            continue
        columns = t.get("columns") or []
        if len(columns) == 2 and columns[0] == "項目":
            out[caption] = screen.items(caption)
        else:
            out[caption] = screen.records(caption)
    return out
