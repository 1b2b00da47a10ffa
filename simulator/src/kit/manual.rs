//! The manuals' data of the kit (`fixtures/kit/manual00N.json`, docs/kit.md "Inputs") walked
//! through the screens, for the screen-level tests and steps: the same data as the client
//! scenarios, so that each manual's data exists once. Manual 000 is walked with the built-in
//! client; the others screen by screen as a person fills them (each screen's object by its
//! printed title, each field by `section / label`, 利用者コード and 回線 rows by their buttons),
//! stopping where a screen refuses its input. These helpers panic on failure (they are for
//! tests).

use super::browser::{Browser, current_values};
use super::data;
use super::driver::builtin::{self, Client};
use super::protocol::Task;
use super::sim::Simulator;
use serde_json::{Value, json};

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

/// The kit's data of a manual (`"000"`, `"002"`, `"003"`: `fixtures/kit/manual00N.json`,
/// embedded).
pub fn kit(manual: &str) -> Value {
    data::set(&format!("manual{manual}"))
        .cloned()
        .unwrap_or_else(|| panic!("the kit has no data of manual {manual}"))
}

/// The fields of a kit screen object: (`section / label`, or a bare label for a field under no
/// heading; the value to type: a text, an option label, or the ticked labels of check boxes
/// joined by 「、」). Lists of objects (rows, files) are not fields.
pub fn fields_of(screen: &Value) -> Vec<(String, String)> {
    builtin::screen_pairs(screen)
}

/// One value as it is typed (see [`fields_of`]).
fn typed(value: &Value) -> Option<String> {
    fields_of(&json!({ "v": value })).pop().map(|(_, v)| v)
}

/// The button that leaves a screen forward (docs/kit.md, `file_application`).
pub fn forward(screen_id: &str, given: &Value) -> String {
    if let Some(b) = given["ボタン"].as_str() {
        return b.to_string();
    }
    match screen_id {
        "new_application.billing" => "申込内容確認へ進む",
        "new_application.confirm" => "申込内容を登録する",
        "new_application.office" => "netNACCSを利用する",
        _ => "次へ進む",
    }
    .to_string()
}

fn borrowed(fields: &[(String, String)]) -> Vec<(&str, &str)> {
    fields
        .iter()
        .map(|(l, v)| (l.as_str(), v.as_str()))
        .collect()
}

impl Browser {
    fn assert_on(&self, id: &str) {
        assert_eq!(self.id(), id, "errors: {:?}", self.errors());
    }

    /// 仮ログイン登録 with a manual's data; returns the 仮ログインID and 仮パスワード of the mail.
    pub async fn kit_temp_account(
        &mut self,
        sim: &Simulator,
        ws: &str,
        manual: &str,
    ) -> (String, String) {
        let data = kit(manual)["register_temp_account"]["申込担当者 入力"].clone();
        self.open("apply/").await;
        self.press("システム利用規程に同意する", &[]).await;
        let fields = fields_of(&data);
        self.press("申込内容確認へ進む", &borrowed(&fields)).await;
        self.assert_on("temp_account.confirm");
        self.press("申込内容を登録する", &[]).await;
        self.assert_on("temp_account.complete");
        let mails = sim.mails(ws).await;
        temp_credentials(mails.last().expect("the temporary-account mail"))
    }

    /// One 利用者コード object: its button on the list, every 識別番号 setting with 「設定する」,
    /// then 「この内容で設定する」 (M000 【18】, M003).
    async fn kit_user_code(&mut self, row: &Value) {
        let opener = row["ボタン"]
            .as_str()
            .unwrap_or("新規に利用者コードを追加する");
        self.press(opener, &[]).await;
        self.assert_on("new_application.user_code_detail");
        let mut fixed = row.clone();
        let settings = fixed
            .as_object_mut()
            .and_then(|o| o.remove("設定した利用者コード情報"))
            .unwrap_or(json!([]));
        for setting in settings.as_array().into_iter().flatten() {
            let mut fields = fields_of(&fixed);
            for (label, v) in setting.as_object().into_iter().flatten() {
                if let Some(v) = typed(v) {
                    fields.push((format!("識別番号に関する項目 / {label}"), v));
                }
            }
            self.press("設定する", &borrowed(&fields)).await;
            assert!(self.errors().is_empty(), "{:?}", self.errors());
        }
        let fields = fields_of(&fixed);
        self.press("この内容で設定する", &borrowed(&fields)).await;
        self.assert_on("new_application.user_codes");
    }

