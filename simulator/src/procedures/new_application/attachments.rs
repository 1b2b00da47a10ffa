//! Attached files of the new application — the システム構成図 of 論理端末・証明書 入力 and
//! 回線・論理端末 入力, the 添付ファイル of 申込内容 確認 — and the table that lists them.
//!
//! The simulator keeps a file's name and size, not its bytes. What an upload must be to be kept
//! is not printed by the manuals (docs/decisions.md, issue 11, "Attachments"): a real file (a
//! part with a file name: a text value posted under the file field's name is no file), not
//! empty, at most [`MAX_BYTES`]; and at most [`MAX_FILES`] 添付ファイル per application, so that
//! a draft (kept in its session, and durably) stays small whatever a client posts (issue 14).

use crate::application::Attachment;
use crate::screen::form::FormInput;
use crate::screen::spec::{self, FieldErrors, SectionSpec, Values};
use crate::screen::{Block, Button, Cell, Link, Table, Text};

/// The largest file kept: 1 MiB. A system diagram or a scanned 委任状 fits. A file is counted as
/// it arrives, never kept (`http::form`); one beyond `Limits::attachment_bytes` refuses the
/// whole request before any screen sees it.
pub const MAX_BYTES: u64 = 1024 * 1024;

/// 「添付するファイルを選択してください。」
pub const NO_FILE: &str = "添付するファイルを選択してください。";
/// An empty file.
pub const EMPTY_FILE: &str = "添付するファイルの内容が空です。ファイルを確認してください。";
/// Over [`MAX_BYTES`].
pub const TOO_LARGE: &str =
    "添付ファイルのサイズが上限（1MB）を超えています。1MB以下のファイルを添付してください。";

/// The most 添付ファイル one application keeps: 10. The manuals print no number; a 委任状, a
/// system diagram and a few more documents fit with room to spare.
pub const MAX_FILES: usize = 10;
/// One more than [`MAX_FILES`].
pub const TOO_MANY: &str =
    "添付ファイルは10件まで添付できます。不要なファイルを削除してから添付してください。";

/// The file uploaded under `field` as one more of `kept`, or the message that refuses it
/// (beyond [`MAX_FILES`], or what [`upload`] refuses).
pub fn upload_more(
    kept: &[Attachment],
    form: &FormInput,
    field: &str,
) -> Result<Attachment, &'static str> {
    let file = upload(form, field)?;
    if kept.len() >= MAX_FILES {
        return Err(TOO_MANY);
    }
    Ok(file)
}

/// The file uploaded under `field`, as it is kept, or the message that refuses it.
pub fn upload(form: &FormInput, field: &str) -> Result<Attachment, &'static str> {
    let file = form.file(field).ok_or(NO_FILE)?;
    if file.size == 0 {
        return Err(EMPTY_FILE);
    }
    if file.size > MAX_BYTES {
        return Err(TOO_LARGE);
    }
    Ok(Attachment {
        name: base_name(&file.filename),
        size: file.size,
    })
}

/// The file's own name: a browser that sends the whole path (C:\\Users\\…\\図.xlsx) still
/// attaches 「図.xlsx」.
fn base_name(name: &str) -> String {
    let name = name.rsplit(['/', '\\']).next().unwrap_or(name).trim();
    if name.is_empty() {
        "添付ファイル".to_string()
    } else {
        name.to_string()
    }
}

/// The buttons of a システム構成図 (「システム構成図を添付する」, its 「削除」) on the screen
/// posting `form`: `Some` when one of them was pressed, with the message
/// that refuses the file; the diagram is changed only when the file is kept. `None` for another
/// button.
pub fn diagram_buttons(
    diagram: &mut Option<Attachment>,
    form: &FormInput,
) -> Option<Result<(), &'static str>> {
    let op = form.op();
    if op.starts_with("remove_diagram:") {
        *diagram = None;
        return Some(Ok(()));
    }
    if op != "attach_diagram" {
        return None;
    }
    Some(upload(form, "diagram").map(|file| *diagram = Some(file)))
}

