//! A client for the durability, isolation and fuzzing tests that never panics: every step
//! answers `Result`, so that a test can drive a simulator that is being killed, or feed it
//! garbage, and judge the outcome itself. It talks to the whole app in process (`tower`), or to a
//! simulator process over TCP.

#![allow(dead_code)]

use axum::Router;
use axum::body::Body;
use axum::http::{Request, header};
use serde_json::{Value, json};
use tower::ServiceExt;

/// One answer.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub headers: axum::http::HeaderMap,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> Result<Value, String> {
        serde_json::from_slice(&self.body).map_err(|e| format!("not JSON ({e}): {}", self.text()))
    }

    pub fn location(&self) -> Option<String> {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    }
}

/// Where requests go.
#[derive(Clone)]
pub enum Transport {
    /// The app in this process.
    Local(Router),
    /// A simulator process: its origin (`http://127.0.0.1:PORT`).
    Tcp(reqwest::Client, String),
}

impl Transport {
    pub async fn send(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, String)],
        body: Vec<u8>,
    ) -> Result<Answer, String> {
        match self {
            Transport::Local(app) => {
                let mut req = Request::builder().method(method).uri(path);
                for (k, v) in headers {
                    req = req.header(*k, v.as_str());
                }
                let req = req.body(Body::from(body)).map_err(|e| e.to_string())?;
                let r = app.clone().oneshot(req).await.map_err(|e| e.to_string())?;
                let status = r.status().as_u16();
                let headers = r.headers().clone();
                let body = axum::body::to_bytes(r.into_body(), usize::MAX)
                    .await
                    .map_err(|e| e.to_string())?
                    .to_vec();
                Ok(Answer {
                    status,
                    headers,
                    body,
                })
            }
            Transport::Tcp(client, origin) => {
                let method =
                    reqwest::Method::from_bytes(method.as_bytes()).map_err(|e| e.to_string())?;
                let mut req = client.request(method, format!("{origin}{path}"));
                for (k, v) in headers {
                    req = req.header(*k, v.as_str());
                }
                let r = req.body(body).send().await.map_err(|e| e.to_string())?;
                let status = r.status().as_u16();
                let headers = r.headers().clone();
                let body = r.bytes().await.map_err(|e| e.to_string())?.to_vec();
                Ok(Answer {
                    status,
                    headers,
                    body,
                })
            }
        }
    }

    pub async fn get(&self, path: &str) -> Result<Answer, String> {
        self.send("GET", path, &[], Vec::new()).await
    }

    /// An API call with a JSON body.
    pub async fn api(&self, method: &str, path: &str, body: Value) -> Result<Answer, String> {
        let bytes = if body.is_null() {
            Vec::new()
        } else {
            body.to_string().into_bytes()
        };
        self.send(
            method,
            &format!("/_sim/api/{path}"),
            &[("content-type", "application/json".to_string())],
            bytes,
        )
        .await
    }

    /// Creates a workspace; answers its id.
    pub async fn workspace(&self, body: Value) -> Result<String, String> {
        let a = self.api("POST", "workspaces", body).await?;
        if a.status != 201 {
            return Err(format!("workspace creation: {} {}", a.status, a.text()));
        }
        Ok(a.json()?["id"].as_str().unwrap_or_default().to_string())
    }

    /// The mails of a workspace as the API lists them.
    pub async fn mails(&self, ws: &str) -> Result<Vec<Value>, String> {
        let a = self
            .api("GET", &format!("workspaces/{ws}/mails"), Value::Null)
            .await?;
        if a.status != 200 {
            return Err(format!("mails: {}", a.status));
        }
        Ok(a.json()?.as_array().cloned().unwrap_or_default())
    }
}

/// A browser on one workspace that speaks JSON, keeps its session cookie and follows 303s.
pub struct Nss {
    pub t: Transport,
    /// `/w/{id}/`.
    pub base: String,
    pub cookie: Option<String>,
    pub screen: Value,
    pub status: u16,
    /// The status of the last request itself (before a 303 was followed): a 303 answered is
    /// acknowledged even if following it fails.
    pub first: u16,
}

impl Nss {
    pub fn new(t: &Transport, ws: &str) -> Self {
        Nss {
            t: t.clone(),
            base: format!("/w/{ws}/"),
            cookie: None,
            screen: Value::Null,
            status: 0,
            first: 0,
        }
    }

    pub fn id(&self) -> &str {
        self.screen["screen"].as_str().unwrap_or("")
    }

    fn headers(&self) -> Vec<(&'static str, String)> {
        let mut h = vec![("accept", "application/json".to_string())];
        if let Some(c) = &self.cookie {
            h.push(("cookie", format!("NSSSESSION={c}")));
        }
        h
    }

    fn keep_cookie(&mut self, a: &Answer) {
        for v in a.headers.get_all(header::SET_COOKIE) {
            let v = v.to_str().unwrap_or("");
            if let Some(rest) = v.strip_prefix("NSSSESSION=") {
                let token = rest.split(';').next().unwrap_or("");
                self.cookie =
                    (!token.is_empty() && !v.contains("Max-Age=0")).then(|| token.to_string());
            }
        }
    }

