//! Measures, the yearly plan, its versions and receipts (`PlanStore`).
use super::audit::audit;
use crate::inclusion_sql::YOUTH;
use crate::pipeline_sql::AuditRow;
use crate::plan_sql::*;
use crate::sql::{found, placeholders};
use samskap_domain::pipeline::model::{AuditEntry, PrototypeStatus};
use samskap_domain::plan::model::*;
use samskap_domain::store::actor::Actor;
use samskap_domain::store::plan_store::*;
use samskap_domain::store::{StoreError, StoreResult};
use samskap_domain::workshop::model::CardKind;
use uuid::Uuid;

impl super::StoreImpl {
    /// Measures matching `filter` (a condition on `m`, `$1` bound to `arg`),
    /// with their goals and risks, by year, focus area order and rank.
    async fn load_measures(&self, filter: &str, arg: Uuid) -> StoreResult<Vec<Measure>> {
        let rows = sqlx::query_as::<_, MeasureRow>(&format!(
            "{MEASURE_COLUMNS} LEFT JOIN focus_areas fa ON fa.id = m.focus_area_id
             WHERE {filter} ORDER BY m.year, fa.position IS NULL, fa.position, m.rank"
        ))
        .bind(arg)
        .fetch_all(&self.pool)
        .await?;
        let goals = sqlx::query_as::<_, (Uuid, Uuid)>(&format!(
            "SELECT mg.measure_id, mg.goal_id FROM measure_goals mg JOIN goals g ON g.id = mg.goal_id
             JOIN measures m ON m.id = mg.measure_id WHERE {filter} ORDER BY g.position"
        ))
        .bind(arg)
        .fetch_all(&self.pool)
        .await?;
        let risks = sqlx::query_as::<_, RiskRow>(&format!(
            "SELECT r.measure_id, r.id, r.risk, r.probability, r.consequence, r.mitigation
             FROM measure_risks r JOIN measures m ON m.id = r.measure_id WHERE {filter}
             ORDER BY r.created_at, r.id"
        ))
        .bind(arg)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|r| r.into_measure(&goals, &risks))
            .collect()
    }

    async fn reload(&self, id: Uuid) -> StoreResult<Measure> {
        self.load_measures("m.id = $1", id)
            .await?
            .pop()
            .ok_or(StoreError::NotFound)
    }
}

