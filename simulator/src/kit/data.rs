//! The kit's data sets, embedded in the binary, in the input shape of the driver protocol
//! (docs/kit.md, "Inputs"): manual 000's data (M000 【6】–【24】), the kit's own extended set,
//! manual 001's change (M001 手順④), manual 002's 機器共用 and manual 003's 一般NACCS new
//! applications, and manual 004's システム設定申込.
//! `fixtures/kit/manual000.json` is the one copy of manual 000's data the kit, the built-in
//! client and the screen-level steps use.

use serde_json::Value;
use std::sync::OnceLock;

/// The address of manual 000's 申込担当者 (M000 【6】): whose mail the client reads.
pub const MANUAL_ADDRESS: &str = "qqfcbj@meti.go.jp";

/// M000's own date: the manual registers on 2018-11-27 (【8】 申込受付年月日).
pub const MANUAL_NOW: &str = "2018-11-27T16:30:00+09:00";

/// The data sets by the name a feature gives them.
const SETS: &[(&str, &str)] = &[
    (
        "manual000",
        include_str!("../../../fixtures/kit/manual000.json"),
    ),
    (
        "extended",
        include_str!("../../../fixtures/kit/extended.json"),
    ),
    (
        "manual002",
        include_str!("../../../fixtures/kit/manual002.json"),
    ),
    (
        "manual003",
        include_str!("../../../fixtures/kit/manual003.json"),
    ),
    (
        "general_lines",
        include_str!("../../../fixtures/kit/general_lines.json"),
    ),
    (
        "manual001",
        include_str!("../../../fixtures/kit/manual001.json"),
    ),
    (
        "manual004",
        include_str!("../../../fixtures/kit/manual004.json"),
    ),
];

/// A data set by name: `{"register_temp_account": …, "file_application": …}` (`manual000`,
/// `extended`, `manual002`: 機器共用, `manual003`: 一般NACCS), `{"file_change_application": …}`
/// (`manual001`), `{"file_system_settings": …, "修正": …, …}` (`manual004`): each the `input` of
/// that action's task.
pub fn set(name: &str) -> Option<&'static Value> {
    static PARSED: OnceLock<Vec<(&'static str, Value)>> = OnceLock::new();
    PARSED
        .get_or_init(|| {
            let raw: Vec<(&'static str, Value)> = SETS
                .iter()
                .map(|(n, text)| {
                    let v = serde_json::from_str(text)
                        .unwrap_or_else(|e| panic!("fixtures/kit/{n}.json: {e}"));
                    (*n, v)
                })
                .collect();
            raw.iter().map(|(n, v)| (*n, resolved(v, &raw))).collect()
        })
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v)
}

/// A set written over another (`"base": "manual003"`): the base with the set laid over it,
/// object by object (a list replaces the base's), so that a manual's data exists once.
fn resolved(v: &Value, raw: &[(&str, Value)]) -> Value {
    let Some(base) = v["base"].as_str() else {
        return v.clone();
    };
    let base = raw
        .iter()
        .find(|(n, _)| *n == base)
        .map(|(_, b)| resolved(b, raw))
        .unwrap_or_else(|| panic!("a kit data set is written over {base}, which is not one"));
    let mut over = v.clone();
    if let Some(o) = over.as_object_mut() {
        o.remove("base");
        o.remove("_comment");
    }
    super::check::record::merged(&base, &over)
}

/// Manual 000's data.
pub fn manual000() -> &'static Value {
    set("manual000").expect("the manual000 data set is embedded")
}

/// The names of the data sets.
pub fn names() -> Vec<&'static str> {
    SETS.iter().map(|(n, _)| *n).collect()
}

/// The applicant's E-mailアドレス of a data set's 仮ログイン登録: whose mail the client reads.
pub fn address(set: &Value) -> Option<&str> {
    set["register_temp_account"]["申込担当者 入力"]["申込担当者に関する項目"]["E-mailアドレス 登録用"]
        .as_str()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_set_parses_and_holds_an_action_input() {
        for name in names() {
            let s = set(name).unwrap();
            let actions = [
                "file_application",
                "file_change_application",
                "file_system_settings",
            ];
            assert!(actions.iter().any(|a| s[a].is_object()), "{name}");
        }
        assert_eq!(address(manual000()), Some(MANUAL_ADDRESS));
        assert!(address(set("extended").unwrap()).is_some_and(|a| a.contains('@')));
        // A set over a base: the base's screens, the set's own in place of the base's.
        let lines = set("general_lines").unwrap();
        let base = set("manual003").unwrap();
        assert_eq!(
            lines["register_temp_account"],
            base["register_temp_account"]
        );
        assert_eq!(
            lines["file_application"]["申込担当者 入力"],
            base["file_application"]["申込担当者 入力"]
        );
        assert_eq!(
            lines["file_application"]["回線・論理端末 入力"]["申込情報(回線)"]
                .as_array()
                .map(Vec::len),
            Some(1)
        );
        assert!(lines.get("base").is_none());
    }
}
