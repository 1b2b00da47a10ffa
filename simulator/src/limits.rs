//! The bounds that keep one simulator's memory and disk flat whatever its users send: per
//! workspace (journal entries, mails, events, sessions), per request (body, attachment) and per
//! simulator (workspaces). Each can be set at start (`nss-simulator --help`).
//!
//! The logs keep their newest entries and drop the oldest beyond the cap, saying so (the pages
//! print a note; the API's answers carry `X-Sim-Dropped` and the workspace's `kept` counts).
//! Everything else beyond a bound is refused with a 4xx that names the bound.

/// The bounds in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Journal entries kept per workspace (the newest).
    pub journal_entries: usize,
    /// Mails kept per workspace (the newest).
    pub mails: usize,
    /// Events kept per workspace (the newest; `GET …/events`, webhooks).
    pub events: usize,
    /// Browser sessions kept per workspace (the oldest logged out beyond it; of sessions
    /// started at the same instant, the one whose token sorts first ends first).
    pub sessions: usize,
    /// Workspaces in the simulator; creating one more is refused.
    pub workspaces: usize,
    /// Bytes of a request body, file contents aside (NSS forms, API JSON, page forms).
    pub body_bytes: usize,
    /// Bytes of one attached file (NSS screens that take attachments).
    pub attachment_bytes: usize,
}

impl Default for Limits {
    /// A training room's day with room to spare: 10,000 requests of journal and 1,000 mails per
    /// workspace, 1,000 events (a few per application), 1,000 sessions, 10,000 workspaces, 1 MiB forms, 10 MiB attachments.
    fn default() -> Self {
        Limits {
            journal_entries: 10_000,
            mails: 1_000,
            events: 1_000,
            sessions: 1_000,
            workspaces: 10_000,
            body_bytes: 1 << 20,
            attachment_bytes: 10 << 20,
        }
    }
}

impl Limits {
    /// The most bytes a request that attaches a file may send: one attachment of the maximal
    /// size plus the form around it.
    pub fn multipart_bytes(&self) -> usize {
        self.body_bytes.saturating_add(self.attachment_bytes)
    }
}

/// `n` bytes for a message: `1 MiB`, `512 KiB`, `100 B`.
pub fn bytes_text(n: usize) -> String {
    if n >= 1 << 20 && n.is_multiple_of(1 << 20) {
        format!("{} MiB", n >> 20)
    } else if n >= 1 << 10 && n.is_multiple_of(1 << 10) {
        format!("{} KiB", n >> 10)
    } else {
        format!("{n} B")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(bytes_text(1 << 20), "1 MiB");
        assert_eq!(bytes_text(10 << 20), "10 MiB");
        assert_eq!(bytes_text(1536), "1536 B");
        assert_eq!(bytes_text(2048), "2 KiB");
        assert_eq!(bytes_text(100), "100 B");
    }
}
