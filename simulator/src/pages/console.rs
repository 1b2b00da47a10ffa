//! The NACCS center console (contract §6): the applications of a workspace, their detail and the
//! center's decisions — 審査終了, 確認事項 with a message, the certificate step — plus the review
//! policy and the clock. Plain forms that post and come back (303), no JavaScript.

use super::{PagePath, clock_range_message, page, store_failed};
use crate::application::{Application, ApplicationContent, ApplicationStatus, Filer};
use crate::center;
use crate::clock;
use crate::services::review_policy::{self, MAX_AUTO_DELAY_SECONDS};
use crate::state::AppState;
use crate::store::StoreError;
use crate::workspace::ReviewPolicy;
use axum::Form;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;
use serde::Deserialize;
use std::sync::Arc;

type St = State<Arc<AppState>>;

fn not_found(what: &str) -> Response {
    (
        StatusCode::NOT_FOUND,
        page("見つかりません", html! { p { (what) } }),
    )
        .into_response()
}

/// A console action refused, with the reason and the way back.
fn refused(ws: &str, message: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        page(
            "操作できません",
            html! { p.error { (message) } p { a href={ "/_sim/console/" (ws) "/" } { "審査コンソールに戻る" } } },
        ),
    )
        .into_response()
}

/// What a console page answers when the workspace cannot be reached.
fn unreachable(ws: &str, e: StoreError) -> Response {
    match e {
        StoreError::NotFound(_) => not_found(&format!("ワークスペース「{ws}」は存在しません。")),
        e => store_failed(&e),
    }
}

pub async fn list(State(st): St, PagePath(ws): PagePath<String>) -> Response {
    let (apps, policy, now) = match st.with_workspace(&ws, |w| {
        (w.state.applications.clone(), w.state.review_policy, w.now())
    }) {
        Ok(found) => found,
        Err(e) => return unreachable(&ws, e),
    };
    page(
        &format!("NACCSセンター 審査コンソール（{ws}）"),
        html! {
            p { "現在時刻（ワークスペースの時計）: " (clock::format_minute(now)) }
            table.data {
                thead { tr { th { "受付番号" } th { "申込分類" } th { "企業名" } th { "申込日時" } th { "利用開始希望日" } th { "ステータス" } } }
                tbody {
                    @for a in apps.iter().rev() {
                        tr {
                            td { a href={ "/_sim/console/" (ws) "/" (a.reception_number) } { (a.reception_number) } }
                            td { (a.kind().label()) }
                            td { (a.company()) }
                            td { (clock::format_minute(a.submitted_at)) }
                            td { (a.wished_start().unwrap_or("")) }
                            td { (a.status.label()) }
                        }
                    }
                }
            }
            @if apps.is_empty() { p { "申込はまだありません。" } }
            h2 { "審査の方法" }
            form method="post" action={ "/_sim/console/" (ws) "/policy" } {
                label { input type="radio" name="mode" value="manual" checked[policy == ReviewPolicy::Manual]; "手動（このコンソールで審査する）" }
                " "
                label {
                    input type="radio" name="mode" value="auto" checked[matches!(policy, ReviewPolicy::Auto { .. })];
                    "自動承認: 登録から "
                    input type="text" name="minutes" size="5" value=(match policy { ReviewPolicy::Auto { delay_seconds } => (delay_seconds / 60).to_string(), ReviewPolicy::Manual => "60".to_string() });
                    " 分後"
                }
                " " button type="submit" { "設定する" }
            }
            h2 { "時計" }
            form method="post" action={ "/_sim/console/" (ws) "/clock" } {
                "時計を進める: "
                select name="advance" {
                    option value="PT1H" { "1時間" }
                    option value="P1D" { "1日" }
                    option value="PT48H" { "48時間" }
                    option value="P7D" { "7日" }
                }
                " " button type="submit" { "進める" }
            }
            p { a href={ "/_sim/mail/" (ws) "/" } { "メールボックス" } " | " a href="/_sim/" { "ワークスペース一覧" } }
        },
    )
    .into_response()
}

