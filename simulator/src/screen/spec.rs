//! Declarative input sections: a screen lists its 「…に関する項目」 sections as tables of field
//! specs; the same table renders the inputs, reads a posted form and validates it. Screens that
//! share a shape (氏名 + フリガナ + 電話番号 …) share the spec, never copied markup.

use super::model::{Choice, Field, FieldType, Row, Section, Text};
use crate::domain::format;
use crate::screen::form::FormInput;
use std::collections::BTreeMap;

/// The raw values of a screen's inputs, by form name, as the user typed them (kept on errors).
/// Multi-valued check boxes are stored comma-joined (their values are ASCII codes).
pub type Values = BTreeMap<String, String>;

/// Field name → Japanese error message.
pub type FieldErrors = BTreeMap<String, String>;

/// One option of a radio or check box group: the reference lists' own shape.
pub use crate::domain::lists::Choice as Opt;

/// What kind of input a field is.
#[derive(Debug, Clone, Copy)]
pub enum Input {
    Text,
    Textarea,
    Password,
    Radio(&'static [Opt]),
    /// A group of check boxes (several values).
    Checks(&'static [Opt]),
    /// One check box with its printed text; its value is "1" when checked.
    Check(&'static str),
    File,
}

/// The format rule of a field (procedures.md §1); the rules themselves live in `domain::format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fmt {
    Free,
    Zenkaku,
    Katakana,
    Phone,
    Fax,
    EmergencyFax,
    Postal,
    Email,
    Date8,
    Count,
    OfficeCode,
    BillingCode,
    UserCode,
}

/// When a field must be filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Req {
    Always,
    /// Prints 「任意」.
    Optional,
    /// Required when another field has the given value; ignored otherwise.
    When(&'static str, &'static str),
    /// Optional, but only read when another field has the given value.
    OptionalWhen(&'static str, &'static str),
    /// Checked by the screen's own rule at a particular button (「設定する」): neither required
    /// nor 「任意」 on the screen.
    Deferred,
}

/// One input of a row.
#[derive(Debug, Clone, Copy)]
pub struct FieldSpec {
    pub name: &'static str,
    /// The part label inside a multi-input row (姓, 名, 登録用, 確認用); None for single inputs.
    pub part: Option<&'static str>,
    pub input: Input,
    pub fmt: Fmt,
    pub req: Req,
    pub max: Option<usize>,
    pub hint: Option<&'static str>,
    pub example: Option<&'static str>,
    pub unit: Option<&'static str>,
    /// The value a radio starts with.
    pub default: Option<&'static str>,
    /// A button attached to the field: (op value, label) — 「反映」.
    pub button: Option<(&'static str, &'static str)>,
}

impl FieldSpec {
    /// A required text field with no decoration; chain the setters below.
    pub const fn text(name: &'static str) -> Self {
        FieldSpec {
            name,
            part: None,
            input: Input::Text,
            fmt: Fmt::Free,
            req: Req::Always,
            max: None,
            hint: None,
            example: None,
            unit: None,
            default: None,
            button: None,
        }
    }
    pub const fn radio(name: &'static str, opts: &'static [Opt], default: &'static str) -> Self {
        let mut f = Self::text(name);
        f.input = Input::Radio(opts);
        f.default = Some(default);
        f
    }
    pub const fn input(mut self, input: Input) -> Self {
        self.input = input;
        self
    }
    pub const fn part(mut self, part: &'static str) -> Self {
        self.part = Some(part);
        self
    }
    pub const fn fmt(mut self, fmt: Fmt) -> Self {
        self.fmt = fmt;
        self.hint = match fmt {
            Fmt::Zenkaku => Some("(全角)"),
            Fmt::Katakana => Some("(全角カナ)"),
            Fmt::Phone | Fmt::Fax | Fmt::EmergencyFax | Fmt::Count => Some("(半角数字)"),
            Fmt::Postal => Some("(半角数字7桁)"),
            Fmt::Date8 => Some("(半角数字8桁)"),
            Fmt::Email => Some("(半角英数字)"),
            Fmt::OfficeCode => Some("(半角英数字6桁)"),
            Fmt::BillingCode => Some("(半角数字7桁)"),
            Fmt::UserCode => Some("(半角英数字5桁)"),
            Fmt::Free => None,
        };
        self.max = match fmt {
            Fmt::Phone | Fmt::Fax | Fmt::EmergencyFax => Some(11),
            Fmt::Postal | Fmt::BillingCode => Some(7),
            Fmt::Date8 => Some(8),
            Fmt::OfficeCode => Some(6),
            Fmt::UserCode => Some(5),
            Fmt::Email => Some(60),
            Fmt::Count => Some(3),
            _ => self.max,
        };
        self
    }
    /// No printed hint although the format has one (住所(都道府県), M000 l.855).
    pub const fn no_hint(mut self) -> Self {
        self.hint = None;
        self
    }
    pub const fn req(mut self, req: Req) -> Self {
        self.req = req;
        self
    }
    pub const fn optional(self) -> Self {
        self.req(Req::Optional)
    }
    pub const fn max(mut self, max: usize) -> Self {
        self.max = Some(max);
        self
    }
    pub const fn example(mut self, example: &'static str) -> Self {
        self.example = Some(example);
        self
    }
    pub const fn unit(mut self, unit: &'static str) -> Self {
        self.unit = Some(unit);
        self
    }
    pub const fn button(mut self, op: &'static str, label: &'static str) -> Self {
        self.button = Some((op, label));
        self
    }
}

/// One printed row.
#[derive(Debug, Clone, Copy)]
pub struct RowSpec {
    pub label: &'static str,
    pub fields: &'static [FieldSpec],
    pub notes: &'static [&'static str],
}

