//! Sending mails: composes them from the mail templates, stamps them with the workspace clock and
//! a Message-ID from the workspace RNG, and keeps them in the workspace's mailbox.

use crate::clock::Instant;
use crate::mail::{self, MailContext, Recipient};
use crate::screen::spec::Values;
use crate::workspace::Workspace;

/// Composes and keeps a mail. A mail that cannot be composed (no valid recipient) is not sent;
/// the procedure goes on, as NSS's own registration does not depend on the mail server.
pub fn send<C: MailContext>(ws: &mut Workspace, now: Instant, ctx: &C) {
    let id = ws.counters.mail + 1;
    let message_id = format!(
        "<{}.{}@mail.nss-nac6.naccs.jp>",
        now.format("%Y%m%d%H%M%S"),
        ws.rng.hex(16)
    );
    match mail::compose(id, ctx, now, &message_id) {
        Ok(m) => {
            ws.counters.mail = id;
            ws.mails.push(m);
            crate::events::emit(ws, now, crate::events::Event::MailSent { mail_id: id });
        }
        Err(e) => tracing::warn!(error = %e, "mail not sent"),
    }
}

/// The login URL mails link to: the simulator's own (procedures.md §10).
pub fn login_url(public_base: &str) -> String {
    format!("{public_base}login/nsscoapp/")
}

/// A recipient from a person's values: `prefix` names the fields (`""`, `manager_`).
pub fn recipient(values: &Values, company: &str, prefix: &str) -> Recipient {
    let get = |k: &str| {
        values
            .get(&format!("{prefix}{k}"))
            .cloned()
            .unwrap_or_default()
    };
    let department = get("department");
    Recipient {
        company: company.to_string(),
        department: (!department.is_empty()).then_some(department),
        name: format!("{} {}", get("last_name"), get("first_name")),
        email: get("email"),
    }
}

/// 【NSS】仮アカウント登録完了のお知らせ to the 申込担当者 (M000 【10】).
pub fn send_temp_account(
    ws: &mut Workspace,
    now: Instant,
    public_base: &str,
    applicant: &Values,
    login_id: &str,
    password: &str,
) {
    let company = applicant.get("company").cloned().unwrap_or_default();
    let ctx = mail::TempAccountRegistered {
        to: recipient(applicant, &company, ""),
        temp_login_id: login_id.to_string(),
        temp_password: password.to_string(),
        login_url: login_url(public_base),
    };
    send(ws, now, &ctx);
}
