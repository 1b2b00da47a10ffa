//! The HTML rendering of a screen: real `<form>`s that work without JavaScript; the only script
//! is the manual's register confirm dialog (M000 【8】).

use super::frame::{CONTACT_COMPANY, CONTACT_HEADING, CONTACTS, MOTTO, SERVICE_NAME};
use super::model::{
    Arrow, Block, Button, Cell, Field, FieldType, Progress, Row, Screen, Section, Table, Tabs,
};
use super::printed;
use maud::{DOCTYPE, Markup, html};

/// Renders the whole page. `base` is the workspace's base path (`/` or `/w/{id}/`).
pub fn to_html(screen: &Screen, base: &str) -> String {
    page(screen, base).into_string()
}

fn page(s: &Screen, base: &str) -> Markup {
    html! {
        (DOCTYPE)
        html lang="ja" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (s.title) " | " (SERVICE_NAME) }
                link rel="stylesheet" href="/_static/nss.css";
            }
            body data-screen=(s.id) {
                (header(s, base))
                main {
                    @if let Some(p) = &s.progress { (progress(p)) }
                    // A tab bar the body does not place (`Block::TabBar`) heads the page.
                    @if let Some(t) = &s.tabs {
                        @if !s.blocks.iter().any(|b| matches!(b, Block::TabBar)) { (tabs(t)) }
                    }
                    @for n in &s.notices { p.notice { (n) } }
                    @if !s.untitled { h1 { (s.title) } }
                    @for line in &s.intro { p.intro { (prose(line, Some(base))) } }
                    @if !s.errors.is_empty() {
                        ul.errors role="alert" { @for e in &s.errors { li { (e) } } }
                    }
                    @if let Some(form) = &s.form {
                        // NSS validates on the server: 「反映」, 「前に戻る」 and 「一時保存」 must post
                        // half-filled forms, so the browser's own required-field check is off.
                        form method="post" action=(form.action) novalidate
                            enctype=(if form.multipart { "multipart/form-data" } else { "application/x-www-form-urlencoded" }) {
                            @for (name, value) in &form.hidden {
                                input type="hidden" name=(name) value=(value);
                            }
                            (blocks(s, Some(base)))
                            @if !form.buttons.is_empty() {
                                div.buttons { @for b in &form.buttons { (button(b)) } }
                            }
                        }
                    } @else {
                        (blocks(s, Some(base)))
                    }
                }
                @if s.contact { (contact()) }
            }
        }
    }
}

fn header(s: &Screen, base: &str) -> Markup {
    html! {
        header.nss {
            div.brand {
                span.motto { (MOTTO) }
                span.service { (SERVICE_NAME) }
            }
            @if let Some(session) = &s.session {
                div.session {
                    @if let Some(c) = &session.company { span.company { (c) } }
                    @if let Some(o) = &session.office { span.office { (o) } }
                    span.since { (session.since) "からログイン中" }
                    a.logout href={ (base) "logout" } { "ログアウト" }
                }
            }
        }
    }
}

fn progress(p: &Progress) -> Markup {
    let current = p.current;
    html! {
        ol.progress {
            @for (i, step) in p.steps.iter().enumerate() {
                li class=(if i == current { "current" } else if i < current { "done" } else { "todo" }) {
                    span.n { (i + 1) } " " (step)
                }
            }
        }
    }
}

/// The tab bar: the selected tab as text, the others as links when the tabs lead somewhere.
fn tabs(t: &Tabs) -> Markup {
    html! {
        ul.tabs {
            @for (i, label) in t.items.iter().enumerate() {
                @if i == t.current {
                    li class="current" { (label) }
                } @else if let Some(href) = t.href(i) {
                    li class="" { a href=(href) { (label) } }
                } @else {
                    li class="" { (label) }
                }
            }
        }
    }
}

/// Blocks drawn as a screen draws them, outside a screen (the printed documents reuse the
/// read-only tables of 申込内容 確認).
pub fn blocks_markup(blocks: Vec<Block>) -> Markup {
    let mut s = Screen::new("document", "");
    s.blocks = blocks;
    self::blocks(&s, None)
}

