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
        .user_with_hash("kari@halden.kommune.no")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (user.role, user.display_name.as_str(), user.active),
        (Role::Lead, "Kari", true)
    );
    assert!(password::verify("et langt og godt passord", &hash));
}

#[tokio::test]
async fn user_add_generates_and_prints_a_password_once() {
    let db = TestSqlite::new();
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
        .user_with_hash("se@halden.no")
        .await
        .unwrap()
        .unwrap();
    assert!(
        password::verify(&printed, &hash),
        "the printed password works: {stdout}"
    );
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
