//! Operations the simulator API and the operator pages share, with typed errors that each caller
//! words in its own language: the API as its JSON error, the pages in Japanese. Neither calls
//! the other's handlers.

pub mod review_policy;
pub mod workspaces;
