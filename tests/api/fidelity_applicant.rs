//! Issue 15, the applicant and office screens (docs/fidelity.md, rows A1–A6, O1–O17, N-04, N-12)
//! and what a (全角) or (全角カナ) field accepts: each assertion names its row.

use crate::support::{Browser, TestApp, manual};
use scraper::{Html, Selector};
use serde_json::{Value, json};

/// Logged in with the manual's temporary account, on the guidance of a 2018 workspace.
async fn logged_in(app: &TestApp, seed: u64) -> Browser {
    let ws = app.workspace(seed, "2018-11-27T16:30:00+09:00").await;
    let mut b = app.browser(&ws);
    let (id, pw) = b.kit_temp_account(app, &ws, "000").await;
    b.login(&id, &pw).await;
    assert_eq!(b.id(), "new_application.guidance");
    b
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s.as_str().map(str::to_string))
        .collect()
}

fn field(b: &Browser, label: &str) -> Value {
    b.field(label)
        .unwrap_or_else(|| panic!("{} has no field {label}", b.described()))
}

fn notes(b: &Browser, label: &str) -> Vec<String> {
    strings(&field(b, label)["notes"])
}

#[tokio::test]
async fn applicant_screen_as_printed() {
    let app = TestApp::spawn().await;
    let mut b = logged_in(&app, 151).await;
    b.press("次へ進む", &[]).await;
    assert_eq!(b.id(), "new_application.applicant");
    let texts = b.texts();
    // A1: 「弊社へ」 as the newer capture prints it (M003 l.282).
    assert!(
        texts.contains(&"弊社へ利用申込を行う担当者の情報を登録します。".to_string()),
        "{texts:?}"
    );
    // A2: one row, the contract's labels.
    assert!(b.field("E-mailアドレス 登録用").is_some());
    assert!(b.field("E-mailアドレス 確認用").is_some());
    // A3: the confirmation copy's line (M000 l.734).
    assert!(
        notes(&b, "E-mailアドレス 確認用")
            .contains(&"確認のため、同じE-mailアドレスを入力してください。".to_string())
    );
    // A4: the pointer to the examples of 申込理由 and no example of the simulator's own.
    assert!(
        texts.contains(&"申込理由の記載例については、こちらをご参照ください。".to_string()),
        "{texts:?}"
    );
    assert!(field(&b, "申込理由")["example"].is_null());
    // A5, A6: 前に戻る as the manual's other screens print it; 一時保存 (M003 l.297).
    assert_eq!(
        b.button_labels(),
        ["前に戻る", "申込内容を一時保存する", "次へ進む"]
    );
}

