//! Identities and principals: enrollment from a request made on the person's own machine,
//! disabling and roles taking effect on the very next call, and certificates the vault refuses.

use crate::harness::*;
use std::path::Path;

fn enroll(daemon: &Daemon, name: &str, role: &str, extra: &[&str]) -> std::path::PathBuf {
    let dir = daemon.dir.path();
    let id = dir.join(format!("{name}.id"));
    let mut args = vec![
        "identity",
        "new",
        "--name",
        name,
        "--out",
        id.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let pass = dir.join("pass");
    if !extra.contains(&"--plain") {
        args.extend_from_slice(&["--new-passphrase-file", pass.to_str().unwrap()]);
    }
    let made = cli_with(
        Path::new("/nonexistent"),
        &args,
        None,
        &[("LANG", "en_CA.UTF-8")],
    )
    .ok();
    assert!(
        made.stdout.contains("vault-cli principal enroll"),
        "{}",
        made.stdout
    );
    let csr = dir.join(format!("{name}.csr"));
    let enrollment = dir.join(format!("{name}.enrollment"));
    cli(
        &daemon.identity("operator"),
        &[
            "principal",
            "enroll",
            csr.to_str().unwrap(),
            "--role",
            role,
            "--out",
            enrollment.to_str().unwrap(),
        ],
    )
    .ok();
    cli_with(
        &id,
        &["identity", "install", enrollment.to_str().unwrap()],
        None,
        &[
            ("LANG", "en_CA.UTF-8"),
            (
                "VAULT_CLI_IDENTITY_PASSPHRASE_FILE",
                dir.join("pass").to_str().unwrap(),
            ),
        ],
    )
    .ok();
    id
}

#[test]
fn a_plain_identity_is_enrolled_installed_and_used() {
    let daemon = Daemon::dev();
    write_private(&daemon.dir.path().join("pass"), "unused\n");
    let id = enroll(&daemon, "svc-backup", "auditor", &["--plain"]);
    let who = cli(&id, &["whoami"]).ok();
    assert_eq!(
        who.stdout.lines().next(),
        Some("svc-backup (roles: auditor)")
    );
    assert!(
        who.stdout.contains("Certificate valid until"),
        "{}",
        who.stdout
    );
    let listed = cli(
        &daemon.identity("operator"),
        &["--json", "principal", "list"],
    )
    .ok();
    let list: Vec<serde_json::Value> = serde_json::from_str(&listed.stdout).unwrap();
    let row = list.iter().find(|p| p["name"] == "svc-backup").unwrap();
    assert_eq!(row["created_by"], "operator");
    assert_eq!(row["cert_fingerprint"].as_str().unwrap().len(), 64);
    // Enrolling the same name twice is refused.
    let csr = daemon.dir.path().join("svc-backup.csr");
    cli(
        &daemon.identity("operator"),
        &[
            "principal",
            "enroll",
            csr.to_str().unwrap(),
            "--role",
            "admin",
            "--out",
            "/dev/null",
        ],
    )
    .refused("principal svc-backup already exists");
}

#[test]
fn a_passphrase_identity_is_encrypted_on_disk_and_opens_with_its_passphrase() {
    let daemon = Daemon::dev();
    write_private(
        &daemon.dir.path().join("pass"),
        "une longue phrase de passe\n",
    );
    let id = enroll(&daemon, "marie", "admin", &[]);
    let on_disk = std::fs::read_to_string(&id).unwrap();
    assert!(on_disk.starts_with("-----BEGIN AGE ENCRYPTED FILE-----"));
    assert!(!on_disk.contains("PRIVATE KEY"));
    let pass = daemon.dir.path().join("pass");
    let who = cli_with(
        &id,
        &["whoami"],
        None,
        &[
            ("LANG", "en_CA.UTF-8"),
            ("VAULT_CLI_IDENTITY_PASSPHRASE_FILE", pass.to_str().unwrap()),
        ],
    )
    .ok();
    assert_eq!(who.stdout.lines().next(), Some("marie (roles: admin)"));
    write_private(&daemon.dir.path().join("wrong"), "pas la bonne\n");
    let wrong = daemon.dir.path().join("wrong");
    cli_with(
        &id,
        &["whoami"],
        None,
        &[
            ("LANG", "en_CA.UTF-8"),
            (
                "VAULT_CLI_IDENTITY_PASSPHRASE_FILE",
                wrong.to_str().unwrap(),
            ),
        ],
    )
    .refused("wrong passphrase");
}

#[test]
fn bad_requests_and_mismatched_enrollments_are_refused() {
    let daemon = Daemon::dev();
    let dir = daemon.dir.path();
    let op = daemon.identity("operator");
    let garbage = dir.join("garbage.csr");
    std::fs::write(
        &garbage,
        "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n",
    )
    .unwrap();
    cli(
        &op,
        &[
            "principal",
            "enroll",
            garbage.to_str().unwrap(),
            "--role",
            "admin",
        ],
    )
    .refused("request refused");
    // Two identities; installing one's enrollment into the other is refused.
    let a = dir.join("a.id");
    cli(
        &op,
        &[
            "identity",
            "new",
            "--name",
            "paul",
            "--out",
            a.to_str().unwrap(),
            "--plain",
        ],
    )
    .ok();
    let b = dir.join("b.id");
    cli(
        &op,
        &[
            "identity",
            "new",
            "--name",
            "paul",
            "--out",
            b.to_str().unwrap(),
            "--plain",
        ],
    )
    .ok();
    let enrollment = dir.join("paul.enrollment");
    cli(
        &op,
        &[
            "principal",
            "enroll",
            dir.join("a.csr").to_str().unwrap(),
            "--role",
            "admin",
            "--out",
            enrollment.to_str().unwrap(),
        ],
    )
    .ok();
    cli(&b, &["identity", "install", enrollment.to_str().unwrap()])
        .refused("does not match this identity's key");
    cli(&b, &["whoami"]).refused("not enrolled yet");
    cli(
        &op,
        &[
            "principal",
            "enroll",
            dir.join("a.csr").to_str().unwrap(),
            "--role",
            "root",
        ],
    )
    .refused("role: invalid format");
}

#[test]
fn disabling_and_role_changes_take_effect_on_the_next_call() {
    let daemon = Daemon::dev();
    let op = daemon.identity("operator");
    let admin2 = daemon.identity("admin2");
    cli(&admin2, &["account", "list"]).ok();
    cli(&op, &["principal", "disable", "admin2"]).ok();
    // Refused at the TLS handshake: a disabled principal's certificate holds no connection.
    // The client hears the alert (exit 4) or, when TLS 1.3 lets it finish its side first, only
    // a closed connection; both name a disabled identity.
    let refused = cli(&admin2, &["account", "list"]).refused("disabled there");
    if refused
        .stderr
        .contains("the vault refuses your certificate")
    {
        assert_eq!(refused.code, 4, "{}", refused.stderr);
    }
    wait_until(
        "the daemon logs the revoked certificate",
        std::time::Duration::from_secs(10),
        || daemon.log_text().to_lowercase().contains("revoked"),
    );

    let auditor = daemon.identity("auditor");
    cli(&auditor, &["principal", "list"]).refused("(operator)");
    cli(
        &op,
        &[
            "principal",
            "roles",
            "auditor",
            "--set",
            "auditor",
            "--set",
            "operator",
        ],
    )
    .ok();
    cli(&auditor, &["principal", "list"]).ok();
    cli(&op, &["principal", "roles", "auditor", "--set", "auditor"]).ok();
    cli(&auditor, &["principal", "list"]).refused("(operator)");

    // The last enabled operator cannot lock everyone out.
    cli(&op, &["principal", "disable", "operator"]).refused("last enabled operator");
    cli(&op, &["principal", "roles", "operator", "--set", "admin"])
        .refused("last enabled operator");
    cli(&op, &["principal", "disable", "nobody"]).refused("unknown principal: nobody");
    cli(&op, &["whoami"]).ok();
}

#[test]
fn certificates_from_another_vault_or_none_are_refused() {
    let one = Daemon::dev();
    let other = Daemon::dev();
    // An identity of the other vault, pointed at this one: its CA does not match either way.
    let out = cli(
        &other.identity("operator"),
        &["--server", &one.url, "status"],
    );
    assert_ne!(out.code, 0);
    assert!(
        out.stderr.contains("cannot reach the vault"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.is_empty());
    // A client with the right CA but no client certificate at all.
    let identity = vaultd::identity::Identity::load(&one.identity("operator"), || None).unwrap();
    let refused = block_on(async {
        use tonic::transport::{Certificate, ClientTlsConfig, Endpoint};
        let tls = ClientTlsConfig::new()
            .ca_certificate(Certificate::from_pem(identity.ca_pem.clone().unwrap()))
            .domain_name("localhost");
        let channel = Endpoint::from_shared(one.url.clone())
            .unwrap()
            .tls_config(tls)
            .unwrap()
            .connect()
            .await;
        match channel {
            Err(_) => true,
            Ok(channel) => vaultd::wire::pb::system_client::SystemClient::new(channel)
                .status(vaultd::wire::pb::StatusRequest {})
                .await
                .is_err(),
        }
    });
    assert!(refused, "a client without a certificate must be refused");
    assert!(
        one.log_text().contains("TLS handshake failed"),
        "{}",
        one.log_text()
    );
}

#[test]
fn the_access_table_is_enforced_before_any_handler_and_unknown_methods_are_refused() {
    let daemon = Daemon::dev();
    let admin = vaultd::identity::Identity::load(&daemon.identity("admin"), || None).unwrap();
    block_on(async {
        let channel = vaultd::wire::client::connect(&admin, None).await.unwrap();
        // An admin is not an operator: Principals.List is refused by the layer, with the role named.
        let status = vaultd::wire::pb::principals_client::PrincipalsClient::new(channel.clone())
            .list(vaultd::wire::pb::ListPrincipalsRequest {})
            .await
            .unwrap_err();
        assert_eq!(status.code(), tonic::Code::PermissionDenied);
        let failure = vaultd::wire::reason::Failure::from_status(&status).unwrap();
        assert_eq!(failure.reason, vaultd::wire::reason::Reason::ForbiddenRole);
        assert_eq!(failure.target.as_deref(), Some("operator"));
        // A path that is in no row of the table never reaches a handler.
        let mut grpc = tonic::client::Grpc::new(channel);
        grpc.ready().await.unwrap();
        let codec = tonic_prost::ProstCodec::<
            vaultd::wire::pb::StatusRequest,
            vaultd::wire::pb::StatusResponse,
        >::default();
        let path = tonic::codegen::http::uri::PathAndQuery::from_static("/vault.v1.System/Nope");
        let status = grpc
            .unary(
                tonic::Request::new(vaultd::wire::pb::StatusRequest {}),
                path,
                codec,
            )
            .await
            .unwrap_err();
        assert_eq!(status.code(), tonic::Code::Unimplemented);
    });
    // The refusal is on record under the RPC's action.
    let out = cli(
        &daemon.identity("auditor"),
        &["--json", "audit", "log", "--action", "principal.list"],
    )
    .ok();
    let entries: Vec<vaultd::tlog::entry::AuditEntry> = serde_json::from_str(&out.stdout).unwrap();
    assert!(
        entries.iter().any(|e| e.principal == "admin"
            && e.outcome == vaultd::tlog::entry::Outcome::Denied
            && e.reason.as_deref() == Some("forbidden_role")),
        "{}",
        out.stdout
    );
    // So is the probe of a method that does not exist, with the path escaped.
    let out = cli(
        &daemon.identity("auditor"),
        &["--json", "audit", "log", "--action", "rpc.unknown"],
    )
    .ok();
    let probes: Vec<vaultd::tlog::entry::AuditEntry> = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(probes.len(), 1, "{}", out.stdout);
    assert_eq!(probes[0].principal, "admin");
    assert!(probes[0].target.starts_with("refused:"), "{:?}", probes[0]);
}

/// Bytes that put a varint where `GetCredentialRequest.account_id` (a string) is expected.
#[derive(Clone, PartialEq, prost::Message)]
struct NotAGetRequest {
    #[prost(uint64, tag = "1")]
    account_id: u64,
}

#[test]
fn a_message_that_does_not_decode_is_invalid_argument_with_a_reason_and_on_record() {
    let daemon = Daemon::dev();
    let admin = vaultd::identity::Identity::load(&daemon.identity("admin"), || None).unwrap();
    block_on(async {
        let channel = vaultd::wire::client::connect(&admin, None).await.unwrap();
        let mut grpc = tonic::client::Grpc::new(channel);
        grpc.ready().await.unwrap();
        let codec =
            tonic_prost::ProstCodec::<NotAGetRequest, vaultd::wire::pb::Credential>::default();
        let path =
            tonic::codegen::http::uri::PathAndQuery::from_static("/vault.v1.Credentials/Get");
        let status = grpc
            .unary(
                tonic::Request::new(NotAGetRequest { account_id: 7 }),
                path,
                codec,
            )
            .await
            .unwrap_err();
        assert_eq!(status.code(), tonic::Code::InvalidArgument, "{status:?}");
        assert!(
            vaultd::wire::codec::is_malformed_message(&status),
            "{status:?}"
        );
    });
    let out = cli(
        &daemon.identity("auditor"),
        &["--json", "audit", "log", "--action", "rpc.malformed"],
    )
    .ok();
    let entries: Vec<vaultd::tlog::entry::AuditEntry> = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(entries.len(), 1, "{}", out.stdout);
    assert_eq!(entries[0].principal, "admin");
    assert_eq!(entries[0].target, "credential.get");
    assert_ne!(entries[0].outcome, vaultd::tlog::entry::Outcome::Allowed);
    assert_eq!(entries[0].reason.as_deref(), Some("bad_request"));
}

#[test]
fn a_principal_cannot_be_enrolled_under_a_name_the_vault_uses_itself() {
    let daemon = Daemon::dev();
    let dir = daemon.dir.path();
    // Every name the vault writes as a principal in its own entries (its offline acts, the
    // unknown peer), and any other of the `vaultd-` prefix it keeps for the next ones.
    for name in [
        "anonymous",
        "vaultd",
        "vaultd-init",
        "vaultd-dev",
        "vaultd-restore",
        "vaultd-rekey",
        "vaultd-server-cert",
        "vaultd-authority-key",
        "vaultd-anything",
        "local",
        "unknown",
    ] {
        let id = dir.join(format!("{name}.id"));
        cli_with(
            Path::new("/nonexistent"),
            &[
                "identity",
                "new",
                "--name",
                name,
                "--plain",
                "--out",
                id.to_str().unwrap(),
            ],
            None,
            &[("LANG", "en_CA.UTF-8")],
        )
        .ok();
        let csr = dir.join(format!("{name}.csr"));
        cli(
            &daemon.identity("operator"),
            &[
                "principal",
                "enroll",
                csr.to_str().unwrap(),
                "--role",
                "admin",
            ],
        )
        .refused("a name the vault keeps for itself");
    }
    // A name that merely contains the prefix is anyone's.
    enroll(&daemon, "ops-vaultd-watch", "auditor", &["--plain"]);
}

fn copy_private(from: &Path, to: &Path) {
    std::fs::copy(from, to).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(to, std::fs::Permissions::from_mode(0o600)).unwrap();
}

/// A closed connection or a refusal: the vault does not serve this certificate.
fn refused_at_handshake_or_call(identity: &Path) {
    let out = cli(identity, &["whoami"]);
    assert_ne!(out.code, 0, "{}", out.stdout);
    assert!(
        // TLS 1.3 reports a refused client certificate after the handshake, so the client
        // sees a closed connection or a broken pipe; both messages name a disabled identity.
        out.stderr.contains("disabled") || out.stderr.contains("not enrolled"),
        "{}",
        out.stderr
    );
}

#[test]
fn principals_renew_their_certificates_and_replaced_ones_are_refused() {
    let daemon = Daemon::dev();
    let dir = daemon.dir.path();
    let admin = daemon.identity("admin");
    let old_admin = dir.join("admin-before-renewal.id");
    copy_private(&admin, &old_admin);
    let before = cli(&admin, &["--json", "whoami"]).ok();
    let before: serde_json::Value = serde_json::from_str(&before.stdout).unwrap();

    // Same key: a new certificate, written back into the file.
    let out = cli(&admin, &["identity", "renew"]).ok();
    assert!(
        out.stdout.contains("Certificate renewed for admin"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("same key"), "{}", out.stdout);
    let after = cli(&admin, &["--json", "whoami"]).ok();
    let after: serde_json::Value = serde_json::from_str(&after.stdout).unwrap();
    assert!(after["cert_not_after"].as_str() >= before["cert_not_after"].as_str());
    refused_at_handshake_or_call(&old_admin);

    // A new key, and the Secrétaire générale keeps her grant-signing key.
    let authority = daemon.identity("authority");
    let show = |id: &Path| -> serde_json::Value {
        serde_json::from_str(&cli(id, &["--json", "identity", "show"]).ok().stdout).unwrap()
    };
    let key_before = std::fs::read_to_string(&authority).unwrap();
    let signing_before = show(&authority)["signing_key_id"].clone();
    let out = cli(&authority, &["identity", "renew", "--new-key"]).ok();
    assert!(out.stdout.contains("new key"), "{}", out.stdout);
    assert_ne!(std::fs::read_to_string(&authority).unwrap(), key_before);
    assert_eq!(show(&authority)["signing_key_id"], signing_before);
    assert!(show(&authority)["cert_not_after"].is_string());
    cli(&authority, &["grant", "pending"]).ok();

    // Enable after disable.
    let op = daemon.identity("operator");
    cli(&op, &["principal", "disable", "admin2"]).ok();
    refused_at_handshake_or_call(&daemon.identity("admin2"));
    let out = cli(&op, &["principal", "enable", "admin2"]).ok();
    assert!(out.stdout.contains("admin2 enabled"), "{}", out.stdout);
    cli(&daemon.identity("admin2"), &["whoami"]).ok();

    // A disabled principal enrolled again with a new key; its old identity stays refused, and
    // whoever holds the name now does not inherit its grants.
    cli(
        &daemon.identity("authority"),
        &[
            "grant",
            "issue",
            "--to",
            "admin2",
            "--account",
            "facebook-cest",
            "--for",
            "8h",
            "--purpose",
            "before re-enrolment",
        ],
    )
    .ok();
    cli(
        &daemon.identity("admin2"),
        &["credential", "get", "facebook-cest"],
    )
    .ok();
    cli(&op, &["principal", "disable", "admin2"]).ok();
    let fresh = dir.join("admin2-new.id");
    cli_with(
        Path::new("/nonexistent"),
        &[
            "identity",
            "new",
            "--name",
            "admin2",
            "--plain",
            "--out",
            fresh.to_str().unwrap(),
        ],
        None,
        &[("LANG", "en_CA.UTF-8")],
    )
    .ok();
    let enrollment = dir.join("admin2.enrollment");
    cli(
        &op,
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
    cli(&fresh, &["whoami"]).ok();
    cli(&fresh, &["credential", "get", "facebook-cest"]).refused("revoked");
    refused_at_handshake_or_call(&daemon.identity("admin2"));
    // An enabled principal is not enrolled twice.
    cli(
        &op,
        &[
            "principal",
            "enroll",
            fresh.with_extension("csr").to_str().unwrap(),
            "--role",
            "admin",
            "--out",
            "/dev/null",
        ],
    )
    .refused("identity renew");

    let listed = cli(&op, &["--json", "principal", "list"]).ok();
    let list: Vec<serde_json::Value> = serde_json::from_str(&listed.stdout).unwrap();
    assert!(
        list.iter().all(|p| p["cert_not_after"].is_string()),
        "{list:?}"
    );
    let auditor = daemon.identity("auditor");
    for action in ["principal.renew", "principal.enable", "principal.enroll"] {
        let out = cli(&auditor, &["--json", "audit", "log", "--action", action]).ok();
        let entries: Vec<vaultd::tlog::entry::AuditEntry> =
            serde_json::from_str(&out.stdout).unwrap();
        assert!(!entries.is_empty(), "{action}");
    }
    let out = cli(
        &auditor,
        &["--json", "audit", "log", "--action", "principal.enroll"],
    )
    .ok();
    assert!(
        out.stdout.contains("re-enrolled after being disabled"),
        "{}",
        out.stdout
    );
}

/// vault-cli warns on stderr when the identity's certificate expires within 30 days.
#[test]
fn the_cli_warns_when_the_certificate_expires_within_thirty_days() {
    let dir = tempfile::tempdir().unwrap();
    let key = vaultd::identity::pki::new_client_key().unwrap();
    let pair = rcgen::KeyPair::from_pem(key.expose()).unwrap();
    let mut params = rcgen::CertificateParams::new(vec!["soon".into()]).unwrap();
    let now = time::OffsetDateTime::now_utc();
    params.not_before = now - time::Duration::days(800);
    params.not_after = now + time::Duration::days(10) + time::Duration::hours(1);
    let cert = params.self_signed(&pair).unwrap();
    let identity = vaultd::identity::Identity::enrolled(
        vaultd::identity::Enrollment {
            format: vaultd::identity::Enrollment::FORMAT.into(),
            name: "soon".into(),
            server: "https://127.0.0.1:1".into(),
            server_name: "localhost".into(),
            ca_pem: cert.pem(),
            cert_pem: cert.pem(),
        },
        key,
    )
    .unwrap();
    let path = dir.path().join("soon.id");
    identity.save_plain(&path, false).unwrap();
    let out = cli(&path, &["identity", "show"]).ok();
    assert!(
        out.stderr.contains("warning: the certificate in"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("10 days left"), "{}", out.stderr);
    assert!(out.stderr.contains("identity renew"), "{}", out.stderr);
    let french = cli_with(
        &path,
        &["identity", "show"],
        None,
        &[("LANG", "fr_CA.UTF-8")],
    )
    .ok();
    assert!(french.stderr.contains("encore 10 j"), "{}", french.stderr);
}
