//! The measure form of the activity-plan template: its inputs as typed, their checks,
//! and the form itself (used to promote and to edit).
use crate::error::{AppError, Field};
use crate::i18n::*;
use chrono::NaiveDate;
use leptos::prelude::*;
use samskap_domain::plan::model::{
    Funding, MeasureFields, MAX_AMOUNT_NOK, MAX_MEASURE_TEXT, MAX_MEASURE_TITLE,
};
use samskap_domain::programme::model::Programme;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The measure form as typed: sent as `fields[title]`, `fields[goals][0]` and so on.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MeasureInput {
    pub title: String,
    pub what: String,
    pub expected_result: String,
    pub grant: String,
    pub municipality: String,
    pub other_grants: String,
    pub carried_over: String,
    pub starts_on: String,
    pub ends_on: String,
    pub partners: String,
    pub contribution: String,
    pub owner: String,
    pub indicators: String,
    pub year: String,
    pub focus_area: String,
    pub goals: Vec<Uuid>,
}

impl MeasureInput {
    /// Checks every field against the template's rules and the programme's taxonomy.
    pub fn parse(&self, programme: &Programme) -> Result<MeasureFields, AppError> {
        use samskap_domain::validate::{number, optional, required};
        let text = |field, value: &str| optional(field, value, MAX_MEASURE_TEXT);
        let title = required(Field::Title, &self.title, MAX_MEASURE_TITLE)?;
        let what = required(Field::WhatToDo, &self.what, MAX_MEASURE_TEXT)?;
        let expected_result = required(
            Field::ExpectedResult,
            &self.expected_result,
            MAX_MEASURE_TEXT,
        )?;
        let funding = Funding {
            grant: amount(Field::Grant, &self.grant)?,
            municipality: amount(Field::Municipality, &self.municipality)?,
            other_grants: amount(Field::OtherGrants, &self.other_grants)?,
            carried_over: amount(Field::CarriedOver, &self.carried_over)?,
        };
        let starts_on = date(Field::StartsAt, &self.starts_on)?;
        let ends_on = date(Field::EndsOn, &self.ends_on)?;
        if ends_on < starts_on {
            return Err(AppError::PeriodReversed);
        }
        let years = programme.fields.start_year as i64..=programme.fields.end_year as i64;
        let year = number(Field::Year, &self.year, years)? as i32;
        let focus_area_id = match self.focus_area.trim() {
            "" => None,
            id => {
                let id: Uuid = id.parse().map_err(|_| AppError::BadRequest)?;
                if !programme.focus_areas.iter().any(|fa| fa.id == id) {
                    return Err(AppError::BadRequest);
                }
                Some(id)
            }
        };
        if self
            .goals
            .iter()
            .any(|g| !programme.goals.iter().any(|pg| pg.id == *g))
        {
            return Err(AppError::BadRequest);
        }
        let goal_ids = programme
            .goals
            .iter()
            .filter(|g| self.goals.contains(&g.id))
            .map(|g| g.id)
            .collect();
        Ok(MeasureFields {
            title,
            what,
            expected_result,
            funding,
            starts_on,
            ends_on,
            partners: text(Field::Partners, &self.partners)?,
            contribution: text(Field::Contribution, &self.contribution)?,
            owner: required(Field::Owner, &self.owner, MAX_MEASURE_TITLE)?,
            indicators: text(Field::Indicators, &self.indicators)?,
            year,
            focus_area_id,
            goal_ids,
        })
    }

    /// The form prefilled with a measure's fields.
    pub fn of(fields: &MeasureFields) -> Self {
        MeasureInput {
            title: fields.title.clone(),
            what: fields.what.clone(),
            expected_result: fields.expected_result.clone(),
            grant: fields.funding.grant.to_string(),
            municipality: fields.funding.municipality.to_string(),
            other_grants: fields.funding.other_grants.to_string(),
            carried_over: fields.funding.carried_over.to_string(),
            starts_on: fields.starts_on.to_string(),
            ends_on: fields.ends_on.to_string(),
            partners: fields.partners.clone(),
            contribution: fields.contribution.clone(),
            owner: fields.owner.clone(),
            indicators: fields.indicators.clone(),
            year: fields.year.to_string(),
            focus_area: fields
                .focus_area_id
                .map(|id| id.to_string())
                .unwrap_or_default(),
            goals: fields.goal_ids.clone(),
        }
    }
}

/// A funding amount in whole kroner; empty means none.
fn amount(field: Field, value: &str) -> Result<i64, AppError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(0);
    }
    if value.starts_with(['-', '−']) {
        return Err(AppError::NegativeAmount(field));
    }
    samskap_domain::validate::number(field, value, 0..=MAX_AMOUNT_NOK)
}

