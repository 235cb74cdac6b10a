//! Renders a loaded resource, or what its error calls for: the login page, a 403 page
//! or an error message.
use super::status_pages::{Forbidden, LoadError, NotJoined};
use crate::error::{AppError, ErrorMessage};
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
    // `Suspend` below, not `resource.get()`: an island under it renders as an island only
    // from an awaited resource (leptos#2734).
    view! {
        <Suspense fallback=move || {
            view! { <p class="loading">{t!(i18n, app.loading)}</p> }
        }>
            {
                let children = children.clone();
                move || {
                    let children = children.clone();
                    Suspend::new(async move {
                        match resource.await {
                            Ok(value) => children(value).into_any(),
                            Err(err) => error_view(err, i18n),
                        }
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

/// The data of a page about one thing: `fetch` of the route's `:id` parameter (`NotFound`
/// for one that is not an id), fetched again after every bump of `refresh`.
pub fn by_id<T, F, Fut>(refresh: super::refresh::Refresh, fetch: F) -> Resource<Result<T, AppError>>
where
    T: Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    F: Fn(uuid::Uuid) -> Fut + Copy + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<T, AppError>> + Send + 'static,
{
    let params = leptos_router::hooks::use_params_map();
    Resource::new(
        move || (params.with(|p| p.get("id")), refresh.track()),
        move |(id, _)| async move {
            match id.and_then(|id| id.parse::<uuid::Uuid>().ok()) {
                Some(id) => fetch(id).await,
                None => Err(AppError::NotFound),
            }
        },
    )
}
