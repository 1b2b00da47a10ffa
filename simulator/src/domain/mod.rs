//! Rules of NSS as plain, unit-tested code that knows nothing of HTTP: input formats, reference
//! lists, the NACCS calendar, postal codes and the identifiers NSS hands out.

pub mod calendar;
pub mod customers;
pub mod english;
pub mod format;
pub mod ids;
pub mod issuance;
pub mod lists;
pub mod postal;
pub mod sharing;
