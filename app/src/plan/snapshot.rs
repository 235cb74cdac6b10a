//! Builds a year's plan as a document (`PlanSnapshot`) from the live measures, with the
//! evidence summary of each: what the page, the exports and an adoption freeze.
use crate::error::AppError;
use samskap_domain::library::model::NOT_SAID;
use samskap_domain::pipeline::model::{Feedback, FeedbackSummary, Prototype};
use samskap_domain::plan::model::{
    EvidenceSummary, Measure, MeasureSource, PlanSection, PlanSnapshot, PlannedMeasure, RoundBrief,
};
use samskap_domain::programme::model::Programme;
use samskap_domain::store::plan_store::Contribution;
use samskap_domain::store::Store;
use std::collections::HashMap;
use uuid::Uuid;

/// The year's plan as it stands, and the revision it was read at.
pub async fn build(
    store: &dyn Store,
    programme: &Programme,
    year: i32,
) -> Result<(PlanSnapshot, i64), AppError> {
    let (plan, revision) = store.plan(programme.id, year).await?;
    // While frozen, the plan as it stands is the adopted version.
    let frozen = match plan.status.is_frozen() {
        true => store
            .plan_versions(programme.id, year)
            .await?
            .into_iter()
            .find(|v| v.version == plan.version),
        false => None,
    };
    // A measure stopped after adoption stays in the adopted version it was part of.
    let was_adopted = |id: Uuid| {
        frozen
            .as_ref()
            .is_some_and(|v| v.snapshot.measures().any(|m| m.id == id))
    };
    let measures: Vec<Measure> = store
        .measures(programme.id)
        .await?
        .into_iter()
        .filter(|m| {
            m.fields.year == year && (m.status.in_plan() || (m.stopped && was_adopted(m.id)))
        })
        .collect();
    let in_order: Vec<&Measure> = measures.iter().collect();
    let evidence: HashMap<Uuid, EvidenceSummary> = measures
        .iter()
        .map(|m| m.id)
        .zip(evidence_of(store, &in_order).await?)
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
            let evidence = evidence.get(&m.id).cloned().unwrap_or_default();
            planned.push(planned_measure(programme, m, number, evidence));
        }
        if !planned.is_empty() {
            sections.push(PlanSection {
                focus_area: name,
                measures: planned,
            });
        }
    }
    let adoption = frozen.as_ref().map(|v| v.adoption.clone());
    // An adopted version keeps the frame it was adopted with; a carry-over confirmed
    // later shows from the next version.
    let (frame_nok, carried_in_nok) = match &frozen {
        Some(v) => (v.snapshot.frame_nok, v.snapshot.carried_in_nok),
        None => {
            let carried = store
                .carry_over(programme.id, year)
                .await?
                .map_or(0, |c| c.amount_nok);
            (programme.fields.yearly_budget_nok + carried, carried)
        }
    };
    let snapshot = PlanSnapshot {
        programme: programme.fields.name.clone(),
        year,
        version: plan.version,
        status: plan.status,
        adoption,
        frame_nok,
        carried_in_nok,
        sections,
    };
    Ok((snapshot, revision))
}

fn planned_measure(
    programme: &Programme,
    m: &Measure,
    number: String,
    evidence: EvidenceSummary,
) -> PlannedMeasure {
    let f = &m.fields;
    PlannedMeasure {
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
        evidence,
    }
}

/// Who and what a measure builds on: its idea and insights (or theme), every version
/// of its prototype and their test rounds, and the people behind them, counted.
pub async fn evidence(store: &dyn Store, m: &Measure) -> Result<EvidenceSummary, AppError> {
    Ok(evidence_of(store, &[m]).await?.pop().unwrap_or_default())
}

/// The evidence of each measure, in order, in the same few reads however many measures
/// there are (a plan of forty measures used to cost about ten reads each).
pub async fn evidence_of(
    store: &dyn Store,
    measures: &[&Measure],
) -> Result<Vec<EvidenceSummary>, AppError> {
    let sources: Vec<Option<&MeasureSource>> = measures.iter().map(|m| m.source.as_ref()).collect();
    evidence_of_sources(store, &sources).await
}

