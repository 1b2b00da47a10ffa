//! システム設定申込ガイダンス: named in M004's breadcrumb only (l.193, 238, 279, 333); its
//! content is not printed (audit Part 3 Q24). The lines are the manuals' own sentences about
//! システム設定: M002 3.1 (l.879-880, 「名称等の英文入力は必須です。」 l.908), M003 STEP4
//! (l.246-248) and M004's screens; the steps are the progress bar's (docs/decisions.md
//! "Issue 13", Q24).

use super::applicant::prefill;
use crate::application::ApplicationStatus;
use crate::procedures::{Cx, Step, common};
use crate::screen::form::FormInput;
use crate::screen::{Arrow, Block, Button, Screen, Text};

pub const TITLE: &str = "システム設定申込ガイダンス";

const INTRO: &[&str] = &[
    "NACCSを利用するために必要なシステム設定情報を登録します。",
    "「ID通知内容」で確認できる利用者コードに基づき、システム設定の申込が必要となります。",
    "システム設定申込が実施されない場合、NACCSを利用できません。",
];

const STEPS: &[&[&str]] = &[
    &[
        "1 申込担当者の入力",
        "システム設定申込を行う担当者の情報を入力します。申込担当者のメールアドレスは、受付完了又は申込内容の確認メールを送る窓口先となります。",
    ],
    &[
        "2 システム設定情報の登録",
        "利用者コードごとに、名称（英字）の登録・変更、およびパスワード初期化を行う利用者IDを入力します。",
        "名称等の英文入力は必須です。",
        "申込内容は、一時保存することができます。",
    ],
    &["3 入力内容の確認", "入力した内容を確認し、登録します。"],
    &[
        "4 申請完了",
        "システム設定申込の受付完了を申込担当者および管理責任者宛てにメールで通知します。審査完了後、確認完了のメールでお知らせします。",
    ],
];

pub fn view(cx: &mut Cx, _errors: &crate::screen::spec::FieldErrors) -> Screen {
    let mut s = Screen::new("system_settings.guidance", TITLE);
    s.intro = INTRO.iter().map(|&l| Text::from(l)).collect();
    for step in STEPS {
        s.blocks
            .push(Block::Text(step.iter().map(|&l| Text::from(l)).collect()));
    }
    if let Some(deadline) = deadline(cx) {
        // The date the ID通知内容 prints (docs/decisions.md "Issue 13", Q1).
        s.blocks.push(Block::Text(vec![
            format!(
                "※システム設定申込締切日：{}　締切日までにシステム設定申込が行われない場合、利用申込は無効となります。",
                crate::clock::format_date(deadline)
            )
            .into(),
        ]));
    }
    s.form = Some(common::form(
        cx,
        vec![
            Button::new("op", "menu", "メニューに戻る").arrow(Arrow::Back),
            common::next_button(),
        ],
    ));
    s
}

/// The システム設定申込締切日 of the approved 利用申込 that created the office, while it runs.
fn deadline(cx: &Cx) -> Option<chrono::NaiveDate> {
    let code = super::office_code(cx)?;
    cx.ws
        .state
        .applications
        .iter()
        .filter(|a| a.status == ApplicationStatus::Approved)
        .filter_map(|a| a.issued.as_ref())
        .find(|i| i.ids.office_code == code)
        .map(|i| i.settings_deadline)
        .filter(|d| *d >= cx.now.date_naive())
}

pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    match form.op() {
        // Nothing entered is kept: the draft goes with the session's position.
        "menu" => {
            cx.session.draft = None;
            Step::Go("menu.main")
        }
        // The guidance is a page (not a step of the sequence): the first step by name.
        "next" => {
            prefill(cx);
            Step::Go("system_settings.applicant")
        }
        _ => Step::Refresh,
    }
}
