//! Operator and trainer pages under `/_sim/` (contract §6): the trainer's dashboard (workspaces:
//! list, create from a preset, reset), each workspace's mailbox and the NACCS center console, in
//! Japanese, plain HTML that works without JavaScript.

use crate::clock;
use crate::http::AppState;
use crate::store;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
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

async fn mailbox(State(st): State<Arc<AppState>>, Path(ws): Path<String>) -> Response {
    let Some((mails, smtp, hooks)) = store::update(st.store.as_ref(), &ws, |w| {
        (
            w.mails.clone(),
            w.outbound.smtp.clone(),
            w.outbound.webhooks.hooks.clone(),
        )
    }) else {
        return (
            StatusCode::NOT_FOUND,
            page("ワークスペースが見つかりません", html! { p { (ws) } }),
        )
            .into_response();
    };
    page(
        &format!("メールボックス（{ws}）"),
        html! {
            @if mails.is_empty() { p { "メールはまだありません。" } }
            @if let Some(s) = &smtp.settings {
                p { "SMTP配送先: " code { (s.redacted_url()) } @if let Some(to) = &s.to { " （すべて " code { (to) } " 宛て）" } }
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

async fn mail(State(st): State<Arc<AppState>>, Path((ws, id)): Path<(String, String)>) -> Response {
    let found = store::update(st.store.as_ref(), &ws, |w| {
        let m = w.mails.iter().find(|m| m.id.to_string() == id).cloned();
        m.map(|m| {
            let d = w.outbound.smtp.delivery(m.id).cloned();
            (m, d)
        })
    });
    let Some(Some((m, delivery))) = found else {
        return (
            StatusCode::NOT_FOUND,
            page("メールが見つかりません", html! { p { (ws) " / " (id) } }),
        )
            .into_response();
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
