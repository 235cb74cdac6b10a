//! `PlanStore`'s SQL and rows: measures, their goals and risks, plan years with their
//! status and frozen versions (`calls/plan.rs` binds and runs them).
use chrono::{DateTime, NaiveDate, Utc};
use samskap_domain::plan::model::{
    Adoption, Funding, Measure, MeasureFields, MeasureSource, PlanVersion, Risk,
};
use samskap_domain::store::StoreError;
use uuid::Uuid;

/// Counts a change of year `$2`'s measures while its plan (programme `$1`) is not frozen.
pub(crate) const BUMP_OPEN_PLAN: &str =
    "UPDATE plans SET revision = revision + 1 WHERE programme_id = $1 AND year = $2 AND status NOT IN ('adopted', 'sent')";

pub(crate) const MEASURE_COLUMNS: &str =
    "SELECT m.id, m.programme_id, m.year, m.focus_area_id, m.rank, m.prototype_id, m.idea_id, m.justification,
            m.title, m.what, m.expected_result, m.grant_nok, m.municipality_nok, m.other_grants_nok,
            m.carried_over_nok, m.starts_on, m.ends_on, m.partners, m.contribution, m.owner, m.indicators,
            m.status, m.drop_reason, m.stopped, m.created_at FROM measures m";

#[derive(sqlx::FromRow)]
pub(crate) struct MeasureRow {
    id: Uuid,
    pub(crate) programme_id: Uuid,
    pub(crate) year: i32,
    pub(crate) focus_area_id: Option<Uuid>,
    pub(crate) rank: i32,
    prototype_id: Option<Uuid>,
    idea_id: Option<Uuid>,
    justification: String,
    title: String,
    what: String,
    expected_result: String,
    grant_nok: i64,
    municipality_nok: i64,
    other_grants_nok: i64,
    carried_over_nok: i64,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    partners: String,
    contribution: String,
    owner: String,
    indicators: String,
    pub(crate) status: String,
    drop_reason: String,
    stopped: bool,
    created_at: DateTime<Utc>,
}

impl MeasureRow {
    /// The fields as stored (without goals).
    pub(crate) fn fields(&self) -> MeasureFields {
        MeasureFields {
            title: self.title.clone(),
            what: self.what.clone(),
            expected_result: self.expected_result.clone(),
            funding: Funding {
                grant: self.grant_nok,
                municipality: self.municipality_nok,
                other_grants: self.other_grants_nok,
                carried_over: self.carried_over_nok,
            },
            starts_on: self.starts_on,
            ends_on: self.ends_on,
            partners: self.partners.clone(),
            contribution: self.contribution.clone(),
            owner: self.owner.clone(),
            indicators: self.indicators.clone(),
            year: self.year,
            focus_area_id: self.focus_area_id,
            goal_ids: Vec::new(),
        }
    }

    /// The measure, with its goals and risks picked from those of many measures.
    pub(crate) fn into_measure(
        self,
        goals: &[(Uuid, Uuid)],
        risks: &[RiskRow],
    ) -> Result<Measure, StoreError> {
        let mut fields = self.fields();
        fields.goal_ids = goals
            .iter()
            .filter(|(m, _)| *m == self.id)
            .map(|(_, g)| *g)
            .collect();
        let source = match (self.prototype_id, self.idea_id) {
            (Some(prototype_id), _) => Some(MeasureSource::Prototype { prototype_id }),
            (None, Some(card_id)) => Some(MeasureSource::Idea {
                card_id,
                justification: self.justification,
            }),
            (None, None) => None,
        };
        Ok(Measure {
            id: self.id,
            fields,
            status: self.status.parse().map_err(|_| {
                StoreError::Backend(format!("unknown measure status {:?}", self.status))
            })?,
            drop_reason: self.drop_reason,
            rank: self.rank,
            source,
            stopped: self.stopped,
            risks: risks
                .iter()
                .filter(|r| r.measure_id == self.id)
                .map(RiskRow::to_risk)
                .collect::<Result<_, _>>()?,
            created_at: self.created_at,
        })
    }
}

/// The names of the fields that differ, for the audit trail.
pub(crate) fn changed_fields(before: &MeasureFields, after: &MeasureFields) -> Vec<&'static str> {
    let mut changed = Vec::new();
    let mut check = |name, differs: bool| {
        if differs {
            changed.push(name);
        }
    };
    check("title", before.title != after.title);
    check("what", before.what != after.what);
    check(
        "expected_result",
        before.expected_result != after.expected_result,
    );
    check("funding", before.funding != after.funding);
    check(
        "time_frame",
        (before.starts_on, before.ends_on) != (after.starts_on, after.ends_on),
    );
    check("partners", before.partners != after.partners);
    check("contribution", before.contribution != after.contribution);
    check("owner", before.owner != after.owner);
    check("indicators", before.indicators != after.indicators);
    check("year", before.year != after.year);
    check("focus_area", before.focus_area_id != after.focus_area_id);
    changed
}

#[derive(sqlx::FromRow)]
pub(crate) struct RiskRow {
    measure_id: Uuid,
    id: Uuid,
    risk: String,
    probability: String,
    consequence: String,
    mitigation: String,
}

impl RiskRow {
    fn to_risk(&self) -> Result<Risk, StoreError> {
        let level = |s: &str| {
            s.parse()
                .map_err(|_| StoreError::Backend(format!("unknown risk level {s:?}")))
        };
        Ok(Risk {
            id: self.id,
            risk: self.risk.clone(),
            probability: level(&self.probability)?,
            consequence: level(&self.consequence)?,
            mitigation: self.mitigation.clone(),
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct PlanVersionRow {
    version: i32,
    adopted_on: NaiveDate,
    adopted_by: String,
    sent_on: Option<NaiveDate>,
    frozen_at: DateTime<Utc>,
    frozen_by: String,
    snapshot: String,
}

impl PlanVersionRow {
    pub(crate) fn into_version(self) -> Result<PlanVersion, StoreError> {
        let mut snapshot: samskap_domain::plan::model::PlanSnapshot =
            serde_json::from_str(&self.snapshot)
                .map_err(|e| StoreError::Backend(format!("plan snapshot: {e}")))?;
        let adoption = Adoption {
            adopted_on: self.adopted_on,
            adopted_by: self.adopted_by,
            sent_on: self.sent_on,
        };
        snapshot.adoption = Some(adoption.clone());
        Ok(PlanVersion {
            version: self.version as u32,
            adoption,
            frozen_at: self.frozen_at,
            frozen_by: self.frozen_by,
            snapshot,
        })
    }
}

pub(crate) fn plan_status(s: &str) -> Result<samskap_domain::plan::model::PlanStatus, StoreError> {
    s.parse()
        .map_err(|_| StoreError::Backend(format!("unknown plan status {s:?}")))
}

/// Midnight UTC of a day, as a bound for audit times.
pub(crate) fn day_start(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc()
}

/// Escapes `%`, `_` and the escape character so typed filter text matches literally
/// (with `LIKE … ESCAPE '\'`).
pub(crate) fn like_escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}
