//! `LibraryStore`'s SQL as constants and its rows as plain types (`calls/library.rs`
//! binds and runs them). Full-text search is the one place the backends differ: each
//! names its own [`FullText`].
use samskap_domain::library::model::{EntryFacts, LibraryEntry, LibraryQuery};
use samskap_domain::library::subscription::{FeedProblem, Subscription};
use samskap_domain::store::StoreError;
use uuid::Uuid;

/// How one backend finds entries by their words.
pub(crate) struct FullText {
    /// The entries matching the words `$1`, as rows of `id` and `sort_key` (lower is a
    /// better match): local entries `e` that meet the first condition, and, when a
    /// second is given, fetched entries `r` that meet it. Only the index and the
    /// columns the conditions read are touched; the text and facts are read later, for
    /// the few answered.
    pub found: fn(local: &str, fetched: Option<&str>) -> String,
    /// The best `limit` matches of the words `$1` when no filter is set (`unset`, the
    /// filters' parameters all empty), ranked in the index alone, fetched entries too
    /// when `elsewhere`; a backend whose `found` is as fast without filters has none.
    pub ranked: Option<fn(elsewhere: bool, unset: &str, limit: u32) -> String>,
    /// Statements keeping a separate index in step, if the backend keeps one.
    pub index: Option<SeparateIndex>,
    /// The words as this backend's query: each a prefix, all of them required.
    pub query: fn(&[String]) -> String,
}

/// A full-text index kept beside the entries (SQLite's FTS5 table).
pub(crate) struct SeparateIndex {
    /// Drops entry `$1` (local or fetched) from the index.
    pub remove: &'static str,
    /// Indexes local entry `$1` from its row, if it is shared.
    pub add_local: &'static str,
    /// Indexes every fetched entry of feed `$1` from its row.
    pub add_feed: &'static str,
    /// Drops every fetched entry of feed `$1` from the index.
    pub remove_feed: &'static str,
}

/// Creates entry `$1` for source `$3` (a prototype or measure of programme `$2`), or
/// replaces the one it has; no row when the source is not the programme's.
pub(crate) const UPSERT_ENTRY: &str =
    "INSERT INTO library_entries (id, programme_id, kind, source_id, outcome, title, focus_area,
         target_group, year, summary, body, facts, shared, updated_by, updated_at)
     SELECT $1, $2, $4, $3, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15
     WHERE EXISTS (SELECT 1 FROM prototypes WHERE id = $3 AND programme_id = $2)
        OR EXISTS (SELECT 1 FROM measures WHERE id = $3 AND programme_id = $2)
     ON CONFLICT (source_id) DO UPDATE SET
         outcome = excluded.outcome, title = excluded.title, focus_area = excluded.focus_area,
         target_group = excluded.target_group, year = excluded.year, summary = excluded.summary,
         body = excluded.body, facts = excluded.facts, shared = excluded.shared,
         updated_by = excluded.updated_by, updated_at = excluded.updated_at
     WHERE library_entries.programme_id = excluded.programme_id
     RETURNING id";

const ENTRY_COLUMNS: &str =
    "SELECT e.id, e.source_id, p.slug, p.name, e.summary, e.shared, e.updated_at, e.facts, '' AS origin
     FROM library_entries e JOIN programmes p ON p.id = e.programme_id";

pub(crate) fn entries_of_programme() -> String {
    format!("{ENTRY_COLUMNS} WHERE e.programme_id = $1 ORDER BY e.updated_at DESC")
}

pub(crate) fn entry_of_source() -> String {
    format!("{ENTRY_COLUMNS} WHERE e.programme_id = $1 AND e.source_id = $2")
}

pub(crate) fn shared_entries() -> String {
    format!("{ENTRY_COLUMNS} WHERE e.shared = TRUE ORDER BY e.updated_at, e.id")
}

