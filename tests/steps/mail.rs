//! Mails (the workspace's mailbox) and what the simulator API says about applications.

use super::{NssWorld, Q, app, mail_value};
use cucumber::then;
use serde_json::Value;

/// The mail to `to` whose subject passes `subject`, remembered for the next steps.
async fn find_mail(w: &mut NssWorld, to: &str, subject: impl Fn(&str) -> bool, what: &str) {
    let mails = app().await.mails(w.ws()).await;
    let addressed = |m: &Value| {
        m["to"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|t| t.as_str().is_some_and(|t| t.contains(to)))
    };
    let mail = mails
        .iter()
        .rev()
        .find(|m| addressed(m) && subject(m["subject"].as_str().unwrap_or("")))
        .unwrap_or_else(|| {
            let seen: Vec<String> = mails
                .iter()
                .map(|m| format!("{} → {}", m["subject"], m["to"]))
                .collect();
            panic!("「{to}」宛てに{what}のメールがありません。届いたメール: {seen:?}")
        });
    w.mail = Some(mail.clone());
}

fn mail_text(w: &NssWorld) -> String {
    let mail = w.mail.as_ref().expect("まだメールを見ていません");
    mail["text"].as_str().unwrap_or("").to_string()
}

#[then(regex = r"^「(.+)」宛てに件名「(.+)」のメールが届く$")]
async fn mail_with_subject(w: &mut NssWorld, to: String, subject: String) {
    find_mail(w, &to, |s| s == subject, &format!("件名「{subject}」")).await;
}

#[then(regex = r"^「(.+)」宛てに件名が「(.+)」で始まるメールが届く$")]
async fn mail_with_subject_prefix(w: &mut NssWorld, to: String, prefix: String) {
    find_mail(
        w,
        &to,
        |s| s.starts_with(&prefix),
        &format!("件名が「{prefix}」で始まる"),
    )
    .await;
}

#[then(expr = "届いたメールは{int}通である")]
async fn mail_count(w: &mut NssWorld, count: usize) {
    let mails = app().await.mails(w.ws()).await;
    assert_eq!(
        mails.len(),
        count,
        "{:?}",
        mails.iter().map(|m| &m["subject"]).collect::<Vec<_>>()
    );
}

#[then("メールの仮ログインIDは7桁の数字である")]
async fn mailed_id(w: &mut NssWorld) {
    let id = mail_value(&mail_text(w), "仮ログインID");
    assert!(
        id.len() == 7 && id.chars().all(|c| c.is_ascii_digit()),
        "仮ログインID「{id}」"
    );
}

#[then("メールの仮パスワードは8文字の英大文字と数字である")]
async fn mailed_password(w: &mut NssWorld) {
    let pw = mail_value(&mail_text(w), "仮パスワード");
    assert!(
        pw.len() == 8
            && pw
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()),
        "仮パスワード「{pw}」"
    );
}

#[then(regex = r"^メール本文に「(.+)」と書かれている$")]
async fn mail_says(w: &mut NssWorld, text: String) {
    let body = mail_text(w);
    assert!(
        body.contains(&text),
        "メール本文に「{text}」がありません:\n{body}"
    );
}

#[then(expr = "メールは{q}様宛てである")]
async fn mail_addressee(w: &mut NssWorld, name: Q) {
    let body = mail_text(w);
    let line = format!("{} 様", name.0);
    assert!(
        body.lines().any(|l| l == line),
        "宛名「{line}」がありません:\n{body}"
    );
}

#[then(expr = "シミュレータAPIに申込が{int}件登録されている")]
async fn application_count(w: &mut NssWorld, count: usize) {
    let apps = app()
        .await
        .get_api(&format!("workspaces/{}/applications", w.ws()))
        .await;
    assert_eq!(apps.as_array().map_or(0, Vec::len), count, "{apps}");
}

#[then("画面の申込受付番号はシミュレータAPIの申込の受付番号と一致する")]
async fn reception_number_matches(w: &mut NssWorld) {
    let application = w.only_application().await;
    let number = application["reception_number"]
        .as_str()
        .unwrap_or("")
        .to_string();
    // The manual's format (完了: 申込受付番号「1830304A」), not only equality with the API.
    let year: i32 = application["submitted_at"]
        .as_str()
        .and_then(|t| t.get(..4))
        .and_then(|y| y.parse().ok())
        .expect("submitted_at");
    nss_simulator::kit::check::format::reception_number(&number, year, 'A')
        .unwrap_or_else(|e| panic!("{e}"));
    let wanted = format!("申込受付番号「{number}」");
    let texts = w.screen().text();
    assert!(
        texts.lines().any(|l| l == wanted),
        "「{wanted}」が表示されていません:\n{texts}"
    );
}

#[then(expr = "シミュレータAPIの申込の利用開始希望日は{q}である")]
async fn application_wished_start(w: &mut NssWorld, date: Q) {
    let application = w.only_application().await;
    assert_eq!(application["wished_start"].as_str(), Some(date.0.as_str()));
}

#[then("メール本文に申込受付番号が書かれている")]
async fn mail_has_reception_number(w: &mut NssWorld) {
    let number = match &w.reception {
        Some(n) => n.clone(),
        None => w.only_application().await["reception_number"]
            .as_str()
            .unwrap_or("")
            .to_string(),
    };
    let body = mail_text(w);
    assert!(
        body.lines()
            .any(|l| mail_line_value(l, "申込受付番号") == Some(number.as_str())),
        "申込受付番号「{number}」がメールにありません:\n{body}"
    );
}

fn mail_line_value<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    line.trim()
        .strip_prefix(key)
        .map(|v| v.trim_start_matches([' ', ':', '：']).trim())
}

/// A row of a screen table that starts with the application's reception number, then `rest`.
#[then(expr = "{q}の表に申込受付番号と{q}の行がある")]
async fn table_row_of_application(w: &mut NssWorld, caption: Q, rest: Q) {
    let number = w.only_application().await["reception_number"]
        .as_str()
        .unwrap_or("")
        .to_string();
    let wanted = format!("{number} {}", rest.0);
    let shown: Vec<String> = super::rows(&w.table(&caption.0))
        .iter()
        .map(|r| r.join(" "))
        .collect();
    assert!(
        shown.contains(&wanted),
        "表「{}」に行「{wanted}」がありません: {shown:?}",
        caption.0
    );
}
