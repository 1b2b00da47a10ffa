//! The manuals' formats of what the NSS issues, checked on what a client reports (rather than
//! "what the screen shows equals what the API says"): each answers `Err` with what is wrong.

/// 仮ログインID: 7 digits, the two-digit year first (M000 【10】 1812881).
pub fn temp_login_id(id: &str, year: i32) -> Result<(), String> {
    digits(id, 7, "仮ログインID")?;
    two_digit_year(id, year, "仮ログインID")
}

/// 仮パスワード: 8 upper-case letters and digits (M000 【10】 7TDE8NP7).
pub fn temp_password(pw: &str) -> Result<(), String> {
    if pw.len() == 8
        && pw
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        Ok(())
    } else {
        Err(format!(
            "仮パスワード 「{pw}」 is not 8 upper-case letters and digits"
        ))
    }
}

/// 申込受付番号: the two-digit year, five digits and the kind's letter — 「A」 for a 利用申込
/// (M000 完了 1830304A), 「C」 for a システム設定申込 (2101932C; procedures.md §9).
pub fn reception_number(n: &str, year: i32, letter: char) -> Result<(), String> {
    let Some(number) = n.strip_suffix(letter) else {
        return Err(format!("申込受付番号 「{n}」 does not end with {letter}"));
    };
    digits(number, 7, "申込受付番号")?;
    two_digit_year(n, year, "申込受付番号")
}

/// 事業所コード: the 企業略称 and a three-digit number (M002 3.④ DEN001).
pub fn office_code(code: &str, abbreviation: &str) -> Result<(), String> {
    match code.strip_prefix(abbreviation) {
        Some(rest)
            if !abbreviation.is_empty()
                && rest.len() == 3
                && rest.bytes().all(|b| b.is_ascii_digit()) =>
        {
            Ok(())
        }
        _ => Err(format!(
            "事業所コード 「{code}」 is not the 企業略称 「{abbreviation}」 and three digits"
        )),
    }
}

fn digits(s: &str, n: usize, what: &str) -> Result<(), String> {
    if s.len() == n && s.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(format!("{what} 「{s}」 is not {n} digits"))
    }
}

fn two_digit_year(s: &str, year: i32, what: &str) -> Result<(), String> {
    let yy = format!("{:02}", year.rem_euclid(100));
    if s.starts_with(&yy) {
        Ok(())
    } else {
        Err(format!(
            "{what} 「{s}」 does not start with the year 「{yy}」"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manuals_examples_pass_and_near_misses_fail() {
        assert!(temp_login_id("1812881", 2018).is_ok());
        assert!(temp_login_id("2120013", 2018).is_err());
        assert!(temp_login_id("181288", 2018).is_err());
        assert!(temp_password("7TDE8NP7").is_ok());
        assert!(temp_password("7tde8np7").is_err());
        assert!(reception_number("1830304A", 2018, 'A').is_ok());
        assert!(reception_number("2101932C", 2021, 'C').is_ok());
        assert!(reception_number("1830304", 2018, 'A').is_err());
        assert!(reception_number("1830304C", 2018, 'A').is_err());
        assert!(reception_number("1930304A", 2018, 'A').is_err());
        assert!(office_code("DEN001", "DEN").is_ok());
        assert!(office_code("DEN01", "DEN").is_err());
        assert!(office_code("ABC001", "DEN").is_err());
        assert!(office_code("001", "").is_err());
    }
}
