//! The diversity view: who takes part, by age band and role, the share from youth,
//! the focus areas without youth input and the groups under the programme's target.
//! Counts under 5 are shown as "<5"; the facilitator's copy refreshes while they watch.
use crate::error::AppError;
use crate::i18n::*;
use crate::join::page::{age_band_name, participant_role_name};
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use samskap_domain::inclusion::model::{DiversityView, Line};
use samskap_domain::workshop::model::{AgeBand, ParticipantRole};
use uuid::Uuid;

/// How often a shown view is refetched (participants join without a board event).
const REFRESH_MS: u64 = 15_000;
/// How long a live board's changes gather before the panel refetches.
const CHANGE_DELAY_MS: u64 = 1_000;

/// The diversity view of one workshop, or of the whole programme named `programme`;
/// any staff role there.
#[server(endpoint = "inclusion/diversity", output = crate::JsonText)]
pub async fn diversity(
    workshop: Option<Uuid>,
    programme: Option<String>,
) -> Result<DiversityView, AppError> {
    let item = match (workshop, programme) {
        (Some(id), _) => samskap_domain::store::Item::Workshop(id),
        (None, Some(slug)) => crate::server::context::programme_named(&slug).await?,
        (None, None) => return Err(AppError::NotFound),
    };
    let (_, programme) = crate::server::context::require_member(item).await?;
    view_of(programme, workshop).await
}

/// The diversity view, for the pages that bring it with their data (the caller checks
/// who may see it).
#[cfg(feature = "ssr")]
pub async fn view_of(programme: Uuid, workshop: Option<Uuid>) -> Result<DiversityView, AppError> {
    use crate::server::context::app;
    let store = app()?.store;
    let programme = crate::plan::access::programme(store.as_ref(), programme).await?;
    if let Some(id) = workshop {
        store.workshop(id).await?.ok_or(AppError::NotFound)?;
    }
    let raw = store.participation(programme.id, workshop).await?;
    let settings = store.inclusion_settings(programme.id).await?;
    let areas: Vec<(Uuid, String)> = programme
        .focus_areas
        .into_iter()
        .map(|fa| (fa.id, fa.name))
        .collect();
    Ok(DiversityView::new(&raw, &settings, &areas))
}

/// The panel on a page that is otherwise static (the workshop and programme pages): an
/// island of its own, so its refresh runs.
// An island in the staff's bundle only: participants never see the panel.
#[cfg_attr(feature = "staff", island)]
#[cfg_attr(not(feature = "staff"), component)]
pub fn LiveDiversity(
    workshop: Option<Uuid>,
    /// The programme's slug when `workshop` is `None`.
    programme: Option<String>,
    initial: DiversityView,
) -> impl IntoView {
    crate::ui::island::provide_contexts();
    view! { <DiversityPanel workshop programme initial /> }
}

/// The view in a section of its own, starting from `initial` (part of the page's data,
/// so it hydrates without a second request). Once hydrated it refetches when `changes`
/// (say, the cards and people on a live board) moves, and every 15 s in any case.
#[component]
pub fn DiversityPanel(
    workshop: Option<Uuid>,
    /// The programme's slug when `workshop` is `None`.
    programme: Option<String>,
    initial: DiversityView,
    #[prop(optional, into)] changes: Option<Signal<usize>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let current = RwSignal::new(initial);
    // Answers may come back out of order: only a later request's answer replaces the view.
    let (asked, shown) = (StoredValue::new(0u64), StoredValue::new(0u64));
    let programme = StoredValue::new(programme);
    let refetch = move || {
        let n = asked.get_value() + 1;
        asked.set_value(n);
        leptos::task::spawn_local(async move {
            // A failed refresh keeps the last view; the next tick tries again.
            if let Ok(v) = diversity(workshop, programme.get_value()).await {
                if n > shown.get_value() {
                    shown.set_value(n);
                    current.set(v);
                }
            }
        })
    };
    Effect::new(move |_| {
        if let Ok(handle) =
            set_interval_with_handle(refetch, std::time::Duration::from_millis(REFRESH_MS))
        {
            on_cleanup(move || handle.clear());
        }
    });
    // A class posting at once moves `changes` many times a second: one refetch a second
    // after the first move covers them all.
    let waiting = StoredValue::new(false);
    Effect::new(move |before: Option<usize>| {
        let now = changes.map(|c| c.get()).unwrap_or_default();
        if before.is_some_and(|b| b != now) && !waiting.get_value() {
            waiting.set_value(true);
            set_timeout(
                move || {
                    waiting.set_value(false);
                    refetch();
                },
                std::time::Duration::from_millis(CHANGE_DELAY_MS),
            );
        }
        now
    });
    let heading = if workshop.is_some() {
        t_string!(i18n, diversity.workshop_heading)
    } else {
        t_string!(i18n, diversity.programme_heading)
    };
    view! {
        <section class="diversity" aria-labelledby="diversity-heading">
            <h2 id="diversity-heading">{heading}</h2>
            {move || view! { <DiversityBody v=current.get() /> }}
            <p class="hint">{t!(i18n, diversity.suppression_note)}</p>
        </section>
    }
}