fn detail_rows(a: &Application) -> Vec<(&'static str, String)> {
    let mut rows = vec![
        ("受付番号", a.reception_number.clone()),
        ("申込分類", a.kind().label().to_string()),
        ("ステータス", a.status.label().to_string()),
        ("申込日時", clock::format_minute(a.submitted_at)),
        (
            match a.filer {
                Filer::Temp(_) => "仮ログインID",
                Filer::Office(_) => "事業所コード",
            },
            a.filer.id().to_string(),
        ),
        ("企業名", a.company().to_string()),
    ];
    match &a.content {
        ApplicationContent::New(n) => {
            let o = &n.office;
            let p = &n.applicant.person;
            rows.extend([
                ("事業所名", o.office_name.as_str().to_string()),
                ("住所", o.address.line()),
                (
                    "申込担当者",
                    format!("{} <{}>", p.name.full(), p.email.as_str()),
                ),
                ("申込理由", n.applicant.reason.as_str().to_string()),
                ("利用開始希望日", o.start_wish.as_str().to_string()),
                (
                    "スケジュール上の利用開始日",
                    center::start_date_for(a)
                        .map(|d| d.format("%Y/%m/%d").to_string())
                        .unwrap_or_default(),
                ),
                ("接続形態", n.connection.label().to_string()),
                ("利用者コード数", n.user_codes.codes.len().to_string()),
                ("論理端末数 (netNACCS)", n.terminals.net_count().to_string()),
                ("回線数 (一般NACCS)", n.lines.rows.len().to_string()),
                (
                    "論理端末数 (一般NACCS)",
                    n.lines
                        .rows
                        .iter()
                        .map(|l| l.terminals.value())
                        .sum::<u32>()
                        .to_string(),
                ),
                ("メールボックス数", n.mailboxes.total().to_string()),
                (
                    "事業所コード(機器共用先)",
                    n.sharing_office()
                        .map_or("-".to_string(), |c| c.as_str().to_string()),
                ),
            ]);
        }
        ApplicationContent::Change(c) => {
            let p = &c.applicant.0;
            let labels = |v: Vec<&str>| {
                if v.is_empty() {
                    "-".to_string()
                } else {
                    v.join("、")
                }
            };
            let t = c.terminals.as_ref();
            rows.extend([
                ("事業所名", c.before.office_name.clone()),
                (
                    "申込担当者",
                    format!("{} <{}>", p.name.full(), p.email.as_str()),
                ),
                ("申込分類", c.classification().to_string()),
                (
                    "変更内容",
                    labels(c.items.items.iter().map(|i| i.label()).collect()),
                ),
                (
                    "その他の契約変更",
                    labels(c.items.others.iter().map(|o| o.label()).collect()),
                ),
                ("利用開始希望日", c.items.start_wish.as_str().to_string()),
                (
                    "スケジュール上の利用開始日",
                    center::start_date_for(a)
                        .map(|d| d.format("%Y/%m/%d").to_string())
                        .unwrap_or_default(),
                ),
                ("論理端末追加数", t.map_or(0, |t| t.added()).to_string()),
                (
                    "論理端末の区分変更",
                    labels(t.map_or(Vec::new(), |t| {
                        t.reclassify.iter().map(|r| r.name.as_str()).collect()
                    })),
                ),
                (
                    "論理端末の廃止",
                    labels(t.map_or(Vec::new(), |t| {
                        t.retire.iter().map(String::as_str).collect()
                    })),
                ),
            ]);
        }
        ApplicationContent::SystemSettings(st) => {
            let p = &st.applicant;
            rows.extend([
                (
                    "申込担当者",
                    format!("{} <{}>", p.name.full(), p.email.as_str()),
                ),
                (
                    "利用者コード",
                    st.codes
                        .iter()
                        .map(|c| c.user_code.as_str())
                        .collect::<Vec<_>>()
                        .join("、"),
                ),
                (
                    "パスワード初期化",
                    if st.resets_passwords() {
                        "あり"
                    } else {
                        "なし"
                    }
                    .to_string(),
                ),
            ]);
        }
    }
    rows
}