#[async_trait::async_trait]
impl PlanStore for super::StoreImpl {
    async fn promote(
        &self,
        programme: Uuid,
        from: &Promotion,
        fields: &MeasureFields,
        actor: &Actor,
    ) -> StoreResult<Measure> {
        let mut tx = self.begin_write().await?;
        touch_plan(&mut tx, programme, fields.year).await?;
        let (prototype, idea, justification, detail) = match from {
            Promotion::Prototype(id) => {
                let status: Option<String> = sqlx::query_scalar(
                    "SELECT status FROM prototypes WHERE id = $1 AND programme_id = $2",
                )
                .bind(id)
                .bind(programme)
                .fetch_optional(&mut *tx)
                .await?;
                match status.as_deref().map(str::parse::<PrototypeStatus>) {
                    None => return Err(StoreError::NotFound),
                    Some(Ok(PrototypeStatus::Proceed)) => {}
                    Some(_) => return Err(StoreError::NotProceeded),
                }
                (Some(*id), None, String::new(), format!("prototype {id}"))
            }
            Promotion::Idea {
                card,
                justification,
            } => {
                let kind: Option<String> = sqlx::query_scalar(
                    "SELECT c.kind FROM cards c JOIN boards b ON b.id = c.board_id
                     JOIN workshops w ON w.id = b.workshop_id
                     WHERE c.id = $1 AND w.programme_id = $2",
                )
                .bind(card)
                .bind(programme)
                .fetch_optional(&mut *tx)
                .await?;
                match kind.as_deref().map(str::parse::<CardKind>) {
                    None => return Err(StoreError::NotFound),
                    Some(Ok(CardKind::Idea)) => {}
                    Some(_) => return Err(StoreError::NotAnIdea),
                }
                (
                    None,
                    Some(*card),
                    justification.clone(),
                    format!("idea {card}: {justification}"),
                )
            }
        };
        let id = Uuid::new_v4();
        if let Some(area) = fields.focus_area_id {
            // A focus area of another programme (or none) is not found.
            let ours: Option<i32> =
                sqlx::query_scalar("SELECT 1 FROM focus_areas WHERE id = $1 AND programme_id = $2")
                    .bind(area)
                    .bind(programme)
                    .fetch_optional(&mut *tx)
                    .await?;
            ours.ok_or(StoreError::NotFound)?;
        }
        let rank = last_rank(&mut tx, programme, fields.year, fields.focus_area_id).await? + 1;
        let insert = sqlx::query(
            "INSERT INTO measures (id, programme_id, year, focus_area_id, rank, prototype_id, idea_id, justification,
               title, what, expected_result, grant_nok, municipality_nok, other_grants_nok, carried_over_nok,
               starts_on, ends_on, partners, contribution, owner, indicators, status, drop_reason, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21,
               'candidate', '', $22)",
        )
        .bind(id)
        .bind(programme)
        .bind(fields.year)
        .bind(fields.focus_area_id)
        .bind(rank)
        .bind(prototype)
        .bind(idea)
        .bind(&justification);
        bind_measure_fields(insert, fields)
            .bind(crate::rows::now())
            .execute(&mut *tx)
            .await
            .map_err(|e| match StoreError::from(e) {
                StoreError::Duplicate => StoreError::AlreadyPromoted,
                other => other,
            })?;
        set_goals(&mut tx, id, &fields.goal_ids).await?;
        audit(&mut tx, actor, "measure_promoted", "measure", id, detail).await?;
        tx.commit().await?;
        self.reload(id).await
    }

    async fn measure(&self, id: Uuid) -> StoreResult<Option<Measure>> {
        Ok(self.load_measures("m.id = $1", id).await?.pop())
    }

    async fn measures(&self, programme: Uuid) -> StoreResult<Vec<Measure>> {
        self.load_measures("m.programme_id = $1", programme).await
    }

    async fn measures_from(
        &self,
        prototypes: &[Uuid],
        cards: &[Uuid],
    ) -> StoreResult<Vec<Measure>> {
        let mut out: Vec<Measure> = Vec::new();
        for id in prototypes {
            out.extend(self.load_measures("m.prototype_id = $1", *id).await?);
        }
        for id in cards {
            out.extend(self.load_measures("m.idea_id = $1", *id).await?);
        }
        let mut seen = std::collections::HashSet::new();
        out.retain(|m| seen.insert(m.id));
        Ok(out)
    }

    async fn update_measure(
        &self,
        id: Uuid,
        fields: &MeasureFields,
        actor: &Actor,
    ) -> StoreResult<Measure> {
        let mut tx = self.begin_write().await?;
        let old = claim_measure(&mut tx, id).await?;
        touch_plan(&mut tx, old.programme_id, old.year).await?;
        let moved = old.year != fields.year || old.focus_area_id != fields.focus_area_id;
        let rank = if moved {
            touch_plan(&mut tx, old.programme_id, fields.year).await?;
            last_rank(&mut tx, old.programme_id, fields.year, fields.focus_area_id).await? + 1
        } else {
            old.rank
        };
        let before = old.fields();
        let old_goals: Vec<Uuid> = sqlx::query_scalar(
            "SELECT mg.goal_id FROM measure_goals mg JOIN goals g ON g.id = mg.goal_id
             WHERE mg.measure_id = $1 ORDER BY g.position",
        )
        .bind(id)
        .fetch_all(&mut *tx)
        .await?;
        let update = sqlx::query(
            "UPDATE measures SET year = $2, focus_area_id = $3, rank = $4, title = $5, what = $6,
               expected_result = $7, grant_nok = $8, municipality_nok = $9, other_grants_nok = $10,
               carried_over_nok = $11, starts_on = $12, ends_on = $13, partners = $14, contribution = $15,
               owner = $16, indicators = $17
             WHERE id = $1 AND ($3 IS NULL OR EXISTS (
                 SELECT 1 FROM focus_areas f WHERE f.id = $3 AND f.programme_id = measures.programme_id))",
        )
        .bind(id)
        .bind(fields.year)
        .bind(fields.focus_area_id)
        .bind(rank);
        let updated = bind_measure_fields(update, fields)
            .execute(&mut *tx)
            .await?;
        // A focus area of another programme (or none) changes nothing.
        found(updated.rows_affected())?;
        sqlx::query("DELETE FROM measure_goals WHERE measure_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        set_goals(&mut tx, id, &fields.goal_ids).await?;
        let mut changed = changed_fields(&before, fields);
        if old_goals != fields.goal_ids {
            changed.push("goals");
        }
        audit(
            &mut tx,
            actor,
            "measure_updated",
            "measure",
            id,
            changed.join(", "),
        )
        .await?;
        tx.commit().await?;
        self.reload(id).await
    }

    async fn set_measure_status(
        &self,
        id: Uuid,
        status: MeasureStatus,
        reason: &str,
        actor: &Actor,
    ) -> StoreResult<Measure> {
        let mut tx = self.begin_write().await?;
        let old = claim_measure(&mut tx, id).await?;
        let from: MeasureStatus = old
            .status
            .parse()
            .map_err(|_| StoreError::Backend(format!("unknown measure status {:?}", old.status)))?;
        if !from.can_become(status) {
            return Err(StoreError::StatusNotAllowed);
        }
        if from.is_follow_up(status) {
            // Allowed on an adopted plan; on a plan being revised, still a change.
            sqlx::query(BUMP_OPEN_PLAN)
                .bind(old.programme_id)
                .bind(old.year)
                .execute(&mut *tx)
                .await?;
        } else {
            touch_plan(&mut tx, old.programme_id, old.year).await?;
        }
        let reason = if status == MeasureStatus::Dropped {
            reason
        } else {
            ""
        };
        let stopped = status == MeasureStatus::Dropped && from.stops();
        sqlx::query(
            "UPDATE measures SET status = $2, drop_reason = $3, stopped = $4 WHERE id = $1",
        )
        .bind(id)
        .bind(status.as_str())
        .bind(reason)
        .bind(stopped)
        .execute(&mut *tx)
        .await?;
        let detail = match reason {
            "" => format!("{} → {}", from.as_str(), status.as_str()),
            reason => format!("{} → {}: {reason}", from.as_str(), status.as_str()),
        };
        audit(&mut tx, actor, "measure_status", "measure", id, detail).await?;
        tx.commit().await?;
        self.reload(id).await
    }

    async fn move_measure(&self, id: Uuid, up: bool, actor: &Actor) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        let old = claim_measure(&mut tx, id).await?;
        touch_plan(&mut tx, old.programme_id, old.year).await?;
        let neighbour_sql = if up {
            "SELECT id, rank FROM measures WHERE programme_id = $1 AND year = $2 AND rank < $3
               AND (focus_area_id = $4 OR (focus_area_id IS NULL AND $4 IS NULL)) ORDER BY rank DESC LIMIT 1"
        } else {
            "SELECT id, rank FROM measures WHERE programme_id = $1 AND year = $2 AND rank > $3
               AND (focus_area_id = $4 OR (focus_area_id IS NULL AND $4 IS NULL)) ORDER BY rank LIMIT 1"
        };
        let neighbour: Option<(Uuid, i32)> = sqlx::query_as(neighbour_sql)
            .bind(old.programme_id)
            .bind(old.year)
            .bind(old.rank)
            .bind(old.focus_area_id)
            .fetch_optional(&mut *tx)
            .await?;
        let Some((other, other_rank)) = neighbour else {
            return Ok(());
        };
        for (measure, rank) in [(id, other_rank), (other, old.rank)] {
            sqlx::query("UPDATE measures SET rank = $2 WHERE id = $1")
                .bind(measure)
                .bind(rank)
                .execute(&mut *tx)
                .await?;
        }
        audit(
            &mut tx,
            actor,
            "measure_ranked",
            "measure",
            id,
            format!("{} → {}", old.rank, other_rank),
        )
        .await?;
        Ok(tx.commit().await?)
    }

    async fn add_risk(&self, measure: Uuid, risk: &NewRisk, actor: &Actor) -> StoreResult<Uuid> {
        let mut tx = self.begin_write().await?;
        let old = claim_measure(&mut tx, measure).await?;
        touch_plan(&mut tx, old.programme_id, old.year).await?;
        let id = Uuid::new_v4();
        sqlx::query(
            "INSERT INTO measure_risks (id, measure_id, risk, probability, consequence, mitigation, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id)
        .bind(measure)
        .bind(&risk.risk)
        .bind(risk.probability.as_str())
        .bind(risk.consequence.as_str())
        .bind(&risk.mitigation)
        .bind(crate::rows::now())
        .execute(&mut *tx)
        .await?;
        audit(
            &mut tx,
            actor,
            "risk_added",
            "measure",
            measure,
            risk.risk.clone(),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn remove_risk(&self, measure: Uuid, risk: Uuid, actor: &Actor) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        let old = claim_measure(&mut tx, measure).await?;
        touch_plan(&mut tx, old.programme_id, old.year).await?;
        let text: Option<String> = sqlx::query_scalar(
            "DELETE FROM measure_risks WHERE id = $1 AND measure_id = $2 RETURNING risk",
        )
        .bind(risk)
        .bind(measure)
        .fetch_optional(&mut *tx)
        .await?;
        let text = text.ok_or(StoreError::NotFound)?;
        audit(&mut tx, actor, "risk_removed", "measure", measure, text).await?;
        Ok(tx.commit().await?)
    }

    async fn plan(&self, programme: Uuid, year: i32) -> StoreResult<(Plan, i64)> {
        let row: Option<(String, i32, i64)> = sqlx::query_as(
            "SELECT status, version, revision FROM plans WHERE programme_id = $1 AND year = $2",
        )
        .bind(programme)
        .bind(year)
        .fetch_optional(&self.pool)
        .await?;
        Ok(match row {
            None => (
                Plan {
                    year,
                    status: PlanStatus::Draft,
                    version: 1,
                },
                0,
            ),
            Some((status, version, revision)) => (
                Plan {
                    year,
                    status: plan_status(&status)?,
                    version: version as u32,
                },
                revision,
            ),
        })
    }

    async fn change_plan(
        &self,
        programme: Uuid,
        year: i32,
        change: &PlanChange,
        actor: &Actor,
    ) -> StoreResult<Plan> {
        use PlanStatus as S;
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO plans (programme_id, year, status, version, revision) VALUES ($1, $2, 'draft', 1, 0)
             ON CONFLICT (programme_id, year) DO NOTHING",
        )
        .bind(programme)
        .bind(year)
        .execute(&mut *tx)
        .await?;
        let (status, version, revision): (String, i32, i64) = sqlx::query_as(
            "SELECT status, version, revision FROM plans WHERE programme_id = $1 AND year = $2",
        )
        .bind(programme)
        .bind(year)
        .fetch_one(&mut *tx)
        .await?;
        let from = plan_status(&status)?;
        let (to, next_version, action) = match change {
            PlanChange::Propose if from == S::Draft => (S::Proposed, version, "plan_proposed"),
            PlanChange::Withdraw if from == S::Proposed => (S::Draft, version, "plan_withdrawn"),
            PlanChange::Adopt { .. } if from == S::Proposed => {
                (S::Adopted, version, "plan_adopted")
            }
            PlanChange::Send(_) if from == S::Adopted => (S::Sent, version, "plan_sent"),
            PlanChange::Reopen if from.is_frozen() => (S::Draft, version + 1, "plan_reopened"),
            _ => return Err(StoreError::WrongPlanStatus),
        };
        if let PlanChange::Adopt { revision: seen, .. } = change {
            if *seen != revision {
                return Err(StoreError::Stale);
            }
        }
        let done = sqlx::query(
            "UPDATE plans SET status = $5, version = $6
             WHERE programme_id = $1 AND year = $2 AND status = $3 AND revision = $4",
        )
        .bind(programme)
        .bind(year)
        .bind(from.as_str())
        .bind(revision)
        .bind(to.as_str())
        .bind(next_version)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Stale);
        }
        let mut detail = format!("{year} v{version}");
        match change {
            PlanChange::Adopt {
                adoption, snapshot, ..
            } => {
                let json = serde_json::to_string(snapshot)
                    .map_err(|e| StoreError::Backend(format!("snapshot: {e}")))?;
                sqlx::query(
                    "INSERT INTO plan_versions (programme_id, year, version, adopted_on, adopted_by, sent_on, frozen_at, frozen_by, snapshot)
                     VALUES ($1, $2, $3, $4, $5, NULL, $6, $7, $8)",
                )
                .bind(programme)
                .bind(year)
                .bind(version)
                .bind(adoption.adopted_on)
                .bind(&adoption.adopted_by)
                .bind(crate::rows::now())
                .bind(&actor.name)
                .bind(json)
                .execute(&mut *tx)
                .await?;
                sqlx::query(
                    "UPDATE measures SET status = 'adopted'
                     WHERE programme_id = $1 AND year = $2 AND status = 'prioritised'",
                )
                .bind(programme)
                .bind(year)
                .execute(&mut *tx)
                .await?;
                detail = format!("{detail}: {} {}", adoption.adopted_by, adoption.adopted_on);
            }
            PlanChange::Send(on) => {
                sqlx::query(
                    "UPDATE plan_versions SET sent_on = $4 WHERE programme_id = $1 AND year = $2 AND version = $3",
                )
                .bind(programme)
                .bind(year)
                .bind(version)
                .bind(on)
                .execute(&mut *tx)
                .await?;
                detail = format!("{detail}: {on}");
            }
            _ => {}
        }
        audit(&mut tx, actor, action, "plan", programme, detail).await?;
        tx.commit().await?;
        Ok(Plan {
            year,
            status: to,
            version: next_version as u32,
        })
    }

    async fn plan_versions(&self, programme: Uuid, year: i32) -> StoreResult<Vec<PlanVersion>> {
        sqlx::query_as::<_, PlanVersionRow>(
            "SELECT version, adopted_on, adopted_by, sent_on, frozen_at, frozen_by, snapshot FROM plan_versions
             WHERE programme_id = $1 AND year = $2 ORDER BY version",
        )
        .bind(programme)
        .bind(year)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(PlanVersionRow::into_version)
        .collect()
    }

    async fn contributions(
        &self,
        cards: &[Uuid],
        rounds: &[Uuid],
    ) -> StoreResult<Vec<Contribution>> {
        let mut sources = Vec::new();
        if !cards.is_empty() {
            sources.push(format!(
                "SELECT id AS source, participant_id FROM cards WHERE id IN ({})",
                placeholders(1, cards.len())
            ));
        }
        if !rounds.is_empty() {
            sources.push(format!(
                "SELECT round_id AS source, participant_id FROM feedback WHERE round_id IN ({})",
                placeholders(cards.len() + 1, rounds.len())
            ));
        }
        if sources.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT s.source, p.id, COALESCE({YOUTH}, FALSE), p.age_band, p.role
             FROM ({}) s JOIN participants p ON p.id = s.participant_id",
            sources.join(" UNION ALL ")
        );
        type Row = (Uuid, Uuid, bool, Option<String>, Option<String>);
        let mut query = sqlx::query_as::<_, Row>(&sql);
        for id in cards.iter().chain(rounds) {
            query = query.bind(*id);
        }
        Ok(query
            .fetch_all(&self.pool)
            .await?
            .into_iter()
            .map(
                |(source, participant, young, age_band, role)| Contribution {
                    source,
                    participant,
                    young,
                    age_band: age_band.and_then(|b| b.parse().ok()),
                    role: role.and_then(|r| r.parse().ok()),
                },
            )
            .collect())
    }

    async fn receipt(&self, card: Uuid, code: &str) -> StoreResult<String> {
        sqlx::query(
            "INSERT INTO receipts (code, card_id, created_at) VALUES ($1, $2, $3)
             ON CONFLICT (card_id) DO NOTHING",
        )
        .bind(code)
        .bind(card)
        .bind(crate::rows::now())
        .execute(self.writer())
        .await?;
        sqlx::query_scalar("SELECT code FROM receipts WHERE card_id = $1")
            .bind(card)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)
    }

    async fn card_of_receipt(&self, code: &str) -> StoreResult<Option<Uuid>> {
        sqlx::query_scalar("SELECT card_id FROM receipts WHERE code = $1")
            .bind(code)
            .fetch_optional(&self.pool)
            .await
            .map_err(StoreError::from)
    }

    async fn audit_log(
        &self,
        programme: Uuid,
        filter: &AuditFilter,
    ) -> StoreResult<Vec<AuditEntry>> {
        let from = filter.from.map(day_start);
        let to = filter.to.and_then(|d| d.succ_opt()).map(day_start);
        sqlx::query_as::<_, AuditRow>(
            "SELECT at, actor_name, action, subject_kind, subject_id, detail FROM audit_events
             WHERE action LIKE $1 ESCAPE '\\' AND LOWER(actor_name) LIKE $2 ESCAPE '\\'
               AND ($3 IS NULL OR at >= $3) AND ($4 IS NULL OR at < $4) AND ($5 IS NULL OR at < $5)
               AND programme_id = $7
             ORDER BY at DESC, id LIMIT $6",
        )
        .bind(format!("{}%", like_escape(&filter.action_prefix)))
        .bind(format!("%{}%", like_escape(&filter.actor.to_lowercase())))
        .bind(from)
        .bind(to)
        .bind(filter.before)
        .bind(i64::from(filter.limit.max(1)))
        .bind(programme)
        .fetch_all(&self.pool)
        .await
        .map_err(StoreError::from)
        .map(|rows| rows.into_iter().map(AuditRow::into_entry).collect())
    }
}

