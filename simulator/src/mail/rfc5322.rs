//! A stored [`Mail`] as an RFC 5322 message (`message/rfc822`), the body of
//! `GET …/mails/{id}/raw` (contract §5).
//!
//! - Lines end with CRLF and no header line is longer than 78 characters
//!   (RFC 5322 §2.1.1); long headers are folded with CRLF + space.
//! - Non-ASCII display names and subjects are RFC 2047 encoded-words
//!   (`=?UTF-8?B?…?=`), none longer than 75 characters (RFC 2047 §2), each
//!   holding whole UTF-8 characters only (RFC 2047 §5: a multi-byte character
//!   must not be split between encoded-words).
//! - The body is `text/plain; charset=UTF-8` in base64 with lines of 76
//!   characters (RFC 2045 §6.8), encoded from its canonical form with CRLF
//!   line breaks. Base64 rather than quoted-printable: the mails are almost
//!   all Japanese, which quoted-printable would triple in size (every byte
//!   becomes `=XX`) with nothing left readable, and base64 is what Japanese
//!   mailers use for UTF-8 text.
//! - The output depends on the [`Mail`] only: the same mail renders to the
//!   same bytes.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;

use super::Mail;

/// Longest header line, CRLF excluded (RFC 5322 §2.1.1 "SHOULD").
const MAX_LINE: usize = 78;
/// Longest encoded-word (RFC 2047 §2).
const MAX_ENCODED_WORD: usize = 75;
/// `=?UTF-8?B?` + `?=`.
const ENCODED_WORD_OVERHEAD: usize = "=?UTF-8?B?".len() + "?=".len();
/// Base64 characters per body line (RFC 2045 §6.8).
const BODY_LINE: usize = 76;

/// Renders a mail as an RFC 5322 message with CRLF line endings.
pub fn render(mail: &Mail) -> String {
    let mut out = String::new();

    header_unstructured(&mut out, "Date", &mail.sent_at.to_rfc2822());
    header_addresses(&mut out, "From", std::slice::from_ref(&mail.from));
    header_addresses(&mut out, "To", &mail.to);
    if !mail.cc.is_empty() {
        header_addresses(&mut out, "Cc", &mail.cc);
    }
    header_text(&mut out, "Subject", &mail.subject);
    // A Message-ID that does not pass the check is left out rather than
    // written malformed: `compose` never produces one, but a `Mail` can be
    // deserialised from anywhere.
    if let Some(id) = normalize_message_id(&mail.message_id) {
        header_unstructured(&mut out, "Message-ID", &id);
    }
    out.push_str("MIME-Version: 1.0\r\n");
    out.push_str("Content-Type: text/plain; charset=UTF-8\r\n");
    out.push_str("Content-Transfer-Encoding: base64\r\n");
    out.push_str("\r\n");
    body_base64(&mut out, &mail.text);
    out
}

/// The Message-ID in its `<id-left@id-right>` form, or `None` when it is not
/// one: both sides dot-atoms of printable ASCII (RFC 5322 §3.6.4, without the
/// obsolete and domain-literal forms), short enough for one header line. The
/// caller's angle brackets are optional.
pub fn normalize_message_id(id: &str) -> Option<String> {
    let id = id.trim();
    let bare = id
        .strip_prefix('<')
        .and_then(|rest| rest.strip_suffix('>'))
        .unwrap_or(id);
    let (left, right) = bare.split_once('@')?;
    if !is_dot_atom(left) || !is_dot_atom(right) {
        return None;
    }
    let formatted = format!("<{bare}>");
    (formatted.len() + "Message-ID: ".len() <= MAX_LINE).then_some(formatted)
}

/// RFC 5322 `dot-atom-text`: atext runs separated by single dots.
fn is_dot_atom(s: &str) -> bool {
    !s.is_empty()
        && s.split('.')
            .all(|part| !part.is_empty() && part.chars().all(is_atext))
}

