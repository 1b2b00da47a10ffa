//! Every screen as it first shows, for the screens catalogue (contract §5 `GET /_sim/api/screens`)
//! and where each comes from in the manuals — both derived from the procedure registry.

use super::registry::{self, ShownAs};
use super::{Cx, bbs, errors, login};
use crate::screen::Screen;
use crate::screen::spec::FieldErrors;
use crate::workspace::Workspace;
use crate::workspace::session::{Login, Session};

/// The screens outside the registry, and where the manuals print them.
const OTHER_SCREENS: &[(&str, &str, &str)] = &[
    ("login.form", "P1/P2", "M000 【13】"),
    ("bbs.index", "P1", "M000 【3】【4】【16】(1)"),
    ("error.unexpected_operation", "common", "M000 【参考】"),
    ("temp_account.rules", "P1", "M000 【5】"),
];

/// (procedure, manual step) of a screen id.
pub fn manual_step(id: &str) -> Option<(&'static str, &'static str)> {
    if let Some(p) = registry::procedure_of(id)
        && let Some(s) = registry::screen(id)
    {
        return Some((p.name, s.manual));
    }
    OTHER_SCREENS
        .iter()
        .find(|(i, _, _)| *i == id)
        .map(|(_, p, m)| (*p, *m))
}

/// Every screen as it first shows.
pub fn catalogue() -> Vec<Screen> {
    let now = crate::clock::jst_instant(2018, 11, 27, 9, 0);
    let mut ws = Workspace::new(
        "catalogue",
        crate::workspace::WorkspaceSpec {
            seed: 0,
            now: Some(now),
            fixture: None,
        },
    );
    let mut out = vec![
        login::view("/", &[], "", false),
        bbs::view("/", now.date_naive()),
        super::temp_account::rules::view("/"),
    ];
    // The contract, password and invoice screens show their fields to an office login only:
    // the catalogue shows them as the manuals' NAC001 sees them.
    ws.seed_customers();
    for (_, def) in registry::all() {
        let login = match def.shown_as {
            ShownAs::Anonymous => None,
            ShownAs::Office => Some(Login::Office("NAC001".to_string())),
            ShownAs::Temp => Some(Login::Temp("1800000".to_string())),
        };
        let mut session = Session::new(now, login, def.screen_id(), String::new());
        let mut cx = Cx {
            ws: &mut ws,
            session: &mut session,
            now,
            base: "/",
            public_base: "http://localhost/",
        };
        out.push(super::engine::render(&mut cx, &FieldErrors::new()));
    }
    out.push(errors::unexpected_operation("/"));
    out
}
