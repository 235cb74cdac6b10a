//! Prototypes, versions, test rounds, feedback and decisions (`PipelineStore`).
use super::audit::audit;
use super::workshop::log_event;
use crate::pipeline_sql::*;
use crate::rows::CardRow;
use crate::sql::{found, placeholders};
use crate::workshop_sql::CARD_COLUMNS;
use samskap_domain::pipeline::model::*;
use samskap_domain::store::actor::Actor;
use samskap_domain::store::pipeline_store::*;
use samskap_domain::store::workshop_store::AuthorRef;
use samskap_domain::store::{StoreError, StoreResult};
use samskap_domain::workshop::model::Card;
use uuid::Uuid;

impl super::StoreImpl {
    /// Prototypes matching `filter` (a condition on `p`, `$1`… bound to `args`),
    /// with their photos.
    async fn load_prototypes(&self, filter: &str, args: &[Uuid]) -> StoreResult<Vec<Prototype>> {
        let rows_sql =
            format!("{PROTOTYPE_COLUMNS} WHERE {filter} ORDER BY p.created_at DESC, p.version");
        let mut rows = sqlx::query_as::<_, PrototypeRow>(&rows_sql);
        for arg in args {
            rows = rows.bind(*arg);
        }
        let rows = rows.fetch_all(&self.pool).await?;
        let photos_sql = format!(
            "SELECT ph.prototype_id, ph.id FROM photos ph JOIN prototypes p ON p.id = ph.prototype_id
             WHERE {filter} ORDER BY ph.created_at, ph.id"
        );
        let mut photos = sqlx::query_as::<_, (Uuid, Uuid)>(&photos_sql);
        for arg in args {
            photos = photos.bind(*arg);
        }
        let photos = photos.fetch_all(&self.pool).await?;
        rows.into_iter()
            .map(|r| r.into_prototype(&photos))
            .collect()
    }
}

