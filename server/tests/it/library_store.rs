//! Store conformance for the learning library (write-ups, sharing, Norwegian full-text
//! search with its filters, the feed's entries, another programme's refused), run
//! against SQLite and PostgreSQL.
use crate::follow_up_store::candidate;
use crate::plan_store::{day, setup};
use samskap_domain::inclusion::model::Count;
use samskap_domain::library::model::*;
use samskap_domain::programme::model::ProgrammeFields;
use samskap_domain::store::{Store, StoreError};

fn facts(title: &str, learning: &str, outcome: EntryOutcome, year: i32) -> EntryFacts {
    EntryFacts {
        kind: EntryKind::Measure,
        outcome,
        title: title.into(),
        question: "Hvordan kan vi gjøre byen tryggere om kvelden?".into(),
        description: String::new(),
        assumption: String::new(),
        reason: String::new(),
        learning: learning.into(),
        versions: 1,
        insights: 3,
        rounds: 2,
        answers: Count::Exact(14),
        mean_rating: Some(4.2),
        participants: Count::Exact(12),
        youth: Count::Few,
        age_bands: Breakdown::of([("16_19".to_string(), 9), ("under_16".to_string(), 3)]),
        roles: Breakdown::default(),
        target_group: "Ungdom 13–19".into(),
        focus_area: "Møteplasser".into(),
        cost_nok: Some(40_000),
        results: String::new(),
        year,
        decided_on: day(year, 5, 1),
    }
}

