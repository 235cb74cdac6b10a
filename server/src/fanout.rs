//! Live boards across server instances on one PostgreSQL: each instance LISTENs for the
//! changes the others commit (NOTIFY from triggers, see migration 0010), reads each one
//! from the store once and broadcasts it to its own subscribers; and it tells the others
//! who is connected here, so every facilitator sees the whole room.
use samskap_app::server::board_events::replay_deliveries;
use samskap_app::server::bus::Presence;
use samskap_app::server::context::AppContext;
use sqlx::postgres::{PgListener, PgPool};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, SystemTime};
use tokio::sync::{mpsc, Notify};
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

/// The channel every instance listens on.
const CHANNEL: &str = "samskap_events";
/// How often an instance repeats who is connected to it.
const PRESENCE_EVERY: Duration = Duration::from_secs(15);
/// When an instance has said nothing for this long, its viewers no longer count.
const PRESENCE_STALE: Duration = Duration::from_secs(45);
/// Changes of presence within this time go out as one notification per board.
const PRESENCE_DEBOUNCE: Duration = Duration::from_millis(200);
/// Pause before listening again after the connection failed, or before reading a
/// change again after that failed.
const RETRY: Duration = Duration::from_secs(1);
/// Most log entries one forward reads and broadcasts.
const MAX_FORWARD: i64 = 500;

/// This instance's part in the fan-out: its pool, and its name as the triggers see it
/// (the connections' `application_name`).
#[derive(Clone)]
pub struct Fanout {
    pub(crate) pool: PgPool,
    pub instance: String,
}

impl From<samskap_store::Instance> for Fanout {
    fn from(opened: samskap_store::Instance) -> Self {
        Fanout {
            pool: opened.pool,
            instance: opened.name,
        }
    }
}

/// One notification, parsed.
#[derive(Debug, PartialEq)]
enum Notice<'a> {
    BoardEvent {
        board: Uuid,
        seq: i64,
        posted: SystemTime,
        instance: &'a str,
    },
    Feedback {
        round: Uuid,
        instance: &'a str,
    },
    Presence {
        board: Uuid,
        presence: Presence,
        instance: &'a str,
    },
    /// An instance started listening: the others tell it who is connected to them.
    Hello {
        instance: &'a str,
    },
}

impl<'a> Notice<'a> {
    fn parse(payload: &'a str) -> Option<Self> {
        let mut parts = payload.splitn(6, ' ');
        let kind = parts.next()?;
        let id: Uuid = parts.next()?.parse().ok()?;
        match kind {
            "b" => {
                let seq = parts.next()?.parse().ok()?;
                let micros: u64 = parts.next()?.parse().ok()?;
                Some(Notice::BoardEvent {
                    board: id,
                    seq,
                    posted: SystemTime::UNIX_EPOCH + Duration::from_micros(micros),
                    instance: parts.next()?,
                })
            }
            "r" => Some(Notice::Feedback {
                round: id,
                instance: parts.next()?,
            }),
            "h" => Some(Notice::Hello {
                instance: parts.next()?,
            }),
            "p" => Some(Notice::Presence {
                board: id,
                presence: Presence {
                    participants: parts.next()?.parse().ok()?,
                    staff: parts.next()?.parse().ok()?,
                },
                instance: parts.next()?,
            }),
            _ => None,
        }
    }

    fn instance(&self) -> &str {
        match self {
            Notice::BoardEvent { instance, .. }
            | Notice::Feedback { instance, .. }
            | Notice::Presence { instance, .. }
            | Notice::Hello { instance } => instance,
        }
    }
}

fn presence_payload(board: Uuid, presence: Presence, instance: &str) -> String {
    format!(
        "p {board} {} {} {instance}",
        presence.participants, presence.staff
    )
}

/// Starts listening and announcing; both stop when `shutdown` fires.
pub fn spawn(context: AppContext, fanout: Fanout, shutdown: CancellationToken) {
    let changes = context.bus.relay_presence();
    let asked = Arc::new(Notify::new());
    tokio::spawn(listen(
        context.clone(),
        fanout.clone(),
        asked.clone(),
        shutdown.clone(),
    ));
    tokio::spawn(announce(context, fanout, changes, asked, shutdown));
}

/// Per followed board, the newest sequence number broadcast here from other instances'
/// changes (or seen of our own), and the changes whose reading failed, to try again.
#[derive(Default)]
struct Followed {
    forwarded: HashMap<Uuid, i64>,
    retry: HashMap<Uuid, (i64, Option<SystemTime>)>,
}