#[tokio::test]
async fn office_screen_as_printed() {
    let app = TestApp::spawn().await;
    let mut b = logged_in(&app, 152).await;
    b.kit_application("000", Some("事業所・企業 入力")).await;
    let texts = b.texts();
    let has = |t: &str| texts.iter().any(|x| x == t);
    // O17: the comma (M000 l.837, M003 l.326).
    assert!(has(
        "入力完了後に、「netNACCSを利用する」または「一般NACCSを利用する」ボタンをクリックしてください。"
    ));
    // O1: the sentence as printed, and the schedule it points at.
    assert!(has(
        "スケジュール表のシステム登録日(利用開始日)を入力してください。(こちらをご参照ください。)"
    ));
    assert!(b.link("NACCSのご利用に関するスケジュール表").is_some());
    // O4: 「法人格も含めて」 (M003 l.103, the newest capture).
    assert_eq!(
        notes(&b, "企業名")[0],
        "法人の場合は、法人格も含めて入力してください。"
    );
    // O5, O6: the hyphen note beside both 郵便番号, then 「…住所が出力されます。」.
    let postal = [
        "「-」(ハイフン)を入力せずに、数字のみ入力してください。",
        "郵便番号を入力し「反映」ボタンをクリックすると、住所が出力されます。",
    ];
    for section in ["事業所に関する項目", "本社に関する項目"] {
        let f = field(&b, &format!("{section} / 郵便番号"));
        assert_eq!(strings(&f["notes"]), postal, "{section}");
        // O7: no hint beside 住所(都道府県).
        let f = field(&b, &format!("{section} / 住所(都道府県)"));
        assert!(f["hint"].is_null(), "{section}: {f}");
    }
    // O8, O9: each address block with its own examples.
    let example = |label: &str| {
        field(&b, label)["example"]
            .as_str()
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(
        example("事業所に関する項目 / 住所(その他)"),
        "例) 大崎1-2-8 ABCビル 8階 303号"
    );
    assert_eq!(
        example("事業所に関する項目 / 住所(フリガナ)"),
        "例) トウキョウシナガワクオオサキ1-2-8 エービーシービル 8カイ 303ゴウ"
    );
    assert_eq!(example("本社に関する項目 / 住所(市区町村)"), "例) 港区");
    assert_eq!(
        example("本社に関する項目 / 住所(その他)"),
        "例) 番地1-2-3 DEビル 10階 1001号"
    );
    assert_eq!(
        example("本社に関する項目 / 住所(フリガナ)"),
        "例) トウキョウトミナトウカサカ1-2-3 ティーイービル 10カイ 1001ゴウ"
    );
    // O10 (decided): the 契約者's examples are those of every 氏名 row.
    let contractor = example("契約者に関する項目 / 氏名 名");
    assert!(contractor.contains("太郎"), "{contractor}");
    assert_eq!(contractor, example("管理責任者に関する項目 / 氏名 名"));
    // O11 (decided): no seal sentence (procedures.md §11).
    assert!(has("※契約権限のある方を入力してください。"));
    assert!(!texts.iter().any(|t| t.contains("押印")));
    // O12: the lead as both captures print it (M000 l.938, 987).
    assert!(has(
        "NACCSを利用する場合やパスワードを管理する管理責任者の情報を入力してください。"
    ));
    // O13: the 担当者 choices in the manual's order (M000 l.940, 989).
    let labels: Vec<String> = field(&b, "担当者")["options"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|o| o["label"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(
        labels,
        [
            "事業所に同じ",
            "申込担当者と同じ",
            "その他(下欄に入力してください)"
        ]
    );
    // O15 (decided): M002's note on 「0000000000」 stays.
    assert!(notes(&b, "緊急連絡用FAX番号3").contains(
        &"FAX番号をお持ちでない場合は、「0000000000」（0を10桁）を入力してください。".into()
    ));
    // O16 (decided): the optional inputs of the 管理責任者 say so.
    assert_eq!(
        field(&b, "管理責任者に関する項目 / 所属部署名")["optional"],
        true
    );
    // The HTML page draws the same: no hint beside either 住所(都道府県) (O7), the 担当者 radios
    // in the manual's order (O13).
    let url = format!("{}{}app/office", b.origin, b.base);
    let page = b
        .client
        .get(url)
        .header("Accept", "text/html")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let doc = Html::parse_document(&page);
    let sel = |s: &str| Selector::parse(s).unwrap();
    let prefecture_rows: Vec<_> = doc
        .select(&sel("tr"))
        .filter(|tr| {
            tr.select(&sel("th"))
                .next()
                .is_some_and(|th| th.text().collect::<String>().trim() == "住所(都道府県)")
        })
        .collect();
    assert_eq!(prefecture_rows.len(), 2, "事業所 and 本社");
    for tr in prefecture_rows {
        assert!(
            tr.select(&sel("span.hint")).next().is_none(),
            "{}",
            tr.html()
        );
    }
    let radios: Vec<&str> = doc
        .select(&sel("input[name=manager_source]"))
        .filter_map(|i| i.value().attr("value"))
        .collect();
    assert_eq!(radios, ["office", "applicant", "other"]);
    // N-12: the check box stands under 管理責任者に関する項目, and notes reach JSON.
    assert_eq!(
        field(&b, "上記を確認しました。")["section"],
        "管理責任者に関する項目"
    );
    assert_eq!(
        notes(&b, "管理責任者に関する項目 / 電話番号"),
        ["「-」(ハイフン)を入力せずに、数字のみ入力してください。"]
    );
}

/// The kit's manual-000 data with the manuals' printed examples typed in: every (全角) and
/// (全角カナ) field of the applicant and office screens.
fn with_printed_examples() -> Value {
    let mut data = manual::kit("000")["file_application"].clone();
    let applicant = &mut data["申込担当者 入力"]["申込担当者に関する項目"];
    applicant["所属部署名"] = json!("第一営業部営業第9課");
    applicant["役職名"] = json!("課長");
    let office = &mut data["事業所・企業 入力"];
    let o = &mut office["事業所に関する項目"];
    o["事業所名"] = json!("CP利用者");
    o["事業所名(フリガナ)"] = json!("サイバーポトリヨウシャ");
    o["住所(その他)"] = json!("大崎1-2-3 ABCビル 3階 302号");
    o["住所(フリガナ)"] = json!("シナガワクオオサキ1-2-3 エービーシービル 3カイ 302ゴウ");
    office["本社に関する項目"] = json!({
        "所在地": "その他(下欄に入力してください)",
        "郵便番号": "1008901",
        "住所(都道府県)": "東京都",
        "住所(市区町村)": "千代田区",
        "住所(その他)": "霞が関1丁目3-1",
        "住所(フリガナ)": "カスミガセキ1-3-1",
        "電話番号": "0335010953",
    });
    let m = &mut office["管理責任者に関する項目"];
    m["担当者"] = json!("その他(下欄に入力してください)");
    m["氏名 姓"] = json!("通関");
    m["氏名 名"] = json!("花子");
    m["氏名(フリガナ) 姓"] = json!("ツウカン");
    m["氏名(フリガナ) 名"] = json!("ハナコ");
    m["所属部署名"] = json!("第一通関部 通関課");
    m["電話番号"] = json!("0301234567");
    m["E-mailアドレス"] = json!("hanako.tsukan@naccs.jp");
    data
}

/// The manuals' examples pass the screens they are printed on and are stored and shown as typed
/// (docs/decisions.md, issue 15, 「(全角) and (全角カナ)」); the 担当者 「その他」 is shown by its
/// name (audit m000 §4 item 4).
#[tokio::test]
async fn printed_examples_pass_and_are_shown_as_typed() {
    let app = TestApp::spawn().await;
    let mut b = logged_in(&app, 153).await;
    b.press("次へ進む", &[]).await;
    b.kit_walk(&with_printed_examples(), Some("申込内容 確認"))
        .await;
    assert_eq!(b.id(), "new_application.confirm", "{:?}", b.errors());
    let person = b.items("申込担当者に関する項目");
    assert_eq!(person["所属部署名"], "第一営業部営業第9課");
    let office = b.items("事業所に関する項目");
    assert_eq!(office["事業所名"], "CP利用者");
    assert_eq!(office["事業所名(フリガナ)"], "サイバーポトリヨウシャ");
    assert_eq!(office["住所"], "東京都千代田区大崎1-2-3 ABCビル 3階 302号");
    assert_eq!(
        office["住所(フリガナ)"],
        "シナガワクオオサキ1-2-3 エービーシービル 3カイ 302ゴウ"
    );
    let hq = b.items("本社に関する項目");
    assert_eq!(hq["住所"], "東京都千代田区霞が関1丁目3-1");
    assert_eq!(hq["住所(フリガナ)"], "カスミガセキ1-3-1");
    let manager = b.items("管理責任者に関する項目");
    assert_eq!(manager["担当者"], "その他");
    assert_eq!(manager["氏名"], "通関 花子");
    assert_eq!(manager["所属部署名"], "第一通関部 通関課");
}

/// Audit m000 §4 item 8: the 管理責任者's messages name the section; the 契約者's do not change.
#[tokio::test]
async fn manager_messages_name_their_section() {
    let app = TestApp::spawn().await;
    let mut b = logged_in(&app, 154).await;
    b.kit_application("000", Some("事業所・企業 入力")).await;
    let mut values: Vec<(String, String)> = manual::pairs("file_application", "事業所・企業 入力")
        .into_iter()
        .filter(|(l, _)| !l.ends_with("担当者"))
        .collect();
    values.push((
        "管理責任者に関する項目 / 担当者".into(),
        "その他(下欄に入力してください)".into(),
    ));
    values.push((
        "管理責任者に関する項目 / 電話番号".into(),
        "03-1234-5678".into(),
    ));
    values.push(("契約者に関する項目 / 氏名 姓".into(), String::new()));
    let values: Vec<(&str, &str)> = values
        .iter()
        .map(|(l, v)| (l.as_str(), v.as_str()))
        .collect();
    b.press("netNACCSを利用する", &values).await;
    assert_eq!(b.id(), "new_application.office");
    let errors = b.errors();
    for expected in [
        "氏名 姓を入力してください。",
        "管理責任者の氏名 姓を入力してください。",
        "管理責任者の氏名(フリガナ) 名を入力してください。",
        "管理責任者の電話番号は「-」(ハイフン)を入力せずに、数字のみ入力してください。",
        "管理責任者のE-mailアドレスを入力してください。",
    ] {
        assert!(
            errors.iter().any(|e| e == expected),
            "{expected}: {errors:?}"
        );
    }
    assert_eq!(
        field(&b, "管理責任者に関する項目 / 氏名 姓")["error"],
        "管理責任者の氏名 姓を入力してください。"
    );
}

/// O13: 担当者 「事業所に同じ」 leaves only the E-mailアドレス to type (M000 l.977-979); the office
/// stands as the 管理責任者 on 確認 and receives the 受付完了 mail at that address.
#[tokio::test]
async fn manager_same_as_office() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(155, "2018-11-27T16:30:00+09:00").await;
    let mut b = app.browser(&ws);
    let (id, pw) = b.kit_temp_account(&app, &ws, "000").await;
    b.login(&id, &pw).await;
    let mut data = manual::kit("000")["file_application"].clone();
    data["事業所・企業 入力"]["管理責任者に関する項目"]["担当者"] = json!("事業所に同じ");
    b.press("次へ進む", &[]).await;
    // Without its E-mailアドレス the screen stays, with the section named.
    b.kit_walk(&data, None).await;
    assert_eq!(b.id(), "new_application.office");
    assert_eq!(
        field(&b, "管理責任者に関する項目 / E-mailアドレス")["error"],
        "管理責任者のE-mailアドレスを入力してください。"
    );
    data["事業所・企業 入力"]["管理責任者に関する項目"]["E-mailアドレス"] =
        json!("suishin@meti.go.jp");
    b.kit_walk(&data, Some("申込内容 確認")).await;
    assert_eq!(b.id(), "new_application.confirm", "{:?}", b.errors());
    let manager = b.items("管理責任者に関する項目");
    assert_eq!(manager["担当者"], "事業所と同じ");
    assert_eq!(manager["氏名"], "電子化・効率化推進室 本社");
    assert_eq!(manager["電話番号"], "0335010953");
    assert_eq!(manager["E-mailアドレス"], "suishin@meti.go.jp");
    // 緊急連絡用FAX番号1 「事業所に同じ」 of the manual's data: the office's FAX.
    assert_eq!(manager["緊急連絡用FAX番号1"], "事業所と同じ 0335015896");
    b.press("申込内容を登録する", &[]).await;
    assert_eq!(b.id(), "new_application.complete");
    let mails = app.mails(&ws).await;
    let last = mails.last().expect("受付完了");
    assert!(
        last.to_string().contains("suishin@meti.go.jp"),
        "the 管理責任者's address: {last}"
    );
}

/// N-12: the check boxes printed without a heading of their own stand under the section above
/// them in JSON (contract §4 `section`).
#[tokio::test]
async fn check_boxes_stand_under_their_sections() {
    let app = TestApp::spawn().await;
    let mut b = logged_in(&app, 156).await;
    b.kit_application("000", Some("利用者コード 入力")).await;
    assert_eq!(
        field(
            &b,
            "利用者IDは他事業所より付け替え、または別途申し込みします。"
        )["section"],
        "利用者コードに関する項目"
    );
    let data = manual::kit("000")["file_application"].clone();
    b.kit_walk(&data, Some("論理端末・証明書 入力")).await;
    assert_eq!(
        field(
            &b,
            "機器共用・共同利用、図様添付を希望せず、または自社システムを利用します。"
        )["section"],
        "システム構成図に関する項目"
    );
}

/// The rule is the one of every (全角) field: 仮ログイン登録's 申込担当者 入力 takes the examples
/// printed beside its own rows (M000 l.243: 「例) 第一営業部営業第9課」) and shows them as typed.
#[tokio::test]
async fn temp_account_takes_its_printed_examples() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(157, "2018-11-27T16:30:00+09:00").await;
    let mut b = app.browser(&ws);
    b.open("apply/").await;
    b.press("システム利用規程に同意する", &[]).await;
    let mut values = manual::pairs("register_temp_account", "申込担当者 入力");
    for (label, value) in values.iter_mut() {
        if label.ends_with("所属部署名") {
            *value = "第一営業部営業第9課".into();
        }
        if label.ends_with("企業名") {
            *value = "ABC商事 株式会社".into();
        }
    }
    let values: Vec<(&str, &str)> = values
        .iter()
        .map(|(l, v)| (l.as_str(), v.as_str()))
        .collect();
    b.press("申込内容確認へ進む", &values).await;
    assert_eq!(b.id(), "temp_account.confirm", "{:?}", b.errors());
    let shown = b.text() + &serde_json::to_string(&b.screen["tables"]).unwrap();
    assert!(shown.contains("第一営業部営業第9課"), "{shown}");
    assert!(shown.contains("ABC商事 株式会社"), "{shown}");
}

/// O13 through a change application (the same 管理責任者 section, M001): NAC001 names the office
/// as its 管理責任者; approval registers the office's name and numbers with the typed address.
#[tokio::test]
async fn a_change_names_the_office_as_its_manager() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(42, "2013-11-20T10:00:00+09:00").await;
    let offices = app.get_api(&format!("workspaces/{ws}/offices")).await;
    let password = offices
        .as_array()
        .into_iter()
        .flatten()
        .find(|o| o["office_code"] == "NAC001")
        .and_then(|o| o["password"].as_str())
        .expect("NAC001's 事業所パスワード")
        .to_string();
    let mut b = app.browser(&ws);
    b.login("NAC001", &password).await;
    assert_eq!(b.id(), "menu.main", "{:?}", b.errors());
    b.open("menu/contract?tab=netNACCS").await;
    b.press("契約情報を変更する", &[]).await;
    b.press("申込内容選択へ進む", &[]).await;
    // The option's value: its label holds the list separator 「、」.
    b.press(
        "申込担当者の入力へ進む",
        &[
            ("本社・事業所の変更", "manager"),
            ("利用開始希望日", "20131205"),
        ],
    )
    .await;
    b.press("次へ進む", &[]).await;
    assert_eq!(b.id(), "change_application.office", "{:?}", b.errors());
    b.press(
        "次へ進む",
        &[
            ("担当者", "事業所に同じ"),
            (
                "管理責任者に関する項目 / E-mailアドレス",
                "kanri@naccs.co.jp",
            ),
        ],
    )
    .await;
    assert_eq!(b.id(), "change_application.confirm", "{:?}", b.errors());
    // 変更前 / 変更後 print the 担当者 choice by its name, never the input's instruction (m000 §4
    // item 4, as on 申込内容 確認).
    let manager = b.screen["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["caption"] == "管理責任者に関する項目")
        .expect("the 管理責任者 table");
    let row = manager["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r[0] == "担当者")
        .expect("the 担当者 row");
    assert_eq!(row[2], "事業所と同じ", "{row}");
    assert!(!manager.to_string().contains("下欄に入力"), "{manager}");
    b.press("申込内容を登録する", &[]).await;
    let apps = app.get_api(&format!("workspaces/{ws}/applications")).await;
    let number = apps[0]["reception_number"].as_str().unwrap().to_string();
    let (status, answer) = app
        .post_api(
            &format!("workspaces/{ws}/applications/{number}/review"),
            json!({"decision": "approve"}),
        )
        .await;
    assert_eq!(status, 200, "{answer}");
    let offices = app.get_api(&format!("workspaces/{ws}/offices")).await;
    let nac001 = offices
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["office_code"] == "NAC001")
        .expect("NAC001");
    let contract = &nac001["profile"];
    let manager = &contract["manager"];
    assert_eq!(manager["email"], "kanri@naccs.co.jp", "{contract}");
    assert_eq!(manager["last_name"], contract["company"], "{contract}");
    assert_eq!(manager["first_name"], contract["office_name"], "{contract}");
    assert_eq!(manager["tel"], contract["tel"], "{contract}");
}