/// A 「…に関する項目」 section.
#[derive(Debug, Clone, Copy)]
pub struct SectionSpec {
    pub heading: &'static str,
    pub lines: &'static [&'static str],
    pub rows: &'static [RowSpec],
}

impl SectionSpec {
    /// Every field of the section.
    pub fn fields(&self) -> impl Iterator<Item = (&'static RowSpec, &'static FieldSpec)> + use<> {
        let rows: &'static [RowSpec] = self.rows;
        rows.iter()
            .flat_map(|r| r.fields.iter().map(move |f| (r, f)))
    }
}

/// The label used in messages and in JSON: the row label and the part label.
pub fn full_label(row: &RowSpec, f: &FieldSpec) -> String {
    match f.part {
        Some(p) if !row.label.is_empty() => format!("{} {}", row.label, p),
        Some(p) => p.to_string(),
        None => row.label.to_string(),
    }
}

fn condition_holds(values: &Values, (field, value): (&str, &str)) -> bool {
    values.get(field).is_some_and(|v| v == value)
}

/// Whether the field is active (shown as required or read) given the other values.
pub fn is_active(f: &FieldSpec, values: &Values) -> bool {
    match f.req {
        Req::When(a, b) | Req::OptionalWhen(a, b) => condition_holds(values, (a, b)),
        _ => true,
    }
}

/// The value of a field, falling back to its default.
pub fn value_of<'a>(f: &FieldSpec, values: &'a Values) -> &'a str {
    values
        .get(f.name)
        .map(String::as_str)
        .or(f.default)
        .unwrap_or("")
}

/// Renders a section from its spec, the current values and the errors.
pub fn build(spec: &SectionSpec, values: &Values, errors: &FieldErrors) -> Section {
    Section {
        heading: spec.heading.into(),
        lines: spec.lines.iter().map(|&s| s.into()).collect(),
        rows: spec
            .rows
            .iter()
            .map(|r| build_row(r, values, errors))
            .collect(),
    }
}

/// Renders one row.
pub fn build_row(r: &RowSpec, values: &Values, errors: &FieldErrors) -> Row {
    Row {
        label: r.label.into(),
        // 「任意」 is printed beside a label of text inputs that may stay empty. The manuals
        // print none on a check box standing alone or a file to attach (M000 【17】【20】【24】,
        // M003:l.613, 762): those are optional by nature, not by a tag.
        optional: !r.label.is_empty()
            && !r.fields.is_empty()
            && r.fields.iter().all(|f| {
                matches!(f.req, Req::Optional | Req::OptionalWhen(..))
                    && !matches!(f.input, Input::Check(_) | Input::File)
            }),
        fields: r
            .fields
            .iter()
            .map(|f| build_field(f, values, errors))
            .collect(),
        notes: r.notes.iter().map(|&s| s.into()).collect(),
    }
}

