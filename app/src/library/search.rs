//! The library search, for staff (`/library`) and for anyone (`/public/library`): words
//! and filters in the URL (a GET form, so it works without JavaScript and a search can
//! be linked), the shared entries of every programme of the installation.
use super::entry_card::EntryCard;
use super::labels::{kind_name, outcome_name};
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::guard::Loaded;
use crate::ui::page::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use samskap_domain::library::model::*;
use serde::{Deserialize, Serialize};

/// What a search answers: the entries found and what the filters can be set to.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SearchResults {
    pub entries: Vec<LibraryEntry>,
    pub facets: LibraryFacets,
}

/// The query as the form sends it: every field optional, empty for "any".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchForm {
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub outcome: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub focus_area: String,
    #[serde(default)]
    pub target_group: String,
    #[serde(default)]
    pub programme: String,
    #[serde(default)]
    pub year: String,
}

impl SearchForm {
    /// The store's query; `BadRequest` for a filter value no form offers.
    pub fn query(&self) -> Result<LibraryQuery, AppError> {
        fn parse<T: std::str::FromStr>(s: &str) -> Result<Option<T>, AppError> {
            let s = s.trim();
            (!s.is_empty())
                .then(|| s.parse().map_err(|_| AppError::BadRequest))
                .transpose()
        }
        Ok(LibraryQuery {
            text: self.text.clone(),
            outcome: parse(&self.outcome)?,
            kind: parse(&self.kind)?,
            focus_area: self.focus_area.trim().to_string(),
            target_group: self.target_group.clone(),
            programme: self.programme.trim().to_string(),
            year: parse(&self.year)?,
            elsewhere: false,
        })
    }
}

/// Searches the shared entries (server only; each endpoint checks its caller first),
/// counted against `searcher` (none: a caller whose address is unknown).
#[cfg(feature = "ssr")]
async fn search(
    form: SearchForm,
    elsewhere: bool,
    searcher: Option<crate::server::throttle::Searcher>,
) -> Result<SearchResults, AppError> {
    let query = LibraryQuery {
        elsewhere,
        ..form.query()?
    };
    let ctx = crate::server::context::app()?;
    if searcher.is_some_and(|s| !ctx.searches.allow(&s)) {
        return Err(AppError::TooManyRequests);
    }
    Ok(SearchResults {
        entries: ctx.store.search_library(&query).await?,
        facets: ctx.store.library_facets().await?,
    })
}

/// The shared entries matching the words and filters, with those fetched from other
/// installations; any staff account.
#[server(endpoint = "library/search", output = crate::JsonText)]
pub async fn search_library(
    #[server(flatten)] form: SearchForm,
) -> Result<SearchResults, AppError> {
    use crate::server::throttle::Searcher;
    let account = crate::server::context::require_account().await?;
    search(form, true, Some(Searcher::Account(account.id))).await
}

/// The same search, for anyone, of this installation's shared entries (every one is
/// public; those fetched from elsewhere are not ours to publish).
#[server(endpoint = "public/library", output = crate::JsonText)]
pub async fn search_public_library(
    #[server(flatten)] form: SearchForm,
) -> Result<SearchResults, AppError> {
    use crate::server::throttle::{network_of, Searcher};
    let network = crate::server::context::client_address()
        .await
        .map(network_of);
    search(form, false, network.map(Searcher::Network)).await
}

/// The search page, for staff or (`public`) for anyone.
#[component]
pub fn LibraryPage(public: bool) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let form = move || {
        query.with(|q| SearchForm {
            text: q.get("text").unwrap_or_default(),
            outcome: q.get("outcome").unwrap_or_default(),
            kind: q.get("kind").unwrap_or_default(),
            focus_area: q.get("focus_area").unwrap_or_default(),
            target_group: q.get("target_group").unwrap_or_default(),
            programme: q.get("programme").unwrap_or_default(),
            year: q.get("year").unwrap_or_default(),
        })
    };
    let results = Resource::new(form, move |f| async move {
        if public {
            search_public_library(f).await
        } else {
            search_library(f).await
        }
    });
    view! {
        <PageTitle text=move || t_string!(i18n, library.title).to_string() />
        <main id="main" class="page">
            <h1>{t!(i18n, library.title)}</h1>
            <p>{t!(i18n, library.intro)}</p>
            <Loaded resource=results let:found>
                <SearchFields form=form() facets=found.facets.clone() public />
                <Found entries=found.entries public />
            </Loaded>
            {public
                .then(|| {
                    view! {
                        <p class="hint">
                            {t!(i18n, library.licence)} " " <a href=LICENCE_URL>{LICENCE}</a> ". "
                            {t!(i18n, library.feed)} " "
                            <a href="/public/library/feed.json">"JSON"</a> ", "
                            <a href="/public/library/feed.csv">"CSV"</a>
                        </p>
                    }
                })}
        </main>
    }
}

