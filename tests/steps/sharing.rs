//! Equipment sharing (M002 機器共用) and Cyberport / 一般NACCS (M003): the manuals' own data from
//! the conformance kit's data files (`fixtures/kit/manual002.json`, `manual003.json`, docs/kit.md
//! "Inputs"), walked screen by screen as a person fills them; files attached as a browser sends
//! them (multipart); and what the center's approval leaves for such an office.

use super::{NssWorld, Q, app, rows};
use cucumber::{given, then, when};
use nss_simulator::kit::manual::{fields_of, kit};
use serde_json::{Value, json};

// ---------------------------------------------------------------------------------------------
// The manuals' data

#[given(regex = r"^マニュアル(00[23])のデータで仮ログインID・パスワードを取得している$")]
#[when(regex = r"^マニュアル(00[23])のデータで仮ログインID・パスワードを取得する$")]
async fn temp_account(w: &mut NssWorld, manual: String) {
    let ws = w.ws().to_string();
    w.b().kit_temp_account(app().await, &ws, &manual).await;
    w.credentials = None;
    w.credentials().await;
}

#[given(regex = r"^マニュアル(00[23])のデータで「(.+)」画面まで進んでいる$")]
async fn up_to(w: &mut NssWorld, manual: String, title: String) {
    temp_account(w, manual.clone()).await;
    w.login_with_mailed_credentials().await;
    w.b().kit_application(&manual, Some(&title)).await;
}

#[given(regex = r"^マニュアル(00[23])のデータで利用申込を登録している$")]
#[when(regex = r"^マニュアル(00[23])のデータで利用申込を登録する$")]
async fn registered(w: &mut NssWorld, manual: String) {
    temp_account(w, manual.clone()).await;
    w.login_with_mailed_credentials().await;
    w.b().kit_application(&manual, None).await;
}

/// Types the kit's values of the current screen (without leaving it).
#[when(regex = r"^マニュアル(00[23])のデータでこの画面を入力する$")]
async fn type_screen(w: &mut NssWorld, manual: String) {
    let title = w.screen().screen["title"]
        .as_str()
        .unwrap_or("")
        .to_string();
    w.pending = fields_of(&kit(&manual)["file_application"][&title]);
}

/// The rest of the application from the current screen, from the kit's data: to 完了, or to the
/// first screen that refuses its input.
#[when(regex = r"^マニュアル(00[23])のデータで残りの画面を入力して登録する$")]
async fn finish(w: &mut NssWorld, manual: String) {
    let data = kit(&manual)["file_application"].clone();
    let current = w.screen().screen.clone();
    w.b().kit_walk(&data, None).await;
    // The walk ends on 完了 or on the screen that refused the last press.
    w.before = w.screen().id().to_string();
    w.history.push(current);
}

// ---------------------------------------------------------------------------------------------
// Files, as a browser sends them

/// Posts the current form with a file (see `Browser::press_with_file`), as a browser would.
async fn post_multipart(
    w: &mut NssWorld,
    label: &str,
    file: Option<(&str, Vec<u8>)>,
    button: &str,
) {
    let current = w.screen().screen.clone();
    let id = w.screen().id().to_string();
    w.b().press_with_file(button, label, file).await;
    w.before = id;
    w.history.push(current);
}

/// A file of `size` bytes (a stand-in for the diagram or the 委任状: NSS keeps name and size).
fn bytes(size: usize) -> Vec<u8> {
    (0..size).map(|i| b"NSS-DIAGRAM\n"[i % 12]).collect()
}

#[when(regex = r"^「(.+)」でファイル「(.+)」（(\d+)バイト）を選び、「(.+)」ボタンを押す$")]
async fn attach(w: &mut NssWorld, label: String, name: String, size: usize, button: String) {
    post_multipart(w, &label, Some((&name, bytes(size))), &button).await;
}

#[when(regex = r"^「(.+)」でファイルを選ばずに、ファイル名だけを送って「(.+)」ボタンを押す$")]
async fn attach_no_file(w: &mut NssWorld, label: String, button: String) {
    post_multipart(w, &label, None, &button).await;
}

