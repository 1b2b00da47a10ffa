//! The JSON rendering of a screen (contract §4).

use super::frame::{APPLICATION_TABS, PROGRESS_STEPS};
use super::model::{Block, Button, Cell, Choice, FieldType, Link, Screen, SessionBanner};
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
    notices: &'a [String],
    errors: &'a [String],
    /// The explanatory text of the screen (an extension of contract §4: intro, paragraphs and
    /// messages in display order), so that automations can read 申込受付番号「…」 and the like.
    texts: Vec<&'a str>,
    tables: Vec<TableDoc<'a>>,
    links: Vec<&'a Link>,
    forms: Vec<FormDoc<'a>>,
}

#[derive(Serialize)]
struct Progress {
    steps: [&'static str; 5],
    current: usize,
}

#[derive(Serialize)]
struct Tabs<'a> {
    items: [&'static str; 8],
    current: &'a str,
}

#[derive(Serialize)]
struct TableDoc<'a> {
    caption: &'a str,
    columns: &'a [String],
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
    #[serde(skip_serializing_if = "Option::is_none")]
    hint: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_length: Option<usize>,
    value: &'a str,
    #[serde(skip_serializing_if = "<[Choice]>::is_empty")]
    options: &'a [Choice],
    error: Option<&'a str>,
}

/// Serialises the screen as the contract's JSON document.
pub fn to_json(screen: &Screen) -> String {
    let mut texts: Vec<&str> = screen.intro.iter().map(String::as_str).collect();
    let mut tables = Vec::new();
    for b in &screen.blocks {
        match b {
            Block::Text(lines) | Block::Message(lines) => {
                texts.extend(lines.iter().map(String::as_str))
            }
            Block::Section(s) => texts.extend(s.lines.iter().map(String::as_str)),
            Block::Table(t) => tables.push(TableDoc {
                caption: &t.caption,
                columns: &t.columns,
                rows: t
                    .rows
                    .iter()
                    .map(|r| {
                        r.iter()
                            .map(|c| match c {
                                Cell::Text(s) => s.as_str(),
                                Cell::Button(b) => b.label.as_str(),
                            })
                            .collect()
                    })
                    .collect(),
            }),
            _ => {}
        }
    }
    let forms = screen
        .form
        .as_ref()
        .map(|form| {
            let mut fields: Vec<FieldDoc> = screen
                .fields()
                .map(|(section, row, f)| FieldDoc {
                    name: &f.name,
                    label: match &f.part {
                        Some(part) if !row.label.is_empty() => format!("{} {}", row.label, part),
                        Some(part) => part.clone(),
                        // A lone check box is known by its printed text (「上記を確認しました。」).
                        None if row.label.is_empty() && f.options.len() == 1 => {
                            f.options[0].label.clone()
                        }
                        None => row.label.clone(),
                    },
                    section: (!section.heading.is_empty()).then_some(section.heading.as_str()),
                    kind: f.kind,
                    required: f.required,
                    hint: f.hint.as_deref(),
                    max_length: f.max_length,
                    value: &f.value,
                    options: &f.options,
                    error: f.error.as_deref(),
                })
                .collect();
            fields.extend(form.hidden.iter().map(|(name, value)| FieldDoc {
                name,
                label: String::new(),
                section: None,
                kind: FieldType::Hidden,
                required: false,
                hint: None,
                max_length: None,
                value,
                options: &[],
                error: None,
            }));
            vec![FormDoc {
                action: &form.action,
                method: "POST",
                enctype: if form.multipart {
                    "multipart/form-data"
                } else {
                    "application/x-www-form-urlencoded"
                },
                fields,
                buttons: screen.buttons(),
            }]
        })
        .unwrap_or_default();
    let doc = Doc {
        screen: screen.id,
        title: &screen.title,
        progress: screen.progress.map(|current| Progress {
            steps: PROGRESS_STEPS,
            current,
        }),
        tabs: screen.tab.map(|current| Tabs {
            items: APPLICATION_TABS,
            current,
        }),
        session: screen.session.as_ref(),
        notices: &screen.notices,
        errors: &screen.errors,
        texts,
        tables,
        links: screen.links(),
        forms,
    };
    serde_json::to_string_pretty(&doc).expect("a screen always serialises")
}