async fn listen(
    context: AppContext,
    fanout: Fanout,
    asked: Arc<Notify>,
    shutdown: CancellationToken,
) {
    let mut followed = Followed::default();
    let mut retries = tokio::time::interval(RETRY);
    while !shutdown.is_cancelled() {
        let mut listener = match PgListener::connect_with(&fanout.pool).await {
            Ok(listener) => listener,
            Err(err) => {
                tracing::error!(%err, "cannot listen for other instances' changes");
                tokio::time::sleep(RETRY).await;
                continue;
            }
        };
        if let Err(err) = listener.listen(CHANNEL).await {
            tracing::error!(%err, "LISTEN {CHANNEL} failed");
            tokio::time::sleep(RETRY).await;
            continue;
        }
        // What was committed while nobody listened reaches the subscribers now, and the
        // others say who is connected to them.
        catch_up_all(&context, &mut followed).await;
        send(
            &fanout,
            vec![format!("h {} {}", Uuid::nil(), fanout.instance)],
        )
        .await;
        loop {
            let received = tokio::select! {
                received = listener.try_recv() => received,
                _ = retries.tick(), if !followed.retry.is_empty() => {
                    retry(&context, &mut followed).await;
                    continue;
                }
                () = shutdown.cancelled() => return,
            };
            match received {
                Ok(Some(notification)) => {
                    handle(
                        &context,
                        &fanout,
                        &asked,
                        &mut followed,
                        notification.payload(),
                    )
                    .await
                }
                Ok(None) => {
                    tracing::warn!("lost the connection for other instances' changes");
                    break;
                }
                Err(err) => {
                    tracing::error!(%err, "receiving other instances' changes failed");
                    break;
                }
            }
        }
    }
}

async fn handle(
    context: &AppContext,
    fanout: &Fanout,
    asked: &Notify,
    followed: &mut Followed,
    payload: &str,
) {
    let Some(notice) = Notice::parse(payload) else {
        tracing::warn!(payload, "unreadable notification");
        return;
    };
    let bus = &context.bus;
    let ours = notice.instance() == fanout.instance;
    match notice {
        Notice::BoardEvent {
            board, seq, posted, ..
        } => {
            if !bus.has_subscribers(board) {
                followed.forwarded.remove(&board);
                return;
            }
            let last = followed.forwarded.entry(board).or_insert(seq - 1);
            if ours {
                // Broadcast here already; the others' changes need not replay it.
                *last = (*last).max(seq);
            } else if *last < seq {
                let after = *last;
                forward(context, followed, board, after, seq, Some(posted)).await;
            }
        }
        _ if ours => {}
        Notice::Feedback { round, .. } => {
            if bus.has_subscribers(round) {
                samskap_app::server::round_events::publish_feedback(bus, round);
            }
        }
        Notice::Presence {
            board,
            presence,
            instance,
        } => bus.set_remote_presence(board, instance, presence),
        Notice::Hello { .. } => asked.notify_one(),
    }
}

/// Reads the board's log entries `after`..=`upto` once (the newest `MAX_FORWARD` of
/// them at most: subscribers further behind replay the rest themselves) and broadcasts
/// them here. On failure the change is tried again shortly.
async fn forward(
    context: &AppContext,
    followed: &mut Followed,
    board_id: Uuid,
    after: i64,
    upto: i64,
    posted: Option<SystemTime>,
) {
    let store = &context.store;
    let after = after.max(upto - MAX_FORWARD);
    let read = async {
        let replay = store.replay(board_id, after, upto - after).await?;
        let board = store.board(board_id).await?;
        Ok::<_, samskap_domain::store::StoreError>(board.map(|b| (replay, b)))
    };
    let (replay, board) = match read.await {
        Ok(Some(read)) => read,
        Ok(None) => return, // the board is gone
        Err(err) => {
            tracing::error!(%err, board = %board_id, "reading another instance's change failed; retrying");
            followed.retry.insert(board_id, (upto, posted));
            return;
        }
    };
    followed.retry.remove(&board_id);
    for mut delivery in replay_deliveries(&replay, &board) {
        if delivery.seq == upto {
            delivery.posted = posted;
        }
        let last = followed.forwarded.entry(board_id).or_insert(delivery.seq);
        *last = (*last).max(delivery.seq);
        context.bus.publish(board_id, delivery);
    }
}

