//! `/privacy`: what Samskap keeps about a participant, who sees it, for how long and
//! how to delete it, written for a 13-year-old; in every language, JavaScript or not.
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::page::PageTitle;
use leptos::prelude::*;

/// How many days after a workshop closes its nicknames and tokens are erased, at most:
/// the longest any programme of the installation keeps them (so the promise holds for
/// every workshop); the default before there is a programme. Public.
#[server(endpoint = "inclusion/retention", output = crate::JsonText)]
pub async fn retention_days() -> Result<u32, AppError> {
    use crate::server::context::app;
    let store = app()?.store;
    let mut longest = None;
    for programme in store.programmes().await? {
        let days = store.inclusion_settings(programme.id).await?.retention_days;
        longest = longest.max(Some(days));
    }
    Ok(longest.unwrap_or(samskap_domain::inclusion::model::DEFAULT_RETENTION_DAYS))
}

#[component]
pub fn PrivacyPage() -> impl IntoView {
    let i18n = use_i18n();
    let days = Resource::new(|| (), |_| retention_days());
    let how_long = move || {
        days.get().map(|d| {
            let days = d.unwrap_or(samskap_domain::inclusion::model::DEFAULT_RETENTION_DAYS);
            t_string!(i18n, privacy.how_long_1, days = days).to_string()
        })
    };
    view! {
        <PageTitle text=move || t_string!(i18n, privacy.title).to_string() />
        <main id="main" class="page narrow privacy">
            <h1>{t!(i18n, privacy.title)}</h1>
            <p class="lead">{t!(i18n, privacy.intro)}</p>
            <h2>{t!(i18n, privacy.what_heading)}</h2>
            <ul>
                <li>{t!(i18n, privacy.what_1)}</li>
                <li>{t!(i18n, privacy.what_2)}</li>
                <li>{t!(i18n, privacy.what_3)}</li>
                <li>{t!(i18n, privacy.what_4)}</li>
                <li>{t!(i18n, privacy.what_5)}</li>
            </ul>
            <h2>{t!(i18n, privacy.not_heading)}</h2>
            <p>{t!(i18n, privacy.not_1)}</p>
            <h2>{t!(i18n, privacy.who_heading)}</h2>
            <ul>
                <li>{t!(i18n, privacy.who_1)}</li>
                <li>{t!(i18n, privacy.who_2)}</li>
                <li>{t!(i18n, privacy.who_3)}</li>
            </ul>
            <h2>{t!(i18n, privacy.how_long_heading)}</h2>
            <Suspense fallback=move || view! { <p class="loading">{t!(i18n, app.loading)}</p> }>
                <p>{how_long}</p>
            </Suspense>
            <p>{t!(i18n, privacy.how_long_2)}</p>
            <h2>{t!(i18n, privacy.delete_heading)}</h2>
            <p>
                {t!(i18n, privacy.delete_1)} " "
                <a href="/receipt">{t!(i18n, privacy.delete_link)}</a>
            </p>
            <h2>{t!(i18n, privacy.careful_heading)}</h2>
            <p>{t!(i18n, privacy.careful_1)}</p>
            <h2>{t!(i18n, privacy.rights_heading)}</h2>
            <p>{t!(i18n, privacy.rights_1)}</p>
        </main>
    }
}
