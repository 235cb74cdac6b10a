//! The plan's status steps: the core team proposes (or withdraws) a draft, the lead
//! records the steering group's adoption (which freezes the version) and the sending to
//! the ministry, and a new version opens a frozen plan for changes.
use crate::error::{AppError, ErrorAlert};
use crate::i18n::*;
use crate::ui::refresh::{last_error, on_success, Refresh};
use leptos::prelude::*;
use samskap_domain::plan::model::{Plan, PlanStatus, MAX_MEASURE_TITLE};

#[cfg(feature = "ssr")]
async fn change(
    year: i32,
    change: samskap_domain::store::plan_store::PlanChange,
    (store, actor, programme): super::access::Caller,
) -> Result<Plan, AppError> {
    let programme = super::access::programme(store.as_ref(), programme).await?;
    if !(programme.fields.start_year..=programme.fields.end_year).contains(&year) {
        return Err(AppError::NotFound);
    }
    store
        .change_plan(programme.id, year, &change, &actor)
        .await
        .map_err(AppError::from)
}

/// Draft → proposed; the lead and the core team.
#[server(endpoint = "plans/propose", output = crate::JsonText)]
pub async fn propose_plan(programme: String, year: i32) -> Result<Plan, AppError> {
    let caller =
        super::access::planner(crate::server::context::programme_named(&programme).await?).await?;
    change(
        year,
        samskap_domain::store::plan_store::PlanChange::Propose,
        caller,
    )
    .await
}

/// Proposed → draft again; the lead and the core team.
#[server(endpoint = "plans/withdraw", output = crate::JsonText)]
pub async fn withdraw_plan(programme: String, year: i32) -> Result<Plan, AppError> {
    let caller =
        super::access::planner(crate::server::context::programme_named(&programme).await?).await?;
    change(
        year,
        samskap_domain::store::plan_store::PlanChange::Withdraw,
        caller,
    )
    .await
}

/// Records the adoption of a proposed plan on a date by a body, freezing the version
/// exactly as shown at `revision` (`PlanChanged` if it changed since) and adopting its
/// prioritised measures; the lead only.
#[server(endpoint = "plans/adopt", output = crate::JsonText)]
pub async fn adopt_plan(
    programme: String,
    year: i32,
    revision: i64,
    adopted_on: String,
    adopted_by: String,
) -> Result<Plan, AppError> {
    use crate::error::Field;
    use samskap_domain::plan::model::Adoption;
    use samskap_domain::store::plan_store::PlanChange;
    let (store, actor, programme_id) =
        super::access::adopter(crate::server::context::programme_named(&programme).await?).await?;
    let adoption = Adoption {
        adopted_on: super::fields::date(Field::Date, &adopted_on)?,
        adopted_by: samskap_domain::validate::required(
            Field::AdoptedBy,
            &adopted_by,
            MAX_MEASURE_TITLE,
        )?,
        sent_on: None,
    };
    let programme = super::access::programme(store.as_ref(), programme_id).await?;
    let (snapshot, now) = super::snapshot::build(store.as_ref(), &programme, year).await?;
    if now != revision {
        return Err(AppError::PlanChanged);
    }
    let adopt = PlanChange::Adopt {
        snapshot: Box::new(snapshot.adopted(adoption.clone())),
        adoption,
        revision,
    };
    change(year, adopt, (store, actor, programme_id)).await
}

/// Adopted → sent to the ministry on a date; the lead only.
#[server(endpoint = "plans/send", output = crate::JsonText)]
pub async fn send_plan(programme: String, year: i32, sent_on: String) -> Result<Plan, AppError> {
    use crate::error::Field;
    let caller =
        super::access::adopter(crate::server::context::programme_named(&programme).await?).await?;
    let on = super::fields::date(Field::Date, &sent_on)?;
    change(
        year,
        samskap_domain::store::plan_store::PlanChange::Send(on),
        caller,
    )
    .await
}

/// Opens an adopted or sent plan for changes as the next version (a draft); the
/// frozen version stays as it was. The lead and the core team.
#[server(endpoint = "plans/reopen", output = crate::JsonText)]
pub async fn reopen_plan(programme: String, year: i32) -> Result<Plan, AppError> {
    let caller =
        super::access::planner(crate::server::context::programme_named(&programme).await?).await?;
    change(
        year,
        samskap_domain::store::plan_store::PlanChange::Reopen,
        caller,
    )
    .await
}