/// A printed text; the anchor of a reference sentence (「こちら」, 「NSS電子申請情報ページ」) is a
/// link to `bbs/` when the page has a base (`screen::reference`).
fn prose(text: &str, base: Option<&str>) -> Markup {
    let Some(base) = base else {
        return html! { (text) };
    };
    html! {
        @for (piece, anchor) in super::reference::split(text) {
            @if anchor { a.reference href={ (base) "bbs/" } { (piece) } } @else { (piece) }
        }
    }
}

fn blocks(s: &Screen, base: Option<&str>) -> Markup {
    html! {
        @for b in &s.blocks {
            @match b {
                Block::Section(sec) => (section(sec, base)),
                Block::Table(t) => (table(t)),
                Block::Heading { text, buttons } => {
                    div.group-heading {
                        h2 { (text) }
                        @for b in buttons { (button(b)) }
                    }
                }
                Block::Text(lines) => { @for l in lines { p { (prose(l, base)) } } }
                Block::Message(lines) => {
                    div.message { @for l in lines { p { (prose(l, base)) } } }
                }
                Block::Buttons(buttons) => {
                    div.inline-buttons { @for b in buttons { (button(b)) } }
                }
                Block::Links(links) => {
                    ul.links { @for l in links { li { a href=(l.href) { (l.label) } } } }
                }
                Block::TabBar => { @if let Some(t) = &s.tabs { (tabs(t)) } }
            }
        }
    }
}

fn section(sec: &Section, base: Option<&str>) -> Markup {
    html! {
        section.items {
            @if !sec.heading.is_empty() { h3 { (sec.heading) } }
            @for l in &sec.lines { p.lead { (prose(l, base)) } }
            @if !sec.rows.is_empty() {
                @let notes = sec.rows.iter().any(|r| !r.notes.is_empty());
                table.form { tbody { @for r in &sec.rows { (row(r, notes, base)) } } }
            }
        }
    }
}

fn row(r: &Row, notes_column: bool, base: Option<&str>) -> Markup {
    let has_error = r.fields.iter().any(|f| f.error.is_some());
    html! {
        tr class=(if has_error { "has-error" } else { "" }) {
            // A row without a label (a check box standing alone, M000 【17】【20】) has no head
            // cell: its input spans the label's column.
            @if r.label.is_empty() {
                td.alone colspan="2" {
                    @for (i, f) in r.fields.iter().enumerate() {
                        (field(f, &r.label, shares_hint(f, r.fields.get(i + 1))))
                    }
                }
            } @else {
                th scope="row" {
                    (r.label)
                    @if r.optional { " " span.optional { "任意" } }
                }
                td {
                    @for (i, f) in r.fields.iter().enumerate() {
                        (field(f, &r.label, shares_hint(f, r.fields.get(i + 1))))
                    }
                }
            }
            @if notes_column {
                td.notes { @for n in &r.notes { p { (prose(n, base)) } } }
            }
        }
    }
}

/// Inputs of one row that share a hint and a single example print them once, after the last
/// input (氏名 「姓: [ ] 名: [ ] (全角) 例) 通関 太郎」, M000 l.241): the hint of an input without
/// an example is left to the next input when that one has the same hint and the example.
/// Inputs without any example keep their own hints.
fn shares_hint(f: &Field, next: Option<&Field>) -> bool {
    f.example.is_none()
        && f.hint.is_some()
        && next.is_some_and(|n| n.hint == f.hint && n.example.is_some())
}

