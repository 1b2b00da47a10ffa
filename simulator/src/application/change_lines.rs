//! 一般NACCS回線 and 一般NACCS端末 of a change (M001 l.190 「一般NACCS回線の登録情報(追加・変更・
//! 廃止)」「一般NACCS端末の登録情報(追加・変更・削除)」): what the new application's 回線・論理端末
//! 入力 (M003:l.551-625) records when it lists the office's contract lines. No manual prints a
//! screen for it (Part 3 Q8, docs/decisions.md, issue 10 「一般NACCS回線・端末」).
//!
//! A line of the contract is re-entered whole on 回線サービス・論理端末情報 入力 (申込内容
//! 「変更」; its 論理端末数 is the number of terminals the line is to have, as the other change
//! screens are pre-filled and overwritten, M001 l.153) or retired with its terminals (「廃止」);
//! a new line is added with its terminals as on a new application (「追加」).

use super::change::{ChangeItem, ChangeItems, ContractTerminal};
use super::new::{LineRequest, LineSite};
use crate::domain::customers::ContractLine;
use crate::domain::lists::SharedUse;
use serde::{Deserialize, Serialize};

/// The lines of the office as 回線・論理端末 入力 of a change leaves them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinesChange {
    /// The contract's lines re-entered (申込内容 「変更」).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changed: Vec<ChangedLine>,
    /// The ルータ番号 of the contract's lines retired with their terminals (「廃止」).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub retired: Vec<u32>,
    /// New lines with their terminals (「追加」); their ルータ番号 follow the contract's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub added: Vec<LineRequest>,
}

/// A contract line as it is to be: every field of 回線サービス・論理端末情報 入力, its 論理端末数
/// the number of terminals the line is to have.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangedLine {
    /// ルータ番号 of the contract's line.
    pub router: u32,
    pub line: LineRequest,
}

/// What a change does, per kind, for the items it needs and the counts of ID通知内容.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LinesDiff {
    /// Lines 追加 / 変更 / 廃止.
    pub lines: [usize; 3],
    /// Terminals 追加 / 変更 (区分 or 利用機器区分 of a kept one) / 削除.
    pub terminals: [usize; 3],
}

impl LineRequest {
    /// The line as a contract holds it (契約情報 参照's 回線 table), at ルータ番号 `router`.
    pub fn contract_line(&self, router: u32) -> ContractLine {
        ContractLine {
            router,
            system: self.system,
            connection: self.connection.label().to_string(),
            kind: self.kind.label().to_string(),
            access: format!("{} {}", self.speed.label(), self.line_type.label()),
            site: match &self.site {
                LineSite::SameAsOffice => "事業所に同じ".to_string(),
                LineSite::Other(place) => place.as_str().to_string(),
            },
            edifact: self.edifact.is_yes(),
            shared: self.shared == SharedUse::Yes,
        }
    }
}

/// The contract's terminals on the line at `router`, in the contract's order.
pub fn terminals_on(terminals: &[ContractTerminal], router: u32) -> Vec<&ContractTerminal> {
    terminals
        .iter()
        .filter(|t| t.router == Some(router))
        .collect()
}

/// The ルータ番号 the `i`-th added line gets: after every line of the contract.
pub fn added_router(lines: &[ContractLine], i: usize) -> u32 {
    lines.iter().map(|l| l.router).max().unwrap_or(0) + 1 + i as u32
}

