//! ID通知内容 (M001 3.④, M002 3.): what approval issued, with passwords visible only within
//! their viewing period.

use super::{item_table, nav, viewed};
use crate::application::{ApplicationContent, IssuedRecord, Person};
use crate::center::passwords_visible;
use crate::domain::issuance::{Issued, IssuedTerminal};
use crate::domain::lists::{CustomsOffice, SystemKind};
use crate::procedures::Cx;
use crate::screen::{Block, Cell, Link, Screen, Table, Text};

/// How a hidden password prints.
pub const MASK: &str = "********";

fn kv(caption: &'static str, rows: Vec<(&'static str, String)>) -> Block {
    item_table(caption, "内容", rows)
}

/// The dates of ID通知内容 as M002 prints them (l.836, 2018: 利用開始日 「2018/11/06」); M001 (l.535,
/// 2013) printed 「20131210」, its 申込結果 ten-character 「XXXXXXXXXX」 dates. The newer manual wins
/// (audit M-25).
fn ymd(d: chrono::NaiveDate) -> String {
    crate::clock::format_date(d)
}

/// The screen's heading as M001 prints it (l.529 「ID発行内容 参照」, over 「ID通知内容を確認してく
/// ださい。」; audit M-21). The way to it stays the button 「ID通知内容」 (M001 l.440, M002 l.802).
pub const TITLE: &str = "ID発行内容 参照";

/// Under the 論理端末名 / デジタル証明書 table (M001 l.553-555; audit M-14).
pub const INSTALL_LINES: [&str; 2] = [
    "端末ごとにデジタル証明書を取得し、NACCSパッケージソフトをインストールしてください。",
    "※「パッケージソフト初期導入手順書」を参照してください <http://www.naccscenter.com/use/ps/>",
];

/// The terminals of the office whose equipment `ids`' office uses (機器共用先), as its contract
/// holds them now.
pub fn shared_terminals(cx: &mut Cx, ids: &Issued) -> Vec<IssuedTerminal> {
    let Some(owner) = &ids.sharing_office else {
        return Vec::new();
    };
    cx.ws.seed_customers();
    cx.ws
        .state
        .offices
        .get(owner)
        .map(|o| o.contract.issued.terminals.clone())
        .unwrap_or_default()
}

