//! The learning library: what a programme learnt from a decided prototype or a finished
//! measure, written up by its staff and shared with other programmes, other
//! installations (the open feed) and the public. An entry is a snapshot taken when the
//! staff save it, so what was published does not change behind a reader's back.
use crate::inclusion::model::Count;
use crate::workshop::model::named_enum;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The feed's schema name and version; a change that breaks a reader gets a new version.
pub const FEED_SCHEMA: &str = "samskap-library/1";
/// The licence shared entries are published under: the Norwegian licence for open
/// government data, which asks only for the source to be named.
pub const LICENCE: &str = "NLOD-2.0";
/// Where the licence is written out.
pub const LICENCE_URL: &str = "https://data.norge.no/nlod/no/2.0";
/// Longest summary, in characters.
pub const MAX_SUMMARY: usize = 2000;
/// Most search words read from a query; the rest are ignored.
pub const MAX_SEARCH_TERMS: usize = 8;
/// Longest search word, in characters.
pub const MAX_SEARCH_TERM: usize = 40;
/// Most entries one search answers with.
pub const SEARCH_LIMIT: u32 = 50;

named_enum!(
    /// What an entry was learnt from.
    EntryKind { Prototype = "prototype", Measure = "measure" }
);

named_enum!(
    /// How it ended: a prototype went on to the plan or was dropped; a measure was
    /// completed or dropped (before or after adoption).
    EntryOutcome { Proceeded = "proceeded", Dropped = "dropped", Completed = "completed" }
);

/// What the programme recorded about the thing an entry is learnt from, gathered when
/// the entry is saved. Only staff-written text: residents' cards are counted, not
/// quoted, since the feed is published to anyone; the summary is where staff quote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntryFacts {
    pub kind: EntryKind,
    pub outcome: EntryOutcome,
    pub title: String,
    /// The board's "Hvordan kan vi …" question the idea answered, if known.
    pub question: String,
    /// What it is (a prototype's description, a measure's *what*).
    pub description: String,
    /// What the prototype was meant to test.
    pub assumption: String,
    /// Why it was decided so (a decision's reason, a measure's drop reason).
    pub reason: String,
    /// What the team learnt (the decision's learning, and each version's).
    pub learning: String,
    pub versions: u32,
    pub insights: u32,
    pub rounds: u32,
    /// Test answers over every round, and their mean rating (1–5); under five answers
    /// only "few" and no rating, since one tester's rating would be theirs alone.
    pub answers: Count,
    pub mean_rating: Option<f64>,
    /// Distinct residents behind it (cards and answers), and how many were young;
    /// small counts only as "few".
    pub participants: Count,
    pub youth: Count,
    /// The same residents by the age band they gave, and by their role.
    #[serde(default)]
    pub age_bands: Breakdown,
    #[serde(default)]
    pub roles: Breakdown,
    /// The target groups its rounds were tested with, or the measure's.
    pub target_group: String,
    pub focus_area: String,
    /// A measure's cost estimate in whole kroner.
    pub cost_nok: Option<i64>,
    /// A measure's expected result and its latest progress note.
    pub results: String,
    /// The programme year it was decided or planned in.
    pub year: i32,
    pub decided_on: NaiveDate,
}

/// A saved entry: the facts, the staff's summary and whether it is shared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LibraryEntry {
    /// Stable: the same id in every feed, for as long as the entry exists.
    pub id: Uuid,
    /// The prototype lineage (its first version's id) or the measure it is learnt from.
    pub source_id: Uuid,
    pub programme_slug: String,
    pub programme_name: String,
    pub summary: String,
    pub shared: bool,
    pub updated_at: DateTime<Utc>,
    /// For an entry fetched from another installation, that installation's host; empty
    /// for this installation's own.
    #[serde(default)]
    pub origin: String,
    pub facts: EntryFacts,
}

