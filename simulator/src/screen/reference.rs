//! The manuals' reference links inside a sentence: 「…については、こちらをご参照ください。」,
//! 「(詳しい説明はNSS電子申請情報ページ)」 and the like (docs/decisions.md, "Issue 15 — entry",
//! "Reference links"). The sentence stays one printed text, as the manual prints it; HTML makes
//! its anchor (「こちら」, the bracketed page name) a link to the simulator's `bbs/`, the stand-in
//! for the NSS電子申請情報ページ that the mails' `info_page_url` also names. JSON keeps the
//! sentence in the screen's texts or the field's notes and adds nothing to `links`, so that a
//! client's lookup of a link by its label stays unambiguous.

/// Each reference as the manuals word it: the fragment that marks a sentence as a reference, and
/// the anchor inside it that a browser shows as the link.
const REFERENCES: &[(&str, &str)] = &[
    // 「…(こちらをご参照ください。)」 (M000 l.779 利用開始日), 「識別番号については、こちらをご
    // 参照ください。」 (M003 l.458), 「申込理由の記載例については、…」 (M002 l.280).
    ("こちらをご参照", "こちら"),
    // 「料金プランについては、こちらをご覧ください。」 (M003 l.682), 「※論理端末については、…」
    // (M000 l.1298).
    ("こちらをご覧", "こちら"),
    // 「利用開始日については「こちら」をご参照ください。」 (M001 l.206).
    ("「こちら」をご参照", "こちら"),
    // 「※「こちら」のリンクで記載例が確認できます。」 (M002 l.275).
    ("「こちら」のリンク", "こちら"),
    // 「…お問い合わせを行ってください。(お問い合わせ先はこちら)」 (M000 l.1322, 論理端末名).
    ("(お問い合わせ先はこちら)", "こちら"),
    // 「(詳しい説明は[NSS電子申請情報ページ])」 (M000 【14】), and 【5】's 「NCS電子申請情報ページ」
    // (the OCR's N for S, corrected from 【14】).
    ("詳しい説明はNSS電子申請情報ページ", "NSS電子申請情報ページ"),
    // 「(詳細は「説明」・「NSS電子申請情報」へ)」 (M003 新規利用申込ガイダンス, 2023).
    ("「説明」・", "説明"),
    ("「NSS電子申請情報」へ", "NSS電子申請情報"),
];

/// The byte ranges of `text` to show as links, in order and never overlapping.
pub fn anchors(text: &str) -> Vec<(usize, usize)> {
    let mut found: Vec<(usize, usize)> = Vec::new();
    for (fragment, anchor) in REFERENCES {
        let offset = fragment.find(anchor).unwrap_or(0);
        for (at, _) in text.match_indices(fragment) {
            let start = at + offset;
            found.push((start, start + anchor.len()));
        }
    }
    found.sort_unstable();
    found.dedup();
    // 「こちら」をご参照 also holds こちら…: keep the first of overlapping ranges.
    let mut out: Vec<(usize, usize)> = Vec::new();
    for r in found {
        if out.last().is_none_or(|last| r.0 >= last.1) {
            out.push(r);
        }
    }
    out
}

/// `text` cut into (piece, is_anchor) parts, in order.
pub fn split(text: &str) -> Vec<(&str, bool)> {
    let mut parts = Vec::new();
    let mut at = 0;
    for (start, end) in anchors(text) {
        if start > at {
            parts.push((&text[at..start], false));
        }
        parts.push((&text[start..end], true));
        at = end;
    }
    if at < text.len() || parts.is_empty() {
        parts.push((&text[at..], false));
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_anchor_of_each_wording_is_linked() {
        assert_eq!(
            split("識別番号については、こちらをご参照ください。"),
            vec![
                ("識別番号については、", false),
                ("こちら", true),
                ("をご参照ください。", false)
            ]
        );
        assert_eq!(
            split("利用開始日については「こちら」をご参照ください。"),
            vec![
                ("利用開始日については「", false),
                ("こちら", true),
                ("」をご参照ください。", false)
            ]
        );
        assert_eq!(
            split("(詳細は「説明」・「NSS電子申請情報」へ)"),
            vec![
                ("(詳細は「", false),
                ("説明", true),
                ("」・「", false),
                ("NSS電子申請情報", true),
                ("」へ)", false)
            ]
        );
    }

    #[test]
    fn other_texts_stay_whole() {
        // 「こちら」 that refers to nothing on the board: the number, the contact box (the
        // bracketed 「(お問い合わせ先はこちら)」 of 論理端末名 is a reference).
        for t in [
            "お問い合わせの際は、こちらの番号をお伝え下さい",
            "お問い合わせ先はこちら",
            "",
        ] {
            assert_eq!(split(t), vec![(t, false)]);
        }
    }
}
