//! The mails against the manuals' texts.

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::*;

const LOGIN_URL: &str = "https://nss.nac6.naccs.jp/login/nsscoapp/";

fn at(rfc3339: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(rfc3339).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The 申込担当者 of M000 【6】–【10】.
fn boueki_taro() -> Recipient {
    Recipient {
        company: "電子化・効率化推進室".to_owned(),
        department: None,
        name: "貿易 太郎".to_owned(),
        email: "qqfcbj@meti.go.jp".to_owned(),
    }
}

/// The addressee of M003's 受付完了 mail.
fn kouwan_taro() -> Recipient {
    Recipient {
        company: "サイバーポート株式会社".to_owned(),
        department: Some("港湾部".to_owned()),
        name: "港湾 太郎".to_owned(),
        email: "kouwan.taro@cyberport.example.jp".to_owned(),
    }
}

fn temp_account() -> TempAccountRegistered {
    TempAccountRegistered {
        to: boueki_taro(),
        temp_login_id: "1812881".to_owned(),
        temp_password: "7TDE8NP7".to_owned(),
        login_url: LOGIN_URL.to_owned(),
    }
}

/// The contact block every mail ends with (M000 【10】).
const HELPDESK: &str = "\
<ご利用にあたっての留意事項>
{notes}
輸出入・港湾関連情報処理センター株式会社（NACCSセンター）
ヘルプデスク
Tel: 0120-794-550 Fax: 0120-794-529
E-mail: help@naccs.jp
受付時間：終日
住所：〒2120013 神奈川県川崎市幸区堀川町580 ソリッドスクエア西館8階

ソリューション事業推進部 利用契約事務課
Tel: 044-520-6266 Fax: 044-522-6284
受付時間：平日 9:00~18:00
住所：〒2120013 神奈川県川崎市幸区堀川町580 ソリッドスクエア西館8階
";

/// The contact block of M003's 受付完了 mail (2023, l.817–822): the ヘルプデスク alone, no Fax, no
/// 住所, no 利用契約事務課 (issue 15, M4).
const HELPDESK_ONLY: &str = "\
<ご利用にあたっての留意事項>
{notes}
輸出入・港湾関連情報処理センター株式会社（NACCSセンター）
ヘルプデスク
Tel: 0120-794-550
E-mail: help@naccs.jp
受付時間：終日
";

/// The notes of every mail whose manual prints no others (M003).
const STANDARD_NOTES: &str = "\
・このメールは自動配信しています。こちらのメールは送信専用のため、直接返信いただいてもお問い合わせにはお答えできませんので、ご了承ください。
・ご不明な点・ご質問等ございましたら、下記までご連絡をお願いします。

";

/// M000 【10】: the mail 貿易 太郎 received on 2018/11/27 16:37.
const M000_TEMP_ACCOUNT_MAIL: &str = "\
電子化・効率化推進室
貿易 太郎 様

輸出入・港湾関連情報処理センター株式会社（NACCSセンター）です。

このたびは、NACCSのご利用ありがとうございます。
仮アカウントの登録 の受付を完了しました。

仮ログインID：1812881
仮パスワード：7TDE8NP7

本登録の手続きは、以下のURLから48時間以内に実施してください。

48時間を過ぎますと、再度、仮アカウントの登録が必要となりますのでご注意ください。

NACCSサポートシステム<https://nss.nac6.naccs.jp/login/nsscoapp/>

弊社において申込内容の確認が完了しましたら、あらためてメール等によりご連絡を差し上げます。

";

const M000_TEMP_ACCOUNT_NOTES: &str = "\
・このメールは自動配信しています。こちらのメールは送信専用のため、直接返信いただいてもお問い合わせにはお答えできません。ご了承ください。
・仮ログインID、仮パスワードは、利用開始日まで管理をお願いいたします。
・ご不明な点・ご質問等がございましたら、下記までご連絡をお願いします。

";

/// M003: the 受付完了 mail of the Cyberport application, with its masked
/// values filled in.
const M003_RECEIVED_MAIL: &str = "\
サイバーポート株式会社 港湾部
港湾 太郎 様

輸出入・港湾関連情報処理センター株式会社（NACCSセンター）です。

このたびは、NACCSのご利用ありがとうございます。
利用申込 の受付を完了しました。

申込受付年月日：2024年02月28日
申込受付番号：2400123A

申込内容は、以下のURLからご確認ください。
NACCSサポートシステム<https://nss.nac6.naccs.jp/login/nsscoapp/>
トップメニュー「申込内容の確認」
弊社において申込内容の確認が完了しましたら、あらためてメール等によりご連絡を差し上げます。

●新規申込（事業所追加含む）のお客様へ

ログインには、既にお知らせしている仮ログインID・仮パスワードをご使用ください。
正式なログインID・パスワードは、弊社において申込内容の確認が完了した後、
NACCSサポートシステムの画面より直接ご確認ください。

なお、仮ログインID・仮パスワードは利用開始日以降は使用できませんのでご注意ください。

";

fn footer(notes: &str) -> String {
    HELPDESK.replace("{notes}\n", notes)
}

#[test]
fn the_temporary_account_mail_is_m000s() {
    let mail = compose(
        1,
        &temp_account(),
        at("2018-11-27T16:37:00+09:00"),
        "<nss.1@mail.nss-nac6.naccs.jp>",
    )
    .unwrap();

    assert_eq!(mail.kind, MailKind::TempAccountRegistered);
    assert_eq!(mail.subject, "【NSS】仮アカウント登録完了のお知らせ");
    assert_eq!(
        mail.from,
        "NACCSサポートシステム（自動送信） <NACCS@mail.nss-nac6.naccs.jp>"
    );
    assert_eq!(mail.to, ["貿易 太郎 <qqfcbj@meti.go.jp>"]);
    assert!(mail.cc.is_empty());
    assert_eq!(mail.message_id, "<nss.1@mail.nss-nac6.naccs.jp>");

    let lines: Vec<&str> = mail.text.lines().collect();
    assert_eq!(lines[..2], ["電子化・効率化推進室", "貿易 太郎 様"]);
    for line in [
        "輸出入・港湾関連情報処理センター株式会社（NACCSセンター）です。",
        "仮ログインID：1812881",
        "仮パスワード：7TDE8NP7",
        "NACCSサポートシステム<https://nss.nac6.naccs.jp/login/nsscoapp/>",
        "<ご利用にあたっての留意事項>",
        "ヘルプデスク",
    ] {
        assert!(lines.contains(&line), "missing {line:?}");
    }

    let expected = format!(
        "{M000_TEMP_ACCOUNT_MAIL}{}",
        footer(M000_TEMP_ACCOUNT_NOTES)
    );
    assert_eq!(mail.text, expected);
}

#[test]
fn the_login_url_is_the_simulators() {
    let mut ctx = temp_account();
    ctx.login_url = "http://127.0.0.1:8080/w/ws1/login/nsscoapp/".to_owned();
    let mail = compose(1, &ctx, at("2018-11-27T16:37:00+09:00"), "a@b").unwrap();
    assert!(
        mail.text
            .contains("\nNACCSサポートシステム<http://127.0.0.1:8080/w/ws1/login/nsscoapp/>\n")
    );
    assert!(!mail.text.contains("nss.nac6.naccs.jp"));
}

#[test]
fn the_application_received_mail_is_m003s() {
    let ctx = ApplicationReceived {
        to: vec![kouwan_taro()],
        received_on: date(2024, 2, 28),
        reception_number: "2400123A".to_owned(),
        login_url: LOGIN_URL.to_owned(),
        temp_login_id: "2401234".to_owned(),
        change: false,
    };
    let mail = compose(2, &ctx, at("2024-02-28T17:25:00+09:00"), "x@y").unwrap();
    assert_eq!(
        mail.subject,
        "【NACCS】利用申込受付完了のお知らせ（2400123A,2401234）"
    );
    assert_eq!(
        mail.text,
        format!(
            "{M003_RECEIVED_MAIL}{}",
            HELPDESK_ONLY.replace("{notes}\n", STANDARD_NOTES)
        )
    );
}

#[test]
fn the_application_received_mail_goes_to_both_once() {
    let mut kanri = kouwan_taro();
    kanri.name = "管理 花子".to_owned();
    kanri.department = Some("  ".to_owned());
    kanri.email = "kanri@cyberport.example.jp".to_owned();
    let mut same_person = kouwan_taro();
    same_person.email = same_person.email.to_uppercase();
    let ctx = ApplicationReceived {
        to: vec![kouwan_taro(), same_person, kanri],
        received_on: date(2024, 2, 28),
        reception_number: "2400123A".to_owned(),
        login_url: LOGIN_URL.to_owned(),
        temp_login_id: "2401234".to_owned(),
        change: false,
    };
    let mail = compose(2, &ctx, at("2024-02-28T17:25:00+09:00"), "x@y").unwrap();
    assert_eq!(
        mail.to,
        [
            "港湾 太郎 <kouwan.taro@cyberport.example.jp>",
            "管理 花子 <kanri@cyberport.example.jp>"
        ]
    );
    assert!(mail.text.starts_with(
        "サイバーポート株式会社 港湾部\n港湾 太郎 様\nサイバーポート株式会社\n管理 花子 様\n\n"
    ));
}

#[test]
fn the_application_confirmed_mail_is_m002s() {
    let ctx = ApplicationConfirmed {
        to: vec![boueki_taro()],
        received_on: date(2018, 11, 28),
        reception_number: "1800055A".to_owned(),
        login_url: LOGIN_URL.to_owned(),
        system_settings_deadline: None,
    };
    let mail = compose(3, &ctx, at("2018-12-03T10:00:00+09:00"), "x@y").unwrap();
    assert_eq!(mail.subject, "【NACCS】利用申込確認完了のお知らせ");
    let expected = format!(
        "\
電子化・効率化推進室
貿易 太郎 様

輸出入・港湾関連情報処理センター株式会社（NACCSセンター）です。

NACCSのご利用ありがとうございます。
申込内容の確認が完了しました。

申込受付年月日：2018年11月28日
申込受付番号 ：1800055A

以下のURLから確定した申込内容と利用開始日を必ずご確認ください。
NACCSサポートシステム<https://nss.nac6.naccs.jp/login/nsscoapp/>
トップメニュー 新着情報「詳細」 → 「ID通知内容」

{}",
        footer(STANDARD_NOTES)
    );
    assert_eq!(mail.text, expected);

    let with_deadline = ApplicationConfirmed {
        system_settings_deadline: Some(date(2018, 12, 14)),
        ..ctx
    };
    let mail = compose(3, &with_deadline, at("2018-12-03T10:00:00+09:00"), "x@y").unwrap();
    assert!(mail.text.contains(
        "トップメニュー 新着情報「詳細」 → 「ID通知内容」\n\nシステム設定申込締切日：2018年12月14日\n"
    ));
    assert!(
        mail.text
            .contains("無効扱いといたしますのでご注意ください。\n\n<ご利用にあたっての留意事項>\n")
    );
}

#[test]
fn the_certificate_mail_is_m001s() {
    let ctx = CertificateIssued {
        to: boueki_taro(),
        received_on: date(2013, 6, 3),
        reception_number: "130007A".to_owned(),
        login_url: LOGIN_URL.to_owned(),
        info_page_url: "http://127.0.0.1:8080/bbs/".to_owned(),
    };
    let mail = compose(4, &ctx, at("2013-06-10T09:00:00+09:00"), "x@y").unwrap();
    assert_eq!(mail.subject, "【NSS】デジタル証明書発行完了のお知らせ");
    for line in [
        "デジタル証明書の発行が完了しました。",
        "ご利用になる端末にデジタル証明書の取得作業を実施してください。",
        "申込受付番号：130007A",
        "デジタル証明書取得の際に必要な「認証コード」は、以下のURLからご確認ください。",
        "トップメニュー「新着情報」詳細→「ID通知内容」",
        "NSS電子申請情報ページ<http://127.0.0.1:8080/bbs/>",
        // M001 l.478 (audit M-28).
        "・ご不明な点・ご質問等がございましたら、下記までご連絡をお願いします。",
    ] {
        assert!(mail.text.lines().any(|l| l == line), "missing {line:?}");
    }
}

#[test]
fn the_clarification_and_system_settings_mails_are_m004s() {
    let clarify = ClarificationRequested {
        to: boueki_taro(),
        received_on: date(2021, 2, 1),
        reception_number: "2101910C".to_owned(),
        login_url: LOGIN_URL.to_owned(),
    };
    let text = compose(5, &clarify, at("2021-02-02T11:00:00+09:00"), "x@y")
        .unwrap()
        .text;
    assert!(text.contains(
        "\n\nNACCSのご利用ありがとうございます。\n申込みいただいた内容について確認事項がございます。\n\n申込受付年月日：2021年02月01日\n申込受付番号：2101910C\n\n以下のURLから内容をご確認の上、ご対応くださいますようお願い致します。\nNACCSサポートシステム<https://nss.nac6.naccs.jp/login/nsscoapp/>\nトップメニュー 新着情報「詳細」\n\n"
    ));

    let confirmed = SystemSettingsConfirmed {
        to: vec![boueki_taro()],
        received_on: date(2021, 2, 2),
        reception_number: "2101932C".to_owned(),
        login_url: LOGIN_URL.to_owned(),
        password_reissued: true,
    };
    let text = compose(6, &confirmed, at("2021-02-04T11:00:00+09:00"), "x@y")
        .unwrap()
        .text;
    assert!(text.contains(
        "システム設定申込内容の確認が完了しました。\n\n申込受付年月日：2021年02月02日\n申込受付番号：2101932C\n\n申込内容は、以下のURLからご確認ください。\nNACCSサポートシステム<https://nss.nac6.naccs.jp/login/nsscoapp/>\nトップメニュー 新着情報「詳細」\n\n※今回発行したパスワードの確認可能期間は、本メール受信日から3営業日となります。\n※再発行したパスワードはそのまま使用せず、必ずNACCSの「利用者情報登録(URY)」業務にて変更してください。\n\n<ご利用にあたっての留意事項>\n"
    ));
    let without = SystemSettingsConfirmed {
        password_reissued: false,
        ..confirmed
    };
    let text = compose(6, &without, at("2021-02-04T11:00:00+09:00"), "x@y")
        .unwrap()
        .text;
    assert!(!text.contains("※"));
    assert!(text.contains("トップメニュー 新着情報「詳細」\n\n<ご利用にあたっての留意事項>\n"));
}

/// A mail of every kind, so that every template is rendered by the tests.
fn every_kind() -> Vec<(MailKind, Result<Mail, MailError>)> {
    let sent = at("2018-12-03T10:00:00+09:00");
    let d = date(2018, 11, 28);
    let url = || LOGIN_URL.to_owned();
    let number = || "1800055A".to_owned();
    vec![
        (
            MailKind::TempAccountRegistered,
            compose(1, &temp_account(), sent, "a@b"),
        ),
        (MailKind::ApplicationReceived, {
            let ctx = ApplicationReceived {
                to: vec![boueki_taro()],
                received_on: d,
                reception_number: number(),
                login_url: url(),
                temp_login_id: "1812881".to_owned(),
                change: false,
            };
            compose(2, &ctx, sent, "a@b")
        }),
        (MailKind::ApplicationConfirmed, {
            let ctx = ApplicationConfirmed {
                to: vec![boueki_taro()],
                received_on: d,
                reception_number: number(),
                login_url: url(),
                system_settings_deadline: Some(d),
            };
            compose(3, &ctx, sent, "a@b")
        }),
        (MailKind::CertificateIssued, {
            let ctx = CertificateIssued {
                to: boueki_taro(),
                received_on: d,
                reception_number: number(),
                login_url: url(),
                info_page_url: url(),
            };
            compose(4, &ctx, sent, "a@b")
        }),
        (MailKind::ClarificationRequested, {
            let ctx = ClarificationRequested {
                to: boueki_taro(),
                received_on: d,
                reception_number: number(),
                login_url: url(),
            };
            compose(5, &ctx, sent, "a@b")
        }),
        (MailKind::SystemSettingsReceived, {
            let ctx = SystemSettingsReceived {
                to: vec![boueki_taro()],
                received_on: d,
                reception_number: number(),
                login_url: url(),
            };
            compose(6, &ctx, sent, "a@b")
        }),
        (MailKind::SystemSettingsConfirmed, {
            let ctx = SystemSettingsConfirmed {
                to: vec![boueki_taro()],
                received_on: d,
                reception_number: number(),
                login_url: url(),
                password_reissued: true,
            };
            compose(7, &ctx, sent, "a@b")
        }),
        (MailKind::ApplicationCancelled, {
            let ctx = ApplicationCancelled {
                to: vec![boueki_taro()],
                received_on: d,
                reception_number: number(),
                start_date: date(2018, 12, 11),
                system_settings_deadline: date(2018, 12, 3),
                login_url: url(),
            };
            compose(8, &ctx, sent, "a@b")
        }),
        (MailKind::AccountTransferForm, {
            let ctx = AccountTransferForm {
                to: boueki_taro(),
                received_on: d,
                reception_number: number(),
            };
            compose(9, &ctx, sent, "a@b")
        }),
    ]
}

#[test]
fn every_kind_renders_with_the_shared_blocks() {
    let cases = every_kind();
    let kinds: Vec<MailKind> = cases.iter().map(|(k, _)| *k).collect();
    assert_eq!(kinds, MailKind::ALL);
    for (kind, mail) in cases {
        let mail = mail.unwrap_or_else(|e| panic!("{kind}: {e}"));
        assert_eq!(mail.kind, kind);
        assert!(mail.subject.starts_with(kind.subject()), "{kind}");
        let text = &mail.text;
        assert!(
            text.starts_with("電子化・効率化推進室\n貿易 太郎 様\n\n輸出入・港湾関連情報処理センター株式会社（NACCSセンター）です。\n\n"),
            "{kind}: {text}"
        );
        assert_eq!(
            text.matches("<ご利用にあたっての留意事項>\n・").count(),
            1,
            "{kind}"
        );
        // M003's 受付完了 ends with the ヘルプデスク's hours (M4); every other mail with the
        // 利用契約事務課's address (M000 【10】).
        let end = if kind == MailKind::ApplicationReceived {
            "ヘルプデスク\nTel: 0120-794-550\nE-mail: help@naccs.jp\n受付時間：終日\n"
        } else {
            "住所：〒2120013 神奈川県川崎市幸区堀川町580 ソリッドスクエア西館8階\n"
        };
        assert!(text.ends_with(end), "{kind}");
        assert!(
            !text.contains("{{") && !text.contains("{%") && !text.contains("\n\n\n"),
            "{kind}: {text}"
        );
        assert!(
            text.lines().all(|l| l == l.trim_end()),
            "{kind}: trailing space"
        );
        if text.contains("申込受付番号") {
            assert!(text.contains("1800055A"), "{kind}");
        }
    }
}

#[test]
fn subjects_come_from_one_table() {
    let subjects: Vec<&str> = MailKind::ALL.iter().map(|k| k.subject()).collect();
    for (i, s) in subjects.iter().enumerate() {
        assert!(s.ends_with("のお知らせ"), "{s}");
        assert!(!subjects[..i].contains(s), "duplicate subject {s}");
    }
    assert_eq!(
        MailKind::TempAccountRegistered.subject(),
        "【NSS】仮アカウント登録完了のお知らせ"
    );
    assert_eq!(
        MailKind::CertificateIssued.subject(),
        "【NSS】デジタル証明書発行完了のお知らせ"
    );
    assert_eq!(
        MailKind::AccountTransferForm.subject(),
        "預金口座振替依頼書についてのお知らせ"
    );
}

#[test]
fn kinds_serialise_in_snake_case() {
    for kind in MailKind::ALL {
        let json = serde_json::to_string(&kind).unwrap();
        assert_eq!(json, format!("\"{}\"", kind.as_str()));
        assert_eq!(serde_json::from_str::<MailKind>(&json).unwrap(), kind);
    }
}

#[test]
fn a_mail_serialises_for_the_api() {
    let mail = compose(7, &temp_account(), at("2018-11-27T16:37:00+09:00"), "a@b").unwrap();
    let json = serde_json::to_value(&mail).unwrap();
    assert_eq!(json["id"], 7);
    assert_eq!(json["kind"], "temp_account_registered");
    assert_eq!(json["sent_at"], "2018-11-27T16:37:00+09:00");
    assert_eq!(json["to"][0], "貿易 太郎 <qqfcbj@meti.go.jp>");
    assert_eq!(json["cc"], serde_json::json!([]));
    let back: Mail = serde_json::from_value(json).unwrap();
    assert_eq!(back, mail);
}

#[test]
fn composing_is_deterministic() {
    let sent = at("2018-11-27T16:37:00+09:00");
    let a = compose(1, &temp_account(), sent, "a@b").unwrap();
    let b = compose(1, &temp_account(), sent, "a@b").unwrap();
    assert_eq!(a, b);
    assert_eq!(render(&a), render(&b));
}

#[test]
fn bad_inputs_are_errors_not_panics() {
    let sent = at("2018-11-27T16:37:00+09:00");
    assert_eq!(
        compose(1, &temp_account(), sent, "no id"),
        Err(MailError::InvalidMessageId("no id".to_owned()))
    );
    let nobody = ApplicationReceived {
        to: Vec::new(),
        received_on: date(2018, 11, 28),
        reception_number: String::new(),
        login_url: String::new(),
        temp_login_id: String::new(),
        change: false,
    };
    assert_eq!(
        compose(2, &nobody, sent, "a@b"),
        Err(MailError::NoRecipients(MailKind::ApplicationReceived))
    );

    // Odd but possible form data still composes and renders.
    let mut odd = temp_account();
    odd.to.name = "  \r\n".to_owned();
    odd.to.company = "{{ 企業 }}".to_owned();
    odd.to.department = Some("部\n署".to_owned());
    let mail = compose(1, &odd, sent, "a@b").unwrap();
    assert_eq!(mail.to, ["<qqfcbj@meti.go.jp>"]);
    assert!(mail.text.starts_with("{{ 企業 }} 部\n署\n 様\n"));
    assert!(render(&mail).contains("To: <qqfcbj@meti.go.jp>\r\n"));
}

#[test]
fn department_follows_the_company_on_its_line() {
    let mut ctx = temp_account();
    ctx.to.department = Some("貿易管理部".to_owned());
    let mail = compose(1, &ctx, at("2018-11-27T16:37:00+09:00"), "a@b").unwrap();
    assert!(
        mail.text
            .starts_with("電子化・効率化推進室 貿易管理部\n貿易 太郎 様\n\n")
    );
}
