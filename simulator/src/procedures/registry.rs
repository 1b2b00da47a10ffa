//! The procedure registry: every procedure declares, in one table, its screens (id, path, manual
//! step, tab, progress step, how each is reached, and its `view` and `submit`), their order, its
//! progress steps and its tab bar. The engine routes, frames and moves sessions from this table
//! alone; the screens catalogue and the manual map are derived from it.
//!
//! Adding a screen is one file (its `view` and `submit`) and one [`ScreenDef`] row in its
//! procedure's table; adding a procedure is a module with a `PROCEDURE` constant listed in
//! [`PROCEDURES`]. docs/architecture.md walks through both.

use super::{Cx, Step};
use crate::application::Draft;
use crate::flow::ScreenId;
use crate::screen::Screen;
use crate::screen::form::FormInput;
use crate::screen::spec::FieldErrors;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Builds a screen for the session standing on it, with the errors of a refused submission.
pub type ViewFn = fn(&mut Cx, &FieldErrors) -> Screen;
/// Reads a posted form of the screen and says where it leads.
pub type SubmitFn = fn(&mut Cx, &FormInput) -> Step;

/// How a screen is reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// A step of the procedure's sequence: [`Step::Next`] and [`Step::Back`] move along the
    /// steps that apply to the draft, in table order.
    Step,
    /// A screen opened from a step and returning to it (利用者コード 入力 detail): outside the
    /// sequence.
    Sub,
    /// A page of the logged-in NSS, reached by a link from anywhere once logged in.
    Page,
}

/// Who the screens catalogue shows a screen to (its fields depend on the login).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShownAs {
    /// Before login (仮ログイン登録).
    Anonymous,
    /// A 仮ログインID.
    Temp,
    /// An office (事業所コード NAC001 of the manuals).
    Office,
}

/// One screen of a procedure.
#[derive(Clone, Copy)]
pub struct ScreenDef {
    /// The stable contract id, `procedure.screen` (contract §4).
    pub id: &'static str,
    /// The path under the workspace base (`app/office`).
    pub path: &'static str,
    /// Where the manuals print it (`M000 【16】`).
    pub manual: &'static str,
    /// The index of the procedure's progress step the screen highlights.
    pub progress: Option<usize>,
    /// The tab of the procedure's tab bar the screen stands on.
    pub tab: Option<&'static str>,
    pub reach: Reach,
    /// Whether the screen belongs to the draft's path (a branch such as netNACCS / 一般NACCS);
    /// `None`: always.
    pub applies: Option<fn(&Draft) -> bool>,
    pub shown_as: ShownAs,
    pub view: ViewFn,
    /// `None` for a page without a form of its own: a POST only shows it again.
    pub submit: Option<SubmitFn>,
}

impl ScreenDef {
    /// A step of a procedure's sequence; chain the setters for the rest.
    pub const fn step(
        id: &'static str,
        path: &'static str,
        manual: &'static str,
        view: ViewFn,
        submit: SubmitFn,
    ) -> Self {
        ScreenDef {
            id,
            path,
            manual,
            progress: None,
            tab: None,
            reach: Reach::Step,
            applies: None,
            shown_as: ShownAs::Temp,
            view,
            submit: Some(submit),
        }
    }

    /// A page of the logged-in NSS.
    pub const fn page(
        id: &'static str,
        path: &'static str,
        manual: &'static str,
        view: ViewFn,
    ) -> Self {
        let mut d = Self::step(id, path, manual, view, |_, _| Step::Refresh);
        d.reach = Reach::Page;
        d.submit = None;
        d
    }

    pub const fn progress(mut self, step: usize) -> Self {
        self.progress = Some(step);
        self
    }

    pub const fn tab(mut self, tab: &'static str) -> Self {
        self.tab = Some(tab);
        self
    }

    pub const fn sub(mut self) -> Self {
        self.reach = Reach::Sub;
        self
    }

    pub const fn with_submit(mut self, submit: SubmitFn) -> Self {
        self.submit = Some(submit);
        self
    }

    pub const fn shown_as(mut self, who: ShownAs) -> Self {
        self.shown_as = who;
        self
    }

    pub const fn applies(mut self, when: fn(&Draft) -> bool) -> Self {
        self.applies = Some(when);
        self
    }

    /// The screen's id as a session position.
    pub fn screen_id(&self) -> ScreenId {
        ScreenId::new(self.id)
    }

    fn applies_to(&self, draft: Option<&Draft>) -> bool {
        match (self.applies, draft) {
            (None, _) => true,
            (Some(f), Some(d)) => f(d),
            (Some(_), None) => false,
        }
    }
}

/// A procedure: a state machine over its screens.
pub struct Procedure {
    /// The prefix of its screen ids (`new_application`).
    pub id: &'static str,
    /// How the screens catalogue names it (`P2 新規利用申込`).
    pub name: &'static str,
    /// The steps of its progress bar, if it shows one.
    pub progress: &'static [&'static str],
    /// The tabs of its tab bar, if it shows one.
    pub tabs: &'static [&'static str],
    /// Its screens; the [`Reach::Step`] ones in sequence order.
    pub screens: &'static [ScreenDef],
}

