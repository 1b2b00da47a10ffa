//! The JSON rendering of a screen (contract §4).
//!
//! The document is written straight into one pre-sized buffer, byte for byte what
//! `serde_json::to_string_pretty` gives for the contract's document (the `reference` test module
//! keeps that serde rendering and checks the two agree): it is the hottest code of a JSON screen
//! request, and the serde path spent its time on intermediate values, small writes and buffer
//! growth (docs/performance.md).

use super::model::{
    Block, Button, Cell, Choice, Field, FieldType, Row, Screen, SessionBanner, Tabs,
};

/// Starts the member `key` of an object: the separator, the indentation and `"key": `, the key
/// quoted when compiling (keys are this file's constants and need no escaping).
macro_rules! key {
    ($w:expr, $first:expr, $key:literal) => {
        $w.key($first, concat!("\"", $key, "\": "))
    };
}

/// Serialises the screen as the contract's JSON document.
pub fn to_json(screen: &Screen) -> String {
    let mut w = Writer {
        out: String::with_capacity(capacity_hint(screen)),
        level: 0,
    };
    w.open('{');
    key!(w, true, "screen");
    w.string(screen.id);
    key!(w, false, "title");
    w.string(&screen.title);
    if let Some(progress) = &screen.progress {
        key!(w, false, "progress");
        w.open('{');
        key!(w, true, "steps");
        w.strings(progress.steps.iter().copied());
        key!(w, false, "current");
        w.number(progress.current);
        w.close('}', true);
    }
    if let Some(tabs) = &screen.tabs {
        key!(w, false, "tabs");
        w.tabs(tabs);
    }
    if let Some(session) = &screen.session {
        key!(w, false, "session");
        w.session(session);
    }
    key!(w, false, "notices");
    w.strings(screen.notices.iter().map(|s| &**s));
    key!(w, false, "errors");
    w.strings(screen.errors.iter().map(String::as_str));
    key!(w, false, "texts");
    w.strings(texts(screen));
    if screen.sections().any(|(heading, _)| !heading.is_empty()) {
        key!(w, false, "sections");
        w.sections(screen);
    }
    key!(w, false, "tables");
    w.tables(screen);
    key!(w, false, "links");
    w.links(screen);
    key!(w, false, "forms");
    w.forms(screen);
    w.close('}', true);
    w.out
}

/// The explanatory text of the screen (an extension of contract §4: intro, paragraphs and
/// messages in display order), so that automations can read 申込受付番号「…」 and the like.
fn texts(screen: &Screen) -> impl Iterator<Item = &str> {
    let body = screen.blocks.iter().flat_map(|b| match b {
        Block::Text(lines) | Block::Message(lines) => lines.as_slice(),
        Block::Section(s) => s.lines.as_slice(),
        _ => &[],
    });
    screen.intro.iter().chain(body).map(|s| &**s)
}

/// Every field of the screen's body in display order with the heading it stands under, as
/// `Screen::sections` gives them, without collecting them first.
fn fields(screen: &Screen) -> impl Iterator<Item = (&str, &Row, &Field)> {
    screen.sections().flat_map(|(heading, s)| {
        s.rows
            .iter()
            .flat_map(move |r| r.fields.iter().map(move |f| (heading, r, f)))
    })
}