pub fn view(cx: &mut Cx, _errors: &crate::screen::spec::FieldErrors) -> Screen {
    let mut s = Screen::new("applications.id_notice", TITLE);
    s.blocks.push(nav(cx));
    let Some(a) = viewed(cx) else {
        s.errors.push("指定された申込は存在しません。".to_string());
        return s;
    };
    let Some(issued) = a.issued.clone() else {
        s.errors
            .push("この申込の審査は終了していません。".to_string());
        return s;
    };
    let today = cx.now.date_naive();
    let show = passwords_visible(&issued, today);
    let secret = |p: &str| {
        if show {
            p.to_string()
        } else {
            MASK.to_string()
        }
    };
    let ids = &issued.ids;
    s.intro = vec!["ID通知内容を確認してください。".into()];
    if !show {
        s.notices.push("パスワードの参照期間（審査終了日から利用開始日の2営業日後まで）を過ぎているため、パスワードは表示されません。".into());
    }
    let Some(facts) = Facts::of(&a.content, &issued) else {
        s.errors
            .push("この申込の審査は終了していません。".to_string());
        return s;
    };
    let customs = if facts.customs.label() == "不明" {
        "不明".to_string()
    } else {
        format!("{}税関", facts.customs.label())
    };
    let system = facts
        .system
        .map(|k| k.label().to_string())
        .unwrap_or_default();
    // M001 l.538: a change's ID通知内容 prints the 事業所パスワード masked; a change issues none.
    let office_password = if facts.change {
        MASK.to_string()
    } else {
        secret(&ids.office_password)
    };
    let mut notice = vec![
        ("利用開始日", ymd(issued.start_date)),
        ("企業略称", ids.company_abbr.clone()),
        ("事業所コード", ids.office_code.clone()),
        ("事業所パスワード", office_password),
        ("システム区分", system),
        ("管轄税関", customs),
        ("請求先コード", ids.billing_code.clone()),
    ];
    // A 機器共用 office: the owner whose equipment it uses (M002 ⑦; where NSS prints it is not
    // shown by the manuals — decision in docs/decisions.md, issue 11, Q10).
    if let Some(owner) = &ids.sharing_office {
        notice.push(("事業所コード(機器共用先)", owner.clone()));
    }
    s.blocks.push(kv("ID通知内容", notice));
    s.blocks.push(Block::Table(Table {
        caption: "利用者ID".into(),
        columns: ["業種", "処理方式", "利用者コード", "識別番号", "パスワード"]
            .map(Text::from)
            .to_vec(),
        rows: ids
            .user_ids
            .iter()
            .map(|u| {
                vec![
                    Cell::from(
                        u.industries
                            .iter()
                            .map(|i| i.label())
                            .collect::<Vec<_>>()
                            .join("・"),
                    ),
                    Cell::from(u.method.label()),
                    Cell::from(u.user_code.clone()),
                    Cell::from(u.ident.clone()),
                    Cell::from(secret(&u.password)),
                ]
            })
            .collect(),
    }));
    // 認証コード are what the certificate download needs: shown once the certificates are
    // issued (M001 3.: 「デジタル証明書発行完了のお知らせ」 points here for them).
    let certified = issued.certificates_issued_at.is_some();
    let mut terminal_rows: Vec<Vec<Cell>> = ids
        .terminals
        .iter()
        .map(|t| {
            let code = |i: usize| {
                if certified {
                    t.auth_codes[i].clone()
                } else {
                    "-".to_string()
                }
            };
            vec![
                Cell::from(t.system.short()),
                Cell::from(t.model.clone()),
                Cell::from(t.package.clone()),
                Cell::from(t.name.clone()),
                Cell::from(t.access_key.clone()),
                Cell::from(code(0)),
                Cell::from(code(1)),
                Cell::from(code(2)),
                Cell::from(t.office_code.clone()),
            ]
        })
        .collect();
    // A 機器共用 office uses the owner's terminals with its own 利用者ID (M002 l.5-8): they are
    // listed under the owner's 事業所コード — what the table's 事業所コード column is for — without
    // the owner's access key and 認証コード, which belong to the owner's certificates.
    let owner_terminals = shared_terminals(cx, ids);
    terminal_rows.extend(owner_terminals.iter().map(|t| {
        vec![
            Cell::from(t.system.short()),
            Cell::from(t.model.clone()),
            Cell::from(t.package.clone()),
            Cell::from(t.name.clone()),
            Cell::from("-"),
            Cell::from("-"),
            Cell::from("-"),
            Cell::from("-"),
            Cell::from(t.office_code.clone()),
        ]
    }));
    s.blocks.push(Block::Table(Table {
        caption: "論理端末名 / デジタル証明書".into(),
        columns: [
            "区分",
            "利用機種区分",
            "パッケージソフト区分",
            "論理端末名",
            "端末アクセスキー",
            "認証コード1",
            "認証コード2",
            "認証コード3",
            "事業所コード",
        ]
        .map(Text::from)
        .to_vec(),
        rows: terminal_rows,
    }));
    if !ids.terminals.is_empty() {
        s.blocks
            .push(Block::Text(INSTALL_LINES.map(Text::from).to_vec()));
    }
    // Inferred (the manual shows the table once issued): why the 認証コード are still 「-」.
    if !certified && !ids.terminals.is_empty() {
        s.blocks.push(Block::Text(vec![
            "認証コードは、デジタル証明書の発行後に表示されます。".into(),
        ]));
    }
    if let Some(owner) = &ids.sharing_office {
        s.blocks.push(Block::Text(vec![
            format!("機器共用先（事業所コード {owner}）の論理端末を利用します。").into(),
        ]));
    }
    let applicant = facts.applicant;
    let text = |v: Option<&str>| v.unwrap_or("").to_string();
    s.blocks.push(kv(
        "申込事務担当者",
        vec![
            ("企業名", facts.company.to_string()),
            ("企業略称", ids.company_abbr.clone()),
            ("事業所名", facts.office_name.to_string()),
            ("事業所コード", ids.office_code.clone()),
            (
                "所属部課名",
                text(applicant.department.as_ref().map(|d| d.as_str())),
            ),
            ("役職名", text(applicant.title.as_ref().map(|d| d.as_str()))),
            ("氏名", applicant.name.full()),
            ("氏名(フリガナ)", applicant.name.full_kana()),
            ("電話番号", applicant.tel.as_str().to_string()),
            ("FAX番号", text(applicant.fax.as_ref().map(|d| d.as_str()))),
            ("E-mailアドレス", applicant.email.as_str().to_string()),
        ],
    ));
    s.blocks.push(kv(
        "申込結果",
        vec![
            ("利用開始日", ymd(issued.start_date)),
            ("契約満了日", "-".to_string()),
            ("利用申込書提出締切日", ymd(issued.contract_deadline)),
            ("システム設定申込締切日", ymd(issued.settings_deadline)),
        ],
    ));
    s.blocks.push(Block::Table(Table {
        caption: Text::default(),
        columns: ["対象項目", "追加", "変更", "削除"]
            .map(Text::from)
            .to_vec(),
        rows: facts
            .counts
            .into_iter()
            .map(|(k, [added, changed, deleted])| {
                vec![
                    Cell::from(k),
                    Cell::from(added.to_string()),
                    Cell::from(changed.to_string()),
                    Cell::from(deleted.to_string()),
                ]
            })
            .collect(),
    }));
    s.blocks.push(Block::Links(vec![Link::new(
        "申込内容 参照に戻る",
        cx.url(&format!(
            "menu/applications/detail?no={}",
            a.reception_number
        )),
    )]));
    s
}

