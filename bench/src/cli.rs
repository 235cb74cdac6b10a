//! Command-line arguments: the measuring run (default) and the baseline server.
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Measures how long a posted card takes to reach N live-board subscribers, on Samskap
/// and on a bare axum + broadcast SSE server started the same way, in one run.
#[derive(Debug, Parser)]
#[command(
    name = "samskap-bench",
    version,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub run: RunArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// The bare baseline server (started by the measuring run as a child process).
    BaselineServer {
        /// Port to listen on (127.0.0.1).
        #[arg(long)]
        port: u16,
    },
    /// Times the action-plan exports (DOCX, PDF, CSV, JSON) of a plan of N measures.
    Export {
        /// Measures in the plan.
        #[arg(long, default_value_t = 100)]
        measures: usize,
        /// Downloads per format.
        #[arg(long, default_value_t = 10)]
        repeat: usize,
    },
}

#[derive(Debug, Clone, Args)]
pub struct RunArgs {
    /// Event-stream connections held open on the board.
    #[arg(long, default_value_t = 1000)]
    pub subscribers: usize,
    /// Posts per second.
    #[arg(long, default_value_t = 50)]
    pub rate: u32,
    /// Seconds of posting.
    #[arg(long, default_value_t = 20)]
    pub duration: u64,
    /// The Samskap server binary [default: $CARGO_TARGET_DIR/release/samskap, else
    /// /var/cache/samskap/target/release/samskap].
    #[arg(long)]
    pub server_bin: Option<PathBuf>,
    /// Port for the Samskap server; the baseline listens on the next one.
    #[arg(long, default_value_t = 4100)]
    pub port: u16,
    /// Seconds to wait after the last acknowledgement before counting what is missing.
    #[arg(long, default_value_t = 2)]
    pub grace: u64,
    /// Only measure Samskap (no baseline).
    #[arg(long)]
    pub skip_baseline: bool,
}

impl RunArgs {
    /// The Samskap binary to start.
    pub fn server_bin(&self) -> PathBuf {
        if let Some(path) = &self.server_bin {
            return path.clone();
        }
        let from_env = std::env::var_os("CARGO_TARGET_DIR")
            .map(|dir| PathBuf::from(dir).join("release/samskap"))
            .filter(|path| path.exists());
        from_env.unwrap_or_else(|| PathBuf::from("/var/cache/samskap/target/release/samskap"))
    }

    /// Total posts of one run.
    pub fn posts(&self) -> usize {
        self.rate as usize * self.duration as usize
    }
}
