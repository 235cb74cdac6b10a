//! Dot-voting: participants place and take back dots within the round's budget (the
//! store enforces it); totals show live or stay hidden until the facilitator reveals.
use super::state::{count_of, set_count, LiveBoard};
use crate::error::{AppError, ErrorAlert};
use crate::i18n::*;
use crate::ui::refresh::{answer, error_from_now, latest_error};
use leptos::prelude::*;
use leptos::reactive::owner::WeakOwner;
use samskap_domain::workshop::model::{Card, MyVotes};
use std::collections::HashMap;
use uuid::Uuid;

/// Places one of the caller's dots on a card, within the open round's budget.
#[server(endpoint = "votes/place", output = crate::JsonText)]
pub async fn place_vote(card_id: Uuid) -> Result<MyVotes, AppError> {
    change_vote(card_id, true).await
}

/// Takes back one of the caller's dots from a card.
#[server(endpoint = "votes/remove", output = crate::JsonText)]
pub async fn remove_vote(card_id: Uuid) -> Result<MyVotes, AppError> {
    change_vote(card_id, false).await
}

#[cfg(feature = "ssr")]
async fn change_vote(card_id: Uuid, place: bool) -> Result<MyVotes, AppError> {
    use super::access::Who;
    use crate::server::context::app;
    use samskap_domain::workshop::model::WorkshopStatus;
    let ctx = app()?;
    let (card, access) = super::access::card_access(card_id).await?;
    access.who.check_takes_part()?;
    let board = &access.board;
    let Some(budget) = board.vote_budget else {
        return Err(AppError::VotingClosed);
    };
    if access.workshop.status == WorkshopStatus::Closed {
        return Err(AppError::WorkshopNotLive);
    }
    let participant = matches!(access.who, Who::Participant(_));
    let hidden_from_me = participant && board.hide_others && card.author.id != access.author_id();
    if hidden_from_me || !card.is_public() {
        return Err(AppError::CardHidden);
    }
    let voter = access.author_id();
    if !ctx.taps.allow(&voter) {
        return Err(AppError::TooManyRequests);
    }
    let change = if place {
        ctx.store
            .place_vote(board.id, card_id, voter, board.vote_round, budget)
            .await
    } else {
        ctx.store
            .remove_vote(board.id, card_id, voter, board.vote_round)
            .await
    }?;
    ctx.bus.publish(
        board.id,
        crate::server::board_events::votes_delivery(change.seq, card_id, change.total, board),
    );
    Ok(MyVotes {
        card_id,
        on_card: change.on_card,
        used: change.used,
        total: (!participant || board.votes_visible).then_some(change.total),
    })
}

/// How many dots the viewer has left, above the cards while a round is open.
#[component]
pub fn VotingStatus(live: LiveBoard) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let (budget, visible) = live.board.with(|b| (b.vote_budget, b.votes_visible));
        budget.map(|budget| {
            let used: u32 = live.mine.with(|m| m.iter().map(|(_, n)| n).sum());
            let left = budget.saturating_sub(used);
            view! {
                <div class="voting-status" role="status">
                    <strong>{t!(i18n, votes.heading)}</strong>
                    " "
                    {t_string!(i18n, votes.remaining, left = left, budget = budget).to_string()}
                    {(!visible)
                        .then(|| {
                            view! {
                                " "
                                {t!(i18n, votes.hidden_totals)}
                            }
                        })}
                </div>
            }
        })
    }
}

/// A card's dots: its total (when visible) and, in an open round, the buttons.
#[component]
pub fn VoteBox(card: Card, interactive: bool) -> impl IntoView {
    let i18n = use_i18n();
    let live = expect_context::<LiveBoard>();
    let id = card.id;
    let total = move || {
        live.totals.with(|t| {
            t.iter()
                .find(|(c, _)| *c == id)
                .map(|(_, n)| *n)
                .filter(|n| *n > 0)
        })
    };
    let open = live.voting;
    let snippet: String = card.body.chars().take(40).collect();
    view! {
        {move || {
            total()
                .map(|n| {
                    view! {
                        <p class="vote-total">
                            {"●".repeat(n.min(10) as usize)} " "
                            {t_string!(i18n, votes.total, count = n).to_string()}
                        </p>
                    }
                })
        }}
        {move || {
            (interactive && open.get())
                .then(|| view! { <VoteButtons card_id=id snippet=snippet.clone() /> })
        }}
    }
}

