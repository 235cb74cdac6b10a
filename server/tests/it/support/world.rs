//! Test support for suites that run many calls against one prepared database: a
//! template built once per backend, a fresh copy of it served on demand (a "world"),
//! and a dump of every row to tell whether a call changed anything.
use super::admin_execute;
use super::http::serve;
use samskap_store::database_url::DatabaseUrl;
use samskap_store::{self as store, Opened};
use sqlx::{Connection, Row};
use std::path::PathBuf;

/// Which database the worlds live in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A prepared database that worlds are copied from.
pub struct Template {
    backend: Backend,
    /// SQLite: the directory holding `template.db` and the worlds' files.
    dir: tempfile::TempDir,
    /// PostgreSQL: the admin URL and the template database's name.
    admin_url: String,
    name: String,
    worlds: usize,
}

/// A served copy of the template.
pub struct World {
    pub base: String,
    url: DatabaseUrl,
    pg_name: Option<String>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

fn admin_url() -> String {
    std::env::var("SAMSKAP_TEST_PG_URL").expect(
        "SAMSKAP_TEST_PG_URL is not set: run `make test`, which starts PostgreSQL and sets it",
    )
}

fn pg_url(admin: &str, name: &str) -> DatabaseUrl {
    let base = admin.rsplit_once('/').expect("admin URL has a database").0;
    DatabaseUrl::parse(&format!("{base}/{name}")).unwrap()
}

impl Template {
    /// An empty database to build the template in; `world` serves it for building.
    pub async fn new(backend: Backend) -> (Template, World) {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut template = Template {
            backend,
            dir,
            admin_url: String::new(),
            name: String::new(),
            worlds: 0,
        };
        let url = match backend {
            Backend::Sqlite => sqlite_url(template.dir.path().join("building.db")),
            Backend::Postgres => {
                template.admin_url = admin_url();
                template.name = format!("samskap_tmpl_{}", uuid::Uuid::new_v4().simple());
                admin_execute(
                    &template.admin_url,
                    &format!("CREATE DATABASE {}", template.name),
                )
                .await;
                pg_url(&template.admin_url, &template.name)
            }
        };
        let world = World::serve(url, None).await;
        (template, world)
    }

    /// Freezes what `building` holds as the template and stops it.
    pub async fn freeze(&mut self, building: World) {
        match self.backend {
            Backend::Sqlite => {
                let target = self.dir.path().join("template.db");
                let mut conn = sqlx::SqliteConnection::connect(building.url.secret())
                    .await
                    .unwrap();
                sqlx::query(&format!("VACUUM INTO '{}'", target.display()))
                    .execute(&mut conn)
                    .await
                    .unwrap();
                conn.close().await.ok();
                building.stop().await;
            }
            Backend::Postgres => {
                building.stop().await;
            }
        }
    }

    /// A fresh copy of the template, served on a free port.
    pub async fn world(&mut self) -> World {
        self.worlds += 1;
        match self.backend {
            Backend::Sqlite => {
                let file = self.dir.path().join(format!("world-{}.db", self.worlds));
                std::fs::copy(self.dir.path().join("template.db"), &file).unwrap();
                World::serve(sqlite_url(file), None).await
            }
            Backend::Postgres => {
                let name = format!("{}_w{}", self.name, self.worlds);
                // The template may still have connections closing from the build. Only
                // ours are ended: an autovacuum worker on the template belongs to the
                // superuser (ending it is refused), and CREATE DATABASE cancels it itself.
                let sql = format!("CREATE DATABASE {name} TEMPLATE {}", self.name);
                let mut admin = sqlx::PgConnection::connect(&self.admin_url).await.unwrap();
                for attempt in 0.. {
                    sqlx::query(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                         WHERE datname = $1 AND pid <> pg_backend_pid() AND usename = current_user",
                    )
                    .bind(&self.name)
                    .execute(&mut admin)
                    .await
                    .unwrap();
                    match sqlx::query(&sql).execute(&mut admin).await {
                        Ok(_) => break,
                        Err(_) if attempt < 50 => {
                            tokio::time::sleep(std::time::Duration::from_millis(100)).await
                        }
                        Err(e) => panic!("copy the template: {e}"),
                    }
                }
                admin.close().await.ok();
                World::serve(pg_url(&self.admin_url, &name), Some(name)).await
            }
        }
    }

    /// How many worlds were made.
    pub fn worlds(&self) -> usize {
        self.worlds
    }

