//! Fetching a live board again when its event stream says the page is out of date, then
//! reopening the stream from the fetched state, so no event in flight is lost.
use super::state::LiveBoard;
use crate::error::AppError;
use leptos::prelude::*;
use std::time::Duration;
use uuid::Uuid;

/// The longest wait between two failed fetches.
const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// How long a fetch may take before it counts as failed (doubled after each failure, so
/// a large board on a very slow line still gets through).
const FETCH_TIMEOUT: Duration = Duration::from_secs(15);

/// One board page's resync: at most one fetch in flight (or waiting to be retried),
/// later requests folded into one more fetch after it; a failed or hung fetch is retried
/// with a growing wait, and so is an event stream the server refused.
#[derive(Clone, Copy)]
pub struct Resync {
    board: Uuid,
    live: LiveBoard,
    /// The sequence number the event stream resumes after; `None` ends the stream.
    stream_from: RwSignal<Option<i64>>,
    /// Why the page stopped following the board (no longer allowed, board gone).
    pub ended: RwSignal<Option<AppError>>,
    /// A fetch is under way or waits for its retry.
    in_flight: StoredValue<bool>,
    again: StoredValue<bool>,
    failures: StoredValue<u32>,
    /// Event streams refused in a row (reset when one opens).
    stream_failures: StoredValue<u32>,
    /// Event streams opened so far: a retry planned before the latest opening is dropped.
    streams_opened: StoredValue<u32>,
}

impl Resync {
    pub fn new(board: Uuid, live: LiveBoard, seq: i64) -> Self {
        Self {
            board,
            live,
            stream_from: RwSignal::new(Some(seq)),
            ended: RwSignal::new(None),
            in_flight: StoredValue::new(false),
            again: StoredValue::new(false),
            failures: StoredValue::new(0),
            stream_failures: StoredValue::new(0),
            streams_opened: StoredValue::new(0),
        }
    }

    /// Where the event stream starts: it is reopened whenever this is set.
    pub fn stream_from(&self) -> Signal<Option<i64>> {
        self.stream_from.into()
    }

    /// Fetches the board and takes it on, then follows the stream from the fetched
    /// sequence number: events the old stream delivered after the read are replayed by
    /// the new one (they are idempotent), none is dropped.
    pub fn run(self) {
        if self.ended.get_untracked().is_some() {
            return;
        }
        if self.in_flight.get_value() {
            self.again.set_value(true);
            return;
        }
        self.in_flight.set_value(true);
        let votes_before = self.live.votes_answered.get_value();
        let limit = fetch_timeout(self.failures.get_value());
        leptos::task::spawn_local(async move {
            match fetch_within(self.board, limit).await {
                Some(Ok(data)) => {
                    self.in_flight.set_value(false);
                    self.failures.set_value(0);
                    // A vote answered while the fetch was under way may be missing from
                    // it: keep the page's own dots unless a new voting round began (`apply`
                    // empties them when one does).
                    let keep_mine = self.live.votes_answered.get_value() != votes_before
                        && self.live.board.with_untracked(|b| b.vote_round)
                            == data.board.vote_round;
                    self.live.reset(&data, keep_mine);
                    self.stream_from.set(Some(data.seq));
                    if self.again.get_value() {
                        self.again.set_value(false);
                        self.run();
                    }
                }
                Some(Err(err)) if gives_up(&err) => {
                    self.in_flight.set_value(false);
                    self.stream_from.set(None);
                    self.ended.set(Some(err));
                }
                Some(Err(_)) | None => self.retry_later(),
            }
        });
    }

    /// The server refused the event stream (or it failed for good): the browser will not
    /// reconnect by itself, so fetch again after a growing wait, which reopens it.
    pub fn stream_closed(self) {
        let n = self.stream_failures.get_value();
        self.stream_failures.set_value(n.saturating_add(1));
        let opened = self.streams_opened.get_value();
        set_timeout(
            move || {
                if self.streams_opened.get_value() == opened {
                    self.run();
                }
            },
            backoff(n),
        );
    }

    /// The event stream is open: the next refusal starts the waits afresh.
    pub fn stream_opened(self) {
        self.stream_failures.set_value(0);
        self.streams_opened.update_value(|n| *n = n.wrapping_add(1));
    }

    /// Waits, then fetches again; still in flight while it waits, so requests meanwhile
    /// fold into the retry.
    fn retry_later(self) {
        let n = self.failures.get_value();
        self.failures.set_value(n.saturating_add(1));
        self.again.set_value(false);
        set_timeout(
            move || {
                self.in_flight.set_value(false);
                self.run();
            },
            backoff(n),
        );
    }
}

/// The board, or `None` when it took longer than `limit`; the fetch is then dropped,
/// which aborts the browser's request (a hung one must not hold a connection).
async fn fetch_within(
    board: Uuid,
    limit: Duration,
) -> Option<Result<super::state::BoardPageData, AppError>> {
    use futures::future::{select, Either};
    let (fire, timeout) = futures::channel::oneshot::channel::<()>();
    set_timeout(
        move || {
            let _ = fire.send(());
        },
        limit,
    );
    match select(Box::pin(super::get_board::get_board(board)), timeout).await {
        Either::Left((result, _)) => Some(result),
        Either::Right(_) => None,
    }
}

/// Refusals that another try will not change.
fn gives_up(err: &AppError) -> bool {
    matches!(
        err,
        AppError::Unauthenticated | AppError::Forbidden | AppError::NotFound | AppError::NotJoined
    )
}

/// 15 s for the first fetch, 30 s after one failure, then 60 s.
fn fetch_timeout(failures: u32) -> Duration {
    FETCH_TIMEOUT * (1u32 << failures.min(2))
}

/// 1 s, 2 s, 4 s … up to 30 s after the `n`th failure in a row (from 0).
fn backoff(n: u32) -> Duration {
    Duration::from_secs(1u64 << n.min(5)).min(MAX_BACKOFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_stops_at_thirty_seconds() {
        let waits: Vec<u64> = (0..8).map(|n| backoff(n).as_secs()).collect();
        assert_eq!(waits, [1, 2, 4, 8, 16, 30, 30, 30]);
    }

    #[test]
    fn a_slow_line_gets_longer_to_answer() {
        let waits: Vec<u64> = (0..4).map(|n| fetch_timeout(n).as_secs()).collect();
        assert_eq!(waits, [15, 30, 60, 60]);
    }

    #[test]
    fn only_lost_access_ends_the_page() {
        assert!(gives_up(&AppError::Forbidden));
        assert!(gives_up(&AppError::NotFound));
        assert!(!gives_up(&AppError::Busy));
    }
}
