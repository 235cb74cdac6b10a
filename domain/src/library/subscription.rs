//! Subscriptions to other installations' library feeds: what a feed may be, why one is
//! refused, and how a fetched document is checked before any of it is kept. The HTTP
//! part (timeouts, size, addresses) is the server's (`server/src/feed_client.rs`).
use super::feed::{Feed, FeedEntry};
use super::model::{EntryFacts, LibraryEntry, FEED_SCHEMA};
use crate::inclusion::model::Count;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Longest feed address, in characters.
pub const MAX_FEED_URL: usize = 500;
/// Largest feed document read, in bytes; a bigger one is refused whole.
pub const MAX_FEED_BYTES: usize = 5 * 1024 * 1024;
/// Most entries one feed may carry.
pub const MAX_FEED_ENTRIES: usize = 5000;
/// How long one fetch may take, connecting and reading, in seconds.
pub const FEED_TIMEOUT_SECS: u64 = 10;
/// Most feeds one programme subscribes to.
pub const MAX_FEEDS_PER_PROGRAMME: usize = 20;
/// Longest title, and longest other text, of a fetched entry, in characters.
const MAX_REMOTE_TITLE: usize = 300;
const MAX_REMOTE_TEXT: usize = 10_000;
/// At most this many groups in a fetched entry's breakdown by age band or role, each
/// code at most this long (ours have six and seven, of up to twelve characters).
const MAX_REMOTE_GROUPS: usize = 12;
const MAX_REMOTE_GROUP_CODE: usize = 24;

/// Why a feed was refused: shown to the lead, translated, and kept beside the
/// subscription when a scheduled fetch fails (the entries fetched before stay).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeedProblem {
    /// Not an `http` or `https` address, or too long.
    InvalidAddress,
    /// An address inside this network (loopback, private, link-local), which the
    /// installation does not fetch from unless its operator allows it.
    PrivateAddress,
    /// No answer: the name does not resolve, or nothing listens.
    Unreachable,
    /// No complete answer within the time allowed.
    TimedOut,
    /// An answer other than 200 (a redirect included).
    BadStatus(u16),
    /// Larger than the installation reads.
    TooLarge,
    /// Not a feed document: not JSON, or fields missing or of the wrong kind.
    Malformed,
    /// A feed of another schema or version.
    WrongSchema,
    /// More entries than a feed may carry, or an entry with text longer than allowed.
    TooMany,
}

impl FeedProblem {
    /// As kept in the database.
    pub fn code(self) -> String {
        serde_json::to_string(&self).unwrap_or_default()
    }

    /// From the database; `None` for no problem (an empty code) or an unknown one.
    pub fn from_code(code: &str) -> Option<FeedProblem> {
        serde_json::from_str(code).ok()
    }
}

/// A programme's subscription, as its staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subscription {
    pub id: Uuid,
    pub url: String,
    pub added_by: String,
    pub added_at: DateTime<Utc>,
    /// The last fetch that succeeded, and how many entries it brought.
    pub fetched_at: Option<DateTime<Utc>>,
    pub entries: u32,
    /// Why the last try failed, if it did.
    pub problem: Option<FeedProblem>,
}

/// The host (and port) of a feed address, shown beside the entries fetched from it.
pub fn origin_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.split(['/', '?', '#'])
        .next()
        .unwrap_or_default()
        .to_string()
}

/// A fetched document, checked: the schema, the number of entries and the length of
/// every text. Nothing of a refused document is kept.
pub fn parse_feed(bytes: &[u8]) -> Result<Feed, FeedProblem> {
    if bytes.len() > MAX_FEED_BYTES {
        return Err(FeedProblem::TooLarge);
    }
    #[derive(Deserialize)]
    struct Head {
        schema: String,
    }
    let head: Head = serde_json::from_slice(bytes).map_err(|_| FeedProblem::Malformed)?;
    if head.schema != FEED_SCHEMA {
        return Err(FeedProblem::WrongSchema);
    }
    let feed: Feed = serde_json::from_slice(bytes).map_err(|_| FeedProblem::Malformed)?;
    if feed.entries.len() > MAX_FEED_ENTRIES || !feed.entries.iter().all(fits) {
        return Err(FeedProblem::TooMany);
    }
    let mut ids: Vec<Uuid> = feed.entries.iter().map(|e| e.id).collect();
    ids.sort_unstable();
    if ids.windows(2).any(|w| w[0] == w[1]) {
        // Ids are stable and unique in a feed; repeated ones are not a feed of ours.
        return Err(FeedProblem::Malformed);
    }
    Ok(feed)
}

