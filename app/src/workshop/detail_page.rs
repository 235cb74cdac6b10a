//! `/workshops/{id}`: a workshop's facts, its status controls, the join code with its
//! QR code, and its boards with the form that adds one.
use super::labels::{phase_name, workshop_status_name};
use crate::error::{AppError, ErrorAlert};
use crate::i18n::*;
use crate::ui::guard::{by_id, Loaded};
use crate::ui::page::PageTitle;
use crate::ui::refresh::{refreshing, Refresh};
use leptos::prelude::*;
use samskap_domain::workshop::model::{display_join_code, Phase, Workshop, WorkshopStatus};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WorkshopPageData {
    pub workshop: Workshop,
    pub focus_area_names: Vec<String>,
    pub facilitator_names: Vec<String>,
    pub can_run: bool,
    pub join_url: String,
    /// The join link as a QR code, an inline SVG element.
    pub qr_svg: String,
    /// For the edit form: the programme's focus areas and the staff who can facilitate.
    pub all_focus_areas: Vec<samskap_domain::programme::model::FocusArea>,
    pub staff: Vec<(Uuid, String)>,
    pub me: Uuid,
    /// Who takes part, small counts suppressed.
    pub diversity: samskap_domain::inclusion::model::DiversityView,
    /// For those who run it: participants who joined in all, and in the last minute (a
    /// burst of joins nobody in the room explains is someone playing many).
    pub joined: Option<(u32, u32)>,
    /// The slug of its programme, for links to the programme's pages.
    pub programme_slug: String,
}

/// A workshop with what its page shows; any staff role.
#[server(endpoint = "workshops/get", output = crate::JsonText)]
pub async fn get_workshop(id: Uuid) -> Result<WorkshopPageData, AppError> {
    use crate::server::context::{app, require_member};
    let (me, programme) = require_member(samskap_domain::store::Item::Workshop(id)).await?;
    let store = app()?.store;
    let workshop = store.workshop(id).await?.ok_or(AppError::NotFound)?;
    let all_focus_areas = store.focus_areas(programme).await?;
    let focus_area_names = all_focus_areas
        .iter()
        .filter(|fa| workshop.fields.focus_area_ids.contains(&fa.id))
        .map(|fa| fa.name.clone())
        .collect();
    let users = store.members(programme).await?;
    let facilitator_names = users
        .iter()
        .filter(|u| workshop.fields.facilitator_ids.contains(&u.id))
        .map(|u| u.display_name.clone())
        .collect();
    let staff = users
        .into_iter()
        .filter(|u| u.active && u.role.can_create_workshops())
        .map(|u| (u.id, u.display_name))
        .collect();
    let join_url = super::qr::join_url(&workshop.join_code).await?;
    let can_run = workshop.can_run(&me);
    let joined = if can_run {
        let minute_ago = chrono::Utc::now() - chrono::Duration::minutes(1);
        Some(store.participants_joined(workshop.id, minute_ago).await?)
    } else {
        None
    };
    Ok(WorkshopPageData {
        programme_slug: crate::server::context::slug_of(programme).await?,
        joined,
        diversity: crate::inclusion::diversity::view_of(programme, Some(workshop.id)).await?,
        all_focus_areas,
        staff,
        me: me.id,
        can_run,
        qr_svg: super::qr::svg(&join_url)?,
        join_url,
        focus_area_names,
        facilitator_names,
        workshop,
    })
}

/// Changes a workshop's title, place, time, focus areas and facilitators (the one who
/// saves stays a facilitator); its facilitators and the lead only.
#[server(endpoint = "workshops/update", output = crate::JsonText)]
pub async fn update_workshop(
    id: Uuid,
    title: String,
    place: String,
    starts_at: String,
    #[server(default)] focus_areas: Vec<Uuid>,
    #[server(default)] facilitators: Vec<Uuid>,
) -> Result<(), AppError> {
    let (workshop, me) = runnable_workshop(id).await?;
    let fields =
        super::form::checked_fields(&title, &place, &starts_at, focus_areas, facilitators, me.id)?;
    let store = crate::server::context::app()?.store;
    store
        .update_workshop(id, workshop.programme_id, &fields)
        .await
        .map_err(AppError::from)
}

