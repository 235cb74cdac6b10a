//! The year-end carry-over: once a programme year is over, its unspent grant (the grant
//! in its adopted measures' budgets and what was carried into it, less what was spent
//! from either) is offered as *overført fra året før* in the next year's plan, where
//! the lead confirms it; the next plan's frame grows by it.
use super::model::{is_followed_up, FundingSource, Spending};
use crate::error::{AppError, ErrorAlert};
use crate::i18n::*;
use crate::plan::document::nok;
use crate::plan::model::Measure;
use crate::ui::refresh::last_error;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
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

/// The year's grant and, but for the programme's last year, its carry-over.
#[cfg(feature = "ssr")]
pub async fn offer(
    store: &dyn crate::server::store::Store,
    programme: &crate::programme::model::Programme,
    year: i32,
    measures: &[Measure],
    can_confirm: bool,
) -> Result<Option<CarryOffer>, AppError> {
    if !(programme.fields.start_year..=programme.fields.end_year).contains(&year) {
        return Ok(None);
    }
    let last = year == programme.fields.end_year;
    let ledger = store.spending_ledger(programme.id).await?;
    let carried_in = store
        .carry_over(programme.id, year)
        .await?
        .map_or(0, |c| c.amount_nok);
    let (granted, spent, unspent) = unspent(year, measures, &ledger, carried_in);
    let ended = crate::ui::time::oslo_today() > last_day(year);
    Ok(Some(CarryOffer {
        year,
        granted,
        carried_in,
        spent,
        unspent,
        ended,
        last,
        confirmed: store.carry_over(programme.id, year + 1).await?,
        can_confirm: can_confirm && ended && !last,
    }))
}

#[cfg(feature = "ssr")]
fn last_day(year: i32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(chrono::NaiveDate::MAX)
}

/// Carries `year`'s unspent grant, as computed now, into the next year's plan as
/// *overført fra året før*; the lead. Confirming again replaces the amount. Returns it.
/// `YearNotOver` before 1 January of the next year; `NotFound` when the next year is
/// not the programme's.
#[server(endpoint = "plans/carry-over")]
pub async fn confirm_carry_over(year: i32) -> Result<i64, AppError> {
    let (store, actor) = crate::plan::access::adopter().await?;
    let programme = crate::plan::access::programme(store.as_ref()).await?;
    if !(programme.fields.start_year..programme.fields.end_year).contains(&year) {
        return Err(AppError::NotFound);
    }
    let measures = store.measures(programme.id).await?;
    let offer = offer(store.as_ref(), &programme, year, &measures, true)
        .await?
        .filter(|o| !o.last)
        .ok_or(AppError::NotFound)?;
    if !offer.ended {
        return Err(AppError::YearNotOver);
    }
    store
        .confirm_carry_over(programme.id, year + 1, offer.unspent, &actor)
        .await?;
    Ok(offer.unspent)
}

/// The year's grant at its end and, for the lead once the year is over, the button that
/// carries what is left into the next year's plan.
#[component]
pub fn CarryOverSection(offer: CarryOffer) -> impl IntoView {
    let i18n = use_i18n();
    let (year, next) = (offer.year, offer.year + 1);
    let confirmed = offer.confirmed.clone().map(|c| {
        let text = t_string!(
            i18n,
            follow.carry_confirmed,
            amount = nok(c.amount_nok),
            year = c.year,
            by = c.confirmed_by.clone(),
            at = crate::ui::time::oslo(c.confirmed_at)
        )
        .to_string();
        // The ledger of the year changed after the lead confirmed (an invoice dated
        // in it typed in later): say so, and the button confirms the new figure.
        let changed = (c.amount_nok != offer.unspent).then(|| {
            let text = t_string!(
                i18n,
                follow.carry_changed,
                unspent = nok(offer.unspent),
                confirmed = nok(c.amount_nok)
            )
            .to_string();
            view! { <p class="warning" role="note">{text}</p> }
        });
        view! { <p class="notice" role="note">{text}</p> {changed} }
    });
    let form = offer
        .can_confirm
        .then(|| view! { <ConfirmForm year unspent=offer.unspent /> });
    let not_over = (!offer.ended && !offer.last)
        .then(|| view! { <p class="hint">{t!(i18n, follow.carry_not_over)}</p> });
    let caption = if offer.last {
        t_string!(i18n, follow.carry_caption_last, year = year).to_string()
    } else {
        t_string!(i18n, follow.carry_caption, year = year, next = next).to_string()
    };
    view! {
        <section aria-labelledby="carry-heading">
            <h2 id="carry-heading">{t_string!(i18n, follow.carry_heading, year = year).to_string()}</h2>
            <table class="budget">
                <caption>{caption}</caption>
                <tbody>
                    <tr><th scope="row">{t!(i18n, follow.carry_granted)}</th><td class="num">{nok(offer.granted)}</td></tr>
                    <tr><th scope="row">{t!(i18n, follow.carry_carried_in)}</th><td class="num">{nok(offer.carried_in)}</td></tr>
                    <tr><th scope="row">{t!(i18n, follow.carry_spent)}</th><td class="num">{nok(offer.spent)}</td></tr>
                    <tr class="total"><th scope="row">{t!(i18n, follow.carry_unspent)}</th><td class="num">{nok(offer.unspent)}</td></tr>
                </tbody>
            </table>
            {not_over}
            {confirmed}
            {form}
        </section>
    }
}

#[component]
fn ConfirmForm(year: i32, unspent: i64) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ConfirmCarryOver>::new();
    let error = Signal::derive(move || last_error(action));
    let label = t_string!(
        i18n,
        follow.carry_confirm,
        amount = nok(unspent),
        year = year + 1
    )
    .to_string();
    view! {
        <ActionForm action attr:class="form">
            <input type="hidden" name="year" value=year.to_string() />
            <ErrorAlert error />
            <button type="submit">{label}</button>
        </ActionForm>
    }
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
