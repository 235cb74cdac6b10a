//! "What became of my idea?": a participant's receipt code for a card, shown on their
//! own device (`/receipt/cards/{id}`, while the participant cookie lives) and looked up
//! from anywhere (`/receipt`, see `receipt_lookup`): the card's journey in plain words, through theme,
//! prototype, tests and decision to measure and plan, naming no one.
use crate::error::{AppError, ErrorAlert};
use crate::i18n::*;
use crate::ui::guard::{by_id, Loaded};
use crate::ui::page::PageTitle;
use crate::ui::refresh::Refresh;
use leptos::prelude::*;
use samskap_domain::pipeline::model::{Outcome, PrototypeStatus};
use samskap_domain::plan::model::{MeasureStatus, PlanStatus};
use samskap_domain::workshop::model::CardKind;
use serde::{Deserialize, Serialize};

/// The characters of a receipt code: no 0/O, 1/I/L, so it can be read aloud and typed.
pub const RECEIPT_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
/// Characters in a code, shown as two groups of four.
pub const RECEIPT_LENGTH: usize = 8;

/// A card's way through the pipeline, for its author.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Journey {
    /// "ABCD-EFGH".
    pub code: String,
    pub kind: CardKind,
    /// The card's own text (the holder of the code wrote it).
    pub text: String,
    pub theme: Option<String>,
    pub prototypes: Vec<PrototypeStep>,
    pub measures: Vec<MeasureStep>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrototypeStep {
    pub title: String,
    pub versions: u32,
    pub rounds: u32,
    pub answers: u32,
    pub status: PrototypeStatus,
    /// The last decision and its reason.
    pub decision: Option<(Outcome, String)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeasureStep {
    pub title: String,
    pub status: MeasureStatus,
    pub year: i32,
    pub plan_status: PlanStatus,
    /// The public page of that year's plan, once a version of it is adopted.
    pub public_page: Option<String>,
}

/// "ABCDEFGH" as "ABCD-EFGH".
pub fn display_code(code: &str) -> String {
    let (a, b) = code.split_at(code.len().min(4));
    format!("{a}-{b}")
}

/// A typed code as stored: upper case, without spaces and dashes.
pub fn normalise_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

#[cfg(feature = "ssr")]
async fn journey(
    store: &dyn samskap_domain::store::Store,
    card: &samskap_domain::workshop::model::Card,
    code: &str,
) -> Result<Journey, AppError> {
    let theme = match card.theme_id {
        Some(theme) => store.theme(theme).await?.map(|(_, name)| name),
        None => None,
    };
    let mut prototypes = Vec::new();
    let mut versions_seen = Vec::new();
    for lineage in store.lineages_of_card(card.id).await? {
        let versions = store.lineage(lineage).await?;
        let (mut rounds, mut answers) = (0, 0);
        for v in &versions {
            for round in store.rounds(v.id).await? {
                rounds += 1;
                answers += store.feedback(round.id).await?.len() as u32;
            }
        }
        let Some(last) = versions.last() else {
            continue;
        };
        let mut decision = None;
        for v in versions.iter().rev() {
            if let Some(d) = store.decision(v.id).await? {
                decision = Some((d.outcome, d.reason));
                break;
            }
        }
        prototypes.push(PrototypeStep {
            title: last.fields.title.clone(),
            versions: versions.len() as u32,
            rounds,
            answers,
            status: last.status,
            decision,
        });
        versions_seen.extend(versions.iter().map(|v| v.id));
    }
    let programme = store
        .programme_of(samskap_domain::store::Item::Card(card.id))
        .await?
        .ok_or(AppError::NotFound)?;
    let slug = crate::server::context::slug_of(programme).await?;
    let mut measures = Vec::new();
    for m in store.measures_from(&versions_seen, &[card.id]).await? {
        let (plan, _) = store.plan(programme, m.fields.year).await?;
        let public = !store
            .plan_versions(programme, m.fields.year)
            .await?
            .is_empty();
        measures.push(MeasureStep {
            title: m.fields.title,
            status: m.status,
            year: m.fields.year,
            plan_status: plan.status,
            public_page: public.then(|| format!("/public/{slug}/plans/{}", m.fields.year)),
        });
    }
    Ok(Journey {
        code: display_code(code),
        kind: card.kind,
        text: card.body.clone(),
        theme,
        prototypes,
        measures,
    })
}

/// The receipt of one's own card, issued the first time it is asked for; only its
/// author (participant) may ask. `NotYourCard` otherwise.
#[server(endpoint = "receipts/mine", output = crate::JsonText)]
pub async fn my_receipt(card_id: uuid::Uuid) -> Result<Journey, AppError> {
    use crate::server::context::app;
    use rand::Rng;
    use samskap_domain::store::StoreError;
    let (card, access) = crate::board::access::card_access(card_id).await?;
    if card.author.staff || card.author.id != access.author_id() {
        return Err(AppError::NotYourCard);
    }
    let ctx = app()?;
    if !ctx.taps.allow(&card.author.id) {
        return Err(AppError::TooManyRequests);
    }
    let store = ctx.store;
    let mut rng = rand::rngs::OsRng;
    for _ in 0..5 {
        let code: String = (0..RECEIPT_LENGTH)
            .map(|_| RECEIPT_ALPHABET[rng.gen_range(0..RECEIPT_ALPHABET.len())] as char)
            .collect();
        match store.receipt(card.id, &code).await {
            Ok(code) => return journey(store.as_ref(), &card, &code).await,
            Err(StoreError::Duplicate) => continue,
            Err(other) => return Err(AppError::from(other)),
        }
    }
    Err(AppError::Internal)
}

/// The card a typed receipt code is for, and the code as stored. An unknown code says
/// only that (`ReceiptUnknown`) and counts as a guess, like a wrong join code.
#[cfg(feature = "ssr")]
pub(super) async fn card_of_code(
    typed: &str,
) -> Result<(samskap_domain::workshop::model::Card, String), AppError> {
    use crate::server::context::app;
    let ctx = app()?;
    let guess = crate::server::code_guess::CodeGuess::start().await?;
    let code = normalise_code(typed);
    if code.len() != RECEIPT_LENGTH {
        return Err(AppError::ReceiptUnknown);
    }
    let card = match ctx.store.card_of_receipt(&code).await? {
        Some(id) => ctx.store.card(id).await?,
        None => None,
    };
    let card = card.ok_or(AppError::ReceiptUnknown)?;
    guess.found();
    Ok((card, code))
}

/// The journey of the card a typed receipt code is for (see `card_of_code`).
#[cfg(feature = "ssr")]
pub(super) async fn journey_of_code(typed: &str) -> Result<Journey, AppError> {
    let (card, code) = card_of_code(typed).await?;
    journey(crate::server::context::app()?.store.as_ref(), &card, &code).await
}

/// The journey of the card a receipt code is for; anyone with the code (`ReceiptUnknown`
/// and a counted guess otherwise). The receipt page uses `receipts/open` instead.
#[server(endpoint = "receipts/lookup", output = crate::JsonText)]
pub async fn lookup_receipt(code: String) -> Result<Journey, AppError> {
    journey_of_code(&code).await
}

/// Deletes the card a receipt code is for, with its photo, votes and links, for good:
/// anyone with the code and the box ticked (`ConfirmRequired` otherwise). An unknown
/// code gets `ReceiptUnknown` and counts as a guess, like a wrong join code.
#[server(endpoint = "receipts/delete", output = crate::JsonText)]
pub async fn delete_by_receipt(
    code: String,
    #[server(default)] confirm: String,
) -> Result<(), AppError> {
    use crate::server::context::app;
    let ctx = app()?;
    if confirm != "yes" {
        return Err(AppError::ConfirmRequired);
    }
    let (card, _) = card_of_code(&code).await?;
    let seq = ctx.store.delete_card(card.id).await?;
    ctx.bus.publish(
        card.board_id,
        crate::server::board_events::removed_delivery(seq, card.id),
    );
    tracing::info!(card = %card.id, "card deleted by its author through the receipt");
    super::receipt_cookie::forget(ctx.secure_cookies)?;
    leptos_axum::redirect("/receipt?deleted=1");
    Ok(())
}

/// `/receipt/cards/{id}`: the receipt of one's own card, on one's own device.
#[component]
pub fn MyReceiptPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = by_id(Refresh::provide(), my_receipt);
    view! {
        <PageTitle text=move || t_string!(i18n, receipt.title).to_string() />
        <main id="main" class="page narrow">
            <h1>{t!(i18n, receipt.title)}</h1>
            <Loaded resource=data let:journey>
                <p class="receipt-code">
                    {t!(i18n, receipt.your_code)} " " <strong>{journey.code.clone()}</strong>
                </p>
                <p class="hint">{t!(i18n, receipt.keep_code)}</p>
                <JourneyView journey />
            </Loaded>
        </main>
    }
}

