//! The client steps: each builds one task of the driver protocol (docs/kit.md, "Actions") from
//! the scenario's data and the truth the simulator holds (the credentials it issued, never what
//! the client reported earlier), and runs the client under test on it.

use super::{Q, data_set};
use crate::kit::check::record::merged;
use crate::kit::data;
use crate::kit::world::KitWorld;
use cucumber::gherkin::Step;
use cucumber::{then, when};
use serde_json::{Value, json};

/// The 確認事項 answers of M004 (docs/kit.md, `answer_clarification`).
const AMEND: &str = "利用申込を修正する";
const WITHDRAW: &str = "利用申込を取り下げる";

/// M001's office, whose 申込担当者 (通関 花子) reads the mails at this address.
pub const M001_ADDRESS: &str = "tuukan-hanako@naccs.co.jp";

/// The applicant's address of the data set the scenario uses (manual 000's until one is used).
fn address(w: &KitWorld) -> String {
    w.filed
        .as_ref()
        .and_then(|f| {
            f["申込担当者 入力"]["申込担当者に関する項目"]["E-mailアドレス 登録用"].as_str()
        })
        .unwrap_or(data::MANUAL_ADDRESS)
        .to_string()
}

// ---------------------------------------------------------------------------------------------
// register_temp_account

async fn register(w: &mut KitWorld, input: Value, address: &str) {
    let task = w.task("register_temp_account", address).input(input);
    w.client_step(task).await;
}

/// M000 【4】–【11】.
#[when(
    regex = r"^申込担当者が(マニュアルのデータ|拡張データ|マニュアル002のデータ|マニュアル003のデータ|回線付きの一般NACCSデータ)で仮ログイン登録をする$"
)]
async fn register_temp_account(w: &mut KitWorld, set: String) {
    let set = data_set(&set);
    let address = data::address(set).unwrap_or_default().to_string();
    register(w, set["register_temp_account"].clone(), &address).await;
}

/// The data set with one field changed (a hard case: input the screen refuses). The field is
/// named by its label, or `section / label`.
#[when(
    regex = r"^申込担当者が(マニュアルのデータ|拡張データ|マニュアル002のデータ|マニュアル003のデータ|回線付きの一般NACCSデータ)の「([^」]+)」を「([^」]*)」に変えて仮ログイン登録をする$"
)]
async fn register_changed(w: &mut KitWorld, set: String, field: String, value: String) {
    let set = data_set(&set);
    let address = data::address(set).unwrap_or_default().to_string();
    let mut input = set["register_temp_account"].clone();
    let changed = change_field(&mut input, &field, &value);
    assert!(changed > 0, "the data set has no field 「{field}」");
    register(w, input, &address).await;
}

/// Sets every field labelled `field` (`label` or `section / label`) in every screen object of
/// `input`; returns how many were set.
fn change_field(input: &mut Value, field: &str, value: &str) -> usize {
    let (section, label) = match field.split_once(" / ") {
        Some((s, l)) => (Some(s), l),
        None => (None, field),
    };
    let mut count = 0;
    for screen in input
        .as_object_mut()
        .into_iter()
        .flat_map(|o| o.values_mut())
    {
        for (heading, fields) in screen.as_object_mut().into_iter().flatten() {
            if section.is_some_and(|s| s != heading) {
                continue;
            }
            if let Some(v) = fields.get_mut(label) {
                *v = Value::String(value.to_string());
                count += 1;
            }
        }
    }
    count
}

// ---------------------------------------------------------------------------------------------
// file_application

async fn file(w: &mut KitWorld, set: &str, options: Option<(&str, &str)>) {
    let set = data_set(set);
    let (id, password) = w.temp_credentials().await.expect(
        "no 仮アカウント in the workspace: start with a 仮ログイン登録 (「…で仮ログイン登録がされている」)",
    );
    let address = data::address(set).unwrap_or_default();
    let mut task = w
        .task("file_application", address)
        .login(&id, &password)
        .input(set["file_application"].clone());
    if let Some((key, value)) = options {
        task = task.option(key, json!(value));
    }
    w.filed = Some(set["file_application"].clone());
    w.client_step(task).await;
}

