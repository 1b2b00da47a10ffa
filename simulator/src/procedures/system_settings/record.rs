//! A registered システム設定申込 as its input screens show it, keyed as a conformance-kit input
//! (docs/kit.md, "Inputs" and `file_system_settings`): by screen title, section heading and
//! printed label; 申込情報 as the list of the 利用者コード set, each with the sections of
//! システム設定情報 入力.

use super::{applicant, code, codes};
use crate::application::SystemSettingsApplication;
use crate::application::settings::{CodeSetting, SettingsApplicant};
use crate::procedures::fields::{self, ScreenForm};
use crate::screen::spec::Values;
use serde_json::{Map, Value};

fn sections(specs: &[&crate::screen::spec::SectionSpec], values: &Values) -> Map<String, Value> {
    let mut out = Map::new();
    fields::entered(specs, values, &mut out);
    out
}

/// One row of 申込情報: its 利用者コード and the sections of システム設定情報 入力.
fn code_setting(s: &CodeSetting) -> Value {
    let mut out = Map::new();
    out.insert(
        "利用者コード".into(),
        Value::String(s.user_code.as_str().to_string()),
    );
    out.extend(sections(
        &[&code::NAMES, &code::RESET, &code::REASON],
        &s.to_values(),
    ));
    let ticked: Vec<Value> = s
        .reset
        .iter()
        .flat_map(|r| &r.ids)
        .map(|i| Value::String(code::id_label(i.method, s.user_code.as_str(), &i.ident)))
        .collect();
    if let Some(Value::Object(reset)) = out.get_mut(code::RESET.heading) {
        reset.insert(code::RESET_IDS_LABEL.into(), Value::Array(ticked));
    }
    Value::Object(out)
}

/// The application keyed as the kit's input of `file_system_settings`.
pub fn entered(app: &SystemSettingsApplication) -> Value {
    let mut out = Map::new();
    out.insert(
        applicant::TITLE.into(),
        Value::Object(sections(
            &[&applicant::PERSON],
            &SettingsApplicant(app.applicant.clone()).to_values(),
        )),
    );
    let mut select = sections(&[&codes::REGISTRATION], &app.registration.to_values());
    select.insert(
        "申込情報".into(),
        Value::Array(app.codes.iter().map(code_setting).collect()),
    );
    out.insert(codes::TITLE.into(), Value::Object(select));
    Value::Object(out)
}