/// The search, in two steps so that only the entries answered are read whole: `found`
/// ranks the ids of every match from the index and the filter columns and keeps the
/// best `limit`; then their rows are read, local and (when `elsewhere`) fetched ones.
/// The filters are `$2` outcome, `$3` kind, `$4` focus area, `$5` a target-group
/// pattern, `$6` slug and `$7` year ('' and 0 for none), and `$1` the words when
/// `words` (else `$1` is unused and not bound, and the newest come first). When none
/// is `filtered`, a backend may rank in its index alone (`FullText::ranked`).
pub(crate) fn search(
    full_text: &FullText,
    words: bool,
    filtered: bool,
    elsewhere: bool,
    limit: u32,
) -> String {
    let first = if words { 1 } else { 0 };
    let p = |n: u32| format!("${}", n - 1 + first);
    let filters = |a: &str| {
        format!(
            "({o} = '' OR {a}.outcome = {o}) AND ({k} = '' OR {a}.kind = {k})
             AND ({f} = '' OR {a}.focus_area = {f}) AND ({t} = '' OR {a}.target_group LIKE {t})
             AND ({y} = 0 OR {a}.year = {y})",
            o = p(2),
            k = p(3),
            f = p(4),
            t = p(5),
            y = p(7),
        )
    };
    let s = p(6);
    let local = format!(
        "e.shared = TRUE AND {} AND ({s} = '' OR e.programme_id = (SELECT id FROM programmes WHERE slug = {s}))",
        filters("e")
    );
    // Fetched entries belong to no programme here, so a programme filter leaves them out.
    let fetched = format!("{} AND {s} = ''", filters("r"));
    let fetched = elsewhere.then_some(fetched.as_str());
    let unset = format!(
        "{} = '' AND {} = '' AND {} = '' AND {} = '' AND {s} = '' AND {} = 0",
        p(2),
        p(3),
        p(4),
        p(5),
        p(7)
    );
    let (found, direction) = match full_text.ranked.filter(|_| !filtered) {
        Some(ranked) if words => (ranked(elsewhere, &unset, limit), ""),
        _ if words => ((full_text.found)(&local, fetched), ""),
        _ => (newest(&local, fetched), "DESC"),
    };
    let read_fetched = if elsewhere {
        "UNION ALL
         SELECT r.id, r.remote_id, '', r.programme, r.summary, TRUE, r.updated_at, r.facts,
                r.origin, f.sort_key
         FROM found f JOIN library_remote_entries r ON r.id = f.id"
    } else {
        ""
    };
    format!(
        "WITH found AS MATERIALIZED (
             SELECT id, sort_key FROM ({found}) m ORDER BY sort_key {direction}, id LIMIT {limit})
         SELECT * FROM (
             SELECT e.id AS id, e.source_id, p.slug, p.name, e.summary, e.shared, e.updated_at,
                    e.facts, '' AS origin, f.sort_key AS sort_key
             FROM found f JOIN library_entries e ON e.id = f.id
                  JOIN programmes p ON p.id = e.programme_id
             {read_fetched}
         ) a ORDER BY sort_key {direction}, id"
    )
}

/// The entries meeting the conditions, newest first (the search without words).
fn newest(local: &str, fetched: Option<&str>) -> String {
    let mut sql =
        format!("SELECT e.id, e.updated_at AS sort_key FROM library_entries e WHERE {local}");
    if let Some(fetched) = fetched {
        sql.push_str(&format!(
            " UNION ALL SELECT r.id, r.updated_at FROM library_remote_entries r WHERE {fetched}"
        ));
    }
    sql
}

/// The target-group filter as a `LIKE` pattern: its first word anywhere (a word has only
/// letters and digits, so no `%` or `_` of the caller's), matched against the column,
/// which holds the target group lower-cased in Rust (SQLite's `LOWER` folds only ASCII,
/// and would miss "Østre"; the facts keep it as written).
pub(crate) fn target_pattern(query: &LibraryQuery) -> String {
    samskap_domain::library::model::search_terms(&query.target_group)
        .first()
        .map_or_else(String::new, |w| format!("%{w}%"))
}

pub(crate) const FACET_PROGRAMMES: &str =
    "SELECT DISTINCT p.slug, p.name FROM library_entries e JOIN programmes p ON p.id = e.programme_id
     WHERE e.shared = TRUE ORDER BY p.name";
