//! What the screens of the procedures share: the frame, the navigation buttons, the sections
//! that several screens print (a person, an address), and draft handling.

use super::{Cx, Step, path_of};
use crate::screen::frame::{APPLICATION_TABS, NO_BACK_BUTTON, PROGRESS_STEPS};
use crate::screen::spec::Opt;
use crate::screen::{Arrow, Button, Form, Progress, Screen, SessionBanner, Tabs};
use crate::workspace::application::ApplicationDraft;
use crate::workspace::session::{At, Login};

/// Decorates a screen with the NSS frame for where the session stands (procedures.md §0).
pub fn frame(screen: &mut Screen, cx: &Cx) {
    let at = cx.session.at;
    // The P1/P2 progress bar and tab bar (M000 【6】, 【17】ff), until the procedure registry
    // declares them per procedure.
    let step = match at {
        At::TempInput | At::TempConfirm => Some(0),
        At::TempComplete => Some(1),
        At::AppGuidance
        | At::AppApplicant
        | At::AppOffice
        | At::AppUsers
        | At::AppUserDetail
        | At::AppTerminals
        | At::AppPlan
        | At::AppBilling
        | At::AppConfirm => Some(2),
        At::AppComplete => Some(3),
        At::TempGuidance
        | At::Menu
        | At::Applications
        | At::ApplicationDetail
        | At::IdNotice
        | At::Contract
        | At::Password
        | At::Invoices => None,
    };
    if let Some(current) = step {
        screen.progress = Some(Progress {
            steps: &PROGRESS_STEPS,
            current,
        });
    }
    let tab = match at {
        At::AppApplicant => Some("申込担当者"),
        At::AppOffice => Some("事業所・企業"),
        At::AppUsers | At::AppUserDetail => Some("利用者"),
        At::AppTerminals => Some("論理端末・証明書"),
        At::AppPlan => Some("料金プラン"),
        At::AppBilling => Some("請求先"),
        _ => None,
    };
    // A screen with a tab bar of its own (the 参照 screens) keeps it.
    if let Some(tab) = tab {
        screen.tabs = Tabs::display(&APPLICATION_TABS, tab);
    }
    if let Some(login) = &cx.session.login {
        let (company, office) = banner_names(cx, login);
        screen.session = Some(SessionBanner {
            login_id: login.id().to_string(),
            since: crate::clock::format_minute(cx.session.started_at),
            company,
            office,
        });
    }
    if let Some(form) = &mut screen.form {
        form.hidden
            .insert(0, ("_flow".to_string(), cx.session.flow_token.clone()));
        screen.notices.insert(0, NO_BACK_BUTTON.into());
    }
}

/// The form of the session's current screen with these bottom buttons.
pub fn form(cx: &Cx, buttons: Vec<Button>) -> Form {
    Form {
        action: cx.url(path_of(cx.session.at)),
        hidden: Vec::new(),
        multipart: false,
        buttons,
    }
}

/// 「< 前に戻る」.
pub fn back_button() -> Button {
    Button::new("op", "back", "前に戻る").arrow(Arrow::Back)
}

/// 「申込内容を一時保存する」 (M000 【参考】: saves, then the login page).
pub fn save_button() -> Button {
    let mut b = Button::new("op", "save", "申込内容を一時保存する");
    b.confirm = Some(SAVE_CONFIRM.into());
    b
}

/// The dialog before 一時保存: the manual shows a Web message whose OK returns to the login page;
/// its text is not printed, so this one says what happens.
pub const SAVE_CONFIRM: &str = "申込内容を一時保存してログアウトします。よろしいですか？";

/// 「次へ進む >」.
pub fn next_button() -> Button {
    Button::new("op", "next", "次へ進む").arrow(Arrow::Forward)
}

/// The three buttons of every new-application input screen (M000 【17】).
pub fn nav_buttons() -> Vec<Button> {
    vec![back_button(), save_button(), next_button()]
}

