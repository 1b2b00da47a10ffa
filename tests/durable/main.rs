//! Durability, bounds and hostile input (issue 14): the SQLite store brought back exactly after
//! a restart, refused clearly when it cannot be used, migrated from its first version; nothing
//! acknowledged lost when the process is killed; the bounds; the access token; 1,000 workspaces
//! kept apart; and a fuzzer.

mod client;
mod support;

mod access;
mod faults;
mod fuzz;
mod isolation;
mod limits;
mod migration;
mod restart;
mod sigkill;
mod webhooks;