/// The evidence behind each source (a prototype version or an idea), as for a measure
/// made from it: the library's entries use it too.
pub async fn evidence_of_sources(
    store: &dyn Store,
    measures: &[Option<&MeasureSource>],
) -> Result<Vec<EvidenceSummary>, AppError> {
    let sources = distinct(measures.iter().filter_map(|m| match m {
        Some(MeasureSource::Prototype { prototype_id }) => Some(*prototype_id),
        _ => None,
    }));
    let versions = store.lineages_of(&sources).await?;
    let version_ids: Vec<Uuid> = versions.iter().map(|v| v.id).collect();
    let rounds = store.rounds_of(&version_ids).await?;
    let round_ids: Vec<Uuid> = rounds.iter().map(|r| r.id).collect();
    let mut answers_of: HashMap<Uuid, Vec<Feedback>> = HashMap::new();
    for answer in store.feedback_of(&round_ids).await? {
        answers_of.entry(answer.round_id).or_default().push(answer);
    }
    let prototype_of = |id: Uuid| versions.iter().find(|v| v.id == id);
    let sourced: Vec<Option<&Prototype>> = measures
        .iter()
        .map(|m| match m {
            Some(MeasureSource::Prototype { prototype_id }) => prototype_of(*prototype_id),
            _ => None,
        })
        .collect();
    let themes = distinct(sourced.iter().flatten().filter_map(|p| p.theme_id));
    let members = store.theme_members(&themes).await?;
    let ideas = distinct(
        measures
            .iter()
            .zip(&sourced)
            .filter_map(|(m, p)| idea_of(*m, *p)),
    );
    let links = store.insight_links(&ideas).await?;

    let mut summaries = Vec::with_capacity(measures.len());
    let mut behind = Vec::with_capacity(measures.len());
    for (m, prototype) in measures.iter().zip(&sourced) {
        let mut summary = EvidenceSummary::default();
        let mut cards: Vec<Uuid> = Vec::new();
        let mut tested: Vec<Uuid> = Vec::new();
        if let Some(prototype) = prototype {
            let lineage = versions
                .iter()
                .filter(|v| v.lineage_id == prototype.lineage_id);
            for v in lineage {
                summary.versions += 1;
                for round in rounds.iter().filter(|r| r.prototype_id == v.id) {
                    let answers = answers_of.get(&round.id).map_or(&[][..], Vec::as_slice);
                    let counted = FeedbackSummary::of(answers);
                    summary.rounds.push(RoundBrief {
                        version: v.version,
                        place: round.fields.place.clone(),
                        target_group: round.fields.target_group.clone(),
                        date: round.fields.starts_at.date(),
                        answers: counted.count,
                        mean_rating: counted.mean(),
                    });
                    tested.push(round.id);
                }
            }
            if let Some(theme) = prototype.theme_id {
                let of_theme = members.iter().filter(|(t, _)| *t == theme);
                let before = cards.len();
                cards.extend(of_theme.map(|(_, card)| *card));
                summary.insights += (cards.len() - before) as u32;
            }
        }
        if let Some(idea) = idea_of(*m, *prototype) {
            summary.ideas = 1;
            cards.push(idea);
            let insights = links.iter().filter(|(i, _)| *i == idea);
            let before = cards.len();
            cards.extend(insights.map(|(_, insight)| *insight));
            summary.insights += (cards.len() - before) as u32;
        }
        summaries.push(summary);
        behind.push((cards, tested));
    }

    let all_cards = distinct(behind.iter().flat_map(|(c, _)| c.iter().copied()));
    let all_rounds = distinct(behind.iter().flat_map(|(_, r)| r.iter().copied()));
    let mut people_of: HashMap<Uuid, Vec<Contribution>> = HashMap::new();
    for c in store.contributions(&all_cards, &all_rounds).await? {
        people_of.entry(c.source).or_default().push(c);
    }
    for (summary, (cards, tested)) in summaries.iter_mut().zip(&behind) {
        let people: HashMap<Uuid, &Contribution> = cards
            .iter()
            .chain(tested)
            .filter_map(|source| people_of.get(source))
            .flatten()
            .map(|c| (c.participant, c))
            .collect();
        summary.participants = people.len() as u32;
        summary.youth = people.values().filter(|c| c.young).count() as u32;
        summary.age_bands = tally(people.values().map(|c| c.age_band.map(|b| b.as_str())));
        summary.roles = tally(people.values().map(|c| c.role.map(|r| r.as_str())));
    }
    Ok(summaries)
}

/// How many of each code (those who gave none as `NOT_SAID`), in code order.
fn tally<'a>(codes: impl Iterator<Item = Option<&'a str>>) -> Vec<(String, u32)> {
    let mut counts = std::collections::BTreeMap::<&str, u32>::new();
    for code in codes {
        *counts.entry(code.unwrap_or(NOT_SAID)).or_default() += 1;
    }
    counts
        .into_iter()
        .map(|(c, n)| (c.to_string(), n))
        .collect()
}

/// Each id once, in first-seen order: a statement binds one variable per listed id.
fn distinct(ids: impl Iterator<Item = Uuid>) -> Vec<Uuid> {
    let mut seen = std::collections::HashSet::new();
    ids.filter(|id| seen.insert(*id)).collect()
}

/// The idea card a source builds on: its own, or its prototype's.
fn idea_of(source: Option<&MeasureSource>, prototype: Option<&Prototype>) -> Option<Uuid> {
    match source {
        Some(MeasureSource::Idea { card_id, .. }) => Some(*card_id),
        Some(MeasureSource::Prototype { .. }) => prototype.and_then(|p| p.idea_id),
        None => None,
    }
}
