//! Manual 000 walked with its data ([`data::manual000`]), for the screen-level tests and
//! steps: the same data and the same built-in client as the client scenarios, so that the
//! manual's data exists once. These helpers panic on failure (they are for tests).

use super::browser::Browser;
use super::data;
use super::driver::builtin::{self, Client};
use super::protocol::Task;
use super::sim::Simulator;
use serde_json::Value;

/// The fields of one screen of manual 000's data as `(label, value)` pairs for
/// [`Browser::press`] (`section / label`, check boxes joined by 「、」): `action` is
/// `register_temp_account` or `file_application`, `title` the screen's.
pub fn pairs(action: &str, title: &str) -> Vec<(String, String)> {
    builtin::screen_pairs(&data::manual000()[action][title])
}

/// (仮ログインID, 仮パスワード) read from a 【NSS】仮アカウント登録完了のお知らせ mail (as the
/// API lists it).
pub fn temp_credentials(mail: &Value) -> (String, String) {
    let text = mail["text"].as_str().expect("a mail text");
    let grab = |key: &str| {
        super::world::mail_value(text, key).unwrap_or_else(|| panic!("no {key} in mail:\n{text}"))
    };
    (grab("仮ログインID"), grab("仮パスワード"))
}

fn task_for(b: &Browser, action: &str) -> Task {
    Task::new(
        action,
        &format!("{}{}", b.origin, b.base),
        data::MANUAL_ADDRESS,
    )
}

impl Browser {
    /// M000 【4】–【10】 with the manual's data: returns (仮ログインID, 仮パスワード) read from the
    /// mail.
    pub async fn register_temp_account(&mut self, sim: &Simulator, ws: &str) -> (String, String) {
        self.open("apply/").await;
        self.press("システム利用規程に同意する", &[]).await;
        let typed = pairs("register_temp_account", "申込担当者 入力");
        let typed: Vec<(&str, &str)> = typed
            .iter()
            .map(|(l, v)| (l.as_str(), v.as_str()))
            .collect();
        self.press("申込内容確認へ進む", &typed).await;
        assert_eq!(
            self.id(),
            "temp_account.confirm",
            "errors: {:?}",
            self.errors()
        );
        self.press("申込内容を登録する", &[]).await;
        assert_eq!(self.id(), "temp_account.complete");
        let mails = sim.mails(ws).await;
        temp_credentials(mails.last().expect("the temporary-account mail"))
    }

    /// Logs in on the NSS login page.
    pub async fn login(&mut self, id: &str, password: &str) -> &Value {
        self.open("login/nsscoapp/").await;
        self.press("ログイン", &[("ログインID", id), ("パスワード", password)])
            .await
    }

    /// M000 【14】–【23】 with the manual's data, from the guidance to 申込内容 確認 (not
    /// registered).
    pub async fn fill_application(&mut self) {
        let task = task_for(self, "file_application");
        let window = std::mem::replace(self, Browser::new(&self.origin.clone(), ""));
        let mut client = Client::with_browser(&task, window);
        let walked =
            builtin::walk_to_confirm(&mut client, &data::manual000()["file_application"]).await;
        *self = client.browser;
        if let Err(stop) = walked {
            panic!("manual 000 does not reach 申込内容 確認: {stop:?}");
        }
        assert_eq!(
            self.id(),
            "new_application.confirm",
            "errors: {:?}",
            self.errors()
        );
    }
}

impl Simulator {
    /// Manual 000 walked to 完了 in a new browser: returns it (logged in) and the temporary
    /// credentials.
    pub async fn registered_application(&self, ws: &str) -> (Browser, String, String) {
        let mut b = self.browser(ws);
        let (id, pw) = b.register_temp_account(self, ws).await;
        b.login(&id, &pw).await;
        b.fill_application().await;
        b.press("申込内容を登録する", &[]).await;
        assert_eq!(b.id(), "new_application.complete");
        (b, id, pw)
    }
}
