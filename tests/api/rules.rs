//! Validation on the manual's fields: a Japanese error on the same screen, values kept; and no
//! input of any kind gives a 5xx.

use crate::support::{Browser, TestApp, manual};

/// The label of a `section / label` pair.
fn label_of(l: &str) -> &str {
    l.rsplit(" / ").next().unwrap_or(l)
}

fn borrowed(v: &[(String, String)]) -> Vec<(&str, &str)> {
    v.iter().map(|(l, v)| (l.as_str(), v.as_str())).collect()
}

/// The manual's 申込理由 (M000 【15】).
fn reason() -> String {
    manual::pairs("file_application", "申込担当者 入力")
        .into_iter()
        .find(|(l, _)| label_of(l) == "申込理由")
        .map(|(_, v)| v)
        .expect("the manual's 申込理由")
}

async fn at_temp_input(app: &TestApp) -> Browser {
    let ws = app.workspace(11, "2018-11-27T16:30:00+09:00").await;
    let mut b = app.browser(&ws);
    b.open("apply/").await;
    b.press("システム利用規程に同意する", &[]).await;
    b
}

fn with(over: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = manual::pairs("register_temp_account", "申込担当者 入力")
        .into_iter()
        .filter(|(l, _)| !over.iter().any(|(o, _)| *o == label_of(l)))
        .collect();
    v.extend(over.iter().map(|(l, v)| (l.to_string(), v.to_string())));
    v
}

#[tokio::test]
async fn temp_account_input_errors() {
    let app = TestApp::spawn().await;
    let cases: &[(&str, &str, &str)] = &[
        ("企業名", "", "企業名を入力してください。"),
        (
            "企業名",
            "NACCS Trading",
            "企業名は全角で入力してください。",
        ),
        (
            "企業名(フリガナ)",
            "でんしか",
            "企業名(フリガナ)は全角カナで入力してください。",
        ),
        ("氏名 姓", "ﾎﾞｳｴｷ", "氏名 姓は全角で入力してください。"),
        (
            "電話番号",
            "03-3501-0953",
            "電話番号は「-」(ハイフン)を入力せずに、数字のみ入力してください。",
        ),
        ("電話番号", "033501", "電話番号"),
        ("FAX番号", "abc", "FAX番号"),
        ("E-mailアドレス 登録用", "qqfcbj@", "E-mailアドレス 登録用"),
        ("E-mailアドレス 確認用", "other@meti.go.jp", "一致しません"),
    ];
    for (label, value, message) in cases {
        let mut b = at_temp_input(&app).await;
        b.press("申込内容確認へ進む", &borrowed(&with(&[(label, value)])))
            .await;
        assert_eq!(b.id(), "temp_account.input", "{label}={value} was accepted");
        assert_eq!(b.status, 200);
        let field = b.field(label).unwrap();
        let error = field["error"]
            .as_str()
            .unwrap_or_else(|| panic!("{label}={value}: no field error"));
        assert!(error.contains(message), "{label}={value}: {error}");
        assert!(b.errors().iter().any(|e| e == error), "{:?}", b.errors());
        // Every value is kept, the offending one included.
        assert_eq!(field["value"], *value);
        if *label != "企業名" {
            assert_eq!(b.field("企業名").unwrap()["value"], "電子化・効率化推進室");
        }
    }
}

async fn at_office(app: &TestApp) -> Browser {
    let ws = app.workspace(12, "2018-11-27T16:30:00+09:00").await;
    let mut b = app.browser(&ws);
    let (id, pw) = b.register_temp_account(app, &ws).await;
    b.login(&id, &pw).await;
    b.press("次へ進む", &[]).await;
    b.press("次へ進む", &[("申込理由", reason().as_str())])
        .await;
    assert_eq!(b.id(), "new_application.office");
    b
}

#[tokio::test]
async fn office_input_errors() {
    let app = TestApp::spawn().await;
    let office = manual::pairs("file_application", "事業所・企業 入力");
    let full = borrowed(&office);
    let cases: &[(&str, &str, &str)] = &[
        ("利用開始希望日", "20180230", "利用開始希望日"),
        ("利用開始希望日", "2018122", "利用開始希望日"),
        ("利用開始希望日", "20181120", "本日より後の日付"),
        ("郵便番号", "100-8901", "「-」(ハイフン)"),
        ("緊急連絡用FAX番号2", "12345", "緊急連絡用FAX番号2"),
        (
            "上記を確認しました。",
            "",
            "「上記を確認しました。」にチェックを入れてください。",
        ),
    ];
    for (label, value, message) in cases {
        let mut b = at_office(&app).await;
        let mut values: Vec<(&str, &str)> = full
            .iter()
            .filter(|(l, _)| label_of(l) != *label)
            .copied()
            .collect();
        values.push((label, value));
        b.press("netNACCSを利用する", &values).await;
        assert_eq!(
            b.id(),
            "new_application.office",
            "{label}={value} was accepted"
        );
        let f = b.field(label).unwrap();
        let error = f["error"]
            .as_str()
            .unwrap_or_else(|| panic!("{label}: no error; {:?}", b.errors()));
        assert!(error.contains(message), "{label}={value}: {error}");
        assert_eq!(
            b.field("事業所名").unwrap()["value"],
            "本社",
            "values are kept"
        );
    }
    // An unknown postal code on 「反映」.
    let mut b = at_office(&app).await;
    b.press("反映", &[("郵便番号", "9999999")]).await;
    assert_eq!(
        b.field("郵便番号").unwrap()["error"],
        "入力された郵便番号に該当する住所が見つかりません。"
    );
    // A missing 管轄税関.
    let mut b = at_office(&app).await;
    let values: Vec<(&str, &str)> = full
        .iter()
        .filter(|(l, _)| label_of(l) != "管轄税関")
        .copied()
        .collect();
    b.press("netNACCSを利用する", &values).await;
    assert_eq!(
        b.field("管轄税関").unwrap()["error"],
        "管轄税関を選択してください。"
    );
}

