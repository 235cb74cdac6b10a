//! Workshops, boards, participants, cards and the per-board event log (`WorkshopStore`).
use super::{Db, StoreImpl};
use crate::rows::{kinds_text, BoardRow, CardRow, EventRow, PairRow, ParticipantRow, WorkshopRow};
use crate::sql::found;
use crate::workshop_sql::{distinct, BOARD_COLUMNS, CARD_COLUMNS};
use samskap_domain::store::workshop_store::{
    AuthorRef, BoardChange, LogSubject, NewCard, NewParticipant, Replay, VoteChange,
};
use samskap_domain::store::{StoreError, StoreResult};
use samskap_domain::workshop::model::{
    Board, Card, CardKind, CardStatus, Moderation, Participant, Phase, Theme, Workshop,
    WorkshopFields, WorkshopStatus,
};
use uuid::Uuid;

impl StoreImpl {
    /// Workshops matching `filter` (a condition on `w`, with `$1` bound to `arg`).
    async fn load_workshops<A>(&self, filter: &str, arg: A) -> StoreResult<Vec<Workshop>>
    where
        A: Clone + Send + 'static + for<'q> sqlx::Encode<'q, Db> + sqlx::Type<Db>,
    {
        let rows = sqlx::query_as::<_, WorkshopRow>(&format!(
            "SELECT w.id, w.programme_id, w.title, w.place, w.starts_at, w.status, w.join_code, w.report_threshold, w.premoderation,
                    w.participant_cap
             FROM workshops w WHERE {filter} ORDER BY w.starts_at, w.id"
        ))
        .bind(arg.clone())
        .fetch_all(&self.pool)
        .await?;
        let links = sqlx::query_as::<_, PairRow>(&format!(
            "SELECT l.workshop_id AS owner, l.focus_area_id AS other
             FROM workshop_focus_areas l JOIN workshops w ON w.id = l.workshop_id WHERE {filter}"
        ))
        .bind(arg.clone())
        .fetch_all(&self.pool)
        .await?;
        let facilitators = sqlx::query_as::<_, PairRow>(&format!(
            "SELECT l.workshop_id AS owner, l.user_id AS other
             FROM workshop_facilitators l JOIN workshops w ON w.id = l.workshop_id WHERE {filter}"
        ))
        .bind(arg.clone())
        .fetch_all(&self.pool)
        .await?;
        let boards = sqlx::query_as::<_, BoardRow>(&format!(
            "SELECT b.id, b.workshop_id, b.prompt, b.phase, b.posting_open, b.allowed_kinds,
                    b.hide_others, b.timer_ends_at, b.vote_budget, b.votes_visible, b.vote_round
             FROM boards b JOIN workshops w ON w.id = b.workshop_id WHERE {filter}
             ORDER BY b.position, b.id"
        ))
        .bind(arg)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(BoardRow::into_board)
        .collect::<StoreResult<Vec<_>>>()?;
        rows.into_iter()
            .map(|w| w.into_workshop(&links, &facilitators, &boards))
            .collect()
    }
}

