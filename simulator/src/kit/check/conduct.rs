//! How the client behaved, read from the workspace journal (`GET …/journal`, the requests of
//! one step): the conduct checks of docs/kit.md, and the step's trace as the snapshots keep it.

use serde_json::Value;
use std::collections::HashMap;

/// Each procedure's screens in the manual's order: a client goes forward through them (a
/// procedure added to the simulator adds its row). A screen outside the sequence that belongs
/// to one of its steps (a detail screen) is listed in [`SAME_STEP`].
const SEQUENCES: &[&[&str]] = &[
    // 仮ログイン登録 (M000 【5】–【9】).
    &[
        "temp_account.guidance",
        "temp_account.input",
        "temp_account.confirm",
        "temp_account.complete",
    ],
    // 新規利用申込 (M000 【14】–【24】, 完了), and its 修正 (M004 ④).
    &[
        "new_application.guidance",
        "new_application.applicant",
        "new_application.office",
        "new_application.user_codes",
        "new_application.terminals",
        "new_application.lines",
        "new_application.mailbox",
        "new_application.plan",
        "new_application.billing",
        "new_application.confirm",
        "new_application.complete",
    ],
    // 変更申込 (M001 手順④) and its 修正.
    &[
        "change_application.guidance",
        "change_application.items",
        "change_application.applicant",
        "change_application.office",
        "change_application.terminals",
        "change_application.plan",
        "change_application.billing",
        "change_application.confirm",
        "change_application.complete",
    ],
    // システム設定申込 (M004 ⑤–⑩) and its 修正.
    &[
        "system_settings.guidance",
        "system_settings.applicant",
        "system_settings.codes",
        "system_settings.confirm",
        "system_settings.complete",
    ],
];
/// Screens that belong to a step of a sequence: the 利用者コード detail (M000 【18】) to
/// 利用者コード 入力, 回線サービス・論理端末情報 入力 (M003) to 回線・論理端末 入力, システム設定情報
/// 入力 (M004 ⑦) to 利用者コード 選択.
const SAME_STEP: &[(&str, &str)] = &[
    (
        "new_application.user_code_detail",
        "new_application.user_codes",
    ),
    ("new_application.line_detail", "new_application.lines"),
    ("system_settings.code", "system_settings.codes"),
];
/// 「申込内容を登録する」 on both 申込内容 確認 screens.
const REGISTER: &str = "register";
/// 「申込内容を一時保存する」.
const SAVE: &str = "save";
/// Where a person starts again once the NSS has ended the session.
const FRESH_STARTS: &[&str] = &["login/", "bbs/", "apply/"];
/// Buttons that only help typing (M000 【16】 郵便番号 「反映」): a client may press them or
/// not, so the trace kept in snapshots leaves them out.
const TYPING_AIDS: &[&str] = &["反映"];

/// Every screen's title and button labels, from the screen catalogue (`GET /_sim/api/screens`),
/// for readable journal lines.
#[derive(Debug, Default, Clone)]
pub struct Catalogue {
    titles: HashMap<String, String>,
    buttons: HashMap<String, HashMap<String, String>>,
    /// A button value's label wherever every screen that lists it prints the same: for the
    /// buttons a screen shows only with data (its catalogue entry is drawn without).
    anywhere: HashMap<String, String>,
}

