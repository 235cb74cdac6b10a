//! Staff accounts and their memberships (`AccountStore`).
use super::StoreImpl;
use crate::account_sql::{
    programme_of, ACCOUNT_COLUMNS, INSERT_ACCOUNT, INSERT_MEMBERSHIP, LEADERLESS_OF_USER,
    MEMBER_COLUMNS,
};
use crate::rows::{AccountRow, MembershipRow, UserRow};
use crate::sql::found;
use samskap_domain::account::model::{Account, Membership, Role, User};
use samskap_domain::store::account_store::AccountStore;
use samskap_domain::store::{Item, NewAccount, StoreError, StoreResult};
use uuid::Uuid;

#[async_trait::async_trait]
impl AccountStore for StoreImpl {
    async fn create_account(&self, account: NewAccount) -> StoreResult<Account> {
        let mut tx = self.begin_write().await?;
        let created = insert_account(&mut tx, &account).await?;
        tx.commit().await?;
        Ok(created)
    }

    async fn create_member(
        &self,
        programme: Uuid,
        account: NewAccount,
        role: Role,
    ) -> StoreResult<User> {
        let mut tx = self.begin_write().await?;
        let created = insert_account(&mut tx, &account).await?;
        insert_membership(&mut tx, programme, created.id, role).await?;
        tx.commit().await?;
        Ok(User {
            id: created.id,
            email: created.email,
            display_name: created.display_name,
            role,
            active: true,
            session_epoch: 0,
        })
    }

    async fn add_member(&self, programme: Uuid, user: Uuid, role: Role) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        insert_membership(&mut tx, programme, user, role).await?;
        Ok(tx.commit().await?)
    }

    async fn account(&self, id: Uuid) -> StoreResult<Option<Account>> {
        Ok(
            sqlx::query_as::<_, AccountRow>(&format!("{ACCOUNT_COLUMNS} WHERE id = $1"))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?
                .map(AccountRow::into_account),
        )
    }

    async fn account_with_hash(&self, email: &str) -> StoreResult<Option<(Account, String)>> {
        Ok(
            sqlx::query_as::<_, AccountRow>(&format!("{ACCOUNT_COLUMNS} WHERE email = $1"))
                .bind(email)
                .fetch_optional(&self.pool)
                .await?
                .map(|row| {
                    let hash = row.password_hash.clone();
                    (row.into_account(), hash)
                }),
        )
    }

    async fn member(&self, programme: Uuid, user: Uuid) -> StoreResult<Option<User>> {
        sqlx::query_as::<_, UserRow>(&format!("{MEMBER_COLUMNS} WHERE u.id = $2"))
            .bind(programme)
            .bind(user)
            .fetch_optional(&self.pool)
            .await?
            .map(UserRow::into_user)
            .transpose()
    }

    async fn members(&self, programme: Uuid) -> StoreResult<Vec<User>> {
        sqlx::query_as::<_, UserRow>(&format!("{MEMBER_COLUMNS} ORDER BY u.email"))
            .bind(programme)
            .fetch_all(&self.pool)
            .await?
            .into_iter()
            .map(UserRow::into_user)
            .collect()
    }

    async fn memberships(&self, user: Uuid) -> StoreResult<Vec<Membership>> {
        sqlx::query_as::<_, MembershipRow>(
            "SELECT p.id AS programme, p.slug AS programme_slug, p.name AS programme_name, m.role
             FROM memberships m JOIN programmes p ON p.id = m.programme_id
             WHERE m.user_id = $1 ORDER BY p.created_at, p.id",
        )
        .bind(user)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|row| {
            let role = parse_role(&row.role)?;
            Ok(Membership {
                programme: row.programme,
                programme_slug: row.programme_slug,
                programme_name: row.programme_name,
                role,
            })
        })
        .collect()
    }

    async fn programme_of(&self, item: Item) -> StoreResult<Option<Uuid>> {
        let (sql, id) = programme_of(item);
        Ok(sqlx::query_scalar::<_, Uuid>(sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?)
    }

    async fn set_role(&self, programme: Uuid, id: Uuid, role: Role) -> StoreResult<()> {
        let mut tx = self.begin_lead_change().await?;
        let before = leaderless(&mut tx, id).await?;
        let done = sqlx::query(
            "UPDATE memberships SET role = $1 WHERE user_id = $2 AND programme_id = $3",
        )
        .bind(role.as_str())
        .bind(id)
        .bind(programme)
        .execute(&mut *tx)
        .await?;
        found(done.rows_affected())?;
        if leaderless(&mut tx, id).await? > before {
            return Err(StoreError::LastLead);
        }
        Ok(tx.commit().await?)
    }

    async fn remove_member(&self, programme: Uuid, id: Uuid) -> StoreResult<()> {
        let mut tx = self.begin_lead_change().await?;
        // Counted over the programme itself: the removed account is in it no more.
        let before = active_leads(&mut tx, programme).await?;
        let done = sqlx::query("DELETE FROM memberships WHERE user_id = $1 AND programme_id = $2")
            .bind(id)
            .bind(programme)
            .execute(&mut *tx)
            .await?;
        found(done.rows_affected())?;
        if before > 0 && active_leads(&mut tx, programme).await? == 0 {
            return Err(StoreError::LastLead);
        }
        Ok(tx.commit().await?)
    }

    async fn set_active(&self, id: Uuid, active: bool) -> StoreResult<()> {
        let mut tx = self.begin_lead_change().await?;
        let before = leaderless(&mut tx, id).await?;
        let done = sqlx::query(
            "UPDATE users SET active = $1, session_epoch = session_epoch + 1 WHERE id = $2",
        )
        .bind(active)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        found(done.rows_affected())?;
        if leaderless(&mut tx, id).await? > before {
            return Err(StoreError::LastLead);
        }
        Ok(tx.commit().await?)
    }

    async fn set_password_hash(&self, id: Uuid, password_hash: &str) -> StoreResult<()> {
        let done = sqlx::query(
            "UPDATE users SET password_hash = $1, session_epoch = session_epoch + 1 WHERE id = $2",
        )
        .bind(password_hash)
        .bind(id)
        .execute(self.writer())
        .await?;
        found(done.rows_affected())
    }
}

