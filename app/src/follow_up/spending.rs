//! A measure's spending: entries recorded by date and funding source, planned against
//! spent per source, and removing an entry to correct it.
use super::labels::source_name;
use crate::error::{AppError, ErrorAlert};
use crate::i18n::*;
use crate::plan::document::nok;
use crate::ui::refresh::last_error;
use leptos::prelude::*;
use samskap_domain::follow_up::model::{FundingSource, Spending, MAX_FOLLOW_UP_TEXT};
use samskap_domain::plan::model::Funding;
use uuid::Uuid;

/// Records what was spent on a measure; the lead, the core team and the measure's
/// responsible. Returns the entry's id.
#[server(endpoint = "measures/spending/add", output = crate::JsonText)]
pub async fn add_spending(
    measure_id: Uuid,
    spent_on: String,
    source: String,
    amount: String,
    #[server(default)] note: String,
) -> Result<Uuid, AppError> {
    use crate::error::Field;
    use samskap_domain::store::follow_up_store::NewSpending;
    let (store, programme, actor) = super::access::recorder(measure_id).await?;
    let entry = NewSpending {
        spent_on: past_date(Field::Date, &spent_on)?,
        source: source.parse().map_err(|_| AppError::BadRequest)?,
        amount_nok: amount_spent(&amount)?,
        note: samskap_domain::validate::optional(Field::Note, &note, MAX_FOLLOW_UP_TEXT)?,
    };
    Ok(store
        .record_spending(programme, measure_id, &entry, &actor)
        .await?)
}

/// Removes a spending entry (to correct it: remove, then record anew); who may record.
#[server(endpoint = "measures/spending/remove", output = crate::JsonText)]
pub async fn remove_spending(measure_id: Uuid, entry_id: Uuid) -> Result<(), AppError> {
    let (store, programme, actor) = super::access::recorder(measure_id).await?;
    Ok(store
        .remove_spending(programme, measure_id, entry_id, &actor)
        .await?)
}

/// An amount spent: whole kroner above zero, at most `MAX_AMOUNT_NOK`.
#[cfg(feature = "ssr")]
fn amount_spent(value: &str) -> Result<i64, AppError> {
    use crate::error::Field;
    use samskap_domain::plan::model::MAX_AMOUNT_NOK;
    if value.trim().starts_with(['-', '−']) {
        return Err(AppError::NegativeAmount(Field::Amount));
    }
    samskap_domain::validate::number(Field::Amount, value, 1..=MAX_AMOUNT_NOK)
}

/// A date as a date input sends it, not after the server's today.
#[cfg(feature = "ssr")]
pub(crate) fn past_date(
    field: crate::error::Field,
    value: &str,
) -> Result<chrono::NaiveDate, AppError> {
    let date = crate::plan::fields::date(field, value)?;
    if date > crate::ui::time::oslo_today() {
        return Err(AppError::DateInFuture(field));
    }
    Ok(date)
}

/// Planned against spent per source, the entries, and (for who may record) the form.
#[component]
pub fn SpendingSection(
    measure_id: Uuid,
    planned: Funding,
    spent: Funding,
    entries: Vec<Spending>,
    can_record: bool,
    today: chrono::NaiveDate,
) -> impl IntoView {
    let i18n = use_i18n();
    let remove = ServerAction::<RemoveSpending>::new();
    let remove_error = Signal::derive(move || last_error(remove));
    let empty = entries.is_empty();
    let rows = entries
        .into_iter()
        .map(|e| {
            let delete = can_record.then(|| {
                view! {
                    <td>
                        <ActionForm action=remove attr:class="inline">
                            <input type="hidden" name="measure_id" value=measure_id.to_string() />
                            <input type="hidden" name="entry_id" value=e.id.to_string() />
                            <button type="submit" class="link">
                                {t!(i18n, follow.remove)}
                            </button>
                        </ActionForm>
                    </td>
                }
            });
            view! {
                <tr>
                    <td>{e.spent_on.format("%d.%m.%Y").to_string()}</td>
                    <td>{source_name(i18n, e.source)}</td>
                    <td class="num">{nok(e.amount_nok)}</td>
                    <td dir="auto">{e.note}</td>
                    <td>{e.recorded_by}</td>
                    {delete}
                </tr>
            }
        })
        .collect_view();
    let list = if empty {
        view! { <p>{t!(i18n, follow.no_spending)}</p> }.into_any()
    } else {
        view! {
            <table class="ledger">
                <caption>{t!(i18n, follow.entries)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, follow.date)}</th>
                        <th scope="col">{t!(i18n, follow.source)}</th>
                        <th scope="col">{t!(i18n, follow.amount)}</th>
                        <th scope="col">{t!(i18n, follow.note)}</th>
                        <th scope="col">{t!(i18n, follow.recorded_by)}</th>
                        {can_record
                            .then(|| {
                                view! {
                                    <th scope="col">
                                        <span class="visually-hidden">
                                            {t!(i18n, follow.remove)}
                                        </span>
                                    </th>
                                }
                            })}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="spending-heading">
            <h3 id="spending-heading">{t!(i18n, follow.spending)}</h3>
            <super::budget_table::BudgetBySource
                caption=t_string!(i18n, follow.planned_and_spent).to_string()
                planned
                spent
            />
            {list}
            <ErrorAlert error=remove_error />
            {can_record.then(|| view! { <NewSpendingForm measure_id today /> })}
        </section>
    }
}

#[component]
fn NewSpendingForm(measure_id: Uuid, today: chrono::NaiveDate) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<AddSpending>::new();
    let error = Signal::derive(move || last_error(action));
    let sources = FundingSource::ALL
        .iter()
        .map(|s| view! { <option value=s.as_str()>{source_name(i18n, *s)}</option> })
        .collect_view();
    view! {
        // Open after a refusal, so its message is seen (also after a post without JavaScript).
        <details class="editor" open=move || error.get().is_some()>
            <summary>{t!(i18n, follow.add_spending)}</summary>
            <ActionForm action attr:class="form">
                <input type="hidden" name="measure_id" value=measure_id.to_string() />
                <label for="spending-date">{t!(i18n, follow.date)}</label>
                <input
                    id="spending-date"
                    type="date"
                    name="spent_on"
                    required
                    value=today.to_string()
                    max=today.to_string()
                />
                <label for="spending-source">{t!(i18n, follow.source)}</label>
                <select id="spending-source" name="source">
                    {sources}
                </select>
                <label for="spending-amount">{t!(i18n, follow.amount)}</label>
                <input id="spending-amount" name="amount" inputmode="numeric" required />
                <label for="spending-note">{t!(i18n, follow.note)}</label>
                <input id="spending-note" name="note" maxlength=MAX_FOLLOW_UP_TEXT.to_string() />
                <ErrorAlert error />
                <button type="submit">{t!(i18n, follow.add_spending)}</button>
            </ActionForm>
        </details>
    }
}
