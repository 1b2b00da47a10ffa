//! Issue 15, docs/fidelity.md「利用者コード, 論理端末・証明書, 料金プラン, 請求先, 申込内容 確認」:
//! each assertion names the rows it keeps fixed. Manual 000's data, walked with the kit.

use crate::support::{Browser, TestApp, kit_data};
use reqwest::header::ACCEPT;
use serde_json::Value;

/// The page as a browser gets it, with the browser's session (`rel` from the workspace base).
async fn html(b: &Browser) -> String {
    let action = b.screen["forms"][0]["action"]
        .as_str()
        .expect("a form")
        .to_string();
    b.client
        .get(format!("{}{action}", b.origin))
        .header(ACCEPT, "text/html")
        .send()
        .await
        .expect("GET")
        .text()
        .await
        .expect("body")
}

fn field(b: &Browser, label: &str) -> Value {
    b.field(label)
        .unwrap_or_else(|| panic!("no field {label} on {}", b.id()))
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// The lines of the `sections` entry headed `heading`.
fn section_lines(b: &Browser, heading: &str) -> Vec<String> {
    let entry = b.screen["sections"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["heading"] == heading))
        .unwrap_or_else(|| panic!("no section {heading} on {}", b.id()));
    strings(&entry["lines"])
}

/// Manual 000 walked with its kit data to the screen titled `title`, logged in as the
/// temporary account, on a workspace at the manual's date.
async fn at(app: &TestApp, ws_seed: u64, title: &str) -> (Browser, Value) {
    let ws = app.workspace(ws_seed, "2018-11-27T16:30:00+09:00").await;
    let mut b = app.browser(&ws);
    let (id, pw) = b.register_temp_account(app, &ws).await;
    b.login(&id, &pw).await;
    let data = kit_data::kit("000")["file_application"].clone();
    b.press("次へ進む", &[]).await;
    b.kit_walk(&data, Some(title)).await;
    assert_eq!(b.screen["title"], title, "{:?}", b.errors());
    (b, data)
}

const BBS_LINK: &str = "bbs/\">こちら</a>";

