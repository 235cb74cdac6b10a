//! `/measures/new?prototype={id}` or `?idea={id}`: the core team promotes a prototype
//! decided *proceed* (or an idea, with a written justification) into a candidate
//! measure, filling in the activity-plan template.
use super::fields::{MeasureFormFields, MeasureInput};
use crate::error::{AppError, ErrorAlert};
use crate::i18n::*;
use crate::ui::guard::Loaded;
use crate::ui::page::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use samskap_domain::plan::model::MAX_MEASURE_TEXT;
use samskap_domain::programme::model::Programme;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PromoteData {
    pub programme: Programme,
    /// The prototype's title (with its version) or the idea's text.
    pub source_title: String,
    /// Where to read the evidence it builds on.
    pub source_href: String,
    pub from_idea: bool,
    pub prefill: MeasureInput,
}

/// The form's starting point for a proceeded prototype version or an idea card; the
/// lead and the core team. `NotProceeded` for a version not decided *proceed*.
#[server(endpoint = "measures/draft", output = crate::JsonText)]
pub async fn promotion_draft(
    #[server(default)] prototype_id: Option<Uuid>,
    #[server(default)] idea_id: Option<Uuid>,
) -> Result<PromoteData, AppError> {
    use samskap_domain::pipeline::model::PrototypeStatus;
    use samskap_domain::workshop::model::CardKind;
    let item = match (prototype_id, idea_id) {
        (Some(id), None) => samskap_domain::store::Item::Prototype(id),
        (None, Some(card)) => samskap_domain::store::Item::Card(card),
        _ => return Err(AppError::BadRequest),
    };
    let (store, _, programme) = super::access::planner(item).await?;
    let programme = super::access::programme(store.as_ref(), programme).await?;
    let year = chrono::Datelike::year(&chrono::Local::now())
        .clamp(programme.fields.start_year, programme.fields.end_year);
    let mut prefill = MeasureInput {
        year: year.to_string(),
        starts_on: format!("{year}-01-01"),
        ends_on: format!("{year}-12-31"),
        ..MeasureInput::default()
    };
    let (source_title, source_href, from_idea) = match (prototype_id, idea_id) {
        (Some(id), None) => {
            let p = store.prototype(id).await?.ok_or(AppError::NotFound)?;
            if p.status != PrototypeStatus::Proceed {
                return Err(AppError::NotProceeded);
            }
            prefill.title = p.fields.title.clone();
            prefill.what = p.fields.description.clone();
            let title = format!("{} v{}", p.fields.title, p.version);
            (title, format!("/trace/prototypes/{id}"), false)
        }
        (None, Some(id)) => {
            let card = store.card(id).await?.ok_or(AppError::NotFound)?;
            if card.kind != CardKind::Idea {
                return Err(AppError::NotAnIdea);
            }
            prefill.what = card.body.clone();
            prefill.focus_area = card
                .focus_area_id
                .map(|f| f.to_string())
                .unwrap_or_default();
            (card.body, format!("/trace/cards/{id}"), true)
        }
        _ => return Err(AppError::BadRequest),
    };
    Ok(PromoteData {
        programme,
        source_title,
        source_href,
        from_idea,
        prefill,
    })
}

/// Promotes into a candidate measure, ranked last in its year and focus area, and goes
/// to it. Exactly one of `prototype_id` (decided *proceed*) and `idea_id` (with a
/// `justification`); the lead and the core team.
#[server(endpoint = "measures/promote", output = crate::JsonText)]
pub async fn promote(
    #[server(default)] prototype_id: Option<Uuid>,
    #[server(default)] idea_id: Option<Uuid>,
    #[server(default)] justification: String,
    fields: MeasureInput,
) -> Result<Uuid, AppError> {
    use crate::error::Field;
    use samskap_domain::store::plan_store::Promotion;
    let item = match (prototype_id, idea_id) {
        (Some(id), None) => samskap_domain::store::Item::Prototype(id),
        (None, Some(card)) => samskap_domain::store::Item::Card(card),
        _ => return Err(AppError::BadRequest),
    };
    let (store, actor, programme) = super::access::planner(item).await?;
    let programme = super::access::programme(store.as_ref(), programme).await?;
    let from = match (prototype_id, idea_id) {
        (Some(id), None) => Promotion::Prototype(id),
        (None, Some(card)) => Promotion::Idea {
            card,
            justification: samskap_domain::validate::required(
                Field::Justification,
                &justification,
                MAX_MEASURE_TEXT,
            )?,
        },
        _ => return Err(AppError::BadRequest),
    };
    let fields = fields.parse(&programme)?;
    let measure = store.promote(programme.id, &from, &fields, &actor).await?;
    leptos_axum::redirect(&format!("/measures/{}", measure.id));
    Ok(measure.id)
}

#[component]
pub fn PromotePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            query.with(|q| {
                (
                    q.get("prototype").and_then(|v| v.parse::<Uuid>().ok()),
                    q.get("idea").and_then(|v| v.parse::<Uuid>().ok()),
                )
            })
        },
        |(prototype, idea)| promotion_draft(prototype, idea),
    );
    view! {
        <PageTitle text=move || t_string!(i18n, plan.promote_title).to_string() />
        <main id="main" class="page">
            <h1>{t!(i18n, plan.promote_title)}</h1>
            <Loaded resource=data let:data>
                <PromoteForm data />
            </Loaded>
        </main>
    }
}

#[component]
fn PromoteForm(data: PromoteData) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<Promote>::new();
    let error = Signal::derive(move || crate::ui::refresh::last_error(action));
    let query = use_query_map().get_untracked();
    let (name, value) = match (query.get("prototype"), query.get("idea")) {
        (Some(id), _) => ("prototype_id", id),
        (None, id) => ("idea_id", id.unwrap_or_default()),
    };
    let justification = data.from_idea.then(|| {
        view! {
            <label for="promote-justification">{t!(i18n, plan.justification)}</label>
            <p class="hint" id="promote-justification-hint">
                {t!(i18n, plan.justification_hint)}
            </p>
            <textarea
                id="promote-justification"
                name="justification"
                rows="3"
                required
                maxlength=MAX_MEASURE_TEXT.to_string()
                aria-describedby="promote-justification-hint"
            ></textarea>
        }
    });
    view! {
        <p>
            {t!(i18n, plan.promote_from)} " " <a href=data.source_href dir="auto">
                {data.source_title}
            </a>
        </p>
        <ActionForm action attr:class="form measure-form">
            <input type="hidden" name=name value=value />
            {justification}
            <MeasureFormFields value=data.prefill programme=data.programme prefix="promote" />
            <ErrorAlert error />
            <button type="submit" class="primary">
                {t!(i18n, plan.promote)}
            </button>
        </ActionForm>
    }
}
