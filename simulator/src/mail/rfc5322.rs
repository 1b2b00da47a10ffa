//! A stored [`Mail`] as an RFC 5322 message (`message/rfc822`), the body of
//! `GET …/mails/{id}/raw` (contract §5) and, byte for byte, what the SMTP relay
//! hands to the mail server.
//!
//! The message is written by the `mail-builder` crate, which does the RFC 2047
//! encoded-words (never splitting a UTF-8 character), the folding of header
//! lines at 78 characters and the body's transfer encoding. This module only
//! decides what goes in:
//!
//! - the headers in a fixed order — Date, From, To, Cc (when any), Subject,
//!   Message-ID, MIME-Version, Content-Type, Content-Transfer-Encoding;
//! - `Date` from the stored `sent_at` in its own offset (`+0900`, the
//!   workspace clock in JST), written by chrono: mail-builder's own date is
//!   UTC and would hide the Japanese time the manuals print;
//! - the `Message-ID` the outbox drew from the workspace's seeded generator,
//!   checked by [`normalize_message_id`] (a bad stored one is replaced by
//!   one made of the mail's number, never written malformed);
//! - the body in its canonical form (CRLF line breaks), as
//!   `text/plain; charset="utf-8"` in base64 with lines of 76 characters
//!   (RFC 2045 §6.8). Base64 always, rather than mail-builder's automatic
//!   choice: that choice writes a text without 8-bit characters as `7bit`
//!   even when it holds a NUL or a lone CR (form input can), which RFC 2045
//!   §2.7 forbids; base64 carries every stored text intact, and is what
//!   Japanese mailers use for UTF-8 text (quoted-printable would triple it).
//!
//! Nothing here reads a clock or a random generator, so the same mail renders
//! to the same bytes.

use mail_builder::MessageBuilder;
use mail_builder::headers::address::Address;
use mail_builder::headers::message_id::MessageId;
use mail_builder::headers::raw::Raw;
use mail_builder::mime::MimePart;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;

use super::Mail;

/// Longest header line, CRLF excluded (RFC 5322 §2.1.1 "SHOULD"): a
/// Message-ID is kept on one line.
const MAX_LINE: usize = 78;

/// Base64 characters per body line (RFC 2045 §6.8).
const BODY_LINE: usize = 76;

/// The domain of the Message-ID given to a stored mail whose own is invalid.
const FALLBACK_ID_DOMAIN: &str = "invalid-id.nss-nac6.naccs.jp";

/// Renders a mail as an RFC 5322 message with CRLF line endings.
pub fn render(mail: &Mail) -> String {
    let mut builder = MessageBuilder::new()
        .header("Date", Raw::new(mail.sent_at.to_rfc2822()))
        .from(address_list(std::slice::from_ref(&mail.from)))
        .to(address_list(&mail.to));
    if !mail.cc.is_empty() {
        builder = builder.cc(address_list(&mail.cc));
    }
    builder = builder.subject(mail.subject.as_str());
    // A stored Message-ID that does not pass the check is never written
    // malformed: `compose` never produces one, but a `Mail` can be
    // deserialised from anywhere. It is replaced by one made of the mail's
    // number, so that the output still depends on the mail alone
    // (mail-builder would otherwise generate one from the host and the time).
    let message_id = normalize_message_id(&mail.message_id)
        .unwrap_or_else(|| format!("<{}@{FALLBACK_ID_DOMAIN}>", mail.id));
    builder = builder.message_id(MessageId::new(
        message_id
            .trim_start_matches('<')
            .trim_end_matches('>')
            .to_owned(),
    ));
    let raw = builder
        .header("MIME-Version", Raw::new("1.0"))
        .body(MimePart::new("text/plain", body_base64(&mail.text)).transfer_encoding("base64"))
        .write_to_vec()
        .unwrap_or_default();
    // mail-builder writes ASCII only (encoded-words, base64): the lossy
    // conversion never replaces anything, it only spares a panic path.
    String::from_utf8_lossy(&raw).into_owned()
}

