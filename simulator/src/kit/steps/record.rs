//! What the client left behind, read from the simulator API: the stored application against
//! the input, field by field, the applications and mails there are, the office's password, and
//! the snapshots of the normalised record, the client's trace and the mails.

use super::Q;
use crate::kit::check::conduct;
use crate::kit::check::record::compare;
use crate::kit::check::snapshot::{self, Verdict};
use crate::kit::world::KitWorld;
use cucumber::then;
use serde_json::{Value, json};

/// The stored application holds the input the client was given, field by field
/// (docs/kit.md, "The record"), with corrections laid over it after a 修正.
#[then("登録された申込は入力のとおりである")]
async fn record_as_input(w: &mut KitWorld) {
    let expected = w
        .filed
        .clone()
        .expect("no application was filed in this scenario");
    let a = w.application().await;
    let diffs = compare(&expected, &a["entered"]);
    assert!(
        diffs.is_empty(),
        "the record of {} differs from the input:\n{}",
        a["reception_number"].as_str().unwrap_or("?"),
        diffs.join("\n")
    );
}

/// The kind as the API labels it (`新規申込`, `変更申込`, …) and the filer.
#[then(regex = r"^登録された申込は事業所「([^」]+)」の「([^」]+)」である$")]
async fn kind_and_filer(w: &mut KitWorld, office: String, kind: String) {
    let a = w.application().await;
    check_eq!(
        a["kind"].as_str(),
        Some(kind.as_str()),
        "{} is a {}",
        a["reception_number"],
        a["kind"]
    );
    check_eq!(
        a["filer"],
        json!({"kind": "office", "id": office}),
        "{} was filed by {}",
        a["reception_number"],
        a["filer"]
    );
}

#[then(expr = "申込は{int}件登録されている")]
async fn application_count(w: &mut KitWorld, count: usize) {
    let apps = w.sim().applications(w.ws()).await;
    let numbers: Vec<&str> = apps
        .iter()
        .filter_map(|a| a["reception_number"].as_str())
        .collect();
    check_eq!(apps.len(), count, "applications registered: {numbers:?}");
}

#[then("申込は登録されていない")]
async fn no_application(w: &mut KitWorld) {
    application_count(w, 0).await;
}

#[then(expr = "申込のステータスは{q}である")]
async fn application_status(w: &mut KitWorld, label: Q) {
    let a = w.application().await;
    check_eq!(
        a["status_label"].as_str(),
        Some(label.0.as_str()),
        "the application {} is {}",
        a["reception_number"],
        a["status_label"]
    );
}

#[then(expr = "{q}宛てのメールは{int}通である")]
async fn mails_to(w: &mut KitWorld, to: Q, count: usize) {
    let mails = w.sim().mails(w.ws()).await;
    let addressed: Vec<&Value> = mails
        .iter()
        .filter(|m| {
            m["to"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|t| t.as_str().is_some_and(|t| t.contains(to.0.as_str())))
        })
        .collect();
    let subjects: Vec<&Value> = addressed.iter().map(|m| &m["subject"]).collect();
    check_eq!(addressed.len(), count, "mails to {}: {subjects:?}", to.0);
}

#[then("メールは送られていない")]
async fn no_mail(w: &mut KitWorld) {
    let mails = w.sim().mails(w.ws()).await;
    let subjects: Vec<&Value> = mails.iter().map(|m| &m["subject"]).collect();
    assert!(mails.is_empty(), "the NSS sent mails: {subjects:?}");
}

#[then(expr = "事業所パスワードは{q}になっている")]
async fn office_password(w: &mut KitWorld, password: Q) {
    let (code, stored) = w.office_credentials().await;
    check_eq!(stored, password.0, "the password of {code}");
}

#[then("事業所パスワードは払い出されたときのままである")]
async fn office_password_unchanged(w: &mut KitWorld) {
    let issued = w.issued_ids().await["office_password"]
        .as_str()
        .unwrap_or("")
        .to_string();
    let (code, stored) = w.office_credentials().await;
    check_eq!(stored, issued, "the password of {code} changed");
}

// ---------------------------------------------------------------------------------------------
// What approval issued (the record of the center's side)

#[then("払い出された論理端末はない")]
async fn no_terminals(w: &mut KitWorld) {
    let ids = w.issued_ids().await;
    let terminals = ids["terminals"].as_array().cloned().unwrap_or_default();
    assert!(terminals.is_empty(), "terminals were issued: {terminals:?}");
}

#[then(regex = r"^払い出された論理端末は回線(\d+)の(\d+)台である$")]
async fn line_terminals(w: &mut KitWorld, router: u64, count: usize) {
    let ids = w.issued_ids().await;
    let terminals = ids["terminals"].as_array().cloned().unwrap_or_default();
    let on_line = terminals.iter().filter(|t| t["router"] == router).count();
    check_eq!(
        (terminals.len(), on_line),
        (count, count),
        "the terminals issued: {terminals:?}"
    );
}

