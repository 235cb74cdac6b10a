//! `samskap-bench library`: the learning library's search over many programmes. Seeds
//! the demo, then programmes up to `--programmes` in all and `--entries` library
//! entries spread over them (nine in ten written up locally, one in ten fetched from a
//! subscribed feed), with text drawn from a Norwegian word list; then times searches of
//! several kinds through the store, on SQLite and, when given, PostgreSQL.
use crate::pgdb::TempDatabase;
use hdrhistogram::Histogram;
use samskap_domain::inclusion::model::Count;
use samskap_domain::library::model::*;
use samskap_domain::pipeline::model::PrototypeFields;
use samskap_domain::programme::model::ProgrammeFields;
use samskap_domain::store::actor::Actor;
use samskap_domain::store::pipeline_store::Origin;
use samskap_domain::store::Store;
use samskap_domain::workshop::model::{Phase, WorkshopFields};
use samskap_store::database_url::DatabaseUrl;
use std::time::Instant;
use uuid::Uuid;

const WORDS: [&str; 48] = [
    "ungdom",
    "ungdommene",
    "lys",
    "benker",
    "leksehjelp",
    "kafé",
    "natteravner",
    "biblioteket",
    "skatepark",
    "møteplass",
    "frivillige",
    "nabolaget",
    "trygghet",
    "bussterminalen",
    "mat",
    "idrett",
    "kunst",
    "musikk",
    "foreldre",
    "skolen",
    "kvelden",
    "helgen",
    "sentrum",
    "parken",
    "eldre",
    "språk",
    "jobb",
    "sommerjobb",
    "fritid",
    "aktiviteter",
    "oppgangen",
    "beboere",
    "inkludering",
    "gratis",
    "åpent",
    "lokalet",
    "trivsel",
    "rus",
    "forebygging",
    "kultur",
    "torget",
    "turer",
    "sykkel",
    "verksted",
    "lekser",
    "familier",
    "barn",
    "innvandrere",
];
const AREAS: [&str; 5] = [
    "Møteplasser",
    "Oppvekst",
    "Bo- og nærmiljø",
    "Trygghet",
    "Arbeid",
];
const GROUPS: [&str; 4] = [
    "Ungdom 13–19",
    "Barnefamilier",
    "Eldre",
    "Beboere i blokkene",
];

/// A small deterministic generator, so every run seeds the same text.
struct Words(u64);

impl Words {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.next() % from.len()]
    }
    fn sentence(&mut self, words: usize) -> String {
        let mut s: Vec<&str> = (0..words).map(|_| self.pick(&WORDS)).collect();
        s.push("og");
        s.join(" ")
    }
}

pub async fn measure(
    programmes: usize,
    entries: usize,
    searches: usize,
    postgres: Option<&str>,
) -> Result<(), String> {
    println!("\n| backend | query | searches | hits (mean) | p50 ms | p95 ms | p99 ms | max ms |");
    println!("|---|---|---:|---:|---:|---:|---:|---:|");
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let sqlite = DatabaseUrl::parse(&format!("sqlite://{}/library.db", dir.path().display()))?;
    run("SQLite", &sqlite, programmes, entries, searches).await?;
    if let Some(admin) = postgres {
        let database = TempDatabase::create(admin).await?;
        let result = run(
            "PostgreSQL",
            &DatabaseUrl::parse(&database.url)?,
            programmes,
            entries,
            searches,
        )
        .await;
        database.drop_db().await;
        result?;
    }
    Ok(())
}

async fn run(
    name: &str,
    url: &DatabaseUrl,
    programmes: usize,
    entries: usize,
    searches: usize,
) -> Result<(), String> {
    let store = samskap_store::open(url).await?.store;
    let seeding = Instant::now();
    seed(store.as_ref(), programmes, entries).await?;
    eprintln!(
        "{name}: seeded {programmes} programmes and {entries} entries in {:.0} s",
        seeding.elapsed().as_secs_f64()
    );
    let queries: Vec<(&str, LibraryQuery)> = vec![
        ("one common word", text("ungdom")),
        ("two words", text("lys benker")),
        ("a rare word", text("sommerjobb verksted")),
        ("a prefix", text("natt")),
        (
            "word + outcome + year",
            LibraryQuery {
                outcome: Some(EntryOutcome::Dropped),
                year: Some(2026),
                ..text("kafé")
            },
        ),
        (
            "word + programme",
            LibraryQuery {
                programme: "programme-7".into(),
                ..text("trygghet")
            },
        ),
        ("no words (newest)", LibraryQuery::default()),
        (
            "focus area + target group",
            LibraryQuery {
                focus_area: "Oppvekst".into(),
                target_group: "familier".into(),
                ..LibraryQuery::default()
            },
        ),
        (
            "staff: with fetched entries",
            LibraryQuery {
                elsewhere: true,
                ..text("ungdom")
            },
        ),
    ];
    let mut all = Histogram::<u64>::new_with_bounds(1, 60_000_000, 3).map_err(|e| e.to_string())?;
    for (label, query) in &queries {
        let mut times =
            Histogram::<u64>::new_with_bounds(1, 60_000_000, 3).map_err(|e| e.to_string())?;
        let mut hits = 0usize;
        for _ in 0..searches {
            let one = Instant::now();
            hits += store
                .search_library(query)
                .await
                .map_err(|e| e.to_string())?
                .len();
            let micros = one.elapsed().as_micros() as u64;
            times.record(micros.max(1)).map_err(|e| e.to_string())?;
            all.record(micros.max(1)).map_err(|e| e.to_string())?;
        }
        print_row(name, label, searches, hits as f64 / searches as f64, &times);
    }
    print_row(name, "**all**", searches * queries.len(), f64::NAN, &all);
    Ok(())
}

