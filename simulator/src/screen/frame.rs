//! The NSS frame shared by every screen (procedures.md §0).

/// The progress bar of the new-application path (M000 【6】ff): the P1/P2 procedure's steps, put
/// on its screens as `Progress` by `procedures::common::frame`.
pub const PROGRESS_STEPS: [&str; 5] = [
    "仮ログイン登録",
    "仮ログイン登録完了",
    "NACCS利用申込",
    "NACCS利用申込完了",
    "審査完了",
];

/// The tab bar of the new application (M000 【17】ff): display-only, put on its input screens as
/// `Tabs` by `procedures::common::frame`.
pub const APPLICATION_TABS: [&str; 8] = [
    "申込担当者",
    "事業所・企業",
    "利用者",
    "論理端末・証明書",
    "回線・論理端末",
    "メールボックス",
    "料金プラン",
    "請求先",
];

/// The banner of every form screen and every logged-in screen (M004 l.70, 123).
pub const NO_BACK_BUTTON: &str =
    "ブラウザの戻るボタン、複数のタブ・ウィンドウは使用しないでください。";

/// The header's service name and motto.
pub const SERVICE_NAME: &str = "NACCSサポートシステム";
pub const MOTTO: &str = "人・物・国をつなぐ";

/// The contact box printed at the foot of NSS screens (M000 【9】).
pub const CONTACT_HEADING: &str = "お問い合わせ先はこちら";
pub const CONTACT_COMPANY: &str = "輸出入・港湾関連情報処理センター株式会社";
pub const CONTACTS: [(&str, &str, &str); 2] = [
    ("ヘルプデスク", "0120-794-550", "終日"),
    (
        "ソリューション事業推進部 利用契約事務課",
        "044-520-6266",
        "平日 9:00～18:00",
    ),
];