async fn library_conforms(store: &dyn Store) {
    let s = setup(store).await;
    let lights = candidate(store, &s, 2025).await;
    let cafe = candidate(store, &s, 2026).await;
    let hidden = candidate(store, &s, 2026).await;

    let lit = facts(
        "Lys i parken",
        "Ungdommene ville ha lys ved benkene, ikke flomlys.",
        EntryOutcome::Completed,
        2025,
    );
    let id = store
        .save_library_entry(s.programme, lights, &lit, "Lys virket.", true, &s.actor)
        .await
        .unwrap();
    let dropped = facts(
        "Leksekafé",
        "For få kom på fredager.",
        EntryOutcome::Dropped,
        2026,
    );
    store
        .save_library_entry(
            s.programme,
            cafe,
            &dropped,
            "Prøv en annen dag.",
            true,
            &s.actor,
        )
        .await
        .unwrap();
    let secret = facts("Hemmelig", "Ungdommene", EntryOutcome::Dropped, 2026);
    store
        .save_library_entry(s.programme, hidden, &secret, "", false, &s.actor)
        .await
        .unwrap();

    // Saving again replaces the entry in place: same id, new text, still one per source.
    let again = store
        .save_library_entry(
            s.programme,
            lights,
            &lit,
            "Lys ved benkene virket.",
            true,
            &s.actor,
        )
        .await
        .unwrap();
    assert_eq!(again, id);
    let own = store.library_entries(s.programme).await.unwrap();
    assert_eq!(own.len(), 3);
    let entry = own.iter().find(|e| e.id == id).unwrap();
    assert_eq!(entry.summary, "Lys ved benkene virket.");
    assert_eq!(entry.facts, lit);
    assert_eq!(entry.programme_slug, "halden-sentrum");
    assert_eq!(entry.source_id, lights);
    assert_eq!(
        store
            .library_entry_of(s.programme, lights)
            .await
            .unwrap()
            .as_ref(),
        Some(entry)
    );

    // Words: a prefix finds inflected forms, every word is required, the unshared
    // entry is never found, and syntax characters are only separators.
    let titles = |found: Vec<LibraryEntry>| {
        let mut t: Vec<String> = found.into_iter().map(|e| e.facts.title).collect();
        t.sort();
        t
    };
    let find = |text: &str| LibraryQuery {
        text: text.into(),
        ..LibraryQuery::default()
    };
    assert_eq!(
        titles(store.search_library(&find("ungdommene")).await.unwrap()),
        vec!["Lys i parken"]
    );
    assert_eq!(
        titles(store.search_library(&find("benk lys")).await.unwrap()),
        vec!["Lys i parken"]
    );
    assert!(store
        .search_library(&find("benk fredag"))
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        titles(
            store
                .search_library(&find("\"fredager\" *:& (-"))
                .await
                .unwrap()
        ),
        vec!["Leksekafé"]
    );
    assert_eq!(
        titles(store.search_library(&find("")).await.unwrap()),
        vec!["Leksekafé", "Lys i parken"]
    );

    // Filters, alone and with words.
    let by = |q: LibraryQuery| async move { titles(store.search_library(&q).await.unwrap()) };
    assert_eq!(
        by(LibraryQuery {
            outcome: Some(EntryOutcome::Dropped),
            ..LibraryQuery::default()
        })
        .await,
        vec!["Leksekafé"]
    );
    assert_eq!(
        by(LibraryQuery {
            year: Some(2025),
            ..LibraryQuery::default()
        })
        .await,
        vec!["Lys i parken"]
    );
    assert_eq!(
        by(LibraryQuery {
            text: "tryggere".into(),
            target_group: "ungdom".into(),
            focus_area: "Møteplasser".into(),
            programme: "halden-sentrum".into(),
            kind: Some(EntryKind::Measure),
            ..LibraryQuery::default()
        })
        .await
        .len(),
        2
    );
    assert!(by(LibraryQuery {
        programme: "elsewhere".into(),
        ..LibraryQuery::default()
    })
    .await
    .is_empty());

    // Fetched entries: found only by a search that asks for them, ranked with the local
    // ones (the better match first), filtered alike, and never in a programme here.
    let elsewhere = |text: &str| LibraryQuery {
        text: text.into(),
        elsewhere: true,
        ..LibraryQuery::default()
    };
    // Subscribes a feed, after which the public search still finds only the local entry.
    let (programme, actor) = (s.programme, &s.actor);
    let subscribe = |url: &'static str, entries: Vec<LibraryEntry>| async move {
        let feed = store
            .subscribe(programme, url, &entries, actor)
            .await
            .unwrap();
        assert_eq!(
            titles(store.search_library(&find("fredager")).await.unwrap()),
            vec!["Leksekafé"],
            "fetched entries stay out of the public search"
        );
        feed
    };
    let fetched = LibraryEntry {
        id: uuid::Uuid::new_v4(),
        source_id: uuid::Uuid::new_v4(),
        programme_slug: "drammen".into(),
        programme_name: "Fjell".into(),
        summary: "Ungdommene kom.".into(),
        shared: true,
        updated_at: chrono::Utc::now(),
        origin: "drammen.example.no".into(),
        facts: EntryFacts {
            kind: EntryKind::Prototype,
            ..facts(
                "Ungdommene lager kafé",
                "Ungdommene drev den selv, ungdommene kom på fredager.",
                EntryOutcome::Proceeded,
                2024,
            )
        },
    };
    subscribe(
        "https://drammen.example.no/public/library/feed.json",
        vec![fetched.clone()],
    )
    .await;
    let ranked = store
        .search_library(&elsewhere("ungdommene"))
        .await
        .unwrap();
    assert_eq!(
        ranked
            .iter()
            .map(|e| (e.facts.title.as_str(), e.origin.as_str()))
            .collect::<Vec<_>>(),
        vec![
            ("Ungdommene lager kafé", "drammen.example.no"),
            ("Lys i parken", "")
        ],
        "the entry that says it three times first"
    );
    assert_eq!(
        ranked[0].source_id, fetched.id,
        "its id where it was published is kept"
    );
    assert_eq!(
        titles(store.search_library(&elsewhere("fredager")).await.unwrap()),
        vec!["Leksekafé", "Ungdommene lager kafé"]
    );
    assert_eq!(
        by(LibraryQuery {
            outcome: Some(EntryOutcome::Proceeded),
            kind: Some(EntryKind::Prototype),
            year: Some(2024),
            ..elsewhere("")
        })
        .await,
        vec!["Ungdommene lager kafé"]
    );
    assert_eq!(
        by(LibraryQuery {
            programme: "halden-sentrum".into(),
            ..elsewhere("fredager")
        })
        .await,
        vec!["Leksekafé"]
    );
    assert_eq!(
        store
            .search_library(&elsewhere(""))
            .await
            .unwrap()
            .first()
            .map(|e| e.facts.title.clone()),
        Some("Ungdommene lager kafé".to_string()),
        "without words, the newest first"
    );

    // Sharing an entry makes it found, by words alone and with a filter; unsharing it
    // hides it again.
    let share =
        |shared: bool| store.save_library_entry(s.programme, hidden, &secret, "", shared, &s.actor);
    share(true).await.unwrap();
    assert_eq!(
        titles(store.search_library(&find("hemmelig")).await.unwrap()),
        vec!["Hemmelig"]
    );
    assert_eq!(
        by(LibraryQuery {
            year: Some(2026),
            ..elsewhere("hemmelig")
        })
        .await,
        vec!["Hemmelig"]
    );
    share(false).await.unwrap();
    assert!(store
        .search_library(&find("hemmelig"))
        .await
        .unwrap()
        .is_empty());
    assert!(store
        .search_library(&elsewhere("hemmelig"))
        .await
        .unwrap()
        .is_empty());

    // More fetched entries than a search answers, each a better match than the local
    // one, take none of the public search's places; unsubscribing drops them from the
    // staff's.
    let crowd: Vec<LibraryEntry> = (0..60)
        .map(|n| LibraryEntry {
            id: uuid::Uuid::new_v4(),
            facts: EntryFacts {
                title: format!("Fredager {n}"),
                ..fetched.facts.clone()
            },
            summary: "Fredager, fredager, fredager.".into(),
            ..fetched.clone()
        })
        .collect();
    let feed = subscribe("https://mange.example.no/public/library/feed.json", crowd).await;
    let staff = store.search_library(&elsewhere("fredager")).await.unwrap();
    assert_eq!(staff.len(), 50, "the limit");
    assert!(staff.iter().all(|e| e.facts.title.starts_with("Fredager")));
    store
        .unsubscribe(s.programme, feed, &s.actor)
        .await
        .unwrap();
    assert_eq!(
        titles(store.search_library(&elsewhere("fredager")).await.unwrap()),
        vec!["Leksekafé", "Ungdommene lager kafé"]
    );

    // Facets and the feed list only shared entries.
    let facets = store.library_facets().await.unwrap();
    assert_eq!(
        facets.programmes,
        vec![("halden-sentrum".to_string(), "Halden sentrum".to_string())]
    );
    assert_eq!(facets.focus_areas, vec!["Møteplasser"]);
    assert_eq!(facets.years, vec![2026, 2025]);
    assert_eq!(store.shared_entries().await.unwrap().len(), 2);

    // Unsharing takes it out of search at once.
    store
        .save_library_entry(s.programme, cafe, &dropped, "", false, &s.actor)
        .await
        .unwrap();
    assert!(store
        .search_library(&find("fredager"))
        .await
        .unwrap()
        .is_empty());

    // Another programme can neither write up this programme's measure nor take over
    // its entry, and nothing changes.
    let other = store
        .create_programme(
            "sarpsborg-sentrum",
            ProgrammeFields {
                name: "Sarpsborg sentrum".into(),
                area: "Sarpsborg".into(),
                start_year: 2025,
                end_year: 2029,
                yearly_budget_nok: 3_000_000,
            },
            None,
        )
        .await
        .unwrap();
    let stolen = store
        .save_library_entry(other, lights, &secret, "x", true, &s.actor)
        .await;
    assert!(matches!(stolen, Err(StoreError::NotFound)), "{stolen:?}");
    let unknown = store
        .save_library_entry(other, uuid::Uuid::new_v4(), &secret, "x", true, &s.actor)
        .await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");
    assert!(store.library_entries(other).await.unwrap().is_empty());
    assert_eq!(store.library_entry_of(other, lights).await.unwrap(), None);
    let entry = store.library_entries(s.programme).await.unwrap();
    assert_eq!(
        entry.iter().find(|e| e.id == id).unwrap().summary,
        "Lys ved benkene virket."
    );
}

