//! The facilitator's controls of a board: phase and card kinds, posting open or
//! closed, private brainstorming (hide/reveal), and the countdown timer.
use super::state::LiveBoard;
use crate::error::{AppError, ErrorAlert};
use crate::i18n::*;
use crate::ui::refresh::{answer, latest_error};
use crate::workshop::labels::kind_name;
use crate::workshop::labels::phase_name;
use leptos::prelude::*;
use samskap_domain::workshop::model::{Board, CardKind, Phase, MAX_DOTS, MAX_TIMER_MINUTES};
use uuid::Uuid;

/// Sets the phase and the card kinds it allows (none ticked: the phase's defaults).
/// A new phase with the old phase's defaults still ticked (the form comes with the
/// current kinds ticked) gets the new phase's defaults: only a changed choice of kinds
/// overrides them. Checkboxes post as `kinds[0]=insight&kinds[2]=prototype`.
#[server(endpoint = "boards/phase", output = crate::JsonText)]
pub async fn set_phase(
    board_id: Uuid,
    phase: String,
    #[server(default)] kinds: Vec<String>,
) -> Result<(), AppError> {
    let phase: Phase = phase.parse().map_err(|_| AppError::BadRequest)?;
    let mut allowed = Vec::new();
    for kind in kinds {
        let kind: CardKind = kind.parse().map_err(|_| AppError::KindNotAllowed)?;
        if !allowed.contains(&kind) {
            allowed.push(kind);
        }
    }
    change_board(board_id, move |b| {
        let old_defaults = b.phase.default_kinds();
        let kept_old_defaults = phase != b.phase
            && allowed.len() == old_defaults.len()
            && allowed.iter().all(|k| old_defaults.contains(k));
        if allowed.is_empty() || kept_old_defaults {
            allowed = phase.default_kinds();
        }
        b.phase = phase;
        b.allowed_kinds = allowed;
    })
    .await
}

/// Opens or closes the board for posting.
#[server(endpoint = "boards/posting", output = crate::JsonText)]
pub async fn set_posting(board_id: Uuid, open: bool) -> Result<(), AppError> {
    change_board(board_id, move |b| b.open = open).await
}

/// Private brainstorming: participants see only their own cards until revealed.
#[server(endpoint = "boards/visibility", output = crate::JsonText)]
pub async fn set_visibility(board_id: Uuid, hide_others: bool) -> Result<(), AppError> {
    change_board(board_id, move |b| b.hide_others = hide_others).await
}

/// Opens a new voting round with `dots` (1–20) per voter, or ends voting with 0.
#[server(endpoint = "boards/voting", output = crate::JsonText)]
pub async fn set_voting(board_id: Uuid, dots: String) -> Result<(), AppError> {
    use crate::error::Field;
    let dots = samskap_domain::validate::number(Field::Dots, &dots, 0..=MAX_DOTS)?;
    change_board(board_id, move |b| {
        if dots == 0 {
            b.vote_budget = None;
        } else {
            b.vote_budget = Some(dots as u32);
            b.vote_round += 1;
        }
    })
    .await
}

/// Shows the vote totals to participants, or hides them until revealed.
#[server(endpoint = "boards/votes-visible", output = crate::JsonText)]
pub async fn set_votes_visible(board_id: Uuid, visible: bool) -> Result<(), AppError> {
    change_board(board_id, move |b| b.votes_visible = visible).await
}

/// Starts a countdown of `minutes` (1–180) on the server clock, or stops it with 0.
#[server(endpoint = "boards/timer", output = crate::JsonText)]
pub async fn set_timer(board_id: Uuid, minutes: String) -> Result<(), AppError> {
    use crate::error::Field;
    let minutes =
        samskap_domain::validate::number(Field::Minutes, &minutes, 0..=MAX_TIMER_MINUTES)?;
    let ends = (minutes > 0).then(|| chrono::Utc::now() + chrono::Duration::minutes(minutes));
    change_board(board_id, move |b| b.timer_ends_at = ends).await
}

