//! 申込内容の確認: the applications of the logged-in user (申込情報一覧, M001 2.).

use super::{nav, owned};
use crate::procedures::Cx;
use crate::screen::{Block, Cell, Link, Screen, Table, Text};

pub fn view(cx: &mut Cx, _errors: &crate::screen::spec::FieldErrors) -> Screen {
    let mut s = Screen::new("applications.list", "申込内容の確認");
    s.blocks.push(nav(cx));
    let Some(login) = cx.session.login.clone() else {
        return s;
    };
    let apps = owned(cx.ws, &login);
    s.intro =
        vec!["申込情報の一覧を表示します。「詳細」をクリックすると申込内容を参照できます。".into()];
    let mut links = Vec::new();
    let rows = apps
        .iter()
        .map(|a| {
            let href = cx.url(&super::detail_path(a));
            links.push(Link::new(
                format!("詳細【{}】", a.reception_number),
                href.clone(),
            ));
            vec![
                Cell::from(a.reception_number.clone()),
                Cell::from(a.kind().label()),
                Cell::from(crate::clock::format_date(a.submitted_at.date_naive())),
                Cell::from(a.status.label()),
                Cell::Link(Link::new("詳細", href)),
            ]
        })
        .collect();
    s.blocks.push(Block::Table(Table {
        caption: "申込情報一覧".into(),
        columns: ["受付番号", "申込分類", "申込日", "ステータス", "操作"]
            .map(Text::from)
            .to_vec(),
        rows,
    }));
    if apps.is_empty() {
        s.blocks
            .push(Block::Text(vec!["申込情報はありません。".into()]));
    }
    s.blocks.push(Block::Links(links));
    s
}
