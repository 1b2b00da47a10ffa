//! People and addresses as the forms ask for them (M000 【6】【15】【16】【22】).

use crate::domain::format::{Email, FaxNumber, Katakana, PhoneNumber, PostalCode, Zenkaku};
use serde::{Deserialize, Serialize};

/// 氏名 and 氏名(フリガナ), each 姓 and 名.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonName {
    pub last: Zenkaku,
    pub first: Zenkaku,
    pub last_kana: Katakana,
    pub first_kana: Katakana,
}

impl PersonName {
    /// 「貿易 太郎」, as the confirmation screens and mails print a name.
    pub fn full(&self) -> String {
        [self.last.as_str(), " ", self.first.as_str()].concat()
    }

    /// 「ボウエキ タロウ」.
    pub fn full_kana(&self) -> String {
        [self.last_kana.as_str(), " ", self.first_kana.as_str()].concat()
    }
}

/// A contact person: the 申込担当者, the 管理責任者, the 請求先担当者 (M000 【15】【16】【22】).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub name: PersonName,
    /// 所属部署名 (任意).
    pub department: Option<Zenkaku>,
    /// 役職名 (任意).
    pub title: Option<Zenkaku>,
    pub tel: PhoneNumber,
    /// FAX番号 (任意).
    pub fax: Option<FaxNumber>,
    /// The address mails go to.
    pub email: Email,
}

/// 郵便番号 and 住所 (都道府県, 市区町村, その他, フリガナ) (M000 【16】(2)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    pub postal: PostalCode,
    pub prefecture: Zenkaku,
    pub city: Zenkaku,
    /// 住所(その他): street, block numbers and building.
    pub street: Zenkaku,
    /// 住所(フリガナ) of the whole address.
    pub kana: Katakana,
}

impl Address {
    /// The address on one line, as 申込内容 確認 prints it (東京都千代田区霞が関1丁目3-1).
    pub fn line(&self) -> String {
        [
            self.prefecture.as_str(),
            self.city.as_str(),
            self.street.as_str(),
        ]
        .concat()
    }
}

/// The 申込担当者 of 仮ログイン登録 with the company they apply for (M000 【6】).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TempApplicant {
    pub company: Zenkaku,
    pub company_kana: Katakana,
    pub person: Person,
}