/// A buffer size that holds the document without growing (a regrowth copies everything written
/// so far): the texts it prints plus the pretty-printed structure around each of them. Every field
/// repeats its section heading, its label and its row's notes.
fn capacity_hint(screen: &Screen) -> usize {
    let fields: usize = fields(screen)
        .map(|(heading, r, f)| {
            let options: usize = f
                .options
                .iter()
                .map(|c| 112 + c.value.len() + c.label.len())
                .sum();
            let texts: usize = [&f.hint, &f.example, &f.unit]
                .into_iter()
                .map(|t| t.as_ref().map_or(0, |t| 32 + t.len()))
                .sum();
            let notes: usize = r.notes.iter().map(|n| 24 + n.len()).sum();
            let optional = if r.optional { 32 } else { 0 };
            240 + f.name.len()
                + f.value.len()
                + heading.len()
                + r.label.len()
                + texts
                + notes
                + optional
                + options
        })
        .sum();
    let texts: usize = texts(screen).map(|t| 16 + t.len()).sum();
    let sections: usize = screen
        .sections()
        .map(|(_, s)| 64 + s.heading.len() + s.lines.iter().map(|l| 16 + l.len()).sum::<usize>())
        .sum();
    let cells: usize = screen
        .tables()
        .map(|(group, t)| {
            let columns: usize = t.columns.iter().map(|c| 16 + c.len()).sum();
            let rows: usize = t.rows.iter().flatten().map(cell_len).sum();
            64 + group.map_or(0, |g| 24 + g.len()) + t.caption.len() + columns + rows
        })
        .sum();
    let links: usize = screen
        .blocks
        .iter()
        .map(|b| match b {
            Block::Links(l) => l.iter().map(|l| 96 + l.label.len() + l.href.len()).sum(),
            Block::TabBar => screen.tabs.as_ref().map_or(0, |t| {
                let labels: usize = t.items.iter().map(|l| 96 + l.len()).sum();
                labels + t.hrefs.iter().map(String::len).sum::<usize>()
            }),
            _ => 0,
        })
        .sum::<usize>()
        + screen.session.as_ref().map_or(0, |s| 96 + s.logout.len());
    let form = screen.form.as_ref().map_or(0, |f| {
        let buttons: usize = f.buttons.iter().map(|b| 192 + b.label.len()).sum();
        256 + f.action.len() + buttons + 160 * f.hidden.len()
    });
    let notices: usize = screen.notices.iter().map(|m| 16 + m.len()).sum();
    let errors: usize = screen.errors.iter().map(|m| 16 + m.len()).sum();
    let progress = screen.progress.as_ref().map_or(0, |p| {
        64 + p.steps.iter().map(|s| 16 + s.len()).sum::<usize>()
    });
    let tabs = screen.tabs.as_ref().map_or(0, |t| {
        let items: usize = t.items.iter().map(|s| 16 + s.len()).sum();
        let hrefs: usize = t.hrefs.iter().map(|h| 16 + h.len()).sum();
        96 + 2 * items + hrefs
    });
    let frame = progress + tabs + screen.session.as_ref().map_or(0, |_| 256);
    1024 + frame
        + notices
        + errors
        + fields
        + texts
        + sections
        + cells
        + links
        + form
        + 128 * screen.blocks.len()
}

fn cell_len(c: &Cell) -> usize {
    24 + match c {
        Cell::Text(s) => s.len(),
        Cell::Button(b) => 192 + b.label.len(),
        Cell::Link(l) => 96 + l.label.len() + l.href.len(),
    }
}

/// `"\n"` and enough indentation for any depth the document reaches.
const NEWLINE_INDENT: &str = concat!(
    "\n",
    "                                                                ",
    "                                                                "
);

/// A pretty printer with serde_json's layout: two spaces per level, `": "` after keys, empty
/// arrays as `[]`.
struct Writer {
    out: String,
    level: usize,
}

impl Writer {
    fn newline(&mut self) {
        let width = (1 + 2 * self.level).min(NEWLINE_INDENT.len());
        self.out.push_str(&NEWLINE_INDENT[..width]);
    }

    fn open(&mut self, bracket: char) {
        self.out.push(bracket);
        self.level += 1;
    }

    /// Ends an object or array; `nonempty` says whether anything was written inside.
    fn close(&mut self, bracket: char, nonempty: bool) {
        self.level -= 1;
        if nonempty {
            self.newline();
        }
        self.out.push(bracket);
    }

    /// Starts an element of an array or object.
    fn item(&mut self, first: bool) {
        if !first {
            self.out.push(',');
        }
        self.newline();
    }

    /// Starts a member whose key is already quoted (`"name": `): see `key!`.
    fn key(&mut self, first: bool, quoted: &str) {
        self.item(first);
        self.out.push_str(quoted);
    }

    /// A string known to need no escape (a constant of this file).
    fn raw(&mut self, s: &str) {
        self.out.push('"');
        self.out.push_str(s);
        self.out.push('"');
    }

    fn string(&mut self, s: &str) {
        self.out.push('"');
        escape_into(&mut self.out, s);
        self.out.push('"');
    }

    fn number(&mut self, n: usize) {
        let mut digits = [0u8; 20];
        let mut i = digits.len();
        let mut n = n;
        loop {
            i -= 1;
            digits[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.out.extend(digits[i..].iter().map(|&d| char::from(d)));
    }

    fn boolean(&mut self, b: bool) {
        self.out.push_str(if b { "true" } else { "false" });
    }

    fn opt_string(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.string(s),
            None => self.out.push_str("null"),
        }
    }

    fn strings<'s>(&mut self, items: impl Iterator<Item = &'s str>) {
        self.open('[');
        let mut first = true;
        for s in items {
            self.item(first);
            self.string(s);
            first = false;
        }
        self.close(']', !first);
    }

    fn session(&mut self, s: &SessionBanner) {
        self.open('{');
        key!(self, true, "login_id");
        self.string(&s.login_id);
        key!(self, false, "since");
        self.string(&s.since);
        if let Some(company) = &s.company {
            key!(self, false, "company");
            self.string(company);
        }
        if let Some(office) = &s.office {
            key!(self, false, "office");
            self.string(office);
        }
        self.close('}', true);
    }

