//! 新規利用申込ガイダンス (M000 【14】).

use crate::procedures::{Cx, Step, common};
use crate::screen::form::FormInput;
use crate::screen::{Arrow, Block, Button, Cell, Screen, Table, Text};
use crate::workspace::session::At;

const INTRO: &[&str] = &[
    "NACCSサポートシステム(NSS)から、事業所等の情報を入力することによって利用契約手続きの電子申請を行うことができます。利用申込手続きの進行状況及び内容を確認する必要がある場合には、申込担当者へメール等によりご連絡いたします。",
    "利用申込手続きにあたっては、あらかじめ契約内容のご検討をお願いいたします。",
];

const ITEMS: &[(&str, &str)] = &[
    (
        "事業所情報",
        "企業名、事業所、本社の情報、契約者、管理責任者、申込担当者の氏名及び連絡先、請求先",
    ),
    ("接続形態の選択", "netNACCS、一般NACCS"),
    (
        "利用者コード情報",
        "システム区分、利用業種、識別番号、管理資料(有料・無料)の選択、保税管理資料保存サービスの申込",
    ),
    (
        "回線・論理端末",
        "回線種別、処理方式、論理端末数、サーバ台数(自社システム)",
    ),
    (
        "料金プランの選択",
        "プランA:基本料金+従量料金 プランB:従量料金のみ",
    ),
];

const STEPS: &[&[&str]] = &[
    &[
        "STEP1 事業所情報の入力",
        "申込担当者の登録情報を確認し、事業所の所在地、電話・FAX番号、料金プラン等詳細情報の登録を行います。",
        "申込担当者のメールアドレスは、受付完了又は申込内容の確認メールを送る窓口先となります。",
        "申込内容は、一時保存することができます。",
    ],
    &[
        "STEP2 利用者コード情報の入力",
        "利用者コード毎にシステム区分、利用業種、識別番号等の情報を登録し、申込情報を確定します。",
        "※ シングルサインオンを選択すれば複数の業種を選択することができます。",
    ],
    &[
        "STEP3 利用者コードの取得",
        "NACCSの利用に必要な利用者ID(利用者コード・識別番号)及びパスワードを通知します。",
    ],
    &[
        "STEP4 システム設定",
        "NACCSを利用するために必要なシステム設定情報を登録します。",
        "システム設定情報の登録が実施されない場合、NACCSを利用できません。",
    ],
    &[
        "STEP5 システムサービス利用申込書",
        // procedures.md §11: since 2019-07-21 the 審査終了 counts as filing the form; nothing is
        // posted. M000 (2018) still says to print and post it: the newer rule wins.
        "審査終了をもって「システムサービス利用申込書」の提出があったものとみなします。申込書の印刷・郵送は不要です。",
    ],
];

pub fn view(cx: &mut Cx) -> Screen {
    let mut s = Screen::new("new_application.guidance", "新規利用申込ガイダンス");
    s.intro = INTRO.iter().map(|&l| Text::from(l)).collect();
    s.blocks.push(Block::Table(Table {
        caption: Text::default(),
        columns: vec!["情報項目".into(), "入力内容".into()],
        rows: ITEMS
            .iter()
            .map(|(a, b)| vec![Cell::from(*a), Cell::from(*b)])
            .collect(),
    }));
    s.blocks.push(Block::Text(vec![
        "利用契約手続き(電子申請)の流れは次のとおりです。確認されましたら「次へ進む」のボタンをクリックしてください。".into(),
    ]));
    for step in STEPS {
        s.blocks
            .push(Block::Text(step.iter().map(|&l| Text::from(l)).collect()));
    }
    s.form = Some(common::form(
        cx,
        vec![
            Button::new("op", "quit", "申込をやめる").arrow(Arrow::Back),
            common::next_button(),
        ],
    ));
    s
}

pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    match form.op() {
        // Quitting keeps nothing that was not saved; the temporary ID stays usable.
        "quit" => Step::EndAndGo("login/nsscoapp/".to_string()),
        "next" => {
            prefill(cx);
            Step::Go(At::AppApplicant)
        }
        _ => Step::Refresh,
    }
}

/// The first time through, 申込担当者 is copied from 仮ログイン登録 (M000 【15】) and the 企業名
/// of 事業所・企業 from its 企業名 (M000 【16】(2)).
fn prefill(cx: &mut Cx) {
    let Some(login) = cx.session.temp_id() else {
        return;
    };
    let Some(applicant) = cx.ws.temp_accounts.get(&login).map(|a| a.applicant.clone()) else {
        return;
    };
    let draft = common::draft(cx);
    if draft.applicant.is_empty() {
        for (k, v) in &applicant {
            if k != "company" && k != "company_kana" {
                draft.applicant.insert(k.clone(), v.clone());
            }
        }
    }
    if draft.office.is_empty() {
        for k in ["company", "company_kana"] {
            if let Some(v) = applicant.get(k) {
                draft.office.insert(k.to_string(), v.clone());
            }
        }
    }
}
