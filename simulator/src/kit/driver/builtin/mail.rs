//! The applicant's mailbox, read as a mail client reads it: list the messages, fetch each new
//! one as raw RFC 5322 and parse it (mail-parser: headers unfolded and decoded, the body decoded
//! from its transfer encoding and charset).

use super::client::Stop;
use crate::kit::protocol::Mailbox;
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
    /// The text body, with `\n` line ends.
    pub text: String,
}

/// Parses an RFC 5322 message; `None` when it is not one.
pub fn parse_message(raw: &str) -> Option<Message> {
    let m = mail_parser::MessageParser::default().parse(raw.as_bytes())?;
    Some(Message {
        subject: m.subject().unwrap_or_default().to_string(),
        to: m
            .to()
            .map(|to| {
                to.iter()
                    .filter_map(|a| a.address().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default(),
        text: m.body_text(0)?.replace("\r\n", "\n"),
    })
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
}
