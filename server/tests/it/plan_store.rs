//! Store conformance for the action plan (promotion, ranking, status, risks, plan
//! years with frozen versions, contributors, the audit log), run against SQLite and
//! PostgreSQL.
use crate::support;

use chrono::NaiveDate;
use samskap_domain::account::model::Role;
use samskap_domain::pipeline::model::{FeedbackFields, Outcome, PrototypeFields, RoundFields};
use samskap_domain::plan::model::{
    Adoption, Funding, MeasureFields, MeasureSource, MeasureStatus, PlanSnapshot, PlanStatus,
    RiskLevel,
};
use samskap_domain::store::actor::Actor;
use samskap_domain::store::pipeline_store::{NewDecision, Origin};
use samskap_domain::store::plan_store::{AuditFilter, NewRisk, PlanChange, Promotion};
use samskap_domain::store::workshop_store::{AuthorRef, NewCard, NewParticipant};
use samskap_domain::store::{NewAccount, Store, StoreError};
use samskap_domain::workshop::model::{AgeBand, CardKind, CardStatus, Phase, WorkshopFields};
use uuid::Uuid;

pub(crate) struct Setup {
    pub(crate) programme: Uuid,
    pub(crate) areas: [Uuid; 2],
    pub(crate) goal: Uuid,
    pub(crate) workshop: Uuid,
    pub(crate) board: Uuid,
    pub(crate) actor: Actor,
    /// One young participant, one adult.
    pub(crate) participants: [Uuid; 2],
}

pub(crate) async fn setup(store: &dyn Store) -> Setup {
    let programme = support::save_programme(store).await;
    let a = store
        .add_focus_area(programme, "Møteplasser", "")
        .await
        .unwrap();
    let b = store
        .add_focus_area(programme, "Forebygge kriminalitet", "")
        .await
        .unwrap();
    let goal = store
        .add_goal(programme, "Ungdom i fokus", "", &[a.id])
        .await
        .unwrap();
    let user = store
        .create_member(
            programme,
            NewAccount {
                email: "kjerneteam@test.no".into(),
                display_name: "Kari Kjerneteam".into(),
                password_hash: "$argon2id$x".into(),
                operator: false,
            },
            Role::Core,
        )
        .await
        .unwrap();
    let workshop = store
        .create_workshop(
            programme,
            &WorkshopFields {
                title: "Test i Tollbugata".into(),
                place: "Tollbugata".into(),
                starts_at: day(2026, 11, 24).and_hms_opt(17, 0, 0).unwrap(),
                focus_area_ids: vec![],
                facilitator_ids: vec![user.id],
            },
            "TESTKODE",
        )
        .await
        .unwrap();
    let board = store
        .create_board(workshop, "Hvordan kan vi …?", Phase::Shape)
        .await
        .unwrap()
        .id;
    let mut participants = [Uuid::nil(); 2];
    for (i, age_band) in [Some(AgeBand::Age16To19), Some(AgeBand::Age35To66)]
        .into_iter()
        .enumerate()
    {
        participants[i] = store
            .add_participant(NewParticipant {
                workshop_id: workshop,
                token_hash: format!("hash{i}"),
                nickname: format!("P{i}"),
                age_band,
                role: None,
            })
            .await
            .unwrap()
            .id;
    }
    Setup {
        programme,
        areas: [a.id, b.id],
        goal: goal.id,
        workshop,
        board,
        actor: Actor {
            id: user.id,
            name: user.display_name,
        },
        participants,
    }
}

pub(crate) fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub(crate) async fn card(store: &dyn Store, s: &Setup, kind: CardKind, by: usize) -> Uuid {
    store
        .post_card(NewCard {
            board_id: s.board,
            kind,
            body: format!("{kind:?} fra {by}"),
            focus_area_id: None,
            author: AuthorRef::Participant(s.participants[by]),
            status: CardStatus::Visible,
            moderation_note: String::new(),
            client_key: None,
        })
        .await
        .unwrap()
        .0
        .id
}