/// What a search asks for; every filter is optional and they all apply together.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LibraryQuery {
    /// Words to find in the entries' text (see [`search_terms`]).
    pub text: String,
    pub outcome: Option<EntryOutcome>,
    pub kind: Option<EntryKind>,
    /// Exact focus area name (names differ between programmes).
    pub focus_area: String,
    /// Words to find in the target group.
    pub target_group: String,
    /// A programme's slug.
    pub programme: String,
    pub year: Option<i32>,
    /// Whether entries fetched from other installations are searched too (staff only:
    /// they are not this installation's to publish).
    pub elsewhere: bool,
}

/// The values the filters can take among the shared entries.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LibraryFacets {
    /// (slug, name) of each programme with a shared entry.
    pub programmes: Vec<(String, String)>,
    pub focus_areas: Vec<String>,
    pub years: Vec<i32>,
}

/// The words of a search, lowercased, letters and digits only (so neither backend's
/// query syntax can be reached through them), at most [`MAX_SEARCH_TERMS`] of at most
/// [`MAX_SEARCH_TERM`] characters.
pub fn search_terms(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            w.chars()
                .take(MAX_SEARCH_TERM)
                .collect::<String>()
                .to_lowercase()
        })
        .take(MAX_SEARCH_TERMS)
        .collect()
}

/// Who took part, by group (an age band's or a role's code, or [`NOT_SAID`]): only
/// groups of at least five are named, and the rest are counted together in `others`,
/// which is never 1–4 while a group is named (else the smallest named group joins it),
/// so that taking the named groups from the total gives no count under five either.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Breakdown {
    pub groups: Vec<(String, u32)>,
    pub others: Count,
}

/// The group of those who did not say.
pub const NOT_SAID: &str = "not_said";

impl Default for Breakdown {
    fn default() -> Self {
        Breakdown {
            groups: Vec::new(),
            others: Count::Exact(0),
        }
    }
}

/// The age bands that count as young (with the youth role: `inclusion::model::is_youth`).
pub const YOUNG_BANDS: [&str; 2] = ["under_16", "16_19"];
/// The role that counts as young.
pub const YOUNG_ROLES: [&str; 1] = ["youth"];

impl Breakdown {
    /// From each group's count (groups of none are left out), largest first.
    pub fn of(counts: impl IntoIterator<Item = (String, u32)>) -> Breakdown {
        Breakdown::beside(counts, None, &[])
    }

    /// As [`Breakdown::of`], published beside an exact count of the young (`youth`),
    /// whom the groups `young` are part of: while the young outside the named young
    /// groups would be 1–4, those groups are not named either.
    pub fn beside(
        counts: impl IntoIterator<Item = (String, u32)>,
        youth: Option<u32>,
        young: &[&str],
    ) -> Breakdown {
        use crate::inclusion::model::SMALLEST_SHOWN;
        let small = |n: u32| (1..SMALLEST_SHOWN).contains(&n);
        let (mut named, rest): (Vec<_>, Vec<_>) = counts
            .into_iter()
            .filter(|(_, n)| *n > 0)
            .partition(|(_, n)| *n >= SMALLEST_SHOWN);
        let mut others: u32 = rest.iter().map(|(_, n)| n).sum();
        named.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        loop {
            let named_young: u32 = named
                .iter()
                .filter(|(g, _)| young.contains(&g.as_str()))
                .map(|(_, n)| n)
                .sum();
            // Only while a young group is named: with none named there is nothing
            // left to take out (and a few young, if a caller passed them, stay few).
            if named_young > 0 && youth.is_some_and(|y| small(y.saturating_sub(named_young))) {
                let (young_groups, kept): (Vec<_>, Vec<_>) = named
                    .into_iter()
                    .partition(|(g, _)| young.contains(&g.as_str()));
                others += young_groups.iter().map(|(_, n)| n).sum::<u32>();
                named = kept;
            } else if small(others) && !named.is_empty() {
                others += named.pop().map_or(0, |(_, n)| n);
            } else {
                break;
            }
        }
        Breakdown {
            groups: named,
            others: Count::of(others),
        }
    }