/// Counts a change to a year's measures, inside a transaction: the year's plan gets a
/// row at its first change and a new revision at every one. Returns `Frozen` when the
/// year's current version is adopted or sent.
async fn touch_plan(tx: &mut super::Tx<'_>, programme: Uuid, year: i32) -> StoreResult<()> {
    let touched = sqlx::query(
            "INSERT INTO plans (programme_id, year, status, version, revision) VALUES ($1, $2, 'draft', 1, 1)
             ON CONFLICT (programme_id, year) DO UPDATE SET revision = plans.revision + 1
             WHERE plans.status NOT IN ('adopted', 'sent')",
        )
        .bind(programme)
        .bind(year)
        .execute(&mut **tx)
        .await?;
    if touched.rows_affected() == 0 {
        return Err(StoreError::Frozen);
    }
    Ok(())
}

/// Locks a measure's row for the rest of the transaction (SQLite: takes the write lock)
/// and reads it; returns `NotFound` when there is none.
async fn claim_measure(tx: &mut super::Tx<'_>, id: Uuid) -> StoreResult<MeasureRow> {
    let claimed = sqlx::query("UPDATE measures SET rank = rank WHERE id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    if claimed.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(
        sqlx::query_as::<_, MeasureRow>(&format!("{MEASURE_COLUMNS} WHERE m.id = $1"))
            .bind(id)
            .fetch_one(&mut **tx)
            .await?,
    )
}