    /// One 回線 object: 「新規に回線・論理端末を追加する」, its detail, 「この内容で設定する」.
    async fn kit_line(&mut self, row: &Value) {
        self.press("新規に回線・論理端末を追加する", &[]).await;
        self.assert_on("new_application.line_detail");
        let fields = fields_of(row);
        self.press("この内容で設定する", &borrowed(&fields)).await;
        self.assert_on("new_application.lines");
    }

    /// Fills the current screen from the kit object of its title and leaves it forward.
    pub async fn kit_screen(&mut self, data: &Value) {
        let title = self.screen["title"].as_str().unwrap_or("").to_string();
        let id = self.id().to_string();
        let given = data.get(&title).cloned().unwrap_or(json!({}));
        for row in given["申込情報"].as_array().cloned().unwrap_or_default() {
            self.kit_user_code(&row).await;
        }
        for row in given["申込情報(回線)"]
            .as_array()
            .cloned()
            .unwrap_or_default()
        {
            self.kit_line(&row).await;
        }
        let fields = fields_of(&given);
        self.press(&forward(&id, &given), &borrowed(&fields)).await;
    }

    /// From the current screen on, each screen filled from the kit and left forward, until the
    /// screen titled `until`, 完了, or a screen that refuses its input (it stays).
    pub async fn kit_walk(&mut self, data: &Value, until: Option<&str>) {
        for _ in 0..20 {
            let title = self.screen["title"].as_str().unwrap_or("").to_string();
            if Some(title.as_str()) == until || self.id() == "new_application.complete" {
                return;
            }
            let before = self.id().to_string();
            self.kit_screen(data).await;
            if self.id() == before {
                return;
            }
        }
        panic!("「{until:?}」画面に着きません");
    }

    /// Presses `button` with the current form sent as `multipart/form-data`, as a browser sends a
    /// form with a file input: the file field printed `label` carries `file` (name and bytes),
    /// or — `None` — a text value under its name instead of a file.
    pub async fn press_with_file(
        &mut self,
        button: &str,
        label: &str,
        file: Option<(&str, Vec<u8>)>,
    ) -> &Value {
        let form = self.screen["forms"][0].clone();
        let field = self
            .field(label)
            .unwrap_or_else(|| panic!("screen {} has no field {label}", self.id()));
        let name = field["name"].as_str().unwrap_or("").to_string();
        let op = form["buttons"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|x| x["label"] == button)
            .unwrap_or_else(|| panic!("screen {} has no button {button}", self.id()))["value"]
            .as_str()
            .unwrap_or("")
            .to_string();
        let mut multipart = reqwest::multipart::Form::new();
        for (k, v) in current_values(&form) {
            multipart = multipart.text(k, v);
        }
        multipart = match file {
            Some((filename, bytes)) => multipart.part(
                name,
                reqwest::multipart::Part::bytes(bytes).file_name(filename.to_string()),
            ),
            None => multipart.text(name, "システム構成図.xlsx"),
        };
        multipart = multipart.text("op", op);
        let url = format!("{}{}", self.origin, form["action"].as_str().unwrap_or(""));
        let r = self
            .client
            .post(url)
            .multipart(multipart)
            .send()
            .await
            .expect("POST");
        self.status = r.status().as_u16();
        let text = r.text().await.expect("body");
        self.screen =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"));
        &self.screen
    }

    /// Logged in with the 仮ログインID: from the guidance to `until` (or 完了) with a manual's
    /// `file_application` data.
    pub async fn kit_application(&mut self, manual: &str, until: Option<&str>) {
        let data = kit(manual)["file_application"].clone();
        self.assert_on("new_application.guidance");
        self.press("次へ進む", &[]).await;
        self.kit_walk(&data, until).await;
        match until {
            Some(title) => assert_eq!(self.screen["title"], title, "{:?}", self.errors()),
            None => self.assert_on("new_application.complete"),
        }
    }
}
