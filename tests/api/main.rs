//! Integration tests through HTTP, against the real app on port 0.

#[path = "../support/mod.rs"]
mod support;

mod catalogue;
mod center;
mod flow;
mod html;
mod isolation;
mod openapi;
mod raw_mail;
mod rules;
mod session;
mod smtp;
mod snapshots;
mod webhooks;
