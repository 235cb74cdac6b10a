//! The `samskap` binary: serves the app (default) or manages staff accounts.
use clap::Parser;
use leptos::config::LeptosOptions;
use samskap_server::config::{Cli, Command, LogFormat, ProgrammeCommand, ServeArgs, UserCommand};
use samskap_server::listener::ConnectionLimits;
use samskap_server::{backup, demo, http, metrics, user_cli};
use samskap_store as store;
use samskap_store::database_url::DatabaseUrl;
use std::process::ExitCode;
use tokio_util::sync::CancellationToken;
use tower_sessions::session_store::ExpiredDeletion;

/// Stack of each runtime thread: rendering deep Leptos view trees on the server needs
/// more than the 2 MiB default in unoptimised builds.
const THREAD_STACK: usize = 8 * 1024 * 1024;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_stack_size(THREAD_STACK)
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("samskap: cannot start the async runtime: {e}");
            return ExitCode::from(2);
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("samskap: {message}");
            ExitCode::from(2)
        }
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    let url = DatabaseUrl::parse(&cli.database_url)?;
    let serve_args = match &cli.command {
        Some(Command::Serve(args)) => Some(args.clone()),
        None => Some(cli.serve.clone()),
        Some(_) => None,
    };
    init_tracing(
        &cli.log_level,
        serve_args
            .as_ref()
            .map_or(LogFormat::Text, |a| a.log_format),
    )?;
    match &cli.command {
        Some(Command::Backup { to }) => {
            let summary = backup::backup(&url, to).await?;
            println!("Backed up {summary} to {}", to.display());
            return Ok(());
        }
        Some(Command::Restore { from, replace }) => {
            let summary = backup::restore(&url, from, *replace).await?;
            println!("Restored {summary} from {}", from.display());
            return Ok(());
        }
        _ => {}
    }
    let opened = store::open(&url).await?;
    match cli.command {
        Some(Command::User(UserCommand::Add {
            role,
            email,
            name,
            programme,
        })) => {
            let store = opened.store.as_ref();
            let line = user_cli::add(store, role, &email, name.as_deref(), programme).await?;
            println!("{line}");
            Ok(())
        }
        Some(Command::Programme(ProgrammeCommand::Add {
            name,
            area,
            start,
            end,
            budget,
            lead,
            lead_name,
            slug,
        })) => {
            let new = samskap_server::programme_cli::NewProgramme {
                fields: samskap_domain::programme::model::ProgrammeFields {
                    name,
                    area,
                    start_year: start,
                    end_year: end,
                    yearly_budget_nok: budget,
                },
                lead_email: &lead,
                lead_name: lead_name.as_deref(),
                slug: slug.as_deref(),
            };
            println!(
                "{}",
                samskap_server::programme_cli::add(opened.store.as_ref(), new).await?
            );
            Ok(())
        }
        Some(Command::Programme(ProgrammeCommand::List)) => {
            println!(
                "{}",
                samskap_server::programme_cli::list(opened.store.as_ref()).await?
            );
            Ok(())
        }
        _ => serve(serve_args.unwrap_or(cli.serve), &url, opened).await,
    }
}

async fn serve(args: ServeArgs, url: &DatabaseUrl, opened: store::Opened) -> Result<(), String> {
    if args.demo {
        let password = args
            .demo_password
            .clone()
            .unwrap_or_else(samskap_app::server::password::generate);
        demo::seed(opened.store.as_ref(), &password)
            .await
            .map_err(|e| format!("seeding demo data failed: {e}"))?;
        samskap_server::demo_library::subscribe(opened.store.as_ref(), args.listen)
            .await
            .map_err(|e| format!("seeding the demo's library feed failed: {e}"))?;
        println!(
            "Demo mode: Halden sentrum. Sign in at http://{} as",
            args.listen
        );
        for (email, _, role) in demo::DEMO_ACCOUNTS {
            println!("  {email:<28} ({} in Halden sentrum)", role.as_str());
        }
        println!(
            "  {:<28} (lead in Sarpsborg sentrum; kjerneteam@ facilitates there)",
            samskap_server::demo_sarpsborg::LEAD.0
        );
        println!(
            "  {:<28} (evaluator of both)",
            samskap_server::demo_sarpsborg::EVALUATOR.0
        );
        println!("with the password: {password}");
        println!(
            "Demo workshop: join at http://{}/join?code={}",
            args.listen,
            demo::DEMO_JOIN_CODE
        );
    }
    let deletion = tokio::spawn(
        opened
            .sessions
            .clone()
            .continuously_delete_expired(tokio::time::Duration::from_secs(3600)),
    );
    let mut leptos_options = LeptosOptions::builder()
        .output_name("samskap")
        .site_root(std::env::var("LEPTOS_SITE_ROOT").unwrap_or_else(|_| "target/site".into()))
        .site_pkg_dir("pkg")
        .site_addr(args.listen)
        .hash_files(
            std::env::current_exe()
                .is_ok_and(|exe| samskap_server::static_files::hashed_build(&exe)),
        )
        .build();
    if let Ok(exe) = std::env::current_exe() {
        if let Err(problem) = samskap_server::static_files::check_site(&leptos_options, &exe) {
            // The API and the pages still work, without script and style.
            tracing::error!("{problem}");
            leptos_options.hash_files = false;
        }
    }
    let shutdown = CancellationToken::new();
    let mut config = http::HttpConfig::new(leptos_options, opened);
    config.secure_cookies = args.secure_cookies;
    config.shutdown = shutdown.clone();
    config.trusted_proxies = args.trusted_proxies.clone();
    // The demo subscribes to a feed it serves itself, on this machine.
    // The demo subscribes to a feed it serves itself: that one address, nothing else of
    // this network.
    let feeds = samskap_server::feed_client::FeedClient::new(
        args.feeds_allow_private,
        args.demo.then_some(args.listen),
    )?;
    config.feeds = Some(std::sync::Arc::new(feeds));
    config.feed_interval = std::time::Duration::from_secs(args.feed_interval_minutes * 60);
    config.demo_feed = args.demo;
    config.stream_limits = samskap_server::stream_limits::StreamLimits::new(
        args.streams_per_client,
        args.streams_per_network,
        args.streams_total,
    );
    if let Some(address) = args.metrics_listen {
        let listener = tokio::net::TcpListener::bind(address)
            .await
            .map_err(|e| format!("cannot listen for metrics on {address}: {e}"))?;
        let metrics = metrics::metrics_router(config.metrics.clone());
        tokio::spawn(samskap_server::listener::serve(
            listener,
            metrics,
            ConnectionLimits::default(),
            std::future::pending(),
        ));
        tracing::info!(%address, "serving metrics at /metrics");
    }
    let app = http::router(config);
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", args.listen))?;
    tracing::info!(address = %args.listen, database = %url, "serving");
    samskap_server::listener::serve(listener, app, ConnectionLimits::default(), async move {
        shutdown_signal().await;
        shutdown.cancel();
    })
    .await;
    deletion.abort();
    tracing::info!("stopped");
    Ok(())
}

fn init_tracing(filter: &str, format: LogFormat) -> Result<(), String> {
    let filter = tracing_subscriber::EnvFilter::try_new(filter)
        .map_err(|e| format!("log level {filter:?} is not valid: {e}"))?;
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder.json().init(),
    }
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM; open requests then finish before the process exits.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
