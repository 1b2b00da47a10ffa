//! The journal page (`/_sim/journal/{ws}/`): every NSS request of a workspace with its outcome,
//! newest first, as a trainer reads it to see what a trainee did (contract §6).

use super::{PagePath, no_workspace, page, store_failed};
use crate::clock;
use crate::journal::Outcome;
use crate::state::AppState;
use crate::store::StoreError;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use maud::html;
use std::sync::Arc;

/// How an outcome reads on the page.
fn outcome_label(o: Outcome) -> &'static str {
    match o {
        Outcome::Ok => "正常",
        Outcome::ValidationError => "入力エラー",
        Outcome::UnexpectedOperation => "予期しない操作",
        Outcome::Expired => "期限切れ",
        Outcome::NotFound => "見つかりません",
    }
}

/// The most entries the page shows (the newest); the JSON has every entry kept.
const SHOWN: usize = 500;

pub async fn list(State(st): State<Arc<AppState>>, PagePath(ws): PagePath<String>) -> Response {
    let read = st.with_workspace(&ws, |w| {
        let skip = w.journal.len().saturating_sub(SHOWN);
        let newest: Vec<_> = w.journal.iter().skip(skip).cloned().collect();
        (newest, w.journal.len(), w.journal.dropped())
    });
    let (entries, kept, dropped) = match read {
        Ok(read) => read,
        Err(StoreError::NotFound(_)) => return no_workspace(&ws),
        Err(e) => return store_failed(&e),
    };
    let cap = st.limits.journal_entries;
    page(
        &format!("操作履歴（{ws}）"),
        html! {
            p { (kept) "件（新しい順）" @if kept > entries.len() { "。新しい" (entries.len()) "件を表示しています（すべてはJSONで）" } }
            @if dropped > 0 {
                p.note { "上限（" (cap) "件）を超えたため、古い" (dropped) "件は削除されました。" }
            }
            table.data {
                thead { tr { th { "日時" } th { "方法" } th { "パス" } th { "画面" } th { "ボタン" } th { "結果" } th { "次の画面" } th { "HTTP" } } }
                tbody {
                    @for e in entries.iter().rev() {
                        tr {
                            td { (clock::format_minute(e.at)) }
                            td { (e.method) }
                            td { (e.path) }
                            td { (e.screen.as_deref().unwrap_or("-")) }
                            td { (e.button.as_deref().unwrap_or("-")) }
                            td { (outcome_label(e.outcome)) }
                            td { (e.next_screen.as_deref().unwrap_or("-")) }
                            td { (e.status) }
                        }
                    }
                }
            }
            p {
                a href={ "/_sim/api/workspaces/" (ws) "/journal" } { "JSON" }
                " | "
                a href="/_sim/" { "ワークスペース一覧" }
            }
        },
    )
    .into_response()
}