/// RFC 5322 `atext`.
fn is_atext(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c)
}

/// Printable ASCII or space, and nothing a decoder would take for an
/// encoded-word: what may stand in a header unencoded.
fn can_be_plain(s: &str) -> bool {
    s.chars().all(|c| c == ' ' || c.is_ascii_graphic()) && !s.contains("=?")
}

/// Whether every word of `s` fits on a header line after `prefix`
/// characters (the header name on the first line, a space on the others).
fn fits_words(s: &str, prefix: usize) -> bool {
    s.split_whitespace()
        .all(|word| prefix.max(1) + 1 + word.len() <= MAX_LINE)
}

/// Writes one header, folding between the pieces it is given.
struct HeaderWriter<'a> {
    out: &'a mut String,
    /// Characters on the current line so far.
    line: usize,
    /// Whether the current line holds anything after the header name (a
    /// fold before the first piece would leave `Name:` alone on its line).
    has_piece: bool,
}

impl<'a> HeaderWriter<'a> {
    fn new(out: &'a mut String, name: &str) -> Self {
        out.push_str(name);
        out.push(':');
        let line = name.len() + 1;
        HeaderWriter {
            out,
            line,
            has_piece: false,
        }
    }

    /// Appends a piece that cannot be broken, after a space, folding first if
    /// it would not fit (a piece longer than a line gets a line of its own).
    fn piece(&mut self, piece: &str) {
        let width = piece.chars().count();
        if self.has_piece && self.line + 1 + width > MAX_LINE {
            self.out.push_str("\r\n");
            self.line = 0;
        }
        self.out.push(' ');
        self.out.push_str(piece);
        self.line += 1 + width;
        self.has_piece = true;
    }

    /// Appends `text` as encoded-words: each fills what is left of the
    /// current line (at most 75 characters) with whole characters, the next
    /// one goes on a folded line. Decoders join adjacent encoded-words and
    /// drop the folding whitespace between them (RFC 2047 §6.2).
    fn encoded(&mut self, text: &str) {
        // Bytes one encoded-word can carry after `line` characters.
        let fits = |line: usize| {
            let width = MAX_ENCODED_WORD.min(MAX_LINE.saturating_sub(line + 1));
            width.saturating_sub(ENCODED_WORD_OVERHEAD) / 4 * 3
        };
        // A short text that does not fit what is left of the line but fits
        // one word on the next goes there whole: one word reads better than
        // a name cut in two.
        if self.has_piece && text.len() > fits(self.line) && text.len() <= fits(0) {
            self.out.push_str("\r\n");
            self.line = 0;
        }
        let mut rest = text;
        while !rest.is_empty() {
            let mut max_bytes = fits(self.line);
            let first = rest.chars().next().map_or(0, char::len_utf8);
            if max_bytes < first && self.has_piece {
                self.out.push_str("\r\n");
                self.line = 0;
                max_bytes = fits(0);
            }
            // At least one character per word, so the loop always ends.
            let mut end = first;
            for (i, c) in rest.char_indices().skip(1) {
                if i + c.len_utf8() > max_bytes {
                    break;
                }
                end = i + c.len_utf8();
            }
            let (chunk, tail) = rest.split_at(end);
            let word = format!("=?UTF-8?B?{}?=", BASE64.encode(chunk));
            self.out.push(' ');
            self.out.push_str(&word);
            self.line += 1 + word.len();
            self.has_piece = true;
            rest = tail;
        }
    }

    fn finish(self) {
        self.out.push_str("\r\n");
    }
}

/// A header whose value is ASCII the caller built (Date, Message-ID).
fn header_unstructured(out: &mut String, name: &str, value: &str) {
    let mut w = HeaderWriter::new(out, name);
    for word in value.split_whitespace() {
        w.piece(word);
    }
    w.finish();
}