#[component]
fn DiversityBody(v: DiversityView) -> impl IntoView {
    let i18n = use_i18n();
    let youth_share = v
        .youth_share
        .map(|s| format!(" ({s} %)"))
        .unwrap_or_default();
    let youth_cards = v
        .youth_card_share
        .map(|s| t_string!(i18n, diversity.youth_card_share, share = s).to_string());
    let flags = (!v.under_represented.is_empty()).then(|| {
        let names = v
            .under_represented
            .iter()
            .map(|b| age_band_name(i18n, *b))
            .collect::<Vec<_>>()
            .join(", ");
        view! {
            <p class="flag">
                <strong>{t!(i18n, diversity.under_target)}</strong>
                " "
                {names}
            </p>
        }
    });
    let lacking: Vec<String> = v.lacking_youth().map(|f| f.name.clone()).collect();
    let lacking = (!lacking.is_empty()).then(|| {
        view! {
            <p class="flag">
                <strong>{t!(i18n, diversity.lacking_youth)}</strong>
                " "
                {lacking.join(", ")}
            </p>
        }
    });
    let age_rows = v
        .by_age
        .iter()
        .map(|line| line_row(i18n, line, age_label(i18n, line.key), true))
        .collect_view();
    let role_rows = v
        .by_role
        .iter()
        .map(|line| line_row(i18n, line, role_label(i18n, line.key), false))
        .collect_view();
    let area_rows = v
        .focus_areas
        .iter()
        .map(|f| {
            view! {
                <tr>
                    <th scope="row">{f.name.clone()}</th>
                    <td>{f.cards.shown()}</td>
                    <td>{f.youth_cards.shown()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="diversity-totals">
            {t_string!(
                i18n, diversity.totals, participants = v.participants.shown(), cards = v.cards.shown()
            )
                .to_string()} " · "
            {t_string!(i18n, diversity.youth, count = v.youth_participants.shown()).to_string()}
            {youth_share} {youth_cards.map(|s| format!(" · {s}"))}
        </p>
        {flags}
        {lacking}
        <GroupTable
            label=t_string!(i18n, diversity.by_age).to_string()
            columns=vec![
                t_string!(i18n, diversity.group).to_string(),
                t_string!(i18n, diversity.participants).to_string(),
                t_string!(i18n, diversity.share).to_string(),
                t_string!(i18n, diversity.target).to_string(),
                t_string!(i18n, diversity.cards).to_string(),
            ]
            rows=age_rows.into_any()
        />
        <GroupTable
            label=t_string!(i18n, diversity.by_role).to_string()
            columns=vec![
                t_string!(i18n, diversity.group).to_string(),
                t_string!(i18n, diversity.participants).to_string(),
                t_string!(i18n, diversity.share).to_string(),
                t_string!(i18n, diversity.cards).to_string(),
            ]
            rows=role_rows.into_any()
        />
        <GroupTable
            label=t_string!(i18n, diversity.by_focus_area).to_string()
            columns=vec![
                t_string!(i18n, diversity.focus_area).to_string(),
                t_string!(i18n, diversity.cards).to_string(),
                t_string!(i18n, diversity.youth_cards).to_string(),
            ]
            rows=area_rows.into_any()
        />
    }
}

/// One breakdown as a table, in a region that scrolls sideways on a narrow screen.
#[component]
fn GroupTable(label: String, columns: Vec<String>, rows: AnyView) -> impl IntoView {
    let head = columns
        .into_iter()
        .map(|c| view! { <th scope="col">{c}</th> })
        .collect_view();
    let caption = label.clone();
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=label>
            <table>
                <caption>{caption}</caption>
                <thead>
                    <tr>{head}</tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

fn line_row<K>(
    i18n: I18nContext<Locale>,
    line: &Line<K>,
    label: &'static str,
    with_target: bool,
) -> impl IntoView {
    let share = line
        .share
        .map(|s| format!("{s} %"))
        .unwrap_or_else(|| "–".into());
    let target = with_target.then(|| {
        let text = line
            .target
            .map(|t| format!("{t} %"))
            .unwrap_or_else(|| "–".into());
        let flag = line.under_target.then(|| {
            view! {
                " "
                <span class="badge warn">{t!(i18n, diversity.under_badge)}</span>
            }
        });
        view! { <td>{text}{flag}</td> }
    });
    let participants = line.participants;
    view! {
        <tr class:under-target=line.under_target>
            <th scope="row">{label}</th>
            <td>{participants.shown()}</td>
            <td>{share}</td>
            {target}
            <td>{line.cards.shown()}</td>
        </tr>
    }
}

fn age_label(i18n: I18nContext<Locale>, band: Option<AgeBand>) -> &'static str {
    band.map_or_else(
        || t_string!(i18n, diversity.not_given),
        |b| age_band_name(i18n, b),
    )
}

fn role_label(i18n: I18nContext<Locale>, role: Option<ParticipantRole>) -> &'static str {
    role.map_or_else(
        || t_string!(i18n, diversity.not_given),
        |r| participant_role_name(i18n, r),
    )
}