#[async_trait::async_trait]
impl samskap_domain::store::workshop_store::WorkshopStore for StoreImpl {
    async fn create_workshop(
        &self,
        programme: Uuid,
        f: &WorkshopFields,
        join_code: &str,
    ) -> StoreResult<Uuid> {
        let id = Uuid::new_v4();
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "INSERT INTO workshops (id, programme_id, title, place, starts_at, status, join_code, created_at)
             SELECT $1, p.id, $3, $4, $5, 'planned', $6, $7 FROM programmes p WHERE p.id = $2",
        )
        .bind(id)
        .bind(programme)
        .bind(&f.title)
        .bind(&f.place)
        .bind(f.starts_at)
        .bind(join_code)
        .bind(chrono::Utc::now())
        .execute(&mut *tx)
        .await?;
        found(done.rows_affected())?;
        link_workshop(&mut tx, id, programme, f).await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn update_workshop(
        &self,
        id: Uuid,
        programme: Uuid,
        f: &WorkshopFields,
    ) -> StoreResult<()> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE workshops SET title = $2, place = $3, starts_at = $4 WHERE id = $1 AND programme_id = $5",
        )
        .bind(id)
        .bind(&f.title)
        .bind(&f.place)
        .bind(f.starts_at)
        .bind(programme)
        .execute(&mut *tx)
        .await?;
        found(done.rows_affected())?;
        for table in ["workshop_focus_areas", "workshop_facilitators"] {
            sqlx::query(&format!("DELETE FROM {table} WHERE workshop_id = $1"))
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        link_workshop(&mut tx, id, programme, f).await?;
        Ok(tx.commit().await?)
    }

    async fn workshops(&self, programme: Uuid) -> StoreResult<Vec<Workshop>> {
        self.load_workshops("w.programme_id = $1", programme).await
    }

    async fn workshop(&self, id: Uuid) -> StoreResult<Option<Workshop>> {
        Ok(self.load_workshops("w.id = $1", id).await?.pop())
    }

    async fn workshop_by_code(&self, code: &str) -> StoreResult<Option<Workshop>> {
        Ok(self
            .load_workshops("w.join_code = $1", code.to_string())
            .await?
            .pop())
    }

    async fn set_workshop_status(&self, id: Uuid, status: WorkshopStatus) -> StoreResult<()> {
        // Closing (again) restarts the retention period; reopening clears it.
        let closed_at = (status == WorkshopStatus::Closed).then(chrono::Utc::now);
        let done = sqlx::query("UPDATE workshops SET status = $1, closed_at = $3 WHERE id = $2")
            .bind(status.as_str())
            .bind(id)
            .bind(closed_at)
            .execute(self.writer())
            .await?;
        found(done.rows_affected())
    }

    async fn set_moderation(&self, id: Uuid, moderation: Moderation) -> StoreResult<()> {
        let done = sqlx::query(
            "UPDATE workshops SET report_threshold = $1, premoderation = $2, participant_cap = $4 WHERE id = $3",
        )
            .bind(moderation.report_threshold as i32)
            .bind(moderation.premoderation)
            .bind(id)
            .bind(moderation.participant_cap.map(|c| c.min(i32::MAX as u32) as i32))
            .execute(self.writer())
            .await?;
        found(done.rows_affected())
    }

    async fn create_board(&self, workshop: Uuid, prompt: &str, phase: Phase) -> StoreResult<Board> {
        let board = Board {
            id: Uuid::new_v4(),
            workshop_id: workshop,
            prompt: prompt.to_string(),
            phase,
            open: false,
            allowed_kinds: phase.default_kinds(),
            hide_others: false,
            timer_ends_at: None,
            vote_budget: None,
            votes_visible: true,
            vote_round: 0,
        };
        let done = sqlx::query(
            "INSERT INTO boards (id, workshop_id, position, prompt, phase, posting_open, allowed_kinds, hide_others)
             SELECT $1, w.id, (SELECT COALESCE(MAX(position), 0) + 1 FROM boards WHERE workshop_id = w.id),
                    $3, $4, FALSE, $5, FALSE
             FROM workshops w WHERE w.id = $2",
        )
        .bind(board.id)
        .bind(workshop)
        .bind(prompt)
        .bind(phase.as_str())
        .bind(kinds_text(&board.allowed_kinds))
        .execute(self.writer())
        .await?;
        found(done.rows_affected())?;
        Ok(board)
    }

    async fn board(&self, id: Uuid) -> StoreResult<Option<Board>> {
        sqlx::query_as::<_, BoardRow>(&format!("{BOARD_COLUMNS} WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .map(BoardRow::into_board)
            .transpose()
    }

    async fn change_board(&self, id: Uuid, change: BoardChange) -> StoreResult<(i64, Board)> {
        let mut tx = self.begin_write().await?;
        // Locks the row first: a change at the same moment waits, then reads this one's.
        let locked = sqlx::query("UPDATE boards SET prompt = prompt WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        found(locked.rows_affected())?;
        let mut board = sqlx::query_as::<_, BoardRow>(&format!("{BOARD_COLUMNS} WHERE id = $1"))
            .bind(id)
            .fetch_one(&mut *tx)
            .await?
            .into_board()?;
        let (board_id, workshop) = (board.id, board.workshop_id);
        change(&mut board);
        (board.id, board.workshop_id) = (board_id, workshop);
        sqlx::query(
            "UPDATE boards SET prompt = $2, phase = $3, posting_open = $4, allowed_kinds = $5,
             hide_others = $6, timer_ends_at = $7, vote_budget = $8, votes_visible = $9, vote_round = $10
             WHERE id = $1",
        )
        .bind(id)
        .bind(&board.prompt)
        .bind(board.phase.as_str())
        .bind(board.open)
        .bind(kinds_text(&board.allowed_kinds))
        .bind(board.hide_others)
        .bind(board.timer_ends_at)
        .bind(board.vote_budget.map(|b| b as i32))
        .bind(board.votes_visible)
        .bind(board.vote_round)
        .execute(&mut *tx)
        .await?;
        let seq = log_event(&mut tx, id, "board", None::<Uuid>).await?;
        tx.commit().await?;
        Ok((seq, board))
    }

    async fn add_participant(&self, p: NewParticipant) -> StoreResult<Participant> {
        let id = Uuid::new_v4();
        let mut tx = self.begin_write().await?;
        // Lock the workshop row, so concurrent joins are counted one by one.
        let cap: Option<Option<i32>> = sqlx::query_scalar(
            "UPDATE workshops SET participant_cap = participant_cap WHERE id = $1 RETURNING participant_cap",
        )
        .bind(p.workshop_id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(cap) = cap else {
            return Err(StoreError::NotFound);
        };
        let done = sqlx::query(
            "INSERT INTO participants (id, workshop_id, token_hash, nickname, age_band, role, created_at)
             SELECT $1, $2, $3, $4, $5, $6, $7
             WHERE $8 IS NULL OR (SELECT COUNT(*) FROM participants WHERE workshop_id = $2) < $8",
        )
        .bind(id)
        .bind(p.workshop_id)
        .bind(&p.token_hash)
        .bind(&p.nickname)
        .bind(p.age_band.map(|a| a.as_str()))
        .bind(p.role.map(|r| r.as_str()))
        .bind(chrono::Utc::now())
        .bind(cap.map(i64::from))
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::WorkshopFull);
        }
        tx.commit().await?;
        Ok(Participant {
            id,
            workshop_id: p.workshop_id,
            nickname: p.nickname,
            age_band: p.age_band,
            role: p.role,
        })
    }

    async fn participants_joined(
        &self,
        workshop: Uuid,
        since: chrono::DateTime<chrono::Utc>,
    ) -> StoreResult<(u32, u32)> {
        let (all, recent): (i64, i64) = sqlx::query_as(
            "SELECT COUNT(*), COUNT(CASE WHEN created_at >= $2 THEN 1 END) FROM participants WHERE workshop_id = $1",
        )
        .bind(workshop)
        .bind(since)
        .fetch_one(&self.pool)
        .await?;
        Ok((all as u32, recent as u32))
    }

    async fn participant_by_token(
        &self,
        workshop: Uuid,
        token_hash: &str,
    ) -> StoreResult<Option<Participant>> {
        sqlx::query_as::<_, ParticipantRow>(
            "SELECT id, workshop_id, nickname, age_band, role FROM participants
             WHERE token_hash = $1 AND workshop_id = $2",
        )
        .bind(token_hash)
        .bind(workshop)
        .fetch_optional(&self.pool)
        .await?
        .map(ParticipantRow::into_participant)
        .transpose()
    }

    async fn post_card(&self, card: NewCard) -> StoreResult<(Card, i64)> {
        let id = Uuid::new_v4();
        let (participant, user) = match card.author {
            AuthorRef::Participant(p) => (Some(p), None),
            AuthorRef::User(u) => (None, Some(u)),
        };
        let mut tx = self.begin_write().await?;
        let seq = log_event(&mut tx, card.board_id, "card", Some(id)).await?;
        sqlx::query(
            "INSERT INTO cards (id, board_id, seq, kind, body, focus_area_id, participant_id, user_id, created_at, status, moderation_note, client_key)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(id)
        .bind(card.board_id)
        .bind(seq)
        .bind(card.kind.as_str())
        .bind(&card.body)
        .bind(card.focus_area_id)
        .bind(participant)
        .bind(user)
        .bind(chrono::Utc::now())
        .bind(card.status.as_str())
        .bind(&card.moderation_note)
        .bind(card.client_key)
        .execute(&mut *tx)
        .await?;
        let stored = card_in(&mut tx, id).await?;
        tx.commit().await?;
        Ok((stored, seq))
    }

    async fn card(&self, id: Uuid) -> StoreResult<Option<Card>> {
        sqlx::query_as::<_, CardRow>(&format!("{CARD_COLUMNS} WHERE c.id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .map(CardRow::into_card)
            .transpose()
    }

    async fn edit_card(
        &self,
        id: Uuid,
        kind: CardKind,
        body: &str,
        hold: Option<&str>,
    ) -> StoreResult<(Card, i64)> {
        let mut tx = self.begin_write().await?;
        // Held in the same statement: no reader ever sees the new text as visible.
        let board: Uuid = sqlx::query_scalar(
            "UPDATE cards SET kind = $2, body = $3,
               status = CASE WHEN $4 AND status = 'visible' THEN 'held' ELSE status END,
               moderation_note = CASE WHEN $4 AND status = 'visible' THEN $5 ELSE moderation_note END
             WHERE id = $1 RETURNING board_id",
        )
        .bind(id)
        .bind(kind.as_str())
        .bind(body)
        .bind(hold.is_some())
        .bind(hold.unwrap_or(""))
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        let seq = log_event(&mut tx, board, "card", Some(id)).await?;
        let stored = card_in(&mut tx, id).await?;
        tx.commit().await?;
        Ok((stored, seq))
    }

    async fn set_card_status(
        &self,
        id: Uuid,
        status: CardStatus,
        note: &str,
    ) -> StoreResult<(Card, i64)> {
        let mut tx = self.begin_write().await?;
        let board: Uuid = sqlx::query_scalar(
            "UPDATE cards SET status = $2, moderation_note = $3 WHERE id = $1 RETURNING board_id",
        )
        .bind(id)
        .bind(status.as_str())
        .bind(note)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        if status == CardStatus::Visible {
            // A facilitator judged the card: earlier reports no longer count.
            sqlx::query("DELETE FROM card_reports WHERE card_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        let seq = log_event(&mut tx, board, "card", Some(id)).await?;
        let stored = card_in(&mut tx, id).await?;
        tx.commit().await?;
        Ok((stored, seq))
    }

    async fn report_card(
        &self,
        id: Uuid,
        reporter: Uuid,
        threshold: u32,
        note: &str,
    ) -> StoreResult<(u32, Option<(Card, i64)>)> {
        let mut tx = self.begin_write().await?;
        // Lock the card row first, so concurrent reports of it are counted one by
        // one, and in the order every card change takes (card, then board; see
        // `lock_card`): locking the board first deadlocked against a restore.
        let board: Uuid =
            sqlx::query_scalar("UPDATE cards SET status = status WHERE id = $1 RETURNING board_id")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(StoreError::NotFound)?;
        let new_report = sqlx::query(
            "INSERT INTO card_reports (card_id, reporter_id, created_at) VALUES ($1, $2, $3)
             ON CONFLICT (card_id, reporter_id) DO NOTHING",
        )
        .bind(id)
        .bind(reporter)
        .bind(chrono::Utc::now())
        .execute(&mut *tx)
        .await?
        .rows_affected()
            > 0;
        let reports: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM card_reports WHERE card_id = $1")
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
        // Only a new report can hide a card, and never a staff member's card.
        let hidden = sqlx::query(
            "UPDATE cards SET status = 'hidden', moderation_note = $2
             WHERE id = $1 AND status = 'visible' AND user_id IS NULL AND $3 AND $4 >= $5",
        )
        .bind(id)
        .bind(note)
        .bind(new_report)
        .bind(reports)
        .bind(i64::from(threshold))
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let changed = if hidden > 0 {
            let seq = log_event(&mut tx, board, "card", Some(id)).await?;
            Some((card_in(&mut tx, id).await?, seq))
        } else {
            None
        };
        tx.commit().await?;
        Ok((reports as u32, changed))
    }

    async fn delete_card(&self, id: Uuid) -> StoreResult<i64> {
        let mut tx = self.begin_write().await?;
        let board: Uuid = sqlx::query_scalar("DELETE FROM cards WHERE id = $1 RETURNING board_id")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        let seq = log_event(&mut tx, board, "card_removed", Some(id)).await?;
        tx.commit().await?;
        Ok(seq)
    }

    async fn board_cards(&self, board: Uuid) -> StoreResult<(i64, Vec<Card>)> {
        let mut tx = self.begin_read().await?;
        let seq: i64 = sqlx::query_scalar("SELECT last_seq FROM boards WHERE id = $1")
            .bind(board)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        let cards = sqlx::query_as::<_, CardRow>(&format!(
            "{CARD_COLUMNS} WHERE c.board_id = $1 ORDER BY c.seq"
        ))
        .bind(board)
        .fetch_all(&mut *tx)
        .await?
        .into_iter()
        .map(CardRow::into_card)
        .collect::<StoreResult<Vec<_>>>()?;
        tx.commit().await?;
        Ok((seq, cards))
    }

    async fn themes(&self, board: Uuid) -> StoreResult<Vec<Theme>> {
        let rows = sqlx::query_as::<_, (Uuid, String)>(
            "SELECT id, name FROM themes WHERE board_id = $1 ORDER BY position, id",
        )
        .bind(board)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, name)| Theme { id, name })
            .collect())
    }

    async fn create_theme(&self, board: Uuid, name: &str) -> StoreResult<(Theme, i64)> {
        let id = Uuid::new_v4();
        let mut tx = self.begin_write().await?;
        let seq = log_event(&mut tx, board, "themes", None::<Uuid>).await?;
        sqlx::query(
            "INSERT INTO themes (id, board_id, name, position, created_at)
             VALUES ($1, $2, $3, (SELECT COALESCE(MAX(position), 0) + 1 FROM themes WHERE board_id = $2), $4)",
        )
        .bind(id)
        .bind(board)
        .bind(name)
        .bind(chrono::Utc::now())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok((
            Theme {
                id,
                name: name.to_string(),
            },
            seq,
        ))
    }

    async fn rename_theme(&self, board: Uuid, id: Uuid, name: &str) -> StoreResult<i64> {
        let mut tx = self.begin_write().await?;
        sqlx::query_scalar::<_, Uuid>(
            "UPDATE themes SET name = $3 WHERE id = $1 AND board_id = $2 RETURNING id",
        )
        .bind(id)
        .bind(board)
        .bind(name)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        let seq = log_event(&mut tx, board, "themes", None::<Uuid>).await?;
        tx.commit().await?;
        Ok(seq)
    }

    async fn merge_themes(&self, board: Uuid, from: Uuid, into: Uuid) -> StoreResult<i64> {
        let mut tx = self.begin_write().await?;
        // Both themes of `board`, checked in the statements that change them.
        sqlx::query(
            "UPDATE cards SET theme_id = $2 WHERE theme_id = $1 AND board_id = $3
             AND EXISTS (SELECT 1 FROM themes b WHERE b.id = $2 AND b.board_id = $3 AND b.id <> $1)",
        )
        .bind(from)
        .bind(into)
        .bind(board)
        .execute(&mut *tx)
        .await?;
        sqlx::query_scalar::<_, Uuid>(
            "DELETE FROM themes WHERE id = $1 AND board_id = $3
             AND EXISTS (SELECT 1 FROM themes b WHERE b.id = $2 AND b.board_id = $3 AND b.id <> $1)
             RETURNING id",
        )
        .bind(from)
        .bind(into)
        .bind(board)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        let seq = log_event(&mut tx, board, "themes", None::<Uuid>).await?;
        tx.commit().await?;
        Ok(seq)
    }

    async fn set_card_theme(&self, card: Uuid, theme: Option<Uuid>) -> StoreResult<(Card, i64)> {
        let mut tx = self.begin_write().await?;
        let board: Uuid = sqlx::query_scalar(
            "UPDATE cards SET theme_id = $2 WHERE id = $1
             AND ($2 IS NULL OR EXISTS (SELECT 1 FROM themes t WHERE t.id = $2 AND t.board_id = cards.board_id))
             RETURNING board_id",
        )
        .bind(card)
        .bind(theme)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        let seq = log_event(&mut tx, board, "card", Some(card)).await?;
        let stored = card_in(&mut tx, card).await?;
        tx.commit().await?;
        Ok((stored, seq))
    }

    async fn board_seq(&self, board: Uuid) -> StoreResult<i64> {
        sqlx::query_scalar("SELECT last_seq FROM boards WHERE id = $1")
            .bind(board)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound)
    }

    async fn replay(&self, board: Uuid, after: i64, limit: i64) -> StoreResult<Replay> {
        let entries = sqlx::query_as::<_, EventRow>(
            "SELECT seq, subject, card_id FROM board_events WHERE board_id = $1 AND seq > $2
             ORDER BY seq LIMIT $3",
        )
        .bind(board)
        .bind(after)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(EventRow::into_logged)
        .collect::<StoreResult<Vec<_>>>()?;
        let Some(last) = entries.last().map(|e| e.seq) else {
            return Ok(Replay::default());
        };
        let cards = sqlx::query_as::<_, CardRow>(&format!(
            "{CARD_COLUMNS} WHERE c.id IN (SELECT e.card_id FROM board_events e
             WHERE e.board_id = $1 AND e.seq > $2 AND e.seq <= $3 AND e.subject = 'card')"
        ))
        .bind(board)
        .bind(after)
        .bind(last)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(CardRow::into_card)
        .collect::<StoreResult<Vec<_>>>()?;
        let vote_totals = sqlx::query_as::<_, (Uuid, i64)>(
            "SELECT v.card_id, COUNT(*) FROM votes v JOIN boards b ON b.id = v.board_id AND b.vote_round = v.round
             WHERE v.board_id = $1 AND v.card_id IN (SELECT e.card_id FROM board_events e
                 WHERE e.board_id = $1 AND e.seq > $2 AND e.seq <= $3 AND e.subject = 'votes')
             GROUP BY v.card_id",
        )
        .bind(board)
        .bind(after)
        .bind(last)
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(|(card, n)| (card, n as u32))
        .collect();
        let themes = if entries.iter().any(|e| e.subject == LogSubject::Themes) {
            self.themes(board).await?
        } else {
            Vec::new()
        };
        Ok(Replay {
            entries,
            cards,
            vote_totals,
            themes,
        })
    }

    async fn place_vote(
        &self,
        board: Uuid,
        card: Uuid,
        voter: Uuid,
        round: i64,
        budget: u32,
    ) -> StoreResult<VoteChange> {
        let mut tx = self.begin_write().await?;
        lock_card(&mut tx, card).await?;
        // Logging next locks the board row: one voter's dots are counted and
        // added without another request slipping in between.
        let seq = log_event(&mut tx, board, "votes", Some(card)).await?;
        let done = sqlx::query(
            "INSERT INTO votes (id, board_id, round, card_id, voter_id, created_at)
             SELECT $1, c.board_id, $3, c.id, $4, $5 FROM cards c
             WHERE c.id = $2 AND c.board_id = $6
               AND (SELECT COUNT(*) FROM votes WHERE board_id = $6 AND round = $3 AND voter_id = $4) < $7",
        )
        .bind(Uuid::new_v4())
        .bind(card)
        .bind(round)
        .bind(voter)
        .bind(chrono::Utc::now())
        .bind(board)
        .bind(i64::from(budget))
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            let exists: Option<Uuid> =
                sqlx::query_scalar("SELECT id FROM cards WHERE id = $1 AND board_id = $2")
                    .bind(card)
                    .bind(board)
                    .fetch_optional(&mut *tx)
                    .await?;
            return Err(if exists.is_some() {
                StoreError::VoteBudgetSpent
            } else {
                StoreError::NotFound
            });
        }
        let change = vote_change(&mut tx, seq, board, card, voter, round).await?;
        tx.commit().await?;
        Ok(change)
    }

    async fn remove_vote(
        &self,
        board: Uuid,
        card: Uuid,
        voter: Uuid,
        round: i64,
    ) -> StoreResult<VoteChange> {
        let mut tx = self.begin_write().await?;
        lock_card(&mut tx, card).await?;
        let seq = log_event(&mut tx, board, "votes", Some(card)).await?;
        let done = sqlx::query(
            "DELETE FROM votes WHERE id = (SELECT id FROM votes
             WHERE board_id = $1 AND round = $2 AND card_id = $3 AND voter_id = $4 LIMIT 1)",
        )
        .bind(board)
        .bind(round)
        .bind(card)
        .bind(voter)
        .execute(&mut *tx)
        .await?;
        found(done.rows_affected())?;
        let change = vote_change(&mut tx, seq, board, card, voter, round).await?;
        tx.commit().await?;
        Ok(change)
    }

    async fn vote_totals(&self, board: Uuid, round: i64) -> StoreResult<Vec<(Uuid, u32)>> {
        let rows = sqlx::query_as::<_, (Uuid, i64)>(
            "SELECT card_id, COUNT(*) FROM votes WHERE board_id = $1 AND round = $2 GROUP BY card_id",
        )
        .bind(board)
        .bind(round)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|(card, n)| (card, n as u32)).collect())
    }

    async fn my_votes(
        &self,
        board: Uuid,
        round: i64,
        voter: Uuid,
    ) -> StoreResult<Vec<(Uuid, u32)>> {
        let rows = sqlx::query_as::<_, (Uuid, i64)>(
            "SELECT card_id, COUNT(*) FROM votes WHERE board_id = $1 AND round = $2 AND voter_id = $3 GROUP BY card_id",
        )
        .bind(board)
        .bind(round)
        .bind(voter)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|(card, n)| (card, n as u32)).collect())
    }
}