/// A date as an `<input type="date">` sends it.
pub fn date(field: Field, value: &str) -> Result<NaiveDate, AppError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(AppError::Empty(field));
    }
    use chrono::Datelike;
    let date =
        NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| AppError::InvalidDate(field))?;
    // Years outside this would also compare wrongly as text in SQLite (`-0001`, `+10000`).
    if !(1900..=2100).contains(&date.year()) {
        return Err(AppError::InvalidDate(field));
    }
    Ok(date)
}

/// The template's fields as form inputs named `fields[…]`, prefilled with `value`.
#[component]
pub fn MeasureFormFields(
    value: MeasureInput,
    programme: Programme,
    /// Prefixes the element ids, so two forms can share a page.
    prefix: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = move |name: &str| format!("{prefix}-{name}");
    let text_area =
        move |name: &'static str, label: &'static str, value: String, required: bool| {
            view! {
                <label for=id(name)>{label}</label>
                <textarea
                    id=id(name)
                    name=format!("fields[{name}]")
                    rows="3"
                    required=required
                    maxlength=MAX_MEASURE_TEXT.to_string()
                    inner_html=crate::ui::text::textarea_text(&value)
                ></textarea>
            }
        };
    let money = move |name: &'static str, label: &'static str, value: String| {
        view! {
            <div>
                <label for=id(name)>{label}</label>
                <input id=id(name) name=format!("fields[{name}]") inputmode="numeric" value=value />
            </div>
        }
    };
    let focus_options = programme
        .focus_areas
        .iter()
        .map(|fa| {
            let selected = value.focus_area == fa.id.to_string();
            view! {
                <option value=fa.id.to_string() selected=selected>
                    {fa.name.clone()}
                </option>
            }
        })
        .collect_view();
    let goal_choices = programme
        .goals
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let cid = format!("{prefix}-goal-{i}");
            view! {
                <div class="check">
                    <input
                        type="checkbox"
                        id=cid.clone()
                        name=format!("fields[goals][{i}]")
                        value=g.id.to_string()
                        checked=value.goals.contains(&g.id)
                    />
                    <label for=cid>{g.title.clone()}</label>
                </div>
            }
        })
        .collect_view();
    let years = (programme.fields.start_year..=programme.fields.end_year)
        .map(|y| {
            view! {
                <option value=y.to_string() selected=value.year == y.to_string()>
                    {y}
                </option>
            }
        })
        .collect_view();
    view! {
        <label for=id("title")>{t!(i18n, plan.title)}</label>
        <input
            id=id("title")
            name="fields[title]"
            required
            maxlength=MAX_MEASURE_TITLE.to_string()
            value=value.title.clone()
        />
        {text_area("what", t_string!(i18n, plan.what), value.what.clone(), true)}
        {text_area(
            "expected_result",
            t_string!(i18n, plan.expected_result),
            value.expected_result.clone(),
            true,
        )}
        <fieldset class="funding">
            <legend>{t!(i18n, plan.cost_estimate)}</legend>
            <p class="hint">{t!(i18n, plan.cost_hint)}</p>
            {money("grant", t_string!(i18n, plan.grant), value.grant.clone())}
            {money("municipality", t_string!(i18n, plan.municipality), value.municipality.clone())}
            {money("other_grants", t_string!(i18n, plan.other_grants), value.other_grants.clone())}
            {money("carried_over", t_string!(i18n, plan.carried_over), value.carried_over.clone())}
        </fieldset>
        <fieldset class="period">
            <legend>{t!(i18n, plan.time_frame)}</legend>
            <div>
                <label for=id("starts_on")>{t!(i18n, plan.starts_on)}</label>
                <input
                    id=id("starts_on")
                    type="date"
                    name="fields[starts_on]"
                    required
                    value=value.starts_on.clone()
                />
            </div>
            <div>
                <label for=id("ends_on")>{t!(i18n, plan.ends_on)}</label>
                <input
                    id=id("ends_on")
                    type="date"
                    name="fields[ends_on]"
                    required
                    value=value.ends_on.clone()
                />
            </div>
        </fieldset>
        <label for=id("year")>{t!(i18n, plan.year)}</label>
        <select id=id("year") name="fields[year]">
            {years}
        </select>
        <label for=id("focus_area")>{t!(i18n, plan.focus_area)}</label>
        <select id=id("focus_area") name="fields[focus_area]">
            <option value="">{t!(i18n, plan.no_focus_area)}</option>
            {focus_options}
        </select>
        <fieldset>
            <legend>{t!(i18n, plan.goals)}</legend>
            {goal_choices}
        </fieldset>
        {text_area(
            "contribution",
            t_string!(i18n, plan.contribution),
            value.contribution.clone(),
            false,
        )}
        {text_area("partners", t_string!(i18n, plan.partners), value.partners.clone(), false)}
        <label for=id("owner")>{t!(i18n, plan.owner)}</label>
        <input
            id=id("owner")
            name="fields[owner]"
            required
            maxlength=MAX_MEASURE_TITLE.to_string()
            value=value.owner.clone()
        />
        {text_area("indicators", t_string!(i18n, plan.indicators), value.indicators.clone(), false)}
    }
}