/// Applies a change to a board the caller runs, stores it and tells every screen.
#[cfg(feature = "ssr")]
async fn change_board(
    board_id: Uuid,
    change: impl FnOnce(&mut samskap_domain::workshop::model::Board) + Send + 'static,
) -> Result<(), AppError> {
    use crate::server::context::app;
    let access = super::access::run_access(board_id).await?;
    let ctx = app()?;
    let (seq, board) = ctx
        .store
        .change_board(access.board.id, Box::new(change))
        .await?;
    ctx.bus.publish(
        board.id,
        crate::server::board_events::board_delivery(seq, &board),
    );
    Ok(())
}

#[component]
pub fn Controls(live: LiveBoard) -> impl IntoView {
    let i18n = use_i18n();
    let phase = ServerAction::<SetPhase>::new();
    let posting = ServerAction::<SetPosting>::new();
    let visibility = ServerAction::<SetVisibility>::new();
    let timer = ServerAction::<SetTimer>::new();
    let voting = ServerAction::<SetVoting>::new();
    let totals = ServerAction::<SetVotesVisible>::new();
    let error = latest_error(vec![
        answer(phase),
        answer(posting),
        answer(visibility),
        answer(timer),
        answer(voting),
        answer(totals),
    ]);
    let board_id = live.board.with_untracked(|b| b.id).to_string();
    let id = board_id.clone();
    // The board's memos (`LiveBoard`): the timer or voting changing the board must not
    // reset a phase or kinds chosen and not yet sent.
    let phase_form = move || {
        let (current, allowed) = (live.phase.get(), live.kinds.get());
        let phases = Phase::ALL
            .iter()
            .map(|p| {
                view! {
                    <option value=p.as_str() selected=*p == current>
                        {phase_name(i18n, *p)}
                    </option>
                }
            })
            .collect_view();
        let kinds = CardKind::ALL
            .iter()
            .enumerate()
            .map(|(i, k)| {
                let id = format!("ctl-kind-{}", k.as_str());
                view! {
                    <div class="check">
                        <input
                            type="checkbox"
                            id=id.clone()
                            name=format!("kinds[{i}]")
                            value=k.as_str()
                            checked=allowed.contains(k)
                        />
                        <label for=id>{kind_name(i18n, *k)}</label>
                    </div>
                }
            })
            .collect_view();
        let id = id.clone();
        view! {
            <ActionForm action=phase attr:class="form">
                <input type="hidden" name="board_id" value=id />
                <label for="ctl-phase">{t!(i18n, board.phase)}</label>
                <select id="ctl-phase" name="phase">
                    {phases}
                </select>
                <fieldset>
                    <legend>{t!(i18n, board.allowed_kinds)}</legend>
                    {kinds}
                </fieldset>
                <button type="submit">{t!(i18n, board.set_phase)}</button>
            </ActionForm>
        }
    };
    // The rows are drawn once; each label, hidden value and conditional form follows a
    // memo of its own part of the board.
    let flag = move |part: fn(&Board) -> bool| Memo::new(move |_| live.board.with(part));
    let (opened, hiding) = (live.open, flag(|b| b.hide_others));
    let (showing, running) = (
        flag(|b| b.votes_visible),
        flag(|b| b.timer_ends_at.is_some()),
    );
    let (posting_id, visibility_id, timer_id) =
        (board_id.clone(), board_id.clone(), board_id.clone());
    let (voting_id, totals_id) = (board_id.clone(), board_id.clone());
    let (stop_id, end_id) = (
        StoredValue::new(board_id.clone()),
        StoredValue::new(board_id.clone()),
    );
    let toggles = view! {
        <div class="control-row">
            <ActionForm action=posting attr:class="inline">
                <SwitchFields
                    board_id=posting_id
                    field="open"
                    on=opened
                    primary=true
                    label=Callback::new(move |on| {
                        if on {
                            t_string!(i18n, board.close_posting)
                        } else {
                            t_string!(i18n, board.open_posting)
                        }
                    })
                />
            </ActionForm>
            <ActionForm action=visibility attr:class="inline">
                <SwitchFields
                    board_id=visibility_id
                    field="hide_others"
                    on=hiding
                    label=Callback::new(move |on| {
                        if on { t_string!(i18n, board.reveal) } else { t_string!(i18n, board.hide) }
                    })
                />
            </ActionForm>
        </div>
        <div class="control-row">
            <ActionForm action=timer attr:class="inline timer-form">
                <input type="hidden" name="board_id" value=timer_id />
                <label for="ctl-minutes">{t!(i18n, board.minutes)}</label>
                <input
                    id="ctl-minutes"
                    name="minutes"
                    type="number"
                    min="1"
                    max=MAX_TIMER_MINUTES.to_string()
                    value="5"
                    class="short"
                />
                <button type="submit">{t!(i18n, board.start_timer)}</button>
            </ActionForm>
            {move || {
                running
                    .get()
                    .then(|| {
                        view! {
                            <ActionForm action=timer attr:class="inline">
                                <input type="hidden" name="board_id" value=stop_id.get_value() />
                                <input type="hidden" name="minutes" value="0" />
                                <button type="submit">{t!(i18n, board.stop_timer)}</button>
                            </ActionForm>
                        }
                    })
            }}
        </div>
        <div class="control-row">
            <ActionForm action=voting attr:class="inline">
                <input type="hidden" name="board_id" value=voting_id />
                <label for="ctl-dots">{t!(i18n, votes.dots)}</label>
                <input
                    id="ctl-dots"
                    name="dots"
                    type="number"
                    min="1"
                    max=MAX_DOTS.to_string()
                    value="3"
                    class="short"
                />
                <button type="submit">{t!(i18n, votes.open_round)}</button>
            </ActionForm>
            {move || {
                live.voting
                    .get()
                    .then(|| {
                        view! {
                            <ActionForm action=voting attr:class="inline">
                                <input type="hidden" name="board_id" value=end_id.get_value() />
                                <input type="hidden" name="dots" value="0" />
                                <button type="submit">{t!(i18n, votes.close_round)}</button>
                            </ActionForm>
                        }
                    })
            }}
            <ActionForm action=totals attr:class="inline">
                <SwitchFields
                    board_id=totals_id
                    field="visible"
                    on=showing
                    label=Callback::new(move |on| {
                        if on {
                            t_string!(i18n, votes.hide_totals)
                        } else {
                            t_string!(i18n, votes.show_totals)
                        }
                    })
                />
            </ActionForm>
        </div>
    };
    view! {
        <section class="controls" aria-labelledby="controls-heading">
            <h2 id="controls-heading">{t!(i18n, board.controls)}</h2>
            <p class="presence" role="status">
                {move || {
                    let p = live.presence.get();
                    t_string!(i18n, board.connected, participants = p.participants, staff = p.staff)
                        .to_string()
                }}
            </p>
            {toggles}
            {phase_form}
            <ErrorAlert error />
            <p>
                <a href=format!("/boards/{board_id}/projector")>{t!(i18n, board.open_projector)}</a>
            </p>
        </section>
    }
}

/// The inside of a form that turns one of the board's switches over: the board, the value
/// the switch goes to (`field`, the opposite of `on`), and a button saying what it does.
#[component]
fn SwitchFields(
    board_id: String,
    field: &'static str,
    on: Memo<bool>,
    /// The button's text while the switch is on, and while it is off.
    label: Callback<bool, &'static str>,
    #[prop(optional)] primary: bool,
) -> impl IntoView {
    view! {
        <input type="hidden" name="board_id" value=board_id />
        <input type="hidden" name=field value=move || if on.get() { "false" } else { "true" } />
        <button type="submit" class=primary.then_some("primary")>
            {move || label.run(on.get())}
        </button>
    }
}
