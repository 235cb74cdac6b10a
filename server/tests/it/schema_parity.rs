//! The two backends' migrations define the same schema: after migrating a new SQLite
//! file and a new PostgreSQL database, both have the same tables, columns, nullability,
//! primary and foreign keys, and unique and plain indexes. Column types are not
//! compared: each backend stores a UUID or a time in its own type.

use crate::support::{TestPostgres, TestSqlite};
use samskap_store::database_url::DatabaseUrl;
use sqlx::{Connection, PgConnection, Row, SqliteConnection};
use std::collections::{BTreeMap, BTreeSet};

/// One table as both backends can describe it.
#[derive(Debug, Default, PartialEq, Eq)]
struct Table {
    /// Column name → whether it may hold NULL.
    columns: BTreeMap<String, bool>,
    primary_key: Vec<String>,
    /// (columns, referenced table, referenced columns).
    foreign_keys: BTreeSet<(Vec<String>, String, Vec<String>)>,
    /// (columns, unique, partial); an expression column shows as `<expr>`.
    indexes: BTreeSet<(Vec<String>, bool, bool)>,
}

type Schema = BTreeMap<String, Table>;

/// Tables that are not ours: sqlx's migration log and the session store's own table,
/// which tower-sessions creates in a schema of its own on PostgreSQL.
const NOT_OURS: [&str; 2] = ["_sqlx_migrations", "tower_sessions"];

async fn sqlite_schema(url: &DatabaseUrl) -> Schema {
    let mut conn = SqliteConnection::connect(url.secret()).await.unwrap();
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    let mut schema = Schema::new();
    for name in names
        .into_iter()
        .filter(|n| !NOT_OURS.contains(&n.as_str()))
    {
        let mut table = Table::default();
        let mut pk: Vec<(i64, String)> = Vec::new();
        for row in sqlx::query(&format!("PRAGMA table_info(\"{name}\")"))
            .fetch_all(&mut conn)
            .await
            .unwrap()
        {
            let column: String = row.get("name");
            let not_null: bool = row.get::<i64, _>("notnull") != 0;
            let pk_position: i64 = row.get("pk");
            // A primary key column is never NULL, whatever SQLite's pragma says.
            table
                .columns
                .insert(column.clone(), !not_null && pk_position == 0);
            if pk_position > 0 {
                pk.push((pk_position, column));
            }
        }
        pk.sort();
        table.primary_key = pk.into_iter().map(|(_, c)| c).collect();
        let mut keys: BTreeMap<i64, (Vec<String>, String, Vec<String>)> = BTreeMap::new();
        for row in sqlx::query(&format!("PRAGMA foreign_key_list(\"{name}\")"))
            .fetch_all(&mut conn)
            .await
            .unwrap()
        {
            let key = keys.entry(row.get("id")).or_default();
            key.0.push(row.get("from"));
            key.1 = row.get("table");
            key.2.push(row.get("to"));
        }
        table.foreign_keys = keys.into_values().collect();
        for row in sqlx::query(&format!("PRAGMA index_list(\"{name}\")"))
            .fetch_all(&mut conn)
            .await
            .unwrap()
        {
            let origin: String = row.get("origin");
            if origin == "pk" {
                continue;
            }
            let index: String = row.get("name");
            let columns: Vec<String> = sqlx::query(&format!("PRAGMA index_info(\"{index}\")"))
                .fetch_all(&mut conn)
                .await
                .unwrap()
                .into_iter()
                .map(|r| {
                    r.get::<Option<String>, _>("name")
                        .unwrap_or_else(|| "<expr>".into())
                })
                .collect();
            let unique = row.get::<i64, _>("unique") != 0;
            let partial = row.get::<i64, _>("partial") != 0;
            table.indexes.insert((columns, unique, partial));
        }
        schema.insert(name, table);
    }
    conn.close().await.ok();
    schema
}

async fn postgres_schema(url: &DatabaseUrl) -> Schema {
    let mut conn = PgConnection::connect(url.secret()).await.unwrap();
    let mut schema = Schema::new();
    for row in sqlx::query(
        "SELECT table_name::text AS t, column_name::text AS c, is_nullable = 'YES' AS nullable
         FROM information_schema.columns WHERE table_schema = 'public'",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap()
    {
        let table: String = row.get("t");
        if NOT_OURS.contains(&table.as_str()) {
            continue;
        }
        schema
            .entry(table)
            .or_default()
            .columns
            .insert(row.get("c"), row.get("nullable"));
    }
    // Indexes, the primary key's among them, with their columns in order (0 is an
    // expression).
    for row in sqlx::query(
        "SELECT t.relname::text AS t, i.indisprimary AS pk, i.indisunique AS uq,
                i.indpred IS NOT NULL AS partial,
                ARRAY(SELECT COALESCE(a.attname::text, '<expr>')
                      FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, n)
                      LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
                      ORDER BY k.n) AS cols
         FROM pg_index i
         JOIN pg_class t ON t.oid = i.indrelid
         JOIN pg_namespace s ON s.oid = t.relnamespace
         WHERE s.nspname = 'public'",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap()
    {
        let Some(table) = schema.get_mut(&row.get::<String, _>("t")) else {
            continue;
        };
        let columns: Vec<String> = row.get("cols");
        if row.get("pk") {
            table.primary_key = columns;
        } else {
            table
                .indexes
                .insert((columns, row.get("uq"), row.get("partial")));
        }
    }
    for row in sqlx::query(
        "SELECT t.relname::text AS t, r.relname::text AS r,
                ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, n)
                      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
                      ORDER BY k.n) AS cols,
                ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, n)
                      JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum
                      ORDER BY k.n) AS refs
         FROM pg_constraint c
         JOIN pg_class t ON t.oid = c.conrelid
         JOIN pg_class r ON r.oid = c.confrelid
         JOIN pg_namespace s ON s.oid = t.relnamespace
         WHERE c.contype = 'f' AND s.nspname = 'public'",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap()
    {
        if let Some(table) = schema.get_mut(&row.get::<String, _>("t")) {
            table
                .foreign_keys
                .insert((row.get("cols"), row.get("r"), row.get("refs")));
        }
    }
    conn.close().await.ok();
    schema
}

