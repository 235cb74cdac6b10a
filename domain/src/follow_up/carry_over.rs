//! The year-end carry-over: once a programme year is over, its unspent grant (the grant
//! in its adopted measures' budgets and what was carried into it, less what was spent
//! from either) is offered as *overført fra året før* in the next year's plan, where
//! the lead confirms it; the next plan's frame grows by it.
use crate::follow_up::model::{is_followed_up, FundingSource, Spending};
use crate::plan::model::Measure;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// An amount carried into a plan year, as the lead confirmed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CarryOver {
    /// The plan year it is carried into.
    pub year: i32,
    pub amount_nok: i64,
    pub confirmed_by: String,
    pub confirmed_at: DateTime<Utc>,
}

/// A year's grant at its end and what may be carried into the next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CarryOffer {
    pub year: i32,
    /// The grant column of the year's followed-up measures.
    pub granted: i64,
    /// What was carried into the year, if confirmed.
    pub carried_in: i64,
    /// Spending dated in the year from the grant or from what was carried over.
    pub spent: i64,
    /// `granted + carried_in - spent`, never below zero.
    pub unspent: i64,
    /// Whether the year is over (the offer can be confirmed from 1 January).
    pub ended: bool,
    /// The programme's last year: nothing is carried out of it.
    pub last: bool,
    /// The confirmed carry-over into the next year, if any.
    pub confirmed: Option<CarryOver>,
    pub can_confirm: bool,
}

/// The year's unspent grant from its measures and the ledger.
pub fn unspent(
    year: i32,
    measures: &[Measure],
    ledger: &[Spending],
    carried_in: i64,
) -> (i64, i64, i64) {
    let granted: i64 = measures
        .iter()
        .filter(|m| m.fields.year == year && is_followed_up(m.status, m.stopped))
        .map(|m| m.fields.funding.grant)
        .sum();
    let grant_money = [FundingSource::Grant, FundingSource::CarriedOver];
    let spent: i64 = ledger
        .iter()
        .filter(|e| chrono::Datelike::year(&e.spent_on) == year && grant_money.contains(&e.source))
        .map(|e| e.amount_nok)
        .sum();
    (granted, spent, (granted + carried_in - spent).max(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_below_zero_is_carried() {
        assert_eq!(unspent(2025, &[], &[], 0), (0, 0, 0));
        assert_eq!(unspent(2025, &[], &[], 5_000), (0, 0, 5_000));
    }
}