    fn tabs(&mut self, tabs: &Tabs) {
        self.open('{');
        key!(self, true, "items");
        self.strings(tabs.items.iter().copied());
        key!(self, false, "current");
        self.opt_string(tabs.current_label());
        if !tabs.hrefs.is_empty() {
            key!(self, false, "hrefs");
            self.strings(tabs.hrefs.iter().map(String::as_str));
        }
        self.close('}', true);
    }

    /// The headed sections with their lines; the lines of a section printed without a heading
    /// join the section above it (`Screen::sections`).
    fn sections(&mut self, screen: &Screen) {
        self.open('[');
        // Whether an entry is open, and whether its `lines` has any yet.
        let mut open: Option<bool> = None;
        for (_, s) in screen.sections() {
            if !s.heading.is_empty() {
                if let Some(nonempty) = open {
                    self.close(']', nonempty);
                    self.close('}', true);
                }
                self.item(open.is_none());
                self.open('{');
                key!(self, true, "heading");
                self.string(&s.heading);
                key!(self, false, "lines");
                self.open('[');
                open = Some(false);
            }
            let Some(nonempty) = open.as_mut() else {
                continue;
            };
            for line in &s.lines {
                self.item(!*nonempty);
                self.string(line);
                *nonempty = true;
            }
        }
        if let Some(nonempty) = open {
            self.close(']', nonempty);
            self.close('}', true);
        }
        self.close(']', open.is_some());
    }

    fn tables(&mut self, screen: &Screen) {
        self.open('[');
        let mut first = true;
        for (group, t) in screen.tables() {
            self.item(first);
            first = false;
            self.open('{');
            if let Some(group) = group {
                key!(self, true, "group");
                self.string(group);
            }
            key!(self, group.is_none(), "caption");
            self.string(&t.caption);
            key!(self, false, "columns");
            self.strings(t.columns.iter().map(|s| &**s));
            key!(self, false, "rows");
            self.open('[');
            for (i, row) in t.rows.iter().enumerate() {
                self.item(i == 0);
                self.strings(row.iter().map(|c| match c {
                    Cell::Text(s) => &**s,
                    Cell::Button(b) => &*b.label,
                    Cell::Link(l) => &*l.label,
                }));
            }
            self.close(']', !t.rows.is_empty());
            self.close('}', true);
        }
        self.close(']', !first);
    }

    /// The links of the body in display order: its link lists, and where the body places a tab
    /// bar of links, one link per tab. The 参照 screens printed their tabs as links before they
    /// had a tab bar (`tabs`), the selected one as 「[利用申込]」, and automations follow them by
    /// label (「事業所」リンクをクリックする): they stay in `links` as they were.
    fn links(&mut self, screen: &Screen) {
        self.open('[');
        let mut first = true;
        for b in &screen.blocks {
            match b {
                Block::Links(links) => {
                    for l in links {
                        self.item(first);
                        first = false;
                        self.link(&l.label, &l.href, false);
                    }
                }
                Block::TabBar => {
                    let Some(tabs) = &screen.tabs else { continue };
                    for (i, label) in tabs.items.iter().enumerate() {
                        let Some(href) = tabs.href(i) else { continue };
                        self.item(first);
                        first = false;
                        self.link(label, href, i == tabs.current);
                    }
                }
                _ => {}
            }
        }
        // The header's 「ログアウト」 comes last, as HTML prints it in the header.
        if let Some(session) = &screen.session {
            self.item(first);
            first = false;
            self.link(super::model::LOGOUT, &session.logout, false);
        }
        self.close(']', !first);
    }

    /// One link; `bracketed` prints the label as `[label]` (the selected tab).
    fn link(&mut self, label: &str, href: &str, bracketed: bool) {
        self.open('{');
        key!(self, true, "label");
        if bracketed {
            self.out.push_str("\"[");
            escape_into(&mut self.out, label);
            self.out.push_str("]\"");
        } else {
            self.string(label);
        }
        key!(self, false, "href");
        self.string(href);
        self.close('}', true);
    }