pub async fn detail(State(st): St, PagePath((ws, number)): PagePath<(String, String)>) -> Response {
    // The rules over the workspace's offices (機器共用先, shared 利用者コード) as registration
    // checks them, evaluated now: the offices may have changed since.
    let found = st.with_workspace(&ws, |w| {
        w.seed_customers();
        w.application(&number).cloned().map(|a| {
            let checks = match &a.content {
                ApplicationContent::New(n) => center::checks::report(w, n),
                ApplicationContent::Change(_) | ApplicationContent::SystemSettings(_) => Vec::new(),
            };
            (a, checks)
        })
    });
    let (a, checks) = match found {
        Ok(Some(found)) => found,
        Ok(None) | Err(StoreError::NotFound(_)) => {
            return not_found(&format!("申込「{number}」は存在しません。"));
        }
        Err(e) => return store_failed(&e),
    };
    let action = |what: &str| format!("/_sim/console/{ws}/{number}/{what}");
    page(
        &format!("申込 {number}"),
        html! {
            table.data { @for (k, v) in detail_rows(&a) { tr { th { (k) } td { (v) } } } }
            @if !checks.is_empty() {
                h2 { "チェック結果" }
                table.data {
                    thead { tr { th { "確認項目" } th { "結果" } th { "内容" } } }
                    tbody {
                        @for c in &checks {
                            tr {
                                th { (c.rule) }
                                @match &c.outcome {
                                    Ok(found) => { td { "OK" } td { (found) } }
                                    Err(message) => { td.error { "NG" } td.error { (message) } }
                                }
                            }
                        }
                    }
                }
            }
            @if let Some(i) = &a.issued {
                h2 { "発行済みの情報" }
                table.data {
                    tr { th { "利用開始日" } td { (i.start_date.format("%Y/%m/%d")) } }
                    tr { th { "システム設定申込締切日" } td { (i.settings_deadline.format("%Y/%m/%d")) } }
                    tr { th { "事業所コード" } td { (i.ids.office_code) } }
                    @if matches!(a.content, ApplicationContent::Change(_)) {
                        tr { th { "追加した論理端末" } td { (i.ids.terminals.iter().map(|t| t.name.as_str()).collect::<Vec<_>>().join("、")) } }
                    } @else {
                        tr { th { "事業所パスワード" } td { (i.ids.office_password) } }
                    }
                    tr { th { "デジタル証明書" } td { @match i.certificates_issued_at { Some(t) => (format!("発行済み（{}）", clock::format_minute(t))), None => "未発行" } } }
                }
            }
            h2 { "進行状況" }
            table.data {
                thead { tr { th { "作業項目" } th { "作業日" } th { "通知内容" } } }
                tbody { @for r in &a.review { tr { td { (r.item) } td { (clock::format_minute(r.at)) } td { (r.message.clone().unwrap_or_default()) } } } }
            }
            @if a.status == ApplicationStatus::Received {
                h2 { "審査" }
                form method="post" action=(action("approve")) {
                    button type="submit" { "審査終了" }
                }
                form method="post" action=(action("clarify")) {
                    p { label for="message" { "確認事項（申込者に表示されます）" } }
                    textarea id="message" name="message" rows="4" cols="80" required {}
                    p { button type="submit" { "確認事項を送る" } }
                }
            }
            @if a.issued.as_ref().is_some_and(|i| i.certificates_issued_at.is_none() && !i.ids.terminals.is_empty()) {
                form method="post" action=(action("certificates")) {
                    button type="submit" { "デジタル証明書を発行する" }
                }
            }
            p {
                a href={ "/_sim/console/" (ws) "/" } { "申込一覧に戻る" } " | "
                a href={ "/_sim/api/workspaces/" (ws) "/applications/" (number) } { "JSON" }
            }
        },
    )
    .into_response()
}

