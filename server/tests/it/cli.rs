//! The `samskap` binary's command line: creating the first lead, and one-line errors.

use crate::support::TestSqlite;
use samskap_app::server::password;
use samskap_domain::account::model::Role;
use std::io::Write;
use std::process::{Command, Stdio};

fn samskap(db: &TestSqlite) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_samskap"));
    cmd.env("DATABASE_URL", db.url.to_string())
        .env("SAMSKAP_LOG", "warn");
    cmd
}

#[tokio::test]
async fn user_add_takes_the_password_from_stdin() {
    let db = TestSqlite::new();
    let mut child = samskap(&db)
        .args([
            "user",
            "add",
            "--role",
            "lead",
            "--email",
            "Kari@Halden.kommune.no",
            "--name",
            "Kari",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"et langt og godt passord\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains("et langt"),
        "a typed password is not echoed"
    );

    let (user, hash) = db
        .open()
        .await
        .store
        .account_with_hash("kari@halden.kommune.no")
        .await
        .unwrap()
        .unwrap();
    // The first lead of an installation with no programme yet runs the installation
    // and sets the programme up after signing in.
    assert_eq!(
        (user.operator, user.display_name.as_str(), user.active),
        (true, "Kari", true)
    );
    assert!(password::verify("et langt og godt passord", &hash));
}

#[tokio::test]
async fn user_add_generates_and_prints_a_password_once() {
    let db = TestSqlite::new();
    crate::support::save_programme(db.open().await.store.as_ref()).await;
    let out = samskap(&db)
        .args(["user", "add", "--role", "viewer", "--email", "se@halden.no"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let printed = stdout.trim().rsplit(' ').next().unwrap().to_string();
    let (_, hash) = db
        .open()
        .await
        .store
        .account_with_hash("se@halden.no")
        .await
        .unwrap()
        .unwrap();
    assert!(
        password::verify(&printed, &hash),
        "the printed password works: {stdout}"
    );
}

fn run(db: &TestSqlite, args: &[&str]) -> (bool, String, String) {
    let out = samskap(db)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// An operator adds a second municipality and its lead; accounts then join a named
/// programme, each with its own role there.
#[tokio::test]
async fn programme_add_creates_a_programme_and_its_lead() {
    let db = TestSqlite::new();
    let halden = crate::support::save_programme(db.open().await.store.as_ref()).await;
    let add = [
        "programme",
        "add",
        "--name",
        "Sarpsborg sentrum",
        "--area",
        "Sarpsborg kommune",
        "--start",
        "2025",
        "--end",
        "2029",
        "--budget",
        "3000000",
        "--lead",
        "Ola@Sarpsborg.no",
    ];
    let (ok, stdout, stderr) = run(&db, &add);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("password (shown once)"), "{stdout}");
    let store = db.open().await.store;
    let programmes = store.programmes().await.unwrap();
    assert_eq!(programmes.len(), 2);
    let sarpsborg = programmes[1].id;
    let (ola, _) = store
        .account_with_hash("ola@sarpsborg.no")
        .await
        .unwrap()
        .unwrap();
    let lead = store.member(sarpsborg, ola.id).await.unwrap().unwrap();
    assert_eq!(lead.role, Role::Lead);
    assert_eq!(store.member(halden, ola.id).await.unwrap(), None);
    let fields = store.programme(sarpsborg).await.unwrap().unwrap().fields;
    assert_eq!(
        (fields.start_year, fields.yearly_budget_nok),
        (2025, 3_000_000)
    );

    // The slug is made from the name, and a second programme may not take it.
    let (ok, _, stderr) = run(&db, &add);
    assert!(
        !ok && stderr.contains("another programme has the slug \"sarpsborg-sentrum\""),
        "{stderr}"
    );
    assert_eq!(store.programmes().await.unwrap().len(), 2);
    let (ok, listed, _) = run(&db, &["programme", "list"]);
    assert!(
        ok && listed.contains(&format!(
            "{sarpsborg}  sarpsborg-sentrum  Sarpsborg sentrum"
        )),
        "{listed}"
    );

    // With two programmes, an account must name the one it joins.
    let (ok, _, stderr) = run(&db, &["user", "add", "--role", "core", "--email", "k@s.no"]);
    assert!(!ok && stderr.contains("--programme"), "{stderr}");
    let sarpsborg_arg = sarpsborg.to_string();
    let (ok, _, stderr) = run(
        &db,
        &[
            "user",
            "add",
            "--role",
            "core",
            "--email",
            "k@s.no",
            "--programme",
            &sarpsborg_arg,
        ],
    );
    assert!(ok, "{stderr}");
    let (k, _) = store.account_with_hash("k@s.no").await.unwrap().unwrap();
    assert_eq!(
        store.member(sarpsborg, k.id).await.unwrap().unwrap().role,
        Role::Core
    );
    assert_eq!(store.member(halden, k.id).await.unwrap(), None);
    // An existing account joins another programme with a role of its own there.
    let halden_arg = halden.to_string();
    let (ok, stdout, stderr) = run(
        &db,
        &[
            "user",
            "add",
            "--role",
            "viewer",
            "--email",
            "K@s.no",
            "--programme",
            &halden_arg,
        ],
    );
    assert!(
        ok && stdout.contains("existing account"),
        "{stdout} {stderr}"
    );
    assert_eq!(
        store.member(halden, k.id).await.unwrap().unwrap().role,
        Role::Viewer
    );
    assert_eq!(
        store.member(sarpsborg, k.id).await.unwrap().unwrap().role,
        Role::Core
    );
    let (ok, _, stderr) = run(
        &db,
        &[
            "user",
            "add",
            "--role",
            "lead",
            "--email",
            "k@s.no",
            "--programme",
            &halden_arg,
        ],
    );
    assert!(
        !ok && stderr.contains("member of that programme already"),
        "{stderr}"
    );

    // Bad input changes nothing.
    let mut reversed = add;
    reversed[9] = "2020";
    let (ok, _, stderr) = run(&db, &reversed);
    assert!(!ok && stderr.contains("--end"), "{stderr}");
    assert_eq!(store.programmes().await.unwrap().len(), 2);
}

#[test]
fn bad_input_gets_one_line_and_a_failing_exit() {
    let db = TestSqlite::new();
    let cases: [(&[&str], &str); 4] = [
        (
            &["user", "add", "--role", "boss", "--email", "a@b.no"],
            "expected one of",
        ),
        (
            &["user", "add", "--role", "lead", "--email", "not-an-email"],
            "not a valid email",
        ),
        (
            &["--database-url", "mysql://root:secret@db/x"],
            "DATABASE_URL",
        ),
        (&["--database-url", "sqlite://"], "DATABASE_URL"),
    ];
    for (args, expected) in cases {
        let out = samskap(&db)
            .args(args)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} should fail");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
        assert!(
            !stderr.contains("secret"),
            "no password in errors: {stderr}"
        );
    }
    let out = samskap(&db)
        .args(["--database-url", "mysql://root:secret@db/x"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim().lines().count(),
        1,
        "one line"
    );
    let short = samskap(&db)
        .args(["user", "add", "--role", "lead", "--email", "a@b.no"])
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    let mut short = short;
    short.stdin.take().unwrap().write_all(b"kort\n").unwrap();
    let out = short.wait_with_output().unwrap();
    assert!(!out.status.success(), "a short password is refused");
}
