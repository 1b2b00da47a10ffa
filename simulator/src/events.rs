//! What happened in a workspace, told outward: every mail sent, every review of an application
//! and the status change it makes, every deadline that fires.
//!
//! The events of a workspace are an append-only list in the workspace itself (so a durable
//! store keeps them), numbered from 1 without gaps and never renumbered, not even by a reset.
//! Like the journal and the mailbox, the list keeps its newest events only
//! (`Limits::events`, `--max-events`): the oldest beyond the cap are dropped and counted
//! ([`EventLog::dropped`]; `GET …/events` says so in `X-Sim-Dropped`), so that a workspace
//! used for months does not grow without end. A webhook that lags behind by more than the cap
//! skips what was dropped.
//! Webhooks (`outbound::webhooks`) deliver them in that order; `GET …/events` lists them.
//! [`emit`] is the one function that records one: the outbox and the NACCS center call it.
//!
//! An event is stamped with the workspace clock, like everything the workspace records, so the
//! same seed and requests give the same events byte for byte.

use crate::application::ApplicationStatus;
use crate::clock::Instant;
use crate::mail::{Mail, MailKind};
use crate::workspace::Workspace;
use serde::{Deserialize, Serialize};

/// What the outbox and the center report. [`emit`] completes it from the workspace into the
/// recorded [`EventData`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A mail went into the mailbox (and to the SMTP relay, when there is one).
    MailSent { mail_id: u32 },
    /// An application was registered (「申込内容を登録する」).
    Filed { reception_number: String },
    /// The center or the applicant acted on an application: its latest review entry
    /// (approve, clarify, certificates, amend, withdraw) and the status change it made, if any.
    Reviewed {
        reception_number: String,
        /// The status before the action.
        before: ApplicationStatus,
    },
    /// A deadline of the workspace clock passed and the simulator acted on it.
    DeadlineFired {
        reception_number: String,
        deadline: Deadline,
        /// When it was due, on the workspace clock.
        due_at: Instant,
    },
}

impl Event {
    /// The latest review entry of application `number`, made from status `before`.
    pub fn reviewed(number: &str, before: ApplicationStatus) -> Event {
        Event::Reviewed {
            reception_number: number.to_string(),
            before,
        }
    }

    /// Application `number` was registered.
    pub fn filed(number: &str) -> Event {
        Event::Filed {
            reception_number: number.to_string(),
        }
    }

    /// The automatic policy's delay for application `number` ran out at `due_at`.
    pub fn auto_review_due(number: &str, due_at: Instant) -> Event {
        Event::DeadlineFired {
            reception_number: number.to_string(),
            deadline: Deadline::AutoReview,
            due_at,
        }
    }

    /// The システム設定申込締切日 of approved 利用申込 `number` ended at `due_at` without a
    /// システム設定申込 (docs/decisions.md, Issue 13, Q1).
    pub fn settings_deadline_passed(number: &str, due_at: Instant) -> Event {
        Event::DeadlineFired {
            reception_number: number.to_string(),
            deadline: Deadline::SettingsDeadline,
            due_at,
        }
    }
}

/// The deadlines the simulator acts on by itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Deadline {
    /// The automatic review policy's delay after registration (or after a 修正).
    AutoReview,
    /// The システム設定申込締切日 of an approved 利用申込 (the application is cancelled).
    SettingsDeadline,
}

/// One recorded event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    /// 1, 2, 3… per workspace: the order of delivery and the receiver's key against duplicates.
    pub id: u64,
    /// When it happened, on the workspace clock.
    pub at: Instant,
    /// `type` and `data`.
    #[serde(flatten)]
    pub data: EventData,
}

/// The `type` and `data` of an event, as webhooks receive them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "data")]
pub enum EventData {
    #[serde(rename = "mail.sent")]
    MailSent {
        mail_id: u32,
        kind: MailKind,
        subject: String,
        to: Vec<String>,
        cc: Vec<String>,
        message_id: String,
    },
    #[serde(rename = "application.filed")]
    ApplicationFiled {
        reception_number: String,
        kind: crate::application::ApplicationKind,
        filer: crate::application::Filer,
        status: ApplicationStatus,
    },
    #[serde(rename = "application.reviewed")]
    ApplicationReviewed {
        reception_number: String,
        /// approve, clarify, certificates, amend, withdraw.
        decision: crate::application::Decision,
        /// 作業項目 as printed: 「利用申込 回答(審査終了)」.
        item: String,
        /// The center's message of a clarification.
        message: Option<String>,
        /// The status after the action.
        status: ApplicationStatus,
    },
    #[serde(rename = "application.status_changed")]
    ApplicationStatusChanged {
        reception_number: String,
        from: ApplicationStatus,
        to: ApplicationStatus,
        /// ステータス as NSS prints it: 「審査終了」.
        label: String,
    },
    #[serde(rename = "deadline.fired")]
    DeadlineFired {
        reception_number: String,
        deadline: Deadline,
        due_at: Instant,
    },
}

