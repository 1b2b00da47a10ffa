//! The screen model: one value per rendered screen, from which both the HTML page and the JSON
//! document (contract §4) are produced, so that the two renderings can never disagree.

use serde::Serialize;
use std::borrow::Cow;

/// A printed text of the model. Most are the manual's fixed wording (labels, hints, headings,
/// button texts), borrowed from the binary; the rest are built per request. A screen is built for
/// every request and dropped after rendering, so not copying the fixed texts into fresh `String`s
/// each time is most of its building cost (docs/performance.md).
pub type Text = Cow<'static, str>;

/// A whole NSS screen.
#[derive(Debug, Clone, Default)]
pub struct Screen {
    /// Stable dotted identifier, `procedure.screen` (contract §4).
    pub id: &'static str,
    /// The heading as printed in the manual.
    pub title: Text,
    /// The progress bar of the screen's procedure, when the screen shows one.
    pub progress: Option<Progress>,
    /// The tab bar, when the screen shows one: printed above the title, or where the body places
    /// it with `Block::TabBar`.
    pub tabs: Option<Tabs>,
    /// Who is logged in, for the header.
    pub session: Option<SessionBanner>,
    /// The red banner of form screens and other notices.
    pub notices: Vec<Text>,
    /// Validation and operation errors, in Japanese.
    pub errors: Vec<String>,
    /// The explanatory lines under the title.
    pub intro: Vec<Text>,
    /// The body, in display order.
    pub blocks: Vec<Block>,
    /// The page's form (NSS pages are one form each); `None` for read-only pages.
    pub form: Option<Form>,
    /// The HTTP status to answer with (200 unless said otherwise).
    pub status: u16,
    /// Whether the page shows the helpdesk contact box (every NSS page does except pop-ups).
    pub contact: bool,
    /// The manual prints no heading on the page (ログイン M000 【13】, the 予期しない操作 error
    /// M000 【参考】): HTML leaves out the `<h1>`; `title` still names the page (the window
    /// title, JSON `title`).
    pub untitled: bool,
}

/// A procedure's progress bar (M000 【6】ff: 仮ログイン登録 → … → 審査完了).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// The steps as printed, in order.
    pub steps: &'static [&'static str],
    /// The step the screen stands at: an index into `steps`.
    pub current: usize,
}

/// A tab bar: the new application's display-only bar (M000 【17】ff), or the tabs of a 参照
/// screen, each a link to one view of the record (申込内容 参照 `?tab=…`, M001 l.510).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tabs {
    /// The tab labels as printed, in order (the manual's fixed wording).
    pub items: &'static [&'static str],
    /// The selected tab: an index into `items`.
    pub current: usize,
    /// Where each tab leads, in the order of `items`, when the tabs are links; empty for a
    /// display-only bar. Kept apart from `items` so that a display-only bar is built without
    /// allocating, and so that JSON can print `items` as the contract's array of strings.
    pub hrefs: Vec<String>,
}

impl Tabs {
    /// A display-only bar with `current` selected; `None` when `current` is not one of `items`.
    pub fn display(items: &'static [&'static str], current: &str) -> Option<Self> {
        let current = items.iter().position(|t| *t == current)?;
        Some(Tabs {
            items,
            current,
            hrefs: Vec::new(),
        })
    }

    /// A bar of links, `href` giving each tab's URL; `None` when `current` is not one of `items`.
    pub fn links(
        items: &'static [&'static str],
        current: &str,
        href: impl Fn(&str) -> String,
    ) -> Option<Self> {
        let mut tabs = Self::display(items, current)?;
        tabs.hrefs = items.iter().map(|t| href(t)).collect();
        Some(tabs)
    }

    /// The selected tab's label (`None` only for an index out of `items`).
    pub fn current_label(&self) -> Option<&'static str> {
        self.items.get(self.current).copied()
    }

    /// Where the tab at `index` leads, if the tabs are links.
    pub fn href(&self, index: usize) -> Option<&str> {
        self.hrefs.get(index).map(String::as_str)
    }
}

