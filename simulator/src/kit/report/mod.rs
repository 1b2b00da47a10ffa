//! What a run leaves on disk: JUnit XML for CI ([`junit`]) and an HTML page per scenario
//! ([`html`]).

pub mod html;
pub mod junit;
