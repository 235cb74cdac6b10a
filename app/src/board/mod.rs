//! Live idea boards (idétavler): the page phones and facilitators share, cards, the
//! facilitator's controls, the countdown, the projector view and the event stream.
#[cfg(feature = "ssr")]
pub mod access;
pub mod board_live;
pub mod card_actions;
pub mod card_editor;
pub mod card_item;
pub mod card_tools;
pub mod controls;
pub mod get_board;
pub mod live;
pub mod moderation;
pub mod outbox;
pub mod page;
pub mod post_form;
pub mod resync;
pub mod state;
pub mod themes;
pub mod timer;
pub mod votes;