pub(crate) const FACET_FOCUS_AREAS: &str =
    "SELECT DISTINCT focus_area FROM library_entries WHERE shared = TRUE AND focus_area <> ''
     ORDER BY focus_area";
pub(crate) const FACET_YEARS: &str =
    "SELECT DISTINCT year FROM library_entries WHERE shared = TRUE ORDER BY year DESC";

pub(crate) const SUBSCRIPTIONS: &str =
    "SELECT f.id, f.url, f.added_by, f.added_at, f.fetched_at, f.problem,
            (SELECT COUNT(*) FROM library_remote_entries r WHERE r.feed_id = f.id) AS entries
     FROM library_feeds f WHERE f.programme_id = $1 ORDER BY f.added_at, f.id";

/// Locks the programme's row (a write that changes nothing), so concurrent subscriptions
/// of one programme are counted one by one.
pub(crate) const LOCK_PROGRAMME: &str =
    "UPDATE programmes SET name = name WHERE id = $1 RETURNING id";

/// Adds the feed while the programme has fewer than `$6`.
pub(crate) const INSERT_FEED: &str =
    "INSERT INTO library_feeds (id, programme_id, url, added_by, added_at, fetched_at, problem)
     SELECT $1, $2, $3, $4, $5, $5, ''
     WHERE (SELECT COUNT(*) FROM library_feeds WHERE programme_id = $2) < $6";

pub(crate) const URL_OF_FEED: &str =
    "SELECT url FROM library_feeds WHERE id = $1 AND programme_id = $2";

pub(crate) const FETCH_SUCCEEDED: &str =
    "UPDATE library_feeds SET fetched_at = $3, problem = '' WHERE id = $1 AND programme_id = $2";

pub(crate) const FETCH_FAILED: &str =
    "UPDATE library_feeds SET problem = $3 WHERE id = $1 AND programme_id = $2";

pub(crate) const DROP_FETCHED: &str = "DELETE FROM library_remote_entries WHERE feed_id = $1";

pub(crate) const DELETE_FEED: &str =
    "DELETE FROM library_feeds WHERE id = $1 AND programme_id = $2";

pub(crate) const ALL_FEEDS: &str =
    "SELECT programme_id, id, url FROM library_feeds ORDER BY added_at, id";

/// Fetched entries, their values after it (`QueryBuilder::push_values`).
pub(crate) const INSERT_FETCHED: &str =
    "INSERT INTO library_remote_entries (id, feed_id, remote_id, origin, programme, kind, outcome,
         title, focus_area, target_group, year, summary, body, facts, updated_at) ";

#[derive(sqlx::FromRow)]
pub(crate) struct SubscriptionRow {
    id: Uuid,
    url: String,
    added_by: String,
    added_at: chrono::DateTime<chrono::Utc>,
    fetched_at: Option<chrono::DateTime<chrono::Utc>>,
    problem: String,
    entries: i64,
}

impl SubscriptionRow {
    pub(crate) fn into_subscription(self) -> Subscription {
        Subscription {
            id: self.id,
            url: self.url,
            added_by: self.added_by,
            added_at: self.added_at,
            fetched_at: self.fetched_at,
            entries: self.entries.max(0) as u32,
            problem: FeedProblem::from_code(&self.problem),
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct EntryRow {
    id: Uuid,
    source_id: Uuid,
    slug: String,
    name: String,
    summary: String,
    shared: bool,
    updated_at: chrono::DateTime<chrono::Utc>,
    facts: String,
    origin: String,
}

impl EntryRow {
    pub(crate) fn into_entry(self) -> Result<LibraryEntry, StoreError> {
        Ok(LibraryEntry {
            id: self.id,
            source_id: self.source_id,
            programme_slug: self.slug,
            programme_name: self.name,
            summary: self.summary,
            shared: self.shared,
            updated_at: self.updated_at,
            origin: self.origin,
            facts: serde_json::from_str(&self.facts)
                .map_err(|e| StoreError::Backend(format!("library entry {}: {e}", self.id)))?,
        })
    }
}

pub(crate) fn facts_json(facts: &EntryFacts) -> Result<String, StoreError> {
    serde_json::to_string(facts).map_err(|e| StoreError::Backend(format!("library entry: {e}")))
}
