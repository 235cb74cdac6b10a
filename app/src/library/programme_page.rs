//! `/p/{programme}/library`: the programme's own entries, shared or not, and what it
//! has decided or finished that is not written up yet, each with a link to the page
//! where it is written up.
use super::entry_card::EntryCard;
use super::labels::{kind_name, outcome_name};
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::guard::Loaded;
use crate::ui::page::PageTitle;
use crate::ui::programme_path::use_programme;
use leptos::prelude::*;
use samskap_domain::library::model::{EntryKind, EntryOutcome, LibraryEntry};
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use uuid::Uuid;

/// Something decided or finished with no entry yet.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Unwritten {
    pub kind: EntryKind,
    /// The page it is written up on.
    pub path: String,
    pub title: String,
    pub outcome: EntryOutcome,
}

/// One of the programme's entries, with the page it is written up on.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OwnEntry {
    pub entry: LibraryEntry,
    pub path: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProgrammeLibrary {
    pub entries: Vec<OwnEntry>,
    pub unwritten: Vec<Unwritten>,
    /// Other installations' feeds the programme subscribes to.
    pub subscriptions: Vec<samskap_domain::library::subscription::Subscription>,
    /// Whether the caller may manage the subscriptions (the lead).
    pub can_manage: bool,
}

/// The programme's entries and what waits to be written up; any staff role there.
#[server(endpoint = "library/programme", output = crate::JsonText)]
pub async fn get_programme_library(programme: String) -> Result<ProgrammeLibrary, AppError> {
    use crate::server::context::{app, programme_named, require_member};
    use samskap_domain::pipeline::model::PrototypeStatus;
    use samskap_domain::plan::model::MeasureStatus;
    let (user, id) = require_member(programme_named(&programme).await?).await?;
    let store = app()?.store;
    let entries = store.library_entries(id).await?;
    let written = |source: Uuid| entries.iter().any(|e| e.source_id == source);
    let mut unwritten = Vec::new();
    // A lineage's entry is written up on its decided (last) version's page.
    let mut decided_version: std::collections::HashMap<Uuid, Uuid> = Default::default();
    for p in store.prototypes(id).await? {
        let outcome = match p.status {
            PrototypeStatus::Proceed => EntryOutcome::Proceeded,
            PrototypeStatus::Dropped => EntryOutcome::Dropped,
            _ => continue,
        };
        decided_version.insert(p.lineage_id, p.id);
        if !written(p.lineage_id) {
            unwritten.push(Unwritten {
                kind: EntryKind::Prototype,
                path: format!("/prototypes/{}", p.id),
                title: p.fields.title,
                outcome,
            });
        }
    }
    for m in store.measures(id).await? {
        let outcome = match m.status {
            MeasureStatus::Done => EntryOutcome::Completed,
            MeasureStatus::Dropped => EntryOutcome::Dropped,
            _ => continue,
        };
        if !written(m.id) {
            unwritten.push(Unwritten {
                kind: EntryKind::Measure,
                path: format!("/measures/{}", m.id),
                title: m.fields.title,
                outcome,
            });
        }
    }
    let entries = entries
        .into_iter()
        .map(|entry| {
            let path = match entry.facts.kind {
                EntryKind::Prototype => format!(
                    "/prototypes/{}",
                    decided_version
                        .get(&entry.source_id)
                        .unwrap_or(&entry.source_id)
                ),
                EntryKind::Measure => format!("/measures/{}", entry.source_id),
            };
            OwnEntry { entry, path }
        })
        .collect();
    Ok(ProgrammeLibrary {
        entries,
        unwritten,
        subscriptions: store.subscriptions(id).await?,
        can_manage: user.role.can_edit_programme(),
    })
}

#[component]
pub fn ProgrammeLibraryPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = use_programme();
    // The feeds' forms refresh the page after they succeed.
    let refresh = crate::ui::refresh::Refresh::provide();
    let data = Resource::new(
        move || refresh.track(),
        move |_| get_programme_library(slug.clone()),
    );
    view! {
        <PageTitle text=move || t_string!(i18n, library.ours).to_string() />
        <main id="main" class="page">
            <h1>{t!(i18n, library.ours)}</h1>
            <p>
                {t!(i18n, library.ours_intro)} " "
                <a href="/library">{t!(i18n, library.search_all)}</a>
            </p>
            <Loaded resource=data let:data>
                <WaitingList items=data.unwritten.clone() />
                <h2>{t!(i18n, library.written)}</h2>
                {if data.entries.is_empty() {
                    view! { <p>{t!(i18n, library.none_written)}</p> }.into_any()
                } else {
                    view! {
                        <ol class="library-entries">
                            {data
                                .entries
                                .into_iter()
                                .map(|own| {
                                    let shared = own.entry.shared;
                                    let title = own.entry.facts.title.clone();
                                    view! {
                                        <li>
                                            <p>
                                                <span class="badge">
                                                    {if shared {
                                                        t_string!(i18n, library.shared_badge)
                                                    } else {
                                                        t_string!(i18n, library.draft_badge)
                                                    }}
                                                </span>
                                                " "
                                                <a href=own
                                                    .path>
                                                    {t!(i18n, library.edit)} " "
                                                    <span class="visually-hidden">{title}</span>
                                                </a>
                                            </p>
                                            <EntryCard entry=own.entry public=false />
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ol>
                    }
                        .into_any()
                }}
                <super::feeds::Subscriptions
                    subscriptions=data.subscriptions.clone()
                    can_manage=data.can_manage
                />
            </Loaded>
        </main>
    }
}

#[component]
fn WaitingList(items: Vec<Unwritten>) -> impl IntoView {
    let i18n = use_i18n();
    (!items.is_empty()).then(|| {
        view! {
            <h2>{t!(i18n, library.waiting)}</h2>
            <ul>
                {items
                    .into_iter()
                    .map(|u| {
                        view! {
                            <li>
                                <a href=u.path>{u.title}</a>
                                " ("
                                {kind_name(i18n, u.kind)}
                                ", "
                                {outcome_name(i18n, u.outcome)}
                                ")"
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    })
}
