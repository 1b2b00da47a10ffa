//! Pages, input, buttons, and what a screen shows — read from the JSON screen document
//! (contract §4) by printed labels, as a person reads the screen.

use super::{NssWorld, Q, data_rows, rows, shown_value};
use cucumber::gherkin::Step;
use cucumber::{given, then, when};
use serde_json::Value;

// ---------------------------------------------------------------------------------------------
// Pages and links

#[given("NACCS掲示板の「申込手続（NSS）」ページを開く")]
#[when("NACCS掲示板の「申込手続（NSS）」ページを開く")]
async fn open_bbs(w: &mut NssWorld) {
    w.open("bbs/").await;
}

#[given("NSSのログインページを開く")]
#[when("NSSのログインページを開く")]
async fn open_login(w: &mut NssWorld) {
    w.open("login/nsscoapp/").await;
}

#[given(expr = "{q}リンクをクリックする")]
#[when(expr = "{q}リンクをクリックする")]
async fn click_link(w: &mut NssWorld, label: Q) {
    w.follow(&label.0).await;
}

/// Typing the address of a screen seen earlier in this scenario (a bookmark, a second tab).
#[when(expr = "{q}画面のURLを直接開く")]
async fn open_screen_url(w: &mut NssWorld, title: Q) {
    let rel = w
        .urls
        .get(&title.0)
        .unwrap_or_else(|| panic!("このシナリオでは「{}」画面をまだ開いていません", title.0))
        .clone();
    w.open(&rel).await;
}

// ---------------------------------------------------------------------------------------------
// Input and buttons

/// Whether two field names (`label` or `section / label`) name the same field: the same
/// label, and the same section when both give one.
fn same_field(a: &str, b: &str) -> bool {
    match (a.split_once(" / "), b.split_once(" / ")) {
        (Some(_), Some(_)) => a == b,
        (Some((_, a)), None) => a == b,
        (None, Some((_, b))) => a == b,
        (None, None) => a == b,
    }
}

fn set_pending(w: &mut NssWorld, label: &str, value: &str) {
    w.pending.retain(|(l, _)| !same_field(l, label));
    w.pending.push((label.to_string(), value.to_string()));
}

#[given(expr = "{q}に{q}と入力する")]
#[when(expr = "{q}に{q}と入力する")]
async fn type_value(w: &mut NssWorld, label: Q, value: Q) {
    set_pending(w, &label.0, &value.0);
}

#[given(expr = "{q}で{q}を選ぶ")]
#[when(expr = "{q}で{q}を選ぶ")]
async fn choose(w: &mut NssWorld, label: Q, option: Q) {
    set_pending(w, &label.0, &option.0);
}

#[given(expr = "{q}にチェックを入れる")]
#[when(expr = "{q}にチェックを入れる")]
async fn check(w: &mut NssWorld, label: Q) {
    set_pending(w, &label.0, &label.0);
}

#[given(expr = "{q}のチェックを外す")]
#[when(expr = "{q}のチェックを外す")]
async fn uncheck(w: &mut NssWorld, label: Q) {
    set_pending(w, &label.0, "");
}

/// A data table `| 項目 | 入力値 |`; a label may name its section: `契約者に関する項目 / 氏名 姓`.
#[given("次の内容を入力する:")]
#[when("次の内容を入力する:")]
async fn type_table(w: &mut NssWorld, step: &Step) {
    for row in data_rows(step) {
        set_pending(w, &row[0], row.get(1).map(String::as_str).unwrap_or(""));
    }
}

#[given(expr = "{q}ボタンを押す")]
#[when(expr = "{q}ボタンを押す")]
async fn press(w: &mut NssWorld, button: Q) {
    w.press(&button.0).await;
}

/// The browser shows the previous page again from its cache (no request); its form is stale.
#[given("ブラウザの戻るボタンを押す")]
#[when("ブラウザの戻るボタンを押す")]
async fn back_button(w: &mut NssWorld) {
    let previous = w.history.pop().expect("戻る画面がありません");
    w.b().screen = previous;
}

/// The last form sent, sent again as it was (double click, reload after POST, replay).
#[given("直前に送信したフォームをもう一度送信する")]
#[when("直前に送信したフォームをもう一度送信する")]
async fn resend(w: &mut NssWorld) {
    let (action, pairs) = w.last_sent.clone().expect("まだフォームを送信していません");
    let current = w.screen().screen.clone();
    w.history.push(current);
    w.b().post(&action, &pairs).await;
}

// ---------------------------------------------------------------------------------------------
// What the screen shows

#[then(expr = "{q}画面が表示される")]
async fn screen_shown(w: &mut NssWorld, title: Q) {
    let b = w.screen();
    assert_eq!(
        b.screen["title"].as_str().unwrap_or(""),
        title.0,
        "画面 {} (エラー: {:?})",
        b.id(),
        b.errors()
    );
}

