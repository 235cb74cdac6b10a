//! Inclusion and privacy: the diversity view, participation targets and retention,
//! the privacy page, the pseudonymised evaluation export and offline-tolerant posting.
pub mod diversity;
pub mod model;
pub mod offline;
pub mod privacy_page;
pub mod settings;
