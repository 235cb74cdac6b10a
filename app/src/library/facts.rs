//! What a library entry says about the prototype or measure it is learnt from, gathered
//! from the pipeline and the plan when staff save the write-up (server only).
use crate::error::AppError;
use chrono::Datelike;
use samskap_domain::inclusion::model::Count;
use samskap_domain::library::model::{
    Breakdown, EntryFacts, EntryKind, EntryOutcome, YOUNG_BANDS, YOUNG_ROLES,
};
use samskap_domain::pipeline::model::{PrototypeStatus, TestRound};
use samskap_domain::plan::model::{EvidenceSummary, MeasureSource, MeasureStatus};
use samskap_domain::store::Store;
use uuid::Uuid;

/// The entry's source (the lineage) and facts of decided prototype version `version` of
/// `programme`. `NotFinished` unless it was decided *proceed* or *drop*.
pub async fn of_prototype(
    store: &dyn Store,
    programme: Uuid,
    version: Uuid,
) -> Result<(Uuid, EntryFacts), AppError> {
    let dossier = crate::pipeline::prototype_page::dossier(store, version).await?;
    let p = &dossier.prototype;
    let outcome = match p.status {
        PrototypeStatus::Proceed => EntryOutcome::Proceeded,
        PrototypeStatus::Dropped => EntryOutcome::Dropped,
        PrototypeStatus::Open | PrototypeStatus::Iterated => return Err(AppError::NotFinished),
    };
    let decision = dossier.decision.as_ref().ok_or(AppError::NotFinished)?;
    let source = MeasureSource::Prototype { prototype_id: p.id };
    let evidence = evidence(store, &source).await?;
    let rounds: Vec<&TestRound> = dossier.rounds.iter().map(|r| &r.round).collect();
    let mut learning: Vec<&str> = dossier
        .versions
        .iter()
        .map(|v| v.learning.as_str())
        .collect();
    learning.push(&decision.learning);
    let decided_on = decision.decided_at.date_naive();
    Ok((
        p.lineage_id,
        EntryFacts {
            kind: EntryKind::Prototype,
            outcome,
            title: p.fields.title.clone(),
            question: question(store, dossier.idea.as_ref().map(|i| i.board_id)).await?,
            description: p.fields.description.clone(),
            assumption: p.fields.assumption.clone(),
            reason: decision.reason.clone(),
            learning: paragraphs(learning),
            target_group: target_groups(&rounds),
            focus_area: focus_area(
                store,
                programme,
                dossier.idea.as_ref().and_then(|i| i.focus_area_id),
            )
            .await?,
            cost_nok: None,
            results: String::new(),
            year: decided_on.year(),
            decided_on,
            ..counted(&evidence)
        },
    ))
}

/// The facts of finished measure `id` of `programme` (`NotFinished` unless it is done
/// or dropped).
pub async fn of_measure(
    store: &dyn Store,
    programme: Uuid,
    id: Uuid,
) -> Result<EntryFacts, AppError> {
    let m = store.measure(id).await?.ok_or(AppError::NotFound)?;
    let outcome = match m.status {
        MeasureStatus::Done => EntryOutcome::Completed,
        MeasureStatus::Dropped => EntryOutcome::Dropped,
        _ => return Err(AppError::NotFinished),
    };
    let evidence = crate::plan::snapshot::evidence(store, &m).await?;
    let (prototype, idea) = match &m.source {
        Some(MeasureSource::Prototype { prototype_id }) => {
            let p = store.prototype(*prototype_id).await?;
            let idea = match p.as_ref().and_then(|p| p.idea_id) {
                Some(idea) => store.card(idea).await?,
                None => None,
            };
            (p, idea)
        }
        Some(MeasureSource::Idea { card_id, .. }) => (None, store.card(*card_id).await?),
        None => (None, None),
    };
    let rounds = match &prototype {
        Some(p) => {
            let versions: Vec<Uuid> = store
                .lineage(p.lineage_id)
                .await?
                .iter()
                .map(|v| v.id)
                .collect();
            store.rounds_of(&versions).await?
        }
        None => Vec::new(),
    };
    let learning = match &prototype {
        Some(p) => store
            .decision(p.id)
            .await?
            .map(|d| d.learning)
            .unwrap_or_default(),
        None => String::new(),
    };
    let latest_note = store
        .progress_notes(programme)
        .await?
        .into_iter()
        .rfind(|n| n.measure_id == id && !n.results.trim().is_empty())
        .map(|n| n.results);
    let decided_on = store
        .audit_of(&[id])
        .await?
        .iter()
        .map(|e| e.at)
        .max()
        .unwrap_or(m.created_at)
        .date_naive();
    Ok(EntryFacts {
        kind: EntryKind::Measure,
        outcome,
        title: m.fields.title.clone(),
        question: question(store, idea.as_ref().map(|i| i.board_id)).await?,
        description: m.fields.what.clone(),
        assumption: prototype
            .as_ref()
            .map(|p| p.fields.assumption.clone())
            .unwrap_or_default(),
        reason: m.drop_reason.clone(),
        learning,
        target_group: target_groups(&rounds.iter().collect::<Vec<_>>()),
        focus_area: focus_area(store, programme, m.fields.focus_area_id).await?,
        cost_nok: Some(m.fields.funding.total()),
        results: paragraphs(vec![
            &m.fields.expected_result,
            latest_note.as_deref().unwrap_or(""),
        ]),
        year: m.fields.year,
        decided_on,
        ..counted(&evidence)
    })
}

