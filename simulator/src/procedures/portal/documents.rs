//! The printed documents of 申込内容 参照 (M001 l.43-47, 438-445; M002 l.800-802, 817, 931-937):
//! 「申込書を出力する」 (システムサービス利用申込書, or for a change システムサービス利用契約変更申込書)
//! and 「承認通知を出力する」 (システムサービス利用契約変更承認通知, or for a new application the
//! システムサービス利用承諾書), printable from the 利用開始日 only.
//!
//! The manuals call them PDF; the simulator answers a print-ready HTML page (A4, `@media print`),
//! see docs/decisions.md, Issue 15 — printed documents. The manuals print no layout of the forms,
//! so a document lists the application's sections as 申込内容 確認 / 参照 prints them.

use super::{item_table, owns};
use crate::application::{Application, ApplicationContent, ApplicationStatus};
use crate::clock::{Instant, format_date};
use crate::journal::Outcome;
use crate::procedures::change_application::view as change_view;
use crate::procedures::engine::{Routed, screen_reply};
use crate::procedures::new_application::view as new_view;
use crate::procedures::{Body, CookieAction, NssRequest, Reply, login};
use crate::screen::frame::CONTACT_COMPANY;
use crate::screen::{Block, Link, Screen};
use crate::workspace::Workspace;
use maud::{DOCTYPE, Markup, html};

/// Where the documents are downloaded (`?no=<申込受付番号>&doc=application|approval`).
pub const PATH: &str = "menu/applications/document";

/// The journal's name of a download.
const ID: &str = "applications.document";

/// Which document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Document {
    /// 「申込書を出力する」: always, for a registered application.
    Application,
    /// 「承認通知を出力する」: from the 利用開始日 of an approved application.
    Approval,
}

impl Document {
    fn parse(s: &str) -> Option<Document> {
        match s {
            "application" => Some(Document::Application),
            "approval" => Some(Document::Approval),
            _ => None,
        }
    }

    /// The link of this document for `app`, relative to the workspace base.
    pub fn href(self, app: &Application) -> String {
        let doc = match self {
            Document::Application => "application",
            Document::Approval => "approval",
        };
        format!("{PATH}?no={}&doc={doc}", app.reception_number)
    }

    /// The document's title as the manuals name it.
    pub fn title(self, app: &Application) -> &'static str {
        let change = matches!(app.content, ApplicationContent::Change(_));
        match (self, change) {
            // M002 l.817.
            (Document::Application, false) => "システムサービス利用申込書",
            // M001 l.46.
            (Document::Application, true) => "システムサービス利用契約変更申込書",
            // M002 l.931-937: the new office's approval is its 利用承諾書.
            (Document::Approval, false) => "システムサービス利用承諾書",
            // M001 l.43.
            (Document::Approval, true) => "システムサービス利用契約変更承認通知",
        }
    }
}

/// Why the 承認通知 of `app` cannot be printed on `today`, if it cannot (M001 l.44, 444:
/// 「利用開始日以降に出力できます」).
pub fn approval_refusal(app: &Application, today: chrono::NaiveDate) -> Option<String> {
    if app.status == ApplicationStatus::Cancelled {
        return Some("この申込は無効となったため、承認通知は出力できません。".into());
    }
    match &app.issued {
        None => Some("承認通知は審査終了後、利用開始日以降に出力できます。".into()),
        Some(i) if today < i.start_date => Some(format!(
            "承認通知は利用開始日（{}）以降に出力できます。",
            format_date(i.start_date)
        )),
        Some(_) => None,
    }
}

/// Answers `GET menu/applications/document`: the document for the login that may see the
/// application, else a screen saying why not. The session does not move.
pub fn download(ws: &mut Workspace, req: &NssRequest, now: Instant, token: Option<&str>) -> Routed {
    let asked = Some(ID.to_string());
    let refuse = |status: u16, message: String| {
        let mut s = Screen::new("error.document", "帳票出力");
        s.status = status;
        s.errors.push(message);
        s.blocks.push(Block::Links(vec![Link::new(
            "←一覧表示に戻る",
            format!("{}menu/applications", req.base),
        )]));
        // The journal tells an unknown application from a refused 承認通知.
        let outcome = if status == 404 {
            Outcome::NotFound
        } else {
            Outcome::ValidationError
        };
        screen_reply(s, CookieAction::Keep, outcome, asked.clone())
    };
    let login = token
        .and_then(|t| ws.sessions.get(t))
        .and_then(|s| s.login.clone());
    let Some(login) = login.filter(|who| login::alive(ws, who, now)) else {
        return screen_reply(
            login::expired(req.base),
            CookieAction::Clear,
            Outcome::Expired,
            asked,
        );
    };
    let param = |name: &str| {
        crate::screen::form::parse_urlencoded(req.query.as_bytes())
            .into_iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v)
    };
    let app = param("no")
        .and_then(|no| ws.application(&no).cloned())
        .filter(|a| owns(&login, a) && a.content.as_settings().is_none());
    let (Some(app), Some(doc)) = (app, param("doc").as_deref().and_then(Document::parse)) else {
        return refuse(404, "指定された申込は存在しません。".into());
    };
    let today = now.date_naive();
    if doc == Document::Approval
        && let Some(why) = approval_refusal(&app, today)
    {
        return refuse(403, why);
    }
    let html = render(doc, &app, today).into_string();
    let kind = match doc {
        Document::Application => "application",
        Document::Approval => "approval",
    };
    Routed {
        reply: Reply {
            body: Body::Document {
                html,
                filename: format!("{}-{kind}.html", app.reception_number),
            },
            cookie: CookieAction::Keep,
        },
        asked,
        outcome: Outcome::Ok,
        next_screen: None,
        status: 200,
    }
}

