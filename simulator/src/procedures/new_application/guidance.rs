//! 新規利用申込ガイダンス (M000 【14】).

use crate::application::Slot;
use crate::procedures::fields::ScreenForm;
use crate::procedures::{Cx, Step, common};
use crate::screen::form::FormInput;
use crate::screen::{Arrow, Block, Button, Cell, Screen, Table, Text};

const INTRO: &[&str] = &[
    "NACCSサポートシステム(NSS)から、事業所等の情報を入力することによって利用契約手続きの電子申請を行うことができます。利用申込手続きの進行状況及び内容を確認する必要がある場合には、申込担当者へメール等によりご連絡いたします。",
    "利用申込手続きにあたっては、あらかじめ契約内容のご検討をお願いいたします。",
    // M003 l.197 (2023); M000 l.626 「(詳しい説明は[NSS電子申請情報ページ])」. In HTML the
    // bracketed names link to `bbs/` (screen::reference).
    "(詳細は「説明」・「NSS電子申請情報」へ)",
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

/// STEP1–STEP5 as M003 prints them (l.206–253, 2023), the newest capture of the screen; where its
/// OCR is damaged, M000 【14】's text of the same lines (l.633–676).
const STEPS: &[&[&str]] = &[
    &[
        "STEP1 事業所情報の入力",
        "申込担当者の登録情報を確認し、事業所の所在地、電話・FAX番号、料金プラン等詳細情報の登録を行います。",
        "申込担当者のメールアドレスは、受付完了又は申込内容の確認メールを送る通知先となります。",
        "申込内容は、一時保存することができます。",
    ],
    &[
        "STEP2 利用者コード情報の入力",
        "netNACCS",
        "利用者コード毎にシステム区分、利用業種、識別番号等の情報を登録し、申込情報を確定します。",
        "利用者コードのシステム区分、利用業種を選択し、処理方式、必要な識別番号(個数)を入力して利用者コード情報を設定します。",
        "※ シングルサインオンを選択すれば複数の業種を選択することができます。",
        "設定した利用者コード情報は、利用業種別に一覧表示されます。",
        "管理資料(有料・無料)及び保税管理資料保存サービスの要否を選択して、利用者コード情報を確定します。",
        "使用する論理端末数またはwebNACCS用デジタル証明書数を入力します。",
        "料金プランの選択を行い、請求先情報を入力します。申込内容を入力確認画面で確認することができます。",
    ],
    &[
        "一般NACCS",
        "利用者コード毎にシステム区分、利用業種、識別番号等の情報を登録し、申込情報を確定します。回線を利用する場合には、回線サービス・端末に関する情報を入力し、回線工事の日程調整等のため、工事担当者等の登録を行います。",
        "利用者コードのシステム区分、利用業種を選択し、処理方式、必要な識別番号(個数)を入力して利用者コード情報を設定します。",
        "※ シングルサインオンを選択すれば複数の業種を選択することができます。",
        "設定した利用者コード情報は、利用業種別に一覧表示されます。",
        "管理資料(有料・無料)及び保税管理資料保存サービスの要否を選択して、利用者コード情報を確定します。",
        "回線サービスに関する情報(工事希望日、処理方式、回線種別、回線設置場所等)を登録します。",
        "登録した回線情報は、申込情報(回線・論理端末)に一覧表示されます。",
        "回線工事に関する項目(工事事務担当者、工事立会者)を入力します。",
        "SMTP/POP3およびEDIFACTを利用される方のみ、メールボックス数を入力します。",
        "料金プランの選択を行い、請求先情報を入力します。申込内容を入力確認画面で確認することができます。",
    ],
    &[
        "STEP3 利用者コードの取得",
        "NACCSの利用に必要な利用者ID(利用者コード・識別番号)及びパスワードを通知します。",
    ],
    &[
        "STEP4 システム設定申込",
        "NACCSを利用するために必要なシステム設定情報を登録します。システム設定申込が実施されない場合、NACCSを利用できません。",
    ],
    &[
        // M000 (2018) printed 「STEP5 システムサービス利用申込書の送付」 (print and post the form);
        // since 2019 nothing is posted (procedures.md §11) and M003 (2023) prints this step.
        "STEP5 契約申込の完了",
        "申込手続きの完了を申込担当者宛てにメールで通知いたします。",
        "※ システム設定申込が期日までに終わらない場合、お申込はキャンセルとなります。期限内に必ずシステム設定申込をお願いします。",
    ],
];

pub fn view(cx: &mut Cx, _errors: &crate::screen::spec::FieldErrors) -> Screen {
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
            Step::Next
        }
        _ => Step::Refresh,
    }
}

/// The first time through, 申込担当者 is copied from 仮ログイン登録 (M000 【15】) and the 企業名
/// of 事業所・企業 from its 企業名 (M000 【16】(2)): as input to check, not yet accepted.
fn prefill(cx: &mut Cx) {
    let Some(login) = cx.session.temp_id() else {
        return;
    };
    let Some(applicant) = cx
        .ws
        .state
        .temp_accounts
        .get(login)
        .map(|a| a.applicant.clone())
    else {
        return;
    };
    let mut values = applicant.to_values();
    let draft = cx.new_draft();
    if matches!(draft.office, Slot::Empty) {
        let office = ["company", "company_kana"]
            .into_iter()
            .filter_map(|k| values.get(k).map(|v| (k.to_string(), v.clone())))
            .collect();
        draft.office = Slot::Unchecked(office);
    }
    if matches!(draft.applicant, Slot::Empty) {
        values.remove("company");
        values.remove("company_kana");
        draft.applicant = Slot::Unchecked(values);
    }
}
