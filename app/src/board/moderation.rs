//! Moderation: facilitators hide (with a reason) and restore or approve cards;
//! participants report cards, and enough reports hide one for review; posts that match
//! the word list, or every post under pre-moderation, wait for approval.
use crate::error::{AppError, ErrorAlert};
use crate::i18n::*;
use crate::ui::refresh::{answer, last_error, latest_error};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use samskap_domain::workshop::model::{Card, CardStatus, MAX_NOTE};
use uuid::Uuid;

/// Moderation notes the server writes itself; the UI translates them.
pub const NOTE_REPORTED: &str = "auto:reported";
pub const NOTE_WORD_LIST: &str = "auto:word-list";
pub const NOTE_PREMODERATION: &str = "auto:premoderation";

/// Hides a card from participants, with a reason (its workshop's facilitators, the lead).
#[server(endpoint = "cards/hide", output = crate::JsonText)]
pub async fn hide_card(card_id: Uuid, reason: String) -> Result<(), AppError> {
    let reason =
        samskap_domain::validate::required(crate::error::Field::Reason, &reason, MAX_NOTE)?;
    moderate(card_id, CardStatus::Hidden, &reason).await
}

/// Makes a hidden or held card visible again (approves it).
#[server(endpoint = "cards/restore", output = crate::JsonText)]
pub async fn restore_card(card_id: Uuid) -> Result<(), AppError> {
    moderate(card_id, CardStatus::Visible, "").await
}

/// Reports a card as breaking the rules (participants of a live workshop, once per
/// card). Enough new reports hide a participant's card until a facilitator looks at it;
/// a staff member's card is never hidden by reports.
#[server(endpoint = "cards/report", output = crate::JsonText)]
pub async fn report_card(card_id: Uuid) -> Result<(), AppError> {
    use super::access::Who;
    use crate::server::context::app;
    let ctx = app()?;
    let (card, access) = super::access::card_access(card_id).await?;
    let Who::Participant(me) = &access.who else {
        return Err(AppError::Forbidden);
    };
    if access.workshop.status != samskap_domain::workshop::model::WorkshopStatus::Live {
        return Err(AppError::WorkshopNotLive);
    }
    if !card.is_public() || (access.board.hide_others && card.author.id != me.id) {
        return Err(AppError::CardHidden);
    }
    if card.author.id == me.id {
        return Err(AppError::BadRequest);
    }
    if !ctx.taps.allow(&me.id) {
        return Err(AppError::TooManyRequests);
    }
    let threshold = access.workshop.moderation.report_threshold;
    let (reports, hidden) = ctx
        .store
        .report_card(card_id, me.id, threshold, NOTE_REPORTED)
        .await?;
    tracing::info!(card = %card_id, reports, "card reported");
    if let Some((card, seq)) = hidden {
        crate::server::board_events::publish_card(&ctx.bus, seq, &card, &access.board);
    }
    Ok(())
}

#[cfg(feature = "ssr")]
async fn moderate(card_id: Uuid, status: CardStatus, note: &str) -> Result<(), AppError> {
    use crate::server::context::app;
    let ctx = app()?;
    let (_, access) = super::access::card_run_access(card_id).await?;
    let (card, seq) = ctx.store.set_card_status(card_id, status, note).await?;
    tracing::info!(card = %card_id, status = status.as_str(), "card moderated");
    crate::server::board_events::publish_card(&ctx.bus, seq, &card, &access.board);
    Ok(())
}

/// The status a new or edited post gets: held under pre-moderation or when the word
/// list matches (staff posts are never held).
#[cfg(feature = "ssr")]
pub fn status_for_post(
    text: &str,
    staff: bool,
    moderation: samskap_domain::workshop::model::Moderation,
) -> (CardStatus, &'static str) {
    if staff {
        (CardStatus::Visible, "")
    } else if moderation.premoderation {
        (CardStatus::Held, NOTE_PREMODERATION)
    } else if word_list_matches(text) {
        (CardStatus::Held, NOTE_WORD_LIST)
    } else {
        (CardStatus::Visible, "")
    }
}

