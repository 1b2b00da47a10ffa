//! 請求金額の参照: the office's monthly invoices.

use super::nav;
use crate::procedures::Cx;
use crate::screen::{Block, Cell, Screen, Table, Text};
use crate::workspace::session::Login;

/// Yen with thousands separators: 12,345円.
pub fn yen(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    format!("{out}円")
}

pub fn view(cx: &mut Cx, _errors: &crate::screen::spec::FieldErrors) -> Screen {
    let mut s = Screen::new("invoices.list", "請求金額の参照");
    s.blocks.push(nav(cx));
    let Some(Login::Office(code)) = cx.session.login.clone() else {
        s.blocks
            .push(Block::Text(vec!["請求情報はありません。".into()]));
        return s;
    };
    let invoices = cx
        .ws
        .state
        .offices
        .get(&code)
        .map(|o| o.contract.invoices.clone())
        .unwrap_or_default();
    s.intro = vec!["請求金額を表示します。".into()];
    let empty = invoices.is_empty();
    s.blocks.push(Block::Table(Table {
        caption: "請求情報".into(),
        columns: ["請求年月", "請求金額", "請求日", "支払期限", "支払状況"]
            .map(Text::from)
            .to_vec(),
        rows: invoices
            .iter()
            .rev()
            .map(|i| {
                vec![
                    Cell::from(i.month.format("%Y/%m").to_string()),
                    Cell::from(yen(i.amount_yen)),
                    Cell::from(crate::clock::format_date(i.issued_on)),
                    Cell::from(crate::clock::format_date(i.due_on)),
                    Cell::from(if i.paid { "支払済" } else { "未払" }),
                ]
            })
            .collect(),
    }));
    if empty {
        s.blocks
            .push(Block::Text(vec!["請求情報はありません。".into()]));
    }
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn yen_groups_thousands() {
        assert_eq!(super::yen(0), "0円");
        assert_eq!(super::yen(5000), "5,000円");
        assert_eq!(super::yen(1234567), "1,234,567円");
    }
}
