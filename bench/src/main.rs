//! `samskap-bench`: post-to-delivery latency of a live board, with a bare baseline; and
//! (`export`) the time of the action-plan exports.
mod baseline;
mod cli;
mod clients;
mod export;
mod load;
mod process;
mod procfs;
mod report;
mod rows;
mod run;
mod samskap;
mod setup;
mod sse;
mod stats;
mod subscribers;

use clap::Parser;
use cli::{Cli, Command, RunArgs};
use std::process::ExitCode;
use std::time::Instant;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::BaselineServer { port }) => {
            baseline::serve(port).await.map_err(|e| e.to_string())
        }
        Some(Command::Export { measures, repeat }) => {
            export::measure(measures, repeat.max(1)).await
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
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let epoch = Instant::now();
    let samskap_target = setup::samskap(&args, dir.path()).await?;
    let samskap = run::measure(samskap_target, &args, epoch).await?;
    let baseline = if args.skip_baseline {
        None
    } else {
        let target = setup::baseline(&args, dir.path()).await?;
        Some(run::measure(target, &args, epoch).await?)
    };
    report::print(&args, &samskap, baseline.as_ref());
    Ok(())
}