/// A programme subscribes to at most `MAX_FEEDS_PER_PROGRAMME` feeds, counted one
/// subscription at a time: two added at once at one short of it, one is refused.
async fn feeds_are_capped(store: &dyn Store) {
    use samskap_domain::library::subscription::MAX_FEEDS_PER_PROGRAMME;
    let s = setup(store).await;
    let (programme, actor) = (s.programme, &s.actor);
    let add = |n: usize| async move {
        let url = format!("https://feed{n}.example.no/public/library/feed.json");
        store.subscribe(programme, &url, &[], actor).await
    };
    for n in 1..MAX_FEEDS_PER_PROGRAMME {
        add(n).await.unwrap();
    }
    // Two connections open in the pool first, so that the two adds below overlap instead
    // of the second waiting for a connection while the first commits.
    let (x, y) = tokio::join!(
        store.subscriptions(programme),
        store.subscriptions(programme)
    );
    x.and(y).unwrap();
    let (a, b) = tokio::join!(add(100), add(101));
    assert!(
        matches!(
            (&a, &b),
            (Ok(_), Err(StoreError::TooManyFeeds)) | (Err(StoreError::TooManyFeeds), Ok(_))
        ),
        "{a:?} {b:?}"
    );
    let subscribed = store.subscriptions(s.programme).await.unwrap();
    assert_eq!(subscribed.len(), MAX_FEEDS_PER_PROGRAMME);
    let unknown = store
        .subscribe(uuid::Uuid::new_v4(), "https://x.example.no/", &[], &s.actor)
        .await;
    assert!(matches!(unknown, Err(StoreError::NotFound)), "{unknown:?}");
    // Unsubscribing makes room again.
    store
        .unsubscribe(s.programme, subscribed[0].id, &s.actor)
        .await
        .unwrap();
    add(102).await.unwrap();
}

