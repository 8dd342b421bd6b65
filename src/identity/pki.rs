//! The vault's small certificate authority and the keys around it: the CA that signs client and
//! server certificates, certificate requests made on a principal's own machine, and certificate
//! fingerprints, which is how the daemon recognises a principal on every call.

use crate::secret::SecretString;
use rcgen::{
    BasicConstraints, CertificateParams, CertificateSigningRequestParams, DistinguishedName,
    DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair, KeyUsagePurpose, SanType,
};
use rustls_pki_types::{pem::PemObject, CertificateDer};
use time::{Duration, OffsetDateTime};

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PkiError {
    /// rcgen could not build, parse or sign.
    #[error("certificate error: {0}")]
    Rcgen(#[from] rcgen::Error),
    /// The request's subject has no usable common name.
    #[error("the certificate request names no principal")]
    NoName,
}

/// A PEM certificate and its PEM private key.
pub struct CertifiedKey {
    pub cert_pem: String,
    pub key_pem: SecretString,
}

const CA_YEARS: i64 = 20;
const SERVER_DAYS: i64 = 5 * 365;
const CLIENT_DAYS: i64 = 825;

fn validity(params: &mut CertificateParams, days: i64) {
    let now = OffsetDateTime::now_utc();
    // A little slack for clocks that disagree by a few minutes.
    params.not_before = now - Duration::minutes(10);
    params.not_after = now + Duration::days(days);
}

fn named(common_name: &str) -> DistinguishedName {
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, common_name);
    dn
}

/// Creates a vault's certificate authority. Its key never leaves the vault except sealed.
pub fn new_ca(vault_id: &str) -> Result<CertifiedKey, PkiError> {
    let key = KeyPair::generate()?;
    let mut params = CertificateParams::default();
    params.distinguished_name = named(&format!("vaultd CA {vault_id}"));
    params.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    validity(&mut params, CA_YEARS * 365);
    let cert = params.self_signed(&key)?;
    Ok(CertifiedKey {
        cert_pem: cert.pem(),
        key_pem: SecretString::new(key.serialize_pem()),
    })
}

fn ca_issuer(
    ca_cert_pem: &str,
    ca_key_pem: &SecretString,
) -> Result<Issuer<'static, KeyPair>, PkiError> {
    let key = KeyPair::from_pem(ca_key_pem.expose())?;
    Ok(Issuer::from_ca_cert_pem(ca_cert_pem, key)?)
}

/// Issues the daemon's TLS certificate for the given DNS names and IP addresses.
pub fn new_server_cert(
    ca_cert_pem: &str,
    ca_key_pem: &SecretString,
    names: &[String],
) -> Result<CertifiedKey, PkiError> {
    let issuer = ca_issuer(ca_cert_pem, ca_key_pem)?;
    let key = KeyPair::generate()?;
    let mut params = CertificateParams::default();
    params.distinguished_name = named("vaultd");
    params.subject_alt_names = names
        .iter()
        .map(|n| match n.parse::<std::net::IpAddr>() {
            Ok(ip) => Ok(SanType::IpAddress(ip)),
            Err(_) => Ok(SanType::DnsName(n.as_str().try_into()?)),
        })
        .collect::<Result<_, rcgen::Error>>()?;
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    validity(&mut params, SERVER_DAYS);
    let cert = params.signed_by(&key, &issuer)?;
    Ok(CertifiedKey {
        cert_pem: cert.pem(),
        key_pem: SecretString::new(key.serialize_pem()),
    })
}

/// A fresh client key, made on the principal's own machine.
pub fn new_client_key() -> Result<SecretString, PkiError> {
    Ok(SecretString::new(KeyPair::generate()?.serialize_pem()))
}

/// A certificate request for `name`, signed by the client key, for the operator to enroll.
pub fn certificate_request(name: &str, key_pem: &SecretString) -> Result<String, PkiError> {
    let key = KeyPair::from_pem(key_pem.expose())?;
    let mut params = CertificateParams::default();
    params.distinguished_name = named(name);
    Ok(params.serialize_request(&key)?.pem()?)
}

