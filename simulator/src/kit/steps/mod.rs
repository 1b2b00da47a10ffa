//! The steps of the client scenarios (features/client/), in Japanese as the features:
//! declarative task steps (「申込担当者がマニュアルのデータで利用申込を登録する」) carried out by
//! the client under test, and checks that read only the simulator API, the journal and the mails.
//!
//! - [`setup`]: the workspace, its clock, what the kit does itself (`前提`) and the NACCS center;
//! - [`tasks`]: the client steps (`もし 申込担当者が…`), one per action of the driver protocol;
//! - [`report`]: what the client reported, against the truth and the manuals' formats;
//! - [`record`]: what the client left behind — the stored application, the mails, the
//!   snapshots.
//!
//! Adding an action's scenarios: a step in [`tasks`] that builds its task, its report checks in
//! [`report`] (docs/kit.md, "Adding an action").

/// `assert_eq!` that fails with the given message only: the messages already say what was
/// reported and what is true, in the manuals' terms.
macro_rules! check_eq {
    ($left:expr, $right:expr, $($message:tt)+) => {
        if $left != $right {
            panic!($($message)+)
        }
    };
}

mod record;
mod report;
mod setup;
mod tasks;

use super::data;
use serde_json::Value;
use std::str::FromStr;

/// A value printed in 「…」 (cucumber expression `{q}`): the text between the brackets.
/// Messages that themselves contain 「…」 are matched by regex steps instead.
#[derive(Debug, Clone, Default, cucumber::Parameter)]
#[param(name = "q", regex = "「[^」]*」")]
pub struct Q(pub String);

impl FromStr for Q {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.strip_prefix('「')
            .and_then(|s| s.strip_suffix('」'))
            .map(|s| Q(s.to_string()))
            .ok_or_else(|| format!("not in 「」: {s}"))
    }
}

/// The data sets by the words the features use for them.
pub const DATA_SETS: &str = "マニュアルのデータ|拡張データ|マニュアル001のデータ|マニュアル002のデータ|マニュアル003のデータ|回線付きの一般NACCSデータ|マニュアル004のデータ";

/// The data set a feature names: 「マニュアルのデータ」 manual 000's, 「拡張データ」 the kit's
/// extended set, 「マニュアル001のデータ」 manual 001's change, 「マニュアル002のデータ」 manual 002's
/// 機器共用, 「マニュアル003のデータ」 manual 003's 一般NACCS application, 「回線付きの一般NACCSデータ」
/// the same with a line and mailboxes, 「マニュアル004のデータ」 manual 004's システム設定申込.
pub fn data_set(words: &str) -> &'static Value {
    let name = match words {
        "マニュアルのデータ" => "manual000",
        "拡張データ" => "extended",
        "マニュアル001のデータ" => "manual001",
        "マニュアル002のデータ" => "manual002",
        "マニュアル003のデータ" => "manual003",
        "回線付きの一般NACCSデータ" => "general_lines",
        "マニュアル004のデータ" => "manual004",
        other => panic!("no data set 「{other}」 (known: {DATA_SETS})"),
    };
    data::set(name).expect("the kit's data sets are embedded")
}

/// `2018年11月27日16時30分` as RFC 3339 in JST.
pub fn jst(year: u32, month: u32, day: u32, hour: u32, minute: u32) -> String {
    format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:00+09:00")
}
