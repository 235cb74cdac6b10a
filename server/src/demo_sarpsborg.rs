//! The demo's second programme, Sarpsborg sentrum: smaller than Halden, with its own lead
//! and focus areas, one tested prototype shared in the library; Halden's demo core team
//! member facilitates there too, so the demo shows a staff member who works in two
//! programmes and picks one; and the network's evaluator, who reads both.
use crate::demo_seeding::demo_account;
use samskap_domain::account::model::Role;
use samskap_domain::programme::model::ProgrammeFields;
use samskap_domain::store::{Store, StoreError};
use uuid::Uuid;

/// Its slug.
pub const SLUG: &str = "sarpsborg-sentrum";
/// Its lead, a member of nothing in Halden.
pub const LEAD: (&str, &str) = ("leder@sarpsborg.demo", "Demo Leder Sarpsborg");
/// The follow-along evaluator of both programmes.
pub const EVALUATOR: (&str, &str) = ("evaluator@ostfold.demo", "Demo Følgeevaluator");

const FOCUS_AREAS: [(&str, &str); 2] = [
    (
        "Møteplasser og aktivitet",
        "Flere gratis og åpne møteplasser for barn, unge og familier i sentrum.",
    ),
    (
        "Bolig og bomiljø",
        "Tryggere og trivelige bomiljøer, og flere som blir boende i sentrum.",
    ),
];

/// Sarpsborg sentrum, once, led by its demo lead (with `hash` for a password), with
/// `halden_core` as a facilitator and the evaluator in both it and `halden`; the demo
/// accounts' passwords are set again at every start.
pub async fn seed(
    store: &dyn Store,
    hash: &str,
    halden: Uuid,
    halden_core: Uuid,
) -> Result<(), StoreError> {
    let lead = demo_account(store, LEAD, hash, false).await?;
    let evaluator = demo_account(store, EVALUATOR, hash, false).await?;
    let programme = match store.programme_by_slug(SLUG).await? {
        Some(programme) => programme,
        None => create(store, lead).await?,
    };
    // Every start, so that a start that stopped half-way is made whole by the next.
    let members = [
        (programme, halden_core, Role::Facilitator),
        (halden, evaluator, Role::Evaluator),
        (programme, evaluator, Role::Evaluator),
    ];
    for (programme, account, role) in members {
        match store.add_member(programme, account, role).await {
            Ok(()) | Err(StoreError::Duplicate) => {}
            Err(other) => return Err(other),
        }
    }
    if store.workshops(programme).await?.is_empty() {
        let Some(lead) = store.member(programme, lead).await? else {
            return Ok(());
        };
        crate::demo_sarpsborg_pipeline::seed(store, programme, &lead).await?;
        crate::demo_library::seed(store, programme, &lead).await?;
    }
    Ok(())
}

/// Sarpsborg sentrum with its focus areas and goal, led by `lead`.
async fn create(store: &dyn Store, lead: Uuid) -> Result<Uuid, StoreError> {
    let fields = ProgrammeFields {
        name: "Sarpsborg sentrum".into(),
        area: "Sarpsborg sentrum, Sarpsborg kommune".into(),
        start_year: 2025,
        end_year: 2029,
        yearly_budget_nok: 3_000_000,
    };
    let programme = store.create_programme(SLUG, fields, Some(lead)).await?;
    let mut areas = Vec::new();
    for (name, description) in FOCUS_AREAS {
        areas.push(store.add_focus_area(programme, name, description).await?.id);
    }
    store
        .add_goal(
            programme,
            "Et levende sentrum",
            "Flere barn og unge bruker sentrum på ettermiddager og i helger.",
            &areas,
        )
        .await?;
    Ok(programme)
}
