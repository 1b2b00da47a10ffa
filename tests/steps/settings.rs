//! システム設定申込 (M004, M002 3.1, procedures.md §9) and the システム設定申込締切日: workspaces
//! from a preset, the office login, the buttons of a table row (「選択」「修正」), whole stretches
//! of the procedure with manual 004's data, the center's answers to a システム設定申込, and the
//! applications of one kind when a workspace holds several.

use super::workspace::SEED;
use super::{NssWorld, Q, app, rows};
use cucumber::{given, then, when};
use serde_json::{Value, json};

/// M004's 申込担当者 (システム設定申込内容 確認, l.391-397).
const APPLICANT: &[(&str, &str)] = &[
    ("氏名 姓", "通関"),
    ("氏名 名", "太郎"),
    ("氏名(フリガナ) 姓", "ツウカン"),
    ("氏名(フリガナ) 名", "タロウ"),
    ("所属部署名", "第一営業部営業第三課"),
    ("役職名", "課長"),
    ("電話番号", "0301234567"),
    ("FAX番号", "0398765432"),
    ("E-mailアドレス 登録用", "taro.tsukan@naccs.jp"),
    ("E-mailアドレス 確認用", "taro.tsukan@naccs.jp"),
];

/// The 名称 of M000's office in English (the simulator's `start-tomorrow` preset uses the same).
const MANUAL000_NAMES: &[(&str, &str)] = &[
    ("企業名(英)", "DENSHIKA KORITSUKA SUISHINSHITSU"),
    (
        "同一企業の全事業所情報を変更します。",
        "同一企業の全事業所情報を変更します。",
    ),
    ("事業所名(英)", "HONSHA"),
    ("郵便番号", "1008901"),
    ("住所(英) 1行目", "TOKYO TO"),
    ("住所(英) 2行目", "CHIYODA KU"),
    ("住所(英) 3行目", "KASUMIGASEKI 1-3-1"),
    ("業務責任者名(英)", "T.BOEKI"),
];

fn pending(values: &[(&str, &str)]) -> Vec<(String, String)> {
    values
        .iter()
        .map(|(l, v)| (l.to_string(), v.to_string()))
        .collect()
}

fn assert_screen(w: &NssWorld, id: &str) {
    assert_eq!(w.screen().id(), id, "エラー: {:?}", w.screen().errors());
}

// ---------------------------------------------------------------------------------------------
// Workspaces and logins

/// A workspace created from a fixture preset (`GET /_sim/api/fixtures`), seed as every scenario.
#[given(expr = "プリセット{q}のワークスペースがある")]
async fn preset_workspace(w: &mut NssWorld, name: Q) {
    let app = app().await;
    let (status, answer) = app
        .post_api("workspaces", json!({"seed": SEED, "fixture": name.0}))
        .await;
    assert_eq!(status, 201, "{answer}");
    let ws = answer["id"].as_str().expect("id").to_string();
    w.browser = Some(app.browser(&ws));
    w.ws = Some(ws);
}

/// The 事業所パスワード of an office (the simulator API lists the offices with their login).
async fn office_password(w: &NssWorld, code: &str) -> String {
    let offices = app()
        .await
        .get_api(&format!("workspaces/{}/offices", w.ws()))
        .await;
    offices
        .as_array()
        .into_iter()
        .flatten()
        .find(|o| o["office_code"] == code)
        .and_then(|o| o["password"].as_str())
        .unwrap_or_else(|| panic!("事業所コード「{code}」の事業所がありません"))
        .to_string()
}

#[given(expr = "事業所コード{q}でログインしている")]
#[when(expr = "事業所コード{q}でログインする")]
async fn office_login(w: &mut NssWorld, code: Q) {
    let password = office_password(w, &code.0).await;
    w.open("login/nsscoapp/").await;
    w.pending = pending(&[("ログインID", &code.0), ("パスワード", &password)]);
    w.press("ログイン").await;
}

#[when(expr = "別のブラウザで、事業所コード{q}でログインする")]
async fn office_login_elsewhere(w: &mut NssWorld, code: Q) {
    w.new_browser().await;
    office_login(w, code).await;
}

// ---------------------------------------------------------------------------------------------
// Buttons of a table row

