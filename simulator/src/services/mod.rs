//! Domain services: what the screens, the fixture presets, the simulator API and the operator
//! pages all do to a workspace — register a temporary account, file, amend and withdraw
//! applications, create and reset workspaces, set the review policy. Each checks who asks and
//! answers with a typed error that each caller words in its own language (the API as its JSON
//! error, the screens and pages in Japanese); none knows HTTP or screens, and no caller calls
//! another's handlers.

pub mod accounts;
pub mod applications;
pub mod review_policy;
pub mod workspaces;
