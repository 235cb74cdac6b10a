//! Indicators on a measure's page and on the goals' page: each with its baseline,
//! target, readings and chart; defining, removing and reading them.
use crate::error::{AppError, ErrorAlert};
use crate::i18n::*;
use crate::ui::refresh::last_error;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use samskap_domain::follow_up::indicator::{
    format_value, parse_value, Indicator, IndicatorFields, IndicatorOf, Point, ReadingSource,
    MAX_INDICATOR_NAME, MAX_LINK, MAX_UNIT,
};
use samskap_domain::follow_up::model::MAX_FOLLOW_UP_TEXT;
use uuid::Uuid;

/// The indicator form as typed: sent as `fields[name]`, `fields[baseline]` and so on.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct IndicatorInput {
    pub name: String,
    pub unit: String,
    pub baseline: String,
    pub baseline_on: String,
    pub target: String,
    pub target_on: String,
}

impl IndicatorInput {
    /// Checks every field: a name, figures, dates with the target not before the baseline.
    pub fn parse(&self) -> Result<IndicatorFields, AppError> {
        use crate::error::Field;
        use samskap_domain::validate::{optional, required};
        let date = crate::plan::fields::date;
        let fields = IndicatorFields {
            name: required(Field::IndicatorName, &self.name, MAX_INDICATOR_NAME)?,
            unit: optional(Field::Unit, &self.unit, MAX_UNIT)?,
            baseline: Point {
                value: parse_value(Field::Baseline, &self.baseline)?,
                on: date(Field::Date, &self.baseline_on)?,
            },
            target: Point {
                value: parse_value(Field::Target, &self.target)?,
                on: date(Field::TargetDate, &self.target_on)?,
            },
        };
        if fields.target.on < fields.baseline.on {
            return Err(AppError::PeriodReversed);
        }
        Ok(fields)
    }
}

/// Defines an indicator of a measure (`measure_id`; planners and its responsible) or a
/// programme goal (`goal_id`; planners).
#[server(endpoint = "indicators/add", output = crate::JsonText)]
pub async fn add_indicator(
    #[server(default)] measure_id: String,
    #[server(default)] goal_id: String,
    fields: IndicatorInput,
) -> Result<Uuid, AppError> {
    let id = |s: &str| s.trim().parse::<Uuid>().map_err(|_| AppError::BadRequest);
    let of = match (measure_id.trim(), goal_id.trim()) {
        (m, "") if !m.is_empty() => IndicatorOf::Measure(id(m)?),
        ("", g) if !g.is_empty() => IndicatorOf::Goal(id(g)?),
        _ => return Err(AppError::BadRequest),
    };
    let (store, programme, actor) = super::access::indicator_writer(of).await?;
    let fields = fields.parse()?;
    Ok(store.add_indicator(programme, of, &fields, &actor).await?)
}

/// Removes an indicator and its readings; who may define it.
#[server(endpoint = "indicators/remove", output = crate::JsonText)]
pub async fn remove_indicator(indicator_id: Uuid) -> Result<(), AppError> {
    let (store, programme, actor) = super::access::indicator_writer_of(indicator_id).await?;
    Ok(store
        .remove_indicator(programme, indicator_id, &actor)
        .await?)
}

/// Records a reading of an indicator; who may define it.
#[server(endpoint = "indicators/reading", output = crate::JsonText)]
pub async fn add_reading(
    indicator_id: Uuid,
    measured_on: String,
    value: String,
    source: String,
    #[server(default)] link: String,
    #[server(default)] note: String,
) -> Result<Uuid, AppError> {
    use crate::error::Field;
    use samskap_domain::store::follow_up_store::NewReading;
    let (store, programme, actor) = super::access::indicator_writer_of(indicator_id).await?;
    let reading = NewReading {
        measured_on: super::spending::past_date(Field::Date, &measured_on)?,
        value: parse_value(Field::Value, &value)?,
        source: source.parse().map_err(|_| AppError::BadRequest)?,
        link: source_link(&link)?,
        note: samskap_domain::validate::optional(Field::Note, &note, MAX_FOLLOW_UP_TEXT)?,
    };
    Ok(store
        .add_reading(programme, indicator_id, &reading, &actor)
        .await?)
}

