//! `identity new | install | renew | show`: the principal's own key, made on their own machine and
//! kept in an identity file (age-encrypted with a passphrase by default, `--plain` for services).

use crate::context::Context;
use crate::error::Result;
use crate::messages as m;
use crate::output;
use clap::Subcommand;
use serde_json::json;
use std::path::{Path, PathBuf};
use vaultd::identity::{Enrollment, Identity};
use vaultd::secret::SecretString;

#[derive(Subcommand)]
pub enum IdentityCommand {
    /// Make a new key and identity file, and a certificate request for the operator.
    New {
        /// The principal's name.
        #[arg(long)]
        name: String,
        /// The identity file to write.
        #[arg(long)]
        out: PathBuf,
        /// Write the identity unencrypted (mode 0600), for services.
        #[arg(long)]
        plain: bool,
        /// Where to write the certificate request (default: OUT with .csr).
        #[arg(long)]
        request_out: Option<PathBuf>,
        /// Replace existing files.
        #[arg(long)]
        force: bool,
        /// Also make a grant-signing key (the Secrétaire générale's identity).
        #[arg(long)]
        signing: bool,
        /// Read the new identity's passphrase from this file (first line, mode 0600) instead
        /// of asking it twice.
        #[arg(long, conflicts_with = "plain")]
        new_passphrase_file: Option<PathBuf>,
    },
    /// Add the enrollment the operator returned to the identity given by --identity (the file
    /// keeps its passphrase).
    Install {
        /// The enrollment file the operator returned.
        enrollment: PathBuf,
    },
    /// Get a new certificate for the identity given by --identity before it expires (for the
    /// same key, or a new one with --new-key); the file is updated in place, same passphrase.
    Renew {
        /// Make a new key too (the old key and certificate stop working).
        #[arg(long)]
        new_key: bool,
    },
    /// What the identity file holds (never the key).
    Show,
    /// Write the identity's TLS files for stock gRPC tools (grpcurl, grpcui): ca.pem, cert.pem
    /// and key.pem (mode 0600) in a new directory.
    ExportTls {
        /// A new directory for the three files.
        #[arg(long)]
        out: PathBuf,
    },
}