/// Moves a workshop along planned → live → closed (or reopens a closed one); its
/// facilitators and the lead only.
#[server(endpoint = "workshops/status", output = crate::JsonText)]
pub async fn set_workshop_status(id: Uuid, status: String) -> Result<(), AppError> {
    use crate::server::context::app;
    let status: WorkshopStatus = status.parse().map_err(|_| AppError::BadRequest)?;
    let (workshop, me) = runnable_workshop(id).await?;
    if !workshop.status.can_become(status) {
        return Err(AppError::BadRequest);
    }
    app()?.store.set_workshop_status(id, status).await?;
    tracing::info!(by = %me.id, workshop = %id, status = status.as_str(), "workshop status changed");
    Ok(())
}

/// Sets how many reports hide a card (1–50), whether every post is held for approval
/// and the participant cap (empty: none); its facilitators and the lead only.
#[server(endpoint = "workshops/moderation", output = crate::JsonText)]
pub async fn set_moderation(
    id: Uuid,
    report_threshold: String,
    #[server(default)] premoderation: String,
    #[server(default)] participant_cap: String,
) -> Result<(), AppError> {
    use crate::error::Field;
    use crate::server::context::app;
    let threshold = samskap_domain::validate::number(
        Field::ReportThreshold,
        &report_threshold,
        1..=samskap_domain::workshop::model::MAX_REPORT_THRESHOLD,
    )?;
    let cap = if participant_cap.trim().is_empty() {
        None
    } else {
        Some(samskap_domain::validate::number(
            Field::ParticipantCap,
            &participant_cap,
            1..=samskap_domain::workshop::model::MAX_PARTICIPANT_CAP,
        )? as u32)
    };
    runnable_workshop(id).await?;
    let moderation = samskap_domain::workshop::model::Moderation {
        report_threshold: threshold as u32,
        premoderation: premoderation == "on",
        participant_cap: cap,
    };
    app()?
        .store
        .set_moderation(id, moderation)
        .await
        .map_err(AppError::from)
}

/// Adds a board (closed for posting) to a workshop; its facilitators and the lead only.
#[server(endpoint = "boards/create", output = crate::JsonText)]
pub async fn create_board(
    workshop_id: Uuid,
    prompt: String,
    phase: String,
) -> Result<Uuid, AppError> {
    use crate::error::Field;
    use crate::server::context::app;
    let phase: Phase = phase.parse().map_err(|_| AppError::BadRequest)?;
    let prompt = samskap_domain::validate::required(
        Field::Prompt,
        &prompt,
        samskap_domain::workshop::model::MAX_PROMPT,
    )?;
    runnable_workshop(workshop_id).await?;
    let board = app()?
        .store
        .create_board(workshop_id, &prompt, phase)
        .await?;
    Ok(board.id)
}

/// The workshop, if the caller may run it (`Forbidden` otherwise), and the caller.
#[cfg(feature = "ssr")]
pub async fn runnable_workshop(
    id: Uuid,
) -> Result<(Workshop, samskap_domain::account::model::User), AppError> {
    use crate::server::context::{app, require_member};
    use samskap_domain::store::Item;
    let (me, _) = require_member(Item::Workshop(id)).await?;
    let workshop = app()?.store.workshop(id).await?.ok_or(AppError::NotFound)?;
    if workshop.can_run(&me) {
        Ok((workshop, me))
    } else {
        Err(AppError::Forbidden)
    }
}

#[component]
pub fn WorkshopPage() -> impl IntoView {
    let data = by_id(Refresh::provide(), get_workshop);
    view! {
        <main id="main" class="page">
            <Loaded resource=data let:data>
                <WorkshopView data />
            </Loaded>
        </main>
    }
}

