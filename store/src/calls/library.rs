//! The learning library (`LibraryStore`).
use super::audit::audit;
use super::FULL_TEXT;
use crate::library_sql::*;
use crate::rows::now;
use samskap_domain::library::model::*;
use samskap_domain::library::subscription::{FeedProblem, Subscription, MAX_FEEDS_PER_PROGRAMME};
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
        let mut tx = self.begin_write().await?;
        let id: Option<Uuid> = sqlx::query_scalar(UPSERT_ENTRY)
            .bind(Uuid::new_v4())
            .bind(programme)
            .bind(source)
            .bind(facts.kind.as_str())
            .bind(facts.outcome.as_str())
            .bind(&facts.title)
            .bind(&facts.focus_area)
            .bind(facts.target_group.to_lowercase())
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
        if let Some(index) = &FULL_TEXT.index {
            sqlx::query(index.remove).bind(id).execute(&mut *tx).await?;
            sqlx::query(index.add_local)
                .bind(id)
                .execute(&mut *tx)
                .await?;
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
        let (outcome, kind) = (
            query.outcome.map_or("", |o| o.as_str()),
            query.kind.map_or("", |k| k.as_str()),
        );
        let (target, year) = (target_pattern(query), query.year.unwrap_or(0));
        // `library_sql::search` checks the same in SQL (`unset`), as a guard: a filter
        // added here must be added there too.
        let filtered = [outcome, kind, &query.focus_area, &target, &query.programme]
            .iter()
            .any(|f| !f.is_empty())
            || year != 0;
        let sql = search(
            &FULL_TEXT,
            !words.is_empty(),
            filtered,
            query.elsewhere,
            SEARCH_LIMIT,
        );
        let mut q = sqlx::query_as::<_, EntryRow>(&sql);
        if !words.is_empty() {
            q = q.bind((FULL_TEXT.query)(&words));
        }
        q.bind(outcome)
            .bind(kind)
            .bind(&query.focus_area)
            .bind(target)
            .bind(&query.programme)
            .bind(year)
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

    async fn subscriptions(&self, programme: Uuid) -> StoreResult<Vec<Subscription>> {
        Ok(sqlx::query_as::<_, SubscriptionRow>(SUBSCRIPTIONS)
            .bind(programme)
            .fetch_all(&self.pool)
            .await?
            .into_iter()
            .map(SubscriptionRow::into_subscription)
            .collect())
    }

    async fn subscribe(
        &self,
        programme: Uuid,
        url: &str,
        entries: &[LibraryEntry],
        actor: &Actor,
    ) -> StoreResult<Uuid> {
        let mut tx = self.begin_write().await?;
        let locked: Option<Uuid> = sqlx::query_scalar(LOCK_PROGRAMME)
            .bind(programme)
            .fetch_optional(&mut *tx)
            .await?;
        if locked.is_none() {
            return Err(StoreError::NotFound);
        }
        let id = Uuid::new_v4();
        let added = sqlx::query(INSERT_FEED)
            .bind(id)
            .bind(programme)
            .bind(url)
            .bind(&actor.name)
            .bind(now())
            .bind(MAX_FEEDS_PER_PROGRAMME as i64)
            .execute(&mut *tx)
            .await?;
        if added.rows_affected() == 0 {
            return Err(StoreError::TooManyFeeds);
        }
        insert_fetched(&mut tx, id, entries).await?;
        audit(
            &mut tx,
            actor,
            "library_feed_added",
            "library_feed",
            id,
            url,
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn record_fetch(
        &self,
        programme: Uuid,
        feed: Uuid,
        fetched: Result<&[LibraryEntry], FeedProblem>,
    ) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        let (sql, value) = match &fetched {
            Ok(_) => (FETCH_SUCCEEDED, None),
            Err(problem) => (FETCH_FAILED, Some(problem.code())),
        };
        let mut update = sqlx::query(sql).bind(feed).bind(programme);
        update = match value {
            Some(code) => update.bind(code),
            None => update.bind(now()),
        };
        if update.execute(&mut *tx).await?.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        if let Ok(entries) = fetched {
            drop_fetched(&mut tx, feed).await?;
            insert_fetched(&mut tx, feed, entries).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn unsubscribe(&self, programme: Uuid, feed: Uuid, actor: &Actor) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        let url: Option<String> = sqlx::query_scalar(URL_OF_FEED)
            .bind(feed)
            .bind(programme)
            .fetch_optional(&mut *tx)
            .await?;
        let url = url.ok_or(StoreError::NotFound)?;
        audit(
            &mut tx,
            actor,
            "library_feed_removed",
            "library_feed",
            feed,
            url,
        )
        .await?;
        drop_fetched(&mut tx, feed).await?;
        sqlx::query(DELETE_FEED)
            .bind(feed)
            .bind(programme)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn all_subscriptions(&self) -> StoreResult<Vec<(Uuid, Uuid, String)>> {
        Ok(sqlx::query_as(ALL_FEEDS).fetch_all(&self.pool).await?)
    }
}

/// Drops feed `feed`'s fetched entries, and their index.
async fn drop_fetched(tx: &mut super::Tx<'_>, feed: Uuid) -> StoreResult<()> {
    if let Some(index) = &FULL_TEXT.index {
        sqlx::query(index.remove_feed)
            .bind(feed)
            .execute(&mut **tx)
            .await?;
    }
    sqlx::query(DROP_FETCHED)
        .bind(feed)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Fetched entries written by one `INSERT` (15 values each: SQLite binds at most 32,766
/// values in a statement, PostgreSQL 65,535).
const FETCHED_PER_INSERT: usize = 500;

/// Writes `entries` (fetched, each with its `origin`) as feed `feed`'s, indexed: a few
/// statements for a whole feed, since every other write waits for this transaction (a
/// statement and an index update for each entry held them up for seconds).
async fn insert_fetched(
    tx: &mut super::Tx<'_>,
    feed: Uuid,
    entries: &[LibraryEntry],
) -> StoreResult<()> {
    for chunk in entries.chunks(FETCHED_PER_INSERT) {
        let rows = chunk
            .iter()
            .map(|e| Ok((e, facts_json(&e.facts)?)))
            .collect::<StoreResult<Vec<_>>>()?;
        let mut insert = sqlx::QueryBuilder::<super::Db>::new(INSERT_FETCHED);
        insert.push_values(rows, |mut row, (e, facts)| {
            let f = &e.facts;
            row.push_bind(Uuid::new_v4())
                .push_bind(feed)
                .push_bind(e.id)
                .push_bind(&e.origin)
                .push_bind(&e.programme_name)
                .push_bind(f.kind.as_str())
                .push_bind(f.outcome.as_str())
                .push_bind(&f.title)
                .push_bind(&f.focus_area)
                .push_bind(f.target_group.to_lowercase())
                .push_bind(f.year)
                .push_bind(&e.summary)
                .push_bind(f.searchable(&e.summary))
                .push_bind(facts)
                .push_bind(e.updated_at);
        });
        // Not kept prepared: a feed's last, shorter statement is new text each time, and
        // would push the writer's everyday statements out of its cache.
        insert.build().persistent(false).execute(&mut **tx).await?;
    }
    if let Some(index) = &FULL_TEXT.index {
        sqlx::query(index.add_feed)
            .bind(feed)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}