/// The draft of the session (created empty if missing).
pub fn draft<'a>(cx: &'a mut Cx) -> &'a mut ApplicationDraft {
    cx.session
        .draft
        .get_or_insert_with(ApplicationDraft::default)
}

/// 一時保存: keeps the draft with the temporary account and ends the session (M000 【参考】).
/// The 48-hour life of the ID is not extended (M002).
pub fn save_and_logout(cx: &mut Cx) -> Step {
    let at = cx.session.at;
    if let (Some(login), Some(draft)) = (cx.session.temp_id(), cx.session.draft.as_mut()) {
        draft.at = Some(at);
        let kept = draft.clone();
        if let Some(account) = cx.ws.temp_accounts.get_mut(&login) {
            account.saved_draft = Some(kept);
        }
    }
    Step::EndAndGo("login/nsscoapp/?saved=1".to_string())
}

/// Options 「事業所に同じ」/「その他(下欄に入力してください)」 (本社 所在地, 請求先 所在地).
pub const SAME_AS_OFFICE: &[Opt] = &[
    Opt {
        code: "same",
        label: "事業所に同じ",
        short: "事業所に同じ",
    },
    Opt {
        code: "other",
        label: "その他(下欄に入力してください)",
        short: "その他",
    },
];

/// The notes printed beside phone and FAX inputs.
pub const NO_HYPHEN: &[&str] = &["「-」(ハイフン)を入力せずに、数字のみ入力してください。"];
/// The note beside 郵便番号.
pub const POSTAL_NOTE: &[&str] =
    &["郵便番号を入力し「反映」ボタンをクリックすると、住所が反映されます。"];
/// The note beside 住所(その他).
pub const ADDRESS_NOTE: &[&str] =
    &["建物名、フロア階数および部屋番号がある場合は、入力してください。"];
/// The note beside 企業名.
pub const COMPANY_NOTE: &[&str] = &[
    "法人の場合は、法人格も含めて入力してください。",
    "例) 〇〇〇〇株式会社、有限会社△△△△",
    "個人企業の場合は、屋号または商号を入力してください。",
];

/// Rows of an address block (郵便番号 + 反映, 都道府県, 市区町村, その他, フリガナ), optionally
/// only read when `when` holds. `prefix` names the fields (`office_`, `hq_`, `billing_`).
#[macro_export]
macro_rules! address_rows {
    ($prefix:literal, $reflect:literal, $req:expr) => {
        [
            $crate::screen::spec::RowSpec {
                label: "郵便番号",
                fields: &[$crate::screen::spec::FieldSpec::text(concat!($prefix, "postal"))
                    .fmt($crate::screen::spec::Fmt::Postal)
                    .req($req)
                    .example("例) 1234567")
                    .button($reflect, "反映")],
                notes: $crate::procedures::common::POSTAL_NOTE,
            },
            $crate::screen::spec::RowSpec {
                label: "住所(都道府県)",
                fields: &[$crate::screen::spec::FieldSpec::text(concat!($prefix, "prefecture"))
                    .fmt($crate::screen::spec::Fmt::Zenkaku)
                    .req($req)
                    .max(4)],
                notes: &[],
            },
            $crate::screen::spec::RowSpec {
                label: "住所(市区町村)",
                fields: &[$crate::screen::spec::FieldSpec::text(concat!($prefix, "city"))
                    .fmt($crate::screen::spec::Fmt::Zenkaku)
                    .req($req)
                    .max(40)
                    .example("例) 品川区")],
                notes: &[],
            },
            $crate::screen::spec::RowSpec {
                label: "住所(その他)",
                fields: &[$crate::screen::spec::FieldSpec::text(concat!($prefix, "street"))
                    .fmt($crate::screen::spec::Fmt::Zenkaku)
                    .req($req)
                    .max(60)
                    .example("例) 大崎1-2-3 ABCビル 3階 302号")],
                notes: $crate::procedures::common::ADDRESS_NOTE,
            },
            $crate::screen::spec::RowSpec {
                label: "住所(フリガナ)",
                fields: &[$crate::screen::spec::FieldSpec::text(concat!($prefix, "address_kana"))
                    .fmt($crate::screen::spec::Fmt::Katakana)
                    .req($req)
                    .max(100)
                    .example("例) シナガワクオオサキ1-2-3 エービーシービル 3カイ 302ゴウ")],
                notes: &[],
            },
        ]
    };
}