/// How a システム構成図 is attached, STEP1–STEP3, as M003 (2023) prints it under システム構成図に
/// 関する項目 (M003:l.599-611); M000 【20】 (2018) prints the same steps for 論理端末・証明書 入力
/// in older words (「参照」 for the file input). Both screens print these lines after their own
/// first sentence.
pub const DIAGRAM_STEPS: [&str; 6] = [
    "システム構成図の添付につきまして、必ず、以下のSTEP1～STEP3を実施してください。",
    "STEP1 画面からシステム構成図をダウンロードして作成ください。",
    "STEP2 「ファイルの選択(ファイルを選択)」ボタンをクリックしてSTEP1で作成したファイルを選択してください。",
    "STEP3 「システム構成図を添付する」ボタンをクリックして、必ず、添付ファイル名を確認してください。",
    "添付ファイル名が表示されていない場合、添付が行われておりません。",
    "添付したファイルを削除する場合は、「削除」ボタンをクリックしてください。",
];

/// The システム構成図 section of 論理端末・証明書 入力 and 回線・論理端末 入力: the screen's own
/// section (its first sentence and the file row) with the steps, STEP1's template link and the
/// table of the attached diagram.
pub fn diagram_blocks(
    section: &SectionSpec,
    values: &Values,
    errors: &FieldErrors,
    diagram: Option<&Attachment>,
) -> Vec<Block> {
    let mut sec = spec::build(section, values, errors);
    sec.lines.extend(DIAGRAM_STEPS.map(Text::from));
    let files: Vec<&Attachment> = diagram.into_iter().collect();
    vec![
        Block::Section(sec),
        // STEP1: the template to draw the diagram on (docs/decisions.md, issue 12).
        Block::Links(vec![Link::new(
            "システム構成図（ひな形）をダウンロードする",
            super::lines::TEMPLATE_PATH,
        )]),
        Block::Table(table("", &files, "remove_diagram")),
    ]
}

/// The attached-file table (システム構成図, 添付ファイル): name, size and a delete button.
pub fn table(caption: &'static str, files: &[&Attachment], delete_op: &str) -> Table {
    Table {
        caption: caption.into(),
        columns: ["添付ファイル名", "ファイルサイズ", "削除"]
            .map(Text::from)
            .to_vec(),
        rows: files
            .iter()
            .enumerate()
            .map(|(i, f)| {
                vec![
                    Cell::from(f.name.clone()),
                    Cell::from(format!("{} バイト", f.size)),
                    Cell::Button(Button::new("op", format!("{delete_op}:{i}"), "削除")),
                ]
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::screen::form::Upload;

    fn form(files: Vec<Upload>, pairs: &[(&str, &str)]) -> FormInput {
        let mut f = FormInput::from_pairs(pairs);
        f.files = files;
        f
    }

    fn file(name: &str, size: u64) -> Upload {
        Upload {
            field: "diagram".into(),
            filename: name.into(),
            size,
        }
    }

    #[test]
    fn what_an_upload_must_be() {
        let ok = upload(&form(vec![file("構成図.xlsx", 2048)], &[]), "diagram").unwrap();
        assert_eq!((ok.name.as_str(), ok.size), ("構成図.xlsx", 2048));
        let path = upload(&form(vec![file("C:\\図\\構成図.pdf", 5)], &[]), "diagram").unwrap();
        assert_eq!(path.name, "構成図.pdf");
        // A text value under the file field's name is no file.
        assert_eq!(
            upload(&form(vec![], &[("diagram", "構成図.xlsx")]), "diagram"),
            Err(NO_FILE)
        );
        assert_eq!(
            upload(&form(vec![file("", 10)], &[]), "diagram"),
            Err(NO_FILE)
        );
        assert_eq!(
            upload(&form(vec![file("a.pdf", 0)], &[]), "diagram"),
            Err(EMPTY_FILE)
        );
        assert!(upload(&form(vec![file("a.pdf", MAX_BYTES)], &[]), "diagram").is_ok());
        assert_eq!(
            upload(&form(vec![file("a.pdf", MAX_BYTES + 1)], &[]), "diagram"),
            Err(TOO_LARGE)
        );
        // The eleventh file is refused, the tenth kept.
        let f = form(vec![file("a.pdf", 5)], &[]);
        let nine: Vec<Attachment> = (0..9).map(|_| upload(&f, "diagram").unwrap()).collect();
        assert!(upload_more(&nine, &f, "diagram").is_ok());
        let ten: Vec<Attachment> = (0..MAX_FILES).map(|_| nine[0].clone()).collect();
        assert_eq!(upload_more(&ten, &f, "diagram"), Err(TOO_MANY));
        assert_eq!(
            upload_more(&ten, &form(vec![], &[]), "diagram"),
            Err(NO_FILE),
            "what is no file says so first"
        );
    }
}