/// A store write that reads first waits while another connection holds SQLite's write
/// lock, and goes through when it is let go. Unsubscribing reads the feed's address
/// before it writes: begun with a plain `BEGIN`, it was refused at once with "database is
/// locked" (one CI run failed so in `feeds_are_capped`, behind a refused subscription
/// whose rollback had not yet reached the database).
#[tokio::test]
async fn a_write_that_reads_first_waits_for_another_writer_on_sqlite() {
    let db = crate::support::TestSqlite::new();
    let opened = db.open().await;
    let store = opened.store.as_ref();
    let s = setup(store).await;
    let url = "https://feed.example.no/public/library/feed.json";
    let feed = store
        .subscribe(s.programme, url, &[], &s.actor)
        .await
        .unwrap();

    let mut other = db.raw().await;
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut other)
        .await
        .unwrap();
    let started = std::time::Instant::now();
    let unsubscribe = async {
        let done = store.unsubscribe(s.programme, feed, &s.actor).await;
        (done, started.elapsed())
    };
    let ((unsubscribed, took), ()) = tokio::join!(unsubscribe, async {
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        sqlx::query("COMMIT").execute(&mut other).await.unwrap();
    });
    unsubscribed.unwrap();
    // It waited for the lock, rather than being done before the lock was let go.
    assert!(took >= std::time::Duration::from_millis(250), "{took:?}");
    assert!(store.subscriptions(s.programme).await.unwrap().is_empty());
}

on_both_backends!(
    library_conforms_on => library_conforms,
    feeds_are_capped_on => feeds_are_capped,
);