/// M000 【12】–【24】 and 完了, logged in with the 仮ログインID the NSS mailed.
#[when(
    regex = r"^申込担当者が(マニュアルのデータ|拡張データ|マニュアル002のデータ|マニュアル003のデータ|回線付きの一般NACCSデータ)で利用申込を登録する$"
)]
async fn file_application(w: &mut KitWorld, set: String) {
    file(w, &set, None).await;
}

/// M000 一時保存: saved on a screen, a new login, on to 完了.
#[when(
    regex = r"^申込担当者が(マニュアルのデータ|拡張データ|マニュアル002のデータ|マニュアル003のデータ|回線付きの一般NACCSデータ)で「([^」]+)」画面で一時保存してから利用申込を登録する$"
)]
async fn file_with_save(w: &mut KitWorld, set: String, screen: String) {
    file(w, &set, Some(("一時保存", &screen))).await;
}

// ---------------------------------------------------------------------------------------------
// read_news, read_id_notice

/// The login of a step after the application: the 仮ログインID the NSS mailed, or the
/// 事業所コード approval issued with its current password.
async fn login_as(w: &KitWorld, who: &str) -> (String, String) {
    match who {
        "仮ログインID" => w
            .temp_credentials()
            .await
            .expect("no 仮アカウント mail in the workspace"),
        "事業所コード" => w.office_credentials().await,
        other => panic!("no login 「{other}」 (仮ログインID or 事業所コード)"),
    }
}

#[when(regex = r"^申込担当者が(仮ログインID|事業所コード)で新着情報を見る$")]
async fn read_news(w: &mut KitWorld, who: String) {
    let (id, password) = login_as(w, &who).await;
    let task = w.task("read_news", &address(w)).login(&id, &password);
    w.client_step(task).await;
}

#[when(regex = r"^申込担当者が(仮ログインID|事業所コード)でID通知内容を見る$")]
async fn read_id_notice(w: &mut KitWorld, who: String) {
    let (id, password) = login_as(w, &who).await;
    let number = w.reception_number().await;
    let task = w
        .task("read_id_notice", &address(w))
        .login(&id, &password)
        .input(json!({"申込受付番号": number}));
    w.client_step(task).await;
}

// ---------------------------------------------------------------------------------------------
// answer_clarification (M004)

/// The login of an answer to a 確認事項: the office's when the application is an office's (a
/// change, a システム設定申込), else the 仮ログインID.
async fn answer(w: &mut KitWorld, action: &str, input: Value) {
    let (id, password) = match &w.office {
        Some(code) => w.office_login(code).await,
        None => w
            .temp_credentials()
            .await
            .expect("no 仮アカウント mail in the workspace"),
    };
    let task = w
        .task(action, &address(w))
        .login(&id, &password)
        .input(input);
    w.client_step(task).await;
}

/// A data table `| 項目 | 入力値 |`, each 項目 `screen / section / label`: the corrections.
#[when("申込担当者が確認事項に答えて利用申込を次のとおり修正する:")]
async fn amend(w: &mut KitWorld, step: &Step) {
    let table = step.table.as_ref().expect("a table | 項目 | 入力値 |");
    let mut corrections = json!({});
    for row in table.rows.iter().skip(1) {
        let path: Vec<&str> = row[0].split(" / ").collect();
        let [screen, section, label] = path[..] else {
            panic!("項目 「{}」 is not 「画面 / 見出し / 項目」", row[0]);
        };
        corrections[screen][section][label] = json!(row.get(1).cloned().unwrap_or_default());
    }
    let number = w.reception_number().await;
    let base = w.filed.clone().unwrap_or_else(|| json!({}));
    w.filed = Some(merged(&base, &corrections));
    answer(
        w,
        "answer_clarification",
        json!({"申込受付番号": number, "ボタン": AMEND, "修正": corrections}),
    )
    .await;
}

#[when("申込担当者が確認事項に答えて利用申込を取り下げる")]
async fn withdraw(w: &mut KitWorld) {
    let number = w.reception_number().await;
    answer(
        w,
        "answer_clarification",
        json!({"申込受付番号": number, "ボタン": WITHDRAW}),
    )
    .await;
}

