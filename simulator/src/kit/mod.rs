//! The conformance kit (issue 9, docs/kit.md): it verifies a **client** of the NSS — an RPA, a
//! back-office integration, a mail parser — the way the OpenID conformance suite or Inferno's
//! client suites do. The kit plays the NSS and the NACCS center (this simulator), the client
//! under test does the procedure, and the kit checks what the client did (the journal), what
//! it left behind (the stored record, the mails) and what it reports.
//!
//! `nss-simulator kit --client "python3 my_adapter.py"` runs the client scenarios
//! (`features/client/`, embedded in the binary, tagged `@client`).
//!
//! ## Layout
//!
//! - [`cli`] — the command line; [`run`] — one run: simulator, driver, cucumber, results;
//!   [`writer`] — the per-scenario lines; [`report`] — JUnit and the HTML pages.
//! - [`features`] — the embedded features and snapshots, or `--features DIR`, and their parser.
//! - [`world`] — a scenario's state and the client step; [`steps`] — the Japanese steps.
//! - [`driver`] — how a step reaches the client: the process (the driver protocol), the
//!   built-in Rust reference client, a person (attended mode); [`protocol`] — the task and
//!   the result.
//! - [`check`] — the record, the conduct, the manuals' formats, the snapshots.
//! - [`sim`] — the simulator under the kit (in process or `--target`) and its API;
//!   [`browser`] — the JSON browser the built-in client and the screen-level tests use;
//!   [`data`] — manual 000's data and the kit's extended set, in the input shape;
//!   [`manual`] — manual 000 walked with that data, for the screen-level tests.

pub mod browser;
pub mod check;
pub mod cli;
pub mod data;
pub mod driver;
pub mod features;
pub mod manual;
pub mod protocol;
pub mod report;
pub mod run;
pub mod sim;
mod steps;
pub mod world;
pub mod writer;

pub use browser::Browser;
pub use sim::Simulator;
