//! The workspace and its clock: every scenario starts in its own workspace with a fixed seed
//! and a frozen clock, and time only moves when a step moves it (tests never sleep).

use super::{NssWorld, app};
use cucumber::{given, when};

/// The seed of every scenario's workspace: same seed, same IDs and mails.
pub const SEED: u64 = 42;

#[given(regex = r"^(\d{4})年(\d{1,2})月(\d{1,2})日(\d{1,2})時(\d{1,2})分のワークスペースがある$")]
async fn workspace_at(w: &mut NssWorld, year: u32, month: u32, day: u32, hour: u32, minute: u32) {
    let now = format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:00+09:00");
    let app = app().await;
    let ws = app.workspace(SEED, &now).await;
    w.browser = Some(app.browser(&ws));
    w.ws = Some(ws);
}

#[given(regex = r"^(?:(\d+)時間)?(?:(\d+)分)?が経過した$")]
#[when(regex = r"^(?:(\d+)時間)?(?:(\d+)分)?が経過する$")]
async fn time_passes(w: &mut NssWorld, hours: String, minutes: String) {
    let number = |s: &str| -> u32 {
        if s.is_empty() {
            0
        } else {
            s.parse().expect("number")
        }
    };
    let (hours, minutes) = (number(&hours), number(&minutes));
    assert!(hours + minutes > 0, "経過する時間がありません");
    let by = format!("PT{hours}H{minutes}M");
    app().await.advance(w.ws(), &by).await;
}

/// Moves the clock to a given time of the same time zone (forward, days or weeks at once).
#[given(regex = r"^日時が(\d{4})年(\d{1,2})月(\d{1,2})日(\d{1,2})時(\d{1,2})分になった$")]
#[when(regex = r"^日時が(\d{4})年(\d{1,2})月(\d{1,2})日(\d{1,2})時(\d{1,2})分になる$")]
async fn clock_set(w: &mut NssWorld, year: u32, month: u32, day: u32, hour: u32, minute: u32) {
    let at = format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:00+09:00");
    let (status, answer) = app()
        .await
        .post_api(
            &format!("workspaces/{}/clock", w.ws()),
            serde_json::json!({"set": at}),
        )
        .await;
    assert_eq!(status, 200, "{answer}");
}