#[component]
fn WorkshopView(data: WorkshopPageData) -> impl IntoView {
    let i18n = use_i18n();
    provide_context(crate::ui::programme_path::InProgramme(
        data.programme_slug.clone(),
    ));
    let w = data.workshop.clone();
    let title = w.fields.title.clone();
    let when = w.fields.starts_at.format("%d.%m.%Y %H:%M").to_string();
    let boards = w
        .boards
        .iter()
        .map(|b| {
            view! {
                <li class="card">
                    <h3>
                        <a href=format!("/boards/{}", b.id)>{b.prompt.clone()}</a>
                    </h3>
                    <p>{phase_name(i18n, b.phase)}</p>
                </li>
            }
        })
        .collect_view();
    let live = w.status == WorkshopStatus::Live;
    view! {
        <PageTitle text=title.clone() />
        <p>
            <a href=crate::ui::programme_path::here(
                "/workshops",
            )>{t!(i18n, workshops.back_to_list)}</a>
        </p>
        <h1>{title}</h1>
        <dl class="facts">
            <div>
                <dt>{t!(i18n, workshops.place)}</dt>
                <dd>{w.fields.place.clone()}</dd>
            </div>
            <div>
                <dt>{t!(i18n, workshops.starts_at)}</dt>
                <dd>{when}</dd>
            </div>
            <div>
                <dt>{t!(i18n, workshops.status)}</dt>
                <dd>{workshop_status_name(i18n, w.status)}</dd>
            </div>
            <div>
                <dt>{t!(i18n, workshops.focus_areas)}</dt>
                <dd>{data.focus_area_names.join(", ")}</dd>
            </div>
            <div>
                <dt>{t!(i18n, workshops.facilitators)}</dt>
                <dd>{data.facilitator_names.join(", ")}</dd>
            </div>
            {data
                .joined
                .map(|(all, last_minute)| {
                    view! {
                        <div>
                            <dt>{t!(i18n, workshops.joined)}</dt>
                            <dd>
                                {t!(
                                    i18n, workshops.joined_counts, all = all, last_minute = last_minute
                                )}
                            </dd>
                        </div>
                    }
                })}
        </dl>
        {data.can_run.then(|| view! { <StatusControls id=w.id status=w.status /> })}
        {data.can_run.then(|| view! { <ModerationForm id=w.id moderation=w.moderation /> })}
        {data
            .can_run
            .then(|| {
                view! {
                    <EditWorkshopForm
                        workshop=w.clone()
                        focus_areas=data.all_focus_areas.clone()
                        staff=data.staff.clone()
                        me=data.me
                    />
                }
            })}
        {live
            .then(|| {
                view! {
                    <JoinPanel
                        code=w.join_code.clone()
                        url=data.join_url.clone()
                        qr_svg=data.qr_svg.clone()
                    />
                }
            })}
        <section aria-labelledby="boards-heading">
            <h2 id="boards-heading">{t!(i18n, workshops.boards)}</h2>
            <ol class="cards">{boards}</ol>
            {data.can_run.then(|| view! { <AddBoardForm workshop_id=w.id /> })}
        </section>
        <crate::inclusion::diversity::LiveDiversity
            workshop=Some(w.id)
            programme=None
            initial=data.diversity.clone()
        />
        {data
            .can_run
            .then(|| {
                view! {
                    <p>
                        <a href=format!("/workshops/{}/evaluation.csv", w.id) download>
                            {t!(i18n, diversity.export)}
                        </a>
                    </p>
                }
            })}
    }
}

/// The join code in large type, its link and QR code.
#[component]
pub fn JoinPanel(code: String, url: String, qr_svg: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="join-panel" aria-labelledby="join-heading">
            <h2 id="join-heading">{t!(i18n, workshops.join_heading)}</h2>
            <p class="join-code">{display_join_code(&code)}</p>
            <div
                class="qr"
                role="img"
                aria-label=move || t_string!(i18n, workshops.qr_label)
                inner_html=qr_svg
            ></div>
            <p class="join-url">
                <a href=url.clone()>{url.clone()}</a>
            </p>
        </section>
    }
}

#[component]
fn StatusControls(id: Uuid, status: WorkshopStatus) -> impl IntoView {
    let i18n = use_i18n();
    let (action, form, error) = refreshing::<SetWorkshopStatus>();
    let (next, label) = match status {
        WorkshopStatus::Planned => (WorkshopStatus::Live, t_string!(i18n, workshops.start)),
        WorkshopStatus::Live => (WorkshopStatus::Closed, t_string!(i18n, workshops.close)),
        WorkshopStatus::Closed => (WorkshopStatus::Live, t_string!(i18n, workshops.reopen)),
    };
    view! {
        <ActionForm action node_ref=form attr:class="inline">
            <input type="hidden" name="id" value=id.to_string() />
            <input type="hidden" name="status" value=next.as_str() />
            <button type="submit" class="primary">
                {label}
            </button>
        </ActionForm>
        <ErrorAlert error />
    }
}

