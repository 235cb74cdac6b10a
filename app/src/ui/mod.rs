//! Pieces of UI shared by every feature area: page chrome, navigation, status pages.
pub mod bundle;
pub mod fold;
pub mod guard;
pub mod island;
pub mod language;
pub mod nav;
pub mod page;
pub mod programme_path;
pub mod refresh;
pub mod staff_only;
pub mod status_pages;
pub mod text;
pub mod time;
