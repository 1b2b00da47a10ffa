//! The SMTP relay: every mail a workspace sends is also delivered to a real SMTP server (a mail
//! catcher such as Mailpit, a test Postfix, a real test account), as the exact bytes
//! `GET …/mails/{id}/raw` serves.
//!
//! The mailbox stays the record: a mail that cannot be delivered is kept there, its delivery
//! record says why, and the dispatcher retries it with back-off until the bound. A refusal the
//! server calls permanent (5xx: unknown recipient, relaying denied) is not retried.

use super::retry::RetryPolicy;
use crate::mail;
use crate::workspace::Workspace;
use chrono::{DateTime, Utc};
use lettre::address::Envelope;
use lettre::{Address, AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use serde::{Deserialize, Serialize};

/// Where mails go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmtpSettings {
    /// `smtp://host:port` (plain), `smtp://host:port?tls=required` (STARTTLS),
    /// `smtp://host:port?tls=opportunistic`, `smtps://host:port` (TLS from the start); with
    /// `user:password@` for AUTH (percent-encoded). lettre's connection URL.
    pub url: String,
    /// When set, every mail goes to this one address instead of its recipients (the SMTP
    /// envelope only: the message keeps its `To`, byte for byte).
    pub to: Option<String>,
}

impl SmtpSettings {
    /// Checks the URL and the catch-all address; the error says what to write instead.
    pub fn parse(url: &str, to: Option<&str>) -> Result<SmtpSettings, String> {
        let url = url.trim();
        if !(url.starts_with("smtp://") || url.starts_with("smtps://")) {
            return Err(format!(
                "{url:?} is not an SMTP URL: use smtp://host:port (add ?tls=required for STARTTLS) or smtps://host:port, with user:password@ before the host for AUTH"
            ));
        }
        AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| format!("{}: {e}", redact(url)))?;
        let to = match to.map(str::trim).filter(|t| !t.is_empty()) {
            Some(t) => Some(
                t.parse::<Address>()
                    .map_err(|e| format!("{t:?} is not a mail address: {e}"))?
                    .to_string(),
            ),
            None => None,
        };
        Ok(SmtpSettings {
            url: url.to_string(),
            to,
        })
    }

    /// The URL without its password, for the API and the pages.
    pub fn redacted_url(&self) -> String {
        redact(&self.url)
    }
}

/// `smtp://user:secret@host` → `smtp://user:***@host`.
fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split_once(':').map_or(userinfo, |(u, _)| u);
            let hidden = if userinfo.contains(':') { ":***" } else { "" };
            format!("{scheme}://{user}{hidden}@{host}{tail}")
        }
        None => url.to_string(),
    }
}

/// The relay of one workspace.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SmtpState {
    /// None: mails stay in the simulator.
    pub settings: Option<SmtpSettings>,
    /// The last mail id the relay has looked at: later mails get a delivery record when the
    /// relay is on, and are passed over when it is off.
    pub mail_cursor: u32,
    /// One record per relayed mail, oldest first.
    pub deliveries: Vec<MailDelivery>,
}

/// How far the delivery of one mail got.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailDelivery {
    /// The mail (`GET …/mails`'s `id`).
    pub mail_id: u32,
    /// The SMTP envelope's recipients: the mail's To and Cc, or the catch-all address.
    pub recipients: Vec<String>,
    pub status: DeliveryStatus,
    /// Attempts made so far.
    pub attempts: u32,
    /// Why the last attempt failed, as the server or the network said it.
    pub last_error: Option<String>,
    /// When the next attempt is due (real time), while pending.
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// When the server accepted it (real time).
    pub delivered_at: Option<DateTime<Utc>>,
    /// The server of the last attempt, without its password.
    pub server: Option<String>,
}

/// Where a delivery stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    /// Waiting for its first attempt or a retry.
    Pending,
    /// The server accepted it.
    Delivered,
    /// Refused for good, or the bound of attempts was reached.
    Failed,
}

impl DeliveryStatus {
    /// In Japanese, for the mailbox page.
    pub fn label(self) -> &'static str {
        match self {
            DeliveryStatus::Pending => "配送待ち",
            DeliveryStatus::Delivered => "配送済み",
            DeliveryStatus::Failed => "配送失敗",
        }
    }
}

impl SmtpState {
    /// The delivery record of a mail.
    pub fn delivery(&self, mail_id: u32) -> Option<&MailDelivery> {
        self.deliveries.iter().find(|d| d.mail_id == mail_id)
    }

