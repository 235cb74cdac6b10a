//! Who takes part, settings and retention (`InclusionStore`).
use crate::inclusion_sql::{parse_opt, YOUTH};
use crate::rows::{parse, CardRow};
use crate::workshop_sql::CARD_COLUMNS;
use chrono::{DateTime, Utc};
use samskap_domain::inclusion::model::*;
use samskap_domain::store::inclusion_store::InclusionStore;
use samskap_domain::store::{StoreError, StoreResult};
use samskap_domain::workshop::model::{AgeBand, Card};
use uuid::Uuid;

/// The rows of one workshop (`$1`), or of all when `$1` is null.
const SCOPE: &str = "($1 IS NULL OR w.id = $1) AND w.programme_id = $2";

#[async_trait::async_trait]
impl InclusionStore for super::StoreImpl {
    async fn card_by_client_key(&self, key: Uuid) -> StoreResult<Option<Card>> {
        sqlx::query_as::<_, CardRow>(&format!("{CARD_COLUMNS} WHERE c.client_key = $1"))
            .bind(key)
            .fetch_optional(&self.pool)
            .await?
            .map(CardRow::into_card)
            .transpose()
    }

    async fn turnout(&self, programme: Uuid) -> StoreResult<Vec<Turnout>> {
        let rows = sqlx::query_as::<_, (Uuid, String, chrono::NaiveDateTime, i64, i64)>(&format!(
            "SELECT w.id, w.title, w.starts_at, COUNT(p.id),
                    CAST(COALESCE(SUM(CASE WHEN {YOUTH} THEN 1 ELSE 0 END), 0) AS BIGINT)
             FROM workshops w LEFT JOIN participants p ON p.workshop_id = w.id
             WHERE w.programme_id = $1 GROUP BY w.id, w.title, w.starts_at ORDER BY w.starts_at, w.id"
        ))
        .bind(programme)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(
                |(workshop_id, title, starts_at, participants, young)| Turnout {
                    workshop_id,
                    title,
                    starts_at,
                    participants: participants as u32,
                    young: young as u32,
                },
            )
            .collect())
    }

    async fn participation(
        &self,
        programme: Uuid,
        workshop: Option<Uuid>,
    ) -> StoreResult<Participation> {
        let filter = SCOPE;
        let groups = sqlx::query_as::<_, (Option<String>, Option<String>, i64, i64)>(&format!(
            "SELECT p.age_band, p.role, COUNT(*), CAST(COALESCE(SUM(n.cards), 0) AS BIGINT)
             FROM participants p JOIN workshops w ON w.id = p.workshop_id
             LEFT JOIN (SELECT participant_id, COUNT(*) AS cards FROM cards
                        WHERE participant_id IS NOT NULL GROUP BY participant_id) n
                    ON n.participant_id = p.id
             WHERE {filter} GROUP BY p.age_band, p.role"
        ))
        .bind(workshop)
        .bind(programme)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|(age, role, participants, cards)| {
            Ok(ParticipantGroup {
                age_band: parse_opt("age band", age)?,
                role: parse_opt("role", role)?,
                participants: participants as u32,
                cards: cards as u32,
            })
        })
        .collect::<StoreResult<Vec<_>>>()?;
        // A card without a focus area of its own is about its workshop's.
        let focus_areas = sqlx::query_as::<_, (Uuid, i64, i64)>(&format!(
            "SELECT x.fa, COUNT(*), CAST(SUM(x.youth) AS BIGINT) FROM (
                SELECT COALESCE(c.focus_area_id, l.focus_area_id) AS fa,
                       CASE WHEN {YOUTH} THEN 1 ELSE 0 END AS youth
                FROM cards c JOIN boards b ON b.id = c.board_id
                JOIN workshops w ON w.id = b.workshop_id
                JOIN participants p ON p.id = c.participant_id
                LEFT JOIN workshop_focus_areas l
                       ON c.focus_area_id IS NULL AND l.workshop_id = w.id
                WHERE {filter}
             ) x WHERE x.fa IS NOT NULL GROUP BY x.fa"
        ))
        .bind(workshop)
        .bind(programme)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|(focus_area_id, cards, youth)| FocusAreaInput {
            focus_area_id,
            cards: cards as u32,
            youth_cards: youth as u32,
        })
        .collect();
        Ok(Participation {
            groups,
            focus_areas,
        })
    }

    async fn inclusion_settings(&self, programme: Uuid) -> StoreResult<InclusionSettings> {
        let retention: Option<i32> =
            sqlx::query_scalar("SELECT retention_days FROM programmes WHERE id = $1")
                .bind(programme)
                .fetch_optional(&self.pool)
                .await?;
        let rows = sqlx::query_as::<_, (String, i32)>(
            "SELECT age_band, percent FROM participation_targets WHERE programme_id = $1",
        )
        .bind(programme)
        .fetch_all(&self.pool)
        .await?;
        let mut targets = rows
            .into_iter()
            .map(|(band, percent)| Ok((parse::<AgeBand>("age band", &band)?, percent as u8)))
            .collect::<Result<Vec<_>, StoreError>>()?;
        targets.sort_by_key(|(b, _)| AgeBand::ALL.iter().position(|a| a == b));
        Ok(InclusionSettings {
            retention_days: retention.map_or(DEFAULT_RETENTION_DAYS, |d| d as u32),
            targets,
        })
    }

    async fn save_inclusion_settings(
        &self,
        programme: Uuid,
        settings: &InclusionSettings,
    ) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query("UPDATE programmes SET retention_days = $2 WHERE id = $1")
            .bind(programme)
            .bind(settings.retention_days as i32)
            .execute(&mut *tx)
            .await?;
        crate::sql::found(done.rows_affected())?;
        sqlx::query("DELETE FROM participation_targets WHERE programme_id = $1")
            .bind(programme)
            .execute(&mut *tx)
            .await?;
        for (band, percent) in &settings.targets {
            sqlx::query("INSERT INTO participation_targets (programme_id, age_band, percent) VALUES ($1, $2, $3)")
                .bind(programme)
                .bind(band.as_str())
                .bind(*percent as i32)
                .execute(&mut *tx)
                .await?;
        }
        Ok(tx.commit().await?)
    }

    async fn erase_expired_participants(&self, now: DateTime<Utc>) -> StoreResult<u64> {
        let closed = sqlx::query_as::<_, (Uuid, DateTime<Utc>, i32)>(
            "SELECT w.id, w.closed_at, pr.retention_days FROM workshops w
             JOIN programmes pr ON pr.id = w.programme_id
             WHERE w.status = 'closed' AND w.closed_at IS NOT NULL",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut erased = 0;
        for (workshop, closed_at, days) in closed {
            if closed_at + chrono::Duration::days(days.into()) > now {
                continue;
            }
            let mut tx = self.begin_write().await?;
            // Read again under the workshop's row lock: one reopened (or given a longer
            // retention) after the list above keeps its participants, and a reopening
            // waits until the erasing is done. (Not `closed_at = $seen`: a time written
            // by an older release, `…Z`, is not the text it reads back as, `…+00:00`.)
            let locked = sqlx::query(
                "UPDATE workshops SET status = status WHERE id = $1 AND status = 'closed'",
            )
            .bind(workshop)
            .execute(&mut *tx)
            .await?;
            let due: Option<(DateTime<Utc>, i32)> = sqlx::query_as(
                "SELECT w.closed_at, pr.retention_days FROM workshops w
                 JOIN programmes pr ON pr.id = w.programme_id
                 WHERE w.id = $1 AND w.closed_at IS NOT NULL",
            )
            .bind(workshop)
            .fetch_optional(&mut *tx)
            .await?;
            let still_due = locked.rows_affected() == 1
                && due.is_some_and(|(closed_at, days)| {
                    closed_at + chrono::Duration::days(days.into()) <= now
                });
            if !still_due {
                continue;
            }
            let ids: Vec<Uuid> = sqlx::query_scalar(
                "SELECT id FROM participants WHERE workshop_id = $1 AND erased_at IS NULL",
            )
            .bind(workshop)
            .fetch_all(&mut *tx)
            .await?;
            for id in &ids {
                // The token column is unique and required: a marker no cookie
                // can hash to (hashes are hex) takes the token's place.
                sqlx::query(
                    "UPDATE participants SET nickname = '', token_hash = $2, erased_at = $3 WHERE id = $1",
                )
                .bind(id)
                .bind(format!("erased:{id}"))
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
            erased += ids.len() as u64;
        }
        Ok(erased)
    }

    async fn evaluation_cards(&self, workshop: Uuid) -> StoreResult<Vec<EvaluationCard>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            participant_id: Option<Uuid>,
            by_staff: bool,
            age_band: Option<String>,
            role: Option<String>,
            board: String,
            kind: String,
            status: String,
            body: String,
            theme: Option<String>,
            focus_area: Option<String>,
            votes: i64,
            created_at: DateTime<Utc>,
        }
        let rows = sqlx::query_as::<_, Row>(
            "SELECT c.participant_id, c.user_id IS NOT NULL AS by_staff, p.age_band, p.role,
                    b.prompt AS board, c.kind, c.status, c.body, t.name AS theme,
                    fa.name AS focus_area, c.created_at,
                    (SELECT COUNT(*) FROM votes v WHERE v.card_id = c.id AND v.round = b.vote_round) AS votes
             FROM cards c JOIN boards b ON b.id = c.board_id
             LEFT JOIN participants p ON p.id = c.participant_id
             LEFT JOIN themes t ON t.id = c.theme_id
             LEFT JOIN focus_areas fa ON fa.id = c.focus_area_id
             WHERE b.workshop_id = $1 ORDER BY b.position, b.id, c.seq",
        )
        .bind(workshop)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok(EvaluationCard {
                    participant_id: r.participant_id,
                    by_staff: r.by_staff,
                    age_band: parse_opt("age band", r.age_band)?,
                    role: parse_opt("role", r.role)?,
                    board: r.board,
                    kind: r.kind,
                    status: r.status,
                    body: r.body,
                    theme: r.theme.unwrap_or_default(),
                    focus_area: r.focus_area.unwrap_or_default(),
                    votes: r.votes as u32,
                    posted_at: r.created_at,
                })
            })
            .collect()
    }
}
