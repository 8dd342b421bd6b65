//! What the log says agrees with what the vault did: the review report, rebuilt from the log
//! alone, recommends a password rotation for exactly the accounts the daemon flags, whatever
//! sequence of grants, releases, settings, revocations, disables, re-enrolments, key rotations
//! and expiries led there; the events stream agrees too (an account is flagged exactly when a
//! rotation.recommended event for it came after its current password was set); and each entry
//! names the action taken and only ids that exist.

use crate::harness::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::time::{Duration, Instant};
use vaultd::tlog::entry::{AuditEntry, Outcome};

/// splitmix64: seeded, deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

const ACCOUNTS: &[&str] = &["facebook-cest", "youtube-cest", "x-cest"];
const ADMINS: &[&str] = &["admin", "admin2"];

fn json(run: &CliRun) -> serde_json::Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

/// The daemon's flags, for every account.
fn daemon_flags(d: &Daemon) -> BTreeMap<String, bool> {
    let listed = json(&cli(&d.identity("auditor"), &["--json", "account", "list"]).ok());
    listed
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["id"].as_str().unwrap().to_owned(),
                a["rotation_recommended"].as_bool().unwrap(),
            )
        })
        .collect()
}

/// The review report's, for the same accounts: the online report, or the offline one over an
/// export verified with the log's key.
fn report_flags(d: &Daemon, offline: bool) -> BTreeMap<String, bool> {
    let auditor = d.identity("auditor");
    let report = if offline {
        let export = d.dir.path().join("facts-export");
        let _ = std::fs::remove_dir_all(&export);
        cli(
            &auditor,
            &["audit", "export", "--out", export.to_str().unwrap()],
        )
        .ok();
        let key = cli(&auditor, &["audit", "key"])
            .ok()
            .stdout
            .trim()
            .to_owned();
        cli(
            std::path::Path::new("/nonexistent"),
            &[
                "audit",
                "report",
                export.to_str().unwrap(),
                "--key",
                &key,
                "--format",
                "json",
            ],
        )
        .ok()
    } else {
        cli(&auditor, &["audit", "report", "--format", "json"]).ok()
    };
    let report = json(&report);
    report["review"]["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["account"].as_str().unwrap().to_owned(),
                !a["rotation_since"].is_null(),
            )
        })
        .collect()
}

/// The daemon's flags and the report's agree, for every account the daemon lists. An expiry
/// may fall between the two readings: then the daemon's flags read before and after the
/// report differ, and the comparison is taken again. Returns how many accounts are flagged.
/// With FACTS_DEBUG set, a disagreement prints the log first.
fn assert_agree(d: &Daemon, offline: bool, context: &str) -> usize {
    for _ in 0..5 {
        let before = daemon_flags(d);
        let report = report_flags(d, offline);
        let after = daemon_flags(d);
        if before != after {
            continue;
        }
        for (account, flagged) in &before {
            let reported = report.get(account).copied().unwrap_or(false);
            if reported != *flagged && std::env::var("FACTS_DEBUG").is_ok() {
                for e in entries(d) {
                    if !e.action.starts_with("audit") && !e.action.ends_with("list") {
                        eprintln!("{}", String::from_utf8(e.to_bytes()).unwrap());
                    }
                }
            }
            assert_eq!(
                reported, *flagged,
                "{context}: {account}: daemon says {flagged}, report says {reported} (daemon {before:?}, report {report:?})"
            );
        }
        return before.values().filter(|f| **f).count();
    }
    panic!("{context}: the daemon's flags kept changing");
}

struct Grant {
    id: String,
    until: Instant,
    grantee: &'static str,
    account: &'static str,
}

/// The state the driver keeps to choose steps that mostly succeed (a refused step is fine too:
/// it is on record and must change nothing).
struct World {
    identities: BTreeMap<&'static str, PathBuf>,
    disabled: BTreeSet<&'static str>,
    grants: Vec<Grant>,
    sg: PathBuf,
    renewals: usize,
    /// Accounts whose password the last step set.
    set: Vec<&'static str>,
}