/// Downloads a file the screen links to: its status, type and size.
#[then(regex = r"^「(.+)」リンクから「(.+)」形式のファイルをダウンロードできる$")]
async fn download(w: &mut NssWorld, label: String, kind: String) {
    let b = w.screen();
    let href = b.screen["links"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|l| l["label"] == label.as_str())
        .and_then(|l| l["href"].as_str())
        .unwrap_or_else(|| panic!("リンク「{label}」がありません: {}", b.screen["links"]))
        .to_string();
    let url = if href.starts_with('/') {
        format!("{}{href}", b.origin)
    } else {
        href
    };
    let r = b.client.get(url).send().await.expect("GET");
    assert_eq!(r.status(), 200);
    let content_type = r.headers()["content-type"]
        .to_str()
        .unwrap_or("")
        .to_string();
    let disposition = r.headers()["content-disposition"]
        .to_str()
        .unwrap_or("")
        .to_string();
    assert!(content_type.contains(&kind), "{content_type}");
    assert!(disposition.contains("attachment"), "{disposition}");
    assert!(!r.bytes().await.expect("body").is_empty());
}

// ---------------------------------------------------------------------------------------------
// The center and the offices

#[then("NACCSセンターは発行するデジタル証明書がないと答える")]
async fn nothing_to_certify(w: &mut NssWorld) {
    let number = w.reception_number().await;
    let (status, answer) = app()
        .await
        .post_api(
            &format!("workspaces/{}/applications/{number}/review", w.ws()),
            json!({"decision": "issue_certificates"}),
        )
        .await;
    assert_eq!(status, 409, "{answer}");
    assert!(
        answer["detail"]
            .as_str()
            .is_some_and(|d| d.contains("no digital certificate to issue")),
        "{answer}"
    );
}

#[then(regex = r"^件名が「(.+)」で始まるメールは届いていない$")]
async fn no_mail(w: &mut NssWorld, prefix: String) {
    let mails = app().await.mails(w.ws()).await;
    let found: Vec<&Value> = mails
        .iter()
        .filter(|m| {
            m["subject"]
                .as_str()
                .is_some_and(|s| s.starts_with(&prefix))
        })
        .collect();
    assert!(found.is_empty(), "{found:?}");
}

/// The office approval created: its contract as the simulator API reports it.
async fn new_office(w: &mut NssWorld) -> Value {
    let number = w.reception_number().await;
    let offices = app()
        .await
        .get_api(&format!("workspaces/{}/offices", w.ws()))
        .await;
    offices
        .as_array()
        .into_iter()
        .flatten()
        .find(|o| o["application"] == number.as_str())
        .cloned()
        .unwrap_or_else(|| panic!("申込「{number}」の事業所がありません"))
}

#[then(expr = "審査終了で作られた事業所の事業所コードは{q}である")]
async fn new_office_code(w: &mut NssWorld, code: Q) {
    let office = new_office(w).await;
    assert_eq!(office["office_code"], code.0.as_str(), "{office}");
}

#[then(expr = "審査終了で作られた事業所の企業名は{q}、論理端末は{int}台である")]
async fn new_office_contract(w: &mut NssWorld, company: Q, terminals: usize) {
    let office = new_office(w).await;
    assert_eq!(office["company"], company.0.as_str(), "{office}");
    let issued = &office["profile"]["issued"];
    assert_eq!(
        issued["terminals"].as_array().map_or(0, Vec::len),
        terminals,
        "{issued}"
    );
}

/// No field printed `label` on the current screen.
#[then(expr = "項目{q}はない")]
async fn no_field(w: &mut NssWorld, label: Q) {
    assert!(
        w.screen().field(&label.0).is_none(),
        "画面 {} に項目「{}」があります",
        w.screen().id(),
        label.0
    );
}

/// A row of a screen table, looked up by one of its cells, has `value` in the column `column`.
#[then(expr = "{q}の表の{q}の行の{q}は{q}である")]
async fn table_cell(w: &mut NssWorld, caption: Q, first: Q, column: Q, value: Q) {
    let table = w.table(&caption.0);
    let columns: Vec<&str> = table["columns"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let at = columns
        .iter()
        .position(|c| *c == column.0)
        .unwrap_or_else(|| {
            panic!(
                "表「{}」に列「{}」がありません: {columns:?}",
                caption.0, column.0
            )
        });
    let shown = rows(&table);
    let row = shown
        .iter()
        .find(|r| r.contains(&first.0))
        .unwrap_or_else(|| {
            panic!(
                "表「{}」に行「{}」がありません: {shown:?}",
                caption.0, first.0
            )
        });
    assert_eq!(row[at], value.0, "{row:?}");
}