    /// Sends a request with the session and follows a 303; the final answer is the screen.
    pub async fn request(
        &mut self,
        method: &str,
        path: &str,
        body: Vec<u8>,
    ) -> Result<u16, String> {
        let mut h = self.headers();
        if method == "POST" {
            h.push((
                "content-type",
                "application/x-www-form-urlencoded".to_string(),
            ));
        }
        self.first = 0;
        let a = self.t.send(method, path, &h, body).await?;
        self.keep_cookie(&a);
        let first = a.status;
        self.first = first;
        let a = if a.status == 303 {
            let to = a.location().ok_or("303 without Location")?;
            let a = self.t.send("GET", &to, &self.headers(), Vec::new()).await?;
            self.keep_cookie(&a);
            a
        } else {
            a
        };
        self.status = a.status;
        self.screen = a.json().unwrap_or(Value::Null);
        Ok(first)
    }

    /// Opens a path relative to the workspace base.
    pub async fn open(&mut self, rel: &str) -> Result<u16, String> {
        let path = format!("{}{rel}", self.base);
        self.request("GET", &path, Vec::new()).await
    }

    /// The form a browser would send for `button`, with `values` (label → value) over the
    /// rendered ones; answers (action, urlencoded body).
    pub fn form(&self, button: &str, values: &[(&str, &str)]) -> Result<(String, Vec<u8>), String> {
        let form = &self.screen["forms"][0];
        if !form.is_object() {
            return Err(format!("screen {} has no form", self.id()));
        }
        let fields = form["fields"].as_array().cloned().unwrap_or_default();
        let mut pairs = current_values(&fields);
        for (label, value) in values {
            let (section, label) = match label.split_once(" / ") {
                Some((s, l)) => (Some(s), l),
                None => (None, *label),
            };
            let f = fields
                .iter()
                .find(|f| {
                    f["label"] == label && section.is_none_or(|s| f["section"].as_str() == Some(s))
                })
                .ok_or_else(|| format!("screen {} has no field {label}", self.id()))?;
            let name = f["name"].as_str().unwrap_or("").to_string();
            pairs.retain(|(k, _)| *k != name);
            match f["type"].as_str() {
                Some("radio" | "select" | "checkbox") => {
                    let v = f["options"]
                        .as_array()
                        .and_then(|os| {
                            os.iter()
                                .find(|o| o["label"] == *value || o["value"] == *value)
                        })
                        .and_then(|o| o["value"].as_str())
                        .ok_or_else(|| format!("{label}: no option {value}"))?;
                    pairs.push((name, v.to_string()));
                }
                _ => pairs.push((name, value.to_string())),
            }
        }
        let b = form["buttons"]
            .as_array()
            .and_then(|bs| bs.iter().find(|b| b["label"] == button))
            .ok_or_else(|| format!("screen {} has no button {button}", self.id()))?;
        pairs.push((
            b["name"].as_str().unwrap_or("op").to_string(),
            b["value"].as_str().unwrap_or("").to_string(),
        ));
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(&pairs)
            .finish()
            .into_bytes();
        Ok((form["action"].as_str().unwrap_or("").to_string(), body))
    }

    /// Presses `button` after filling `values`; answers the first status (303 or the screen's).
    pub async fn press(&mut self, button: &str, values: &[(&str, &str)]) -> Result<u16, String> {
        let (action, body) = self.form(button, values)?;
        self.request("POST", &action, body).await
    }

    /// Presses and expects to land on `screen`.
    pub async fn step(
        &mut self,
        button: &str,
        values: &[(&str, &str)],
        screen: &str,
    ) -> Result<u16, String> {
        let first = self.press(button, values).await?;
        if self.id() != screen {
            return Err(format!(
                "{button}: on {} ({}) instead of {screen}: {}",
                self.id(),
                self.status,
                self.screen["errors"]
            ));
        }
        Ok(first)
    }
}

/// What a browser sends for a form as rendered.
fn current_values(fields: &[Value]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for f in fields {
        let name = f["name"].as_str().unwrap_or("").to_string();
        match f["type"].as_str() {
            Some("radio" | "checkbox" | "select") => {
                for o in f["options"].as_array().into_iter().flatten() {
                    if o["selected"] == true {
                        out.push((name.clone(), o["value"].as_str().unwrap_or("").to_string()));
                    }
                }
            }
            Some("file") => {}
            _ => out.push((name, f["value"].as_str().unwrap_or("").to_string())),
        }
    }
    out
}

/// `n` in full-width digits (企業名 takes full-width text).
pub fn wide(n: usize) -> String {
    n.to_string()
        .chars()
        .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
        .collect()
}

