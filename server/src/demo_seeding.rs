//! What the demo's programmes and pipelines share: accounts, dates, a live workshop with
//! its board, participants no cookie can ever act as, visible cards, and a prototype
//! tested and decided.
use chrono::{NaiveDate, NaiveDateTime};
use samskap_domain::pipeline::model::{
    Decision, FeedbackFields, Prototype, PrototypeFields, RoundFields,
};
use samskap_domain::store::actor::Actor;
use samskap_domain::store::pipeline_store::{NewDecision, Origin};
use samskap_domain::store::workshop_store::{AuthorRef, NewCard, NewParticipant};
use samskap_domain::store::{NewAccount, Store, StoreError};
use samskap_domain::workshop::model::{
    AgeBand, CardKind, CardStatus, ParticipantRole, Phase, WorkshopFields, WorkshopStatus,
};
use uuid::Uuid;

/// The account `(email, name)`, made if missing (an `operator` of the installation or
/// not), active and with `hash` as its password: demo passwords are set at every start.
pub async fn demo_account(
    store: &dyn Store,
    (email, name): (&str, &str),
    hash: &str,
    operator: bool,
) -> Result<Uuid, StoreError> {
    if let Some((account, _)) = store.account_with_hash(email).await? {
        store.set_password_hash(account.id, hash).await?;
        store.set_active(account.id, true).await?;
        return Ok(account.id);
    }
    let account = NewAccount {
        email: email.into(),
        display_name: name.into(),
        password_hash: hash.to_string(),
        operator,
    };
    Ok(store.create_account(account).await?.id)
}

/// A demo date and hour.
pub fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|date| date.and_hms_opt(h, 0, 0))
        .expect("a valid demo date")
}

/// A workshop of `programme` made live with join code `code`, and its one board asking
/// `question`: (workshop, board).
pub async fn live_workshop(
    store: &dyn Store,
    programme: Uuid,
    fields: &WorkshopFields,
    code: &str,
    question: &str,
    phase: Phase,
) -> Result<(Uuid, Uuid), StoreError> {
    let workshop = store.create_workshop(programme, fields, code).await?;
    store
        .set_workshop_status(workshop, WorkshopStatus::Live)
        .await?;
    let board = store.create_board(workshop, question, phase).await?.id;
    Ok((workshop, board))
}

/// A participant of `workshop` who said this of themselves.
pub async fn participant(
    store: &dyn Store,
    workshop: Uuid,
    nickname: &str,
    age_band: AgeBand,
    role: ParticipantRole,
) -> Result<AuthorRef, StoreError> {
    let participant = store
        .add_participant(NewParticipant {
            workshop_id: workshop,
            // Not a SHA-256 of any token, so no cookie can ever act as them.
            token_hash: format!("demo-{}", Uuid::new_v4()),
            nickname: nickname.into(),
            age_band: Some(age_band),
            role: Some(role),
        })
        .await?;
    Ok(AuthorRef::Participant(participant.id))
}

/// A visible card posted on `board`: its id.
pub async fn posted(
    store: &dyn Store,
    board: Uuid,
    author: AuthorRef,
    kind: CardKind,
    body: &str,
) -> Result<Uuid, StoreError> {
    let card = NewCard {
        board_id: board,
        kind,
        body: body.into(),
        focus_area_id: None,
        author,
        status: CardStatus::Visible,
        moderation_note: String::new(),
        client_key: None,
    };
    Ok(store.post_card(card).await?.0.id)
}

/// An idea posted on `board` that builds on `insights` (linked to each), made into the
/// first version of a prototype.
pub async fn prototype_of_idea(
    store: &dyn Store,
    (programme, board): (Uuid, Uuid),
    (author, idea): (AuthorRef, &str),
    insights: &[Uuid],
    fields: &PrototypeFields,
    actor: &Actor,
) -> Result<Prototype, StoreError> {
    let idea = posted(store, board, author, CardKind::Idea, idea).await?;
    for insight in insights {
        store.link_insight(idea, *insight, actor).await?;
    }
    store
        .create_prototype(programme, Origin::Idea(idea), fields, actor)
        .await
}

/// Prototype version `version` tested in a round of `workshop` where each of `answers`
/// gave their feedback, then decided so.
pub async fn tested(
    store: &dyn Store,
    version: Uuid,
    workshop: Uuid,
    round: &RoundFields,
    answers: impl IntoIterator<Item = (AuthorRef, FeedbackFields)>,
    decision: &NewDecision,
    actor: &Actor,
) -> Result<Decision, StoreError> {
    let round = store.create_round(version, workshop, round, actor).await?;
    for (from, fields) in answers {
        store.add_feedback(round.id, from, &fields).await?;
    }
    store.decide(version, decision, actor).await
}
