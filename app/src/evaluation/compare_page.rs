//! `/evaluation`: the same figures for every programme the caller is a member of, side by
//! side: participation and the youth share, what came of the prototypes, the measures
//! adopted and the money spent. Each programme's figures are read with the caller's
//! membership there, and small counts are shown as "<5" as everywhere.
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::guard::Loaded;
use crate::ui::page::PageTitle;
use crate::ui::programme_path::programme_path;
use leptos::prelude::*;
use samskap_domain::evaluation::model::ProgrammeFigures;

/// The figures of each programme the caller is a member of, oldest programme first; any
/// staff role (an account in no programme gets an empty list).
#[server(endpoint = "evaluation/compare", output = crate::JsonText)]
pub async fn compare_programmes() -> Result<Vec<ProgrammeFigures>, AppError> {
    use crate::server::context::{app, require_account};
    let account = require_account().await?;
    let store = app()?.store;
    let mut all = Vec::new();
    for membership in store.memberships(account.id).await? {
        all.push(figures_of(store.as_ref(), membership.programme).await?);
    }
    Ok(all)
}

/// One programme's figures (the caller checked the membership).
#[cfg(feature = "ssr")]
async fn figures_of(
    store: &dyn samskap_domain::store::Store,
    id: uuid::Uuid,
) -> Result<ProgrammeFigures, AppError> {
    use samskap_domain::evaluation::model::PrototypeOutcomes;
    use samskap_domain::plan::model::MeasureStatus;
    let programme = crate::plan::access::programme(store, id).await?;
    let diversity = crate::inclusion::diversity::view_of(id, None).await?;
    let adopted = store
        .measures(id)
        .await?
        .iter()
        .filter(|m| {
            matches!(
                m.status,
                MeasureStatus::Adopted | MeasureStatus::InProgress | MeasureStatus::Done
            )
        })
        .count();
    let spent = store
        .follow_up_totals(id)
        .await?
        .iter()
        .map(|t| t.spent.total())
        .sum();
    Ok(ProgrammeFigures {
        slug: programme.slug,
        name: programme.fields.name,
        start_year: programme.fields.start_year,
        end_year: programme.fields.end_year,
        workshops: store.workshops(id).await?.len() as u32,
        participants: diversity.participants,
        youth_share: diversity.youth_share,
        cards: diversity.cards,
        prototypes: PrototypeOutcomes::of(&store.prototypes(id).await?),
        measures_adopted: adopted as u32,
        yearly_budget_nok: programme.fields.yearly_budget_nok,
        spent_nok: spent,
    })
}

#[component]
pub fn ComparePage() -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new(|| (), |_| compare_programmes());
    view! {
        <PageTitle text=move || t_string!(i18n, evaluation.title).to_string() />
        <main id="main" class="page">
            <h1>{t!(i18n, evaluation.title)}</h1>
            <p>{t!(i18n, evaluation.intro)}</p>
            <Loaded resource=data let:all>
                <Table all />
            </Loaded>
        </main>
    }
}

/// One row per figure, one column per programme: easy to read across on a wide screen,
/// and it scrolls sideways on a phone.
#[component]
fn Table(all: Vec<ProgrammeFigures>) -> impl IntoView {
    let i18n = use_i18n();
    if all.is_empty() {
        return view! { <p>{t!(i18n, programmes.none_yours)}</p> }.into_any();
    }
    let group = if i18n.get_locale_untracked() == Locale::en {
        ','
    } else {
        '\u{a0}'
    };
    let nok = move |n: i64| samskap_domain::programme::model::format_nok(n, group);
    let heads = all
        .iter()
        .map(|p| {
            view! {
                <th scope="col">
                    <a href=programme_path(&p.slug, "")>{p.name.clone()}</a>
                </th>
            }
        })
        .collect_view();
    let row = |label: String, cell: &dyn Fn(&ProgrammeFigures) -> String| {
        let cells = all
            .iter()
            .map(|p| view! { <td>{cell(p)}</td> })
            .collect_view();
        view! {
            <tr>
                <th scope="row">{label}</th>
                {cells}
            </tr>
        }
    };
    let share = |s: Option<u8>| s.map_or_else(|| "–".to_string(), |s| format!("{s} %"));
    let rows = vec![
        row(t_string!(i18n, evaluation.period).to_string(), &|p| {
            format!("{}–{}", p.start_year, p.end_year)
        }),
        row(t_string!(i18n, evaluation.workshops).to_string(), &|p| {
            p.workshops.to_string()
        }),
        row(t_string!(i18n, evaluation.participants).to_string(), &|p| {
            p.participants.shown()
        }),
        row(t_string!(i18n, evaluation.youth_share).to_string(), &|p| {
            share(p.youth_share)
        }),
        row(t_string!(i18n, evaluation.cards).to_string(), &|p| {
            p.cards.shown()
        }),
        row(t_string!(i18n, evaluation.prototypes).to_string(), &|p| {
            p.prototypes.lineages.to_string()
        }),
        row(t_string!(i18n, evaluation.tested).to_string(), &|p| {
            p.prototypes.tested.to_string()
        }),
        row(t_string!(i18n, evaluation.proceeded).to_string(), &|p| {
            p.prototypes.proceeded.to_string()
        }),
        row(t_string!(i18n, evaluation.dropped).to_string(), &|p| {
            p.prototypes.dropped.to_string()
        }),
        row(t_string!(i18n, evaluation.measures).to_string(), &|p| {
            p.measures_adopted.to_string()
        }),
        row(t_string!(i18n, evaluation.budget).to_string(), &|p| {
            nok(p.yearly_budget_nok)
        }),
        row(
            t_string!(i18n, evaluation.spent).to_string(),
            &|p| match p.spent_nok {
                0 => "–".to_string(),
                n => nok(n),
            },
        ),
    ];
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby="compare-caption">
            <table class="compare">
                <caption id="compare-caption">{t!(i18n, evaluation.caption)}</caption>
                <thead>
                    <tr>
                        <td></td>
                        {heads}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <p class="hint">{t!(i18n, evaluation.small_counts)}</p>
    }
    .into_any()
}