/// The temporary account's input (M000 【6】) for applicant `n`: a company name and an e-mail
/// address of its own, so that a test can tell whose value a page shows.
pub fn temp_input(n: usize) -> Vec<(String, String)> {
    let email = format!("u{n}@example.jp");
    vec![
        ("企業名".into(), format!("電子化推進室{}", wide(n))),
        ("企業名(フリガナ)".into(), "デンシカスイシンシツ".into()),
        ("氏名 姓".into(), "貿易".into()),
        ("氏名 名".into(), "太郎".into()),
        ("氏名(フリガナ) 姓".into(), "ボウエキ".into()),
        ("氏名(フリガナ) 名".into(), "タロウ".into()),
        ("電話番号".into(), "0335010953".into()),
        ("E-mailアドレス 登録用".into(), email.clone()),
        ("E-mailアドレス 確認用".into(), email),
    ]
}

/// P1 to 完了 for applicant `n`. `acked` is called with the step's name as soon as the
/// simulator has answered it.
pub async fn temp_account(b: &mut Nss, n: usize) -> Result<(), String> {
    b.open("apply/").await?;
    b.step("システム利用規程に同意する", &[], "temp_account.input")
        .await?;
    let input = temp_input(n);
    let values: Vec<(&str, &str)> = input
        .iter()
        .map(|(l, v)| (l.as_str(), v.as_str()))
        .collect();
    b.step("申込内容確認へ進む", &values, "temp_account.confirm")
        .await?;
    b.step("申込内容を登録する", &[], "temp_account.complete")
        .await?;
    Ok(())
}

/// (仮ログインID, 仮パスワード) from the temporary-account mail.
pub fn temp_credentials(mail: &Value) -> Option<(String, String)> {
    let text = mail["text"].as_str()?;
    let grab = |key: &str| {
        text.lines().find_map(|l| {
            l.split_once(key)
                .map(|(_, v)| v.trim_start_matches([' ', ':', '：']).trim().to_string())
        })
    };
    Some((grab("仮ログインID")?, grab("仮パスワード")?))
}

/// Logs in, then P2 (manual 000) to 申込内容 確認.
pub async fn application_to_confirm(b: &mut Nss, id: &str, pw: &str) -> Result<(), String> {
    b.open("login/nsscoapp/").await?;
    b.step(
        "ログイン",
        &[("ログインID", id), ("パスワード", pw)],
        "new_application.guidance",
    )
    .await?;
    b.step("次へ進む", &[], "new_application.applicant").await?;
    b.step(
        "次へ進む",
        &[(
            "申込理由",
            "経済産業省に、輸出許可申請や輸入承認申請等を行うため。",
        )],
        "new_application.office",
    )
    .await?;
    b.press("反映", &[("郵便番号", "1008901")]).await?;
    b.step(
        "netNACCSを利用する",
        &[
            ("利用開始希望日", "20181225"),
            ("事業所名", "本社"),
            ("事業所名(フリガナ)", "ホンシャ"),
            ("郵便番号", "1008901"),
            ("住所(その他)", "霞が関１丁目３－１"),
            ("住所(フリガナ)", "カスミガセキ１－３－１"),
            ("電話番号", "0335010953"),
            ("FAX番号", "0335015896"),
            ("管轄税関", "東京"),
            ("契約者に関する項目 / 氏名 姓", "経産"),
            ("契約者に関する項目 / 氏名 名", "一郎"),
            ("契約者に関する項目 / 氏名(フリガナ) 姓", "ケイサン"),
            ("契約者に関する項目 / 氏名(フリガナ) 名", "イチロウ"),
            ("契約者に関する項目 / 役職名", "代表取締役社長"),
            ("上記を確認しました。", "上記を確認しました。"),
        ],
        "new_application.user_codes",
    )
    .await?;
    b.press("新規に利用者コードを追加する", &[]).await?;
    b.press(
        "設定する",
        &[
            ("システム区分", "海上・航空共用"),
            ("業種", "輸出入者（貿易管理サブシステム利用）"),
            ("処理方式", "netNACCS"),
            ("識別番号数", "1"),
        ],
    )
    .await?;
    b.step("この内容で設定する", &[], "new_application.user_codes")
        .await?;
    b.step("次へ進む", &[], "new_application.terminals").await?;
    b.step(
        "次へ進む",
        &[
            ("論理端末数 (netNACCS)", "5"),
            (
                "機器共用・共同利用、図様添付を希望せず、または自社システムを利用します。",
                "機器共用・共同利用、図様添付を希望せず、または自社システムを利用します。",
            ),
        ],
        "new_application.plan",
    )
    .await?;
    b.step(
        "次へ進む",
        &[("適用料金 (netNACCS)", "従量のみ")],
        "new_application.billing",
    )
    .await?;
    b.step("申込内容確認へ進む", &[], "new_application.confirm")
        .await?;
    Ok(())
}

/// A frozen clock most tests use (M000's timeline).
pub const NOW: &str = "2018-11-27T16:30:00+09:00";

/// The body of a workspace creation with `seed`, frozen at [`NOW`].
pub fn new_workspace(seed: u64) -> Value {
    json!({"seed": seed, "now": NOW})
}