fn field(f: &Field, row_label: &str, hint_follows: bool) -> Markup {
    let id = format!("f-{}", f.name);
    let aria = match &f.part {
        Some(p) if !row_label.is_empty() => format!("{row_label} {p}"),
        Some(p) => p.to_string(),
        None => row_label.to_string(),
    };
    html! {
        span.field {
            @if let Some(part) = &f.part {
                @if f.kind != FieldType::Checkbox || !f.options.is_empty() && row_label != &**part {
                    label.part for=(id) { (part) ":" }
                }
            }
            @match f.kind {
                FieldType::Text | FieldType::Date | FieldType::Password => {
                    input id=(id) type=(if f.kind == FieldType::Password { "password" } else { "text" })
                        name=(f.name) value=(f.value) aria-label=(aria)
                        maxlength=[f.max_length] required[f.required];
                }
                FieldType::Textarea => {
                    textarea id=(id) name=(f.name) aria-label=(aria) maxlength=[f.max_length] rows="4" { (f.value) }
                }
                FieldType::Radio => {
                    @for (i, o) in f.options.iter().enumerate() {
                        label.choice {
                            input type="radio" id=[(i == 0).then(|| id.clone())] name=(f.name) value=(o.value) checked[o.selected];
                            (o.label)
                        }
                    }
                }
                FieldType::Checkbox => {
                    @for (i, o) in f.options.iter().enumerate() {
                        label.choice {
                            input type="checkbox" id=[(i == 0).then(|| id.clone())] name=(f.name) value=(o.value) checked[o.selected];
                            (o.label)
                        }
                    }
                }
                FieldType::Select => {
                    select id=(id) name=(f.name) aria-label=(aria) {
                        @for o in &f.options {
                            option value=(o.value) selected[o.selected] { (o.label) }
                        }
                    }
                }
                FieldType::File => {
                    input id=(id) type="file" name=(f.name) aria-label=(aria);
                }
                FieldType::Hidden => {
                    input type="hidden" name=(f.name) value=(f.value);
                }
            }
            @if let Some(unit) = &f.unit { " " span.unit { (unit) } }
            @if let Some(h) = f.hint.as_ref().filter(|_| !hint_follows) { " " span.hint { (h) } }
            @if let Some(b) = &f.button { " " (button(b)) }
            @if let Some(e) = &f.example { small.example { (e) } }
            @if let Some(e) = &f.error { span.error role="alert" { (e) } }
        }
    }
}

fn table(t: &Table) -> Markup {
    html! {
        section.table {
            @if !t.caption.is_empty() { h3 { (t.caption) } }
            table.data {
                @if !t.columns.is_empty() {
                    (printed::thead(&t.columns.iter().map(|c| &**c).collect::<Vec<_>>()))
                }
                tbody {
                    @for r in &t.rows {
                        tr {
                            @for (i, c) in r.iter().enumerate() {
                                @match c {
                                    Cell::Text(s) => {
                                        @if i == 0 && t.columns.first().is_some_and(|c| c == "項目") {
                                            th scope="row" { (s) }
                                        } @else {
                                            td { (s) }
                                        }
                                    }
                                    Cell::Button(b) => td { (button(b)) },
                                    Cell::Link(l) => td { a href=(l.href) { (l.label) } },
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn button(b: &Button) -> Markup {
    let (before, after) = match b.arrow {
        Arrow::None => ("", ""),
        Arrow::Back => ("< ", ""),
        Arrow::Forward => ("", " >"),
        Arrow::Return => ("← ", ""),
        Arrow::Register => ("▶ ", ""),
        Arrow::Close => ("× ", ""),
    };
    // The dialog text is a constant of ours, never user input, but it is still escaped for JS.
    let onclick = b
        .confirm
        .as_ref()
        .map(|c| format!("return confirm('{}');", c.replace('\'', "\\'")));
    html! {
        button type="submit" name=(b.name) value=(b.value) onclick=[onclick]
            class=(if b.arrow == Arrow::Back || b.arrow == Arrow::Return { "back" } else { "" }) {
            (before) (b.label) (after)
        }
    }
}

fn contact() -> Markup {
    html! {
        footer.contact {
            p.heading { (CONTACT_HEADING) }
            p.company { (CONTACT_COMPANY) }
            table {
                @for (who, tel, hours) in CONTACTS {
                    tr {
                        th { (who) }
                        td { "【電話番号】 " (tel) }
                        td { "【受付時間】 " (hours) }
                    }
                }
            }
        }
    }
}

/// The stylesheet served at `/_static/nss.css`: plain, close to the NSS look, no external fonts.
pub const STYLESHEET: &str = include_str!("nss.css");