/// The 「…からログイン中」 part of the header.
#[derive(Debug, Clone, Serialize)]
pub struct SessionBanner {
    /// The ID the user logged in with (temporary ID or office code).
    pub login_id: String,
    /// When the session began, as printed: `2018/11/28 09:18`.
    pub since: String,
    /// Company name, once known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    /// Office name, once known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub office: Option<String>,
    /// Where the header's 「ログアウト」 leads (the JSON document lists it among the links, so
    /// that a client reading JSON can log out as a browser user does).
    #[serde(skip)]
    pub logout: String,
}

/// The label of the header's logout link.
pub const LOGOUT: &str = "ログアウト";

/// A piece of a screen's body.
#[derive(Debug, Clone)]
pub enum Block {
    /// A 「…に関する項目」 section of input rows.
    Section(Section),
    /// A read-only table.
    Table(Table),
    /// A heading that groups the tables after it, up to the next heading or input section
    /// (申込担当者情報 … 請求先情報 on 申込内容 確認, M000 【23】; the 利用申込の備考 section after
    /// them stands in no group). JSON names it as each table's `group`.
    Heading { text: Text, buttons: Vec<Button> },
    /// Where the body prints the screen's tab bar (`Screen::tabs`): the 参照 screens print it under
    /// their intro (M001 l.510). Without it, the tab bar is printed above the title.
    TabBar,
    /// Paragraphs of text.
    Text(Vec<Text>),
    /// A prominent message (完了 screens).
    Message(Vec<Text>),
    /// Buttons placed inside the body rather than at the bottom.
    Buttons(Vec<Button>),
    /// Links placed in the body.
    Links(Vec<Link>),
}

/// A 「…に関する項目」 section of the form.
#[derive(Debug, Clone, Default)]
pub struct Section {
    /// The heading, e.g. 「申込担当者に関する項目」. A section printed without one continues the
    /// section above it (「上記を確認しました。」 stands under 管理責任者に関する項目, M002 l.443):
    /// see `Screen::sections`.
    pub heading: Text,
    /// The explanation printed under the heading.
    pub lines: Vec<Text>,
    /// The input rows.
    pub rows: Vec<Row>,
}

/// One row of a section: a printed label and one or more inputs.
#[derive(Debug, Clone, Default)]
pub struct Row {
    /// The row label as printed (氏名, E-mailアドレス).
    pub label: Text,
    /// Prints 「任意」 beside the label.
    pub optional: bool,
    /// The inputs of the row.
    pub fields: Vec<Field>,
    /// Notes printed at the right of the row.
    pub notes: Vec<Text>,
}

/// The kinds of input contract §4 knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldType {
    Text,
    Textarea,
    Password,
    Radio,
    Checkbox,
    Select,
    Date,
    File,
    Hidden,
}

/// One input.
#[derive(Debug, Clone)]
pub struct Field {
    /// The form name, identical in HTML and JSON.
    pub name: Text,
    /// The part label inside a multi-input row (姓, 名, 登録用, 確認用).
    pub part: Option<Text>,
    pub kind: FieldType,
    pub required: bool,
    /// The format hint printed beside the input: (全角), (半角数字).
    pub hint: Option<Text>,
    /// The example printed under the input: 例) ナックス商事株式会社.
    pub example: Option<Text>,
    pub max_length: Option<usize>,
    /// The current value (text inputs) — what the user entered, kept on errors.
    pub value: String,
    /// Options of radio, checkbox and select inputs, with the selection.
    pub options: Vec<Choice>,
    /// The field's error message, if any.
    pub error: Option<String>,
    /// A unit printed after the input (台, 冊).
    pub unit: Option<Text>,
    /// A button attached to the input (「反映」 beside 郵便番号).
    pub button: Option<Button>,
}

impl Field {
    /// A text input with nothing else set.
    pub fn text(name: impl Into<Text>, value: impl Into<String>) -> Self {
        Field {
            name: name.into(),
            part: None,
            kind: FieldType::Text,
            required: false,
            hint: None,
            example: None,
            max_length: None,
            value: value.into(),
            options: Vec::new(),
            error: None,
            unit: None,
            button: None,
        }
    }
}

/// One option of a choice input.
#[derive(Debug, Clone, Serialize)]
pub struct Choice {
    pub value: Text,
    pub label: Text,
    pub selected: bool,
}

/// A read-only table.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub caption: Text,
    pub columns: Vec<Text>,
    pub rows: Vec<Vec<Cell>>,
}

