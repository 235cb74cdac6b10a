//! Staff accounts and their memberships: a role per programme, and which programme a
//! thing an id names belongs to (what every staff call's role is checked against).
use crate::account::model::{Account, Membership, Role, User};
use crate::store::store_error::StoreResult;
use uuid::Uuid;

/// A staff account to create; `email` is already normalised, `password_hash` is a PHC
/// string.
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub operator: bool,
}

/// A thing a staff call names by id; its programme decides the caller's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Programme(Uuid),
    Goal(Uuid),
    Workshop(Uuid),
    Board(Uuid),
    Card(Uuid),
    Theme(Uuid),
    Prototype(Uuid),
    Round(Uuid),
    Measure(Uuid),
    Report(Uuid),
    Indicator(Uuid),
}

#[async_trait::async_trait]
pub trait AccountStore {
    /// An account with no membership (an operator, or someone a lead adds later).
    /// `EmailTaken` if another account has the email.
    async fn create_account(&self, account: NewAccount) -> StoreResult<Account>;
    /// A new account and its membership of `programme`, in one transaction. `EmailTaken`
    /// if another account has the email, `NotFound` if there is no such programme.
    async fn create_member(
        &self,
        programme: Uuid,
        account: NewAccount,
        role: Role,
    ) -> StoreResult<User>;
    /// Makes an existing account a member of `programme`. `Duplicate` if it is one
    /// already, `NotFound` if the account or the programme does not exist.
    async fn add_member(&self, programme: Uuid, user: Uuid, role: Role) -> StoreResult<()>;
    async fn account(&self, id: Uuid) -> StoreResult<Option<Account>>;
    /// The account with this (normalised) email and its password hash.
    async fn account_with_hash(&self, email: &str) -> StoreResult<Option<(Account, String)>>;
    /// The account as a member of `programme`; `None` if it is not one (active or not).
    async fn member(&self, programme: Uuid, user: Uuid) -> StoreResult<Option<User>>;
    /// The members of `programme`, by email.
    async fn members(&self, programme: Uuid) -> StoreResult<Vec<User>>;
    /// The programmes `user` is a member of, oldest programme first.
    async fn memberships(&self, user: Uuid) -> StoreResult<Vec<Membership>>;
    /// The programme `item` belongs to; `None` if there is no such thing.
    async fn programme_of(&self, item: Item) -> StoreResult<Option<Uuid>>;
    /// `NotFound` unless `id` is a member of `programme`; `LastLead` (nothing changed) if
    /// the programme would have no active lead left.
    async fn set_role(&self, programme: Uuid, id: Uuid, role: Role) -> StoreResult<()>;
    /// Takes `id` out of `programme` (the account stays, with its other programmes).
    /// `NotFound` unless it is a member there; `LastLead` (nothing changed) if the
    /// programme would have no active lead left.
    async fn remove_member(&self, programme: Uuid, id: Uuid) -> StoreResult<()>;
    /// Also bumps the session epoch, ending the account's sessions. `LastLead` (nothing
    /// changed) if a programme it leads would have no active lead left.
    async fn set_active(&self, id: Uuid, active: bool) -> StoreResult<()>;
    /// Also bumps the session epoch, ending the account's sessions.
    async fn set_password_hash(&self, id: Uuid, password_hash: &str) -> StoreResult<()>;
}
