//! The year-end carry-over offer in the year's follow-up: its server half and the lead's
//! confirmation form (what a carry-over is: `samskap_domain::follow_up::carry_over`).
use crate::error::{AppError, ErrorAlert};
use crate::i18n::*;
use crate::plan::document::nok;
use crate::ui::refresh::last_error;
use leptos::prelude::*;
use samskap_domain::follow_up::carry_over::CarryOffer;
#[cfg(feature = "ssr")]
use samskap_domain::{follow_up::carry_over::unspent, plan::model::Measure};

/// The year's grant and, but for the programme's last year, its carry-over.
#[cfg(feature = "ssr")]
pub async fn offer(
    store: &dyn samskap_domain::store::Store,
    programme: &samskap_domain::programme::model::Programme,
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
#[server(endpoint = "plans/carry-over", output = crate::JsonText)]
pub async fn confirm_carry_over(programme: String, year: i32) -> Result<i64, AppError> {
    let (store, actor, programme) =
        crate::plan::access::adopter(crate::server::context::programme_named(&programme).await?)
            .await?;
    let programme = crate::plan::access::programme(store.as_ref(), programme).await?;
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
            view! {
                <p class="warning" role="note">
                    {text}
                </p>
            }
        });
        view! {
            <p class="notice" role="note">
                {text}
            </p>
            {changed}
        }
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
            <h2 id="carry-heading">
                {t_string!(i18n, follow.carry_heading, year = year).to_string()}
            </h2>
            <table class="budget">
                <caption>{caption}</caption>
                <tbody>
                    <tr>
                        <th scope="row">{t!(i18n, follow.carry_granted)}</th>
                        <td class="num">{nok(offer.granted)}</td>
                    </tr>
                    <tr>
                        <th scope="row">{t!(i18n, follow.carry_carried_in)}</th>
                        <td class="num">{nok(offer.carried_in)}</td>
                    </tr>
                    <tr>
                        <th scope="row">{t!(i18n, follow.carry_spent)}</th>
                        <td class="num">{nok(offer.spent)}</td>
                    </tr>
                    <tr class="total">
                        <th scope="row">{t!(i18n, follow.carry_unspent)}</th>
                        <td class="num">{nok(offer.unspent)}</td>
                    </tr>
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
            <crate::ui::programme_path::ProgrammeField />
            <input type="hidden" name="year" value=year.to_string() />
            <ErrorAlert error />
            <button type="submit">{label}</button>
        </ActionForm>
    }
}