#[component]
fn EditWorkshopForm(
    workshop: Workshop,
    focus_areas: Vec<samskap_domain::programme::model::FocusArea>,
    staff: Vec<(Uuid, String)>,
    me: Uuid,
) -> impl IntoView {
    let i18n = use_i18n();
    let (action, form, error) = refreshing::<UpdateWorkshop>();
    view! {
        <details class="editor">
            <summary>{t!(i18n, workshops.edit)}</summary>
            <ActionForm action node_ref=form attr:class="form">
                <input type="hidden" name="id" value=workshop.id.to_string() />
                <super::form::WorkshopInputs
                    prefix="edit-ws"
                    fields=Some(workshop.fields.clone())
                    focus_areas
                    facilitators=staff
                    me
                />
                <ErrorAlert error />
                <button type="submit" class="primary">
                    {t!(i18n, workshops.save)}
                </button>
            </ActionForm>
        </details>
    }
}

#[component]
fn ModerationForm(
    id: Uuid,
    moderation: samskap_domain::workshop::model::Moderation,
) -> impl IntoView {
    let i18n = use_i18n();
    let (action, form, error) = refreshing::<SetModeration>();
    view! {
        <details class="editor">
            <summary>{t!(i18n, moderation.settings)}</summary>
            <ActionForm action node_ref=form attr:class="form">
                <input type="hidden" name="id" value=id.to_string() />
                <label for="mod-threshold">{t!(i18n, moderation.threshold)}</label>
                <input
                    id="mod-threshold"
                    name="report_threshold"
                    type="number"
                    min="1"
                    max=samskap_domain::workshop::model::MAX_REPORT_THRESHOLD.to_string()
                    value=moderation.report_threshold.to_string()
                    class="short"
                />
                <label for="mod-cap">{t!(i18n, moderation.participant_cap)}</label>
                <p class="hint" id="mod-cap-hint">
                    {t!(i18n, moderation.participant_cap_hint)}
                </p>
                <input
                    id="mod-cap"
                    name="participant_cap"
                    type="number"
                    min="1"
                    max=samskap_domain::workshop::model::MAX_PARTICIPANT_CAP.to_string()
                    aria-describedby="mod-cap-hint"
                    value=moderation.participant_cap.map(|c| c.to_string()).unwrap_or_default()
                    class="short"
                />
                <div class="check">
                    <input
                        type="checkbox"
                        id="mod-premoderation"
                        name="premoderation"
                        checked=moderation.premoderation
                    />
                    <label for="mod-premoderation">{t!(i18n, moderation.premoderation)}</label>
                </div>
                <p class="hint">{t!(i18n, moderation.word_list_hint)}</p>
                <ErrorAlert error />
                <button type="submit">{t!(i18n, moderation.save)}</button>
            </ActionForm>
        </details>
    }
}

#[component]
fn AddBoardForm(workshop_id: Uuid) -> impl IntoView {
    let i18n = use_i18n();
    let (action, form, error) = refreshing::<CreateBoard>();
    let phases = Phase::ALL
        .iter()
        .map(|p| view! { <option value=p.as_str()>{phase_name(i18n, *p)}</option> })
        .collect_view();
    view! {
        <ActionForm
            action
            node_ref=form
            attr:class="form add"
            attr:aria-labelledby="add-board-heading"
        >
            <h3 id="add-board-heading">{t!(i18n, workshops.new_board)}</h3>
            <input type="hidden" name="workshop_id" value=workshop_id.to_string() />
            <label for="add-board-prompt">{t!(i18n, workshops.prompt)}</label>
            <input
                id="add-board-prompt"
                name="prompt"
                aria-required="true"
                aria-describedby="add-board-hint"
            />
            <p id="add-board-hint" class="hint">
                {t!(i18n, workshops.prompt_hint)}
            </p>
            <label for="add-board-phase">{t!(i18n, workshops.phase)}</label>
            <select id="add-board-phase" name="phase">
                {phases}
            </select>
            <ErrorAlert error />
            <button type="submit" class="primary">
                {t!(i18n, workshops.add_board)}
            </button>
        </ActionForm>
    }
}
