//! The learning library (`LibraryStore`).
use super::audit::audit;
use super::FULL_TEXT;
use crate::library_sql::*;
use crate::rows::now;
use samskap_domain::library::model::*;
use samskap_domain::store::actor::Actor;
use samskap_domain::store::library_store::LibraryStore;
use samskap_domain::store::{StoreError, StoreResult};
use uuid::Uuid;

#[async_trait::async_trait]
impl LibraryStore for super::StoreImpl {
    async fn save_library_entry(
        &self,
        programme: Uuid,
        source: Uuid,
        facts: &EntryFacts,
        summary: &str,
        shared: bool,
        actor: &Actor,
    ) -> StoreResult<Uuid> {
        let mut tx = self.pool.begin().await?;
        let id: Option<Uuid> = sqlx::query_scalar(UPSERT_ENTRY)
            .bind(Uuid::new_v4())
            .bind(programme)
            .bind(source)
            .bind(facts.kind.as_str())
            .bind(facts.outcome.as_str())
            .bind(&facts.title)
            .bind(&facts.focus_area)
            .bind(&facts.target_group)
            .bind(facts.year)
            .bind(summary)
            .bind(facts.searchable(summary))
            .bind(facts_json(facts)?)
            .bind(shared)
            .bind(&actor.name)
            .bind(now())
            .fetch_optional(&mut *tx)
            .await?;
        let id = id.ok_or(StoreError::NotFound)?;
        if let Some((delete, insert)) = FULL_TEXT.reindex {
            sqlx::query(delete).bind(id).execute(&mut *tx).await?;
            sqlx::query(insert).bind(id).execute(&mut *tx).await?;
        }
        let action = if shared {
            "library_entry_shared"
        } else {
            "library_entry_saved"
        };
        audit(&mut tx, actor, action, "library_entry", id, &facts.title).await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn library_entries(&self, programme: Uuid) -> StoreResult<Vec<LibraryEntry>> {
        sqlx::query_as::<_, EntryRow>(&entries_of_programme())
            .bind(programme)
            .fetch_all(&self.pool)
            .await?
            .into_iter()
            .map(EntryRow::into_entry)
            .collect()
    }

    async fn library_entry_of(
        &self,
        programme: Uuid,
        source: Uuid,
    ) -> StoreResult<Option<LibraryEntry>> {
        sqlx::query_as::<_, EntryRow>(&entry_of_source())
            .bind(programme)
            .bind(source)
            .fetch_optional(&self.pool)
            .await?
            .map(EntryRow::into_entry)
            .transpose()
    }

    async fn search_library(&self, query: &LibraryQuery) -> StoreResult<Vec<LibraryEntry>> {
        let words = search_terms(&query.text);
        let sql = search(&FULL_TEXT, !words.is_empty(), SEARCH_LIMIT);
        let mut q = sqlx::query_as::<_, EntryRow>(&sql);
        if !words.is_empty() {
            q = q.bind((FULL_TEXT.query)(&words));
        }
        q.bind(query.outcome.map_or("", |o| o.as_str()))
            .bind(query.kind.map_or("", |k| k.as_str()))
            .bind(&query.focus_area)
            .bind(target_pattern(query))
            .bind(&query.programme)
            .bind(query.year.unwrap_or(0))
            .fetch_all(&self.pool)
            .await?
            .into_iter()
            .map(EntryRow::into_entry)
            .collect()
    }

    async fn library_facets(&self) -> StoreResult<LibraryFacets> {
        Ok(LibraryFacets {
            programmes: sqlx::query_as(FACET_PROGRAMMES)
                .fetch_all(&self.pool)
                .await?,
            focus_areas: sqlx::query_scalar(FACET_FOCUS_AREAS)
                .fetch_all(&self.pool)
                .await?,
            years: sqlx::query_scalar(FACET_YEARS)
                .fetch_all(&self.pool)
                .await?,
        })
    }

    async fn shared_entries(&self) -> StoreResult<Vec<LibraryEntry>> {
        sqlx::query_as::<_, EntryRow>(&shared_entries())
            .fetch_all(&self.pool)
            .await?
            .into_iter()
            .map(EntryRow::into_entry)
            .collect()
    }
}
