//! Manual 000 through the HTML forms, as a browser without JavaScript posts them, to the same
//! stored application as the JSON path.

use crate::support::TestApp;
use scraper::{Html, Selector};

/// A browser that reads HTML: the page's form, its current values, its buttons.
pub(crate) struct HtmlBrowser {
    pub client: reqwest::Client,
    origin: String,
    base: String,
    pub page: String,
    pub status: u16,
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("selector")
}

impl HtmlBrowser {
    pub fn new(app: &TestApp, ws: &str) -> Self {
        HtmlBrowser {
            client: reqwest::Client::builder()
                .cookie_store(true)
                .build()
                .unwrap(),
            origin: app.address.clone(),
            base: format!("/w/{ws}/"),
            page: String::new(),
            status: 0,
        }
    }

    pub async fn open(&mut self, rel: &str) {
        let r = self
            .client
            .get(format!("{}{}{rel}", self.origin, self.base))
            .send()
            .await
            .unwrap();
        self.status = r.status().as_u16();
        self.page = r.text().await.unwrap();
    }

    pub fn screen(&self) -> String {
        let doc = Html::parse_document(&self.page);
        doc.select(&sel("body"))
            .next()
            .and_then(|b| b.value().attr("data-screen"))
            .unwrap_or("")
            .to_string()
    }

    pub fn title(&self) -> String {
        let doc = Html::parse_document(&self.page);
        doc.select(&sel("h1"))
            .next()
            .map(|h| h.text().collect())
            .unwrap_or_default()
    }

    /// Fills inputs by name and presses the button whose printed text contains `button`.
    pub async fn press(&mut self, button: &str, values: &[(&str, &str)]) {
        let (action, mut pairs, buttons) = {
            let doc = Html::parse_document(&self.page);
            let form = doc
                .select(&sel("form"))
                .next()
                .unwrap_or_else(|| panic!("no form on {}", self.screen()));
            let action = form.value().attr("action").unwrap().to_string();
            let mut pairs: Vec<(String, String)> = Vec::new();
            for i in form.select(&sel("input")) {
                let e = i.value();
                let (Some(name), t) = (e.attr("name"), e.attr("type").unwrap_or("text")) else {
                    continue;
                };
                match t {
                    "radio" | "checkbox" if e.attr("checked").is_some() => {
                        pairs.push((name.into(), e.attr("value").unwrap_or("on").into()))
                    }
                    "text" | "password" | "hidden" => {
                        pairs.push((name.into(), e.attr("value").unwrap_or("").into()))
                    }
                    _ => {}
                }
            }
            for t in form.select(&sel("textarea")) {
                pairs.push((t.value().attr("name").unwrap().into(), t.text().collect()));
            }
            let buttons: Vec<(String, String, String)> = form
                .select(&sel("button"))
                .map(|b| {
                    (
                        b.text().collect::<String>(),
                        b.value().attr("name").unwrap_or("").to_string(),
                        b.value().attr("value").unwrap_or("").to_string(),
                    )
                })
                .collect();
            (action, pairs, buttons)
        };
        for (name, value) in values {
            // A radio or a text input replaces; a check box adds ("" unchecks it).
            pairs.retain(|(k, _)| k != name);
            if !value.is_empty() {
                pairs.push((name.to_string(), value.to_string()));
            }
        }
        let (_, name, value) = buttons
            .into_iter()
            .find(|(text, _, _)| text.contains(button))
            .unwrap_or_else(|| panic!("no button {button} on {}", self.screen()));
        pairs.push((name, value));
        let r = self
            .client
            .post(format!("{}{action}", self.origin))
            .form(&pairs)
            .send()
            .await
            .unwrap();
        self.status = r.status().as_u16();
        self.page = r.text().await.unwrap();
    }
}