#[component]
pub(super) fn JourneyView(journey: Journey) -> impl IntoView {
    let i18n = use_i18n();
    let theme = journey.theme.clone().map(|t| {
        view! { <li>{t!(i18n, receipt.step_theme)} " " <strong dir="auto">{t}</strong></li> }
    });
    let prototypes = journey
        .prototypes
        .iter()
        .map(|p| {
            let decision = p.decision.clone().map(|(outcome, reason)| {
                let said = match outcome {
                    Outcome::Iterate => t_string!(i18n, receipt.decided_iterate),
                    Outcome::Proceed => t_string!(i18n, receipt.decided_proceed),
                    Outcome::Drop => t_string!(i18n, receipt.decided_drop),
                };
                view! { <p>{said} " " <span dir="auto">{reason}</span></p> }
            });
            view! {
                <li>
                    {t!(i18n, receipt.step_prototype)} " "
                    <strong dir="auto">{p.title.clone()}</strong>
                    <p>
                        {t_string!(
                            i18n, receipt.tested, versions = p.versions, rounds = p.rounds, answers = p.answers
                        )
                            .to_string()}
                    </p> {decision}
                </li>
            }
        })
        .collect_view();
    let measures = journey
        .measures
        .iter()
        .map(|m| {
            let plan = super::document::plan_status_name(i18n, m.plan_status);
            let link = m.public_page.clone().map(|href| {
                view! {
                    " "
                    <a href=href>{t!(i18n, receipt.see_plan)}</a>
                }
            });
            view! {
                <li>
                    {t!(i18n, receipt.step_measure)} " "
                    <strong dir="auto">{m.title.clone()}</strong> " ("
                    {super::measure_badge::status_name(i18n, m.status)} ")"
                    <p>
                        {t_string!(i18n, plan.plan_of_year, year = m.year).to_string()} ": " {plan}
                        {link}
                    </p>
                </li>
            }
        })
        .collect_view();
    let nothing_yet =
        (journey.theme.is_none() && journey.prototypes.is_empty() && journey.measures.is_empty())
            .then(|| view! { <li>{t!(i18n, receipt.nothing_yet)}</li> });
    view! {
        <section aria-labelledby="journey-heading">
            <h2 id="journey-heading">{t!(i18n, receipt.journey)}</h2>
            <blockquote dir="auto">{journey.text.clone()}</blockquote>
            <ol class="journey">
                <li>{t!(i18n, receipt.step_posted)}</li>
                {theme}
                {prototypes}
                {measures}
                {nothing_yet}
            </ol>
            <DeleteByReceiptForm code=journey.code.clone() />
        </section>
    }
}

/// "Delete my card": behind a disclosure and a box to tick, since it cannot be undone.
#[component]
fn DeleteByReceiptForm(code: String) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<DeleteByReceipt>::new();
    let error = Signal::derive(move || crate::ui::refresh::last_error(action));
    view! {
        <details class="delete-card">
            <summary>{t!(i18n, receipt.delete_heading)}</summary>
            <ActionForm action attr:class="form">
                <p>{t!(i18n, receipt.delete_explained)}</p>
                <input type="hidden" name="code" value=code />
                <div class="check">
                    <input type="checkbox" id="receipt-delete-confirm" name="confirm" value="yes" />
                    <label for="receipt-delete-confirm">{t!(i18n, receipt.delete_confirm)}</label>
                </div>
                <ErrorAlert error />
                <button type="submit" class="danger">
                    {t!(i18n, receipt.delete_button)}
                </button>
            </ActionForm>
        </details>
    }
}