impl LinesChange {
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.retired.is_empty() && self.added.is_empty()
    }

    /// The re-entry of the contract's line at `router`, if any.
    pub fn changed_line(&self, router: u32) -> Option<&LineRequest> {
        self.changed
            .iter()
            .find(|c| c.router == router)
            .map(|c| &c.line)
    }

    /// Keeps only what refers to lines of the contract (a tampered ルータ番号 is ignored), a line
    /// either changed or retired.
    pub fn retain_known(&mut self, lines: &[ContractLine]) {
        let known = |r: &u32| lines.iter().any(|l| l.router == *r);
        self.changed.retain(|c| known(&c.router));
        self.retired.retain(known);
        self.retired.sort_unstable();
        self.retired.dedup();
        let retired = self.retired.clone();
        self.changed.retain(|c| !retired.contains(&c.router));
    }

    /// What the change does against the contract's `lines` and `terminals`. A re-entered line
    /// counts as a changed line when what the contract holds of it changes, or when its
    /// terminals do not (then the re-entry is itself the request: new 工事希望日 or 設置場所
    /// works, M001 l.219).
    pub fn diff(&self, lines: &[ContractLine], terminals: &[ContractTerminal]) -> LinesDiff {
        let mut d = LinesDiff {
            lines: [self.added.len(), 0, self.retired.len()],
            terminals: [0; 3],
        };
        d.terminals[0] = self
            .added
            .iter()
            .map(|l| l.terminals.value() as usize)
            .sum();
        for r in &self.retired {
            d.terminals[2] += terminals_on(terminals, *r).len();
        }
        for c in &self.changed {
            let Some(was) = lines.iter().find(|l| l.router == c.router) else {
                continue;
            };
            let on = terminals_on(terminals, c.router);
            let (now, had) = (c.line.terminals.value() as usize, on.len());
            d.terminals[0] += now.saturating_sub(had);
            d.terminals[2] += had.saturating_sub(now);
            let reclassified = on
                .iter()
                .take(now)
                .filter(|t| t.system != c.line.system || t.model != c.line.device.short())
                .count();
            d.terminals[1] += reclassified;
            let terminals_changed = now != had || reclassified > 0;
            if c.line.contract_line(c.router) != *was || !terminals_changed {
                d.lines[1] += 1;
            }
        }
        d
    }

    /// The rules of the change (checked at 「次へ進む」 and again at registration;
    /// docs/decisions.md, issue 10 「一般NACCS回線・端末」): something must change; each kind of
    /// change needs its item; not every line may go while the office keeps terminals on them; an
    /// office that moves re-enters every line it keeps (M001 l.219).
    pub fn check(
        &self,
        items: &ChangeItems,
        lines: &[ContractLine],
        terminals: &[ContractTerminal],
        moving: bool,
    ) -> Result<(), String> {
        if self.is_empty() {
            return Err(NOTHING.into());
        }
        let keeps_line =
            !self.added.is_empty() || lines.iter().any(|l| !self.retired.contains(&l.router));
        let has_terminals = terminals.iter().any(|t| t.router.is_some());
        if !keeps_line && has_terminals {
            return Err(ALL_LINES.into());
        }
        let d = self.diff(lines, terminals);
        let needs = [
            (
                d.lines.iter().any(|n| *n > 0),
                "回線の追加・変更・廃止",
                ChangeItem::GeneralLine,
            ),
            (
                d.terminals.iter().any(|n| *n > 0),
                "論理端末の追加・変更・削除",
                ChangeItem::GeneralTerminal,
            ),
        ];
        for (changed, what, item) in needs {
            if changed && !items.has(item) {
                return Err(format!(
                    "{what}を行う場合は、変更内容入力で「{}」を選択してください。",
                    item.label()
                ));
            }
        }
        if moving
            && lines
                .iter()
                .any(|l| !self.retired.contains(&l.router) && self.changed_line(l.router).is_none())
        {
            return Err(MOVING.into());
        }
        Ok(())
    }
}

/// Refusal of 「次へ進む」 with nothing changed.
pub const NOTHING: &str = "回線・論理端末の変更内容を入力してください。";

/// Refusal of retiring every line of an office that has 一般NACCS terminals on them (the
/// terminals need a line; an office ending 一般NACCS files 「契約解除、事業所廃止」, M001 l.199).
pub const ALL_LINES: &str =
    "一般NACCSの論理端末が登録されているため、すべての回線を廃止することはできません。";