/// Links a workshop to its focus areas (of `programme`) and facilitators inside a
/// transaction; an unknown one is `NotFound` and rolls the transaction back.
async fn link_workshop(
    tx: &mut super::Tx<'_>,
    id: Uuid,
    programme: Uuid,
    fields: &WorkshopFields,
) -> StoreResult<()> {
    for fa in distinct(&fields.focus_area_ids) {
        let done = sqlx::query(
            "INSERT INTO workshop_focus_areas (workshop_id, focus_area_id)
                 SELECT $1, f.id FROM focus_areas f WHERE f.id = $2 AND f.programme_id = $3",
        )
        .bind(id)
        .bind(fa)
        .bind(programme)
        .execute(&mut **tx)
        .await?;
        found(done.rows_affected())?;
    }
    for user in distinct(&fields.facilitator_ids) {
        let done = sqlx::query(
            // Only a member of the workshop's programme in a role that may run workshops
            // can facilitate one (not the viewer).
            "INSERT INTO workshop_facilitators (workshop_id, user_id)
                 SELECT $1, m.user_id FROM memberships m
                 WHERE m.user_id = $2 AND m.programme_id = $3 AND m.role IN ('lead', 'core', 'facilitator')",
        )
        .bind(id)
        .bind(user)
        .bind(programme)
        .execute(&mut **tx)
        .await?;
        found(done.rows_affected())?;
    }
    Ok(())
}