/// The append-only event list of a workspace.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EventLog {
    /// Every event, oldest first; ids are `1..=len` plus the ids a reset left behind.
    pub records: Vec<EventRecord>,
    /// The id of the last event recorded (ids continue across a reset).
    pub last_id: u64,
    /// How many of the oldest events were dropped beyond the cap (absent while none was, so
    /// that a workspace's stored bytes do not change with the cap).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub dropped: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl EventLog {
    /// Appends the events of `later` (a reset workspace's replayed fixture), numbered on from
    /// this log's last id.
    pub fn append(&mut self, later: EventLog) {
        for mut record in later.records {
            self.last_id += 1;
            record.id = self.last_id;
            self.records.push(record);
        }
    }

    /// Whether more than `cap` events are kept (checked before [`EventLog::trim`], which needs
    /// the list mutably: a durable store writes the workspace's state only when it was).
    pub fn over(&self, cap: usize) -> bool {
        self.records.len() > cap
    }

    /// Keeps the newest `cap` events and counts the dropped ones.
    pub fn trim(&mut self, cap: usize) {
        let over = self.records.len().saturating_sub(cap);
        if over > 0 {
            self.records.drain(..over);
            self.dropped += over as u64;
        }
    }

    /// The events after `id`, oldest first.
    pub fn after(&self, id: u64) -> impl Iterator<Item = &EventRecord> {
        let start = self.records.partition_point(|r| r.id <= id);
        self.records[start..].iter()
    }
}

/// Records what happened at `at` (workspace clock). A review that changed the application's
/// status records two events: the review, then the status change. An event about something the
/// workspace does not hold (an unknown mail or application) records nothing.
pub fn emit(ws: &mut Workspace, at: Instant, event: Event) {
    let data: Vec<EventData> = match event {
        Event::MailSent { mail_id } => ws
            .mails
            .iter()
            .rev()
            .find(|m| m.id == mail_id)
            .map(mail_sent)
            .into_iter()
            .collect(),
        Event::Filed { reception_number } => ws
            .application(&reception_number)
            .map(|app| EventData::ApplicationFiled {
                reception_number: reception_number.clone(),
                kind: app.kind(),
                filer: app.filer.clone(),
                status: app.status,
            })
            .into_iter()
            .collect(),
        Event::Reviewed {
            reception_number,
            before,
        } => match ws.application(&reception_number) {
            Some(app) => {
                let mut out = Vec::with_capacity(2);
                if let Some(entry) = app.review.last() {
                    out.push(EventData::ApplicationReviewed {
                        reception_number: reception_number.clone(),
                        decision: entry.decision,
                        item: entry.item.clone(),
                        message: entry.message.clone(),
                        status: app.status,
                    });
                }
                if app.status != before {
                    out.push(EventData::ApplicationStatusChanged {
                        reception_number,
                        from: before,
                        to: app.status,
                        label: app.status.label().to_string(),
                    });
                }
                out
            }
            None => Vec::new(),
        },
        Event::DeadlineFired {
            reception_number,
            deadline,
            due_at,
        } => vec![EventData::DeadlineFired {
            reception_number,
            deadline,
            due_at,
        }],
    };
    if data.is_empty() {
        return;
    }
    for data in data {
        ws.state.events.last_id += 1;
        let id = ws.state.events.last_id;
        ws.state.events.records.push(EventRecord { id, at, data });
    }
    crate::outbound::ring_if_needed(ws);
}

