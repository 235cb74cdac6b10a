//! The programme a page is in, as its URL names it (`/p/{programme}/…`).
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The programme a page about one thing (a measure, a workshop) belongs to, provided by
/// that page for the links and forms below it (its route names no programme).
#[derive(Clone)]
pub struct InProgramme(pub String);

/// The slug of the programme the current route names, or that the page provided
/// (`InProgramme`); empty where there is neither.
pub fn use_programme() -> String {
    use_params_map()
        .read_untracked()
        .get("programme")
        .or_else(|| use_context::<InProgramme>().map(|p| p.0))
        .unwrap_or_default()
}

/// The path of the page `rest` of the programme this page is in (`use_programme`).
pub fn here(rest: &str) -> String {
    programme_path(&use_programme(), rest)
}

/// The programme slug at the start of `path`, if it is a programme's page.
pub fn programme_in(path: &str) -> Option<String> {
    let rest = path.strip_prefix("/p/")?;
    let slug = rest.split('/').next().unwrap_or_default();
    (!slug.is_empty()).then(|| slug.to_string())
}

/// The path of the page `rest` (`""` or starting with `/`) of programme `slug`.
pub fn programme_path(slug: &str, rest: &str) -> String {
    format!("/p/{slug}{rest}")
}

/// The hidden field that names the page's programme in a form it posts.
#[component]
pub fn ProgrammeField() -> impl IntoView {
    view! { <input type="hidden" name="programme" value=use_programme() /> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_programme_of_a_path() {
        assert_eq!(
            programme_in("/p/halden-sentrum/plans/2025").as_deref(),
            Some("halden-sentrum")
        );
        assert_eq!(
            programme_in("/p/halden-sentrum").as_deref(),
            Some("halden-sentrum")
        );
        assert_eq!(programme_in("/p/"), None);
        assert_eq!(programme_in("/plans/2025"), None);
        assert_eq!(programme_path("x-y", "/plans"), "/p/x-y/plans");
    }
}