impl World {
    fn id(&self, who: &'static str) -> &PathBuf {
        &self.identities[who]
    }
}

fn issue(world: &mut World, to: &str, account: &str, window: &str) -> Option<String> {
    let run = cli(
        &world.sg,
        &[
            "grant",
            "issue",
            "--to",
            to,
            "--account",
            account,
            "--for",
            window,
            "--purpose",
            "essai aléatoire",
        ],
    );
    (run.code == 0).then(|| run.stdout.trim().to_owned())
}

fn secs(window: &str) -> u64 {
    window.trim_end_matches(['s', 'h']).parse::<u64>().unwrap()
        * if window.ends_with('h') { 3600 } else { 1 }
}

fn step(d: &Daemon, world: &mut World, rng: &mut Rng) -> String {
    let mut account = rng.pick(ACCOUNTS);
    let mut admin: &'static str = rng.pick(ADMINS);
    let window = rng.pick(&["2s", "1h"]);
    match rng.below(12) {
        0 | 1 => {
            if let Some(id) = issue(world, admin, account, window) {
                world.grants.push(Grant {
                    id,
                    until: Instant::now() + Duration::from_secs(secs(window)),
                    grantee: admin,
                    account,
                });
            }
            format!("issue {admin} {account} {window}")
        }
        2 => {
            let asked = cli(
                world.id(admin),
                &[
                    "grant",
                    "request",
                    account,
                    "--purpose",
                    "demande",
                    "--for",
                    window,
                ],
            );
            if asked.code == 0 {
                let request = asked.stdout.trim().to_owned();
                let approved = cli(&world.sg, &["grant", "approve", "--yes", &request[..8]]);
                if approved.code == 0 {
                    world.grants.push(Grant {
                        id: approved.stdout.trim().to_owned(),
                        until: Instant::now() + Duration::from_secs(secs(window)),
                        grantee: admin,
                        account,
                    });
                }
            }
            format!("request+approve {admin} {account} {window}")
        }
        3..=5 => {
            (admin, account) = holder(world, rng).unwrap_or((admin, account));
            let reason = match rng.below(3) {
                0 => None,
                1 => Some("publication urgente".to_owned()),
                _ => Some("é".repeat(500)),
            };
            let mut args = vec!["credential", "get", account];
            if let Some(reason) = &reason {
                args.extend(["--reason", reason.as_str()]);
            }
            cli(world.id(admin), &args);
            format!(
                "get {admin} {account} reason {:?}",
                reason.map(|r| r.chars().count())
            )
        }
        6 => {
            (admin, account) = holder(world, rng).unwrap_or((admin, account));
            let set = cli_stdin(
                world.id(admin),
                &[
                    "secret",
                    "set",
                    account,
                    "--password-stdin",
                    "--reason",
                    "changé sur la plateforme",
                ],
                "Nouveau-Mot-De-Passe-1\n",
            );
            if set.code == 0 {
                world.set.push(account);
            }
            format!("admin secret set {admin} {account}")
        }
        7 => {
            if !world.grants.is_empty() {
                let grant = world.grants.remove(rng.below(world.grants.len()));
                cli(
                    &world.sg,
                    &["grant", "revoke", &grant.id, "--reason", "fin du mandat"],
                );
            }
            "revoke".to_owned()
        }
        8 => {
            let op = d.identity("operator");
            if world.disabled.contains(admin) {
                reenrol(d, world, admin);
                format!("re-enrol {admin}")
            } else {
                cli(&op, &["principal", "disable", admin]).ok();
                world.disabled.insert(admin);
                format!("disable {admin}")
            }
        }
        9 => {
            if world.disabled.remove(admin) {
                cli(&d.identity("operator"), &["principal", "enable", admin]).ok();
            }
            format!("enable {admin}")
        }
        10 => {
            rotate_authority(d, world);
            "authority rotate".to_owned()
        }
        _ => {
            // The soonest short grant's end, waited for on the daemon's own word.
            if let Some(grant) = world
                .grants
                .iter()
                .filter(|g| {
                    g.until > Instant::now() && g.until < Instant::now() + Duration::from_secs(3)
                })
                .min_by_key(|g| g.until)
            {
                let id = grant.id.clone();
                wait_until("a short grant to expire", Duration::from_secs(10), || {
                    let listed =
                        json(&cli(&d.identity("auditor"), &["--json", "grant", "list"]).ok());
                    listed["grants"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|g| g["id"] == id.as_str() && g["state"] != "active")
                });
            }
            "wait for an expiry".to_owned()
        }
    }
}

