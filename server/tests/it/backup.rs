//! `samskap backup` while the server runs, then wipe, `samskap restore`, and the same
//! cards and photos are served again; and the restore's refusals.

use crate::support::board::{board_json, join, post};
use crate::support::http::{client, login, serve, PASSWORD};
use crate::support::{TestPostgres, TestSqlite};
use samskap_domain::store::pipeline_store::{NewPhoto, PhotoOwner};
use samskap_domain::store::workshop_store::AuthorRef;
use samskap_domain::store::Store;
use samskap_domain::workshop::model::Card;
use samskap_server::demo;
use std::process::{Command, Output};

fn samskap(db: &TestSqlite, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_samskap"))
        .env("DATABASE_URL", db.url.secret())
        .env("SAMSKAP_LOG", "warn")
        .args(args)
        .output()
        .expect("run samskap")
}

fn succeeded(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn failed_with(out: &Output, expected: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "should fail: {stderr}");
    assert!(stderr.contains(expected), "{expected:?} not in: {stderr}");
}

/// Cards of the board as staff see them (id and text), and a photo's bytes.
async fn served(
    base: &str,
    board: uuid::Uuid,
    photo: uuid::Uuid,
) -> (Vec<(String, String)>, Vec<u8>) {
    let staff = client();
    login(&staff, base, "fasilitator@halden.demo").await;
    let cards = board_json(&staff, base, board).await["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["id"].to_string(), c["body"].to_string()))
        .collect();
    let response = staff
        .get(format!("{base}/photos/{photo}"))
        .send()
        .await
        .unwrap();
    assert!(
        response.status().is_success(),
        "photo: {}",
        response.status()
    );
    (cards, response.bytes().await.unwrap().to_vec())
}

/// A phone posts a card on the demo board and a photo is stored on it.
async fn card_with_photo(
    phone: &reqwest::Client,
    base: &str,
    store: &dyn Store,
) -> (uuid::Uuid, uuid::Uuid, Vec<u8>) {
    let (board, _) = join(phone, base, "Foto").await;
    let (_, body) = post(phone, base, board, "insight", "Benken ved kaia er knust").await;
    let card: Card = serde_json::from_str(&body).unwrap();
    let image: Vec<u8> = (0..=255u8).cycle().take(40_000).collect();
    let (photo, _) = store
        .add_photo(
            PhotoOwner::Card(card.id),
            NewPhoto {
                width: 200,
                height: 200,
                image: image.clone(),
                thumbnail: image[..1000].to_vec(),
                uploader: AuthorRef::Participant(card.author.id),
            },
            None,
        )
        .await
        .unwrap();
    (board, photo, image)
}

#[tokio::test]
async fn sqlite_backup_wipe_restore_serves_the_same_data() {
    let db = TestSqlite::new();
    let opened = db.open().await;
    let store = opened.store.clone();
    demo::seed(store.as_ref(), PASSWORD).await.unwrap();
    let (base, stop, task) = serve(opened).await;

    let phone = client();
    let (board, photo, image) = card_with_photo(&phone, &base, store.as_ref()).await;
    let before = served(&base, board, photo).await;
    assert_eq!(before.1, image);
    drop(store);

    // Online: the server keeps running and answering.
    let file = db.dir.path().join("backup.db");
    let file_arg = file.to_str().unwrap();
    let printed = succeeded(&samskap(&db, &["backup", file_arg]));
    assert!(printed.contains("1 photos"), "{printed}");
    assert_eq!(mode(&file), 0o600, "a backup is readable by its owner only");
    failed_with(&samskap(&db, &["backup", file_arg]), "exists already");
    failed_with(
        &samskap(&db, &["restore", file_arg, "--replace"]),
        "is in use",
    );
    let (_, body) = post(&phone, &base, board, "insight", "Etter sikkerhetskopien").await;
    assert!(body.contains("Etter sikkerhetskopien"));
    stop.send(()).unwrap();
    task.await.unwrap();

    // Wipe, and restore.
    let live = db.url.sqlite_file().unwrap().to_string();
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{live}{suffix}"));
    }
    let garbage = db.dir.path().join("not-a-backup.db");
    std::fs::write(&garbage, b"hello").unwrap();
    failed_with(
        &samskap(&db, &["restore", garbage.to_str().unwrap()]),
        "not a Samskap backup",
    );
    let printed = succeeded(&samskap(&db, &["restore", file_arg]));
    assert!(printed.contains("Restored"), "{printed}");
    failed_with(&samskap(&db, &["restore", file_arg]), "--replace");
    succeeded(&samskap(&db, &["restore", file_arg, "--replace"]));
    assert_eq!(mode(std::path::Path::new(&live)), 0o600);

    let (base, _stop, _task) = serve(db.open().await).await;
    let after = served(&base, board, photo).await;
    assert_eq!(
        after, before,
        "the same cards and photo, and not what came later"
    );
}

/// The PostgreSQL route of docs/OPERATIONS.md: pg_dump of the live database, pg_restore
/// into an empty one, and the server on it serves the same.
#[tokio::test]
async fn postgres_dump_and_restore_serve_the_same_data() {
    let db = TestPostgres::new().await;
    let opened = db.open().await;
    let store = opened.store.clone();
    demo::seed(store.as_ref(), PASSWORD).await.unwrap();
    let (base, stop, task) = serve(opened).await;
    let (board, photo, _) = card_with_photo(&client(), &base, store.as_ref()).await;
    let before = served(&base, board, photo).await;
    drop(store);

    let dump = tempfile::tempdir().unwrap();
    let file = dump.path().join("samskap.dump");
    let pg_dump = Command::new("pg_dump")
        .args(["--format=custom", "--file"])
        .arg(&file)
        .arg(db.url.secret())
        .output()
        .expect("pg_dump");
    succeeded(&pg_dump);
    stop.send(()).unwrap();
    task.await.unwrap();

    let empty = TestPostgres::new().await;
    let pg_restore = Command::new("pg_restore")
        .args([
            "--no-owner",
            "--exit-on-error",
            "--dbname",
            empty.url.secret(),
        ])
        .arg(&file)
        .output()
        .expect("pg_restore");
    succeeded(&pg_restore);
    let (base, _stop, _task) = serve(empty.open().await).await;
    assert_eq!(served(&base, board, photo).await, before);
    db.drop_db().await;
    empty.drop_db().await;
}

/// A file's permission bits.
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}