#[async_trait::async_trait]
impl PipelineStore for super::StoreImpl {
    async fn link_insight(&self, idea: Uuid, insight: Uuid, actor: &Actor) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        // Both cards exist, in workshops of the same programme.
        let known: i64 = sqlx::query_scalar(
            "SELECT COUNT(DISTINCT w.programme_id) FROM cards c JOIN boards b ON b.id = c.board_id
             JOIN workshops w ON w.id = b.workshop_id
             WHERE c.id IN ($1, $2)
             HAVING COUNT(*) = 2",
        )
        .bind(idea)
        .bind(insight)
        .fetch_optional(&mut *tx)
        .await?
        .unwrap_or(0);
        if known != 1 {
            return Err(StoreError::NotFound);
        }
        let done = sqlx::query(
            "INSERT INTO card_links (idea_id, insight_id) SELECT $1, $2
             WHERE NOT EXISTS (SELECT 1 FROM card_links WHERE idea_id = $1 AND insight_id = $2)",
        )
        .bind(idea)
        .bind(insight)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() > 0 {
            audit(
                &mut tx,
                actor,
                "insight_linked",
                "card",
                idea,
                insight.to_string(),
            )
            .await?;
        }
        Ok(tx.commit().await?)
    }

    async fn unlink_insight(&self, idea: Uuid, insight: Uuid, actor: &Actor) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query("DELETE FROM card_links WHERE idea_id = $1 AND insight_id = $2")
            .bind(idea)
            .bind(insight)
            .execute(&mut *tx)
            .await?;
        found(done.rows_affected())?;
        audit(
            &mut tx,
            actor,
            "insight_unlinked",
            "card",
            idea,
            insight.to_string(),
        )
        .await?;
        Ok(tx.commit().await?)
    }

    async fn insights_of(&self, idea: Uuid) -> StoreResult<Vec<Card>> {
        sqlx::query_as::<_, CardRow>(&format!(
            "{CARD_COLUMNS} WHERE c.id IN (SELECT insight_id FROM card_links WHERE idea_id = $1) ORDER BY c.created_at, c.id"
        ))
        .bind(idea)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(CardRow::into_card)
        .collect()
    }

    async fn insight_links(&self, ideas: &[Uuid]) -> StoreResult<Vec<(Uuid, Uuid)>> {
        self.rows_in(
            "SELECT idea_id, insight_id FROM card_links WHERE idea_id IN",
            ideas,
            "",
        )
        .await
    }

    async fn theme(&self, id: Uuid) -> StoreResult<Option<(Uuid, String)>> {
        sqlx::query_as::<_, (Uuid, String)>("SELECT board_id, name FROM themes WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .map_err(StoreError::from)
    }

    async fn theme_cards(&self, theme: Uuid) -> StoreResult<Vec<Card>> {
        sqlx::query_as::<_, CardRow>(&format!(
            "{CARD_COLUMNS} WHERE c.theme_id = $1 ORDER BY c.seq"
        ))
        .bind(theme)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(CardRow::into_card)
        .collect()
    }

    async fn theme_members(&self, themes: &[Uuid]) -> StoreResult<Vec<(Uuid, Uuid)>> {
        self.rows_in(
            "SELECT theme_id, id FROM cards WHERE theme_id IN",
            themes,
            "",
        )
        .await
    }

    async fn ideas_building_on(&self, insight: Uuid) -> StoreResult<Vec<Card>> {
        sqlx::query_as::<_, CardRow>(&format!(
            "{CARD_COLUMNS} WHERE c.id IN (SELECT idea_id FROM card_links WHERE insight_id = $1) ORDER BY c.created_at, c.id"
        ))
        .bind(insight)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(CardRow::into_card)
        .collect()
    }

    async fn create_prototype(
        &self,
        programme: Uuid,
        origin: Origin,
        fields: &PrototypeFields,
        actor: &Actor,
    ) -> StoreResult<Prototype> {
        let id = Uuid::new_v4();
        let (idea, theme) = match origin {
            Origin::Idea(card) => (Some(card), None),
            Origin::Theme(theme) => (None, Some(theme)),
        };
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "INSERT INTO prototypes (id, programme_id, lineage_id, version, idea_id, theme_id,
                 title, description, assumption, learning, status, created_by, created_at)
             SELECT $1, p.id, $1, 1, $3, $4, $5, $6, $7, '', 'open', $8, $9 FROM programmes p
             WHERE p.id = $2
               AND ($3 IS NULL OR EXISTS (SELECT 1 FROM cards c JOIN boards b ON b.id = c.board_id
                                          JOIN workshops w ON w.id = b.workshop_id
                                          WHERE c.id = $3 AND w.programme_id = p.id))
               AND ($4 IS NULL OR EXISTS (SELECT 1 FROM themes t JOIN boards b ON b.id = t.board_id
                                          JOIN workshops w ON w.id = b.workshop_id
                                          WHERE t.id = $4 AND w.programme_id = p.id))",
        )
        .bind(id)
        .bind(programme)
        .bind(idea)
        .bind(theme)
        .bind(&fields.title)
        .bind(&fields.description)
        .bind(&fields.assumption)
        .bind(actor.id)
        .bind(crate::rows::now())
        .execute(&mut *tx)
        .await?;
        found(done.rows_affected())?;
        audit(
            &mut tx,
            actor,
            "prototype_created",
            "prototype",
            id,
            fields.title.clone(),
        )
        .await?;
        tx.commit().await?;
        self.prototype(id).await?.ok_or(StoreError::NotFound)
    }

    async fn prototype(&self, id: Uuid) -> StoreResult<Option<Prototype>> {
        Ok(self.load_prototypes("p.id = $1", &[id]).await?.pop())
    }

    async fn prototypes(&self, programme: Uuid) -> StoreResult<Vec<Prototype>> {
        let mut all = self
            .load_prototypes("p.programme_id = $1", &[programme])
            .await?;
        // Newest lineage first; within a lineage, by version.
        let mut newest: std::collections::HashMap<Uuid, chrono::DateTime<chrono::Utc>> =
            Default::default();
        for p in &all {
            let e = newest.entry(p.lineage_id).or_insert(p.created_at);
            *e = (*e).max(p.created_at);
        }
        all.sort_by(|a, b| {
            newest[&b.lineage_id]
                .cmp(&newest[&a.lineage_id])
                .then(a.lineage_id.cmp(&b.lineage_id))
                .then(a.version.cmp(&b.version))
        });
        Ok(all)
    }

    async fn lineage(&self, lineage: Uuid) -> StoreResult<Vec<Prototype>> {
        let mut versions = self
            .load_prototypes("p.lineage_id = $1", &[lineage])
            .await?;
        versions.sort_by_key(|p| p.version);
        Ok(versions)
    }

    async fn lineages_of(&self, prototypes: &[Uuid]) -> StoreResult<Vec<Prototype>> {
        if prototypes.is_empty() {
            return Ok(Vec::new());
        }
        let filter = format!(
            "p.lineage_id IN (SELECT q.lineage_id FROM prototypes q WHERE q.id IN ({}))",
            placeholders(1, prototypes.len())
        );
        let mut versions = self.load_prototypes(&filter, prototypes).await?;
        versions.sort_by_key(|p| (p.lineage_id, p.version));
        Ok(versions)
    }

    async fn lineages_of_card(&self, card: Uuid) -> StoreResult<Vec<Uuid>> {
        sqlx::query_scalar(
            "SELECT DISTINCT p.lineage_id FROM prototypes p
             WHERE p.idea_id = $1
                OR p.idea_id IN (SELECT idea_id FROM card_links WHERE insight_id = $1)
                OR p.theme_id IN (SELECT theme_id FROM cards WHERE id = $1)",
        )
        .bind(card)
        .fetch_all(&self.pool)
        .await
        .map_err(StoreError::from)
    }

    async fn create_round(
        &self,
        prototype: Uuid,
        workshop: Uuid,
        fields: &RoundFields,
        actor: &Actor,
    ) -> StoreResult<TestRound> {
        let id = Uuid::new_v4();
        let mut tx = self.begin_write().await?;
        // Keeping it open locks the version: a decision at the same moment
        // waits, then closes this round too.
        claim_open(&mut tx, prototype, PrototypeStatus::Open.as_str()).await?;
        let done = sqlx::query(
            "INSERT INTO test_rounds (id, prototype_id, workshop_id, place, target_group, starts_at, open, created_at)
             SELECT $1, p.id, w.id, $4, $5, $6, TRUE, $7
             FROM workshops w JOIN prototypes p ON p.programme_id = w.programme_id
             WHERE w.id = $3 AND p.id = $2",
        )
        .bind(id)
        .bind(prototype)
        .bind(workshop)
        .bind(&fields.place)
        .bind(&fields.target_group)
        .bind(fields.starts_at)
        .bind(crate::rows::now())
        .execute(&mut *tx)
        .await?;
        found(done.rows_affected())?;
        audit(
            &mut tx,
            actor,
            "round_started",
            "prototype",
            prototype,
            fields.place.clone(),
        )
        .await?;
        tx.commit().await?;
        Ok(TestRound {
            id,
            prototype_id: prototype,
            workshop_id: workshop,
            fields: fields.clone(),
            open: true,
        })
    }

    async fn round(&self, id: Uuid) -> StoreResult<Option<TestRound>> {
        sqlx::query_as::<_, RoundRow>(&format!("{ROUND_COLUMNS} WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .map_err(StoreError::from)
            .map(|r| r.map(RoundRow::into_round))
    }

    async fn rounds(&self, prototype: Uuid) -> StoreResult<Vec<TestRound>> {
        sqlx::query_as::<_, RoundRow>(&format!(
            "{ROUND_COLUMNS} WHERE prototype_id = $1 ORDER BY created_at, id"
        ))
        .bind(prototype)
        .fetch_all(&self.pool)
        .await
        .map_err(StoreError::from)
        .map(|rows| rows.into_iter().map(RoundRow::into_round).collect())
    }

    async fn rounds_of(&self, prototypes: &[Uuid]) -> StoreResult<Vec<TestRound>> {
        let rows: Vec<RoundRow> = self
            .rows_in(
                &format!("{ROUND_COLUMNS} WHERE prototype_id IN"),
                prototypes,
                "ORDER BY created_at, id",
            )
            .await?;
        Ok(rows.into_iter().map(RoundRow::into_round).collect())
    }

    async fn open_rounds_of_workshop(&self, workshop: Uuid) -> StoreResult<Vec<OpenRound>> {
        let rows = sqlx::query_as::<_, (Uuid, String, i32)>(
            "SELECT r.id, p.title, p.version FROM test_rounds r JOIN prototypes p ON p.id = r.prototype_id
             WHERE r.workshop_id = $1 AND r.open ORDER BY r.created_at, r.id",
        )
        .bind(workshop)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, prototype_title, version)| OpenRound {
                id,
                prototype_title,
                version,
            })
            .collect())
    }

    async fn set_round_open(&self, id: Uuid, open: bool, actor: &Actor) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        let prototype: Uuid =
            sqlx::query_scalar("SELECT prototype_id FROM test_rounds WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(StoreError::NotFound)?;
        // Locks the version while it is still open: a decision at the same moment waits
        // for this, or has decided it, and this is refused (a check in a sub-select would
        // see the version as it was before that decision on PostgreSQL).
        let open_version =
            sqlx::query("UPDATE prototypes SET status = status WHERE id = $1 AND status = 'open'")
                .bind(prototype)
                .execute(&mut *tx)
                .await?;
        if open_version.rows_affected() == 0 {
            return Err(StoreError::AlreadyDecided);
        }
        sqlx::query("UPDATE test_rounds SET open = $2 WHERE id = $1")
            .bind(id)
            .bind(open)
            .execute(&mut *tx)
            .await?;
        let action = if open { "round_opened" } else { "round_closed" };
        audit(
            &mut tx,
            actor,
            action,
            "prototype",
            prototype,
            id.to_string(),
        )
        .await?;
        Ok(tx.commit().await?)
    }

    async fn add_feedback(
        &self,
        round: Uuid,
        from: AuthorRef,
        fields: &FeedbackFields,
    ) -> StoreResult<Feedback> {
        let id = Uuid::new_v4();
        let now = crate::rows::now();
        let (participant, user) = match from {
            AuthorRef::Participant(p) => (Some(p), None),
            AuthorRef::User(u) => (None, Some(u)),
        };
        let mut tx = self.begin_write().await?;
        // The open round, locked (on PostgreSQL; SQLite has one writer anyway): two
        // answers of one tester at once then replace one after the other instead of
        // both finding nothing to replace, and the round cannot close in between.
        let open: Option<Uuid> = sqlx::query_scalar(
            "UPDATE test_rounds SET open = open WHERE id = $1 AND open RETURNING id",
        )
        .bind(round)
        .fetch_optional(&mut *tx)
        .await?;
        if open.is_none() {
            tx.rollback().await?;
            return Err(if self.round(round).await?.is_some() {
                StoreError::RoundClosed
            } else {
                StoreError::NotFound
            });
        }
        if let Some(participant) = participant {
            sqlx::query("DELETE FROM feedback WHERE round_id = $1 AND participant_id = $2")
                .bind(round)
                .bind(participant)
                .execute(&mut *tx)
                .await?;
        }
        let done = sqlx::query(
            "INSERT INTO feedback (id, round_id, participant_id, user_id, worked, not_worked, suggestion, rating, created_at)
             SELECT $1, r.id, $3, $4, $5, $6, $7, $8, $9 FROM test_rounds r WHERE r.id = $2 AND r.open",
        )
        .bind(id)
        .bind(round)
        .bind(participant)
        .bind(user)
        .bind(&fields.worked)
        .bind(&fields.not_worked)
        .bind(&fields.suggestion)
        .bind(i32::from(fields.rating))
        .bind(now)
        .execute(&mut *tx)
        .await?;
        found(done.rows_affected())?;
        tx.commit().await?;
        Ok(Feedback {
            id,
            round_id: round,
            fields: fields.clone(),
            interview: user.is_some(),
            created_at: now,
        })
    }

    async fn feedback(&self, round: Uuid) -> StoreResult<Vec<Feedback>> {
        sqlx::query_as::<_, FeedbackRow>(&format!(
            "{FEEDBACK_COLUMNS} WHERE round_id = $1 ORDER BY created_at, id"
        ))
        .bind(round)
        .fetch_all(&self.pool)
        .await
        .map_err(StoreError::from)
        .map(|rows| rows.into_iter().map(FeedbackRow::into_feedback).collect())
    }

    async fn feedback_of(&self, rounds: &[Uuid]) -> StoreResult<Vec<Feedback>> {
        let rows: Vec<FeedbackRow> = self
            .rows_in(
                &format!("{FEEDBACK_COLUMNS} WHERE round_id IN"),
                rounds,
                "ORDER BY created_at, id",
            )
            .await?;
        Ok(rows.into_iter().map(FeedbackRow::into_feedback).collect())
    }

    async fn decide(
        &self,
        prototype: Uuid,
        decision: &NewDecision,
        actor: &Actor,
    ) -> StoreResult<Decision> {
        let id = Uuid::new_v4();
        let now = crate::rows::now();
        let status = match decision.outcome {
            Outcome::Iterate => PrototypeStatus::Iterated,
            Outcome::Proceed => PrototypeStatus::Proceed,
            Outcome::Drop => PrototypeStatus::Dropped,
        };
        let mut tx = self.begin_write().await?;
        // Of two decisions at once, one finds the version no longer open.
        claim_open(&mut tx, prototype, status.as_str()).await?;
        let rounds: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM test_rounds WHERE prototype_id = $1")
                .bind(prototype)
                .fetch_one(&mut *tx)
                .await?;
        if rounds == 0 {
            return Err(StoreError::NotTested);
        }
        sqlx::query("UPDATE test_rounds SET open = FALSE WHERE prototype_id = $1")
            .bind(prototype)
            .execute(&mut *tx)
            .await?;
        let next = if decision.outcome == Outcome::Iterate {
            let next = Uuid::new_v4();
            sqlx::query(
                "INSERT INTO prototypes (id, programme_id, lineage_id, version, previous_id, idea_id, theme_id,
                     title, description, assumption, learning, status, created_by, created_at)
                 SELECT $1, programme_id, lineage_id, version + 1, id, idea_id, theme_id,
                     title, description, assumption, $3, 'open', $4, $5
                 FROM prototypes WHERE id = $2",
            )
            .bind(next)
            .bind(prototype)
            .bind(&decision.learning)
            .bind(actor.id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            Some(next)
        } else {
            None
        };
        sqlx::query(
            "INSERT INTO decisions (id, prototype_id, outcome, reason, learning, next_prototype_id, decided_by, decider_name, decided_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(id)
        .bind(prototype)
        .bind(decision.outcome.as_str())
        .bind(&decision.reason)
        .bind(&decision.learning)
        .bind(next)
        .bind(actor.id)
        .bind(&actor.name)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        audit(
            &mut tx,
            actor,
            "decision_recorded",
            "prototype",
            prototype,
            decision.outcome.as_str().to_string(),
        )
        .await?;
        if let Some(next) = next {
            audit(
                &mut tx,
                actor,
                "version_created",
                "prototype",
                next,
                prototype.to_string(),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(Decision {
            id,
            prototype_id: prototype,
            outcome: decision.outcome,
            reason: decision.reason.clone(),
            learning: decision.learning.clone(),
            next_prototype_id: next,
            decided_by: actor.name.clone(),
            decided_at: now,
        })
    }

    async fn decision(&self, prototype: Uuid) -> StoreResult<Option<Decision>> {
        sqlx::query_as::<_, DecisionRow>(
            "SELECT id, prototype_id, outcome, reason, learning, next_prototype_id, decider_name, decided_at
             FROM decisions WHERE prototype_id = $1",
        )
        .bind(prototype)
        .fetch_optional(&self.pool)
        .await?
        .map(DecisionRow::into_decision)
        .transpose()
    }

    async fn add_photo(
        &self,
        owner: PhotoOwner,
        photo: NewPhoto,
        hold: Option<&str>,
    ) -> StoreResult<(Uuid, Option<i64>)> {
        let id = Uuid::new_v4();
        let (card, prototype) = match owner {
            PhotoOwner::Card(c) => (Some(c), None),
            PhotoOwner::Prototype(p) => (None, Some(p)),
        };
        let (participant, user) = match photo.uploader {
            AuthorRef::Participant(p) => (Some(p), None),
            AuthorRef::User(u) => (None, Some(u)),
        };
        let mut tx = self.begin_write().await?;
        let mut seq = None;
        if let Some(card) = card {
            // A write first: SQLite then takes the write lock (waiting for it)
            // before reading, instead of failing to upgrade a read snapshot
            // that another writer has moved past ("database is locked").
            sqlx::query("DELETE FROM photos WHERE card_id = $1")
                .bind(card)
                .execute(&mut *tx)
                .await?;
            // The card before the board, as every card change (no deadlock
            // with a deletion of the card on PostgreSQL); held for approval
            // when asked and still visible.
            let board: Uuid = sqlx::query_scalar(
                "UPDATE cards SET
                   status = CASE WHEN $2 AND status = 'visible' THEN 'held' ELSE status END,
                   moderation_note = CASE WHEN $2 AND status = 'visible' THEN $3 ELSE moderation_note END
                 WHERE id = $1 RETURNING board_id",
            )
            .bind(card)
            .bind(hold.is_some())
            .bind(hold.unwrap_or(""))
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
            seq = Some(log_event(&mut tx, board, "card", Some(card)).await?);
        }
        let done = sqlx::query(
            "INSERT INTO photos (id, card_id, prototype_id, participant_id, user_id, width, height, image, thumbnail, created_at)
             SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10
             WHERE EXISTS (SELECT 1 FROM cards WHERE id = $2) OR EXISTS (SELECT 1 FROM prototypes WHERE id = $3)",
        )
        .bind(id)
        .bind(card)
        .bind(prototype)
        .bind(participant)
        .bind(user)
        .bind(photo.width as i32)
        .bind(photo.height as i32)
        .bind(&photo.image)
        .bind(&photo.thumbnail)
        .bind(crate::rows::now())
        .execute(&mut *tx)
        .await?;
        found(done.rows_affected())?;
        tx.commit().await?;
        Ok((id, seq))
    }

    async fn photo(&self, id: Uuid) -> StoreResult<Option<StoredPhoto>> {
        let row = sqlx::query_as::<_, (Option<Uuid>, Option<Uuid>, Vec<u8>, Vec<u8>)>(
            "SELECT card_id, prototype_id, image, thumbnail FROM photos WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.and_then(|(card, prototype, image, thumbnail)| {
            let owner = match (card, prototype) {
                (Some(c), _) => PhotoOwner::Card(c),
                (None, Some(p)) => PhotoOwner::Prototype(p),
                (None, None) => return None,
            };
            Some(StoredPhoto {
                owner,
                image,
                thumbnail,
            })
        }))
    }

    async fn audit_of(&self, subjects: &[Uuid]) -> StoreResult<Vec<AuditEntry>> {
        let mut entries = Vec::new();
        for subject in subjects {
            let rows = sqlx::query_as::<_, AuditRow>(
                "SELECT at, actor_name, action, subject_kind, subject_id, detail FROM audit_events
                 WHERE subject_id = $1",
            )
            .bind(subject)
            .fetch_all(&self.pool)
            .await?;
            entries.extend(rows.into_iter().map(AuditRow::into_entry));
        }
        entries.sort_by_key(|e| e.at);
        Ok(entries)
    }
}

/// Sets an open prototype version's status inside a transaction, which locks its row
/// until the transaction ends; returns `AlreadyDecided` when it is decided already, `NotFound`
/// when there is none.
async fn claim_open(tx: &mut super::Tx<'_>, prototype: Uuid, status: &str) -> StoreResult<()> {
    let claimed =
        sqlx::query("UPDATE prototypes SET status = $2 WHERE id = $1 AND status = 'open'")
            .bind(prototype)
            .bind(status)
            .execute(&mut **tx)
            .await?;
    if claimed.rows_affected() == 0 {
        let exists: Option<Uuid> = sqlx::query_scalar("SELECT id FROM prototypes WHERE id = $1")
            .bind(prototype)
            .fetch_optional(&mut **tx)
            .await?;
        return Err(if exists.is_some() {
            StoreError::AlreadyDecided
        } else {
            StoreError::NotFound
        });
    }
    Ok(())
}
