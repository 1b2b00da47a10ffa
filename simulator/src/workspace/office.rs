//! Offices with a NACCS contract: the seeded customers and the offices approval creates.
//! Their 事業所コード and 事業所パスワード are the NSS login from approval on (procedures.md §4).

use crate::domain::customers::Contract;
use serde::{Deserialize, Serialize};

/// An office that can log in to NSS.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Office {
    /// 事業所コード (NAC001).
    pub code: String,
    /// The NSS login password: the issued 事業所パスワード until changed with パスワードの変更.
    pub password: String,
    /// Company, office, people and the contract (user IDs, terminals, plan, invoices).
    pub contract: Contract,
    /// The application that created it, for offices born of an approval.
    pub application: Option<String>,
}