/// Every procedure of the simulator.
pub const PROCEDURES: &[&Procedure] = &[
    &super::temp_account::PROCEDURE,
    &super::new_application::PROCEDURE,
    &super::change_application::PROCEDURE,
    &super::portal::PROCEDURE,
    &super::system_settings::PROCEDURE,
];

struct Index {
    by_id: HashMap<&'static str, (&'static Procedure, &'static ScreenDef)>,
    by_path: HashMap<&'static str, &'static ScreenDef>,
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut by_id = HashMap::new();
        let mut by_path = HashMap::new();
        for p in PROCEDURES {
            for s in p.screens {
                by_id.insert(s.id, (*p, s));
                by_path.insert(s.path, s);
            }
        }
        Index { by_id, by_path }
    })
}

/// The screen with this id.
pub fn screen(id: &str) -> Option<&'static ScreenDef> {
    index().by_id.get(id).map(|(_, s)| *s)
}

/// The procedure a screen belongs to.
pub fn procedure_of(id: &str) -> Option<&'static Procedure> {
    index().by_id.get(id).map(|(p, _)| *p)
}

/// The screen served at `path`.
pub fn at_path(path: &str) -> Option<&'static ScreenDef> {
    index().by_path.get(path).copied()
}

/// Every screen, procedure by procedure, in table order.
pub fn all() -> impl Iterator<Item = (&'static Procedure, &'static ScreenDef)> {
    PROCEDURES
        .iter()
        .flat_map(|p| p.screens.iter().map(move |s| (*p, s)))
}

/// The step after (`forward`) or before `from` in its procedure's sequence, skipping the steps
/// that do not apply to the draft.
pub fn neighbour(from: &str, draft: Option<&Draft>, forward: bool) -> Option<&'static ScreenDef> {
    let p = procedure_of(from)?;
    let steps: Vec<&'static ScreenDef> = p
        .screens
        .iter()
        .filter(|s| s.reach == Reach::Step && (s.id == from || s.applies_to(draft)))
        .collect();
    let i = steps.iter().position(|s| s.id == from)?;
    if forward {
        steps.get(i + 1).copied()
    } else {
        i.checked_sub(1).and_then(|j| steps.get(j).copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_paths_are_unique_and_ids_name_their_procedure() {
        let mut ids = std::collections::HashSet::new();
        let mut paths = std::collections::HashSet::new();
        for (p, s) in all() {
            assert!(ids.insert(s.id), "screen id {} twice", s.id);
            assert!(paths.insert(s.path), "path {} twice", s.path);
            if p.id != "portal" {
                assert!(
                    s.id.starts_with(&format!("{}.", p.id)),
                    "{} outside {}",
                    s.id,
                    p.id
                );
            }
            if let Some(step) = s.progress {
                assert!(step < p.progress.len(), "{}: no progress step {step}", s.id);
            }
            if let Some(tab) = s.tab {
                assert!(p.tabs.contains(&tab), "{}: no tab {tab}", s.id);
            }
        }
    }

    #[test]
    fn sequence_of_the_new_application() {
        let d = Draft::NewApplication(Default::default());
        let mut at = "new_application.guidance";
        let mut seen = vec![at];
        while let Some(next) = neighbour(at, Some(&d), true) {
            at = next.id;
            seen.push(at);
        }
        assert_eq!(
            seen,
            [
                "new_application.guidance",
                "new_application.applicant",
                "new_application.office",
                "new_application.user_codes",
                "new_application.terminals",
                "new_application.plan",
                "new_application.billing",
                "new_application.confirm",
                "new_application.complete"
            ]
        );
        assert_eq!(
            neighbour("new_application.terminals", Some(&d), false).map(|s| s.id),
            Some("new_application.user_codes")
        );
        assert!(neighbour("new_application.guidance", Some(&d), false).is_none());
    }

    #[test]
    fn the_general_naccs_path_takes_lines_and_mailboxes() {
        let d = Draft::NewApplication(Box::new(crate::application::draft::NewApplicationDraft {
            connection: Some(crate::application::new::Connection::General),
            ..Default::default()
        }));
        let mut at = "new_application.user_codes";
        let mut seen = vec![at];
        while let Some(next) = neighbour(at, Some(&d), true) {
            at = next.id;
            seen.push(at);
        }
        assert_eq!(
            seen,
            [
                "new_application.user_codes",
                "new_application.lines",
                "new_application.mailbox",
                "new_application.plan",
                "new_application.billing",
                "new_application.confirm",
                "new_application.complete"
            ]
        );
        assert_eq!(
            neighbour("new_application.plan", Some(&d), false).map(|s| s.id),
            Some("new_application.mailbox")
        );
    }
}