#[then(expr = "{q}画面のままである")]
async fn screen_stays(w: &mut NssWorld, title: Q) {
    let b = w.screen();
    assert_eq!(
        b.screen["title"].as_str().unwrap_or(""),
        title.0,
        "画面 {}",
        b.id()
    );
    assert_eq!(b.id(), w.before, "ボタンを押す前と違う画面です");
    assert_eq!(b.status, 200, "検証エラーは同じ画面を 200 で返します");
}

#[then(expr = "画面IDは{q}である")]
async fn screen_id(w: &mut NssWorld, id: Q) {
    assert_eq!(w.screen().id(), id.0);
}

#[then(expr = "画面IDは{q}ではない")]
async fn screen_id_not(w: &mut NssWorld, id: Q) {
    assert_ne!(w.screen().id(), id.0);
}

#[then(regex = r"^エラー「(.+)」が表示される$")]
async fn error_shown(w: &mut NssWorld, message: String) {
    let errors = w.screen().errors();
    assert!(
        errors.contains(&message),
        "エラー「{message}」がありません。エラー: {errors:?}"
    );
}

/// An error that contains `part` (for messages whose wording beyond it is not from a manual).
#[then(regex = r"^「(.+)」を含むエラーが表示される$")]
async fn error_containing(w: &mut NssWorld, part: String) {
    let errors = w.screen().errors();
    assert!(
        errors.iter().any(|e| e.contains(&part)),
        "「{part}」を含むエラーがありません。エラー: {errors:?}"
    );
}

#[then("エラーは表示されない")]
async fn no_errors(w: &mut NssWorld) {
    assert_eq!(w.screen().errors(), Vec::<String>::new());
}

#[then(regex = r"^「([^」]+)」欄にエラー「(.+)」が表示される$")]
async fn field_error_shown(w: &mut NssWorld, label: String, message: String) {
    let field = w.field(&label);
    assert_eq!(
        field["error"].as_str(),
        Some(message.as_str()),
        "「{label}」欄のエラー"
    );
    let errors = w.screen().errors();
    assert!(
        errors.contains(&message),
        "画面のエラー一覧に「{message}」がありません: {errors:?}"
    );
}

/// Every value sent with the last press is shown again as typed, but for the fields in error.
#[then("ほかの入力値はそのまま残っている")]
async fn others_kept(w: &mut NssWorld) {
    let mut checked = 0;
    for (label, value) in &w.typed {
        let field = w.field(label);
        if !field["error"].is_null() {
            continue;
        }
        assert_eq!(
            &shown_value(&field),
            value,
            "「{label}」の値が残っていません"
        );
        checked += 1;
    }
    assert!(checked > 0, "確かめる入力値がありません");
}

#[then(expr = "{q}には{q}が入力されている")]
async fn field_value(w: &mut NssWorld, label: Q, value: Q) {
    let field = w.field(&label.0);
    assert_eq!(shown_value(&field), value.0, "「{}」の値", label.0);
}

#[then(regex = r"^「(.+)」と表示される$")]
async fn text_shown(w: &mut NssWorld, text: String) {
    let texts = w.screen().text();
    assert!(
        texts.lines().any(|l| l == text),
        "「{text}」が表示されていません:\n{texts}"
    );
}

#[then(regex = r"^お知らせ「(.+)」が表示される$")]
async fn notice_shown(w: &mut NssWorld, text: String) {
    let notices = &w.screen().screen["notices"];
    assert!(
        notices
            .as_array()
            .into_iter()
            .flatten()
            .any(|n| n == text.as_str()),
        "お知らせ「{text}」がありません: {notices}"
    );
}

#[then(expr = "{q}リンクがある")]
async fn link_shown(w: &mut NssWorld, label: Q) {
    let links = &w.screen().screen["links"];
    assert!(
        links
            .as_array()
            .into_iter()
            .flatten()
            .any(|l| l["label"] == label.0.as_str()),
        "リンク「{}」がありません: {links}",
        label.0
    );
}

#[then(expr = "{q}リンクはない")]
async fn link_absent(w: &mut NssWorld, label: Q) {
    let links = &w.screen().screen["links"];
    assert!(
        !links
            .as_array()
            .into_iter()
            .flatten()
            .any(|l| l["label"] == label.0.as_str()),
        "リンク「{}」があります: {links}",
        label.0
    );
}

#[then(expr = "{q}ボタンはない")]
async fn button_absent(w: &mut NssWorld, label: Q) {
    let buttons = &w.screen().screen["forms"][0]["buttons"];
    assert!(
        !buttons
            .as_array()
            .into_iter()
            .flatten()
            .any(|b| b["label"] == label.0.as_str()),
        "ボタン「{}」があります: {buttons}",
        label.0
    );
}

#[then(expr = "{q}ボタンがある")]
async fn button_shown(w: &mut NssWorld, label: Q) {
    let buttons = &w.screen().screen["forms"][0]["buttons"];
    assert!(
        buttons
            .as_array()
            .into_iter()
            .flatten()
            .any(|b| b["label"] == label.0.as_str()),
        "ボタン「{}」がありません: {buttons}",
        label.0
    );
}