#[then(expr = "払い出された事業所コードは{q}である")]
async fn issued_office(w: &mut KitWorld, code: Q) {
    let ids = w.issued_ids().await;
    check_eq!(
        ids["office_code"].as_str(),
        Some(code.0.as_str()),
        "the 事業所コード issued: {}",
        ids["office_code"]
    );
}

/// A shared 利用者コード (M003): the office gets a 識別番号 of the other office's code.
#[then(expr = "払い出された利用者IDは共用する利用者コード{q}の識別番号{q}だけである")]
async fn shared_user_id(w: &mut KitWorld, code: Q, ident: Q) {
    let ids = w.issued_ids().await;
    let users = ids["user_ids"].as_array().cloned().unwrap_or_default();
    let found: Vec<(String, String, bool)> = users
        .iter()
        .map(|u| {
            (
                u["user_code"].as_str().unwrap_or("").to_string(),
                u["ident"].as_str().unwrap_or("").to_string(),
                u["shared"] == true,
            )
        })
        .collect();
    check_eq!(
        found,
        vec![(code.0.clone(), ident.0.clone(), true)],
        "the 利用者ID issued: {found:?}"
    );
}

#[then("デジタル証明書発行完了のメールは送られていない")]
async fn no_certificate_mail(w: &mut KitWorld) {
    let mails = w.sim().mails(w.ws()).await;
    let sent: Vec<&Value> = mails
        .iter()
        .filter(|m| m["kind"] == "certificate_issued")
        .map(|m| &m["subject"])
        .collect();
    assert!(sent.is_empty(), "the NSS sent {sent:?}");
}

// ---------------------------------------------------------------------------------------------
// Snapshots

/// The snapshot of what the scenario left: the applications (normalised: what the API answers
/// but the engine's internal `content`), each client step's trace, and the mails, with the
/// simulator's address made neutral (`http://NSS/`).
#[then(expr = "記録はスナップショット{q}のとおりである")]
async fn snapshot(w: &mut KitWorld, name: Q) {
    let doc = snapshot_doc(w).await;
    let text = neutral(
        &(serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"),
        w.ws(),
    );
    let path = snapshot::path(&w.log.feature, &name.0);
    match snapshot::check(&w.kit.source, &path, &text, w.kit.update_snapshots) {
        Verdict::Same => {}
        Verdict::Written(file) => w.log.kit_steps.push(format!("snapshot written: {file}")),
        Verdict::Differs(diff) => panic!("the record differs from the snapshot {path}:\n{diff}"),
        Verdict::Missing(why) => panic!("{why}\nthis run:\n{text}"),
    }
}

async fn snapshot_doc(w: &KitWorld) -> Value {
    let applications: Vec<Value> = w
        .sim()
        .applications(w.ws())
        .await
        .into_iter()
        .map(|a| {
            json!({
                "申込受付番号": a["reception_number"],
                "種別": a["kind"],
                "ステータス": a["status_label"],
                "申込日時": a["submitted_at"],
                "仮ログインID": a["temp_login_id"],
                "利用開始希望日": a["wished_start"],
                "入力内容": a["entered"],
                "審査": a["review"],
                "払い出し": a["issued"],
            })
        })
        .collect();
    let steps: Vec<Value> = w
        .log
        .steps
        .iter()
        .map(|s| {
            json!({
                "手順": s.task.action,
                "結果": s.run.status(),
                "操作": conduct::trace(&s.journal, &w.kit.catalogue),
            })
        })
        .collect();
    let mails: Vec<Value> = w
        .sim()
        .mails(w.ws())
        .await
        .into_iter()
        .map(|m| json!({"宛先": m["to"], "件名": m["subject"], "本文": m["text"]}))
        .collect();
    json!({"申込": applications, "クライアントの手順": steps, "メール": mails})
}

/// The text with every `http://HOST:PORT/` replaced by `http://NSS/` and the workspace's path
/// by `/w/WS/`: the snapshots do not depend on where the simulator runs, nor on the order in
/// which scenarios created their workspaces.
pub fn neutral(text: &str, ws: &str) -> String {
    static ORIGIN: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    ORIGIN
        .get_or_init(|| regex::Regex::new(r"https?://[A-Za-z0-9.\-]+(:\d+)?/").expect("a regex"))
        .replace_all(text, "http://NSS/")
        .replace(&format!("/w/{ws}/"), "/w/WS/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_made_neutral() {
        assert_eq!(
            neutral(
                "ログイン http://127.0.0.1:41234/w/x7/login/ と https://nss.example.jp/a",
                "x7"
            ),
            "ログイン http://NSS/w/WS/login/ と http://NSS/a"
        );
    }
}
