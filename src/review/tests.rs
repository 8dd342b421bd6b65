use super::hours::BusinessHours;
use super::*;
use crate::tlog::action::Action;
use crate::tlog::detail::Detail;
use crate::tlog::entry::{AuditDraft, AuditEntry, Outcome};

/// A small log: entries are made with the daemon's own detail forms.
struct Log(Vec<AuditEntry>);

impl Log {
    /// One argument per entry field, as the entry reads.
    #[allow(clippy::too_many_arguments)]
    fn add(
        &mut self,
        time: &str,
        principal: &str,
        action: Action,
        target: &str,
        outcome: Outcome,
        grant: Option<&str>,
        detail: Option<String>,
    ) {
        let seq = self.0.len() as u64;
        self.0.push(
            AuditDraft {
                principal: principal.into(),
                action,
                targets: target.split(',').map(str::to_owned).collect(),
                outcome,
                reason: (outcome == Outcome::Denied).then(|| "no_grant".to_owned()),
                grant: grant.map(str::to_owned),
                request_id: format!("r{seq}"),
                peer: "127.0.0.1:1".into(),
                detail,
            }
            .into_entry(seq, time.into()),
        );
    }

    fn ok(&mut self, time: &str, who: &str, action: Action, target: &str, detail: &str) {
        let detail = (!detail.is_empty()).then(|| detail.to_owned());
        self.add(time, who, action, target, Outcome::Allowed, None, detail);
    }

    fn grant(&mut self, time: &str, by: &str, id: &str, grantee: &str, account: &str, until: &str) {
        let detail = Detail::default()
            .with("grantee", grantee)
            .with("from", "2026-11-02T00:00:00Z")
            .with("until", until)
            .with("key", "k1")
            .text("purpose", "Campagne d'automne");
        self.add(
            time,
            by,
            Action::GrantIssue,
            account,
            Outcome::Allowed,
            Some(id),
            Some(detail),
        );
    }

    fn get(&mut self, time: &str, who: &str, account: &str, grant: &str, field: &str) {
        self.add(
            time,
            who,
            Action::CredentialGet,
            account,
            Outcome::Allowed,
            Some(grant),
            Some(field.into()),
        );
    }

    fn review(&self, period: Period) -> Review {
        let mut reviewer = Reviewer::new(period, BusinessHours::default());
        self.0.iter().for_each(|e| reviewer.add(&e.view()));
        reviewer.finish()
    }
}

fn sample() -> Log {
    let mut log = Log(Vec::new());
    let roles = |r: &str| {
        Detail::words("certificate ab until 2029-01-01T00:00:00Z")
            .with("roles", r)
            .build()
    };
    log.ok(
        "2026-11-02T13:00:00.000Z",
        "vaultd-init",
        Action::PrincipalEnroll,
        "operator",
        &roles("operator"),
    );
    log.ok(
        "2026-11-02T13:00:01.000Z",
        "operator",
        Action::PrincipalEnroll,
        "sg",
        &roles("authority"),
    );
    log.ok(
        "2026-11-02T13:00:02.000Z",
        "operator",
        Action::PrincipalEnroll,
        "admin",
        &roles("admin"),
    );
    log.ok(
        "2026-11-02T13:00:03.000Z",
        "operator",
        Action::PrincipalEnroll,
        "auditor",
        &roles("auditor"),
    );
    log.ok(
        "2026-11-02T13:00:04.000Z",
        "operator",
        Action::AccountAdd,
        "facebook",
        "",
    );
    log.ok(
        "2026-11-02T13:00:05.000Z",
        "operator",
        Action::SecretSet,
        "facebook",
        "v1 fields=password,totp",
    );
    log.ok(
        "2026-11-02T13:00:06.000Z",
        "operator",
        Action::AccountAdd,
        "youtube",
        "",
    );
    // g1: admin, facebook, used on a Monday at 10:00 Montreal and on a Saturday.
    log.grant(
        "2026-11-02T14:00:00.000Z",
        "sg",
        "g1",
        "admin",
        "facebook",
        "2026-11-20T00:00:00Z",
    );
    log.get(
        "2026-11-02T15:00:00.000Z",
        "admin",
        "facebook",
        "g1",
        "password v1",
    );
    log.get(
        "2026-11-07T15:00:00.000Z",
        "admin",
        "facebook",
        "g1",
        "totp",
    );
    // g2: the authority grants herself youtube; never used.
    log.grant(
        "2026-11-03T14:00:00.000Z",
        "sg",
        "g2",
        "sg",
        "youtube",
        "2026-11-10T00:00:00Z",
    );
    // g3: to the auditor (not an administrator), revoked.
    log.grant(
        "2026-11-04T14:00:00.000Z",
        "sg",
        "g3",
        "auditor",
        "facebook",
        "2026-12-31T00:00:00Z",
    );
    log.add(
        "2026-11-04T15:00:00.000Z",
        "sg",
        Action::GrantRevoke,
        "g3",
        Outcome::Allowed,
        Some("g3"),
        Some(
            Detail::default()
                .with("grantee", "auditor")
                .text("reason", "erreur de destinataire"),
        ),
    );
    log.add(
        "2026-11-05T15:00:00.000Z",
        "auditor",
        Action::CredentialGet,
        "facebook",
        Outcome::Denied,
        None,
        Some("password".into()),
    );
    log.add(
        "2026-11-06T15:00:00.000Z",
        "sg",
        Action::GrantDeny,
        "req9",
        Outcome::Allowed,
        None,
        Some(
            Detail::default()
                .with("request", "req9")
                .with("requester", "admin")
                .with("accounts", "youtube")
                .text("reason", "pas nécessaire"),
        ),
    );
    log.ok(
        "2026-11-21T15:00:00.000Z",
        "operator",
        Action::VaultUnseal,
        "vault",
        "escrow key age1xyz",
    );
    // The authority's key is rotated while g3's window is open (g3 is revoked: not cut short).
    log.ok(
        "2026-11-22T15:00:00.000Z",
        "sg",
        Action::AuthorityRotate,
        "authority-key",
        "key k2",
    );
    log.ok(
        "2026-11-25T15:00:00.000Z",
        "auditor",
        Action::AuditExport,
        "audit-log",
        "",
    );
    log
}

