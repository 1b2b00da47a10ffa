//! パスワードの変更: the NSS login password of an office (ユーザー情報, M001 メニュー一覧).

use super::nav;
use crate::procedures::{Cx, Step, common};
use crate::screen::form::FormInput;
use crate::screen::spec::{self, FieldErrors, FieldSpec, Input, RowSpec, SectionSpec, Values};
use crate::screen::{Block, Button, Screen};
use crate::workspace::session::Login;

pub const SECTION: SectionSpec = SectionSpec {
    heading: "パスワードに関する項目",
    lines: &[
        "パスワードは半角英数字8文字以上20文字以内で、英字と数字をそれぞれ1文字以上含めてください。",
    ],
    rows: &[
        RowSpec {
            label: "現在のパスワード",
            fields: &[FieldSpec::text("current").input(Input::Password).max(20)],
            notes: &[],
        },
        RowSpec {
            label: "新しいパスワード",
            fields: &[FieldSpec::text("new").input(Input::Password).max(20)],
            notes: &[],
        },
        RowSpec {
            label: "新しいパスワード(確認用)",
            fields: &[FieldSpec::text("confirm").input(Input::Password).max(20)],
            notes: &[],
        },
    ],
};

/// The NSS login password rule (the manuals do not print one; this is what the real login
/// form accepts in practice, and it keeps the seeded 8-character passwords valid).
pub fn check_new_password(p: &str) -> Result<(), &'static str> {
    let ok_chars = p.bytes().all(|b| b.is_ascii_alphanumeric());
    let has_letter = p.bytes().any(|b| b.is_ascii_alphabetic());
    let has_digit = p.bytes().any(|b| b.is_ascii_digit());
    if (8..=20).contains(&p.len()) && ok_chars && has_letter && has_digit {
        Ok(())
    } else {
        Err(
            "新しいパスワードは半角英数字8文字以上20文字以内で、英字と数字をそれぞれ1文字以上含めてください。",
        )
    }
}

pub fn view(cx: &mut Cx, errors: &FieldErrors) -> Screen {
    let mut s = Screen::new("user.password", "パスワードの変更");
    s.blocks.push(nav(cx));
    if !matches!(cx.session.login, Some(Login::Office(_))) {
        s.blocks.push(Block::Text(vec![
            "仮ログインIDのパスワードは変更できません。".into(),
        ]));
        return s;
    }
    s.errors = spec::error_list(&[&SECTION], errors);
    if errors.is_empty() && cx.session.tab.as_deref() == Some("changed") {
        s.notices.push("パスワードを変更しました。".into());
    }
    s.blocks.push(Block::Section(spec::build(
        &SECTION,
        &Values::new(),
        errors,
    )));
    s.form = Some(common::form(
        cx,
        vec![Button::new("op", "change", "パスワードを変更する").confirm_register()],
    ));
    s
}

pub fn submit(cx: &mut Cx, form: &FormInput) -> Step {
    let Some(Login::Office(code)) = cx.session.login.clone() else {
        return Step::Refresh;
    };
    if form.op() != "change" {
        return Step::Refresh;
    }
    let mut values = Values::new();
    spec::read(&SECTION, form, &mut values);
    let mut errors = FieldErrors::new();
    spec::validate(&SECTION, &values, &mut errors);
    let get = |k: &str| values.get(k).cloned().unwrap_or_default();
    let current_ok = cx
        .ws
        .offices
        .get(&code)
        .is_some_and(|o| o.password == get("current"));
    if errors.is_empty() {
        if !current_ok {
            errors.insert(
                "current".into(),
                "現在のパスワードが正しくありません。".into(),
            );
        } else if let Err(msg) = check_new_password(&get("new")) {
            errors.insert("new".into(), msg.into());
        } else if get("new") != get("confirm") {
            errors.insert(
                "confirm".into(),
                "新しいパスワード(確認用)が新しいパスワードと一致しません。".into(),
            );
        } else if get("new") == get("current") {
            errors.insert(
                "new".into(),
                "現在のパスワードと異なるパスワードを入力してください。".into(),
            );
        }
    }
    if !errors.is_empty() {
        return Step::Stay(errors);
    }
    if let Some(o) = cx.ws.offices.get_mut(&code) {
        o.password = get("new");
    }
    cx.session.tab = Some("changed".into());
    Step::Refresh
}

#[cfg(test)]
mod tests {
    use super::check_new_password;

    #[test]
    fn password_rule() {
        assert!(check_new_password("Abcdef12").is_ok());
        for bad in [
            "short1A",
            "abcdefgh",
            "12345678",
            "パスワード12345",
            "abc def12",
            &"a1".repeat(11),
        ] {
            assert!(check_new_password(bad).is_err(), "{bad}");
        }
    }
}