/// The person rows 氏名 姓/名 and 氏名(フリガナ) 姓/名, with `prefix` naming the fields.
#[macro_export]
macro_rules! name_rows {
    ($prefix:literal, $req:expr) => {
        [
            $crate::screen::spec::RowSpec {
                label: "氏名",
                fields: &[
                    $crate::screen::spec::FieldSpec::text(concat!($prefix, "last_name"))
                        .part("姓")
                        .fmt($crate::screen::spec::Fmt::Zenkaku)
                        .req($req)
                        .max(20)
                        .example("例) 通関"),
                    $crate::screen::spec::FieldSpec::text(concat!($prefix, "first_name"))
                        .part("名")
                        .fmt($crate::screen::spec::Fmt::Zenkaku)
                        .req($req)
                        .max(20)
                        .example("例) 太郎"),
                ],
                notes: &[],
            },
            $crate::screen::spec::RowSpec {
                label: "氏名(フリガナ)",
                fields: &[
                    $crate::screen::spec::FieldSpec::text(concat!($prefix, "last_name_kana"))
                        .part("姓")
                        .fmt($crate::screen::spec::Fmt::Katakana)
                        .req($req)
                        .max(20)
                        .example("例) ツウカン"),
                    $crate::screen::spec::FieldSpec::text(concat!($prefix, "first_name_kana"))
                        .part("名")
                        .fmt($crate::screen::spec::Fmt::Katakana)
                        .req($req)
                        .max(20)
                        .example("例) タロウ"),
                ],
                notes: &[],
            },
        ]
    };
}

/// Fills a section's 住所(都道府県) and 住所(市区町村) from its 郵便番号 (「反映」, M000 【16】(2)).
/// Returns the error to show when the code is malformed or unknown.
pub fn reflect_postal(
    values: &mut crate::screen::spec::Values,
    prefix: &str,
) -> Option<(String, String)> {
    let field = format!("{prefix}postal");
    let code = values.get(&field).cloned().unwrap_or_default();
    match crate::domain::format::PostalCode::parse(&code) {
        Err(e) => Some((field, e.message("郵便番号"))),
        Ok(code) => match crate::domain::postal::lookup(code.as_str()) {
            Some(addr) => {
                values.insert(format!("{prefix}prefecture"), addr.prefecture.to_string());
                values.insert(format!("{prefix}city"), addr.city.to_string());
                None
            }
            None => Some((
                field,
                "入力された郵便番号に該当する住所が見つかりません。".to_string(),
            )),
        },
    }
}

/// The company and office the header names once they are known (M000 【完了】, M001 メニュー).
fn banner_names(cx: &Cx, login: &Login) -> (Option<String>, Option<String>) {
    let non_empty = |v: Option<&String>| v.filter(|v| !v.is_empty()).cloned();
    match login {
        Login::Office(code) => match cx.ws.offices.get(code) {
            Some(o) => (
                Some(o.profile.company.clone()),
                Some(o.profile.office_name.clone()),
            ),
            None => (None, None),
        },
        Login::Temp(id) => {
            let office = cx.session.draft.as_ref().map(|d| &d.office).or_else(|| {
                let number = cx.ws.temp_accounts.get(id)?.application.as_ref()?;
                Some(&cx.ws.application(number)?.content.office)
            });
            match office {
                Some(o) => (non_empty(o.get("company")), non_empty(o.get("office_name"))),
                None => (None, None),
            }
        }
    }
}