/// A prototype of a new idea, tested once (answered by participant 1) and decided
/// `outcome`; returns the version and the round.
async fn decided(store: &dyn Store, s: &Setup, outcome: Outcome) -> (Uuid, Uuid) {
    let idea = card(store, s, CardKind::Idea, 0).await;
    let v = store
        .create_prototype(
            s.programme,
            Origin::Idea(idea),
            &PrototypeFields {
                title: "Leksekafé".into(),
                description: "Et rom".into(),
                assumption: "De kommer".into(),
            },
            &s.actor,
        )
        .await
        .unwrap();
    let round = store
        .create_round(
            v.id,
            s.workshop,
            &RoundFields {
                place: "Biblioteket".into(),
                target_group: "Ungdom".into(),
                starts_at: day(2026, 11, 30).and_hms_opt(15, 0, 0).unwrap(),
            },
            &s.actor,
        )
        .await
        .unwrap();
    store
        .add_feedback(
            round.id,
            AuthorRef::Participant(s.participants[1]),
            &FeedbackFields {
                worked: "Bra".into(),
                not_worked: String::new(),
                suggestion: String::new(),
                rating: 4,
            },
        )
        .await
        .unwrap();
    store
        .decide(
            v.id,
            &NewDecision {
                outcome,
                reason: "Testen viste det".into(),
                learning: "Lærdom".into(),
            },
            &s.actor,
        )
        .await
        .unwrap();
    (v.id, round.id)
}

pub(crate) fn fields(title: &str, year: i32, area: Option<Uuid>) -> MeasureFields {
    MeasureFields {
        title: title.into(),
        what: "Åpne et rom".into(),
        expected_result: "Flere møtes".into(),
        funding: Funding {
            grant: 300_000,
            municipality: 100_000,
            other_grants: 0,
            carried_over: 50_000,
        },
        starts_on: day(year, 1, 1),
        ends_on: day(year, 12, 31),
        partners: "Frivilligsentralen".into(),
        contribution: "Møteplass for ungdom".into(),
        owner: "Enhet for kultur".into(),
        indicators: "Besøk per uke".into(),
        year,
        focus_area_id: area,
        goal_ids: vec![],
    }
}

pub(crate) fn empty_snapshot(year: i32, version: u32) -> PlanSnapshot {
    PlanSnapshot {
        programme: "Halden sentrum".into(),
        year,
        version,
        status: PlanStatus::Adopted,
        adoption: None,
        frame_nok: 5_000_000,
        carried_in_nok: 0,
        sections: vec![],
    }
}