    /// Whether it says nothing (no one counted, or an entry from before it was kept).
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty() && self.others == Count::Exact(0)
    }
}

impl EntryFacts {
    /// Everything searchable, as one text: the summary comes first from the caller.
    pub fn searchable(&self, summary: &str) -> String {
        [
            summary,
            &self.question,
            &self.description,
            &self.assumption,
            &self.reason,
            &self.learning,
            &self.target_group,
            &self.focus_area,
            &self.results,
        ]
        .iter()
        .filter(|t| !t.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_terms_keep_words_and_drop_syntax() {
        assert_eq!(
            search_terms("Ungdom* OR \"lys\" -NEAR(park) æøå"),
            vec!["ungdom", "or", "lys", "near", "park", "æøå"]
        );
        assert!(search_terms("  \"*:&|!() ").is_empty());
        assert_eq!(search_terms(&"a ".repeat(20)).len(), MAX_SEARCH_TERMS);
        assert_eq!(search_terms(&"x".repeat(100))[0].len(), MAX_SEARCH_TERM);
    }
}

#[cfg(test)]
mod breakdown_tests {
    use super::*;

    fn counts(c: &[(&str, u32)]) -> Vec<(String, u32)> {
        c.iter().map(|(g, n)| (g.to_string(), *n)).collect()
    }

    #[test]
    fn small_groups_are_only_counted_together() {
        // The two under sixteen would be the total less the named: the smallest named
        // group joins them.
        let b = Breakdown::of(counts(&[
            ("16_19", 7),
            ("under_16", 2),
            ("over_66", 0),
            ("20_34", 9),
        ]));
        assert_eq!(b.groups, counts(&[("20_34", 9)]));
        assert_eq!(b.others, Count::Exact(9));
        let two_small = Breakdown::of(counts(&[("a", 3), ("b", 4)]));
        assert!(two_small.groups.is_empty());
        assert_eq!(two_small.others, Count::Exact(7));
        let one_small = Breakdown::of(counts(&[("a", 5), ("b", 1)]));
        assert!(one_small.groups.is_empty(), "the one would be 6 - 5");
        assert_eq!(one_small.others, Count::Exact(6));
        assert!(Breakdown::of(counts(&[("a", 0)])).is_empty());
        let clean = Breakdown::of(counts(&[("a", 5), ("b", 6), ("c", 5)]));
        assert_eq!(clean.groups.len(), 3);
        assert_eq!(clean.others, Count::Exact(0));
    }

    #[test]
    fn the_young_outside_named_groups_are_never_few() {
        // Fourteen took part, seven young; 16–19 named with five would leave two young
        // under sixteen to be worked out from the youth count.
        let bands = counts(&[("20_34", 7), ("16_19", 5), ("under_16", 2)]);
        let b = Breakdown::beside(bands.clone(), Some(7), &YOUNG_BANDS);
        assert_eq!(b.groups, counts(&[("20_34", 7)]));
        assert_eq!(b.others, Count::Exact(7));
        // With the youth count few (not exact), nothing is to be worked out from it.
        let b = Breakdown::beside(bands, None, &YOUNG_BANDS);
        assert_eq!(b.groups, counts(&[("20_34", 7)]), "the 2 join the smallest");
        // A youth count of a few (a caller's mistake) still ends, the three only with
        // the others.
        let b = Breakdown::beside(
            counts(&[("20_34", 6), ("under_16", 3)]),
            Some(3),
            &YOUNG_BANDS,
        );
        assert!(b.groups.is_empty());
        assert_eq!(b.others, Count::Exact(9));
        // Every young person in a named group: named.
        let b = Breakdown::beside(
            counts(&[("youth", 6), ("resident", 5)]),
            Some(6),
            &YOUNG_ROLES,
        );
        assert_eq!(b.groups.len(), 2);
    }
}
