//! NACCSの利用申込手続き: the steps and the consent to the システム利用規程 (M000 【5】).

use crate::procedures::{Cx, Step, common};
use crate::screen::form::FormInput;
use crate::screen::{Block, Button, Link, Screen, Text};

const STEPS: &[&str] = &[
    "利用申込手続きは、システムを利用する事業所の情報や契約するサービス内容等を登録する「利用契約手続き」のほか、NACCSを利用するためのシステム設定情報を登録する「システム設定」が必要となります。",
    // M000 l.176 prints 「…(詳しい説明は[NCS電子申請情報ページ])」, the OCR's N for the S of
    // 【14】's 「NSS電子申請情報ページ」; in HTML the page name links to `bbs/` (screen::reference).
    "システム利用規程をご確認いただき、利用契約手続き(電子申請)を行ってください。(詳しい説明はNSS電子申請情報ページ)",
];

const STEP1: &[&str] = &[
    "STEP1 NACCSサポートシステム(NSS)へのログイン",
    "NACCSサポートシステム(NSS)は、「利用契約手続き」、「システム設定」のほか、料金請求や契約情報の照会等を行うシステムです。",
    "NSSから「仮ログインID・パスワード」を取得して、利用契約手続きの電子申請を行います。",
    "1. 申込担当者の情報登録を行います。",
    "2. 申込担当者宛てに、NSSの仮ログインID・パスワード、ログイン専用URLを記載したメールが自動送信されます。",
    "3. ログイン専用URLからNSSにログインして、利用契約手続き(電子申請)を行います。",
];

const STEP2: &[&str] = &[
    "STEP2 利用契約手続き(電子申請)",
    "申込担当者の登録情報を確認し、事業所の所在地、電話・FAX番号、料金プラン等の情報登録を行います。",
    "1. NSSの画面遷移に従って、各項目の情報入力を行うことによって「システムサービス利用申込書」が自動作成されます。",
    "2. 入力確認画面から申込内容を確認でき、必要に応じて修正することができます。",
    "3. 申込担当者宛てに、受付完了又は申込内容の確認メールが送信されます。",
    // M000 l.194's item 4 (print the システムサービス利用申込書 and post it) is not shown: since
    // 2019 nothing is printed or posted (procedures.md §11; docs/decisions.md, Issue 15 — entry, G2).
    "※ 回線利用の場合には、別途回線工事日程等の調整が必要になります。",
];

const STEP3: &[&str] = &[
    "STEP3 システム設定",
    "NACCSを利用するためのシステム設定情報を登録します。",
    "1. NSSの画面遷移に従って、各項目の情報を入力します。",
    "2. 入力確認画面から申込内容を確認でき、必要に応じて修正することができます。",
    "3. 申込担当者宛てに、受付完了又は設定内容の確認メールが送信されます。",
    "4. システム設定情報の確定後、利用開始日を通知します。",
];

const CONSENT: &[&str] = &[
    "システム利用規程への同意",
    "NACCSのご利用にあたっては、「システム利用規程」への同意が必要です。",
    "「システム利用規程に同意する」をクリックし、「仮ログインID・パスワード」を取得へお進みください。",
];

fn lines(l: &[&'static str]) -> Vec<Text> {
    l.iter().map(|&s| s.into()).collect()
}

pub fn view(cx: &mut Cx, _errors: &crate::screen::spec::FieldErrors) -> Screen {
    let mut s = Screen::new("temp_account.guidance", "NACCSの利用申込手続き");
    s.intro = lines(STEPS);
    for step in [STEP1, STEP2, STEP3, CONSENT] {
        s.blocks.push(Block::Text(lines(step)));
    }
    s.blocks.push(Block::Links(vec![Link::new(
        "《システム利用規程》",
        cx.url("apply/rules"),
    )]));
    s.form = Some(common::form(
        cx,
        vec![
            Button::new("op", "agree", "システム利用規程に同意する"),
            Button::new("op", "disagree", "システム利用規程に同意しない"),
        ],
    ));
    s
}

pub fn submit(_cx: &mut Cx, form: &FormInput) -> Step {
    match form.op() {
        "agree" => Step::Next,
        // Not agreeing ends the procedure; the user is back on the bulletin board.
        "disagree" => Step::EndAndGo("bbs/".to_string()),
        _ => Step::Refresh,
    }
}