/// A verified certificate request: the name it asks for and the key it proves it holds.
pub struct VerifiedRequest {
    pub requested_name: String,
    request: CertificateSigningRequestParams,
}

/// Parses a PEM certificate request and checks its self-signature.
pub fn verify_request(csr_pem: &str) -> Result<VerifiedRequest, PkiError> {
    let request = CertificateSigningRequestParams::from_pem(csr_pem)?;
    let requested_name = request
        .params
        .distinguished_name
        .get(&DnType::CommonName)
        .and_then(|v| match v {
            rcgen::DnValue::Utf8String(s) => Some(s.clone()),
            rcgen::DnValue::PrintableString(s) => Some(s.as_str().to_owned()),
            _ => None,
        })
        .ok_or(PkiError::NoName)?;
    Ok(VerifiedRequest {
        requested_name,
        request,
    })
}

/// Issues a client certificate for `name` over the request's key. Only the key is taken from the
/// request: every other field is the vault's choice, so a request cannot ask to become a CA.
pub fn issue_client_cert(
    ca_cert_pem: &str,
    ca_key_pem: &SecretString,
    name: &str,
    request: &VerifiedRequest,
) -> Result<String, PkiError> {
    let issuer = ca_issuer(ca_cert_pem, ca_key_pem)?;
    let mut params = CertificateParams::default();
    params.distinguished_name = named(name);
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    validity(&mut params, CLIENT_DAYS);
    Ok(params
        .signed_by(&request.request.public_key, &issuer)?
        .pem())
}

/// SHA-256 of a DER certificate, lowercase hex: the principal's key in the vault.
pub fn fingerprint(cert_der: &[u8]) -> String {
    hex::encode(ring::digest::digest(&ring::digest::SHA256, cert_der))
}

/// The DER bytes of the first certificate in a PEM text.
pub fn first_cert_der(pem: &str) -> Option<Vec<u8>> {
    CertificateDer::pem_slice_iter(pem.as_bytes())
        .next()
        .and_then(Result::ok)
        .map(|c| c.to_vec())
}

/// When the first certificate of a PEM text expires (Unix seconds).
pub fn cert_not_after(cert_pem: &str) -> Option<i64> {
    let der = first_cert_der(cert_pem)?;
    let (_, cert) = x509_parser::parse_x509_certificate(&der).ok()?;
    Some(cert.validity().not_after.timestamp())
}