#[tokio::test]
async fn manual_000_completes_through_html_forms_to_the_same_application() {
    let (html_app, json_app) = (TestApp::spawn().await, TestApp::spawn().await);
    for app in [&html_app, &json_app] {
        app.workspace_named("m000", 2018, "2018-11-27T16:30:00+09:00")
            .await;
    }
    // JSON path.
    let mut j = json_app.browser("m000");
    let (id, pw) = j.register_temp_account(&json_app, "m000").await;
    j.login(&id, &pw).await;
    j.fill_application().await;
    j.press("申込内容を登録する", &[]).await;
    assert_eq!(j.id(), "new_application.complete");

    // HTML path, same requests by form names.
    let mut b = HtmlBrowser::new(&html_app, "m000");
    b.open("bbs/").await;
    assert!(b.page.contains("新規申込"));
    b.open("apply/").await;
    assert_eq!(b.title(), "NACCSの利用申込手続き");
    b.press("システム利用規程に同意する", &[]).await;
    assert_eq!(b.screen(), "temp_account.input");
    b.press(
        "申込内容確認へ進む",
        &[
            ("company", "電子化・効率化推進室"),
            ("company_kana", "デンシカ・コウリツカスイシンシツ"),
            ("last_name", "貿易"),
            ("first_name", "太郎"),
            ("last_name_kana", "ボウエキ"),
            ("first_name_kana", "タロウ"),
            ("tel", "0335010953"),
            ("email", "qqfcbj@meti.go.jp"),
            ("email_confirm", "qqfcbj@meti.go.jp"),
        ],
    )
    .await;
    assert_eq!(b.screen(), "temp_account.confirm");
    assert!(
        b.page
            .contains("onclick=\"return confirm(&#39;登録します。よろしいですか？&#39;);\"")
            || b.page.contains("登録します。よろしいですか？")
    );
    b.press("申込内容を登録する", &[]).await;
    assert_eq!(b.screen(), "temp_account.complete");
    assert_eq!(b.title(), "仮ログインID・パスワード登録 完了");
    b.open("login/nsscoapp/").await;
    b.press("ログイン", &[("login_id", &id), ("password", &pw)])
        .await;
    assert_eq!(
        b.screen(),
        "new_application.guidance",
        "the same seed issues the same ID"
    );
    b.press("次へ進む", &[]).await;
    let reason = crate::support::manual::pairs("file_application", "申込担当者 入力")
        .into_iter()
        .find(|(l, _)| l.ends_with("申込理由"))
        .map(|(_, v)| v)
        .expect("the manual's 申込理由");
    b.press("次へ進む", &[("reason", reason.as_str())]).await;
    assert_eq!(b.screen(), "new_application.office");
    b.press("反映", &[("office_postal", "1008901")]).await;
    assert!(b.page.contains("value=\"千代田区\""));
    b.press(
        "netNACCSを利用する",
        &[
            ("start_wish", "20181225"),
            ("office_name", "本社"),
            ("office_kana", "ホンシャ"),
            ("office_street", "霞が関１丁目３－１"),
            ("office_address_kana", "カスミガセキ１－３－１"),
            ("office_tel", "0335010953"),
            ("office_fax", "0335015896"),
            ("customs", "tokyo"),
            ("contractor_last_name", "経産"),
            ("contractor_first_name", "一郎"),
            ("contractor_last_name_kana", "ケイサン"),
            ("contractor_first_name_kana", "イチロウ"),
            ("contractor_title", "代表取締役社長"),
            ("security_ack", "1"),
        ],
    )
    .await;
    assert_eq!(b.screen(), "new_application.user_codes");
    b.press("新規に利用者コードを追加する", &[]).await;
    b.press(
        "設定する",
        &[
            ("system", "sea_and_air"),
            ("industries", "trade_control_trader"),
            ("method", "netnaccs"),
            ("count", "1"),
        ],
    )
    .await;
    assert!(b.page.contains("貿サブ"));
    b.press("この内容で設定する", &[]).await;
    assert_eq!(b.screen(), "new_application.user_codes");
    b.press("次へ進む", &[]).await;
    b.press("次へ進む", &[("terminals_net", "5"), ("no_diagram", "1")])
        .await;
    assert_eq!(b.screen(), "new_application.plan");
    b.press("次へ進む", &[("plan", "plan_b")]).await;
    b.press("申込内容確認へ進む", &[]).await;
    assert_eq!(b.screen(), "new_application.confirm");
    assert!(b.page.contains("2018/12/25"));
    b.press("申込内容を登録する", &[]).await;
    assert_eq!(b.screen(), "new_application.complete");
    assert_eq!(b.status, 200);

    let from_html = html_app.get_api("workspaces/m000/applications").await;
    let from_json = json_app.get_api("workspaces/m000/applications").await;
    assert_eq!(
        from_html, from_json,
        "HTML and JSON paths stored different applications"
    );
    assert!(b.page.contains(&format!(
        "申込受付番号「{}」",
        from_html[0]["reception_number"].as_str().unwrap()
    )));
}