/// Presses the button `label` of the row of table `caption` whose first cell is `key` (「1ANAC」の
/// 「選択」), with nothing typed: a row's buttons carry the row in their value (`select:1ANAC`,
/// `edit:0`).
async fn press_row_button(w: &mut NssWorld, caption: Option<&str>, key: Option<&str>, label: &str) {
    assert!(
        w.pending.is_empty(),
        "行のボタンは入力なしで押します: {:?}",
        w.pending
    );
    let screen = w.screen().screen.clone();
    let tables = screen["tables"].as_array().cloned().unwrap_or_default();
    let (table, index) = tables
        .iter()
        .filter(|t| caption.is_none_or(|c| t["caption"] == c))
        .find_map(|t| {
            let rows = rows(t);
            let i = rows.iter().position(|r| {
                key.is_none_or(|k| r.first().map(String::as_str) == Some(k))
                    && r.iter().any(|c| c == label)
            })?;
            Some((t.clone(), i))
        })
        .unwrap_or_else(|| {
            panic!("行「{key:?}」に「{label}」ボタンのある表がありません: {tables:?}")
        });
    let first = rows(&table)[index][0].clone();
    let value = screen["forms"][0]["buttons"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|b| b["label"] == label)
        .filter_map(|b| b["value"].as_str())
        .find(|v| {
            v.rsplit_once(':')
                .is_some_and(|(_, k)| k == first || k == index.to_string())
        })
        .unwrap_or_else(|| panic!("「{first}」の「{label}」ボタンがありません"))
        .to_string();
    w.before = w.screen().id().to_string();
    w.history.push(screen);
    let (action, pairs) = w.b().snapshot_form(&value);
    w.b().post(&action, &pairs).await;
}

#[given(expr = "{q}の{q}ボタンを押す")]
#[when(expr = "{q}の{q}ボタンを押す")]
async fn row_button(w: &mut NssWorld, key: Q, label: Q) {
    press_row_button(w, None, Some(&key.0), &label.0).await;
}

#[when(expr = "{q}の表の最初の行の{q}ボタンを押す")]
async fn first_row_button(w: &mut NssWorld, caption: Q, label: Q) {
    press_row_button(w, Some(&caption.0), None, &label.0).await;
}

// ---------------------------------------------------------------------------------------------
// The procedure with the manuals' data

/// M004 ⑤–⑩ from the menu: 申込担当者 as M004 prints it, 1ANAC's net A0A to initialise, NACCS登録
/// 希望日 2021/02/12 (l.133), registered.
#[given("マニュアルのデータでシステム設定申込を登録している")]
async fn file_manual004(w: &mut NssWorld) {
    w.follow("システム設定の申込").await;
    assert_screen(w, "system_settings.guidance");
    w.press("次へ進む").await;
    w.pending = pending(APPLICANT);
    w.press("システム設定申込の入力へ進む").await;
    assert_screen(w, "system_settings.codes");
    row_button(w, Q("1ANAC".into()), Q("選択".into())).await;
    assert_screen(w, "system_settings.code");
    w.pending = pending(&[
        ("初期化を希望する", "net 1ANAC A0A"),
        (
            "パスワード初期化の希望理由",
            "利用者IDのパスワードが漏洩したおそれがあるため。",
        ),
    ]);
    w.press("この内容で設定する").await;
    assert_screen(w, "system_settings.codes");
    w.pending = pending(&[
        ("NACCS反映タイミング", "日付を指定して登録を希望"),
        ("NACCS登録希望日", "20210212"),
    ]);
    w.press("システム設定申込確認へ進む").await;
    assert_screen(w, "system_settings.confirm");
    w.press("システム設定申込を登録する").await;
    assert_screen(w, "system_settings.complete");
    latest_settings(w).await;
}

/// M002 3.1: the office noted from ID通知内容 logs in and registers the 名称 of its 利用者コード
/// (M000's office in English), before its システム設定申込締切日. The scenario's 申込受付番号
/// stays the 利用申込's.
#[given("控えた事業所コードでシステム設定申込を登録している")]
async fn file_names_for_new_office(w: &mut NssWorld) {
    let (code, password) = w.office.clone().expect("事業所コードを控えていません");
    w.new_browser().await;
    w.open("login/nsscoapp/").await;
    w.pending = pending(&[("ログインID", &code), ("パスワード", &password)]);
    w.press("ログイン").await;
    assert_screen(w, "menu.main");
    w.follow("システム設定の申込").await;
    w.press("次へ進む").await;
    w.press("システム設定申込の入力へ進む").await;
    assert_screen(w, "system_settings.codes");
    first_row_button(w, Q("設定情報".into()), Q("選択".into())).await;
    assert_screen(w, "system_settings.code");
    w.pending = pending(MANUAL000_NAMES);
    w.press("この内容で設定する").await;
    assert_screen(w, "system_settings.codes");
    w.pending = pending(&[("NACCS反映タイミング", "最短の日程で登録を希望")]);
    w.press("システム設定申込確認へ進む").await;
    w.press("システム設定申込を登録する").await;
    assert_screen(w, "system_settings.complete");
}

// ---------------------------------------------------------------------------------------------
// The simulator API: applications by kind, the center's answers

/// The latest application of a kind (`kind_code`), as the API reports it.
async fn latest(w: &NssWorld, kind: &str) -> Value {
    let apps = app()
        .await
        .get_api(&format!("workspaces/{}/applications", w.ws()))
        .await;
    apps.as_array()
        .into_iter()
        .flatten()
        .rev()
        .find(|a| a["kind_code"] == kind)
        .cloned()
        .unwrap_or_else(|| panic!("{kind} の申込がありません: {apps}"))
}

