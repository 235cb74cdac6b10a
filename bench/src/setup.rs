//! Starting the two servers of a run and describing how to drive each.
use crate::cli::RunArgs;
use crate::load::Poster;
use crate::process::Server;
use crate::procfs::RssSampler;
use crate::run::Target;
use crate::{clients, samskap};
use std::path::Path;
use std::process::Command;

/// Starts Samskap in demo mode on a fresh database, logs in and joins the participants.
pub async fn samskap(args: &RunArgs, dir: &Path) -> Result<Target, String> {
    let bin = args.server_bin();
    if !bin.exists() {
        return Err(format!(
            "{} not found: build it with `cargo build --release -p samskap` or pass --server-bin",
            bin.display()
        ));
    }
    let mut command = Command::new(&bin);
    command
        .current_dir(dir)
        .env(
            "DATABASE_URL",
            format!("sqlite://{}", dir.join("bench.db").display()),
        )
        .env("SAMSKAP_DEMO", "true")
        .env("SAMSKAP_DEMO_PASSWORD", samskap::PASSWORD)
        .env("SAMSKAP_LISTEN", format!("127.0.0.1:{}", args.port))
        .env("SAMSKAP_LOG", "warn")
        .env("LEPTOS_SITE_ROOT", dir);
    let log = dir.join("samskap.log");
    let server = Server::start(command, args.port, &log).await?;
    let rss = RssSampler::start(server.pid());
    let prepared = samskap::prepare(&server.base).await?;
    let participants = clients::build(clients::needed(args.rate, args.posts()))?;
    samskap::join_all(&server.base, &participants).await?;
    eprintln!(
        "samskap: {} (pid {}), board {}, {} participants joined",
        bin.display(),
        server.pid(),
        prepared.board,
        participants.len()
    );
    Ok(Target {
        name: "samskap",
        events_url: format!("{}/events/boards/{}", server.base, prepared.board),
        cookie: Some(prepared.session_cookie),
        poster: Poster {
            url: format!("{}/api/cards/post", server.base),
            fields: vec![("board_id", prepared.board), ("kind", "insight".into())],
            clients: participants,
        },
        server,
        rss,
        log,
    })
}

/// Starts this binary's `baseline-server` on the next port, with as many posting clients.
pub async fn baseline(args: &RunArgs, dir: &Path) -> Result<Target, String> {
    let port = args.port + 1;
    let me = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut command = Command::new(me);
    command.args(["baseline-server", "--port", &port.to_string()]);
    let log = dir.join("baseline.log");
    let server = Server::start(command, port, &log).await?;
    let rss = RssSampler::start(server.pid());
    let participants = clients::build(clients::needed(args.rate, args.posts()))?;
    eprintln!("baseline: pid {}", server.pid());
    Ok(Target {
        name: "baseline",
        events_url: format!("{}/events", server.base),
        cookie: None,
        poster: Poster {
            url: format!("{}/post", server.base),
            fields: Vec::new(),
            clients: participants,
        },
        server,
        rss,
        log,
    })
}