impl Catalogue {
    pub fn from_screens(screens: &Value) -> Catalogue {
        let mut c = Catalogue::default();
        for s in screens.as_array().into_iter().flatten() {
            let id = s["id"].as_str().unwrap_or("").to_string();
            c.titles
                .insert(id.clone(), s["title"].as_str().unwrap_or("").to_string());
            let labels = s["buttons"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|b| {
                    (
                        b["value"].as_str().unwrap_or("").to_string(),
                        b["label"].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect();
            c.buttons.insert(id, labels);
        }
        let mut seen: HashMap<String, Option<String>> = HashMap::new();
        for (value, label) in c.buttons.values().flatten() {
            seen.entry(value.clone())
                .and_modify(|l| {
                    if l.as_deref() != Some(label.as_str()) {
                        *l = None;
                    }
                })
                .or_insert_with(|| Some(label.clone()));
        }
        c.anywhere = seen
            .into_iter()
            .filter_map(|(v, l)| l.map(|l| (v, l)))
            .collect();
        c
    }

    /// The printed label of a button value on a screen (the value when unknown).
    pub fn button<'a>(&'a self, screen: &str, value: &'a str) -> &'a str {
        self.buttons
            .get(screen)
            .and_then(|b| b.get(value))
            .or_else(|| self.anywhere.get(value))
            .map_or(value, String::as_str)
    }

    /// The title of a screen (its id when unknown).
    pub fn title<'a>(&'a self, screen: &'a str) -> &'a str {
        self.titles
            .get(screen)
            .map(String::as_str)
            .filter(|t| !t.is_empty())
            .unwrap_or(screen)
    }

    /// One journal entry for people: `POST app/confirm 「申込内容を登録する」 → unexpected_operation
    /// 200 error.unexpected_operation`.
    pub fn describe(&self, e: &Value) -> String {
        let screen = e["screen"].as_str().unwrap_or("");
        let pressed = e["button"]
            .as_str()
            .map(|b| format!(" 「{}」", self.button(screen, b)))
            .unwrap_or_default();
        format!(
            "{} {}{pressed} → {} {} {}",
            e["method"].as_str().unwrap_or(""),
            e["path"].as_str().unwrap_or(""),
            e["outcome"].as_str().unwrap_or(""),
            e["status"],
            e["next_screen"].as_str().unwrap_or("-"),
        )
    }
}

fn is_post(e: &Value) -> bool {
    e["method"] == "POST"
}

fn pressed(e: &Value, button: &str) -> bool {
    is_post(e) && e["button"] == button
}

/// What is wrong with the client's requests of one step. `saves`: how many 一時保存 the task
/// asked for (0 or 1).
pub fn problems(entries: &[Value], cat: &Catalogue, saves: usize) -> Vec<String> {
    let mut out: Vec<String> = entries
        .iter()
        .filter(|e| e["outcome"] == "unexpected_operation")
        .map(|e| format!("予期しない操作: {}", cat.describe(e)))
        .collect();
    out.extend(posted_as_shown(entries, cat));
    let registers: Vec<&Value> = entries.iter().filter(|e| pressed(e, REGISTER)).collect();
    if registers.len() > 1 {
        let lines: Vec<String> = registers.iter().map(|e| cat.describe(e)).collect();
        out.push(format!(
            "「申込内容を登録する」 posted {} times: {}",
            registers.len(),
            lines.join("; ")
        ));
    }
    let saved = entries.iter().filter(|e| pressed(e, SAVE)).count();
    if saved != saves {
        out.push(format!(
            "「申込内容を一時保存する」 pressed {saved} times, the task asked for {saves}"
        ));
    }
    out.extend(manual_order(entries, cat));
    out.extend(after_the_end(entries, cat));
    out
}

/// A form is posted only from the screen the client was last shown (no form replayed from
/// memory, no screen skipped by posting to the next one's address).
fn posted_as_shown(entries: &[Value], cat: &Catalogue) -> Vec<String> {
    let mut out = Vec::new();
    let mut shown: Option<&str> = None;
    for e in entries {
        let screen = e["screen"].as_str();
        if is_post(e) && screen != shown {
            out.push(format!(
                "posted {} without being shown it (last shown: {}): {}",
                screen.unwrap_or("?"),
                shown.unwrap_or("nothing"),
                cat.describe(e)
            ));
        }
        shown = if e["status"] == 200 {
            e["next_screen"].as_str()
        } else {
            None
        };
    }
    out
}

/// The screens shown, within each procedure's sequence, never go back.
fn manual_order(entries: &[Value], cat: &Catalogue) -> Vec<String> {
    let shown: Vec<&str> = entries
        .iter()
        .filter(|e| e["status"] == 200)
        .filter_map(|e| e["next_screen"].as_str())
        .map(|s| {
            SAME_STEP
                .iter()
                .find(|(d, _)| *d == s)
                .map_or(s, |(_, step)| step)
        })
        .collect();
    let mut out = Vec::new();
    for order in SEQUENCES {
        let steps: Vec<usize> = shown
            .iter()
            .filter_map(|s| order.iter().position(|o| o == s))
            .collect();
        if let Some(w) = steps.windows(2).find(|w| w[1] < w[0]) {
            out.push(format!(
                "screens out of the manual's order: 「{}」 then 「{}」",
                cat.title(order[w[0]]),
                cat.title(order[w[1]])
            ));
        }
    }
    out
}

/// No request in a session the NSS has ended (予期しない操作, an expiry, 一時保存) other than
/// starting again from the login page, the bulletin board or 新規申込.
fn after_the_end(entries: &[Value], cat: &Catalogue) -> Vec<String> {
    let mut ended = false;
    for e in entries {
        let path = e["path"].as_str().unwrap_or("");
        let fresh = FRESH_STARTS.iter().any(|p| path.starts_with(p));
        if ended && !fresh {
            return vec![format!(
                "a request after the session ended: {}",
                cat.describe(e)
            )];
        }
        if fresh {
            ended = false;
        }
        if e["outcome"] == "unexpected_operation" || e["outcome"] == "expired" || pressed(e, SAVE) {
            ended = true;
        }
    }
    Vec::new()
}

/// The step's trace as the snapshots keep it: every button the client pressed, on which
/// screen, and where it led — `申込内容 確認 「申込内容を登録する」 → 申込内容 登録完了` — with
/// the outcome when it was not `ok`. Page loads and typing aids are left out: clients may
/// reload a page or press 「反映」 and still do the manual's procedure.
pub fn trace(entries: &[Value], cat: &Catalogue) -> Vec<String> {
    entries
        .iter()
        .filter(|e| is_post(e))
        .filter_map(|e| {
            let screen = e["screen"].as_str().unwrap_or("");
            let button = cat.button(screen, e["button"].as_str().unwrap_or(""));
            if TYPING_AIDS.contains(&button) {
                return None;
            }
            let next = e["next_screen"].as_str().map_or("-", |s| cat.title(s));
            let outcome = e["outcome"].as_str().unwrap_or("");
            let outcome = if outcome == "ok" {
                String::new()
            } else {
                format!(" ({outcome})")
            };
            Some(format!(
                "{} 「{button}」 → {next}{outcome}",
                cat.title(screen)
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn entry(
        method: &str,
        path: &str,
        screen: &str,
        button: Option<&str>,
        outcome: &str,
        next: &str,
    ) -> Value {
        json!({"method": method, "path": path, "screen": screen, "button": button,
               "outcome": outcome, "status": 200, "next_screen": next})
    }

    fn catalogue() -> Catalogue {
        Catalogue::from_screens(&json!([
            {"id": "new_application.confirm", "title": "申込内容 確認",
             "buttons": [{"label": "申込内容を登録する", "value": "register"}]},
            {"id": "new_application.complete", "title": "申込内容 登録完了", "buttons": []}
        ]))
    }

    #[test]
    fn a_double_click_is_two_registrations_and_an_unexpected_operation() {
        let entries = [
            entry(
                "GET",
                "app/confirm",
                "new_application.confirm",
                None,
                "ok",
                "new_application.confirm",
            ),
            entry(
                "POST",
                "app/confirm",
                "new_application.confirm",
                Some("register"),
                "ok",
                "new_application.complete",
            ),
            entry(
                "POST",
                "app/confirm",
                "new_application.confirm",
                Some("register"),
                "unexpected_operation",
                "error.unexpected_operation",
            ),
        ];
        let p = problems(&entries, &catalogue(), 0);
        assert!(
            p[0].starts_with("予期しない操作: POST app/confirm 「申込内容を登録する」"),
            "{p:?}"
        );
        assert!(p.iter().any(|m| m.contains("without being shown")), "{p:?}");
        assert!(
            p.iter()
                .any(|m| m.starts_with("「申込内容を登録する」 posted 2 times")),
            "{p:?}"
        );
    }

    #[test]
    fn the_manual_walk_has_no_problem_and_traces_as_buttons() {
        let entries = [
            entry(
                "GET",
                "app/confirm",
                "new_application.confirm",
                None,
                "ok",
                "new_application.confirm",
            ),
            entry(
                "POST",
                "app/confirm",
                "new_application.confirm",
                Some("register"),
                "ok",
                "new_application.complete",
            ),
        ];
        assert!(problems(&entries, &catalogue(), 0).is_empty());
        assert_eq!(
            trace(&entries, &catalogue()),
            ["申込内容 確認 「申込内容を登録する」 → 申込内容 登録完了"]
        );
        let unasked = problems(&entries, &catalogue(), 1);
        assert_eq!(
            unasked,
            ["「申込内容を一時保存する」 pressed 0 times, the task asked for 1"]
        );
    }

    #[test]
    fn a_button_the_catalogue_does_not_list_on_its_screen_is_named_from_another() {
        let cat = Catalogue::from_screens(&json!([
            {"id": "a", "title": "A", "buttons": [{"label": "ファイルを添付する", "value": "attach"},
                                                   {"label": "次へ進む", "value": "next"}]},
            {"id": "b", "title": "B", "buttons": [{"label": "申込内容確認へ進む", "value": "next"}]},
            {"id": "c", "title": "C", "buttons": []}
        ]));
        assert_eq!(cat.button("c", "attach"), "ファイルを添付する");
        // Printed differently on two screens: the value stays.
        assert_eq!(cat.button("c", "next"), "next");
        assert_eq!(cat.button("b", "next"), "申込内容確認へ進む");
    }

    #[test]
    fn screens_going_back_in_the_manual_order_are_named() {
        let entries = [
            entry(
                "GET",
                "x",
                "new_application.plan",
                None,
                "ok",
                "new_application.plan",
            ),
            entry(
                "GET",
                "y",
                "new_application.office",
                None,
                "ok",
                "new_application.office",
            ),
        ];
        assert_eq!(
            problems(&entries, &Catalogue::default(), 0),
            [
                "screens out of the manual's order: 「new_application.plan」 then 「new_application.office」"
            ]
        );
    }

    #[test]
    fn after_an_ended_session_only_a_fresh_start_is_allowed() {
        let ended = entry(
            "POST",
            "app/confirm",
            "new_application.confirm",
            Some("register"),
            "unexpected_operation",
            "error.unexpected_operation",
        );
        let again = entry(
            "GET",
            "app/office",
            "new_application.office",
            None,
            "ok",
            "new_application.office",
        );
        let p = after_the_end(&[ended.clone(), again], &Catalogue::default());
        assert_eq!(p.len(), 1, "{p:?}");
        let login = entry(
            "GET",
            "login/nsscoapp/",
            "login.form",
            None,
            "ok",
            "login.form",
        );
        assert!(after_the_end(&[ended, login], &Catalogue::default()).is_empty());
    }
}
