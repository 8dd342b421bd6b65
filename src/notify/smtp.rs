//! Sending one mail over SMTP with lettre: implicit TLS, STARTTLS (required, never
//! opportunistic) or plain towards loopback, the server's certificate checked against the
//! system's trust roots (rustls with ring). Headers come from lettre's builder only. A failure
//! is told apart as the server refusing (an SMTP reply) or the server not reached (network,
//! TLS, time out): the record's reason is `smtp_refused` or `smtp_unreachable`.

use super::config::{Credentials, Security, Smtp};
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, Message};
use lettre::transport::smtp::authentication::Credentials as SmtpCredentials;
use lettre::{Address, AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use std::time::Duration;

/// How long one SMTP exchange may take before it counts as unreachable.
const TIMEOUT: Duration = Duration::from_secs(30);

/// A transport to the configured server, and the sender.
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer")
            .field("from", &self.from.to_string())
            .finish_non_exhaustive()
    }
}

/// Why a mail was not sent.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SendError {
    /// The server answered with a refusal; `permanent` for a 5xx reply.
    #[error("the SMTP server refused the mail ({detail})")]
    Refused { permanent: bool, detail: String },
    /// The server could not be reached, or TLS failed, or it took too long.
    #[error("the SMTP server could not be reached ({0})")]
    Unreachable(String),
    /// The mail could not be built (an address lettre refuses).
    #[error("the mail could not be built ({0})")]
    Build(String),
}

impl SendError {
    /// The reason code the record carries.
    pub fn reason(&self) -> &'static str {
        match self {
            SendError::Refused { .. } | SendError::Build(_) => "smtp_refused",
            SendError::Unreachable(_) => "smtp_unreachable",
        }
    }
}

/// The mail's words and its Message-ID.
pub struct Outgoing<'a> {
    pub to: &'a [Address],
    pub subject: &'a str,
    pub body: &'a str,
    pub message_id: &'a str,
}

impl Mailer {
    pub fn new(smtp: &Smtp, credentials: Option<Credentials>) -> Result<Mailer, SendError> {
        let host = smtp.server.host.as_str();
        let tls_error = |e: lettre::transport::smtp::Error| SendError::Unreachable(e.to_string());
        let builder = match smtp.security {
            Security::Tls => {
                AsyncSmtpTransport::<Tokio1Executor>::relay(host).map_err(tls_error)?
            }
            Security::StartTls => {
                AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host).map_err(tls_error)?
            }
            // The configuration refused plain towards anything but loopback.
            Security::Plain => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host),
        };
        let mut builder = builder.port(smtp.server.port).timeout(Some(TIMEOUT));
        if let Some(credentials) = credentials {
            builder = builder.credentials(SmtpCredentials::new(
                credentials.user,
                credentials.password.expose().to_owned(),
            ));
        }
        Ok(Mailer {
            transport: builder.build(),
            from: smtp.from.clone(),
        })
    }

    /// The sender's domain, for Message-IDs.
    pub fn domain(&self) -> &str {
        self.from.email.domain()
    }

    /// Sends one mail to every address in `mail.to`.
    pub async fn send(&self, mail: &Outgoing<'_>) -> Result<(), SendError> {
        let message = build(&self.from, mail)?;
        self.transport
            .send(message)
            .await
            .map(drop)
            .map_err(|e| classify(&e))
    }
}

fn build(from: &Mailbox, mail: &Outgoing<'_>) -> Result<Message, SendError> {
    let mut builder = Message::builder()
        .from(from.clone())
        .subject(mail.subject)
        .message_id(Some(mail.message_id.to_owned()))
        .header(ContentType::TEXT_PLAIN)
        // RFC 3834: an automatic mail; vacation responders do not answer it.
        .raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("Auto-Submitted"),
            "auto-generated".into(),
        ));
    for address in mail.to {
        builder = builder.to(Mailbox::new(None, address.clone()));
    }
    builder
        .body(mail.body.to_owned())
        .map_err(|e| SendError::Build(e.to_string()))
}

fn classify(e: &lettre::transport::smtp::Error) -> SendError {
    if e.is_permanent() || e.is_transient() {
        SendError::Refused {
            permanent: e.is_permanent(),
            detail: e.to_string(),
        }
    } else {
        SendError::Unreachable(e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_headers_are_the_builders_and_the_id_is_the_one_given() {
        let from: Mailbox = "Coffre <coffre@example.org>".parse().unwrap();
        let to = ["sg@example.org".parse().unwrap()];
        let message = build(
            &from,
            &Outgoing {
                to: &to,
                subject: "[vaultd] Demande d'accès 0123 de alice / Access request 0123 from alice",
                body: "-- Français --\n\nMotif : « Campagne »\n",
                message_id: "<vaultd.7.abcd@example.org>",
            },
        )
        .unwrap();
        let text = String::from_utf8(message.formatted()).unwrap();
        let (headers, _) = text.split_once("\r\n\r\n").unwrap();
        assert!(
            headers.contains("Message-ID: <vaultd.7.abcd@example.org>"),
            "{headers}"
        );
        assert!(headers.contains("Auto-Submitted: auto-generated"));
        assert!(headers.contains("To: sg@example.org"));
        // Words outside ASCII are encoded (RFC 2047), and the subject is the only Subject.
        assert!(
            headers.contains("Subject: [vaultd] Demande =?utf-8?"),
            "{headers}"
        );
        assert_eq!(headers.matches("Subject:").count(), 1);
    }
}