impl StoreImpl {
    /// A transaction that may change who leads: it reads the leads before it writes, so
    /// on SQLite it takes the write lock up front, and on PostgreSQL it locks the lead
    /// memberships against a concurrent change.
    async fn begin_lead_change(&self) -> StoreResult<super::Tx<'static>> {
        let mut tx = self.begin_write().await?;
        if let Some(lock) = super::LOCK_LEADS {
            sqlx::query(lock).execute(&mut *tx).await?;
        }
        Ok(tx)
    }
}

fn parse_role(role: &str) -> StoreResult<Role> {
    role.parse()
        .map_err(|_| StoreError::Backend(format!("unknown role {role:?} in memberships table")))
}

async fn insert_account(tx: &mut super::Tx<'_>, account: &NewAccount) -> StoreResult<Account> {
    let id = Uuid::new_v4();
    sqlx::query(INSERT_ACCOUNT)
        .bind(id)
        .bind(&account.email)
        .bind(&account.display_name)
        .bind(&account.password_hash)
        .bind(account.operator)
        .bind(chrono::Utc::now())
        .execute(&mut **tx)
        .await
        .map_err(|e| match StoreError::from(e) {
            StoreError::Duplicate => StoreError::EmailTaken,
            other => other,
        })?;
    Ok(Account {
        id,
        email: account.email.clone(),
        display_name: account.display_name.clone(),
        active: true,
        operator: account.operator,
        session_epoch: 0,
    })
}

/// `NotFound` if the account or the programme is missing, `Duplicate` if it is a member.
pub(super) async fn insert_membership(
    tx: &mut super::Tx<'_>,
    programme: Uuid,
    user: Uuid,
    role: Role,
) -> StoreResult<()> {
    let done = sqlx::query(INSERT_MEMBERSHIP)
        .bind(user)
        .bind(programme)
        .bind(role.as_str())
        .bind(chrono::Utc::now())
        .execute(&mut **tx)
        .await?;
    found(done.rows_affected())
}

/// How many active leads `programme` has.
async fn active_leads(tx: &mut super::Tx<'_>, programme: Uuid) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.programme_id = $1 AND m.role = 'lead' AND u.active = TRUE",
    )
    .bind(programme)
    .fetch_one(&mut **tx)
    .await?)
}

/// How many programmes `user` is a member of have no active lead: a change that raises
/// it is `LastLead` (and its transaction rolls back when dropped).
async fn leaderless(tx: &mut super::Tx<'_>, user: Uuid) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(LEADERLESS_OF_USER)
        .bind(user)
        .fetch_one(&mut **tx)
        .await?)
}
