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
    /// Times the learning library's search over many programmes and entries.
    Library {
        /// Programmes in all (the demo's two included).
        #[arg(long, default_value_t = 20)]
        programmes: usize,
        /// Library entries over them (a tenth fetched from a feed).
        #[arg(long, default_value_t = 10_000)]
        entries: usize,
        /// Searches of each kind.
        #[arg(long, default_value_t = 200)]
        searches: usize,
        /// Also PostgreSQL: an admin URL where a fresh database is created and dropped.
        #[arg(long, env = "SAMSKAP_BENCH_PG_URL")]
        postgres: Option<String>,
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
    /// Times the annual report (its page data and DOCX, PDF, CSV, JSON) of a year of N
    /// measures with their spending, notes and indicator readings.
    Annual {
        /// Adopted measures in the year.
        #[arg(long, default_value_t = 100)]
        measures: usize,
        /// Spending entries per measure.
        #[arg(long, default_value_t = 20)]
        spending: usize,
        /// Readings of each measure's indicator.
        #[arg(long, default_value_t = 4)]
        readings: usize,
        /// Downloads per format.
        #[arg(long, default_value_t = 10)]
        repeat: usize,
    },
    /// What a phone downloads for the participant's board page, and the server-side
    /// rendering time of a board page with N cards.
    Pages {
        /// Cards added to the demo board before timing its page.
        #[arg(long, default_value_t = 1000)]
        cards: usize,
        /// Requests per viewer.
        #[arg(long, default_value_t = 20)]
        repeat: usize,
        /// The built site (cargo leptos build --release puts it in target/site).
        #[arg(long, default_value = "target/site")]
        site_root: PathBuf,
    },
    /// Sustained write throughput of each store (cards posted through the store).
    Writes {
        /// Seconds of writing per backend.
        #[arg(long, default_value_t = 10)]
        seconds: u64,
        /// Concurrent writers.
        #[arg(long, default_value_t = 8)]
        writers: usize,
        /// Meanwhile, write a library feed of this many entries every half second.
        #[arg(long, default_value_t = 0)]
        feed_entries: usize,
        /// Also PostgreSQL: an admin URL where a fresh database is created and dropped.
        #[arg(long, env = "SAMSKAP_BENCH_PG_URL")]
        postgres: Option<String>,
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
    /// Port of the (first) Samskap server; the baseline listens on the port after the
    /// last instance's.
    #[arg(long, default_value_t = 4100)]
    pub port: u16,
    /// Seconds to wait after the last acknowledgement before counting what is missing.
    #[arg(long, default_value_t = 2)]
    pub grace: u64,
    /// Only measure Samskap (no baseline).
    #[arg(long)]
    pub skip_baseline: bool,
    /// Run Samskap on PostgreSQL: an admin URL of a server where the bench creates a
    /// fresh database for the run (and drops it after). SQLite when unset.
    #[arg(long, env = "SAMSKAP_BENCH_PG_URL")]
    pub postgres: Option<String>,
    /// Samskap instances on the one database (ports from --port up; more than one needs
    /// --postgres). Subscribers are split between them; posts go through the first.
    #[arg(long, default_value_t = 1)]
    pub instances: usize,
    /// While posting, nine participants upload 7000×7000 PNGs at once and again, and
    /// one client streams 1 GB multipart bodies without signing in (Samskap only).
    #[arg(long)]
    pub flood: bool,
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