/// M001 l.219, on the lines screen of an office that moves.
pub const MOVING: &str = "事業所が移転するため、廃止しない回線はすべて「変更」ボタンから回線設置場所と工事希望日を入力してください。";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::application::change::ChangeItem;
    use crate::domain::format::Date8;
    use crate::domain::lists::SystemKind;
    use crate::procedures::fields::ScreenForm;
    use crate::procedures::new_application::line_detail::LineContext;

    fn line(terminals: &str, site: Option<&str>) -> LineRequest {
        let mut v = crate::screen::spec::Values::new();
        for (k, x) in [
            ("system", "sea"),
            ("connection", "ip_vpn"),
            ("edifact", "no"),
            ("kind", "main"),
            ("speed", "100m"),
            ("line_type", "fiber_best_effort"),
            ("indoor_wiring", "no"),
            ("maintenance", "weekdays"),
            ("works_wish", "20230310"),
            ("site", if site.is_some() { "other" } else { "same" }),
            ("site_place", site.unwrap_or("")),
            ("option", "none"),
            ("shared", "no"),
            ("device", "interactive"),
            ("backup", "normal"),
            ("terminals", terminals),
            ("works_last", "港湾"),
            ("works_first", "次郎"),
            ("works_tel", "0301234568"),
            ("witness", "contact"),
        ] {
            v.insert(k.into(), x.into());
        }
        let today = chrono::NaiveDate::from_ymd_opt(2023, 2, 27).unwrap();
        LineRequest::parse(&v, &LineContext { today }).unwrap()
    }

    fn terminal(name: &str) -> ContractTerminal {
        ContractTerminal {
            system: SystemKind::Sea,
            model: "インタ".into(),
            package: "一般".into(),
            name: name.into(),
            router: Some(1),
        }
    }

    fn items(chosen: &[ChangeItem]) -> ChangeItems {
        ChangeItems {
            items: chosen.to_vec(),
            others: Vec::new(),
            start_wish: Date8::parse("20230315").unwrap(),
        }
    }

    #[test]
    fn what_a_change_does_and_which_item_it_needs() {
        let contract = [line("2", None).contract_line(1)];
        let terminals = [terminal("11111W"), terminal("22222W")];
        let both = items(&[ChangeItem::GeneralLine, ChangeItem::GeneralTerminal]);
        let only_line = items(&[ChangeItem::GeneralLine]);
        // Nothing.
        let none = LinesChange::default();
        assert_eq!(
            none.check(&both, &contract, &terminals, false),
            Err(NOTHING.into())
        );
        // A re-entry with the same line and terminals is a line change (works).
        let same = LinesChange {
            changed: vec![ChangedLine {
                router: 1,
                line: line("2", None),
            }],
            ..Default::default()
        };
        let d = same.diff(&contract, &terminals);
        assert_eq!((d.lines, d.terminals), ([0, 1, 0], [0; 3]));
        assert_eq!(same.check(&only_line, &contract, &terminals, true), Ok(()));
        // One terminal fewer: a terminal change only, which needs 一般NACCS端末.
        let fewer = LinesChange {
            changed: vec![ChangedLine {
                router: 1,
                line: line("1", None),
            }],
            ..Default::default()
        };
        let d = fewer.diff(&contract, &terminals);
        assert_eq!((d.lines, d.terminals), ([0; 3], [0, 0, 1]));
        assert!(
            fewer
                .check(&only_line, &contract, &terminals, false)
                .unwrap_err()
                .contains("一般NACCS端末の登録情報")
        );
        // Every line retired while terminals are on it; with a new line it may go.
        let mut gone = LinesChange {
            retired: vec![1],
            ..Default::default()
        };
        assert_eq!(
            gone.check(&both, &contract, &terminals, false),
            Err(ALL_LINES.into())
        );
        gone.added.push(line("1", None));
        assert_eq!(gone.check(&both, &contract, &terminals, false), Ok(()));
        let d = gone.diff(&contract, &terminals);
        assert_eq!((d.lines, d.terminals), ([1, 0, 1], [1, 0, 2]));
        assert_eq!(added_router(&contract, 0), 2);
        // A move: the kept line must be re-entered.
        let added_only = LinesChange {
            added: vec![line("1", Some("東京都港区西新橋１－２－３"))],
            ..Default::default()
        };
        assert_eq!(
            added_only.check(&both, &contract, &terminals, true),
            Err(MOVING.into())
        );
    }

    #[test]
    fn tampered_routers_are_ignored() {
        let contract = [line("2", None).contract_line(1)];
        let mut c = LinesChange {
            changed: vec![
                ChangedLine {
                    router: 1,
                    line: line("2", None),
                },
                ChangedLine {
                    router: 7,
                    line: line("2", None),
                },
            ],
            retired: vec![1, 9, 1],
            ..Default::default()
        };
        c.retain_known(&contract);
        assert_eq!(c.retired, [1]);
        assert!(c.changed.is_empty());
    }
}