/// Every difference between the two, one line each.
fn differences(sqlite: &Schema, postgres: &Schema) -> Vec<String> {
    let mut out = Vec::new();
    let names: BTreeSet<&String> = sqlite.keys().chain(postgres.keys()).collect();
    for name in names {
        match (sqlite.get(name), postgres.get(name)) {
            (Some(_), None) => out.push(format!("{name}: only on SQLite")),
            (None, Some(_)) => out.push(format!("{name}: only on PostgreSQL")),
            (Some(s), Some(p)) => {
                if s.columns != p.columns {
                    out.push(format!(
                        "{name}: columns (name → nullable) differ\n  SQLite:     {:?}\n  PostgreSQL: {:?}",
                        s.columns, p.columns
                    ));
                }
                if s.primary_key != p.primary_key {
                    out.push(format!(
                        "{name}: primary key {:?} on SQLite, {:?} on PostgreSQL",
                        s.primary_key, p.primary_key
                    ));
                }
                for fk in s.foreign_keys.symmetric_difference(&p.foreign_keys) {
                    let side = if s.foreign_keys.contains(fk) {
                        "SQLite"
                    } else {
                        "PostgreSQL"
                    };
                    out.push(format!("{name}: foreign key {fk:?} only on {side}"));
                }
                for index in s.indexes.symmetric_difference(&p.indexes) {
                    let side = if s.indexes.contains(index) {
                        "SQLite"
                    } else {
                        "PostgreSQL"
                    };
                    out.push(format!(
                        "{name}: index (columns, unique, partial) {index:?} only on {side}"
                    ));
                }
            }
            (None, None) => unreachable!(),
        }
    }
    out
}

#[tokio::test]
async fn both_backends_migrate_to_the_same_schema() {
    let sqlite = TestSqlite::new();
    drop(sqlite.open().await);
    let postgres = TestPostgres::new().await;
    drop(postgres.open().await);
    let s = sqlite_schema(&sqlite.url).await;
    let p = postgres_schema(&postgres.url).await;
    postgres.drop_db().await;
    // The comparison would pass on two empty reads: make sure both saw the schema.
    assert!(s.len() > 20, "SQLite tables read: {:?}", s.keys());
    assert!(
        s.values().any(|t| !t.foreign_keys.is_empty()) && s.values().any(|t| !t.indexes.is_empty()),
        "keys and indexes read"
    );
    let (s, p) = without_full_text(s, p);
    let diff = differences(&s, &p);
    assert!(
        diff.is_empty(),
        "the migrations differ:\n{}",
        diff.join("\n")
    );
}

/// The schemas without the library's full-text index, the one part each backend builds
/// its own way: SQLite's FTS5 table `library_search` (with the shadow tables FTS5 makes)
/// and the covering indexes its search reads instead of the rows, and PostgreSQL's
/// stored `words` vectors and their indexes, on the local and the fetched entries. All
/// must be there.
fn without_full_text(mut sqlite: Schema, mut postgres: Schema) -> (Schema, Schema) {
    let fts: Vec<String> = sqlite
        .keys()
        .filter(|t| t.starts_with("library_search"))
        .cloned()
        .collect();
    assert!(
        fts.contains(&"library_search".to_string()),
        "SQLite has the FTS5 table: {fts:?}"
    );
    for table in fts {
        sqlite.remove(&table);
    }
    for table in ["library_entries", "library_remote_entries"] {
        let entries = postgres.get_mut(table).expect(table);
        assert!(
            entries.columns.remove("words").is_some()
                && entries
                    .indexes
                    .remove(&(vec!["words".to_string()], false, false)),
            "PostgreSQL has the stored vectors of {table} and their index: {:?}",
            entries.indexes
        );
        let entries = sqlite.get_mut(table).expect(table);
        let before = entries.indexes.len();
        entries
            .indexes
            .retain(|(columns, _, _)| !(columns[0] == "id" && columns.len() > 5));
        assert_eq!(
            entries.indexes.len(),
            before - 1,
            "SQLite has the covering index of {table}"
        );
    }
    (sqlite, postgres)
}

/// The comparison itself notices a column's nullability, a lost index and a missing
/// table.
#[test]
fn a_difference_is_reported() {
    let mut table = Table::default();
    table.columns.insert("id".into(), false);
    table.indexes.insert((vec!["id".into()], true, false));
    let mut other = Table::default();
    other.columns.insert("id".into(), true);
    let a = Schema::from([
        ("t".to_string(), table),
        ("only_a".to_string(), Table::default()),
    ]);
    let b = Schema::from([("t".to_string(), other)]);
    let diff = differences(&a, &b);
    assert_eq!(diff.len(), 3, "{diff:#?}");
    assert!(diff[0].starts_with("only_a: only on SQLite"));
    assert!(diff[1].contains("columns"));
    assert!(diff[2].contains("only on SQLite"));
}
