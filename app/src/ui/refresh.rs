//! Refreshing a page's data after one of its forms succeeded. This runs in the browser
//! only inside an island; a server-rendered page's form posts and its redirect reloads
//! the page (the staff pages' uses wait for their own islands: `docs/plans/islands.md`).
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
