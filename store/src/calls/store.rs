//! Programmes with their focus areas and goals (`Store`).
use super::StoreImpl;
use crate::rows::{LinkRow, ProgrammeRow, TextRow};
use crate::sql::found;
use samskap_domain::account::model::Role;
use samskap_domain::programme::model::{
    FocusArea, Goal, Programme, ProgrammeFields, ProgrammeName,
};
use samskap_domain::store::{StoreError, StoreResult};
use uuid::Uuid;

#[async_trait::async_trait]
impl samskap_domain::store::Store for StoreImpl {
    async fn health(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .map(|_| ())
            .map_err(StoreError::from)
    }

    async fn programmes(&self) -> StoreResult<Vec<ProgrammeName>> {
        Ok(sqlx::query_as::<_, (Uuid, String, String)>(
            "SELECT id, slug, name FROM programmes ORDER BY created_at, id",
        )
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|(id, slug, name)| ProgrammeName { id, slug, name })
        .collect())
    }

    async fn programme_by_slug(&self, slug: &str) -> StoreResult<Option<Uuid>> {
        // No programme has a slug that breaks the rules (and PostgreSQL refuses a NUL).
        if samskap_domain::validate::slug(slug).is_err() {
            return Ok(None);
        }
        Ok(
            sqlx::query_scalar("SELECT id FROM programmes WHERE slug = $1")
                .bind(slug)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    async fn slug_of(&self, id: Uuid) -> StoreResult<Option<String>> {
        Ok(
            sqlx::query_scalar("SELECT slug FROM programmes WHERE id = $1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    async fn programme(&self, id: Uuid) -> StoreResult<Option<Programme>> {
        let Some(p) = sqlx::query_as::<_, ProgrammeRow>(
            "SELECT id, slug, name, area, start_year, end_year, yearly_budget_nok
             FROM programmes WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        else {
            return Ok(None);
        };
        let focus_areas = self.focus_areas(p.id).await?;
        let links = sqlx::query_as::<_, LinkRow>(
            "SELECT l.goal_id, l.focus_area_id FROM goal_focus_areas l
             JOIN goals g ON g.id = l.goal_id WHERE g.programme_id = $1",
        )
        .bind(p.id)
        .fetch_all(&self.pool)
        .await?;
        let goals = sqlx::query_as::<_, TextRow>(
            "SELECT id, title AS name, description FROM goals WHERE programme_id = $1 ORDER BY position, id",
        )
        .bind(p.id)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|r| Goal {
            focus_area_ids: focus_areas
                .iter()
                .filter(|fa| links.iter().any(|l| l.goal_id == r.id && l.focus_area_id == fa.id))
                .map(|fa| fa.id)
                .collect(),
            id: r.id,
            title: r.name,
            description: r.description,
        })
        .collect();
        let fields = ProgrammeFields {
            name: p.name,
            area: p.area,
            start_year: p.start_year,
            end_year: p.end_year,
            yearly_budget_nok: p.yearly_budget_nok,
        };
        Ok(Some(Programme {
            id: p.id,
            slug: p.slug,
            fields,
            focus_areas,
            goals,
        }))
    }

    async fn focus_areas(&self, programme: Uuid) -> StoreResult<Vec<FocusArea>> {
        Ok(sqlx::query_as::<_, TextRow>(
            "SELECT id, name, description FROM focus_areas
             WHERE programme_id = $1 ORDER BY position, id",
        )
        .bind(programme)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|r| FocusArea {
            id: r.id,
            name: r.name,
            description: r.description,
        })
        .collect())
    }

    async fn create_programme(
        &self,
        slug: &str,
        f: ProgrammeFields,
        lead: Option<Uuid>,
    ) -> StoreResult<Uuid> {
        let id = Uuid::new_v4();
        let mut tx = self.begin_write().await?;
        let insert = sqlx::query(
            "INSERT INTO programmes (id, name, area, start_year, end_year, yearly_budget_nok, created_at, slug)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        );
        bind_programme_fields(insert.bind(id), &f)
            .bind(chrono::Utc::now())
            .bind(slug)
            .execute(&mut *tx)
            .await
            .map_err(|e| match StoreError::from(e) {
                StoreError::Duplicate => StoreError::SlugTaken,
                other => other,
            })?;
        if let Some(lead) = lead {
            super::accounts::insert_membership(&mut tx, id, lead, Role::Lead).await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    async fn update_programme(&self, id: Uuid, f: ProgrammeFields) -> StoreResult<()> {
        let update = sqlx::query(
            "UPDATE programmes SET name = $2, area = $3, start_year = $4, end_year = $5,
             yearly_budget_nok = $6 WHERE id = $1",
        );
        let done = bind_programme_fields(update.bind(id), &f)
            .execute(self.writer())
            .await?;
        found(done.rows_affected())
    }

    async fn add_focus_area(
        &self,
        programme: Uuid,
        name: &str,
        description: &str,
    ) -> StoreResult<FocusArea> {
        let id = Uuid::new_v4();
        let done = sqlx::query(
            "INSERT INTO focus_areas (id, programme_id, name, description, position)
             SELECT $1, p.id, $3, $4,
                    (SELECT COALESCE(MAX(position), 0) + 1 FROM focus_areas WHERE programme_id = p.id)
             FROM programmes p WHERE p.id = $2",
        )
        .bind(id)
        .bind(programme)
        .bind(name)
        .bind(description)
        .execute(self.writer())
        .await?;
        found(done.rows_affected())?;
        Ok(FocusArea {
            id,
            name: name.to_string(),
            description: description.to_string(),
        })
    }

    async fn update_focus_area(
        &self,
        programme: Uuid,
        id: Uuid,
        name: &str,
        description: &str,
    ) -> StoreResult<()> {
        let done = sqlx::query(
            "UPDATE focus_areas SET name = $1, description = $2 WHERE id = $3 AND programme_id = $4",
        )
        .bind(name)
        .bind(description)
        .bind(id)
        .bind(programme)
            .execute(self.writer())
            .await?;
        found(done.rows_affected())
    }

    async fn delete_focus_area(&self, programme: Uuid, id: Uuid) -> StoreResult<()> {
        let done = sqlx::query("DELETE FROM focus_areas WHERE id = $1 AND programme_id = $2")
            .bind(id)
            .bind(programme)
            .execute(self.writer())
            .await?;
        found(done.rows_affected())
    }

    async fn add_goal(
        &self,
        programme: Uuid,
        title: &str,
        description: &str,
        focus_areas: &[Uuid],
    ) -> StoreResult<Goal> {
        let id = Uuid::new_v4();
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "INSERT INTO goals (id, programme_id, title, description, position)
             SELECT $1, p.id, $3, $4,
                    (SELECT COALESCE(MAX(position), 0) + 1 FROM goals WHERE programme_id = p.id)
             FROM programmes p WHERE p.id = $2",
        )
        .bind(id)
        .bind(programme)
        .bind(title)
        .bind(description)
        .execute(&mut *tx)
        .await?;
        found(done.rows_affected())?;
        let linked = link_focus_areas(&mut tx, id, focus_areas).await?;
        tx.commit().await?;
        Ok(Goal {
            id,
            title: title.to_string(),
            description: description.to_string(),
            focus_area_ids: linked,
        })
    }

    async fn update_goal(
        &self,
        programme: Uuid,
        id: Uuid,
        title: &str,
        description: &str,
        focus_areas: &[Uuid],
    ) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE goals SET title = $1, description = $2 WHERE id = $3 AND programme_id = $4",
        )
        .bind(title)
        .bind(description)
        .bind(id)
        .bind(programme)
        .execute(&mut *tx)
        .await?;
        found(done.rows_affected())?;
        sqlx::query("DELETE FROM goal_focus_areas WHERE goal_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        link_focus_areas(&mut tx, id, focus_areas).await?;
        Ok(tx.commit().await?)
    }

    async fn delete_goal(&self, programme: Uuid, id: Uuid) -> StoreResult<()> {
        let done = sqlx::query("DELETE FROM goals WHERE id = $1 AND programme_id = $2")
            .bind(id)
            .bind(programme)
            .execute(self.writer())
            .await?;
        found(done.rows_affected())
    }
}

/// A programme's facts, bound in the order both the insert and the update list them
/// (name … yearly budget) after the id.
fn bind_programme_fields<'q>(
    query: sqlx::query::Query<'q, super::Db, <super::Db as sqlx::Database>::Arguments<'q>>,
    f: &'q ProgrammeFields,
) -> sqlx::query::Query<'q, super::Db, <super::Db as sqlx::Database>::Arguments<'q>> {
    query
        .bind(&f.name)
        .bind(&f.area)
        .bind(f.start_year)
        .bind(f.end_year)
        .bind(f.yearly_budget_nok)
}

/// Links a goal to focus areas of its own programme; an id of another programme's (or
/// no) focus area is `NotFound` and rolls the transaction back. Returns the linked ids,
/// without duplicates, in the order given.
async fn link_focus_areas(
    tx: &mut super::Tx<'_>,
    goal: Uuid,
    focus_areas: &[Uuid],
) -> StoreResult<Vec<Uuid>> {
    let mut linked: Vec<Uuid> = Vec::new();
    for fa in focus_areas.iter().copied() {
        if linked.contains(&fa) {
            continue;
        }
        let done = sqlx::query(
                "INSERT INTO goal_focus_areas (goal_id, focus_area_id)
                 SELECT g.id, f.id FROM goals g JOIN focus_areas f ON f.programme_id = g.programme_id
                 WHERE g.id = $1 AND f.id = $2",
            )
            .bind(goal)
            .bind(fa)
            .execute(&mut **tx)
            .await?;
        found(done.rows_affected())?;
        linked.push(fa);
    }
    Ok(linked)
}
