//! The learning library: decided prototypes and finished measures written up by their
//! programme's staff, searched across programmes, and shared with the public and other
//! installations through an open feed.
pub mod entry_card;
#[cfg(feature = "ssr")]
pub mod facts;
pub mod feeds;
pub mod labels;
pub mod programme_page;
pub mod search;
pub mod write_up;
