//! 変更申込ガイダンス (M001 ③, l.133-173): how a change application goes, STEP1–STEP4, and
//! 「申込内容選択へ進む」. A page of the logged-in NSS: the menu's 「契約内容の変更」 links to
//! it; 契約情報 参照's 「契約情報を変更する」 and 申込内容 参照's 「利用申込を修正する」 open it
//! too, and its back button leads back where the user came from.

use super::{draft, office_code, start};
use crate::application::Draft;
use crate::application::change::ChangeEntry;
use crate::procedures::{Cx, Step, common};
use crate::screen::form::FormInput;
use crate::screen::{Arrow, Block, Button, Screen, Text};

/// The screen's title (M001 l.133, caption 「変更申込ガイダンス画面」).
pub const TITLE: &str = "変更申込ガイダンス";

const INTRO: &[&str] = &[
    "NACCSサポートシステム(NSS)から、現在の契約内容を参照することができます。(「契約内容参照」タブ)「事業所コード」を入力し変更項目を選択すると、変更内容に応じた現在の契約情報が表示されますので、情報の更新を行います。情報を更新した内容は、変更前と変更後を表示した確認画面から確認でき、変更内容を確認し登録することによって変更申込手続きが終了します。変更申込手続きの進行状況及び内容を確認する必要がある場合には、申込担当者へメール等によりご連絡いたします。変更申込手続きに当たっては、あらかじめ契約内容のご検討をお願いいたします。(詳しい説明→nss電子申請情報ページ)",
    "変更申込手続きの流れは次のとおりです。確認されましたら「申込内容選択へ進む」のボタンをクリックしてください。",
];

const STEPS: &[&[&str]] = &[
    &[
        "STEP1 契約内容の確認",
        "NSSに登録している現在の契約情報を確認します。",
        "・契約内容参照タブから確認できます。",
    ],
    &[
        "STEP2 契約変更項目の選択",
        "事業所コードを入力し、変更申込を行う項目を選択します。",
        "・変更項目は複数選択することができます。",
    ],
    &[
        "STEP3 変更情報の入力・確認",
        "現在の契約情報が表示されますので、変更箇所について変更の入力(上書き)します。情報を更新した内容を確認画面から確認します。変更内容を確認し登録することによって変更申込の手続きが終了します。",
        "・変更前・変更後の情報を対照して確認できます。内容に誤りがあった場合には、それぞれの入力画面に戻って内容を修正します。",
        "・変更の必要のない項目については、上書きしないようご注意ください。",
        "・企業情報の変更を行う場合には、同一企業略称の全事業所の情報を変更します。",
    ],
    &[
        "STEP4 契約申込の完了",
        "変更申込み手続きの完了を申込担当者宛てにご連絡いたします。",
        "「システム利用申込書(変更)」は、NSSから参照することができます。(※変更申込の書面による提出は不要です。)",
        "※ 変更内容によっては、別途「システム設定」が必要となる場合があります。",
    ],
];

/// The back button of where the change was entered from (M001 l.171-173 prints the three;
/// one shows, Part 3 Q7).
fn back_button(entry: ChangeEntry) -> Button {
    let (op, label) = match entry {
        ChangeEntry::Menu => ("menu", "メニューに戻る"),
        ChangeEntry::Contract => ("contract", "契約情報参照に戻る"),
        ChangeEntry::Amend => ("detail", "申込情報参照に戻る"),
    };
    Button::new("op", op, label).arrow(Arrow::Back)
}

/// 「申込内容選択へ進む >」 (M001 l.167-168).
fn next_button() -> Button {
    Button::new("op", "next", "申込内容選択へ進む").arrow(Arrow::Forward)
}

pub fn view(cx: &mut Cx, _errors: &crate::screen::spec::FieldErrors) -> Screen {
    let mut s = Screen::new(super::GUIDANCE, TITLE);
    s.intro = INTRO.iter().map(|&l| Text::from(l)).collect();
    let office = office_code(cx).is_some();
    if office {
        // M001 l.167-168 print 「申込内容選択へ進む >」 twice: above the steps (here) and at the
        // foot with the back button.
        s.blocks.push(Block::Buttons(vec![next_button()]));
    }
    for step in STEPS {
        s.blocks
            .push(Block::Text(step.iter().map(|&l| Text::from(l)).collect()));
    }
    if !office {
        // A 仮ログインID files a 新規申込 only (procedures.md §3, §5).
        s.errors.push(super::OFFICE_ONLY.into());
        return s;
    }
    // Reached by the menu's link: a change begins here unless one is under way.
    if !matches!(cx.session.draft, Some(Draft::Change(_))) {
        start(cx, ChangeEntry::Menu);
    }
    let entry = draft(cx).entry;
    s.form = Some(common::form(cx, vec![back_button(entry), next_button()]));
    s
}

pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    if office_code(cx).is_none() {
        return super::not_office();
    }
    match form.op() {
        "next" => Step::Go("change_application.items"),
        "menu" => Step::Go("menu.main"),
        "contract" => Step::Go("contract.detail"),
        "detail" => Step::Go("applications.detail"),
        _ => Step::Refresh,
    }
}
