//! The workspace and its clock, what the kit does itself before the client's steps (`前提`, with
//! the built-in client: the client under test is verified only on its own steps), and the
//! NACCS center's decisions through the simulator API. Tests never sleep: time moves on the
//! workspace clock.

use super::{Q, data_set, jst};
use crate::kit::data;
use crate::kit::world::KitWorld;
use cucumber::{given, then, when};
use serde_json::json;

/// The seed of every scenario's workspace: same seed, same IDs and mails (and snapshots).
pub const SEED: u64 = 42;

#[given(regex = r"^(\d{4})年(\d{1,2})月(\d{1,2})日(\d{1,2})時(\d{1,2})分のワークスペースがある$")]
async fn workspace_at(w: &mut KitWorld, year: u32, month: u32, day: u32, hour: u32, minute: u32) {
    let ws = w
        .sim()
        .workspace(SEED, &jst(year, month, day, hour, minute))
        .await;
    w.log.ws = Some(ws);
}

/// A workspace from a fixture preset (`GET /_sim/api/fixtures`): manual 000's application
/// already registered, under a 確認事項, or approved.
#[given(expr = "フィクスチャ{q}のワークスペースがある")]
async fn workspace_from(w: &mut KitWorld, fixture: Q) {
    let ws = w.sim().workspace_from(SEED, &fixture.0).await;
    // The presets replay manual 000's data; the scenario is about their 利用申込.
    w.number = w
        .sim()
        .applications(&ws)
        .await
        .into_iter()
        .find(|a| a["kind_code"] == "new")
        .and_then(|a| a["reception_number"].as_str().map(str::to_string));
    w.log.ws = Some(ws);
    w.filed = Some(data::manual000()["file_application"].clone());
}

#[given(regex = r"^(?:(\d+)時間)?(?:(\d+)分)?が経過した$")]
#[when(regex = r"^(?:(\d+)時間)?(?:(\d+)分)?が経過する$")]
async fn time_passes(w: &mut KitWorld, hours: String, minutes: String) {
    let number = |s: &str| s.parse::<u32>().unwrap_or(0);
    let (hours, minutes) = (number(&hours), number(&minutes));
    assert!(hours + minutes > 0, "経過する時間がありません");
    w.sim()
        .advance(w.ws(), &format!("PT{hours}H{minutes}M"))
        .await;
}

#[given(regex = r"^日時が(\d{4})年(\d{1,2})月(\d{1,2})日(\d{1,2})時(\d{1,2})分になった$")]
#[when(regex = r"^日時が(\d{4})年(\d{1,2})月(\d{1,2})日(\d{1,2})時(\d{1,2})分になる$")]
async fn clock_set(w: &mut KitWorld, year: u32, month: u32, day: u32, hour: u32, minute: u32) {
    w.sim()
        .set_clock(w.ws(), &jst(year, month, day, hour, minute))
        .await;
}

// ---------------------------------------------------------------------------------------------
// What the kit does itself

/// M000 【4】–【10】, done by the kit.
#[given(
    regex = r"^(マニュアルのデータ|拡張データ|マニュアル002のデータ|マニュアル003のデータ|回線付きの一般NACCSデータ)で仮ログイン登録がされている$"
)]
async fn temp_account_registered(w: &mut KitWorld, set: String) {
    let set = data_set(&set);
    let address = data::address(set).unwrap_or_default();
    let task = w
        .task("register_temp_account", address)
        .input(set["register_temp_account"].clone());
    w.kit_does(task).await;
}

/// M000 【4】–【24】, done by the kit: the 仮ログイン登録 and the application.
#[given(
    regex = r"^(マニュアルのデータ|拡張データ|マニュアル002のデータ|マニュアル003のデータ|回線付きの一般NACCSデータ)で利用申込が登録されている$"
)]
async fn application_registered(w: &mut KitWorld, set: String) {
    temp_account_registered(w, set.clone()).await;
    let set = data_set(&set);
    let (id, password) = w
        .temp_credentials()
        .await
        .expect("the kit's 仮アカウント mail");
    let task = w
        .task("file_application", data::address(set).unwrap_or_default())
        .login(&id, &password)
        .input(set["file_application"].clone());
    w.kit_does(task).await;
    w.filed = Some(set["file_application"].clone());
}

