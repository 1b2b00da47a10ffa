//! The applicant's mailbox, read as a mail client reads it: list the messages, fetch each new
//! one as raw RFC 5322 and parse it (headers unfolded, RFC 2047 encoded-words decoded, the body
//! decoded from its transfer encoding). Only what the NSS sends is understood: a single
//! `text/plain; charset=UTF-8` part in base64, 7bit or 8bit.

use super::client::Stop;
use crate::kit::protocol::Mailbox;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde_json::Value;
use std::time::{Duration, Instant};

/// How often the mailbox is looked at while waiting for a mail (real time: the client's).
const POLL: Duration = Duration::from_millis(200);

/// One parsed message.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub subject: String,
    /// The addresses of `To`.
    pub to: Vec<String>,
    /// The body, with `\n` line ends.
    pub text: String,
}

/// Parses an RFC 5322 message; `None` when it has no header/body separator.
pub fn parse_message(raw: &str) -> Option<Message> {
    let raw = raw.replace("\r\n", "\n");
    let (head, body) = raw.split_once("\n\n")?;
    // Unfold: a line starting with white space continues the previous header.
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in head.lines() {
        if line.starts_with([' ', '\t']) {
            if let Some((_, v)) = headers.last_mut() {
                v.push_str(line);
            }
        } else if let Some((k, v)) = line.split_once(':') {
            headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
        }
    }
    let header = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    };
    let text = if header("content-transfer-encoding").eq_ignore_ascii_case("base64") {
        let compact: String = body.chars().filter(|c| !c.is_whitespace()).collect();
        String::from_utf8_lossy(&BASE64.decode(compact).ok()?).into_owned()
    } else {
        body.to_string()
    };
    Some(Message {
        subject: decode_words(header("subject")),
        to: addresses(header("to")),
        text: text.replace("\r\n", "\n"),
    })
}

/// A header with RFC 2047 encoded-words (`=?UTF-8?B?…?=`, `=?UTF-8?Q?…?=`) decoded; white
/// space between two encoded-words is dropped (RFC 2047 §6.2).
fn decode_words(value: &str) -> String {
    let mut out = String::new();
    let mut pending_space = String::new();
    let mut last_was_word = false;
    for token in value.split_inclusive([' ', '\t']) {
        let word = token.trim_end_matches([' ', '\t']);
        let space = &token[word.len()..];
        match decode_word(word) {
            Some(decoded) => {
                if !last_was_word {
                    out.push_str(&pending_space);
                }
                out.push_str(&decoded);
                last_was_word = true;
            }
            None => {
                out.push_str(&pending_space);
                out.push_str(word);
                last_was_word = false;
            }
        }
        pending_space = space.to_string();
    }
    out
}

fn decode_word(word: &str) -> Option<String> {
    let inner = word.strip_prefix("=?")?.strip_suffix("?=")?;
    let mut parts = inner.splitn(3, '?');
    let (_charset, encoding, text) = (parts.next()?, parts.next()?, parts.next()?);
    let bytes = match encoding {
        "B" | "b" => BASE64.decode(text).ok()?,
        "Q" | "q" => quoted(text)?,
        _ => return None,
    };
    String::from_utf8(bytes).ok()
}

fn quoted(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'_' => out.push(b' '),
            b'=' => {
                let hex = text.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    Some(out)
}

/// The addr-specs of an address list (`"貿易 太郎" <a@b.jp>, c@d.jp`).
fn addresses(value: &str) -> Vec<String> {
    value
        .split(',')
        .filter_map(|a| {
            let a = a.trim();
            let spec = match (a.rfind('<'), a.rfind('>')) {
                (Some(open), Some(close)) if open < close => &a[open + 1..close],
                _ => a,
            };
            spec.contains('@').then(|| spec.trim().to_string())
        })
        .collect()
}

/// The mailbox of a task.
pub struct MailReader<'a> {
    box_: &'a Mailbox,
    http: reqwest::Client,
}

