//! Starting the two servers of a run and describing how to drive each.
use crate::cli::RunArgs;
use crate::load::Poster;
use crate::process::Server;
use crate::procfs::RssSampler;
use crate::run::{Started, Target};
use crate::{clients, samskap};
use std::path::Path;
use std::process::Command;

/// Starts Samskap in demo mode on a fresh database (SQLite in `dir`, or `database_url`
/// on PostgreSQL), `--instances` of it, logs in and joins the participants on the first.
pub async fn samskap(args: &RunArgs, dir: &Path, database_url: &str) -> Result<Target, String> {
    let bin = args.server_bin();
    if !bin.exists() {
        return Err(format!(
            "{} not found: build it with `cargo build --release -p samskap` or pass --server-bin",
            bin.display()
        ));
    }
    let mut servers = Vec::with_capacity(args.instances);
    for i in 0..args.instances {
        let port = args.port + i as u16;
        let mut command = Command::new(&bin);
        command
            .current_dir(dir)
            .env("DATABASE_URL", database_url)
            .env("SAMSKAP_DEMO", "true")
            .env("SAMSKAP_DEMO_PASSWORD", samskap::PASSWORD)
            .env("SAMSKAP_LISTEN", format!("127.0.0.1:{port}"))
            .env("SAMSKAP_LOG", "warn")
            // Every subscriber is the same staff user on 127.0.0.1: lift the limits
            // meant for one person's tabs and one network's phones.
            .env("SAMSKAP_STREAMS_PER_CLIENT", "1000000")
            .env("SAMSKAP_STREAMS_PER_NETWORK", "1000000")
            .env("LEPTOS_SITE_ROOT", dir);
        let log = dir.join(format!("samskap-{i}.log"));
        // One at a time: the first creates the schema and the demo data.
        let server = Server::start(command, port, &log).await?;
        let rss = RssSampler::start(server.pid());
        eprintln!(
            "samskap {i}: {} (pid {}) on port {port}",
            bin.display(),
            server.pid()
        );
        servers.push(Started { server, rss, log });
    }
    let first = servers[0].server.base.clone();
    let prepared = samskap::prepare(&first).await?;
    let participants = clients::build(clients::needed(args.rate, args.posts()))?;
    samskap::join_all(&first, &participants).await?;
    let flood = if args.flood {
        let png = crate::flood::big_png()?;
        let uploaders = crate::flood::prepare(&first, &prepared.board).await?;
        Some(crate::flood::Flood {
            base: first.clone(),
            uploaders,
            png,
        })
    } else {
        None
    };
    eprintln!(
        "samskap: board {}, {} participants joined",
        prepared.board,
        participants.len()
    );
    Ok(Target {
        name: "samskap",
        events_urls: servers
            .iter()
            .map(|s| format!("{}/events/boards/{}", s.server.base, prepared.board))
            .collect(),
        cookie: Some(prepared.session_cookie),
        poster: Poster {
            url: format!("{first}/api/cards/post"),
            fields: vec![("board_id", prepared.board), ("kind", "insight".into())],
            clients: participants,
        },
        servers,
        flood,
    })
}

/// Starts this binary's `baseline-server` on the next port, with as many posting clients.
pub async fn baseline(args: &RunArgs, dir: &Path) -> Result<Target, String> {
    let port = args.port + args.instances as u16;
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
        events_urls: vec![format!("{}/events", server.base)],
        cookie: None,
        poster: Poster {
            url: format!("{}/post", server.base),
            fields: Vec::new(),
            clients: participants,
        },
        servers: vec![Started { server, rss, log }],
        flood: None,
    })
}