#[test]
fn a_review_lists_releases_grants_denials_and_events_from_the_log_alone() {
    let review = sample().review(Period::default());
    assert_eq!(review.entries_total, 18);
    assert_eq!(review.entries_in_period, 18);
    let facebook = review
        .accounts
        .iter()
        .find(|a| &*a.account == "facebook")
        .unwrap();
    let fields: Vec<&str> = facebook
        .releases
        .iter()
        .map(|r| review.name(r.field))
        .collect();
    assert_eq!(fields, ["password v1", "totp"]);
    // Monday 10:00 in Montreal is within hours; Saturday is not.
    let off: Vec<bool> = facebook.releases.iter().map(|r| r.off_hours).collect();
    assert_eq!(off, [false, true]);
    assert_eq!(review.off_hours_releases, 1);
    assert_eq!(facebook.denials.len(), 1);
    let denial = &review.denials[facebook.denials[0]];
    assert_eq!(review.name(denial.principal), "auditor");

    // In JSON, names stand in for their numbers, and times read as the entries wrote them.
    let json = serde_json::to_value(&review).unwrap();
    let account = json["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["account"] == "facebook")
        .unwrap();
    let release = &account["releases"][0];
    assert_eq!(release["field"], "password v1");
    assert_eq!(
        release["principal"],
        review.name(facebook.releases[0].principal)
    );
    assert_eq!(release["grant"], "g1");
    assert_eq!(release["time"].as_str().unwrap().len(), 24, "{release}");
    let denied = &json["denials"][account["denials"][0].as_u64().unwrap() as usize];
    assert_eq!(denied["principal"], "auditor");
    assert_eq!(denied["target"], "facebook");
    assert_eq!(denied["reason"], review.name(denial.reason().unwrap()));

    let grant = |id: &str| review.grants.iter().find(|g| &*g.id == id).unwrap();
    let g1 = grant("g1");
    assert_eq!(g1.grantee.as_deref(), Some("admin"));
    assert_eq!(g1.purpose.as_deref(), Some("Campagne d'automne"));
    assert_eq!(
        (g1.releases, g1.self_grant, g1.to_non_admin),
        (2, false, false)
    );
    let g2 = grant("g2");
    assert!(g2.self_grant && g2.expired_unused, "{g2:?}");
    let g3 = grant("g3");
    assert!(g3.to_non_admin && !g3.expired_unused);
    let revoked = g3.revoked.as_ref().unwrap();
    assert_eq!(revoked.reason.as_deref(), Some("erreur de destinataire"));

    // g1 had ended by the rotation, g3 was revoked: none cut short.
    assert!(review.grants.iter().all(|g| g.superseded.is_none()));
    let denied = &review.denied_requests[0];
    assert_eq!(denied.requester.as_deref(), Some("admin"));
    assert_eq!(denied.reason.as_deref(), Some("pas nécessaire"));

    // g1 ended on 2026-11-20 with the password released under it: rotation since then.
    assert_eq!(
        facebook.rotation_since.as_deref(),
        Some("2026-11-20T00:00:00Z")
    );
    let youtube = review
        .accounts
        .iter()
        .find(|a| &*a.account == "youtube")
        .unwrap();
    assert_eq!(youtube.rotation_since, None);

    let actions: Vec<&str> = review.admin_events.iter().map(|e| &*e.action).collect();
    assert_eq!(
        actions,
        [
            "principal.enroll",
            "principal.enroll",
            "principal.enroll",
            "principal.enroll",
            "account.add",
            "secret.set",
            "account.add",
            "vault.unseal",
            "authority.rotate"
        ]
    );
}

#[test]
fn a_new_password_ends_the_recommendation_and_a_period_bounds_lists_and_states() {
    let mut log = sample();
    log.ok(
        "2026-11-26T15:00:00.000Z",
        "operator",
        Action::SecretSet,
        "facebook",
        "v2 fields=password",
    );
    let review = log.review(Period::default());
    let facebook = review
        .accounts
        .iter()
        .find(|a| &*a.account == "facebook")
        .unwrap();
    assert_eq!(facebook.rotation_since, None);
    assert_eq!(facebook.password_version, Some(2));

    // A TOTP-only version does not end it.
    let mut log = sample();
    log.ok(
        "2026-11-26T15:00:00.000Z",
        "operator",
        Action::SecretSet,
        "facebook",
        "v2 fields=totp",
    );
    let review = log.review(Period::default());
    let facebook = review
        .accounts
        .iter()
        .find(|a| &*a.account == "facebook")
        .unwrap();
    assert!(facebook.rotation_since.is_some());

    // 3–10 November: g1's use on the 2nd is out, the Saturday one in; states as of the 10th:
    // g1 has not ended yet, so no rotation; g2 (until the 10th) expired unused.
    let period = Period {
        from: crate::times::parse_time("2026-11-03T00:00:00Z"),
        to: crate::times::parse_time("2026-11-10T00:00:00Z"),
    };
    let review = sample().review(period);
    assert_eq!(review.entries_total, 18);
    assert_eq!(review.entries_in_period, 6);
    let facebook = review
        .accounts
        .iter()
        .find(|a| &*a.account == "facebook")
        .unwrap();
    assert_eq!(facebook.releases.len(), 1);
    assert_eq!(facebook.rotation_since, None);
    let ids: Vec<&str> = review.grants.iter().map(|g| &*g.id).collect();
    assert_eq!(ids, ["g1", "g2", "g3"]);
    assert!(review.grants[1].expired_unused);
    assert!(!review.grants[0].issued_in_period && review.grants[0].releases_in_period == 1);
    assert!(review.admin_events.is_empty());
    assert_eq!(review.as_of.as_deref(), Some("2026-11-10T00:00:00Z"));
}

#[test]
fn a_new_authority_key_cuts_short_the_grants_the_old_one_signed() {
    let mut log = sample();
    log.grant(
        "2026-11-23T14:00:00.000Z",
        "sg",
        "g4",
        "admin",
        "youtube",
        "2026-12-31T00:00:00Z",
    );
    log.ok(
        "2026-11-24T15:00:00.000Z",
        "sg",
        Action::AuthorityRotate,
        "authority-key",
        "key k3",
    );
    let review = log.review(Period::default());
    let g4 = review.grants.iter().find(|g| &*g.id == "g4").unwrap();
    assert_eq!(g4.key.as_deref(), Some("k1"));
    assert_eq!(g4.superseded.as_deref(), Some("2026-11-24T15:00:00.000Z"));
    let cut = review.grants.iter().filter(|g| g.superseded.is_some());
    assert_eq!(cut.count(), 1);
}

#[test]
fn the_fast_json_writer_writes_the_same_bytes_as_serde() {
    let mut log = sample();
    // Names that JSON must escape: a refused target becomes a quoted excerpt; a field with a
    // quote and an accent; a time before 1970.
    log.add(
        "2026-11-30T03:00:00Z",
        "auditor",
        Action::CredentialGet,
        "bad\"name\\é",
        Outcome::Denied,
        None,
        None,
    );
    log.get(
        "2026-11-30T03:00:01.5Z",
        "admin",
        "facebook",
        "g1",
        "pass\"word é",
    );
    log.get(
        "1969-12-31T23:59:59.999Z",
        "admin",
        "facebook",
        "nope",
        "totp",
    );
    // Enough releases and denials for several blocks, written on every core.
    for i in 0..9_000 {
        let time = format!(
            "2026-12-01T00:{:02}:{:02}.{:03}Z",
            i / 600,
            i / 10 % 60,
            i % 1000
        );
        log.get(&time, "admin", "facebook", "g1", "password v1");
        if i % 2 == 0 {
            log.add(
                &time,
                "x",
                Action::CredentialGet,
                "facebook",
                Outcome::Denied,
                None,
                None,
            );
        }
    }
    for period in [
        Period::default(),
        Period {
            from: crate::times::parse_time("2026-11-10T00:00:00Z"),
            to: None,
        },
    ] {
        let review = log.review(period);
        let mut fast = Vec::new();
        review.write_json(&mut fast).unwrap();
        let fast = String::from_utf8(fast).unwrap();
        assert_eq!(fast, serde_json::to_string(&review).unwrap());
        assert!(fast.contains("pass\\\"word é"), "{fast}");
    }
}

#[test]
fn every_action_is_an_administrative_event_exactly_when_its_type_says_so() {
    let mut log = Log(Vec::new());
    for action in Action::ALL {
        log.ok("2026-11-02T13:00:00.000Z", "operator", *action, "x", "");
    }
    let review = log.review(Period::default());
    let listed: Vec<&str> = review.admin_events.iter().map(|e| &*e.action).collect();
    let administrative: Vec<&str> = Action::ALL
        .iter()
        .filter(|a| a.is_administrative())
        .map(|a| a.wire())
        .collect();
    assert_eq!(listed, administrative);
}

#[test]
fn an_action_this_build_does_not_know_is_read_without_effect() {
    let mut log = sample();
    let before = log.review(Period::default());
    // A newer vault's action, allowed and denied, on an account the log knows.
    for outcome in [Outcome::Allowed, Outcome::Denied] {
        log.add(
            "2026-11-26T15:00:00.000Z",
            "admin",
            Action::CredentialGet,
            "facebook",
            outcome,
            None,
            None,
        );
        log.0.last_mut().unwrap().action = "credential.stage".into();
    }
    let after = log.review(Period::default());
    assert_eq!(after.entries_total, before.entries_total + 2);
    assert_eq!(after.admin_events.len(), before.admin_events.len());
    let facebook = |r: &Review| {
        let a = r
            .accounts
            .iter()
            .find(|a| &*a.account == "facebook")
            .unwrap();
        (a.releases.len(), a.denials.len())
    };
    assert_eq!(facebook(&after), facebook(&before));
    // The denial is still listed, under its own text.
    let last = after.denials.iter().next_back().unwrap();
    assert_eq!(after.name(last.action), "credential.stage");
}

/// A fresh log: account `x` at v1, grant g1 (key k1) to admin until the 30th, the given entries,
/// and the review's rotation for `x`.
fn rotation_of(entries: impl FnOnce(&mut Log)) -> Option<String> {
    let mut log = Log(Vec::new());
    log.ok(
        "2026-11-01T09:00:00.000Z",
        "operator",
        Action::SecretSet,
        "x",
        "v1 fields=password",
    );
    log.grant(
        "2026-11-02T09:00:00.000Z",
        "authority",
        "g1",
        "admin",
        "x",
        "2026-11-30T00:00:00Z",
    );
    entries(&mut log);
    let review = log.review(Period::default());
    let x = review.accounts.iter().find(|a| &*a.account == "x").unwrap();
    x.rotation_since.clone()
}

#[test]
fn a_release_with_a_reason_makes_its_holder_known_in_the_new_form_and_the_old() {
    let disable = |log: &mut Log| {
        log.ok(
            "2026-11-05T09:00:00.000Z",
            "operator",
            Action::PrincipalDisable,
            "admin",
            "",
        )
    };
    // What this build writes: the facts apart, the reason last (cut, never an excerpt).
    let long = Detail::default()
        .with("field", "password")
        .with("version", 1)
        .text("reason", &"é".repeat(500));
    for detail in [
        "field=password version=1 reason=campagne d'été".to_owned(),
        long,
        // A login: the three fields released together, one entry.
        "field=login+password+totp version=1 reason=publication".to_owned(),
        "field=login+password version=1".to_owned(),
        // What older vaults wrote.
        "password v1; why: campagne d'été".to_owned(),
        "password v1".to_owned(),
    ] {
        let since = rotation_of(|log| {
            log.get("2026-11-03T09:00:00.000Z", "admin", "x", "g1", &detail);
            disable(log);
        });
        assert_eq!(since.as_deref(), Some("2026-11-05T09:00:00Z"), "{detail}");
    }
    // A login or a TOTP code is not the password.
    for detail in ["field=login", "field=totp", "login", "field=login+totp"] {
        let since = rotation_of(|log| {
            log.get("2026-11-03T09:00:00.000Z", "admin", "x", "g1", detail);
            disable(log);
        });
        assert_eq!(since, None, "{detail}");
    }
    // The report shows a release's field as it always did.
    let mut log = Log(Vec::new());
    log.get(
        "2026-11-03T09:00:00.000Z",
        "admin",
        "x",
        "g1",
        "field=password version=1 reason=campagne",
    );
    log.get(
        "2026-11-03T09:00:01.000Z",
        "admin",
        "x",
        "g1",
        "field=login",
    );
    log.get(
        "2026-11-03T09:00:02.000Z",
        "admin",
        "x",
        "g1",
        "field=login+password+totp version=1",
    );
    let review = log.review(Period::default());
    let fields: Vec<&str> = review.accounts[0]
        .releases
        .iter()
        .map(|r| review.name(r.field))
        .collect();
    assert_eq!(
        fields,
        [
            "password v1; why: campagne",
            "login",
            "login+password+totp v1"
        ]
    );
}

#[test]
fn an_administrator_who_set_the_password_under_a_grant_holds_it() {
    let since = rotation_of(|log| {
        log.add(
            "2026-11-03T09:00:00.000Z",
            "admin",
            Action::SecretSet,
            "x",
            Outcome::Allowed,
            Some("g1"),
            Some("v2 fields=password".into()),
        );
        log.ok(
            "2026-11-04T09:00:00.000Z",
            "operator",
            Action::PrincipalDisable,
            "admin",
            "",
        );
    });
    assert_eq!(since.as_deref(), Some("2026-11-04T09:00:00Z"));
}

#[test]
fn a_holding_once_ended_stays_ended_through_enable_and_re_enrolment() {
    for again in [Action::PrincipalEnable, Action::PrincipalEnroll] {
        let since = rotation_of(|log| {
            log.get(
                "2026-11-03T09:00:00.000Z",
                "admin",
                "x",
                "g1",
                "field=password version=1",
            );
            log.ok(
                "2026-11-04T09:00:00.000Z",
                "operator",
                Action::PrincipalDisable,
                "admin",
                "",
            );
            log.ok(
                "2026-11-05T09:00:00.000Z",
                "operator",
                again,
                "admin",
                "roles=admin",
            );
        });
        assert_eq!(since.as_deref(), Some("2026-11-04T09:00:00Z"), "{again}");
    }
    // A release after the enable is a new holding, until the next disable.
    let since = rotation_of(|log| {
        log.ok(
            "2026-11-04T09:00:00.000Z",
            "operator",
            Action::PrincipalDisable,
            "admin",
            "",
        );
        log.ok(
            "2026-11-05T09:00:00.000Z",
            "operator",
            Action::PrincipalEnable,
            "admin",
            "",
        );
        log.get(
            "2026-11-06T09:00:00.000Z",
            "admin",
            "x",
            "g1",
            "field=password version=1",
        );
    });
    assert_eq!(since, None);
}

#[test]
fn re_enrolment_revokes_the_grantee_s_live_grants() {
    let mut log = Log(Vec::new());
    log.grant(
        "2026-11-02T09:00:00.000Z",
        "authority",
        "g1",
        "admin",
        "x",
        "2026-11-30T00:00:00Z",
    );
    log.ok(
        "2026-11-04T09:00:00.000Z",
        "operator",
        Action::PrincipalDisable,
        "admin",
        "",
    );
    log.ok(
        "2026-11-05T09:00:00.000Z",
        "operator",
        Action::PrincipalEnroll,
        "admin",
        "re-enrolled after being disabled; earlier live grants revoked; certificate ab until 2027-11-05T09:00:00Z roles=admin",
    );
    let review = log.review(Period::default());
    let revoked = review.grants[0].revoked.as_ref().expect("revoked");
    assert_eq!(revoked.time, "2026-11-05T09:00:00.000Z");
}

#[test]
fn a_new_authority_key_ends_what_was_held_under_grants_of_the_old_one() {
    for action in [Action::AuthorityRotate, Action::AuthorityPin] {
        let since = rotation_of(|log| {
            log.get(
                "2026-11-03T09:00:00.000Z",
                "admin",
                "x",
                "g1",
                "field=password version=1",
            );
            log.ok(
                "2026-11-04T09:00:00.000Z",
                "authority",
                action,
                "authority-key",
                "key k2",
            );
        });
        assert_eq!(since.as_deref(), Some("2026-11-04T09:00:00Z"), "{action}");
    }
    // Pinning the key already pinned changes nothing.
    let since = rotation_of(|log| {
        log.get(
            "2026-11-03T09:00:00.000Z",
            "admin",
            "x",
            "g1",
            "field=password version=1",
        );
        log.ok(
            "2026-11-04T09:00:00.000Z",
            "operator",
            Action::AuthorityPin,
            "authority-key",
            "key k1",
        );
    });
    assert_eq!(since, None);
    // Before the period too: states are the whole history's.
    let mut log = Log(Vec::new());
    log.ok(
        "2026-11-01T09:00:00.000Z",
        "operator",
        Action::SecretSet,
        "x",
        "v1 fields=password",
    );
    log.grant(
        "2026-11-02T09:00:00.000Z",
        "authority",
        "g1",
        "admin",
        "x",
        "2026-11-30T00:00:00Z",
    );
    log.get(
        "2026-11-03T09:00:00.000Z",
        "admin",
        "x",
        "g1",
        "field=password version=1",
    );
    log.ok(
        "2026-11-04T09:00:00.000Z",
        "authority",
        Action::AuthorityRotate,
        "authority-key",
        "key k2",
    );
    log.ok(
        "2026-11-10T09:00:00.000Z",
        "operator",
        Action::AccountList,
        "",
        "",
    );
    let review = log.review(Period {
        from: crate::times::parse_time("2026-11-08T00:00:00Z"),
        to: None,
    });
    assert_eq!(
        review.accounts[0].rotation_since.as_deref(),
        Some("2026-11-04T09:00:00Z")
    );
}

#[test]
fn each_request_shows_when_the_authority_was_told_reminded_and_decided() {
    let mut log = sample();
    let told = |kind: &str, to: &str| {
        Detail::default()
            .with("event", 7)
            .with("kind", kind)
            .with("channel", "mail")
            .with("recipients", to)
            .with("attempt", 1)
            .build()
    };
    let request = |id: &str| Detail::default().with("request", id).build();
    log.ok(
        "2026-12-01T14:00:00.000Z",
        "admin",
        Action::GrantRequest,
        "facebook",
        &request("q1"),
    );
    log.ok(
        "2026-12-01T14:00:01.000Z",
        "admin",
        Action::GrantRequest,
        "youtube",
        &request("q2"),
    );
    log.add(
        "2026-12-01T14:00:02.000Z",
        "notifier",
        Action::NotificationFailed,
        "q2",
        Outcome::Allowed,
        None,
        Some(format!(
            "{} reason=smtp_unreachable",
            told("request.created", "role:authority")
        )),
    );
    log.ok(
        "2026-12-01T14:02:00.000Z",
        "notifier",
        Action::NotificationSent,
        "q1",
        &told("request.created", "role:authority"),
    );
    log.ok(
        "2026-12-01T14:02:30.000Z",
        "notifier",
        Action::NotificationSent,
        "q2",
        &told("request.created", "role:authority"),
    );
    // `grant approve` reads the request first (also grant.approve, naming no grant).
    log.ok(
        "2026-12-01T14:04:00.000Z",
        "sg",
        Action::GrantApprove,
        "q1",
        "",
    );
    log.add(
        "2026-12-01T14:05:00.000Z",
        "sg",
        Action::GrantApprove,
        "facebook",
        Outcome::Allowed,
        Some("g9"),
        Some(
            Detail::default()
                .with("grantee", "admin")
                .with("until", "2026-12-01T16:05:00Z")
                .with("request", "q1")
                .build(),
        ),
    );
    log.ok(
        "2026-12-01T14:05:01.000Z",
        "notifier",
        Action::NotificationSent,
        "q1",
        &told("request.approved", "admin"),
    );
    log.ok(
        "2026-12-01T14:30:01.000Z",
        "notifier",
        Action::NotificationSent,
        "q2",
        &told("request.overdue", "role:authority"),
    );
    log.ok(
        "2026-12-01T14:31:00.000Z",
        "sg",
        Action::GrantDeny,
        "q2",
        &Detail::default()
            .with("request", "q2")
            .with("requester", "admin")
            .text("reason", "pas nécessaire"),
    );
    let review = log.review(Period::default());
    let [q1, q2] = &review.request_loops[..] else {
        panic!("{:?}", review.request_loops);
    };
    assert_eq!((&*q1.request, &*q1.requester), ("q1", "admin"));
    assert_eq!(
        q1.authority_told.as_deref(),
        Some("2026-12-01T14:02:00.000Z")
    );
    assert_eq!(q1.decided.as_deref(), Some("2026-12-01T14:05:00.000Z"));
    assert_eq!(q1.decision.as_deref(), Some("approved"));
    assert_eq!(q1.decided_by.as_deref(), Some("sg"));
    assert_eq!(
        q1.requester_told.as_deref(),
        Some("2026-12-01T14:05:01.000Z")
    );
    assert_eq!((q1.reminded.as_deref(), q1.failed_notifications), (None, 0));

    assert_eq!(
        q2.authority_told.as_deref(),
        Some("2026-12-01T14:02:30.000Z")
    );
    assert_eq!(q2.reminded.as_deref(), Some("2026-12-01T14:30:01.000Z"));
    assert_eq!(q2.decision.as_deref(), Some("denied"));
    assert_eq!(q2.requester_told, None);
    assert_eq!(q2.failed_notifications, 1);

    let json: serde_json::Value = serde_json::to_value(&review).unwrap();
    assert_eq!(
        json["request_loops"][1]["reminded"],
        "2026-12-01T14:30:01.000Z"
    );
}

#[test]
fn a_staged_rotation_holds_the_current_password_and_its_confirmation_the_new_one() {
    let disable = |log: &mut Log| {
        log.ok(
            "2026-11-05T09:00:00.000Z",
            "operator",
            Action::PrincipalDisable,
            "admin",
            "",
        )
    };
    let stage = |log: &mut Log| {
        log.add(
            "2026-11-03T09:00:00.000Z",
            "admin",
            Action::SecretRotate,
            "x",
            Outcome::Allowed,
            Some("g1"),
            Some("field=password+password-staged version=1 stage=s1 reason=annuelle".into()),
        )
    };
    // The stage released v1 to admin: disabling admin makes v1's rotation recommended.
    let since = rotation_of(|log| {
        stage(log);
        disable(log);
    });
    assert_eq!(since.as_deref(), Some("2026-11-05T09:00:00Z"));
    // Confirmed before the disable: v2 is current, and admin holds it under g1, so the
    // disable recommends rotating v2 in turn (the rotation's own exposure).
    let confirm = |log: &mut Log| {
        log.add(
            "2026-11-04T09:00:00.000Z",
            "admin",
            Action::SecretRotateConfirm,
            "x",
            Outcome::Allowed,
            Some("g1"),
            Some("field=password version=2 stage=s1 staged_by=admin staged_for=60s".into()),
        )
    };
    let since = rotation_of(|log| {
        stage(log);
        confirm(log);
        disable(log);
    });
    assert_eq!(since.as_deref(), Some("2026-11-05T09:00:00Z"));
    // Confirmed, then nobody's access ends: nothing to recommend.
    let since = rotation_of(|log| {
        stage(log);
        confirm(log);
    });
    assert_eq!(since, None);
    // The staged password fetched again under a second grant, g2: revoking g2 after the
    // confirmation recommends rotating v2 (the vault holds the fetch as v2's, too).
    let fetched_under_g2 = |log: &mut Log| {
        stage(log);
        log.grant(
            "2026-11-03T10:00:00.000Z",
            "authority",
            "g2",
            "admin",
            "x",
            "2026-11-30T00:00:00Z",
        );
        log.add(
            "2026-11-03T11:00:00.000Z",
            "admin",
            Action::CredentialGet,
            "x",
            Outcome::Allowed,
            Some("g2"),
            Some("field=password-staged stage=s1".into()),
        );
        confirm(log);
    };
    let revoke_g2 = |log: &mut Log| {
        log.add(
            "2026-11-06T09:00:00.000Z",
            "authority",
            Action::GrantRevoke,
            "g2",
            Outcome::Allowed,
            Some("g2"),
            Some(
                Detail::default()
                    .with("grantee", "admin")
                    .text("reason", "fin"),
            ),
        )
    };
    let since = rotation_of(|log| {
        fetched_under_g2(log);
        revoke_g2(log);
    });
    assert_eq!(since.as_deref(), Some("2026-11-06T09:00:00Z"));
    // Not fetched under g2: its revocation changes nothing for v2.
    let since = rotation_of(|log| {
        stage(log);
        log.grant(
            "2026-11-03T10:00:00.000Z",
            "authority",
            "g2",
            "admin",
            "x",
            "2026-11-30T00:00:00Z",
        );
        confirm(log);
        revoke_g2(log);
    });
    assert_eq!(since, None);
}

/// The log of `rotation_of` (v1 set, grant g1 to admin for x until Nov 30), then `entries`.
fn review_with(entries: impl FnOnce(&mut Log), period: Period) -> Review {
    let mut log = Log(Vec::new());
    log.ok(
        "2026-11-01T09:00:00.000Z",
        "operator",
        Action::SecretSet,
        "x",
        "v1 fields=password",
    );
    log.grant(
        "2026-11-02T09:00:00.000Z",
        "authority",
        "g1",
        "admin",
        "x",
        "2026-11-30T00:00:00Z",
    );
    entries(&mut log);
    log.review(period)
}

fn due(log: &mut Log, time: &str, version: u64, since: &str) {
    log.ok(
        time,
        "vaultd",
        Action::RotationDue,
        "x",
        &format!("event=9 version={version} since={since} max_age=86400s"),
    );
}

fn stage(log: &mut Log, time: &str, stage: &str) {
    stage_under(log, time, stage, "g1")
}

fn stage_under(log: &mut Log, time: &str, stage: &str, grant: &str) {
    log.add(
        time,
        "admin",
        Action::SecretRotate,
        "x",
        Outcome::Allowed,
        Some(grant),
        Some(format!(
            "field=password+password-staged version=1 stage={stage} reason=annuelle"
        )),
    );
}

fn confirm(log: &mut Log, time: &str, version: u64) {
    confirm_under(log, time, version, "g1")
}

fn confirm_under(log: &mut Log, time: &str, version: u64, grant: &str) {
    log.add(
        time,
        "admin",
        Action::SecretRotateConfirm,
        "x",
        Outcome::Allowed,
        Some(grant),
        Some(format!(
            "field=password version={version} stage=s1 staged_by=admin staged_for=60s"
        )),
    );
}

#[test]
fn due_by_age_and_recommended_by_exposure_are_told_apart_until_a_new_password() {
    // Due by age only: the clock's entry for the current version.
    let review = review_with(
        |log| due(log, "2026-11-03T00:00:01.000Z", 1, "2026-11-03T00:00:00Z"),
        Period::default(),
    );
    let x = &review.accounts[0];
    assert_eq!(x.due_since.as_deref(), Some("2026-11-03T00:00:00Z"));
    assert_eq!(x.rotation_since, None);
    // An entry about an older version (written before a new one was read) changes nothing.
    let review = review_with(
        |log| {
            log.ok(
                "2026-11-02T10:00:00.000Z",
                "operator",
                Action::SecretSet,
                "x",
                "v2 fields=password",
            );
            due(log, "2026-11-03T00:00:01.000Z", 1, "2026-11-03T00:00:00Z");
        },
        Period::default(),
    );
    assert_eq!(review.accounts[0].due_since, None);
    // Both, side by side; a new password ends both, and the JSON says each.
    let review = review_with(
        |log| {
            log.get(
                "2026-11-02T10:00:00.000Z",
                "admin",
                "x",
                "g1",
                "field=password version=1",
            );
            log.ok(
                "2026-11-04T09:00:00.000Z",
                "authority",
                Action::GrantRevoke,
                "g1",
                "",
            );
            due(log, "2026-11-05T00:00:01.000Z", 1, "2026-11-05T00:00:00Z");
        },
        Period::default(),
    );
    let json = serde_json::to_value(&review).unwrap();
    assert_eq!(json["accounts"][0]["due_since"], "2026-11-05T00:00:00Z");
    let mut fast = Vec::new();
    review.write_json(&mut fast).unwrap();
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&fast).unwrap(),
        json
    );
}