/// The body in base64 from its canonical form (CRLF line breaks), in lines of
/// 76 characters each ending with CRLF.
fn body_base64(text: &str) -> String {
    let canonical = text.replace("\r\n", "\n").replace('\n', "\r\n");
    let encoded = BASE64.encode(canonical.as_bytes());
    let mut out = String::with_capacity(encoded.len() + encoded.len() / BODY_LINE * 2 + 2);
    // Base64 output is ASCII, so any byte offset is a character boundary.
    for line in encoded.as_bytes().chunks(BODY_LINE) {
        out.push_str(std::str::from_utf8(line).unwrap_or_default());
        out.push_str("\r\n");
    }
    out
}

/// The addresses of a From/To/Cc header, from stored strings such as
/// `貿易 太郎 <qqfcbj@meti.go.jp>` or a bare `qqfcbj@meti.go.jp`.
///
/// Entries without a usable address carry nothing a mailer could use, and an
/// addr-spec cannot be encoded: they are left out. NSS only accepts half-width
/// addresses, so this guards hand-made `Mail`s only. When nothing is left,
/// the header is the empty group `undisclosed-recipients:;` (RFC 5322 §3.4),
/// which says "no address" in valid syntax.
fn address_list(addresses: &[String]) -> Address<'static> {
    let mailboxes: Vec<Address<'static>> = addresses
        .iter()
        .map(|a| split_mailbox(a))
        .filter(|(_, spec)| is_addr_spec(spec))
        .map(|(name, spec)| Address::new_address(name, spec))
        .collect();
    if mailboxes.is_empty() {
        Address::new_group(Some("undisclosed-recipients"), Vec::new())
    } else {
        Address::new_list(mailboxes)
    }
}

/// The addr-specs of stored `To`/`Cc` strings, for an SMTP envelope: the
/// same filter as the headers, so that the envelope never names somebody the
/// message does not show.
pub fn addr_specs(addresses: &[String]) -> Vec<String> {
    addresses
        .iter()
        .map(|a| split_mailbox(a).1)
        .filter(|spec| is_addr_spec(spec))
        .collect()
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

/// An address NSS could have accepted: a local part of atext and dots
/// (lenient about dots, as some Japanese mobile addresses have `..`), `@`,
/// and a dot-atom domain.
fn is_addr_spec(spec: &str) -> bool {
    spec.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty() && local.chars().all(|c| c == '.' || is_atext(c)) && is_dot_atom(domain)
    })
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

#[cfg(test)]
mod tests {
    //! Properties of the rendered message, read back with `mail-parser` (an
    //! independent RFC 5322/2047/MIME parser): what a mail client would show.

    use super::*;
    use crate::mail::MailKind;
    use chrono::DateTime;
    use mail_parser::{Message, MessageParser};

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