fn text(words: &str) -> LibraryQuery {
    LibraryQuery {
        text: words.into(),
        ..LibraryQuery::default()
    }
}

fn print_row(backend: &str, label: &str, n: usize, hits: f64, h: &Histogram<u64>) {
    let ms = |q: f64| h.value_at_quantile(q) as f64 / 1000.0;
    let hits = if hits.is_nan() {
        "–".to_string()
    } else {
        format!("{hits:.0}")
    };
    println!(
        "| {backend} | {label} | {n} | {hits} | {:.2} | {:.2} | {:.2} | {:.2} |",
        ms(0.5),
        ms(0.95),
        ms(0.99),
        h.max() as f64 / 1000.0
    );
}

/// The demo, programmes up to `programmes`, and `entries` entries over them.
async fn seed(store: &dyn Store, programmes: usize, entries: usize) -> Result<(), String> {
    let e = |e: samskap_domain::store::StoreError| e.to_string();
    samskap_server::demo::seed(store, "bench-passord-123")
        .await
        .map_err(e)?;
    let (lead, _) = store
        .account_with_hash("leder@halden.demo")
        .await
        .map_err(e)?
        .ok_or("no lead")?;
    let actor = Actor {
        id: lead.id,
        name: lead.display_name.clone(),
    };
    let mut ids: Vec<Uuid> = store
        .programmes()
        .await
        .map_err(e)?
        .iter()
        .map(|p| p.id)
        .collect();
    for n in ids.len()..programmes {
        let fields = ProgrammeFields {
            name: format!("Område {n}"),
            area: format!("Kommune {n}"),
            start_year: 2024,
            end_year: 2028,
            yearly_budget_nok: 4_000_000,
        };
        ids.push(
            store
                .create_programme(&format!("programme-{n}"), fields, Some(lead.id))
                .await
                .map_err(e)?,
        );
    }
    // One theme per programme, which every seeded prototype comes from.
    let mut themes = Vec::new();
    for (n, programme) in ids.iter().enumerate() {
        let workshop = store
            .create_workshop(
                *programme,
                &WorkshopFields {
                    title: "Verksted".into(),
                    place: "Sentrum".into(),
                    starts_at: chrono::NaiveDate::from_ymd_opt(2025, 3, 1)
                        .and_then(|d| d.and_hms_opt(18, 0, 0))
                        .unwrap_or_default(),
                    focus_area_ids: vec![],
                    facilitator_ids: vec![],
                },
                &format!("BIBL{n:04}"),
            )
            .await
            .map_err(e)?;
        let board = store
            .create_board(workshop, "Hvordan kan vi …?", Phase::Shape)
            .await
            .map_err(e)?;
        themes.push(store.create_theme(board.id, "Tema").await.map_err(e)?.0.id);
    }
    let mut words = Words(42);
    let local = entries - entries / 10;
    for i in 0..local {
        let at = i % ids.len();
        let facts = facts(&mut words, i);
        let prototype = store
            .create_prototype(
                ids[at],
                Origin::Theme(themes[at]),
                &PrototypeFields {
                    title: facts.title.clone(),
                    description: facts.description.clone(),
                    assumption: facts.assumption.clone(),
                },
                &actor,
            )
            .await
            .map_err(e)?;
        let summary = words.sentence(25);
        store
            .save_library_entry(ids[at], prototype.id, &facts, &summary, i % 10 != 0, &actor)
            .await
            .map_err(e)?;
    }
    let fetched = fetched_entries(&mut words, local, entries / 10);
    store
        .subscribe(
            ids[0],
            "https://samskap.example.no/public/library/feed.json",
            &fetched,
            &actor,
        )
        .await
        .map_err(e)?;
    Ok(())
}

/// `count` entries as a feed of another programme would send them, numbered from `first`.
fn fetched_entries(words: &mut Words, first: usize, count: usize) -> Vec<LibraryEntry> {
    (first..first + count)
        .map(|i| LibraryEntry {
            id: Uuid::new_v4(),
            source_id: Uuid::new_v4(),
            programme_slug: String::new(),
            programme_name: "Et annet sted".into(),
            summary: words.sentence(25),
            shared: true,
            updated_at: chrono::Utc::now(),
            origin: "samskap.example.no".into(),
            facts: facts(words, i),
        })
        .collect()
}

/// A feed's worth of fetched entries (the same text every run).
pub(crate) fn a_feed(count: usize) -> Vec<LibraryEntry> {
    fetched_entries(&mut Words(7), 0, count)
}

fn facts(words: &mut Words, i: usize) -> EntryFacts {
    let outcome = EntryOutcome::ALL[i % EntryOutcome::ALL.len()];
    EntryFacts {
        kind: EntryKind::Prototype,
        outcome,
        title: format!("{} {}", words.pick(&WORDS), words.pick(&WORDS)),
        question: format!("Hvordan kan vi {}?", words.sentence(6)),
        description: words.sentence(30),
        assumption: words.sentence(12),
        reason: words.sentence(15),
        learning: words.sentence(40),
        versions: 1 + (i % 3) as u32,
        insights: (i % 7) as u32,
        rounds: 1 + (i % 2) as u32,
        answers: Count::of((i % 30) as u32),
        mean_rating: Some(3.5),
        participants: Count::of((i % 30) as u32),
        youth: Count::of((i % 12) as u32),
        age_bands: Breakdown::of([("16_19".to_string(), (i % 12) as u32)]),
        roles: Breakdown::default(),
        target_group: words.pick(&GROUPS).into(),
        focus_area: words.pick(&AREAS).into(),
        cost_nok: None,
        results: String::new(),
        year: 2024 + (i % 4) as i32,
        decided_on: chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap_or_default(),
    }
}
