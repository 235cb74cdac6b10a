//! A fresh PostgreSQL database for one run, created through an admin URL and dropped
//! after.
use sqlx::{Connection, PgConnection};

pub struct TempDatabase {
    admin_url: String,
    name: String,
    /// The new database's URL.
    pub url: String,
}

impl TempDatabase {
    pub async fn create(admin_url: &str) -> Result<Self, String> {
        let name = format!("samskap_bench_{}", std::process::id());
        let mut admin = PgConnection::connect(admin_url)
            .await
            .map_err(|e| format!("cannot connect to the PostgreSQL admin URL: {e}"))?;
        sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .execute(&mut admin)
            .await
            .map_err(|e| e.to_string())?;
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut admin)
            .await
            .map_err(|e| format!("cannot create {name}: {e}"))?;
        let base = admin_url
            .rsplit_once('/')
            .map(|(base, _)| base)
            .ok_or("the admin URL names no database")?;
        Ok(Self {
            url: format!("{base}/{name}"),
            admin_url: admin_url.to_string(),
            name,
        })
    }

    pub async fn drop_db(self) {
        if let Ok(mut admin) = PgConnection::connect(&self.admin_url).await {
            let drop = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name);
            if let Err(err) = sqlx::query(&drop).execute(&mut admin).await {
                eprintln!("could not drop {}: {err}", self.name);
            }
        }
    }
}
