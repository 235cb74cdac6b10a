//! Command line and environment: every setting has a flag and an environment variable.
use clap::{Args, Parser, Subcommand, ValueEnum};
use samskap_domain::account::model::Role;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "samskap",
    version,
    about = "Samskap: co-creation for area-based initiatives"
)]
pub struct Cli {
    /// Where the data lives: sqlite://path/to/file.db or postgres://user:password@host/db.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/samskap.db",
        global = true
    )]
    pub database_url: String,

    /// Log filter, e.g. `info` or `samskap=debug,tower_http=info`.
    #[arg(long, env = "SAMSKAP_LOG", default_value = "info", global = true)]
    pub log_level: String,

    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub serve: ServeArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web app (the default).
    Serve(ServeArgs),
    /// Manage staff accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage the installation's programmes (operators).
    #[command(subcommand)]
    Programme(ProgrammeCommand),
    /// Copy the SQLite database (photos included) to a new file while the server runs.
    Backup {
        /// The file to write; it must not exist yet.
        to: PathBuf,
    },
    /// Put a backup made by `samskap backup` in place of the SQLite database.
    Restore {
        /// The backup file.
        from: PathBuf,
        /// Overwrite an existing database (the server must be stopped).
        #[arg(long)]
        replace: bool,
    },
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, env = "SAMSKAP_LISTEN", default_value = "127.0.0.1:3000")]
    pub listen: SocketAddr,

    /// Seed the Halden sentrum demo programme and one demo account per role, and print
    /// their password at start-up. Never in production.
    #[arg(long, env = "SAMSKAP_DEMO", default_value_t = false)]
    pub demo: bool,

    /// The demo accounts' password (demo mode only); generated at each start when unset.
    #[arg(long, env = "SAMSKAP_DEMO_PASSWORD", hide_env_values = true)]
    pub demo_password: Option<String>,

    /// Mark the session cookie `Secure` (set this behind HTTPS).
    #[arg(long, env = "SAMSKAP_SECURE_COOKIES", default_value_t = false)]
    pub secure_cookies: bool,

    /// Reverse proxies in front of this server (comma-separated addresses, e.g.
    /// 127.0.0.1): from these, the client's address is read from X-Forwarded-For, so
    /// that per-address limits (joining, logging in) apply to each phone, not the proxy.
    #[arg(long, env = "SAMSKAP_TRUSTED_PROXIES", value_delimiter = ',')]
    pub trusted_proxies: Vec<std::net::IpAddr>,

    /// Event streams one participant or staff user may keep open at once.
    #[arg(long, env = "SAMSKAP_STREAMS_PER_CLIENT", default_value_t = crate::stream_limits::STREAMS_PER_CLIENT)]
    pub streams_per_client: usize,

    /// Event streams one network (IPv4 address or IPv6 /64) may keep open at once.
    #[arg(long, env = "SAMSKAP_STREAMS_PER_NETWORK", default_value_t = crate::stream_limits::STREAMS_PER_NETWORK)]
    pub streams_per_network: usize,

    /// Event streams this instance keeps open at once, in all.
    #[arg(long, env = "SAMSKAP_STREAMS_TOTAL", default_value_t = crate::stream_limits::STREAMS_TOTAL)]
    pub streams_total: usize,

    /// Serve Prometheus metrics at /metrics on this address (e.g. 127.0.0.1:9100); off
    /// when unset. Keep it off the public port.
    #[arg(long, env = "SAMSKAP_METRICS_LISTEN")]
    pub metrics_listen: Option<SocketAddr>,

    /// Fetch library feeds from addresses inside this network too (loopback, private,
    /// link-local): for partners on the same private network. Off: such a feed is
    /// refused, so a feed address cannot reach this server's own network.
    #[arg(long, env = "SAMSKAP_FEEDS_ALLOW_PRIVATE", default_value_t = false)]
    pub feeds_allow_private: bool,

    /// How often every subscribed library feed is fetched, in minutes.
    #[arg(long, env = "SAMSKAP_FEED_INTERVAL_MINUTES", default_value_t = 360, value_parser = clap::value_parser!(u64).range(5..=10080))]
    pub feed_interval_minutes: u64,

    /// Log format.
    #[arg(long, env = "SAMSKAP_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a staff account. The password is read from stdin when piped, otherwise
    /// generated and printed once.
    Add {
        #[arg(long, value_parser = parse_role)]
        role: Role,
        #[arg(long)]
        email: String,
        /// Display name; defaults to the part of the email before the @.
        #[arg(long)]
        name: Option<String>,
        /// The programme to join (its id, from `samskap programme list`); needed when
        /// the installation holds more than one.
        #[arg(long)]
        programme: Option<uuid::Uuid>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ProgrammeCommand {
    /// Add a programme and its first lead (an existing account, or a new one whose
    /// password is read from stdin when piped, otherwise generated and printed once).
    Add {
        /// The programme's name, e.g. "Søndre Nordstrand".
        #[arg(long)]
        name: String,
        /// The area and municipality, e.g. "Søndre Nordstrand, Oslo kommune".
        #[arg(long)]
        area: String,
        /// First year of the programme period.
        #[arg(long)]
        start: i32,
        /// Last year of the programme period.
        #[arg(long)]
        end: i32,
        /// The yearly budget frame in whole kroner.
        #[arg(long, default_value_t = 0)]
        budget: i64,
        /// The email of the programme's first lead.
        #[arg(long)]
        lead: String,
        /// The lead's display name when the account is new.
        #[arg(long)]
        lead_name: Option<String>,
        /// Its name in URLs (`/p/{slug}`): lower-case letters, digits and hyphens; made
        /// from the name when not given. It cannot be changed later.
        #[arg(long)]
        slug: Option<String>,
    },
    /// List the programmes: id, slug and name, oldest first.
    List,
}

fn parse_role(s: &str) -> Result<Role, String> {
    s.parse()
        .map_err(|_| "expected one of: lead, core, facilitator, viewer, evaluator".to_string())
}
