//! Test support: fresh SQLite files and fresh PostgreSQL databases, one per test.
#![allow(dead_code, clippy::new_without_default)]
use samskap_store::database_url::DatabaseUrl;
use samskap_store::{self as store, Opened};
use sqlx::Connection;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Runs each `name => body` (an `async fn body(&dyn Store)`) as two tests, `sqlite::name`
/// on a new SQLite file and `postgres::name` on a new PostgreSQL database (dropped after).
#[allow(unused_macros)] // `query_counts` shares this module and has no use for it
macro_rules! on_both_backends {
    ($($name:ident => $body:ident),+ $(,)?) => {
        mod sqlite {
            use super::*;
            $(#[tokio::test]
            async fn $name() {
                let db = $crate::support::TestSqlite::new();
                $body(db.open().await.store.as_ref()).await;
            })+
        }
        mod postgres {
            use super::*;
            $(#[tokio::test]
            async fn $name() {
                let db = $crate::support::TestPostgres::new().await;
                $body(db.open().await.store.as_ref()).await;
                db.drop_db().await;
            })+
        }
    };
}

pub mod board;
pub mod fixture;
pub mod http;
pub mod requests;
pub mod sse;
pub mod world;

/// A store on a new SQLite file in its own temporary directory.
pub struct TestSqlite {
    pub dir: tempfile::TempDir,
    pub url: DatabaseUrl,
}

impl TestSqlite {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let url =
            DatabaseUrl::parse(&format!("sqlite://{}/samskap.db", dir.path().display())).unwrap();
        TestSqlite { dir, url }
    }

    pub async fn open(&self) -> Opened {
        store::open(&self.url).await.expect("open SQLite store")
    }

    /// A plain connection of its own to the file (created if missing), beside the
    /// store's: to read what the store cannot show, or to write as another process would.
    pub async fn raw(&self) -> sqlx::SqliteConnection {
        use sqlx::Connection;
        let file = self.url.sqlite_file().expect("a SQLite file");
        sqlx::SqliteConnection::connect(&format!("sqlite://{file}?mode=rwc"))
            .await
            .expect("connect to the SQLite file")
    }
}

/// A new, uniquely named PostgreSQL database, dropped by `drop_db`. The server comes
/// from `SAMSKAP_TEST_PG_URL` (an admin URL; `make test` starts the cluster and sets it).
pub struct TestPostgres {
    admin_url: String,
    name: String,
    pub url: DatabaseUrl,
}

impl TestPostgres {
    pub async fn new() -> Self {
        let admin_url = std::env::var("SAMSKAP_TEST_PG_URL").expect(
            "SAMSKAP_TEST_PG_URL is not set: run `make test`, which starts PostgreSQL and sets it \
             (e.g. postgres://samskap_test:samskap_test@127.0.0.1:5432/postgres)",
        );
        let name = format!("samskap_test_{}", uuid::Uuid::new_v4().simple());
        let mut admin = sqlx::PgConnection::connect(&admin_url)
            .await
            .expect("connect to PostgreSQL");
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut admin)
            .await
            .expect("create test database");
        admin.close().await.ok();
        let base = admin_url
            .rsplit_once('/')
            .map(|(base, _)| base)
            .expect("admin URL has a database");
        let url = DatabaseUrl::parse(&format!("{base}/{name}")).unwrap();
        TestPostgres {
            admin_url,
            name,
            url,
        }
    }

    pub async fn open(&self) -> Opened {
        store::open(&self.url).await.expect("open PostgreSQL store")
    }

    pub async fn drop_db(self) {
        admin_execute(
            &self.admin_url,
            &format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name),
        )
        .await;
    }
}

/// Runs `sql` as the admin, again while it fails for a moment: `DROP … WITH (FORCE)`
/// cannot end an autovacuum worker (a superuser's) that a fresh copy may have woken.
pub async fn admin_execute(admin_url: &str, sql: &str) {
    let mut admin = sqlx::PgConnection::connect(admin_url).await.unwrap();
    for attempt in 0.. {
        match sqlx::query(sql).execute(&mut admin).await {
            Ok(_) => break,
            Err(_) if attempt < 100 => {
                tokio::time::sleep(std::time::Duration::from_millis(100)).await
            }
            Err(e) => panic!("{sql}: {e}"),
        }
    }
    admin.close().await.ok();
}

