//! Builds a year's plan as a document (`PlanSnapshot`) from the live measures, with the
//! evidence summary of each: what the page, the exports and an adoption freeze.
use super::model::{
    EvidenceSummary, Measure, MeasureSource, PlanSection, PlanSnapshot, PlannedMeasure, RoundBrief,
};
use crate::error::AppError;
use crate::pipeline::model::FeedbackSummary;
use crate::programme::model::Programme;
use crate::server::context::internal;
use crate::server::store::Store;
use uuid::Uuid;

/// The year's plan as it stands, and the revision it was read at.
pub async fn build(
    store: &dyn Store,
    programme: &Programme,
    year: i32,
) -> Result<(PlanSnapshot, i64), AppError> {
    let (plan, revision) = store.plan(programme.id, year).await.map_err(internal)?;
    let measures: Vec<Measure> = store
        .measures(programme.id)
        .await
        .map_err(internal)?
        .into_iter()
        .filter(|m| m.fields.year == year && m.status.in_plan())
        .collect();
    let mut sections = Vec::new();
    let areas = programme
        .focus_areas
        .iter()
        .map(|fa| (Some(fa.id), fa.name.clone()));
    for (index, (area, name)) in areas.chain([(None, String::new())]).enumerate() {
        let mut planned = Vec::new();
        for m in measures.iter().filter(|m| m.fields.focus_area_id == area) {
            let number = format!("{}.{}", index + 1, planned.len() + 1);
            planned.push(planned_measure(store, programme, m, number).await?);
        }
        if !planned.is_empty() {
            sections.push(PlanSection {
                focus_area: name,
                measures: planned,
            });
        }
    }
    // While frozen, the plan as it stands is the adopted version.
    let adoption = match plan.status.is_frozen() {
        true => store
            .plan_versions(programme.id, year)
            .await
            .map_err(internal)?
            .into_iter()
            .find(|v| v.version == plan.version)
            .map(|v| v.adoption),
        false => None,
    };
    let snapshot = PlanSnapshot {
        programme: programme.fields.name.clone(),
        year,
        version: plan.version,
        status: plan.status,
        adoption,
        frame_nok: programme.fields.yearly_budget_nok,
        sections,
    };
    Ok((snapshot, revision))
}

async fn planned_measure(
    store: &dyn Store,
    programme: &Programme,
    m: &Measure,
    number: String,
) -> Result<PlannedMeasure, AppError> {
    let f = &m.fields;
    Ok(PlannedMeasure {
        id: m.id,
        number,
        status: m.status,
        title: f.title.clone(),
        what: f.what.clone(),
        expected_result: f.expected_result.clone(),
        funding: f.funding,
        starts_on: f.starts_on,
        ends_on: f.ends_on,
        partners: f.partners.clone(),
        contribution: f.contribution.clone(),
        owner: f.owner.clone(),
        indicators: f.indicators.clone(),
        goals: programme
            .goals
            .iter()
            .filter(|g| f.goal_ids.contains(&g.id))
            .map(|g| g.title.clone())
            .collect(),
        risks: m.risks.clone(),
        evidence: evidence(store, m).await?,
    })
}

/// Who and what a measure builds on: its idea and insights (or theme), every version
/// of its prototype and their test rounds, and the people behind them, counted.
pub async fn evidence(store: &dyn Store, m: &Measure) -> Result<EvidenceSummary, AppError> {
    let mut summary = EvidenceSummary::default();
    let mut cards: Vec<Uuid> = Vec::new();
    let mut rounds: Vec<Uuid> = Vec::new();
    let idea = match &m.source {
        Some(MeasureSource::Idea { card_id, .. }) => Some(*card_id),
        Some(MeasureSource::Prototype { prototype_id }) => {
            let prototype = store.prototype(*prototype_id).await.map_err(internal)?;
            let Some(prototype) = prototype else {
                return Ok(summary);
            };
            let versions = store
                .lineage(prototype.lineage_id)
                .await
                .map_err(internal)?;
            summary.versions = versions.len() as u32;
            for v in &versions {
                for round in store.rounds(v.id).await.map_err(internal)? {
                    let feedback = store.feedback(round.id).await.map_err(internal)?;
                    let counted = FeedbackSummary::of(&feedback);
                    summary.rounds.push(RoundBrief {
                        version: v.version,
                        place: round.fields.place.clone(),
                        target_group: round.fields.target_group.clone(),
                        date: round.fields.starts_at.date(),
                        answers: counted.count,
                        mean_rating: counted.mean(),
                    });
                    rounds.push(round.id);
                }
            }
            if let Some(theme) = prototype.theme_id {
                let theme_cards = store.theme_cards(theme).await.map_err(internal)?;
                summary.insights += theme_cards.len() as u32;
                cards.extend(theme_cards.iter().map(|c| c.id));
            }
            prototype.idea_id
        }
        None => None,
    };
    if let Some(idea) = idea {
        summary.ideas = 1;
        cards.push(idea);
        let insights = store.insights_of(idea).await.map_err(internal)?;
        summary.insights += insights.len() as u32;
        cards.extend(insights.iter().map(|c| c.id));
    }
    let (participants, youth) = store
        .contributors(&cards, &rounds)
        .await
        .map_err(internal)?;
    summary.participants = participants;
    summary.youth = youth;
    Ok(summary)
}