#[tokio::test]
async fn reflect_fills_prefecture_and_city() {
    let app = TestApp::spawn().await;
    let mut b = at_office(&app).await;
    b.press(
        "反映",
        &[("郵便番号", "2120013"), ("事業所名", "川崎事務所")],
    )
    .await;
    assert_eq!(b.id(), "new_application.office");
    assert_eq!(b.field("住所(都道府県)").unwrap()["value"], "神奈川県");
    assert_eq!(b.field("住所(市区町村)").unwrap()["value"], "川崎市幸区");
    assert_eq!(b.field("事業所名").unwrap()["value"], "川崎事務所");
}

/// A tiny deterministic generator for hostile inputs.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[(self.next() as usize) % from.len()]
    }
}

const NASTY: &[&str] = &[
    "",
    " ",
    "<script>alert(1)</script>",
    "\"'><img src=x>",
    "０３３５０１０９５３",
    "９９９",
    "-1",
    "99999999999999999999999",
    "edit:99999",
    "delete:-1",
    "cancel:18446744073709551616",
    "remove_diagram:x",
    "\u{0000}\u{0007}\u{202e}",
    "𠮷野家🍣",
    "ｱｲｳｴｵ",
    "20181225",
    "1008901",
    "1",
    "yes",
    "other",
];

#[tokio::test]
async fn no_input_of_any_kind_gives_a_5xx() {
    let app = TestApp::spawn().await;
    let ws = app.workspace(13, "2018-11-27T16:30:00+09:00").await;
    let mut rng = Lcg(7);
    let long = "あ".repeat(5000);
    let mut b = app.browser(&ws);
    let (id, pw) = b.register_temp_account(&app, &ws).await;
    let ops = [
        "next",
        "back",
        "save",
        "net",
        "general",
        "add_new",
        "add_shared",
        "set",
        "apply",
        "edit:0",
        "delete:0",
        "cancel:0",
        "reflect_office",
        "reflect_hq",
        "reflect_billing",
        "attach",
        "attach_diagram",
        "register",
        "goto_office",
        "quit",
        "agree",
        "",
        "??",
    ];
    for round in 0..150 {
        b.login(&id, &pw).await;
        // Walk a few screens with hostile values in every field the screen shows.
        for _ in 0..8 {
            let Some(form) = b.screen["forms"][0].as_object().cloned() else {
                break;
            };
            let action = form["action"].as_str().unwrap_or("/").to_string();
            let mut pairs: Vec<(String, String)> = Vec::new();
            for f in form["fields"].as_array().cloned().unwrap_or_default() {
                let name = f["name"].as_str().unwrap_or("").to_string();
                let value = if name == "_flow" {
                    f["value"].as_str().unwrap_or("").to_string()
                } else if rng.next().is_multiple_of(10) {
                    long.clone()
                } else {
                    rng.pick(NASTY).to_string()
                };
                pairs.push((name, value));
            }
            pairs.push(("op".into(), rng.pick(&ops).to_string()));
            b.post(&action, &pairs).await;
            assert!(
                b.status < 500,
                "round {round}: {} gave {}",
                action,
                b.status
            );
        }
    }
    // Raw bodies the forms never send: broken encodings, wrong content types, no token.
    let client = reqwest::Client::new();
    for (ctype, body) in [
        (
            "application/x-www-form-urlencoded",
            b"%ZZ=%%&op=next".to_vec(),
        ),
        ("application/x-www-form-urlencoded", vec![0xff, 0xfe, 0x00]),
        ("multipart/form-data; boundary=x", b"--x\r\nbroken".to_vec()),
        ("application/json", b"{\"op\":\"next\"}".to_vec()),
        ("text/plain", b"op=register".to_vec()),
    ] {
        for path in [
            "apply/input",
            "app/office",
            "app/confirm",
            "login/nsscoapp/",
            "nowhere",
        ] {
            let r = client
                .post(format!("{}/w/{ws}/{path}", app.address))
                .header("content-type", ctype)
                .header("accept", "application/json")
                .body(body.clone())
                .send()
                .await
                .unwrap();
            assert!(r.status().as_u16() < 500, "{path} {ctype}: {}", r.status());
        }
    }
    let r = client
        .get(format!("{}/w/nope/login/nsscoapp/", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
}

#[tokio::test]
async fn user_text_is_escaped_in_html() {
    let app = TestApp::spawn().await;
    let mut b = at_temp_input(&app).await;
    b.press(
        "申込内容確認へ進む",
        &borrowed(&with(&[("企業名", "<script>alert('x')</script>")])),
    )
    .await;
    assert_eq!(b.id(), "temp_account.input");
    let html = b
        .client
        .get(format!("{}{}apply/input", b.origin, b.base))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!html.contains("<script>alert"), "raw user text in HTML");
    assert!(
        html.contains("&lt;script&gt;alert"),
        "escaped user text missing"
    );
}
