//! Structured test feedback: what worked, what did not, a suggestion and a 1–5 rating,
//! from a tester's phone or recorded by staff from an interview.
use crate::error::{AppError, ErrorAlert};
use crate::i18n::*;
use crate::ui::refresh::refreshing;
use leptos::prelude::*;
use samskap_domain::pipeline::model::{Feedback, MAX_FEEDBACK_TEXT};
use uuid::Uuid;

/// Gives feedback in an open test round: a participant of the round's workshop, or
/// staff recording an interview. At most 10 posts a minute per person.
#[server(endpoint = "feedback/give", output = crate::JsonText)]
pub async fn give_feedback(
    round_id: Uuid,
    #[server(default)] worked: String,
    #[server(default)] not_worked: String,
    #[server(default)] suggestion: String,
    #[server(default)] rating: String,
) -> Result<Feedback, AppError> {
    use crate::error::Field;
    use crate::server::context::app;
    use samskap_domain::pipeline::model::FeedbackFields;
    use samskap_domain::validate::optional;
    let ctx = app()?;
    let (round, who) = super::round_access::round_access(round_id).await?;
    who.check_takes_part()?;
    let rating = match rating.trim().parse::<u8>() {
        Ok(r @ 1..=5) => r,
        Ok(_) => return Err(AppError::OutOfRange(Field::Rating)),
        Err(_) if rating.trim().is_empty() => return Err(AppError::Empty(Field::Rating)),
        Err(_) => return Err(AppError::NotANumber(Field::Rating)),
    };
    let fields = FeedbackFields {
        worked: optional(Field::Text, &worked, MAX_FEEDBACK_TEXT)?,
        not_worked: optional(Field::Text, &not_worked, MAX_FEEDBACK_TEXT)?,
        suggestion: optional(Field::Text, &suggestion, MAX_FEEDBACK_TEXT)?,
        rating,
    };
    if !round.open {
        return Err(AppError::RoundClosed);
    }
    if matches!(who, crate::board::access::Who::Participant(_)) {
        // A tester's word counts while their workshop is live, not after it closed.
        let live = ctx
            .store
            .workshop(round.workshop_id)
            .await?
            .is_some_and(|w| w.status == samskap_domain::workshop::model::WorkshopStatus::Live);
        if !live {
            return Err(AppError::WorkshopNotLive);
        }
    }
    let author = who.author();
    let key = match author {
        samskap_domain::store::workshop_store::AuthorRef::Participant(id)
        | samskap_domain::store::workshop_store::AuthorRef::User(id) => id,
    };
    if !ctx.posts.allow(&key) {
        return Err(AppError::TooManyPosts);
    }
    let feedback = ctx.store.add_feedback(round_id, author, &fields).await?;
    crate::server::round_events::publish_feedback(&ctx.bus, round_id);
    // Without JavaScript the page reloads: the query keeps the thanks on screen.
    leptos_axum::redirect(&format!("/rounds/{round_id}?sent=1"));
    Ok(feedback)
}

/// The feedback form; `interview` labels it for staff recording someone else's words.
#[component]
pub fn FeedbackForm(round_id: Uuid, interview: bool) -> impl IntoView {
    let i18n = use_i18n();
    let (action, form, error) = refreshing::<GiveFeedback>();
    let query = leptos_router::hooks::use_query_map();
    let thanks = move || {
        let sent = action.value().with(|v| matches!(v, Some(Ok(_))))
            || query.with(|q| q.get("sent").is_some());
        sent.then(|| {
            view! {
                <p class="notice" role="status">
                    {t!(i18n, pipeline.feedback_thanks)}
                </p>
            }
        })
    };
    let heading = if interview {
        t_string!(i18n, pipeline.record_interview)
    } else {
        t_string!(i18n, pipeline.give_feedback)
    };
    let ratings = (1..=5u8)
        .map(|r| {
            let id = format!("rating-{r}");
            view! {
                <span class="rating-choice">
                    <input type="radio" id=id.clone() name="rating" value=r.to_string() required />
                    <label for=id>{r}</label>
                </span>
            }
        })
        .collect_view();
    let max = MAX_FEEDBACK_TEXT.to_string();
    view! {
        <ActionForm
            action
            node_ref=form
            attr:class="form feedback-form"
            attr:aria-labelledby="feedback-heading"
        >
            <h2 id="feedback-heading">{heading}</h2>
            <input type="hidden" name="round_id" value=round_id.to_string() />
            <label for="fb-worked">{t!(i18n, pipeline.worked)}</label>
            <textarea id="fb-worked" name="worked" rows="2" maxlength=max.clone()></textarea>
            <label for="fb-not-worked">{t!(i18n, pipeline.not_worked)}</label>
            <textarea
                id="fb-not-worked"
                name="not_worked"
                rows="2"
                maxlength=max.clone()
            ></textarea>
            <label for="fb-suggestion">{t!(i18n, pipeline.suggestion)}</label>
            <textarea id="fb-suggestion" name="suggestion" rows="2" maxlength=max></textarea>
            <fieldset class="rating">
                <legend>{t!(i18n, pipeline.rating)}</legend>
                <p class="hint">{t!(i18n, pipeline.rating_hint)}</p>
                {ratings}
            </fieldset>
            <ErrorAlert error />
            {thanks}
            <button type="submit" class="primary">
                {t!(i18n, pipeline.send_feedback)}
            </button>
        </ActionForm>
    }
}
