//! Renders a loaded resource, or what its error calls for: the login page, a 403 page
//! or an error message.
use super::status_pages::{Forbidden, LoadError, NotJoined};
use crate::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::components::Redirect;

/// Waits for `resource` and renders `children` with its value.
#[component]
pub fn Loaded<T, V, F>(resource: Resource<Result<T, AppError>>, children: F) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    V: IntoView + 'static,
    F: Fn(T) -> V + Send + Sync + Clone + 'static,
{
    let i18n = use_i18n();
    view! {
        <Suspense fallback=move || view! { <p class="loading">{t!(i18n, app.loading)}</p> }>
            {
                let children = children.clone();
                move || {
                    let children = children.clone();
                    resource.get().map(move |result| match result {
                        Ok(value) => children(value).into_any(),
                        Err(err) => error_view(err, i18n),
                    })
                }
            }
        </Suspense>
    }
}

fn error_view(err: AppError, i18n: I18nContext<Locale>) -> AnyView {
    match err {
        AppError::Unauthenticated => {
            let here = leptos_router::hooks::use_location()
                .pathname
                .get_untracked();
            let path = format!(
                "/login?next={}",
                leptos_router::location::Url::escape(&here)
            );
            view! { <Redirect path /> }.into_any()
        }
        AppError::Forbidden => view! { <Forbidden /> }.into_any(),
        AppError::NotJoined => view! { <NotJoined /> }.into_any(),
        AppError::NotFound => view! { <super::status_pages::NotFoundContent /> }.into_any(),
        other => view! { <LoadError message=other.message(i18n) /> }.into_any(),
    }
}