/// A table cell: text, a button acting on the row (修正, 削除, 取消), or a link to the row's
/// detail (新着情報 「詳細」). JSON prints a cell as its text; the screen's `links` carry the
/// link targets for automations.
#[derive(Debug, Clone)]
pub enum Cell {
    Text(Text),
    Button(Button),
    Link(Link),
}

impl From<&'static str> for Cell {
    fn from(s: &'static str) -> Self {
        Cell::Text(Text::Borrowed(s))
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(Text::Owned(s))
    }
}

/// The page's form.
#[derive(Debug, Clone)]
pub struct Form {
    /// Where the form posts to (absolute path, workspace prefix included).
    pub action: String,
    /// Hidden fields (the flow token).
    pub hidden: Vec<(String, String)>,
    /// Whether a file can be attached (`multipart/form-data`).
    pub multipart: bool,
    /// The buttons at the bottom of the page.
    pub buttons: Vec<Button>,
}

/// A submit button: pressing it sends `name=value`.
#[derive(Debug, Clone, Serialize)]
pub struct Button {
    pub name: Text,
    pub value: Text,
    /// The text as printed, without decorative arrows.
    pub label: Text,
    /// Printed decoration: "<", ">", "←", "×"… — HTML only.
    #[serde(skip)]
    pub arrow: Arrow,
    /// A browser confirm dialog shown before submitting (「登録します。よろしいですか？」).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confirm: Option<Text>,
}

/// How a button is decorated in HTML.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Arrow {
    #[default]
    None,
    /// 「< 前に戻る」
    Back,
    /// 「次へ進む >」
    Forward,
    /// 「← 申込担当者の入力に戻る」
    Return,
    /// 「▶ 申込内容を登録する」
    Register,
    /// 「× 画面を閉じる」
    Close,
}

impl Button {
    /// A button that posts `name=value`.
    pub fn new(name: impl Into<Text>, value: impl Into<Text>, label: impl Into<Text>) -> Self {
        Button {
            name: name.into(),
            value: value.into(),
            label: label.into(),
            arrow: Arrow::None,
            confirm: None,
        }
    }

    /// The same button with a printed decoration.
    pub fn arrow(mut self, arrow: Arrow) -> Self {
        self.arrow = arrow;
        self
    }

    /// The same button behind the manual's register dialog.
    pub fn confirm_register(mut self) -> Self {
        self.confirm = Some(REGISTER_CONFIRM.into());
        self
    }
}

/// The confirm dialog of every register button (procedures.md §0, M000 【8】).
pub const REGISTER_CONFIRM: &str = "登録します。よろしいですか？";

/// A link.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub label: Text,
    pub href: String,
}

impl Link {
    pub fn new(label: impl Into<Text>, href: impl Into<String>) -> Self {
        Link {
            label: label.into(),
            href: href.into(),
        }
    }
}

impl Screen {
    /// A screen with its id and title and everything else empty.
    pub fn new(id: &'static str, title: impl Into<Text>) -> Self {
        Screen {
            id,
            title: title.into(),
            status: 200,
            contact: true,
            ..Default::default()
        }
    }

    /// Every field of the screen's body in display order.
    pub fn fields(&self) -> impl Iterator<Item = (&Section, &Row, &Field)> {
        self.blocks.iter().flat_map(|b| match b {
            Block::Section(s) => s
                .rows
                .iter()
                .flat_map(move |r| r.fields.iter().map(move |f| (s, r, f)))
                .collect::<Vec<_>>(),
            _ => Vec::new(),
        })
    }

    /// Every section of the body in display order, with the heading it stands under: its own,
    /// or for a section printed without one, the last heading printed above it (none before the
    /// first heading of the screen, as on the login form).
    pub fn sections(&self) -> impl Iterator<Item = (&str, &Section)> {
        let mut last = "";
        self.blocks.iter().filter_map(move |b| match b {
            Block::Section(s) => {
                if !s.heading.is_empty() {
                    last = &s.heading;
                }
                Some((last, s))
            }
            _ => None,
        })
    }

