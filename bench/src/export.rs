//! `samskap-bench export`: how long the documented export URLs take for a plan of N
//! measures, each promoted from a prototype tested in two rounds (so the evidence summary
//! does its real work), served in-process over real HTTP from a fresh SQLite file.
use crate::seeding::{bench_board, BenchBoard};
use chrono::NaiveDate;
use samskap_domain::pipeline::model::{FeedbackFields, Outcome, PrototypeFields, RoundFields};
use samskap_domain::plan::model::{Funding, MeasureFields, MeasureStatus, RiskLevel};
use samskap_domain::store::pipeline_store::{NewDecision, Origin};
use samskap_domain::store::plan_store::{NewRisk, Promotion};
use samskap_domain::store::workshop_store::{AuthorRef, NewCard, NewParticipant};
use samskap_domain::store::Store;
use samskap_domain::workshop::model::{AgeBand, CardKind, CardStatus};
use samskap_server::http::{router, HttpConfig};
use std::time::Instant;

pub(crate) const PASSWORD: &str = "bench-passord-123";
const YEAR: i32 = 2026;

/// Seeds `measures` measures, serves the app, and times each export format `repeat` times.
pub async fn measure(measures: usize, repeat: usize) -> Result<(), String> {
    let (_dir, opened) = crate::seeding::fresh_demo(PASSWORD).await?;
    let started = Instant::now();
    seed(opened.store.as_ref(), measures).await?;
    println!(
        "seeded {measures} measures in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let (base, client) = serve_signed_in(opened).await?;

    print_times(
        &client,
        &base,
        |ext| format!("/plans/{YEAR}/export.{ext}"),
        repeat,
    )
    .await
}

/// Serves `opened` in-process over real HTTP on a free port and signs the demo lead in;
/// the base URL and the signed-in client.
pub(crate) async fn serve_signed_in(
    opened: samskap_store::Opened,
) -> Result<(String, reqwest::Client), String> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .map_err(|e| e.to_string())?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let app = router(HttpConfig::new(
        leptos::config::LeptosOptions::builder()
            .output_name("samskap")
            .site_addr(addr)
            .build(),
        opened,
    ));
    tokio::spawn(async move {
        let service = app.into_make_service_with_connect_info::<std::net::SocketAddr>();
        axum::serve(listener, service).await
    });
    let base = format!("http://{addr}");
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .map_err(|e| e.to_string())?;
    let login = client
        .post(format!("{base}/api/auth/login"))
        .header("accept", "application/json")
        .form(&[("email", "leder@halden.demo"), ("password", PASSWORD)])
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if !login.status().is_success() {
        return Err(format!("login: {}", login.status()));
    }
    Ok((base, client))
}

/// Downloads `path(ext)` `repeat` times for each format and prints a table of the times
/// and the size.
pub(crate) async fn print_times(
    client: &reqwest::Client,
    base: &str,
    path: impl Fn(&str) -> String,
    repeat: usize,
) -> Result<(), String> {
    println!("\n| format | min ms | median ms | max ms | size KB |");
    println!("|---|---:|---:|---:|---:|");
    for ext in ["docx", "pdf", "csv", "json"] {
        let mut times = Vec::with_capacity(repeat);
        let mut size = 0;
        for _ in 0..repeat {
            let start = Instant::now();
            let response = client
                .get(format!("{base}{}", path(ext)))
                .send()
                .await
                .map_err(|e| e.to_string())?;
            if !response.status().is_success() {
                return Err(format!("{ext}: {}", response.status()));
            }
            size = response.bytes().await.map_err(|e| e.to_string())?.len();
            times.push(start.elapsed());
        }
        crate::seeding::print_row(ext, &mut times, size);
    }
    Ok(())
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(YEAR, m, d).unwrap_or_default()
}

