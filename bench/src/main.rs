//! `samskap-bench`: post-to-delivery latency of a live board, with a bare baseline, on
//! one or several instances; the action-plan exports (`export`); page weight and
//! rendering time (`pages`); store write throughput (`writes`); the learning library's
//! search (`library`).
mod annual;
mod baseline;
mod cli;
mod clients;
mod export;
mod flood;
mod library;
mod load;
mod pages;
mod pgdb;
mod process;
mod procfs;
mod report;
mod rows;
mod run;
mod samskap;
mod seeding;
mod setup;
mod sse;
mod stats;
mod subscribers;
mod writes;

use clap::Parser;
use cli::{Cli, Command, RunArgs};
use std::process::ExitCode;
use std::time::Instant;

/// Stack of each runtime thread: rendering pages in-process (`pages`) needs more than
/// the 2 MiB default in unoptimised builds, as in the server.
const THREAD_STACK: usize = 8 * 1024 * 1024;

fn main() -> ExitCode {
    match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_stack_size(THREAD_STACK)
        .build()
    {
        Ok(runtime) => runtime.block_on(run()),
        Err(err) => {
            eprintln!("samskap-bench: cannot start the async runtime: {err}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::BaselineServer { port }) => {
            baseline::serve(port).await.map_err(|e| e.to_string())
        }
        Some(Command::Export { measures, repeat }) => {
            export::measure(measures, repeat.max(1)).await
        }
        Some(Command::Annual {
            measures,
            spending,
            readings,
            repeat,
        }) => annual::measure(measures, spending, readings, repeat.max(1)).await,
        Some(Command::Pages {
            cards,
            repeat,
            site_root,
        }) => pages::measure(cards, repeat.max(1), &site_root).await,
        Some(Command::Library {
            programmes,
            entries,
            searches,
            postgres,
        }) => {
            library::measure(
                programmes.max(1),
                entries.max(10),
                searches.max(1),
                postgres.as_deref(),
            )
            .await
        }
        Some(Command::Writes {
            seconds,
            writers,
            feed_entries,
            postgres,
        }) => {
            let load = writes::Load {
                seconds: seconds.max(1),
                writers: writers.max(1),
                feed_entries,
            };
            writes::measure(load, postgres.as_deref()).await
        }
        None => measure(cli.run).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("samskap-bench: {err}");
            ExitCode::FAILURE
        }
    }
}

/// Measures Samskap, then the baseline, one after the other, and prints the report.
async fn measure(args: RunArgs) -> Result<(), String> {
    if args.subscribers == 0 || args.rate == 0 || args.duration == 0 {
        return Err("--subscribers, --rate and --duration must be positive".into());
    }
    let limit = rlimit::increase_nofile_limit(u64::MAX).map_err(|e| e.to_string())?;
    let needed = 2 * (args.subscribers + clients::needed(args.rate, args.posts())) as u64 + 64;
    if limit < needed {
        return Err(format!(
            "the open-file limit is {limit}, {needed} are needed: raise `ulimit -n`"
        ));
    }
    if args.instances == 0 || (args.instances > 1 && args.postgres.is_none()) {
        return Err("--instances must be 1, or more with --postgres".into());
    }
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let epoch = Instant::now();
    let database = match &args.postgres {
        Some(admin) => Some(pgdb::TempDatabase::create(admin).await?),
        None => None,
    };
    let url = database.as_ref().map_or_else(
        || format!("sqlite://{}", dir.path().join("bench.db").display()),
        |db| db.url.clone(),
    );
    let samskap = match setup::samskap(&args, dir.path(), &url).await {
        Ok(target) => run::measure(target, &args, epoch).await,
        Err(err) => Err(err),
    };
    if let Some(database) = database {
        database.drop_db().await;
    }
    let samskap = samskap?;
    let baseline = if args.skip_baseline {
        None
    } else {
        let target = setup::baseline(&args, dir.path()).await?;
        Some(run::measure(target, &args, epoch).await?)
    };
    report::print(&args, &samskap, baseline.as_ref());
    if let Some(flood) = &samskap.flood {
        flood::print(flood);
    }
    Ok(())
}