fn mail_sent(m: &Mail) -> EventData {
    EventData::MailSent {
        mail_id: m.id,
        kind: m.kind,
        subject: m.subject.clone(),
        to: m.to.clone(),
        cc: m.cc.clone(),
        message_id: m.message_id.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::WorkspaceSpec;

    /// A workspace with manual 000's application registered (two mails sent).
    fn registered() -> (Workspace, String) {
        let spec = WorkspaceSpec {
            seed: 2018,
            now: None,
            fixture: Some("registered".into()),
        };
        let ws = crate::fixtures::fresh("t", spec, "http://127.0.0.1:8080/");
        let number = ws.state.applications[0].reception_number.clone();
        (ws, number)
    }

    fn types(ws: &Workspace) -> Vec<String> {
        ws.state
            .events
            .records
            .iter()
            .map(|r| {
                serde_json::to_value(&r.data).unwrap()["type"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect()
    }

    #[test]
    fn a_review_that_moves_the_status_records_both_in_order() {
        let (mut ws, number) = registered();
        assert_eq!(types(&ws), ["mail.sent", "mail.sent", "application.filed"]);
        let now = ws.now();
        crate::center::clarify(&mut ws, &number, "FAX番号をご確認ください。", now, "/").unwrap();
        crate::center::withdraw(&mut ws, &number, now).unwrap();
        assert_eq!(
            types(&ws),
            [
                "mail.sent",
                "mail.sent",
                "application.filed",
                "application.reviewed",
                "application.status_changed",
                "mail.sent",
                "application.reviewed",
                "application.status_changed",
            ]
        );
        let ids: Vec<u64> = ws.state.events.records.iter().map(|r| r.id).collect();
        assert_eq!(ids, [1, 2, 3, 4, 5, 6, 7, 8]);
        match &ws.state.events.records[4].data {
            EventData::ApplicationStatusChanged {
                from, to, label, ..
            } => {
                assert_eq!(
                    (*from, *to),
                    (
                        ApplicationStatus::Received,
                        ApplicationStatus::Clarification
                    )
                );
                assert_eq!(label, "内容確認");
            }
            other => panic!("{other:?}"),
        }
        match &ws.state.events.records[3].data {
            EventData::ApplicationReviewed {
                decision, message, ..
            } => {
                assert_eq!(*decision, crate::application::Decision::Clarify);
                assert_eq!(message.as_deref(), Some("FAX番号をご確認ください。"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn events_about_nothing_record_nothing() {
        let (mut ws, _) = registered();
        let now = ws.now();
        emit(&mut ws, now, Event::MailSent { mail_id: 99 });
        emit(
            &mut ws,
            now,
            Event::reviewed("0000000X", ApplicationStatus::Received),
        );
        assert_eq!(ws.state.events.last_id, 3);
        assert_eq!(ws.state.events.records.len(), 3);
    }

    #[test]
    fn appended_events_are_numbered_on_and_after_skips_what_was_seen() {
        let (mut ws, _) = registered();
        let (replayed, _) = registered();
        ws.state.events.append(replayed.state.into_inner().events);
        let ids: Vec<u64> = ws.state.events.records.iter().map(|r| r.id).collect();
        assert_eq!(ids, [1, 2, 3, 4, 5, 6]);
        assert_eq!(ws.state.events.last_id, 6);
        let after: Vec<u64> = ws.state.events.after(3).map(|r| r.id).collect();
        assert_eq!(after, [4, 5, 6]);
        assert_eq!(ws.state.events.after(6).count(), 0);
    }

    #[test]
    fn the_cap_keeps_the_newest_counts_the_rest_and_ids_go_on() {
        let (mut ws, _) = registered();
        let log = &mut ws.state.events;
        assert!(!log.over(3) && log.over(2));
        let before = serde_json::to_string(&*log).unwrap();
        assert!(
            !before.contains("dropped"),
            "absent while nothing is dropped"
        );
        log.trim(2);
        let ids: Vec<u64> = log.records.iter().map(|r| r.id).collect();
        assert_eq!((ids, log.dropped, log.last_id), (vec![2, 3], 1, 3));
        log.trim(0);
        assert_eq!((log.records.len(), log.dropped), (0, 3));
        // A webhook whose cursor is behind the first kept event gets the kept ones only.
        let (mut ws, _) = registered();
        ws.state.events.trim(1);
        let after: Vec<u64> = ws.state.events.after(0).map(|r| r.id).collect();
        assert_eq!(after, [3]);
        let json = serde_json::to_string(&ws.state.events).unwrap();
        let back: EventLog = serde_json::from_str(&json).unwrap();
        assert_eq!(back, ws.state.events);
    }

    #[test]
    fn the_json_is_what_webhooks_document() {
        let (ws, _) = registered();
        let json = serde_json::to_value(&ws.state.events.records[0]).unwrap();
        assert_eq!(json["id"], 1);
        assert_eq!(json["type"], "mail.sent");
        assert_eq!(json["at"], "2018-11-27T16:30:00+09:00");
        assert_eq!(json["data"]["kind"], "temp_account_registered");
        assert_eq!(json["data"]["to"][0], "貿易 太郎 <qqfcbj@meti.go.jp>");
        let back: EventRecord = serde_json::from_value(json).unwrap();
        assert_eq!(back, ws.state.events.records[0]);
    }
}