/// An unstructured text header (Subject): plain when it is printable ASCII
/// whose words fit on a line, otherwise encoded-words throughout.
fn header_text(out: &mut String, name: &str, value: &str) {
    let mut w = HeaderWriter::new(out, name);
    if can_be_plain(value) && fits_words(value, name.len() + 1) {
        for word in value.split_whitespace() {
            w.piece(word);
        }
    } else {
        w.encoded(value);
    }
    w.finish();
}

/// An address-list header (From, To, Cc) from stored strings such as
/// `貿易 太郎 <qqfcbj@meti.go.jp>` or a bare `qqfcbj@meti.go.jp`.
fn header_addresses(out: &mut String, name: &str, addresses: &[String]) {
    let mut w = HeaderWriter::new(out, name);
    // Entries without a usable address carry nothing a mailer could use,
    // and an addr-spec cannot be encoded: they are left out. NSS only
    // accepts half-width addresses, so this guards hand-made `Mail`s only.
    let mailboxes: Vec<(Option<String>, String)> = addresses
        .iter()
        .map(|a| split_mailbox(a))
        .filter(|(_, spec)| is_addr_spec(spec))
        .collect();
    if mailboxes.is_empty() {
        // RFC 5322 §3.4: an empty group says "no address" in valid syntax.
        w.piece("undisclosed-recipients:;");
    }
    let count = mailboxes.len();
    for (i, (display, spec)) in mailboxes.iter().enumerate() {
        let separator = if i + 1 < count { "," } else { "" };
        match display.as_deref() {
            Some(d)
                if can_be_plain(d)
                    && d.chars().all(is_phrase_char)
                    && fits_words(d, name.len() + 1) =>
            {
                for word in d.split_whitespace() {
                    w.piece(word);
                }
            }
            Some(d) if can_be_plain(d) && name.len() + 2 + quoted_string(d).len() <= MAX_LINE => {
                w.piece(&quoted_string(d));
            }
            Some(d) => w.encoded(d),
            None => {}
        }
        if display.is_some() {
            w.piece(&format!("<{spec}>{separator}"));
        } else {
            w.piece(&format!("{spec}{separator}"));
        }
    }
    w.finish();
}

/// An address NSS could have accepted: a local part of atext and dots
/// (lenient about dots, as some Japanese mobile addresses have `..`), `@`,
/// and a dot-atom domain.
fn is_addr_spec(spec: &str) -> bool {
    spec.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty() && local.chars().all(|c| c == '.' || is_atext(c)) && is_dot_atom(domain)
    })
}

/// Characters of an unquoted display name: atext and spaces.
fn is_phrase_char(c: char) -> bool {
    c == ' ' || is_atext(c)
}

/// An ASCII display name as a quoted-string (RFC 5322 §3.2.4).
fn quoted_string(s: &str) -> String {
    let mut q = String::with_capacity(s.len() + 2);
    q.push('"');
    for c in s.chars() {
        if c == '"' || c == '\\' {
            q.push('\\');
        }
        q.push(c);
    }
    q.push('"');
    q
}

/// Splits `Name <addr>` into its display name (None when absent or empty)
/// and address. Control characters are dropped from both, so no stored
/// value can end a header line.
fn split_mailbox(mailbox: &str) -> (Option<String>, String) {
    let clean: String = mailbox.chars().filter(|c| !c.is_control()).collect();
    let clean = clean.trim();
    if let Some(open) = clean.rfind('<')
        && clean.ends_with('>')
    {
        let spec = clean[open + 1..clean.len() - 1].trim().to_owned();
        let display = clean[..open].trim();
        let display = display
            .strip_prefix('"')
            .and_then(|d| d.strip_suffix('"'))
            .unwrap_or(display)
            .trim();
        let display = (!display.is_empty()).then(|| display.to_owned());
        return (display, spec);
    }
    (None, clean.to_owned())
}