/// The latest システム設定申込, whose 申込受付番号 the scenario then writes 「＜申込受付番号＞」.
async fn latest_settings(w: &mut NssWorld) -> String {
    let number = latest(w, "system_settings").await["reception_number"]
        .as_str()
        .expect("reception_number")
        .to_string();
    w.reception = Some(number.clone());
    number
}

async fn review_settings(w: &mut NssWorld, body: Value) -> Value {
    let number = latest_settings(w).await;
    let (status, answer) = app()
        .await
        .post_api(
            &format!("workspaces/{}/applications/{number}/review", w.ws()),
            body,
        )
        .await;
    assert_eq!(status, 200, "{answer}");
    answer
}

#[given(regex = r"^NACCSセンターがシステム設定申込について確認事項「(.+)」を送った$")]
#[when(regex = r"^NACCSセンターがシステム設定申込について確認事項「(.+)」を送る$")]
async fn clarify_settings(w: &mut NssWorld, message: String) {
    let a = review_settings(w, json!({"decision": "clarify", "message": message})).await;
    assert_eq!(a["status_label"], "内容確認", "{a}");
}

#[given("NACCSセンターがシステム設定申込を承認した")]
#[when("NACCSセンターがシステム設定申込を承認する")]
async fn approve_settings(w: &mut NssWorld) {
    let a = review_settings(w, json!({"decision": "approve"})).await;
    assert_eq!(a["status_label"], "審査終了", "{a}");
}

#[then(expr = "シミュレータAPIのシステム設定申込のステータスは{q}である")]
async fn settings_status(w: &mut NssWorld, label: Q) {
    let a = latest(w, "system_settings").await;
    assert_eq!(a["status_label"].as_str(), Some(label.0.as_str()), "{a}");
}

#[then(expr = "シミュレータAPIの利用申込のステータスは{q}である")]
async fn new_status(w: &mut NssWorld, label: Q) {
    let a = latest(w, "new").await;
    assert_eq!(a["status_label"].as_str(), Some(label.0.as_str()), "{a}");
}

#[then(expr = "シミュレータAPIにシステム設定申込が{int}件登録されている")]
async fn settings_count(w: &mut NssWorld, count: usize) {
    let apps = app()
        .await
        .get_api(&format!("workspaces/{}/applications", w.ws()))
        .await;
    let n = apps
        .as_array()
        .into_iter()
        .flatten()
        .filter(|a| a["kind_code"] == "system_settings")
        .count();
    assert_eq!(n, count, "{apps}");
}

/// 完了 prints 申込受付番号「…C」: the number of the latest システム設定申込 (M004 l.431).
#[then("画面の申込受付番号はシステム設定申込の受付番号と一致する")]
async fn settings_number_shown(w: &mut NssWorld) {
    let number = latest_settings(w).await;
    assert!(number.ends_with('C'), "{number}");
    let wanted = format!("申込受付番号「{number}」");
    let texts = w.screen().text();
    assert!(
        texts.lines().any(|l| l == wanted),
        "「{wanted}」が表示されていません:\n{texts}"
    );
}

/// The 再発行パスワード of the 参照 screen are the passwords the office's contract now holds.
#[then("再発行パスワードが表示されている")]
#[then("再発行パスワードは表示されている")]
async fn reissued_shown(w: &mut NssWorld) {
    let a = latest(w, "system_settings").await;
    let issued = a["naccs_registration"]["reissued"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(!issued.is_empty(), "パスワードは再発行されていません: {a}");
    let shown = rows(&w.table("再発行パスワード"));
    assert_eq!(shown.len(), issued.len(), "{shown:?}");
    let code = a["content"]["office_code"].as_str().unwrap_or("");
    let offices = app()
        .await
        .get_api(&format!("workspaces/{}/offices", w.ws()))
        .await;
    let contract = offices
        .as_array()
        .into_iter()
        .flatten()
        .find(|o| o["office_code"] == code)
        .map(|o| o["profile"]["issued"]["user_ids"].clone())
        .expect("the office");
    for (row, p) in shown.iter().zip(&issued) {
        assert_eq!(row[3], p["password"].as_str().unwrap_or("-"), "{row:?}");
        let held = contract
            .as_array()
            .into_iter()
            .flatten()
            .find(|u| u["user_code"] == row[1] && u["ident"] == row[2])
            .and_then(|u| u["password"].as_str());
        assert_eq!(held, Some(row[3].as_str()), "契約の {row:?}");
    }
}

#[then("再発行パスワードは伏せられている")]
async fn reissued_masked(w: &mut NssWorld) {
    let shown = rows(&w.table("再発行パスワード"));
    assert!(!shown.is_empty(), "再発行パスワードの表が空です");
    for row in &shown {
        assert_eq!(row[3], "********", "{row:?}");
    }
}