// ---------------------------------------------------------------------------------------------
// change_password

async fn change_password(w: &mut KitWorld, current: String, new: &str) {
    let (code, password) = w.office_credentials().await;
    let input = json!({"パスワードの変更": {"パスワードに関する項目": {
        "現在のパスワード": current,
        "新しいパスワード": new,
        "新しいパスワード(確認用)": new,
    }}});
    let task = w
        .task("change_password", &address(w))
        .login(&code, &password)
        .input(input);
    w.client_step(task).await;
}

/// Logged in with the 事業所コード, the current password typed as it is.
#[when(expr = "申込担当者が事業所パスワードを{q}に変更する")]
async fn change(w: &mut KitWorld, new: Q) {
    let (_, current) = w.office_credentials().await;
    change_password(w, current, &new.0).await;
}

/// A hard case: a 現在のパスワード that is not the password.
#[when(expr = "申込担当者が誤った現在のパスワードで事業所パスワードを{q}に変更しようとする")]
async fn change_wrong(w: &mut KitWorld, new: Q) {
    let (_, current) = w.office_credentials().await;
    change_password(w, format!("{current}x"), &new.0).await;
}

// ---------------------------------------------------------------------------------------------
// file_change_application (M001 手順④)

async fn file_change(w: &mut KitWorld, login: (String, String), input: Value, save: Option<&str>) {
    let mut task = w
        .task("file_change_application", M001_ADDRESS)
        .login(&login.0, &login.1)
        .input(input.clone());
    if let Some(screen) = save {
        task = task.option("一時保存", json!(screen));
    }
    w.filed = Some(input);
    w.client_step(task).await;
}

fn change_input() -> Value {
    data_set("マニュアル001のデータ")["file_change_application"].clone()
}

/// M001 手順④, logged in with the office's 事業所コード (the truth: its current password).
#[when(regex = r"^事業所「([^」]+)」の申込担当者がマニュアル001のデータで変更申込を登録する$")]
async fn file_change_application(w: &mut KitWorld, office: String) {
    let login = w.office_login(&office).await;
    w.office = Some(office);
    file_change(w, login, change_input(), None).await;
}

#[when(
    regex = r"^事業所「([^」]+)」の申込担当者がマニュアル001のデータの「([^」]+)」を「([^」]*)」に変えて変更申込を登録する$"
)]
async fn file_change_changed(w: &mut KitWorld, office: String, field: String, value: String) {
    let mut input = change_input();
    assert!(
        change_field(&mut input, &field, &value) > 0,
        "the data set has no field 「{field}」"
    );
    let login = w.office_login(&office).await;
    w.office = Some(office);
    file_change(w, login, input, None).await;
}

#[when(
    regex = r"^事業所「([^」]+)」の申込担当者がマニュアル001のデータで「([^」]+)」画面で一時保存してから変更申込を登録する$"
)]
async fn file_change_with_save(w: &mut KitWorld, office: String, screen: String) {
    let login = w.office_login(&office).await;
    w.office = Some(office);
    file_change(w, login, change_input(), Some(&screen)).await;
}

/// The change of 利用者コード of the data set (`file_change_user_codes`): 利用業種 and 管理統計資料
/// through 利用者コード 入力 (issue 10).
#[when(
    regex = r"^事業所「([^」]+)」の申込担当者がマニュアル001のデータで利用者コードの変更申込を登録する$"
)]
async fn file_change_user_codes(w: &mut KitWorld, office: String) {
    let input = data_set("マニュアル001のデータ")["file_change_user_codes"].clone();
    let login = w.office_login(&office).await;
    w.office = Some(office);
    file_change(w, login, input, None).await;
}

