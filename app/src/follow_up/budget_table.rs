//! Money planned against spent, by funding source with a total row: on a measure's page
//! and on the year's follow-up page.
use super::labels::source_name;
use crate::i18n::*;
use crate::plan::document::nok;
use leptos::prelude::*;
use samskap_domain::follow_up::model::FundingSource;
use samskap_domain::plan::model::Funding;

/// The header cells of the three money columns: planned, spent, remaining.
#[component]
pub fn MoneyHead() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <th scope="col">{t!(i18n, follow.planned)}</th>
        <th scope="col">{t!(i18n, follow.spent)}</th>
        <th scope="col">{t!(i18n, follow.remaining)}</th>
    }
}

/// A row's three money cells; the remaining sum is the planned less the spent.
#[component]
pub fn MoneyCells(planned: i64, spent: i64) -> impl IntoView {
    view! {
        <td class="num">{nok(planned)}</td>
        <td class="num">{nok(spent)}</td>
        <td class="num">{nok(planned - spent)}</td>
    }
}

/// Planned against spent for each funding source, and in total.
#[component]
pub fn BudgetBySource(caption: String, planned: Funding, spent: Funding) -> impl IntoView {
    let i18n = use_i18n();
    let by_source = FundingSource::ALL
        .iter()
        .map(|s| {
            view! {
                <tr>
                    <th scope="row">{source_name(i18n, *s)}</th>
                    <MoneyCells planned=s.of(&planned) spent=s.of(&spent) />
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="budget">
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, follow.source)}</th>
                    <MoneyHead />
                </tr>
            </thead>
            <tbody>
                {by_source} <tr class="total">
                    <th scope="row">{t!(i18n, plan.total)}</th>
                    <MoneyCells planned=planned.total() spent=spent.total() />
                </tr>
            </tbody>
        </table>
    }
}