#[derive(Deserialize, Default)]
pub struct ClarifyForm {
    #[serde(default)]
    message: String,
}

fn after(
    ws: &str,
    number: &str,
    result: Result<Result<(), center::ReviewError>, StoreError>,
) -> Response {
    match result {
        Err(e) => unreachable(ws, e),
        Ok(Ok(())) => Redirect::to(&format!("/_sim/console/{ws}/{number}")).into_response(),
        Ok(Err(e)) => (
            StatusCode::CONFLICT,
            page("操作できません", html! { p.error { (e.japanese()) } p { a href={ "/_sim/console/" (ws) "/" (number) } { "戻る" } } }),
        )
            .into_response(),
    }
}

pub async fn approve(
    State(st): St,
    PagePath((ws, number)): PagePath<(String, String)>,
) -> Response {
    let base = st.base_url(&ws);
    let r = st.with_workspace(&ws, |w| {
        let now = w.now();
        center::approve(w, &number, now, &base)
    });
    after(&ws, &number, r)
}

pub async fn clarify(
    State(st): St,
    PagePath((ws, number)): PagePath<(String, String)>,
    form: Result<Form<ClarifyForm>, FormRejection>,
) -> Response {
    let base = st.base_url(&ws);
    let message = form.map(|f| f.0.message).unwrap_or_default();
    let r = st.with_workspace(&ws, |w| {
        let now = w.now();
        center::clarify(w, &number, &message, now, &base)
    });
    after(&ws, &number, r)
}

pub async fn certificates(
    State(st): St,
    PagePath((ws, number)): PagePath<(String, String)>,
) -> Response {
    let base = st.base_url(&ws);
    let r = st.with_workspace(&ws, |w| {
        let now = w.now();
        center::issue_certificates(w, &number, now, &base)
    });
    after(&ws, &number, r)
}

#[derive(Deserialize, Default)]
pub struct PolicyForm {
    #[serde(default)]
    mode: String,
    #[serde(default)]
    minutes: String,
}

pub async fn policy(
    State(st): St,
    PagePath(ws): PagePath<String>,
    form: Result<Form<PolicyForm>, FormRejection>,
) -> Response {
    let f = form.map(|f| f.0).unwrap_or_default();
    let policy = if f.mode == "auto" {
        let delay = f
            .minutes
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|m| m.checked_mul(60))
            .map(review_policy::automatic);
        match delay {
            Some(Ok(policy)) => policy,
            _ => {
                return refused(
                    &ws,
                    &format!(
                        "自動承認までの時間は0から{}までの整数（分）で入力してください。",
                        MAX_AUTO_DELAY_SECONDS / 60
                    ),
                );
            }
        }
    } else {
        ReviewPolicy::Manual
    };
    match st.with_workspace(&ws, |w| w.state.review_policy = policy) {
        Ok(()) => Redirect::to(&format!("/_sim/console/{ws}/")).into_response(),
        Err(StoreError::NotFound(_)) => not_found(&ws),
        Err(e) => store_failed(&e),
    }
}

#[derive(Deserialize, Default)]
pub struct ClockForm {
    #[serde(default)]
    advance: String,
}

pub async fn move_clock(
    State(st): St,
    PagePath(ws): PagePath<String>,
    form: Result<Form<ClockForm>, FormRejection>,
) -> Response {
    let by = form
        .ok()
        .and_then(|f| clock::parse_iso_duration(&f.0.advance))
        .unwrap_or_else(|| chrono::Duration::hours(1));
    match st.with_workspace(&ws, |w| w.state.clock.advance(by)) {
        Ok(Ok(())) => Redirect::to(&format!("/_sim/console/{ws}/")).into_response(),
        Ok(Err(clock::OutOfRange)) => refused(&ws, &clock_range_message()),
        Err(StoreError::NotFound(_)) => not_found(&ws),
        Err(e) => store_failed(&e),
    }
}
