//! What follows a form's answer: refreshing the page's data after a success, and the
//! error to show. The refreshing runs in the browser only inside an island; a
//! server-rendered page's form posts and its redirect reloads the page (the staff pages'
//! uses wait for their own islands: `docs/plans/islands.md`).
use crate::error::AppError;
use leptos::html::Form;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// A counter a page's resource depends on; bumping it refetches the page data.
#[derive(Clone, Copy)]
pub struct Refresh(pub RwSignal<u32>);

impl Refresh {
    /// Creates the counter and provides it to the forms below.
    pub fn provide() -> Self {
        let refresh = Refresh(RwSignal::new(0));
        provide_context(refresh);
        refresh
    }

    /// Read inside a resource's source to refetch on every bump.
    pub fn track(self) -> u32 {
        self.0.get()
    }
}

/// Runs `then` in the browser after each successful run of `action`.
pub fn on_success<S>(action: ServerAction<S>, then: impl Fn() + 'static)
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
{
    Effect::new(move |_| {
        if action.value().with(|v| matches!(v, Some(Ok(_)))) {
            then();
        }
    });
}

/// Clears the form (after a successful submission).
pub fn reset(form: NodeRef<Form>) {
    if let Some(form) = form.get_untracked() {
        form.reset();
    }
}

/// After each successful submission of `action`: refresh the page data and clear the form.
pub fn after_success<S>(action: ServerAction<S>, form: NodeRef<Form>)
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
{
    let refresh = expect_context::<Refresh>();
    on_success(action, move || {
        refresh.0.update(|n| *n += 1);
        reset(form);
    });
}

/// A form's action that refreshes the page data and clears the form after each success
/// ([`after_success`]): the action, the form's node ref and the error of its last run.
#[track_caller]
pub fn refreshing<S>() -> (ServerAction<S>, NodeRef<Form>, Signal<Option<AppError>>)
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
{
    let action = ServerAction::<S>::new();
    let form = NodeRef::<Form>::new();
    after_success(action, form);
    (action, form, Signal::derive(move || last_error(action)))
}

/// The error of `action`'s last run, if it failed (for `ErrorAlert`).
pub fn last_error<S>(action: ServerAction<S>) -> Option<AppError>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
{
    action
        .value()
        .with(|v| v.as_ref().and_then(|r| r.as_ref().err().cloned()))
}

/// An action's answers, for [`latest_error`]: how many it has had, and the error of the
/// last if it failed (or the error the page was drawn with, before any).
#[derive(Clone, Copy)]
pub struct Answer {
    count: RwSignal<usize>,
    error: Signal<Option<AppError>>,
}

/// `action`'s answers.
pub fn answer<S>(action: ServerAction<S>) -> Answer
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
{
    Answer {
        count: action.version(),
        error: Signal::derive(move || last_error(action)),
    }
}

/// The error of the latest answer among several forms that share one alert: a later
/// success clears an earlier failure. It starts from the error the page was drawn with
/// (a form sent without JavaScript comes back with its error in the page's address).
pub fn latest_error(answers: Vec<Answer>) -> Signal<Option<AppError>> {
    let drawn_with = answers.iter().find_map(|a| a.error.get_untracked());
    follow_answers(answers, drawn_with)
}

/// As [`latest_error`], for forms drawn anew while their actions live on: only the
/// answers that come after the drawing count, not an error left from before.
pub fn error_from_now(answers: Vec<Answer>) -> Signal<Option<AppError>> {
    follow_answers(answers, None)
}

fn follow_answers(answers: Vec<Answer>, start: Option<AppError>) -> Signal<Option<AppError>> {
    let latest = RwSignal::new(start);
    for answer in answers {
        // Counted now, not in the effect's first run (which waits for the next tick): an
        // answer that comes in between is still a new one.
        let mut seen = answer.count.get_untracked();
        Effect::new(move |_| {
            let count = answer.count.get();
            if count > seen {
                seen = count;
                latest.set(answer.error.get_untracked());
            }
        });
    }
    latest.into()
}