/// What ID通知内容 prints besides the issued IDs, by kind of application.
struct Facts<'a> {
    /// A change: the 事業所パスワード is not re-issued (M001 l.538).
    change: bool,
    /// システム区分.
    system: Option<SystemKind>,
    customs: CustomsOffice,
    company: &'a str,
    office_name: &'a str,
    /// 申込事務担当者.
    applicant: &'a Person,
    /// 申込結果's 対象項目 rows: 追加, 変更, 削除.
    counts: Vec<(&'static str, [usize; 3])>,
}

impl<'a> Facts<'a> {
    /// None for a kind that issues no IDs (a システム設定申込).
    fn of(content: &'a ApplicationContent, issued: &'a IssuedRecord) -> Option<Self> {
        let ids = &issued.ids;
        Some(match content {
            ApplicationContent::New(n) => {
                let mut codes: Vec<&str> =
                    ids.user_ids.iter().map(|u| u.user_code.as_str()).collect();
                codes.sort();
                codes.dedup();
                Facts {
                    change: false,
                    // A shared 利用者コード has no システム区分 of the application's own: the
                    // issued IDs carry the code's.
                    system: n
                        .first_system()
                        .or_else(|| ids.user_ids.first().map(|u| u.system)),
                    customs: n.office.customs,
                    company: n.office.company.as_str(),
                    office_name: n.office.office_name.as_str(),
                    applicant: &n.applicant.person,
                    counts: vec![
                        ("利用者コード数", [codes.len(), 0, 0]),
                        ("識別番号数", [ids.user_ids.len(), 0, 0]),
                        ("回線数", [n.lines.rows.len(), 0, 0]),
                        ("論理端末数", [ids.terminals.len(), 0, 0]),
                        ("メールボックス数", [n.mailboxes.total() as usize, 0, 0]),
                    ],
                }
            }
            // M001 l.533-576: the office's codes, the added terminals only, and the terminals
            // added, re-classified and retired in 申込結果.
            ApplicationContent::Change(c) => {
                let t = c.terminals.as_ref();
                let office = c.office.as_ref();
                // 追加 / 変更 / 削除 of the 利用者コード 入力 of the change (issue 10).
                let (codes, idents) = c
                    .user_codes
                    .as_ref()
                    .map_or(([0; 3], [0; 3]), |u| u.counts(&c.before.user_codes));
                let boxes = c.mailboxes.as_ref().map_or([0; 3], |m| {
                    let (was, now) = (c.before.mailboxes.total(), m.total());
                    [
                        now.saturating_sub(was) as usize,
                        0,
                        was.saturating_sub(now) as usize,
                    ]
                });
                // 回線・論理端末 入力 (issue 10): lines 追加 / 変更 / 廃止, and the terminals it
                // re-classifies and deletes (the added ones are issued, counted with the others).
                let lines = c.lines.as_ref().map_or(Default::default(), |l| {
                    l.diff(&c.before.lines, &c.before.terminals)
                });
                Facts {
                    change: true,
                    system: ids
                        .terminals
                        .first()
                        .map(|t| t.system)
                        .or_else(|| c.before.terminals.first().map(|t| t.system)),
                    customs: office.map_or(c.before.customs, |o| o.customs),
                    company: office.map_or(c.before.company.as_str(), |o| o.company.as_str()),
                    office_name: office
                        .map_or(c.before.office_name.as_str(), |o| o.office_name.as_str()),
                    applicant: &c.applicant.0,
                    counts: vec![
                        ("利用者コード数", codes),
                        ("識別番号数", idents),
                        ("回線数", lines.lines),
                        (
                            "論理端末数",
                            [
                                ids.terminals.len(),
                                t.map_or(0, |t| t.reclassify.len()) + lines.terminals[1],
                                t.map_or(0, |t| t.retire.len()) + lines.terminals[2],
                            ],
                        ),
                        ("メールボックス数", boxes),
                    ],
                }
            }
            ApplicationContent::SystemSettings(_) => return None,
        })
    }
}