/// Mostly a grantee and account of a grant issued before (which may have ended since), so
/// that releases and settings often succeed.
fn holder(world: &World, rng: &mut Rng) -> Option<(&'static str, &'static str)> {
    if world.grants.is_empty() || rng.below(4) == 0 {
        return None;
    }
    let grant = &world.grants[rng.below(world.grants.len())];
    Some((grant.grantee, grant.account))
}

/// A disabled principal enrolled again with a new key (its live grants revoked).
fn reenrol(d: &Daemon, world: &mut World, who: &'static str) {
    world.renewals += 1;
    let fresh = d.dir.path().join(format!("{who}-{}.id", world.renewals));
    cli(
        std::path::Path::new("/nonexistent"),
        &[
            "identity",
            "new",
            "--name",
            who,
            "--plain",
            "--out",
            fresh.to_str().unwrap(),
        ],
    )
    .ok();
    let enrollment = fresh.with_extension("enrollment");
    cli(
        &d.identity("operator"),
        &[
            "principal",
            "enroll",
            fresh.with_extension("csr").to_str().unwrap(),
            "--role",
            "admin",
            "--out",
            enrollment.to_str().unwrap(),
        ],
    )
    .ok();
    cli(
        &fresh,
        &["identity", "install", enrollment.to_str().unwrap()],
    )
    .ok();
    world.disabled.remove(who);
    world.identities.insert(who, fresh);
}

/// Pins a new authority key, signed by the current one; the SG's identity signs with it from
/// now on.
fn rotate_authority(d: &Daemon, world: &mut World) {
    world.renewals += 1;
    let next = d.dir.path().join(format!("sg-{}.id", world.renewals));
    let key = vaultd::authz::grant::SigningKey::generate();
    vaultd::identity::Identity::load(&world.sg, || None)
        .unwrap()
        .with_signing_key(&key)
        .save_plain(&next, false)
        .unwrap();
    cli(
        &world.sg,
        &[
            "authority",
            "rotate",
            "--new-identity",
            next.to_str().unwrap(),
        ],
    )
    .ok();
    world.sg = next;
}

#[test]
fn the_review_recommends_rotation_for_exactly_the_accounts_the_daemon_flags() {
    const STEPS: usize = 40;
    for seed in [1_u64, 2, 3] {
        let d = Daemon::dev();
        let mut world = World {
            identities: ADMINS.iter().map(|a| (*a, d.identity(a))).collect(),
            disabled: BTreeSet::new(),
            grants: Vec::new(),
            sg: d.identity("authority"),
            renewals: 0,
            set: Vec::new(),
        };
        let mut rng = Rng(seed);
        let mut done = Vec::new();
        let mut flagged = 0;
        let mut events = Events::follow(&d);
        for i in 0..STEPS {
            let before = events.read();
            world.set.clear();
            done.push(step(&d, &mut world, &mut rng));
            let after = events.read();
            for account in &world.set {
                events
                    .password_set
                    .insert(account.to_string(), (before, after));
            }
            let context = format!("seed {seed}, step {i}: {}", done.join(" / "));
            // The offline report every tenth step, the online one otherwise.
            flagged += assert_agree(&d, i % 10 == 9, &context);
            events.assert_agree(&d, &context);
        }
        // Not a vacuous agreement: each sequence led somewhere a rotation is due.
        assert!(flagged > 0, "seed {seed}: no step flagged any account");
    }
}

