//! Row types shared by both backends (sqlx derives decoding for each).
use samskap_app::account::model::{Role, User};
use samskap_app::server::store::StoreError;
use uuid::Uuid;

#[derive(sqlx::FromRow)]
pub struct UserRow {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub active: bool,
    pub password_hash: String,
    pub session_epoch: i64,
}

impl UserRow {
    pub fn into_user(self) -> Result<User, StoreError> {
        let role: Role = self.role.parse().map_err(|_| {
            StoreError::Backend(format!("unknown role {:?} in users table", self.role))
        })?;
        Ok(User {
            id: self.id,
            email: self.email,
            display_name: self.display_name,
            role,
            active: self.active,
            session_epoch: self.session_epoch,
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct ProgrammeRow {
    pub id: Uuid,
    pub name: String,
    pub area: String,
    pub start_year: i32,
    pub end_year: i32,
    pub yearly_budget_nok: i64,
}

#[derive(sqlx::FromRow)]
pub struct TextRow {
    pub id: Uuid,
    pub name: String,
    pub description: String,
}

#[derive(sqlx::FromRow)]
pub struct LinkRow {
    pub goal_id: Uuid,
    pub focus_area_id: Uuid,
}