/// `n` prioritised measures of 2026, spread over the focus areas, each from a prototype
/// with two tested versions, five answers a round, two risks and the goals of its area.
async fn seed(store: &dyn Store, n: usize) -> Result<(), String> {
    let err = |e: samskap_domain::store::StoreError| e.to_string();
    let starts_at = day(1, 10).and_hms_opt(17, 0, 0).unwrap_or_default();
    let BenchBoard {
        programme,
        lead: actor,
        workshop,
        board,
    } = bench_board(store, starts_at, "BENKKODE").await?;
    let mut testers = Vec::new();
    for i in 0..5 {
        let p = store
            .add_participant(NewParticipant {
                workshop_id: workshop,
                token_hash: format!("benk{i}"),
                nickname: format!("T{i}"),
                age_band: Some(if i % 2 == 0 {
                    AgeBand::Age16To19
                } else {
                    AgeBand::Age35To66
                }),
                role: None,
            })
            .await
            .map_err(err)?;
        testers.push(p.id);
    }
    let text = "Et tiltak som beskrives med noen setninger om hva vi gjør, for hvem og hvorfor. "
        .repeat(4);
    for i in 0..n {
        let post = |kind, body: String| NewCard {
            board_id: board,
            kind,
            body,
            focus_area_id: None,
            author: AuthorRef::Participant(testers[i % testers.len()]),
            status: CardStatus::Visible,
            moderation_note: String::new(),
            client_key: None,
        };
        let insight = store
            .post_card(post(CardKind::Insight, format!("Innsikt {i}")))
            .await
            .map_err(err)?
            .0
            .id;
        let idea = store
            .post_card(post(CardKind::Idea, format!("Idé {i}")))
            .await
            .map_err(err)?
            .0
            .id;
        store
            .link_insight(idea, insight, &actor)
            .await
            .map_err(err)?;
        let fields = PrototypeFields {
            title: format!("Prototype {i}"),
            description: text.clone(),
            assumption: "Folk kommer".into(),
        };
        let mut version = store
            .create_prototype(programme.id, Origin::Idea(idea), &fields, &actor)
            .await
            .map_err(err)?
            .id;
        for (round, outcome) in [Outcome::Iterate, Outcome::Proceed].into_iter().enumerate() {
            let r = store
                .create_round(
                    version,
                    workshop,
                    &RoundFields {
                        place: format!("Sted {round}"),
                        target_group: "Ungdom".into(),
                        starts_at: day(2, 1 + round as u32)
                            .and_hms_opt(15, 0, 0)
                            .unwrap_or_default(),
                    },
                    &actor,
                )
                .await
                .map_err(err)?;
            for (t, tester) in testers.iter().enumerate() {
                let answer = FeedbackFields {
                    worked: "Bra".into(),
                    not_worked: String::new(),
                    suggestion: String::new(),
                    rating: 1 + (t % 5) as u8,
                };
                store
                    .add_feedback(r.id, AuthorRef::Participant(*tester), &answer)
                    .await
                    .map_err(err)?;
            }
            let decision = NewDecision {
                outcome,
                reason: "Testen".into(),
                learning: "Lærdom".into(),
            };
            let decided = store
                .decide(version, &decision, &actor)
                .await
                .map_err(err)?;
            if let Some(next) = decided.next_prototype_id {
                version = next;
            }
        }
        let area = &programme.focus_areas[i % programme.focus_areas.len()];
        let measure = MeasureFields {
            title: format!("Tiltak {i}: møteplass for ungdom i sentrum"),
            what: text.clone(),
            expected_result: text.clone(),
            funding: Funding {
                grant: 40_000,
                municipality: 10_000,
                other_grants: 5_000,
                carried_over: 0,
            },
            starts_on: day(1, 1),
            ends_on: day(12, 31),
            partners: "Frivilligsentralen, skolene, velforeningene".into(),
            contribution: text.clone(),
            owner: "Enhet for kultur".into(),
            indicators: "Besøk per uke\nAndel unge".into(),
            year: YEAR,
            focus_area_id: Some(area.id),
            goal_ids: programme
                .goals
                .iter()
                .filter(|g| g.focus_area_ids.contains(&area.id))
                .map(|g| g.id)
                .collect(),
        };
        let m = store
            .promote(
                programme.id,
                &Promotion::Prototype(version),
                &measure,
                &actor,
            )
            .await
            .map_err(err)?;
        for risk in ["For få frivillige", "Lokalet blir ikke ledig"] {
            let risk = NewRisk {
                risk: risk.into(),
                probability: RiskLevel::Medium,
                consequence: RiskLevel::High,
                mitigation: "Avtale tidlig".into(),
            };
            store.add_risk(m.id, &risk, &actor).await.map_err(err)?;
        }
        store
            .set_measure_status(m.id, MeasureStatus::Prioritised, "", &actor)
            .await
            .map_err(err)?;
    }
    Ok(())
}
