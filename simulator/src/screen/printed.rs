//! How the HTML page prints the table heads the screen model keeps flat, so that the JSON
//! document stays as the contract fixes it (the reference sentences' links are
//! `screen::reference`'s):
//!
//! - the two-row heads of the 申込情報 lists (M000 【17】【19】【24】, M003:l.538-539, l.577-578):
//!   「利用者ID」 over 利用者コード and 識別番号数, 「管理統計資料」 over 有料分 and 無料分,
//!   「申込情報の変更」 over 修正 and 削除. JSON keeps one flat `columns` array
//!   (「管理統計資料(有料分)」 …), as clients read it today.

use maud::{Markup, html};

/// A group head over adjacent columns: its label, the columns (as `columns` names them) and
/// what the second head row prints for each.
struct Group {
    label: &'static str,
    columns: &'static [&'static str],
    subs: &'static [&'static str],
}

const GROUPS: [Group; 3] = [
    Group {
        label: "利用者ID",
        columns: &["利用者コード", "識別番号数"],
        subs: &["利用者コード", "識別番号数"],
    },
    Group {
        label: "管理統計資料",
        columns: &["管理統計資料(有料分)", "管理統計資料(無料分)"],
        subs: &["有料分", "無料分"],
    },
    Group {
        label: "申込情報の変更",
        columns: &["修正", "削除"],
        subs: &["修正", "削除"],
    },
];

/// One cell of the first head row: a column alone (spanning both rows) or a group.
#[derive(Debug, PartialEq, Eq)]
pub enum Head<'a> {
    Alone(&'a str),
    Group(&'static str, &'static [&'static str]),
}

/// The first head row of `columns` when some adjacent columns form a group; `None` when none
/// does (the table has one head row).
pub fn heads<'a>(columns: &[&'a str]) -> Option<Vec<Head<'a>>> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut grouped = false;
    while i < columns.len() {
        match GROUPS.iter().find(|g| columns[i..].starts_with(g.columns)) {
            Some(g) => {
                out.push(Head::Group(g.label, g.subs));
                i += g.columns.len();
                grouped = true;
            }
            None => {
                out.push(Head::Alone(columns[i]));
                i += 1;
            }
        }
    }
    grouped.then_some(out)
}

/// The `<thead>` of a table: one row, or two when columns are grouped. The first column of a
/// 「項目 / 申込情報」 table prints an empty head, as every manual does (M000 【23】); JSON
/// names it 「項目」. A 「項目 / 内容」 table prints no head.
pub fn thead(columns: &[&str]) -> Markup {
    // Values printed among an input section's rows (「システム区分 海上・航空共用」,
    // 「他事業所と共有 あり」) stand under no head.
    if columns == ["項目", "内容"] {
        return html! {};
    }
    match heads(columns) {
        None => html! {
            thead { tr { @for (i, c) in columns.iter().enumerate() { th { (shown(i, c)) } } } }
        },
        Some(heads) => html! {
            thead {
                tr {
                    @for h in &heads {
                        @match h {
                            Head::Alone(c) => th rowspan="2" { (c) },
                            Head::Group(label, subs) => th colspan=(subs.len()) { (label) },
                        }
                    }
                }
                tr {
                    @for h in &heads {
                        @if let Head::Group(_, subs) = h { @for s in subs.iter() { th { (s) } } }
                    }
                }
            }
        },
    }
}

/// A head as printed: the first column of a 「項目 / 申込情報」 table prints empty.
fn shown(i: usize, c: &str) -> &str {
    if i == 0 && c == "項目" { "" } else { c }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adjacent_columns_form_the_manuals_groups() {
        let cols = [
            "申込内容",
            "利用者コード",
            "識別番号数",
            "管理統計資料(有料分)",
            "管理統計資料(無料分)",
            "保税管理資料保存サービス",
            "修正",
            "削除",
        ];
        assert_eq!(
            heads(&cols).unwrap(),
            vec![
                Head::Alone("申込内容"),
                Head::Group("利用者ID", &["利用者コード", "識別番号数"]),
                Head::Group("管理統計資料", &["有料分", "無料分"]),
                Head::Alone("保税管理資料保存サービス"),
                Head::Group("申込情報の変更", &["修正", "削除"]),
            ]
        );
        // One of a pair alone is no group.
        assert_eq!(heads(&["利用者コード", "削除"]), None);
        let flat = thead(&["項目", "申込情報"]).into_string();
        assert_eq!(flat, "<thead><tr><th></th><th>申込情報</th></tr></thead>");
        assert_eq!(thead(&["項目", "内容"]).into_string(), "");
    }
}
