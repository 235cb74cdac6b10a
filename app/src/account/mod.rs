//! Staff accounts: roles, sign-in and sign-out, and the lead's account management.
pub mod login;
pub mod logout;
pub mod manage;
pub mod me;
pub mod own;