    fn forms(&mut self, screen: &Screen) {
        self.open('[');
        let Some(form) = &screen.form else {
            self.close(']', false);
            return;
        };
        self.item(true);
        self.open('{');
        key!(self, true, "action");
        self.string(&form.action);
        key!(self, false, "method");
        self.raw("POST");
        key!(self, false, "enctype");
        self.raw(if form.multipart {
            "multipart/form-data"
        } else {
            "application/x-www-form-urlencoded"
        });
        key!(self, false, "fields");
        self.open('[');
        let mut first = true;
        for (section, row, f) in fields(screen) {
            self.item(first);
            first = false;
            self.field(section, row, f);
        }
        for (name, value) in &form.hidden {
            self.item(first);
            first = false;
            self.hidden(name, value);
        }
        self.close(']', !first);
        key!(self, false, "buttons");
        self.buttons(&screen.buttons());
        self.close('}', true);
        self.close(']', true);
    }

    fn field(&mut self, section: &str, row: &Row, f: &Field) {
        self.open('{');
        key!(self, true, "name");
        self.string(&f.name);
        key!(self, false, "label");
        self.out.push('"');
        match &f.part {
            Some(part) if !row.label.is_empty() => {
                escape_into(&mut self.out, &row.label);
                self.out.push(' ');
                escape_into(&mut self.out, part);
            }
            Some(part) => escape_into(&mut self.out, part),
            // A lone check box is known by its printed text (「上記を確認しました。」).
            None if row.label.is_empty() && f.options.len() == 1 => {
                escape_into(&mut self.out, &f.options[0].label)
            }
            None => escape_into(&mut self.out, &row.label),
        }
        self.out.push('"');
        if !section.is_empty() {
            key!(self, false, "section");
            self.string(section);
        }
        key!(self, false, "type");
        self.raw(field_type(f.kind));
        key!(self, false, "required");
        self.boolean(f.required);
        if row.optional {
            key!(self, false, "optional");
            self.boolean(true);
        }
        if let Some(hint) = &f.hint {
            key!(self, false, "hint");
            self.string(hint);
        }
        if let Some(example) = &f.example {
            key!(self, false, "example");
            self.string(example);
        }
        if let Some(unit) = &f.unit {
            key!(self, false, "unit");
            self.string(unit);
        }
        if let Some(max) = f.max_length {
            key!(self, false, "max_length");
            self.number(max);
        }
        key!(self, false, "value");
        self.string(&f.value);
        if !f.options.is_empty() {
            key!(self, false, "options");
            self.choices(&f.options);
        }
        key!(self, false, "error");
        self.opt_string(f.error.as_deref());
        if !row.notes.is_empty() {
            key!(self, false, "notes");
            self.strings(row.notes.iter().map(|s| &**s));
        }
        self.close('}', true);
    }

    fn hidden(&mut self, name: &str, value: &str) {
        self.open('{');
        key!(self, true, "name");
        self.string(name);
        key!(self, false, "label");
        self.raw("");
        key!(self, false, "type");
        self.raw(field_type(FieldType::Hidden));
        key!(self, false, "required");
        self.boolean(false);
        key!(self, false, "value");
        self.string(value);
        key!(self, false, "error");
        self.out.push_str("null");
        self.close('}', true);
    }

    fn choices(&mut self, options: &[Choice]) {
        self.open('[');
        for (i, c) in options.iter().enumerate() {
            self.item(i == 0);
            self.open('{');
            key!(self, true, "value");
            self.string(&c.value);
            key!(self, false, "label");
            self.string(&c.label);
            key!(self, false, "selected");
            self.boolean(c.selected);
            self.close('}', true);
        }
        self.close(']', !options.is_empty());
    }

    fn buttons(&mut self, buttons: &[&Button]) {
        self.open('[');
        for (i, b) in buttons.iter().enumerate() {
            self.item(i == 0);
            self.open('{');
            key!(self, true, "name");
            self.string(&b.name);
            key!(self, false, "value");
            self.string(&b.value);
            key!(self, false, "label");
            self.string(&b.label);
            if let Some(confirm) = &b.confirm {
                key!(self, false, "confirm");
                self.string(confirm);
            }
            self.close('}', true);
        }
        self.close(']', !buttons.is_empty());
    }
}

/// The contract's name of a field type (as `#[serde(rename_all = "lowercase")]` spells it).
fn field_type(kind: FieldType) -> &'static str {
    match kind {
        FieldType::Text => "text",
        FieldType::Textarea => "textarea",
        FieldType::Password => "password",
        FieldType::Radio => "radio",
        FieldType::Checkbox => "checkbox",
        FieldType::Select => "select",
        FieldType::Date => "date",
        FieldType::File => "file",
        FieldType::Hidden => "hidden",
    }
}