/// What the approved change did to the office's contract: the 業種 of one 利用者ID (the truth,
/// from the simulator's API).
#[then(regex = r"^事業所「([^」]+)」の利用者ID「([^」]+)」の業種は「([^」]+)」である$")]
async fn user_id_industry(w: &mut KitWorld, office: String, id: String, label: String) {
    let offices = w.sim().offices(w.ws()).await;
    let o = offices
        .iter()
        .find(|o| o["office_code"] == office.as_str())
        .unwrap_or_else(|| panic!("no office {office} in the workspace"));
    let u = o["profile"]["issued"]["user_ids"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|u| {
            format!(
                "{}{}",
                u["user_code"].as_str().unwrap_or(""),
                u["ident"].as_str().unwrap_or("")
            ) == id
        })
        .unwrap_or_else(|| panic!("no 利用者ID {id} at {office}: {o}"));
    let code = u["industries"][0].as_str().unwrap_or("");
    let got = crate::domain::lists::Industry::from_code(code).map(|i| i.label());
    assert_eq!(got, Some(label.as_str()), "{u}");
}

/// A hard case: a 仮ログインID cannot file a change (M001: the office's 事業所コード does).
#[when("申込担当者が仮ログインIDでマニュアル001のデータの変更申込を登録しようとする")]
async fn file_change_as_temp(w: &mut KitWorld) {
    let login = w
        .temp_credentials()
        .await
        .expect("no 仮アカウント mail in the workspace");
    file_change(w, login, change_input(), None).await;
}

// ---------------------------------------------------------------------------------------------
// file_system_settings, answer_system_settings_clarification (M004)

fn settings_data() -> &'static Value {
    data_set("マニュアル004のデータ")
}

/// The 申込担当者's address of M004's data.
pub(super) fn settings_address() -> String {
    settings_data()["file_system_settings"]["申込担当者 入力"]["申込担当者に関する項目"]
        ["E-mailアドレス 登録用"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

async fn file_settings(w: &mut KitWorld, office: String, input: Value) {
    let login = w.office_login(&office).await;
    w.office = Some(office);
    let task = w
        .task("file_system_settings", &settings_address())
        .login(&login.0, &login.1)
        .input(input.clone());
    w.filed = Some(input);
    w.client_step(task).await;
}

/// M004 ⑤–⑩, logged in with the office's 事業所コード.
#[when(
    regex = r"^事業所「([^」]+)」の申込担当者がマニュアル004のデータでシステム設定申込を登録する$"
)]
async fn file_system_settings(w: &mut KitWorld, office: String) {
    file_settings(w, office, settings_data()["file_system_settings"].clone()).await;
}

#[when(
    regex = r"^事業所「([^」]+)」の申込担当者がマニュアル004のデータの「([^」]+)」を「([^」]*)」に変えてシステム設定申込を登録する$"
)]
async fn file_settings_changed(w: &mut KitWorld, office: String, field: String, value: String) {
    let mut input = settings_data()["file_system_settings"].clone();
    assert!(
        change_field(&mut input, &field, &value) > 0,
        "the data set has no field 「{field}」"
    );
    file_settings(w, office, input).await;
}

/// M004 ⑤–⑨ again with manual 004's correction (M004 ⑦).
#[when("申込担当者が確認事項に答えてシステム設定申込をマニュアル004のデータのとおり修正する")]
async fn amend_settings(w: &mut KitWorld) {
    let corrections = settings_data()["修正"].clone();
    let number = w.reception_number().await;
    let base = w.filed.clone().unwrap_or_else(|| json!({}));
    w.filed = Some(merged(&base, &corrections));
    answer(
        w,
        "answer_system_settings_clarification",
        json!({"申込受付番号": number, "ボタン": "システム設定申込を修正する", "修正": corrections}),
    )
    .await;
}

#[when("申込担当者が確認事項に答えてシステム設定申込を取り下げる")]
async fn withdraw_settings(w: &mut KitWorld) {
    let number = w.reception_number().await;
    answer(
        w,
        "answer_system_settings_clarification",
        json!({"申込受付番号": number, "ボタン": "システム設定申込を取り下げる"}),
    )
    .await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_is_changed_by_label_or_by_section_and_label() {
        let mut input = json!({"s1": {"a": {"電話番号": "1"}, "b": {"電話番号": "2"}}});
        assert_eq!(change_field(&mut input, "b / 電話番号", "9"), 1);
        assert_eq!(input["s1"]["b"]["電話番号"], "9");
        assert_eq!(change_field(&mut input, "電話番号", "0"), 2);
        assert_eq!(change_field(&mut input, "FAX番号", "0"), 0);
    }
}