/// Tries the changes whose reading failed again.
async fn retry(context: &AppContext, followed: &mut Followed) {
    let failed: Vec<_> = followed.retry.drain().collect();
    for (board, (upto, posted)) in failed {
        if !context.bus.has_subscribers(board) {
            continue;
        }
        let after = followed.forwarded.get(&board).copied().unwrap_or(upto - 1);
        if after < upto {
            forward(context, followed, board, after, upto, posted).await;
        }
    }
}

/// After (re)connecting: each followed board gets what it may have missed. A board not
/// forwarded to before gets its newest entry, so subscribers that are behind notice the
/// gap and replay the rest themselves; followers of a test round refetch it.
async fn catch_up_all(context: &AppContext, followed: &mut Followed) {
    let ids: Vec<Uuid> = context
        .bus
        .local_presence()
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    followed.forwarded.retain(|board, _| ids.contains(board));
    for id in ids {
        let newest = match context.store.board_seq(id).await {
            Ok(seq) => seq,
            Err(_) => {
                if let Ok(Some(_)) = context.store.round(id).await {
                    samskap_app::server::round_events::publish_feedback(&context.bus, id);
                }
                continue;
            }
        };
        let after = followed.forwarded.get(&id).copied().unwrap_or(newest - 1);
        if after < newest {
            forward(context, followed, id, after, newest, None).await;
        }
    }
}

async fn announce(
    context: AppContext,
    fanout: Fanout,
    mut changes: mpsc::UnboundedReceiver<(Uuid, Presence)>,
    asked: Arc<Notify>,
    shutdown: CancellationToken,
) {
    let mut every = tokio::time::interval(PRESENCE_EVERY);
    // What this instance last said per board, so that it can say "none" when leaving.
    let mut said: HashMap<Uuid, Presence> = HashMap::new();
    loop {
        let mut pending: HashMap<Uuid, Presence> = HashMap::new();
        tokio::select! {
            Some((board, presence)) = changes.recv() => {
                pending.insert(board, presence);
                tokio::time::sleep(PRESENCE_DEBOUNCE).await;
                while let Ok((board, presence)) = changes.try_recv() {
                    pending.insert(board, presence);
                }
            }
            _ = every.tick() => {
                pending.extend(context.bus.local_presence());
                context.bus.forget_stale_presence(PRESENCE_STALE);
            }
            () = asked.notified() => pending.extend(context.bus.local_presence()),
            () = shutdown.cancelled() => {
                let gone = said.keys().map(|b| (*b, Presence::default())).collect();
                notify(&fanout, gone).await;
                return;
            }
        }
        for (board, presence) in &pending {
            if *presence == Presence::default() {
                said.remove(board);
            } else {
                said.insert(*board, *presence);
            }
        }
        notify(&fanout, pending.into_iter().collect()).await;
    }
}

async fn notify(fanout: &Fanout, presence: Vec<(Uuid, Presence)>) {
    let payloads = presence
        .into_iter()
        .map(|(board, p)| presence_payload(board, p, &fanout.instance))
        .collect();
    send(fanout, payloads).await;
}

/// Notifies every instance, this one included (it skips its own).
async fn send(fanout: &Fanout, payloads: Vec<String>) {
    if payloads.is_empty() {
        return;
    }
    if let Err(err) =
        sqlx::query("SELECT pg_notify($1, payload) FROM unnest($2::text[]) AS payload")
            .bind(CHANNEL)
            .bind(&payloads)
            .execute(&fanout.pool)
            .await
    {
        tracing::warn!(%err, "notifying the other instances failed");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notifications_parse() {
        let board = Uuid::new_v4();
        let payload = format!("b {board} 42 1700000000000000 samskap-a");
        assert_eq!(
            Notice::parse(&payload),
            Some(Notice::BoardEvent {
                board,
                seq: 42,
                posted: SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000),
                instance: "samskap-a"
            })
        );
        let presence = Presence {
            participants: 3,
            staff: 1,
        };
        let payload = presence_payload(board, presence, "samskap-b");
        assert_eq!(
            Notice::parse(&payload),
            Some(Notice::Presence {
                board,
                presence,
                instance: "samskap-b"
            })
        );
        assert_eq!(Notice::parse("b not-a-uuid 1 2 x"), None);
        assert_eq!(Notice::parse(&format!("x {board} y")), None);
    }
}
