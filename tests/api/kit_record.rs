//! The stored application in the conformance kit's input shape (`entered`, docs/kit.md): the
//! kit's copy of manual 000's data must be found in it, leaf by leaf, with the kit's own record
//! check (`kit::check::record::compare`).

use crate::support::TestApp;
use nss_simulator::kit::check::record::compare;
use nss_simulator::kit::data;
use serde_json::json;

#[tokio::test]
async fn the_registered_application_holds_the_kit_data_of_manual_000() {
    let app = TestApp::spawn().await;
    let (status, _) = app
        .post_api(
            "workspaces",
            json!({"id": "k", "seed": 3, "fixture": "registered"}),
        )
        .await;
    assert_eq!(status, 201);
    let apps = app.get_api("workspaces/k/applications").await;
    let entered = &apps[0]["entered"];
    let kit = &data::manual000()["file_application"];
    let diffs = compare(kit, entered);
    assert!(diffs.is_empty(), "{diffs:#?}\nentered: {entered:#}");
    // And it could fail: a value the manual does not give is seen.
    let mut wrong = kit.clone();
    wrong["事業所・企業 入力"]["本社に関する項目"]["所在地"] =
        json!("その他(下欄に入力してください)");
    assert_eq!(
        compare(&wrong, entered),
        [
            "事業所・企業 入力 / 本社に関する項目 / 所在地: expected 「その他(下欄に入力してください)」, recorded 「事業所に同じ」"
        ]
    );
}
