//! What the screens of the procedures share: the frame, the navigation buttons, the sections
//! that several screens print (a person, an address), and draft handling.

use super::registry::{self, ScreenDef};
use super::{Cx, Step};
use crate::application::SavedDraft;
use crate::screen::frame::NO_BACK_BUTTON;
use crate::screen::spec::Opt;
use crate::screen::{Arrow, Button, Form, Progress, Screen, SessionBanner, Tabs};
use crate::workspace::session::Login;

/// Decorates a screen with the NSS frame for where the session stands (procedures.md §0): the
/// progress bar and tab bar its procedure declares, the login banner, the flow token.
pub fn frame(screen: &mut Screen, cx: &Cx, def: &ScreenDef) {
    if let Some(p) = registry::procedure_of(def.id) {
        if let Some(current) = def.progress {
            screen.progress = Some(Progress {
                steps: p.progress,
                current,
            });
        }
        // A screen with a tab bar of its own (the 参照 screens) keeps it.
        if let Some(tab) = def.tab {
            screen.tabs = Tabs::display(p.tabs, tab);
        }
    }
    if let Some(login) = &cx.session.login {
        let (company, office) = banner_names(cx, login);
        screen.session = Some(SessionBanner {
            login_id: login.id().to_string(),
            since: crate::clock::format_minute(cx.session.started_at),
            company,
            office,
            logout: cx.url("logout"),
        });
    }
    if let Some(form) = &mut screen.form {
        form.hidden
            .insert(0, ("_flow".to_string(), cx.session.flow_token.clone()));
    }
    // The banner heads every form screen and every logged-in screen: the main menu (M004 l.70)
    // and the 参照 screens without a form (M004 l.123; audit M-10).
    if screen.form.is_some() || cx.session.login.is_some() {
        screen.notices.insert(0, NO_BACK_BUTTON.into());
    }
}

/// The form of the session's current screen with these bottom buttons.
pub fn form(cx: &Cx, buttons: Vec<Button>) -> Form {
    let path = registry::screen(cx.session.at.as_str()).map_or("", |d| d.path);
    Form {
        action: cx.url(path),
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

/// 一時保存: keeps the draft with its filer, to resume on this screen at the next login, and ends
/// the session (M000 【参考】). The 48-hour life of a temporary ID is not extended (M002).
pub fn save_and_logout(cx: &mut Cx) -> Step {
    if let (Some(filer), Some(draft)) = (cx.session.filer(), cx.session.draft.clone()) {
        cx.ws.save_draft(SavedDraft {
            filer,
            at: cx.session.at.clone(),
            draft,
        });
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
/// The notes beside 郵便番号: the hyphen note (M000 l.869, 918, 1431), then 「反映」's.
pub const POSTAL_NOTE: &[&str] = &[
    NO_HYPHEN[0],
    "郵便番号を入力し「反映」ボタンをクリックすると、住所が反映されます。",
];
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
                // No hint: M000 l.855, 911, 1426 print none beside 住所(都道府県) (「反映」 fills it).
                fields: &[$crate::screen::spec::FieldSpec::text(concat!($prefix, "prefecture"))
                    .fmt($crate::screen::spec::Fmt::Zenkaku)
                    .no_hint()
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
// M000 l.241–242, M003 l.105–106: one example per row, after the row's last input, for the whole
// name (「例) 通関 太郎」), and the hint (全角) once: the HTML row prints a hint once where inputs
// share it and only the last carries the example (screen::html::row); JSON keeps each input's
// hint, its format.
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
                        .max(20),
                    $crate::screen::spec::FieldSpec::text(concat!($prefix, "first_name"))
                        .part("名")
                        .fmt($crate::screen::spec::Fmt::Zenkaku)
                        .req($req)
                        .max(20)
                        .example("例) 通関 太郎"),
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
                        .max(20),
                    $crate::screen::spec::FieldSpec::text(concat!($prefix, "first_name_kana"))
                        .part("名")
                        .fmt($crate::screen::spec::Fmt::Katakana)
                        .req($req)
                        .max(20)
                        .example("例) ツウカン タロウ"),
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
    match login {
        Login::Office(code) => match cx.ws.state.offices.get(code) {
            Some(o) => (
                Some(o.contract.company.clone()),
                Some(o.contract.office_name.clone()),
            ),
            None => (None, None),
        },
        Login::Temp(id) => {
            // While entering: what the 事業所・企業 screen holds (typed or as typed); after
            // registration: the registered application's.
            let draft = match &cx.session.draft {
                Some(crate::application::Draft::NewApplication(d)) => Some(d),
                _ => None,
            };
            let names = draft.and_then(|d| match &d.office {
                crate::application::Slot::Parsed(o) => Some((
                    o.company.as_str().to_string(),
                    o.office_name.as_str().to_string(),
                )),
                crate::application::Slot::Unchecked(raw) => Some((
                    raw.get("company").cloned().unwrap_or_default(),
                    raw.get("office_name").cloned().unwrap_or_default(),
                )),
                crate::application::Slot::Empty => None,
            });
            let names = names.or_else(|| {
                let number = cx.ws.state.temp_accounts.get(id)?.application.as_ref()?;
                let office = &cx.ws.application(number)?.content.as_new()?.office;
                Some((
                    office.company.as_str().to_string(),
                    office.office_name.as_str().to_string(),
                ))
            });
            match names {
                Some((c, o)) => (
                    Some(c).filter(|v| !v.is_empty()),
                    Some(o).filter(|v| !v.is_empty()),
                ),
                None => (None, None),
            }
        }
    }
}