fn fits(e: &FeedEntry) -> bool {
    let short = [&e.title, &e.programme, &e.programme_slug, &e.licence];
    let long = [
        &e.summary,
        &e.question,
        &e.description,
        &e.assumption,
        &e.reason,
        &e.learning,
        &e.results,
        &e.focus_area,
        &e.target_group,
    ];
    let groups = |b: &super::feed::FeedBreakdown| {
        b.groups.len() <= MAX_REMOTE_GROUPS
            && b.groups
                .keys()
                .all(|g| g.chars().count() <= MAX_REMOTE_GROUP_CODE)
    };
    short.iter().all(|t| t.chars().count() <= MAX_REMOTE_TITLE)
        && long.iter().all(|t| t.chars().count() <= MAX_REMOTE_TEXT)
        && groups(&e.age_bands)
        && groups(&e.roles)
}

/// A fetched entry as the library shows it: from `origin` (the feed's host), with its
/// summary and facts as its installation published them.
pub fn remote_entry(e: &FeedEntry, origin: &str) -> LibraryEntry {
    let count = |n: Option<u32>| n.map_or(Count::Few, Count::of);
    LibraryEntry {
        id: e.id,
        source_id: e.id,
        programme_slug: String::new(),
        programme_name: e.programme.clone(),
        summary: e.summary.clone(),
        shared: true,
        updated_at: e.updated_at,
        origin: origin.to_string(),
        facts: EntryFacts {
            kind: e.kind,
            outcome: e.outcome,
            title: e.title.clone(),
            question: e.question.clone(),
            description: e.description.clone(),
            assumption: e.assumption.clone(),
            reason: e.reason.clone(),
            learning: e.learning.clone(),
            versions: e.versions,
            insights: e.insights,
            rounds: e.rounds,
            answers: count(e.answers),
            mean_rating: e.answers.and(e.mean_rating),
            participants: count(e.participants),
            youth: count(e.youth),
            age_bands: e.age_bands.breakdown(),
            roles: e.roles.breakdown(),
            target_group: e.target_group.clone(),
            focus_area: e.focus_area.clone(),
            cost_nok: e.cost_nok,
            results: e.results.clone(),
            year: e.year,
            decided_on: e.decided_on,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_feed_is_checked_before_it_is_kept() {
        let empty = format!(
            r#"{{"schema":"{FEED_SCHEMA}","licence":"NLOD-2.0","licence_url":"x","generated_at":"2026-01-01T00:00:00Z","entries":[]}}"#
        );
        assert!(parse_feed(empty.as_bytes()).unwrap().entries.is_empty());
        assert_eq!(parse_feed(b"<html>"), Err(FeedProblem::Malformed));
        assert_eq!(
            parse_feed(br#"{"schema":"samskap-library/2"}"#),
            Err(FeedProblem::WrongSchema)
        );
        assert_eq!(
            parse_feed(format!(r#"{{"schema":"{FEED_SCHEMA}"}}"#).as_bytes()),
            Err(FeedProblem::Malformed)
        );
        assert_eq!(
            parse_feed(&vec![b' '; MAX_FEED_BYTES + 1]),
            Err(FeedProblem::TooLarge)
        );
        assert_eq!(
            FeedProblem::from_code(&FeedProblem::BadStatus(404).code()),
            Some(FeedProblem::BadStatus(404))
        );
        assert_eq!(FeedProblem::from_code(""), None);
    }

    #[test]
    fn a_fetched_entry_is_bounded() {
        let entry = |groups: serde_json::Value| -> FeedEntry {
            serde_json::from_value(serde_json::json!({
                "id": "6f1c1e6e-8a8e-4a53-9a51-0b7c7c0a2f10", "licence": "NLOD-2.0",
                "updated_at": "2026-01-01T00:00:00Z", "programme": "P", "programme_slug": "p",
                "kind": "prototype", "outcome": "dropped", "title": "T", "summary": "",
                "question": "", "description": "", "assumption": "", "reason": "",
                "learning": "", "results": "", "focus_area": "", "target_group": "",
                "year": 2026, "decided_on": "2026-01-01", "versions": 1, "insights": 0,
                "rounds": 1, "answers": null, "mean_rating": null, "participants": null,
                "youth": null, "cost_nok": null,
                "age_bands": {"groups": groups, "others": 0}
            }))
            .unwrap()
        };
        let many: serde_json::Map<String, serde_json::Value> = (0..=MAX_REMOTE_GROUPS)
            .map(|i| (format!("g{i}"), serde_json::json!(5)))
            .collect();
        assert!(fits(&entry(serde_json::json!({"16_19": 5}))));
        assert!(!fits(&entry(serde_json::Value::Object(many))));
        let long = "x".repeat(MAX_REMOTE_GROUP_CODE + 1);
        assert!(!fits(&entry(serde_json::json!({ long: 5 }))));
    }
}
