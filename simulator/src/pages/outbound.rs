//! The trainer's view of what left the simulator: the SMTP delivery of each mail (mailbox and
//! mail pages) and the webhook delivery log (mailbox page).

use crate::outbound::smtp::{DeliveryStatus, MailDelivery};
use crate::outbound::webhooks::Webhook;
use maud::{Markup, html};

/// A mail's SMTP delivery: 配送済み, or the status with the reason of the last failure.
pub fn delivery_cell(delivery: Option<&MailDelivery>) -> Markup {
    let Some(d) = delivery else {
        return html! { "—" };
    };
    html! {
        span.delivery { (d.status.label()) }
        @if d.status != DeliveryStatus::Delivered {
            " （" (d.attempts) "回試行"
            @if let Some(e) = &d.last_error { "：" (e) }
            "）"
        }
    }
}

/// Every webhook with its latest attempts, newest first; nothing when there is none.
pub fn webhook_log(hooks: &[Webhook]) -> Markup {
    html! {
        @if !hooks.is_empty() {
            h2 { "Webhook 配信ログ" }
            @for h in hooks {
                h3 { "Webhook " (h.id) "：" code { (h.url) } }
                p { "配信済みイベント: " (h.cursor) " まで" }
                @if h.log.is_empty() { p { "まだ配信していません。" } }
                @else {
                    table.data {
                        thead { tr { th { "日時 (UTC)" } th { "イベント" } th { "試行" } th { "結果" } th { "HTTP" } th { "理由" } } }
                        tbody {
                            @for a in h.log.iter().rev().take(50) {
                                tr {
                                    td { (a.at.format("%Y/%m/%d %H:%M:%S")) }
                                    td { (a.event_id) " " (a.event_type) }
                                    td { (a.attempt) }
                                    td { (a.outcome.label()) }
                                    td { @if let Some(s) = a.status { (s) } }
                                    td { @if let Some(e) = &a.error { (e) } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
