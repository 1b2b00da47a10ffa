//! The trainer's dashboard (`/_sim/`): every workspace with its clock, mails and applications and
//! links to its NSS, mailbox and console; a form that creates a workspace (seed, frozen clock or a
//! fixture preset) and a reset button per workspace. Creation and reset are the API's own.

use super::page;
use crate::api::workspaces::{CreateRequest, create_workspace, reset_workspace};
use crate::clock;
use crate::fixtures::PRESETS;
use crate::http::AppState;
use crate::store;
use axum::Form;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use maud::html;
use serde::Deserialize;
use std::sync::Arc;

type St = State<Arc<AppState>>;

pub async fn index(State(st): St) -> Html<String> {
    let rows: Vec<(String, String, usize, usize, Option<String>)> = st
        .store
        .ids()
        .iter()
        .filter_map(|id| {
            store::update(st.store.as_ref(), id, |ws| {
                (
                    ws.id.clone(),
                    clock::format_minute(ws.now()),
                    ws.mails.len(),
                    ws.state.applications.len(),
                    ws.state.spec.fixture.clone(),
                )
            })
        })
        .collect();
    page(
        "ワークスペース一覧",
        html! {
            table.data {
                thead { tr { th { "ワークスペース" } th { "プリセット" } th { "現在時刻" } th { "メール" } th { "申込" } th { "操作履歴" } th { "NSS" } th { "NACCSセンター" } th { "" } } }
                tbody {
                    @for (id, now, mails, apps, fixture) in &rows {
                        tr {
                            td { (id) }
                            td { (fixture.as_deref().unwrap_or("-")) }
                            td { (now) }
                            td { a href={ "/_sim/mail/" (id) "/" } { (mails) "通" } }
                            td { (apps) "件" }
                            td { a href={ "/_sim/journal/" (id) "/" } { "操作履歴" } }
                            td { a href={ (st.base_url(id)) "login/nsscoapp/" } { "ログインページ" } }
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
    let req = CreateRequest {
        id: non_empty(f.id),
        seed,
        now: non_empty(f.now),
        fixture: non_empty(f.fixture),
    };
    let id = req.id.clone().unwrap_or_default();
    match create_workspace(&st, req) {
        Ok(_) => Redirect::to("/_sim/").into_response(),
        Err(e) if e.error == "workspace_exists" => {
            refused(format!("ワークスペース「{id}」は既に存在します。"))
        }
        // The API's detail names the field and the form it expects.
        Err(e) => refused(format!("入力内容を確認してください（{}）。", e.detail)),
    }
}

pub async fn reset(State(st): St, Path(ws): Path<String>) -> Response {
    match store::update(st.store.as_ref(), &ws, |w| reset_workspace(&st, w)) {
        Some(()) => Redirect::to("/_sim/").into_response(),
        None => refused(format!("ワークスペース「{ws}」は存在しません。")),
    }
}
