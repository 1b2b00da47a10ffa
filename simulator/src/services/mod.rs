//! Domain services: what the screens, the fixture presets and the API all do to a workspace —
//! register a temporary account, file, amend and withdraw applications. Each checks who asks and
//! answers with a typed error instead of failing silently; none knows HTTP or screens.

pub mod accounts;
pub mod applications;