    /// Every table of the body in display order, with the text of the group heading it stands
    /// under (`Block::Heading`), if any.
    pub fn tables(&self) -> impl Iterator<Item = (Option<&str>, &Table)> {
        let mut group = None;
        self.blocks.iter().filter_map(move |b| match b {
            Block::Heading { text, .. } => {
                group = Some(&**text);
                None
            }
            Block::Section(_) => {
                group = None;
                None
            }
            Block::Table(t) => Some((group, t)),
            _ => None,
        })
    }

    /// Every button of the screen: inline ones first, then the bottom ones.
    pub fn buttons(&self) -> Vec<&Button> {
        let mut out = Vec::new();
        for b in &self.blocks {
            match b {
                Block::Heading { buttons, .. } | Block::Buttons(buttons) => out.extend(buttons),
                Block::Section(s) => {
                    for r in &s.rows {
                        out.extend(r.fields.iter().filter_map(|f| f.button.as_ref()));
                    }
                }
                Block::Table(t) => {
                    for row in &t.rows {
                        out.extend(row.iter().filter_map(|c| match c {
                            Cell::Button(b) => Some(b),
                            Cell::Text(_) | Cell::Link(_) => None,
                        }));
                    }
                }
                _ => {}
            }
        }
        if let Some(f) = &self.form {
            out.extend(&f.buttons);
        }
        out
    }

    /// Every link of the body's link lists (`Block::Links`). The JSON document's `links` also
    /// lists the tabs of a tab bar of links where the body places it (`json.rs`).
    pub fn links(&self) -> Vec<&Link> {
        self.blocks
            .iter()
            .flat_map(|b| match b {
                Block::Links(l) => l.iter().collect::<Vec<_>>(),
                _ => Vec::new(),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BAR: &[&str] = &["申込担当者", "事業所・企業", "利用者"];

    #[test]
    fn a_tab_bar_selects_one_of_its_tabs() {
        let bar = Tabs::display(BAR, "事業所・企業").expect("a known tab");
        assert_eq!(
            (bar.current, bar.current_label()),
            (1, Some("事業所・企業"))
        );
        assert_eq!(bar.href(1), None);
        assert!(Tabs::display(BAR, "請求先").is_none());
        let links = Tabs::links(BAR, "利用者", |t| format!("?tab={t}")).expect("a known tab");
        assert_eq!(links.current, 2);
        assert_eq!(links.href(0), Some("?tab=申込担当者"));
        assert_eq!(links.href(3), None);
    }

    fn section(heading: &'static str) -> Block {
        Block::Section(Section {
            heading: heading.into(),
            ..Default::default()
        })
    }

    fn table(caption: &'static str) -> Block {
        Block::Table(Table {
            caption: caption.into(),
            ..Default::default()
        })
    }

    fn heading(text: &'static str) -> Block {
        Block::Heading {
            text: text.into(),
            buttons: Vec::new(),
        }
    }

    #[test]
    fn a_section_without_a_heading_stands_under_the_heading_above_it() {
        let mut s = Screen::new("test.sections", "");
        s.blocks = vec![
            section(""),
            section("管理責任者に関する項目"),
            table("申込情報"),
            section(""),
            section("システム構成図に関する項目"),
            Block::Text(vec!["本文".into()]),
            section(""),
        ];
        let headings: Vec<&str> = s.sections().map(|(h, _)| h).collect();
        assert_eq!(
            headings,
            [
                "",
                "管理責任者に関する項目",
                "管理責任者に関する項目",
                "システム構成図に関する項目",
                "システム構成図に関する項目",
            ]
        );
    }

    #[test]
    fn a_group_heading_holds_the_tables_up_to_the_next_heading_or_input_section() {
        let mut s = Screen::new("test.groups", "");
        s.blocks = vec![
            table("前"),
            heading("申込担当者情報"),
            table("申込担当者に関する項目"),
            Block::Links(Vec::new()),
            table("利用契約に関する項目"),
            heading("請求先情報"),
            table("支払方法に関する項目"),
            section("利用申込の備考"),
            table(""),
        ];
        let groups: Vec<(Option<&str>, &str)> = s.tables().map(|(g, t)| (g, &*t.caption)).collect();
        assert_eq!(
            groups,
            [
                (None, "前"),
                (Some("申込担当者情報"), "申込担当者に関する項目"),
                (Some("申込担当者情報"), "利用契約に関する項目"),
                (Some("請求先情報"), "支払方法に関する項目"),
                (None, ""),
            ]
        );
    }
}
