//! `DATABASE_URL` parsing: which backend, and a one-line explanation when it is wrong.
use std::fmt;

/// The database the server uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// `sqlite://path/to/file.db` (relative to the working directory) or `sqlite:///abs/path.db`.
    Sqlite(String),
    /// `postgres://user:password@host:port/database` (or `postgresql://`).
    Postgres(String),
}

impl DatabaseUrl {
    pub fn parse(url: &str) -> Result<Self, String> {
        let url = url.trim();
        if let Some(path) = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
        {
            let file = path.split('?').next().unwrap_or_default();
            if file.is_empty() {
                return Err(format!(
                    "DATABASE_URL {url:?} names no SQLite file; expected sqlite://data/samskap.db"
                ));
            }
            return Ok(DatabaseUrl::Sqlite(url.to_string()));
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let rest = url.split_once("://").map(|(_, r)| r).unwrap_or_default();
            let host = rest.rsplit_once('@').map(|(_, h)| h).unwrap_or(rest);
            if host.is_empty() || host.starts_with('/') {
                return Err(format!("DATABASE_URL {} names no PostgreSQL host; expected postgres://user:password@host/database", redacted(url)));
            }
            return Ok(DatabaseUrl::Postgres(url.to_string()));
        }
        Err(format!(
            "DATABASE_URL {} is not understood; use sqlite://path/to/file.db or postgres://user:password@host/database",
            redacted(url)
        ))
    }

    /// The URL as given, password included: for connecting, never for showing.
    pub fn secret(&self) -> &str {
        match self {
            DatabaseUrl::Sqlite(url) | DatabaseUrl::Postgres(url) => url,
        }
    }

    /// The SQLite file path, for creating its directory.
    pub fn sqlite_file(&self) -> Option<&str> {
        match self {
            DatabaseUrl::Sqlite(url) => {
                let path = url
                    .strip_prefix("sqlite://")
                    .or_else(|| url.strip_prefix("sqlite:"))?;
                path.split('?').next()
            }
            DatabaseUrl::Postgres(_) => None,
        }
    }
}

/// The URL with any password replaced, for messages and logs.
fn redacted(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}://{user}:***{}", &url[..scheme_end], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => format!("{url:?}"),
    }
}

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DatabaseUrl::Sqlite(url) => f.write_str(url),
            DatabaseUrl::Postgres(url) => f.write_str(&redacted(url)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DatabaseUrl;

    #[test]
    fn backends_are_chosen_by_scheme() {
        assert_eq!(
            DatabaseUrl::parse("sqlite://data/samskap.db"),
            Ok(DatabaseUrl::Sqlite("sqlite://data/samskap.db".into()))
        );
        assert!(matches!(
            DatabaseUrl::parse("postgres://u:p@localhost/db"),
            Ok(DatabaseUrl::Postgres(_))
        ));
        assert!(matches!(
            DatabaseUrl::parse("postgresql://localhost/db"),
            Ok(DatabaseUrl::Postgres(_))
        ));
        assert_eq!(
            DatabaseUrl::parse("sqlite://data/x.db?mode=rwc")
                .unwrap()
                .sqlite_file(),
            Some("data/x.db")
        );
    }

    #[test]
    fn malformed_urls_get_one_line_and_no_password() {
        for bad in [
            "mysql://u:secret@h/db",
            "",
            "sqlite://",
            "postgres://",
            "data/samskap.db",
        ] {
            let err = DatabaseUrl::parse(bad).unwrap_err();
            assert!(!err.contains('\n'), "{err}");
            assert!(!err.contains("secret"), "{err}");
        }
    }

    #[test]
    fn display_hides_the_password() {
        let url = DatabaseUrl::parse("postgres://samskap:hemmelig@db:5432/samskap").unwrap();
        assert_eq!(url.to_string(), "postgres://samskap:***@db:5432/samskap");
    }
}
