//! Workshops (verksteder): the staff's list and creation form, the workshop page with
//! its status, join code, QR code and boards.
pub mod detail_page;
pub mod form;
pub mod labels;
pub mod list_page;
#[cfg(feature = "ssr")]
pub mod qr;