/// Whether any byte is one JSON escapes (`"`, `\`, a control character). Almost no text of a
/// screen has one, so the check reads eight bytes at a time (the "has a byte less than" and "has a
/// zero byte" word tricks); a false alarm would only send the text through the escaping loop.
fn needs_escape(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let below = |w: u64, n: u64| w.wrapping_sub(n * ONES) & !w & HIGHS != 0;
    let has = |w: u64, b: u8| below(w ^ (b as u64 * ONES), 1);
    let word_needs = |word: &[u8]| {
        let w = u64::from_le_bytes(word.try_into().expect("eight bytes"));
        below(w, 0x20) | has(w, b'"') | has(w, b'\\')
    };
    let mut words = bytes.chunks_exact(8);
    if words.any(word_needs) {
        return true;
    }
    // The last bytes as one more word rather than one by one: the text's last eight bytes when it
    // has them, else the bytes padded with spaces (which need no escape).
    match words.remainder() {
        [] => false,
        _ if bytes.len() >= 8 => word_needs(&bytes[bytes.len() - 8..]),
        rest => {
            let mut last = [b' '; 8];
            last[..rest.len()].copy_from_slice(rest);
            word_needs(&last)
        }
    }
}

/// Appends `s` with JSON escapes exactly as serde_json writes them: `\"`, `\\`, the short
/// escapes of `\b \f \n \r \t`, `\u00xx` for the other control characters, everything else
/// (non-ASCII included) as it is.
fn escape_into(out: &mut String, s: &str) {
    let bytes = s.as_bytes();
    if !needs_escape(bytes) {
        out.push_str(s);
        return;
    }
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let short = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0x00..=0x1f => "",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        if short.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 0xf) as usize] as char);
        } else {
            out.push_str(short);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
}

#[cfg(test)]
mod reference {
    //! The serde rendering the hand-written writer must equal, byte for byte. It reads the model
    //! on its own (its own walk of the blocks for sections, groups and fields), so that the two
    //! agree on the layout rules as well as on the bytes.

    use super::super::model::{
        Block, Button, Cell, Choice, FieldType, Screen, SessionBanner, Text,
    };
    use serde::Serialize;

