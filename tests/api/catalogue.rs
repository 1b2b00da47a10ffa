//! `GET /_sim/api/screens`: the catalogue names every screen with its title, manual step, path,
//! fields and buttons, as a client author reads it.

use crate::support::TestApp;

#[tokio::test]
async fn catalogue_lists_every_screen_with_its_manual_step() {
    let app = TestApp::spawn().await;
    let screens = app.get_api("screens").await;
    let screens = screens.as_array().expect("a list");
    let find = |id: &str| {
        screens
            .iter()
            .find(|s| s["id"] == id)
            .unwrap_or_else(|| panic!("no screen {id} in the catalogue"))
    };
    for s in screens {
        assert!(s["title"].as_str().is_some_and(|t| !t.is_empty()), "{s}");
        assert!(
            s["manual"].as_str().is_some_and(|m| !m.is_empty()),
            "no manual step: {}",
            s["id"]
        );
    }
    let office = find("new_application.office");
    assert_eq!(office["title"], "事業所・企業 入力");
    assert_eq!(office["path"], "app/office");
    assert!(
        office["fields"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["label"] == "利用開始希望日")
    );
    assert!(
        office["buttons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|b| b["label"] == "netNACCSを利用する")
    );
    for id in [
        "menu.main",
        "applications.list",
        "applications.detail",
        "applications.id_notice",
        "contract.detail",
        "invoices.list",
        "error.unexpected_operation",
    ] {
        find(id);
    }
    // The password screen as an office sees it: three password fields and its button.
    let password = find("user.password");
    let fields = password["fields"].as_array().unwrap();
    assert_eq!(
        fields.iter().filter(|f| f["type"] == "password").count(),
        3,
        "{password}"
    );
}
