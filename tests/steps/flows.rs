//! Whole stretches of the manual's procedure with the manual's own data (M000 【6】–【24】), for
//! backgrounds and for scenarios about something further on. The happy-path features walk the
//! same screens one step at a time.

use super::NssWorld;
use cucumber::{given, when};
use nss_simulator::kit::manual;

/// 申込担当者 入力 of the 仮ログイン登録, as manual 000 fills it (M000 【6】).
fn temp_input() -> Vec<(String, String)> {
    manual::pairs("register_temp_account", "申込担当者 入力")
}

#[given("マニュアルの申込担当者情報を入力する")]
#[when("マニュアルの申込担当者情報を入力する")]
async fn type_manual_applicant(w: &mut NssWorld) {
    w.pending = temp_input();
}

#[given("マニュアルの事業所・企業情報を入力する")]
#[when("マニュアルの事業所・企業情報を入力する")]
async fn type_manual_office(w: &mut NssWorld) {
    w.pending = manual::pairs("file_application", "事業所・企業 入力");
}

/// M000 【4】–【10】: 新規申込 → 同意 → 入力 → 確認 → 登録, then the mail.
#[given("マニュアルのデータで仮ログインID・パスワードを取得している")]
#[when("マニュアルのデータで仮ログインID・パスワードを取得する")]
async fn temp_account(w: &mut NssWorld) {
    w.open("apply/").await;
    w.press("システム利用規程に同意する").await;
    w.pending = temp_input();
    w.press("申込内容確認へ進む").await;
    assert_eq!(
        w.screen().id(),
        "temp_account.confirm",
        "エラー: {:?}",
        w.screen().errors()
    );
    w.press("申込内容を登録する").await;
    assert_eq!(w.screen().id(), "temp_account.complete");
    w.credentials = None;
    w.credentials().await;
}

#[given("メールで届いた仮ログインIDと仮パスワードでログインしている")]
#[when("メールで届いた仮ログインIDと仮パスワードでログインする")]
async fn login(w: &mut NssWorld) {
    w.login_with_mailed_credentials().await;
}

/// Another PC, or the same one after the window was closed: no cookies.
#[when("別のブラウザで、メールで届いた仮ログインIDと仮パスワードでログインする")]
async fn login_elsewhere(w: &mut NssWorld) {
    w.new_browser().await;
    w.login_with_mailed_credentials().await;
}

/// M000 【4】–【15】: up to 事業所・企業 入力.
#[given("マニュアルのデータで「事業所・企業 入力」画面まで進んでいる")]
async fn up_to_office(w: &mut NssWorld) {
    up_to_applicant(w).await;
    w.pending = manual::pairs("file_application", "申込担当者 入力")
        .into_iter()
        .filter(|(l, _)| l.ends_with("申込理由"))
        .collect();
    w.press("次へ進む").await;
    assert_eq!(
        w.screen().id(),
        "new_application.office",
        "エラー: {:?}",
        w.screen().errors()
    );
}

/// M000 【4】–【14】: up to 申込担当者 入力 of the new application.
#[given("マニュアルのデータで「申込担当者 入力」画面まで進んでいる")]
async fn up_to_applicant(w: &mut NssWorld) {
    temp_account(w).await;
    w.login_with_mailed_credentials().await;
    assert_eq!(
        w.screen().id(),
        "new_application.guidance",
        "エラー: {:?}",
        w.screen().errors()
    );
    w.press("次へ進む").await;
    assert_eq!(w.screen().id(), "new_application.applicant");
}

/// M000 【14】–【24】 from the guidance, then 「申込内容を登録する」.
#[given("マニュアルのデータで利用申込を登録している")]
#[when("マニュアルのデータで利用申込を登録する")]
async fn register_application(w: &mut NssWorld) {
    w.b().fill_application().await;
    w.press("申込内容を登録する").await;
    assert_eq!(
        w.screen().id(),
        "new_application.complete",
        "エラー: {:?}",
        w.screen().errors()
    );
}
