//! 仮ログイン登録 (M000 【8】【9】): the temporary account.

use crate::application::TempApplicant;
use crate::clock::Instant;
use crate::domain::ids;
use crate::workspace::Workspace;
use crate::workspace::temp_account::TempAccount;

/// Issues a 仮ログインID and 仮パスワード for a 仮ログイン登録, stores the account and sends
/// 【NSS】仮アカウント登録完了のお知らせ (M000 【8】【9】【10】). Returns the 仮ログインID.
pub fn register_temp_account(
    ws: &mut Workspace,
    now: Instant,
    public_base: &str,
    applicant: TempApplicant,
) -> String {
    let today = now.date_naive();
    let running = ws.state.counters.temp_login;
    ws.state.counters.temp_login = running + 1;
    let login_id = ids::temp_login_id(today, running);
    let password = ids::temp_password(&mut ws.state.rng);
    let ctx = crate::mail::TempAccountRegistered {
        to: crate::outbox::recipient(&applicant.person, applicant.company.as_str()),
        temp_login_id: login_id.clone(),
        temp_password: password.clone(),
        login_url: crate::outbox::login_url(public_base),
    };
    crate::outbox::send(ws, now, &ctx);
    ws.state.temp_accounts.insert(
        login_id.clone(),
        TempAccount {
            login_id: login_id.clone(),
            password,
            issued_at: now,
            applicant,
            application: None,
        },
    );
    login_id
}