/// Whether one of the words of `text` is on the word list (`app/data/held-words.txt`).
#[cfg(feature = "ssr")]
pub fn word_list_matches(text: &str) -> bool {
    use std::collections::HashSet;
    use std::sync::OnceLock;
    static WORDS: OnceLock<HashSet<String>> = OnceLock::new();
    let words = WORDS.get_or_init(|| {
        include_str!("../../data/held-words.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_lowercase)
            .collect()
    });
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .any(|w| words.contains(&w.to_lowercase()))
}

/// What staff and the author see about a card that is not visible to everyone.
#[component]
pub fn StatusBadge(card: Card) -> impl IntoView {
    let i18n = use_i18n();
    let (label, note) = match card.status {
        CardStatus::Visible => return None,
        CardStatus::Hidden => (
            t_string!(i18n, moderation.hidden),
            note_text(i18n, &card.moderation_note),
        ),
        CardStatus::Held => (
            t_string!(i18n, moderation.held),
            note_text(i18n, &card.moderation_note),
        ),
    };
    Some(view! {
        <p class="status-badge">
            <strong>{label}</strong>
            " "
            {note}
        </p>
    })
}

fn note_text(i18n: I18nContext<Locale>, note: &str) -> String {
    match note {
        NOTE_REPORTED => t_string!(i18n, moderation.note_reported).to_string(),
        NOTE_WORD_LIST => t_string!(i18n, moderation.note_word_list).to_string(),
        NOTE_PREMODERATION => t_string!(i18n, moderation.note_premoderation).to_string(),
        other => other.to_string(),
    }
}

/// A facilitator's controls on a card: hide with a reason, or restore/approve.
#[component]
pub fn ModerationControls(card: Card) -> impl IntoView {
    let i18n = use_i18n();
    let hide = ServerAction::<HideCard>::new();
    let restore = ServerAction::<RestoreCard>::new();
    let error = latest_error(vec![answer(hide), answer(restore)]);
    let id = card.id.to_string();
    let reason_id = format!("hide-reason-{id}");
    let control = if card.status == CardStatus::Visible {
        Either::Left(view! {
            <details class="editor">
                <summary>{t!(i18n, moderation.hide)}</summary>
                <ActionForm action=hide attr:class="form">
                    <input type="hidden" name="card_id" value=id.clone() />
                    <label for=reason_id.clone()>{t!(i18n, moderation.reason)}</label>
                    <input id=reason_id name="reason" maxlength=MAX_NOTE.to_string() />
                    <button type="submit" class="danger">
                        {t!(i18n, moderation.hide_button)}
                    </button>
                </ActionForm>
            </details>
        })
    } else {
        let label = if card.status == CardStatus::Held {
            t_string!(i18n, moderation.approve)
        } else {
            t_string!(i18n, moderation.restore)
        };
        Either::Right(view! {
            <ActionForm action=restore attr:class="inline">
                <input type="hidden" name="card_id" value=id.clone() />
                <button type="submit">{label}</button>
            </ActionForm>
        })
    };
    view! {
        {control}
        <ErrorAlert error />
    }
}

/// A participant's "report this card" button.
#[component]
pub fn ReportButton(card_id: Uuid) -> impl IntoView {
    let i18n = use_i18n();
    let report = ServerAction::<ReportCard>::new();
    let error = Signal::derive(move || last_error(report));
    let done = move || report.value().with(|v| matches!(v, Some(Ok(()))));
    view! {
        <ActionForm action=report attr:class="inline report">
            <input type="hidden" name="card_id" value=card_id.to_string() />
            <button type="submit" class="link-button">
                {t!(i18n, moderation.report)}
            </button>
        </ActionForm>
        {move || {
            done()
                .then(|| {
                    view! {
                        <p class="hint" role="status">
                            {t!(i18n, moderation.reported)}
                        </p>
                    }
                })
        }}
        <ErrorAlert error />
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use samskap_domain::workshop::model::Moderation;

    #[test]
    fn the_word_list_holds_whole_words_only() {
        assert!(word_list_matches("Jeg skal DREPE deg"));
        assert!(word_list_matches("what the fuck."));
        assert!(!word_list_matches(
            "Skal vi drepte… nei: drepende kjedelig?"
        ));
        assert!(!word_list_matches("Killing time at the library"));
        assert!(!word_list_matches("Mer lys i parken"));
    }

    #[test]
    fn premoderation_holds_every_participant_post() {
        let premod = Moderation {
            report_threshold: 3,
            premoderation: true,
            participant_cap: None,
        };
        assert_eq!(status_for_post("Hei", false, premod).0, CardStatus::Held);
        assert_eq!(status_for_post("Hei", true, premod).0, CardStatus::Visible);
        let open = Moderation::default();
        assert_eq!(status_for_post("Hei", false, open).0, CardStatus::Visible);
        assert_eq!(
            status_for_post("faen", false, open),
            (CardStatus::Held, NOTE_WORD_LIST)
        );
    }
}