/// The body in base64, from its canonical form (CRLF line breaks).
fn body_base64(out: &mut String, text: &str) {
    let canonical = text.replace("\r\n", "\n").replace('\n', "\r\n");
    let encoded = BASE64.encode(canonical.as_bytes());
    // Base64 output is ASCII, so byte offsets are character offsets.
    let mut rest = encoded.as_str();
    while !rest.is_empty() {
        let (line, tail) = rest.split_at(rest.len().min(BODY_LINE));
        out.push_str(line);
        out.push_str("\r\n");
        rest = tail;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mail::MailKind;
    use chrono::DateTime;

    /// A mail with the data of M000 【10】.
    fn mail() -> Mail {
        Mail {
            id: 1,
            kind: MailKind::TempAccountRegistered,
            from: crate::mail::FROM.to_owned(),
            to: vec!["貿易 太郎 <qqfcbj@meti.go.jp>".to_owned()],
            cc: Vec::new(),
            subject: "【NSS】仮アカウント登録完了のお知らせ".to_owned(),
            sent_at: DateTime::parse_from_rfc3339("2018-11-27T16:37:00+09:00").unwrap(),
            text: "電子化・効率化推進室\n貿易 太郎 様\n\n本文です。\n".to_owned(),
            message_id: "<0123abcd@mail.nss-nac6.naccs.jp>".to_owned(),
        }
    }

    /// The headers of a message, unfolded, and its body.
    fn parse(raw: &str) -> (Vec<(String, String)>, String) {
        let (head, body) = raw
            .split_once("\r\n\r\n")
            .expect("blank line after the headers");
        let mut headers: Vec<(String, String)> = Vec::new();
        for line in head.split("\r\n") {
            if let Some(continued) = line.strip_prefix(' ') {
                let last = headers
                    .last_mut()
                    .expect("a folded line continues a header");
                last.1.push(' ');
                last.1.push_str(continued);
            } else {
                let (name, value) = line.split_once(':').expect("Name: value");
                headers.push((name.to_owned(), value.trim_start().to_owned()));
            }
        }
        (headers, body.to_owned())
    }

    fn header<'a>(headers: &'a [(String, String)], name: &str) -> &'a str {
        headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("no {name} header"))
    }

    /// The payload of `=?UTF-8?B?…?=`, checked to hold whole characters.
    fn decode_word(token: &str) -> Option<String> {
        let payload = token.strip_prefix("=?UTF-8?B?")?.strip_suffix("?=")?;
        assert!(
            token.len() <= MAX_ENCODED_WORD,
            "encoded-word too long: {token}"
        );
        let bytes = BASE64.decode(payload).expect("base64 payload");
        Some(String::from_utf8(bytes).expect("an encoded-word splits a UTF-8 character"))
    }

    /// RFC 2047 decoding of an unfolded header value: encoded-words become
    /// their text, whitespace between two adjacent encoded-words goes.
    fn decode(value: &str) -> String {
        let mut out = String::new();
        let mut previous_encoded = false;
        for (i, token) in value.split(' ').enumerate() {
            match decode_word(token) {
                Some(text) => {
                    if i > 0 && !previous_encoded {
                        out.push(' ');
                    }
                    out.push_str(&text);
                    previous_encoded = true;
                }
                None => {
                    if i > 0 {
                        out.push(' ');
                    }
                    out.push_str(token);
                    previous_encoded = false;
                }
            }
        }
        out
    }

    fn assert_well_formed(raw: &str) {
        assert!(raw.ends_with("\r\n"));
        for line in raw.split("\r\n") {
            assert!(
                !line.contains('\n') && !line.contains('\r'),
                "bare CR or LF in {line:?}"
            );
            assert!(
                line.len() <= MAX_LINE,
                "{} characters: {line:?}",
                line.len()
            );
            assert!(line.is_ascii(), "8-bit data in {line:?}");
        }
    }

    #[test]
    fn renders_the_headers_in_order() {
        let raw = render(&mail());
        assert_well_formed(&raw);
        let (headers, _) = parse(&raw);
        let names: Vec<&str> = headers.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "Date",
                "From",
                "To",
                "Subject",
                "Message-ID",
                "MIME-Version",
                "Content-Type",
                "Content-Transfer-Encoding"
            ]
        );
        assert_eq!(header(&headers, "Date"), "Tue, 27 Nov 2018 16:37:00 +0900");
        assert_eq!(
            header(&headers, "Message-ID"),
            "<0123abcd@mail.nss-nac6.naccs.jp>"
        );
        assert_eq!(header(&headers, "MIME-Version"), "1.0");
        assert_eq!(
            header(&headers, "Content-Type"),
            "text/plain; charset=UTF-8"
        );
        assert_eq!(header(&headers, "Content-Transfer-Encoding"), "base64");
    }

    #[test]
    fn the_headers_decode_to_the_stored_values() {
        let m = mail();
        let (headers, _) = parse(&render(&m));
        assert_eq!(decode(header(&headers, "Subject")), m.subject);
        assert_eq!(decode(header(&headers, "From")), crate::mail::FROM);
        assert_eq!(
            decode(header(&headers, "To")),
            "貿易 太郎 <qqfcbj@meti.go.jp>"
        );
        // Non-ASCII text never travels unencoded.
        assert!(header(&headers, "Subject").starts_with("=?UTF-8?B?"));
    }

    #[test]
    fn the_body_is_base64_of_the_text_with_crlf() {
        let m = mail();
        let (_, body) = parse(&render(&m));
        let lines: Vec<&str> = body.trim_end_matches("\r\n").split("\r\n").collect();
        assert!(lines.iter().all(|l| l.len() <= BODY_LINE));
        assert!(
            lines[..lines.len() - 1]
                .iter()
                .all(|l| l.len() == BODY_LINE)
                || lines.len() == 1
        );
        let bytes = BASE64.decode(lines.concat()).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(text, m.text.replace('\n', "\r\n"));
        assert_eq!(text.replace("\r\n", "\n"), m.text);
    }

    #[test]
    fn long_japanese_subjects_and_names_fold() {
        let mut m = mail();
        m.subject = "【NACCS】利用申込受付完了のお知らせ（2015927A,1812881）".repeat(4) + "🚢𠮷";
        m.to = vec![
            "輸出入・港湾関連情報処理センター株式会社 ソリューション事業推進部 利用契約事務課 通関 太郎 <taro.tsukan@naccs.jp>".to_owned(),
            "貿易 花子 <hanako@meti.go.jp>".to_owned(),
            "qqfcbj@meti.go.jp".to_owned(),
        ];
        m.cc = vec!["管理 次郎 <jiro@naccs.jp>".to_owned()];
        let raw = render(&m);
        assert_well_formed(&raw);
        let (headers, _) = parse(&raw);
        assert_eq!(decode(header(&headers, "Subject")), m.subject);
        assert_eq!(decode(header(&headers, "To")), m.to.join(", "));
        assert_eq!(decode(header(&headers, "Cc")), "管理 次郎 <jiro@naccs.jp>");
        // It did fold: the subject takes several lines.
        let subject_lines = raw
            .split("\r\n")
            .skip_while(|l| !l.starts_with("Subject:"))
            .skip(1)
            .take_while(|l| l.starts_with(' '))
            .count();
        assert!(subject_lines >= 4, "{raw}");
    }

    #[test]
    fn every_split_point_keeps_characters_whole() {
        // Characters of 1 to 4 bytes in every phase of the 45-byte words.
        let mut m = mail();
        for n in 0..60 {
            m.subject = "a".repeat(n % 7) + &"あé𠮷z".repeat(n);
            let raw = render(&m);
            assert_well_formed(&raw);
            let (headers, _) = parse(&raw);
            assert_eq!(decode(header(&headers, "Subject")), m.subject);
        }
    }

    #[test]
    fn ascii_values_stay_readable() {
        let mut m = mail();
        m.subject = "Test mail".to_owned();
        m.to = vec![
            "Taro Tsukan <taro@naccs.jp>".to_owned(),
            "Tsukan, Taro <t2@naccs.jp>".to_owned(),
        ];
        let (headers, _) = parse(&render(&m));
        assert_eq!(header(&headers, "Subject"), "Test mail");
        assert_eq!(
            header(&headers, "To"),
            "Taro Tsukan <taro@naccs.jp>, \"Tsukan, Taro\" <t2@naccs.jp>"
        );
    }

    #[test]
    fn no_stored_value_can_add_a_header() {
        let mut m = mail();
        m.subject = "Hello\r\nBcc: victim@example.com".to_owned();
        m.to = vec!["Evil\r\nBcc: x@example.com <a@example.com>".to_owned()];
        let raw = render(&m);
        assert_well_formed(&raw);
        let (headers, _) = parse(&raw);
        assert!(headers.iter().all(|(n, _)| n != "Bcc"));
        assert_eq!(decode(header(&headers, "Subject")), m.subject);
    }

    #[test]
    fn rendering_is_deterministic() {
        let m = mail();
        assert_eq!(render(&m), render(&m.clone()));
        assert_eq!(render(&m).as_bytes(), render(&m).as_bytes());
    }

    #[test]
    fn message_ids_are_checked_and_bracketed() {
        assert_eq!(
            normalize_message_id("abc.1@mail.nss-nac6.naccs.jp").as_deref(),
            Some("<abc.1@mail.nss-nac6.naccs.jp>")
        );
        assert_eq!(normalize_message_id(" <a@b> ").as_deref(), Some("<a@b>"));
        for bad in [
            "",
            "<>",
            "abc",
            "a@",
            "@b",
            "a@b@c",
            "a b@c",
            "a..b@c",
            ".a@b",
            "<a@b",
            "あ@b",
            "a@b\r\nBcc: x",
            &format!("{}@b", "a".repeat(70)),
        ] {
            assert_eq!(normalize_message_id(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_bad_stored_message_id_is_left_out() {
        let mut m = mail();
        m.message_id = "not an id".to_owned();
        let raw = render(&m);
        assert_well_formed(&raw);
        assert!(!raw.contains("Message-ID"));
    }

    #[test]
    fn arbitrary_values_render_well_formed() {
        // A small deterministic generator over ASCII, controls, kana, kanji,
        // astral characters and the characters headers treat specially.
        let alphabet: Vec<char> = "aZ09 <>\"\\,@.=?\r\n\t\u{0}\u{7f}あア漢字ー（）🚢𠮷é"
            .chars()
            .collect();
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        for _ in 0..500 {
            let mut text = |max: usize| -> String {
                let len = next(max);
                (0..len).map(|_| alphabet[next(alphabet.len())]).collect()
            };
            let mut m = mail();
            m.subject = text(120);
            m.to = (0..3).map(|_| text(60)).collect();
            m.cc = vec![text(40)];
            m.message_id = text(20);
            m.text = text(200);
            let raw = render(&m);
            assert!(raw.is_ascii());
            let (head, _) = raw.split_once("\r\n\r\n").expect("headers end");
            for line in head.split("\r\n") {
                assert!(!line.contains('\n') && !line.contains('\r'), "{line:?}");
                assert!(
                    line.chars().all(|c| c == ' ' || c.is_ascii_graphic()),
                    "{line:?}"
                );
            }
            let (headers, _) = parse(&raw);
            assert_eq!(decode(header(&headers, "Subject")), m.subject);
        }
    }

    #[test]
    fn empty_and_odd_values_do_not_panic() {
        let mut m = mail();
        m.subject = String::new();
        m.text = String::new();
        m.to = vec![
            String::new(),
            "<>".to_owned(),
            "名前だけ <".to_owned(),
            " <x@y>".to_owned(),
        ];
        let raw = render(&m);
        assert!(raw.contains("Subject:\r\n"));
        assert!(raw.ends_with("\r\n\r\n"));
    }
}
