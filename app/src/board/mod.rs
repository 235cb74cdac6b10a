//! Live idea boards (idétavler): the page phones and facilitators share, cards, the
//! facilitator's controls, the countdown, the projector view and the event stream.
#[cfg(feature = "ssr")]
pub mod access;
pub mod board_live;
pub mod card_tools;
pub mod cards;
pub mod controls;
pub mod events;
pub mod live;
pub mod moderation;
pub mod page;
pub mod themes;
pub mod timer;
pub mod votes;
