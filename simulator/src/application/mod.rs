//! What applicants submit and what the simulator keeps of it, as typed values: the people, the
//! content of each kind of application, the registered record with its review history, and the
//! drafts of unfinished procedures.
//!
//! Nothing here knows HTML field names or screens: the screens parse their forms into these types
//! (procedures/), the center reviews them (center/), the API serialises them (api/). Every value
//! that a manual gives a format for is a `domain::format` newtype, so a stored application can only
//! hold what the screens accept.

pub mod change;
pub mod change_lines;
pub mod draft;
pub mod new;
pub mod person;
pub mod record;
pub mod settings;

pub use change::ChangeApplication;
pub use draft::{Draft, RawInput, SavedDraft, Slot};
pub use new::NewApplication;
pub use person::{Address, Person, PersonName, TempApplicant};
pub use record::{
    Application, ApplicationContent, ApplicationKind, ApplicationStatus, Attachment, Decision,
    Filer, IssuedRecord, ReviewEntry,
};
pub use settings::SystemSettingsApplication;
