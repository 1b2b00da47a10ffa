//! The checks of a new application against the workspace's offices (M002 機器共用, M003 共用):
//! the rules of `domain::sharing`, which the screens apply where they parse, run again over the
//! whole application when it is registered (the offices may have changed in between) and shown
//! on the operator console beside the application.

use crate::application::NewApplication;
use crate::application::new::{Connection, OfficeDetails};
use crate::domain::lists::ProcessingMethod;
use crate::domain::sharing::{self, Applicant, OfficeRef, SharingError};
use crate::workspace::Workspace;

/// Why registration refuses an application.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleError {
    #[error(transparent)]
    Sharing(#[from] SharingError),
    /// A 処理方式 of the other path: netNACCS and 一般NACCS never in one application
    /// (M003:l.355-357).
    #[error("{method:?} is not a {connection:?} processing method")]
    Connection {
        connection: Connection,
        method: ProcessingMethod,
    },
}

impl RuleError {
    /// The message the screens show.
    pub fn japanese(&self) -> String {
        match self {
            RuleError::Sharing(e) => e.japanese(),
            RuleError::Connection { connection, method } => connection.refusal(*method),
        }
    }
}

/// The first 処理方式 of the application that is not its path's.
fn other_path_method(app: &NewApplication) -> Option<RuleError> {
    app.methods()
        .find(|m| !app.connection.allows(*m))
        .map(|method| RuleError::Connection {
            connection: app.connection,
            method,
        })
}

/// One rule as the operator console prints it: what was checked, and its outcome (what was
/// found, or the message the applicant would see).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub rule: &'static str,
    pub outcome: Result<String, String>,
}

/// The workspace's offices as the rules read them. The seeded customers must be in (see
/// `Workspace::seed_customers`).
pub fn offices(ws: &Workspace) -> Vec<OfficeRef<'_>> {
    ws.state
        .offices
        .iter()
        .map(|(code, o)| (code.as_str(), &o.contract))
        .collect()
}

/// The applying office (事業所・企業 入力), as the rules need it.
pub fn applicant(office: &OfficeDetails) -> Applicant<'_> {
    let a = &office.address;
    Applicant {
        company: office.company.as_str(),
        address: [
            a.postal.as_str(),
            a.prefecture.as_str(),
            a.city.as_str(),
            a.street.as_str(),
        ],
    }
}

/// Every rule that applies to the application, with its outcome.
pub fn report(ws: &Workspace, app: &NewApplication) -> Vec<Check> {
    let offices = offices(ws);
    let me = applicant(&app.office);
    let mut out = Vec::new();
    if let Some(code) = app.sharing_office() {
        let owner = sharing::equipment_owner(&offices, code.as_str(), Some(&me));
        out.push(Check {
            rule: "機器共用先（存在・機器所有・同一企業・同一住所）",
            outcome: owner
                .as_ref()
                .map(|o| {
                    format!(
                        "{}（{} {}）: {}",
                        o.code,
                        o.contract.company,
                        o.contract.office_name,
                        match o.kind {
                            sharing::SharingKind::Equipment => "同一企業・同一住所の機器共用",
                            sharing::SharingKind::JointUse => "他企業の事業所（共同利用）",
                        }
                    )
                })
                .map_err(|e| e.japanese()),
        });
        if let Ok(owner) = owner
            && owner.kind == sharing::SharingKind::JointUse
        {
            out.push(Check {
                rule: "共同利用の委任状",
                outcome: sharing::joint_use_proxy(&owner, app.attachments.len())
                    .map(|()| format!("添付ファイル {} 件", app.attachments.len()))
                    .map_err(|e| e.japanese()),
            });
        }
    }
    out.push(Check {
        rule: "処理方式（netNACCSと一般NACCSを同時に申し込まない）",
        outcome: match other_path_method(app) {
            Some(e) => Err(e.japanese()),
            None => Ok(format!("すべて{}の処理方式", app.connection.label())),
        },
    });
    let codes = app.shared_codes();
    if !codes.is_empty() {
        out.push(Check {
            rule: "共用する利用者コード（存在・同一企業・同一事業所）",
            outcome: sharing::shared_codes_of_one_office(&offices, &codes, Some(me.company))
                .map(|()| {
                    codes
                        .iter()
                        .map(|c| {
                            let holder = sharing::shared_code(&offices, c, None).unwrap_or("?");
                            format!("{c}（{holder}）")
                        })
                        .collect::<Vec<_>>()
                        .join("、")
                })
                .map_err(|e| e.japanese()),
        });
    }
    out
}

/// The first rule the application breaks, if any: what registration refuses it for.
pub fn refusal(ws: &Workspace, app: &NewApplication) -> Option<RuleError> {
    if let Some(e) = other_path_method(app) {
        return Some(e);
    }
    let offices = offices(ws);
    let me = applicant(&app.office);
    let result = (|| -> Result<(), SharingError> {
        if let Some(code) = app.sharing_office() {
            let owner = sharing::equipment_owner(&offices, code.as_str(), Some(&me))?;
            sharing::joint_use_proxy(&owner, app.attachments.len())?;
        }
        sharing::shared_codes_of_one_office(&offices, &app.shared_codes(), Some(me.company))
    })();
    result.err().map(RuleError::from)
}

/// 申込分類(特殊) of an application (M001 l.518): 共用 for a 機器共用 office, 共同利用 when the
/// equipment is another company's; `None` otherwise or when the owner is gone.
pub fn special_kind(ws: &Workspace, app: &NewApplication) -> Option<sharing::SharingKind> {
    let code = app.sharing_office()?;
    let offices = offices(ws);
    sharing::equipment_owner(&offices, code.as_str(), None)
        .ok()
        .map(|o| sharing::kind_of(o.contract, app.office.company.as_str()))
}
