//! `/workshops`: every workshop of the programme, and the form that creates one.
use super::labels::workshop_status_name;
use crate::error::{AppError, ErrorAlert};
use crate::i18n::*;
use crate::ui::guard::Loaded;
use crate::ui::page::PageTitle;
use crate::ui::refresh::{refreshing, Refresh};
use leptos::prelude::*;
use samskap_domain::programme::model::FocusArea;
use samskap_domain::workshop::model::Workshop;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WorkshopsPageData {
    pub workshops: Vec<Workshop>,
    pub focus_areas: Vec<FocusArea>,
    /// Staff who can facilitate: id and name.
    pub facilitators: Vec<(Uuid, String)>,
    pub me: Uuid,
    pub can_create: bool,
}

/// The programme's workshops, with what the creation form offers; any staff role.
#[server(endpoint = "workshops/list", output = crate::JsonText)]
pub async fn list_workshops(programme: String) -> Result<WorkshopsPageData, AppError> {
    use crate::server::context::{app, programme_named, require_member};
    let (me, programme) = require_member(programme_named(&programme).await?).await?;
    let store = app()?.store;
    let workshops = store.workshops(programme).await?;
    let focus_areas = store.focus_areas(programme).await?;
    let facilitators = store
        .members(programme)
        .await?
        .into_iter()
        .filter(|u| u.active && u.role.can_create_workshops())
        .map(|u| (u.id, u.display_name))
        .collect();
    Ok(WorkshopsPageData {
        workshops,
        focus_areas,
        facilitators,
        me: me.id,
        can_create: me.role.can_create_workshops(),
    })
}

/// Creates a planned workshop with a fresh join code; the creator is one of its
/// facilitators. `starts_at` is local time as a `datetime-local` input sends it.
#[server(endpoint = "workshops/create", output = crate::JsonText)]
pub async fn create_workshop(
    programme: String,
    title: String,
    place: String,
    starts_at: String,
    #[server(default)] focus_areas: Vec<Uuid>,
    #[server(default)] facilitators: Vec<Uuid>,
) -> Result<Uuid, AppError> {
    use crate::server::context::{app, programme_named, require_role};
    use samskap_domain::store::StoreError;
    let (me, programme) = require_role(
        programme_named(&programme).await?,
        samskap_domain::account::model::Role::can_create_workshops,
    )
    .await?;
    let fields =
        super::form::checked_fields(&title, &place, &starts_at, focus_areas, facilitators, me.id)?;
    let store = app()?.store;
    // A clash of random codes is rare; try a few before giving up.
    for _ in 0..5 {
        match store
            .create_workshop(programme, &fields, &new_join_code())
            .await
        {
            Err(StoreError::Duplicate) => continue,
            Ok(id) => {
                tracing::info!(by = %me.id, workshop = %id, "workshop created");
                return Ok(id);
            }
            Err(other) => return Err(AppError::from(other)),
        }
    }
    Err(AppError::Internal)
}

/// A random join code from the unambiguous alphabet.
#[cfg(feature = "ssr")]
fn new_join_code() -> String {
    use rand::Rng;
    use samskap_domain::workshop::model::{JOIN_ALPHABET, JOIN_CODE_LEN};
    let mut rng = rand::thread_rng();
    (0..JOIN_CODE_LEN)
        .map(|_| JOIN_ALPHABET[rng.gen_range(0..JOIN_ALPHABET.len())] as char)
        .collect()
}

#[component]
pub fn WorkshopsPage() -> impl IntoView {
    let i18n = use_i18n();
    let refresh = Refresh::provide();
    let slug = crate::ui::programme_path::use_programme();
    let data = Resource::new(
        move || refresh.track(),
        move |_| list_workshops(slug.clone()),
    );
    view! {
        <PageTitle text=move || t_string!(i18n, workshops.title).to_string() />
        <main id="main" class="page">
            <h1>{t!(i18n, workshops.title)}</h1>
            <Loaded resource=data let:data>
                <WorkshopList workshops=data.workshops.clone() />
                {data
                    .can_create
                    .then(|| {
                        view! {
                            <CreateWorkshopForm
                                focus_areas=data.focus_areas.clone()
                                facilitators=data.facilitators.clone()
                                me=data.me
                            />
                        }
                    })}
            </Loaded>
        </main>
    }
}

#[component]
fn WorkshopList(workshops: Vec<Workshop>) -> impl IntoView {
    let i18n = use_i18n();
    if workshops.is_empty() {
        return view! { <p>{t!(i18n, workshops.none)}</p> }.into_any();
    }
    let items = workshops
        .into_iter()
        .map(|w| {
            let when = w.fields.starts_at.format("%d.%m.%Y %H:%M").to_string();
            view! {
                <li class="card">
                    <h2>
                        <a href=format!("/workshops/{}", w.id)>{w.fields.title.clone()}</a>
                    </h2>
                    <p>{w.fields.place.clone()} " · " {when}</p>
                    <p>
                        <span class=format!(
                            "status status-{}",
                            w.status.as_str(),
                        )>{workshop_status_name(i18n, w.status)}</span>
                    </p>
                </li>
            }
        })
        .collect_view();
    view! { <ol class="cards">{items}</ol> }.into_any()
}

#[component]
fn CreateWorkshopForm(
    focus_areas: Vec<FocusArea>,
    facilitators: Vec<(Uuid, String)>,
    me: Uuid,
) -> impl IntoView {
    let i18n = use_i18n();
    let (action, form, error) = refreshing::<CreateWorkshop>();
    view! {
        <ActionForm
            action
            node_ref=form
            attr:class="form add"
            attr:aria-labelledby="new-ws-heading"
        >
            <crate::ui::programme_path::ProgrammeField />
            <h2 id="new-ws-heading">{t!(i18n, workshops.new)}</h2>
            <super::form::WorkshopInputs prefix="new-ws" fields=None focus_areas facilitators me />
            <ErrorAlert error />
            <button type="submit" class="primary">
                {t!(i18n, workshops.create)}
            </button>
        </ActionForm>
    }
}