    #[derive(Serialize)]
    struct Doc<'a> {
        screen: &'a str,
        title: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        progress: Option<Progress>,
        #[serde(skip_serializing_if = "Option::is_none")]
        tabs: Option<Tabs<'a>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        session: Option<&'a SessionBanner>,
        notices: &'a [Text],
        errors: &'a [String],
        /// The explanatory text of the screen (an extension of contract §4: intro, paragraphs and
        /// messages in display order), so that automations can read 申込受付番号「…」 and the like.
        texts: Vec<&'a str>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        sections: Vec<SectionDoc<'a>>,
        tables: Vec<TableDoc<'a>>,
        links: Vec<LinkDoc<'a>>,
        forms: Vec<FormDoc<'a>>,
    }

    #[derive(Serialize)]
    struct LinkDoc<'a> {
        label: String,
        href: &'a str,
    }

    #[derive(Serialize)]
    struct Progress {
        steps: &'static [&'static str],
        current: usize,
    }

    #[derive(Serialize)]
    struct Tabs<'a> {
        items: &'static [&'static str],
        current: Option<&'static str>,
        #[serde(skip_serializing_if = "<[String]>::is_empty")]
        hrefs: &'a [String],
    }

    #[derive(Serialize)]
    struct SectionDoc<'a> {
        heading: &'a str,
        lines: Vec<&'a str>,
    }

    #[derive(Serialize)]
    struct TableDoc<'a> {
        #[serde(skip_serializing_if = "Option::is_none")]
        group: Option<&'a str>,
        caption: &'a str,
        columns: &'a [Text],
        rows: Vec<Vec<&'a str>>,
    }

    #[derive(Serialize)]
    struct FormDoc<'a> {
        action: &'a str,
        method: &'static str,
        enctype: &'static str,
        fields: Vec<FieldDoc<'a>>,
        buttons: Vec<&'a Button>,
    }

    #[derive(Serialize)]
    struct FieldDoc<'a> {
        name: &'a str,
        label: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        section: Option<&'a str>,
        #[serde(rename = "type")]
        kind: FieldType,
        required: bool,
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        optional: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        hint: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        example: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        unit: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        max_length: Option<usize>,
        value: &'a str,
        #[serde(skip_serializing_if = "<[Choice]>::is_empty")]
        options: &'a [Choice],
        error: Option<&'a str>,
        #[serde(skip_serializing_if = "<[Text]>::is_empty")]
        notes: &'a [Text],
    }

    /// The document as serde_json pretty-prints it.
    pub fn to_json(screen: &Screen) -> String {
        let mut texts: Vec<&str> = screen.intro.iter().map(|s| &**s).collect();
        let mut sections: Vec<SectionDoc> = Vec::new();
        let mut tables = Vec::new();
        let mut fields: Vec<FieldDoc> = Vec::new();
        let mut links: Vec<LinkDoc> = Vec::new();
        // The last section heading and group heading printed above the current block.
        let mut heading: Option<&str> = None;
        let mut group: Option<&str> = None;
        for b in &screen.blocks {
            match b {
                Block::Text(lines) | Block::Message(lines) => {
                    texts.extend(lines.iter().map(|s| &**s))
                }
                Block::Heading { text, .. } => group = Some(text),
                Block::Links(l) => links.extend(l.iter().map(|l| LinkDoc {
                    label: l.label.to_string(),
                    href: &l.href,
                })),
                // A tab bar of links is listed among the links too, the selected tab 「[…]」.
                Block::TabBar => {
                    if let Some(t) = &screen.tabs {
                        for (i, (label, href)) in t.items.iter().zip(&t.hrefs).enumerate() {
                            links.push(LinkDoc {
                                label: if i == t.current {
                                    format!("[{label}]")
                                } else {
                                    label.to_string()
                                },
                                href,
                            });
                        }
                    }
                }
                Block::Section(s) => {
                    group = None;
                    texts.extend(s.lines.iter().map(|s| &**s));
                    if !s.heading.is_empty() {
                        heading = Some(&s.heading);
                        sections.push(SectionDoc {
                            heading: &s.heading,
                            lines: Vec::new(),
                        });
                    }
                    if let Some(last) = sections.last_mut() {
                        last.lines.extend(s.lines.iter().map(|l| &**l));
                    }
                    for row in &s.rows {
                        for f in &row.fields {
                            fields.push(FieldDoc {
                                name: &f.name,
                                label: match &f.part {
                                    Some(part) if !row.label.is_empty() => {
                                        format!("{} {}", row.label, part)
                                    }
                                    Some(part) => part.to_string(),
                                    // A lone check box is known by its printed text.
                                    None if row.label.is_empty() && f.options.len() == 1 => {
                                        f.options[0].label.to_string()
                                    }
                                    None => row.label.to_string(),
                                },
                                section: heading,
                                kind: f.kind,
                                required: f.required,
                                optional: row.optional,
                                hint: f.hint.as_deref(),
                                example: f.example.as_deref(),
                                unit: f.unit.as_deref(),
                                max_length: f.max_length,
                                value: &f.value,
                                options: &f.options,
                                error: f.error.as_deref(),
                                notes: &row.notes,
                            });
                        }
                    }
                }
                Block::Table(t) => tables.push(TableDoc {
                    group,
                    caption: &t.caption,
                    columns: &t.columns,
                    rows: t
                        .rows
                        .iter()
                        .map(|r| {
                            r.iter()
                                .map(|c| match c {
                                    Cell::Text(s) => &**s,
                                    Cell::Button(b) => &*b.label,
                                    Cell::Link(l) => &*l.label,
                                })
                                .collect()
                        })
                        .collect(),
                }),
                _ => {}
            }
        }
        if let Some(session) = &screen.session {
            links.push(LinkDoc {
                label: super::super::model::LOGOUT.to_string(),
                href: &session.logout,
            });
        }
        let forms = screen
            .form
            .as_ref()
            .map(|form| {
                fields.extend(form.hidden.iter().map(|(name, value)| FieldDoc {
                    name,
                    label: String::new(),
                    section: None,
                    kind: FieldType::Hidden,
                    required: false,
                    optional: false,
                    hint: None,
                    example: None,
                    unit: None,
                    max_length: None,
                    value,
                    options: &[],
                    error: None,
                    notes: &[],
                }));
                vec![FormDoc {
                    action: &form.action,
                    method: "POST",
                    enctype: if form.multipart {
                        "multipart/form-data"
                    } else {
                        "application/x-www-form-urlencoded"
                    },
                    fields: std::mem::take(&mut fields),
                    buttons: screen.buttons(),
                }]
            })
            .unwrap_or_default();
        let doc = Doc {
            screen: screen.id,
            title: &screen.title,
            progress: screen.progress.map(|p| Progress {
                steps: p.steps,
                current: p.current,
            }),
            tabs: screen.tabs.as_ref().map(|t| Tabs {
                items: t.items,
                current: t.items.get(t.current).copied(),
                hrefs: &t.hrefs,
            }),
            session: screen.session.as_ref(),
            notices: &screen.notices,
            errors: &screen.errors,
            texts,
            sections,
            tables,
            links,
            forms,
        };
        serde_json::to_string_pretty(&doc).expect("a screen always serialises")
    }
}

#[cfg(test)]
mod tests {
    use super::super::model::{Arrow, Form, Link, Progress, Section, Table, Text};
    use super::*;

