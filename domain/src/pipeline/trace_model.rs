//! The evidence chain's shape: insights → idea (or theme) → versions with their rounds
//! and decisions, and the measures the chains became.
use super::model::{Decision, Prototype, RoundSummary};
use crate::workshop::model::Card;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One chain: insights → idea (or theme) → versions with rounds and decisions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chain {
    /// Unique on the page (ids in the picture derive from it).
    pub key: String,
    pub insights: Vec<Card>,
    pub idea: Option<Card>,
    pub theme: Option<String>,
    pub versions: Vec<VersionTrace>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VersionTrace {
    pub prototype: Prototype,
    pub rounds: Vec<RoundSummary>,
    pub decision: Option<Decision>,
}

/// Every chain through a card or a prototype.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Trace {
    /// What the trace starts from: a card's text or a prototype's title.
    pub subject: String,
    pub chains: Vec<Chain>,
    /// The measures the chains became.
    pub measures: Vec<crate::plan::model::Measure>,
    /// Ideas of the chains the caller may promote directly (no prototype, no measure).
    pub promotable: Vec<(Uuid, String)>,
    /// The slug of the programme it is in, for links to the programme's pages.
    pub programme_slug: String,
}
