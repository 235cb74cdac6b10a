//! Inclusion and privacy: the diversity view, participation targets and retention,
//! the privacy page, and the pseudonymised evaluation export.
pub mod diversity;
pub mod privacy_page;
pub mod settings;
pub mod turnout_chart;