/// The rotation.recommended events a follower saw, and when each account's password was last
/// set in the stream's order: the last seq read before the step that set it, and after.
struct Events {
    follower: crate::events::Follower,
    last: u64,
    rotations: Vec<(u64, String)>,
    password_set: BTreeMap<String, (u64, u64)>,
}

impl Events {
    fn follow(d: &Daemon) -> Events {
        Events {
            follower: crate::events::Follower::open(&d.identity("notifier"), 0).unwrap(),
            last: 0,
            rotations: Vec::new(),
            password_set: BTreeMap::new(),
        }
    }

    /// Reads what committed so far; answers the last seq.
    fn read(&mut self) -> u64 {
        while let Some(event) = self.follower.next(Duration::from_millis(200)) {
            self.last = event.seq;
            if event.kind == "rotation.recommended" {
                self.rotations.push((event.seq, event.accounts.join(",")));
            }
        }
        self.last
    }

    /// Whether a rotation.recommended event for `account` came after `seq`.
    fn recommended_after(&self, account: &str, seq: u64) -> bool {
        self.rotations.iter().any(|(s, a)| *s > seq && a == account)
    }

    /// Flagged accounts had their event after their password was set; others had none since.
    /// The clock writes an expiry's event within a second or so of the end the daemon's flag
    /// reads at once: a flag without its event yet is looked at again for a few seconds.
    fn assert_agree(&mut self, d: &Daemon, context: &str) {
        let deadline = Instant::now() + Duration::from_secs(6);
        loop {
            let before = daemon_flags(d);
            self.read();
            if before != daemon_flags(d) {
                continue;
            }
            let mut late = None;
            for (account, flagged) in &before {
                let (set_before, set_after) =
                    self.password_set.get(account).copied().unwrap_or((0, 0));
                if *flagged && !self.recommended_after(account, set_before) {
                    late = Some(account.clone());
                }
                if !flagged {
                    assert!(
                        !self.recommended_after(account, set_after),
                        "{context}: {account} is not flagged but an event recommends rotation ({:?}, set {set_after})",
                        self.rotations
                    );
                }
            }
            match late {
                None => return,
                Some(account) => assert!(
                    Instant::now() < deadline,
                    "{context}: {account} is flagged but no event recommended rotation ({:?})",
                    self.rotations
                ),
            }
        }
    }
}

/// Every audit entry, as the auditor reads them.
fn entries(d: &Daemon) -> Vec<AuditEntry> {
    let out = cli(
        &d.identity("auditor"),
        &["--json", "audit", "log", "--limit", "100000"],
    )
    .ok();
    serde_json::from_str(&out.stdout).unwrap()
}