/// The DNS names and IP addresses a certificate is for (its subject alternative names).
pub fn cert_names(cert_pem: &str) -> Vec<String> {
    use x509_parser::extensions::GeneralName;
    let Some(der) = first_cert_der(cert_pem) else {
        return Vec::new();
    };
    let Ok((_, cert)) = x509_parser::parse_x509_certificate(&der) else {
        return Vec::new();
    };
    let Ok(Some(san)) = cert.subject_alternative_name() else {
        return Vec::new();
    };
    san.value
        .general_names
        .iter()
        .filter_map(|n| match n {
            GeneralName::DNSName(d) => Some(d.to_string()),
            GeneralName::IPAddress(ip) => match ip.len() {
                4 => <[u8; 4]>::try_from(*ip)
                    .ok()
                    .map(|b| std::net::IpAddr::from(b).to_string()),
                16 => <[u8; 16]>::try_from(*ip)
                    .ok()
                    .map(|b| std::net::IpAddr::from(b).to_string()),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

/// True when the PEM certificate is for the public key of `key_pem`.
pub fn cert_matches_key(cert_pem: &str, key_pem: &SecretString) -> bool {
    let (Some(der), Ok(key)) = (
        first_cert_der(cert_pem),
        KeyPair::from_pem(key_pem.expose()),
    ) else {
        return false;
    };
    let Ok((_, cert)) = x509_parser::parse_x509_certificate(&der) else {
        return false;
    };
    use rcgen::PublicKeyData;
    // DER is canonical: the same key has the same SubjectPublicKeyInfo bytes.
    cert.public_key().raw == key.subject_public_key_info().as_slice()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_becomes_a_client_certificate_with_the_vault_chosen_name() {
        let ca = new_ca("test").unwrap();
        let key = new_client_key().unwrap();
        let csr = certificate_request("alice", &key).unwrap();
        let verified = verify_request(&csr).unwrap();
        assert_eq!(verified.requested_name, "alice");
        let cert = issue_client_cert(&ca.cert_pem, &ca.key_pem, "alice", &verified).unwrap();
        let der = first_cert_der(&cert).unwrap();
        assert_eq!(fingerprint(&der).len(), 64);
        assert!(cert_matches_key(&cert, &key));
        let server = new_server_cert(
            &ca.cert_pem,
            &ca.key_pem,
            &["vault.example".into(), "10.0.0.1".into(), "::1".into()],
        )
        .unwrap();
        assert_eq!(
            cert_names(&server.cert_pem),
            ["vault.example", "10.0.0.1", "::1"]
        );
        let expires = cert_not_after(&cert).unwrap();
        let in_825_days = OffsetDateTime::now_utc().unix_timestamp() + 825 * 86_400;
        assert!(
            (expires - in_825_days).abs() < 120,
            "{expires} vs {in_825_days}"
        );
        assert!(!cert_matches_key(&cert, &new_client_key().unwrap()));
    }

    #[test]
    fn a_certificate_that_only_mentions_the_key_does_not_match_it() {
        // The key's SubjectPublicKeyInfo sits verbatim in an extension of a certificate for
        // another key: a byte search of the DER would take it for a match.
        use rcgen::PublicKeyData;
        let key = new_client_key().unwrap();
        let spki = KeyPair::from_pem(key.expose())
            .unwrap()
            .subject_public_key_info();
        let other = KeyPair::generate().unwrap();
        let mut params = CertificateParams::default();
        params.distinguished_name = named("mallory");
        params.custom_extensions = vec![rcgen::CustomExtension::from_oid_content(
            &[1, 3, 6, 1, 4, 1, 32473, 1],
            spki.clone(),
        )];
        let cert = params.self_signed(&other).unwrap().pem();
        let der = first_cert_der(&cert).unwrap();
        assert!(der.windows(spki.len()).any(|w| w == spki.as_slice()));
        assert!(!cert_matches_key(&cert, &key));
        assert!(cert_matches_key(
            &cert,
            &SecretString::new(other.serialize_pem())
        ));
    }

    #[test]
    fn what_is_not_a_certificate_matches_no_key() {
        let key = new_client_key().unwrap();
        assert!(!cert_matches_key("", &key));
        assert!(!cert_matches_key(key.expose(), &key));
        let csr = certificate_request("alice", &key).unwrap();
        assert!(!cert_matches_key(&csr, &key));
        // A CERTIFICATE block whose body is the key's SubjectPublicKeyInfo, not a certificate.
        use base64::Engine;
        use rcgen::PublicKeyData;
        let spki = KeyPair::from_pem(key.expose())
            .unwrap()
            .subject_public_key_info();
        let fake = format!(
            "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
            base64::engine::general_purpose::STANDARD.encode(spki)
        );
        assert!(first_cert_der(&fake).is_some());
        assert!(!cert_matches_key(&fake, &key));
    }

    #[test]
    fn a_tampered_request_is_refused() {
        let key = new_client_key().unwrap();
        let csr = certificate_request("alice", &key).unwrap();
        let der = {
            let body: String = csr.lines().filter(|l| !l.starts_with("-----")).collect();
            use base64::Engine;
            base64::engine::general_purpose::STANDARD
                .decode(body)
                .unwrap()
        };
        let mut tampered = der.clone();
        let i = tampered.len() - 10;
        tampered[i] ^= 1;
        use base64::Engine;
        let pem = format!(
            "-----BEGIN CERTIFICATE REQUEST-----\n{}\n-----END CERTIFICATE REQUEST-----\n",
            base64::engine::general_purpose::STANDARD.encode(tampered)
        );
        // rcgen checks the request's self-signature while parsing it.
        assert!(
            matches!(verify_request(&pem), Err(PkiError::Rcgen(_))),
            "a tampered request must fail its signature check"
        );
    }
}