/// The steps the caller may take from the plan's status.
#[component]
pub fn PlanSteps(
    plan: Plan,
    revision: i64,
    can_plan: bool,
    can_adopt: bool,
    has_measures: bool,
    today: chrono::NaiveDate,
) -> impl IntoView {
    let i18n = use_i18n();
    let refresh = expect_context::<Refresh>();
    let propose = ServerAction::<ProposePlan>::new();
    let withdraw = ServerAction::<WithdrawPlan>::new();
    let adopt = ServerAction::<AdoptPlan>::new();
    let send = ServerAction::<SendPlan>::new();
    let reopen = ServerAction::<ReopenPlan>::new();
    let bump = move || refresh.0.update(|n| *n += 1);
    on_success(propose, bump);
    on_success(withdraw, bump);
    on_success(adopt, bump);
    on_success(send, bump);
    on_success(reopen, bump);
    let error = Signal::derive(move || {
        last_error(propose)
            .or_else(|| last_error(withdraw))
            .or_else(|| last_error(adopt))
            .or_else(|| last_error(send))
            .or_else(|| last_error(reopen))
    });
    let year = plan.year;
    let step = match plan.status {
        PlanStatus::Draft if can_plan && has_measures => view! {
            <ActionForm action=propose attr:class="inline">
                <crate::ui::programme_path::ProgrammeField />
                <input type="hidden" name="year" value=year.to_string() />
                <button type="submit" class="primary">
                    {t!(i18n, plan.propose)}
                </button>
            </ActionForm>
        }
        .into_any(),
        PlanStatus::Draft if can_plan => {
            view! { <p>{t!(i18n, plan.nothing_to_propose)}</p> }.into_any()
        }
        PlanStatus::Proposed => view! {
            {can_adopt
                .then(|| {
                    view! {
                        <ActionForm action=adopt attr:class="form">
                            <crate::ui::programme_path::ProgrammeField />
                            <input type="hidden" name="year" value=year.to_string() />
                            <input type="hidden" name="revision" value=revision.to_string() />
                            <label for="adopted-by">{t!(i18n, plan.adopted_by)}</label>
                            <input
                                id="adopted-by"
                                name="adopted_by"
                                required
                                maxlength=MAX_MEASURE_TITLE.to_string()
                                value=t_string!(i18n, plan.steering_group)
                            />
                            <label for="adopted-on">{t!(i18n, plan.adopted_on)}</label>
                            <input
                                id="adopted-on"
                                name="adopted_on"
                                type="date"
                                required
                                value=today.to_string()
                            />
                            <button type="submit" class="primary">
                                {t!(i18n, plan.adopt)}
                            </button>
                        </ActionForm>
                    }
                })}
            {can_plan
                .then(|| {
                    view! {
                        <ActionForm action=withdraw attr:class="inline">
                            <crate::ui::programme_path::ProgrammeField />
                            <input type="hidden" name="year" value=year.to_string() />
                            <button type="submit">{t!(i18n, plan.withdraw)}</button>
                        </ActionForm>
                    }
                })}
        }
        .into_any(),
        PlanStatus::Adopted | PlanStatus::Sent => view! {
            {(can_adopt && plan.status == PlanStatus::Adopted)
                .then(|| {
                    view! {
                        <ActionForm action=send attr:class="form">
                            <crate::ui::programme_path::ProgrammeField />
                            <input type="hidden" name="year" value=year.to_string() />
                            <label for="sent-on">{t!(i18n, plan.sent_on)}</label>
                            <input
                                id="sent-on"
                                name="sent_on"
                                type="date"
                                required
                                value=today.to_string()
                            />
                            <button type="submit" class="primary">
                                {t!(i18n, plan.send)}
                            </button>
                        </ActionForm>
                    }
                })}
            {can_plan
                .then(|| {
                    view! {
                        <ActionForm action=reopen attr:class="inline">
                            <crate::ui::programme_path::ProgrammeField />
                            <input type="hidden" name="year" value=year.to_string() />
                            <button type="submit">{t!(i18n, plan.reopen)}</button>
                        </ActionForm>
                    }
                })}
        }
        .into_any(),
        _ => ().into_any(),
    };
    view! {
        <section aria-labelledby="steps-heading" class="plan-steps">
            <h2 id="steps-heading">{t!(i18n, plan.steps)}</h2>
            <p>{t!(i18n, plan.steps_intro)}</p>
            {step}
            <ErrorAlert error />
        </section>
    }
}