    fn same_as_serde(screen: &Screen) {
        let fast = to_json(screen);
        let serde = reference::to_json(screen);
        if fast != serde {
            let at = fast
                .bytes()
                .zip(serde.bytes())
                .position(|(a, b)| a != b)
                .unwrap_or(fast.len().min(serde.len()));
            let from = at.saturating_sub(120);
            panic!(
                "{}: the JSON differs from serde's at byte {at}\n--- written:\n{}\n--- serde:\n{}",
                screen.id,
                fast.get(from..(at + 120).min(fast.len())).unwrap_or(""),
                serde.get(from..(at + 120).min(serde.len())).unwrap_or("")
            );
        }
    }

    #[test]
    fn every_catalogue_screen_is_written_as_serde_writes_it() {
        for screen in crate::procedures::catalogue() {
            same_as_serde(&screen);
        }
    }

    /// The buffer never grows (a regrowth copies the document written so far) and is not
    /// oversized either.
    fn sized_right(screen: &Screen) {
        let (len, hint) = (to_json(screen).len(), capacity_hint(screen));
        assert!(
            len <= hint,
            "{}: {len} bytes written, {hint} reserved",
            screen.id
        );
        assert!(
            hint <= 3 * len + 2048,
            "{}: {len} bytes written, {hint} reserved",
            screen.id
        );
    }

    #[test]
    fn the_buffer_holds_every_catalogue_screen_without_growing() {
        for screen in crate::procedures::catalogue() {
            sized_right(&screen);
        }
        sized_right(&everything());
    }

    #[test]
    fn an_empty_screen_is_written_as_serde_writes_it() {
        same_as_serde(&Screen::new("error.empty", ""));
    }

    fn choice(value: &str, label: &str, selected: bool) -> Choice {
        Choice {
            value: value.to_string().into(),
            label: label.to_string().into(),
            selected,
        }
    }

    /// Every part of the model at once, with every character JSON escapes.
    fn everything() -> Screen {
        let nasty = "引用\"符\" \\ 改行\n復帰\r タブ\t \u{8}\u{c}\u{1}\u{1f}\u{7f} / <b>&amp; 🎌 é";
        let mut s = Screen::new("test.everything", format!("題名 {nasty}"));
        s.progress = Some(Progress {
            steps: &["一", "二", "三", "四"],
            current: 3,
        });
        s.tabs = Tabs::links(
            &["申込担当者", "利用者", "請求先"],
            "利用者",
            |t| format!("/w/ws1/detail?tab={t}&q=\"{nasty}\""),
        );
        s.session = Some(SessionBanner {
            login_id: "1812881".into(),
            since: "2018/11/28 09:18".into(),
            company: Some(nasty.into()),
            office: Some("本社".into()),
            logout: "/w/t/logout".into(),
        });
        s.notices = vec!["注意".into(), nasty.into()];
        s.errors = vec![nasty.into()];
        s.intro = vec!["はじめに".into(), Text::default()];
        let mut with_button = Field::text("postal", "1008901");
        with_button.button = Some(Button::new("op", "reflect", "反映"));
        with_button.hint = Some("(半角数字)".into());
        with_button.example = Some("例) 1234567".into());
        with_button.unit = Some(nasty.into());
        with_button.max_length = Some(7);
        with_button.required = true;
        with_button.error = Some(nasty.into());
        let mut part = Field::text("last_name", nasty);
        part.part = Some("姓".into());
        let mut lone = Field::text("ack", "");
        lone.kind = FieldType::Checkbox;
        lone.options = vec![choice("1", "上記を確認しました。", true)];
        let mut radio = Field::text("customs", "");
        radio.kind = FieldType::Radio;
        radio.options = vec![choice("tokyo", "東京", false), choice("osaka", nasty, true)];
        let mut lone_part = Field::text("alone", "");
        lone_part.part = Some("部分".into());
        s.blocks = vec![
            Block::Section(Section {
                heading: "申込担当者に関する項目".into(),
                lines: vec!["説明".into(), nasty.into()],
                rows: vec![
                    Row {
                        label: "郵便番号".into(),
                        fields: vec![with_button],
                        optional: true,
                        notes: vec![
                            "郵便番号を入力し「反映」ボタンをクリックすると、住所が反映されます。"
                                .into(),
                            nasty.into(),
                        ],
                    },
                    Row {
                        label: "氏名".into(),
                        fields: vec![part],
                        ..Default::default()
                    },
                    Row {
                        label: Text::default(),
                        fields: vec![lone, lone_part],
                        ..Default::default()
                    },
                    Row {
                        label: "管轄税関".into(),
                        fields: vec![radio],
                        ..Default::default()
                    },
                    Row {
                        label: "空".into(),
                        fields: vec![],
                        ..Default::default()
                    },
                ],
            }),
            Block::Section(Section {
                heading: Text::default(),
                lines: vec![],
                rows: vec![Row {
                    label: "見出しなし".into(),
                    fields: vec![Field::text("free", "")],
                    ..Default::default()
                }],
            }),
            Block::Section(Section {
                heading: Text::default(),
                lines: vec!["続き".into()],
                rows: vec![],
            }),
            Block::TabBar,
            Block::Table(Table {
                caption: nasty.into(),
                columns: vec!["項目".into(), "申込情報".into()],
                rows: vec![
                    vec![
                        Cell::Text("企業名".into()),
                        Cell::Button(Button::new("op", "edit:0", "修正")),
                    ],
                    vec![],
                ],
            }),
            Block::Table(Table::default()),
            Block::Heading {
                text: "申込担当者情報".into(),
                buttons: vec![Button::new("op", "goto", "戻る").arrow(Arrow::Return)],
            },
            Block::Table(Table {
                caption: "申込担当者に関する項目".into(),
                columns: vec!["項目".into(), "申込情報".into()],
                rows: vec![vec![Cell::Text("氏名".into()), Cell::Text(nasty.into())]],
            }),
            Block::Heading {
                text: nasty.into(),
                buttons: vec![],
            },
            Block::Table(Table::default()),
            Block::Section(Section {
                heading: "利用申込の備考".into(),
                lines: vec![],
                rows: vec![],
            }),
            Block::Table(Table::default()),
            Block::Text(vec!["本文".into(), nasty.into()]),
            Block::Message(vec!["完了".into()]),
            Block::Buttons(vec![Button::new("op", "inline", nasty).confirm_register()]),
            Block::Links(vec![
                Link::new("リンク", "/w/ws1/bbs/"),
                Link::new(nasty, nasty),
            ]),
            Block::Links(vec![]),
        ];
        s.form = Some(Form {
            action: "/w/ws1/app/office".into(),
            hidden: vec![
                ("_flow".into(), "0123abcd".into()),
                ("other".into(), nasty.into()),
            ],
            multipart: true,
            buttons: vec![
                Button::new("op", "back", "前に戻る").arrow(Arrow::Back),
                Button::new("op", "register", "申込内容を登録する").confirm_register(),
            ],
        });
        s
    }