async fn promotion_ranking_and_status(store: &dyn Store) {
    let s = setup(store).await;
    let (proceeded, _) = decided(store, &s, Outcome::Proceed).await;
    let (dropped, _) = decided(store, &s, Outcome::Drop).await;
    let area = Some(s.areas[0]);

    // Only a proceeded version, once.
    assert!(matches!(
        store
            .promote(
                s.programme,
                &Promotion::Prototype(dropped),
                &fields("X", 2026, area),
                &s.actor
            )
            .await,
        Err(StoreError::NotProceeded)
    ));
    assert!(matches!(
        store
            .promote(
                s.programme,
                &Promotion::Prototype(Uuid::new_v4()),
                &fields("X", 2026, area),
                &s.actor
            )
            .await,
        Err(StoreError::NotFound)
    ));
    let mut f = fields("Leksekafé", 2026, area);
    f.goal_ids = vec![s.goal];
    let first = store
        .promote(s.programme, &Promotion::Prototype(proceeded), &f, &s.actor)
        .await
        .unwrap();
    assert_eq!(first.status, MeasureStatus::Candidate);
    assert_eq!(first.rank, 1);
    assert_eq!(first.fields, f);
    assert_eq!(
        first.source,
        Some(MeasureSource::Prototype {
            prototype_id: proceeded
        })
    );
    assert!(matches!(
        store
            .promote(s.programme, &Promotion::Prototype(proceeded), &f, &s.actor)
            .await,
        Err(StoreError::AlreadyPromoted)
    ));

    // An idea with a justification; not an insight.
    let insight = card(store, &s, CardKind::Insight, 0).await;
    let idea = card(store, &s, CardKind::Idea, 1).await;
    let justification = "Etterspurt i tre verksteder".to_string();
    assert!(matches!(
        store
            .promote(
                s.programme,
                &Promotion::Idea {
                    card: insight,
                    justification: justification.clone()
                },
                &fields("Y", 2026, area),
                &s.actor
            )
            .await,
        Err(StoreError::NotAnIdea)
    ));
    let second = store
        .promote(
            s.programme,
            &Promotion::Idea {
                card: idea,
                justification: justification.clone(),
            },
            &fields("Nattvandring", 2026, area),
            &s.actor,
        )
        .await
        .unwrap();
    assert_eq!(second.rank, 2);
    assert_eq!(
        second.source,
        Some(MeasureSource::Idea {
            card_id: idea,
            justification
        })
    );
    assert_eq!(
        store.measures(s.programme).await.unwrap().len(),
        2,
        "refusals stored nothing"
    );
    assert_eq!(
        store
            .measures_from(&[proceeded], &[idea])
            .await
            .unwrap()
            .len(),
        2
    );

    // Ranking within the focus area; the edges do nothing.
    store.move_measure(second.id, true, &s.actor).await.unwrap();
    store.move_measure(second.id, true, &s.actor).await.unwrap();
    let order: Vec<Uuid> = store
        .measures(s.programme)
        .await
        .unwrap()
        .iter()
        .map(|m| m.id)
        .collect();
    assert_eq!(order, [second.id, first.id]);

    // Moving to another focus area ranks it last there; the edit is recorded.
    let mut moved = second.fields.clone();
    moved.focus_area_id = Some(s.areas[1]);
    moved.title = "Nattvandring i sentrum".into();
    let updated = store
        .update_measure(second.id, &moved, &s.actor)
        .await
        .unwrap();
    assert_eq!(
        (updated.rank, updated.fields.title.as_str()),
        (1, "Nattvandring i sentrum")
    );
    let order: Vec<Uuid> = store
        .measures(s.programme)
        .await
        .unwrap()
        .iter()
        .map(|m| m.id)
        .collect();
    assert_eq!(
        order,
        [first.id, second.id],
        "focus areas in programme order"
    );

    // Status: only allowed moves; dropping keeps the reason.
    assert!(matches!(
        store
            .set_measure_status(first.id, MeasureStatus::Done, "", &s.actor)
            .await,
        Err(StoreError::StatusNotAllowed)
    ));
    store
        .set_measure_status(first.id, MeasureStatus::Prioritised, "", &s.actor)
        .await
        .unwrap();
    let gone = store
        .set_measure_status(
            second.id,
            MeasureStatus::Dropped,
            "Politiet gjør det",
            &s.actor,
        )
        .await
        .unwrap();
    assert_eq!(
        (gone.status, gone.drop_reason.as_str()),
        (MeasureStatus::Dropped, "Politiet gjør det")
    );

    // Risks.
    let risk = store
        .add_risk(
            first.id,
            &NewRisk {
                risk: "Lokalet blir ikke ledig".into(),
                probability: RiskLevel::Medium,
                consequence: RiskLevel::High,
                mitigation: "Avtale med biblioteket".into(),
            },
            &s.actor,
        )
        .await
        .unwrap();
    let m = store.measure(first.id).await.unwrap().unwrap();
    assert_eq!((m.risks.len(), m.risks[0].score()), (1, 6));
    assert!(matches!(
        store.remove_risk(second.id, risk, &s.actor).await,
        Err(StoreError::NotFound)
    ));
    store.remove_risk(first.id, risk, &s.actor).await.unwrap();
    assert!(store
        .measure(first.id)
        .await
        .unwrap()
        .unwrap()
        .risks
        .is_empty());

    // The audit log, newest first, filtered.
    let all = store
        .audit_log(
            s.programme,
            &AuditFilter {
                limit: 100,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(all.windows(2).all(|w| w[0].at >= w[1].at), "newest first");
    let measures = store
        .audit_log(
            s.programme,
            &AuditFilter {
                action_prefix: "measure_".into(),
                limit: 100,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let actions: Vec<&str> = measures.iter().rev().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "measure_promoted",
            "measure_promoted",
            "measure_ranked",
            "measure_updated",
            "measure_status",
            "measure_status"
        ]
    );
    assert!(measures[2].detail.contains("title") && measures[2].detail.contains("focus_area"));
    let nobody = store
        .audit_log(
            s.programme,
            &AuditFilter {
                actor: "ingen slik".into(),
                limit: 100,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(nobody.is_empty());
    let kari = store
        .audit_log(
            s.programme,
            &AuditFilter {
                actor: "KARI".into(),
                limit: 3,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(kari.len(), 3);
    let older = store
        .audit_log(
            s.programme,
            &AuditFilter {
                before: Some(kari[2].at),
                limit: 100,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(older.iter().all(|e| e.at < kari[2].at) && !older.is_empty());
    let tomorrow = chrono::Utc::now().date_naive().succ_opt().unwrap();
    let future = store
        .audit_log(
            s.programme,
            &AuditFilter {
                from: Some(tomorrow),
                limit: 100,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(future.is_empty());
}

async fn plan_years_and_versions(store: &dyn Store) {
    let s = setup(store).await;
    let (proceeded, _) = decided(store, &s, Outcome::Proceed).await;
    let (plan, revision) = store.plan(s.programme, 2026).await.unwrap();
    assert_eq!(
        (plan.status, plan.version, revision),
        (PlanStatus::Draft, 1, 0)
    );
    let m = store
        .promote(
            s.programme,
            &Promotion::Prototype(proceeded),
            &fields("Leksekafé", 2026, Some(s.areas[0])),
            &s.actor,
        )
        .await
        .unwrap();
    store
        .set_measure_status(m.id, MeasureStatus::Prioritised, "", &s.actor)
        .await
        .unwrap();
    let (_, revision) = store.plan(s.programme, 2026).await.unwrap();
    assert_eq!(revision, 2, "every change counts");

    // Steps out of order are refused.
    let adopt = |revision| PlanChange::Adopt {
        adoption: Adoption {
            adopted_on: day(2026, 12, 10),
            adopted_by: "Styringsgruppen".into(),
            sent_on: None,
        },
        revision,
        snapshot: Box::new(empty_snapshot(2026, 1)),
    };
    assert!(matches!(
        store
            .change_plan(s.programme, 2026, &adopt(revision), &s.actor)
            .await,
        Err(StoreError::WrongPlanStatus)
    ));
    store
        .change_plan(s.programme, 2026, &PlanChange::Propose, &s.actor)
        .await
        .unwrap();

    // An adoption of a plan that changed since it was shown is refused.
    let mut edited = m.fields.clone();
    edited.what = "Åpne to rom".into();
    store.update_measure(m.id, &edited, &s.actor).await.unwrap();
    assert!(matches!(
        store
            .change_plan(s.programme, 2026, &adopt(revision), &s.actor)
            .await,
        Err(StoreError::Stale)
    ));
    let (_, revision) = store.plan(s.programme, 2026).await.unwrap();
    let plan = store
        .change_plan(s.programme, 2026, &adopt(revision), &s.actor)
        .await
        .unwrap();
    assert_eq!((plan.status, plan.version), (PlanStatus::Adopted, 1));
    let adopted = store.measure(m.id).await.unwrap().unwrap();
    assert_eq!(
        adopted.status,
        MeasureStatus::Adopted,
        "prioritised measures are adopted with the plan"
    );

    // The adopted version is frozen: edits are refused and change nothing.
    let mut late = adopted.fields.clone();
    late.title = "Endret etterpå".into();
    assert!(matches!(
        store.update_measure(m.id, &late, &s.actor).await,
        Err(StoreError::Frozen)
    ));
    assert!(matches!(
        store.move_measure(m.id, true, &s.actor).await,
        Err(StoreError::Frozen)
    ));
    assert!(matches!(
        store
            .promote(
                s.programme,
                &Promotion::Prototype(decided(store, &s, Outcome::Proceed).await.0),
                &fields("Ny", 2026, None),
                &s.actor
            )
            .await,
        Err(StoreError::Frozen)
    ));
    assert_eq!(store.measure(m.id).await.unwrap().unwrap(), adopted);
    // … but following it up is not a change of the plan: starting it, and stopping it
    // with a reason (the frozen version keeps it as adopted).
    store
        .set_measure_status(m.id, MeasureStatus::InProgress, "", &s.actor)
        .await
        .unwrap();
    let stopped = store
        .set_measure_status(m.id, MeasureStatus::Dropped, "Lokalet brant", &s.actor)
        .await
        .unwrap();
    assert_eq!(stopped.drop_reason, "Lokalet brant");
    assert!(matches!(
        store
            .set_measure_status(m.id, MeasureStatus::Candidate, "", &s.actor)
            .await,
        Err(StoreError::Frozen)
    ));
    // Another year is not frozen.
    let idea = card(store, &s, CardKind::Idea, 0).await;
    store
        .promote(
            s.programme,
            &Promotion::Idea {
                card: idea,
                justification: "j".into(),
            },
            &fields("Neste år", 2027, None),
            &s.actor,
        )
        .await
        .unwrap();

    store
        .change_plan(
            s.programme,
            2026,
            &PlanChange::Send(day(2026, 12, 15)),
            &s.actor,
        )
        .await
        .unwrap();
    let versions = store.plan_versions(s.programme, 2026).await.unwrap();
    assert_eq!(versions.len(), 1);
    assert_eq!(versions[0].adoption.sent_on, Some(day(2026, 12, 15)));
    assert_eq!(versions[0].adoption.adopted_by, "Styringsgruppen");
    assert_eq!(versions[0].snapshot.year, 2026);
    assert_eq!(versions[0].frozen_by, "Kari Kjerneteam");

    // A new version opens the plan again.
    let plan = store
        .change_plan(s.programme, 2026, &PlanChange::Reopen, &s.actor)
        .await
        .unwrap();
    assert_eq!((plan.status, plan.version), (PlanStatus::Draft, 2));
    store.update_measure(m.id, &late, &s.actor).await.unwrap();
    assert_eq!(
        store.plan_versions(s.programme, 2026).await.unwrap().len(),
        1
    );
    let plan_events = store
        .audit_log(
            s.programme,
            &AuditFilter {
                action_prefix: "plan_".into(),
                limit: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let actions: Vec<&str> = plan_events
        .iter()
        .rev()
        .map(|e| e.action.as_str())
        .collect();
    assert_eq!(
        actions,
        [
            "plan_proposed",
            "plan_adopted",
            "plan_sent",
            "plan_reopened"
        ]
    );
}

async fn concurrent_adoptions(store: &dyn Store) {
    let s = setup(store).await;
    for year in [2025, 2026, 2027] {
        let idea = card(store, &s, CardKind::Idea, 0).await;
        store
            .promote(
                s.programme,
                &Promotion::Idea {
                    card: idea,
                    justification: "j".into(),
                },
                &fields("M", year, None),
                &s.actor,
            )
            .await
            .unwrap();
        store
            .change_plan(s.programme, year, &PlanChange::Propose, &s.actor)
            .await
            .unwrap();
        let (_, revision) = store.plan(s.programme, year).await.unwrap();
        let adopt = || {
            let actor = s.actor.clone();
            async move {
                let change = PlanChange::Adopt {
                    adoption: Adoption {
                        adopted_on: day(year, 1, 15),
                        adopted_by: "SG".into(),
                        sent_on: None,
                    },
                    revision,
                    snapshot: Box::new(empty_snapshot(year, 1)),
                };
                store.change_plan(s.programme, year, &change, &actor).await
            }
        };
        let (a, b) = futures::join!(adopt(), adopt());
        assert_eq!(a.is_ok() as u8 + b.is_ok() as u8, 1, "{a:?} {b:?}");
        assert_eq!(
            store.plan_versions(s.programme, year).await.unwrap().len(),
            1
        );
    }
}

async fn contributors(store: &dyn Store) {
    let s = setup(store).await;
    assert!(store.contributions(&[], &[]).await.unwrap().is_empty());
    let young = card(store, &s, CardKind::Insight, 0).await;
    let young_again = card(store, &s, CardKind::Idea, 0).await;
    let (_, round) = decided(store, &s, Outcome::Proceed).await;
    let people = |cards: &'static [usize], rounds: bool| {
        let ids = [young, young_again];
        let cards: Vec<Uuid> = cards.iter().map(|i| ids[*i]).collect();
        let rounds: Vec<Uuid> = if rounds { vec![round] } else { vec![] };
        async move {
            let found = store.contributions(&cards, &rounds).await.unwrap();
            assert!(found
                .iter()
                .all(|c| cards.contains(&c.source) || rounds.contains(&c.source)));
            let distinct: std::collections::HashMap<Uuid, bool> =
                found.iter().map(|c| (c.participant, c.young)).collect();
            // What each said of themselves comes with them: the young one is 16–19.
            assert!(found.iter().all(|c| c.role.is_none()
                && c.age_band
                    == Some(if c.young {
                        AgeBand::Age16To19
                    } else {
                        AgeBand::Age35To66
                    })));
            (
                distinct.len(),
                distinct.values().filter(|y| **y).count(),
                found.len(),
            )
        }
    };
    assert_eq!(people(&[0, 1], false).await, (1, 1, 2));
    assert_eq!(people(&[0], true).await, (2, 1, 2));
    assert_eq!(people(&[], true).await, (1, 0, 1));
}

on_both_backends!(
    promotion_ranking_and_status_conform => promotion_ranking_and_status,
    plan_years_and_versions_conform => plan_years_and_versions,
    one_of_two_concurrent_adoptions_wins => concurrent_adoptions,
    contributors_conform => contributors,
);