/// M001 手順④ by the office, done by the kit.
#[given(regex = r"^事業所「([^」]+)」の変更申込がマニュアル001のデータで登録されている$")]
async fn change_registered(w: &mut KitWorld, office: String) {
    let (code, password) = w.office_login(&office).await;
    let input = data_set("マニュアル001のデータ")["file_change_application"].clone();
    let task = w
        .task("file_change_application", super::tasks::M001_ADDRESS)
        .login(&code, &password)
        .input(input.clone());
    w.kit_does(task).await;
    w.office = Some(office);
    w.filed = Some(input);
}

/// M004 ⑤–⑩ by the office, done by the kit.
#[given(regex = r"^事業所「([^」]+)」のシステム設定申込がマニュアル004のデータで登録されている$")]
async fn settings_registered(w: &mut KitWorld, office: String) {
    let (code, password) = w.office_login(&office).await;
    let input = data_set("マニュアル004のデータ")["file_system_settings"].clone();
    let task = w
        .task("file_system_settings", &super::tasks::settings_address())
        .login(&code, &password)
        .input(input.clone());
    w.kit_does(task).await;
    w.office = Some(office);
    w.filed = Some(input);
}

// ---------------------------------------------------------------------------------------------
// The NACCS center (M001 2.–3., M004): its decisions on the scenario's application (a
// 利用申込 — 新規 or 変更 — or a システム設定申込)

#[given(regex = r"^NACCSセンターが(?:利用申込|変更申込|システム設定申込)を承認した$")]
#[when(regex = r"^NACCSセンターが(?:利用申込|変更申込|システム設定申込)を承認する$")]
async fn approve(w: &mut KitWorld) {
    let number = w.reception_number().await;
    let (status, answer) = w
        .sim()
        .review(w.ws(), &number, json!({"decision": "approve"}))
        .await;
    check_eq!(status, 200, "the center cannot approve {number}: {answer}");
}

#[given(
    regex = r"^NACCSセンターが(?:利用申込|変更申込|システム設定申込)について確認事項「(.+)」を送った$"
)]
#[when(
    regex = r"^NACCSセンターが(?:利用申込|変更申込|システム設定申込)について確認事項「(.+)」を送る$"
)]
async fn clarify(w: &mut KitWorld, message: String) {
    let number = w.reception_number().await;
    let (status, answer) = w
        .sim()
        .review(
            w.ws(),
            &number,
            json!({"decision": "clarify", "message": message}),
        )
        .await;
    check_eq!(
        status,
        200,
        "the center cannot ask about {number}: {answer}"
    );
}

#[given("NACCSセンターがデジタル証明書を発行した")]
#[when("NACCSセンターがデジタル証明書を発行する")]
async fn issue_certificates(w: &mut KitWorld) {
    let number = w.reception_number().await;
    let (status, answer) = w
        .sim()
        .review(w.ws(), &number, json!({"decision": "issue_certificates"}))
        .await;
    check_eq!(
        status,
        200,
        "the center cannot issue the certificates of {number}: {answer}"
    );
}

/// The center has no certificate to issue (an office without terminals of its own: 機器共用,
/// a 一般NACCS office without a line).
#[then("NACCSセンターはデジタル証明書を発行できない")]
async fn no_certificates(w: &mut KitWorld) {
    let number = w.reception_number().await;
    let (status, answer) = w
        .sim()
        .review(w.ws(), &number, json!({"decision": "issue_certificates"}))
        .await;
    check_eq!(
        status,
        409,
        "the center issued certificates for {number}: {answer}"
    );
}
