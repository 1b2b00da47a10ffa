//! The mail bodies: minijinja templates embedded in the binary and compiled
//! once per process.
//!
//! The environment lives in a `OnceLock`: every template is parsed the first
//! time a mail is composed and never again (the project benchmarks mail
//! composition). The texts are plain text: no auto-escaping, undefined
//! variables are errors (a misspelt field fails the tests instead of printing
//! nothing), and `trim_blocks`/`lstrip_blocks` keep `{% … %}` lines out of
//! the output so the template files read like the mails.

use std::sync::OnceLock;

use chrono::NaiveDate;
use minijinja::{AutoEscape, Environment, Error, ErrorKind, UndefinedBehavior, Value, context};
use serde::Serialize;

use super::{MailError, MailKind, Recipient};

/// The shared blocks (address lines, opening, 留意事項, helpdesk), imported
/// by every body template.
const COMMON: (&str, &str) = ("_common.txt", include_str!("templates/_common.txt"));

/// The body template of a kind. An exhaustive `match`, so a new kind without
/// a template does not compile.
fn template_of(kind: MailKind) -> (&'static str, &'static str) {
    match kind {
        MailKind::TempAccountRegistered => (
            "temp_account_registered.txt",
            include_str!("templates/temp_account_registered.txt"),
        ),
        MailKind::ApplicationReceived => (
            "application_received.txt",
            include_str!("templates/application_received.txt"),
        ),
        MailKind::ApplicationConfirmed => (
            "application_confirmed.txt",
            include_str!("templates/application_confirmed.txt"),
        ),
        MailKind::CertificateIssued => (
            "certificate_issued.txt",
            include_str!("templates/certificate_issued.txt"),
        ),
        MailKind::ClarificationRequested => (
            "clarification_requested.txt",
            include_str!("templates/clarification_requested.txt"),
        ),
        MailKind::SystemSettingsReceived => (
            "system_settings_received.txt",
            include_str!("templates/system_settings_received.txt"),
        ),
        MailKind::SystemSettingsConfirmed => (
            "system_settings_confirmed.txt",
            include_str!("templates/system_settings_confirmed.txt"),
        ),
        MailKind::ApplicationCancelled => (
            "application_cancelled.txt",
            include_str!("templates/application_cancelled.txt"),
        ),
        MailKind::AccountTransferForm => (
            "account_transfer_form.txt",
            include_str!("templates/account_transfer_form.txt"),
        ),
    }
}

/// The environment, or the message of the error that kept it from being
/// built (a broken embedded template: a bug the tests catch, reported as an
/// error rather than a panic).
static ENV: OnceLock<Result<Environment<'static>, String>> = OnceLock::new();

fn env() -> Result<&'static Environment<'static>, MailError> {
    ENV.get_or_init(|| build().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| MailError::Template(e.clone()))
}

fn build() -> Result<Environment<'static>, Error> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|_| AutoEscape::None);
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.set_keep_trailing_newline(true);
    env.add_filter("jdate", jdate);
    env.add_template(COMMON.0, COMMON.1)?;
    for kind in MailKind::ALL {
        let (name, source) = template_of(kind);
        env.add_template(name, source)?;
    }
    Ok(env)
}

/// `{{ received_on | jdate }}`: a date as the mails print it,
/// 「2018年11月27日」. The manuals only show it masked (「申込受付年月日：2018年XX月XX日」,
/// M002; 「20xx年xx月xx日」, M004): two places for month and day, so they are
/// zero-padded like every date NSS shows (「2018/11/01」).
fn jdate(value: String) -> Result<String, Error> {
    NaiveDate::parse_from_str(&value, "%Y-%m-%d")
        .map(|d| d.format("%Y年%m月%d日").to_string())
        .map_err(|e| {
            Error::new(
                ErrorKind::InvalidOperation,
                format!("jdate expects YYYY-MM-DD, got {value:?}"),
            )
            .with_source(e)
        })
}

/// One address block of the greeting.
#[derive(Serialize)]
struct Addressee<'a> {
    company: &'a str,
    department: Option<&'a str>,
    name: &'a str,
}

/// Renders the body of `kind` for a context. The template sees the
/// context's fields and `addressees`, the deduplicated recipients it greets.
pub(super) fn render_body<C: Serialize + ?Sized>(
    kind: MailKind,
    ctx: &C,
    addressees: &[&Recipient],
) -> Result<String, MailError> {
    let addressees: Vec<Addressee<'_>> = addressees
        .iter()
        .map(|r| Addressee {
            company: r.company.trim(),
            department: r
                .department
                .as_deref()
                .map(str::trim)
                .filter(|d| !d.is_empty()),
            name: r.name.trim(),
        })
        .collect();
    let template = env()?
        .get_template(template_of(kind).0)
        .map_err(|e| MailError::Template(e.to_string()))?;
    template
        .render(context! { addressees => addressees, ..Value::from_serialize(ctx) })
        .map_err(|e| MailError::Template(format!("{e:#}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_compiles() {
        let env = env().expect("templates compile");
        for kind in MailKind::ALL {
            assert!(env.get_template(template_of(kind).0).is_ok(), "{kind}");
        }
    }

    #[test]
    fn the_environment_is_built_once() {
        let a: *const Environment<'static> = env().unwrap();
        let b: *const Environment<'static> = env().unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn jdate_prints_japanese_dates() {
        assert_eq!(jdate("2018-11-27".into()).unwrap(), "2018年11月27日");
        assert_eq!(jdate("2019-01-04".into()).unwrap(), "2019年01月04日");
        assert!(jdate("27/11/2018".into()).is_err());
    }
}