    /// Drops the template (PostgreSQL; a SQLite template goes with its directory).
    pub async fn drop_db(self) {
        if self.backend == Backend::Postgres {
            admin_execute(
                &self.admin_url,
                &format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name),
            )
            .await;
        }
    }
}

fn sqlite_url(file: PathBuf) -> DatabaseUrl {
    DatabaseUrl::parse(&format!("sqlite://{}", file.display())).unwrap()
}

impl World {
    async fn serve(url: DatabaseUrl, pg_name: Option<String>) -> World {
        let opened: Opened = store::open(&url).await.expect("open the world's store");
        let (base, stop, task) = serve(opened).await;
        World {
            base,
            url,
            pg_name,
            stop: Some(stop),
            task: Some(task),
        }
    }

    /// The database this world serves.
    pub fn url(&self) -> &DatabaseUrl {
        &self.url
    }

    /// Every row of every table, as text, sorted; for sessions only their (hashed) ids,
    /// since each signed-in request moves a session's expiry.
    pub async fn dump(&self) -> Vec<String> {
        let mut rows = Vec::new();
        match &self.url {
            DatabaseUrl::Sqlite(_) => {
                let mut conn = sqlx::SqliteConnection::connect(self.url.secret())
                    .await
                    .unwrap();
                let tables: Vec<String> = sqlx::query_scalar(
                    "SELECT name FROM sqlite_master WHERE type = 'table' \
                     AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations' ORDER BY name",
                )
                .fetch_all(&mut conn)
                .await
                .unwrap();
                for table in tables {
                    let columns: Vec<String> = if table == "tower_sessions" {
                        vec!["id".into()]
                    } else {
                        sqlx::query(&format!("PRAGMA table_info({table})"))
                            .fetch_all(&mut conn)
                            .await
                            .unwrap()
                            .iter()
                            .map(|r| r.get::<String, _>("name"))
                            .collect()
                    };
                    let select = columns
                        .iter()
                        .map(|c| format!("quote(\"{c}\")"))
                        .collect::<Vec<_>>()
                        .join(" || ',' || ");
                    let mut lines: Vec<String> =
                        sqlx::query_scalar(&format!("SELECT {select} FROM \"{table}\""))
                            .fetch_all(&mut conn)
                            .await
                            .unwrap();
                    lines.sort();
                    rows.extend(lines.into_iter().map(|l| format!("{table}: {l}")));
                }
                conn.close().await.ok();
            }
            DatabaseUrl::Postgres(raw) => {
                let mut conn = sqlx::PgConnection::connect(raw).await.unwrap();
                let tables: Vec<String> = sqlx::query_scalar(
                    "SELECT table_name::text FROM information_schema.tables \
                     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' \
                     AND table_name <> '_sqlx_migrations' ORDER BY 1",
                )
                .fetch_all(&mut conn)
                .await
                .unwrap();
                for table in tables {
                    let mut lines: Vec<String> =
                        sqlx::query_scalar(&format!("SELECT t::text FROM public.\"{table}\" t"))
                            .fetch_all(&mut conn)
                            .await
                            .unwrap();
                    lines.sort();
                    rows.extend(lines.into_iter().map(|l| format!("{table}: {l}")));
                }
                let mut sessions: Vec<String> =
                    sqlx::query_scalar("SELECT id::text FROM tower_sessions.session")
                        .fetch_all(&mut conn)
                        .await
                        .unwrap();
                sessions.sort();
                rows.extend(sessions.into_iter().map(|s| format!("session: {s}")));
                conn.close().await.ok();
            }
        }
        rows
    }

    /// The same database served by a new server: in-memory limits start afresh.
    pub async fn restart(mut self) -> World {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
        World::serve(self.url.clone(), self.pg_name.take()).await
    }

    /// Stops serving and, for PostgreSQL, drops the copy.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
        if let Some(name) = self.pg_name.take() {
            admin_execute(
                &admin_url(),
                &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
            )
            .await;
        }
    }
}

/// The lines only in `before` and only in `after`, for a failure message.
pub fn difference(before: &[String], after: &[String]) -> String {
    let gone: Vec<_> = before.iter().filter(|l| !after.contains(l)).collect();
    let new: Vec<_> = after.iter().filter(|l| !before.contains(l)).collect();
    let cut = |l: &&String| l.chars().take(200).collect::<String>();
    format!(
        "gone: {:?}\nnew: {:?}",
        gone.iter().take(5).map(cut).collect::<Vec<_>>(),
        new.iter().take(5).map(cut).collect::<Vec<_>>()
    )
}