#[then(expr = "タブ{q}が選択されている")]
async fn tab_current(w: &mut NssWorld, tab: Q) {
    assert_eq!(
        w.screen().screen["tabs"]["current"].as_str(),
        Some(tab.0.as_str())
    );
}

#[then(expr = "進捗は{q}を示している")]
async fn progress_current(w: &mut NssWorld, stage: Q) {
    let progress = &w.screen().screen["progress"];
    let current = progress["current"].as_u64().expect("進捗バーがありません") as usize;
    assert_eq!(
        progress["steps"][current].as_str(),
        Some(stage.0.as_str()),
        "{progress}"
    );
}

#[then(expr = "ログイン中のIDは{q}である")]
async fn session_login(w: &mut NssWorld, id: Q) {
    assert_eq!(
        w.screen().screen["session"]["login_id"].as_str(),
        Some(id.0.as_str())
    );
}

#[then("メールの仮ログインIDでログイン中である")]
async fn session_mailed_login(w: &mut NssWorld) {
    let (id, _) = w.credentials().await;
    assert_eq!(
        w.screen().screen["session"]["login_id"].as_str(),
        Some(id.as_str())
    );
}

/// A data table `| 項目 | 申込情報 |`: each row is printed in the table as given
/// (「＜申込受付番号＞」 stands for the scenario's reception number).
#[then(expr = "{q}の表に次の内容が表示される:")]
async fn table_contains(w: &mut NssWorld, caption: Q, step: &Step) {
    let shown = rows(&w.table(&caption.0));
    for row in data_rows(step) {
        let mut expanded = Vec::new();
        for cell in &row {
            expanded.push(w.expand(cell).await);
        }
        let row = expanded;
        let found = shown.iter().find(|r| r.first() == row.first());
        assert_eq!(
            found,
            Some(&row),
            "表「{}」の行「{}」: {shown:?}",
            caption.0,
            row[0]
        );
    }
}

/// The table printed with `caption` and the step's data table, after checking that the data
/// table's first row is the table's header.
fn table_with_header(w: &NssWorld, caption: &Q, step: &Step) -> (Value, Vec<Vec<String>>) {
    let table = w.table(&caption.0);
    let expected = step
        .table
        .as_ref()
        .expect("データテーブルが必要です")
        .rows
        .clone();
    let columns: Vec<String> = table["columns"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| c.as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(columns, expected[0], "表「{}」の見出し", caption.0);
    (table, expected)
}

/// The whole table: the data table's first row is the header, the rest the rows, in order.
#[then(expr = "{q}の表は次のとおりである:")]
async fn table_exact(w: &mut NssWorld, caption: Q, step: &Step) {
    let (table, expected) = table_with_header(w, &caption, step);
    assert_eq!(
        rows(&table),
        expected[1..].to_vec(),
        "表「{}」の行",
        caption.0
    );
}

/// A row printed as its cells joined by spaces (as the manual shows 「追加 共用 貿サブ net …」).
#[then(expr = "{q}の表に行{q}がある")]
async fn table_row(w: &mut NssWorld, caption: Q, row: Q) {
    let shown = rows(&w.table(&caption.0));
    let joined: Vec<String> = shown.iter().map(|r| r.join(" ")).collect();
    assert!(
        joined.contains(&row.0),
        "表「{}」に行「{}」がありません: {joined:?}",
        caption.0,
        row.0
    );
}

#[then(expr = "{q}の表に{q}で始まる行がある")]
async fn table_row_prefix(w: &mut NssWorld, caption: Q, prefix: Q) {
    let shown = rows(&w.table(&caption.0));
    let joined: Vec<String> = shown.iter().map(|r| r.join(" ")).collect();
    assert!(
        joined
            .iter()
            .any(|r| r.starts_with(&format!("{} ", prefix.0)) || *r == prefix.0),
        "表「{}」に「{}」で始まる行がありません: {joined:?}",
        caption.0,
        prefix.0
    );
}

#[then(expr = "{q}の表は空である")]
async fn table_empty(w: &mut NssWorld, caption: Q) {
    assert_eq!(rows(&w.table(&caption.0)), Vec::<Vec<String>>::new());
}

/// Rows of a table, in any order among others: the data table's first row is the table's
/// header, then the rows looked for (「＜申込受付番号＞」 stands for the reception number).
#[then(expr = "{q}の表に次の行がある:")]
async fn table_has_rows(w: &mut NssWorld, caption: Q, step: &Step) {
    let (table, expected) = table_with_header(w, &caption, step);
    let shown = rows(&table);
    for row in &expected[1..] {
        let mut wanted = Vec::new();
        for cell in row {
            wanted.push(w.expand(cell).await);
        }
        assert!(
            shown.contains(&wanted),
            "表「{}」に行 {wanted:?} がありません: {shown:?}",
            caption.0
        );
    }
}

#[then(expr = "{q}の表は{int}行である")]
async fn table_row_count(w: &mut NssWorld, caption: Q, count: usize) {
    let shown = rows(&w.table(&caption.0));
    assert_eq!(shown.len(), count, "表「{}」: {shown:?}", caption.0);
}