/// A card's two vote actions: place a dot, take one back.
type CardVotes = (ServerAction<PlaceVote>, ServerAction<RemoveVote>);

/// Each card's vote actions, owned by the board rather than the card's buttons: a resync
/// or a change of themes renders the buttons anew, and an answer still on its way must
/// not be dropped with them.
#[derive(Clone, Copy)]
pub struct VoteActions {
    live: LiveBoard,
    /// Weak: the owner holds this value, and a strong handle would keep it (and the
    /// whole board) alive for ever.
    owner: StoredValue<WeakOwner>,
    of_card: StoredValue<HashMap<Uuid, CardVotes>>,
}

impl VoteActions {
    /// Call in the board's owner: the actions live as long as the board does.
    pub fn new(live: LiveBoard) -> Self {
        Self {
            live,
            owner: StoredValue::new(Owner::current().unwrap_or_default().downgrade()),
            of_card: StoredValue::new(HashMap::new()),
        }
    }

    /// The card's actions, and whether they were made just now.
    fn of(self, card: Uuid) -> (CardVotes, bool) {
        if let Some(pair) = self.of_card.with_value(|m| m.get(&card).copied()) {
            return (pair, false);
        }
        let live = self.live;
        let owner = self.owner.with_value(WeakOwner::upgrade);
        let make = || {
            let place = ServerAction::<PlaceVote>::new();
            let remove = ServerAction::<RemoveVote>::new();
            for action in [place.value(), remove.value()] {
                Effect::new(move |_| {
                    if let Some(Ok(mine)) = action.get() {
                        live.votes_answered.update_value(|n| *n = n.wrapping_add(1));
                        set_count(live.mine, mine.card_id, mine.on_card);
                        if let Some(total) = mine.total {
                            set_count(live.totals, mine.card_id, total);
                        }
                    }
                });
            }
            (place, remove)
        };
        let pair = match owner {
            Some(owner) => owner.with(make),
            None => make(),
        };
        self.of_card.update_value(|m| {
            m.insert(card, pair);
        });
        (pair, true)
    }
}

#[component]
fn VoteButtons(card_id: Uuid, snippet: String) -> impl IntoView {
    let i18n = use_i18n();
    let live = expect_context::<LiveBoard>();
    let ((place, remove), fresh) = expect_context::<VoteActions>().of(card_id);
    // The actions outlive these buttons: drawn again, they show only errors of votes made
    // since, not one left from an earlier round. Drawn first, they show what the actions
    // hold (without JavaScript, the error the server sent back in the page's address).
    let answers = vec![answer(place), answer(remove)];
    let error = if fresh {
        latest_error(answers)
    } else {
        error_from_now(answers)
    };
    let mine = move || live.mine.with(|m| count_of(m, card_id));
    let id = card_id.to_string();
    let remove_id = id.clone();
    let (place_label, remove_label) = (snippet.clone(), snippet);
    view! {
        <div class="vote-box">
            <ActionForm action=place attr:class="inline">
                <input type="hidden" name="card_id" value=id />
                <button type="submit">
                    {t!(i18n, votes.place)}
                    <span class="visually-hidden">
                        " " {t!(i18n, votes.for_card)} " " {place_label}
                    </span>
                </button>
            </ActionForm>
            <ActionForm action=remove attr:class="inline">
                <input type="hidden" name="card_id" value=remove_id />
                <button type="submit" disabled=move || mine() == 0>
                    {t!(i18n, votes.remove)}
                    <span class="visually-hidden">" " {remove_label}</span>
                </button>
            </ActionForm>
            <span class="my-dots">
                {move || t_string!(i18n, votes.yours, count = mine()).to_string()}
            </span>
            <ErrorAlert error />
        </div>
    }
}
