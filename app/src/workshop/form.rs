//! The fields of the workshop form, shared by creating and editing, and their checks.
use crate::i18n::*;
use leptos::prelude::*;
use samskap_domain::programme::model::FocusArea;
use samskap_domain::workshop::model::WorkshopFields;
use uuid::Uuid;

/// Title, place, time, focus areas and co-facilitators; prefilled when editing. `me`
/// is left out of the facilitator boxes: the one who saves stays a facilitator.
#[component]
pub fn WorkshopInputs(
    /// Makes the element ids unique on the page.
    prefix: &'static str,
    fields: Option<WorkshopFields>,
    focus_areas: Vec<FocusArea>,
    facilitators: Vec<(Uuid, String)>,
    me: Uuid,
) -> impl IntoView {
    let i18n = use_i18n();
    let starts_at = fields
        .as_ref()
        .map(|f| f.starts_at.format("%Y-%m-%dT%H:%M").to_string())
        .unwrap_or_default();
    let fields = fields.unwrap_or(WorkshopFields {
        title: String::new(),
        place: String::new(),
        starts_at: chrono::NaiveDateTime::default(),
        focus_area_ids: Vec::new(),
        facilitator_ids: Vec::new(),
    });
    let checkbox = move |kind: &'static str, i: usize, id: Uuid, label: String, checked: bool| {
        let element = format!("{prefix}-{kind}-{i}");
        let name = format!("{kind}[{i}]");
        view! {
            <div class="check">
                <input
                    type="checkbox"
                    id=element.clone()
                    name=name
                    value=id.to_string()
                    checked=checked
                />
                <label for=element>{label}</label>
            </div>
        }
    };
    let focus_boxes = focus_areas
        .into_iter()
        .enumerate()
        .map(|(i, fa)| {
            let checked = fields.focus_area_ids.contains(&fa.id);
            checkbox("focus_areas", i, fa.id, fa.name, checked)
        })
        .collect_view();
    let facilitator_boxes = facilitators
        .into_iter()
        .filter(|(id, _)| *id != me)
        .enumerate()
        .map(|(i, (user, name))| {
            let checked = fields.facilitator_ids.contains(&user);
            checkbox("facilitators", i, user, name, checked)
        })
        .collect_view();
    let id = |field: &str| format!("{prefix}-{field}");
    let place_hint = id("place-hint");
    view! {
        <label for=id("title")>{t!(i18n, workshops.field_title)}</label>
        <input id=id("title") name="title" aria-required="true" value=fields.title.clone() />
        <label for=id("place")>{t!(i18n, workshops.place)}</label>
        <input
            id=id("place")
            name="place"
            aria-required="true"
            aria-describedby=place_hint.clone()
            value=fields.place.clone()
        />
        <p id=place_hint class="hint">
            {t!(i18n, workshops.place_hint)}
        </p>
        <label for=id("starts")>{t!(i18n, workshops.starts_at)}</label>
        <input
            id=id("starts")
            name="starts_at"
            type="datetime-local"
            aria-required="true"
            value=starts_at
        />
        <fieldset>
            <legend>{t!(i18n, workshops.focus_areas)}</legend>
            {focus_boxes}
        </fieldset>
        <fieldset>
            <legend>{t!(i18n, workshops.co_facilitators)}</legend>
            {facilitator_boxes}
        </fieldset>
    }
}

/// The workshop form's values, checked; `me` is always among the facilitators.
#[cfg(feature = "ssr")]
pub fn checked_fields(
    title: &str,
    place: &str,
    starts_at: &str,
    focus_areas: Vec<Uuid>,
    facilitators: Vec<Uuid>,
    me: Uuid,
) -> Result<WorkshopFields, crate::error::AppError> {
    use crate::error::Field;
    use samskap_domain::validate::{required, MAX_NAME};
    let mut facilitator_ids = vec![me];
    facilitator_ids.extend(facilitators.into_iter().filter(|f| *f != me));
    Ok(WorkshopFields {
        title: required(Field::Title, title, MAX_NAME)?,
        place: required(Field::Place, place, MAX_NAME)?,
        starts_at: parse_local_time(starts_at)?,
        focus_area_ids: focus_areas,
        facilitator_ids,
    })
}

/// A `datetime-local` value ("2026-11-24T18:00", seconds optional).
#[cfg(feature = "ssr")]
pub(crate) fn parse_local_time(
    value: &str,
) -> Result<chrono::NaiveDateTime, crate::error::AppError> {
    use crate::error::{AppError, Field};
    let value = value.trim();
    if value.is_empty() {
        return Err(AppError::Empty(Field::StartsAt));
    }
    ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|f| chrono::NaiveDateTime::parse_from_str(value, f).ok())
        .ok_or(AppError::OutOfRange(Field::StartsAt))
}