    fn parse(raw: &str) -> Message<'_> {
        MessageParser::default()
            .parse(raw.as_bytes())
            .unwrap_or_else(|| panic!("not a message:\n{raw}"))
    }

    /// `Name <addr>` (or `addr`) for every mailbox of an address header, as
    /// a mail client shows them.
    fn mailboxes(address: Option<&mail_parser::Address<'_>>) -> Vec<String> {
        address
            .map(|a| {
                a.iter()
                    .map(|m| match (m.name(), m.address()) {
                        (Some(n), Some(a)) => format!("{n} <{a}>"),
                        (None, Some(a)) => a.to_owned(),
                        (n, None) => format!("{n:?} without address"),
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Lines end with CRLF, are 7-bit and no longer than 78 characters
    /// (RFC 5322 §2.1.1, RFC 2045 §6.8 for the base64 body).
    fn assert_well_formed(raw: &str) {
        assert!(raw.ends_with("\r\n"), "{raw:?}");
        for line in raw.split("\r\n") {
            assert!(!line.contains(['\r', '\n']), "bare CR or LF in {line:?}");
            assert!(
                line.len() <= MAX_LINE,
                "{} characters: {line:?}",
                line.len()
            );
            assert!(line.is_ascii(), "8-bit data in {line:?}");
        }
    }

    /// The header names in the order they are written.
    fn header_names(raw: &str) -> Vec<&str> {
        let (head, _) = raw
            .split_once("\r\n\r\n")
            .expect("a blank line ends the headers");
        head.split("\r\n")
            .filter(|l| !l.starts_with([' ', '\t']))
            .map(|l| l.split_once(':').expect("Name: value").0)
            .collect()
    }

    #[test]
    fn renders_the_headers_in_order() {
        let raw = render(&mail());
        assert_well_formed(&raw);
        assert_eq!(
            header_names(&raw),
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
        let m = parse(&raw);
        assert_eq!(
            m.header_raw("Date").map(str::trim),
            Some("Tue, 27 Nov 2018 16:37:00 +0900")
        );
        let date = m.date().expect("a Date");
        assert_eq!((date.hour, date.minute, date.tz_hour), (16, 37, 9));
        assert_eq!(m.message_id(), Some("0123abcd@mail.nss-nac6.naccs.jp"));
        assert_eq!(m.header_raw("MIME-Version").map(str::trim), Some("1.0"));
        assert_eq!(
            m.header_raw("Content-Type").map(str::trim),
            Some("text/plain; charset=\"utf-8\"")
        );
        assert_eq!(
            m.header_raw("Content-Transfer-Encoding").map(str::trim),
            Some("base64")
        );
    }

    #[test]
    fn the_message_decodes_to_the_stored_values() {
        let stored = mail();
        let raw = render(&stored);
        let m = parse(&raw);
        assert_eq!(m.subject(), Some(stored.subject.as_str()));
        assert_eq!(mailboxes(m.from()), [crate::mail::FROM]);
        assert_eq!(mailboxes(m.to()), ["貿易 太郎 <qqfcbj@meti.go.jp>"]);
        assert!(m.cc().is_none());
        // The body travels in its canonical form (CRLF) and decodes to the text.
        let body = m.body_text(0).expect("a text body");
        assert_eq!(body, stored.text.replace('\n', "\r\n"));
        // Base64 lines of 76 characters, the last one shorter.
        let (_, encoded) = raw.split_once("\r\n\r\n").unwrap();
        let lines: Vec<&str> = encoded.trim_end().split("\r\n").collect();
        assert!(
            lines[..lines.len() - 1]
                .iter()
                .all(|l| l.len() == BODY_LINE)
        );
        // Non-ASCII text never travels unencoded.
        assert!(raw.contains("Subject: =?utf-8?"), "{raw}");
    }

    #[test]
    fn long_japanese_subjects_and_names_fold_and_decode() {
        let mut stored = mail();
        stored.subject =
            "【NACCS】利用申込受付完了のお知らせ（2015927A,1812881）".repeat(4) + "🚢𠮷";
        stored.to = vec![
            "輸出入・港湾関連情報処理センター株式会社 ソリューション事業推進部 利用契約事務課 通関 太郎 <taro.tsukan@naccs.jp>".to_owned(),
            "貿易 花子 <hanako@meti.go.jp>".to_owned(),
            "qqfcbj@meti.go.jp".to_owned(),
        ];
        stored.cc = vec!["管理 次郎 <jiro@naccs.jp>".to_owned()];
        let raw = render(&stored);
        assert_well_formed(&raw);
        let m = parse(&raw);
        assert_eq!(m.subject(), Some(stored.subject.as_str()));
        assert_eq!(mailboxes(m.to()), stored.to);
        assert_eq!(mailboxes(m.cc()), stored.cc);
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
        // Characters of 1 to 4 bytes in every phase of the encoded-words.
        let mut stored = mail();
        for n in 0..60 {
            stored.subject = "a".repeat(n % 7) + &"あé𠮷z".repeat(n);
            let raw = render(&stored);
            assert_well_formed(&raw);
            let subject = parse(&raw).subject().unwrap_or_default().to_owned();
            assert_eq!(subject, stored.subject, "{raw}");
            // RFC 2047 §5: no encoded-word ends inside a UTF-8 character,
            // so each one decodes alone.
            for word in raw
                .split([' ', '\r', '\n'])
                .filter(|w| w.starts_with("=?utf-8?b?"))
            {
                let payload = &word["=?utf-8?b?".len()..word.len() - 2];
                let bytes = BASE64.decode(payload).expect("base64 payload");
                assert!(
                    String::from_utf8(bytes).is_ok(),
                    "{word} splits a character"
                );
                assert!(word.len() <= 75, "encoded-word too long: {word}");
            }
        }
    }

    #[test]
    fn ascii_values_stay_readable() {
        let mut stored = mail();
        stored.subject = "Test mail".to_owned();
        stored.text = "Plain ASCII text.\n".to_owned();
        stored.to = vec![
            "Taro Tsukan <taro@naccs.jp>".to_owned(),
            "Tsukan, Taro <t2@naccs.jp>".to_owned(),
        ];
        let raw = render(&stored);
        assert!(raw.contains("Subject: Test mail\r\n"), "{raw}");
        assert!(raw.contains("\"Taro Tsukan\" <taro@naccs.jp>"), "{raw}");
        assert!(raw.contains("\"Tsukan, Taro\" <t2@naccs.jp>"), "{raw}");
        let m = parse(&raw);
        assert_eq!(mailboxes(m.to()), stored.to);
        assert_eq!(m.body_text(0).as_deref(), Some("Plain ASCII text.\r\n"));
    }

    #[test]
    fn no_stored_value_can_add_a_header() {
        let mut stored = mail();
        stored.subject = "Hello\r\nBcc: victim@example.com".to_owned();
        stored.to = vec!["Evil\r\nBcc: x@example.com <a@example.com>".to_owned()];
        let raw = render(&stored);
        assert_well_formed(&raw);
        assert!(!header_names(&raw).contains(&"Bcc"), "{raw}");
        let m = parse(&raw);
        assert!(m.bcc().is_none());
        assert_eq!(
            mailboxes(m.to()),
            ["EvilBcc: x@example.com <a@example.com>"]
        );
    }

    #[test]
    fn rendering_is_deterministic() {
        let stored = mail();
        assert_eq!(render(&stored), render(&stored.clone()));
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
    fn a_bad_stored_message_id_is_replaced_by_the_mails_number() {
        let mut stored = mail();
        stored.message_id = "not an id\r\nBcc: x@y".to_owned();
        let raw = render(&stored);
        assert_well_formed(&raw);
        assert_eq!(
            parse(&raw).message_id(),
            Some("1@invalid-id.nss-nac6.naccs.jp")
        );
        assert!(!raw.contains("not an id"));
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
            let mut stored = mail();
            stored.subject = text(120);
            stored.to = (0..3).map(|_| text(60)).collect();
            stored.cc = vec![text(40)];
            stored.message_id = text(20);
            stored.text = text(200);
            let raw = render(&stored);
            assert_well_formed(&raw);
            let m = parse(&raw);
            // Header text is unstructured: a parser may fold its tabs and
            // line breaks into spaces, nothing else changes.
            let fold = |s: &str| -> String {
                s.split(['\r', '\n', '\t', ' '])
                    .filter(|w| !w.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            assert_eq!(
                fold(m.subject().unwrap_or_default()),
                fold(&stored.subject),
                "{raw}"
            );
        }
    }

    #[test]
    fn empty_and_odd_values_do_not_panic() {
        let mut stored = mail();
        stored.subject = String::new();
        stored.text = String::new();
        stored.to = vec![
            String::new(),
            "<>".to_owned(),
            "名前だけ <".to_owned(),
            " <x@y>".to_owned(),
        ];
        let raw = render(&stored);
        assert_well_formed(&raw);
        assert!(raw.contains("To: <x@y>\r\n"), "{raw}");
        stored.to = vec!["名前だけ".to_owned()];
        let raw = render(&stored);
        assert!(
            raw.contains("To: \"undisclosed-recipients\":;\r\n"),
            "{raw}"
        );
        assert!(
            parse(&raw)
                .to()
                .is_some_and(|to| to.iter().next().is_none())
        );
    }

    #[test]
    fn envelope_addresses_are_the_headers_ones() {
        let to = [
            "貿易 太郎 <qqfcbj@meti.go.jp>".to_owned(),
            "bare@naccs.jp".to_owned(),
            "名前だけ".to_owned(),
        ];
        assert_eq!(addr_specs(&to), ["qqfcbj@meti.go.jp", "bare@naccs.jp"]);
    }
}