/// The page: A4, the print button hidden on paper.
pub fn render(doc: Document, app: &Application, today: chrono::NaiveDate) -> Markup {
    let title = doc.title(app);
    let body = match doc {
        Document::Application => application_form(app),
        Document::Approval => approval(title, app),
    };
    html! {
        (DOCTYPE)
        html lang="ja" {
            head {
                meta charset="utf-8";
                title { (title) " " (app.reception_number) }
                style { (CSS) }
            }
            body data-document=(match doc { Document::Application => "application", Document::Approval => "approval" }) {
                p.noprint { button type="button" onclick="window.print()" { "印刷する" } }
                p.date { "出力日 " (format_date(today)) }
                h1 { (title) }
                (body)
                p.issuer { (CONTACT_COMPANY) }
            }
        }
    }
}

const CSS: &str = "@page { size: A4; margin: 15mm; }
body { font-family: 'Noto Sans JP', 'Hiragino Kaku Gothic ProN', 'Yu Gothic', Meiryo, sans-serif; font-size: 10pt; max-width: 180mm; margin: 0 auto; }
h1 { text-align: center; font-size: 16pt; letter-spacing: 0.2em; margin: 6mm 0; }
h2, h3 { font-size: 11pt; margin: 4mm 0 1mm; }
p.date, p.issuer { text-align: right; }
table { width: 100%; border-collapse: collapse; margin-bottom: 3mm; page-break-inside: avoid; }
th, td { border: 1px solid #000; padding: 1mm 2mm; text-align: left; vertical-align: top; }
th { background: #eee; width: 35%; font-weight: normal; }
ul.links, .inline-buttons { display: none; }
@media print { .noprint { display: none; } body { max-width: none; } }";

/// The header items every document prints: the 申込受付番号 and the dates.
fn header_rows(app: &Application) -> Vec<(&'static str, String)> {
    let mut rows = vec![
        ("申込受付番号", app.reception_number.clone()),
        ("申込分類", app.kind().label().to_string()),
        ("申込日", format_date(app.submitted_at.date_naive())),
        ("企業名", app.company().to_string()),
        ("事業所名", office_name(app)),
    ];
    if let Some(w) = app.wished_start() {
        rows.push(("利用開始希望日", w.to_string()));
    }
    if let Some(i) = &app.issued {
        rows.push(("審査終了日", format_date(i.approved_at.date_naive())));
        rows.push(("利用開始日", format_date(i.start_date)));
    }
    rows
}

fn office_name(app: &Application) -> String {
    match &app.content {
        ApplicationContent::New(n) => n.office.office_name.as_str().to_string(),
        ApplicationContent::Change(c) => c.before.office_name.clone(),
        ApplicationContent::SystemSettings(_) => String::new(),
    }
}

/// The application's sections as 申込内容 確認 / 参照 prints them.
fn sections(app: &Application) -> Vec<Block> {
    match &app.content {
        ApplicationContent::New(n) => {
            let mut b = new_view::applicant_blocks(n);
            b.extend(new_view::office_blocks(n));
            b.extend(new_view::user_code_blocks(n));
            // 論理端末・証明書 (netNACCS), or 回線・論理端末 and メールボックス (一般NACCS, M003).
            b.extend(new_view::equipment_blocks(n));
            b.extend(new_view::plan_blocks(n));
            b.extend(new_view::billing_blocks(n));
            b
        }
        ApplicationContent::Change(c) => {
            let mut b = vec![change_view::items_table(&c.items)];
            for tab in ["事業所", "netNACCS", "請求先"] {
                b.extend(change_view::detail_tab(tab, c).unwrap_or_default());
            }
            b
        }
        ApplicationContent::SystemSettings(_) => Vec::new(),
    }
}

/// 申込書: the header items, then every section, with the 備考.
fn application_form(app: &Application) -> Markup {
    let mut blocks = vec![item_table("申込情報", "申込内容", header_rows(app))];
    blocks.extend(sections(app));
    let remarks = match &app.content {
        ApplicationContent::New(n) => n.remarks.as_ref().map(|r| r.as_str().to_string()),
        ApplicationContent::Change(c) => c.remarks.as_ref().map(|r| r.as_str().to_string()),
        ApplicationContent::SystemSettings(_) => None,
    };
    blocks.push(item_table(
        "備考",
        "申込内容",
        vec![("備考", remarks.unwrap_or_default())],
    ));
    crate::screen::html::blocks_markup(blocks)
}

/// 承認通知 / 利用承諾書: the addressee, the approval with its dates and the codes it issued,
/// then the contract as applied for. Passwords are never printed (ID通知内容 shows them).
fn approval(title: &str, app: &Application) -> Markup {
    let mut rows = header_rows(app);
    if let Some(i) = &app.issued {
        rows.push(("事業所コード", i.ids.office_code.clone()));
        rows.push(("企業略称", i.ids.company_abbr.clone()));
        rows.push(("請求先コード", i.ids.billing_code.clone()));
    }
    let mut blocks = vec![item_table("承認内容", "内容", rows)];
    blocks.extend(sections(app));
    let lead = match app.content {
        ApplicationContent::Change(_) => {
            "システムサービス利用契約の変更について、下記のとおり承認しましたので通知いたします。"
        }
        _ => "システムサービスの利用について、下記のとおり承諾いたします。",
    };
    html! {
        p.addressee { (app.company()) " " (office_name(app)) " 御中" }
        p.lead { (lead) }
        p.keep { "本書類（" (title) "）はお客様にて大切に保管くださいますようお願いいたします。" }
        (crate::screen::html::blocks_markup(blocks))
    }
}