/// A link to where a figure comes from: empty, a web address, or a path in Samskap.
/// Nothing else, so a link can never run script (`javascript:`) when followed.
#[cfg(feature = "ssr")]
fn source_link(text: &str) -> Result<String, AppError> {
    use crate::error::Field;
    let link = samskap_domain::validate::optional(Field::Link, text, MAX_LINK)?;
    let fine = link.is_empty()
        || ((link.starts_with("https://")
            || link.starts_with("http://")
            || (link.starts_with('/') && !link.starts_with("//")))
            // A backslash reads as a slash to browsers: `/\evil.example` is another site.
            && !link
                .chars()
                .any(|c| c.is_whitespace() || matches!(c, '"' | '<' | '>' | '\\')));
    if fine {
        Ok(link)
    } else {
        Err(AppError::InvalidLink)
    }
}

/// The translated name of a reading's source.
pub fn source_name(i18n: I18nContext<Locale>, source: ReadingSource) -> &'static str {
    match source {
        ReadingSource::Statistics => t_string!(i18n, follow.source_statistics),
        ReadingSource::Survey => t_string!(i18n, follow.source_survey),
        ReadingSource::Workshop => t_string!(i18n, follow.source_workshop),
    }
}

/// The language's decimal mark.
pub fn decimal(i18n: I18nContext<Locale>) -> char {
    if i18n.get_locale_untracked() == Locale::en {
        '.'
    } else {
        ','
    }
}

/// A figure with its unit.
pub fn with_unit(value: f64, unit: &str, decimal: char) -> String {
    match unit {
        "" => format_value(value, decimal),
        "%" => format!("{} %", format_value(value, decimal)),
        unit => format!("{} {unit}", format_value(value, decimal)),
    }
}

/// The indicators of one measure or goal, and (for who may) the forms.
#[component]
pub fn IndicatorList(
    of: IndicatorOf,
    indicators: Vec<Indicator>,
    can_record: bool,
    today: chrono::NaiveDate,
) -> impl IntoView {
    let i18n = use_i18n();
    let empty = indicators.is_empty();
    let items = indicators
        .into_iter()
        .map(|indicator| view! { <IndicatorItem indicator can_record today /> })
        .collect_view();
    view! {
        {empty.then(|| view! { <p>{t!(i18n, follow.no_indicators)}</p> })}
        {items}
        {can_record.then(|| view! { <NewIndicatorForm of today /> })}
    }
}

