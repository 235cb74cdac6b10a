//! Demo data for the action plan: last year's plan (2025), adopted by the steering group
//! and sent to the ministry, with one measure the core team promoted from an idea raised
//! at a residents' meeting. This year's plan is left for the demo user to build.
use chrono::NaiveDate;
use samskap_domain::account::model::User;
use samskap_domain::plan::model::{Adoption, Funding, MeasureFields, MeasureStatus, RiskLevel};
use samskap_domain::store::actor::Actor;
use samskap_domain::store::plan_store::{NewRisk, PlanChange, Promotion};
use samskap_domain::store::workshop_store::AuthorRef;
use samskap_domain::store::{Store, StoreError};
use samskap_domain::workshop::model::CardKind;
use uuid::Uuid;

const YEAR: i32 = 2025;

pub(crate) fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(YEAR, m, d).expect("a valid demo date")
}

/// Seeds the 2025 plan; the idea is posted on `board` (the closed demo workshop's).
/// Returns the measure, now in progress.
pub async fn seed(
    store: &dyn Store,
    programme: Uuid,
    board: Uuid,
    lead: &User,
) -> Result<Option<Uuid>, StoreError> {
    let Some(programme) = store.programme(programme).await? else {
        return Ok(None);
    };
    let actor = Actor {
        id: lead.id,
        name: lead.display_name.clone(),
    };
    let idea = crate::demo_seeding::posted(
        store,
        board,
        AuthorRef::User(lead.id),
        CardKind::Idea,
        "Voksne vandrer i sentrum fredag og lørdag kveld, så ungdom føler seg trygge.",
    )
    .await?;
    let crime = programme.focus_areas.get(3).map(|fa| fa.id);
    let goals = programme
        .goals
        .iter()
        .filter(|g| crime.is_some_and(|c| g.focus_area_ids.contains(&c)))
        .map(|g| g.id)
        .collect();
    let fields = MeasureFields {
        title: "Natteravner i sentrum".into(),
        what: "Frivillige voksne går i sentrum fredag og lørdag kveld, med opplæring og vester."
            .into(),
        expected_result: "Ungdom og voksne opplever sentrum som tryggere om kvelden.".into(),
        funding: Funding {
            grant: 150_000,
            municipality: 50_000,
            other_grants: 25_000,
            carried_over: 0,
        },
        starts_on: day(3, 1),
        ends_on: day(12, 31),
        partners: "Frivilligsentralen, velforeningene, politiet".into(),
        contribution: "Sentrum oppleves som trygt; tillit mellom voksne og ungdommer.".into(),
        owner: "Frivilligsentralen".into(),
        indicators: "Antall vandringer\nAndel unge som føler seg trygge (ungdomsundersøkelsen)"
            .into(),
        year: YEAR,
        focus_area_id: crime,
        goal_ids: goals,
    };
    let from = Promotion::Idea {
        card: idea,
        justification:
            "Foreslått av velforeningene på folkemøtet i 2024, og drevet med hell i nabobyer."
                .into(),
    };
    let measure = store.promote(programme.id, &from, &fields, &actor).await?;
    store
        .add_risk(
            measure.id,
            &NewRisk {
                risk: "For få frivillige".into(),
                probability: RiskLevel::Medium,
                consequence: RiskLevel::High,
                mitigation: "Rekruttere gjennom skolene og trossamfunnene".into(),
            },
            &actor,
        )
        .await?;
    store
        .set_measure_status(measure.id, MeasureStatus::Prioritised, "", &actor)
        .await?;
    store
        .change_plan(programme.id, YEAR, &PlanChange::Propose, &actor)
        .await?;
    let adoption = Adoption {
        adopted_on: day(2, 10),
        adopted_by: "Styringsgruppen".into(),
        sent_on: None,
    };
    let (snapshot, revision) = samskap_app::plan::snapshot::build(store, &programme, YEAR)
        .await
        .map_err(|e| StoreError::Backend(format!("demo plan: {e}")))?;
    let adopt = PlanChange::Adopt {
        snapshot: Box::new(snapshot.adopted(adoption.clone())),
        adoption,
        revision,
    };
    store
        .change_plan(programme.id, YEAR, &adopt, &actor)
        .await?;
    store
        .change_plan(programme.id, YEAR, &PlanChange::Send(day(2, 20)), &actor)
        .await?;
    store
        .set_measure_status(measure.id, MeasureStatus::InProgress, "", &actor)
        .await?;
    Ok(Some(measure.id))
}