impl<'a> MailReader<'a> {
    pub fn new(box_: &'a Mailbox) -> Result<MailReader<'a>, Stop> {
        if box_.list.is_empty() || box_.raw.is_empty() {
            return Err(Stop::failed("the task gives no mailbox to read"));
        }
        Ok(MailReader {
            box_,
            http: reqwest::Client::new(),
        })
    }

    async fn get(&self, url: &str) -> Result<String, Stop> {
        let fail = |e: String| Stop::failed(format!("mailbox {url}: {e}"));
        let r = self
            .http
            .get(url)
            .send()
            .await
            .map_err(|e| fail(e.to_string()))?;
        if !r.status().is_success() {
            return Err(fail(r.status().to_string()));
        }
        r.text().await.map_err(|e| fail(e.to_string()))
    }

    /// The ids of every message, oldest first.
    pub async fn ids(&self) -> Result<Vec<u64>, Stop> {
        let listing: Value = serde_json::from_str(&self.get(&self.box_.list).await?)
            .map_err(|e| Stop::failed(format!("mailbox {}: {e}", self.box_.list)))?;
        Ok(listing
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|m| m["id"].as_u64())
            .collect())
    }

    /// The newest id (0 when the mailbox is empty).
    pub async fn last_id(&self) -> Result<u64, Stop> {
        Ok(self.ids().await?.into_iter().max().unwrap_or(0))
    }

    async fn fetch(&self, id: u64) -> Result<Message, Stop> {
        let url = self.box_.raw.replace("{id}", &id.to_string());
        parse_message(&self.get(&url).await?)
            .ok_or_else(|| Stop::failed(format!("mailbox {url}: not an RFC 5322 message")))
    }

    /// The newest message to the task's address with `subject` that arrived after the message
    /// `after`; polls until `deadline`.
    pub async fn wait_for(
        &self,
        subject: &str,
        after: u64,
        deadline: Instant,
    ) -> Result<Message, Stop> {
        loop {
            let mut ids: Vec<u64> = self
                .ids()
                .await?
                .into_iter()
                .filter(|i| *i > after)
                .collect();
            ids.sort_unstable_by(|a, b| b.cmp(a));
            for id in ids {
                let m = self.fetch(id).await?;
                if m.subject == subject && m.to.contains(&self.box_.address) {
                    return Ok(m);
                }
            }
            if Instant::now() + POLL > deadline {
                return Err(Stop::failed(format!(
                    "no mail 「{subject}」 to {} arrived",
                    self.box_.address
                )));
            }
            tokio::time::sleep(POLL).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_of_the_nss_reads_back() {
        let mail = crate::mail::Mail {
            id: 1,
            kind: crate::mail::MailKind::TempAccountRegistered,
            from: "NACCSサポートシステム <nss@naccs.jp>".into(),
            to: vec!["貿易 太郎 <qqfcbj@meti.go.jp>".into(), "x@y.jp".into()],
            cc: vec![],
            subject: "【NSS】仮アカウント登録完了のお知らせ（とても長い件名で折り返されることを確かめるための文）".into(),
            text: "貿易 太郎 様\n\n仮ログインID：1843951\n仮パスワード：Y2LN0GPE\n".into(),
            sent_at: chrono::DateTime::parse_from_rfc3339("2018-11-27T16:30:00+09:00").unwrap(),
            message_id: "<a@b>".into(),
        };
        let m = parse_message(&crate::mail::render(&mail)).unwrap();
        assert_eq!(m.subject, mail.subject);
        assert_eq!(m.to, ["qqfcbj@meti.go.jp", "x@y.jp"]);
        assert_eq!(m.text, mail.text);
    }

    #[test]
    fn encoded_words_and_plain_text_mix() {
        assert_eq!(
            decode_words("=?UTF-8?B?44GC?= =?UTF-8?B?44GE?= x"),
            "あい x"
        );
        assert_eq!(decode_words("Re: =?UTF-8?Q?a=41_b?="), "Re: aA b");
        assert_eq!(decode_words("plain words"), "plain words");
    }
}