#[test]
fn each_rotation_done_says_how_long_it_took_from_its_first_cause() {
    let review = review_with(
        |log| {
            // v1 seen under g1, g1 revoked on Nov 4 (exposure), due by age on Nov 5;
            // staged and confirmed on Nov 6 at 09:00: 2 days and 9 hours after the exposure.
            log.get(
                "2026-11-02T10:00:00.000Z",
                "admin",
                "x",
                "g1",
                "field=password version=1",
            );
            log.add(
                "2026-11-04T00:00:00.000Z",
                "authority",
                Action::GrantRevoke,
                "g1",
                Outcome::Allowed,
                Some("g1"),
                None,
            );
            due(log, "2026-11-05T00:00:01.000Z", 1, "2026-11-05T00:00:00Z");
            // Staged and confirmed under a new grant (g1 ended: what it covers is exposed).
            log.grant(
                "2026-11-06T08:00:00.000Z",
                "authority",
                "g2",
                "admin",
                "x",
                "2026-11-30T00:00:00Z",
            );
            stage_under(log, "2026-11-06T08:59:00.000Z", "s1", "g2");
            confirm_under(log, "2026-11-06T09:00:00.000Z", 2, "g2");
            // v2 falls due by age on Nov 20; an operator's `secret set` a day later.
            due(log, "2026-11-20T00:00:01.000Z", 2, "2026-11-20T00:00:00Z");
            log.ok(
                "2026-11-21T00:00:00.000Z",
                "operator",
                Action::SecretSet,
                "x",
                "v3 fields=password",
            );
            // A correction with no cause is not a rotation.
            log.ok(
                "2026-11-22T00:00:00.000Z",
                "operator",
                Action::SecretSet,
                "x",
                "v4 fields=password",
            );
        },
        Period::default(),
    );
    let done: Vec<_> = review
        .rotations
        .iter()
        .map(|r| {
            (
                &*r.action,
                r.version,
                r.cause,
                r.since.as_deref(),
                r.took_secs,
            )
        })
        .collect();
    assert_eq!(
        done,
        [
            (
                "secret.rotate.confirm",
                Some(2),
                Some(RotationCause::Exposure),
                Some("2026-11-04T00:00:00Z"),
                Some(2 * 86_400 + 9 * 3600)
            ),
            (
                "secret.set",
                Some(3),
                Some(RotationCause::Age),
                Some("2026-11-20T00:00:00Z"),
                Some(86_400)
            ),
        ]
    );
    let x = &review.accounts[0];
    assert_eq!(
        (x.due_since.as_deref(), x.rotation_since.as_deref()),
        (None, None)
    );
    assert!(review.stagings_unconfirmed.is_empty());
    // Only rotations inside the period are listed.
    let later = review_with(
        |log| {
            due(log, "2026-11-05T00:00:01.000Z", 1, "2026-11-05T00:00:00Z");
            stage(log, "2026-11-06T08:59:00.000Z", "s1");
            confirm(log, "2026-11-06T09:00:00.000Z", 2);
        },
        Period {
            from: crate::times::parse_time("2026-11-10T00:00:00Z"),
            to: None,
        },
    );
    assert!(later.rotations.is_empty());
}

