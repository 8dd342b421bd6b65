//! kill -9 while `secret set` calls are in flight leaves every version whole: each one either
//! exists with all its sealed fields opening under the data key, or does not exist at all.

use crate::harness::*;
use std::process::Command;
use std::time::Duration;

#[test]
fn kill_9_during_secret_set_leaves_no_torn_version() {
    let dir = tempfile::tempdir().unwrap();
    let (data, operator, key, address) = init_vault(dir.path(), None);
    let mut daemon = Daemon::serve(dir, &data, &address, Some(&key));
    daemon.wait_serving_as(&operator);
    cli(
        &operator,
        &[
            "account",
            "add",
            "blog-cest",
            "--platform",
            "blog",
            "--login",
            "blog",
        ],
    )
    .ok();

    // Writers that keep appending versions (password + TOTP seed) until the daemon dies.
    let writers: Vec<_> = (0..3)
        .map(|w| {
            let operator = operator.clone();
            std::thread::spawn(move || {
                let mut stored = 0;
                for i in 0..200 {
                    let input = format!("Pw-{w}-{i}-abcdef\nJBSWY3DPEHPK3PXP\n");
                    let run = cli_stdin(
                        &operator,
                        &[
                            "secret",
                            "set",
                            "blog-cest",
                            "--password-stdin",
                            "--totp-seed-stdin",
                            "--reason",
                            "crash test",
                        ],
                        &input,
                    );
                    if run.code != 0 {
                        break;
                    }
                    stored += 1;
                }
                stored
            })
        })
        .collect();
    let db = data.join("vault.db");
    wait_until("a few versions", Duration::from_secs(60), || {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.query_row("SELECT count(*) FROM secret_versions", [], |r| {
            r.get::<_, i64>(0)
        })
        .unwrap_or(0)
            >= 6
    });
    daemon.kill9();
    // With the daemon gone, nobody answers on its address: closing it refuses the writers'
    // next calls (a held socket would queue them).
    drop(address);
    let acknowledged: i64 = writers.into_iter().map(|w| w.join().unwrap()).sum();

    // Every acknowledged version survived; every stored version is whole and opens.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let versions: i64 = conn
        .query_row("SELECT count(*) FROM secret_versions", [], |r| r.get(0))
        .unwrap();
    assert!(
        versions >= acknowledged,
        "{versions} stored < {acknowledged} acknowledged"
    );
    let torn: i64 = conn
        .query_row(
            "SELECT count(*) FROM secret_versions v WHERE (SELECT count(*) FROM secret_fields f
               WHERE f.account_id = v.account_id AND f.version = v.version) <> 2",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(torn, 0, "a version lacks a field");
    drop(conn);
    let check = Command::new(VAULTD)
        .args(["check", "--data-dir"])
        .arg(&data)
        .arg("--unseal-identity")
        .arg(&key)
        .env("LANG", "en_CA.UTF-8")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    // 2 fields per version.
    assert!(
        stdout.contains(&format!(
            "{} sealed values opened, all intact",
            versions * 2
        )),
        "{stdout}"
    );

    // And the daemon starts again on it, at another address.
    let restarted = tempfile::tempdir().unwrap();
    let mut again = Daemon::serve(restarted, &data, &Address::new(), Some(&key));
    let server = again.url.clone();
    again.wait_serving_as(&operator);
    let history = cli(
        &operator,
        &[
            "--server",
            &server,
            "--json",
            "secret",
            "history",
            "blog-cest",
        ],
    )
    .ok();
    let list: Vec<serde_json::Value> = serde_json::from_str(&history.stdout).unwrap();
    assert_eq!(list.len() as i64, versions);
    let numbers: Vec<i64> = list
        .iter()
        .map(|v| v["version"].as_i64().unwrap())
        .collect();
    assert_eq!(
        numbers,
        (1..=versions).collect::<Vec<_>>(),
        "versions are contiguous"
    );
}
