//! The conformance kit run as its users run it, `nss-simulator kit …`: the two reference
//! clients (the built-in Rust client and the Python adapter) pass every client scenario; each
//! faulty adapter of `examples/clients/faulty/` fails its scenario with a message that names
//! its fault; a crashing client is reported with its stderr; attended mode waits for a person
//! and checks what the person did; `--target`, `--features`, `--junit` and `--report` work.

use nss_simulator::kit::driver::builtin;
use nss_simulator::kit::protocol::Task;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Instant;
use tokio::io::{AsyncBufReadExt as _, AsyncWriteExt as _, BufReader};

const BIN: &str = env!("CARGO_BIN_EXE_nss-simulator");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The Python reference adapter, as a `--client` command.
fn python_reference() -> String {
    format!("python3 {ROOT}/examples/clients/python/adapter.py")
}

fn kit(args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("kit")
        .args(args)
        .current_dir(ROOT)
        .output()
        .expect("nss-simulator kit runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A fresh directory under target/ for a test's files.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(ROOT).join("target/kit-tests").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    dir
}

/// The `N passed, N failed` line, which must be the last line printed: (passed, failed).
fn summary(out: &str) -> (usize, usize) {
    let last = out.lines().last().unwrap_or("");
    let numbers: Vec<usize> = last
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    assert!(
        last.ends_with(" failed") && numbers.len() == 2,
        "the last line is not `N passed, N failed`: {last:?}\n{out}"
    );
    (numbers[0], numbers[1])
}

/// How many client scenarios the kit has (each example of an outline is one).
fn client_scenarios(out: &str) -> usize {
    out.lines()
        .filter(|l| l.starts_with("PASS  ") || l.starts_with("FAIL  "))
        .count()
}

fn assert_all_pass(o: &Output, who: &str) -> usize {
    let out = stdout(o);
    let (passed, failed) = summary(&out);
    assert_eq!(
        (failed, o.status.code()),
        (0, Some(0)),
        "{who}: {out}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(passed, client_scenarios(&out), "{out}");
    assert!(
        passed >= 13,
        "{who}: only {passed} client scenarios ran:\n{out}"
    );
    passed
}

#[test]
fn the_builtin_client_passes_every_client_scenario_and_the_reports_are_written() {
    let dir = scratch("builtin");
    let junit = dir.join("kit.xml");
    let report = dir.join("report");
    let o = kit(&[
        "--junit",
        junit.to_str().unwrap(),
        "--report",
        report.to_str().unwrap(),
    ]);
    let n = assert_all_pass(&o, "the built-in client");
    let xml = std::fs::read_to_string(&junit).expect("the JUnit file");
    assert!(
        xml.contains(&format!("tests=\"{n}\" failures=\"0\"")),
        "{xml}"
    );
    assert_eq!(xml.matches("<testcase ").count(), n, "{xml}");
    let index = std::fs::read_to_string(report.join("index.html")).expect("index.html");
    assert!(index.contains(&format!("{n} passed, 0 failed")), "{index}");
    let page = std::fs::read_to_string(report.join("scenario-001.html")).expect("a page");
    assert!(page.contains("The client's requests"), "{page}");
    assert!(page.contains("Mails ("), "{page}");
}

#[test]
fn the_python_reference_adapter_passes_every_client_scenario() {
    let started = Instant::now();
    let o = kit(&["--client", &python_reference()]);
    let n = assert_all_pass(&o, "the Python reference adapter");
    eprintln!(
        "the Python adapter: {n} client scenarios in {:.1} s (debug build)",
        started.elapsed().as_secs_f64()
    );
}

/// Each faulty adapter, the scenario that catches it, and a piece of the message that names
/// its fault (examples/clients/faulty/README.md).
const FAULTS: &[(&str, &str, &[&str])] = &[
    (
        "hyphen_phone.py",
        "マニュアルのデータで仮ログイン登録から利用申込の登録まで行う",
        &[
            "expected done, the client reported rejected",
            "電話番号は「-」(ハイフン)",
        ],
    ),
    (
        "halfwidth_kana.py",
        "マニュアルのデータで仮ログイン登録から利用申込の登録まで行う",
        &[
            "expected done, the client reported rejected",
            "は全角カナで入力してください。",
        ],
    ),
    (
        "double_click.py",
        "マニュアルのデータで仮ログイン登録から利用申込の登録まで行う",
        &["「申込内容を登録する」 posted 2 times", "予期しない操作"],
    ),
    (
        "skip_confirm.py",
        "マニュアルのデータで仮ログイン登録から利用申込の登録まで行う",
        &["without being shown it"],
    ),
    (
        "wrong_mail_number.py",
        "マニュアルのデータで仮ログイン登録から利用申込の登録まで行う",
        &["仮ログインID: the client reported \"2120013\", the mail says"],
    ),
    (
        "done_on_error.py",
        "画面が受け付けない入力は",
        &["expected rejected, the client reported done"],
    ),
    (
        "drop_fax.py",
        "任意の項目と繰り返しの項目をすべて使うデータで利用申込を登録する",
        &[
            "申込担当者 入力 / 申込担当者に関する項目 / FAX番号: expected 「0527654322」, recorded 「」",
        ],
    ),
    (
        "wrong_location.py",
        "マニュアルのデータで仮ログイン登録から利用申込の登録まで行う",
        &["本社に関する項目 / 所在地: expected 「事業所に同じ」"],
    ),
];

#[test]
fn each_faulty_adapter_fails_its_scenario_with_a_message_that_names_the_fault() {
    // One kit per adapter, all at once: each runs its own simulator.
    let runs: Vec<_> = FAULTS
        .iter()
        .map(|(adapter, scenario, evidence)| {
            let client = format!("python3 {ROOT}/examples/clients/faulty/{adapter}");
            let name = format!("^{scenario}");
            let handle = std::thread::spawn(move || kit(&["--client", &client, "--name", &name]));
            (adapter, scenario, evidence, handle)
        })
        .collect();
    for (adapter, scenario, evidence, handle) in runs {
        let o = handle.join().expect("the kit's thread");
        let out = stdout(&o);
        assert_eq!(o.status.code(), Some(1), "{adapter} was not caught:\n{out}");
        let (_, failed) = summary(&out);
        assert!(failed >= 1, "{adapter}:\n{out}");
        assert!(
            out.lines()
                .any(|l| l.starts_with("FAIL  ") && l.contains(scenario)),
            "{adapter}: no FAIL line names 「{scenario}」:\n{out}"
        );
        for piece in *evidence {
            assert!(out.contains(piece), "{adapter}: no 「{piece}」 in:\n{out}");
        }
    }
}

#[test]
fn a_crashing_client_is_reported_with_its_stderr() {
    let o = kit(&[
        "--client",
        "sh -c 'cat >/dev/null; echo adapter exploded >&2; exit 3'",
        "--name",
        "^マニュアルのデータで仮ログイン登録をして",
    ]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert_eq!(summary(&out), (0, 1), "{out}");
    assert!(
        out.contains("client crash: the client exited with 3"),
        "{out}"
    );
    assert!(out.contains("adapter exploded"), "{out}");

    let o = kit(&[
        "--client",
        "sh -c 'cat >/dev/null; echo not a result'",
        "--name",
        "^マニュアルのデータで仮ログイン登録をして",
    ]);
    let out = stdout(&o);
    assert!(out.contains("client crash: stdout is not JSON"), "{out}");
}

#[test]
fn a_bad_command_line_or_an_unreachable_target_exits_2() {
    let o = kit(&["--no-such-option"]);
    assert_eq!(o.status.code(), Some(2));
    let o = kit(&["--target", "http://127.0.0.1:9"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("--target http://127.0.0.1:9"), "{err}");
    let o = kit(&["--tags", "@m000 and"]);
    assert_eq!(o.status.code(), Some(2));
    let o = kit(&["--update-snapshots"]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "--update-snapshots needs --features"
    );
}

#[test]
fn tags_select_the_scenarios_of_a_manual() {
    let o = kit(&["--tags", "@m004"]);
    let out = stdout(&o);
    let (passed, failed) = summary(&out);
    assert!(passed >= 2 && failed == 0, "{out}");
    assert_eq!(passed, client_scenarios(&out), "{out}");
    assert!(
        out.lines()
            .filter(|l| l.starts_with("PASS"))
            .all(|l| l.contains("m004_")),
        "{out}"
    );
}

#[test]
fn a_running_simulator_can_be_the_target_with_its_api_token() {
    let mut sim = Command::new(BIN)
        // In memory: the default data directory is the user's, and another simulator (another
        // test run) may hold its lock.
        .args([
            "--listen",
            "127.0.0.1:0",
            "--api-token",
            "kit-s3cret",
            "--ephemeral",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the simulator starts");
    // Kept open until the end: the simulator prints more lines, and a closed pipe would fail it.
    let mut output = std::io::BufReader::new(sim.stdout.take().expect("stdout"));
    let mut first = String::new();
    std::io::BufRead::read_line(&mut output, &mut first).expect("its first line");
    assert!(
        first.contains("listening"),
        "the simulator did not start: {first:?}"
    );
    let address = first
        .trim()
        .rsplit(' ')
        .next()
        .expect("NSS Simulator listening on HOST:PORT")
        .to_string();
    let target = format!("http://{address}");
    // Without the token the simulator API refuses the kit.
    let refused = kit(&["--target", &target, "--tags", "@m001"]);
    // With it: the kit's calls, and the client's mailbox (the task carries the header).
    let office = kit(&[
        "--target",
        &target,
        "--api-token",
        "kit-s3cret",
        "--tags",
        "@m001",
    ]);
    let mail = kit(&[
        "--target",
        &target,
        "--api-token",
        "kit-s3cret",
        "--client",
        &python_reference(),
        "--name",
        "^マニュアルのデータで仮ログイン登録をして",
    ]);
    let _ = sim.kill();
    let _ = sim.wait();
    drop(output);
    assert_eq!(refused.status.code(), Some(2), "{}", stdout(&refused));
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.contains("401"), "{err}");
    for o in [office, mail] {
        let out = stdout(&o);
        let (passed, failed) = summary(&out);
        assert_eq!((failed, o.status.code()), (0, Some(0)), "{out}");
        assert!(passed >= 1, "{out}");
    }
}

#[test]
fn features_from_a_directory_replace_the_embedded_ones() {
    let dir = scratch("features");
    std::fs::write(
        dir.join("own.feature"),
        "# language: ja\n@client\n機能: 自前\n\n  シナリオ: 知らない手順\n    前提 2018年11月27日16時30分のワークスペースがある\n    もし キットにない手順を行う\n",
    )
    .unwrap();
    let o = kit(&["--features", dir.to_str().unwrap()]);
    let out = stdout(&o);
    assert_eq!(summary(&out), (0, 1), "{out}");
    assert!(
        out.contains("no step of the kit matches this text"),
        "{out}"
    );
}

/// A person does the step: the test reads the kit's instructions, does what they say with the
/// built-in client (as a person would in a browser), and answers the kit's questions.
async fn attended(answer_id: impl Fn(&str) -> String) -> (Option<i32>, String) {
    let mut child = tokio::process::Command::new(BIN)
        .args([
            "kit",
            "--attended",
            "--name",
            "^マニュアルのデータで仮ログイン登録をして",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .expect("the kit starts");
    let mut stdin = child.stdin.take().expect("stdin");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let mut seen = String::new();
    let mut outputs = serde_json::Map::new();
    while let Some(line) = lines.next_line().await.expect("the kit's output") {
        seen.push_str(&line);
        seen.push('\n');
        if let Some(task) = line.trim_start().strip_prefix("task:") {
            let task: Task = serde_json::from_str(task.trim()).expect("the task as JSON");
            let (outcome, trace) = builtin::perform(&task).await;
            outputs = outcome.outputs();
            assert!(!outputs.is_empty(), "the person could not do it: {trace}");
        }
        if let Some(key) = line.trim().strip_suffix('?') {
            let truth = outputs[key].as_str().unwrap_or("").to_string();
            let answer = if key == "仮ログインID" {
                answer_id(&truth)
            } else {
                truth
            };
            stdin
                .write_all(format!("{answer}\n").as_bytes())
                .await
                .expect("answering the kit");
        }
    }
    let status = child.wait().await.expect("the kit ends");
    (status.code(), seen)
}

#[tokio::test]
async fn attended_mode_waits_for_the_person_and_checks_what_was_done() {
    let (code, out) = attended(|truth| truth.to_string()).await;
    assert!(
        out.contains("── client step: register_temp_account"),
        "{out}"
    );
    assert!(out.contains("open:    http://127.0.0.1:"), "{out}");
    assert_eq!((code, summary(&out)), (Some(0), (1, 0)), "{out}");

    // The person misreads the mail: the report check names it.
    let (code, out) = attended(|_| "2120013".to_string()).await;
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("仮ログインID: the client reported \"2120013\""),
        "{out}"
    );
}