#[component]
fn IndicatorItem(
    indicator: Indicator,
    can_record: bool,
    today: chrono::NaiveDate,
) -> impl IntoView {
    let i18n = use_i18n();
    let dec = decimal(i18n);
    let f = indicator.fields.clone();
    let unit = f.unit.clone();
    let point = move |p: Point| {
        format!(
            "{} ({})",
            with_unit(p.value, &unit, dec),
            p.on.format("%d.%m.%Y")
        )
    };
    let heading_id = format!("indicator-{}", indicator.id);
    let heading_id_ref = heading_id.clone();
    let rows = indicator
        .readings
        .iter()
        .rev()
        .map(|r| {
            let link = (!r.link.is_empty()).then(|| {
                let href = r.link.clone();
                view! {
                    <a href=href.clone() rel="noopener noreferrer">
                        {t!(i18n, follow.open_source)}
                    </a>
                }
            });
            view! {
                <tr>
                    <td>{r.measured_on.format("%d.%m.%Y").to_string()}</td>
                    <td class="num">{with_unit(r.value, &f.unit, dec)}</td>
                    <td>{source_name(i18n, r.source)} " " {link}</td>
                    <td dir="auto">{r.note.clone()}</td>
                    <td>{r.recorded_by.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    let table = (!indicator.readings.is_empty()).then(|| {
        view! {
            <table class="ledger">
                <caption>{t!(i18n, follow.readings)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, follow.measured_on)}</th>
                        <th scope="col">{t!(i18n, follow.value)}</th>
                        <th scope="col">{t!(i18n, follow.reading_source)}</th>
                        <th scope="col">{t!(i18n, follow.note)}</th>
                        <th scope="col">{t!(i18n, follow.recorded_by)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
    });
    let remove = can_record.then(|| {
        let action = ServerAction::<RemoveIndicator>::new();
        let error = Signal::derive(move || last_error(action));
        view! {
            <ActionForm action attr:class="inline">
                <input type="hidden" name="indicator_id" value=indicator.id.to_string() />
                <button type="submit" class="link">
                    {t!(i18n, follow.remove_indicator)}
                </button>
            </ActionForm>
            <ErrorAlert error />
        }
    });
    let latest = indicator
        .latest()
        .map(|r| {
            point(Point {
                value: r.value,
                on: r.measured_on,
            })
        })
        .unwrap_or_else(|| t_string!(i18n, follow.no_readings).to_string());
    view! {
        <article class="indicator" aria-labelledby=heading_id_ref>
            <h4 id=heading_id dir="auto">
                {f.name.clone()}
            </h4>
            <dl class="facts">
                <dt>{t!(i18n, follow.baseline)}</dt>
                <dd>{point(f.baseline)}</dd>
                <dt>{t!(i18n, follow.target)}</dt>
                <dd>{point(f.target)}</dd>
                <dt>{t!(i18n, follow.latest)}</dt>
                <dd>{latest}</dd>
            </dl>
            <super::indicator_chart::IndicatorChart indicator=indicator.clone() />
            {table}
            {can_record.then(|| view! { <ReadingForm indicator_id=indicator.id today /> })}
            {remove}
        </article>
    }
}

#[component]
fn ReadingForm(indicator_id: Uuid, today: chrono::NaiveDate) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<AddReading>::new();
    let error = Signal::derive(move || last_error(action));
    let id = move |name: &str| format!("reading-{indicator_id}-{name}");
    let sources = ReadingSource::ALL
        .iter()
        .map(|s| view! { <option value=s.as_str()>{source_name(i18n, *s)}</option> })
        .collect_view();
    view! {
        <details class="editor" open=move || error.get().is_some()>
            <summary>{t!(i18n, follow.add_reading)}</summary>
            <ActionForm action attr:class="form">
                <input type="hidden" name="indicator_id" value=indicator_id.to_string() />
                <label for=id("date")>{t!(i18n, follow.measured_on)}</label>
                <input
                    id=id("date")
                    type="date"
                    name="measured_on"
                    required
                    value=today.to_string()
                    max=today.to_string()
                />
                <label for=id("value")>{t!(i18n, follow.value)}</label>
                <input id=id("value") name="value" inputmode="decimal" required />
                <label for=id("source")>{t!(i18n, follow.reading_source)}</label>
                <select id=id("source") name="source">
                    {sources}
                </select>
                <label for=id("link")>{t!(i18n, follow.link_field)}</label>
                <input
                    id=id("link")
                    name="link"
                    type="text"
                    inputmode="url"
                    maxlength=MAX_LINK.to_string()
                />
                <label for=id("note")>{t!(i18n, follow.note)}</label>
                <input id=id("note") name="note" maxlength=MAX_FOLLOW_UP_TEXT.to_string() />
                <ErrorAlert error />
                <button type="submit">{t!(i18n, follow.add_reading)}</button>
            </ActionForm>
        </details>
    }
}

#[component]
fn NewIndicatorForm(of: IndicatorOf, today: chrono::NaiveDate) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<AddIndicator>::new();
    let error = Signal::derive(move || last_error(action));
    let (owner, owner_id) = match of {
        IndicatorOf::Measure(id) => ("measure_id", id),
        IndicatorOf::Goal(id) => ("goal_id", id),
    };
    let id = move |name: &str| format!("indicator-{owner_id}-{name}");
    view! {
        <details class="editor" open=move || error.get().is_some()>
            <summary>{t!(i18n, follow.add_indicator)}</summary>
            <ActionForm action attr:class="form">
                <input type="hidden" name=owner value=owner_id.to_string() />
                <label for=id("name")>{t!(i18n, follow.indicator_name)}</label>
                <input
                    id=id("name")
                    name="fields[name]"
                    required
                    maxlength=MAX_INDICATOR_NAME.to_string()
                />
                <label for=id("unit")>{t!(i18n, follow.unit)}</label>
                <input id=id("unit") name="fields[unit]" maxlength=MAX_UNIT.to_string() />
                <fieldset class="period">
                    <legend>{t!(i18n, follow.baseline)}</legend>
                    <div>
                        <label for=id("baseline")>{t!(i18n, follow.baseline_value)}</label>
                        <input
                            id=id("baseline")
                            name="fields[baseline]"
                            inputmode="decimal"
                            required
                        />
                    </div>
                    <div>
                        <label for=id("baseline-on")>{t!(i18n, follow.baseline_on)}</label>
                        <input
                            id=id("baseline-on")
                            type="date"
                            name="fields[baseline_on]"
                            required
                            value=today.to_string()
                        />
                    </div>
                </fieldset>
                <fieldset class="period">
                    <legend>{t!(i18n, follow.target)}</legend>
                    <div>
                        <label for=id("target")>{t!(i18n, follow.target_value)}</label>
                        <input id=id("target") name="fields[target]" inputmode="decimal" required />
                    </div>
                    <div>
                        <label for=id("target-on")>{t!(i18n, follow.target_on)}</label>
                        <input id=id("target-on") type="date" name="fields[target_on]" required />
                    </div>
                </fieldset>
                <ErrorAlert error />
                <button type="submit">{t!(i18n, follow.add_indicator)}</button>
            </ActionForm>
        </details>
    }
}