/// The evidence of one source, as for a measure made from it.
async fn evidence(store: &dyn Store, source: &MeasureSource) -> Result<EvidenceSummary, AppError> {
    Ok(
        crate::plan::snapshot::evidence_of_sources(store, &[Some(source)])
            .await?
            .pop()
            .unwrap_or_default(),
    )
}

/// The counted part of the facts (the rest filled in by the caller); participant
/// counts under five only as "few", since the entry may be published.
fn counted(evidence: &EvidenceSummary) -> EntryFacts {
    let answers: u32 = evidence.rounds.iter().map(|r| r.answers).sum();
    // The youth count is published exactly unless few: the breakdowns must not let
    // the young outside their named groups be worked out from it.
    let youth = Count::of(evidence.youth).exact();
    let rated: f64 = evidence
        .rounds
        .iter()
        .filter_map(|r| r.mean_rating.map(|m| m * f64::from(r.answers)))
        .sum();
    EntryFacts {
        kind: EntryKind::Prototype,
        outcome: EntryOutcome::Dropped,
        title: String::new(),
        question: String::new(),
        description: String::new(),
        assumption: String::new(),
        reason: String::new(),
        learning: String::new(),
        versions: evidence.versions,
        insights: evidence.insights,
        rounds: evidence.rounds.len() as u32,
        answers: Count::of(answers),
        mean_rating: (Count::of(answers) != Count::Few && answers > 0)
            .then(|| (rated / f64::from(answers) * 10.0).round() / 10.0),
        participants: Count::of(evidence.participants),
        youth: Count::of(evidence.youth),
        age_bands: Breakdown::beside(evidence.age_bands.iter().cloned(), youth, &YOUNG_BANDS),
        roles: Breakdown::beside(evidence.roles.iter().cloned(), youth, &YOUNG_ROLES),
        target_group: String::new(),
        focus_area: String::new(),
        cost_nok: None,
        results: String::new(),
        year: 0,
        decided_on: chrono::NaiveDate::default(),
    }
}

/// The "Hvordan kan vi …" question of the idea's board.
async fn question(store: &dyn Store, board: Option<Uuid>) -> Result<String, AppError> {
    Ok(match board {
        Some(board) => store
            .board(board)
            .await?
            .map(|b| b.prompt)
            .unwrap_or_default(),
        None => String::new(),
    })
}

/// The name of focus area `id` of `programme`.
async fn focus_area(
    store: &dyn Store,
    programme: Uuid,
    id: Option<Uuid>,
) -> Result<String, AppError> {
    let Some(id) = id else {
        return Ok(String::new());
    };
    Ok(store
        .focus_areas(programme)
        .await?
        .into_iter()
        .find(|a| a.id == id)
        .map(|a| a.name)
        .unwrap_or_default())
}

/// The rounds' target groups, each once, in order.
fn target_groups(rounds: &[&TestRound]) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for r in rounds {
        let group = r.fields.target_group.trim();
        if !group.is_empty() && !seen.contains(&group) {
            seen.push(group);
        }
    }
    seen.join("; ")
}

/// The non-empty texts as paragraphs.
fn paragraphs(texts: Vec<&str>) -> String {
    texts
        .into_iter()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}
