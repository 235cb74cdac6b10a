//! Programme set-up: the programme itself, its focus areas (innsatsområder) and its
//! goals (mål), linked many-to-many. Everyone on the staff reads it; the lead edits it.
pub mod edit_page;
pub mod focus_areas;
pub mod goals;
mod item_editor;
pub mod list_page;
pub mod view_page;
