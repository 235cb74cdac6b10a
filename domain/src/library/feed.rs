//! The open feed of shared library entries (`samskap-library/1`): the JSON document
//! another installation reads, and the flat entry its CSV has one row of. Documented in
//! `docs/API.md`; a field is only ever added, and a change that breaks a reader gets a
//! new schema version.
use super::model::{
    Breakdown, EntryKind, EntryOutcome, LibraryEntry, FEED_SCHEMA, LICENCE, LICENCE_URL,
};
use crate::inclusion::model::Count;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;

/// The whole feed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Feed {
    /// `samskap-library/1`.
    pub schema: String,
    pub licence: String,
    pub licence_url: String,
    pub generated_at: DateTime<Utc>,
    pub entries: Vec<FeedEntry>,
}

/// One shared entry, flat: counts under five are `null` ("fewer than five"), and so is
/// the mean rating of fewer than five answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeedEntry {
    /// Stable for as long as the entry exists.
    pub id: Uuid,
    pub licence: String,
    pub updated_at: DateTime<Utc>,
    pub programme: String,
    pub programme_slug: String,
    pub kind: EntryKind,
    pub outcome: EntryOutcome,
    pub title: String,
    pub summary: String,
    pub question: String,
    pub description: String,
    pub assumption: String,
    pub reason: String,
    pub learning: String,
    pub results: String,
    pub focus_area: String,
    pub target_group: String,
    pub year: i32,
    pub decided_on: NaiveDate,
    pub versions: u32,
    pub insights: u32,
    pub rounds: u32,
    pub answers: Option<u32>,
    pub mean_rating: Option<f64>,
    pub participants: Option<u32>,
    pub youth: Option<u32>,
    pub cost_nok: Option<i64>,
    /// The participants by the age band they gave (`under_16`, `16_19`, `20_34`,
    /// `35_66`, `over_66`, `not_said`) and by role (`resident`, `youth`, `staff`,
    /// `organisation`, `business`, `other`, `not_said`). Added to version 1; a feed
    /// without them reads as saying nothing.
    #[serde(default)]
    pub age_bands: FeedBreakdown,
    #[serde(default)]
    pub roles: FeedBreakdown,
}

/// Groups of at least five by code, and everyone else together (`null`: under five).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedBreakdown {
    pub groups: BTreeMap<String, u32>,
    pub others: Option<u32>,
}

impl Default for FeedBreakdown {
    fn default() -> Self {
        FeedBreakdown {
            groups: BTreeMap::new(),
            others: Some(0),
        }
    }
}

impl FeedBreakdown {
    pub fn of(b: &Breakdown) -> FeedBreakdown {
        FeedBreakdown {
            groups: b.groups.iter().cloned().collect(),
            others: b.others.exact(),
        }
    }

    /// Back as a breakdown; a group under five (which a well-made feed never names) is
    /// counted with the others.
    pub fn breakdown(&self) -> Breakdown {
        let mut b = Breakdown::of(self.groups.iter().map(|(g, n)| (g.clone(), *n)));
        let others = match (b.others, self.others) {
            (Count::Exact(a), Some(n)) => Count::of(a.saturating_add(n)),
            _ => Count::Few,
        };
        b.others = others;
        b
    }

    /// As one CSV cell: `20_34=9;16_19=7;others=<5`.
    pub fn cell(&self) -> String {
        let others = self.others.map_or(Count::Few, Count::Exact);
        self.groups
            .iter()
            .map(|(g, n)| format!("{g}={n}"))
            .chain((others != Count::Exact(0)).then(|| format!("others={}", others.shown())))
            .collect::<Vec<_>>()
            .join(";")
    }
}

/// The CSV's header, in the order of [`FeedEntry::cells`].
pub const CSV_COLUMNS: [&str; 29] = [
    "id",
    "licence",
    "updated_at",
    "programme",
    "programme_slug",
    "kind",
    "outcome",
    "title",
    "summary",
    "question",
    "description",
    "assumption",
    "reason",
    "learning",
    "results",
    "focus_area",
    "target_group",
    "year",
    "decided_on",
    "versions",
    "insights",
    "rounds",
    "answers",
    "mean_rating",
    "participants",
    "youth",
    "cost_nok",
    "age_bands",
    "roles",
];

impl Feed {
    /// The feed of `entries` (the shared ones), generated `now`.
    pub fn of(entries: &[LibraryEntry], now: DateTime<Utc>) -> Feed {
        Feed {
            schema: FEED_SCHEMA.into(),
            licence: LICENCE.into(),
            licence_url: LICENCE_URL.into(),
            generated_at: now,
            entries: entries.iter().map(FeedEntry::of).collect(),
        }
    }
}

impl FeedEntry {
    pub fn of(e: &LibraryEntry) -> FeedEntry {
        let f = &e.facts;
        FeedEntry {
            id: e.id,
            licence: LICENCE.into(),
            updated_at: e.updated_at,
            programme: e.programme_name.clone(),
            programme_slug: e.programme_slug.clone(),
            kind: f.kind,
            outcome: f.outcome,
            title: f.title.clone(),
            summary: e.summary.clone(),
            question: f.question.clone(),
            description: f.description.clone(),
            assumption: f.assumption.clone(),
            reason: f.reason.clone(),
            learning: f.learning.clone(),
            results: f.results.clone(),
            focus_area: f.focus_area.clone(),
            target_group: f.target_group.clone(),
            year: f.year,
            decided_on: f.decided_on,
            versions: f.versions,
            insights: f.insights,
            rounds: f.rounds,
            answers: f.answers.exact(),
            mean_rating: f.mean_rating,
            participants: f.participants.exact(),
            youth: f.youth.exact(),
            cost_nok: f.cost_nok,
            age_bands: FeedBreakdown::of(&f.age_bands),
            roles: FeedBreakdown::of(&f.roles),
        }
    }

    /// The entry's CSV cells, in the order of [`CSV_COLUMNS`].
    pub fn cells(&self) -> Vec<String> {
        let opt = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
        vec![
            self.id.to_string(),
            self.licence.clone(),
            self.updated_at.to_rfc3339(),
            self.programme.clone(),
            self.programme_slug.clone(),
            self.kind.as_str().into(),
            self.outcome.as_str().into(),
            self.title.clone(),
            self.summary.clone(),
            self.question.clone(),
            self.description.clone(),
            self.assumption.clone(),
            self.reason.clone(),
            self.learning.clone(),
            self.results.clone(),
            self.focus_area.clone(),
            self.target_group.clone(),
            self.year.to_string(),
            self.decided_on.to_string(),
            self.versions.to_string(),
            self.insights.to_string(),
            self.rounds.to_string(),
            opt(self.answers),
            self.mean_rating
                .map(|r| format!("{r:.1}"))
                .unwrap_or_default(),
            opt(self.participants),
            opt(self.youth),
            self.cost_nok.map(|n| n.to_string()).unwrap_or_default(),
            self.age_bands.cell(),
            self.roles.cell(),
        ]
    }
}