    /// Turns the relay on, off or to another server. Mails sent before are not relayed; pending
    /// deliveries go to the new server at their next attempt, or fail when the relay is turned
    /// off (nothing would ever try them again).
    pub fn set(&mut self, settings: Option<SmtpSettings>, last_mail: u32) {
        if settings.is_none() {
            for d in self
                .deliveries
                .iter_mut()
                .filter(|d| d.status == DeliveryStatus::Pending)
            {
                d.status = DeliveryStatus::Failed;
                d.next_attempt_at = None;
                d.last_error = Some(match d.last_error.take() {
                    Some(e) => {
                        format!("the SMTP relay was turned off before delivery (last error: {e})")
                    }
                    None => "the SMTP relay was turned off before delivery".to_string(),
                });
            }
        }
        self.settings = settings;
        self.mail_cursor = self.mail_cursor.max(last_mail);
    }
}

/// One delivery attempt, taken out of the workspace for the dispatcher.
#[derive(Debug, Clone)]
pub struct SmtpJob {
    pub mail_id: u32,
    pub url: String,
    pub server: String,
    pub recipients: Vec<String>,
    /// The message, as `GET …/mails/{id}/raw` serves it.
    pub raw: String,
}

/// Why an attempt failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmtpFailure {
    pub reason: String,
    /// The server refused for good (5xx): no retry.
    pub permanent: bool,
}

/// Gives the new mails a delivery record, and takes out the deliveries due at `now` that
/// `busy` does not already hold. Returns the jobs and when the next one falls due.
pub fn collect(
    ws: &mut Workspace,
    now: DateTime<Utc>,
    busy: &dyn Fn(u32) -> bool,
) -> (Vec<SmtpJob>, Option<DateTime<Utc>>) {
    let last_mail = ws.mails.last().map_or(0, |m| m.id);
    let state = &mut ws.state.outbound.smtp;
    // Mail ids restart at 1 after a reset, which also resets the cursor.
    let Some(settings) = state.settings.clone() else {
        state.mail_cursor = last_mail;
        return (Vec::new(), None);
    };
    for m in ws.mails.iter().filter(|m| m.id > state.mail_cursor) {
        let recipients = match &settings.to {
            Some(catch_all) => vec![catch_all.clone()],
            None => mail::rfc5322::addr_specs(&[m.to.clone(), m.cc.clone()].concat()),
        };
        state.deliveries.push(MailDelivery {
            mail_id: m.id,
            recipients,
            status: DeliveryStatus::Pending,
            attempts: 0,
            last_error: None,
            next_attempt_at: Some(now),
            delivered_at: None,
            server: None,
        });
    }
    state.mail_cursor = last_mail;

    let mut jobs = Vec::new();
    let mut next: Option<DateTime<Utc>> = None;
    for d in state
        .deliveries
        .iter_mut()
        .filter(|d| d.status == DeliveryStatus::Pending)
    {
        let due = d.next_attempt_at.unwrap_or(now);
        if due > now {
            next = Some(next.map_or(due, |n| n.min(due)));
            continue;
        }
        if busy(d.mail_id) {
            continue;
        }
        match ws.mails.iter().find(|m| m.id == d.mail_id) {
            Some(m) => jobs.push(SmtpJob {
                mail_id: d.mail_id,
                url: settings.url.clone(),
                server: settings.redacted_url(),
                recipients: d.recipients.clone(),
                raw: mail::render(m),
            }),
            None => {
                d.status = DeliveryStatus::Failed;
                d.last_error = Some("the mail is no longer in the mailbox".into());
                d.next_attempt_at = None;
            }
        }
    }
    (jobs, next)
}

/// Records the outcome of an attempt.
pub fn record(
    ws: &mut Workspace,
    job: &SmtpJob,
    outcome: Result<(), SmtpFailure>,
    policy: &RetryPolicy,
    now: DateTime<Utc>,
) {
    let Some(d) = ws
        .state
        .outbound
        .smtp
        .deliveries
        .iter_mut()
        .find(|d| d.mail_id == job.mail_id && d.status == DeliveryStatus::Pending)
    else {
        return;
    };
    d.attempts += 1;
    d.server = Some(job.server.clone());
    match outcome {
        Ok(()) => {
            d.status = DeliveryStatus::Delivered;
            d.delivered_at = Some(now);
            d.next_attempt_at = None;
            d.last_error = None;
        }
        Err(failure) => {
            let retry = (!failure.permanent)
                .then(|| policy.delay_after(d.attempts))
                .flatten();
            match retry {
                Some(delay) => {
                    d.next_attempt_at = Some(now + delay);
                    d.last_error = Some(failure.reason);
                }
                None => {
                    d.status = DeliveryStatus::Failed;
                    d.next_attempt_at = None;
                    d.last_error = Some(if failure.permanent {
                        failure.reason
                    } else {
                        format!("gave up after {} attempts: {}", d.attempts, failure.reason)
                    });
                }
            }
        }
    }
}