/// The highest rank among a year's measures of a focus area (0 when there are none).
async fn last_rank(
    tx: &mut super::Tx<'_>,
    programme: Uuid,
    year: i32,
    focus_area: Option<Uuid>,
) -> StoreResult<i32> {
    let rank: Option<i32> = sqlx::query_scalar(
        "SELECT MAX(rank) FROM measures WHERE programme_id = $1 AND year = $2
               AND (focus_area_id = $3 OR (focus_area_id IS NULL AND $3 IS NULL))",
    )
    .bind(programme)
    .bind(year)
    .bind(focus_area)
    .fetch_one(&mut **tx)
    .await?;
    Ok(rank.unwrap_or(0))
}

/// Links a measure to its goals; a goal of another programme (or none) is `NotFound`
/// and rolls the transaction back.
async fn set_goals(tx: &mut super::Tx<'_>, measure: Uuid, goals: &[Uuid]) -> StoreResult<()> {
    for goal in goals {
        let done = sqlx::query(
            "INSERT INTO measure_goals (measure_id, goal_id)
             SELECT m.id, g.id FROM measures m JOIN goals g ON g.programme_id = m.programme_id
             WHERE m.id = $1 AND g.id = $2",
        )
        .bind(measure)
        .bind(goal)
        .execute(&mut **tx)
        .await?;
        found(done.rows_affected())?;
    }
    Ok(())
}

/// A measure's own fields, bound in the order both the insert and the update list them
/// (title … indicators) after the parameters bound before.
fn bind_measure_fields<'q>(
    query: sqlx::query::Query<'q, super::Db, <super::Db as sqlx::Database>::Arguments<'q>>,
    fields: &'q MeasureFields,
) -> sqlx::query::Query<'q, super::Db, <super::Db as sqlx::Database>::Arguments<'q>> {
    query
        .bind(&fields.title)
        .bind(&fields.what)
        .bind(&fields.expected_result)
        .bind(fields.funding.grant)
        .bind(fields.funding.municipality)
        .bind(fields.funding.other_grants)
        .bind(fields.funding.carried_over)
        .bind(fields.starts_on)
        .bind(fields.ends_on)
        .bind(&fields.partners)
        .bind(&fields.contribution)
        .bind(&fields.owner)
        .bind(&fields.indicators)
}
