//! The JSON document carries what the HTML page prints (issue 8, docs/screen-json.md): the notes,
//! examples, units and 「任意」 marks of the input rows, the sections' lines, the section of the
//! check boxes printed under no heading of their own, the groups of 申込内容 確認 and the tab bars
//! of the 参照 screens.

use crate::support::{Browser, TestApp};
use reqwest::header::ACCEPT;
use serde_json::{Value, json};

fn field(b: &Browser, label: &str) -> Value {
    b.field(label)
        .unwrap_or_else(|| panic!("no field {label} on {}", b.id()))
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// The lines of the `sections` entry headed `heading`.
fn section_lines<'a>(b: &'a Browser, heading: &str) -> Vec<&'a str> {
    let entry = b.screen["sections"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["heading"] == heading))
        .unwrap_or_else(|| panic!("no section {heading} on {}", b.id()));
    strings(&entry["lines"])
}

/// The page as a browser gets it, with the browser's session.
async fn html(b: &Browser, rel: &str) -> String {
    b.client
        .get(format!("{}{}{rel}", b.origin, b.base))
        .header(ACCEPT, "text/html")
        .send()
        .await
        .expect("GET")
        .text()
        .await
        .expect("body")
}

const HYPHEN_NOTE: &str = "「-」(ハイフン)を入力せずに、数字のみ入力してください。";

#[tokio::test]
async fn confirmation_and_input_screens_carry_what_their_pages_print() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(11, "2018-11-27T16:30:00+09:00").await;
    let mut b = app.browser(&ws);
    let (id, pw) = b.register_temp_account(&app, &ws).await;
    b.login(&id, &pw).await;
    b.fill_application().await;

    // 申込内容 確認 (M000 【23】): every summary table names the group heading it stands under;
    // the attachment table after 利用申込の備考 stands in none.
    let groups: Vec<(Option<&str>, &str)> = b.screen["tables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["group"].as_str(), t["caption"].as_str().unwrap()))
        .collect();
    for expected in [
        (Some("申込担当者情報"), "申込担当者に関する項目"),
        (Some("事業所情報"), "事業所に関する項目"),
        (Some("事業所情報"), "管理責任者に関する項目"),
        (Some("利用者コード情報"), "利用者コードに関する項目"),
        (Some("論理端末・証明書情報"), "論理端末に関する項目"),
        (Some("料金プラン情報"), "料金プランに関する項目"),
        (Some("請求先情報"), "支払方法に関する項目"),
    ] {
        assert!(groups.contains(&expected), "{expected:?} in {groups:?}");
    }
    assert_eq!(groups.last(), Some(&(None, "")), "{groups:?}");
    assert!(groups[..groups.len() - 1].iter().all(|(g, _)| g.is_some()));
    let remarks = field(&b, "備考");
    assert_eq!(remarks["optional"], true);
    assert_eq!(strings(&remarks["notes"]), ["(240文字以内)"]);
    assert!(section_lines(&b, "利用申込の備考").is_empty());
    assert!(
        section_lines(&b, "添付ファイル")
            .contains(&"共同利用の申込を行うお客様は、「委任状(子事業所の役職印押印済みのもの)」を添付してください。")
    );

    // 事業所・企業 入力 (M000 【16】), re-opened from 確認.
    b.press("事業所入力に戻る", &[]).await;
    assert_eq!(b.id(), "new_application.office");
    let tel = field(&b, "事業所に関する項目 / 電話番号");
    assert_eq!(strings(&tel["notes"]), [HYPHEN_NOTE]);
    assert_eq!(tel["example"], "例) 0301234567");
    assert_eq!(tel["hint"], "(半角数字)");
    assert!(tel.get("optional").is_none(), "{tel}");
    let fax = field(&b, "事業所に関する項目 / FAX番号");
    assert_eq!(fax["optional"], true);
    assert_eq!(fax["required"], false);
    let company = field(&b, "事業所に関する項目 / 企業名");
    assert_eq!(company["example"], "例) ナックス商事株式会社");
    assert!(
        strings(&company["notes"]).contains(&"法人の場合は、法人格も含めて入力してください。"),
        "{company}"
    );
    // N-12: the box under the 管理責任者 rows stands in that section, as its line does.
    let ack = field(&b, "上記を確認しました。");
    assert_eq!(ack["section"], "管理責任者に関する項目");
    assert!(
        section_lines(&b, "管理責任者に関する項目").contains(
            &"※ 管理責任者には、ウイルス対策などのセキュリティ対策を講じていただきます。"
        )
    );
    // The new application's tab bar is display-only: no hrefs.
    assert_eq!(b.screen["tabs"]["current"], "事業所・企業");
    assert!(b.screen["tabs"].get("hrefs").is_none());
    assert_eq!(b.screen["progress"]["current"], 2);

    // 利用者コード 入力 (M000 【18】): the section heading printed above no field of its own.
    b.press("netNACCSを利用する", &[]).await;
    assert_eq!(b.id(), "new_application.user_codes", "{:?}", b.errors());
    assert!(
        section_lines(&b, "利用者コードに関する項目")
            .contains(&"NACCSを利用するために必要な「利用者コード」を登録します。")
    );
    let transfer = field(
        &b,
        "利用者IDは他事業所より付け替え、または別途申し込みします。",
    );
    assert_eq!(transfer["section"], "利用者コードに関する項目");
    // U3 (issue 15): a check box standing alone prints no 「任意」 (M000 【17】).
    assert!(transfer.get("optional").is_none(), "{transfer}");

    // 論理端末・証明書 入力 (M000 【21】): units.
    b.press("次へ進む", &[]).await;
    assert_eq!(b.id(), "new_application.terminals", "{:?}", b.errors());
    assert_eq!(field(&b, "論理端末数 (netNACCS)")["unit"], "台");
    let no_diagram = field(
        &b,
        "機器共用・共同利用、図様添付を希望せず、または自社システムを利用します。",
    );
    assert_eq!(no_diagram["section"], "システム構成図に関する項目");
}

