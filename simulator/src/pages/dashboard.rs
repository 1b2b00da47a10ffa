//! The trainer's dashboard (`/_sim/`): every workspace with its clock, mails and applications and
//! links to its NSS, mailbox and console; a form that creates a workspace (seed, frozen clock or a
//! fixture preset) and a reset button per workspace. Creation and reset are the services the API
//! uses too (`services::workspaces`); their errors are said here in Japanese.

use super::{PagePath, clock_range_message, page, store_failed};
use crate::clock;
use crate::fixtures::PRESETS;
use crate::services::workspaces::{self, CreateError, NewWorkspace};
use crate::state::AppState;
use crate::store::StoreError;
use axum::Form;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;
use serde::Deserialize;
use std::sync::Arc;

type St = State<Arc<AppState>>;

pub async fn index(State(st): St) -> Response {
    let rows = match workspaces::list(&st) {
        Ok(rows) => rows,
        Err(e) => return store_failed(&e),
    };
    page(
        "ワークスペース一覧",
        html! {
            table.data {
                thead { tr { th { "ワークスペース" } th { "プリセット" } th { "現在時刻" } th { "メール" } th { "申込" } th { "操作履歴" } th { "NSS" } th { "NACCSセンター" } th { "" } } }
                tbody {
                    @for w in &rows {
                        @let id = &w.id;
                        tr {
                            td { (id) }
                            td { (w.fixture.as_deref().unwrap_or("-")) }
                            td { (clock::format_minute(w.now)) }
                            td { a href={ "/_sim/mail/" (id) "/" } { (w.mails) "通" } }
                            td { (w.applications) "件" }
                            td { a href={ "/_sim/journal/" (id) "/" } { "操作履歴" } }
                            td { a href={ (w.base_url) "login/nsscoapp/" } { "ログインページ" } }
                            td { a href={ "/_sim/console/" (id) "/" } { "審査コンソール" } }
                            td {
                                form method="post" action={ "/_sim/workspaces/" (id) "/reset" } {
                                    button type="submit" onclick="return confirm('作成直後の状態に戻します。よろしいですか？');" { "リセット" }
                                }
                            }
                        }
                    }
                }
            }
            h2 { "ワークスペースを作成する" }
            form method="post" action="/_sim/workspaces" {
                table.data {
                    tr { th { "ID" } td { input type="text" name="id" size="20" placeholder="省略すると自動採番"; " (半角英数字、-、_)" } }
                    tr { th { "シード" } td { input type="text" name="seed" size="10" value="0"; } }
                    tr {
                        th { "時計" }
                        td { input type="text" name="now" size="28" placeholder="2018-11-27T16:30:00+09:00"; " (省略すると現在時刻に追従)" }
                    }
                    tr {
                        th { "プリセット" }
                        td {
                            select name="fixture" {
                                option value="" { "なし" }
                                @for (name, description) in PRESETS { option value=(name) { (name) "：" (description) } }
                            }
                            " (プリセットは独自の時計で作成されます)"
                        }
                    }
                }
                p { button type="submit" { "作成する" } }
            }
        },
    )
    .into_response()
}

#[derive(Deserialize, Default)]
pub struct CreateForm {
    #[serde(default)]
    id: String,
    #[serde(default)]
    seed: String,
    #[serde(default)]
    now: String,
    #[serde(default)]
    fixture: String,
}

fn refused(message: String) -> Response {
    (
        StatusCode::BAD_REQUEST,
        page(
            "ワークスペースを作成できません",
            html! { p.error { (message) } p { a href="/_sim/" { "ワークスペース一覧に戻る" } } },
        ),
    )
        .into_response()
}

fn non_empty(s: String) -> Option<String> {
    let s = s.trim().to_string();
    (!s.is_empty()).then_some(s)
}

pub async fn create(State(st): St, form: Result<Form<CreateForm>, FormRejection>) -> Response {
    let f = form.map(|f| f.0).unwrap_or_default();
    let seed = match non_empty(f.seed) {
        None => None,
        Some(s) => match s.parse::<u64>() {
            Ok(n) => Some(n),
            Err(_) => return refused(format!("シード「{s}」は0以上の整数で入力してください。")),
        },
    };
    let req = NewWorkspace {
        id: non_empty(f.id),
        seed,
        now: non_empty(f.now),
        fixture: non_empty(f.fixture),
        ttl: None,
    };
    match workspaces::create(&st, req) {
        Ok(_) => Redirect::to("/_sim/").into_response(),
        Err(CreateError::Store(StoreError::Exists(id))) => {
            refused(format!("ワークスペース「{id}」は既に存在します。"))
        }
        Err(CreateError::Store(e)) => store_failed(&e),
        Err(e) => refused(create_refusal(&e)),
    }
}

/// Why a workspace was not created, as the trainer reads it.
fn create_refusal(e: &CreateError) -> String {
    match e {
        CreateError::InvalidId(id) => {
            format!("ID「{id}」は半角英数字、-、_ の1文字以上64文字以内で入力してください。")
        }
        CreateError::InvalidNow(now) => {
            format!("時計「{now}」は 2018-11-27T16:30:00+09:00 の形式で入力してください。")
        }
        CreateError::NowOutOfRange(_) => clock_range_message(),
        CreateError::UnknownFixture(f) => format!("プリセット「{f}」はありません。"),
        CreateError::FixtureWithNow => {
            "プリセットは独自の時計で作成されます。時計は空欄にしてください。".to_string()
        }
        CreateError::InvalidTtl(ttl) => {
            format!("保持期間「{ttl}」は PT2H の形式で入力してください。")
        }
        CreateError::TooMany(n) => format!(
            "ワークスペースは{n}個までです。不要なワークスペースを削除してから作成してください。"
        ),
        CreateError::Store(e) => format!("ワークスペースを作成できませんでした（{e}）。"),
    }
}

pub async fn reset(State(st): St, PagePath(ws): PagePath<String>) -> Response {
    match workspaces::reset(&st, &ws) {
        Ok(_) => Redirect::to("/_sim/").into_response(),
        Err(StoreError::NotFound(_)) => refused(format!("ワークスペース「{ws}」は存在しません。")),
        Err(e) => store_failed(&e),
    }
}
