//! `/rounds/{id}`: a test round. Testers (participants of its workshop) see the
//! prototype and give feedback; staff see the feedback add up live, record interviews
//! and open or close the round.
use crate::error::{AppError, ErrorAlert};
use crate::i18n::*;
use crate::ui::guard::{by_id, Loaded};
use crate::ui::page::PageTitle;
use crate::ui::refresh::{refreshing, Refresh};
use leptos::prelude::*;
use samskap_domain::pipeline::model::{Feedback, FeedbackSummary, Prototype, TestRound};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RoundPageData {
    pub round: TestRound,
    pub prototype: Prototype,
    pub workshop_title: String,
    pub staff: bool,
    pub can_shape: bool,
    /// The feedback so far, for staff only.
    pub feedback: Option<RoundFeedback>,
}

/// A round's feedback so far, for staff.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RoundFeedback {
    pub summary: FeedbackSummary,
    /// Every answer, newest first.
    pub feedback: Vec<Feedback>,
}

/// A test round with its prototype; staff also get the feedback.
#[server(endpoint = "rounds/get", output = crate::JsonText)]
pub async fn get_round(id: Uuid) -> Result<RoundPageData, AppError> {
    use crate::board::access::Who;
    use crate::server::context::app;
    let (round, who) = super::round_access::round_access(id).await?;
    let store = app()?.store;
    let prototype = store
        .prototype(round.prototype_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let workshop_title = store
        .workshop(round.workshop_id)
        .await?
        .map(|w| w.fields.title)
        .unwrap_or_default();
    let (staff, can_shape) = match &who {
        Who::Staff(user) => (true, user.role.can_shape_prototypes()),
        Who::Participant(_) => (false, false),
    };
    let feedback = if staff {
        Some(RoundFeedback::of(store.feedback(id).await?))
    } else {
        None
    };
    Ok(RoundPageData {
        round,
        prototype,
        workshop_title,
        staff,
        can_shape,
        feedback,
    })
}

impl RoundFeedback {
    /// The summary of `feedback` (oldest first, as stored), listed newest first.
    pub fn of(mut feedback: Vec<Feedback>) -> Self {
        feedback.reverse();
        Self {
            summary: FeedbackSummary::of(&feedback),
            feedback,
        }
    }
}

/// A round's feedback with its summary; any staff role.
#[server(endpoint = "rounds/feedback", output = crate::JsonText)]
pub async fn get_round_feedback(id: Uuid) -> Result<RoundFeedback, AppError> {
    let (store, _, _) = super::access::reader(samskap_domain::store::Item::Round(id)).await?;
    Ok(RoundFeedback::of(store.feedback(id).await?))
}

/// Opens or closes a round for feedback; lead, core team and facilitators.
#[server(endpoint = "rounds/open", output = crate::JsonText)]
pub async fn set_round_open(round_id: Uuid, open: bool) -> Result<(), AppError> {
    let (store, actor, _) =
        super::access::actor(samskap_domain::store::Item::Round(round_id)).await?;
    store
        .set_round_open(round_id, open, &actor)
        .await
        .map_err(AppError::from)
}

#[component]
pub fn RoundPage() -> impl IntoView {
    let data = by_id(Refresh::provide(), get_round);
    view! {
        <main id="main" class="page narrow">
            <Loaded resource=data let:data>
                <RoundView data />
            </Loaded>
        </main>
    }
}

#[component]
fn RoundView(data: RoundPageData) -> impl IntoView {
    let i18n = use_i18n();
    let p = data.prototype;
    let title = format!("{} v{}", p.fields.title, p.version);
    let page_title = title.clone();
    let round = data.round;
    let when = round.fields.starts_at.format("%d.%m.%Y %H:%M").to_string();
    let photos = p
        .photos
        .iter()
        .map(|id| {
            view! {
                <li>
                    <a href=format!("/photos/{id}")>
                        <img
                            src=format!("/photos/{id}/thumb")
                            alt=t_string!(i18n, pipeline.prototype_photo)
                            loading="lazy"
                        />
                    </a>
                </li>
            }
        })
        .collect_view();
    let form = match (round.open, data.staff) {
        (true, false) => {
            view! { <super::feedback::FeedbackForm round_id=round.id interview=false /> }.into_any()
        }
        (true, true) if data.can_shape => {
            view! { <super::feedback::FeedbackForm round_id=round.id interview=true /> }.into_any()
        }
        (false, _) => view! {
            <p class="notice" role="status">
                {t!(i18n, pipeline.round_closed_notice)}
            </p>
        }
        .into_any(),
        _ => ().into_any(),
    };
    let staff_part = data.feedback.map(|initial| {
        view! {
            <p>
                <a href=format!("/prototypes/{}", p.id)>{t!(i18n, pipeline.to_prototype)}</a>
            </p>
            {data.can_shape.then(|| view! { <OpenToggle round_id=round.id open=round.open /> })}
            <LiveAggregate round_id=round.id initial />
        }
    });
    view! {
        <PageTitle text=move || page_title.clone() />
        <h1 dir="auto">{title}</h1>
        <p>{round.fields.place.clone()} " · " {when} " · " {data.workshop_title.clone()}</p>
        <p>{t!(i18n, pipeline.target_group)} ": " {round.fields.target_group.clone()}</p>
        <section class="about" aria-labelledby="proto-what">
            <h2 id="proto-what">{t!(i18n, pipeline.what_to_test)}</h2>
            <p dir="auto">{p.fields.description.clone()}</p>
            <ul class="photos">{photos}</ul>
        </section>
        {form}
        {staff_part}
    }
}

#[component]
fn OpenToggle(round_id: Uuid, open: bool) -> impl IntoView {
    let i18n = use_i18n();
    let (action, form, error) = refreshing::<SetRoundOpen>();
    let label = if open {
        t_string!(i18n, pipeline.close_round)
    } else {
        t_string!(i18n, pipeline.reopen_round)
    };
    view! {
        <ActionForm action node_ref=form attr:class="inline">
            <input type="hidden" name="round_id" value=round_id.to_string() />
            <input type="hidden" name="open" value=(!open).to_string() />
            <button type="submit">{label}</button>
            <ErrorAlert error />
        </ActionForm>
    }
}

/// The feedback so far, refetched whenever someone gives feedback (once hydrated), on
/// its own so forms on the page keep what is typed in them. The first view comes with
/// the page's data: a resource of its own inside the page's Suspense raced hydration.
// An island in the staff's bundle only: a participant's round page has none.
#[cfg_attr(feature = "staff", island)]
#[cfg_attr(not(feature = "staff"), component)]
fn LiveAggregate(round_id: Uuid, initial: RoundFeedback) -> impl IntoView {
    crate::ui::island::provide_contexts();
    let changes = RwSignal::new(0u32);
    let connection = RwSignal::new("connecting");
    follow_round(round_id, changes, connection);
    let current = RwSignal::new(initial);
    // Answers may come back out of order; only the newest request's answer is shown.
    let asked = StoredValue::new(0u32);
    Effect::new(move |before: Option<u32>| {
        let now = changes.get();
        if before.is_some_and(|b| b != now) {
            asked.set_value(now);
            leptos::task::spawn_local(async move {
                // A failed refresh keeps the last view; the next event tries again.
                if let Ok(fresh) = get_round_feedback(round_id).await {
                    if asked.get_value() == now {
                        current.set(fresh);
                    }
                }
            });
        }
        now
    });
    view! {
        <div data-live=move || connection.get()>
            <Aggregate current />
        </div>
    }
}

/// The feedback so far: count and mean (a live region updated in place: one replaced
/// whole is not read out), a bar per rating and every answer.
#[component]
fn Aggregate(current: RwSignal<RoundFeedback>) -> impl IntoView {
    let i18n = use_i18n();
    let count = move || current.with(|d| d.summary.count);
    let mean = move || {
        current.with(|d| {
            d.summary
                .mean()
                .map(|m| format!("{m:.1}"))
                .unwrap_or_else(|| "–".into())
        })
    };
    view! {
        <section aria-labelledby="aggregate-heading" class="aggregate" data-feedback-count=count>
            <h2 id="aggregate-heading">{t!(i18n, pipeline.feedback_so_far)}</h2>
            <p role="status" aria-live="polite">
                {move || t_string!(i18n, pipeline.feedback_count, count = count()).to_string()}
                " · "
                {t!(i18n, pipeline.mean_rating)}
                " "
                <strong>{mean}</strong>
            </p>
            {move || {
                let data = current.get();
                view! { <Ratings summary=data.summary feedback=data.feedback /> }
            }}
        </section>
    }
}

/// A bar per rating and every answer.
#[component]
fn Ratings(summary: FeedbackSummary, feedback: Vec<Feedback>) -> impl IntoView {
    let i18n = use_i18n();
    let max = summary.ratings.iter().copied().max().unwrap_or(0).max(1);
    let bars = summary
        .ratings
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let width = format!("width: {}%", n * 100 / max);
            view! {
                <tr>
                    <th scope="row">{i + 1}</th>
                    <td>
                        <span class="bar" style=width></span>
                    </td>
                    <td class="num">{*n}</td>
                </tr>
            }
        })
        .collect_view();
    let answers = feedback
        .into_iter()
        .map(|f| {
            let source = if f.interview {
                t_string!(i18n, pipeline.from_interview)
            } else {
                t_string!(i18n, pipeline.from_phone)
            };
            let part = |label: &'static str, text: String| {
                (!text.is_empty()).then(|| {
                    view! {
                        <p>
                            <strong>{label}</strong>
                            " "
                            <span dir="auto">{text}</span>
                        </p>
                    }
                })
            };
            view! {
                <li class="card feedback">
                    <p class="meta">{f.fields.rating} "/5 · " {source}</p>
                    {part(t_string!(i18n, pipeline.worked), f.fields.worked)}
                    {part(t_string!(i18n, pipeline.not_worked), f.fields.not_worked)}
                    {part(t_string!(i18n, pipeline.suggestion), f.fields.suggestion)}
                </li>
            }
        })
        .collect_view();
    view! {
        <table class="ratings">
            <caption>{t!(i18n, pipeline.ratings_caption)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, pipeline.rating)}</th>
                    <th scope="col">{t!(i18n, pipeline.share)}</th>
                    <th scope="col">{t!(i18n, pipeline.count)}</th>
                </tr>
            </thead>
            <tbody>{bars}</tbody>
        </table>
        <ol class="cards">{answers}</ol>
    }
}

/// Once hydrated, bumps `changes` whenever the round's feedback changes, and on every
/// (re)connection, so nothing given while disconnected is missed; `connection` tells
/// whether the stream is open (`data-live`, as on the board page).
#[cfg(feature = "hydrate")]
fn follow_round(round: Uuid, changes: RwSignal<u32>, connection: RwSignal<&'static str>) {
    use send_wrapper::SendWrapper;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use web_sys::EventSource;
    Effect::new(move |_| {
        let Ok(source) = EventSource::new(&format!("/events/rounds/{round}")) else {
            return;
        };
        let on_message = Closure::<dyn FnMut()>::new(move || changes.update(|n| *n += 1));
        source.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        let on_open = Closure::<dyn FnMut()>::new(move || {
            connection.set("open");
            changes.update(|n| *n += 1);
        });
        source.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        let on_error = Closure::<dyn FnMut()>::new(move || connection.set("reconnecting"));
        source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let held = SendWrapper::new((source, on_message, on_open, on_error));
        on_cleanup(move || held.0.close());
    });
}

#[cfg(not(feature = "hydrate"))]
fn follow_round(_round: Uuid, _changes: RwSignal<u32>, _connection: RwSignal<&'static str>) {}