#[test]
fn stagings_aborted_or_still_waiting_are_listed_and_confirmed_ones_are_not() {
    let review = review_with(
        |log| {
            stage(log, "2026-11-03T09:00:00.000Z", "s1");
            log.ok(
                "2026-11-03T09:30:00.000Z",
                "admin",
                Action::SecretRotateAbort,
                "x",
                "stage=s1 staged_by=admin",
            );
            stage(log, "2026-11-04T09:00:00.000Z", "s2");
            confirm(log, "2026-11-04T09:05:00.000Z", 2);
            stage(log, "2026-11-05T09:00:00.000Z", "s3");
        },
        Period::default(),
    );
    let unconfirmed: Vec<_> = review
        .stagings_unconfirmed
        .iter()
        .map(|s| (s.stage.as_deref(), s.aborted.as_deref()))
        .collect();
    assert_eq!(
        unconfirmed,
        [
            (Some("s1"), Some("2026-11-03T09:30:00.000Z")),
            (Some("s3"), None)
        ]
    );
    // The confirmed one is a rotation, ahead of any cause.
    assert_eq!(review.rotations.len(), 1);
    assert_eq!(review.rotations[0].cause, None);
    assert_eq!(review.rotations[0].took_secs, None);
}

/// `authority.delegate` and its revocation as the vault writes them, a grant signed under it for
/// admin and one the delegate signs for herself, then a period that starts after the delegation
/// ended: only the first review names it.
#[test]
fn a_delegation_lists_its_grants_its_revocation_and_the_delegates_self_grants() {
    let mut log = Log(Vec::new());
    let delegation = |reason: &str| {
        Detail::default()
            .with("delegation", "d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0")
            .with("delegate", "admin2")
            .with("from", "2026-11-02T00:00:00Z")
            .with("until", "2026-11-09T00:00:00Z")
            .with("accounts", "facebook-cest,youtube-cest")
            .with("delegate_key", "dk")
            .with("key", "k1")
            .text("reason", reason)
    };
    log.ok(
        "2026-11-02T13:00:00.000Z",
        "sg",
        Action::AuthorityDelegate,
        "admin2",
        &delegation("congé de la Secrétaire générale"),
    );
    let under = |log: &mut Log, time: &str, id: &str, grantee: &str| {
        let detail = Detail::default()
            .with("grantee", grantee)
            .with("from", "2026-11-02T00:00:00Z")
            .with("until", "2026-11-03T00:00:00Z")
            .with("key", "dk")
            .with("delegation", "d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0")
            .text("purpose", "intérim");
        log.add(
            time,
            "admin2",
            Action::GrantIssue,
            "facebook-cest",
            Outcome::Allowed,
            Some(id),
            Some(detail),
        );
    };
    under(&mut log, "2026-11-02T14:00:00.000Z", "g1", "admin");
    under(&mut log, "2026-11-02T15:00:00.000Z", "g2", "admin2");
    // An ordinary grant by the SG is no delegation's.
    log.grant(
        "2026-11-02T16:00:00.000Z",
        "sg",
        "g3",
        "admin",
        "facebook-cest",
        "2026-11-03T00:00:00Z",
    );
    log.ok(
        "2026-11-03T09:00:00.000Z",
        "sg",
        Action::AuthorityDelegationRevoke,
        "d0d0d0",
        &delegation("retour de congé"),
    );

    let review = log.review(Period::default());
    assert_eq!(review.delegations.len(), 1);
    let d = &review.delegations[0];
    assert_eq!((&*d.delegate, &*d.by), ("admin2", "sg"));
    assert_eq!(d.accounts.as_deref(), Some("facebook-cest,youtube-cest"));
    assert_eq!(d.reason.as_deref(), Some("congé de la Secrétaire générale"));
    let revoked = d.revoked.as_ref().unwrap();
    assert_eq!(revoked.reason.as_deref(), Some("retour de congé"));
    assert_eq!(revoked.time, "2026-11-03T09:00:00.000Z");
    let names = |list: &[Name]| list.iter().map(|n| n.to_string()).collect::<Vec<_>>();
    assert_eq!(names(&d.grants), ["g1", "g2"]);
    assert_eq!(names(&d.self_grants), ["g2"]);
    let delegated: Vec<_> = review
        .grants
        .iter()
        .map(|g| (g.id.to_string(), g.delegation.as_deref().map(str::to_owned)))
        .collect();
    assert_eq!(
        delegated,
        [
            ("g1".into(), Some("d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0".into())),
            ("g2".into(), Some("d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0".into())),
            ("g3".into(), None),
        ]
    );

    let later = log.review(Period {
        from: crate::times::parse_time("2026-11-10T00:00:00Z"),
        to: None,
    });
    assert!(later.delegations.is_empty(), "ended and revoked before");
}