#[component]
fn SearchFields(form: SearchForm, facets: LibraryFacets, public: bool) -> impl IntoView {
    let i18n = use_i18n();
    let action = if public {
        "/public/library"
    } else {
        "/library"
    };
    let chosen = |value: &str, current: &str| value == current;
    let outcomes = EntryOutcome::ALL
        .iter()
        .map(|o| {
            view! {
                <option value=o.as_str() selected=chosen(o.as_str(), &form.outcome)>
                    {outcome_name(i18n, *o)}
                </option>
            }
        })
        .collect_view();
    let kinds = EntryKind::ALL
        .iter()
        .map(|k| {
            view! {
                <option value=k.as_str() selected=chosen(k.as_str(), &form.kind)>
                    {kind_name(i18n, *k)}
                </option>
            }
        })
        .collect_view();
    let areas = facets
        .focus_areas
        .iter()
        .map(|a| view! { <option selected=chosen(a, &form.focus_area)>{a.clone()}</option> })
        .collect_view();
    let programmes = facets
        .programmes
        .iter()
        .map(|(slug, name)| {
            view! {
                <option value=slug.clone() selected=chosen(slug, &form.programme)>
                    {name.clone()}
                </option>
            }
        })
        .collect_view();
    let years = facets
        .years
        .iter()
        .map(|y| {
            let y = y.to_string();
            view! { <option selected=chosen(&y, &form.year)>{y.clone()}</option> }
        })
        .collect_view();
    view! {
        <form method="get" action=action class="form library-search" role="search">
            <label for="library-text">{t!(i18n, library.words)}</label>
            <input
                type="search"
                id="library-text"
                name="text"
                value=form.text.clone()
                maxlength="200"
            />
            <div class="filters">
                <label>
                    {t!(i18n, library.outcome)} <select name="outcome">
                        <option value="">{t!(i18n, library.any)}</option>
                        {outcomes}
                    </select>
                </label>
                <label>
                    {t!(i18n, library.kind)} <select name="kind">
                        <option value="">{t!(i18n, library.any)}</option>
                        {kinds}
                    </select>
                </label>
                <label>
                    {t!(i18n, library.focus_area)} <select name="focus_area">
                        <option value="">{t!(i18n, library.any)}</option>
                        {areas}
                    </select>
                </label>
                <label>
                    {t!(i18n, library.target_group)}
                    <input
                        type="text"
                        name="target_group"
                        value=form.target_group.clone()
                        maxlength="100"
                    />
                </label>
                <label>
                    {t!(i18n, library.programme)} <select name="programme">
                        <option value="">{t!(i18n, library.any)}</option>
                        {programmes}
                    </select>
                </label>
                <label>
                    {t!(i18n, library.year)} <select name="year">
                        <option value="">{t!(i18n, library.any)}</option>
                        {years}
                    </select>
                </label>
            </div>
            <button type="submit">{t!(i18n, library.search)}</button>
        </form>
    }
}

#[component]
fn Found(entries: Vec<LibraryEntry>, public: bool) -> impl IntoView {
    let i18n = use_i18n();
    if entries.is_empty() {
        return view! { <p role="status">{t!(i18n, library.none_found)}</p> }.into_any();
    }
    let count = entries.len();
    view! {
        <p role="status">{t!(i18n, library.found, count)}</p>
        <ol class="library-entries">
            {entries
                .into_iter()
                .map(|entry| {
                    view! {
                        <li>
                            <EntryCard entry public />
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
    .into_any()
}