fn is_encrypted(path: &Path) -> bool {
    std::fs::read(path)
        .map(|b| b.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----"))
        .unwrap_or(false)
}

/// Writes the identity, encrypted with `passphrase` or plain (mode 0600).
fn save(
    ctx: &Context,
    identity: &Identity,
    path: &Path,
    passphrase: Option<&SecretString>,
    overwrite: bool,
) -> Result<()> {
    let written = match passphrase {
        Some(pass) => identity.save_encrypted(path, pass, overwrite),
        None => identity.save_plain(path, overwrite),
    };
    written.map_err(|e| ctx.identity_error(&e))
}

pub async fn run(ctx: &Context, command: IdentityCommand) -> Result<()> {
    match command {
        IdentityCommand::New {
            name,
            out,
            plain,
            request_out,
            force,
            signing,
            new_passphrase_file,
        } => {
            vaultd::ids::PrincipalName::parse(&name)?;
            let request_path = request_out.unwrap_or_else(|| out.with_extension("csr"));
            let key = vaultd::identity::pki::new_client_key()
                .map_err(|e| ctx.fail(m::IDENTITY_UNREADABLE, &[("detail", &e)]))?;
            let csr = vaultd::identity::pki::certificate_request(&name, &key)
                .map_err(|e| ctx.fail(m::IDENTITY_UNREADABLE, &[("detail", &e)]))?;
            let mut identity = Identity::new(name.clone(), key);
            let signing_key = signing.then(vaultd::authz::grant::SigningKey::generate);
            if let Some(k) = &signing_key {
                identity = identity.with_signing_key(k);
            }
            // Refuse before writing anything, so a refusal leaves no half-made identity.
            for path in [&out, &request_path] {
                if path.exists() && !force {
                    return Err(ctx.fail(m::FILE_EXISTS, &[("path", &path.display())]));
                }
            }
            let passphrase = if plain {
                None
            } else {
                Some(ctx.new_secret(
                    new_passphrase_file.as_deref(),
                    m::ASK_NEW_PASSPHRASE.text(ctx.lang),
                )?)
            };
            save(ctx, &identity, &out, passphrase.as_ref(), force)?;
            std::fs::write(&request_path, csr).map_err(|e| {
                ctx.fail(
                    m::WRITE_FAILED,
                    &[
                        ("path", &request_path.display()),
                        ("detail", &ctx.os_error(&e)),
                    ],
                )
            })?;
            if ctx.json {
                output::json(&json!({ "name": name, "identity": out, "request": request_path }));
            } else {
                ctx.say(
                    m::IDENTITY_CREATED,
                    &[
                        ("name", &name),
                        ("path", &out.display()),
                        ("request", &request_path.display()),
                    ],
                );
                if let Some(k) = &signing_key {
                    use base64::Engine;
                    let public = base64::engine::general_purpose::STANDARD.encode(k.public_key());
                    ctx.say(
                        m::SIGNING_KEY_CREATED,
                        &[("id", &k.key_id()), ("public", &public)],
                    );
                }
            }
        }
        IdentityCommand::Install { enrollment } => {
            let text = std::fs::read_to_string(&enrollment).map_err(|e| {
                ctx.fail(
                    m::READ_FAILED,
                    &[
                        ("path", &enrollment.display()),
                        ("detail", &ctx.os_error(&e)),
                    ],
                )
            })?;
            let parsed: Enrollment = serde_json::from_str(&text)
                .ok()
                .filter(|e: &Enrollment| e.format == Enrollment::FORMAT)
                .ok_or_else(|| {
                    ctx.fail(m::NOT_AN_ENROLLMENT, &[("path", &enrollment.display())])
                })?;
            let path = ctx.identity_path()?.clone();
            // Opened here (not through the run's cache) to own and rewrite it; its passphrase
            // is remembered, so the file is written back with the same one.
            let mut identity =
                ctx.open_identity(&path, ctx.identity_passphrase_file.as_deref(), true)?;
            if parsed.name != identity.name {
                return Err(ctx.fail(
                    m::ENROLLMENT_MISMATCH,
                    &[("enrolled", &parsed.name), ("identity", &identity.name)],
                ));
            }
            if !vaultd::identity::pki::cert_matches_key(&parsed.cert_pem, identity.key_pem()) {
                return Err(ctx.fail(m::ENROLLMENT_KEY_MISMATCH, &[]));
            }
            let server = parsed.server.clone();
            identity
                .install(parsed)
                .map_err(|e| ctx.identity_error(&e))?;
            save(ctx, &identity, &path, ctx.identity_passphrase(), true)?;
            if ctx.json {
                output::json(&json!({ "name": identity.name, "server": server, "identity": path }));
            } else {
                ctx.say(
                    m::IDENTITY_INSTALLED,
                    &[
                        ("name", &identity.name),
                        ("server", &server),
                        ("path", &path.display()),
                    ],
                );
            }
        }
        IdentityCommand::Renew { new_key } => renew(ctx, new_key).await?,
        IdentityCommand::ExportTls { out } => export_tls(ctx, &out)?,
        IdentityCommand::Show => {
            let path = ctx.identity_path()?.clone();
            let identity = ctx.load_identity()?;
            let fingerprint = identity
                .cert_pem
                .as_deref()
                .and_then(vaultd::identity::pki::first_cert_der)
                .map(|d| vaultd::identity::pki::fingerprint(&d));
            let signing = identity.signing_key();
            let value = json!({
                "name": identity.name, "identity": path, "encrypted": is_encrypted(&path),
                "server": identity.server, "server_name": identity.server_name,
                "enrolled": identity.is_enrolled(), "cert_fingerprint": fingerprint,
                "cert_not_after": identity.cert_pem.as_deref()
                    .and_then(vaultd::identity::pki::cert_not_after)
                    .map(|t| output::expiry(ctx, t)),
                "signing_key_id": signing.as_ref().map(|k| k.key_id()),
                "signing_public_key": signing.as_ref().map(|k| {
                    use base64::Engine;
                    base64::engine::general_purpose::STANDARD.encode(k.public_key())
                }),
            });
            if ctx.json {
                output::json(&value);
            } else if let Some(map) = value.as_object() {
                for (k, v) in map {
                    println!(
                        "{:<18} {}",
                        k,
                        v.as_str()
                            .map(str::to_owned)
                            .unwrap_or_else(|| v.to_string())
                    );
                }
            }
        }
    }
    Ok(())
}

/// Asks the vault for a new certificate over the identity's own mTLS channel, then writes the
/// identity back (atomically, with the passphrase that opened it).
async fn renew(ctx: &Context, new_key: bool) -> Result<()> {
    use vaultd::wire::pb;
    let path = ctx.identity_path()?.clone();
    let mut identity = ctx.open_identity(&path, ctx.identity_passphrase_file.as_deref(), true)?;
    let key = if new_key {
        vaultd::identity::pki::new_client_key()
            .map_err(|e| ctx.fail(m::IDENTITY_UNREADABLE, &[("detail", &e)]))?
    } else {
        SecretString::new(identity.key_pem().expose().to_owned())
    };
    let csr = vaultd::identity::pki::certificate_request(&identity.name, &key)
        .map_err(|e| ctx.fail(m::IDENTITY_UNREADABLE, &[("detail", &e)]))?;
    // The vault retires the current certificate as soon as it answers: make sure the file can
    // be rewritten first, so a full disk or a read-only directory does not lock its owner out.
    let probe = path.with_file_name(format!(
        ".{}.renew-check",
        path.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    ));
    vaultd::identity::write_private(&probe, &[0u8; 4096], true)
        .map_err(|e| ctx.identity_error(&e))?;
    let _ = std::fs::remove_file(&probe);
    let channel = vaultd::wire::client::connect(&identity, ctx.server.as_deref())
        .await
        .map_err(crate::error::CliError::Connect)?;
    let r = pb::principals_client::PrincipalsClient::new(channel)
        .renew(pb::RenewRequest { csr_pem: csr })
        .await?
        .into_inner();
    let not_after = r
        .principal
        .as_ref()
        .map(|p| p.cert_not_after)
        .unwrap_or_default();
    let enrollment = Enrollment {
        format: Enrollment::FORMAT.into(),
        name: identity.name.clone(),
        server: r.server,
        server_name: r.server_name,
        ca_pem: r.ca_pem,
        cert_pem: r.cert_pem,
    };
    if new_key {
        identity = Identity::enrolled(enrollment, key)
            .map_err(|e| ctx.identity_error(&e))?
            .with_signing_key_of(&identity);
    } else {
        identity
            .install(enrollment)
            .map_err(|e| ctx.identity_error(&e))?;
    }
    // The vault has already retired the old certificate: if the file cannot be rewritten, keep
    // the renewed identity beside it rather than lose it.
    if let Err(e) = save(ctx, &identity, &path, ctx.identity_passphrase(), true) {
        let fallback = std::env::temp_dir().join(format!("{}.renewed.id", identity.name));
        save(ctx, &identity, &fallback, ctx.identity_passphrase(), true)?;
        return Err(ctx.fail(
            m::RENEWED_ELSEWHERE,
            &[
                ("path", &path.display()),
                ("detail", &e.describe(ctx.lang)),
                ("fallback", &fallback.display()),
            ],
        ));
    }
    if ctx.json {
        output::json(&json!({
            "name": identity.name, "identity": path, "new_key": new_key,
            "cert_not_after": output::utc(not_after),
        }));
    } else {
        let which = if new_key { m::NEW_KEY } else { m::SAME_KEY };
        ctx.say(
            m::RENEWED,
            &[
                ("name", &identity.name),
                ("expires", &ctx.time(not_after)),
                ("key", &which.text(ctx.lang)),
                ("path", &path.display()),
            ],
        );
    }
    Ok(())
}

/// The identity's CA, certificate and key as three PEM files, for grpcurl and the like.
fn export_tls(ctx: &Context, out: &Path) -> Result<()> {
    let identity = ctx.load_identity()?;
    let (Some(ca), Some(cert)) = (&identity.ca_pem, &identity.cert_pem) else {
        return Err(ctx.fail(m::NOT_ENROLLED_YET, &[("name", &identity.name)]));
    };
    if out.exists() {
        return Err(ctx.fail(m::BACKUP_EXISTS, &[("path", &out.display())]));
    }
    let fail = |path: &Path, e: std::io::Error| {
        ctx.fail(
            m::WRITE_FAILED,
            &[("path", &path.display()), ("detail", &ctx.os_error(&e))],
        )
    };
    vaultd::private_file::create_dir(out, false).map_err(|e| fail(out, e))?;
    for (name, text) in [("ca.pem", ca.as_str()), ("cert.pem", cert.as_str())] {
        std::fs::write(out.join(name), text).map_err(|e| fail(&out.join(name), e))?;
    }
    vaultd::identity::write_private(
        &out.join("key.pem"),
        identity.key_pem().expose().as_bytes(),
        false,
    )
    .map_err(|e| ctx.identity_error(&e))?;
    let server = identity.server.clone().unwrap_or_default();
    let host = server.trim_start_matches("https://").to_owned();
    let server_name = identity.server_name.clone().unwrap_or_default();
    if ctx.json {
        output::json(&json!({ "dir": out, "server": server, "server_name": server_name }));
    } else {
        ctx.say(
            m::TLS_EXPORTED,
            &[
                ("dir", &out.display()),
                ("host", &host),
                ("name", &server_name),
            ],
        );
    }
    Ok(())
}