fn grant_ids(d: &Daemon) -> BTreeSet<String> {
    let listed = json(&cli(&d.identity("auditor"), &["--json", "grant", "list"]).ok());
    listed["grants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["id"].as_str().unwrap().to_owned())
        .collect()
}

fn request(d: &Daemon) -> String {
    cli(
        &d.identity("admin"),
        &[
            "grant",
            "request",
            "youtube-cest",
            "--purpose",
            "Vidéo annuelle",
            "--for",
            "1h",
        ],
    )
    .ok()
    .stdout
    .trim()
    .to_owned()
}

#[test]
fn an_approval_is_logged_as_an_approval_naming_only_ids_that_exist() {
    let d = Daemon::dev();
    let sg = d.identity("authority");
    let request = request(&d);
    let before = entries(&d).len();
    let grant = cli(&sg, &["grant", "approve", "--yes", &request[..8]])
        .ok()
        .stdout
        .trim()
        .to_owned();
    let new = entries(&d).split_off(before);
    let by_sg: Vec<&AuditEntry> = new.iter().filter(|e| e.principal == "authority").collect();
    assert!(!by_sg.is_empty());
    for e in &by_sg {
        assert_eq!(e.action, "grant.approve", "{e:?}");
        assert_eq!(e.outcome, Outcome::Allowed, "{e:?}");
        assert!(
            !e.target.contains(&request[..8]) || e.target.contains(&request),
            "{e:?}"
        );
    }
    assert!(by_sg
        .iter()
        .any(|e| e.grant.as_deref() == Some(grant.as_str())));
    assert!(by_sg.iter().any(|e| e.target == request), "{by_sg:#?}");

    // Approving it again is refused: the refusal is an approval's, and names no grant that
    // was never registered.
    let before = entries(&d).len();
    cli(&sg, &["grant", "approve", "--yes", &request]).refused("");
    let new = entries(&d).split_off(before);
    let existing = grant_ids(&d);
    let by_sg: Vec<&AuditEntry> = new.iter().filter(|e| e.principal == "authority").collect();
    assert!(
        by_sg
            .iter()
            .any(|e| e.action == "grant.approve" && e.outcome == Outcome::Denied),
        "{by_sg:#?}"
    );
    for e in &by_sg {
        assert_eq!(e.action, "grant.approve", "{e:?}");
        if let Some(g) = &e.grant {
            assert!(existing.contains(g), "{g} exists nowhere: {e:?}");
        }
    }

    // An unknown prefix: refused as an approval too.
    let before = entries(&d).len();
    cli(&sg, &["grant", "approve", "--yes", "0000000000"]).refused("");
    let new = entries(&d).split_off(before);
    let refused: Vec<&AuditEntry> = new.iter().filter(|e| e.principal == "authority").collect();
    assert_eq!(refused.len(), 1, "{refused:#?}");
    assert_eq!(
        (refused[0].action.as_str(), refused[0].outcome),
        ("grant.approve", Outcome::Denied)
    );
    assert_eq!(refused[0].grant, None);
}

#[test]
fn a_refused_registration_names_no_grant_that_was_never_registered() {
    let d = Daemon::dev();
    let sg = d.identity("authority");
    let request = request(&d);
    let first = cli(&sg, &["grant", "approve", "--yes", &request])
        .ok()
        .stdout
        .trim()
        .to_owned();
    // A client that skips the read signs a second grant for the decided request.
    let authority = vaultd::identity::Identity::load(&sg, || None).unwrap();
    let key = authority.signing_key().unwrap();
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let body = |id: String| vaultd::authz::grant::GrantBody {
        id,
        grantee: "admin".into(),
        accounts: vec!["youtube-cest".into()],
        purpose: "Vidéo annuelle".into(),
        not_before: now,
        not_after: now + 3600,
        max_uses: None,
        issued_at: now,
        key_id: key.key_id(),
        request: Some(request.clone()),
    };
    let second = vaultd::ids::new_id();
    let before = entries(&d).len();
    block_on(async {
        let channel = vaultd::wire::client::connect(&authority, None)
            .await
            .unwrap();
        let mut grants = vaultd::wire::pb::grants_client::GrantsClient::new(channel);
        for id in [second.clone(), first.clone()] {
            let signed = body(id).encode();
            let signature = key.sign(&signed);
            grants
                .register(vaultd::wire::pb::RegisterGrant { signed, signature })
                .await
                .unwrap_err();
        }
    });
    let new = entries(&d).split_off(before);
    let refused: Vec<&AuditEntry> = new.iter().filter(|e| e.action == "grant.approve").collect();
    assert_eq!(refused.len(), 2, "{refused:#?}");
    // The decided request: named by its id, no grant. The duplicate: the grant that exists.
    assert_eq!(refused[0].outcome, Outcome::Denied);
    assert_eq!(refused[0].grant, None, "{:?}", refused[0]);
    assert_eq!(
        refused[0].detail.as_deref(),
        Some(format!("request={request}").as_str())
    );
    assert_eq!(refused[1].grant.as_deref(), Some(first.as_str()));
    assert!(!grant_ids(&d).contains(&second));
}