#[tokio::test]
async fn reference_screens_carry_their_tab_bar() {
    let app = TestApp::spawn().await;
    app.post_api(
        "workspaces",
        json!({"id": "tabs", "seed": 4, "fixture": "approved"}),
    )
    .await;
    let apps = app.get_api("workspaces/tabs/applications").await;
    let ids = &apps[0]["issued"]["ids"];
    let number = apps[0]["reception_number"].as_str().unwrap();
    let mut b = app.browser("tabs");
    b.login(
        ids["office_code"].as_str().unwrap(),
        ids["office_password"].as_str().unwrap(),
    )
    .await;

    // 申込内容 参照 (M001 l.510): six tabs, 利用申込 first and selected.
    let detail = format!("menu/applications/detail?no={number}");
    b.open(&detail).await;
    assert_eq!(b.id(), "applications.detail");
    let tabs = b.screen["tabs"].clone();
    assert_eq!(
        strings(&tabs["items"]),
        [
            "利用申込",
            "事業所",
            "netNACCS",
            "一般NACCS",
            "回線申込",
            "請求先"
        ]
    );
    assert_eq!(tabs["current"], "利用申込");
    let hrefs = strings(&tabs["hrefs"]);
    assert_eq!(hrefs.len(), 6);
    assert_eq!(hrefs[1], format!("{}{detail}&tab=事業所", b.base), "{tabs}");
    // The tabs stay in `links` as they were, so that clients following 「事業所」 keep working.
    let links = b.screen["links"].as_array().unwrap();
    let link = |label: &str| {
        links
            .iter()
            .find(|l| l["label"] == label)
            .and_then(|l| l["href"].as_str())
            .map(str::to_string)
    };
    assert_eq!(link("事業所").as_deref(), Some(hrefs[1]));
    assert_eq!(link("[利用申込]").as_deref(), Some(hrefs[0]));
    let page = html(&b, &detail).await;
    assert!(
        page.contains(r#"<ul class="tabs"><li class="current">利用申込</li>"#),
        "{page}"
    );
    assert!(!page.contains("[利用申込]"), "{page}");

    let href = hrefs[1].strip_prefix(&b.base).unwrap().to_string();
    b.open(&href).await;
    assert_eq!(b.screen["tabs"]["current"], "事業所");
    assert!(b.screen["tables"].as_array().unwrap().len() > 1);

    // 契約情報 参照 (M001 l.122): four tabs; ?tab= selects one.
    b.open("menu/contract?tab=netNACCS").await;
    assert_eq!(b.id(), "contract.detail");
    assert_eq!(
        strings(&b.screen["tabs"]["items"]),
        ["事業所", "netNACCS", "一般NACCS", "請求先"]
    );
    assert_eq!(b.screen["tabs"]["current"], "netNACCS");
    assert_eq!(
        strings(&b.screen["tabs"]["hrefs"])[3],
        format!("{}menu/contract?tab=請求先", b.base)
    );
    // An unknown tab falls back to the first.
    b.open("menu/contract?tab=nope").await;
    assert_eq!(b.screen["tabs"]["current"], "事業所");
}
