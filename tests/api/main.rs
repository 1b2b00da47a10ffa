//! Integration tests through HTTP, against the real app on port 0.

mod support;

mod api_errors;
mod catalogue;
mod catch_up;
mod center;
mod change;
mod change_items;
mod change_lines;
mod clock_bounds;
mod documents;
mod fidelity_applicant;
mod fidelity_codes;
mod fidelity_entry;
mod fidelity_portal;
mod flow;
mod general_naccs;
mod html;
mod isolation;
mod kit_record;
mod openapi;
mod raw_mail;
mod rules;
mod screen_json;
mod session;
mod settings;
mod sharing;
mod smtp;
mod snapshots;
mod store_failures;
mod webhooks;