fn build_field(f: &FieldSpec, values: &Values, errors: &FieldErrors) -> Field {
    let value = value_of(f, values);
    let (kind, options) = match f.input {
        Input::Text => (FieldType::Text, Vec::new()),
        Input::Textarea => (FieldType::Textarea, Vec::new()),
        Input::Password => (FieldType::Password, Vec::new()),
        Input::File => (FieldType::File, Vec::new()),
        Input::Radio(opts) => (FieldType::Radio, choices(opts, value)),
        Input::Checks(opts) => (FieldType::Checkbox, choices(opts, value)),
        Input::Check(label) => (
            FieldType::Checkbox,
            vec![Choice {
                value: "1".into(),
                label: label.into(),
                selected: value == "1",
            }],
        ),
    };
    let is_choice = matches!(
        f.input,
        Input::Radio(_) | Input::Checks(_) | Input::Check(_)
    );
    Field {
        name: f.name.into(),
        part: f.part.map(Text::from),
        kind,
        required: matches!(f.req, Req::Always)
            || matches!(f.req, Req::When(a, b) if condition_holds(values, (a, b))),
        hint: f.hint.map(Text::from),
        example: f.example.map(Text::from),
        max_length: f.max,
        value: if is_choice && !matches!(f.input, Input::Radio(_)) {
            String::new()
        } else {
            value.to_string()
        },
        options,
        error: errors.get(f.name).cloned(),
        unit: f.unit.map(Text::from),
        button: f
            .button
            .map(|(op, label)| super::Button::new("op", op, label)),
    }
}

/// The options with their selection; `value` is the selected code, or the codes comma-joined.
fn choices(opts: &[Opt], value: &str) -> Vec<Choice> {
    opts.iter()
        .map(|o| Choice {
            value: o.code.into(),
            label: o.label.into(),
            selected: !o.code.is_empty() && value.split(',').any(|v| v == o.code),
        })
        .collect()
}

/// Reads the section's fields from a posted form into `values` (replacing what was there).
/// Radios keep only known values; check boxes are comma-joined.
pub fn read(spec: &SectionSpec, form: &FormInput, values: &mut Values) {
    for (_, f) in spec.fields() {
        let v = match f.input {
            Input::Checks(opts) => form
                .all(f.name)
                .into_iter()
                .filter(|v| opts.iter().any(|o| o.code == *v))
                .collect::<Vec<_>>()
                .join(","),
            Input::Check(_) => {
                if form.all(f.name).contains(&"1") {
                    "1".to_string()
                } else {
                    String::new()
                }
            }
            Input::Radio(opts) => match form.get(f.name) {
                Some(v) if opts.iter().any(|o| o.code == v) => v.to_string(),
                _ => f.default.unwrap_or("").to_string(),
            },
            Input::File => continue,
            _ => form.get(f.name).unwrap_or("").to_string(),
        };
        values.insert(f.name.to_string(), v);
    }
}

/// Validates the section's active fields: required, format, length.
pub fn validate(spec: &SectionSpec, values: &Values, errors: &mut FieldErrors) {
    for (row, f) in spec.fields() {
        if !is_active(f, values) || errors.contains_key(f.name) || f.req == Req::Deferred {
            continue;
        }
        // The label is only built for a message (most fields are valid).
        let label = || full_label(row, f);
        let value = value_of(f, values);
        let required = matches!(f.req, Req::Always | Req::When(..));
        if value.trim().is_empty() {
            if required {
                let msg = match f.input {
                    Input::Radio(_) | Input::Checks(_) => {
                        format!("{}を選択してください。", label())
                    }
                    Input::Check(text) => format!("「{text}」にチェックを入れてください。"),
                    _ => format::FormatError::Required.message(&label()),
                };
                errors.insert(f.name.to_string(), msg);
            }
            continue;
        }
        if let Err(e) = check_format(f, value) {
            errors.insert(f.name.to_string(), e.message(&label()));
        }
    }
}

fn check_format(f: &FieldSpec, value: &str) -> Result<(), format::FormatError> {
    // The format first: 「-」 in a phone number deserves the hyphen message, not a length one.
    match f.fmt {
        Fmt::Free => Ok(()),
        Fmt::Zenkaku => format::Zenkaku::parse(value).map(drop),
        Fmt::Katakana => format::Katakana::parse(value).map(drop),
        Fmt::Phone => format::PhoneNumber::parse(value).map(drop),
        Fmt::Fax => format::FaxNumber::parse(value).map(drop),
        Fmt::EmergencyFax => format::EmergencyFax::parse(value).map(drop),
        Fmt::Postal => format::PostalCode::parse(value).map(drop),
        Fmt::Email => format::Email::parse(value).map(drop),
        Fmt::Date8 => format::Date8::parse(value).map(drop),
        Fmt::Count => format::PositiveCount::parse(value).map(drop),
        Fmt::OfficeCode => format::OfficeCode::parse(value).map(drop),
        Fmt::BillingCode => format::BillingCode::parse(value).map(drop),
        Fmt::UserCode => format::UserCode::parse(value).map(drop),
    }?;
    match f.max {
        Some(max) => format::check_max_chars(value, max),
        None => Ok(()),
    }
}

