//! Operator and trainer pages under `/_sim/` (contract §6): the trainer's dashboard (workspaces:
//! list, create from a preset, reset), each workspace's mailbox and the NACCS center console, in
//! Japanese, plain HTML that works without JavaScript.

use crate::clock;
use crate::state::AppState;
use crate::store::StoreError;
use axum::Router;
use axum::extract::rejection::PathRejection;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use maud::{DOCTYPE, Markup, html};
use std::sync::Arc;

mod console;
mod dashboard;
mod journal;
mod outbound;

pub fn router() -> Router<Arc<AppState>> {
    Router::new()
        .route("/_sim/", get(dashboard::index))
        .route("/_sim/workspaces", axum::routing::post(dashboard::create))
        .route(
            "/_sim/workspaces/{ws}/reset",
            axum::routing::post(dashboard::reset),
        )
        .route("/_sim/console/{ws}/", get(console::list))
        .route(
            "/_sim/console/{ws}/policy",
            axum::routing::post(console::policy),
        )
        .route(
            "/_sim/console/{ws}/clock",
            axum::routing::post(console::move_clock),
        )
        .route("/_sim/console/{ws}/{number}", get(console::detail))
        .route(
            "/_sim/console/{ws}/{number}/approve",
            axum::routing::post(console::approve),
        )
        .route(
            "/_sim/console/{ws}/{number}/clarify",
            axum::routing::post(console::clarify),
        )
        .route(
            "/_sim/console/{ws}/{number}/certificates",
            axum::routing::post(console::certificates),
        )
        .route("/_sim/journal/{ws}/", get(journal::list))
        .route("/_sim/mail/{ws}/", get(mailbox))
        .route("/_sim/mail/{ws}/{id}", get(mail))
}

pub(crate) fn page(title: &str, body: Markup) -> Html<String> {
    Html(
        html! {
            (DOCTYPE)
            html lang="ja" {
                head { meta charset="utf-8"; title { (title) " | NSSシミュレータ" } link rel="stylesheet" href="/_static/nss.css"; }
                body {
                    header.nss { div.brand { span.motto { "NSSシミュレータ" } span.service { "管理画面" } } }
                    main { h1 { (title) } (body) }
                }
            }
        }
        .into_string(),
    )
}

/// The path parameters of a page. A path that does not decode (not UTF-8) names nothing: the
/// page says so in Japanese (404) instead of axum's plain-text 400.
pub(crate) struct PagePath<T>(pub T);

impl<S, T> FromRequestParts<S> for PagePath<T>
where
    T: serde::de::DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Response> {
        Path::<T>::from_request_parts(parts, state)
            .await
            .map(|Path(t)| PagePath(t))
            .map_err(|_: PathRejection| {
                (
                    StatusCode::NOT_FOUND,
                    page(
                        "ページが見つかりません",
                        html! { p { "指定されたページは存在しません。" } p { a href="/_sim/" { "ワークスペース一覧に戻る" } } },
                    ),
                )
                    .into_response()
            })
    }
}

/// Why a clock was not set or moved, in Japanese: it shows only the years of the holiday
/// calendar by which business days are counted (`clock::EARLIEST`..=`clock::LATEST`).
pub(crate) fn clock_range_message() -> String {
    format!(
        "時計は{}から{}までの範囲で設定してください。",
        clock::format_minute(clock::earliest()),
        clock::format_minute(clock::latest())
    )
}

/// The page of a workspace that does not exist (the mailbox and the journal).
pub(crate) fn no_workspace(ws: &str) -> Response {
    (
        StatusCode::NOT_FOUND,
        page("ワークスペースが見つかりません", html! { p { (ws) } }),
    )
        .into_response()
}

/// The page of a store that failed: said in Japanese, the cause logged for the operator.
pub(crate) fn store_failed(e: &StoreError) -> Response {
    tracing::error!(error = %e, "the workspace store failed");
    let status = if e.is_temporary() {
        StatusCode::SERVICE_UNAVAILABLE
    } else {
        StatusCode::INTERNAL_SERVER_ERROR
    };
    (
        status,
        page(
            "エラー",
            html! {
                p.error { "ワークスペースを読み書きできませんでした。しばらくしてから、もう一度操作してください。" }
                p { a href="/_sim/" { "ワークスペース一覧に戻る" } }
            },
        ),
    )
        .into_response()
}

async fn mailbox(State(st): State<Arc<AppState>>, PagePath(ws): PagePath<String>) -> Response {
    let found = st.with_workspace(&ws, |w| {
        (
            w.mails.clone(),
            w.state.outbound.smtp.clone(),
            w.state.outbound.webhooks.hooks.clone(),
        )
    });
    let (mails, smtp, hooks) = match found {
        Ok(found) => found,
        Err(StoreError::NotFound(_)) => return no_workspace(&ws),
        Err(e) => return store_failed(&e),
    };
    let cap = st.limits.mails;
    page(
        &format!("メールボックス（{ws}）"),
        html! {
            @if mails.is_empty() { p { "メールはまだありません。" } }
            @if let Some(s) = &smtp.settings {
                p { "SMTP配送先: " code { (s.redacted_url()) } @if let Some(to) = &s.to { " （すべて " code { (to) } " 宛て）" } }
            }
            @if mails.dropped() > 0 {
                p.note { "上限（" (cap) "通）を超えたため、古いメール" (mails.dropped()) "通は削除されました。" }
            }
            table.data {
                thead { tr { th { "受信日時" } th { "宛先" } th { "件名" } @if !smtp.deliveries.is_empty() { th { "SMTP配送" } } } }
                tbody {
                    @for m in mails.iter().rev() {
                        tr {
                            td { (clock::format_minute(m.sent_at)) }
                            td { (m.to.join(", ")) }
                            td { a href={ "/_sim/mail/" (ws) "/" (m.id) } { (m.subject) } }
                            @if !smtp.deliveries.is_empty() { td { (outbound::delivery_cell(smtp.delivery(m.id))) } }
                        }
                    }
                }
            }
            (outbound::webhook_log(&hooks))
        },
    )
    .into_response()
}

async fn mail(
    State(st): State<Arc<AppState>>,
    PagePath((ws, id)): PagePath<(String, String)>,
) -> Response {
    let found = st.with_workspace(&ws, |w| {
        let m = w.mails.iter().find(|m| m.id.to_string() == id).cloned();
        m.map(|m| {
            let d = w.state.outbound.smtp.delivery(m.id).cloned();
            (m, d)
        })
    });
    let (m, delivery) = match found {
        Ok(Some(found)) => found,
        Ok(None) | Err(StoreError::NotFound(_)) => {
            return (
                StatusCode::NOT_FOUND,
                page("メールが見つかりません", html! { p { (ws) " / " (id) } }),
            )
                .into_response();
        }
        Err(e) => return store_failed(&e),
    };
    page(
        &m.subject,
        html! {
            table.data {
                tr { th { "差出人" } td { (m.from) } }
                tr { th { "宛先" } td { (m.to.join(", ")) } }
                tr { th { "日時" } td { (clock::format_minute(m.sent_at)) } }
                @if delivery.is_some() { tr { th { "SMTP配送" } td { (outbound::delivery_cell(delivery.as_ref())) } } }
            }
            pre { (m.text) }
            p {
                a href={ "/_sim/api/workspaces/" (ws) "/mails/" (m.id) "/raw" } { "RFC 5322 形式で表示" }
                " | "
                a href={ "/_sim/mail/" (ws) "/" } { "メールボックスに戻る" }
            }
        },
    )
    .into_response()
}
