//! 《システム利用規程》: the link on NACCSの利用申込手続き (M000 【5】). The real rules are a long
//! legal text published by NACCS; the simulator shows what it is and where it lives.

use crate::screen::{Block, Link, Screen};

pub fn view(base: &str) -> Screen {
    let mut s = Screen::new("temp_account.rules", "システム利用規程");
    s.blocks.push(Block::Text(vec![
        "NACCSのご利用にあたっては、輸出入・港湾関連情報処理センター株式会社が定める「システム利用規程」への同意が必要です。".into(),
        "規程の全文はNACCS掲示板に掲載されています。このシミュレータでは全文を表示しません。".into(),
    ]));
    s.blocks.push(Block::Links(vec![Link::new(
        "NACCSの利用申込手続きに戻る",
        format!("{base}apply/"),
    )]));
    s
}