#[tokio::test]
async fn user_code_screens_print_what_the_manual_prints() {
    let app = TestApp::spawn().await;
    let (mut b, data) = at(&app, 15, "利用者コード 入力").await;
    assert_eq!(b.id(), "new_application.user_codes");

    // U1, N-10: both lines of M003:l.389-390 (M000 【19】).
    let lines = section_lines(&b, "利用者コードに関する項目");
    for line in [
        "(他事業所の利用者コードの共用には、制限がありますので事前にご確認ください。)",
        "利用者コード情報入力画面で詳細情報を入力すると、「申込情報」に反映されます。",
    ] {
        assert!(lines.iter().any(|l| l == line), "{line}: {lines:?}");
    }
    // U3: the check box stands alone — no 「任意」 in JSON, no label cell in HTML.
    let transfer = field(
        &b,
        "利用者IDは他事業所より付け替え、または別途申し込みします。",
    );
    assert!(transfer.get("optional").is_none(), "U3: {transfer}");
    let page = html(&b).await;
    assert!(
        page.contains("<td class=\"alone\" colspan=\"2\">"),
        "U3: the box spans the label column"
    );
    assert!(!page.contains("任意"), "U3: no 「任意」 on the list");
    // U2: two head rows in HTML (利用者ID, 管理統計資料, 申込情報の変更 over their columns) …
    for head in [
        "<th colspan=\"2\">利用者ID</th>",
        "<th colspan=\"2\">管理統計資料</th>",
        "<th colspan=\"2\">申込情報の変更</th>",
        "<th>有料分</th><th>無料分</th>",
        "<th rowspan=\"2\">申込内容</th>",
    ] {
        assert!(page.contains(head), "U2: {head}");
    }
    // … and the JSON columns as the contract has them, one flat list.
    let table = b.table("申込情報").expect("申込情報");
    assert_eq!(
        strings(&table["columns"])[4..8],
        [
            "利用者コード",
            "識別番号数",
            "管理統計資料(有料分)",
            "管理統計資料(無料分)"
        ]
    );

    // The detail (M000 【18】).
    b.press("新規に利用者コードを追加する", &[]).await;
    assert_eq!(b.id(), "new_application.user_code_detail");
    // D2: both 業種 of l.1125.
    assert!(section_lines(&b, "利用者コードに関する項目").contains(
        &"「輸出入者（貿易管理サブシステム利用）」、「貿易会社（輸出入者）」の方は、海上・航空共用を選択してください。".to_string()
    ), "D2");
    // D3, D6: the references, linked to bbs/ in HTML.
    assert!(
        section_lines(&b, "識別番号に関する項目")
            .contains(&"識別番号については、こちらをご参照ください。".to_string()),
        "D3"
    );
    assert!(
        section_lines(&b, "管理統計資料に関する項目")
            .contains(&"管理統計資料については、こちらをご参照ください。".to_string()),
        "D6"
    );
    let page = html(&b).await;
    assert_eq!(page.matches(BBS_LINK).count(), 2, "D3, D6: two links");
    // D5: the 取消 line; D7: the two notes under 管理統計資料, their 業種 those the rules allow.
    let texts = strings(&b.screen["texts"]);
    for line in [
        "設定した利用者コードの情報を取り消す場合は、「取消」ボタンをクリックしてください。",
        "無料分の選択ができる業種は「通関業」、「自社通関」、「航空会社」、「機長代行」、「海運業」、「輸出入者」、「船会社」、「船舶代理店」です。",
        "「機用品業」、「航空会社」、「保税蔵置場」、「CY」の業種は対象としたサービスです。管理統計資料（有料分）で「要」の選択が必要です。",
    ] {
        assert!(texts.iter().any(|t| t == line), "D5/D7: {line}");
    }
    // D8: no note beside 識別番号数; D4 (decided): its unit 個.
    let count = field(&b, "識別番号数");
    assert!(count.get("notes").is_none(), "D8: {count}");
    assert_eq!(count["unit"], "個", "D4");
    // D11: 処理方式 spells eBMS as 論理端末数 (eBMS:自社システム用) does.
    let methods: Vec<String> = field(&b, "処理方式")["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["label"].as_str().unwrap().to_string())
        .collect();
    assert!(methods.contains(&"eBMS".to_string()), "D11: {methods:?}");
    assert!(!methods.contains(&"ebMS".to_string()), "D11");
    // D9 (decided): the way back is M003's 「利用者コードの一覧入力に戻る」, no 「前に戻る」.
    let labels = b.button_labels();
    assert!(labels.contains(&"利用者コードの一覧入力に戻る".to_string()));
    assert!(
        !labels.iter().any(|l| l.contains("前に戻る")),
        "D9: {labels:?}"
    );
    b.press("利用者コードの一覧入力に戻る", &[]).await;
    assert_eq!(b.id(), "new_application.user_codes");
    b.kit_walk(&data, Some("論理端末・証明書 入力")).await;
    assert_eq!(b.id(), "new_application.terminals", "{:?}", b.errors());
}

#[tokio::test]
async fn the_terminal_screen_prints_what_the_manual_prints() {
    let app = TestApp::spawn().await;
    let (b, _) = at(&app, 16, "論理端末・証明書 入力").await;

    // T1: 「システム区分 海上・航空共用」, printed under 論理端末に関する項目, no head.
    let kind = b.screen["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["rows"][0][0] == "システム区分")
        .cloned()
        .expect("T1: the システム区分 row");
    assert_eq!(kind["rows"][0][1], "海上・航空共用", "T1");
    // T2, T6: the sections' lines as printed.
    let lines = section_lines(&b, "論理端末に関する項目");
    assert!(
        lines.contains(&"※論理端末については、こちらをご覧ください。".to_string()),
        "T2"
    );
    assert!(
        section_lines(&b, "webNACCSに関する項目")
            .contains(&"※webNACCSのデジタル証明書もwebNACCSも利用いただけます。".to_string()),
        "T6"
    );
    // T4, T5: the notes beside each count.
    for (label, note) in [
        (
            "論理端末数 (netNACCS)",
            "netNACCSの利用者コードを取得する際に通知する台数を入力してください。",
        ),
        (
            "論理端末数 (eBMS:自社システム用)",
            "eBMSの利用者コードを取得する際に通知する台数を入力してください。",
        ),
        (
            "デジタル証明書数 (webNACCS)",
            "webNACCSの利用者コードを取得する際に通知するデジタル証明書の冊数を入力してください。",
        ),
    ] {
        let f = field(&b, label);
        assert_eq!(strings(&f["notes"]), [note], "T4/T5: {label}");
        // T3 (decided): the OCR's [注] is the 「任意」 tag.
        assert_eq!(f["optional"], true, "T3: {label}");
    }
    // T7: certificates in 冊.
    assert_eq!(field(&b, "デジタル証明書数 (webNACCS)")["unit"], "冊", "T7");
    // T8 (decided): the example stays a 6-character 事業所コード; T9: the inquiry link.
    let sharing = field(&b, "事業所コード(機器共用先)");
    assert_eq!(sharing["example"], "例) NACCS1", "T8");
    assert_eq!(
        strings(&sharing["notes"]),
        [
            "機器共用を申し込む際は、事前にNACCSセンターにお問い合わせを行ってください。(お問い合わせ先はこちら)"
        ],
        "T9"
    );
    // T10: STEP1–3 as on 回線・論理端末 入力, with STEP1's template.
    let diagram = section_lines(&b, "システム構成図に関する項目");
    for step in ["STEP1 ", "STEP2 ", "STEP3 "] {
        assert!(diagram.iter().any(|l| l.starts_with(step)), "T10: {step}");
    }
    assert!(
        diagram.contains(
            &"添付したファイルを削除する場合は、「削除」ボタンをクリックしてください。".to_string()
        ),
        "T10"
    );
    assert!(
        b.link("システム構成図（ひな形）をダウンロードする")
            .is_some(),
        "T10: STEP1's template"
    );
    // T11: no 「任意」 on the file to attach nor on the box.
    assert!(field(&b, "システム構成図").get("optional").is_none(), "T11");
    assert!(
        field(
            &b,
            "機器共用・共同利用、図様添付を希望せず、または自社システムを利用します。"
        )
        .get("optional")
        .is_none(),
        "T11"
    );
    let page = html(&b).await;
    assert_eq!(page.matches(BBS_LINK).count(), 2, "T2, T9: two links");
    assert!(
        page.contains("<th scope=\"row\">システム構成図</th>"),
        "T11: no tag in HTML"
    );
}

#[tokio::test]
async fn plan_billing_and_confirm_print_what_the_manual_prints() {
    let app = TestApp::spawn().await;
    let (mut b, data) = at(&app, 17, "料金プラン 入力").await;

    // P1, N-11: the reference, 「こちら」 linked.
    assert_eq!(
        section_lines(&b, "料金プランに関する項目"),
        ["料金プランについては、こちらをご参照ください。"],
        "P1"
    );
    assert!(html(&b).await.contains(BBS_LINK), "P1: the link");

    b.kit_walk(&data, Some("請求先 入力")).await;
    assert_eq!(b.id(), "new_application.billing", "{:?}", b.errors());
    // BL1, BL2: the 法人 note beside both company rows; 同一口座振替先's examples.
    let corporate = [
        "法人の場合は、法人名も含めて入力してください。",
        "例) 〇〇〇〇株式会社、有限会社△△△△",
        "個人企業の場合は、屋号または商号を入力してください。",
    ];
    for label in ["一括請求先 企業名", "同一口座振替先 企業名"] {
        let f = field(&b, label);
        assert_eq!(strings(&f["notes"]), corporate, "BL1: {label}");
        assert_eq!(f["example"], "例) ナックス商事株式会社", "BL2: {label}");
    }
    assert_eq!(
        field(&b, "同一口座振替先 事業所名")["example"],
        "例) 品川事務所",
        "BL2"
    );
    // BL4: 請求先担当者's examples; BL5: 住所(その他)'s.
    for (label, example) in [
        ("氏名 姓", "例) 鈴木"),
        ("氏名 名", "例) 太郎"),
        ("氏名(フリガナ) 姓", "例) スズキ"),
        ("氏名(フリガナ) 名", "例) タロウ"),
        ("E-mailアドレス1", "例) goru.yashuta@naccs.jp"),
        ("E-mailアドレス5", "例) taro.tokai@naccs.jp"),
        ("住所(その他)", "例) 大崎1-2-3 ABCビル 302号"),
    ] {
        assert_eq!(field(&b, label)["example"], example, "BL4/BL5: {label}");
    }
    // BL6 (decided): the back button stays 「前に戻る」.
    assert!(b.button_labels().contains(&"前に戻る".to_string()));

    b.kit_walk(&data, Some("申込内容 確認")).await;
    assert_eq!(b.id(), "new_application.confirm", "{:?}", b.errors());
    // CF1: the fourth intro line.
    assert!(
        strings(&b.screen["texts"]).contains(
            &"入力内容を確認後に、「申込内容を登録する」ボタンをクリックしてください。".to_string()
        ),
        "CF1"
    );
    // CF2: 「同一口座振替」 on the confirmation.
    let payment = b.rows("支払方法に関する項目");
    assert_eq!(payment[1][0], "同一口座振替", "CF2: {payment:?}");
    // CF3, CF4 (decided): M003's attachment wording and button; CF6 (decided): 一時保存 stays.
    let attach = section_lines(&b, "添付ファイル");
    assert!(attach.contains(
        &"その際に、「ファイルを添付する」ボタンをクリックして、必ず、添付ファイル名を確認してください。".to_string()
    ), "CF3");
    assert!(attach.contains(
        &"共同利用の申込を行うお客様は、「委任状(子事業所の役職印押印済みのもの)」を添付してください。".to_string()
    ), "CF4");
    let labels = b.button_labels();
    assert!(labels.contains(&"ファイルを添付する".to_string()), "CF3");
    assert!(
        labels.contains(&"申込内容を一時保存する".to_string()),
        "CF6"
    );
    // CF5: the 「項目 / 申込情報」 tables head their first column empty in HTML (JSON: 「項目」).
    assert_eq!(
        strings(&b.table("支払方法に関する項目").unwrap()["columns"]),
        ["項目", "申込情報"]
    );
    let page = html(&b).await;
    assert!(
        page.contains("<thead><tr><th></th><th>申込情報</th></tr></thead>"),
        "CF5"
    );
    assert!(!page.contains("<th>項目</th>"), "CF5");
    // U2 on the confirmation: the 利用者コード table's two head rows.
    assert!(page.contains("<th colspan=\"2\">利用者ID</th>"), "U2");
}
