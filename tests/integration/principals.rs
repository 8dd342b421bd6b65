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
    assert_eq!(who.stdout.trim(), "svc-backup (roles: auditor)");
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
    assert_eq!(who.stdout.trim(), "marie (roles: admin)");
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
    cli(&admin2, &["account", "list"]).refused("disabled");
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
    let id = dir.join("anonymous.id");
    cli_with(
        Path::new("/nonexistent"),
        &[
            "identity",
            "new",
            "--name",
            "anonymous",
            "--plain",
            "--out",
            id.to_str().unwrap(),
        ],
        None,
        &[("LANG", "en_CA.UTF-8")],
    )
    .ok();
    let csr = dir.join("anonymous.csr");
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
