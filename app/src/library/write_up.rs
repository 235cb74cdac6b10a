//! The library write-up on a decided prototype's and a finished measure's page: the
//! staff's short summary, and whether the entry is shared with other programmes,
//! other installations and the public. Saving snapshots the facts as they stand.
use crate::error::{AppError, ErrorAlert};
use crate::i18n::*;
use crate::ui::refresh::refreshing;
use leptos::prelude::*;
use samskap_domain::library::model::{EntryKind, LibraryEntry, MAX_SUMMARY};
use uuid::Uuid;

/// Writes up a decided prototype version (`kind` `prototype`; the entry is its
/// lineage's) or a finished measure (`measure`), shared when `shared` is `on`. A shared
/// entry needs a summary. The lead and the core team of its programme.
#[server(endpoint = "library/save", output = crate::JsonText)]
pub async fn save_write_up(
    kind: String,
    source_id: Uuid,
    #[server(default)] summary: String,
    #[server(default)] shared: String,
) -> Result<Uuid, AppError> {
    use crate::error::Field;
    use samskap_domain::store::Item;
    use samskap_domain::validate::{optional, required};
    let kind: EntryKind = kind.parse().map_err(|_| AppError::BadRequest)?;
    let item = match kind {
        EntryKind::Prototype => Item::Prototype(source_id),
        EntryKind::Measure => Item::Measure(source_id),
    };
    let (store, actor, programme) = crate::plan::access::planner(item).await?;
    let shared = shared == "on";
    let summary = if shared {
        required(Field::Summary, &summary, MAX_SUMMARY)?
    } else {
        optional(Field::Summary, &summary, MAX_SUMMARY)?
    };
    let (source, facts) = match kind {
        EntryKind::Prototype => {
            super::facts::of_prototype(store.as_ref(), programme, source_id).await?
        }
        EntryKind::Measure => (
            source_id,
            super::facts::of_measure(store.as_ref(), programme, source_id).await?,
        ),
    };
    Ok(store
        .save_library_entry(programme, source, &facts, &summary, shared, &actor)
        .await?)
}

/// The entry of a page's prototype or measure: its summary and whether it is shared,
/// and for the lead and the core team the form that writes it up.
#[component]
pub fn WriteUp(
    kind: EntryKind,
    /// The prototype version or the measure the page is about.
    source_id: Uuid,
    entry: Option<LibraryEntry>,
    can_write: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = match &entry {
        Some(e) if e.shared => view! {
            <p>
                {t!(i18n, library.is_shared)} " "
                <a href=format!(
                    "/public/library#entry-{}",
                    e.id,
                )>{t!(i18n, library.public_link)}</a>
            </p>
        }
        .into_any(),
        Some(_) => view! { <p>{t!(i18n, library.not_shared)}</p> }.into_any(),
        None => view! { <p>{t!(i18n, library.not_written)}</p> }.into_any(),
    };
    let summary = entry
        .as_ref()
        .map(|e| e.summary.clone())
        .unwrap_or_default();
    let body = if can_write {
        let shared = entry.as_ref().is_some_and(|e| e.shared);
        view! { <WriteUpForm kind source_id summary shared /> }.into_any()
    } else {
        (!summary.is_empty())
            .then(|| {
                view! {
                    <p class="prose" dir="auto">
                        {summary}
                    </p>
                }
            })
            .into_any()
    };
    view! {
        <section aria-labelledby="library-heading" class="write-up">
            <h2 id="library-heading">{t!(i18n, library.title)}</h2>
            {state}
            {body}
        </section>
    }
}

#[component]
fn WriteUpForm(kind: EntryKind, source_id: Uuid, summary: String, shared: bool) -> impl IntoView {
    let i18n = use_i18n();
    let (action, form, error) = refreshing::<SaveWriteUp>();
    view! {
        <ActionForm action node_ref=form attr:class="form">
            <input type="hidden" name="kind" value=kind.as_str() />
            <input type="hidden" name="source_id" value=source_id.to_string() />
            <label for="library-summary">{t!(i18n, library.summary)}</label>
            <p class="hint" id="library-summary-hint">
                {t!(i18n, library.summary_hint)}
            </p>
            <textarea
                id="library-summary"
                name="summary"
                rows="4"
                maxlength=MAX_SUMMARY
                aria-describedby="library-summary-hint"
                dir="auto"
            >
                {summary}
            </textarea>
            <div class="check">
                <input
                    type="checkbox"
                    id="library-shared"
                    name="shared"
                    value="on"
                    checked=shared
                />
                <label for="library-shared">{t!(i18n, library.share)}</label>
            </div>
            <ErrorAlert error />
            <button type="submit">{t!(i18n, library.save)}</button>
        </ActionForm>
    }
}
