//! Sending mails: composes them from the mail templates, stamps them with the workspace clock and
//! a Message-ID from the workspace RNG, and keeps them in the workspace's mailbox.

use crate::application::Person;
use crate::clock::Instant;
use crate::mail::{self, MailContext, Recipient};
use crate::workspace::Workspace;

/// Composes and keeps a mail. A mail that cannot be composed (no valid recipient) is not sent;
/// the procedure goes on, as NSS's own registration does not depend on the mail server.
pub fn send<C: MailContext>(ws: &mut Workspace, now: Instant, ctx: &C) {
    let id = ws.state.counters.mail + 1;
    let message_id = format!(
        "<{}.{}@mail.nss-nac6.naccs.jp>",
        now.format("%Y%m%d%H%M%S"),
        ws.state.rng.hex(16)
    );
    match mail::compose(id, ctx, now, &message_id) {
        Ok(m) => {
            ws.state.counters.mail = id;
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

/// The recipient a person of an application is: company, department, name and address.
pub fn recipient(person: &Person, company: &str) -> Recipient {
    Recipient {
        company: company.to_string(),
        department: person.department.as_ref().map(|d| d.as_str().to_string()),
        name: person.name.full(),
        email: person.email.as_str().to_string(),
    }
}
