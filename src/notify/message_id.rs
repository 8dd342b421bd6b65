//! The Message-ID of an event's mail: one per event, the same on every retry and after a
//! restart (from the event's sequence number), and specific to this vault and this notifier (a
//! tag from the vault's CA and the notifier's principal), so that a mail server or a reader
//! recognises a retry as the same message, and two vaults' mails never share an id.

use super::event::header_safe;

/// A short tag for this vault and notifier: SHA-256 of the vault CA's certificate (as the
/// identity holds it) and the principal's name, 16 hex digits.
pub fn vault_tag(ca_pem: &str, principal: &str) -> String {
    let mut context = ring::digest::Context::new(&ring::digest::SHA256);
    context.update(b"vaultd-notify message-id\0");
    context.update(ca_pem.as_bytes());
    context.update(b"\0");
    context.update(principal.as_bytes());
    hex::encode(&context.finish().as_ref()[..8])
}

/// `<vaultd.SEQ.TAG@DOMAIN>`, DOMAIN being the sender's (or `vaultd.invalid`).
pub fn message_id(seq: u64, tag: &str, domain: &str) -> String {
    let domain = header_safe(domain);
    let domain = if domain.is_empty() {
        "vaultd.invalid"
    } else {
        &domain
    };
    format!("<vaultd.{seq}.{}@{domain}>", header_safe(tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_event_has_one_id_and_another_vault_another() {
        let tag = vault_tag("-----BEGIN CERTIFICATE-----\nA\n", "notifier");
        assert_eq!(
            tag,
            vault_tag("-----BEGIN CERTIFICATE-----\nA\n", "notifier")
        );
        assert_eq!(tag.len(), 16);
        assert_ne!(
            tag,
            vault_tag("-----BEGIN CERTIFICATE-----\nB\n", "notifier")
        );
        assert_ne!(
            tag,
            vault_tag("-----BEGIN CERTIFICATE-----\nA\n", "notifier2")
        );
        let id = message_id(42, &tag, "example.org");
        assert_eq!(id, message_id(42, &tag, "example.org"));
        assert_eq!(id, format!("<vaultd.42.{tag}@example.org>"));
        assert_ne!(id, message_id(43, &tag, "example.org"));
        assert_eq!(message_id(1, "t", "ex\r\nBcc: x"), "<vaultd.1.t@exBccx>");
        assert_eq!(message_id(1, "t", ""), "<vaultd.1.t@vaultd.invalid>");
    }
}