/// Writes a line to the real stderr: `eprintln!` is captured by the test harness, and a
/// suite's size should show in `make test`'s output.
#[expect(clippy::explicit_write, reason = "eprintln! would be captured")]
pub fn report(line: &str) {
    use std::io::Write;
    writeln!(std::io::stderr(), "{line}").unwrap();
}

/// How many more a bucket refilling `per_minute` may have let through since `started`
/// (taken before the first request): it refills steadily, and a loaded machine can take
/// seconds over a burst.
pub fn refills_since(started: std::time::Instant, per_minute: u32) -> u32 {
    (started.elapsed().as_secs_f64() * f64::from(per_minute) / 60.0).floor() as u32
}

/// Makes `attempt` until one is refused (it returns `Some(refusal)`) and returns that
/// refusal. Checks that a rate limit let through `burst` attempts since `started` (taken
/// before the bucket's first one; `already` counts those the caller made before) and no
/// more than the refills that took, plus `slack` (1 for governor's buckets, which keep
/// time on a clock of their own).
pub async fn until_refused<T, F: std::future::Future<Output = Option<T>>>(
    started: std::time::Instant,
    (burst, per_minute, slack): (u32, u32, u32),
    already: u32,
    mut attempt: impl FnMut() -> F,
) -> T {
    let mut allowed = already;
    let refusal = loop {
        if let Some(refusal) = attempt().await {
            break refusal;
        }
        allowed += 1;
        assert!(allowed <= 1000, "1000 let through and none refused");
    };
    let refilled = refills_since(started, per_minute) + slack;
    assert!(
        (burst..=burst + refilled).contains(&allowed),
        "{allowed} let through in {:?} (a burst of {burst}, {per_minute} a minute)",
        started.elapsed()
    );
    refusal
}

/// The longest a test waits on one read of an HTTP answer: a server that never answers
/// fails the test, naming the request, instead of holding up the run.
pub const ANSWER_DEADLINE: Duration = Duration::from_secs(60);

/// A client without cookies that gives up on a silent server after `ANSWER_DEADLINE`.
pub fn plain_client() -> reqwest::Client {
    reqwest::Client::builder()
        .read_timeout(ANSWER_DEADLINE)
        .build()
        .unwrap()
}

/// Ends the test binary, naming the test and its last step, if the test is not done
/// within its limit: a hang fails the run with a message instead of holding it up until
/// CI gives up. Dropping it (the test ended, or panicked) disarms it.
pub struct Watchdog {
    _done: std::sync::mpsc::Sender<()>,
    step: Arc<Mutex<String>>,
}

impl Watchdog {
    /// Watches the test running on this thread (the test harness names the thread
    /// after the test).
    pub fn new(limit: Duration) -> Self {
        let test = std::thread::current()
            .name()
            .unwrap_or("a test")
            .to_string();
        let (done, ended) = std::sync::mpsc::channel::<()>();
        let step = Arc::new(Mutex::new(String::from("(starting)")));
        let last = step.clone();
        std::thread::spawn(move || {
            if let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = ended.recv_timeout(limit) {
                let last = last.lock().unwrap_or_else(|e| e.into_inner()).clone();
                report(&format!(
                    "{test} did not finish within {limit:?}; its last step: {last}"
                ));
                std::process::exit(101);
            }
        });
        Watchdog { _done: done, step }
    }

    /// What the test does now, for the message if it hangs.
    pub fn step(&self, what: String) {
        *self.step.lock().unwrap_or_else(|e| e.into_inner()) = what;
    }
}

/// Saves the programme the store tests share (Halden sentrum, 2024–2028) and returns its id.
pub async fn save_programme(store: &dyn samskap_domain::store::Store) -> uuid::Uuid {
    store
        .create_programme(
            "halden-sentrum",
            samskap_domain::programme::model::ProgrammeFields {
                name: "Halden sentrum".into(),
                area: "Halden".into(),
                start_year: 2024,
                end_year: 2028,
                yearly_budget_nok: 5_000_000,
            },
            None,
        )
        .await
        .unwrap()
}

/// The installation's first programme, with its focus areas and goals.
pub async fn first_programme(
    store: &dyn samskap_domain::store::Store,
) -> samskap_domain::programme::model::Programme {
    samskap_server::demo::programme(store)
        .await
        .unwrap()
        .unwrap()
}

/// A new account for the store tests, with `password`.
pub fn account(email: &str, name: &str, password: &str) -> samskap_domain::store::NewAccount {
    samskap_domain::store::NewAccount {
        email: email.into(),
        display_name: name.into(),
        password_hash: samskap_app::server::password::hash(password),
        operator: false,
    }
}