/// Locks a card's row (if it exists) before its board's: every transaction that changes a
/// card or what hangs on it takes the card first, so two of them cannot each hold the
/// lock the other waits for (PostgreSQL; SQLite has one writer anyway).
async fn lock_card(tx: &mut super::Tx<'_>, card: Uuid) -> StoreResult<()> {
    sqlx::query("UPDATE cards SET status = status WHERE id = $1")
        .bind(card)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Bumps the board's sequence number and logs an entry under it; returns the number.
/// The row lock this takes keeps one board's entries in order.
pub(super) async fn log_event(
    tx: &mut super::Tx<'_>,
    board: Uuid,
    subject: &str,
    card: Option<Uuid>,
) -> StoreResult<i64> {
    let seq: i64 = sqlx::query_scalar(
        "UPDATE boards SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq",
    )
    .bind(board)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or(StoreError::NotFound)?;
    sqlx::query(
        "INSERT INTO board_events (board_id, seq, subject, card_id) VALUES ($1, $2, $3, $4)",
    )
    .bind(board)
    .bind(seq)
    .bind(subject)
    .bind(card)
    .execute(&mut **tx)
    .await?;
    Ok(seq)
}

/// The card's total and the voter's dots after a vote change, inside the transaction.
async fn vote_change(
    tx: &mut super::Tx<'_>,
    seq: i64,
    board: Uuid,
    card: Uuid,
    voter: Uuid,
    round: i64,
) -> StoreResult<VoteChange> {
    let (total, on_card, used): (i64, i64, i64) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM votes WHERE card_id = $1 AND round = $3),
                    (SELECT COUNT(*) FROM votes WHERE card_id = $1 AND round = $3 AND voter_id = $4),
                    (SELECT COUNT(*) FROM votes WHERE board_id = $2 AND round = $3 AND voter_id = $4)",
        )
        .bind(card)
        .bind(board)
        .bind(round)
        .bind(voter)
        .fetch_one(&mut **tx)
        .await?;
    Ok(VoteChange {
        seq,
        total: total as u32,
        on_card: on_card as u32,
        used: used as u32,
    })
}

/// Reads a card inside a transaction.
async fn card_in(tx: &mut super::Tx<'_>, id: Uuid) -> StoreResult<Card> {
    sqlx::query_as::<_, CardRow>(&format!("{CARD_COLUMNS} WHERE c.id = $1"))
        .bind(id)
        .fetch_one(&mut **tx)
        .await
        .map_err(StoreError::from)
        .and_then(CardRow::into_card)
}