    #[test]
    fn every_part_of_the_model_is_written_as_serde_writes_it() {
        let full = everything();
        same_as_serde(&full);

        let mut bare = full.clone();
        bare.session.as_mut().unwrap().company = None;
        bare.session.as_mut().unwrap().office = None;
        bare.progress = None;
        bare.tabs = None;
        same_as_serde(&bare);

        let mut display_tabs = full.clone();
        display_tabs.tabs.as_mut().unwrap().hrefs.clear();
        display_tabs.tabs.as_mut().unwrap().current = 7;
        same_as_serde(&display_tabs);

        // A heading-less section first stands under no heading and opens no `sections` entry.
        let mut headless_first = full.clone();
        headless_first.blocks.retain(|b| match b {
            Block::Section(s) => s.heading.is_empty(),
            _ => true,
        });
        same_as_serde(&headless_first);

        let mut no_fields = full.clone();
        no_fields.blocks.retain(|b| !matches!(b, Block::Section(_)));
        no_fields.form.as_mut().unwrap().hidden.clear();
        no_fields.form.as_mut().unwrap().buttons.clear();
        no_fields.form.as_mut().unwrap().multipart = false;
        same_as_serde(&no_fields);

        let mut no_form = full;
        no_form.form = None;
        same_as_serde(&no_form);
    }

    #[test]
    fn every_control_character_is_escaped_as_serde_escapes_it() {
        let all: String = (0u8..=0x7f)
            .map(char::from)
            .chain("ａ日本語🎌".chars())
            .collect();
        let mut written = String::new();
        escape_into(&mut written, &all);
        assert_eq!(
            format!("\"{written}\""),
            serde_json::to_string(&all).unwrap()
        );
    }

    #[test]
    fn an_escape_anywhere_in_a_long_text_is_found() {
        for special in ['"', '\\', '\n', '\u{1f}'] {
            for at in 0..40 {
                let mut text: Vec<char> = "申込内容を登録する。abcdefghijklmnopqrstuvwxyz0123"
                    .chars()
                    .collect();
                text.insert(at, special);
                let text: String = text.into_iter().collect();
                let mut written = String::new();
                escape_into(&mut written, &text);
                assert_eq!(
                    format!("\"{written}\""),
                    serde_json::to_string(&text).unwrap(),
                    "{at}"
                );
            }
        }
    }
}