/// The envelope sender: the address of [`mail::FROM`].
const ENVELOPE_FROM: &str = "NACCS@mail.nss-nac6.naccs.jp";

/// One attempt: connects, says EHLO (STARTTLS and AUTH as the URL asks), sends the message.
pub async fn send(job: &SmtpJob, policy: &RetryPolicy) -> Result<(), SmtpFailure> {
    let permanent = |reason: String| SmtpFailure {
        reason,
        permanent: true,
    };
    let from: Address = ENVELOPE_FROM
        .parse()
        .map_err(|e| permanent(format!("sender {ENVELOPE_FROM}: {e}")))?;
    let mut to = Vec::with_capacity(job.recipients.len());
    for r in &job.recipients {
        to.push(
            r.parse::<Address>()
                .map_err(|e| permanent(format!("recipient {r:?}: {e}")))?,
        );
    }
    let envelope =
        Envelope::new(Some(from), to).map_err(|e| permanent(format!("no recipient: {e}")))?;
    let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&job.url)
        .map_err(|e| permanent(format!("{}: {e}", job.server)))?
        .timeout(Some(policy.timeout))
        .build();
    // lettre ends the data with CRLF "." CRLF, whose first CRLF RFC 5321 §4.1.1.4 counts as
    // the end of the last line: without this one the server stores exactly the raw message.
    let data = job.raw.strip_suffix("\r\n").unwrap_or(&job.raw);
    let attempt = transport.send_raw(&envelope, data.as_bytes());
    match tokio::time::timeout(policy.timeout, attempt).await {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(e)) => Err(SmtpFailure {
            reason: describe(&e),
            permanent: e.is_permanent(),
        }),
        Err(_) => Err(SmtpFailure {
            reason: format!("no answer from {} within {:?}", job.server, policy.timeout),
            permanent: false,
        }),
    }
}

/// An error with its causes: "Connection error: Connection refused (os error 111)".
pub(super) fn describe(e: &(dyn std::error::Error + 'static)) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_checked_and_passwords_hidden() {
        let s = SmtpSettings::parse("smtp://127.0.0.1:1025", None).unwrap();
        assert_eq!(s.redacted_url(), "smtp://127.0.0.1:1025");
        let s = SmtpSettings::parse(
            "smtps://nss:s3cret@mail.example.jp:465",
            Some("catch@example.jp"),
        )
        .unwrap();
        assert_eq!(s.redacted_url(), "smtps://nss:***@mail.example.jp:465");
        assert_eq!(s.to.as_deref(), Some("catch@example.jp"));
        let s = SmtpSettings::parse("smtp://u:p@h:587?tls=required", Some(" ")).unwrap();
        assert_eq!(s.redacted_url(), "smtp://u:***@h:587?tls=required");
        assert_eq!(s.to, None);
        for bad in [
            "",
            "http://x",
            "smtp://",
            "smtp://h?tls=sometimes",
            "mailpit:1025",
        ] {
            assert!(SmtpSettings::parse(bad, None).is_err(), "{bad:?}");
        }
        assert!(SmtpSettings::parse("smtp://h:25", Some("not an address")).is_err());
    }

    #[test]
    fn turning_the_relay_off_fails_what_was_pending_with_the_reason() {
        let mut state = SmtpState {
            settings: Some(SmtpSettings::parse("smtp://127.0.0.1:1025", None).unwrap()),
            mail_cursor: 2,
            deliveries: vec![
                MailDelivery {
                    mail_id: 1,
                    recipients: vec!["a@example.jp".into()],
                    status: DeliveryStatus::Delivered,
                    attempts: 1,
                    last_error: None,
                    next_attempt_at: None,
                    delivered_at: Some(Utc::now()),
                    server: None,
                },
                MailDelivery {
                    mail_id: 2,
                    recipients: vec!["a@example.jp".into()],
                    status: DeliveryStatus::Pending,
                    attempts: 2,
                    last_error: Some("Connection refused".into()),
                    next_attempt_at: Some(Utc::now()),
                    delivered_at: None,
                    server: None,
                },
            ],
        };
        state.set(None, 3);
        assert_eq!(state.mail_cursor, 3);
        assert_eq!(state.deliveries[0].status, DeliveryStatus::Delivered);
        let d = &state.deliveries[1];
        assert_eq!(d.status, DeliveryStatus::Failed);
        assert_eq!(d.next_attempt_at, None);
        assert_eq!(
            d.last_error.as_deref(),
            Some("the SMTP relay was turned off before delivery (last error: Connection refused)")
        );
    }
}