/// The errors as the screen's error list, in display order of the sections given.
pub fn error_list(sections: &[&SectionSpec], errors: &FieldErrors) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in sections {
        for (_, f) in s.fields() {
            if let Some(e) = errors.get(f.name) {
                out.push(e.clone());
            }
        }
    }
    // Errors of fields outside these sections (cross-field rules) come last.
    for (name, e) in errors {
        if !sections
            .iter()
            .any(|s| s.fields().any(|(_, f)| f.name == name))
        {
            out.push(e.clone());
        }
    }
    out
}

/// How a read-only summary prints a row with several parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartStyle {
    /// 「姓:貿易 名:太郎」 (M000 【7】).
    Labelled,
    /// 「貿易 太郎」 (M000 【23】).
    Joined,
}

/// The printed value of a field in a read-only summary: the option label for choices.
pub fn display_value(f: &FieldSpec, values: &Values) -> String {
    let v = value_of(f, values);
    match f.input {
        Input::Radio(opts) | Input::Checks(opts) => v
            .split(',')
            .filter_map(|code| opts.iter().find(|o| o.code == code))
            .map(|o| o.label)
            .collect::<Vec<_>>()
            .join("、"),
        Input::Check(label) if v == "1" => label.to_string(),
        _ => v.to_string(),
    }
}

/// Read-only rows 「項目 / 申込情報」 of a section: one per printed row, skipping the confirmation
/// copy of a pair (確認用) and the rows whose every field is inactive (the 一括請求先 of
/// 一括請求 希望しない is not printed, M000 【24】).
pub fn summary_rows(
    spec: &SectionSpec,
    values: &Values,
    style: PartStyle,
) -> Vec<Vec<super::Cell>> {
    summarize(spec, values, style, false)
}

/// Like `summary_rows`, but printing inactive rows too: for sections whose 「…に同じ」 choice
/// was resolved into copied values that are to be shown.
pub fn summary_rows_all(
    spec: &SectionSpec,
    values: &Values,
    style: PartStyle,
) -> Vec<Vec<super::Cell>> {
    summarize(spec, values, style, true)
}

fn summarize(
    spec: &SectionSpec,
    values: &Values,
    style: PartStyle,
    all: bool,
) -> Vec<Vec<super::Cell>> {
    let mut out = Vec::new();
    for row in spec.rows {
        let fields: Vec<&FieldSpec> = row
            .fields
            .iter()
            .filter(|f| f.part != Some("確認用") && !matches!(f.input, Input::File))
            .filter(|f| all || is_active(f, values))
            .collect();
        if fields.is_empty() {
            continue;
        }
        let text = if fields.len() == 1 {
            display_value(fields[0], values)
        } else {
            fields
                .iter()
                .map(|f| match (style, f.part) {
                    (PartStyle::Labelled, Some(p)) => format!("{p}:{}", display_value(f, values)),
                    _ => display_value(f, values),
                })
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        };
        // Addresses print as one 住所 line (M000 【23】: 東京都千代田区霞が関1丁目3-1).
        let is_address_part = matches!(
            row.label,
            "住所(都道府県)" | "住所(市区町村)" | "住所(その他)"
        );
        if is_address_part {
            if let Some(last) = out.last_mut().filter(|r: &&mut Vec<super::Cell>| {
                matches!(r.first(), Some(super::Cell::Text(l)) if l == "住所")
            }) {
                if let Some(super::Cell::Text(v)) = last.get_mut(1) {
                    v.to_mut().push_str(&text);
                }
                continue;
            }
            out.push(vec![super::Cell::from("住所"), super::Cell::from(text)]);
            continue;
        }
        out.push(vec![super::Cell::from(row.label), super::Cell::from(text)]);
    }
    out
}

/// The columns of a read-only summary table (contract §4 example).
pub fn summary_columns() -> Vec<Text> {
    vec!["項目".into(), "申込情報".into()]
}
