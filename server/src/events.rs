//! `GET /events/boards/{id}`: a board's server-sent events. Each event's `id` is the
//! board's sequence number; a client that reconnects with `Last-Event-ID` (or
//! `?after=`) first gets what it missed from the store, or a resync when too far behind.
use crate::stream_grant::StaffGrant;
use crate::stream_limits::StreamLimits;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use samskap_app::server::board_events::{replay_deliveries, resync_json};
use samskap_app::server::bus::{Delivery, Viewer};
use samskap_app::server::context::{account_of_session, forwarded_client, is_member, AppContext};
use samskap_domain::store::Item;
use serde::Deserialize;
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use tokio::sync::{broadcast, mpsc};
use tokio_stream::wrappers::ReceiverStream;
use tower_sessions::Session;
use uuid::Uuid;

/// Most missed events replayed to a reconnecting client; beyond that it resyncs.
const MAX_REPLAY: i64 = 500;
/// Events buffered per connection before the sender waits (and, if it waits long
/// enough, lags on the bus and catches up from the store).
const CONNECTION_BUFFER: usize = 64;

#[derive(Deserialize)]
pub struct After {
    after: Option<i64>,
}

type Sender = mpsc::Sender<Result<Event, Infallible>>;

pub async fn board_events(
    State(context): State<AppContext>,
    State(limits): State<StreamLimits>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(board_id): Path<Uuid>,
    Query(query): Query<After>,
    headers: HeaderMap,
    session: Session,
) -> Response {
    // Before the account is read, so a change of its access in between is not missed.
    let changes = context.access_changes.subscribe();
    let store = context.store.clone();
    let board = match store.board(board_id).await {
        Ok(Some(board)) => board,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(err) => {
            tracing::error!(%err, "loading a board for its event stream failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let asked = (board.workshop_id, limits.staff_recheck(), changes);
    let (viewer, client, grant) = match viewer_of(&context, &session, &headers, asked).await {
        Ok(Some(viewer)) => viewer,
        Ok(None) => return StatusCode::UNAUTHORIZED.into_response(),
        Err(()) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let slot = match slot(&limits, client, network_of(&context, peer, &headers)) {
        Ok(slot) => slot,
        Err(refused) => return *refused,
    };
    let last_event_id = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<i64>().ok());
    // Subscribe before reading the log, so nothing falls between the two.
    let subscription = context.bus.subscribe(board_id, viewer);
    let after = match last_event_id.or(query.after) {
        Some(after) => after,
        None => match store.board_seq(board_id).await {
            Ok(seq) => seq,
            Err(err) => {
                tracing::error!(%err, "reading a board's sequence failed");
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            }
        },
    };
    let (tx, rx) = mpsc::channel(CONNECTION_BUFFER);
    tokio::spawn(async move {
        stream_board(context, board_id, (viewer, grant), after, subscription, tx).await;
        drop(slot);
    });
    Sse::new(ReceiverStream::new(rx))
        .keep_alive(KeepAlive::default())
        .into_response()
}

/// Staff (any role, with what to check again while the stream is open), or a
/// participant of the board's workshop; with their id.
async fn viewer_of(
    context: &AppContext,
    session: &Session,
    headers: &HeaderMap,
    (workshop, recheck, changes): (Uuid, std::time::Duration, broadcast::Receiver<Uuid>),
) -> Result<Option<(Viewer, Uuid, Option<StaffGrant>)>, ()> {
    let store = context.store.as_ref();
    if let Some(account) = account_of_session(store, session).await.map_err(|_| ())? {
        // Staff of another programme are visitors here, like anyone.
        if is_member(store, &account, Item::Workshop(workshop))
            .await
            .map_err(|_| ())?
        {
            let grant = StaffGrant::new(changes, &account, Item::Workshop(workshop), recheck);
            return Ok(Some((Viewer::Staff, account.id, Some(grant))));
        }
    }
    let participant = samskap_app::join::participant::participant_in(store, headers, workshop)
        .await
        .map_err(|_| ())?;
    Ok(participant.map(|p| (Viewer::Participant(p.id), p.id, None)))
}

/// The network a stream's client is on (behind a trusted proxy, the forwarded one).
fn network_of(context: &AppContext, peer: SocketAddr, headers: &HeaderMap) -> IpAddr {
    let peer = peer.ip().to_canonical();
    let client = if context.trusted_proxies.contains(&peer) {
        forwarded_client(peer, headers, &context.trusted_proxies)
    } else {
        peer
    };
    samskap_app::server::throttle::network_of(client)
}

/// A stream's slot, or the refusal as the API answers it.
fn slot(
    limits: &StreamLimits,
    client: Uuid,
    network: IpAddr,
) -> Result<crate::stream_limits::StreamSlot, Box<Response>> {
    limits
        .open(client, Some(network))
        .map_err(|err| Box::new(crate::limits::refusal(StatusCode::TOO_MANY_REQUESTS, &err)))
}

/// Feeds one connection until the client goes away (or, for staff, until the grant no
/// longer holds).
async fn stream_board(
    context: AppContext,
    board: Uuid,
    (viewer, mut grant): (Viewer, Option<StaffGrant>),
    after: i64,
    mut subscription: samskap_app::server::bus::Subscription,
    tx: Sender,
) {
    let _counted = Counted::new(&context);
    let mut last = after;
    if catch_up(&context, board, viewer, &mut last, &tx)
        .await
        .is_err()
    {
        return;
    }
    if viewer == Viewer::Staff && send_presence(&mut subscription, &tx).await.is_err() {
        return;
    }
    loop {
        tokio::select! {
            received = subscription.events.recv() => {
                let sent = match received {
                    Ok(delivery) if delivery.seq <= last => Ok(()),
                    // In order: send it. A gap (a later commit published first) or a
                    // lag: fill in from the store.
                    Ok(delivery) if delivery.seq == last + 1 => send(&context, &delivery, viewer, &mut last, &tx).await,
                    Ok(_) | Err(broadcast::error::RecvError::Lagged(_)) => {
                        catch_up(&context, board, viewer, &mut last, &tx).await
                    }
                    Err(broadcast::error::RecvError::Closed) => Err(()),
                };
                if sent.is_err() {
                    return;
                }
            }
            changed = subscription.presence.changed(), if viewer == Viewer::Staff => {
                if changed.is_err() || send_presence(&mut subscription, &tx).await.is_err() {
                    return;
                }
            }
            () = due(&mut grant) => {
                if !holds(&context, &mut grant).await {
                    return;
                }
            }
            () = tx.closed() => return,
        }
    }
}

/// When a staff stream's grant is due a check; never for a participant's stream.
async fn due(grant: &mut Option<StaffGrant>) {
    match grant {
        Some(grant) => grant.due().await,
        None => std::future::pending().await,
    }
}

/// Whether the grant (if any) still holds.
async fn holds(context: &AppContext, grant: &mut Option<StaffGrant>) -> bool {
    match grant {
        Some(grant) => grant.holds(context).await,
        None => true,
    }
}

/// Counts an open stream in the metrics while it lives.
struct Counted(std::sync::Arc<samskap_app::server::metrics::Metrics>);

impl Counted {
    fn new(context: &AppContext) -> Self {
        context.metrics.subscribers.inc();
        Self(context.metrics.clone())
    }
}

impl Drop for Counted {
    fn drop(&mut self) {
        self.0.subscribers.dec();
    }
}

async fn send(
    context: &AppContext,
    delivery: &Delivery,
    viewer: Viewer,
    last: &mut i64,
    tx: &Sender,
) -> Result<(), ()> {
    let event = Event::default()
        .id(delivery.seq.to_string())
        .data(&**delivery.for_viewer(viewer));
    tx.send(Ok(event)).await.map_err(|_| ())?;
    if let Some(posted) = delivery.posted {
        context.metrics.delivered(posted);
    }
    *last = delivery.seq;
    Ok(())
}

/// Sends what the log holds after `last`, as things are now; a resync when it is more
/// than `MAX_REPLAY` entries.
async fn catch_up(
    context: &AppContext,
    board_id: Uuid,
    viewer: Viewer,
    last: &mut i64,
    tx: &Sender,
) -> Result<(), ()> {
    let store = &context.store;
    let logged = |err| tracing::error!(%err, board = %board_id, "replaying board events failed");
    let replay = store
        .replay(board_id, *last, MAX_REPLAY)
        .await
        .map_err(logged)?;
    if replay.entries.len() as i64 >= MAX_REPLAY {
        let newest = store.board_seq(board_id).await.map_err(logged)?;
        let event = Event::default()
            .id(newest.to_string())
            .data(&*resync_json());
        tx.send(Ok(event)).await.map_err(|_| ())?;
        *last = newest;
        return Ok(());
    }
    if replay.entries.is_empty() {
        return Ok(());
    }
    let Some(board) = store.board(board_id).await.map_err(logged)? else {
        return Err(());
    };
    for delivery in replay_deliveries(&replay, &board) {
        send(context, &delivery, viewer, last, tx).await?;
    }
    Ok(())
}

async fn send_presence(
    subscription: &mut samskap_app::server::bus::Subscription,
    tx: &Sender,
) -> Result<(), ()> {
    let presence = *subscription.presence.borrow_and_update();
    let data = serde_json::to_string(&presence).map_err(|_| ())?;
    tx.send(Ok(Event::default().event("presence").data(data)))
        .await
        .map_err(|_| ())
}

/// `GET /events/rounds/{id}`: staff following a test round get an event whenever its
/// feedback changes, and fetch the summary again.
pub async fn round_events(
    State(context): State<AppContext>,
    State(limits): State<StreamLimits>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(round_id): Path<Uuid>,
    headers: HeaderMap,
    session: Session,
) -> Response {
    // Before the account is read, so a change of its access in between is not missed.
    let changes = context.access_changes.subscribe();
    let store = context.store.as_ref();
    let user = match account_of_session(store, &session).await {
        Ok(Some(user)) => user,
        Ok(None) => return StatusCode::UNAUTHORIZED.into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    // Staff of the round's programme only; for anyone else there is no such round.
    match is_member(store, &user, Item::Round(round_id)).await {
        Ok(true) => {}
        Ok(false) => return StatusCode::NOT_FOUND.into_response(),
        Err(err) => {
            tracing::error!(%err, "loading a round for its event stream failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    }
    let slot = match slot(&limits, user.id, network_of(&context, peer, &headers)) {
        Ok(slot) => slot,
        Err(refused) => return *refused,
    };
    let mut grant = StaffGrant::new(
        changes,
        &user,
        Item::Round(round_id),
        limits.staff_recheck(),
    );
    let mut subscription = context.bus.subscribe(round_id, Viewer::Staff);
    let (tx, rx): (Sender, _) = mpsc::channel(CONNECTION_BUFFER);
    tokio::spawn(async move {
        let _counted = Counted::new(&context);
        let _slot = slot;
        loop {
            // Waiting on the client too, so a closed page gives its slot back at once
            // even on a round where nothing happens.
            let received = tokio::select! {
                received = subscription.events.recv() => received,
                () = grant.due() => {
                    if grant.holds(&context).await {
                        continue;
                    }
                    break;
                }
                () = tx.closed() => break,
            };
            let event = match received {
                // A lagging follower only needs to know that something changed.
                Ok(_) | Err(broadcast::error::RecvError::Lagged(_)) => {
                    Event::default().event("message").data("feedback")
                }
                Err(broadcast::error::RecvError::Closed) => break,
            };
            if tx.send(Ok(event)).await.is_err() {
                break;
            }
        }
    });
    Sse::new(ReceiverStream::new(rx))
        .keep_alive(KeepAlive::default())
        .into_response()
}
